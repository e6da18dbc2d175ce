//! Bad input of every kind answers 4xx problem+json, never 5xx.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, TestApp, MAX_BODY};

#[tokio::test]
async fn bad_bodies_are_4xx_problems() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let good = TestApp::ticket_body("connex", &customer, "Subject");

    let raw = |body: &'static str, ct: &'static str| {
        let req = app
            .client
            .post(format!("{}/api/v1/tickets", app.base))
            .bearer_auth(&app.admin)
            .header("content-type", ct)
            .body(body);
        async move { TestApp::reply(req.send().await.unwrap()).await }
    };
    raw("{\"vendor\": ", "application/json")
        .await
        .assert_problem(400, "malformed_json");
    raw("not json", "application/json")
        .await
        .assert_problem(400, "malformed_json");
    raw("", "application/json")
        .await
        .assert_problem(400, "malformed_json");
    raw("{}", "text/plain")
        .await
        .assert_problem(415, "unsupported_media_type");
    let r = raw("[1,2]", "application/json").await;
    r.assert_problem(422, "validation_failed");

    let case = |mutate: fn(&mut serde_json::Value), field: &'static str, code: &'static str| {
        let mut body = good.clone();
        mutate(&mut body);
        let app = &app;
        async move {
            let r = app.post("/api/v1/tickets", &app.admin, &body).await;
            r.assert_problem(422, "validation_failed");
            let errors = r.body["errors"].as_array().unwrap().clone();
            assert!(
                errors
                    .iter()
                    .any(|e| e["field"] == field && e["code"] == code),
                "expected {field}/{code} in {errors:?}"
            );
        }
    };
    case(|b| b["subject"] = json!(42), "subject", "invalid_type").await;
    case(
        |b| b["channel"] = json!("pigeon"),
        "channel",
        "invalid_value",
    )
    .await;
    case(
        |b| b["priority"] = json!("urgent!!"),
        "priority",
        "invalid_value",
    )
    .await;
    case(
        |b| b["customer_id"] = json!("not-a-uuid"),
        "customer_id",
        "invalid_value",
    )
    .await;
    case(
        |b| b["received_at"] = json!("2026-13-45T00:00:00Z"),
        "received_at",
        "invalid_value",
    )
    .await;
    case(
        |b| b["received_at"] = json!("yesterday"),
        "received_at",
        "invalid_value",
    )
    .await;
    case(
        |b| b["received_at"] = json!("2999-01-01T00:00:00Z"),
        "received_at",
        "in_future",
    )
    .await;
    case(
        |b| b["received_at"] = json!("1901-01-01T00:00:00Z"),
        "received_at",
        "out_of_range",
    )
    .await;
    case(
        |b| b["references"] = json!(["ok", 7]),
        "references[1]",
        "invalid_type",
    )
    .await;
    case(|b| b["vendor"] = json!("acme"), "vendor", "unknown_vendor").await;
    case(
        |b| b["vendor"] = json!("Connex; DROP TABLE tickets"),
        "vendor",
        "unknown_vendor",
    )
    .await;
    case(
        |b| {
            b.as_object_mut().unwrap().remove("subject");
        },
        "subject",
        "required",
    )
    .await;
    case(|b| b["colour"] = json!("red"), "colour", "unknown_field").await;
    case(|b| b["subject"] = json!("   "), "subject", "required").await;
    case(
        |b| b["customer_id"] = json!("01a21000-0000-7000-8000-000000000000"),
        "customer_id",
        "unknown_customer",
    )
    .await;

    // Customers: unknown plan, bad dates, wrong enum.
    let r = app
        .post(
            "/api/v1/customers",
            &app.admin,
            &json!({"vendor": "connex", "external_id": "x", "name": "X", "plan": "Diamond",
                    "billing_cycle": "annual"}),
        )
        .await;
    assert_eq!(r.fields(), vec!["plan"]);
    let r = app
        .post(
            "/api/v1/customers",
            &app.admin,
            &json!({"vendor": "connex", "external_id": "x", "name": "X", "plan": "gold",
                    "billing_cycle": "weekly"}),
        )
        .await;
    assert_eq!(r.fields(), vec!["billing_cycle"]);
    let r = app
        .post(
            "/api/v1/customers",
            &app.admin,
            &json!({"vendor": "connex", "external_id": "x", "name": "X", "plan": "gold",
                    "billing_cycle": "annual", "renews_on": "2027-02-30"}),
        )
        .await;
    assert_eq!(r.fields(), vec!["renews_on"]);

    // Huge bodies: 413, before anything else is looked at.
    let mut huge = good.clone();
    huge["description"] = json!("x".repeat(MAX_BODY + 1));
    app.post("/api/v1/tickets", &app.admin, &huge)
        .await
        .assert_problem(413, "payload_too_large");
    let r = app
        .client
        .post(format!("{}/api/v1/customers", app.base))
        .bearer_auth(&app.admin)
        .header("content-type", "application/json")
        .body(vec![b' '; 10 * MAX_BODY])
        .send()
        .await
        .unwrap();
    TestApp::reply(r)
        .await
        .assert_problem(413, "payload_too_large");

    // Bad ids in paths are plain 404s.
    app.get("/api/v1/tickets/not-a-uuid", &app.admin)
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/customers/%00%ff", &app.admin)
        .await
        .assert_problem(404, "not_found");

    // Nothing above was stored.
    let list = app.get("/api/v1/tickets", &app.admin).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
    let _ = Method::GET;
}

/// Dates and instants before year 1 parse (chrono reads signed years) but PostgreSQL cannot
/// store or compare the earliest of them: each answers a 4xx problem, not a 500.
#[tokio::test]
async fn dates_before_year_one_are_4xx_problems() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "platinum").await;
    let ancient = "-100000-01-01";

    let field_error = |r: &crate::helpers::Reply, status: u16, code: &str, field: &str| {
        r.assert_problem(status, code);
        assert!(r.fields().iter().any(|f| f == field), "{}", r.body);
    };

    // POST /customers: renews_on and upgraded_on.
    for field in ["renews_on", "upgraded_on"] {
        let r = app
            .post(
                "/api/v1/customers",
                &app.admin,
                &json!({"vendor": "connex", "external_id": format!("x-{field}"), "name": "n",
                        "plan": "platinum", "billing_cycle": "annual", field: ancient}),
            )
            .await;
        field_error(&r, 422, "validation_failed", field);

        // PATCH /customers/{id}: the same fields, nothing changed.
        let r = app
            .patch(
                &format!("/api/v1/customers/{customer}"),
                &app.admin,
                &json!({ field: ancient }),
            )
            .await;
        field_error(&r, 422, "validation_failed", field);
    }
    let r = app
        .get(&format!("/api/v1/customers/{customer}"), &app.admin)
        .await;
    assert_eq!(r.body["renews_on"], json!(null), "{}", r.body);

    // POST /customers/{id}/developer-time: `at`.
    let r = app
        .post(
            &format!("/api/v1/customers/{customer}/developer-time"),
            &app.admin,
            &json!({"minutes": 10, "at": format!("{ancient}T00:00:00Z")}),
        )
        .await;
    field_error(&r, 422, "validation_failed", "at");

    // GET /tickets?due_before=
    let r = app
        .get(
            "/api/v1/tickets?due_before=-262143-01-01T00:00:00Z",
            &app.admin,
        )
        .await;
    field_error(&r, 400, "invalid_query", "due_before");

    // GET /webhooks/{id}/deliveries?cursor= with an instant before year 1.
    let r = app
        .post(
            "/api/v1/webhooks",
            &app.admin,
            &json!({"vendor": "connex", "url": "https://hooks.example/hook", "events": ["ticket.created"]}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let webhook = r.body["webhook"]["id"]
        .as_str()
        .or(r.body["id"].as_str())
        .unwrap()
        .to_owned();
    let r = app
        .get(
            &format!(
                "/api/v1/webhooks/{webhook}/deliveries?cursor=-8000000000000000000.0190b5c4a1f07f2d8e5a3b6c7d8e9f00"
            ),
            &app.admin,
        )
        .await;
    field_error(&r, 400, "invalid_cursor", "cursor");
}
