//! One or more tests per StoreConnect rule id. Each would fail if its rule were broken,
//! and checks both the decision and that the explanation cites the rule.
//!
//! Due times are hand-checked on the NSW calendar: Mon–Fri 09:00–17:00 Australia/Sydney
//! (480 business minutes a day). Sydney is on AEDT (UTC+11) until 2026-04-05 03:00 and
//! from 2026-10-04 02:00, AEST (UTC+10) in between.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tierline_core::{
    preview, AdapterConfig, BillingCycle, BusinessMinutes, Channel, Customer, Decision,
    EscalationDecision, EscalationRequest, Line, Minutes, PlanCatalog, PlanId, PolicyError,
    Priority, PurchaseItem, QueueEntry, RoutingKind, SessionKind, SessionRequest, SlaPolicy,
    SlaQuery, SupportLevel, TicketIntake, TicketPolicy, Tier, VendorAdapter, VendorId,
};
use tierline_core::{EntitlementPolicy, EscalationPolicy};
use tierline_storeconnect::{adapter_with_defaults, factory, rules, Config, StoreConnect};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// The instant escalation requests are made at in these tests (a Tuesday afternoon).
fn at() -> DateTime<Utc> {
    utc(2026, 3, 10, 14, 0)
}

fn plan(id: &str) -> PlanId {
    PlanId::parse(id).unwrap()
}

fn customer(plan_id: &str) -> Customer {
    Customer {
        vendor: VendorId::parse("storeconnect").unwrap(),
        external_id: "acme-1".into(),
        name: "Acme Outdoors".into(),
        plan: plan(plan_id),
        billing_cycle: BillingCycle::Monthly,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: None,
        trial: false,
        locale: None,
    }
}

fn ticket(subject: &str, description: &str, priority: Option<Priority>) -> TicketIntake {
    TicketIntake {
        subject: subject.into(),
        description: description.into(),
        channel: Channel::Portal,
        priority,
        // Mon 2026-03-02 10:00 AEDT.
        received_at: utc(2026, 3, 1, 23, 0),
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        facts: Default::default(),
        ruling: None,
        accept_language: None,
    }
}

fn evaluate(plan_id: &str, intake: &TicketIntake) -> Decision {
    adapter_with_defaults()
        .evaluate(&customer(plan_id), intake)
        .unwrap()
}

fn cited(decision: &Decision) -> Vec<&'static str> {
    decision
        .explanation
        .reasons()
        .iter()
        .map(|r| r.rule.as_str())
        .collect()
}

fn message_keys(decision: &Decision) -> Vec<&str> {
    decision.messages.iter().map(|m| m.key.as_str()).collect()
}

fn due(
    adapter: &StoreConnect,
    plan_id: &str,
    priority: Priority,
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let query = SlaQuery {
        plan: plan(plan_id),
        priority: Some(priority),
        channel: None,
        line: None,
    };
    preview(adapter, &query, at)
        .unwrap()
        .resolution
        .map(|c| c.due_at)
}

// ---------------------------------------------------------------- catalog

#[test]
fn catalog_lists_four_plans_smallest_first_with_the_support_team_as_ceiling() {
    let adapter = adapter_with_defaults();
    let ids: Vec<&str> = adapter.plans().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["small", "medium", "large", "enterprise"]);
    for (rank, p) in adapter.plans().iter().enumerate() {
        assert_eq!(usize::from(p.rank), rank);
        assert_eq!(p.tier_ceiling, SupportLevel::Team("support".into()));
        assert_eq!(p.developer_minutes_per_year, None);
    }
    assert_eq!(
        adapter.resolve_plan("Enterprise").map(|p| p.id.as_str()),
        Some("enterprise")
    );
}

// ---------------------------------------------------------------- monitoring

#[test]
fn monitoring_tickets_are_accepted_and_recommend_a_portal_case() {
    let mut intake = ticket(
        "Store availability check failed",
        "HTTP 503 from storefront for 10 minutes",
        None,
    );
    intake.channel = Channel::Monitoring;
    let d = evaluate("large", &intake);
    assert_eq!(cited(&d)[0], rules::INTAKE_MONITORING.as_str());
    assert_eq!(d.routing.level, Some(SupportLevel::Team("support".into())));
    assert!(message_keys(&d).contains(&"storeconnect.customer.monitoring"));
    assert!(d.messages.iter().any(|m| m.text.contains("support portal")));
    assert!(d.explanation.reasons()[0].text.contains("monitoring"));
}

#[test]
fn customer_tickets_do_not_cite_monitoring_nor_recommend_another_case() {
    let d = evaluate(
        "large",
        &ticket("Store availability", "HTTP 503 from storefront", None),
    );
    assert!(!d.explanation.cites(rules::INTAKE_MONITORING));
    assert!(!message_keys(&d).contains(&"storeconnect.customer.monitoring"));
}

// ---------------------------------------------------------------- priority

#[test]
fn a_priority_set_by_the_reporter_is_kept_and_a_different_suggestion_reported() {
    let d = evaluate(
        "small",
        &ticket(
            "Store is down",
            "Nobody can reach the site",
            Some(Priority::Low),
        ),
    );
    assert_eq!(d.priority, Some(Priority::Low));
    assert_eq!(d.suggested_priority, Some(Priority::Critical));
    assert_eq!(
        &cited(&d)[..2],
        [
            rules::PRIORITY_REPORTER_SET.as_str(),
            rules::PRIORITY_SUGGESTION_DIFFERS.as_str()
        ]
    );
    assert!(d.explanation.reasons()[1].text.contains("critical"));
}

#[test]
fn a_matching_suggestion_is_not_reported_as_different() {
    let d = evaluate(
        "small",
        &ticket("Store is down", "", Some(Priority::Critical)),
    );
    assert_eq!(d.priority, Some(Priority::Critical));
    assert_eq!(d.suggested_priority, None);
    assert!(d.explanation.cites(rules::PRIORITY_REPORTER_SET));
    assert!(!d.explanation.cites(rules::PRIORITY_SUGGESTION_DIFFERS));
}

#[test]
fn without_a_priority_the_suggestion_is_used() {
    let d = evaluate(
        "medium",
        &ticket(
            "Wrong prices on the website",
            "All products in the Sale category show incorrect prices",
            None,
        ),
    );
    assert_eq!(d.priority, Some(Priority::Critical));
    assert_eq!(d.suggested_priority, Some(Priority::Critical));
    assert_eq!(cited(&d)[0], rules::PRIORITY_SUGGESTED.as_str());
    assert!(d.explanation.reasons()[0].text.contains("incorrect prices"));
}

#[test]
fn without_a_priority_or_a_signal_the_ticket_is_medium() {
    let d = evaluate(
        "medium",
        &ticket(
            "Invoice copy",
            "Please send a copy of last month's invoice",
            None,
        ),
    );
    assert_eq!(d.priority, Some(Priority::Medium));
    assert_eq!(d.suggested_priority, None);
    assert_eq!(cited(&d)[0], rules::PRIORITY_DEFAULT_MEDIUM.as_str());
    assert_eq!(d.sla.resolution, None);
}

// ---------------------------------------------------------------- routing

#[test]
fn ordinary_tickets_go_to_the_support_team() {
    let d = evaluate(
        "small",
        &ticket(
            "Payment errors",
            "Some customers get errors at checkout",
            None,
        ),
    );
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert_eq!(d.routing.level, Some(SupportLevel::Team("support".into())));
    assert_eq!(d.routing.handled_by, "StoreConnect support");
    assert!(d.explanation.cites(rules::ROUTING_SUPPORT));
    assert!(d.scope.in_scope);
    assert!(!d.billable);
    assert!(!d.needs_info);
}

#[test]
fn low_priority_accelerated_development_goes_to_the_development_team_without_sla() {
    let mut intake = ticket(
        "Feature request: gift wrapping option",
        "We would like to co-develop this",
        None,
    );
    intake.accelerated_development = true;
    let d = evaluate("enterprise", &intake);
    assert_eq!(d.priority, Some(Priority::Low));
    assert_eq!(
        d.routing.level,
        Some(SupportLevel::Team("development".into()))
    );
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert_eq!(d.sla, tierline_core::SlaTargets::NONE);
    assert!(d.explanation.cites(rules::ROUTING_ACCELERATED_DEVELOPMENT));
    assert!(!d.explanation.cites(rules::ROUTING_SUPPORT));
    assert_eq!(
        message_keys(&d),
        ["storeconnect.customer.accelerated_development"]
    );
}

#[test]
fn accelerated_development_on_a_high_ticket_is_not_applied() {
    let mut intake = ticket("Checkout", "Intermittent errors", Some(Priority::High));
    intake.accelerated_development = true;
    let d = evaluate("small", &intake);
    assert_eq!(d.routing.level, Some(SupportLevel::Team("support".into())));
    assert!(d.sla.resolution.is_some());
    let rules_cited = cited(&d);
    let ineligible = rules_cited
        .iter()
        .position(|r| *r == rules::ROUTING_ACCELERATED_DEVELOPMENT_INELIGIBLE.as_str())
        .unwrap();
    let support = rules_cited
        .iter()
        .position(|r| *r == rules::ROUTING_SUPPORT.as_str())
        .unwrap();
    assert!(ineligible < support);
    assert!(message_keys(&d).contains(&"storeconnect.customer.accelerated_development_ineligible"));
}

#[test]
fn monitoring_cannot_ask_for_accelerated_development() {
    let mut intake = ticket("Sync warning", "", Some(Priority::Low));
    intake.channel = Channel::Monitoring;
    intake.accelerated_development = true;
    let d = evaluate("small", &intake);
    assert_eq!(d.routing.level, Some(SupportLevel::Team("support".into())));
    assert!(d
        .explanation
        .cites(rules::ROUTING_ACCELERATED_DEVELOPMENT_INELIGIBLE));
}

// ---------------------------------------------------------------- clocks

#[test]
fn one_business_day_is_480_minutes_of_the_sydney_calendar() {
    let adapter = adapter_with_defaults();
    assert_eq!(adapter.business_day(), BusinessMinutes::new(480));
    assert_eq!(adapter.calendar().definition().zone, "Australia/Sydney");
    let d = evaluate("large", &ticket("x", "", Some(Priority::Critical)));
    let reason = d
        .explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rules::SLA_BUSINESS_DAY)
        .unwrap();
    assert!(reason.text.contains("480") && reason.text.contains("Australia/Sydney"));
}

#[test]
fn resolution_matrix_targets_in_business_minutes() {
    let adapter = adapter_with_defaults();
    let expected = [
        ("small", Priority::Critical, Some(3 * 480)),
        ("medium", Priority::Critical, Some(2 * 480)),
        ("large", Priority::Critical, Some(480)),
        ("enterprise", Priority::Critical, Some(480)),
        ("small", Priority::High, Some(10 * 480)),
        ("medium", Priority::High, Some(5 * 480)),
        ("large", Priority::High, Some(5 * 480)),
        ("enterprise", Priority::High, Some(5 * 480)),
        ("small", Priority::Medium, None),
        ("enterprise", Priority::Medium, None),
        ("small", Priority::Low, None),
        ("enterprise", Priority::Low, None),
    ];
    for (plan_id, priority, minutes) in expected {
        let query = SlaQuery {
            plan: plan(plan_id),
            priority: Some(priority),
            channel: None,
            line: None,
        };
        let targets = adapter.sla_targets(&query).unwrap();
        assert_eq!(
            targets.resolution.as_ref().map(|c| c.target.get()),
            minutes,
            "{plan_id} {priority}"
        );
        assert!(!targets.resolution.is_some_and(|c| c.pauses_when_pending));
    }
}

#[test]
fn resolution_due_times_are_hand_checked() {
    let adapter = adapter_with_defaults();
    // Received Mon 2026-03-02 10:00 AEDT (2026-03-01 23:00 UTC); no March holidays.
    let at = utc(2026, 3, 1, 23, 0);
    // Large critical, 480 min: Mon 10:00-17:00 is 420, 60 more -> Tue 10:00 AEDT.
    assert_eq!(
        due(&adapter, "large", Priority::Critical, at),
        Some(utc(2026, 3, 2, 23, 0))
    );
    assert_eq!(
        due(&adapter, "enterprise", Priority::Critical, at),
        Some(utc(2026, 3, 2, 23, 0))
    );
    // Medium critical, 960 min -> Wed 10:00 AEDT.
    assert_eq!(
        due(&adapter, "medium", Priority::Critical, at),
        Some(utc(2026, 3, 3, 23, 0))
    );
    // Small critical, 1440 min -> Thu 10:00 AEDT.
    assert_eq!(
        due(&adapter, "small", Priority::Critical, at),
        Some(utc(2026, 3, 4, 23, 0))
    );
    // Medium high, 5 bd -> Mon 2026-03-09 10:00 AEDT (one week).
    assert_eq!(
        due(&adapter, "medium", Priority::High, at),
        Some(utc(2026, 3, 8, 23, 0))
    );
    // Small high, 10 bd -> Mon 2026-03-16 10:00 AEDT (two weeks).
    assert_eq!(
        due(&adapter, "small", Priority::High, at),
        Some(utc(2026, 3, 15, 23, 0))
    );
    assert_eq!(due(&adapter, "small", Priority::Medium, at), None);
}

#[test]
fn a_target_ending_at_closing_is_due_at_closing() {
    // Mon 2026-03-02 09:00 AEDT + 480 min = Mon 17:00 AEDT (06:00 UTC), not Tue 09:00.
    let adapter = adapter_with_defaults();
    assert_eq!(
        due(
            &adapter,
            "large",
            Priority::Critical,
            utc(2026, 3, 1, 22, 0)
        ),
        Some(utc(2026, 3, 2, 6, 0))
    );
}

#[test]
fn easter_and_the_end_of_daylight_saving_are_skipped() {
    // Thu 2026-04-02 15:00 AEDT (04:00 UTC): 120 min Thu; Good Friday 3rd, weekend (DST
    // ends Sun 5th), Easter Monday 6th closed; 360 min from Tue 7th 09:00 AEST -> 15:00 AEST
    // = 05:00 UTC.
    let adapter = adapter_with_defaults();
    assert_eq!(
        due(&adapter, "large", Priority::Critical, utc(2026, 4, 2, 4, 0)),
        Some(utc(2026, 4, 7, 5, 0))
    );
}

#[test]
fn christmas_and_boxing_day_substitutes_are_skipped() {
    // Fri 2027-12-24 16:00 AEDT (05:00 UTC): 60 min Fri; Christmas Sat 25th -> Mon 27th,
    // Boxing Day Sun 26th -> Tue 28th; 420 min from Wed 29th 09:00 -> 16:00 AEDT = 05:00 UTC.
    let adapter = adapter_with_defaults();
    assert_eq!(
        due(
            &adapter,
            "enterprise",
            Priority::Critical,
            utc(2027, 12, 24, 5, 0)
        ),
        Some(utc(2027, 12, 29, 5, 0))
    );
}

#[test]
fn a_ticket_received_at_night_starts_at_the_next_opening() {
    // Sat 2026-03-07 12:00 AEDT (01:00 UTC) -> counting from Mon 9th 09:00; +480 -> Mon 17:00
    // AEDT = 06:00 UTC.
    let adapter = adapter_with_defaults();
    assert_eq!(
        due(&adapter, "large", Priority::Critical, utc(2026, 3, 7, 1, 0)),
        Some(utc(2026, 3, 9, 6, 0))
    );
}

#[test]
fn decisions_cite_the_resolution_target_of_plan_and_priority() {
    let d = evaluate("small", &ticket("x", "", Some(Priority::High)));
    let reason = d
        .explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rules::SLA_RESOLUTION)
        .unwrap();
    assert!(
        reason.text.contains("high")
            && reason.text.contains("Small")
            && reason.text.contains("10 business day")
    );
    assert_eq!(
        d.sla.resolution.as_ref().map(|c| c.target.get()),
        Some(4800)
    );
    assert!(message_keys(&d).contains(&"storeconnect.customer.resolution_target"));
}

#[test]
fn medium_and_low_tickets_have_no_resolution_target() {
    for priority in [Priority::Medium, Priority::Low] {
        let d = evaluate("enterprise", &ticket("x", "", Some(priority)));
        assert_eq!(d.sla.resolution, None);
        assert!(d.explanation.cites(rules::SLA_NO_RESOLUTION_TARGET));
        assert!(!d.explanation.cites(rules::SLA_RESOLUTION));
        assert!(message_keys(&d).contains(&"storeconnect.customer.no_target"));
    }
}

#[test]
fn no_first_response_clock_ever_runs() {
    let adapter = adapter_with_defaults();
    for p in adapter.plans() {
        for priority in Priority::ALL {
            let query = SlaQuery {
                plan: p.id.clone(),
                priority: Some(priority),
                channel: None,
                line: None,
            };
            assert_eq!(adapter.sla_targets(&query).unwrap().first_response, None);
        }
    }
    let d = evaluate("large", &ticket("x", "", Some(Priority::Critical)));
    assert_eq!(d.sla.first_response, None);
    assert!(d.explanation.cites(rules::SLA_NO_FIRST_RESPONSE));
}

#[test]
fn the_resolution_clock_warns_at_75_percent_by_default() {
    let adapter = adapter_with_defaults();
    let query = SlaQuery {
        plan: plan("large"),
        priority: Some(Priority::Critical),
        channel: None,
        line: None,
    };
    // Mon 2026-03-02 10:00 AEDT + 360 min (75 % of 480) = 16:00 AEDT = 05:00 UTC.
    let p = preview(&adapter, &query, utc(2026, 3, 1, 23, 0)).unwrap();
    assert_eq!(
        p.resolution.unwrap().warning_at,
        Some(utc(2026, 3, 2, 5, 0))
    );
    let d = evaluate("large", &ticket("x", "", Some(Priority::Critical)));
    let reason = d
        .explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rules::SLA_WARNING)
        .unwrap();
    assert!(reason.text.contains("75%"));
}

#[test]
fn warnings_can_be_turned_off() {
    let config = AdapterConfig::parse("[storeconnect]\nwarning = \"off\"\n").unwrap();
    let adapter = (factory().build)(&config).unwrap();
    let customer = customer("large");
    let d = adapter
        .evaluate(&customer, &ticket("x", "", Some(Priority::Critical)))
        .unwrap();
    assert_eq!(d.sla.resolution.unwrap().warning, None);
    assert!(!d.explanation.cites(rules::SLA_WARNING));
}

#[test]
fn previews_need_a_priority_and_reject_lines() {
    let adapter = adapter_with_defaults();
    let no_priority = SlaQuery {
        plan: plan("large"),
        priority: None,
        channel: None,
        line: None,
    };
    assert!(matches!(
        adapter.sla_targets(&no_priority),
        Err(PolicyError::NotApplicable(_))
    ));
    let line = SlaQuery {
        plan: plan("large"),
        priority: Some(Priority::High),
        channel: None,
        line: Some(Line::Second),
    };
    assert!(matches!(
        adapter.sla_targets(&line),
        Err(PolicyError::NotApplicable(_))
    ));
    let unknown = SlaQuery {
        plan: plan("platinum"),
        priority: Some(Priority::High),
        channel: None,
        line: None,
    };
    assert!(matches!(
        adapter.sla_targets(&unknown),
        Err(PolicyError::UnknownPlan(_))
    ));
    assert!(matches!(
        adapter.evaluate(&customer("platinum"), &ticket("x", "", None)),
        Err(PolicyError::UnknownPlan(_))
    ));
}

// ---------------------------------------------------------------- queue

#[test]
fn critical_tickets_come_first_then_high_then_the_rest_by_due_time() {
    let adapter = adapter_with_defaults();
    let small = plan("small");
    let large = plan("large");
    let t0 = utc(2026, 3, 2, 0, 0);
    let entry = |plan: &'static PlanId, priority, received_at, due| QueueEntry {
        plan,
        priority: Some(priority),
        received_at,
        first_response_due: None,
        resolution_due: due,
    };
    let small: &'static PlanId = Box::leak(Box::new(small));
    let large: &'static PlanId = Box::leak(Box::new(large));
    let tickets = [
        (
            "medium-old",
            entry(small, Priority::Medium, utc(2026, 2, 1, 0, 0), None),
        ),
        (
            "high-early-due",
            entry(large, Priority::High, t0, Some(utc(2026, 3, 3, 0, 0))),
        ),
        (
            "critical-late-due",
            entry(small, Priority::Critical, t0, Some(utc(2026, 3, 5, 0, 0))),
        ),
        (
            "low-older",
            entry(large, Priority::Low, utc(2026, 1, 1, 0, 0), None),
        ),
        (
            "critical-early-due",
            entry(
                large,
                Priority::Critical,
                utc(2026, 3, 2, 1, 0),
                Some(utc(2026, 3, 3, 0, 0)),
            ),
        ),
        (
            "high-late-due",
            entry(small, Priority::High, t0, Some(utc(2026, 3, 9, 0, 0))),
        ),
    ];
    let mut sorted: Vec<_> = tickets.iter().collect();
    sorted.sort_by_key(|(_, e)| adapter.queue_key(e));
    let order: Vec<&str> = sorted.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        order,
        [
            "critical-early-due",
            "critical-late-due",
            "high-early-due",
            "high-late-due",
            "low-older",
            "medium-old"
        ]
    );
    assert!(adapter
        .messages()
        .template(
            tierline_core::Locale::En,
            rules::QUEUE_CRITICAL_FIRST.as_str()
        )
        .is_some());
}

// ---------------------------------------------------------------- escalation

#[test]
fn escalation_between_teams_is_allowed_on_every_plan_without_entitlement() {
    let adapter = adapter_with_defaults();
    for plan_id in ["small", "enterprise"] {
        let request = EscalationRequest::new(
            Some(SupportLevel::Team("support".into())),
            SupportLevel::Team("development".into()),
            at(),
        );
        match adapter.escalate(&customer(plan_id), &request).unwrap() {
            EscalationDecision::Allowed {
                to,
                charges_developer_time,
                first_response,
                messages,
                explanation,
            } => {
                assert_eq!(to, SupportLevel::Team("development".into()));
                assert!(!charges_developer_time);
                assert_eq!(first_response, None);
                assert!(messages.is_empty(), "nothing to tell the customer");
                assert!(explanation.cites(rules::ESCALATION_ALLOWED));
            }
            other => panic!("expected allowed, got {other:?}"),
        }
    }
}

#[test]
fn tiers_lines_and_unknown_teams_are_not_applicable() {
    let adapter = adapter_with_defaults();
    let expected = adapter
        .messages()
        .render(
            tierline_core::Locale::En,
            rules::ESCALATION_TEAMS_ONLY.as_str(),
            &[],
        )
        .unwrap();
    for (from, to) in [
        (SupportLevel::Tier(Tier::One), SupportLevel::Tier(Tier::Two)),
        (
            SupportLevel::Team("support".into()),
            SupportLevel::Line(Line::Second),
        ),
        (
            SupportLevel::Team("support".into()),
            SupportLevel::Team("sales".into()),
        ),
    ] {
        let request = EscalationRequest::new(Some(from), to, at()).with_regression(true);
        match adapter.escalate(&customer("large"), &request) {
            Err(PolicyError::NotApplicable(text)) => assert_eq!(text, expected),
            other => panic!("expected not applicable, got {other:?}"),
        }
    }
}

// ---------------------------------------------------------------- entitlements

#[test]
fn no_plan_has_a_developer_budget_and_nothing_can_be_bought() {
    let adapter = adapter_with_defaults();
    let c = customer("enterprise");
    for plan_id in ["small", "medium", "large", "enterprise"] {
        let denial = adapter
            .developer_budget(
                &customer(plan_id),
                NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            )
            .unwrap_err();
        assert_eq!(
            denial.rule,
            rules::ENTITLEMENT_NO_DEVELOPER_TIME,
            "{plan_id}"
        );
        assert_eq!(denial.offer, None);
        assert!(denial.reason.contains("no developer-time budget"));
    }
    for item in [PurchaseItem::DeveloperCall, PurchaseItem::ScreenShare] {
        let denial = adapter.purchase(&c, item, 1, Minutes(0)).unwrap_err();
        assert_eq!(denial.rule, rules::ENTITLEMENT_NO_PURCHASES);
        assert_eq!(denial.offer, None);
        assert!(denial.reason.contains("developer"));
    }
}

#[test]
fn sessions_are_not_bookable() {
    let adapter = adapter_with_defaults();
    let request = SessionRequest {
        kind: SessionKind::Onboarding,
        starts_at: utc(2026, 3, 10, 0, 0),
        minutes: Minutes(60),
        booked_at: utc(2026, 3, 1, 0, 0),
        screen_shares_bought: 0,
    };
    let denial = adapter
        .book_session(&customer("large"), &request)
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_SESSIONS);
}

// ---------------------------------------------------------------- configuration

#[test]
fn the_matrix_calendar_and_business_day_are_configurable() {
    let toml = r#"
[storeconnect]
business_day_minutes = 540

[storeconnect.resolution_business_days]
critical = { small = 4, medium = 2, large = 1 }

[storeconnect.calendar]
zone = "Australia/Sydney"
week = { mon = [["08:00", "17:00"]], tue = [["08:00", "17:00"]], wed = [["08:00", "17:00"]], thu = [["08:00", "17:00"]], fri = [["08:00", "17:00"]] }
"#;
    let adapter = (factory().build)(&AdapterConfig::parse(toml).unwrap()).unwrap();
    assert_eq!(adapter.business_day(), BusinessMinutes::new(540));
    let q = |plan_id: &str, priority| SlaQuery {
        plan: plan(plan_id),
        priority: Some(priority),
        channel: None,
        line: None,
    };
    let target = |plan_id: &str, priority| {
        adapter
            .sla_targets(&q(plan_id, priority))
            .unwrap()
            .resolution
            .map(|c| c.target.get())
    };
    assert_eq!(target("small", Priority::Critical), Some(4 * 540));
    // A row is given whole: enterprise left out of the critical row has no target.
    assert_eq!(target("enterprise", Priority::Critical), None);
    // Rows not given keep the published values.
    assert_eq!(target("small", Priority::High), Some(10 * 540));
    // Mon 2026-03-02 08:00 AEDT (2026-03-01 21:00 UTC) + 540 = 17:00 AEDT = 06:00 UTC.
    let p = preview(
        adapter.as_ref(),
        &q("large", Priority::Critical),
        utc(2026, 3, 1, 21, 0),
    )
    .unwrap();
    assert_eq!(p.resolution.unwrap().due_at, utc(2026, 3, 2, 6, 0));
}

#[test]
fn bad_settings_are_rejected() {
    for toml in [
        "[storeconnect]\nbusines_day_minutes = 480\n",
        "[storeconnect]\nbusiness_day_minutes = 0\n",
        "[storeconnect.resolution_business_days]\ncritical = { small = 0 }\n",
        "[storeconnect.resolution_business_days]\ncritical = { tiny = 1 }\n",
        "[storeconnect]\nwarning = { after_elapsed = 480 }\n",
        "[storeconnect.calendar]\nzone = \"Mars/Olympus\"\nweek = { mon = [[\"09:00\", \"17:00\"]] }\n",
    ] {
        let config = AdapterConfig::parse(toml).unwrap();
        assert!((factory().build)(&config).is_err(), "accepted: {toml}");
    }
    let ok = AdapterConfig::parse("[storeconnect]\nwarning = { after_elapsed = 240 }\n").unwrap();
    assert!((factory().build)(&ok).is_ok());
    assert_eq!(Config::default(), *adapter_with_defaults().config());
}
