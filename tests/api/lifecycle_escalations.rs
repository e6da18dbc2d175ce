//! `POST /tickets/{id}/escalations`: allowed, denied with the offer, the regression
//! exception, IEX 2nd line re-targeting the response clock, and parallel escalations.

use serde_json::json;

use crate::helpers::{spawn_app, TestApp};

/// A ticket of a Connex customer renewing in 3 months and upgraded 3 years ago (by the
/// server's clock).
async fn connex_ticket(app: &TestApp, external: &str, plan: &str, cycle: &str) -> String {
    let renews_on = (app.today() + chrono::Months::new(3)).to_string();
    let upgraded_on = (app.today() - chrono::Duration::days(3 * 365)).to_string();
    let customer = app
        .customer(
            json!({"vendor": "connex", "external_id": external, "name": "Acme",
                         "plan": plan, "billing_cycle": cycle,
                         "renews_on": renews_on, "upgraded_on": upgraded_on}),
        )
        .await;
    app.ticket_id(TestApp::ticket_body(
        "connex",
        &customer,
        "Orders stopped syncing",
    ))
    .await
}

#[tokio::test]
async fn denied_escalation_carries_reason_and_offer() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "gold", "monthly").await;
    let path = format!("/api/v1/tickets/{t}/escalations");
    let r = app.post(&path, &agent, &json!({"to_tier": 2})).await;
    r.assert_problem(409, "escalation_not_allowed");
    assert_eq!(r.body["rule"], "connex.escalation.annual_required");
    assert!(r.body["reason"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(r.body["offer"]["plan"], "platinum");
    assert_eq!(r.body["offer"]["billing_cycle"], "annual");
    assert_eq!(
        r.body["offer"]["price"],
        json!({"minor": 598_800, "currency": "USD"})
    );
    assert!(r.body["explanation"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    // Nothing was recorded.
    assert_eq!(app.history(&t).await, ["created", "routed"]);
    // Tier 3 is above Gold's ceiling even when annual.
    let t = connex_ticket(&app, "c-2", "gold", "annual").await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_tier": 3}),
        )
        .await;
    r.assert_problem(409, "escalation_not_allowed");
    assert_eq!(r.body["rule"], "connex.escalation.above_ceiling");
}

#[tokio::test]
async fn allowed_escalation_and_the_regression_exception() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "gold", "annual").await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_tier": 2}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["from"], json!({"tier": 1}));
    assert_eq!(r.body["to"], json!({"tier": 2}));
    assert_eq!(r.body["regression"], false);
    assert_eq!(r.body["event"]["kind"], "escalated");
    assert!(r.body["explanation"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));

    // Silver monthly cannot escalate, except a regression, which is not charged.
    let t = connex_ticket(&app, "c-2", "silver", "monthly").await;
    let path = format!("/api/v1/tickets/{t}/escalations");
    app.post(&path, &agent, &json!({"to_tier": 2}))
        .await
        .assert_problem(409, "escalation_not_allowed");
    let r = app
        .post(&path, &agent, &json!({"to_tier": 2, "regression": true}))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["regression"], true);
    assert_eq!(r.body["charges_developer_time"], false);
    let rules: Vec<&str> = r.body["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"connex.escalation.regression_exception"),
        "{rules:?}"
    );
    let events = app
        .get(&format!("/api/v1/tickets/{t}/events"), &agent)
        .await;
    let last = &events.body["items"][2];
    assert_eq!(last["kind"], "escalated");
    assert_eq!(last["data"]["regression"], true);

    // Platinum annual: charged, unless a regression (Tier 3 through Tier 2).
    let t = connex_ticket(&app, "c-3", "platinum", "annual").await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_tier": 2}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_tier": 3}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["charges_developer_time"], true);

    // Bad requests.
    app.post(&path, &agent, &json!({}))
        .await
        .assert_problem(422, "validation_failed");
    app.post(&path, &agent, &json!({"to_tier": 2, "to_line": "second"}))
        .await
        .assert_problem(422, "validation_failed");
    app.post(&path, &agent, &json!({"to_line": "second"}))
        .await
        .assert_problem(422, "validation_failed");
    app.post(&path, &agent, &json!({"to_tier": 4}))
        .await
        .assert_problem(422, "validation_failed");
    // Resolved tickets are not escalated.
    app.event(&agent, &t, "resolved", None).await;
    app.post(
        &format!("/api/v1/tickets/{t}/escalations"),
        &agent,
        &json!({"to_tier": 2}),
    )
    .await
    .assert_problem(409, "ticket_resolved");
}

/// IEX: received Fri 2026-11-20 15:00Z = 16:00 CET, the closing time, so the clock starts
/// Mon 2026-11-23 09:00 CET. 1st line: 3 bd (1260 min), due Wed 2026-11-25 16:00 CET
/// (15:00Z). 2nd line: 10 bd (4200 min), due Fri 2026-12-04 16:00 CET (15:00Z).
#[tokio::test]
async fn iex_second_line_retargets_the_response_clock() {
    let app = spawn_app().await;
    let agent = app.agent("iex");
    let customer = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-1", "name": "Butik",
                         "plan": "standard", "billing_cycle": "monthly", "locale": "da"}),
        )
        .await;
    let t = app
        .ticket_id(TestApp::ticket_body("iex", &customer, "Ordre 1001 mangler"))
        .await;
    let r = app.get(&format!("/api/v1/tickets/{t}"), &agent).await;
    assert_eq!(r.body["sla"]["first_response"]["target_minutes"], 1260);
    assert_eq!(
        r.body["sla"]["first_response"]["due_at"],
        "2026-11-25T15:00:00Z"
    );
    // 1st line warns after 1 bd: Mon 09:00 CET + 420 min = 16:00 CET.
    assert_eq!(
        r.body["sla"]["first_response"]["warning_at"],
        "2026-11-23T15:00:00Z"
    );
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_line": "second"}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["to"], json!({"line": "second"}));
    assert_eq!(r.body["first_response_target_minutes"], 4200);
    let fr = &r.body["ticket"]["sla"]["first_response"];
    assert_eq!(fr["target_minutes"], 4200);
    assert_eq!(fr["due_at"], "2026-12-04T15:00:00Z");
    // The 2nd-line clock has no warning by default (the 1st line's warned at 1 bd).
    assert_eq!(fr["warning_at"], serde_json::Value::Null);
    // The customer is told, in Danish, that 2nd line answers in writing.
    assert_eq!(r.body["messages"][0]["locale"], "da");
    assert!(r.body["messages"][0]["text"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert_eq!(r.body["charges_developer_time"], false);
    // 2nd → 1st is not a path.
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_line": "first"}),
        )
        .await;
    r.assert_problem(409, "escalation_not_allowed");
    assert_eq!(r.body["rule"], "iex.escalation.path");
}

#[tokio::test]
async fn parallel_escalations_lose_no_event() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "platinum", "annual").await;
    let path = format!("/api/v1/tickets/{t}/escalations");
    let replies = app
        .parallel_posts(&path, &agent, vec![json!({"to_tier": 2}); 8])
        .await;
    assert!(replies.iter().all(|r| r.0 == 201), "{replies:?}");
    let history = app.history(&t).await;
    assert_eq!(history.iter().filter(|k| *k == "escalated").count(), 8);
    let r = app.get(&format!("/api/v1/tickets/{t}"), &agent).await;
    assert_eq!(r.body["version"], 9);
    // Exactly one of them moved the ticket up from Tier 1.
    let from_tier_one = replies
        .iter()
        .filter(|r| r.1["from"] == json!({"tier": 1}))
        .count();
    assert_eq!(from_tier_one, 1);
}
