use serde_json::json;
use tierline_api::{Claims, Role, TokenKeys};

use crate::helpers::{spawn_app, TestApp};

fn b64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn bad_tokens_are_401() {
    let app = spawn_app().await;
    let now = chrono::Utc::now().timestamp();
    let claims = |exp: i64| Claims {
        sub: "x".into(),
        role: Role::Admin,
        vendors: vec![],
        reseller: None,
        iat: now - 7200,
        exp,
        nbf: None,
    };
    let expired = app.sign(&claims(now - 60));
    let wrong_key = TokenKeys::from_secret(b"another-secret-another-secret-xx")
        .sign(&claims(now + 600))
        .unwrap();
    let none = format!(
        "{}.{}.",
        b64url(br#"{"alg":"none","typ":"JWT"}"#),
        b64url(
            serde_json::to_string(&claims(now + 600))
                .unwrap()
                .as_bytes()
        )
    );
    // A signed helpdesk token without vendors is inconsistent: refused too.
    let inconsistent = {
        let mut c = claims(now + 600);
        c.role = Role::Helpdesk;
        TestApp::sign_unchecked(&c)
    };
    for token in [
        expired.as_str(),
        &wrong_key,
        &none,
        "garbage",
        "",
        &inconsistent,
    ] {
        let r = app.get("/api/v1/tickets", token).await;
        r.assert_problem(401, "unauthorized");
    }
    let r = app
        .send(reqwest::Method::GET, "/api/v1/tickets", None, None, &[])
        .await;
    r.assert_problem(401, "unauthorized");
    let r = app
        .send(
            reqwest::Method::GET,
            "/api/v1/vendors",
            None,
            None,
            &[("Authorization", "Basic eDp5")],
        )
        .await;
    r.assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn roles_see_and_do_only_what_they_may() {
    let app = spawn_app().await;
    let connex_customer = app.connex_customer("c-1", "platinum").await;
    let sc_customer = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;
    let iex_reseller_customer = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-1", "name": "Shop ApS",
                         "plan": "standard", "billing_cycle": "monthly",
                         "reseller": {"id": "r-1", "name": "Partner", "contact": "p@x.example"}}),
        )
        .await;
    let iex_direct = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-2", "name": "Direct ApS",
                         "plan": "standard", "billing_cycle": "monthly"}),
        )
        .await;
    let connex_ticket = app
        .ticket(
            &app.admin,
            &TestApp::ticket_body("connex", &connex_customer, "C"),
        )
        .await;
    let connex_id = connex_ticket["id"].as_str().unwrap();
    let routed = app
        .ticket(
            &app.admin,
            &TestApp::ticket_body("iex", &iex_reseller_customer, "R"),
        )
        .await;
    let routed_id = routed["id"].as_str().unwrap();
    let direct = app
        .ticket(&app.admin, &TestApp::ticket_body("iex", &iex_direct, "D"))
        .await;
    let direct_id = direct["id"].as_str().unwrap();

    // helpdesk (storeconnect): creates and reads its vendor's customers and tickets only.
    let helpdesk = app.token(Role::Helpdesk, &["storeconnect"], None);
    let t = app
        .ticket(
            &helpdesk,
            &TestApp::ticket_body("storeconnect", &sc_customer, "H"),
        )
        .await;
    assert_eq!(t["vendor"], "storeconnect");
    app.post(
        "/api/v1/tickets",
        &helpdesk,
        &TestApp::ticket_body("connex", &connex_customer, "X"),
    )
    .await
    .assert_problem(403, "forbidden");
    app.post(
        "/api/v1/customers",
        &helpdesk,
        &json!({"vendor": "connex", "external_id": "z", "name": "Z", "plan": "micro",
                "billing_cycle": "monthly"}),
    )
    .await
    .assert_problem(403, "forbidden");
    app.get(&format!("/api/v1/tickets/{connex_id}"), &helpdesk)
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/customers/{connex_customer}"), &helpdesk)
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        app.get(&format!("/api/v1/customers/{sc_customer}"), &helpdesk)
            .await
            .status,
        200
    );
    app.patch(
        &format!("/api/v1/customers/{sc_customer}"),
        &helpdesk,
        &json!({"name": "N"}),
    )
    .await
    .assert_problem(403, "forbidden");
    let list = app.get("/api/v1/tickets?limit=100", &helpdesk).await;
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let other_vendor = app.get("/api/v1/tickets?vendor=connex", &helpdesk).await;
    assert_eq!(other_vendor.body["items"].as_array().unwrap().len(), 0);
    // A ticket for a customer of another vendor (under a vendor it covers) is unknown.
    let mut cross = TestApp::ticket_body("storeconnect", &connex_customer, "X");
    cross["vendor"] = json!("storeconnect");
    let r = app.post("/api/v1/tickets", &helpdesk, &cross).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.fields(), vec!["customer_id"]);

    // agent (connex): everything within connex, nothing outside.
    let agent = app.token(Role::Agent, &["connex"], None);
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{connex_id}"), &agent)
            .await
            .status,
        200
    );
    assert_eq!(
        app.patch(
            &format!("/api/v1/customers/{connex_customer}"),
            &agent,
            &json!({"trial": true})
        )
        .await
        .status,
        200
    );
    app.patch(
        &format!("/api/v1/customers/{sc_customer}"),
        &agent,
        &json!({"trial": true}),
    )
    .await
    .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/tickets/{direct_id}"), &agent)
        .await
        .assert_problem(404, "not_found");

    // reseller r-1: only tickets routed to it.
    let reseller = app.token(Role::Reseller, &[], Some("r-1"));
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{routed_id}"), &reseller)
            .await
            .status,
        200
    );
    app.get(&format!("/api/v1/tickets/{direct_id}"), &reseller)
        .await
        .assert_problem(404, "not_found");
    let list = app.get("/api/v1/tickets", &reseller).await;
    let ids: Vec<_> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(routed_id)]);
    app.get(
        &format!("/api/v1/customers/{iex_reseller_customer}"),
        &reseller,
    )
    .await
    .assert_problem(403, "forbidden");
    app.post(
        "/api/v1/tickets",
        &reseller,
        &TestApp::ticket_body("iex", &iex_reseller_customer, "X"),
    )
    .await
    .assert_problem(403, "forbidden");
    let other_reseller = app.token(Role::Reseller, &[], Some("r-2"));
    app.get(&format!("/api/v1/tickets/{routed_id}"), &other_reseller)
        .await
        .assert_problem(404, "not_found");

    // admin: everything.
    let all = app.get("/api/v1/tickets?limit=100", &app.admin).await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 4);
}
