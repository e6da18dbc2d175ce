use serde_json::json;
use tierline_api::Role;

use crate::helpers::spawn_app;

#[tokio::test]
async fn vendors_plans_and_calendars() {
    let app = spawn_app().await;
    let agent = app.token(Role::Reseller, &[], Some("r1"));
    let r = app.get("/api/v1/vendors", &agent).await;
    assert_eq!(r.status, 200);
    let ids: Vec<_> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].clone())
        .collect();
    assert!(ids.contains(&json!("connex")) && ids.contains(&json!("iex")));

    let r = app.get("/api/v1/vendors/connex/plans", &app.admin).await;
    assert_eq!(r.status, 200);
    let platinum = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "platinum")
        .unwrap();
    assert!(platinum["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "Ultra Plus"));

    let r = app
        .get(
            "/api/v1/vendors/connex/calendar?from=2026-11-23&to=2026-11-27",
            &app.admin,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let closures = r.body["closures"].as_array().unwrap();
    assert!(
        closures.iter().any(|c| c["date"] == "2026-11-26"),
        "Thanksgiving: {closures:?}"
    );
    assert!(!r.body["open"].as_array().unwrap().is_empty());

    app.get("/api/v1/vendors/nope/plans", &app.admin)
        .await
        .assert_problem(404, "not_found");
    app.get(
        "/api/v1/vendors/connex/calendar?from=2026-11-23&to=2026-11-01",
        &app.admin,
    )
    .await
    .assert_problem(400, "invalid_query");
    app.get("/api/v1/vendors/connex/calendar?from=yesterday", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
    app.get(
        "/api/v1/vendors/connex/calendar?from=2026-01-01&to=2028-01-01",
        &app.admin,
    )
    .await
    .assert_problem(400, "invalid_query");
}

#[tokio::test]
async fn sla_preview_is_the_cli_answer() {
    let app = spawn_app().await;
    let request = json!({
        "vendor": "storeconnect", "plan": "small", "priority": "critical",
        "received_at": "2026-11-20T03:00:00Z"
    });
    let r = app.post("/api/v1/sla/preview", &app.admin, &request).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let registry = tierline::vendors::registry(&tierline_core::AdapterConfig::empty()).unwrap();
    let core: tierline_core::SlaPreviewRequest = serde_json::from_value(request).unwrap();
    let expected = serde_json::to_value(core.answer(&registry).unwrap()).unwrap();
    assert_eq!(r.body, expected);
    assert!(r.body["resolution"]["due_at"].is_string());

    let r = app
        .post(
            "/api/v1/sla/preview",
            &app.admin,
            &json!({"vendor": "connex", "plan": "diamond", "received_at": "2026-11-20T03:00:00Z"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.fields(), vec!["plan"]);
    let r = app
        .post(
            "/api/v1/sla/preview",
            &app.admin,
            &json!({"vendor": "acme", "plan": "x", "received_at": "2026-11-20T03:00:00Z"}),
        )
        .await;
    assert_eq!(r.fields(), vec!["vendor"]);
}
