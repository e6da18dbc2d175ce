//! Managing subscriptions: `PATCH` (url, events, active), secret rotation with a grace
//! period (two signatures in both headers), `ping` to one subscription, tenant isolation;
//! and the members of `sla.met` payloads.

use reqwest::Method;
use serde_json::{json, Value};
use tierline_api::Role;
use tierline_worker::{signature, standard_signature};

use crate::support::*;

/// Subscribes `url` to connex `events` with a generated secret; returns (id, secret).
async fn subscribe(env: &Env, url: &str, events: &[&str]) -> (String, String) {
    let (s, b) = env
        .post(
            "/api/v1/webhooks",
            &json!({"vendor": "connex", "url": url, "events": events}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    (
        b["id"].as_str().unwrap().to_owned(),
        b["secret"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn a_subscription_changes_url_events_and_pauses() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let (hook, _) = subscribe(&env, "https://helpdesk.example/old", &["ticket.created"]).await;
    let path = format!("/api/v1/webhooks/{hook}");
    let (s, b) = env
        .call(
            Method::PATCH,
            &path,
            Some(&env.admin),
            Some(&json!({"url": rx.url, "events": ["ticket.routed", "ticket.routed"]})),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["url"], rx.url.as_str());
    assert_eq!(b["events"], json!(["ticket.routed"]));
    assert_eq!(b["active"], true);

    // Paused: a new ticket queues nothing for it.
    let (s, b) = env
        .call(
            Method::PATCH,
            &path,
            Some(&env.admin),
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["active"], false);
    assert_eq!(b["events"], json!(["ticket.routed"]), "unchanged");
    let customer = env.customer("c-1").await;
    env.ticket(&customer, &env.now_rfc3339()).await;
    assert!(env.deliveries(&hook).await.is_empty());
    // Resumed: the next one is queued and delivered.
    let (s, _) = env
        .call(
            Method::PATCH,
            &path,
            Some(&env.admin),
            Some(&json!({"active": true})),
        )
        .await;
    assert_eq!(s, 200);
    env.ticket(&customer, &env.now_rfc3339()).await;
    let workers = env.workers(fast_workers());
    env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    assert_eq!(rx.requests()[0].json()["type"], "ticket.routed");

    // Bad changes are 422 with the field.
    for (body, field) in [
        (json!({"url": "ftp://example.com/x"}), "url"),
        (json!({"events": []}), "events"),
        (json!({"events": ["ticket.exploded"]}), "events[0]"),
    ] {
        let (s, b) = env
            .call(Method::PATCH, &path, Some(&env.admin), Some(&body))
            .await;
        assert_eq!(s, 422, "{body}: {b}");
        assert_eq!(b["errors"][0]["field"], field, "{b}");
    }
    let (s, b) = env
        .call(
            Method::PATCH,
            &path,
            Some(&env.admin),
            Some(&json!({"secret": "x"})),
        )
        .await;
    assert_eq!(
        (s, b["errors"][0]["code"].as_str()),
        (422, Some("unknown_field")),
        "{b}"
    );
}

#[tokio::test]
async fn other_tenants_get_404_and_helpdesks_403() {
    let env = env().await;
    let (hook, _) = subscribe(&env, "https://helpdesk.example/hook", &["ticket.created"]).await;
    let other_agent = env.token(Role::Agent, &["storeconnect"]);
    let helpdesk = env.token(Role::Helpdesk, &["connex"]);
    let patch = json!({"active": false});
    let calls = [
        (Method::GET, format!("/api/v1/webhooks/{hook}"), None),
        (
            Method::PATCH,
            format!("/api/v1/webhooks/{hook}"),
            Some(&patch),
        ),
        (
            Method::POST,
            format!("/api/v1/webhooks/{hook}/rotate-secret"),
            None,
        ),
        (Method::POST, format!("/api/v1/webhooks/{hook}/ping"), None),
    ];
    for (method, path, body) in &calls {
        let (s, b) = env
            .call(method.clone(), path, Some(&other_agent), *body)
            .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (404, Some("not_found")),
            "{path}: {b}"
        );
        let (s, b) = env.call(method.clone(), path, Some(&helpdesk), *body).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (403, Some("forbidden")),
            "{path}: {b}"
        );
    }
    // Nothing changed, nothing was queued.
    let (_, one) = env.get(&format!("/api/v1/webhooks/{hook}")).await;
    assert_eq!(one["active"], true);
    assert_eq!(one["previous_secret_expires_at"], Value::Null);
    assert!(env.deliveries(&hook).await.is_empty());
    // The vendor's own agent may.
    let agent = env.token(Role::Agent, &["connex"]);
    let (s, b) = env
        .call(
            Method::POST,
            &format!("/api/v1/webhooks/{hook}/ping"),
            Some(&agent),
            None,
        )
        .await;
    assert_eq!(s, 202, "{b}");
}

#[tokio::test]
async fn a_rotated_secret_signs_beside_the_old_one_for_the_grace_period() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let (hook, old) = subscribe(&env, &rx.url, &["ticket.created"]).await;
    let (bystander, _) = subscribe(&env, &rx.url, &["ticket.created"]).await;
    let (s, b) = env
        .post(
            &format!("/api/v1/webhooks/{hook}/rotate-secret"),
            &json!(null),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let new = b["secret"].as_str().unwrap().to_owned();
    assert!(new.starts_with("whsec_") && new != old);
    let until =
        chrono::DateTime::parse_from_rfc3339(b["previous_secret_expires_at"].as_str().unwrap())
            .unwrap();
    let hours = (until.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!(
        (23 * 60..=24 * 60).contains(&hours),
        "default grace 24 h: {b}"
    );
    let (_, shown) = env.get(&format!("/api/v1/webhooks/{hook}")).await;
    assert!(
        !shown.to_string().contains(&new),
        "the new secret is shown once"
    );

    // A ping goes to this subscription only, signed with both secrets.
    let (s, b) = env
        .post(&format!("/api/v1/webhooks/{hook}/ping"), &json!(null))
        .await;
    assert_eq!(s, 202, "{b}");
    let event_id = b["event_id"].as_str().unwrap().to_owned();
    let workers = env.workers(fast_workers());
    env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    assert!(env.deliveries(&bystander).await.is_empty());
    let requests = rx.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    let body = r.json();
    assert_eq!(body["type"], "ping");
    assert_eq!(body["id"], event_id.as_str());
    assert_eq!(body["data"]["webhook_id"], hook.as_str());

    let now = chrono::Utc::now().timestamp();
    let header = r.header("tierline-signature");
    assert_eq!(header.matches("v1=").count(), 2, "{header}");
    for secret in [&new, &old] {
        signature::verify(secret.as_bytes(), header, &r.body, now, 300)
            .unwrap_or_else(|e| panic!("{e}: {header}"));
    }
    let standard = r.header("webhook-signature");
    let entries: Vec<&str> = standard.split(' ').collect();
    assert_eq!(entries.len(), 2, "{standard}");
    let t: i64 = r.header("webhook-timestamp").parse().unwrap();
    let id = r.header("webhook-id");
    for secret in [&new, &old] {
        let expected = standard_signature::sign(secret, id, t, &r.body).unwrap();
        assert!(entries.contains(&expected.as_str()), "{standard}");
    }

    // Rotating with no grace: only the newest secret signs.
    let (s, b) = env
        .post(
            &format!("/api/v1/webhooks/{hook}/rotate-secret?grace_seconds=0"),
            &json!(null),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["previous_secret_expires_at"], Value::Null, "{b}");
    let newest = b["secret"].as_str().unwrap().to_owned();
    env.post(&format!("/api/v1/webhooks/{hook}/ping"), &json!(null))
        .await;
    let workers = env.workers(fast_workers());
    env.wait_deliveries(&hook, 2, &["delivered"]).await;
    workers.shutdown().await;
    let last = rx.requests().into_iter().last().unwrap();
    let header = last.header("tierline-signature");
    assert_eq!(header.matches("v1=").count(), 1, "{header}");
    signature::verify(newest.as_bytes(), header, &last.body, now, 300).unwrap();
    assert!(signature::verify(new.as_bytes(), header, &last.body, now, 300).is_err());
    assert_eq!(last.header("webhook-signature").split(' ').count(), 1);

    let (s, b) = env
        .post(
            &format!("/api/v1/webhooks/{hook}/rotate-secret?grace_seconds=-1"),
            &json!(null),
        )
        .await;
    assert_eq!(s, 400, "{b}");
}

#[tokio::test]
async fn sla_met_carries_customer_priority_and_status() {
    let env = env().await;
    let rx = Receiver::start(Mode::Ok);
    let hook = env.webhook(&rx.url, &["sla.met"]).await;
    let customer = env.customer("c-met").await;
    let id = env.ticket(&customer, &env.now_rfc3339()).await;
    let (s, b) = env
        .post(
            &format!("/api/v1/tickets/{id}/events"),
            &json!({"type": "responded"}),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let ticket = b["ticket"].clone();
    let workers = env.workers(fast_workers());
    env.wait_deliveries(&hook, 1, &["delivered"]).await;
    workers.shutdown().await;
    let body = rx.requests()[0].json();
    assert_eq!(body["type"], "sla.met");
    let data = &body["data"];
    assert_eq!(data["ticket_id"], id.as_str());
    assert_eq!(data["customer_id"], customer.as_str());
    assert_eq!(data["vendor"], "connex");
    assert_eq!(data["clock"], "first_response");
    assert_eq!(data["priority"], ticket["priority"]);
    assert_eq!(data["status"], ticket["status"]);
    for member in ["customer_id", "priority", "status"] {
        assert!(
            data.as_object().unwrap().contains_key(member),
            "{member}: {data}"
        );
    }
}
