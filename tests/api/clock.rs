//! The server decides with its clock, not the machine's: the test pins it (see
//! `helpers::test_now`), reads the defaults it produces, and advances it to let time pass.

use chrono::Duration;
use serde_json::json;

use crate::helpers::{rfc3339, spawn_app};

#[tokio::test]
async fn defaults_and_deadlines_follow_the_pinned_clock() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "platinum").await;
    // No `received_at`: the ticket is received at the clock's now.
    let body = json!({
        "vendor": "connex", "customer_id": customer, "subject": "Orders not syncing",
        "description": "Order 1001 is missing in QuickBooks Online.", "channel": "email"
    });
    let t = app.ticket(&app.admin, &body).await;
    assert_eq!(t["received_at"], rfc3339(app.now()), "{t}");
    let fr = &t["sla"]["first_response"];
    assert_eq!(fr["status"], "running", "{t}");
    assert_eq!(fr["remaining_minutes"], fr["target_minutes"], "{t}");
    let due: chrono::DateTime<chrono::Utc> = fr["due_at"].as_str().unwrap().parse().unwrap();
    assert!(due > app.now(), "{t}");
    let id = t["id"].as_str().unwrap().to_owned();
    let listed = |r: &crate::helpers::Reply| {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == id.as_str())
    };
    let r = app.get("/api/v1/tickets?breached=false", &app.admin).await;
    assert!(listed(&r), "{}", r.body);

    // A week past the due time (business minutes past it, whatever the calendar), by the
    // server's clock alone: breached.
    app.clock.set(due + Duration::days(7));
    let r = app.get(&format!("/api/v1/tickets/{id}"), &app.admin).await;
    let fr = &r.body["sla"]["first_response"];
    assert_eq!(fr["status"], "breached", "{}", r.body);
    assert!(fr["remaining_minutes"].as_i64().unwrap() < 0, "{}", r.body);
    let r = app.get("/api/v1/tickets?breached=true", &app.admin).await;
    assert!(listed(&r), "{}", r.body);
    let r = app.get("/api/v1/tickets?breached=false", &app.admin).await;
    assert!(!listed(&r), "{}", r.body);
    // Events may lie up to 5 minutes (clock skew) after the moved clock's now, not 6.
    let agent = app.agent("connex");
    let r = app
        .event(
            &agent,
            &id,
            "responded",
            Some(&app.at(Duration::minutes(6))),
        )
        .await;
    assert_eq!(r.body["errors"][0]["code"], "in_future", "{}", r.body);
    let r = app
        .event(
            &agent,
            &id,
            "responded",
            Some(&app.at(Duration::minutes(4))),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
}

#[tokio::test]
async fn the_calendar_starts_at_the_clocks_local_date() {
    let app = spawn_app().await;
    let r = app.get("/api/v1/vendors/connex/calendar", &app.admin).await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    let zone: chrono_tz::Tz = r.body["time_zone"].as_str().unwrap().parse().unwrap();
    let local_today = app.now().with_timezone(&zone).date_naive();
    assert_eq!(r.body["from"], local_today.to_string(), "{}", r.body);
    // A year later by the clock, a year later by the calendar.
    app.clock.advance(Duration::days(365));
    let r = app.get("/api/v1/vendors/connex/calendar", &app.admin).await;
    let local_today = app.now().with_timezone(&zone).date_naive();
    assert_eq!(r.body["from"], local_today.to_string(), "{}", r.body);
}
