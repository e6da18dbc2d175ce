#![allow(clippy::unwrap_used)]
//! One test (at least) per Connex rule id: each asserts the decision and that the
//! explanation cites the rule with its catalog text. Due times are derived by hand in the
//! comments (Connex calendar: America/New_York, Mon–Fri 09:00–16:00; 1 bd = 420 min).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tierline_connex::{adapter_with_defaults, rules, Config, Connex};
use tierline_core::{
    preview, AdapterConfig, BillingCycle, Channel, Currency, Customer, Decision, EntitlementPolicy,
    EscalationDecision, EscalationPolicy, EscalationRequest, Explanation, Line, Minutes, Money,
    PlanCatalog, PlanId, PolicyError, Priority, PurchaseItem, QueueEntry, RoutingKind, RuleId,
    SessionGrant, SessionKind, SessionRequest, SlaPolicy, SlaQuery, SupportLevel, TicketIntake,
    TicketPolicy, Tier, VendorAdapter, VendorId, WarningRule,
};

// ----- helpers -----

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// The instant escalation requests are made at in these tests (a Tuesday afternoon).
fn at() -> DateTime<Utc> {
    utc(2026, 3, 10, 14, 0)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn customer(plan: &str, cycle: BillingCycle) -> Customer {
    Customer {
        vendor: VendorId::parse("connex").unwrap(),
        external_id: "c-42".into(),
        name: "Acme Outdoor".into(),
        plan: PlanId::parse(plan).unwrap(),
        billing_cycle: cycle,
        renews_on: Some(date(2027, 3, 1)),
        upgraded_on: Some(date(2025, 3, 1)),
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
        // Mon 2026-03-02 10:30 EST.
        received_at: utc(2026, 3, 2, 15, 30),
        references: vec![],
        accelerated_development: false,
        regression: false,
        locale: None,
        facts: Default::default(),
        ruling: None,
        accept_language: None,
    }
}

fn evaluate(subject: &str, description: &str) -> Decision {
    adapter_with_defaults()
        .evaluate(
            &customer("silver", BillingCycle::Annual),
            &intake(subject, description),
        )
        .unwrap()
}

/// The explanation cites `rule` with its rendered catalog text (not the fallback key).
fn assert_cites(explanation: &Explanation, rule: RuleId) {
    let reason = explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rule)
        .unwrap_or_else(|| panic!("{rule} not cited in {explanation:?}"));
    assert_ne!(reason.text, rule.as_str(), "{rule} text did not render");
    assert!(
        !reason.text.contains('{'),
        "{rule} has an unfilled placeholder"
    );
    let catalog = adapter_with_defaults();
    let template = catalog
        .messages()
        .template(tierline_core::Locale::En, rule.as_str())
        .unwrap();
    let head: String = template.chars().take_while(|c| *c != '{').collect();
    assert!(
        reason.text.starts_with(&head),
        "{rule}: text is not the catalog's"
    );
}

fn escalate(c: &Customer, from: Tier, to: Tier, regression: bool) -> EscalationDecision {
    adapter_with_defaults()
        .escalate(
            c,
            &EscalationRequest::new(Some(SupportLevel::Tier(from)), SupportLevel::Tier(to), at())
                .with_regression(regression),
        )
        .unwrap()
}

fn explanation_of(d: &EscalationDecision) -> &Explanation {
    match d {
        EscalationDecision::Allowed { explanation, .. }
        | EscalationDecision::Denied { explanation, .. } => explanation,
    }
}

fn assert_out_of_scope(subject: &str, description: &str, rule: RuleId) {
    let d = evaluate(subject, description);
    assert!(
        !d.scope.in_scope,
        "{description:?} should be out of scope ({rule})"
    );
    let boundary = d.scope.boundary.as_ref().unwrap();
    assert_eq!(boundary.rule, rule, "{description:?}");
    assert!(boundary.pointer.is_some());
    assert_cites(&d.explanation, rule);
    assert_cites(&d.explanation, rules::SLA_OUT_OF_SCOPE_ANSWERED);
    assert!(
        d.sla.first_response.is_some(),
        "out-of-scope tickets are still answered"
    );
    assert!(d
        .messages
        .iter()
        .any(|m| m.key == "connex.customer.out_of_scope"));
}

fn assert_in_scope(subject: &str, description: &str) {
    let d = evaluate(subject, description);
    assert!(
        d.scope.in_scope,
        "{description:?} should be in scope, matched {:?}",
        d.scope.boundary.map(|b| b.rule)
    );
    assert_eq!(d.routing.kind, RoutingKind::Vendor, "{description:?}");
}

fn due(plan: &str, received_at: DateTime<Utc>) -> (DateTime<Utc>, Option<DateTime<Utc>>) {
    let adapter = adapter_with_defaults();
    let query = SlaQuery {
        plan: PlanId::parse(plan).unwrap(),
        priority: None,
        channel: None,
        line: None,
    };
    let p = preview(&adapter, &query, received_at).unwrap();
    assert!(p.resolution.is_none());
    let fr = p.first_response.unwrap();
    assert_eq!(fr.target_minutes, 420);
    (fr.due_at, fr.warning_at)
}

// ----- catalog -----

#[test]
fn catalog_tier_ceilings_and_aliases() {
    let a = adapter_with_defaults();
    let ceiling = |name: &str| a.resolve_plan(name).unwrap().tier_ceiling.clone();
    assert_eq!(ceiling("Ultra Plus"), SupportLevel::Tier(Tier::Three));
    assert_eq!(ceiling("elite"), SupportLevel::Tier(Tier::Three));
    assert_eq!(ceiling("Ultra"), SupportLevel::Tier(Tier::Two));
    for tier1 in [
        "Super",
        "Enterprise",
        "silver",
        "Micro",
        "starter",
        "Growth",
        "PRO",
    ] {
        assert_eq!(ceiling(tier1), SupportLevel::Tier(Tier::One), "{tier1}");
    }
    let platinum = a.resolve_plan("platinum").unwrap();
    assert_eq!(
        platinum.developer_minutes_per_year,
        Some(Minutes::hours(10))
    );
    assert_eq!(
        platinum.prices[0].amount,
        Money::major(5_988, Currency::Usd)
    );
    assert!(a.plans().iter().all(|p| !p.includes_screen_sharing));
    assert!(a.resolve_plan("Ultra Pro").is_none());

    // Silver annual asking for Tier 2: the ceiling rule is cited with the plan's values.
    let d = escalate(
        &customer("silver", BillingCycle::Annual),
        Tier::One,
        Tier::Two,
        false,
    );
    assert_cites(explanation_of(&d), rules::CATALOG_TIER_CEILING);
    assert!(explanation_of(&d).reasons()[0]
        .text
        .contains("Silver plan reaches up to Tier 1"));
}

#[test]
fn gold_ceiling_is_tier_two_by_default_and_configurable() {
    let gold = customer("gold", BillingCycle::Annual);
    let d = escalate(&gold, Tier::One, Tier::Two, false);
    assert!(matches!(d, EscalationDecision::Allowed { .. }));
    assert_cites(explanation_of(&d), rules::CATALOG_GOLD_CEILING);

    let config = AdapterConfig::parse("[connex]\ngold_tier_ceiling = 1\n").unwrap();
    let strict = Connex::new(config.decode::<Config>("connex").unwrap()).unwrap();
    let d = strict
        .escalate(
            &gold,
            &EscalationRequest::new(
                Some(SupportLevel::Tier(Tier::One)),
                SupportLevel::Tier(Tier::Two),
                at(),
            ),
        )
        .unwrap();
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = &d
    else {
        panic!("gold with ceiling 1 must be denied: {d:?}")
    };
    assert_eq!(denial.rule, rules::ESCALATION_ABOVE_CEILING);
    assert!(explanation.cites(rules::CATALOG_GOLD_CEILING));
    assert!(explanation
        .reasons()
        .iter()
        .any(|r| r.text.contains("configured as Tier 1")));
}

#[test]
fn factory_decodes_its_table_and_rejects_typos() {
    let ok = AdapterConfig::parse(
        "[connex]\nonboarding_lead_hours = 48\nfirst_response_warning = { before_due = 60 }\n",
    )
    .unwrap();
    let adapter = (tierline_connex::factory().build)(&ok).unwrap();
    assert_eq!(adapter.id().as_str(), tierline_connex::ID);
    let bad = AdapterConfig::parse("[connex]\ngold_ceiling = 1\n").unwrap();
    assert!((tierline_connex::factory().build)(&bad).is_err());
    let bad_tier = AdapterConfig::parse("[connex]\ngold_tier_ceiling = 4\n").unwrap();
    assert!((tierline_connex::factory().build)(&bad_tier).is_err());
}

// ----- intake -----

#[test]
fn every_ticket_starts_at_tier_one_unbilled() {
    let d = evaluate(
        "Orders not syncing",
        "Order 1001 from Shopify did not reach QuickBooks.",
    );
    assert!(d.scope.in_scope);
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert_eq!(d.routing.level, Some(SupportLevel::Tier(Tier::One)));
    assert!(!d.billable);
    assert!(!d.needs_info);
    assert_eq!(d.explanation.reasons()[0].rule, rules::INTAKE_TIER_ONE);
    assert_cites(&d.explanation, rules::INTAKE_TIER_ONE);
    assert!(d
        .messages
        .iter()
        .any(|m| m.key == "connex.customer.received"));
}

#[test]
fn priority_passes_through_and_changes_nothing() {
    let a = adapter_with_defaults();
    let c = customer("silver", BillingCycle::Monthly);
    let mut critical = intake("URGENT: store down", "Nothing syncs");
    critical.priority = Some(Priority::Critical);
    let mut low = critical.clone();
    low.priority = Some(Priority::Low);
    let dc = a.evaluate(&c, &critical).unwrap();
    let dl = a.evaluate(&c, &low).unwrap();
    assert_eq!(dc.priority, Some(Priority::Critical));
    assert_eq!(dl.priority, Some(Priority::Low));
    assert_eq!(dc.suggested_priority, None);
    assert_eq!(dc.sla, dl.sla);
    assert_cites(&dc.explanation, rules::INTAKE_PRIORITY_UNUSED);
    let entry = |p| QueueEntry {
        plan: &c.plan,
        priority: p,
        received_at: critical.received_at,
        first_response_due: None,
        resolution_due: None,
    };
    assert_eq!(
        a.queue_key(&entry(Some(Priority::Critical))),
        a.queue_key(&entry(Some(Priority::Low)))
    );
}

#[test]
fn quickbooks_faults_go_to_intuit() {
    for (text, boundary) in [
        (
            "The QuickBooks Web Connector crashes every time the sync starts.",
            rules::SCOPE_WEB_CONNECTOR_CRASHES,
        ),
        (
            "QBWC is frozen and not responding since this morning",
            rules::SCOPE_WEB_CONNECTOR_CRASHES,
        ),
        (
            "QuickBooks Desktop keeps crashing when Connex imports invoices",
            rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
        ),
        (
            "QuickBooks won't open anymore on our server",
            rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
        ),
    ] {
        let d = evaluate("Help", text);
        assert_eq!(d.routing.kind, RoutingKind::ThirdParty, "{text}");
        assert_eq!(d.routing.handled_by, "Intuit");
        assert!(d.routing.contact.is_some());
        assert_eq!(d.scope.boundary.as_ref().unwrap().rule, boundary, "{text}");
        assert!(d
            .scope
            .boundary
            .as_ref()
            .unwrap()
            .pointer
            .as_ref()
            .unwrap()
            .contains("Intuit"));
        assert_cites(&d.explanation, rules::ROUTING_INTUIT);
        assert_cites(&d.explanation, rules::SLA_OUT_OF_SCOPE_ANSWERED);
    }
    // Precedence: a reinstall request is answered with boundary 2, and the crash still goes
    // to Intuit.
    let d = evaluate(
        "",
        "The web connector crashed. Can you reinstall the web connector for me?",
    );
    assert_eq!(
        d.scope.boundary.as_ref().unwrap().rule,
        rules::SCOPE_REINSTALL_WEB_CONNECTOR
    );
    assert_eq!(d.routing.kind, RoutingKind::ThirdParty);
    // Not faults: Connex-side errors, QuickBooks Online, a sync that stopped.
    for text in [
        "The Web Connector log says order 1001 failed: customer not found",
        "QuickBooks Online crashed in my browser while the invoice synced",
        "Orders stopped syncing to QuickBooks Desktop yesterday",
        "What does error 3180 in the Connex log mean for QuickBooks?",
    ] {
        let d = evaluate("Sync problem", text);
        assert_eq!(d.routing.kind, RoutingKind::Vendor, "{text}");
        assert!(!d.explanation.cites(rules::ROUTING_INTUIT), "{text}");
    }
}

// ----- scope boundaries: positive and negative texts -----

#[test]
fn boundary_1_discontinued_integration() {
    assert_out_of_scope(
        "Old connector",
        "We still use the Volusion integration you discontinued last year, can you fix it?",
        rules::SCOPE_DISCONTINUED_INTEGRATION,
    );
    assert_out_of_scope(
        "",
        "Help with a discontinued integration",
        rules::SCOPE_DISCONTINUED_INTEGRATION,
    );
    assert_in_scope(
        "Discontinued products",
        "Our discontinued products still sync to QuickBooks as active items.",
    );
}

#[test]
fn boundary_2_reinstall_web_connector() {
    assert_out_of_scope(
        "",
        "Could you uninstall and re-install the QuickBooks Web Connector on my PC?",
        rules::SCOPE_REINSTALL_WEB_CONNECTOR,
    );
    assert_in_scope(
        "",
        "I reinstalled Windows last week. Since then, orders are not syncing.",
    );
}

#[test]
fn boundary_3_reinstall_quickbooks_desktop() {
    assert_out_of_scope(
        "",
        "Please reinstall QuickBooks Desktop for us, the sync broke.",
        rules::SCOPE_REINSTALL_QUICKBOOKS_DESKTOP,
    );
    assert_in_scope(
        "",
        "We installed the QuickBooks update and invoices are missing tax lines.",
    );
}

#[test]
fn boundary_4_firewall_antivirus() {
    assert_out_of_scope(
        "",
        "Can you change our firewall settings so Connex can connect?",
        rules::SCOPE_FIREWALL_ANTIVIRUS,
    );
    assert_out_of_scope(
        "",
        "Please whitelist Connex in Norton for me",
        rules::SCOPE_FIREWALL_ANTIVIRUS,
    );
    assert_in_scope(
        "",
        "Our firewall is not the problem; orders still do not sync.",
    );
}

#[test]
fn boundary_5_website_source_code() {
    assert_out_of_scope(
        "",
        "Can you modify the source code of our website so the sync sends the gift message?",
        rules::SCOPE_WEBSITE_SOURCE_CODE,
    );
    assert_in_scope(
        "",
        "Did a change in your source code break our Shopify sync?",
    );
    assert_in_scope("", "What does error code 500 mean on the order page?");
}

#[test]
fn boundary_6_website_plugins() {
    assert_out_of_scope(
        "",
        "Can you update the WooCommerce plugin to the latest version for us?",
        rules::SCOPE_WEBSITE_PLUGINS,
    );
    assert_out_of_scope(
        "",
        "Please change the Wordfence settings for us, it is stopping the sync",
        rules::SCOPE_WEBSITE_PLUGINS,
    );
    // A hedged guess that asks nothing of Connex is not plain enough to refuse support: in
    // scope, flagged for a person, with the boundary as an unadopted candidate.
    let d = evaluate("", "I think Wordfence is stopping the sync");
    assert!(d.scope.in_scope);
    assert!(d.triage.needed);
    assert!(d
        .triage
        .candidates
        .iter()
        .any(|c| c.rule == rules::SCOPE_WEBSITE_PLUGINS
            && !c.adopted
            && c.evidence.iter().any(|e| e.text == "Wordfence")));
    assert_in_scope(
        "",
        "Which settings in Connex control how orders are plugged into QuickBooks?",
    );
}

#[test]
fn boundary_7_channel_plugins() {
    assert_out_of_scope(
        "",
        "A discount app for Shopify fails to sync discounts to QuickBooks",
        rules::SCOPE_CHANNEL_PLUGINS,
    );
    assert_in_scope(
        "",
        "The Connex app for Shopify is not syncing discounts to QuickBooks.",
    );
}

#[test]
fn boundary_8_plugin_compatibility() {
    assert_out_of_scope(
        "",
        "Is the Yoast plugin compatible with your software?",
        rules::SCOPE_PLUGIN_COMPATIBILITY,
    );
    assert_in_scope("", "Is Connex compatible with QuickBooks Desktop 2024?");
}

#[test]
fn boundary_9_registry_logs() {
    assert_out_of_scope(
        "",
        "Can you edit the Windows registry to turn on verbose logging?",
        rules::SCOPE_REGISTRY_LOGS,
    );
    assert_in_scope(
        "",
        "Where can I register for the webinar about logging errors?",
    );
}

#[test]
fn boundary_10_sdk_logs() {
    assert_out_of_scope(
        "",
        "Please pull the QBSDK log and the QBXML logs from my computer.",
        rules::SCOPE_SDK_LOGS,
    );
    assert_in_scope(
        "",
        "The Connex log shows an XML parsing error for order 1002.",
    );
}

#[test]
fn boundary_11_quickbooks_desktop_crashes() {
    assert_out_of_scope(
        "",
        "Why does QuickBooks Desktop crash on my computer?",
        rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
    );
    assert_in_scope(
        "",
        "Orders crash into duplicates when synced to QuickBooks Online.",
    );
}

#[test]
fn boundary_12_web_connector_crashes() {
    assert_out_of_scope(
        "",
        "Troubleshoot why the web connector crashes on my computer please",
        rules::SCOPE_WEB_CONNECTOR_CRASHES,
    );
    assert_in_scope(
        "",
        "How do I add the web connector file from the Connex dashboard?",
    );
}

#[test]
fn boundary_13_developer_escalation_offers_platinum() {
    let a = adapter_with_defaults();
    let ask = intake(
        "Escalate",
        "Please escalate this to your developers, it is blocking us.",
    );
    let d = a
        .evaluate(&customer("silver", BillingCycle::Monthly), &ask)
        .unwrap();
    assert!(
        d.scope.in_scope,
        "the problem itself is still worked at Tier 1"
    );
    assert_cites(&d.explanation, rules::SCOPE_DEVELOPER_ESCALATION);
    let offer = d
        .messages
        .iter()
        .find(|m| m.key == "connex.customer.developer_escalation")
        .unwrap();
    assert!(offer.text.contains("USD 5988.00"), "{}", offer.text);
    // A Platinum annual customer can escalate: no offer.
    let d = a
        .evaluate(&customer("platinum", BillingCycle::Annual), &ask)
        .unwrap();
    assert!(!d.explanation.cites(rules::SCOPE_DEVELOPER_ESCALATION));
    // A Silver customer not asking for developers: no offer.
    let plain = intake("", "Our developer changed the API key and orders stopped.");
    let d = a
        .evaluate(&customer("silver", BillingCycle::Monthly), &plain)
        .unwrap();
    assert!(!d.explanation.cites(rules::SCOPE_DEVELOPER_ESCALATION));
}

#[test]
fn boundary_14_match_records() {
    assert_out_of_scope(
        "",
        "Can you rename the products in QuickBooks so they match our Shopify SKUs?",
        rules::SCOPE_MATCH_RECORDS,
    );
    assert_in_scope(
        "",
        "Can you help me map products in the Product Mapping Tool? Items do not match.",
    );
}

#[test]
fn boundary_15_quickbooks_settings() {
    assert_out_of_scope(
        "",
        "Please change the QuickBooks settings so sales receipts use our class.",
        rules::SCOPE_QUICKBOOKS_SETTINGS,
    );
    assert_in_scope(
        "",
        "Which Connex settings do I need for QuickBooks sales receipts?",
    );
}

#[test]
fn boundary_16_custom_rules() {
    assert_out_of_scope(
        "",
        "My custom rule that splits shipping is not working, can you debug it?",
        rules::SCOPE_CUSTOM_RULES,
    );
    assert_in_scope(
        "",
        "How do I set up the shipping rule from the knowledge base?",
    );
}

// ----- SLA -----

#[test]
fn first_response_is_one_business_day() {
    let d = evaluate("Orders not syncing", "Order 1001");
    assert_cites(&d.explanation, rules::SLA_FIRST_RESPONSE);
    assert!(d
        .explanation
        .reasons()
        .iter()
        .any(|r| r.text.contains("420 business minutes")));
    assert_eq!(adapter_with_defaults().business_day().get(), 420);

    // Mon 2026-03-02 10:30 EST: 330 min to 16:00, 90 left → Tue 09:00 + 90 = 10:30 EST
    // = 15:30 UTC.
    assert_eq!(
        due("silver", utc(2026, 3, 2, 15, 30)).0,
        utc(2026, 3, 3, 15, 30)
    );
    // Fri 2026-11-20 14:00 EST (19:00 UTC): 120 min Friday, 300 left → Mon 23 Nov 14:00 EST.
    assert_eq!(
        due("gold", utc(2026, 11, 20, 19, 0)).0,
        utc(2026, 11, 23, 19, 0)
    );
    // Sat 2026-03-07: counting starts Mon 09:00 EDT (DST began Sun 8 Mar); the whole day is
    // 420 min, so due exactly at closing, Mon 16:00 EDT = 20:00 UTC.
    assert_eq!(
        due("micro", utc(2026, 3, 7, 15, 0)).0,
        utc(2026, 3, 9, 20, 0)
    );
    // Tue 2026-11-24 12:00 EST: 240 min Tuesday, 180 left = all of Thanksgiving Eve
    // (Wed 25 Nov 09:00–12:00) → due at its closing, Wed 12:00 EST = 17:00 UTC.
    assert_eq!(
        due("pro", utc(2026, 11, 24, 17, 0)).0,
        utc(2026, 11, 25, 17, 0)
    );
    // Wed 2026-12-23 15:00 EST: 60 min, 360 left; Dec 24, Dec 25 closed, weekend → Mon 28
    // Dec 09:00 + 360 = 15:00 EST = 20:00 UTC.
    assert_eq!(
        due("platinum", utc(2026, 12, 23, 20, 0)).0,
        utc(2026, 12, 28, 20, 0)
    );
}

#[test]
fn first_response_warns_at_75_percent_by_default() {
    let d = evaluate("Orders not syncing", "Order 1001");
    assert_cites(&d.explanation, rules::SLA_WARNING);
    assert_eq!(
        d.sla.first_response.as_ref().unwrap().warning,
        Some(WarningRule::Fraction { percent: 75 })
    );
    // Mon 2026-03-02 10:30 EST + 315 min = 15:45 EST = 20:45 UTC.
    assert_eq!(
        due("silver", utc(2026, 3, 2, 15, 30)).1,
        Some(utc(2026, 3, 2, 20, 45))
    );
    // Configurable, including off.
    let none = AdapterConfig::parse("[connex]\n").unwrap();
    let mut config = none.decode::<Config>("connex").unwrap();
    config.first_response_warning = None;
    let quiet = Connex::new(config).unwrap();
    let d = quiet
        .evaluate(&customer("silver", BillingCycle::Annual), &intake("a", "b"))
        .unwrap();
    assert!(d.sla.first_response.unwrap().warning.is_none());
    assert!(!d.explanation.cites(rules::SLA_WARNING));
}

#[test]
fn no_resolution_target() {
    let d = evaluate("Orders not syncing", "Order 1001");
    assert!(d.sla.resolution.is_none());
    assert_cites(&d.explanation, rules::SLA_NO_RESOLUTION_TARGET);
}

#[test]
fn first_response_does_not_pause() {
    let d = evaluate("Orders not syncing", "Order 1001");
    assert!(!d.sla.first_response.unwrap().pauses_when_pending);
    assert_cites(&d.explanation, rules::SLA_NO_PAUSE);
}

#[test]
fn out_of_scope_tickets_are_still_answered_within_one_day() {
    let d = evaluate("", "Can you change our firewall settings?");
    assert!(!d.scope.in_scope);
    assert_eq!(d.sla.first_response.as_ref().unwrap().target.get(), 420);
    assert_cites(&d.explanation, rules::SLA_OUT_OF_SCOPE_ANSWERED);
    let d = evaluate("", "Order 1001 is missing");
    assert!(!d.explanation.cites(rules::SLA_OUT_OF_SCOPE_ANSWERED));
}

#[test]
fn lines_are_not_connex_levels() {
    let a = adapter_with_defaults();
    let query = SlaQuery {
        plan: PlanId::parse("gold").unwrap(),
        priority: None,
        channel: None,
        line: Some(Line::Second),
    };
    assert!(matches!(
        a.sla_targets(&query),
        Err(PolicyError::NotApplicable(_))
    ));
    let request = EscalationRequest::new(
        Some(SupportLevel::Line(Line::First)),
        SupportLevel::Line(Line::Second),
        at(),
    );
    assert!(matches!(
        a.escalate(&customer("platinum", BillingCycle::Annual), &request),
        Err(PolicyError::NotApplicable(_))
    ));
}

// ----- queue -----

#[test]
fn platinum_first_then_oldest_first() {
    let a = adapter_with_defaults();
    let platinum = PlanId::parse("platinum").unwrap();
    let silver = PlanId::parse("silver").unwrap();
    let entry = |plan, at| QueueEntry {
        plan,
        priority: None,
        received_at: at,
        first_response_due: None,
        resolution_due: None,
    };
    let old_silver = a.queue_key(&entry(&silver, utc(2026, 3, 2, 14, 0)));
    let new_platinum = a.queue_key(&entry(&platinum, utc(2026, 3, 3, 14, 0)));
    let newer_silver = a.queue_key(&entry(&silver, utc(2026, 3, 2, 15, 0)));
    assert!(new_platinum < old_silver, "Platinum first, however new");
    assert!(old_silver < newer_silver, "then oldest first");
    let d = a
        .evaluate(
            &customer("platinum", BillingCycle::Annual),
            &intake("a", "b"),
        )
        .unwrap();
    assert_cites(&d.explanation, rules::QUEUE_PLATINUM_FIRST);
    assert_cites(&d.explanation, rules::QUEUE_OLDEST_FIRST);
    let d = evaluate("a", "b");
    assert!(!d.explanation.cites(rules::QUEUE_PLATINUM_FIRST));
    assert_cites(&d.explanation, rules::QUEUE_OLDEST_FIRST);
}

// ----- escalation -----

#[test]
fn escalation_needs_an_annual_plan() {
    let d = escalate(
        &customer("platinum", BillingCycle::Monthly),
        Tier::One,
        Tier::Two,
        false,
    );
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = &d
    else {
        panic!("monthly must be denied: {d:?}")
    };
    assert_eq!(denial.rule, rules::ESCALATION_ANNUAL_REQUIRED);
    let offer = denial.offer.as_ref().unwrap();
    assert_eq!(offer.plan.as_str(), "platinum");
    assert_eq!(offer.billing_cycle, BillingCycle::Annual);
    assert_eq!(offer.price, Money::major(5_988, Currency::Usd));
    assert_cites(explanation, rules::ESCALATION_ANNUAL_REQUIRED);
}

#[test]
fn escalation_above_the_ceiling_is_denied() {
    // Gold annual to Tier 3: above Gold's Tier 2.
    let d = escalate(
        &customer("gold", BillingCycle::Annual),
        Tier::Two,
        Tier::Three,
        false,
    );
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = &d
    else {
        panic!("must be denied: {d:?}")
    };
    assert_eq!(denial.rule, rules::ESCALATION_ABOVE_CEILING);
    assert!(denial.offer.is_some());
    assert_cites(explanation, rules::ESCALATION_ABOVE_CEILING);
    // Silver monthly to Tier 2 fails both: annual first, both explained.
    let d = escalate(
        &customer("silver", BillingCycle::Monthly),
        Tier::One,
        Tier::Two,
        false,
    );
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = &d
    else {
        panic!("must be denied: {d:?}")
    };
    assert_eq!(denial.rule, rules::ESCALATION_ANNUAL_REQUIRED);
    assert!(explanation.cites(rules::ESCALATION_ABOVE_CEILING));
}

#[test]
fn escalation_within_ceiling_on_annual_is_allowed() {
    let d = escalate(
        &customer("platinum", BillingCycle::Annual),
        Tier::Two,
        Tier::Three,
        false,
    );
    let EscalationDecision::Allowed {
        to,
        messages,
        explanation,
        ..
    } = &d
    else {
        panic!("must be allowed: {d:?}")
    };
    assert_eq!(*to, SupportLevel::Tier(Tier::Three));
    assert_cites(explanation, rules::ESCALATION_WITHIN_CEILING);
    assert!(
        messages.is_empty(),
        "nothing to tell the customer: {messages:?}"
    );
}

#[test]
fn regression_goes_to_tier_two_on_any_plan_uncharged() {
    for plan in ["micro", "silver", "platinum"] {
        let d = escalate(
            &customer(plan, BillingCycle::Monthly),
            Tier::One,
            Tier::Two,
            true,
        );
        let EscalationDecision::Allowed {
            to,
            charges_developer_time,
            explanation,
            ..
        } = &d
        else {
            panic!("{plan}: regression must be allowed: {d:?}")
        };
        assert_eq!(*to, SupportLevel::Tier(Tier::Two));
        assert!(!charges_developer_time, "{plan}");
        assert_cites(explanation, rules::ESCALATION_REGRESSION);
        // The customer is told the developers help at no charge to developer hours.
        let EscalationDecision::Allowed { messages, .. } = &d else {
            unreachable!()
        };
        assert_eq!(messages.len(), 1, "{plan}");
        assert_eq!(messages[0].key, "connex.customer.regression");
        assert!(messages[0].text.contains("no charge to developer hours"));
    }
    // Only to Tier 2: Tier 3 still needs the plan.
    let d = escalate(
        &customer("silver", BillingCycle::Monthly),
        Tier::One,
        Tier::Three,
        true,
    );
    assert!(matches!(d, EscalationDecision::Denied { .. }));
    // At intake, a regression is noted with the exception.
    let mut t = intake("Since your update", "Invoices now post twice.");
    t.regression = true;
    let d = adapter_with_defaults()
        .evaluate(&customer("micro", BillingCycle::Monthly), &t)
        .unwrap();
    assert_cites(&d.explanation, rules::ESCALATION_REGRESSION);
}

#[test]
fn tier_one_and_downward_moves_are_always_allowed() {
    let monthly = customer("micro", BillingCycle::Monthly);
    for (from, to) in [
        (Tier::One, Tier::One),
        (Tier::Two, Tier::One),
        (Tier::Three, Tier::Two),
    ] {
        let d = escalate(&monthly, from, to, false);
        let EscalationDecision::Allowed {
            charges_developer_time,
            explanation,
            ..
        } = &d
        else {
            panic!("{from:?}->{to:?} must be allowed: {d:?}")
        };
        assert!(!charges_developer_time);
        assert_cites(explanation, rules::ESCALATION_NOT_UPWARD);
    }
}

#[test]
fn platinum_developer_work_is_charged() {
    let d = escalate(
        &customer("platinum", BillingCycle::Annual),
        Tier::One,
        Tier::Two,
        false,
    );
    let EscalationDecision::Allowed {
        charges_developer_time,
        explanation,
        ..
    } = &d
    else {
        panic!("must be allowed: {d:?}")
    };
    assert!(charges_developer_time);
    assert_cites(explanation, rules::ESCALATION_CHARGES_HOURS);
    // Gold has no developer hours: allowed, not charged.
    let d = escalate(
        &customer("gold", BillingCycle::Annual),
        Tier::One,
        Tier::Two,
        false,
    );
    assert!(matches!(
        d,
        EscalationDecision::Allowed {
            charges_developer_time: false,
            ..
        }
    ));
    // A Platinum regression is not charged.
    let d = escalate(
        &customer("platinum", BillingCycle::Annual),
        Tier::One,
        Tier::Two,
        true,
    );
    assert!(matches!(
        d,
        EscalationDecision::Allowed {
            charges_developer_time: false,
            ..
        }
    ));
}

// ----- developer hours -----

fn platinum_with(renews_on: Option<NaiveDate>, upgraded_on: Option<NaiveDate>) -> Customer {
    Customer {
        renews_on,
        upgraded_on,
        ..customer("platinum", BillingCycle::Annual)
    }
}

#[test]
fn platinum_gets_ten_hours_per_plan_year() {
    let a = adapter_with_defaults();
    // Upgraded 2025-03-01, renews 2027-03-01: plan year of 2026-06-15 is
    // [2026-03-01, 2027-03-01), not the upgrade's year → 10 h.
    let c = platinum_with(Some(date(2027, 3, 1)), Some(date(2025, 3, 1)));
    let b = a.developer_budget(&c, date(2026, 6, 15)).unwrap();
    assert_eq!(b.included, Minutes::hours(10));
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2026, 3, 1), date(2027, 3, 1))
    );
    assert_cites(&b.explanation, rules::HOURS_ANNUAL_ALLOWANCE);
}

#[test]
fn only_platinum_has_developer_hours() {
    let a = adapter_with_defaults();
    // Gold and Silver have no developer hours: denied with the Platinum annual offer.
    for (plan, name) in [("gold", "Gold"), ("silver", "Silver"), ("micro", "Micro")] {
        let denial = a
            .developer_budget(&customer(plan, BillingCycle::Annual), date(2026, 6, 15))
            .unwrap_err();
        assert_eq!(denial.rule, rules::HOURS_PLATINUM_ONLY, "{plan}");
        assert!(denial
            .reason
            .contains(&format!("the {name} plan includes none")));
        let offer = denial.offer.expect("an upgrade offer");
        assert_eq!(offer.plan.as_str(), "platinum");
        assert_eq!(offer.billing_cycle, BillingCycle::Annual);
    }
    // Platinum on a monthly cycle still has its hours (the plan, not the cycle, decides).
    assert!(a
        .developer_budget(
            &customer("platinum", BillingCycle::Monthly),
            date(2026, 6, 15)
        )
        .is_ok());
}

#[test]
fn late_upgrade_gets_five_hours_for_that_year_only() {
    let a = adapter_with_defaults();
    // Upgraded 2026-10-01, renewal 2027-03-01: 5 months before renewal → 5 h for
    // [2026-03-01, 2027-03-01).
    let c = platinum_with(Some(date(2027, 3, 1)), Some(date(2026, 10, 1)));
    let b = a.developer_budget(&c, date(2026, 12, 1)).unwrap();
    assert_eq!(b.included, Minutes::hours(5));
    assert_cites(&b.explanation, rules::HOURS_PRORATED_UPGRADE);
    // After the renewal: 10 h again.
    let b = a.developer_budget(&c, date(2027, 3, 1)).unwrap();
    assert_eq!(b.included, Minutes::hours(10));
    assert!(!b.explanation.cites(rules::HOURS_PRORATED_UPGRADE));
    // Exactly 6 months before renewal (2026-09-01 + 6 months = 2027-03-01) is not "less
    // than 6 months": 10 h.
    let c = platinum_with(Some(date(2027, 3, 1)), Some(date(2026, 9, 1)));
    assert_eq!(
        a.developer_budget(&c, date(2026, 12, 1)).unwrap().included,
        Minutes::hours(10)
    );
    // One day later is: 5 h.
    let c = platinum_with(Some(date(2027, 3, 1)), Some(date(2026, 9, 2)));
    assert_eq!(
        a.developer_budget(&c, date(2026, 12, 1)).unwrap().included,
        Minutes::hours(5)
    );
}

#[test]
fn no_budget_for_a_plan_year_before_the_upgrade() {
    let a = adapter_with_defaults();
    // Upgraded 2026-10-01, renewal 2027-03-01: 2026-01-15 lies in [2025-03-01, 2026-03-01),
    // which ended before the upgrade: the customer was not on Platinum then.
    let c = platinum_with(Some(date(2027, 3, 1)), Some(date(2026, 10, 1)));
    let denial = a.developer_budget(&c, date(2026, 1, 15)).unwrap_err();
    assert_eq!(denial.rule, rules::HOURS_BEFORE_UPGRADE);
    assert!(denial.offer.is_none(), "already Platinum: nothing to offer");
    assert!(
        denial.reason.contains("2025-03-01 to 2026-03-01") && denial.reason.contains("2026-10-01"),
        "{}",
        denial.reason
    );
    // The plan year that contains the upgrade has a (prorated) budget.
    assert!(a.developer_budget(&c, date(2026, 3, 1)).is_ok());
}

#[test]
fn no_budget_when_the_plan_year_is_out_of_range() {
    let a = adapter_with_defaults();
    // The anniversary after the last representable date does not exist.
    let c = platinum_with(Some(NaiveDate::MAX), None);
    let denial = a.developer_budget(&c, NaiveDate::MAX).unwrap_err();
    assert_eq!(denial.rule, rules::HOURS_PLAN_YEAR_OUT_OF_RANGE);
    assert!(!denial.reason.is_empty() && denial.reason != denial.rule.as_str());
}

#[test]
fn hours_reset_at_renewal_and_feb_29_is_handled() {
    let a = adapter_with_defaults();
    let c = platinum_with(Some(date(2028, 2, 29)), Some(date(2020, 1, 1)));
    // 2026-06-01 lies in [2026-02-28, 2027-02-28): Feb 29 clamps to Feb 28 in common years.
    let b = a.developer_budget(&c, date(2026, 6, 1)).unwrap();
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2026, 2, 28), date(2027, 2, 28))
    );
    assert_cites(&b.explanation, rules::HOURS_RESET_AT_RENEWAL);
    // 2028-02-29 itself starts a new year ending 2029-02-28; the day before belongs to the
    // year that ends on it.
    let b = a.developer_budget(&c, date(2028, 2, 29)).unwrap();
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2028, 2, 29), date(2029, 2, 28))
    );
    let b = a.developer_budget(&c, date(2028, 2, 28)).unwrap();
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2027, 2, 28), date(2028, 2, 29))
    );
    // Rolled forward far beyond the stored renewal: 2032 is a leap year again.
    let b = a.developer_budget(&c, date(2032, 3, 1)).unwrap();
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2032, 2, 29), date(2033, 2, 28))
    );
    assert_eq!(
        b.included,
        Minutes::hours(10),
        "no rollover, no proration after the first year"
    );
}

#[test]
fn without_a_renewal_date_the_upgrade_anniversary_is_used() {
    let a = adapter_with_defaults();
    let c = platinum_with(None, Some(date(2025, 7, 15)));
    let b = a.developer_budget(&c, date(2026, 1, 10)).unwrap();
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2025, 7, 15), date(2026, 7, 15))
    );
    assert_eq!(
        b.included,
        Minutes::hours(10),
        "the upgrade starts the year: no proration"
    );
    assert_cites(&b.explanation, rules::HOURS_NO_RENEWAL_DATE);
    // Neither date: the calendar year.
    let c = platinum_with(None, None);
    let b = a.developer_budget(&c, date(2026, 5, 5)).unwrap();
    assert_eq!(
        (b.period_start, b.period_end),
        (date(2026, 1, 1), date(2027, 1, 1))
    );
}

#[test]
fn balance_never_goes_below_zero() {
    let a = adapter_with_defaults();
    let c = platinum_with(Some(date(2027, 3, 1)), Some(date(2025, 3, 1)));
    let b = a.developer_budget(&c, date(2026, 6, 15)).unwrap();
    assert_eq!(b.included, Minutes::hours(10));
    assert_eq!(b.remaining(Minutes(90), Minutes(0)), Minutes(510));
    assert_eq!(b.remaining(Minutes::hours(11), Minutes(0)), Minutes(0));
    // Bought calls add to the balance; logged time beyond everything stops at zero.
    assert_eq!(b.remaining(Minutes::hours(10), Minutes(30)), Minutes(30));
    assert_eq!(b.remaining(Minutes::hours(12), Minutes(30)), Minutes(0));
    // A negative log entry does not add time.
    assert_eq!(b.remaining(Minutes(-30), Minutes(0)), Minutes::hours(10));
    // The prorated year draws down from 5 h.
    let late = platinum_with(Some(date(2027, 3, 1)), Some(date(2026, 10, 1)));
    let b = a.developer_budget(&late, date(2026, 12, 1)).unwrap();
    assert_eq!(b.remaining(Minutes::hours(6), Minutes(0)), Minutes(0));
    // A negative balance handed in counts as exhausted.
    let q = adapter_with_defaults()
        .purchase(
            &customer("platinum", BillingCycle::Annual),
            PurchaseItem::DeveloperCall,
            1,
            Minutes(-15),
        )
        .unwrap();
    assert_cites(&q.explanation, rules::HOURS_NEVER_NEGATIVE);
}

// ----- purchases -----

#[test]
fn developer_calls_cost_250_per_30_minutes() {
    let q = adapter_with_defaults()
        .purchase(
            &customer("platinum", BillingCycle::Annual),
            PurchaseItem::DeveloperCall,
            3,
            Minutes(0),
        )
        .unwrap();
    assert_eq!(q.unit_price, Some(Money::major(250, Currency::Usd)));
    assert_eq!(q.total, Some(Money::major(750, Currency::Usd)));
    assert_eq!(q.adds_minutes, Minutes(90));
    assert_cites(&q.explanation, rules::PURCHASE_DEVELOPER_CALL);
}

#[test]
fn only_platinum_can_buy_developer_time() {
    let denial = adapter_with_defaults()
        .purchase(
            &customer("gold", BillingCycle::Annual),
            PurchaseItem::DeveloperCall,
            1,
            Minutes(0),
        )
        .unwrap_err();
    assert_eq!(denial.rule, rules::PURCHASE_PLATINUM_ONLY);
    assert!(denial.offer.is_some());
    assert!(!denial.reason.is_empty() && denial.reason != denial.rule.as_str());
}

#[test]
fn developer_time_is_bought_only_when_exhausted() {
    let denial = adapter_with_defaults()
        .purchase(
            &customer("platinum", BillingCycle::Annual),
            PurchaseItem::DeveloperCall,
            1,
            Minutes(30),
        )
        .unwrap_err();
    assert_eq!(denial.rule, rules::PURCHASE_HOURS_LEFT);
    assert!(denial.reason.contains("30 min"), "{}", denial.reason);
}

#[test]
fn screen_sharing_is_bought_without_upgrading() {
    let a = adapter_with_defaults();
    let q = a
        .purchase(
            &customer("micro", BillingCycle::Monthly),
            PurchaseItem::ScreenShare,
            2,
            Minutes(0),
        )
        .unwrap();
    assert_eq!(q.unit_price, None, "not published: priced on request");
    assert_eq!(q.total, None);
    assert_eq!(q.adds_minutes, Minutes(0));
    assert_cites(&q.explanation, rules::PURCHASE_SCREEN_SHARE);
    let priced = AdapterConfig::parse(
        "[connex]\nscreen_share_price = { minor = 15000, currency = \"USD\" }\n",
    )
    .unwrap();
    let a = Connex::new(priced.decode::<Config>("connex").unwrap()).unwrap();
    let q = a
        .purchase(
            &customer("micro", BillingCycle::Monthly),
            PurchaseItem::ScreenShare,
            2,
            Minutes(0),
        )
        .unwrap();
    assert_eq!(q.total, Some(Money::major(300, Currency::Usd)));
}

#[test]
fn screen_sharing_is_not_sold_to_a_plan_that_includes_it() {
    let config = AdapterConfig::parse("[connex]\nscreen_sharing_plans = [\"platinum\"]\n").unwrap();
    let a = Connex::new(config.decode::<Config>("connex").unwrap()).unwrap();
    assert!(a.resolve_plan("platinum").unwrap().includes_screen_sharing);
    let denial = a
        .purchase(
            &customer("platinum", BillingCycle::Annual),
            PurchaseItem::ScreenShare,
            1,
            Minutes(0),
        )
        .unwrap_err();
    assert_eq!(denial.rule, rules::PURCHASE_SCREEN_SHARE_INCLUDED);
    assert!(denial.reason.contains("Platinum"));
}

#[test]
fn purchases_need_a_positive_quantity() {
    let denial = adapter_with_defaults()
        .purchase(
            &customer("platinum", BillingCycle::Annual),
            PurchaseItem::DeveloperCall,
            0,
            Minutes(0),
        )
        .unwrap_err();
    assert_eq!(denial.rule, rules::PURCHASE_QUANTITY);
}

// ----- sessions -----

fn session(
    kind: SessionKind,
    starts_at: DateTime<Utc>,
    minutes: i64,
    booked_at: DateTime<Utc>,
) -> SessionRequest {
    SessionRequest {
        kind,
        starts_at,
        minutes: Minutes(minutes),
        booked_at,
        screen_shares_bought: 0,
    }
}

#[test]
fn onboarding_is_booked_at_least_24_hours_ahead() {
    let a = adapter_with_defaults();
    let c = customer("gold", BillingCycle::Annual);
    // Tue 2026-03-03 10:00 EST (15:00 UTC) for 60 min, booked Mon 10:00 EST: exactly 24 h.
    let start = utc(2026, 3, 3, 15, 0);
    assert!(a
        .book_session(
            &c,
            &session(SessionKind::Onboarding, start, 60, utc(2026, 3, 2, 15, 0))
        )
        .is_ok());
    // Booked one minute later: 23 h 59 min ahead.
    let denial = a
        .book_session(
            &c,
            &session(SessionKind::Onboarding, start, 60, utc(2026, 3, 2, 15, 1)),
        )
        .unwrap_err();
    assert_eq!(denial.rule, rules::SESSION_LEAD_TIME);
    assert!(denial.reason.contains("24 hours"));
    // Screen shares have no lead time (one bought: used up by the booking).
    let mut share = session(SessionKind::ScreenShare, start, 60, utc(2026, 3, 3, 14, 0));
    share.screen_shares_bought = 1;
    assert_eq!(a.book_session(&c, &share), Ok(SessionGrant::UsesPurchase));
    // None bought and not in the plan: denied.
    share.screen_shares_bought = 0;
    assert_eq!(
        a.book_session(&c, &share).unwrap_err().rule,
        rules::SESSION_SCREEN_SHARE_NOT_INCLUDED
    );
    // A plan that includes it needs no purchase.
    let config = AdapterConfig::parse("[connex]\nscreen_sharing_plans = [\"gold\"]\n").unwrap();
    let including = Connex::new(config.decode::<Config>("connex").unwrap()).unwrap();
    assert_eq!(
        including.book_session(&c, &share),
        Ok(SessionGrant::Included)
    );
}

#[test]
fn sessions_fall_inside_support_hours() {
    let a = adapter_with_defaults();
    let c = customer("gold", BillingCycle::Annual);
    let booked = utc(2026, 11, 1, 12, 0);
    let outside = |start, minutes| {
        a.book_session(
            &c,
            &session(SessionKind::Onboarding, start, minutes, booked),
        )
        .unwrap_err()
        .rule
    };
    // Mon 2026-11-23 15:00–16:00 EST (20:00–21:00 UTC) ends at closing: fine.
    assert!(a
        .book_session(
            &c,
            &session(
                SessionKind::Onboarding,
                utc(2026, 11, 23, 20, 0),
                60,
                booked
            )
        )
        .is_ok());
    // 15:30–16:30 runs past closing.
    assert_eq!(
        outside(utc(2026, 11, 23, 20, 30), 60),
        rules::SESSION_SUPPORT_HOURS
    );
    // 08:30–09:30 starts before opening.
    assert_eq!(
        outside(utc(2026, 11, 23, 13, 30), 60),
        rules::SESSION_SUPPORT_HOURS
    );
    // Thanksgiving Eve closes at 12:00: 11:30–12:30 EST does not fit; 11:00–12:00 does.
    assert_eq!(
        outside(utc(2026, 11, 25, 16, 30), 60),
        rules::SESSION_SUPPORT_HOURS
    );
    assert!(a
        .book_session(
            &c,
            &session(
                SessionKind::Onboarding,
                utc(2026, 11, 25, 16, 0),
                60,
                booked
            )
        )
        .is_ok());
    // Thanksgiving Day is closed; Saturday too; a zero-length session is refused.
    assert_eq!(
        outside(utc(2026, 11, 26, 15, 0), 30),
        rules::SESSION_SUPPORT_HOURS
    );
    assert_eq!(
        outside(utc(2026, 11, 28, 15, 0), 30),
        rules::SESSION_SUPPORT_HOURS
    );
    assert_eq!(
        outside(utc(2026, 11, 23, 15, 0), 0),
        rules::SESSION_SUPPORT_HOURS
    );
    // Overnight Mon 15:00 → Tue 10:00 crosses a closed night.
    assert_eq!(
        outside(utc(2026, 11, 23, 20, 0), 19 * 60),
        rules::SESSION_SUPPORT_HOURS
    );
}

// ----- catalog of rules -----

#[test]
fn every_rule_has_a_rendered_explanation_and_a_unique_id() {
    let a = adapter_with_defaults();
    let mut seen = std::collections::BTreeSet::new();
    for rule in rules::ALL {
        assert!(seen.insert(rule.as_str()), "{rule} listed twice");
        assert!(rule.as_str().starts_with("connex."));
        assert!(a
            .messages()
            .template(tierline_core::Locale::En, rule.as_str())
            .is_some());
    }
    assert_eq!(a.rules().len(), rules::ALL.len());
    // 16 boundaries, each its own id.
    assert_eq!(
        rules::ALL
            .iter()
            .filter(|r| r.as_str().starts_with("connex.scope."))
            .count(),
        16
    );
}

#[test]
fn thanksgiving_eve_hours_are_configurable() {
    // Closing Thanksgiving Eve entirely: Tue 2026-11-24 12:00 EST + 420 → 240 Tuesday, Wed
    // closed, Thu closed, Fri 27 Nov 09:00 + 180 = 12:00 EST = 17:00 UTC.
    let config = AdapterConfig::parse("[connex]\nthanksgiving_eve_hours = []\n").unwrap();
    let a = Connex::new(config.decode::<Config>("connex").unwrap()).unwrap();
    let query = SlaQuery {
        plan: PlanId::parse("silver").unwrap(),
        priority: None,
        channel: None,
        line: None,
    };
    let p = preview(&a, &query, utc(2026, 11, 24, 17, 0)).unwrap();
    assert_eq!(p.first_response.unwrap().due_at, utc(2026, 11, 27, 17, 0));
}

// ----- issue 13: escalation rules -----

/// Escalates a ticket that has no support level.
fn escalate_levelless(c: &Customer, to: Tier) -> EscalationDecision {
    adapter_with_defaults()
        .escalate(
            c,
            &EscalationRequest::new(None, SupportLevel::Tier(to), at()),
        )
        .unwrap()
}

#[test]
fn a_ticket_without_a_level_escalates_from_tier_one() {
    // Monthly Silver: denied like any Tier 1 ticket (it used to pass as "not upward").
    let d = escalate_levelless(&customer("silver", BillingCycle::Monthly), Tier::Three);
    assert!(matches!(d, EscalationDecision::Denied { .. }), "{d:?}");
    assert_cites(explanation_of(&d), rules::ESCALATION_FROM_TIER_ONE);
    assert!(!explanation_of(&d).cites(rules::ESCALATION_NOT_UPWARD));
    // Gold annual to Tier 2: within the ceiling, allowed from Tier 1.
    let d = escalate_levelless(&customer("gold", BillingCycle::Annual), Tier::Two);
    assert!(matches!(d, EscalationDecision::Allowed { .. }), "{d:?}");
    assert_cites(explanation_of(&d), rules::ESCALATION_WITHIN_CEILING);
}

#[test]
fn out_of_scope_tickets_are_not_escalated() {
    let a = adapter_with_defaults();
    let d = evaluate("", "Can you change our firewall settings?");
    let boundary = d.scope.boundary.clone().unwrap();
    let request = EscalationRequest::new(
        Some(SupportLevel::Tier(Tier::One)),
        SupportLevel::Tier(Tier::Two),
        at(),
    )
    .with_out_of_scope(Some(boundary.clone()));
    let e = a
        .escalate(&customer("platinum", BillingCycle::Annual), &request)
        .unwrap();
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = e
    else {
        panic!("expected denied")
    };
    assert_eq!(denial.rule, rules::ESCALATION_OUT_OF_SCOPE);
    assert_eq!(denial.reason, boundary.text);
    assert!(denial.offer.is_none());
    assert_cites(&explanation, rules::ESCALATION_OUT_OF_SCOPE);
    assert!(explanation.cites(boundary.rule));
}

#[test]
fn tier_three_only_through_tier_two() {
    let platinum = customer("platinum", BillingCycle::Annual);
    let d = escalate(&platinum, Tier::One, Tier::Three, false);
    let EscalationDecision::Denied {
        denial,
        explanation,
    } = &d
    else {
        panic!("must be denied: {d:?}")
    };
    assert_eq!(denial.rule, rules::ESCALATION_THROUGH_TIER_TWO);
    assert!(denial.offer.is_none(), "already Platinum annual");
    assert_cites(explanation, rules::ESCALATION_THROUGH_TIER_TWO);
    // Configurable: off, Tier 1 -> Tier 3 is allowed again.
    let config = AdapterConfig::parse("[connex]\ntier_three_through_tier_two = false\n").unwrap();
    let direct = Connex::new(config.decode::<Config>("connex").unwrap()).unwrap();
    let d = direct
        .escalate(
            &platinum,
            &EscalationRequest::new(
                Some(SupportLevel::Tier(Tier::One)),
                SupportLevel::Tier(Tier::Three),
                at(),
            ),
        )
        .unwrap();
    assert!(matches!(d, EscalationDecision::Allowed { .. }), "{d:?}");
}

#[test]
fn the_offer_to_an_annual_customer_is_prorated() {
    let silver = customer("silver", BillingCycle::Annual); // renews 2027-03-01
    let request = EscalationRequest::new(
        Some(SupportLevel::Tier(Tier::One)),
        SupportLevel::Tier(Tier::Two),
        utc(2026, 12, 10, 15, 0),
    );
    let EscalationDecision::Denied { denial, .. } =
        adapter_with_defaults().escalate(&silver, &request).unwrap()
    else {
        panic!("silver cannot reach Tier 2")
    };
    let proration = denial.offer.unwrap().proration.unwrap();
    assert_eq!((proration.months_left, proration.months_in_period), (3, 12));
    assert_eq!(proration.amount, Money::major(1_497, Currency::Usd));
    assert_eq!(
        proration.text,
        "prorated: 3 of 12 months left, USD 1497.00 for this period"
    );
    // Monthly customers pay the full annual price.
    let monthly = customer("silver", BillingCycle::Monthly);
    let EscalationDecision::Denied { denial, .. } = adapter_with_defaults()
        .escalate(&monthly, &request)
        .unwrap()
    else {
        panic!("monthly cannot escalate")
    };
    assert!(denial.offer.unwrap().proration.is_none());
}
