//! Delivery: signatures, retries after 500s and timeouts, dead letters, a receiver that
//! comes back, a worker killed mid-delivery.

use serde_json::json;
use tierline_worker::signature;

use crate::support::*;

#[tokio::test]
async fn deliveries_are_signed_and_carry_the_event_id() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let hook = env
        .webhook(&rx.url, &["ticket.created", "ticket.routed"])
        .await;
    let customer = env.customer("c-sig").await;
    let ticket = env.ticket(&customer, &env.now_rfc3339()).await;
    let workers = env.workers(fast_workers());
    let deliveries = env.wait_deliveries(&hook, 2, &["delivered"]).await;
    workers.shutdown().await;

    let requests = rx.requests();
    assert_eq!(requests.len(), 2);
    let mut types = Vec::new();
    for r in &requests {
        let now = chrono::Utc::now().timestamp();
        let header = r.header("tierline-signature");
        signature::verify(
            HOOK_SECRET.as_bytes(),
            header,
            &r.body,
            now,
            signature::REPLAY_WINDOW_SECONDS,
        )
        .unwrap_or_else(|e| panic!("{e}: {header}"));
        // A wrong secret, a changed body or a stale timestamp fail.
        assert!(signature::verify(b"wrong-secret", header, &r.body, now, 300).is_err());
        let mut tampered = r.body.clone();
        tampered.push(b' ');
        assert!(signature::verify(HOOK_SECRET.as_bytes(), header, &tampered, now, 300).is_err());
        assert!(
            signature::verify(HOOK_SECRET.as_bytes(), header, &r.body, now + 3600, 300).is_err()
        );
        let body = r.json();
        assert_eq!(body["id"].as_str().unwrap(), r.header("tierline-event-id"));
        assert_eq!(
            body["type"].as_str().unwrap(),
            r.header("tierline-event-type")
        );
        assert_eq!(body["ticket_id"], ticket.as_str());
        assert_eq!(body["vendor"], "connex");
        assert_eq!(r.header("content-type"), "application/json");
        types.push(body["type"].as_str().unwrap().to_owned());
    }
    types.sort();
    assert_eq!(types, ["ticket.created", "ticket.routed"]);
    let created = requests
        .iter()
        .map(|r| r.json())
        .find(|b| b["type"] == "ticket.created")
        .unwrap();
    assert_eq!(created["data"]["id"], ticket.as_str());
    assert_eq!(created["data"]["routing"]["kind"], "vendor");
    for d in &deliveries {
        assert_eq!(d["attempts"], 1);
        let log = d["attempt_log"].as_array().unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0]["outcome"], "delivered");
        assert_eq!(log[0]["status_code"], 200);
    }
}

#[tokio::test]
async fn a_500_is_retried_until_the_receiver_accepts() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    rx.script(&[Mode::Status(500), Mode::Status(503)]);
    let hook = env.webhook(&rx.url, &["ticket.created"]).await;
    let customer = env.customer("c-500").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let workers = env.workers(fast_workers());
    let d = env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    assert_eq!(d[0]["attempts"], 3, "{:#}", d[0]);
    let log = d[0]["attempt_log"].as_array().unwrap();
    let outcomes: Vec<_> = log
        .iter()
        .map(|a| (a["outcome"].as_str().unwrap(), a["status_code"].as_i64()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("failed", Some(500)),
            ("failed", Some(503)),
            ("delivered", Some(200))
        ]
    );
    // Every attempt carried the same event id.
    let ids: std::collections::HashSet<_> = rx
        .requests()
        .iter()
        .map(|r| r.header("tierline-event-id").to_owned())
        .collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(rx.hits(), 3);
}

#[tokio::test]
async fn a_receiver_that_never_answers_times_out_and_is_retried() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    rx.script(&[Mode::Hang]);
    let hook = env.webhook(&rx.url, &["ticket.created"]).await;
    let customer = env.customer("c-timeout").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let workers = env.workers(fast_workers());
    let d = env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    let log = d[0]["attempt_log"].as_array().unwrap();
    assert_eq!(log.len(), 2, "{:#}", d[0]);
    assert_eq!(log[0]["outcome"], "error");
    assert!(log[0]["status_code"].is_null());
    // The tenant sees the class of the outcome, not whether it was a timeout.
    assert_eq!(
        log[0]["error"],
        tierline_worker::delivery::NO_ANSWER,
        "{:#}",
        log[0]
    );
    assert_eq!(log[1]["outcome"], "delivered");
}

#[tokio::test]
async fn a_receiver_that_was_down_gets_the_event_when_it_comes_back() {
    let env = env().await;
    let port = closed_port();
    let url = format!("http://127.0.0.1:{port}/hooks/tierline");
    let hook = env.webhook(&url, &["ticket.created"]).await;
    let customer = env.customer("c-down").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let workers = env.workers(fast_workers());
    // Two failed attempts while nothing listens.
    wait_for("two refused attempts", 300, || async {
        env.deliveries(&hook).await[0]["attempt_log"]
            .as_array()
            .is_some_and(|a| a.len() >= 2)
    })
    .await;
    let rx = Receiver::start_on(port, Mode::Ok);
    let d = env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    let log = d[0]["attempt_log"].as_array().unwrap();
    assert!(log.len() >= 3);
    assert!(log[..log.len() - 1].iter().all(|a| a["outcome"] == "error"));
    // Refused connections read exactly like timeouts: no port-scanner oracle.
    assert_eq!(log[0]["error"], tierline_worker::delivery::NO_ANSWER);
    assert_eq!(log.last().unwrap()["outcome"], "delivered");
    assert_eq!(rx.hits(), 1);
}

#[tokio::test]
async fn deliveries_are_dead_lettered_after_the_retry_period_and_can_be_redelivered() {
    let env = env().await;
    let rx = Receiver::start(Mode::Status(500));
    let hook = env.webhook(&rx.url, &["ticket.created"]).await;
    let customer = env.customer("c-dead").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let mut settings = fast_workers();
    settings.delivery.retry.give_up_after = std::time::Duration::from_millis(1500);
    let workers = env.workers(settings);
    let d = env.wait_deliveries(&hook, 1, &["dead"]).await;
    assert!(d[0]["dead_at"].is_string());
    let attempts = d[0]["attempt_log"].as_array().unwrap().len();
    assert!(attempts >= 2, "{:#}", d[0]);
    assert_eq!(rx.hits(), attempts);
    assert!(d[0]["attempt_log"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["status_code"] == 500));

    // The receiver is fixed; the operator redelivers.
    rx.set_mode(Mode::Ok);
    let id = d[0]["id"].as_str().unwrap();
    let (s, b) = env
        .post(
            &format!("/api/v1/webhooks/{hook}/deliveries/{id}/redeliver"),
            &json!({}),
        )
        .await;
    assert_eq!(s, 202, "{b}");
    assert_eq!(b["status"], "pending");
    let d = env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    assert_eq!(
        d[0]["attempt_log"].as_array().unwrap().last().unwrap()["outcome"],
        "delivered"
    );
    // Redelivering an unknown delivery is a 404.
    let (s, _) = env
        .post(
            &format!(
                "/api/v1/webhooks/{hook}/deliveries/{}/redeliver",
                uuid::Uuid::new_v4()
            ),
            &json!({}),
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn a_worker_killed_mid_delivery_loses_nothing() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    rx.script(&[Mode::Hang]);
    let hook = env.webhook(&rx.url, &["ticket.created"]).await;
    let customer = env.customer("c-kill").await;
    env.ticket(&customer, &env.now_rfc3339()).await;

    // Worker A takes the delivery; the receiver holds the request; A dies (no shutdown, no
    // lease release: its lease must expire).
    let mut a = fast_workers();
    a.owner = "worker-a".into();
    a.delivery.request_timeout = std::time::Duration::from_secs(3);
    a.delivery.lease = std::time::Duration::from_secs(1);
    let workers_a = env.workers(a);
    wait_for("worker A's request", 300, || async { rx.hits() == 1 }).await;
    workers_a.abort();
    // A's lease is the timeout plus 2 s (raised from 1 s); B takes over once it expires.
    let mut b = fast_workers();
    b.owner = "worker-b".into();
    let workers_b = env.workers(b);
    let d = env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers_b.shutdown().await;
    let log = d[0]["attempt_log"].as_array().unwrap();
    assert_eq!(log.len(), 2, "{:#}", d[0]);
    assert_eq!(log[0]["worker"], "worker-a");
    assert_eq!(log[0]["outcome"], "error");
    assert!(log[0]["error"].as_str().unwrap().contains("lease expired"));
    assert_eq!(log[1]["worker"], "worker-b");
    assert_eq!(log[1]["outcome"], "delivered");
    assert_eq!(rx.hits(), 2);
    assert_eq!(rx.per_event().len(), 1);
}

#[tokio::test]
async fn graceful_shutdown_finishes_in_flight_deliveries() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let hook = env
        .webhook(&rx.url, &["ticket.created", "ticket.routed"])
        .await;
    let customer = env.customer("c-grace").await;
    for _ in 0..3 {
        env.ticket(&customer, &env.now_rfc3339()).await;
    }
    let workers = env.workers(fast_workers());
    wait_for("a first delivery", 300, || async { rx.hits() >= 1 }).await;
    workers.shutdown().await;
    // Nothing is left leased: every delivery is delivered or pending (released).
    let d = env.deliveries(&hook).await;
    assert_eq!(d.len(), 6);
    assert!(d
        .iter()
        .all(|d| d["status"] == "delivered" || d["status"] == "pending"));
    // A new worker finishes the rest.
    let workers = env.workers(fast_workers());
    env.wait_deliveries(&hook, 6, &["delivered"]).await;
    workers.shutdown().await;
    assert_eq!(rx.per_event().len(), 6);
}
