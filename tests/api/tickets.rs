use std::collections::HashSet;

use serde_json::json;

use crate::helpers::{spawn_app, TestApp};

#[tokio::test]
async fn a_ticket_gets_a_decision_and_is_stored() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "platinum").await;
    let body = TestApp::ticket_body("connex", &customer, "Orders not syncing");
    let r = app.post("/api/v1/tickets", &app.admin, &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let t = &r.body;
    for field in [
        "id",
        "status",
        "priority",
        "routing",
        "scope",
        "billable",
        "needs_info",
        "messages",
        "sla",
        "explanation",
    ] {
        assert!(t.get(field).is_some(), "missing {field}: {t}");
    }
    assert_eq!(t["status"], "open");
    assert_eq!(t["routing"]["kind"], "vendor");
    assert_eq!(t["scope"]["in_scope"], true);
    let fr = &t["sla"]["first_response"];
    assert_eq!(fr["target_minutes"], 420);
    assert_eq!(
        fr["due_at"], "2026-11-23T15:00:00Z",
        "1 bd after Friday 10:00 New York"
    );
    assert!(fr["remaining_minutes"].is_i64() && fr["status"].is_string());
    assert!(t["sla"]["resolution"].is_null());
    assert!(!t["explanation"].as_array().unwrap().is_empty());
    assert!(!t["messages"].as_array().unwrap().is_empty());

    let id = t["id"].as_str().unwrap();
    let got = app.get(&format!("/api/v1/tickets/{id}"), &app.admin).await;
    assert_eq!(got.status, 200);
    assert!(got.headers.contains_key("etag"));
    assert_eq!(got.body["id"], t["id"]);
    assert_eq!(got.body["routing"], t["routing"]);
    assert_eq!(got.body["sla"]["first_response"]["due_at"], fr["due_at"]);
}

#[tokio::test]
async fn tickets_routed_away_are_referred() {
    let app = spawn_app().await;
    let customer = app
        .customer(json!({
            "vendor": "iex", "external_id": "shop-9", "name": "Webshop ApS", "plan": "standard",
            "billing_cycle": "monthly", "locale": "da",
            "reseller": {"id": "r-42", "name": "Partner A/S", "contact": "support@partner.example"}
        }))
        .await;
    let t = app
        .ticket(
            &app.admin,
            &TestApp::ticket_body("iex", &customer, "Ordre 1001 mangler"),
        )
        .await;
    assert_eq!(t["routing"]["kind"], "reseller");
    assert_eq!(t["routing"]["handled_by"], "Partner A/S");
    assert_eq!(t["status"], "referred");
    assert!(t["sla"]["first_response"].is_null());
}

#[tokio::test]
async fn ticket_lists_page_by_keyset() {
    let app = spawn_app().await;
    let connex = app.connex_customer("c-1", "gold").await;
    let sc = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "large", "billing_cycle": "annual"}),
        )
        .await;
    let mut created = Vec::new();
    for i in 0..5 {
        let t = app
            .ticket(
                &app.admin,
                &TestApp::ticket_body("connex", &connex, &format!("T{i}")),
            )
            .await;
        created.push(t["id"].as_str().unwrap().to_owned());
    }
    let mut body = TestApp::ticket_body("storeconnect", &sc, "Store down");
    body["priority"] = json!("critical");
    app.ticket(&app.admin, &body).await;

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/tickets?vendor=connex&limit=2&cursor={c}"),
            None => "/api/v1/tickets?vendor=connex&limit=2".to_owned(),
        };
        let r = app.get(&path, &app.admin).await;
        assert_eq!(r.status, 200, "{}", r.body);
        pages += 1;
        for item in r.body["items"].as_array().unwrap() {
            assert_eq!(item["vendor"], "connex");
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
        assert!(pages < 10);
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, created, "every ticket once, oldest first");
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 5);

    let r = app
        .get("/api/v1/tickets?status=open&limit=100", &app.admin)
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 6);
    assert!(r.body["next_cursor"].is_null());
    let r = app
        .get(
            "/api/v1/tickets?due_before=2000-01-01T00:00:00Z",
            &app.admin,
        )
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 0);

    app.get("/api/v1/tickets?limit=0", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/tickets?limit=101", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/tickets?limit=abc", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/tickets?cursor=zzz", &app.admin)
        .await
        .assert_problem(400, "invalid_cursor");
    app.get("/api/v1/tickets?status=lost", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
}
