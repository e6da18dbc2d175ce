//! JWT `nbf`, future `iat`, the server's maximum token lifetime, generic 401 details, and
//! failed authentications counted in `/metrics`.

use tierline_api::{Claims, Role};

use crate::helpers::{spawn_app, TestApp};

fn claims(iat: i64, exp: i64, nbf: Option<i64>) -> Claims {
    Claims {
        sub: "hardening".into(),
        role: Role::Admin,
        vendors: vec![],
        reseller: None,
        iat,
        exp,
        nbf,
    }
}

/// The value of `tierline_auth_failures_total{reason="..."}` (0 when absent).
async fn failures(app: &TestApp, reason: &str) -> u64 {
    let r = app.get("/metrics", &app.admin).await;
    assert_eq!(r.status, 200);
    let text = r.body.as_str().expect("text");
    let prefix = format!("tierline_auth_failures_total{{reason=\"{reason}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map_or(0, |n| n.trim().parse().expect("a count"))
}

#[tokio::test]
async fn nbf_future_iat_and_overlong_lifetimes_are_refused() {
    let app = spawn_app().await;
    let now = chrono::Utc::now().timestamp();
    let cases = [
        // Not yet valid (nbf an hour ahead).
        (
            claims(now, now + 600, Some(now + 3600)),
            "token_not_yet_valid",
        ),
        // Issued an hour in the future.
        (
            claims(now + 3600, now + 7200, None),
            "token_issued_in_future",
        ),
        // Valid now, but a 25 h lifetime (the server allows 24 h).
        (
            claims(now - 60, now - 60 + 25 * 3600, None),
            "token_lifetime_too_long",
        ),
    ];
    for (c, reason) in &cases {
        let before = failures(&app, reason).await;
        let r = app.get("/api/v1/vendors", &app.sign(c)).await;
        r.assert_problem(401, "unauthorized");
        assert_eq!(
            r.body["detail"], "the bearer credentials are invalid, expired or revoked",
            "{reason}"
        );
        assert_eq!(failures(&app, reason).await, before + 1, "{reason}");
    }
    // Within the leeway, and with nbf passed, a token works.
    let ok = [
        claims(now + 5, now + 600, Some(now - 10)),
        claims(now - 60, now - 60 + 24 * 3600, Some(now + 5)),
    ];
    for c in &ok {
        let r = app.get("/api/v1/vendors", &app.sign(c)).await;
        assert_eq!(r.status, 200, "{c:?}: {}", r.body);
    }
}

#[tokio::test]
async fn a_401_never_shows_the_jwt_library_s_message() {
    let app = spawn_app().await;
    let now = chrono::Utc::now().timestamp();
    let expired = app.sign(&claims(now - 7200, now - 60, None));
    let before = failures(&app, "expired_token").await;
    for token in [
        expired.as_str(),
        "garbage",
        "a.b.c",
        "eyJhbGciOiJIUzI1NiJ9.e30.x",
    ] {
        let r = app.get("/api/v1/tickets", token).await;
        r.assert_problem(401, "unauthorized");
        let detail = r.body["detail"].as_str().expect("detail");
        assert_eq!(
            detail,
            "the bearer credentials are invalid, expired or revoked"
        );
        for internal in [
            "Expired",
            "Signature",
            "InvalidToken",
            "Base64",
            "Json",
            "error",
        ] {
            assert!(!detail.contains(internal), "{detail}");
        }
    }
    assert_eq!(failures(&app, "expired_token").await, before + 1);
    let r = app
        .send(reqwest::Method::GET, "/api/v1/tickets", None, None, &[])
        .await;
    r.assert_problem(401, "unauthorized");
    assert_eq!(
        r.body["detail"],
        "missing Authorization: Bearer credentials"
    );
    assert!(failures(&app, "missing").await >= 1);
}
