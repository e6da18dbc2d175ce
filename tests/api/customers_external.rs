//! Finding and keeping customers by the helpdesk's own ids: lookup, upsert, the existing id
//! on a duplicate, and optimistic concurrency.

use reqwest::Method;
use serde_json::json;
use tierline_api::Role;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_duplicate_names_the_existing_customer() {
    let app = spawn_app().await;
    let body = json!({"vendor": "connex", "external_id": "zd-77", "name": "Acme",
                      "plan": "gold", "billing_cycle": "monthly"});
    let id = app.customer(body.clone()).await;
    let again = app.post("/api/v1/customers", &app.admin, &body).await;
    again.assert_problem(409, "customer_exists");
    assert_eq!(again.body["existing_id"], id.as_str(), "{}", again.body);
}

#[tokio::test]
async fn customers_are_listed_and_looked_up_by_external_id_within_the_tenant() {
    let app = spawn_app().await;
    let a = app
        .customer(
            json!({"vendor": "connex", "external_id": "zd-1", "name": "A",
                         "plan": "gold", "billing_cycle": "monthly"}),
        )
        .await;
    let _b = app
        .customer(
            json!({"vendor": "connex", "external_id": "zd-2", "name": "B",
                         "plan": "gold", "billing_cycle": "monthly"}),
        )
        .await;
    let sc = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "zd-1", "name": "C",
                         "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;

    let agent = app.token(Role::Agent, &["connex"], None);
    let found = app
        .get("/api/v1/customers?vendor=connex&external_id=zd-1", &agent)
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let items = found.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], a.as_str());

    // Another vendor's customer with the same external id stays invisible.
    let other = app
        .get(
            "/api/v1/customers?vendor=storeconnect&external_id=zd-1",
            &agent,
        )
        .await;
    assert_eq!(other.status, 200, "{}", other.body);
    assert!(
        other.body["items"].as_array().unwrap().is_empty(),
        "{}",
        other.body
    );
    let all = app.get("/api/v1/customers?external_id=zd-1", &agent).await;
    let ids: Vec<_> = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(a)]);
    assert!(!ids.contains(&json!(sc)));

    // Paging: one at a time, in creation order, to the end.
    let first = app
        .get("/api/v1/customers?vendor=connex&limit=1", &agent)
        .await;
    assert_eq!(first.body["items"].as_array().unwrap().len(), 1);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = app
        .get(
            &format!("/api/v1/customers?vendor=connex&limit=1&cursor={cursor}"),
            &agent,
        )
        .await;
    assert_eq!(second.body["items"][0]["external_id"], "zd-2");
    assert!(second.body["next_cursor"].is_null(), "{}", second.body);

    let bad = app.get("/api/v1/customers?cursor=nope", &agent).await;
    bad.assert_problem(400, "invalid_cursor");
}

#[tokio::test]
async fn put_by_external_id_creates_then_replaces_keeping_the_plan_history() {
    let app = spawn_app().await;
    let helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    let path = "/api/v1/customers/external/connex/fd-9001";
    let created = app
        .send(
            Method::PUT,
            path,
            Some(&helpdesk),
            Some(
                &json!({"name": "Acme", "plan": "Ultra", "billing_cycle": "monthly",
                         "integration": "shopify"}),
            ),
            &[],
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["plan"], "gold");
    assert_eq!(created.body["external_id"], "fd-9001");
    let id = created.body["id"].as_str().unwrap().to_owned();
    let etag = created
        .headers
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();

    // The same call again changes nothing but answers 200 with the same customer.
    let same = app
        .send(
            Method::PUT,
            path,
            Some(&helpdesk),
            Some(
                &json!({"name": "Acme", "plan": "gold", "billing_cycle": "monthly",
                         "integration": "shopify"}),
            ),
            &[],
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.body);
    assert_eq!(same.body["id"], id.as_str());
    assert_eq!(same.body["plan_history"].as_array().unwrap().len(), 1);

    // A stale ETag is refused; the current one replaces (absent optional fields cleared).
    let stale = app
        .send(
            Method::PUT,
            path,
            Some(&helpdesk),
            Some(&json!({"name": "Acme", "plan": "platinum", "billing_cycle": "monthly"})),
            &[("If-Match", etag.as_str())],
        )
        .await;
    stale.assert_problem(412, "precondition_failed");
    let current = same
        .headers
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let replaced = app
        .send(
            Method::PUT,
            path,
            Some(&helpdesk),
            Some(&json!({"name": "Acme", "plan": "platinum", "billing_cycle": "monthly"})),
            &[("If-Match", current.as_str())],
        )
        .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert_eq!(replaced.body["plan"], "platinum");
    assert!(replaced.body["integration"].is_null(), "{}", replaced.body);
    let history = replaced.body["plan_history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{}", replaced.body);

    // Another vendor's credential cannot create or touch it.
    let sc_agent = app.token(Role::Agent, &["storeconnect"], None);
    let foreign = app
        .send(
            Method::PUT,
            path,
            Some(&sc_agent),
            Some(&json!({"name": "Evil", "plan": "gold", "billing_cycle": "monthly"})),
            &[],
        )
        .await;
    assert_eq!(foreign.status, 403, "{}", foreign.body);
    let invalid = app
        .send(
            Method::PUT,
            path,
            Some(&helpdesk),
            Some(&json!({"name": "", "plan": "nope", "billing_cycle": "monthly"})),
            &[],
        )
        .await;
    invalid.assert_problem(422, "validation_failed");
    let unknown = app
        .send(
            Method::PUT,
            "/api/v1/customers/external/nosuchvendor/x",
            Some(&app.admin),
            Some(&json!({"name": "A", "plan": "gold", "billing_cycle": "monthly"})),
            &[],
        )
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.body);
}

#[tokio::test]
async fn customer_changes_honour_if_match() {
    let app = spawn_app().await;
    let id = app
        .customer(
            json!({"vendor": "connex", "external_id": "c-9", "name": "A",
                         "plan": "gold", "billing_cycle": "monthly"}),
        )
        .await;
    let got = app
        .get(&format!("/api/v1/customers/{id}"), &app.admin)
        .await;
    let etag = got
        .headers
        .get("etag")
        .expect("GET answers an ETag")
        .to_str()
        .unwrap()
        .to_owned();
    let changed = app
        .send(
            Method::PATCH,
            &format!("/api/v1/customers/{id}"),
            Some(&app.admin),
            Some(&json!({"name": "B"})),
            &[("If-Match", etag.as_str())],
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_ne!(changed.headers.get("etag").unwrap().to_str().unwrap(), etag);
    let stale = app
        .send(
            Method::PATCH,
            &format!("/api/v1/customers/{id}"),
            Some(&app.admin),
            Some(&json!({"name": "C"})),
            &[("If-Match", etag.as_str())],
        )
        .await;
    stale.assert_problem(412, "precondition_failed");
}
