//! Entitlements (POLICY.md, Connex): 10 h per plan year, 5 h after a late upgrade, reset at
//! renewal, no rollover, never below zero, overage only when exhausted and only on Platinum,
//! Gold cannot buy; purchases, sessions, and parallel spending.

//!
//! Every date is derived from the server's pinned clock: customers renew 3 months after its
//! today ([`renewal`]), so the current plan year began 9 months before it.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc, Weekday};
use serde_json::{json, Value};
use tierline_api::Role;

use crate::helpers::{rfc3339, spawn_app, TestApp};

/// The renewal date of the customers below: 3 months after the server's today.
fn renewal(app: &TestApp) -> NaiveDate {
    app.today().checked_add_months(Months::new(3)).unwrap()
}

/// The first day of the current plan year (a year before [`renewal`]).
fn plan_year_start(app: &TestApp) -> NaiveDate {
    renewal(app).checked_sub_months(Months::new(12)).unwrap()
}

/// Long before the current plan year (3 years before the server's today).
fn long_ago(app: &TestApp) -> String {
    (app.today() - Duration::days(3 * 365)).to_string()
}

/// A Connex customer renewing on [`renewal`], upgraded on `upgraded_on`.
async fn customer(app: &TestApp, external: &str, plan: &str, upgraded_on: &str) -> String {
    app.customer(
        json!({"vendor": "connex", "external_id": external, "name": "Acme",
                        "plan": plan, "billing_cycle": "annual",
                        "renews_on": renewal(app).to_string(), "upgraded_on": upgraded_on}),
    )
    .await
}

async fn entitlements(app: &TestApp, id: &str) -> Value {
    let r = app
        .get(&format!("/api/v1/customers/{id}/entitlements"), &app.admin)
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    r.body
}

async fn log(app: &TestApp, id: &str, body: Value) -> crate::helpers::Reply {
    app.post(
        &format!("/api/v1/customers/{id}/developer-time"),
        &app.agent("connex"),
        &body,
    )
    .await
}

/// Records `minutes` charged to the previous plan year (the year before
/// [`plan_year_start`]) straight in the store, as the API did while that year was current.
async fn record_last_year(app: &TestApp, id: &str, minutes: i64) {
    use tierline_store::entitlements::{insert_developer_time, NewDeveloperTime};
    let pool = tierline_store::build_pool(app.database_url(), &Default::default()).unwrap();
    let mut conn = pool.get().await.unwrap();
    insert_developer_time(
        &mut conn,
        &NewDeveloperTime {
            vendor: "connex".into(),
            customer_id: id.parse().unwrap(),
            minutes,
            charged: true,
            period_start: Some(
                plan_year_start(app)
                    .checked_sub_months(Months::new(12))
                    .unwrap(),
            ),
            ticket_id: None,
            at: (plan_year_start(app) - Duration::days(14))
                .and_hms_opt(15, 0, 0)
                .unwrap()
                .and_utc(),
            actor: "agent:agent-test".into(),
            explanation: json!([]),
        },
    )
    .await
    .unwrap();
}

/// A ticket of customer `id` escalated to Tier 2 as a regression (its work is not charged).
async fn regression_ticket(app: &TestApp, id: &str) -> String {
    let ticket = app
        .ticket_id(TestApp::ticket_body(
            "connex",
            id,
            "Broken since the update",
        ))
        .await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{ticket}/escalations"),
            &app.agent("connex"),
            &json!({"to_tier": 2, "regression": true}),
        )
        .await;
    assert_eq!(r.body["charges_developer_time"], false, "{}", r.body);
    ticket
}

/// Asserts a 422 whose only field error is `at`: `out_of_range`.
fn assert_at_out_of_range(r: &crate::helpers::Reply) {
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.fields(), ["at"], "{}", r.body);
    assert_eq!(r.body["errors"][0]["code"], "out_of_range", "{}", r.body);
}

fn day_at_15(day: NaiveDate) -> String {
    format!("{day}T15:00:00Z")
}

#[tokio::test]
async fn developer_time_before_the_current_plan_year_is_refused() {
    let app = spawn_app().await;
    // Renewing in 3 months: the current plan year started 9 months ago.
    let today = app.today();
    let renews = today.checked_add_months(Months::new(3)).unwrap();
    let c = app
        .customer(
            json!({"vendor": "connex", "external_id": "c-1", "name": "Acme",
                         "plan": "platinum", "billing_cycle": "annual",
                         "renews_on": renews.to_string(), "upgraded_on": long_ago(&app)}),
        )
        .await;
    let dt = &entitlements(&app, &c).await["developer_time"];
    let start: NaiveDate = dt["period_start"].as_str().unwrap().parse().unwrap();
    assert_eq!(start, renews.checked_sub_months(Months::new(12)).unwrap());

    // Two days before the plan year (last year still had all its hours): refused.
    let before = day_at_15(start - Duration::days(2));
    let r = log(&app, &c, json!({"minutes": 30, "at": before})).await;
    assert_at_out_of_range(&r);
    let message = r.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(&start.to_string()), "{message}");
    // Far in the past, with an Idempotency-Key: refused too, and the key stays unused.
    let r = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/customers/{c}/developer-time"),
            Some(&app.agent("connex")),
            Some(&json!({"minutes": 30, "at": "2001-01-01T00:00:00Z"})),
            &[("Idempotency-Key", "dev-time-old")],
        )
        .await;
    assert_at_out_of_range(&r);
    assert!(!r.headers.contains_key("idempotent-replayed"));

    // The plan year's first days and now are fine.
    let r = log(
        &app,
        &c,
        json!({"minutes": 30, "at": day_at_15(start + Duration::days(1))}),
    )
    .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["period_start"], start.to_string());
    let r = log(&app, &c, json!({"minutes": 30})).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    // Only those two were recorded.
    let dt = &entitlements(&app, &c).await["developer_time"];
    assert_eq!(dt["used_minutes"], 60);
}

#[tokio::test]
async fn without_a_plan_year_developer_time_goes_back_366_days() {
    let app = spawn_app().await;
    // Gold has no developer time, so no plan year; work on a regression is still recorded.
    let c = customer(&app, "c-1", "gold", &long_ago(&app)).await;
    let regression = regression_ticket(&app, &c).await;
    let ago = |days: i64| app.at(-Duration::days(days));

    let r = log(
        &app,
        &c,
        json!({"minutes": 60, "ticket_id": regression, "at": ago(360)}),
    )
    .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["charged"], false);
    let r = log(
        &app,
        &c,
        json!({"minutes": 60, "ticket_id": regression, "at": ago(372)}),
    )
    .await;
    assert_at_out_of_range(&r);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("366 days"),
        "{}",
        r.body
    );
    // The date is checked before the budget: too old is 422, not 409.
    assert_at_out_of_range(&log(&app, &c, json!({"minutes": 60, "at": ago(400)})).await);
}

#[tokio::test]
async fn ten_hours_and_five_after_a_late_upgrade() {
    let app = spawn_app().await;
    let c = customer(&app, "c-1", "platinum", &long_ago(&app)).await;
    let e = entitlements(&app, &c).await;
    let dt = &e["developer_time"];
    assert_eq!(dt["period_start"], plan_year_start(&app).to_string());
    assert_eq!(dt["period_end"], renewal(&app).to_string());
    assert_eq!(dt["included_minutes"], 600);
    assert_eq!(dt["used_minutes"], 0);
    assert_eq!(dt["remaining_minutes"], 600);
    assert_eq!(e["overage"]["available"], false);
    assert_eq!(e["overage"]["denial"]["rule"], "connex.purchase.hours_left");

    // Upgraded 5 months before the renewal (less than 6): 5 h.
    let upgraded = renewal(&app).checked_sub_months(Months::new(5)).unwrap();
    let late = customer(&app, "c-2", "platinum", &upgraded.to_string()).await;
    let dt = &entitlements(&app, &late).await["developer_time"];
    assert_eq!(dt["included_minutes"], 300);
    let rules: Vec<&str> = dt["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"connex.hours.prorated_upgrade"),
        "{rules:?}"
    );

    // Gold: no developer time, and it cannot buy any.
    let gold = customer(&app, "c-3", "gold", &long_ago(&app)).await;
    let e = entitlements(&app, &gold).await;
    assert_eq!(e["developer_time"], Value::Null);
    assert!(e["no_developer_time"]["rule"].is_string(), "{e}");
    assert_eq!(e["overage"]["available"], false);
    let r = log(&app, &gold, json!({"minutes": 30})).await;
    r.assert_problem(409, "insufficient_developer_time");
    let r = app
        .post(
            &format!("/api/v1/customers/{gold}/purchases"),
            &app.agent("connex"),
            &json!({"item": "developer_call", "quantity": 1}),
        )
        .await;
    r.assert_problem(422, "purchase_not_allowed");
    assert_eq!(r.body["rule"], "connex.purchase.platinum_only");
    assert_eq!(r.body["offer"]["plan"], "platinum");
    // Screen sharing can be bought without upgrading.
    let r = app
        .post(
            &format!("/api/v1/customers/{gold}/purchases"),
            &app.agent("connex"),
            &json!({"item": "screen_share", "quantity": 1}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
}

#[tokio::test]
async fn never_below_zero_then_overage_reset_at_renewal_no_rollover() {
    let app = spawn_app().await;
    let c = customer(&app, "c-1", "platinum", &long_ago(&app)).await;
    let agent = app.agent("connex");
    // Last plan year: 100 of 600 used, logged while that year was
    // current (it is closed to the API now); the 500 left do not roll over into this year.
    record_last_year(&app, &c, 100).await;
    let dt = &entitlements(&app, &c).await["developer_time"];
    assert_eq!(
        (dt["used_minutes"].clone(), dt["remaining_minutes"].clone()),
        (json!(0), json!(600))
    );

    // This year: 450 + 150 = 600 exactly; one more minute is refused.
    assert_eq!(
        log(&app, &c, json!({"minutes": 450})).await.status.as_u16(),
        201
    );
    let r = log(&app, &c, json!({"minutes": 151})).await;
    r.assert_problem(409, "insufficient_developer_time");
    assert_eq!(r.body["remaining_minutes"], 150);
    let r = log(&app, &c, json!({"minutes": 150})).await;
    assert_eq!(r.body["remaining_minutes"], 0);
    log(&app, &c, json!({"minutes": 1}))
        .await
        .assert_problem(409, "insufficient_developer_time");

    // Exhausted: now overage can be bought, USD 250 per 30-minute call.
    let e = entitlements(&app, &c).await;
    assert_eq!(e["overage"]["available"], true);
    assert_eq!(
        e["overage"]["unit_price"],
        json!({"minor": 25_000, "currency": "USD"})
    );
    let purchases = format!("/api/v1/customers/{c}/purchases");
    let r = app
        .post(
            &purchases,
            &agent,
            &json!({"item": "developer_call", "quantity": 2}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["total"], json!({"minor": 50_000, "currency": "USD"}));
    assert_eq!(r.body["adds_minutes"], 60);
    let dt = &entitlements(&app, &c).await["developer_time"];
    assert_eq!(dt["purchased_minutes"], 60);
    assert_eq!(dt["remaining_minutes"], 60);
    // Not exhausted any more: no further overage.
    let r = app
        .post(
            &purchases,
            &agent,
            &json!({"item": "developer_call", "quantity": 1}),
        )
        .await;
    r.assert_problem(422, "purchase_not_allowed");
    assert_eq!(r.body["rule"], "connex.purchase.hours_left");
    // Bad input.
    log(&app, &c, json!({"minutes": 0}))
        .await
        .assert_problem(422, "validation_failed");
    log(
        &app,
        &c,
        json!({"minutes": 10, "at": app.at(Duration::days(30))}),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.post(
        &purchases,
        &agent,
        &json!({"item": "gold_bar", "quantity": 1}),
    )
    .await
    .assert_problem(422, "validation_failed");
    // Roles: helpdesk reads, cannot log; other tenants see nothing.
    let helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    let r = app
        .get(&format!("/api/v1/customers/{c}/entitlements"), &helpdesk)
        .await;
    assert_eq!(r.status.as_u16(), 200);
    app.post(
        &format!("/api/v1/customers/{c}/developer-time"),
        &helpdesk,
        &json!({"minutes": 5}),
    )
    .await
    .assert_problem(403, "forbidden");
    app.get(
        &format!("/api/v1/customers/{c}/entitlements"),
        &app.agent("iex"),
    )
    .await
    .assert_problem(404, "not_found");
}

#[tokio::test]
async fn regression_exception_work_is_not_charged() {
    let app = spawn_app().await;
    let agent = app.agent("connex");
    let c = customer(&app, "c-1", "platinum", &long_ago(&app)).await;
    let regression = regression_ticket(&app, &c).await;
    let r = log(&app, &c, json!({"minutes": 120, "ticket_id": regression})).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["charged"], false);
    assert_eq!(r.body["remaining_minutes"], 600);
    // A normal Tier 2 escalation is charged.
    let normal = app
        .ticket_id(TestApp::ticket_body("connex", &c, "Custom field mapping"))
        .await;
    app.post(
        &format!("/api/v1/tickets/{normal}/escalations"),
        &agent,
        &json!({"to_tier": 2}),
    )
    .await;
    let r = log(&app, &c, json!({"minutes": 120, "ticket_id": normal})).await;
    assert_eq!(r.body["charged"], true);
    assert_eq!(r.body["remaining_minutes"], 480);
    // Another customer's ticket is refused.
    let other = customer(&app, "c-2", "platinum", &long_ago(&app)).await;
    let r = log(&app, &other, json!({"minutes": 10, "ticket_id": normal})).await;
    r.assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn parallel_spending_never_overspends() {
    let app = spawn_app().await;
    let c = customer(&app, "c-1", "platinum", &long_ago(&app)).await;
    let agent = app.agent("connex");
    // 20 agents log 45 minutes at once against 600: exactly 13 fit (585).
    let replies = app
        .parallel_posts(
            &format!("/api/v1/customers/{c}/developer-time"),
            &agent,
            vec![json!({"minutes": 45}); 20],
        )
        .await;
    let ok = replies.iter().filter(|r| r.0 == 201).count();
    let refused = replies.iter().filter(|r| r.0 == 409).count();
    assert_eq!((ok, refused), (13, 7), "{replies:?}");
    let dt = &entitlements(&app, &c).await["developer_time"];
    assert_eq!(dt["used_minutes"], 585);
    assert_eq!(dt["remaining_minutes"], 15);
    // Parallel overage purchases once exhausted: the first buys, the rest see time left.
    log(&app, &c, json!({"minutes": 15})).await;
    let replies = app
        .parallel_posts(
            &format!("/api/v1/customers/{c}/purchases"),
            &agent,
            vec![json!({"item": "developer_call", "quantity": 1}); 6],
        )
        .await;
    let ok = replies.iter().filter(|r| r.0 == 201).count();
    assert_eq!(ok, 1, "{replies:?}");
    assert_eq!(
        entitlements(&app, &c).await["developer_time"]["remaining_minutes"],
        30
    );
}

/// The start of the first open period of the Connex calendar (as `GET
/// /vendors/connex/calendar` publishes it) that begins at least `lead` after the server's
/// now and lasts at least `minutes`.
async fn open_period(app: &TestApp, lead: Duration, minutes: i64) -> DateTime<Utc> {
    let earliest = app.now() + lead;
    let from = earliest.date_naive();
    let r = app
        .get(
            &format!(
                "/api/v1/vendors/connex/calendar?from={from}&to={}",
                from + Duration::days(13)
            ),
            &app.admin,
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    let at = |v: &Value| v.as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
    r.body["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (at(&p["start"]), at(&p["end"])))
        .find(|(start, end)| *start >= earliest && *end - *start >= Duration::minutes(minutes))
        .map(|(start, _)| start)
        .unwrap_or_else(|| panic!("no open period after {earliest}: {}", r.body))
}

/// 15:00Z on the first Saturday at least two days after the server's today.
fn saturday_afternoon(app: &TestApp) -> String {
    let mut day = app.today() + Duration::days(2);
    while day.weekday() != Weekday::Sat {
        day = day.succ_opt().unwrap();
    }
    day_at_15(day)
}

#[tokio::test]
async fn sessions_need_lead_time_and_support_hours() {
    let app = spawn_app().await;
    let c = customer(&app, "c-1", "platinum", &long_ago(&app)).await;
    let agent = app.agent("connex");
    let path = format!("/api/v1/customers/{c}/sessions");
    // An hour into the first open period more than 24 h ahead.
    let starts_at = open_period(&app, Duration::hours(25), 120).await + Duration::hours(1);
    let r = app
        .post(
            &path,
            &agent,
            &json!({"kind": "onboarding", "starts_at": rfc3339(starts_at), "minutes": 60}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["kind"], "onboarding");
    // A Saturday: outside support hours.
    let r = app
        .post(
            &path,
            &agent,
            &json!({"kind": "screen_share", "starts_at": saturday_afternoon(&app), "minutes": 30}),
        )
        .await;
    r.assert_problem(422, "session_not_allowed");
    assert_eq!(r.body["rule"], "connex.session.support_hours");
    // Onboarding less than 24 h ahead.
    let soon = app.at(Duration::hours(2));
    let r = app
        .post(
            &path,
            &agent,
            &json!({"kind": "onboarding", "starts_at": soon, "minutes": 30}),
        )
        .await;
    r.assert_problem(422, "session_not_allowed");
    assert_eq!(r.body["rule"], "connex.session.lead_time");
    // In the past.
    app.post(
        &path,
        &agent,
        &json!({"kind": "screen_share", "starts_at": app.at(-Duration::days(30)), "minutes": 30}),
    )
    .await
    .assert_problem(422, "validation_failed");
}
