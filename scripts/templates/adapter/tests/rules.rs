#![allow(clippy::unwrap_used)]
//! One test (at least) per __TYPE__ rule id: each asserts the decision and that it cites
//! the rule with its rendered catalog text. Due times are derived by hand in the comments
//! (calendar: Europe/London, Mon–Fri 09:00–17:00; 1 bd = 480 business minutes).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use __CRATE_IDENT__::{adapter_with_defaults, rules, Config, __TYPE__};
use tierline_core::{
    preview, AdapterConfig, BillingCycle, Channel, Customer, Decision, EntitlementPolicy,
    EscalationDecision, EscalationPolicy, EscalationRequest, Explanation, Line, Locale, Minutes,
    PlanCatalog, PlanId, PurchaseItem, QueueEntry, RoutingKind, RuleId, SessionKind,
    SessionRequest, SlaPolicy, SlaQuery, SupportLevel, TicketIntake, TicketPolicy, Tier,
    VendorAdapter, VendorId,
};

// ----- helpers -----

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// The instant escalation requests are made at in these tests (a Tuesday afternoon).
fn at() -> DateTime<Utc> {
    utc(2026, 3, 10, 14, 0)
}

fn customer() -> Customer {
    Customer {
        vendor: VendorId::parse(__CRATE_IDENT__::ID).unwrap(),
        external_id: "c-1".into(),
        name: "Example Ltd".into(),
        plan: PlanId::parse("standard").unwrap(),
        billing_cycle: BillingCycle::Monthly,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: None,
        trial: false,
        locale: None,
    }
}

fn intake(received_at: DateTime<Utc>) -> TicketIntake {
    TicketIntake {
        subject: "Orders are not syncing".into(),
        description: "Order 1001 did not arrive.".into(),
        channel: Channel::Email,
        priority: None,
        received_at,
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        accept_language: None,
        facts: Default::default(),
        ruling: None,
    }
}

fn evaluate(adapter: &__TYPE__, received_at: DateTime<Utc>) -> Decision {
    adapter.evaluate(&customer(), &intake(received_at)).unwrap()
}

/// First-response due time of a ticket received at `t`.
fn first_response_due(adapter: &__TYPE__, t: DateTime<Utc>) -> DateTime<Utc> {
    let query = SlaQuery {
        plan: PlanId::parse("standard").unwrap(),
        priority: None,
        channel: None,
        line: None,
    };
    preview(adapter, &query, t)
        .unwrap()
        .first_response
        .unwrap()
        .due_at
}

fn escalate(from: SupportLevel, to: SupportLevel) -> EscalationDecision {
    adapter_with_defaults()
        .escalate(
            &customer(),
            &EscalationRequest::new(Some(from), to, at()),
        )
        .unwrap()
}

/// `rule` is cited, with its catalog sentence fully rendered.
fn assert_cites(explanation: &Explanation, rule: RuleId) {
    let reason = explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rule)
        .unwrap_or_else(|| panic!("{rule} not cited in {explanation:?}"));
    assert_ne!(reason.text, rule.as_str(), "{rule} text did not render");
    assert!(!reason.text.contains('{'), "{rule}: unfilled placeholder");
}

// ----- catalog -----

#[test]
fn catalog_has_one_standard_plan_reaching_tier_two() {
    let a = adapter_with_defaults();
    assert_eq!(a.plans().len(), 1);
    for name in ["standard", "Standard", "BASIC"] {
        let plan = a.resolve_plan(name).unwrap();
        assert_eq!(plan.id.as_str(), "standard", "{name}");
        assert_eq!(plan.tier_ceiling, SupportLevel::Tier(Tier::Two));
        assert_eq!(plan.developer_minutes_per_year, None);
    }
    let d = escalate(SupportLevel::Tier(Tier::One), SupportLevel::Tier(Tier::Two));
    let EscalationDecision::Allowed { explanation, .. } = &d else {
        panic!("must be allowed: {d:?}")
    };
    assert_cites(explanation, rules::CATALOG_STANDARD);
}

// ----- intake -----

#[test]
fn every_ticket_goes_to_the_vendor_at_tier_one() {
    let d = evaluate(&adapter_with_defaults(), utc(2026, 3, 2, 10, 0));
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert_eq!(d.routing.level, Some(SupportLevel::Tier(Tier::One)));
    assert!(d.scope.in_scope);
    assert!(!d.billable && !d.needs_info);
    assert_cites(&d.explanation, rules::ROUTING_VENDOR);
    assert_eq!(d.messages.len(), 1);
    assert_eq!(d.messages[0].locale, Locale::En);
    assert!(d.messages[0].text.contains("within 1 business day"));
}

// ----- SLA and queue -----

#[test]
fn first_response_is_due_within_one_business_day() {
    let a = adapter_with_defaults();
    // Fri 2026-03-06 16:30 GMT: 30 min on Friday, then Mon 09:00 + 450 min = 16:30 GMT.
    assert_eq!(
        first_response_due(&a, utc(2026, 3, 6, 16, 30)),
        utc(2026, 3, 9, 16, 30)
    );
    // Mon 2026-06-01 09:00 BST (08:00 UTC) + 480 min = 17:00 BST (16:00 UTC): due at
    // closing, not at the next opening.
    assert_eq!(
        first_response_due(&a, utc(2026, 6, 1, 8, 0)),
        utc(2026, 6, 1, 16, 0)
    );
    // Thu 2026-12-24 10:00 GMT: 420 min on Thursday; Fri 25 Christmas, Sat 26 Boxing Day
    // (substitute Mon 28) closed; Tue 29 09:00 + 60 min = 10:00 GMT.
    assert_eq!(
        first_response_due(&a, utc(2026, 12, 24, 10, 0)),
        utc(2026, 12, 29, 10, 0)
    );
    let d = evaluate(&a, utc(2026, 3, 6, 16, 30));
    let clock = d.sla.first_response.unwrap();
    assert_eq!(clock.target.get(), 480);
    assert_eq!(d.sla.resolution, None);
    assert_cites(&d.explanation, rules::SLA_FIRST_RESPONSE);
}

#[test]
fn first_response_target_is_configurable() {
    let config = AdapterConfig::parse(&format!(
        "[{}]\nfirst_response_business_days = 2\n",
        __CRATE_IDENT__::ID
    ))
    .unwrap();
    let a = __TYPE__::new(config.decode::<Config>(__CRATE_IDENT__::ID).unwrap()).unwrap();
    // Mon 2026-03-02 09:00 GMT + 960 min = Tue 17:00 GMT.
    assert_eq!(
        first_response_due(&a, utc(2026, 3, 2, 9, 0)),
        utc(2026, 3, 3, 17, 0)
    );
    assert!(__TYPE__::new(Config {
        first_response_business_days: 0,
        ..Config::default()
    })
    .is_err());
}

#[test]
fn queue_is_first_come_first_served() {
    let a = adapter_with_defaults();
    let plan = PlanId::parse("standard").unwrap();
    let entry = |received_at, priority| QueueEntry {
        plan: &plan,
        priority,
        received_at,
        first_response_due: None,
        resolution_due: None,
    };
    let older = a.queue_key(&entry(utc(2026, 3, 2, 9, 0), None));
    let newer_critical = a.queue_key(&entry(
        utc(2026, 3, 2, 9, 5),
        Some(tierline_core::Priority::Critical),
    ));
    assert!(older < newer_critical, "a priority does not jump the queue");
    let d = evaluate(&a, utc(2026, 3, 2, 10, 0));
    assert_cites(&d.explanation, rules::QUEUE_FIFO);
}

// ----- escalation -----

#[test]
fn escalation_within_the_ceiling_is_allowed() {
    let d = escalate(SupportLevel::Tier(Tier::One), SupportLevel::Tier(Tier::Two));
    let EscalationDecision::Allowed {
        to,
        charges_developer_time,
        messages,
        explanation,
        ..
    } = &d
    else {
        panic!("must be allowed: {d:?}")
    };
    assert_eq!(*to, SupportLevel::Tier(Tier::Two));
    assert!(!charges_developer_time);
    assert!(messages.is_empty());
    assert_cites(explanation, rules::ESCALATION_WITHIN_CEILING);
}

#[test]
fn escalation_above_the_ceiling_is_denied() {
    let d = escalate(
        SupportLevel::Tier(Tier::One),
        SupportLevel::Tier(Tier::Three),
    );
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = &d
    else {
        panic!("must be denied: {d:?}")
    };
    assert_eq!(denial.rule, rules::ESCALATION_ABOVE_CEILING);
    assert!(denial.reason.contains("Tier 3") && denial.reason.contains("(Tier 2)"));
    assert_cites(explanation, rules::ESCALATION_ABOVE_CEILING);
}

#[test]
fn lines_and_teams_are_not_escalation_targets() {
    for to in [
        SupportLevel::Line(Line::Second),
        SupportLevel::Team("development".into()),
    ] {
        let d = escalate(SupportLevel::Tier(Tier::One), to);
        let EscalationDecision::Denied { denial, .. } = &d else {
            panic!("must be denied: {d:?}")
        };
        assert_eq!(denial.rule, rules::ESCALATION_TIERS_ONLY);
    }
}

// ----- entitlements -----

#[test]
fn no_developer_time_is_included_or_sold() {
    let a = adapter_with_defaults();
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let denial = a.developer_budget(&customer(), day).unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_DEVELOPER_TIME);
    let denial = a
        .purchase(&customer(), PurchaseItem::DeveloperCall, 1, Minutes(0))
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_DEVELOPER_TIME);
    assert!(denial.reason.contains("developer time"));
}

#[test]
fn no_extras_are_sold() {
    let denial = adapter_with_defaults()
        .purchase(&customer(), PurchaseItem::ScreenShare, 1, Minutes(0))
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_PURCHASES);
    assert_eq!(denial.offer, None);
}

#[test]
fn no_sessions_are_bookable() {
    let request = SessionRequest {
        kind: SessionKind::Onboarding,
        starts_at: utc(2026, 3, 10, 10, 0),
        minutes: Minutes(60),
        booked_at: utc(2026, 3, 1, 10, 0),
        screen_shares_bought: 0,
    };
    let denial = adapter_with_defaults()
        .book_session(&customer(), &request)
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_SESSIONS);
}

// ----- the rule list -----

#[test]
fn every_rule_is_declared_once_with_an_explanation() {
    let a = adapter_with_defaults();
    let mut seen = std::collections::BTreeSet::new();
    for rule in rules::ALL {
        assert!(seen.insert(rule.as_str()), "{rule} listed twice");
        assert!(rule
            .as_str()
            .starts_with(&format!("{}.", __CRATE_IDENT__::ID)));
        assert!(a.messages().template(Locale::En, rule.as_str()).is_some());
    }
    assert_eq!(a.rules(), rules::ALL);
}
