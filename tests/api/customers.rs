use serde_json::json;
use tierline_api::Role;

use crate::helpers::spawn_app;

#[tokio::test]
async fn customers_are_created_read_and_changed_with_plan_history() {
    let app = spawn_app().await;
    // Renewing in 6 months by the server's clock.
    let renews_on = app
        .today()
        .checked_add_months(chrono::Months::new(6))
        .unwrap()
        .to_string();
    let r = app
        .post(
            "/api/v1/customers",
            &app.admin,
            &json!({
                "vendor": "connex", "external_id": "c-1", "name": "Acme",
                "plan": "Ultra Plus", "billing_cycle": "annual", "renews_on": renews_on
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
    assert_eq!(got.body["renews_on"], renews_on.as_str());

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

/// `renews_on` at most 5 years after today, `upgraded_on` not after today: 422
/// `out_of_range` on the field, on create and on change, and nothing is stored.
#[tokio::test]
async fn far_future_renewals_and_future_upgrades_are_refused() {
    use chrono::{Duration, Months};
    let app = spawn_app().await;
    let today = app.today();
    let five_years = today.checked_add_months(Months::new(60)).unwrap();
    let too_late = (five_years + Duration::days(10)).to_string();
    let late_ok = (five_years - Duration::days(10)).to_string();
    let tomorrowish = (today + Duration::days(3)).to_string();
    let body = |renews_on: &str, upgraded_on: &str| {
        json!({"vendor": "connex", "external_id": "c-dates", "name": "Acme",
               "plan": "platinum", "billing_cycle": "annual",
               "renews_on": renews_on, "upgraded_on": upgraded_on})
    };
    let out_of_range = |r: &crate::helpers::Reply, fields: &[&str]| {
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.fields(), fields, "{}", r.body);
        for e in r.body["errors"].as_array().unwrap() {
            assert_eq!(e["code"], "out_of_range", "{}", r.body);
        }
    };
    let yesterday = (today - Duration::days(1)).to_string();
    for (renews_on, upgraded_on, fields) in [
        (too_late.as_str(), yesterday.as_str(), &["renews_on"][..]),
        ("9999-12-31", yesterday.as_str(), &["renews_on"][..]),
        (late_ok.as_str(), tomorrowish.as_str(), &["upgraded_on"][..]),
        (
            too_late.as_str(),
            "2999-01-01",
            &["renews_on", "upgraded_on"][..],
        ),
    ] {
        let r = app
            .post(
                "/api/v1/customers",
                &app.admin,
                &body(renews_on, upgraded_on),
            )
            .await;
        out_of_range(&r, fields);
    }
    // Nothing was stored: the external id is still free. Up to 5 years ahead and an
    // upgrade up to today are fine.
    let r = app
        .post("/api/v1/customers", &app.admin, &body(&late_ok, &yesterday))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();

    let path = format!("/api/v1/customers/{id}");
    let r = app
        .patch(&path, &app.admin, &json!({"renews_on": too_late}))
        .await;
    out_of_range(&r, &["renews_on"]);
    let r = app
        .patch(
            &path,
            &app.admin,
            &json!({"upgraded_on": tomorrowish, "name": "Renamed"}),
        )
        .await;
    out_of_range(&r, &["upgraded_on"]);
    let got = app.get(&path, &app.admin).await;
    assert_eq!(got.body["renews_on"], late_ok.as_str());
    assert_eq!(got.body["upgraded_on"], yesterday.as_str());
    assert_eq!(got.body["name"], "Acme");
    // Clearing or moving within range still works.
    let r = app
        .patch(
            &path,
            &app.admin,
            &json!({"renews_on": null, "upgraded_on": today.to_string()}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["renews_on"].is_null());
}
