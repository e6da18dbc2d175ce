//! `POST /tickets/{id}/events`, `GET /tickets/{id}/events`, `PATCH /tickets/{id}` with
//! `If-Match`, and `GET /tickets?breached=`: every transition, every impossible one, and
//! hand-checked pause/resume arithmetic.

use reqwest::Method;
use serde_json::json;
use tierline_api::Role;

use crate::helpers::{spawn_app, TestApp};
use crate::lifecycle_helpers::spawn_pausing_app;

/// A Connex Silver ticket received at `received_at` (Connex: 1 bd = 420 min first response,
/// America/New_York Mon–Fri 09:00–16:00).
async fn connex_ticket(app: &TestApp, external: &str, received_at: &str) -> String {
    let customer = app.connex_customer(external, "silver").await;
    let mut body = TestApp::ticket_body("connex", &customer, "Orders stopped syncing");
    body["received_at"] = json!(received_at);
    app.ticket_id(body).await
}

async fn first_response(app: &TestApp, ticket: &str) -> serde_json::Value {
    let r = app
        .get(&format!("/api/v1/tickets/{ticket}"), &app.admin)
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    r.body["sla"]["first_response"].clone()
}

#[tokio::test]
async fn every_transition_and_every_impossible_one() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    // Fri 2026-11-20 10:00 EST; due Mon 2026-11-23 10:00 EST (15:00Z).
    let t = connex_ticket(&app, "c-1", "2026-11-20T15:00:00Z").await;
    assert_eq!(
        first_response(&app, &t).await["due_at"],
        "2026-11-23T15:00:00Z"
    );

    // open: resumed and reopened are impossible.
    app.event(&agent, &t, "resumed", None)
        .await
        .assert_problem(409, "not_pending");
    app.event(&agent, &t, "reopened", None)
        .await
        .assert_problem(409, "not_resolved");

    // responded (Fri 11:00 EST): the first-response clock stops, met after 60 minutes.
    let r = app
        .event(&agent, &t, "responded", Some("2026-11-20T16:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["event"]["kind"], "responded");
    assert_eq!(r.body["event"]["actor"], "agent:agent-test");
    assert_eq!(
        r.body["event"]["explanation"][0]["rule"],
        "tierline.clock.met"
    );
    let fr = &r.body["ticket"]["sla"]["first_response"];
    assert_eq!(fr["status"], "met");
    assert_eq!(fr["met_at"], "2026-11-20T16:00:00Z");
    assert_eq!(fr["remaining_minutes"], 360);
    assert_eq!(r.body["ticket"]["status"], "open");
    app.event(&agent, &t, "responded", None)
        .await
        .assert_problem(409, "already_responded");

    // pending, and pending again.
    let r = app
        .event(&agent, &t, "pending", Some("2026-11-20T17:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["event"]["kind"], "paused");
    assert_eq!(r.body["ticket"]["status"], "pending");
    app.event(&agent, &t, "pending", None)
        .await
        .assert_problem(409, "already_pending");

    // resumed, and resumed again.
    let r = app
        .event(&agent, &t, "resumed", Some("2026-11-23T14:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["status"], "open");
    app.event(&agent, &t, "resumed", None)
        .await
        .assert_problem(409, "not_pending");

    // resolved; then nothing but reopened.
    let r = app
        .event(&agent, &t, "resolved", Some("2026-11-23T15:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["status"], "resolved");
    for kind in ["responded", "pending", "resumed", "resolved"] {
        app.event(&agent, &t, kind, None)
            .await
            .assert_problem(409, "ticket_resolved");
    }

    // reopened, and reopened again.
    let r = app.event(&agent, &t, "reopened", None).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["status"], "open");
    app.event(&agent, &t, "reopened", None)
        .await
        .assert_problem(409, "not_resolved");

    // The history: append-only, each entry with actor, time and explanation.
    assert_eq!(
        app.history(&t).await,
        [
            "created",
            "routed",
            "responded",
            "paused",
            "resumed",
            "resolved",
            "reopened"
        ]
    );
    let r = app
        .get(&format!("/api/v1/tickets/{t}/events"), &agent)
        .await;
    for e in r.body["items"].as_array().unwrap() {
        assert!(e["actor"].is_string() && e["at"].is_string(), "{e}");
        assert!(e["explanation"].is_array(), "{e}");
    }
    // The first-response clock had stopped: nothing to pause.
    assert_eq!(
        r.body["items"][3]["explanation"][0]["rule"],
        "tierline.clock.none_running"
    );
    // Before a response, Connex's running clock does not pause: the event says so and the
    // due time stays.
    let t = connex_ticket(&app, "c-2", "2026-11-20T15:00:00Z").await;
    let r = app
        .event(&agent, &t, "pending", Some("2026-11-20T16:00:00Z"))
        .await;
    assert_eq!(
        r.body["event"]["explanation"][0]["rule"],
        "tierline.clock.keeps_running"
    );
    assert_eq!(
        r.body["ticket"]["sla"]["first_response"]["due_at"],
        "2026-11-23T15:00:00Z"
    );
}

#[tokio::test]
async fn event_times_are_checked() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "2026-11-20T15:00:00Z").await;
    let r = app
        .event(
            &agent,
            &t,
            "responded",
            Some(&app.at(chrono::Duration::days(1))),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.fields(), ["at"]);
    assert_eq!(r.body["errors"][0]["code"], "in_future");
    let r = app
        .event(&agent, &t, "responded", Some("2026-11-20T14:59:59Z"))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["code"], "before_receipt");
    // Before the clock's last event.
    app.event(&agent, &t, "resolved", Some("2026-11-20T18:00:00Z"))
        .await;
    let r = app
        .event(&agent, &t, "reopened", Some("2026-11-20T17:00:00Z"))
        .await;
    // Connex has no resolution clock: nothing to contradict, the reopen is recorded.
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);

    // StoreConnect critical (Large: 1 bd = 480 min resolution clock).
    let customer = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "large", "billing_cycle": "annual"}),
        )
        .await;
    let mut body = TestApp::ticket_body("storeconnect", &customer, "Store is down");
    body["priority"] = json!("critical");
    let t = app.ticket_id(body).await;
    let sc = app.agent("storeconnect");
    assert_eq!(
        app.event(&sc, &t, "resolved", Some("2026-11-23T01:00:00Z"))
            .await
            .status
            .as_u16(),
        201
    );
    let r = app
        .event(&sc, &t, "reopened", Some("2026-11-22T00:00:00Z"))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["code"], "before_last_event");
    // Reopened: the resolution clock starts again with its full target.
    let r = app
        .event(&sc, &t, "reopened", Some("2026-11-23T22:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let res = &r.body["ticket"]["sla"]["resolution"];
    assert_eq!(res["target_minutes"], 480);
    // Mon 2026-11-23 22:00Z = Tue 09:00 AEDT: 8 h later is Tue 17:00 AEDT = 06:00Z.
    assert_eq!(res["due_at"], "2026-11-24T06:00:00Z");
}

#[tokio::test]
async fn roles_and_tenants() {
    let app = spawn_app().await;
    let t = connex_ticket(&app, "c-1", "2026-11-20T15:00:00Z").await;
    // A helpdesk of another vendor sees nothing; its own vendor's helpdesk posts events.
    let foreign_helpdesk = app.token(Role::Helpdesk, &["iex"], None);
    app.event(&foreign_helpdesk, &t, "responded", None)
        .await
        .assert_problem(404, "not_found");
    let helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    let r = app.event(&helpdesk, &t, "pending", None).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["event"]["actor"], "helpdesk:helpdesk-test");
    app.post(
        &format!("/api/v1/tickets/{t}/escalations"),
        &helpdesk,
        &json!({"to_tier": 2}),
    )
    .await
    .assert_problem(403, "forbidden");
    let other = app.agent("iex");
    app.event(&other, &t, "responded", None)
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/tickets/{t}/events"), &other)
        .await
        .assert_problem(404, "not_found");
    let reseller = app.token(Role::Reseller, &[], Some("r-1"));
    app.event(&reseller, &t, "responded", None)
        .await
        .assert_problem(404, "not_found");

    // A reseller works its own tickets (no IEX clock runs on them).
    let customer = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-1", "name": "Butik",
                         "plan": "standard", "billing_cycle": "monthly",
                         "reseller": {"id": "r-1", "name": "Webshop Partner ApS",
                                      "contact": "support@partner.example"}}),
        )
        .await;
    let t = app
        .ticket_id(TestApp::ticket_body("iex", &customer, "Ordre 1001 mangler"))
        .await;
    let r = app.event(&reseller, &t, "responded", None).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["status"], "referred");
    let r = app.event(&reseller, &t, "pending", None).await;
    assert_eq!(r.body["ticket"]["status"], "pending");
    let r = app.event(&reseller, &t, "resumed", None).await;
    assert_eq!(r.body["ticket"]["status"], "referred");
    let other_reseller = app.token(Role::Reseller, &[], Some("r-2"));
    app.event(&other_reseller, &t, "resolved", None)
        .await
        .assert_problem(404, "not_found");
}

/// Pause across a night. Connex (paused variant), 1 bd = 420 min, New York, EST (UTC-5).
/// Received Tue 2025-11-18 10:00 EST: due Wed 10:00. Pending Tue 15:00 (300 min elapsed,
/// 120 left); resumed Wed 11:00: 60 + 120 = 180 business minutes paused, so the due time
/// moves from Wed 10:00 to Wed 13:00 EST (18:00Z) = 11:00 + the 120 minutes left.
#[tokio::test]
async fn pause_across_a_night() {
    let app = spawn_pausing_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "2025-11-18T15:00:00Z").await;
    assert_eq!(
        first_response(&app, &t).await["due_at"],
        "2025-11-19T15:00:00Z"
    );
    let r = app
        .event(&agent, &t, "pending", Some("2025-11-18T20:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let fr = &r.body["ticket"]["sla"]["first_response"];
    assert_eq!(fr["status"], "paused");
    assert_eq!(fr["due_at"], serde_json::Value::Null);
    assert_eq!(fr["remaining_minutes"], 120);
    assert_eq!(
        r.body["event"]["explanation"][0]["rule"],
        "tierline.clock.paused"
    );
    let r = app
        .event(&agent, &t, "resumed", Some("2025-11-19T16:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(
        r.body["ticket"]["sla"]["first_response"]["due_at"],
        "2025-11-19T18:00:00Z"
    );
    assert!(r.body["event"]["explanation"][0]["text"]
        .as_str()
        .unwrap()
        .contains("180 business minutes"));
    // Answered Wed 12:30 EST, within the moved target.
    let r = app
        .event(&agent, &t, "responded", Some("2025-11-19T17:30:00Z"))
        .await;
    assert_eq!(r.body["ticket"]["sla"]["first_response"]["status"], "met");
    assert_eq!(
        r.body["ticket"]["sla"]["first_response"]["remaining_minutes"],
        30
    );
}

/// Pause across a weekend. Received Fri 2025-11-14 14:00 EST; pending Fri 15:30 (90 min
/// elapsed, 330 left); resumed Mon 2025-11-17 09:30: due Mon 09:30 + 330 min = 15:00 EST
/// (20:00Z). Without the pause it was Mon 14:00: 30 + 30 business minutes were paused.
#[tokio::test]
async fn pause_across_a_weekend() {
    let app = spawn_pausing_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "2025-11-14T19:00:00Z").await;
    assert_eq!(
        first_response(&app, &t).await["due_at"],
        "2025-11-17T19:00:00Z"
    );
    app.event(&agent, &t, "pending", Some("2025-11-14T20:30:00Z"))
        .await;
    assert_eq!(first_response(&app, &t).await["remaining_minutes"], 330);
    let r = app
        .event(&agent, &t, "resumed", Some("2025-11-17T14:30:00Z"))
        .await;
    assert_eq!(
        r.body["ticket"]["sla"]["first_response"]["due_at"],
        "2025-11-17T20:00:00Z"
    );
}

/// Pause across a holiday. Thanksgiving Eve Wed 2025-11-26 has limited hours 09:00–12:00,
/// Thanksgiving Thu 2025-11-27 is closed. Received Wed 10:00 EST; pending Wed 11:00 (60
/// elapsed, 360 left); resumed Fri 2025-11-28 10:00: due Fri 10:00 + 360 min = 16:00 EST,
/// exactly at closing (21:00Z), not at the next opening.
#[tokio::test]
async fn pause_across_a_holiday() {
    let app = spawn_pausing_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "2025-11-26T15:00:00Z").await;
    // Without a pause: Wed 10:00–12:00 (120), Fri 09:00 + 300 = 14:00 EST.
    assert_eq!(
        first_response(&app, &t).await["due_at"],
        "2025-11-28T19:00:00Z"
    );
    app.event(&agent, &t, "pending", Some("2025-11-26T16:00:00Z"))
        .await;
    let r = app
        .event(&agent, &t, "resumed", Some("2025-11-28T15:00:00Z"))
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(
        r.body["ticket"]["sla"]["first_response"]["due_at"],
        "2025-11-28T21:00:00Z"
    );
    // Resolved while pending in breach is flagged: a second ticket paused after its due.
    let t2 = connex_ticket(&app, "c-2", "2025-11-26T15:00:00Z").await;
    app.event(&agent, &t2, "pending", Some("2025-12-01T15:00:00Z"))
        .await;
    let r = app
        .get("/api/v1/tickets?breached=true&vendor=connex", &app.admin)
        .await;
    let ids: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    // Both are breached as of now: t's clock runs past its due, t2's paused in breach.
    assert!(
        ids.contains(&t2.as_str()) && ids.contains(&t.as_str()),
        "{ids:?}"
    );
}

#[tokio::test]
async fn breached_and_due_before_filters() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    // Due 2026-11-23: breached now (a running clock past its due time).
    let late = connex_ticket(&app, "c-1", "2026-11-20T15:00:00Z").await;
    // Answered in time: not breached.
    let answered = connex_ticket(&app, "c-2", "2026-11-20T15:00:00Z").await;
    app.event(&agent, &answered, "responded", Some("2026-11-20T16:00:00Z"))
        .await;
    // Answered late: breached for good.
    let answered_late = connex_ticket(&app, "c-3", "2026-11-20T15:00:00Z").await;
    app.event(
        &agent,
        &answered_late,
        "responded",
        Some("2026-11-24T15:00:00Z"),
    )
    .await;
    // Received now: running, not due yet.
    let customer = app.connex_customer("c-4", "silver").await;
    let mut body = TestApp::ticket_body("connex", &customer, "New");
    body.as_object_mut().unwrap().remove("received_at");
    let fresh = app.ticket_id(body).await;

    let ids = |r: &crate::helpers::Reply| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let r = app.get("/api/v1/tickets?breached=true", &agent).await;
    assert_eq!(ids(&r), [late.clone(), answered_late.clone()]);
    let r = app.get("/api/v1/tickets?breached=false", &agent).await;
    assert_eq!(ids(&r), [answered.clone(), fresh.clone()]);
    let r = app
        .get("/api/v1/tickets?due_before=2026-11-24T00:00:00Z", &agent)
        .await;
    assert_eq!(ids(&r), [late]);
}

#[tokio::test]
async fn etag_and_if_match() {
    let app = spawn_app().await;
    let agent = app.agent("storeconnect");
    let customer = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "large", "billing_cycle": "annual"}),
        )
        .await;
    let mut body = TestApp::ticket_body("storeconnect", &customer, "Training question");
    body["priority"] = json!("medium");
    let t = app.ticket_id(body).await;
    let path = format!("/api/v1/tickets/{t}");
    let r = app.get(&path, &agent).await;
    assert_eq!(r.headers["etag"], "\"1\"");
    assert_eq!(r.body["sla"]["resolution"], serde_json::Value::Null);

    // If-Match with the current tag: applied, new tag.
    let r = app
        .send(
            Method::PATCH,
            &path,
            Some(&agent),
            Some(&json!({"subject": "Store is down", "priority": "critical"})),
            &[("If-Match", "\"1\"")],
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert_eq!(r.headers["etag"], "\"2\"");
    assert_eq!(r.body["subject"], "Store is down");
    assert_eq!(r.body["priority"], "critical");
    // The critical target for Large: 1 bd = 480 min, clock from receipt (Fri 2026-11-20
    // 15:00Z = Sat 02:00 AEDT): Mon 09:00–17:00 AEDT, due Mon 17:00 AEDT = 06:00Z.
    assert_eq!(r.body["sla"]["resolution"]["target_minutes"], 480);
    assert_eq!(
        r.body["sla"]["resolution"]["due_at"],
        "2026-11-23T06:00:00Z"
    );

    // A stale tag: 412, nothing changes.
    let r = app
        .send(
            Method::PATCH,
            &path,
            Some(&agent),
            Some(&json!({"subject": "Lost update"})),
            &[("If-Match", "\"1\"")],
        )
        .await;
    r.assert_problem(412, "precondition_failed");
    let r = app.get(&path, &agent).await;
    assert_eq!(r.body["subject"], "Store is down");
    assert_eq!(r.headers["etag"], "\"2\"");

    // critical -> high: 5 bd; high -> medium: no target, the running clock goes.
    let r = app.patch(&path, &agent, &json!({"priority": "high"})).await;
    assert_eq!(r.body["sla"]["resolution"]["target_minutes"], 2400);
    let r = app
        .patch(&path, &agent, &json!({"priority": "medium"}))
        .await;
    assert_eq!(r.body["sla"]["resolution"], serde_json::Value::Null);
    assert_eq!(r.headers["etag"], "\"4\"");
    assert_eq!(
        app.history(&t).await,
        [
            "created",
            "routed",
            "updated",
            "priority_changed",
            "priority_changed",
            "priority_changed"
        ]
    );
    // Bad input.
    app.patch(&path, &agent, &json!({"subject": " "}))
        .await
        .assert_problem(422, "validation_failed");
    app.patch(&path, &agent, &json!({"status": "resolved"}))
        .await
        .assert_problem(422, "validation_failed");
    let helpdesk = app.token(Role::Helpdesk, &["storeconnect"], None);
    app.patch(&path, &helpdesk, &json!({"subject": "x"}))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn parallel_events_lose_nothing() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    let t = connex_ticket(&app, "c-1", "2026-11-20T15:00:00Z").await;
    let path = format!("/api/v1/tickets/{t}/events");
    let replies = app
        .parallel_posts(&path, &agent, vec![json!({"type": "responded"}); 10])
        .await;
    let created = replies.iter().filter(|r| r.0 == 201).count();
    let conflicts = replies.iter().filter(|r| r.0 == 409).count();
    assert_eq!((created, conflicts), (1, 9));
    let kinds = app.history(&t).await;
    assert_eq!(kinds.iter().filter(|k| *k == "responded").count(), 1);

    // Alternating pending/resumed from many agents: every accepted one is in the history.
    let bodies = (0..12)
        .map(|i| json!({"type": if i % 2 == 0 { "pending" } else { "resumed" }}))
        .collect();
    let replies = app.parallel_posts(&path, &agent, bodies).await;
    let accepted = replies.iter().filter(|r| r.0 == 201).count();
    assert!(
        replies.iter().all(|r| r.0 == 201 || r.0 == 409),
        "{replies:?}"
    );
    let r = app.get(&format!("/api/v1/tickets/{t}"), &agent).await;
    // created=1, then 1 response + every accepted event bumped the version once.
    assert_eq!(r.body["version"], 2 + accepted as i64);
    assert_eq!(app.history(&t).await.len(), 3 + accepted);
}
