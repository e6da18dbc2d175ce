use serde_json::json;
use tierline_api::Role;

use crate::helpers::spawn_app;

#[tokio::test]
async fn customers_are_created_read_and_changed_with_plan_history() {
    let app = spawn_app().await;
    let r = app
        .post(
            "/api/v1/customers",
            &app.admin,
            &json!({
                "vendor": "connex", "external_id": "c-1", "name": "Acme",
                "plan": "Ultra Plus", "billing_cycle": "annual", "renews_on": "2027-06-01"
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.body["plan"], "platinum",
        "legacy name stored as the canonical plan"
    );
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.headers.get("location").unwrap().to_str().unwrap(),
        format!("/api/v1/customers/{id}")
    );

    let got = app
        .get(&format!("/api/v1/customers/{id}"), &app.admin)
        .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["renews_on"], "2027-06-01");

    let agent = app.token(Role::Agent, &["connex"], None);
    let r = app
        .patch(
            &format!("/api/v1/customers/{id}"),
            &agent,
            &json!({"plan": "Ultra", "renews_on": null, "name": "Acme Corp"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["plan"], "gold");
    assert_eq!(r.body["name"], "Acme Corp");
    assert!(r.body["renews_on"].is_null());
    let history = r.body["plan_history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["plan"], "platinum");
    assert_eq!(history[1]["plan"], "gold");
    assert_eq!(history[1]["changed_by"], "agent:agent-test");

    // A name-only change keeps the history as it is.
    let r = app
        .patch(
            &format!("/api/v1/customers/{id}"),
            &agent,
            &json!({"name": "Acme"}),
        )
        .await;
    assert_eq!(r.body["plan_history"].as_array().unwrap().len(), 2);

    // Same external id for the same vendor: conflict; for another vendor: fine.
    let dup = json!({"vendor": "connex", "external_id": "c-1", "name": "X", "plan": "micro",
                     "billing_cycle": "monthly"});
    app.post("/api/v1/customers", &app.admin, &dup)
        .await
        .assert_problem(409, "customer_exists");
    let other = json!({"vendor": "storeconnect", "external_id": "c-1", "name": "X",
                       "plan": "small", "billing_cycle": "monthly"});
    assert_eq!(
        app.post("/api/v1/customers", &app.admin, &other)
            .await
            .status,
        201
    );

    app.patch(
        &format!("/api/v1/customers/{id}"),
        &agent,
        &json!({"plan": "diamond"}),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.get(
        &format!("/api/v1/customers/{}", uuid::Uuid::now_v7()),
        &app.admin,
    )
    .await
    .assert_problem(404, "not_found");
}

#[tokio::test]
async fn customer_fields_are_validated_together() {
    let app = spawn_app().await;
    let r = app
        .post(
            "/api/v1/customers",
            &app.admin,
            &json!({
                "vendor": "connex", "external_id": " ", "name": "", "plan": "nope",
                "billing_cycle": "annual", "reseller": {"id": "", "name": "R", "contact": "r@x"}
            }),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let mut fields = r.fields();
    fields.sort();
    assert_eq!(fields, vec!["external_id", "name", "plan", "reseller.id"]);
}
