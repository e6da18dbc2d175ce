//! API keys: created (shown once, stored as a hash), listed (never the key), used as bearer
//! credentials, revoked (401 at once here, within the cache period on another instance),
//! expired (401); who may create which keys.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tierline_api::{AccessSettings, Role};
use tierline_store::api_keys::{self as key_rows, KeyScope};
use tierline_store::{build_pool, PoolSettings};

use crate::helpers::{another_instance, spawn_app, TestApp};

async fn create(app: &TestApp, token: &str, body: &Value) -> (String, String) {
    let r = app.post("/api/v1/api-keys", token, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let key = r.body["key"].as_str().expect("key").to_owned();
    (id, key)
}

async fn list(app: &TestApp, token: &str) -> Vec<Value> {
    let r = app.get("/api/v1/api-keys", token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().expect("items").clone()
}

async fn delete(app: &TestApp, token: &str, id: &str) -> u16 {
    app.send(
        Method::DELETE,
        &format!("/api/v1/api-keys/{id}"),
        Some(token),
        None,
        &[],
    )
    .await
    .status
    .as_u16()
}

#[tokio::test]
async fn a_key_is_shown_once_stored_hashed_used_and_revoked() {
    let app = spawn_app().await;
    let r = app
        .post(
            "/api/v1/api-keys",
            &app.admin,
            &json!({"name": "zendesk bridge", "role": "helpdesk", "vendors": ["storeconnect"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let key = r.body["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("tlk_") && key.len() == 47, "{key}");
    assert_eq!(r.body["prefix"], key[..12]);
    assert_eq!(r.body["role"], "helpdesk");
    assert_eq!(r.body["created_by"], "admin:admin");
    assert_eq!(
        r.headers["location"].to_str().unwrap(),
        format!("/api/v1/api-keys/{id}")
    );
    assert_eq!(r.headers["cache-control"].to_str().unwrap(), "no-store");

    // Stored: the SHA-256 only; nothing of the key past its shown prefix.
    let pool = build_pool(app.database_url(), &PoolSettings::default()).unwrap();
    let mut conn = pool.get().await.unwrap();
    let rows = key_rows::list(&mut conn, &KeyScope::All).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].key_hash, Sha256::digest(key.as_bytes()).to_vec());
    let secret_part = &key[12..];
    for text in [&rows[0].name, &rows[0].prefix, &rows[0].created_by] {
        assert!(!text.contains(secret_part));
    }

    // Listed without the key, never used yet.
    let items = list(&app, &app.admin).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id.as_str());
    assert!(items[0].get("key").is_none(), "{}", items[0]);
    assert!(!items[0].to_string().contains(secret_part));
    assert_eq!(items[0]["last_used_at"], Value::Null);

    // Used as a bearer credential, with the key's role and vendors.
    let customer = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;
    let r = app
        .get(&format!("/api/v1/customers/{customer}"), &key)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let connex = app.connex_customer("c-1", "gold").await;
    app.get(&format!("/api/v1/customers/{connex}"), &key)
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/api-keys", &key)
        .await
        .assert_problem(403, "forbidden");
    let items = list(&app, &app.admin).await;
    assert!(items[0]["last_used_at"].is_string(), "{}", items[0]);

    // Revoked: refused at once, gone from the list; a second revocation finds nothing.
    assert_eq!(delete(&app, &app.admin, &id).await, 204);
    let r = app
        .get(&format!("/api/v1/customers/{customer}"), &key)
        .await;
    r.assert_problem(401, "unauthorized");
    assert_eq!(
        r.body["detail"],
        "the bearer credentials are invalid, expired or revoked"
    );
    assert!(list(&app, &app.admin).await.is_empty());
    assert_eq!(delete(&app, &app.admin, &id).await, 404);
    // A made-up key of the right shape is refused the same way.
    app.get(
        "/api/v1/vendors",
        "tlk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .await
    .assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn agents_create_keys_only_within_their_vendor_and_never_admin_keys() {
    let app = spawn_app().await;
    let agent = app.token(Role::Agent, &["connex"], None);
    for (body, why) in [
        (json!({"name": "a", "role": "admin"}), "an admin key"),
        (
            json!({"name": "a", "role": "helpdesk", "vendors": ["storeconnect"]}),
            "another vendor",
        ),
        (
            json!({"name": "a", "role": "helpdesk", "vendors": ["connex", "storeconnect"]}),
            "a wider key",
        ),
        (
            json!({"name": "a", "role": "reseller", "reseller": "r-1"}),
            "a reseller key across vendors",
        ),
        (
            json!({"name": "a", "role": "agent", "vendors": ["iex"]}),
            "an agent of another vendor",
        ),
    ] {
        let r = app.post("/api/v1/api-keys", &agent, &body).await;
        r.assert_problem(403, "forbidden");
        assert!(r.body.to_string().len() < 1000, "{why}");
    }
    // Within its vendor: helpdesk, agent and reseller keys.
    let (own, own_key) = create(
        &app,
        &agent,
        &json!({"name": "bridge", "role": "helpdesk", "vendors": ["connex"]}),
    )
    .await;
    create(
        &app,
        &agent,
        &json!({"name": "partner", "role": "reseller", "vendors": ["connex"], "reseller": "r-1"}),
    )
    .await;
    // The agent's key cannot mint keys (helpdesk role).
    app.post(
        "/api/v1/api-keys",
        &own_key,
        &json!({"name": "x", "role": "helpdesk", "vendors": ["connex"]}),
    )
    .await
    .assert_problem(403, "forbidden");
    // Helpdesk and reseller tokens may not manage keys at all.
    let helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    app.post(
        "/api/v1/api-keys",
        &helpdesk,
        &json!({"name": "x", "role": "helpdesk", "vendors": ["connex"]}),
    )
    .await
    .assert_problem(403, "forbidden");

    // The admin's keys: one of another vendor and an admin key, invisible to the agent.
    let (other, _) = create(
        &app,
        &app.admin,
        &json!({"name": "sc", "role": "agent", "vendors": ["storeconnect"]}),
    )
    .await;
    let (admin_key, _) = create(&app, &app.admin, &json!({"name": "ops", "role": "admin"})).await;
    let names: Vec<String> = list(&app, &agent)
        .await
        .iter()
        .map(|k| k["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["bridge", "partner"]);
    assert_eq!(list(&app, &app.admin).await.len(), 4);
    assert_eq!(delete(&app, &agent, &other).await, 404);
    assert_eq!(delete(&app, &agent, &admin_key).await, 404);
    assert_eq!(delete(&app, &agent, &own).await, 204);
    assert_eq!(list(&app, &app.admin).await.len(), 3);
}

#[tokio::test]
async fn invalid_requests_are_422() {
    let app = spawn_app().await;
    for (body, field, code) in [
        (
            json!({"name": "x", "role": "helpdesk", "vendors": ["nope"]}),
            "vendors[0]",
            "unknown_vendor",
        ),
        (
            json!({"name": "x", "role": "helpdesk", "vendors": ["connex"],
                   "expires_at": "2001-01-01T00:00:00Z"}),
            "expires_at",
            "in_past",
        ),
        (json!({"name": " ", "role": "admin"}), "name", "required"),
        (
            json!({"name": "x", "role": "helpdesk"}),
            "role",
            "invalid_value",
        ),
        (
            json!({"name": "x", "role": "agent", "vendors": []}),
            "role",
            "invalid_value",
        ),
        (
            json!({"name": "x", "role": "root"}),
            "role",
            "invalid_value",
        ),
        (
            json!({"name": "x", "role": "admin", "vendors": ["connex"]}),
            "vendors",
            "not_applicable",
        ),
        (
            json!({"name": "x", "role": "helpdesk", "vendors": ["connex"], "reseller": "r"}),
            "reseller",
            "not_applicable",
        ),
    ] {
        let r = app.post("/api/v1/api-keys", &app.admin, &body).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.fields(), vec![field], "{body}: {}", r.body);
        assert_eq!(r.body["errors"][0]["code"], code, "{body}: {}", r.body);
    }
}

#[tokio::test]
async fn an_expired_key_is_401() {
    let app = spawn_app().await;
    let expires = chrono::Utc::now() + chrono::Duration::seconds(2);
    let (_, key) = create(
        &app,
        &app.admin,
        &json!({"name": "short", "role": "admin",
                "expires_at": expires.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)}),
    )
    .await;
    assert_eq!(app.get("/api/v1/vendors", &key).await.status, 200);
    while chrono::Utc::now() <= expires {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Remembered by this instance, but its expiry still holds.
    app.get("/api/v1/vendors", &key)
        .await
        .assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn a_revoked_key_stops_working_on_other_instances_within_their_cache_period() {
    let app = spawn_app().await;
    let other = another_instance(
        &app,
        AccessSettings {
            api_key_cache: Duration::from_secs(1),
            ..AccessSettings::default()
        },
    )
    .await;
    let (id, key) = create(&app, &app.admin, &json!({"name": "k", "role": "admin"})).await;
    assert_eq!(other.get("/api/v1/vendors", &key).await.status, 200);
    assert_eq!(delete(&app, &app.admin, &id).await, 204);
    app.get("/api/v1/vendors", &key)
        .await
        .assert_problem(401, "unauthorized");
    // The other instance remembered the key for at most its cache period (1 s).
    let revoked_at = std::time::Instant::now();
    loop {
        let r = other.get("/api/v1/vendors", &key).await;
        if r.status == 401 {
            break;
        }
        assert!(
            revoked_at.elapsed() < Duration::from_millis(1500),
            "still accepted after the cache period"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
