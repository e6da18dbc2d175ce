//! Fair delivery: one tenant's many subscriptions to a slow receiver do not delay another
//! tenant's deliveries; a vendor's subscriptions are capped.

use std::time::Duration;

use serde_json::{json, Value};
use tierline_api::AccessSettings;
use tierline_worker::{DeliverySettings, WorkerSettings};

use crate::support::*;

async fn subscribe(env: &Env, vendor: &str, url: &str) -> (u16, Value) {
    env.post(
        "/api/v1/webhooks",
        &json!({"vendor": vendor, "url": url, "events": ["ticket.created"],
                "secret": HOOK_SECRET}),
    )
    .await
}

async fn storeconnect_customer(env: &Env) -> String {
    let (s, b) = env
        .post(
            "/api/v1/customers",
            &json!({"vendor": "storeconnect", "external_id": "shop", "name": "Shop Pty",
                    "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    b["id"].as_str().unwrap().to_owned()
}

async fn ticket(env: &Env, vendor: &str, customer: &str) {
    let (s, b) = env
        .post(
            "/api/v1/tickets",
            &json!({"vendor": vendor, "customer_id": customer, "subject": "Sync stopped",
                    "description": "Orders stopped syncing this morning.",
                    "channel": "email", "received_at": env.now_rfc3339()}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
}

/// The 95th percentile (nearest rank) of `values`.
fn p95(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let rank = (values.len() * 95).div_ceil(100).max(1);
    values[rank - 1]
}

#[tokio::test]
async fn forty_slow_subscriptions_of_one_tenant_leave_another_tenant_s_deliveries_fast() {
    let env = env_with_access(AccessSettings {
        max_webhooks_per_vendor: 50,
        ..AccessSettings::default()
    })
    .await;
    let slow = Receiver::start(Mode::Slow(Duration::from_secs(3)));
    let fast = Receiver::start(Mode::Ok);
    for i in 0..40 {
        let (s, b) = subscribe(&env, "connex", &format!("{}?n={i}", slow.url)).await;
        assert_eq!(s, 201, "{b}");
    }
    let (s, b) = subscribe(&env, "storeconnect", &fast.url).await;
    assert_eq!(s, 201, "{b}");
    let connex = env.customer("acme").await;
    let shop = storeconnect_customer(&env).await;

    let defaults = fast_workers();
    let workers = env.workers(WorkerSettings {
        delivery: DeliverySettings {
            concurrency: 8,
            per_subscription: 1,
            request_timeout: Duration::from_secs(5),
            lease: Duration::from_secs(10),
            ..defaults.delivery
        },
        ..defaults
    });
    // The slow tenant: 3 tickets, 120 deliveries of 3 s each, a minute of work for 8 slots.
    for _ in 0..3 {
        ticket(&env, "connex", &connex).await;
    }
    wait_for("the slow receiver to be busy", 50, || async {
        slow.hits() >= 4
    })
    .await;
    // The other tenant's tickets arrive while the slow backlog is being worked.
    for _ in 0..20 {
        ticket(&env, "storeconnect", &shop).await;
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    wait_for("the other tenant's 20 deliveries", 100, || async {
        fast.hits() >= 20
    })
    .await;
    let latencies: Vec<f64> = fast
        .requests()
        .iter()
        .map(|r| {
            let created: chrono::DateTime<chrono::Utc> =
                r.json()["created_at"].as_str().unwrap().parse().unwrap();
            (r.at - created).as_seconds_f64()
        })
        .collect();
    let slow_hits = slow.hits();
    workers.abort();
    let p95 = p95(latencies.clone());
    assert!(
        p95 < 2.0,
        "p95 {p95:.2} s of the other tenant's deliveries: {latencies:?}"
    );
    // The slow tenant was being served meanwhile, with at most 3/4 of the slots.
    assert!(slow_hits >= 4, "{slow_hits}");
    eprintln!(
        "other tenant's delivery latency: p95 {p95:.3} s, max {:.3} s; slow receiver hits {slow_hits}",
        latencies.iter().copied().fold(0.0, f64::max)
    );
}

#[tokio::test]
async fn a_vendor_s_subscriptions_are_capped() {
    let env = env_with_access(AccessSettings {
        max_webhooks_per_vendor: 3,
        ..AccessSettings::default()
    })
    .await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let (s, b) = subscribe(
            &env,
            "connex",
            &format!("https://helpdesk.example/hooks/{i}"),
        )
        .await;
        assert_eq!(s, 201, "{b}");
        ids.push(b["id"].as_str().unwrap().to_owned());
    }
    let (s, b) = subscribe(&env, "connex", "https://helpdesk.example/hooks/4").await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["code"], "validation_failed");
    assert_eq!(b["errors"][0]["field"], "vendor");
    assert_eq!(b["errors"][0]["code"], "too_many");
    // Another vendor has its own allowance; a deleted subscription frees a place.
    let (s, b) = subscribe(&env, "storeconnect", "https://helpdesk.example/hooks/sc").await;
    assert_eq!(s, 201, "{b}");
    let (s, _) = env
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/webhooks/{}", ids[0]),
            Some(&env.admin),
            None,
        )
        .await;
    assert_eq!(s, 204);
    let (s, b) = subscribe(&env, "connex", "https://helpdesk.example/hooks/4").await;
    assert_eq!(s, 201, "{b}");
}
