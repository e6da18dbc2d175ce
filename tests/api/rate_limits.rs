//! Rate limits with small configured limits: per credential, and failed authentications per
//! client address (refused before the credential is even checked). 429 problem+json with
//! `Retry-After`, `RateLimit-Policy` and `RateLimit`.

use std::time::Duration;

use tierline_api::{AccessSettings, Limit, RateLimitSettings, Role};

use crate::helpers::{spawn_app_limited, Reply, TestApp};

fn limited(per_credential: Option<Limit>, failed_auth: Option<Limit>) -> AccessSettings {
    AccessSettings {
        rate_limits: RateLimitSettings {
            per_credential,
            failed_auth,
        },
        ..AccessSettings::default()
    }
}

fn header<'r>(r: &'r Reply, name: &str) -> &'r str {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header: {:?}", r.headers))
}

async fn metric(app: &TestApp, token: &str, line: &str) -> u64 {
    let r = app.get("/metrics", token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
        .as_str()
        .expect("text")
        .lines()
        .find_map(|l| l.strip_prefix(line))
        .map_or(0, |n| n.trim().parse().expect("a count"))
}

#[tokio::test]
async fn a_credential_over_its_limit_gets_429_with_the_rate_limit_headers() {
    let app = spawn_app_limited(limited(Limit::new(1, 5), None)).await;
    let busy = app.token(Role::Agent, &["connex"], None);
    for i in 0..5 {
        let r = app.get("/api/v1/vendors", &busy).await;
        assert_eq!(r.status, 200, "request {i}: {}", r.body);
    }
    let r = app.get("/api/v1/vendors", &busy).await;
    r.assert_problem(429, "rate_limited");
    let retry: u64 = header(&r, "retry-after").parse().expect("seconds");
    assert!((1..=2).contains(&retry), "{retry}");
    assert_eq!(header(&r, "ratelimit-policy"), "\"credential\";q=5;w=5");
    assert_eq!(
        header(&r, "ratelimit"),
        format!("\"credential\";r=0;t={retry}")
    );
    // Other credentials have their own buckets.
    let other = app.token(Role::Helpdesk, &["connex"], None);
    assert_eq!(app.get("/api/v1/vendors", &other).await.status, 200);
    assert_eq!(
        metric(
            &app,
            &app.admin,
            "tierline_rate_limited_total{policy=\"credential\"} "
        )
        .await,
        1
    );
    // A cell comes back after a second.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(app.get("/api/v1/vendors", &busy).await.status, 200);
}

#[tokio::test]
async fn an_address_guessing_credentials_is_refused_before_they_are_checked() {
    let app = spawn_app_limited(limited(None, Limit::new(1, 3))).await;
    for _ in 0..3 {
        app.get("/api/v1/vendors", "guess")
            .await
            .assert_problem(401, "unauthorized");
    }
    // The bucket is empty: even a valid credential from this address waits.
    let r = app.get("/api/v1/vendors", &app.admin).await;
    r.assert_problem(429, "rate_limited");
    assert_eq!(header(&r, "retry-after"), "1");
    assert_eq!(header(&r, "ratelimit-policy"), "\"failed-auth\";q=3;w=3");
    assert_eq!(header(&r, "ratelimit"), "\"failed-auth\";r=0;t=1");
    let r = app
        .send(reqwest::Method::GET, "/api/v1/tickets", None, None, &[])
        .await;
    r.assert_problem(429, "rate_limited");
    // Requests that need no credentials are not limited.
    assert_eq!(
        app.send(reqwest::Method::GET, "/health", None, None, &[])
            .await
            .status,
        200
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(app.get("/api/v1/vendors", &app.admin).await.status, 200);
    assert_eq!(
        metric(
            &app,
            &app.admin,
            "tierline_rate_limited_total{policy=\"failed-auth\"} "
        )
        .await,
        2
    );
    assert_eq!(
        metric(
            &app,
            &app.admin,
            "tierline_auth_failures_total{reason=\"invalid_token\"} "
        )
        .await,
        3
    );
}

#[tokio::test]
async fn the_default_limits_let_a_busy_client_through() {
    let app = spawn_app_limited(AccessSettings::default()).await;
    let token = app.token(Role::Helpdesk, &["connex"], None);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let client = app.client.clone();
        let url = format!("{}/api/v1/vendors", app.base);
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..50 {
                let r = client.get(&url).bearer_auth(&token).send().await.unwrap();
                assert_eq!(r.status(), 200);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
}
