//! The webhook endpoints: roles, validation, the secret shown once, deletion; `/metrics`.

use reqwest::Method;
use serde_json::json;
use tierline_api::Role;

use crate::support::*;

#[tokio::test]
async fn the_secret_is_returned_once_and_never_listed() {
    let env = env().await;
    let (s, b) = env
        .post(
            "/api/v1/webhooks",
            &json!({"vendor": "connex", "url": "https://helpdesk.example/hooks",
                    "events": ["sla.breached", "sla.warning"], "description": "portal"}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let secret = b["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_") && secret.len() > 40);
    let id = b["id"].as_str().unwrap();
    let (s, one) = env.get(&format!("/api/v1/webhooks/{id}")).await;
    assert_eq!(s, 200);
    assert!(one.get("secret").is_none(), "{one}");
    assert_eq!(one["events"], json!(["sla.breached", "sla.warning"]));
    let (s, list) = env.get("/api/v1/webhooks").await;
    assert_eq!(s, 200);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(!list.to_string().contains(secret));
}

/// The signing secret is never kept in the idempotency record: a replay of the creation
/// answers with the same subscription, `secret: null`, and says so (`withheld` in the body,
/// `Idempotent-Withheld` header).
#[tokio::test]
async fn a_replayed_creation_withholds_the_secret_and_says_so() {
    use diesel_async::RunQueryDsl;
    let env = env().await;
    let body = json!({"vendor": "connex", "url": "https://helpdesk.example/hooks",
                      "events": ["ticket.created"]});
    let send = || {
        env.client
            .post(format!("{}/api/v1/webhooks", env.base))
            .bearer_auth(&env.admin)
            .header("Idempotency-Key", "hook-1")
            .json(&body)
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-withheld").is_none());
    let first: serde_json::Value = first.json().await.unwrap();
    let secret = first["secret"].as_str().unwrap().to_owned();
    assert!(first.get("withheld").is_none(), "{first}");

    let replay = send().await.unwrap();
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    assert_eq!(replay.headers()["idempotent-withheld"], "secret");
    let replay: serde_json::Value = replay.json().await.unwrap();
    assert_eq!(replay["id"], first["id"]);
    assert!(replay["secret"].is_null(), "{replay}");
    assert_eq!(replay["withheld"], json!(["secret"]));

    #[derive(diesel::QueryableByName)]
    struct Stored {
        #[diesel(sql_type = diesel::sql_types::Text)]
        response: String,
    }
    let mut conn = env.pool.get().await.unwrap();
    let stored: Vec<Stored> =
        diesel::sql_query("SELECT response::text AS response FROM idempotency_keys")
            .load(&mut conn)
            .await
            .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].response.contains(&secret),
        "{}",
        stored[0].response
    );
}

#[tokio::test]
async fn bad_subscriptions_are_422_problems() {
    let env = env().await;
    for (body, field) in [
        (
            json!({"vendor": "connex", "url": "ftp://example.com/x", "events": ["ticket.created"]}),
            "url",
        ),
        (
            json!({"vendor": "connex", "url": "https://user:pw@example.com/", "events": ["ticket.created"]}),
            "url",
        ),
        (
            json!({"vendor": "connex", "url": "not a url", "events": ["ticket.created"]}),
            "url",
        ),
        (
            json!({"vendor": "connex", "url": "https://example.com/", "events": ["ticket.exploded"]}),
            "events[0]",
        ),
        (
            json!({"vendor": "connex", "url": "https://example.com/", "events": []}),
            "events",
        ),
        (
            json!({"vendor": "connex", "url": "https://example.com/", "events": ["sla.met"], "secret": "short"}),
            "secret",
        ),
        (
            json!({"vendor": "nope", "url": "https://example.com/", "events": ["sla.met"]}),
            "vendor",
        ),
    ] {
        let (s, b) = env.post("/api/v1/webhooks", &body).await;
        assert_eq!(s, 422, "{body} -> {b}");
        assert_eq!(b["errors"][0]["field"], field, "{b}");
    }
}

#[tokio::test]
async fn only_admins_and_the_vendors_agents_manage_webhooks() {
    let env = env().await;
    let id = env
        .webhook("http://127.0.0.1:9/hooks", &["ticket.created"])
        .await;
    let body = json!({"vendor": "connex", "url": "https://example.com/h", "events": ["sla.met"]});
    let helpdesk = env.token(Role::Helpdesk, &["connex"]);
    let (s, _) = env
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(&helpdesk),
            Some(&body),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = env
        .call(Method::GET, "/api/v1/webhooks", Some(&helpdesk), None)
        .await;
    assert_eq!(s, 403);
    let other = env.token(Role::Agent, &["iex"]);
    let (s, _) = env
        .call(Method::POST, "/api/v1/webhooks", Some(&other), Some(&body))
        .await;
    assert_eq!(s, 403);
    // Another vendor's webhook is not found, exactly as a missing one.
    let (s, _) = env
        .call(
            Method::GET,
            &format!("/api/v1/webhooks/{id}/deliveries"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (s, list) = env
        .call(Method::GET, "/api/v1/webhooks", Some(&other), None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(list["items"], json!([]));
    let agent = env.token(Role::Agent, &["connex"]);
    let (s, b) = env
        .call(Method::POST, "/api/v1/webhooks", Some(&agent), Some(&body))
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, _) = env
        .call(
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = env.call(Method::GET, "/api/v1/webhooks", None, None).await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn a_deleted_webhook_gets_nothing_more() {
    let env = env().await;
    let id = env
        .webhook("http://127.0.0.1:9/hooks", &["ticket.created"])
        .await;
    let customer = env.customer("c-del").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    assert_eq!(env.deliveries(&id).await.len(), 1);
    let (s, _) = env
        .call(
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            Some(&env.admin),
            None,
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = env.get(&format!("/api/v1/webhooks/{id}")).await;
    assert_eq!(s, 404);
    env.ticket(&customer, &env.now_rfc3339()).await;
    let mut conn = env.pool.get().await.unwrap();
    let counts = tierline_store::webhooks::counts_by_status(&mut conn)
        .await
        .unwrap();
    assert_eq!(counts, [("cancelled".to_owned(), 1)]);
}

#[tokio::test]
async fn metrics_need_an_admin_or_the_scrape_token() {
    let env = env().await;
    let customer = env.customer("c-metrics").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let (s, _) = env.call(Method::GET, "/metrics", None, None).await;
    assert_eq!(s, 401);
    let agent = env.token(Role::Agent, &["connex"]);
    let (s, _) = env.call(Method::GET, "/metrics", Some(&agent), None).await;
    assert_eq!(s, 403);
    let (s, _) = env
        .call(Method::GET, "/metrics", Some("scrape-token-wrong"), None)
        .await;
    assert_eq!(s, 401);
    for token in [env.admin.as_str(), "scrape-token-0123456789"] {
        let (s, body) = env.call(Method::GET, "/metrics", Some(token), None).await;
        assert_eq!(s, 200);
        let text = body.as_str().unwrap();
        assert!(text.contains("tierline_tickets_created_total 1"), "{text}");
        assert!(
            text.contains(
                "tierline_http_requests_total{method=\"POST\",route=\"/api/v1/tickets\",status=\"201\"} 1"
            ),
            "{text}"
        );
        assert!(text.contains("tierline_http_request_duration_seconds_bucket"));
        assert!(text.contains("tierline_outbox_depth 0"));
        assert!(text.contains("tierline_db_pool_connections{state=\"max\"} 8"));
        assert!(!text.contains(&env.admin));
    }
}

#[tokio::test]
async fn deleting_a_webhook_stops_its_retries() {
    let env = env().await;
    let rx = Receiver::start(Mode::Status(500));
    let id = env.webhook(&rx.url, &["ticket.created"]).await;
    let customer = env.customer("c-del-retry").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let workers = env.workers(fast_workers());
    wait_for("a failed attempt", 300, || async { rx.hits() >= 1 }).await;
    let (s, _) = env
        .call(
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            Some(&env.admin),
            None,
        )
        .await;
    assert_eq!(s, 204);
    wait_for("the delivery to be cancelled", 300, || async {
        let mut conn = env.pool.get().await.unwrap();
        tierline_store::webhooks::counts_by_status(&mut conn)
            .await
            .unwrap()
            == [("cancelled".to_owned(), 1)]
    })
    .await;
    let hits = rx.hits();
    workers.shutdown().await;
    // Nothing was sent after the cancellation (the workers have stopped now).
    assert_eq!(rx.hits(), hits);
}
