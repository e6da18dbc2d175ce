use std::collections::HashSet;

use serde_json::json;

use crate::helpers::{spawn_app, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_retries_create_one_ticket() {
    let app = std::sync::Arc::new(spawn_app().await);
    let customer = app.connex_customer("c-1", "platinum").await;
    let body = TestApp::ticket_body("connex", &customer, "Parallel");
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let app = app.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            app.send(
                reqwest::Method::POST,
                "/api/v1/tickets",
                Some(&app.admin),
                Some(&body),
                &[("Idempotency-Key", "retry-1")],
            )
            .await
        }));
    }
    let mut ids = HashSet::new();
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(r.status, 201, "{}", r.body);
        ids.insert(r.body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1, "every retry answers with the same ticket");
    let list = app.get("/api/v1/tickets?limit=100", &app.admin).await;
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        1,
        "one ticket stored"
    );

    // Same key, other body: 422.
    let mut other = body.clone();
    other["subject"] = json!("Something else");
    let r = app
        .send(
            reqwest::Method::POST,
            "/api/v1/tickets",
            Some(&app.admin),
            Some(&other),
            &[("Idempotency-Key", "retry-1")],
        )
        .await;
    r.assert_problem(422, "idempotency_key_reused");

    // The key is the caller's: another caller may use the same key for its own request.
    let helpdesk = app.token(tierline_api::Role::Helpdesk, &["connex"], None);
    let r = app
        .send(
            reqwest::Method::POST,
            "/api/v1/tickets",
            Some(&helpdesk),
            Some(&other),
            &[("Idempotency-Key", "retry-1")],
        )
        .await;
    assert_eq!(r.status, 201);
    assert!(!ids.contains(r.body["id"].as_str().unwrap()));
}

#[tokio::test]
async fn keys_work_on_every_post_and_failures_are_not_remembered() {
    let app = spawn_app().await;
    let body = json!({"vendor": "connex", "external_id": "k-1", "name": "K", "plan": "nope",
                      "billing_cycle": "monthly"});
    let key = [("Idempotency-Key", "cust-1")];
    let r = app
        .send(
            reqwest::Method::POST,
            "/api/v1/customers",
            Some(&app.admin),
            Some(&body),
            &key,
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let mut fixed = body.clone();
    fixed["plan"] = json!("micro");
    let first = app
        .send(
            reqwest::Method::POST,
            "/api/v1/customers",
            Some(&app.admin),
            Some(&fixed),
            &key,
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = app
        .send(
            reqwest::Method::POST,
            "/api/v1/customers",
            Some(&app.admin),
            Some(&fixed),
            &key,
        )
        .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.headers.get("idempotent-replayed").unwrap(), "true");

    // Preview: same key, other body → 422.
    let p = json!({"vendor": "connex", "plan": "gold", "received_at": "2026-11-20T15:00:00Z"});
    let k = [("Idempotency-Key", "prev-1")];
    let a = app
        .send(
            reqwest::Method::POST,
            "/api/v1/sla/preview",
            Some(&app.admin),
            Some(&p),
            &k,
        )
        .await;
    assert_eq!(a.status, 200);
    let mut q = p.clone();
    q["plan"] = json!("silver");
    app.send(
        reqwest::Method::POST,
        "/api/v1/sla/preview",
        Some(&app.admin),
        Some(&q),
        &k,
    )
    .await
    .assert_problem(422, "idempotency_key_reused");
    let bad = [("Idempotency-Key", "has space")];
    app.send(
        reqwest::Method::POST,
        "/api/v1/sla/preview",
        Some(&app.admin),
        Some(&p),
        &bad,
    )
    .await
    .assert_problem(400, "invalid_idempotency_key");
}
