//! A test environment (database, API server, workers) and a controllable HTTP receiver.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tierline_api::{AccessSettings, Application, Role, Settings, TokenKeys};
use tierline_core::{AdapterConfig, Clock, ManualClock};
use tierline_egress::{Egress, EgressPolicy, StaticLookup};
use tierline_store::testdb::TestDatabase;
use tierline_store::{build_pool, Pool, PoolSettings};
use tierline_worker::{
    DeliverySettings, MonitorSettings, RetryPolicy, WorkerMetrics, WorkerSettings, Workers,
};

pub const SECRET: &[u8] = b"webhook-tests-jwt-secret-0123456789abcdef";
pub const HOOK_SECRET: &str = "whsec_test_0123456789abcdefghijklmnop";

/// Polls `check` every 100 ms, at most `tries` times; panics with `what` if it never holds.
pub async fn wait_for<F, Fut>(what: &str, tries: usize, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..tries {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("gave up waiting for: {what}");
}

// ---------------------------------------------------------------- receiver

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 200.
    Ok,
    /// Answer with this status.
    Status(u16),
    /// Never answer (sleeps 30 s; the worker's timeout is shorter).
    Hang,
    /// Answer 200 after this long.
    Slow(Duration),
}

#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    /// When the request arrived.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[derive(Debug)]
pub struct ReceiverState {
    mode: Mutex<Mode>,
    /// Modes for the next requests, used before `mode`.
    script: Mutex<Vec<Mode>>,
    requests: Mutex<Vec<Received>>,
    hits: AtomicUsize,
}

pub struct Receiver {
    pub url: String,
    pub state: Arc<ReceiverState>,
    handle: ServerHandle,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<Arc<ReceiverState>>,
) -> HttpResponse {
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                v.to_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let mode = {
        let mut script = state.script.lock().unwrap();
        if script.is_empty() {
            *state.mode.lock().unwrap()
        } else {
            script.remove(0)
        }
    };
    state.requests.lock().unwrap().push(Received {
        headers,
        body: body.to_vec(),
        at: chrono::Utc::now(),
    });
    state.hits.fetch_add(1, Ordering::SeqCst);
    match mode {
        Mode::Ok => HttpResponse::Ok().finish(),
        Mode::Status(s) => {
            HttpResponse::build(actix_web::http::StatusCode::from_u16(s).unwrap()).finish()
        }
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            HttpResponse::Ok().finish()
        }
        Mode::Slow(d) => {
            tokio::time::sleep(d).await;
            HttpResponse::Ok().finish()
        }
    }
}

impl Receiver {
    /// A receiver on 127.0.0.1 (`port` 0: any free port).
    pub fn start_on(port: u16, mode: Mode) -> Self {
        let state = Arc::new(ReceiverState {
            mode: Mutex::new(mode),
            script: Mutex::new(Vec::new()),
            requests: Mutex::new(Vec::new()),
            hits: AtomicUsize::new(0),
        });
        let data = web::Data::new(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::to(receive))
        })
        .workers(1)
        .disable_signals()
        .shutdown_timeout(0)
        .bind(("127.0.0.1", port))
        .unwrap();
        let port = server.addrs()[0].port();
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Self {
            url: format!("http://127.0.0.1:{port}/hooks/tierline"),
            state,
            handle,
        }
    }

    pub fn start(mode: Mode) -> Self {
        Self::start_on(0, mode)
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.state.mode.lock().unwrap() = mode;
    }

    /// The next requests get these answers, in order; then the mode applies.
    pub fn script(&self, modes: &[Mode]) {
        *self.state.script.lock().unwrap() = modes.to_vec();
    }

    pub fn hits(&self) -> usize {
        self.state.hits.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Received> {
        self.state.requests.lock().unwrap().clone()
    }

    /// Requests per event id.
    pub fn per_event(&self) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for r in self.requests() {
            *m.entry(r.header("tierline-event-id").to_owned())
                .or_insert(0) += 1;
        }
        m
    }
}

/// A URL on 127.0.0.1 where nothing listens (a port that was just free).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

// ---------------------------------------------------------------- environment

/// The destination policy of these tests: the receivers listen on loopback, so the
/// operator's exception for 127.0.0.0/8 is set explicitly (the default refuses loopback).
/// The documentation names used for subscriptions that are never delivered resolve to a
/// public address; every other name goes to the system resolver.
pub fn test_egress() -> Egress {
    let public: std::net::IpAddr = "93.184.215.14".parse().unwrap();
    let lookup = StaticLookup::new()
        .with("helpdesk.example", &[public])
        .with("example.com", &[public]);
    Egress::new(
        EgressPolicy::new(EgressPolicy::parse_networks("127.0.0.0/8").unwrap(), false),
        lookup.shared(),
    )
}

/// Worker settings for tests: fast polls and retries.
pub fn fast_workers() -> WorkerSettings {
    WorkerSettings {
        delivery: DeliverySettings {
            concurrency: 4,
            per_subscription: 4,
            request_timeout: Duration::from_millis(800),
            lease: Duration::from_secs(3),
            poll_interval: Duration::from_millis(50),
            retry: RetryPolicy {
                first_delay: Duration::from_millis(100),
                max_delay: Duration::from_millis(300),
                give_up_after: Duration::from_secs(3600),
            },
            shutdown_grace: Duration::from_secs(5),
            egress: test_egress(),
        },
        monitor_settings: MonitorSettings {
            interval: Duration::from_millis(100),
            batch: 50,
        },
        ..WorkerSettings::default()
    }
}

pub use crate::test_clock::{pinned_clock, rfc3339};

pub struct Env {
    pub base: String,
    /// The clock of the API server and of every worker set started with [`Env::workers`].
    pub clock: Arc<ManualClock>,
    pub client: reqwest::Client,
    pub keys: TokenKeys,
    pub admin: String,
    pub pool: Pool,
    handle: ServerHandle,
    _db: TestDatabase,
}

impl Drop for Env {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

pub fn pool_for(url: &str) -> Pool {
    build_pool(
        url,
        &PoolSettings {
            max_size: 8,
            ..PoolSettings::default()
        },
    )
    .unwrap()
}

/// The API server (no workers) over a fresh database, its clock pinned to
/// `test_clock::test_now`.
pub async fn env() -> Env {
    env_full(test_egress(), AccessSettings::default(), pinned_clock()).await
}

/// [`env`] with another destination policy for subscriptions.
pub async fn env_with(egress: Egress) -> Env {
    env_full(egress, AccessSettings::default(), pinned_clock()).await
}

/// [`env`] with these access settings (webhook cap, rate limits, ...).
pub async fn env_with_access(access: AccessSettings) -> Env {
    env_full(test_egress(), access, pinned_clock()).await
}

/// The API server (no workers) over a fresh database, with this destination policy, these
/// access settings and this clock.
pub async fn env_full(egress: Egress, access: AccessSettings, clock: Arc<ManualClock>) -> Env {
    let db = TestDatabase::new().expect("test database");
    let registry = tierline::vendors::registry(&AdapterConfig::empty()).unwrap();
    let pool = pool_for(db.url());
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        jwt_secret: SECRET.to_vec(),
        max_body_bytes: 64 * 1024,
        workers: Some(2),
        access,
    };
    let app = Application::build_with(
        &settings,
        registry,
        pool.clone(),
        tierline_api::Extras {
            metrics_registry: None,
            metrics_token: Some("scrape-token-0123456789".into()),
            egress,
            clock: Some(clock.clone()),
            ..Default::default()
        },
    )
    .unwrap();
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
        .unwrap();
    Env {
        base,
        clock,
        client: reqwest::Client::new(),
        keys,
        admin,
        pool,
        handle,
        _db: db,
    }
}

impl Env {
    /// The server's current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The server's current instant as RFC 3339 (a `received_at` of "now").
    pub fn now_rfc3339(&self) -> String {
        rfc3339(self.now())
    }

    pub fn token(&self, role: Role, vendors: &[&str]) -> String {
        self.keys
            .issue(
                &format!("{}-test", role.as_str()),
                role,
                vendors.iter().map(|v| v.to_string()).collect(),
                None,
                chrono::Duration::hours(1),
            )
            .unwrap()
    }

    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(&self.admin), Some(body))
            .await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, Some(&self.admin), None)
            .await
    }

    /// Subscribes `url` to `events` of connex; returns the webhook id.
    pub async fn webhook(&self, url: &str, events: &[&str]) -> String {
        let (s, b) = self
            .post(
                "/api/v1/webhooks",
                &json!({"vendor": "connex", "url": url, "events": events, "secret": HOOK_SECRET}),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        b["id"].as_str().unwrap().to_owned()
    }

    pub async fn customer(&self, external_id: &str) -> String {
        let (s, b) = self
            .post(
                "/api/v1/customers",
                &json!({
                    "vendor": "connex", "external_id": external_id, "name": "Acme Inc.",
                    "plan": "platinum", "billing_cycle": "annual"
                }),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        b["id"].as_str().unwrap().to_owned()
    }

    /// Creates a connex ticket received at `received_at` (RFC 3339); returns its id.
    pub async fn ticket(&self, customer: &str, received_at: &str) -> String {
        let (s, b) = self
            .post(
                "/api/v1/tickets",
                &json!({
                    "vendor": "connex", "customer_id": customer, "subject": "Orders not syncing",
                    "description": "Order 1001 did not sync to the accounting system.",
                    "channel": "email", "received_at": received_at
                }),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        b["id"].as_str().unwrap().to_owned()
    }

    pub async fn deliveries(&self, webhook: &str) -> Vec<Value> {
        let (s, b) = self
            .get(&format!("/api/v1/webhooks/{webhook}/deliveries?limit=100"))
            .await;
        assert_eq!(s, 200, "{b}");
        b["items"].as_array().unwrap().clone()
    }

    /// Waits until every delivery of `webhook` has one of `statuses` (and there are `n`).
    pub async fn wait_deliveries(&self, webhook: &str, n: usize, statuses: &[&str]) -> Vec<Value> {
        let mut last = Vec::new();
        for _ in 0..300 {
            last = self.deliveries(webhook).await;
            if last.len() == n
                && last
                    .iter()
                    .all(|d| statuses.contains(&d["status"].as_str().unwrap_or("")))
            {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("deliveries never reached {statuses:?}: {last:#?}");
    }

    /// Starts workers on the server's clock.
    pub fn workers(&self, settings: WorkerSettings) -> Workers {
        let settings = WorkerSettings {
            clock: self.clock.clone(),
            ..settings
        };
        Workers::spawn(self.pool.clone(), settings, WorkerMetrics::unregistered())
    }
}
