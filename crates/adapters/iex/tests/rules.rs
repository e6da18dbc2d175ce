//! One or more tests per IEX rule id: each asserts the decision and that the explanation
//! cites the rule. Due times are hand-checked against the IEX calendar (Europe/Copenhagen,
//! Mon–Fri 09:00–16:00, 1 bd = 420 business minutes); each test says how.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tierline_core::{
    preview, AdapterConfig, Channel, Customer, Decision, EntitlementPolicy, EscalationDecision,
    EscalationPolicy, Line, Locale, Minutes, PlanCatalog, PlanId, Priority, PurchaseItem,
    QueueEntry, Registry, Reseller, ResponseClock, RoutingKind, SessionKind, SessionRequest,
    SlaPolicy, SlaQuery, SupportLevel, TicketIntake, TicketPolicy, Tier, VendorAdapter, VendorId,
};
use tierline_iex::{adapter_with_defaults, rules, Config, Iex};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// The instant escalation requests are made at in these tests (a Tuesday afternoon).
fn at() -> DateTime<Utc> {
    utc(2026, 3, 10, 14, 0)
}

fn customer() -> Customer {
    Customer {
        vendor: VendorId::parse("iex").unwrap(),
        external_id: "c-42".into(),
        name: "Butik ApS".into(),
        plan: PlanId::parse("standard").unwrap(),
        billing_cycle: tierline_core::BillingCycle::Monthly,
        renews_on: None,
        upgraded_on: None,
        reseller: None,
        integration: Some("shopify-economic".into()),
        trial: false,
        locale: None,
    }
}

fn english() -> Customer {
    Customer {
        locale: Some(Locale::En),
        ..customer()
    }
}

/// A written ticket with a concrete example, received Mon 2026-03-02 10:00 CET.
fn intake(subject: &str, description: &str) -> TicketIntake {
    TicketIntake {
        subject: subject.into(),
        description: description.into(),
        channel: Channel::Email,
        priority: None,
        received_at: utc(2026, 3, 2, 9, 0),
        references: Vec::new(),
        accelerated_development: false,
        regression: false,
        locale: None,
        facts: Default::default(),
        ruling: None,
        accept_language: None,
    }
}

fn good_intake() -> TicketIntake {
    intake(
        "Ordre ikke overført",
        "Ordre 10023 fra webshoppen er ikke overført til e-conomic.",
    )
}

fn eval(c: &Customer, i: &TicketIntake) -> Decision {
    adapter_with_defaults().evaluate(c, i).unwrap()
}

fn keys(d: &Decision) -> Vec<&str> {
    d.messages.iter().map(|m| m.key.as_str()).collect()
}

fn message<'a>(d: &'a Decision, key: &str) -> &'a tierline_core::CustomerMessage {
    d.messages.iter().find(|m| m.key == key).unwrap()
}

fn standard_query(line: Option<Line>) -> SlaQuery {
    SlaQuery {
        plan: PlanId::parse("standard").unwrap(),
        priority: None,
        channel: None,
        line,
    }
}

fn with_config(toml: &str) -> std::sync::Arc<dyn VendorAdapter> {
    let registry = Registry::build(
        &[tierline_iex::factory()],
        &AdapterConfig::parse(toml).unwrap(),
    )
    .unwrap();
    registry.find("iex").unwrap().clone()
}

// ---------------------------------------------------------------- catalog

#[test]
fn catalog_has_one_standard_plan_up_to_second_line() {
    let iex = adapter_with_defaults();
    assert_eq!(iex.plans().len(), 1);
    let plan = iex.resolve_plan(" STANDARD ").unwrap();
    assert_eq!(plan.id.as_str(), "standard");
    assert_eq!(plan.tier_ceiling, SupportLevel::Line(Line::Second));
    assert_eq!(plan.developer_minutes_per_year, None);
    assert!(!plan.includes_screen_sharing);
    assert!(iex.resolve_plan("trial").is_none());
    assert!(iex.resolve_plan("dandomain-free").is_none());
    assert!(iex.rules().contains(&rules::CATALOG_STANDARD));
    assert!(iex
        .messages()
        .template(Locale::En, rules::CATALOG_STANDARD.as_str())
        .unwrap()
        .contains("Standard"));
    // A plan outside the catalog is an error, not a guess.
    let stranger = Customer {
        plan: PlanId::parse("platinum").unwrap(),
        ..customer()
    };
    assert!(iex.evaluate(&stranger, &good_intake()).is_err());
}

// ---------------------------------------------------------------- language

#[test]
fn language_is_requested_then_customer_then_danish() {
    // No locale anywhere: Danish (the default).
    let d = eval(&customer(), &good_intake());
    assert!(d.messages.iter().all(|m| m.locale == Locale::Da));
    assert!(message(&d, "iex-response-time").text.contains("hverdage"));
    assert!(d.explanation.cites(rules::LANGUAGE));
    // The customer's locale.
    let d = eval(&english(), &good_intake());
    assert!(d.messages.iter().all(|m| m.locale == Locale::En));
    assert!(message(&d, "iex-response-time")
        .text
        .contains("business days"));
    // The intake's requested locale (Accept-Language) wins over the customer's.
    let mut i = good_intake();
    i.locale = Locale::from_accept_language("da-DK,da;q=0.9,en;q=0.5");
    let d = eval(&english(), &i);
    assert!(d.messages.iter().all(|m| m.locale == Locale::Da));
    assert!(d.explanation.cites(rules::LANGUAGE));
}

// ---------------------------------------------------------------- routing

#[test]
fn ordinary_customers_go_to_iex_first_line() {
    let d = eval(&customer(), &good_intake());
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert_eq!(d.routing.handled_by, "IEX");
    assert_eq!(d.routing.level, Some(SupportLevel::Line(Line::First)));
    assert_eq!(d.explanation.reasons()[0].rule, rules::ROUTING_IEX);
}

#[test]
fn free_integrations_go_to_their_partner_without_an_iex_clock() {
    for (integration, partner) in [
        ("dandomain-free", "DanDomain"),
        ("DanDomain Free", "DanDomain"),
        ("dandomain_free", "DanDomain"),
        ("billy-free", "Billy"),
        ("Billy Free", "Billy"),
    ] {
        let c = Customer {
            integration: Some(integration.into()),
            ..english()
        };
        let d = eval(&c, &good_intake());
        assert_eq!(d.routing.kind, RoutingKind::Partner, "{integration}");
        assert_eq!(d.routing.handled_by, partner);
        assert_eq!(d.sla.first_response, None);
        assert_eq!(d.sla.resolution, None);
        assert!(!d.billable);
        assert_eq!(d.explanation.reasons()[0].rule, rules::ROUTING_FREE_PARTNER);
        assert!(d.explanation.reasons()[0].text.contains(partner));
        assert!(message(&d, "iex-partner-contact").text.contains(partner));
        // Not IEX's to escalate either.
        let e = adapter_with_defaults()
            .escalate(&c, &second_line_request())
            .unwrap();
        assert!(
            matches!(e, EscalationDecision::Denied { ref denial, .. } if denial.rule == rules::ROUTING_FREE_PARTNER)
        );
    }
    // The paid DanDomain integration is IEX's.
    let c = Customer {
        integration: Some("dandomain".into()),
        ..customer()
    };
    let d = eval(&c, &good_intake());
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert!(!d.explanation.cites(rules::ROUTING_FREE_PARTNER));
}

fn reseller_customer() -> Customer {
    Customer {
        reseller: Some(Reseller {
            id: "r-7".into(),
            name: "Webbureau Nord".into(),
            contact: "support@webbureau-nord.dk".into(),
        }),
        ..customer()
    }
}

#[test]
fn reseller_customers_go_to_their_reseller_without_an_iex_clock() {
    let d = eval(&reseller_customer(), &good_intake());
    assert_eq!(d.routing.kind, RoutingKind::Reseller);
    assert_eq!(d.routing.handled_by, "Webbureau Nord");
    assert_eq!(
        d.routing.contact.as_deref(),
        Some("support@webbureau-nord.dk")
    );
    assert_eq!(d.routing.reseller_id.as_deref(), Some("r-7"));
    assert_eq!(d.sla.first_response, None);
    assert_eq!(d.explanation.reasons()[0].rule, rules::ROUTING_RESELLER);
    let m = message(&d, "iex-reseller-contact");
    assert_eq!(m.locale, Locale::Da);
    assert!(m.text.contains("Webbureau Nord") && m.text.contains("support@webbureau-nord.dk"));
    let e = adapter_with_defaults()
        .escalate(&reseller_customer(), &second_line_request())
        .unwrap();
    assert!(
        matches!(e, EscalationDecision::Denied { ref denial, .. } if denial.rule == rules::ROUTING_RESELLER)
    );
}

// ---------------------------------------------------------------- scope

#[test]
fn integration_questions_are_in_scope_even_when_they_mention_a_webshop() {
    for (subject, body) in [
        (
            "Orders not transferred",
            "Order #5531 from my webshop never reached e-conomic.",
        ),
        (
            "Opsætning",
            "Hvordan opsætter jeg integrationen til min webshop? Ordre 10023.",
        ),
        (
            "Plugin",
            "Install the IEX plugin in Shopify, order 884 failed",
        ),
    ] {
        let d = eval(&customer(), &intake(subject, body));
        assert!(d.scope.in_scope, "{body}");
        assert!(d.explanation.cites(rules::SCOPE_INTEGRATION), "{body}");
        assert!(!d.explanation.cites(rules::SCOPE_SYSTEM_SETUP), "{body}");
    }
}

#[test]
fn system_setup_questions_are_referred() {
    let d = eval(
        &english(),
        &intake(
            "B2B",
            "How do I install a B2B plugin in my webshop to handle VAT numbers?",
        ),
    );
    assert!(!d.scope.in_scope);
    let boundary = d.scope.boundary.as_ref().unwrap();
    assert_eq!(boundary.rule, rules::SCOPE_SYSTEM_SETUP);
    assert!(boundary.pointer.as_ref().unwrap().contains("web developer"));
    assert!(message(&d, "iex-scope-referral")
        .text
        .contains("system partner"));
    assert!(d.explanation.cites(rules::SCOPE_SYSTEM_SETUP));
    assert!(!d.explanation.cites(rules::SCOPE_INTEGRATION));
    // A referral does not ask for order numbers.
    assert!(!d.needs_info);

    let d = eval(
        &customer(),
        &intake("Moms", "Hvordan opsætter jeg moms i e-conomic?"),
    );
    assert!(!d.scope.in_scope);
    let m = message(&d, "iex-scope-referral");
    assert_eq!(m.locale, Locale::Da);
    assert!(m.text.contains("systempartneren") && m.text.contains("revisor"));
    assert!(d.explanation.cites(rules::SCOPE_SYSTEM_SETUP));
}

#[test]
fn missing_product_numbers_are_the_customers_responsibility() {
    let d = eval(
        &customer(),
        &intake(
            "Varer oprettes ikke",
            "Ordre 10023 fejler, mange varer mangler varenumre.",
        ),
    );
    assert!(d.explanation.cites(rules::SCOPE_READINESS));
    assert!(message(&d, "iex-readiness").text.contains("varenumre"));
    assert!(d.scope.in_scope);

    let d = eval(
        &english(),
        &intake(
            "Products",
            "Our products lack product numbers, order 5531 failed",
        ),
    );
    assert!(d.explanation.cites(rules::SCOPE_READINESS));
    assert!(message(&d, "iex-readiness").text.contains("product number"));

    // A ticket that quotes a product number is not about missing ones.
    let d = eval(
        &customer(),
        &intake("Fejl", "Varenummer AB-12 mangler i e-conomic"),
    );
    assert!(!d.explanation.cites(rules::SCOPE_READINESS));
    assert!(!keys(&d).contains(&"iex-readiness"));
}

// ---------------------------------------------------------------- channels

#[test]
fn written_tickets_are_not_billed() {
    for channel in [Channel::Email, Channel::Chat, Channel::Portal] {
        let mut i = good_intake();
        i.channel = channel;
        let d = eval(&customer(), &i);
        assert!(!d.billable);
        assert!(d.explanation.cites(rules::CHANNEL_WRITTEN));
        assert!(!d.explanation.cites(rules::CHANNEL_PHONE_BILLABLE));
    }
}

fn phone(description: &str) -> TicketIntake {
    TicketIntake {
        channel: Channel::Phone,
        ..intake("Opkald", description)
    }
}

#[test]
fn phone_tickets_are_billable_at_the_hourly_rate() {
    let d = eval(
        &customer(),
        &phone("Ordre 10023 er ikke overført, jeg skrev i sag 4411"),
    );
    assert!(d.billable);
    assert!(d.explanation.cites(rules::CHANNEL_PHONE_BILLABLE));
    assert!(!d.explanation.cites(rules::CHANNEL_WRITTEN));
    // No published rate: "current rates".
    assert!(message(&d, "iex-phone-billable")
        .text
        .contains("gældende timetakster"));

    // A configured rate is quoted.
    let iex = Iex::new(Config {
        phone_hourly_rate: Some(950),
        ..Config::default()
    })
    .unwrap();
    let d = iex
        .evaluate(&english(), &phone("Order 10023, ticket #4411"))
        .unwrap();
    assert!(d.billable);
    assert!(message(&d, "iex-phone-billable-rate")
        .text
        .contains("DKK 950 per hour"));
}

#[test]
fn phone_tickets_without_a_reference_are_asked_for_one() {
    let d = eval(&customer(), &phone("Ordre 10023 er ikke overført"));
    assert!(d.explanation.cites(rules::CHANNEL_PHONE_REFERENCE));
    assert!(message(&d, "iex-phone-reference")
        .text
        .contains("sagsnummer"));

    // An order number is not a ticket number.
    let d = eval(&english(), &phone("order #5531 is stuck"));
    assert!(d.explanation.cites(rules::CHANNEL_PHONE_REFERENCE));
    assert!(message(&d, "iex-phone-reference")
        .text
        .contains("ticket number"));

    // A reference in the intake, a ticket number or an e-mail address in the text suffices.
    let mut with_ref = phone("Ordre 10023 er ikke overført");
    with_ref.references = vec!["#4411".into()];
    for i in [
        with_ref,
        phone("Ordre 10023, se sag 4411"),
        phone("Ordre 10023, jeg skrev fra anna@butik.dk"),
    ] {
        let d = eval(&customer(), &i);
        assert!(
            !d.explanation.cites(rules::CHANNEL_PHONE_REFERENCE),
            "{}",
            i.description
        );
        assert!(!keys(&d).contains(&"iex-phone-reference"));
    }
    // Written tickets are never asked.
    assert!(!eval(&customer(), &intake("x", "Ordre 10023"))
        .explanation
        .cites(rules::CHANNEL_PHONE_REFERENCE));
}

// ---------------------------------------------------------------- information

#[test]
fn tickets_without_examples_need_information() {
    let d = eval(
        &customer(),
        &intake(
            "Det virker ikke",
            "Integrationen virker ikke siden i går kl. 10:00",
        ),
    );
    assert!(d.needs_info);
    assert!(d.explanation.cites(rules::INTAKE_NEEDS_EXAMPLES));
    let m = message(&d, "iex-needs-examples");
    assert_eq!(m.locale, Locale::Da);
    assert!(m.text.contains("ordrenumre"));
    // Accepted all the same: IEX routing and a clock.
    assert_eq!(d.routing.kind, RoutingKind::Vendor);
    assert!(d.sla.first_response.is_some());

    let d = eval(&english(), &intake("Broken", "Orders are not syncing"));
    assert!(d.needs_info);
    assert!(message(&d, "iex-needs-examples")
        .text
        .contains("order numbers"));

    for body in [
        "ordre 10023 mangler",
        "order #5531 missing",
        "varenr. AB-12 fejler",
    ] {
        let d = eval(&customer(), &intake("x", body));
        assert!(!d.needs_info, "{body}");
        assert!(!d.explanation.cites(rules::INTAKE_NEEDS_EXAMPLES), "{body}");
    }
}

#[test]
fn trial_customers_are_pointed_to_how_the_integration_works() {
    let trial = Customer {
        trial: true,
        ..customer()
    };
    let d = eval(&trial, &good_intake());
    assert!(d.explanation.cites(rules::INTAKE_TRIAL));
    assert!(message(&d, "iex-trial-pointer")
        .text
        .contains("Hvordan virker integrationen?"));
    let d = eval(
        &Customer {
            trial: true,
            ..english()
        },
        &good_intake(),
    );
    assert!(message(&d, "iex-trial-pointer")
        .text
        .contains("How does the integration work?"));
    // The pointer comes first among the customer messages ("before support").
    assert_eq!(d.messages[0].key, "iex-trial-pointer");

    let d = eval(&customer(), &good_intake());
    assert!(!d.explanation.cites(rules::INTAKE_TRIAL));
    assert!(!keys(&d).contains(&"iex-trial-pointer"));
}

// ---------------------------------------------------------------- queue

#[test]
fn urgency_never_raises_priority() {
    let iex = adapter_with_defaults();
    for subject in [
        "URGENT: ordre 10023",
        "Haster!! ordre 10023",
        "AKUT - ordre 10023",
        "haster",
    ] {
        let d = eval(&customer(), &intake(subject, "ordre 10023"));
        assert_eq!(d.priority, None, "{subject}");
        assert_eq!(d.suggested_priority, None);
        assert!(d.explanation.cites(rules::QUEUE_FIFO), "{subject}");
        assert!(keys(&d).contains(&"iex-fifo-notice"));
    }
    let mut asked = good_intake();
    asked.priority = Some(Priority::Critical);
    let d = eval(&customer(), &asked);
    assert_eq!(d.priority, None);
    assert!(d.explanation.cites(rules::QUEUE_FIFO));

    // "Hastighed" (speed) is not "haster"; a plain ticket says nothing about priority.
    let d = eval(
        &customer(),
        &intake("Hastigheden er lav", "ordre 10023 tager lang tid"),
    );
    assert!(!d.explanation.cites(rules::QUEUE_FIFO));

    // Strict FIFO: an older low ticket precedes a newer critical one.
    let plan = PlanId::parse("standard").unwrap();
    let older = QueueEntry {
        plan: &plan,
        priority: Some(Priority::Low),
        received_at: utc(2026, 3, 2, 9, 0),
        first_response_due: Some(utc(2026, 3, 5, 9, 0)),
        resolution_due: None,
    };
    let newer = QueueEntry {
        priority: Some(Priority::Critical),
        received_at: utc(2026, 3, 2, 9, 1),
        first_response_due: Some(utc(2026, 3, 3, 9, 0)),
        ..older.clone()
    };
    assert!(iex.queue_key(&older) < iex.queue_key(&newer));
    assert_eq!(iex.queue_key(&newer).class, 0);
    assert_eq!(iex.queue_key(&newer).at, newer.received_at);
}

// ---------------------------------------------------------------- clocks

#[test]
fn first_response_within_three_business_days_with_warning_after_one() {
    let iex = adapter_with_defaults();
    assert_eq!(iex.business_day().get(), 420);
    let d = eval(&customer(), &good_intake());
    let spec = d.sla.first_response.clone().unwrap();
    assert_eq!(spec.target.get(), 1260);
    assert_eq!(d.sla.resolution, None);
    assert!(d.explanation.cites(rules::SLA_FIRST_RESPONSE));
    assert!(message(&d, "iex-response-time").text.contains("3 hverdage"));

    let q = standard_query(None);
    // Mon 2026-03-02 10:00 CET (09:00 UTC): +3 bd = Thu 10:00 CET; warning +1 bd = Tue 10:00.
    let p = preview(&iex, &q, utc(2026, 3, 2, 9, 0)).unwrap();
    let fr = p.first_response.unwrap();
    assert_eq!(fr.due_at, utc(2026, 3, 5, 9, 0));
    assert_eq!(fr.warning_at, Some(utc(2026, 3, 3, 9, 0)));
    assert_eq!(p.resolution, None);

    // Fri 2026-03-06 15:00 CET (14:00 UTC): 60 min Fri + 420 Mon + 420 Tue + 360 Wed
    // = due Wed 03-11 15:00 CET; warning: 60 Fri + 360 Mon = Mon 03-09 15:00 CET.
    let fr = preview(&iex, &q, utc(2026, 3, 6, 14, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.due_at, utc(2026, 3, 11, 14, 0));
    assert_eq!(fr.warning_at, Some(utc(2026, 3, 9, 14, 0)));

    // Mon 2026-03-02 09:00 CET exactly: 3 full days end Wed 16:00 CET (15:00 UTC), due at
    // that closing time, not at Thursday's opening.
    let fr = preview(&iex, &q, utc(2026, 3, 2, 8, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.due_at, utc(2026, 3, 4, 15, 0));

    // Sat 2026-03-07 12:00: counting starts Mon 03-09 09:00 CET, due Wed 16:00 CET.
    let fr = preview(&iex, &q, utc(2026, 3, 7, 11, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.due_at, utc(2026, 3, 11, 15, 0));

    // Easter 2026 (Sunday 04-05): Wed 04-01 12:00 CEST (10:00 UTC): 240 min Wed; Thu 04-02
    // (Skærtorsdag), Fri (Langfredag) and Mon 04-06 (2. påskedag) closed; 420 Tue + 420 Wed
    // + 180 Thu 04-09 = due Thu 12:00 CEST. Warning: 240 Wed + 180 Tue = Tue 04-07 12:00.
    let fr = preview(&iex, &q, utc(2026, 4, 1, 10, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.due_at, utc(2026, 4, 9, 10, 0));
    assert_eq!(fr.warning_at, Some(utc(2026, 4, 7, 10, 0)));

    // Store Bededag only before 2024: Thu 2023-05-04 15:00 CEST (13:00 UTC): 60 Thu, Fri
    // 05-05 closed, 360 Mon 05-08 = warning Mon 15:00 CEST. In 2024 (Fri 04-26 is an
    // ordinary day): Thu 2024-04-25 15:00 CEST: 60 Thu + 360 Fri = Fri 15:00 CEST.
    let fr = preview(&iex, &q, utc(2023, 5, 4, 13, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.warning_at, Some(utc(2023, 5, 8, 13, 0)));
    let fr = preview(&iex, &q, utc(2024, 4, 25, 13, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.warning_at, Some(utc(2024, 4, 26, 13, 0)));
}

#[test]
fn second_line_has_the_longer_response_target() {
    let iex = adapter_with_defaults();
    let targets = iex
        .sla_targets(&standard_query(Some(Line::Second)))
        .unwrap();
    assert_eq!(targets.first_response.as_ref().unwrap().target.get(), 4200);
    assert_eq!(targets.resolution, None);
    // Mon 2026-03-02 09:00 CET: 10 full business days end Fri 03-13 16:00 CET (15:00 UTC).
    let fr = preview(
        &iex,
        &standard_query(Some(Line::Second)),
        utc(2026, 3, 2, 8, 0),
    )
    .unwrap()
    .first_response
    .unwrap();
    assert_eq!(fr.due_at, utc(2026, 3, 13, 15, 0));
    assert_eq!(fr.warning_at, None);

    // Configurable: 5 bd from Mon 09:00 CET ends Fri 03-06 16:00 CET.
    let five = with_config("[iex]\nsecond_line_response_business_days = 5\n");
    let fr = preview(
        five.as_ref(),
        &standard_query(Some(Line::Second)),
        utc(2026, 3, 2, 8, 0),
    )
    .unwrap()
    .first_response
    .unwrap();
    assert_eq!(fr.target_minutes, 2100);
    assert_eq!(fr.due_at, utc(2026, 3, 6, 15, 0));

    // The escalation explanation cites it with the configured figure.
    let e = five.escalate(&customer(), &second_line_request()).unwrap();
    let EscalationDecision::Allowed {
        explanation,
        messages,
        ..
    } = e
    else {
        panic!("expected allowed")
    };
    // The customer notice quotes the configured figure too.
    assert!(messages[0].text.contains("op til 5 hverdage"));
    let reason = explanation
        .reasons()
        .iter()
        .find(|r| r.rule == rules::SLA_SECOND_LINE)
        .unwrap();
    assert!(reason.text.contains('5'));
}

// ---------------------------------------------------------------- escalation

fn second_line_request() -> tierline_core::EscalationRequest {
    tierline_core::EscalationRequest::new(
        Some(SupportLevel::Line(Line::First)),
        SupportLevel::Line(Line::Second),
        at(),
    )
}

#[test]
fn first_line_may_escalate_to_second_line_in_writing() {
    let iex = adapter_with_defaults();
    let e = iex.escalate(&customer(), &second_line_request()).unwrap();
    let EscalationDecision::Allowed {
        to,
        charges_developer_time,
        first_response,
        messages,
        explanation,
    } = e
    else {
        panic!("expected allowed")
    };
    assert_eq!(to, SupportLevel::Line(Line::Second));
    assert!(!charges_developer_time);
    let Some(ResponseClock::Retarget(spec)) = first_response else {
        panic!("expected a re-target before any response: {first_response:?}")
    };
    assert_eq!(spec.target.get(), 4200);
    let cited: Vec<_> = explanation.reasons().iter().map(|r| r.rule).collect();
    assert_eq!(
        cited,
        vec![
            rules::ESCALATION_SECOND_LINE,
            rules::SLA_SECOND_LINE,
            rules::SLA_SECOND_LINE_RETARGET,
            rules::ESCALATION_WRITTEN
        ]
    );
    // After 1st line responded: a new 2nd-line clock from the escalation.
    let EscalationDecision::Allowed {
        first_response,
        explanation,
        ..
    } = iex
        .escalate(&customer(), &second_line_request().with_responded(true))
        .unwrap()
    else {
        panic!("expected allowed")
    };
    assert!(
        matches!(&first_response, Some(ResponseClock::StartAtEscalation(s)) if s.target.get() == 4200),
        "{first_response:?}"
    );
    assert!(explanation.cites(rules::SLA_SECOND_LINE_STARTS));
    // The customer notice: longer response time, in writing, in the customer's language
    // (Danish when the customer has none).
    assert_eq!(messages.len(), 1);
    let notice = &messages[0];
    assert_eq!(notice.key, "iex-second-line-written");
    assert_eq!(notice.locale, Locale::Da);
    assert!(notice.text.contains("skriftligt") && notice.text.contains("10 hverdage"));
    let EscalationDecision::Allowed { messages, .. } =
        iex.escalate(&english(), &second_line_request()).unwrap()
    else {
        panic!("expected allowed")
    };
    assert_eq!(messages[0].locale, Locale::En);
    assert!(
        messages[0].text.contains("in writing") && messages[0].text.contains("10 business days")
    );
}

#[test]
fn only_first_to_second_line_is_an_escalation() {
    let iex = adapter_with_defaults();
    for (from, to) in [
        (Line::Second, Line::First),
        (Line::First, Line::First),
        (Line::Second, Line::Second),
    ] {
        let request = tierline_core::EscalationRequest::new(
            Some(SupportLevel::Line(from)),
            SupportLevel::Line(to),
            at(),
        )
        .with_regression(true);
        let e = iex.escalate(&customer(), &request).unwrap();
        let EscalationDecision::Denied {
            denial,
            explanation,
        } = e
        else {
            panic!("expected denied for {from:?} -> {to:?}")
        };
        assert_eq!(denial.rule, rules::ESCALATION_PATH);
        assert!(denial.offer.is_none());
        assert!(explanation.cites(rules::ESCALATION_PATH));
    }
}

#[test]
fn tiers_are_not_iex_concepts() {
    let iex = adapter_with_defaults();
    for (from, to) in [
        (SupportLevel::Tier(Tier::One), SupportLevel::Tier(Tier::Two)),
        (
            SupportLevel::Line(Line::First),
            SupportLevel::Tier(Tier::Two),
        ),
        (
            SupportLevel::Line(Line::First),
            SupportLevel::Team("development".into()),
        ),
    ] {
        let request = tierline_core::EscalationRequest::new(Some(from), to, at());
        let e = iex.escalate(&customer(), &request).unwrap();
        let EscalationDecision::Denied {
            denial,
            explanation,
        } = e
        else {
            panic!("expected denied")
        };
        assert_eq!(denial.rule, rules::ESCALATION_LINES_ONLY);
        assert!(explanation.cites(rules::ESCALATION_LINES_ONLY));
    }
}

// ---------------------------------------------------------------- entitlements

#[test]
fn no_developer_time_included_or_sold() {
    let iex = adapter_with_defaults();
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let denial = iex.developer_budget(&customer(), day).unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_DEVELOPER_TIME);
    assert_eq!(denial.offer, None);
    let denial = iex
        .purchase(&customer(), PurchaseItem::DeveloperCall, 1, Minutes(0))
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_DEVELOPER_TIME);
    assert!(denial.reason.contains("udviklertid"));
}

#[test]
fn no_extras_are_sold() {
    let denial = adapter_with_defaults()
        .purchase(&customer(), PurchaseItem::ScreenShare, 1, Minutes(0))
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_PURCHASES);
    assert!(denial.offer.is_none());
}

#[test]
fn no_sessions_are_offered() {
    let request = SessionRequest {
        kind: SessionKind::Onboarding,
        starts_at: utc(2026, 3, 10, 9, 0),
        minutes: Minutes(60),
        booked_at: utc(2026, 3, 2, 9, 0),
        screen_shares_bought: 0,
    };
    let denial = adapter_with_defaults()
        .book_session(&customer(), &request)
        .unwrap_err();
    assert_eq!(denial.rule, rules::ENTITLEMENT_NO_SESSIONS);
}

// ---------------------------------------------------------------- whole decisions, config

#[test]
fn explanation_lists_rules_in_the_order_they_applied() {
    let c = Customer {
        trial: true,
        ..customer()
    };
    let mut i = phone("HASTER: integrationen virker ikke");
    i.priority = Some(Priority::High);
    let d = eval(&c, &i);
    let cited: Vec<_> = d.explanation.reasons().iter().map(|r| r.rule).collect();
    assert_eq!(
        cited,
        vec![
            rules::ROUTING_IEX,
            rules::LANGUAGE,
            rules::INTAKE_TRIAL,
            rules::SCOPE_INTEGRATION,
            rules::CHANNEL_PHONE_BILLABLE,
            rules::CHANNEL_PHONE_REFERENCE,
            rules::INTAKE_NEEDS_EXAMPLES,
            rules::QUEUE_FIFO,
            rules::SLA_FIRST_RESPONSE,
        ]
    );
    // Explanation texts come from the (Danish) catalog, with placeholders filled.
    let sla = d.explanation.reasons().last().unwrap();
    assert!(sla.text.contains("3 hverdage") && !sla.text.contains('{'));
    assert!(d.billable && d.needs_info && d.priority.is_none());
}

#[test]
fn configuration_is_validated() {
    assert!(Iex::new(Config::default()).is_ok());
    for bad in [
        "[iex]\nfirst_response_business_days = 0\n",
        "[iex]\nfirst_response_warning_business_days = 3\n",
        "[iex]\nsecond_line_response_business_days = 0\n",
        "[iex]\nphone_hourly_rate = 0\n",
        "[iex]\nsecond_line_days = 5\n",
        "[iex]\ncalendar = { zone = \"Mars/Olympus\", week = { mon = [[\"09:00\", \"16:00\"]] } }\n",
    ] {
        let config = AdapterConfig::parse(bad).unwrap();
        assert!(Registry::build(&[tierline_iex::factory()], &config).is_err(), "{bad}");
    }
    // A calendar override replaces the bundled one: open Mon–Fri 08:00–15:00 UTC.
    let a = with_config(
        "[iex]\ncalendar = { zone = \"UTC\", week = { mon = [[\"08:00\", \"15:00\"]], tue = [[\"08:00\", \"15:00\"]], wed = [[\"08:00\", \"15:00\"]], thu = [[\"08:00\", \"15:00\"]], fri = [[\"08:00\", \"15:00\"]] } }\n",
    );
    // Mon 2026-03-02 08:00 UTC + 1260 min = Wed 15:00 UTC.
    let fr = preview(a.as_ref(), &standard_query(None), utc(2026, 3, 2, 8, 0))
        .unwrap()
        .first_response
        .unwrap();
    assert_eq!(fr.due_at, utc(2026, 3, 4, 15, 0));
}
