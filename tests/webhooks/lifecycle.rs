//! Lifecycle changes reach webhooks: `ticket.updated`, `ticket.escalated` and `sla.met`,
//! recorded in the change's transaction; a stopped clock gives the monitor nothing.

use chrono::Duration;
use serde_json::json;
use tierline_store::sla;

use crate::support::*;

#[tokio::test]
async fn responding_escalating_and_resolving_are_delivered() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let hook = env
        .webhook(
            &rx.url,
            &[
                "ticket.updated",
                "ticket.escalated",
                "sla.met",
                "sla.warning",
                "sla.breached",
            ],
        )
        .await;
    let customer = env.customer("c-life").await;
    let id = env.ticket(&customer, &env.now_rfc3339()).await;
    let (s, b) = env
        .post(
            &format!("/api/v1/tickets/{id}/events"),
            &json!({"type": "responded"}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, b) = env
        .post(
            &format!("/api/v1/tickets/{id}/escalations"),
            &json!({"to_tier": 2}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, b) = env
        .post(
            &format!("/api/v1/tickets/{id}/events"),
            &json!({"type": "resolved"}),
        )
        .await;
    assert_eq!(s, 201, "{b}");

    // The first-response clock stopped within target: no warning or breach ever, even
    // for a monitor running long after its due time.
    let mut conn = env.pool.get().await.unwrap();
    let r = sla::process_due(&mut conn, env.now() + Duration::days(400), 100)
        .await
        .unwrap();
    assert_eq!((r.warnings, r.breaches), (0, 0));

    let workers = env.workers(fast_workers());
    env.wait_deliveries(&hook, 4, &["delivered"]).await;
    workers.shutdown().await;
    let mut seen: Vec<(String, String)> = rx
        .requests()
        .iter()
        .map(|r| {
            let b = r.json();
            assert_eq!(b["ticket_id"], id.as_str());
            (
                b["type"].as_str().unwrap().to_owned(),
                b["data"]["change"]
                    .as_str()
                    .or(b["data"]["clock"].as_str())
                    .unwrap_or("")
                    .to_owned(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("sla.met".to_owned(), "first_response".to_owned()),
            ("ticket.escalated".to_owned(), String::new()),
            ("ticket.updated".to_owned(), "resolved".to_owned()),
            ("ticket.updated".to_owned(), "responded".to_owned()),
        ]
    );
}
