//! `GET /queue?vendor=`: each vendor's working order, recomputed when due times change.

use serde_json::{json, Value};
use tierline_api::Role;

use crate::helpers::{spawn_app, TestApp};

async fn ticket(
    app: &TestApp,
    vendor: &str,
    customer: &str,
    subject: &str,
    at: &str,
    priority: Option<&str>,
) -> String {
    let mut body = TestApp::ticket_body(vendor, customer, subject);
    body["received_at"] = json!(at);
    if let Some(p) = priority {
        body["priority"] = json!(p);
    }
    app.ticket_id(body).await
}

async fn queue(app: &TestApp, vendor: &str) -> Vec<String> {
    let r = app
        .get(
            &format!("/api/v1/queue?vendor={vendor}"),
            &app.agent(vendor),
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn connex_platinum_first_then_oldest() {
    let app = spawn_app().await;
    let silver = app.connex_customer("c-1", "silver").await;
    let platinum = app.connex_customer("c-2", "platinum").await;
    let s10 = ticket(&app, "connex", &silver, "a", "2026-11-20T15:00:00Z", None).await;
    let p11 = ticket(&app, "connex", &platinum, "b", "2026-11-20T16:00:00Z", None).await;
    let s09 = ticket(&app, "connex", &silver, "c", "2026-11-20T14:00:00Z", None).await;
    let p12 = ticket(&app, "connex", &platinum, "d", "2026-11-20T17:00:00Z", None).await;
    assert_eq!(
        queue(&app, "connex").await,
        [p11.as_str(), p12.as_str(), s09.as_str(), s10.as_str()]
    );
    // Resolved tickets leave the queue; pending ones stay.
    let agent = app.agent("connex");
    app.event(&agent, &p11, "resolved", None).await;
    app.event(&agent, &s09, "pending", None).await;
    assert_eq!(
        queue(&app, "connex").await,
        [p12.as_str(), s09.as_str(), s10.as_str()]
    );
    // Roles.
    let reseller = app.token(Role::Reseller, &[], Some("r-1"));
    app.get("/api/v1/queue?vendor=connex", &reseller)
        .await
        .assert_problem(403, "forbidden");
    app.get("/api/v1/queue?vendor=connex", &app.agent("iex"))
        .await
        .assert_problem(403, "forbidden");
    app.get("/api/v1/queue?vendor=nope", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
}

#[tokio::test]
async fn storeconnect_critical_then_high_then_due() {
    let app = spawn_app().await;
    let large: Value = json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Big",
                              "plan": "large", "billing_cycle": "annual"});
    let small: Value = json!({"vendor": "storeconnect", "external_id": "s-2", "name": "Tiny",
                              "plan": "small", "billing_cycle": "annual"});
    let large = app.customer(large).await;
    let small = app.customer(small).await;
    // Received in this order; the queue is by band, then due time.
    let medium = ticket(
        &app,
        "storeconnect",
        &large,
        "How do I",
        "2026-11-16T00:00:00Z",
        Some("medium"),
    )
    .await;
    let high = ticket(
        &app,
        "storeconnect",
        &large,
        "Stale data",
        "2026-11-17T00:00:00Z",
        Some("high"),
    )
    .await;
    // Small critical: 3 bd; Large critical: 1 bd, received later but due earlier.
    let crit_small = ticket(
        &app,
        "storeconnect",
        &small,
        "Store down",
        "2026-11-18T00:00:00Z",
        Some("critical"),
    )
    .await;
    let crit_large = ticket(
        &app,
        "storeconnect",
        &large,
        "Payments failing",
        "2026-11-19T00:00:00Z",
        Some("critical"),
    )
    .await;
    // Due times (AEDT = UTC+11): Small critical received Wed 18 11:00, 3 bd → Mon 23
    // 11:00; Large critical received Thu 19 11:00, 1 bd → Fri 20 11:00, earlier.
    assert_eq!(
        queue(&app, "storeconnect").await,
        [
            crit_large.as_str(),
            crit_small.as_str(),
            high.as_str(),
            medium.as_str()
        ]
    );
}

#[tokio::test]
async fn iex_first_come_first_served() {
    let app = spawn_app().await;
    let c = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-1", "name": "Butik",
                         "plan": "standard", "billing_cycle": "monthly"}),
        )
        .await;
    let first = ticket(
        &app,
        "iex",
        &c,
        "Ordre 1001 mangler",
        "2026-11-16T09:00:00Z",
        None,
    )
    .await;
    let urgent = ticket(
        &app,
        "iex",
        &c,
        "HASTER: ordre 1002 mangler",
        "2026-11-17T09:00:00Z",
        Some("critical"),
    )
    .await;
    let third = ticket(
        &app,
        "iex",
        &c,
        "Urgent: order 1003",
        "2026-11-18T09:00:00Z",
        None,
    )
    .await;
    assert_eq!(
        queue(&app, "iex").await,
        [first.as_str(), urgent.as_str(), third.as_str()]
    );
}

#[tokio::test]
async fn queue_key_follows_due_time_changes() {
    let app = spawn_app().await;
    let c = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Big",
                         "plan": "large", "billing_cycle": "annual"}),
        )
        .await;
    let high = ticket(
        &app,
        "storeconnect",
        &c,
        "Stale data",
        "2026-11-16T00:00:00Z",
        Some("high"),
    )
    .await;
    let low = ticket(
        &app,
        "storeconnect",
        &c,
        "Question",
        "2026-11-17T00:00:00Z",
        Some("low"),
    )
    .await;
    assert_eq!(
        queue(&app, "storeconnect").await,
        [high.as_str(), low.as_str()]
    );
    let agent = app.agent("storeconnect");
    let r = app
        .patch(
            &format!("/api/v1/tickets/{low}"),
            &agent,
            &json!({"priority": "critical"}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert_eq!(r.body["queue"]["class"], 0);
    assert_eq!(r.body["queue"]["at"], r.body["sla"]["resolution"]["due_at"]);
    assert_eq!(
        queue(&app, "storeconnect").await,
        [low.as_str(), high.as_str()]
    );
}
