//! Idempotency keys across tenants (issue 12, finding 1): keys belong to the caller's full
//! scope (role, subject, vendors, reseller), a replay re-checks that the caller may see what
//! it shows, and one tenant cannot poison another's keys. Every token here shares the
//! subject of its role (`agent-test`, `reseller-test`), as `tierline token` once gave them.

use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{json, Value};
use tierline_api::Role;

use crate::helpers::{spawn_app, Reply, TestApp};

async fn keyed(app: &TestApp, token: &str, path: &str, body: &Value, key: &str) -> Reply {
    app.send(
        Method::POST,
        path,
        Some(token),
        Some(body),
        &[("Idempotency-Key", key)],
    )
    .await
}

fn replayed(r: &Reply) -> bool {
    r.headers
        .get("idempotent-replayed")
        .is_some_and(|v| v == "true")
}

/// A Connex Platinum annual customer (developer time, escalations) and a ticket of it.
async fn connex_ticket(app: &TestApp) -> (String, String) {
    let customer = app
        .customer(
            json!({"vendor": "connex", "external_id": "globex", "name": "Globex",
                         "plan": "platinum", "billing_cycle": "annual",
                         "renews_on": "2027-03-01", "upgraded_on": "2024-01-15"}),
        )
        .await;
    let ticket = app
        .ticket(
            &app.admin,
            &TestApp::ticket_body("connex", &customer, "Globex secret subject"),
        )
        .await;
    (customer, ticket["id"].as_str().unwrap().to_owned())
}

/// The finding as reported: the storeconnect agent repeats connex's requests with their
/// keys and bodies. Each answers as without the key (404), never with connex's data; and
/// connex's own replays still work afterwards (the keys were not poisoned).
#[tokio::test]
async fn another_vendors_agent_cannot_replay_events_developer_time_or_escalations() {
    let app = spawn_app().await;
    let (customer, ticket) = connex_ticket(&app).await;
    let connex = app.token(Role::Agent, &["connex"], None);
    let storeconnect = app.token(Role::Agent, &["storeconnect"], None);
    let requests = [
        (
            format!("/api/v1/tickets/{ticket}/events"),
            json!({"type": "responded"}),
            "k-event",
        ),
        (
            format!("/api/v1/customers/{customer}/developer-time"),
            json!({"minutes": 30}),
            "k-dev-time",
        ),
        (
            format!("/api/v1/tickets/{ticket}/escalations"),
            json!({"to_tier": 2}),
            "k-escalation",
        ),
    ];
    for (path, body, key) in &requests {
        let first = keyed(&app, &connex, path, body, key).await;
        assert_eq!(first.status, 201, "{path}: {}", first.body);
        assert!(!replayed(&first));

        let stolen = keyed(&app, &storeconnect, path, body, key).await;
        stolen.assert_problem(404, "not_found");
        assert!(!replayed(&stolen), "{path}");
        assert!(
            !stolen.body.to_string().contains("Globex"),
            "{path}: {}",
            stolen.body
        );
        // Exactly what the same request answers without a key.
        let unkeyed = app
            .send(Method::POST, path, Some(&storeconnect), Some(body), &[])
            .await;
        assert_eq!(unkeyed.status, stolen.status);
        assert_eq!(unkeyed.body["code"], stolen.body["code"]);

        let again = keyed(&app, &connex, path, body, key).await;
        assert_eq!(again.status, 201, "{path}: {}", again.body);
        assert!(replayed(&again), "{path}: connex's key still replays");
        assert_eq!(again.body, first.body);
    }
}

/// A tenant using a key first, with another body, does not make the other tenant's request
/// with that key answer 422 `idempotency_key_reused`.
#[tokio::test]
async fn a_tenant_cannot_poison_another_tenants_keys() {
    let app = spawn_app().await;
    let (_, ticket) = connex_ticket(&app).await;
    let connex = app.token(Role::Agent, &["connex"], None);
    let storeconnect = app.token(Role::Agent, &["storeconnect"], None);
    let sc_customer = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;
    let sc = keyed(
        &app,
        &storeconnect,
        "/api/v1/tickets",
        &TestApp::ticket_body("storeconnect", &sc_customer, "Shop"),
        "shared-key",
    )
    .await;
    assert_eq!(sc.status, 201, "{}", sc.body);
    let path = format!("/api/v1/tickets/{ticket}/events");
    let r = keyed(
        &app,
        &connex,
        &path,
        &json!({"type": "responded"}),
        "shared-key",
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(!replayed(&r));
}

/// Two IEX resellers: the second cannot replay the first's event on a ticket routed to the
/// first. And when the ticket is no longer routed to the first, its own replay answers as
/// without the key (the replay re-checks visibility; it is not only the key's scope).
#[tokio::test]
async fn resellers_cannot_replay_each_other_and_replays_recheck_visibility() {
    let app = spawn_app().await;
    let customer = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-1", "name": "Butik",
                         "plan": "standard", "billing_cycle": "monthly",
                         "reseller": {"id": "r-1", "name": "Webshop Partner ApS",
                                      "contact": "support@partner.example"}}),
        )
        .await;
    let ticket = app
        .ticket(
            &app.admin,
            &TestApp::ticket_body("iex", &customer, "Ordre 1001 mangler"),
        )
        .await;
    let ticket = ticket["id"].as_str().unwrap();
    let r1 = app.token(Role::Reseller, &[], Some("r-1"));
    let r2 = app.token(Role::Reseller, &[], Some("r-2"));
    let path = format!("/api/v1/tickets/{ticket}/events");
    let body = json!({"type": "responded"});

    let first = keyed(&app, &r1, &path, &body, "r-key").await;
    assert_eq!(first.status, 201, "{}", first.body);
    let stolen = keyed(&app, &r2, &path, &body, "r-key").await;
    stolen.assert_problem(404, "not_found");
    assert!(
        !stolen.body.to_string().contains("Ordre"),
        "{}",
        stolen.body
    );
    let again = keyed(&app, &r1, &path, &body, "r-key").await;
    assert!(replayed(&again), "{}", again.body);

    // The ticket moves to another reseller: r-1 no longer sees it, replay or not.
    let pool = tierline_store::build_pool(app.database_url(), &Default::default()).unwrap();
    let mut conn = pool.get().await.unwrap();
    diesel::sql_query("UPDATE tickets SET reseller_id = 'r-2' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(ticket.parse::<uuid::Uuid>().unwrap())
        .execute(&mut conn)
        .await
        .unwrap();
    let after = keyed(&app, &r1, &path, &body, "r-key").await;
    after.assert_problem(404, "not_found");
    assert!(!replayed(&after));
    assert!(!after.body.to_string().contains("Ordre"), "{}", after.body);
}
