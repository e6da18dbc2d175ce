//! Intake ([`tierline_core::TicketPolicy`]): source, priority, routing, clocks and messages.
//!
//! Explanation order: monitoring source (when it applies), priority (the evidence ladder of
//! [`crate::triage`]), routing, clocks.
//! StoreConnect has no scope boundaries, bills nothing and asks for nothing, so every
//! ticket is in scope, not billable and not flagged as needing information.

use tierline_core::{
    Channel, Customer, CustomerMessage, Decision, Explanation, Locale, MessageArgs, PolicyError,
    Priority, Routing, RoutingKind, Scope, SlaTargets, TicketIntake,
};

use crate::catalog::{development_level, support_level, PlanSize};
use crate::{rules, sla, triage, StoreConnect};

pub(crate) fn evaluate(
    sc: &StoreConnect,
    customer: &Customer,
    intake: &TicketIntake,
) -> Result<Decision, PolicyError> {
    let plan = PlanSize::from_id(&customer.plan)
        .ok_or_else(|| PolicyError::UnknownPlan(customer.plan.to_string()))?;
    let locale = sc.messages.pick(intake.message_locale(customer));
    let mut why = Explanation::new();
    let mut messages = Vec::new();
    let say = |messages: &mut Vec<CustomerMessage>, key: &str, args: MessageArgs<'_>| {
        customer_message(sc, locale, key, args).map(|m| messages.push(m))
    };

    // Source.
    let monitoring = intake.channel == Channel::Monitoring;
    if monitoring {
        sc.cite(&mut why, rules::INTAKE_MONITORING, &[])?;
    }

    // Priority: the evidence ladder (ruling, reporter, facts, text), else medium.
    let decided = triage::decide(sc, intake, &mut why)?;
    let (priority, suggested_priority) = (decided.priority, decided.suggested);

    // Routing and clocks.
    let accelerated = intake.accelerated_development && priority == Priority::Low && !monitoring;
    let (routing, sla) = if accelerated {
        sc.cite(&mut why, rules::ROUTING_ACCELERATED_DEVELOPMENT, &[])?;
        say(
            &mut messages,
            "storeconnect.customer.accelerated_development",
            &[],
        )?;
        let routing = Routing {
            kind: RoutingKind::Vendor,
            handled_by: sc.text("storeconnect.team.development", &[])?,
            contact: None,
            reseller_id: None,
            level: Some(development_level()),
            in_vendor_queue: true,
        };
        (routing, SlaTargets::NONE)
    } else {
        if intake.accelerated_development {
            sc.cite(
                &mut why,
                rules::ROUTING_ACCELERATED_DEVELOPMENT_INELIGIBLE,
                &[("priority", priority.as_str())],
            )?;
            say(
                &mut messages,
                "storeconnect.customer.accelerated_development_ineligible",
                &[("priority", priority.as_str())],
            )?;
        }
        sc.cite(&mut why, rules::ROUTING_SUPPORT, &[])?;
        sla::explain(sc, plan, priority, &mut why)?;
        match sc.config.resolution_days(priority, plan) {
            Some(days) => say(
                &mut messages,
                "storeconnect.customer.resolution_target",
                &[
                    ("priority", priority.as_str()),
                    ("plan", plan.name()),
                    ("days", &days.to_string()),
                ],
            )?,
            None => say(
                &mut messages,
                "storeconnect.customer.no_target",
                &[("priority", priority.as_str())],
            )?,
        }
        if monitoring {
            say(&mut messages, "storeconnect.customer.monitoring", &[])?;
        }
        let routing = Routing {
            kind: RoutingKind::Vendor,
            handled_by: sc.text("storeconnect.team.support", &[])?,
            contact: None,
            reseller_id: None,
            level: Some(support_level()),
            in_vendor_queue: true,
        };
        (routing, sla::targets(sc, plan, priority))
    };

    Ok(Decision {
        routing,
        scope: Scope::IN,
        priority: Some(priority),
        suggested_priority,
        billable: false,
        needs_info: false,
        messages,
        sla,
        explanation: why,
        triage: decided.triage,
    })
}

fn customer_message(
    sc: &StoreConnect,
    locale: Locale,
    key: &str,
    args: MessageArgs<'_>,
) -> Result<CustomerMessage, PolicyError> {
    Ok(CustomerMessage {
        key: key.to_owned(),
        locale,
        text: sc.messages.render(locale, key, args)?,
    })
}
