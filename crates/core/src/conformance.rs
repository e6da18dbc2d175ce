//! The conformance suite every adapter's tests run (feature `conformance`).
//!
//! ```ignore
//! #[test]
//! fn conforms() {
//!     tierline_core::conformance::assert_conforms(&*tierline_acme::adapter_with_defaults());
//! }
//! ```
//!
//! It checks the behaviour the traits' docs promise, over a grid of plans, channels,
//! priorities, lines, customers and instants (weekends, DST changes, year ends) for the
//! years 1990–2100. Failures are collected, not stopped at, so one run shows them all.
//!
//! # What it checks
//! - **Catalog**: at least one plan; ids unique and lower case; every id, display name and
//!   alias resolves to exactly one plan, also upper-cased and padded with spaces; an
//!   unknown name resolves to nothing; included developer time is positive.
//! - **Messages**: at least one locale; every key of one locale exists in every other, with
//!   the same placeholders; every rule of [`VendorAdapter::rules`] has an explanation text
//!   under its own id in the default locale.
//! - **Calendar**: a positive business day; for every year 1990–2100, one business day
//!   from June 1 lands later, two weeks of June have an open interval, and the year's
//!   closures compute.
//! - **Targets**: for every plan × priority × channel × line the vendor accepts, targets
//!   are positive; previews at sample instants have due times after receipt, warnings
//!   between receipt and due, and are deterministic.
//! - **Decisions**: `evaluate` succeeds for sample customers (monthly/annual, trial,
//!   Danish, reseller) and intakes, explains itself with declared rules only, writes
//!   messages in declared locales, and is deterministic, as is the queue key.
//! - **Escalations**: every tier/line move, with and without regression, is deterministic;
//!   an allowed one cites declared rules and carries non-empty messages in declared
//!   locales; a denied one is denied by a declared rule, with a reason.
//! - **Entitlements**: `developer_budget` is deterministic; a budget's period contains the
//!   day, lasts about a year at most, includes non-negative time, cites declared rules, and
//!   [`crate::Budget::remaining`] never goes negative; "no budget" is a denial by a declared
//!   rule with a reason. Purchase and session-booking denials cite declared rules too.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

use crate::adapter::VendorAdapter;
use crate::domain::{
    BillingCycle, Channel, Customer, Line, Locale, Minutes, Priority, Reseller, RuleId,
    SupportLevel, TicketIntake, Tier,
};
use crate::messages::MessageCatalog;
use crate::policy::{
    Decision, Denial, EscalationDecision, EscalationRequest, Explanation, PurchaseItem, QueueEntry,
    RoutingKind, SessionKind, SessionRequest,
};
use crate::preview::{preview, SlaQuery};
use crate::triage::{Confidence, Proposal, Source};

/// First year the suite checks the calendar for.
pub const FIRST_YEAR: i32 = 1990;
/// Last year the suite checks the calendar for.
pub const LAST_YEAR: i32 = 2100;

/// Runs the whole suite and panics with every failure listed.
pub fn assert_conforms(adapter: &dyn VendorAdapter) {
    if let Err(failures) = check(adapter) {
        panic!(
            "adapter {} fails {} conformance check(s):\n- {}",
            adapter.id(),
            failures.len(),
            failures.join("\n- ")
        );
    }
}

/// Runs the whole suite and returns every failure.
pub fn check(adapter: &dyn VendorAdapter) -> Result<(), Vec<String>> {
    let mut failures = Vec::new();
    check_catalog(adapter, &mut failures);
    check_messages(adapter, &mut failures);
    check_calendar(adapter, &mut failures);
    check_targets(adapter, &mut failures);
    check_decisions(adapter, &mut failures);
    check_escalations(adapter, &mut failures);
    check_entitlements(adapter, &mut failures);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

fn check_catalog(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let plans = adapter.plans();
    if plans.is_empty() {
        failures.push("the catalog has no plans".into());
    }
    for (i, plan) in plans.iter().enumerate() {
        if plans[..i].iter().any(|p| p.id == plan.id) {
            failures.push(format!("plan id {} appears twice", plan.id));
        }
        if plan.id.as_str() != plan.id.as_str().to_lowercase() {
            failures.push(format!("plan id {} is not lower case", plan.id));
        }
        for name in std::iter::once(plan.id.as_str())
            .chain(std::iter::once(plan.name.as_str()))
            .chain(plan.aliases.iter().map(String::as_str))
        {
            let matching: Vec<_> = plans.iter().filter(|p| p.answers_to(name)).collect();
            if matching.len() != 1 {
                failures.push(format!(
                    "name {name:?} resolves to {} plans, expected exactly one",
                    matching.len()
                ));
            }
            for variant in [name.to_uppercase(), format!("  {name} ")] {
                if adapter.resolve_plan(&variant).map(|p| &p.id) != Some(&plan.id) {
                    failures.push(format!("{variant:?} does not resolve to plan {}", plan.id));
                }
            }
        }
        if let Some(minutes) = plan.developer_minutes_per_year {
            if minutes.0 <= 0 {
                failures.push(format!(
                    "plan {} includes non-positive developer time",
                    plan.id
                ));
            }
        }
    }
    if adapter.resolve_plan("no-such-plan-xyz").is_some() {
        failures.push("an unknown plan name resolved".into());
    }
}

fn check_messages(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let catalog = adapter.messages();
    let locales = adapter.locales();
    if locales.is_empty() {
        failures.push("the adapter declares no locale".into());
        return;
    }
    for &a in locales {
        for key in catalog.keys(a) {
            for &b in locales {
                match catalog.template(b, key) {
                    None => failures.push(format!("message {key:?} exists in {a} but not in {b}")),
                    Some(other) => {
                        let mut pa =
                            MessageCatalog::placeholders(catalog.template(a, key).unwrap_or(""));
                        let mut pb = MessageCatalog::placeholders(other);
                        pa.sort_unstable();
                        pb.sort_unstable();
                        if pa != pb {
                            failures.push(format!(
                                "message {key:?} has placeholders {pa:?} in {a} but {pb:?} in {b}"
                            ));
                        }
                    }
                }
            }
        }
    }
    let default = catalog.default_locale();
    for rule in adapter.rules() {
        if catalog.template(default, rule.as_str()).is_none() {
            failures.push(format!(
                "rule {rule} has no explanation text (message key {rule:?}) in {default}"
            ));
        }
    }
}

fn sample_instants() -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for year in [
        FIRST_YEAR,
        2000,
        2023,
        2024,
        2026,
        2027,
        2050,
        LAST_YEAR - 1,
    ] {
        for (m, d, h) in [
            (1, 1, 0),
            (1, 2, 14),
            (3, 10, 7),
            (3, 30, 1),
            (4, 5, 23),
            (6, 15, 12),
            (10, 6, 16),
            (10, 27, 2),
            (11, 3, 6),
            (12, 24, 18),
            (12, 31, 22),
        ] {
            if let Some(t) = Utc.with_ymd_and_hms(year, m, d, h, 30, 15).single() {
                out.push(t);
            }
        }
    }
    out
}

fn check_calendar(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let calendar = adapter.calendar();
    let bd = adapter.business_day();
    if bd.get() <= 0 {
        failures.push(format!("business day is not positive: {bd}"));
    }
    for year in FIRST_YEAR..=LAST_YEAR {
        let Some(start) = Utc.with_ymd_and_hms(year, 6, 1, 0, 0, 0).single() else {
            continue;
        };
        match calendar.add_business(start, bd) {
            Ok(due) if due > start => {}
            Ok(due) => failures.push(format!("{year}: 1 bd from {start} is {due}, not later")),
            Err(e) => failures.push(format!("{year}: add_business failed: {e}")),
        }
        match calendar.open_intervals(start, start + Duration::days(14)) {
            Ok(intervals) if !intervals.is_empty() => {}
            Ok(_) => failures.push(format!("{year}: no open interval in two weeks of June")),
            Err(e) => failures.push(format!("{year}: open_intervals failed: {e}")),
        }
        let from = NaiveDate::from_ymd_opt(year, 1, 1);
        let to = NaiveDate::from_ymd_opt(year, 12, 31);
        if let (Some(from), Some(to)) = (from, to) {
            if let Err(e) = calendar.closures(from, to) {
                failures.push(format!("{year}: closures failed: {e}"));
            }
        }
    }
}

fn queries(adapter: &dyn VendorAdapter) -> Vec<SlaQuery> {
    let mut out = Vec::new();
    for plan in adapter.plans() {
        for priority in std::iter::once(None).chain(Priority::ALL.map(Some)) {
            for channel in std::iter::once(None).chain(Channel::ALL.map(Some)) {
                for line in [None, Some(Line::First), Some(Line::Second)] {
                    out.push(SlaQuery {
                        plan: plan.id.clone(),
                        priority,
                        channel,
                        line,
                    });
                }
            }
        }
    }
    out
}

fn check_targets(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let instants = sample_instants();
    for query in queries(adapter) {
        let targets = match adapter.sla_targets(&query) {
            Ok(t) => t,
            Err(_) => continue, // a combination the vendor does not use (e.g. a line)
        };
        for (name, spec) in [
            ("first_response", &targets.first_response),
            ("resolution", &targets.resolution),
        ] {
            if let Some(spec) = spec {
                if spec.target.get() <= 0 {
                    failures.push(format!("{query:?}: {name} target is not positive"));
                }
            }
        }
        for &t in instants.iter().step_by(7) {
            match preview(adapter, &query, t) {
                Err(e) => failures.push(format!("{query:?} at {t}: preview failed: {e}")),
                Ok(p) => {
                    for (name, clock) in [
                        ("first_response", &p.first_response),
                        ("resolution", &p.resolution),
                    ] {
                        let Some(clock) = clock else { continue };
                        if clock.due_at <= t {
                            failures.push(format!(
                                "{query:?} at {t}: {name} due {} is not after receipt",
                                clock.due_at
                            ));
                        }
                        if let Some(w) = clock.warning_at {
                            if w < t || w > clock.due_at {
                                failures.push(format!(
                                    "{query:?} at {t}: {name} warning {w} outside receipt..due"
                                ));
                            }
                        }
                    }
                    if preview(adapter, &query, t).ok().as_ref() != Some(&p) {
                        failures.push(format!("{query:?} at {t}: preview is not deterministic"));
                    }
                }
            }
        }
    }
}

fn sample_customers(adapter: &dyn VendorAdapter) -> Vec<Customer> {
    let mut out = Vec::new();
    for plan in adapter.plans() {
        for cycle in [BillingCycle::Monthly, BillingCycle::Annual] {
            for (trial, locale, reseller) in [
                (false, None, None),
                (true, Some(Locale::Da), None),
                (
                    false,
                    Some(Locale::En),
                    Some(Reseller {
                        id: "r-1".into(),
                        name: "Reseller One".into(),
                        contact: "support@reseller.example".into(),
                    }),
                ),
            ] {
                out.push(Customer {
                    vendor: adapter.id().clone(),
                    external_id: "c-1".into(),
                    name: "Conformance Customer".into(),
                    plan: plan.id.clone(),
                    billing_cycle: cycle,
                    renews_on: NaiveDate::from_ymd_opt(2027, 3, 1),
                    upgraded_on: NaiveDate::from_ymd_opt(2026, 3, 1),
                    reseller,
                    integration: None,
                    trial,
                    locale,
                });
            }
        }
    }
    out
}

fn sample_intakes() -> Vec<TicketIntake> {
    let mut out = Vec::new();
    let subjects = [
        (
            "Orders are not syncing",
            "Order 1001 did not transfer. Product SKU-5.",
        ),
        ("URGENT: store down", "Nothing works"),
        ("", ""),
        (
            "QuickBooks Desktop crashed",
            "Please reinstall the Web Connector for us. It crashes every time.",
        ),
        (
            "Ordrer kommer ikke over",
            "Vi har installeret jeres app i Shopify, men ordrerne kommer ikke over i Dinero.",
        ),
    ];
    for (i, t) in sample_instants().into_iter().step_by(5).enumerate() {
        let (subject, description) = subjects[i % subjects.len()];
        out.push(TicketIntake {
            subject: subject.into(),
            description: description.into(),
            channel: Channel::ALL[i % Channel::ALL.len()],
            priority: Priority::ALL.get(i % 5).copied(),
            received_at: t,
            references: if i % 2 == 0 {
                vec!["#123".into()]
            } else {
                vec![]
            },
            accelerated_development: i % 3 == 0,
            regression: i % 4 == 0,
            locale: None,
            facts: Default::default(),
            ruling: None,
            accept_language: None,
        });
    }
    out
}

fn check_decisions(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let locales = adapter.locales();
    for customer in sample_customers(adapter) {
        for intake in sample_intakes() {
            let label = format!(
                "plan {} / {:?} / {}",
                customer.plan, intake.channel, intake.received_at
            );
            let decision = match adapter.evaluate(&customer, &intake) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{label}: evaluate failed: {e}"));
                    continue;
                }
            };
            if decision.explanation.reasons().is_empty() {
                failures.push(format!("{label}: decision has no explanation"));
            }
            for reason in decision.explanation.reasons() {
                if !adapter.rules().contains(&reason.rule) {
                    failures.push(format!("{label}: cites undeclared rule {}", reason.rule));
                }
            }
            for message in &decision.messages {
                if !locales.contains(&message.locale) {
                    failures.push(format!(
                        "{label}: message in undeclared locale {}",
                        message.locale
                    ));
                }
            }
            check_triage(adapter, &intake, &decision, &label, failures);
            if adapter.evaluate(&customer, &intake).ok().as_ref() != Some(&decision) {
                failures.push(format!("{label}: evaluate is not deterministic"));
            }
            let entry = QueueEntry {
                plan: &customer.plan,
                priority: decision.priority,
                received_at: intake.received_at,
                first_response_due: None,
                resolution_due: None,
            };
            if adapter.queue_key(&entry) != adapter.queue_key(&entry) {
                failures.push(format!("{label}: queue key is not deterministic"));
            }
        }
    }
}

/// Evidence must quote the ticket, candidates cite declared rules, a flagged decision says
/// why, and support is never taken away on text evidence short of [`Confidence::Strong`].
fn check_triage(
    adapter: &dyn VendorAdapter,
    intake: &TicketIntake,
    decision: &Decision,
    label: &str,
    failures: &mut Vec<String>,
) {
    let triage = &decision.triage;
    if triage.needed == triage.reasons.is_empty() {
        failures.push(format!(
            "{label}: triage.needed is {} but {} reasons are given",
            triage.needed,
            triage.reasons.len()
        ));
    }
    for candidate in &triage.candidates {
        if !adapter.rules().contains(&candidate.rule) {
            failures.push(format!(
                "{label}: triage candidate cites undeclared rule {}",
                candidate.rule
            ));
        }
        for evidence in &candidate.evidence {
            if !evidence.quotes(&intake.subject, &intake.description) {
                failures.push(format!(
                    "{label}: evidence {evidence:?} does not quote the ticket"
                ));
            }
        }
    }
    let decided_on = |wanted: &dyn Fn(&Proposal) -> bool| {
        triage.candidates.iter().any(|c| {
            c.adopted
                && wanted(&c.proposal)
                && (c.source != Source::Text || c.confidence == Confidence::Strong)
        })
    };
    if !decision.scope.in_scope && !decided_on(&|p| matches!(p, Proposal::OutOfScope { .. })) {
        failures.push(format!(
            "{label}: out of scope without an adopted strong candidate, fact or ruling"
        ));
    }
    if matches!(decision.routing.kind, RoutingKind::ThirdParty)
        && !decided_on(&|p| matches!(p, Proposal::RouteAway { .. }))
    {
        failures.push(format!(
            "{label}: routed to a third party without an adopted strong candidate, fact or ruling"
        ));
    }
}

/// The instant escalations are asked at (a fixed weekday during business hours).
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 14, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn check_escalations(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let levels = [
        SupportLevel::Tier(Tier::One),
        SupportLevel::Tier(Tier::Two),
        SupportLevel::Tier(Tier::Three),
        SupportLevel::Line(Line::First),
        SupportLevel::Line(Line::Second),
    ];
    let rules = adapter.rules();
    let locales = adapter.locales();
    for customer in sample_customers(adapter) {
        let froms = levels.iter().cloned().map(Some).chain([None]);
        for from in froms {
            for to in &levels {
                for regression in [false, true] {
                    let request = EscalationRequest::new(from.clone(), to.clone(), at())
                        .with_regression(regression);
                    let label = format!("escalation {request:?} for plan {}", customer.plan);
                    let first = adapter.escalate(&customer, &request);
                    let again = adapter.escalate(&customer, &request);
                    match (&first, &again) {
                        (Ok(a), Ok(b)) if a == b => {}
                        (Err(_), Err(_)) => {}
                        _ => failures.push(format!("{label} is not deterministic")),
                    }
                    match first {
                        Ok(EscalationDecision::Allowed {
                            messages,
                            explanation,
                            ..
                        }) => {
                            check_cited(rules, &explanation, &label, failures);
                            for message in &messages {
                                if !locales.contains(&message.locale) {
                                    failures.push(format!(
                                        "{label}: message {} in undeclared locale {}",
                                        message.key, message.locale
                                    ));
                                }
                                if message.text.trim().is_empty() {
                                    failures
                                        .push(format!("{label}: message {} is empty", message.key));
                                }
                            }
                        }
                        Ok(EscalationDecision::Denied {
                            denial,
                            explanation,
                        }) => {
                            check_denial(rules, &denial, &label, failures);
                            check_cited(rules, &explanation, &label, failures);
                        }
                        Err(_) => {}
                    }
                }
            }
        }
    }
}

fn check_cited(
    rules: &[RuleId],
    explanation: &Explanation,
    label: &str,
    failures: &mut Vec<String>,
) {
    for reason in explanation.reasons() {
        if !rules.contains(&reason.rule) {
            failures.push(format!("{label}: cites undeclared rule {}", reason.rule));
        }
    }
}

fn check_denial(rules: &[RuleId], denial: &Denial, label: &str, failures: &mut Vec<String>) {
    if !rules.contains(&denial.rule) {
        failures.push(format!(
            "{label}: denied by undeclared rule {}",
            denial.rule
        ));
    }
    if denial.reason.trim().is_empty() {
        failures.push(format!("{label}: denial {} gives no reason", denial.rule));
    }
}

fn check_entitlements(adapter: &dyn VendorAdapter, failures: &mut Vec<String>) {
    let rules = adapter.rules();
    for customer in sample_customers(adapter) {
        for day in [
            NaiveDate::from_ymd_opt(2026, 1, 15),
            NaiveDate::from_ymd_opt(2026, 12, 31),
            NaiveDate::from_ymd_opt(2028, 2, 29),
        ]
        .into_iter()
        .flatten()
        {
            let label = format!("plan {} on {day}", customer.plan);
            let first = adapter.developer_budget(&customer, day);
            if adapter.developer_budget(&customer, day) != first {
                failures.push(format!("{label}: developer_budget is not deterministic"));
            }
            match first {
                Ok(budget) => {
                    if budget.period_start > day || budget.period_end <= day {
                        failures.push(format!(
                            "{label}: budget period {}..{} does not contain the day",
                            budget.period_start, budget.period_end
                        ));
                    }
                    if budget.included.0 < 0 {
                        failures.push(format!("{label}: negative budget"));
                    }
                    if budget.period_end.year() - budget.period_start.year() > 2 {
                        failures.push(format!("{label}: budget period longer than a year"));
                    }
                    check_cited(rules, &budget.explanation, &label, failures);
                    for (used, purchased) in [
                        (Minutes(0), Minutes(0)),
                        (Minutes(i64::MAX), Minutes(0)),
                        (Minutes(-30), Minutes(i64::MAX)),
                    ] {
                        let left = budget.remaining(used, purchased);
                        if left.0 < 0 {
                            failures.push(format!("{label}: remaining is negative: {left}"));
                        }
                    }
                }
                Err(denial) => check_denial(rules, &denial, &label, failures),
            }
        }
        for item in [PurchaseItem::DeveloperCall, PurchaseItem::ScreenShare] {
            for (quantity, remaining) in [(0, Minutes(0)), (1, Minutes(0)), (1, Minutes(60))] {
                let label = format!(
                    "purchase {item:?} x{quantity} ({remaining} left) for plan {}",
                    customer.plan
                );
                match adapter.purchase(&customer, item, quantity, remaining) {
                    Ok(quote) => check_cited(rules, &quote.explanation, &label, failures),
                    Err(denial) => check_denial(rules, &denial, &label, failures),
                }
            }
        }
        for kind in [SessionKind::Onboarding, SessionKind::ScreenShare] {
            for starts_at in sample_instants().into_iter().step_by(11) {
                let request = SessionRequest {
                    kind,
                    starts_at,
                    minutes: Minutes(30),
                    booked_at: starts_at - Duration::days(2),
                    screen_shares_bought: 1,
                };
                let label = format!("booking {request:?} for plan {}", customer.plan);
                if let Err(denial) = adapter.book_session(&customer, &request) {
                    check_denial(rules, &denial, &label, failures);
                }
            }
        }
    }
}
