//! The priority evidence ladder (ruling > reporter > facts > text), the intake questions,
//! abstention, and the issue 14 examples. One test or more per triage rule id.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use tierline_core::triage::{facts_json_schema, validate_facts};
use tierline_core::{
    BillingCycle, Channel, Confidence, Customer, Decision, FactValue, IntakeFacts, PlanId,
    Priority, Proposal, Ruling, Source, TicketIntake, TicketPolicy, TriageReason, VendorAdapter,
    VendorId,
};
use tierline_storeconnect::{adapter_with_defaults, rules};

fn customer(plan: &str) -> Customer {
    Customer {
        vendor: VendorId::parse("storeconnect").unwrap(),
        external_id: "acme-1".into(),
        name: "Acme Outdoors".into(),
        plan: PlanId::parse(plan).unwrap(),
        billing_cycle: BillingCycle::Annual,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: None,
        trial: false,
        locale: None,
    }
}

fn ticket(subject: &str, description: &str) -> TicketIntake {
    TicketIntake {
        subject: subject.into(),
        description: description.into(),
        channel: Channel::Email,
        priority: None,
        // Mon 2026-03-02 10:00 AEDT.
        received_at: Utc.with_ymd_and_hms(2026, 3, 1, 23, 0, 0).unwrap(),
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: IntakeFacts::new(),
        ruling: None,
    }
}

fn evaluate(intake: &TicketIntake) -> Decision {
    adapter_with_defaults()
        .evaluate(&customer("small"), intake)
        .unwrap()
}

fn adopted(d: &Decision) -> Vec<(&Proposal, Source, Confidence)> {
    d.triage
        .candidates
        .iter()
        .filter(|c| c.adopted)
        .map(|c| (&c.proposal, c.source, c.confidence))
        .collect()
}

fn choice(v: &str) -> FactValue {
    FactValue::Choice(v.into())
}

// ------------------------------------------------------------- issue 14 examples

#[test]
fn issue_14_website_down_on_several_devices_is_critical() {
    let d = evaluate(&ticket(
        "Website down",
        "The website is completely down - I checked on several devices",
    ));
    assert_eq!(d.priority, Some(Priority::Critical));
    assert!(!d.triage.needed, "{:?}", d.triage);
    assert!(
        d.sla.resolution.is_some(),
        "a critical ticket starts the clock"
    );
    let c = d.triage.candidates.iter().find(|c| c.adopted).unwrap();
    assert_eq!(c.confidence, Confidence::Strong);
    assert_eq!(c.evidence[0].text, "Website down");
}

#[test]
fn issue_14_checkout_examples_are_critical() {
    for (s, b) in [
        (
            "Checkout",
            "Customers are unable to checkout since the Stripe update",
        ),
        ("URGENT", "The checkout page is down for everyone"),
    ] {
        let d = evaluate(&ticket(s, b));
        assert_eq!(d.priority, Some(Priority::Critical), "{b}");
        assert!(!d.triage.needed, "{b}: {:?}", d.triage);
    }
}

#[test]
fn issue_14_staging_without_urgency_is_medium() {
    let d = evaluate(&ticket(
        "Staging",
        "Our staging site is down, when you have time",
    ));
    assert_eq!(d.priority, Some(Priority::Medium));
    assert!(!d.triage.needed);
    assert!(d.sla.resolution.is_none());
    // The critical reading is kept as a candidate, not adopted.
    assert!(d.triage.candidates.iter().any(|c| !c.adopted
        && c.proposal
            == Proposal::Priority {
                priority: Priority::Critical
            }));
    let a = d.triage.candidates.iter().find(|c| c.adopted).unwrap();
    assert!(a
        .evidence
        .iter()
        .any(|e| e.text.to_lowercase() == "staging"));
    assert!(a.evidence.iter().any(|e| e.text == "site is down"));
}

#[test]
fn issue_14_a_question_about_a_price_setting_is_guidance() {
    let d = evaluate(&ticket(
        "GST",
        "Is the price wrong because of the GST setting?",
    ));
    assert_eq!(d.priority, Some(Priority::Medium));
    assert!(!d.triage.needed);
    let weak = d
        .triage
        .candidates
        .iter()
        .find(|c| {
            c.proposal
                == Proposal::Priority {
                    priority: Priority::Critical,
                }
        })
        .unwrap();
    assert_eq!(weak.confidence, Confidence::Weak);
    assert!(!weak.adopted);
}

// ------------------------------------------------------------- abstention

#[test]
fn an_unsure_lowering_keeps_critical_and_flags() {
    // "for now ... which works" hints at a workaround without saying so plainly.
    let d = evaluate(&ticket(
        "Store down",
        "The store is down for everyone. We sent customers to the old domain for now.",
    ));
    assert_eq!(d.priority, Some(Priority::Critical));
    assert_eq!(d.triage.reasons, vec![TriageReason::UnsurePriority]);
    assert!(d.explanation.cites(rules::PRIORITY_UNSURE));
    // A plainly offered workaround lowers it to high without a flag.
    let d = evaluate(&ticket(
        "Store down",
        "The store is down but we have a workaround: the old domain still works",
    ));
    assert_eq!(d.priority, Some(Priority::High));
    assert!(!d.triage.needed);
    // A workaround asked for is no workaround.
    let d = evaluate(&ticket(
        "Store down",
        "Our store is down. Is there a workaround?",
    ));
    assert_eq!(d.priority, Some(Priority::Critical));
}

#[test]
fn a_fault_in_a_critical_area_that_no_phrase_grades_is_critical_and_flagged() {
    let d = evaluate(&ticket(
        "Checkout hangs",
        "When customers click Place Order the checkout hangs and nothing happens.",
    ));
    assert_eq!(d.priority, Some(Priority::Critical));
    assert!(d.triage.needed);
    assert!(d.triage.reasons.contains(&TriageReason::UnsurePriority));
}

#[test]
fn not_urgent_beside_a_critical_signal_is_a_conflict() {
    let d = evaluate(&ticket(
        "Site down",
        "The site is down for everyone, not urgent though",
    ));
    assert_eq!(d.priority, Some(Priority::Critical));
    assert!(d.triage.reasons.contains(&TriageReason::ConflictingSignals));
}

#[test]
fn evidence_quotes_the_ticket() {
    let t = ticket(
        "Fwd: prices — urgent",
        "Hi,\n\nall the Summer products show $0.00 on the site!!\n\nSarah",
    );
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::Critical));
    for c in &d.triage.candidates {
        for e in &c.evidence {
            assert!(e.quotes(&t.subject, &t.description), "{e:?}");
        }
    }
}

// ------------------------------------------------------------- reporter

#[test]
fn a_reporter_priority_below_a_plain_critical_signal_is_kept_and_flagged() {
    let mut t = ticket(
        "Store down",
        "our store has been down since 8am, nobody can order",
    );
    t.priority = Some(Priority::Low);
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::Low));
    assert_eq!(d.suggested_priority, Some(Priority::Critical));
    assert_eq!(
        d.triage.reasons,
        vec![TriageReason::CriticalSignalBelowReported]
    );
    assert!(d.explanation.cites(rules::PRIORITY_REPORTER_SET));
    assert!(d.explanation.cites(rules::PRIORITY_CRITICAL_BELOW_REPORTED));
    assert!(d.triage.candidates.iter().all(|c| !c.adopted));
}

#[test]
fn a_reporter_priority_with_only_a_hint_above_it_is_not_flagged() {
    let mut t = ticket("Checkout", "Errors at checkout since yesterday");
    t.priority = Some(Priority::High);
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::High));
    assert!(!d.triage.needed);
    assert!(!d.explanation.cites(rules::PRIORITY_CRITICAL_BELOW_REPORTED));
}

// ------------------------------------------------------------- facts

#[test]
fn the_intake_questions_are_published_and_checked() {
    let adapter = adapter_with_defaults();
    let specs = adapter.intake_facts();
    let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "request_kind",
            "environment",
            "affected_customers",
            "workaround"
        ]
    );
    let schema = facts_json_schema(specs);
    assert_eq!(schema["properties"]["workaround"]["type"], "boolean");
    assert_eq!(schema["properties"]["environment"]["enum"][1], "staging");
    let ok = IntakeFacts::new().with("environment", choice("production"));
    assert!(validate_facts(specs, &ok).is_ok());
    let bad = IntakeFacts::new().with("environment", choice("prod"));
    assert!(validate_facts(specs, &bad).is_err());
}

#[test]
fn facts_outrank_the_text_and_are_named() {
    let mut t = ticket("Site down", "The site is down, nothing loads.");
    t.facts = IntakeFacts::new().with("environment", choice("staging"));
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::Medium));
    assert!(d.explanation.cites(rules::PRIORITY_FROM_FACTS));
    let text = &d
        .explanation
        .0
        .iter()
        .find(|r| r.rule == rules::PRIORITY_FROM_FACTS)
        .unwrap()
        .text;
    assert!(text.contains("environment = staging"), "{text}");
    assert_eq!(adopted(&d)[0].1, Source::Fact);

    let mut t = ticket("Payments failing", "Payments are failing at checkout");
    t.facts = IntakeFacts::new().with("affected_customers", choice("some"));
    assert_eq!(evaluate(&t).priority, Some(Priority::High));
    t.facts = IntakeFacts::new().with("affected_customers", choice("all_or_most"));
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::Critical));
    assert!(!d.triage.needed, "the fact settles the reach");

    let mut t = ticket("Checkout broken", "No one can check out with card.");
    t.facts = IntakeFacts::new().with("workaround", FactValue::Bool(true));
    assert_eq!(evaluate(&t).priority, Some(Priority::High));

    // The word "staging" loses to the facts.
    let mut t = ticket("Staging site down", "Our staging site is down");
    t.facts = IntakeFacts::new()
        .with("environment", choice("production"))
        .with("affected_customers", choice("all_or_most"));
    assert_eq!(evaluate(&t).priority, Some(Priority::Critical));

    let mut t = ticket("Apple Pay", "Apple Pay please");
    t.facts = IntakeFacts::new().with("request_kind", choice("feature_request"));
    assert_eq!(evaluate(&t).priority, Some(Priority::Low));
    t.facts = IntakeFacts::new().with("request_kind", choice("question"));
    assert_eq!(evaluate(&t).priority, Some(Priority::Medium));
}

// ------------------------------------------------------------- ruling

#[test]
fn a_ruling_outranks_reporter_facts_and_text() {
    let mut t = ticket("Store down", "The store is down for everyone");
    t.priority = Some(Priority::Low);
    t.facts = IntakeFacts::new().with("environment", choice("production"));
    t.ruling = Some(Ruling {
        priority: Some(Priority::High),
        ..Ruling::default()
    });
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::High));
    assert!(!d.triage.needed, "a ruling clears the flag");
    assert!(d.explanation.cites(rules::PRIORITY_RULING));
    assert!(!d.explanation.cites(rules::PRIORITY_REPORTER_SET));
    assert_eq!(
        adopted(&d),
        vec![(
            &Proposal::Priority {
                priority: Priority::High
            },
            Source::Ruling,
            Confidence::Strong
        )]
    );
    assert_eq!(d.suggested_priority, Some(Priority::Critical));
}

#[test]
fn a_ruling_without_a_priority_leaves_the_ladder_alone() {
    let mut t = ticket("Store down", "The store is down for everyone");
    t.ruling = Some(Ruling::default());
    let d = evaluate(&t);
    assert_eq!(d.priority, Some(Priority::Critical));
    assert!(d.explanation.cites(rules::PRIORITY_SUGGESTED));
}

#[test]
fn every_signal_has_a_description() {
    let adapter = adapter_with_defaults();
    for s in tierline_storeconnect::priority::Signal::ALL {
        let text = adapter
            .messages()
            .render(tierline_core::Locale::En, s.message_key(), &[])
            .unwrap();
        assert!(!text.is_empty(), "{s:?}");
    }
}
