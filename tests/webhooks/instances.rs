//! Several `tierline` processes on one database: every event delivered once in the normal
//! case, and nothing lost when a process is killed mid-delivery.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};
use tierline_api::{Role, TokenKeys};
use tierline_store::testdb::TestDatabase;

use crate::support::*;

struct Proc {
    child: Child,
    base: Option<String>,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command(db: &TestDatabase, args: &[&str], envs: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tierline"));
    cmd.args(args)
        .env("DATABASE_URL", db.url())
        .env("TIERLINE_JWT_SECRET", std::str::from_utf8(SECRET).unwrap())
        .env("TIERLINE_BIND", "127.0.0.1:0")
        .env("TIERLINE_WORKERS", "1")
        .env("TIERLINE_DB_POOL_SIZE", "4")
        .env("TIERLINE_WEBHOOK_POLL", "0.05")
        .env("TIERLINE_WEBHOOK_RETRY_FIRST", "0.1")
        .env("TIERLINE_WEBHOOK_RETRY_MAX", "0.3")
        .env("TIERLINE_SLA_MONITOR_INTERVAL", "0.1")
        // The receivers listen on loopback, which the default policy refuses.
        .env("TIERLINE_WEBHOOK_ALLOW_NETWORKS", "127.0.0.0/8")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd
}

/// Starts `tierline serve` and reads its API URL from the first line it prints.
fn serve(db: &TestDatabase, envs: &[(&str, &str)]) -> Proc {
    let mut child = command(db, &["serve"], envs).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .strip_prefix("Tierline API: ")
        .and_then(|u| u.strip_suffix("/api/v1"))
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    // The start prints how to get a token, never a token (issue 12: start output ends up
    // in logs).
    let docs = lines.next().unwrap().unwrap();
    let tokens = lines.next().unwrap().unwrap();
    assert!(docs.starts_with("API docs:"), "{docs}");
    assert!(
        tokens.starts_with("Tokens:") && tokens.contains("tierline token --role admin"),
        "{tokens}"
    );
    for line in [&first, &docs, &tokens] {
        assert!(!line.contains("eyJ"), "a token was printed: {line}");
    }
    // Keep draining stdout so the process never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Proc {
        child,
        base: Some(base),
    }
}

fn worker(db: &TestDatabase, envs: &[(&str, &str)]) -> Proc {
    Proc {
        child: command(db, &["worker"], envs).spawn().unwrap(),
        base: None,
    }
}

/// Starts `tierline worker --metrics-bind 127.0.0.1:0` and reads the metrics URL from the
/// first line it prints.
fn worker_with_metrics(db: &TestDatabase, envs: &[(&str, &str)]) -> (Proc, String) {
    let mut child = command(db, &["worker", "--metrics-bind", "127.0.0.1:0"], envs)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .strip_prefix("Tierline worker metrics: ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    std::thread::spawn(move || for _ in lines {});
    (Proc { child, base: None }, url)
}

fn terminate(p: &mut Proc) -> std::process::ExitStatus {
    let pid = p.child.id().to_string();
    let ok = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(ok.success());
    for _ in 0..300 {
        if let Some(status) = p.child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("process {pid} did not stop on SIGTERM");
}

struct Client {
    http: reqwest::Client,
    admin: String,
}

impl Client {
    fn new() -> Self {
        let admin = TokenKeys::from_secret(SECRET)
            .issue(
                "admin",
                Role::Admin,
                vec![],
                None,
                chrono::Duration::hours(1),
            )
            .unwrap();
        Self {
            http: reqwest::Client::new(),
            admin,
        }
    }

    async fn post(&self, base: &str, path: &str, body: &Value) -> Value {
        let res = self
            .http
            .post(format!("{base}{path}"))
            .bearer_auth(&self.admin)
            .json(body)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "{}", res.status());
        res.json().await.unwrap()
    }

    async fn get(&self, base: &str, path: &str) -> Value {
        self.http
            .get(format!("{base}{path}"))
            .bearer_auth(&self.admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn wait_delivered(&self, base: &str, hook: &str, n: usize) -> Vec<Value> {
        let mut last = Value::Null;
        for _ in 0..300 {
            last = self
                .get(
                    base,
                    &format!("/api/v1/webhooks/{hook}/deliveries?limit=100"),
                )
                .await;
            let items = last["items"].as_array().cloned().unwrap_or_default();
            if items.len() == n && items.iter().all(|d| d["status"] == "delivered") {
                return items;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("not all delivered: {last:#}");
    }
}

async fn setup(c: &Client, base: &str, url: &str) -> (String, String) {
    let hook = c
        .post(
            base,
            "/api/v1/webhooks",
            &json!({"vendor": "connex", "url": url,
                    "events": ["ticket.created", "ticket.routed"], "secret": HOOK_SECRET}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let customer = c
        .post(
            base,
            "/api/v1/customers",
            &json!({"vendor": "connex", "external_id": "c-proc", "name": "Acme Inc.",
                    "plan": "platinum", "billing_cycle": "annual"}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (hook, customer)
}

fn ticket(customer: &str) -> Value {
    json!({"vendor": "connex", "customer_id": customer, "subject": "Orders not syncing",
           "description": "Order 1001 did not sync.", "channel": "email"})
}

#[tokio::test]
async fn two_server_processes_deliver_each_event_once() {
    let db = TestDatabase::new().unwrap();
    let rx = Receiver::start(Mode::Ok);
    let mut a = serve(&db, &[]);
    let mut b = serve(&db, &[]);
    let (base_a, base_b) = (a.base.clone().unwrap(), b.base.clone().unwrap());
    let c = Client::new();
    let (hook, customer) = setup(&c, &base_a, &rx.url).await;
    let mut tickets = Vec::new();
    for i in 0..12 {
        let base = if i % 2 == 0 { &base_a } else { &base_b };
        tickets.push(c.post(base, "/api/v1/tickets", &ticket(&customer)).await["id"].clone());
    }
    let deliveries = c.wait_delivered(&base_b, &hook, 24).await;
    // Every delivery took one attempt, and the receiver saw each event exactly once.
    assert!(
        deliveries.iter().all(|d| d["attempts"] == 1),
        "{deliveries:#?}"
    );
    let per_event = rx.per_event();
    assert_eq!(per_event.len(), 24);
    assert!(per_event.values().all(|n| *n == 1), "{per_event:?}");
    assert_eq!(rx.hits(), 24);
    // Both processes stop cleanly on SIGTERM.
    assert!(terminate(&mut a).success());
    assert!(terminate(&mut b).success());
}

#[tokio::test]
async fn a_process_killed_mid_delivery_loses_nothing() {
    let db = TestDatabase::new().unwrap();
    let rx = Receiver::start(Mode::Ok);
    rx.script(&[Mode::Hang]);
    // A delivers with a 3 s timeout (its leases last 5 s); an API-only process answers
    // requests meanwhile.
    let mut a = serve(
        &db,
        &[
            ("TIERLINE_WEBHOOK_TIMEOUT", "3"),
            ("TIERLINE_WEBHOOK_LEASE", "1"),
        ],
    );
    let api = serve(&db, &[("TIERLINE_NO_WORKERS", "true")]);
    let base = api.base.clone().unwrap();
    let c = Client::new();
    let hook = c
        .post(
            &base,
            "/api/v1/webhooks",
            &json!({"vendor": "connex", "url": rx.url, "events": ["ticket.created"],
                    "secret": HOOK_SECRET}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let customer = c
        .post(
            &base,
            "/api/v1/customers",
            &json!({"vendor": "connex", "external_id": "c-kill9", "name": "Acme Inc.",
                    "plan": "platinum", "billing_cycle": "annual"}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    c.post(&base, "/api/v1/tickets", &ticket(&customer)).await;
    wait_for("process A's request", 300, || async { rx.hits() == 1 }).await;
    // SIGKILL: no graceful shutdown, the lease is left to expire.
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    let mut w = worker(&db, &[]);
    let d = c.wait_delivered(&base, &hook, 1).await;
    let log = d[0]["attempt_log"].as_array().unwrap();
    assert_eq!(log.len(), 2, "{:#}", d[0]);
    assert_eq!(log[0]["outcome"], "error");
    assert!(log[0]["error"].as_str().unwrap().contains("lease expired"));
    assert_ne!(log[0]["worker"], log[1]["worker"]);
    assert_eq!(log[1]["outcome"], "delivered");
    assert_eq!(rx.per_event().len(), 1);
    assert!(terminate(&mut w).success());
}

const WORKER_SCRAPE_TOKEN: &str = "worker-scrape-token-0123456789";

async fn request(method: reqwest::Method, url: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = reqwest::Client::new().request(method, url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

fn content_type(res: &reqwest::Response) -> &str {
    res.headers()["content-type"].to_str().unwrap()
}

#[tokio::test]
async fn a_worker_serves_its_metrics_to_the_scrape_token_only() {
    use reqwest::Method;
    let db = TestDatabase::new().unwrap();
    let rx = Receiver::start(Mode::Ok);
    let api = serve(&db, &[("TIERLINE_NO_WORKERS", "true")]);
    let base = api.base.clone().unwrap();
    let (mut w, metrics) =
        worker_with_metrics(&db, &[("TIERLINE_METRICS_TOKEN", WORKER_SCRAPE_TOKEN)]);
    assert!(metrics.starts_with("http://127.0.0.1:"), "{metrics}");
    assert!(metrics.ends_with("/metrics"), "{metrics}");
    let c = Client::new();
    let (hook, customer) = setup(&c, &base, &rx.url).await;
    c.post(&base, "/api/v1/tickets", &ticket(&customer)).await;
    c.wait_delivered(&base, &hook, 2).await;

    // Without the token, with another, with an admin JWT (a worker has no token secret): 401.
    for token in [
        None,
        Some("worker-scrape-token-wrong"),
        Some(c.admin.as_str()),
    ] {
        let res = request(Method::GET, &metrics, token).await;
        assert_eq!(res.status(), 401, "{token:?}");
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
        assert!(content_type(&res).starts_with("application/problem+json"));
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "unauthorized");
        assert!(!body.to_string().contains("tierline_"), "{body}");
    }
    // With it: the workers' counters, in the Prometheus text format.
    let delivered = "tierline_webhook_deliveries_total{outcome=\"delivered\"} 2";
    let mut text = String::new();
    for _ in 0..100 {
        let res = request(Method::GET, &metrics, Some(WORKER_SCRAPE_TOKEN)).await;
        assert_eq!(res.status(), 200);
        assert!(content_type(&res).starts_with("text/plain; version=0.0.4"));
        text = res.text().await.unwrap();
        if text.contains(delivered) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(text.contains(delivered), "{text}");
    assert!(text.contains("# TYPE tierline_webhook_deliveries_total counter"));
    // Only GET /metrics is served.
    let res = request(Method::POST, &metrics, Some(WORKER_SCRAPE_TOKEN)).await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET");
    let other = metrics.replace("/metrics", "/api/v1/tickets");
    let res = request(Method::GET, &other, Some(WORKER_SCRAPE_TOKEN)).await;
    assert_eq!(res.status(), 404);
    assert!(content_type(&res).starts_with("application/problem+json"));
    assert!(terminate(&mut w).success());
}

#[test]
fn a_worker_asked_for_metrics_without_a_scrape_token_does_not_start() {
    let db = TestDatabase::new().unwrap();
    let out = command(&db, &["worker", "--metrics-bind", "127.0.0.1:0"], &[])
        .env_remove("TIERLINE_METRICS_TOKEN")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("TIERLINE_METRICS_TOKEN"), "{stderr}");
    assert!(out.stdout.is_empty());
}
