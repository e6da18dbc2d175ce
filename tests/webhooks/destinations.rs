//! Webhook destinations (issue 12, finding 2: SSRF). Without an operator's exception,
//! subscriptions to internal addresses are refused in every spelling, names are resolved
//! and refused when any answer is internal, and deliveries check again when they connect:
//! a name that resolves to a public address when subscribed and to loopback when delivered
//! (DNS rebinding) never reaches the loopback receiver. Attempt logs show the outcome's
//! class only.

use std::net::IpAddr;

use serde_json::json;
use tierline_egress::{Egress, EgressPolicy, StaticLookup};
use tierline_worker::delivery::{NO_ANSWER, REFUSED};

use crate::support::{env_with, fast_workers, wait_for, Mode, Receiver};

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

/// No allowed network; `public_http` as given; a few names with fixed answers.
fn strict(public_http: bool, lookup: StaticLookup) -> Egress {
    Egress::new(EgressPolicy::new(Vec::new(), public_http), lookup.shared())
}

#[tokio::test]
async fn every_internal_address_form_is_refused_at_subscription() {
    let lookup = StaticLookup::new()
        .with("hooks.example", &[ip("93.184.215.14")])
        .with("metadata.example", &[ip("169.254.169.254")])
        .with("intranet.example", &[ip("10.1.2.3")])
        .with("split.example", &[ip("93.184.215.14"), ip("fd00::5")]);
    let env = env_with(strict(false, lookup)).await;
    let forms = [
        "https://127.0.0.1/h",
        "https://127.0.0.1:8080/h",
        "https://localhost/h",
        "https://LocalHost/h",
        "https://[::1]/h",
        "https://0.0.0.0/h",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1/h",
        "https://172.16.0.1/h",
        "https://192.168.1.1/h",
        "https://100.64.0.1/h",
        "https://[fd00::1]/h",
        "https://[fe80::1]/h",
        "https://[::]/h",
        "https://224.0.0.1/h",
        "https://[ff02::1]/h",
        "https://[::ffff:127.0.0.1]/h",
        "https://[::ffff:a9fe:a9fe]/h",
        "https://[64:ff9b::7f00:1]/h",
        "https://2130706433/h",
        "https://0x7f000001/h",
        "https://0177.0.0.1/h",
        "https://0x7f.1/h",
        "https://127.1/h",
        "https://metadata.example/h",
        "https://intranet.example/h",
        "https://split.example/h",
        // Plain http to a public address (no operator exception for it).
        "http://hooks.example/h",
    ];
    for url in forms {
        let (status, body) = env
            .post(
                "/api/v1/webhooks",
                &json!({"vendor": "connex", "url": url, "events": ["ticket.created"]}),
            )
            .await;
        assert_eq!(status, 422, "{url}: {body}");
        assert_eq!(body["code"], "validation_failed", "{url}: {body}");
        assert_eq!(body["errors"][0]["field"], "url", "{url}: {body}");
        assert_eq!(
            body["errors"][0]["code"], "forbidden_destination",
            "{url}: {body}"
        );
    }
    let (status, body) = env
        .post(
            "/api/v1/webhooks",
            &json!({"vendor": "connex", "url": "https://nowhere.invalid/h", "events": ["ticket.created"]}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["code"], "unresolvable_host", "{body}");
    // A public https receiver is accepted.
    let (status, body) = env
        .post(
            "/api/v1/webhooks",
            &json!({"vendor": "connex", "url": "https://hooks.example/h", "events": ["ticket.created"]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

/// The name resolves to a public address at subscription and to 127.0.0.1 (where a
/// receiver listens) at delivery: the connection is refused, the receiver never hears of
/// it, and the attempt log says "refused".
#[tokio::test]
async fn a_dns_answer_that_changes_between_check_and_connect_is_refused() {
    let rx = Receiver::start(Mode::Ok);
    let port = rx.url.split(':').nth(2).unwrap().split('/').next().unwrap();
    let egress = strict(
        true,
        StaticLookup::new().with_sequence(
            "rebind.example",
            vec![vec![ip("93.184.215.14")], vec![ip("127.0.0.1")]],
        ),
    );
    let env = env_with(egress.clone()).await;
    let hook = env
        .webhook(
            &format!("http://rebind.example:{port}/hooks/tierline"),
            &["ticket.created"],
        )
        .await;
    let customer = env.customer("c-rebind").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let mut settings = fast_workers();
    settings.delivery.egress = egress;
    let workers = env.workers(settings);
    wait_for("two refused attempts", 300, || async {
        env.deliveries(&hook).await[0]["attempt_log"]
            .as_array()
            .is_some_and(|a| a.len() >= 2)
    })
    .await;
    workers.shutdown().await;
    let d = &env.deliveries(&hook).await[0];
    for attempt in d["attempt_log"].as_array().unwrap() {
        assert_eq!(attempt["outcome"], "error", "{d:#}");
        assert_eq!(attempt["error"], REFUSED, "{d:#}");
        assert!(attempt["status_code"].is_null());
    }
    assert_eq!(rx.hits(), 0, "the loopback receiver was reached");
}

/// A subscription made while loopback was allowed (the operator's exception removed since,
/// or a row from before the check existed) is refused at delivery: URLs with an IP address
/// as host are checked before connecting (the resolver never sees them).
#[tokio::test]
async fn an_address_literal_is_checked_at_delivery_too() {
    let rx = Receiver::start(Mode::Ok);
    let env = env_with(crate::support::test_egress()).await;
    let hook = env.webhook(&rx.url, &["ticket.created"]).await;
    let customer = env.customer("c-literal").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    let mut settings = fast_workers();
    settings.delivery.egress = Egress::default();
    let workers = env.workers(settings);
    wait_for("a refused attempt", 300, || async {
        env.deliveries(&hook).await[0]["attempt_log"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    })
    .await;
    workers.shutdown().await;
    let d = &env.deliveries(&hook).await[0];
    assert_eq!(d["attempt_log"][0]["error"], REFUSED, "{d:#}");
    assert_ne!(REFUSED, NO_ANSWER);
    assert_eq!(rx.hits(), 0);
}
