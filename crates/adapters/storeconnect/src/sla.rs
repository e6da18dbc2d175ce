//! Clocks (the resolve-or-mitigate matrix; no first-response target) and the queue
//! (critical first, then high, then the rest, each by resolution due time).

use tierline_calendar::{BusinessMinutes, WarningRule};
use tierline_core::{
    ClockSpec, Explanation, PolicyError, Priority, QueueEntry, QueueKey, SlaQuery, SlaTargets,
};

use crate::catalog::PlanSize;
use crate::rules;
use crate::StoreConnect;

/// The clocks of a ticket of `priority` on `plan`: a resolution clock where the matrix has
/// a target, never a first-response clock. The clock does not pause while the ticket waits
/// on the customer (the seed defines no pause).
pub(crate) fn targets(sc: &StoreConnect, plan: PlanSize, priority: Priority) -> SlaTargets {
    let resolution = sc
        .config
        .resolution_days(priority, plan)
        .map(|days| ClockSpec {
            target: target_minutes(sc, days.get()),
            warning: sc.config.warning_rule(),
            pauses_when_pending: false,
            // "We aim to resolve or mitigate": a mitigation meets the target.
            met_by_mitigation: true,
        });
    SlaTargets {
        first_response: None,
        resolution,
    }
}

fn target_minutes(sc: &StoreConnect, days: u32) -> BusinessMinutes {
    BusinessMinutes::new(i64::from(days).saturating_mul(sc.config.business_day().get()))
}

/// [`tierline_core::SlaPolicy::sla_targets`]: the plan must be StoreConnect's, a priority is
/// required (the targets depend on it) and lines do not apply.
pub(crate) fn query_targets(
    sc: &StoreConnect,
    query: &SlaQuery,
) -> Result<SlaTargets, PolicyError> {
    let plan = PlanSize::from_id(&query.plan)
        .ok_or_else(|| PolicyError::UnknownPlan(query.plan.to_string()))?;
    if query.line.is_some() {
        return Err(PolicyError::NotApplicable(
            sc.text("storeconnect.error.no_lines", &[])?,
        ));
    }
    let priority = query.priority.ok_or_else(|| {
        match sc.text("storeconnect.error.priority_required", &[]) {
            Ok(text) => PolicyError::NotApplicable(text),
            Err(e) => PolicyError::Message(e),
        }
    })?;
    Ok(targets(sc, plan, priority))
}

/// Adds the clock rules for a ticket routed to support, in order: business day, the
/// resolution target (or its absence) with its warning, and the absent first response.
pub(crate) fn explain(
    sc: &StoreConnect,
    plan: PlanSize,
    priority: Priority,
    why: &mut Explanation,
) -> Result<(), PolicyError> {
    let bd = sc.config.business_day().get().to_string();
    sc.cite(
        why,
        rules::SLA_BUSINESS_DAY,
        &[
            ("zone", sc.calendar.definition().zone.as_str()),
            ("minutes", &bd),
        ],
    )?;
    match sc.config.resolution_days(priority, plan) {
        Some(days) => {
            let minutes = target_minutes(sc, days.get()).get().to_string();
            sc.cite(
                why,
                rules::SLA_RESOLUTION,
                &[
                    ("priority", priority.as_str()),
                    ("plan", plan.name()),
                    ("days", &days.to_string()),
                    ("minutes", &minutes),
                ],
            )?;
            if let Some(rule) = sc.config.warning_rule() {
                let when = warning_text(sc, rule)?;
                sc.cite(why, rules::SLA_WARNING, &[("when", &when)])?;
            }
        }
        None => sc.cite(
            why,
            rules::SLA_NO_RESOLUTION_TARGET,
            &[("priority", priority.as_str()), ("plan", plan.name())],
        )?,
    }
    sc.cite(why, rules::SLA_NO_FIRST_RESPONSE, &[])
}

fn warning_text(sc: &StoreConnect, rule: WarningRule) -> Result<String, PolicyError> {
    Ok(match rule {
        WarningRule::Fraction { percent } => sc.text(
            "storeconnect.warning.fraction",
            &[("percent", &percent.min(100).to_string())],
        )?,
        WarningRule::BeforeDue(m) => sc.text(
            "storeconnect.warning.before_due",
            &[("minutes", &m.get().to_string())],
        )?,
        WarningRule::AfterElapsed(m) => sc.text(
            "storeconnect.warning.after_elapsed",
            &[("minutes", &m.get().to_string())],
        )?,
    })
}

/// Rule [`rules::QUEUE_CRITICAL_FIRST`]: class 0 critical, 1 high, 2 everything else
/// (medium, low, none); within a class by resolution due time, or receipt when no
/// resolution clock runs.
pub(crate) fn queue_key(entry: &QueueEntry<'_>) -> QueueKey {
    let class = match entry.priority {
        Some(Priority::Critical) => 0,
        Some(Priority::High) => 1,
        Some(Priority::Medium | Priority::Low) | None => 2,
    };
    QueueKey {
        class,
        at: entry.resolution_due.unwrap_or(entry.received_at),
    }
}
