//! The policy rules of the lifecycle issue, one test per rule, at the API level: each
//! failed on the code before its rule was implemented.

use serde_json::{json, Value};

use crate::helpers::TestApp;

/// The rule ids of an explanation array.
fn rules_of(explanation: &Value) -> Vec<String> {
    explanation
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["rule"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A Connex customer with the given plan and billing cycle.
async fn connex_customer(app: &TestApp, external: &str, plan: &str, cycle: &str) -> String {
    app.customer(json!({
        "vendor": "connex", "external_id": external, "name": "Acme",
        "plan": plan, "billing_cycle": cycle
    }))
    .await
}

/// A Connex ticket reporting a QuickBooks Web Connector crash: routed to Intuit at intake.
fn intuit_ticket(customer: &str) -> Value {
    json!({
        "vendor": "connex", "customer_id": customer,
        "subject": "Web Connector crashes",
        "description": "The QuickBooks Web Connector crashes every time the sync starts.",
        "channel": "email", "received_at": "2026-11-20T15:00:00Z"
    })
}

mod no_support_level {
    use super::*;
    use crate::helpers::spawn_app;

    /// `connex.escalation.from_tier_one`: a ticket routed to Intuit has no support level;
    /// it used to escalate to any tier on any plan (its `from` fell back to the target and
    /// passed as "not upward"). It escalates from Tier 1 under the normal checks.
    #[tokio::test]
    async fn a_ticket_without_a_level_escalates_from_tier_one() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "intuit-1", "silver", "monthly").await;
        let ticket = app
            .ticket(&app.admin.clone(), &intuit_ticket(&customer))
            .await;
        assert_eq!(ticket["routing"]["kind"], "third_party", "{ticket}");
        let id = ticket["id"].as_str().unwrap();
        let r = app
            .post(
                &format!("/api/v1/tickets/{id}/escalations"),
                &agent,
                &json!({"to_tier": 3}),
            )
            .await;
        r.assert_problem(409, "escalation_not_allowed");
        assert!(
            rules_of(&r.body["explanation"]).contains(&"connex.escalation.from_tier_one".into()),
            "{}",
            r.body
        );
        assert_eq!(app.history(id).await, ["created", "routed"]);
    }
}

mod out_of_scope {
    use super::*;
    use crate::helpers::spawn_app;
    use diesel_async::RunQueryDsl;

    /// Puts a ticket back in scope the way triage does: by changing its stored scope.
    async fn put_back_in_scope(app: &TestApp, id: &str) {
        let pool = tierline_store::build_pool(app.database_url(), &Default::default()).unwrap();
        let mut conn = pool.get().await.unwrap();
        diesel::sql_query(format!(
            "UPDATE tickets SET decision = jsonb_set(decision::jsonb, '{{scope}}', \
             '{{\"in_scope\": true}}')::json WHERE id = '{id}'"
        ))
        .execute(&mut conn)
        .await
        .unwrap();
    }

    /// `connex.escalation.out_of_scope`: a ticket answered with a boundary is not escalated,
    /// not even on Platinum annual: 409 with the boundary as the reason. The check reads the
    /// ticket's scope as it stands, so a ticket put back in scope escalates normally.
    #[tokio::test]
    async fn out_of_scope_tickets_are_not_escalated() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "oos-1", "platinum", "annual").await;
        let ticket = app
            .ticket(
                &app.admin.clone(),
                &json!({
                    "vendor": "connex", "customer_id": customer,
                    "subject": "Firewall",
                    "description": "Can you change our firewall settings so Connex can connect?",
                    "channel": "email", "received_at": "2026-11-20T15:00:00Z"
                }),
            )
            .await;
        assert_eq!(ticket["scope"]["in_scope"], false, "{ticket}");
        let boundary = ticket["scope"]["boundary"]["text"].clone();
        let id = ticket["id"].as_str().unwrap();
        let path = format!("/api/v1/tickets/{id}/escalations");
        let r = app.post(&path, &agent, &json!({"to_tier": 2})).await;
        r.assert_problem(409, "escalation_not_allowed");
        assert_eq!(r.body["rule"], "connex.escalation.out_of_scope");
        assert_eq!(r.body["reason"], boundary);
        assert_eq!(r.body["detail"], boundary);
        assert!(r.body["offer"].is_null(), "{}", r.body);
        assert_eq!(app.history(id).await, ["created", "routed"]);

        put_back_in_scope(&app, id).await;
        let r = app.post(&path, &agent, &json!({"to_tier": 2})).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    }
}

mod tier_path {
    use super::*;
    use crate::helpers::spawn_app;

    /// `connex.escalation.through_tier_two`: Tier 3 handles what Tier 2 cannot, so even a
    /// Platinum annual ticket at Tier 1 goes to Tier 2 first (it used to jump to Tier 3).
    #[tokio::test]
    async fn tier_three_only_through_tier_two() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "path-1", "platinum", "annual").await;
        let id = app
            .ticket_id(TestApp::ticket_body("connex", &customer, "Mapping fails"))
            .await;
        let path = format!("/api/v1/tickets/{id}/escalations");
        let r = app.post(&path, &agent, &json!({"to_tier": 3})).await;
        r.assert_problem(409, "escalation_not_allowed");
        assert_eq!(r.body["rule"], "connex.escalation.through_tier_two");
        assert!(r.body["offer"].is_null(), "{}", r.body);
        let r = app.post(&path, &agent, &json!({"to_tier": 2})).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        let r = app.post(&path, &agent, &json!({"to_tier": 3})).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["from"], json!({"tier": 2}));
    }
}

mod third_party_case {
    use super::*;
    use crate::helpers::spawn_app;

    /// `connex.routing.third_party_case`: a ticket routed to Intuit still owes Connex's
    /// 1-business-day answer. It used to be `referred` and left out of Connex's queue; it is
    /// `open`, in the queue marked as a third-party case, and its clock keeps running.
    #[tokio::test]
    async fn intuit_tickets_stay_in_the_connex_queue() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "intuit-q", "silver", "annual").await;
        let ticket = app
            .ticket(&app.admin.clone(), &intuit_ticket(&customer))
            .await;
        let id = ticket["id"].as_str().unwrap().to_owned();
        assert_eq!(ticket["status"], "open", "{ticket}");
        assert_eq!(ticket["routing"]["kind"], "third_party");
        assert_eq!(ticket["routing"]["in_vendor_queue"], true);
        assert_eq!(ticket["sla"]["first_response"]["target_minutes"], 420);
        assert!(rules_of(&ticket["explanation"])
            .contains(&"connex.routing.third_party_case".to_owned()));

        let queued = |queue: &Value| {
            queue["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == id.as_str())
                .cloned()
        };
        let queue = app.get("/api/v1/queue?vendor=connex", &agent).await;
        assert_eq!(queue.status.as_u16(), 200, "{}", queue.body);
        let entry = queued(&queue.body).expect("the Intuit ticket is in Connex's queue");
        assert_eq!(entry["routing"]["kind"], "third_party");

        // Waiting on the customer and back: still Connex's, the clock never paused.
        let r = app.event(&agent, &id, "pending", None).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        let r = app.event(&agent, &id, "resumed", None).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["ticket"]["status"], "open");
        assert_eq!(
            r.body["ticket"]["sla"]["first_response"]["due_at"],
            ticket["sla"]["first_response"]["due_at"]
        );
        let queue = app.get("/api/v1/queue?vendor=connex", &agent).await;
        assert!(queued(&queue.body).is_some(), "{}", queue.body);
    }
}

mod second_line {
    use super::*;
    use crate::helpers::spawn_app;

    /// `iex.sla.second_line_starts`: escalating to 2nd line after 1st line answered starts
    /// a 2nd-line response clock (10 bd) at the escalation; it used to leave the stopped
    /// clock alone, so 2nd line owed nothing. Before a response it re-targets as before
    /// (`iex.sla.second_line_retarget`), and the explanation says which.
    #[tokio::test]
    async fn second_line_after_a_response_starts_its_own_clock() {
        let app = spawn_app().await;
        let agent = app.agent("iex");
        let customer = app
            .customer(
                json!({"vendor": "iex", "external_id": "i-2", "name": "Butik",
                             "plan": "standard", "billing_cycle": "monthly", "locale": "da"}),
            )
            .await;
        let id = app
            .ticket_id(TestApp::ticket_body("iex", &customer, "Ordre 1001 mangler"))
            .await;
        let r = app
            .event(&agent, &id, "responded", Some("2026-11-23T10:00:00Z"))
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["ticket"]["sla"]["first_response"]["status"], "met");

        let before = tierline_core::Clock::now(&*app.clock);
        let r = app
            .post(
                &format!("/api/v1/tickets/{id}/escalations"),
                &agent,
                &json!({"to_line": "second"}),
            )
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["response_clock"], "started_at_escalation");
        assert!(rules_of(&r.body["explanation"]).contains(&"iex.sla.second_line_starts".into()));
        let fr = &r.body["ticket"]["sla"]["first_response"];
        assert_eq!(fr["target_minutes"], 4200, "{fr}");
        assert_eq!(fr["met_at"], Value::Null, "{fr}");
        let due: chrono::DateTime<chrono::Utc> = fr["due_at"].as_str().unwrap().parse().unwrap();
        // Ten business days are at least eleven calendar days, from any instant.
        assert!(due >= before + chrono::Duration::days(11), "due {due}");

        // 2nd line's answer stops the new clock.
        let r = app.event(&agent, &id, "responded", None).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["ticket"]["sla"]["first_response"]["status"], "met");
        app.event(&agent, &id, "responded", None)
            .await
            .assert_problem(409, "already_responded");
    }
}

mod mitigation {
    use super::*;
    use crate::helpers::spawn_app;

    /// `tierline.clock.met_by_mitigation`: StoreConnect aims to "resolve or mitigate", so a
    /// `mitigated` event meets the resolution clock (with `met_at` and `stopped_by:
    /// mitigated`) while the ticket stays open; a later `resolved` changes nothing on that
    /// clock. The event type did not exist before (422).
    #[tokio::test]
    async fn mitigation_meets_the_resolve_or_mitigate_clock() {
        let app = spawn_app().await;
        let agent = app.agent("storeconnect");
        let customer = app
            .customer(
                json!({"vendor": "storeconnect", "external_id": "s-m", "name": "Tiny",
                             "plan": "small", "billing_cycle": "annual"}),
            )
            .await;
        let mut body = TestApp::ticket_body("storeconnect", &customer, "Store is down");
        body["priority"] = json!("critical");
        body["received_at"] = json!("2026-11-20T00:00:00Z");
        let id = app.ticket_id(body).await;

        let r = app
            .event(&agent, &id, "mitigated", Some("2026-11-23T00:00:00Z"))
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["event"]["kind"], "mitigated");
        assert!(rules_of(&r.body["event"]["explanation"])
            .contains(&"tierline.clock.met_by_mitigation".to_owned()));
        let ticket = &r.body["ticket"];
        assert_eq!(ticket["status"], "open", "{ticket}");
        let resolution = &ticket["sla"]["resolution"];
        assert_eq!(resolution["status"], "met", "{resolution}");
        assert_eq!(resolution["met_at"], "2026-11-23T00:00:00Z");
        assert_eq!(resolution["stopped_by"], "mitigated");

        let r = app
            .event(&agent, &id, "resolved", Some("2026-11-30T00:00:00Z"))
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["ticket"]["status"], "resolved");
        assert_eq!(r.body["ticket"]["sla"]["resolution"], *resolution);
    }
}

mod screen_sharing {
    use super::*;
    use crate::helpers::spawn_app;
    use tierline_core::SlaPolicy;

    /// The start of an hour of Connex support hours at least two days from now.
    fn an_open_hour(now: chrono::DateTime<chrono::Utc>) -> String {
        let connex = tierline_connex::adapter_with_defaults();
        let open = connex
            .calendar()
            .open_intervals(
                now + chrono::Duration::days(2),
                now + chrono::Duration::days(30),
            )
            .unwrap();
        let slot = open
            .iter()
            .find(|i| i.end - i.start >= chrono::Duration::hours(1))
            .expect("an open hour within four weeks");
        slot.start.to_rfc3339()
    }

    /// `connex.session.screen_share_not_included`: screen sharing is extra unless the plan
    /// includes it. A customer could book sessions without having bought any; now a booking
    /// needs a purchase, and uses it up.
    #[tokio::test]
    async fn screen_sharing_needs_the_plan_or_a_purchase() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "share-1", "silver", "annual").await;
        let sessions = format!("/api/v1/customers/{customer}/sessions");
        let booking = json!({"kind": "screen_share", "starts_at": an_open_hour(tierline_core::Clock::now(&*app.clock)), "minutes": 30});

        let r = app.post(&sessions, &agent, &booking).await;
        r.assert_problem(422, "session_not_allowed");
        assert_eq!(r.body["rule"], "connex.session.screen_share_not_included");

        let r = app
            .post(
                &format!("/api/v1/customers/{customer}/purchases"),
                &agent,
                &json!({"item": "screen_share", "quantity": 1}),
            )
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        let r = app.post(&sessions, &agent, &booking).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["grant"], "uses_purchase");
        // The purchase is used up.
        let r = app.post(&sessions, &agent, &booking).await;
        r.assert_problem(422, "session_not_allowed");
        assert_eq!(r.body["rule"], "connex.session.screen_share_not_included");
    }
}

mod proration {
    use super::*;
    use crate::helpers::spawn_app;

    /// `connex.offer.prorated`: a customer already on an annual plan is billed for the
    /// upgrade on a prorated basis; the offer used to state only the full USD 5,988.
    #[tokio::test]
    async fn the_upgrade_offer_states_the_proration() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        // About two and a half months to the renewal: 3 of 12 months left (a started month
        // counts), a quarter of USD 5,988.
        let zone =
            tierline_core::SlaPolicy::calendar(&tierline_connex::adapter_with_defaults()).zone();
        let today = tierline_core::Clock::now(&*app.clock)
            .with_timezone(&zone)
            .date_naive();
        let renews_on = today + chrono::Duration::days(75);
        let customer = app
            .customer(json!({
                "vendor": "connex", "external_id": "prorate-1", "name": "Acme",
                "plan": "silver", "billing_cycle": "annual", "renews_on": renews_on.to_string()
            }))
            .await;
        let id = app
            .ticket_id(TestApp::ticket_body("connex", &customer, "Mapping fails"))
            .await;
        let r = app
            .post(
                &format!("/api/v1/tickets/{id}/escalations"),
                &agent,
                &json!({"to_tier": 2}),
            )
            .await;
        r.assert_problem(409, "escalation_not_allowed");
        let offer = &r.body["offer"];
        assert_eq!(offer["price"], json!({"minor": 598_800, "currency": "USD"}));
        assert_eq!(offer["proration"]["months_left"], 3, "{offer}");
        assert_eq!(offer["proration"]["months_in_period"], 12);
        assert_eq!(
            offer["proration"]["amount"],
            json!({"minor": 149_700, "currency": "USD"})
        );
        assert_eq!(
            offer["proration"]["text"],
            "prorated: 3 of 12 months left, USD 1497.00 for this period"
        );
    }
}

mod status_page {
    use super::*;
    use crate::helpers::spawn_app;

    /// `connex.intake.status_page`: a ticket reporting an outage is pointed to the status
    /// page where major outages are announced; it used to get no pointer.
    #[tokio::test]
    async fn outage_tickets_get_the_status_page() {
        let app = spawn_app().await;
        let customer = connex_customer(&app, "outage-1", "silver", "annual").await;
        let mut body = TestApp::ticket_body("connex", &customer, "Outage?");
        body["description"] = json!("The Connex dashboard is down since 9 am, nothing syncs.");
        let ticket = app.ticket(&app.admin.clone(), &body).await;
        assert!(rules_of(&ticket["explanation"]).contains(&"connex.intake.status_page".into()));
        let pointer = ticket["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["key"] == "connex.customer.status_page")
            .expect("the status-page message");
        assert!(pointer["text"]
            .as_str()
            .unwrap()
            .contains("https://status.syncwithconnex.com"));
    }
}

mod exhausted {
    use super::*;
    use crate::helpers::spawn_app;

    /// `entitlement.exhausted`: documented and subscribable, but never sent before. Logging
    /// the developer time that takes the balance to zero records it, once.
    #[tokio::test]
    async fn developer_time_reaching_zero_sends_entitlement_exhausted() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let zone =
            tierline_core::SlaPolicy::calendar(&tierline_connex::adapter_with_defaults()).zone();
        let today = tierline_core::Clock::now(&*app.clock)
            .with_timezone(&zone)
            .date_naive();
        let renews_on = today + chrono::Duration::days(200);
        let customer = app
            .customer(json!({
                "vendor": "connex", "external_id": "hours-1", "name": "Globex",
                "plan": "platinum", "billing_cycle": "annual",
                "renews_on": renews_on.to_string(), "upgraded_on": "2024-01-15"
            }))
            .await;
        let path = format!("/api/v1/customers/{customer}/developer-time");
        let pool = tierline_store::build_pool(app.database_url(), &Default::default()).unwrap();
        let exhausted = || async {
            let mut conn = pool.get().await.unwrap();
            tierline_store::outbox::events_of_kind(&mut conn, "entitlement.exhausted")
                .await
                .unwrap()
        };

        let r = app.post(&path, &agent, &json!({"minutes": 590})).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["remaining_minutes"], 10);
        assert!(exhausted().await.is_empty());

        let r = app.post(&path, &agent, &json!({"minutes": 10})).await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        assert_eq!(r.body["remaining_minutes"], 0);
        let events = exhausted().await;
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].vendor, "connex");
        assert_eq!(events[0].payload["customer_id"], customer.as_str());
        assert_eq!(events[0].payload["used_minutes"], 600);
        assert_eq!(events[0].payload["remaining_minutes"], 0);

        // Nothing more can be logged, and nothing more is sent.
        app.post(&path, &agent, &json!({"minutes": 1}))
            .await
            .assert_problem(409, "insufficient_developer_time");
        assert_eq!(exhausted().await.len(), 1);
    }
}

mod language {
    use super::*;
    use crate::helpers::spawn_app;

    async fn iex_ticket(app: &TestApp, customer: &str, locale: Option<&str>) -> Value {
        let mut body = TestApp::ticket_body("iex", customer, "Ordre 1001 mangler");
        if let Some(locale) = locale {
            body["locale"] = json!(locale);
        }
        let r = app
            .send(
                reqwest::Method::POST,
                "/api/v1/tickets",
                Some(&app.admin),
                Some(&body),
                &[("Accept-Language", "en-US")],
            )
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        r.body
    }

    fn locales(ticket: &Value) -> Vec<String> {
        ticket["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["locale"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Customer messages use the ticket's `locale`, else the customer's stored locale, else
    /// `Accept-Language`, else the vendor default. A helpdesk sending `en-US` used to switch
    /// Danish customers to English.
    #[tokio::test]
    async fn the_customers_language_outranks_accept_language() {
        let app = spawn_app().await;
        let danish = app
            .customer(
                json!({"vendor": "iex", "external_id": "da-1", "name": "Butik",
                             "plan": "standard", "billing_cycle": "monthly", "locale": "da"}),
            )
            .await;
        let unknown = app
            .customer(
                json!({"vendor": "iex", "external_id": "xx-1", "name": "Shop",
                             "plan": "standard", "billing_cycle": "monthly"}),
            )
            .await;
        let t = iex_ticket(&app, &danish, None).await;
        assert!(!locales(&t).is_empty());
        assert!(locales(&t).iter().all(|l| l == "da"), "{}", t["messages"]);
        // The ticket's own language outranks the customer's.
        let t = iex_ticket(&app, &danish, Some("en")).await;
        assert!(locales(&t).iter().all(|l| l == "en"), "{}", t["messages"]);
        // Without either, the client's preference applies.
        let t = iex_ticket(&app, &unknown, None).await;
        assert!(locales(&t).iter().all(|l| l == "en"), "{}", t["messages"]);
    }
}

mod nsw_holidays {
    use super::*;
    use crate::helpers::spawn_app;

    /// StoreConnect's calendar closes on the additional NSW public holidays proclaimed for
    /// the Anzac Days that fall on a weekend: Mon 2026-04-27 and Mon 2027-04-26 (sources:
    /// the NSW proclamations, noted in the calendar data). Both used to be business days.
    #[tokio::test]
    async fn the_additional_anzac_day_holidays_are_closed() {
        let app = spawn_app().await;
        for (from, to, date) in [
            ("2026-04-27", "2026-04-28", "2026-04-27"),
            ("2027-04-26", "2027-04-27", "2027-04-26"),
        ] {
            let r = app
                .get(
                    &format!("/api/v1/vendors/storeconnect/calendar?from={from}&to={to}"),
                    &app.admin,
                )
                .await;
            assert_eq!(r.status.as_u16(), 200, "{}", r.body);
            let closures = r.body["closures"].as_array().unwrap();
            assert!(
                closures.iter().any(|c| c["date"] == date),
                "{date}: {closures:?}"
            );
        }
        // Due times skip the day: a critical ticket on Large (1 bd) received on Friday
        // 2026-04-24 at 16:00 in Sydney is due on Tuesday at 16:00.
        let r = app
            .post(
                "/api/v1/sla/preview",
                &app.admin,
                &json!({"vendor": "storeconnect", "plan": "large", "priority": "critical",
                        "received_at": "2026-04-24T06:00:00Z"}),
            )
            .await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        assert_eq!(
            r.body["resolution"]["due_at"], "2026-04-28T06:00:00Z",
            "{}",
            r.body
        );
    }
}

mod no_internal_names {
    use super::*;
    use crate::helpers::spawn_app;

    /// Explanations sent to clients cite rules and the vendors' own documents, never the
    /// names of internal files ("seed 001"); Connex's Gold ceiling line used to.
    #[tokio::test]
    async fn explanations_never_cite_internal_document_names() {
        let app = spawn_app().await;
        let agent = app.agent("connex");
        let customer = connex_customer(&app, "names-1", "gold", "annual").await;
        let id = app
            .ticket_id(TestApp::ticket_body("connex", &customer, "Mapping fails"))
            .await;
        let r = app
            .post(
                &format!("/api/v1/tickets/{id}/escalations"),
                &agent,
                &json!({"to_tier": 2}),
            )
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.body);
        let text = r.body.to_string().to_lowercase();
        assert!(rules_of(&r.body["explanation"]).contains(&"connex.catalog.gold_ceiling".into()));
        for name in ["seed 0", "seeds", "policy.md"] {
            assert!(!text.contains(name), "{name} in {}", r.body["explanation"]);
        }
    }
}
