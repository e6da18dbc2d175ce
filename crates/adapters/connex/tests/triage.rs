#![allow(clippy::unwrap_used)]
//! Triage: the issue-14 examples, the evidence ladder (ruling > facts > text), abstention,
//! and the triage rule ids with their catalog texts.

use chrono::{TimeZone, Utc};
use tierline_connex::{adapter_with_defaults, rules};
use tierline_core::triage::{
    facts_json_schema, validate_facts, Confidence, FactValue, IntakeFacts, Proposal, Ruling,
    Source, TriageReason,
};
use tierline_core::{
    BillingCycle, Channel, Customer, Decision, Explanation, PlanId, PolicyError, Priority,
    RoutingKind, RuleId, TicketIntake, TicketPolicy, VendorAdapter, VendorId,
};

fn customer() -> Customer {
    Customer {
        vendor: VendorId::parse("connex").unwrap(),
        external_id: "c-7".into(),
        name: "Acme Outdoor".into(),
        plan: PlanId::parse("silver").unwrap(),
        billing_cycle: BillingCycle::Annual,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: None,
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
        received_at: Utc.with_ymd_and_hms(2026, 3, 2, 15, 30, 0).unwrap(),
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: IntakeFacts::new(),
        ruling: None,
    }
}

fn decide(intake: &TicketIntake) -> Decision {
    adapter_with_defaults()
        .evaluate(&customer(), intake)
        .unwrap()
}

fn text(description: &str) -> Decision {
    decide(&intake("", description))
}

/// The explanation cites `rule` with its catalog text rendered (no fallback, no `{`).
fn assert_cites(explanation: &Explanation, rule: RuleId) -> String {
    let reason = explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rule)
        .unwrap_or_else(|| panic!("{rule} not cited in {explanation:?}"));
    assert_ne!(reason.text, rule.as_str(), "{rule} did not render");
    assert!(!reason.text.contains('{'), "{rule}: {}", reason.text);
    reason.text.clone()
}

fn assert_kept(d: &Decision, what: &str) {
    assert!(d.scope.in_scope, "{what}: {:?}", d.scope.boundary);
    assert_eq!(d.routing.kind, RoutingKind::Vendor, "{what}");
    assert_eq!(d.routing.handled_by, "Connex", "{what}");
}

// ----- the issue-14 examples -----

#[test]
fn a_connex_regression_is_not_a_quickbooks_crash() {
    let d = text("Since your update on Tuesday the sync to QuickBooks stopped working");
    assert_kept(&d, "regression");
    assert!(!d.triage.needed, "{:?}", d.triage.reasons);
    let blame = d
        .triage
        .candidates
        .iter()
        .find(|c| c.rule == rules::ESCALATION_REGRESSION)
        .unwrap();
    assert_eq!(blame.evidence[0].text, "your update");
    assert_cites(&d.explanation, rules::ESCALATION_REGRESSION);
}

#[test]
fn a_reinstall_the_customer_already_did_is_not_a_boundary() {
    let d = text(
        "I already uninstalled and reinstalled the Web Connector as your article said, but \
         order 1001 still fails",
    );
    assert_kept(&d, "done already");
    assert!(!d.triage.needed);
    let c = d
        .triage
        .candidates
        .iter()
        .find(|c| c.rule == rules::SCOPE_REINSTALL_WEB_CONNECTOR)
        .unwrap();
    assert!(!c.adopted);
    assert_eq!(c.confidence, Confidence::Weak);
    assert!(assert_cites(&d.explanation, rules::TRIAGE_NOT_A_REQUEST).contains("reinstall"));
    // The same words as a request to Connex are the boundary.
    let d = text("Could you please uninstall and reinstall the Web Connector on our office PC?");
    assert_eq!(
        d.scope.boundary.unwrap().rule,
        rules::SCOPE_REINSTALL_WEB_CONNECTOR
    );
}

#[test]
fn reinstalling_the_connex_app_in_quickbooks_online_is_not_a_desktop_reinstall() {
    let d = text("I disconnected and reinstalled the Connex app in QuickBooks Online");
    assert_kept(&d, "connex app");
    assert!(!d.triage.needed);
}

#[test]
fn mapping_is_tier_one_work_not_boundary_14() {
    let d = text(
        "Can you update the product mapping so the SKUs in Shopify match the items in \
         QuickBooks Online?",
    );
    assert_kept(&d, "mapping");
    assert!(!d.triage.needed);
    let d = text("Can you rename the products in QuickBooks so they match our Shopify SKUs?");
    assert_eq!(d.scope.boundary.unwrap().rule, rules::SCOPE_MATCH_RECORDS);
}

#[test]
fn quickbooks_shutting_down_is_a_desktop_crash_for_intuit() {
    let d = text("QuickBooks keeps shutting down whenever the Web Connector runs");
    assert!(!d.scope.in_scope);
    assert_eq!(
        d.scope.boundary.unwrap().rule,
        rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES
    );
    assert_eq!(d.routing.kind, RoutingKind::ThirdParty);
    assert_eq!(d.routing.handled_by, "Intuit");
    let route = d
        .triage
        .candidates
        .iter()
        .find(|c| {
            c.proposal
                == Proposal::RouteAway {
                    to: RoutingKind::ThirdParty,
                }
        })
        .unwrap();
    assert!(route.adopted && route.confidence == Confidence::Strong);
    let quoted: Vec<&str> = route.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(quoted, ["QuickBooks", "shutting down"]);
}

#[test]
fn the_connex_dashboard_not_responding_stays_with_connex() {
    let d = text("Connex dashboard is not responding, QB orders missing");
    assert_kept(&d, "dashboard");
    assert!(!d.triage.needed);
}

#[test]
fn a_question_about_installing_a_plugin_is_in_scope() {
    let d = text("Do I need to install a plugin on my WooCommerce store to connect it?");
    assert_kept(&d, "plugin question");
    assert!(!d.triage.needed);
}

#[test]
fn a_rule_from_the_knowledge_base_is_not_boundary_16() {
    let d = text(
        "I added a custom rule from your knowledge base guide and the shipping still goes to \
         the wrong account",
    );
    assert_kept(&d, "kb rule");
    let d = text("My custom rule that splits shipping is not working, can you debug it?");
    assert_eq!(d.scope.boundary.unwrap().rule, rules::SCOPE_CUSTOM_RULES);
}

// ----- abstention -----

#[test]
fn a_desktop_crash_blamed_on_a_connex_update_is_kept_and_flagged() {
    let d = text(
        "Since your last update, QuickBooks Desktop crashes every time the web connector runs.",
    );
    assert_kept(&d, "conflict");
    assert_eq!(d.triage.reasons, [TriageReason::ConflictingSignals]);
    assert_cites(&d.explanation, rules::TRIAGE_REGRESSION_CONFLICT);
    let crash = d
        .triage
        .candidates
        .iter()
        .find(|c| c.rule == rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES)
        .unwrap();
    assert!(!crash.adopted && crash.confidence == Confidence::Strong);
}

#[test]
fn a_statement_without_a_request_is_kept_and_flagged() {
    let d = text("The web connector has to be re-installed I think.");
    assert_kept(&d, "statement");
    assert_eq!(d.triage.reasons, [TriageReason::UnsureOutOfScope]);
    assert!(assert_cites(&d.explanation, rules::TRIAGE_UNSURE).contains("reinstall web connector"));
}

#[test]
fn a_vague_quickbooks_stop_is_kept_and_flagged_for_routing() {
    let d = text("The web connector stopped working on our server.");
    assert_kept(&d, "vague");
    assert!(d.triage.reasons.contains(&TriageReason::UnsureRouting));
    assert!(d.triage.reasons.contains(&TriageReason::UnsureOutOfScope));
}

#[test]
fn evidence_quotes_the_ticket_with_character_offsets() {
    let subject = "Ærligt talt: QBWC crashed";
    let description = "Kan du hjælpe? The Web Connector crashes on my computer, please help";
    let d = decide(&intake(subject, description));
    assert!(!d.triage.candidates.is_empty());
    for c in &d.triage.candidates {
        for e in &c.evidence {
            assert!(e.quotes(subject, description), "{e:?}");
        }
    }
}

// ----- facts -----

#[test]
fn the_intake_questions_are_published_and_checked() {
    let a = adapter_with_defaults();
    let specs = a.intake_facts();
    let names: Vec<&str> = specs.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "accounting_system",
            "request_kind",
            "failing_program",
            "after_connex_update",
            "connex_asked_to_act"
        ]
    );
    let schema = facts_json_schema(specs);
    assert_eq!(
        schema["properties"]["accounting_system"]["enum"][0],
        "quickbooks_online"
    );
    let bad = IntakeFacts::new().with("accounting_system", FactValue::Choice("xero".into()));
    assert!(validate_facts(specs, &bad).is_err());
}

fn with_facts(description: &str, facts: IntakeFacts) -> Decision {
    let mut i = intake("", description);
    i.facts = facts;
    decide(&i)
}

#[test]
fn quickbooks_online_rules_out_desktop_boundaries_and_intuit() {
    let crash = "QuickBooks keeps shutting down whenever the Web Connector runs";
    let d = with_facts(
        crash,
        IntakeFacts::new().with(
            "accounting_system",
            FactValue::Choice("quickbooks_online".into()),
        ),
    );
    assert_kept(&d, "online fact");
    let text = assert_cites(&d.explanation, rules::TRIAGE_FACT);
    assert!(
        text.contains("accounting_system = quickbooks_online"),
        "{text}"
    );
}

#[test]
fn the_failing_program_fact_routes_to_intuit_without_text() {
    let d = with_facts(
        "Help, nothing works since this morning",
        IntakeFacts::new().with("failing_program", FactValue::Choice("web_connector".into())),
    );
    assert_eq!(
        d.scope.boundary.as_ref().unwrap().rule,
        rules::SCOPE_WEB_CONNECTOR_CRASHES
    );
    assert_eq!(d.routing.kind, RoutingKind::ThirdParty);
    assert!(d
        .triage
        .candidates
        .iter()
        .any(|c| c.source == Source::Fact && c.adopted && c.rule == rules::ROUTING_INTUIT));
    assert!(assert_cites(&d.explanation, rules::TRIAGE_FACT).contains("failing_program"));
    // A Connex update outranks it: kept with Connex.
    let d = with_facts(
        "Help",
        IntakeFacts::new()
            .with("failing_program", FactValue::Choice("web_connector".into()))
            .with("after_connex_update", FactValue::Bool(true)),
    );
    assert_kept(&d, "update fact");
    assert_cites(&d.explanation, rules::ESCALATION_REGRESSION);
}

#[test]
fn who_acts_as_a_fact_decides_hands_on_boundaries() {
    let statement = "The web connector has to be re-installed I think.";
    let d = with_facts(
        statement,
        IntakeFacts::new().with("connex_asked_to_act", FactValue::Bool(true)),
    );
    assert_eq!(
        d.scope.boundary.as_ref().unwrap().rule,
        rules::SCOPE_REINSTALL_WEB_CONNECTOR
    );
    assert!(!d.triage.needed);
    let request = "Please reinstall the web connector for us";
    let d = with_facts(
        request,
        IntakeFacts::new().with("request_kind", FactValue::Choice("question".into())),
    );
    assert_kept(&d, "question fact");
    assert!(assert_cites(&d.explanation, rules::TRIAGE_FACT).contains("request_kind"));
}

// ----- rulings -----

fn with_ruling(description: &str, ruling: Ruling) -> Result<Decision, PolicyError> {
    let mut i = intake("", description);
    i.ruling = Some(ruling);
    adapter_with_defaults().evaluate(&customer(), &i)
}

#[test]
fn a_ruling_outranks_the_text_and_clears_the_flag() {
    let crash = "QuickBooks keeps shutting down whenever the Web Connector runs";
    let d = with_ruling(
        crash,
        Ruling {
            in_scope: Some(true),
            routing: Some(RoutingKind::Vendor),
            ..Ruling::default()
        },
    )
    .unwrap();
    assert_kept(&d, "ruling");
    assert!(!d.triage.needed);
    assert!(d
        .triage
        .candidates
        .iter()
        .filter(|c| c.source == Source::Text)
        .all(|c| !c.adopted || c.proposal == Proposal::InScope));
    assert!(assert_cites(&d.explanation, rules::TRIAGE_RULING).contains("in scope"));

    let unsure = "The web connector has to be re-installed I think.";
    let d = with_ruling(
        unsure,
        Ruling {
            in_scope: Some(false),
            boundary: Some(rules::SCOPE_REINSTALL_WEB_CONNECTOR),
            priority: Some(Priority::Low),
            routing: None,
        },
    )
    .unwrap();
    assert!(!d.scope.in_scope && !d.triage.needed);
    assert_eq!(d.priority, Some(Priority::Low));
    assert!(d
        .triage
        .candidates
        .iter()
        .any(|c| c.source == Source::Ruling && c.adopted));

    let d = with_ruling(
        "Orders are missing",
        Ruling {
            routing: Some(RoutingKind::ThirdParty),
            ..Ruling::default()
        },
    )
    .unwrap();
    assert_eq!(d.routing.handled_by, "Intuit");
}

#[test]
fn a_ruling_must_name_a_connex_boundary_and_a_connex_route() {
    let not_a_boundary = Ruling {
        in_scope: Some(false),
        boundary: Some(rules::SLA_FIRST_RESPONSE),
        ..Ruling::default()
    };
    assert!(matches!(
        with_ruling("x", not_a_boundary),
        Err(PolicyError::NotApplicable(_))
    ));
    let reseller = Ruling {
        routing: Some(RoutingKind::Reseller),
        ..Ruling::default()
    };
    assert!(matches!(
        with_ruling("x", reseller),
        Err(PolicyError::NotApplicable(_))
    ));
}

#[test]
fn triage_rules_are_declared() {
    let a = adapter_with_defaults();
    for rule in [
        rules::TRIAGE_RULING,
        rules::TRIAGE_FACT,
        rules::TRIAGE_UNSURE,
        rules::TRIAGE_REGRESSION_CONFLICT,
        rules::TRIAGE_NOT_A_REQUEST,
    ] {
        assert!(a.rules().contains(&rule), "{rule}");
    }
}

#[test]
fn who_did_what_is_read_from_the_action() {
    // A crash told in the past is no reason to doubt the request.
    let d = text("The web connector crashed, can you reinstall the web connector for us?");
    assert_eq!(
        d.scope.boundary.as_ref().unwrap().rule,
        rules::SCOPE_REINSTALL_WEB_CONNECTOR
    );
    assert!(!d.triage.needed, "{:?}", d.triage.reasons);
    // The action itself done already, and asked again: unsure.
    let d = text("I already reinstalled the web connector, can you reinstall it again for me?");
    assert_kept(&d, "done and asked");
    assert_eq!(d.triage.reasons, [TriageReason::UnsureOutOfScope]);
    // Done by the customer, QuickBooks without Desktop context: not a boundary, not flagged.
    let d = text("I reinstalled QuickBooks yesterday and now orders fail with error 3100");
    assert_kept(&d, "reinstalled qb");
    assert!(!d.triage.needed);
    // Asked, QuickBooks without Desktop context: unsure which QuickBooks.
    let d = text("Can you reinstall QuickBooks for us?");
    assert_kept(&d, "which quickbooks");
    assert!(d.triage.needed);
}
