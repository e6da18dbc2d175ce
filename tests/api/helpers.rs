//! `spawn_app()`: the real server on port 0 over a fresh database, on a pinned clock, and a
//! reqwest client.
//!
//! The server's clock is a [`ManualClock`] pinned to [`test_now`] (the real time when the
//! test starts, or `TIERLINE_TEST_NOW`), so a test computes its dates from the instant it
//! pinned and moves time with `app.clock.advance(..)`; nothing depends on the day it runs.

use std::sync::Arc;

use actix_web::dev::ServerHandle;
use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tierline_api::{AccessSettings, Application, Claims, Extras, Role, Settings, TokenKeys};
use tierline_core::{AdapterConfig, ManualClock};
use tierline_store::testdb::TestDatabase;
use tierline_store::{build_pool, PoolSettings};

pub const SECRET: &[u8] = b"integration-tests-secret-0123456789abcdef";
pub const MAX_BODY: usize = 64 * 1024;

pub use crate::test_clock::{pinned_clock, rfc3339};

pub struct TestApp {
    pub base: String,
    /// The server's clock: read it for "now", advance it to let time pass.
    pub clock: Arc<ManualClock>,
    pub client: reqwest::Client,
    pub keys: TokenKeys,
    pub admin: String,
    handle: ServerHandle,
    db: std::sync::Arc<TestDatabase>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

/// The server with the standard adapters, its clock pinned to [`test_now`].
pub async fn spawn_app() -> TestApp {
    spawn_app_on(pinned_clock()).await
}

/// The server with the standard adapters, on `clock`.
pub async fn spawn_app_on(clock: Arc<ManualClock>) -> TestApp {
    let registry =
        tierline::vendors::registry(&AdapterConfig::empty()).expect("the vendor registry");
    spawn_app_with_clock(registry, clock).await
}

/// The server over a fresh database with the given adapters, its clock pinned to
/// [`test_now`].
pub async fn spawn_app_with(registry: tierline_core::Registry) -> TestApp {
    spawn_app_full(registry, AccessSettings::default(), pinned_clock(), |_| {}).await
}

/// The server over a fresh database with the given adapters, on `clock`.
pub async fn spawn_app_with_clock(
    registry: tierline_core::Registry,
    clock: Arc<ManualClock>,
) -> TestApp {
    spawn_app_full(registry, AccessSettings::default(), clock, |_| {}).await
}

/// [`spawn_app_with`], with `configure` changing the server's extras (e.g. timeouts).
pub async fn spawn_app_configured(
    registry: tierline_core::Registry,
    configure: impl FnOnce(&mut tierline_api::Extras),
) -> TestApp {
    spawn_app_full(
        registry,
        AccessSettings::default(),
        pinned_clock(),
        configure,
    )
    .await
}

/// The server with the default adapters and these access settings (rate limits, ...).
pub async fn spawn_app_limited(access: AccessSettings) -> TestApp {
    let registry =
        tierline::vendors::registry(&AdapterConfig::empty()).expect("the vendor registry");
    spawn_app_with_access(registry, access).await
}

/// The server over a fresh database with the given adapters and access settings.
pub async fn spawn_app_with_access(
    registry: tierline_core::Registry,
    access: AccessSettings,
) -> TestApp {
    spawn_app_full(registry, access, pinned_clock(), |_| {}).await
}

/// The server over a fresh database with the given adapters, access settings, clock and
/// extras.
pub async fn spawn_app_full(
    registry: tierline_core::Registry,
    access: AccessSettings,
    clock: Arc<ManualClock>,
    configure: impl FnOnce(&mut tierline_api::Extras),
) -> TestApp {
    let db = TestDatabase::new().expect("test database");
    let pool = build_pool(
        db.url(),
        &PoolSettings {
            max_size: 8,
            ..PoolSettings::default()
        },
    )
    .expect("pool");
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        jwt_secret: SECRET.to_vec(),
        max_body_bytes: MAX_BODY,
        workers: Some(2),
        access,
    };
    // The default destination policy (public https only); the one receiver name the tests
    // subscribe resolves to a public address without asking DNS.
    let lookup = tierline_egress::StaticLookup::new()
        .with("hooks.example", &["93.184.215.14".parse().expect("ip")]);
    let mut extras = Extras {
        clock: Some(clock.clone()),
        egress: tierline_egress::Egress::new(Default::default(), lookup.shared()),
        ..Default::default()
    };
    configure(&mut extras);
    let app = Application::build_with(&settings, registry, pool, extras).expect("server");
    let base = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let keys = TokenKeys::from_secret(SECRET);
    let admin = keys
        .issue(
            "admin",
            Role::Admin,
            vec![],
            None,
            chrono::Duration::hours(1),
        )
        .expect("token");
    TestApp {
        base,
        clock,
        client: reqwest::Client::new(),
        keys,
        admin,
        handle,
        db: std::sync::Arc::new(db),
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts a problem+json answer with this status and code.
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert!(
            self.content_type.starts_with("application/problem+json"),
            "content type {} for {}",
            self.content_type,
            self.body
        );
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        assert_eq!(self.body["status"], status);
    }

    /// The field names of a validation problem.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Another server over the same database as `first` (a second instance), with these access
/// settings; `first` keeps the database alive.
pub async fn another_instance(first: &TestApp, access: AccessSettings) -> TestApp {
    let db = std::sync::Arc::clone(&first.db);
    let registry =
        tierline::vendors::registry(&AdapterConfig::empty()).expect("the vendor registry");
    let pool = build_pool(db.url(), &PoolSettings::default()).expect("pool");
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        jwt_secret: SECRET.to_vec(),
        max_body_bytes: MAX_BODY,
        workers: Some(1),
        access,
    };
    let extras = Extras {
        clock: Some(first.clock.clone()),
        ..Extras::default()
    };
    let app = Application::build_with(&settings, registry, pool, extras).expect("server");
    let base = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        base,
        clock: first.clock.clone(),
        client: reqwest::Client::new(),
        keys: first.keys.clone(),
        admin: first.admin.clone(),
        handle,
        db,
    }
}

impl TestApp {
    /// The server's current instant.
    pub fn now(&self) -> DateTime<Utc> {
        use tierline_core::Clock;
        self.clock.now()
    }

    /// The server's current UTC date.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date_naive()
    }

    /// The server's current instant, moved by `by` (negative: in the past), as RFC 3339.
    pub fn at(&self, by: chrono::Duration) -> String {
        rfc3339(self.now() + by)
    }

    /// The URL of the test's database (to set up what the API cannot, e.g. the past).
    pub fn database_url(&self) -> &str {
        self.db.url()
    }

    pub fn token(&self, role: Role, vendors: &[&str], reseller: Option<&str>) -> String {
        self.keys
            .issue(
                &format!("{}-test", role.as_str()),
                role,
                vendors.iter().map(|v| v.to_string()).collect(),
                reseller.map(str::to_owned),
                chrono::Duration::hours(1),
            )
            .expect("token")
    }

    /// Signs claims with the test secret without the role checks (to test that the server
    /// refuses inconsistent tokens).
    pub fn sign_unchecked(claims: &Claims) -> String {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            claims,
            &jsonwebtoken::EncodingKey::from_secret(SECRET),
        )
        .expect("token")
    }

    pub fn sign(&self, claims: &Claims) -> String {
        self.keys.sign(claims).expect("token")
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request");
        Self::reply(res).await
    }

    pub async fn reply(res: reqwest::Response) -> Reply {
        let status = res.status();
        let headers = res.headers().clone();
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let text = res.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            content_type,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(Method::GET, path, Some(token), None, &[]).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(token), Some(body), &[])
            .await
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send(Method::PATCH, path, Some(token), Some(body), &[])
            .await
    }

    /// Creates a customer as admin and returns its id.
    pub async fn customer(&self, body: Value) -> String {
        let r = self.post("/api/v1/customers", &self.admin, &body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.body["id"].as_str().expect("id").to_owned()
    }

    pub async fn connex_customer(&self, external_id: &str, plan: &str) -> String {
        self.customer(json!({
            "vendor": "connex", "external_id": external_id, "name": "Acme Inc.",
            "plan": plan, "billing_cycle": "annual"
        }))
        .await
    }

    pub fn ticket_body(vendor: &str, customer_id: &str, subject: &str) -> Value {
        json!({
            "vendor": vendor, "customer_id": customer_id, "subject": subject,
            "description": "Order 1001 did not sync to the accounting system.",
            "channel": "email", "received_at": "2026-11-20T15:00:00Z"
        })
    }

    pub async fn ticket(&self, token: &str, body: &Value) -> Value {
        let r = self.post("/api/v1/tickets", token, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.body
    }
}
