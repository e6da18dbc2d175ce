//! IEX triage: the issue 14 examples, the evidence ladder (ruling > intake facts > text),
//! abstention, and the intake questions.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use tierline_core::{
    triage::{facts_json_schema, validate_facts},
    Channel, Confidence, Customer, Decision, FactValue, IntakeFacts, PlanId, PolicyError, Proposal,
    RoutingKind, Ruling, Source, TextField, TicketIntake, TicketPolicy, TriageReason, VendorId,
};
use tierline_iex::{adapter_with_defaults, facts, rules};

fn customer() -> Customer {
    Customer {
        vendor: VendorId::parse("iex").unwrap(),
        external_id: "c-7".into(),
        name: "Butik ApS".into(),
        plan: PlanId::parse("standard").unwrap(),
        billing_cycle: tierline_core::BillingCycle::Annual,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: Some("shopify-dinero".into()),
        trial: false,
        locale: None,
    }
}

fn intake(subject: &str, description: &str) -> TicketIntake {
    TicketIntake {
        subject: subject.into(),
        description: description.into(),
        channel: Channel::Email,
        priority: None,
        received_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        references: Vec::new(),
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: IntakeFacts::new(),
        ruling: None,
    }
}

fn eval(i: &TicketIntake) -> Decision {
    adapter_with_defaults().evaluate(&customer(), i).unwrap()
}

fn keys(d: &Decision) -> Vec<&str> {
    d.messages.iter().map(|m| m.key.as_str()).collect()
}

#[test]
fn issue_14_shopify_app_installed_but_orders_missing_is_an_integration_fault() {
    let d = eval(&intake(
        "Ordrer kommer ikke over",
        "Vi har installeret jeres app i Shopify, men ordrerne kommer ikke over i Dinero.",
    ));
    assert!(d.scope.in_scope);
    assert!(!d.triage.needed);
    assert!(d.explanation.cites(rules::SCOPE_INTEGRATION));
    assert!(!d.explanation.cites(rules::SCOPE_SYSTEM_SETUP));
    assert!(!d.explanation.cites(rules::SCOPE_INSTALLATION));
    // The customer installed it: no installation request is read.
    assert!(d
        .triage
        .candidates
        .iter()
        .all(|c| !matches!(c.proposal, Proposal::OutOfScope { .. })));
}

#[test]
fn issue_14_vat_code_mapping_question_is_in_scope() {
    let d = eval(&intake(
        "Moms",
        "Momskoden i e-conomic bliver forkert på ordrer fra webshoppen. Hvilken indstilling skal jeg vælge?",
    ));
    assert!(d.scope.in_scope);
    assert!(!d.triage.needed);
    assert!(d.needs_info, "no order numbers given");
}

#[test]
fn issue_14_products_without_numbers_get_the_readiness_notice() {
    let i = intake(
        "Varenumre",
        "Nogle af vores varer i webshoppen har ikke noget varenummer. Er det et problem?",
    );
    let d = eval(&i);
    assert!(d.scope.in_scope);
    assert!(d.explanation.cites(rules::SCOPE_READINESS));
    assert!(keys(&d).contains(&"iex-readiness"));
    let c = d
        .triage
        .candidates
        .iter()
        .find(|c| c.rule == rules::SCOPE_READINESS)
        .unwrap();
    assert_eq!(c.evidence[0].text, "ikke noget varenummer");
    assert!(c.evidence[0].quotes(&i.subject, &i.description));
}

#[test]
fn issue_14_phone_note_citing_a_glued_case_number_is_not_asked_for_one() {
    let mut i = intake("Telefon", "Kunden ringede vedr. sagsnr.4411");
    i.channel = Channel::Phone;
    let d = eval(&i);
    assert!(d.billable);
    assert!(!d.explanation.cites(rules::CHANNEL_PHONE_REFERENCE));
    assert!(!keys(&d).contains(&"iex-phone-reference"));
    // It continues case 4411, whose examples are on file.
    assert!(!d.needs_info);

    let mut i = intake("Telefon", "Kunden ringede om manglende ordrer");
    i.channel = Channel::Phone;
    let d = eval(&i);
    assert!(d.explanation.cites(rules::CHANNEL_PHONE_REFERENCE));
    assert!(d.needs_info);
}

#[test]
fn a_plain_system_setup_question_is_referred_on_strong_quoted_evidence() {
    let i = intake("Momskode", "Hvordan opretter jeg en momskode i Dinero?");
    let d = eval(&i);
    assert!(!d.scope.in_scope);
    assert!(!d.triage.needed);
    let c = d.triage.candidates.iter().find(|c| c.adopted).unwrap();
    assert_eq!(
        c.proposal,
        Proposal::OutOfScope {
            boundary: rules::SCOPE_SYSTEM_SETUP
        }
    );
    assert_eq!((c.confidence, c.source), (Confidence::Strong, Source::Text));
    let texts: Vec<&str> = c.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Hvordan opretter jeg", "momskode"]);
    assert!(c
        .evidence
        .iter()
        .all(|e| e.field == TextField::Description && e.quotes(&i.subject, &i.description)));
}

#[test]
fn a_setup_question_next_to_integration_words_is_kept_in_scope_and_flagged() {
    let d = eval(&intake(
        "Spørgsmål",
        "Integrationen kører fint nu. Tak for hjælpen. Hvordan opretter jeg en bruger til min bogholder i Dinero?",
    ));
    assert!(d.scope.in_scope);
    assert!(d.triage.needed);
    assert_eq!(d.triage.reasons, [TriageReason::UnsureOutOfScope]);
    let c = d
        .triage
        .candidates
        .iter()
        .find(|c| c.rule == rules::SCOPE_SYSTEM_SETUP)
        .unwrap();
    assert_eq!(c.confidence, Confidence::Moderate);
    assert!(!c.adopted);
}

#[test]
fn a_setup_question_beside_a_fault_stays_in_scope_unflagged() {
    let d = eval(&intake(
        "Fragt",
        "Fragten kommer ikke med over i Dinero. Hvordan opsætter jeg fragt i Dinero?",
    ));
    assert!(d.scope.in_scope);
    assert!(!d.triage.needed);
}

#[test]
fn installation_requests_turn_on_the_setup_order() {
    let text = "Kan I installere plugin'et i vores WooCommerce for os?";
    // Text alone: kept in scope, flagged.
    let d = eval(&intake("Installation", text));
    assert!(d.scope.in_scope);
    assert_eq!(d.triage.reasons, [TriageReason::UnsureOutOfScope]);

    // The fact decides, and the explanation names it.
    let mut i = intake("Installation", text);
    i.facts = IntakeFacts::new().with(facts::HAS_SETUP_ORDER, FactValue::Bool(false));
    let d = eval(&i);
    assert!(!d.scope.in_scope);
    assert!(!d.triage.needed);
    let b = d.scope.boundary.as_ref().unwrap();
    assert_eq!(b.rule, rules::SCOPE_INSTALLATION);
    assert!(keys(&d).contains(&"iex-installation-setup-order"));
    assert!(d.explanation.cites(rules::TRIAGE_FACT));
    let fact_line = d
        .explanation
        .0
        .iter()
        .find(|e| e.rule == rules::TRIAGE_FACT)
        .unwrap();
    assert!(
        fact_line.text.contains("has_setup_order"),
        "{}",
        fact_line.text
    );

    i.facts = IntakeFacts::new().with(facts::HAS_SETUP_ORDER, FactValue::Bool(true));
    let d = eval(&i);
    assert!(d.scope.in_scope);
    assert!(!d.triage.needed);

    // A setup order stated in the text is strong enough.
    let d = eval(&intake(
        "Installation",
        "Kan I installere jeres app i vores WooCommerce? Vi har bestilt opsætning hos jer.",
    ));
    assert!(d.scope.in_scope);
    assert!(!d.triage.needed);
}

#[test]
fn facts_outrank_the_text() {
    let mut i = intake("Momskode", "Hvordan opretter jeg en momskode i Dinero?");
    i.facts = IntakeFacts::new().with(
        facts::QUESTION_ABOUT,
        FactValue::Choice("integration".into()),
    );
    let d = eval(&i);
    assert!(d.scope.in_scope);
    assert!(d.explanation.cites(rules::TRIAGE_FACT));
    let adopted: Vec<_> = d.triage.candidates.iter().filter(|c| c.adopted).collect();
    assert_eq!(adopted[0].source, Source::Fact);
    // The text's reading is still shown, not adopted.
    assert!(d
        .triage
        .candidates
        .iter()
        .any(|c| c.source == Source::Text && !c.adopted));

    let mut i = intake("Moms", "Momsen i e-conomic er forkert, ordre 4411");
    i.facts = IntakeFacts::new().with(
        facts::QUESTION_ABOUT,
        FactValue::Choice("system_setup".into()),
    );
    let d = eval(&i);
    assert!(!d.scope.in_scope);
    assert_eq!(
        d.scope.boundary.as_ref().unwrap().rule,
        rules::SCOPE_SYSTEM_SETUP
    );

    let mut i = intake("Ordrer", "Ordrerne kommer ikke over");
    i.facts = IntakeFacts::new().with(facts::EXAMPLES_ATTACHED, FactValue::Bool(true));
    let d = eval(&i);
    assert!(!d.needs_info);
    assert!(d.explanation.cites(rules::TRIAGE_FACT));

    let mut i = intake("Ordrer", "Ordre 4411 fejler");
    i.facts = IntakeFacts::new().with(facts::PRODUCTS_LACK_NUMBERS, FactValue::Bool(true));
    assert!(keys(&eval(&i)).contains(&"iex-readiness"));
    let mut i = intake("Varer", "Vi har varer uden varenr, ordre 4411 fejler");
    i.facts = IntakeFacts::new().with(facts::PRODUCTS_LACK_NUMBERS, FactValue::Bool(false));
    assert!(!keys(&eval(&i)).contains(&"iex-readiness"));
}

#[test]
fn a_ruling_outranks_facts_and_text() {
    let mut i = intake("Ordrer", "Ordre 4411 kommer ikke over i Dinero");
    i.facts = IntakeFacts::new().with(
        facts::QUESTION_ABOUT,
        FactValue::Choice("integration".into()),
    );
    i.ruling = Some(Ruling {
        in_scope: Some(false),
        boundary: Some(rules::SCOPE_SYSTEM_SETUP),
        ..Ruling::default()
    });
    let d = eval(&i);
    assert!(!d.scope.in_scope);
    assert!(d.explanation.cites(rules::TRIAGE_RULING));
    let adopted = d.triage.candidates.iter().find(|c| c.adopted).unwrap();
    assert_eq!(adopted.source, Source::Ruling);

    // A ruling takes a reseller's ticket into IEX's own queue.
    let mut c = customer();
    c.reseller = Some(tierline_core::Reseller {
        id: "r-1".into(),
        name: "Webbureau A/S".into(),
        contact: "support@webbureau.dk".into(),
    });
    let mut i = intake("Ordrer", "Ordre 4411 kommer ikke over");
    i.ruling = Some(Ruling {
        routing: Some(RoutingKind::Vendor),
        ..Ruling::default()
    });
    let d = adapter_with_defaults().evaluate(&c, &i).unwrap();
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert!(d.explanation.cites(rules::TRIAGE_RULING));
}

#[test]
fn rulings_iex_cannot_follow_are_refused() {
    let a = adapter_with_defaults();
    for ruling in [
        Ruling {
            priority: Some(tierline_core::Priority::High),
            ..Ruling::default()
        },
        Ruling {
            in_scope: Some(false),
            ..Ruling::default()
        },
        Ruling {
            in_scope: Some(false),
            boundary: Some(tierline_core::RuleId::new("connex.boundary.1")),
            ..Ruling::default()
        },
        Ruling {
            routing: Some(RoutingKind::ThirdParty),
            ..Ruling::default()
        },
        Ruling {
            routing: Some(RoutingKind::Reseller),
            ..Ruling::default()
        },
    ] {
        let mut i = intake("Ordrer", "Ordre 4411 kommer ikke over");
        i.ruling = Some(ruling.clone());
        assert!(
            matches!(
                a.evaluate(&customer(), &i),
                Err(PolicyError::NotApplicable(_))
            ),
            "{ruling:?}"
        );
    }
}

#[test]
fn the_intake_questions_are_published_and_checked() {
    let a = adapter_with_defaults();
    let specs = a.intake_facts();
    let schema = facts_json_schema(specs);
    assert_eq!(
        schema["properties"]["question_about"]["enum"],
        serde_json::json!(["integration", "system_setup", "installation"])
    );
    assert_eq!(schema["properties"]["has_setup_order"]["type"], "boolean");
    let ok = IntakeFacts::new().with(facts::HAS_SETUP_ORDER, FactValue::Bool(true));
    assert!(validate_facts(specs, &ok).is_ok());
    let bad = IntakeFacts::new().with("priority", FactValue::Choice("high".into()));
    assert!(validate_facts(specs, &bad).is_err());
}

#[test]
fn danish_without_danish_letters_reads_the_same() {
    for (with, without) in [
        (
            "Hvordan sætter jeg kontoplanen op i Dinero?",
            "Hvordan saetter jeg kontoplanen op i Dinero?",
        ),
        (
            "Ordrerne bliver ikke overført til e-conomic",
            "Ordrerne bliver ikke overfoert til e-conomic",
        ),
    ] {
        let a = eval(&intake("", with));
        let b = eval(&intake("", without));
        assert_eq!(a.scope.in_scope, b.scope.in_scope, "{without}");
        assert_eq!(a.triage.needed, b.triage.needed, "{without}");
    }
    assert!(
        !eval(&intake("", "Hvordan saetter jeg kontoplanen op i Dinero?"))
            .scope
            .in_scope
    );
}
