//! Low findings of issue 12: `Cache-Control: no-store` and `X-Content-Type-Options:
//! nosniff` on every answer (data, problems, 401s), and a read timeout for slow bodies of
//! authenticated requests.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{spawn_app, spawn_app_configured};

fn assert_no_store(r: &crate::helpers::Reply, what: &str) {
    assert_eq!(r.headers["cache-control"], "no-store", "{what}");
    assert_eq!(r.headers["x-content-type-options"], "nosniff", "{what}");
}

#[tokio::test]
async fn answers_are_not_cached_or_sniffed() {
    let app = spawn_app().await;
    let ok = app.get("/api/v1/vendors", &app.admin).await;
    assert_eq!(ok.status, 200);
    assert_no_store(&ok, "a data answer");
    let missing = app
        .get(
            "/api/v1/customers/0190b5c4-a1f0-7f2d-8e5a-3b6c7d8e9f00",
            &app.admin,
        )
        .await;
    missing.assert_problem(404, "not_found");
    assert_no_store(&missing, "a problem");
    let unauthenticated = app
        .send(reqwest::Method::GET, "/api/v1/vendors", None, None, &[])
        .await;
    unauthenticated.assert_problem(401, "unauthorized");
    assert_no_store(&unauthenticated, "a 401");
    let unmatched = app.get("/api/v1/nothing-here", &app.admin).await;
    assert_no_store(&unmatched, "an unmatched path");
}

/// An authenticated client announces 200 bytes and sends 10: after the body timeout (here
/// 1 s) the server answers 408 `request_timeout` instead of waiting for ever.
#[tokio::test]
async fn a_slow_authenticated_body_times_out() {
    let registry = tierline::vendors::registry(&tierline_core::AdapterConfig::empty()).unwrap();
    let app = spawn_app_configured(registry, |e| {
        e.body_timeout = Some(Duration::from_secs(1));
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/v1/sla/preview HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{{\"vendor\":",
        app.admin
    );
    let started = Instant::now();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
            if answer.windows(4).any(|w| w == b"\r\n\r\n")
                && String::from_utf8_lossy(&answer).contains("request_timeout")
            {
                break;
            }
        }
    })
    .await;
    assert!(read.is_ok(), "no answer within 10 s");
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("request_timeout"), "{text}");
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
}

/// While another transaction holds the lock on a connex ticket, a storeconnect agent's
/// event on it answers 404 at once: the tenant filter is part of the locking statement, so
/// the other tenant's row is never locked (or waited for).
#[tokio::test]
async fn another_tenants_ticket_is_not_locked_or_waited_for() {
    use diesel_async::{AsyncConnection, RunQueryDsl};
    let app = spawn_app().await;
    let customer = app.connex_customer("c-lock", "platinum").await;
    let ticket = app
        .ticket(
            &app.admin,
            &crate::helpers::TestApp::ticket_body("connex", &customer, "Locked"),
        )
        .await;
    let id: uuid::Uuid = ticket["id"].as_str().unwrap().parse().unwrap();
    let mut holder = diesel_async::AsyncPgConnection::establish(app.database_url())
        .await
        .unwrap();
    diesel::sql_query("BEGIN")
        .execute(&mut holder)
        .await
        .unwrap();
    diesel::sql_query("SELECT id FROM tickets WHERE id = $1 FOR UPDATE")
        .bind::<diesel::sql_types::Uuid, _>(id)
        .execute(&mut holder)
        .await
        .unwrap();
    let storeconnect = app.token(tierline_api::Role::Agent, &["storeconnect"], None);
    let started = Instant::now();
    let r = tokio::time::timeout(
        Duration::from_secs(5),
        app.post(
            &format!("/api/v1/tickets/{id}/events"),
            &storeconnect,
            &serde_json::json!({"type": "responded"}),
        ),
    )
    .await
    .expect("the request waited for another tenant's row lock");
    r.assert_problem(404, "not_found");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    diesel::sql_query("ROLLBACK")
        .execute(&mut holder)
        .await
        .unwrap();
}
