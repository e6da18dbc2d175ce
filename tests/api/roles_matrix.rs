//! The role matrix of the README ("Who may do what"), one cell at a time: every role
//! against every endpoint, with the status the cell must answer.
//!
//! Each role works on its own fresh customer and tickets, so a cell's write never changes
//! what another role's cell sees. Tokens: `helpdesk` and `agent` for Connex, `reseller` for
//! reseller id `r-1` (its ticket is an IEX ticket routed to it).

use reqwest::Method;
use serde_json::{json, Value};
use tierline_api::Role;

use crate::helpers::{spawn_app, TestApp};

/// What a cell must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Allowed, and the request succeeds with exactly this 2xx status.
    Done(u16),
    /// Allowed past authorization; the policy or validation answers this 4xx (a problem
    /// whose code is neither `forbidden` nor `not_found`).
    Answered(u16),
    /// The role may never do this: 403 `forbidden`.
    Forbidden,
    /// Outside the caller's tenant: 404 `not_found`, as if missing.
    Hidden,
}

use Expect::{Answered, Done, Forbidden, Hidden};

/// The resources one role's cells work on.
struct Fixture {
    /// A Connex Platinum customer.
    customer: String,
    /// The ticket the role works on (Connex; for the reseller, its routed IEX ticket).
    ticket: String,
    /// A second ticket of the same kind, for the escalation cell.
    other_ticket: String,
    /// A StoreConnect ticket: outside every token's tenant but the admin's.
    foreign_ticket: String,
}

async fn fixture(app: &TestApp, role: Role, n: usize) -> Fixture {
    let customer = app
        .customer(json!({"vendor": "connex", "external_id": format!("m-{n}"),
                         "name": "Matrix Inc.", "plan": "platinum",
                         "billing_cycle": "annual"}))
        .await;
    let (vendor, ticket_customer) = if role == Role::Reseller {
        let routed = app
            .customer(json!({"vendor": "iex", "external_id": format!("r-{n}"),
                             "name": "Butik ApS", "plan": "standard",
                             "billing_cycle": "monthly",
                             "reseller": {"id": "r-1", "name": "Partner",
                                          "contact": "p@partner.example"}}))
            .await;
        ("iex", routed)
    } else {
        ("connex", customer.clone())
    };
    let mut ids = Vec::new();
    for subject in ["Orders not syncing", "Sync broken since the update"] {
        let t = app
            .ticket(
                &app.admin,
                &TestApp::ticket_body(vendor, &ticket_customer, subject),
            )
            .await;
        ids.push(t["id"].as_str().expect("id").to_owned());
    }
    let other_ticket = ids.pop().expect("two tickets");
    let ticket = ids.pop().expect("two tickets");
    let shop = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": format!("s-{n}"),
                         "name": "Shop Pty", "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;
    let foreign = app
        .ticket(
            &app.admin,
            &TestApp::ticket_body("storeconnect", &shop, "Checkout down"),
        )
        .await;
    Fixture {
        customer,
        ticket,
        other_ticket,
        foreign_ticket: foreign["id"].as_str().expect("id").to_owned(),
    }
}

/// One endpoint: its name in failure messages, the request, and the expected answer of
/// `admin`, `helpdesk`, `agent` and `reseller`, in that order.
struct Row {
    name: &'static str,
    request: fn(&Fixture, usize) -> (Method, String, Option<Value>),
    expect: [Expect; 4],
}

const ROLES: [Role; 4] = [Role::Admin, Role::Helpdesk, Role::Agent, Role::Reseller];

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "GET /vendors",
            request: |_, _| (Method::GET, "/api/v1/vendors".into(), None),
            expect: [Done(200), Done(200), Done(200), Done(200)],
        },
        Row {
            name: "POST /sla/preview",
            request: |_, _| {
                (
                    Method::POST,
                    "/api/v1/sla/preview".into(),
                    Some(json!({"vendor": "connex", "plan": "platinum",
                                "priority": "high", "received_at": "2026-11-24T19:00:00Z"})),
                )
            },
            expect: [Done(200), Done(200), Done(200), Done(200)],
        },
        Row {
            name: "POST /customers",
            request: |_, n| {
                (
                    Method::POST,
                    "/api/v1/customers".into(),
                    Some(
                        json!({"vendor": "connex", "external_id": format!("new-{n}"),
                                "name": "New Co.", "plan": "gold",
                                "billing_cycle": "monthly"}),
                    ),
                )
            },
            expect: [Done(201), Done(201), Done(201), Forbidden],
        },
        Row {
            name: "PUT /customers/external/{vendor}/{external_id}",
            request: |_, n| {
                (
                    Method::PUT,
                    format!("/api/v1/customers/external/connex/put-{n}"),
                    Some(json!({"name": "Put Co.", "plan": "gold",
                                "billing_cycle": "monthly"})),
                )
            },
            expect: [Done(201), Done(201), Done(201), Forbidden],
        },
        Row {
            name: "GET /customers/{id}",
            request: |f, _| {
                (
                    Method::GET,
                    format!("/api/v1/customers/{}", f.customer),
                    None,
                )
            },
            expect: [Done(200), Done(200), Done(200), Forbidden],
        },
        Row {
            name: "GET /customers",
            request: |_, _| (Method::GET, "/api/v1/customers?vendor=connex".into(), None),
            expect: [Done(200), Done(200), Done(200), Forbidden],
        },
        Row {
            name: "GET /customers/{id}/entitlements",
            request: |f, _| {
                (
                    Method::GET,
                    format!("/api/v1/customers/{}/entitlements", f.customer),
                    None,
                )
            },
            expect: [Done(200), Done(200), Done(200), Forbidden],
        },
        Row {
            name: "POST /customers/{id}/developer-time",
            request: |f, _| {
                (
                    Method::POST,
                    format!("/api/v1/customers/{}/developer-time", f.customer),
                    Some(json!({"minutes": 30})),
                )
            },
            expect: [Done(201), Forbidden, Done(201), Forbidden],
        },
        Row {
            name: "POST /customers/{id}/purchases",
            // Hours are left, so the policy refuses overage: authorized, then answered.
            request: |f, _| {
                (
                    Method::POST,
                    format!("/api/v1/customers/{}/purchases", f.customer),
                    Some(json!({"item": "developer_call", "quantity": 1})),
                )
            },
            expect: [Answered(422), Forbidden, Answered(422), Forbidden],
        },
        Row {
            name: "POST /customers/{id}/sessions",
            // A start in the past: authorized, then refused by validation.
            request: |f, _| {
                (
                    Method::POST,
                    format!("/api/v1/customers/{}/sessions", f.customer),
                    Some(
                        json!({"kind": "onboarding", "starts_at": "2020-01-06T15:00:00Z",
                                "minutes": 60}),
                    ),
                )
            },
            expect: [Answered(422), Forbidden, Answered(422), Forbidden],
        },
        Row {
            name: "PATCH /customers/{id} (plan change, after the entitlement cells)",
            request: |f, _| {
                (
                    Method::PATCH,
                    format!("/api/v1/customers/{}", f.customer),
                    Some(json!({"plan": "gold"})),
                )
            },
            expect: [Done(200), Forbidden, Done(200), Forbidden],
        },
        Row {
            name: "POST /tickets",
            request: |f, _| {
                (
                    Method::POST,
                    "/api/v1/tickets".into(),
                    Some(TestApp::ticket_body(
                        "connex",
                        &f.customer,
                        "Invoices missing",
                    )),
                )
            },
            expect: [Done(201), Done(201), Done(201), Forbidden],
        },
        Row {
            name: "GET /tickets",
            request: |_, _| (Method::GET, "/api/v1/tickets".into(), None),
            expect: [Done(200), Done(200), Done(200), Done(200)],
        },
        Row {
            name: "GET /tickets/{id}",
            request: |f, _| (Method::GET, format!("/api/v1/tickets/{}", f.ticket), None),
            expect: [Done(200), Done(200), Done(200), Done(200)],
        },
        Row {
            name: "GET /tickets/{id} of another tenant",
            request: |f, _| {
                (
                    Method::GET,
                    format!("/api/v1/tickets/{}", f.foreign_ticket),
                    None,
                )
            },
            expect: [Done(200), Hidden, Hidden, Hidden],
        },
        Row {
            name: "POST /tickets/{id}/events of another tenant",
            request: |f, _| {
                (
                    Method::POST,
                    format!("/api/v1/tickets/{}/events", f.foreign_ticket),
                    Some(json!({"type": "responded"})),
                )
            },
            expect: [Done(201), Hidden, Hidden, Hidden],
        },
        Row {
            name: "POST /tickets/{id}/events",
            request: |f, _| {
                (
                    Method::POST,
                    format!("/api/v1/tickets/{}/events", f.ticket),
                    Some(json!({"type": "responded"})),
                )
            },
            expect: [Done(201), Done(201), Done(201), Done(201)],
        },
        Row {
            name: "GET /tickets/{id}/events (what it wrote)",
            request: |f, _| {
                (
                    Method::GET,
                    format!("/api/v1/tickets/{}/events", f.ticket),
                    None,
                )
            },
            expect: [Done(200), Done(200), Done(200), Done(200)],
        },
        Row {
            name: "PATCH /tickets/{id}",
            request: |f, _| {
                (
                    Method::PATCH,
                    format!("/api/v1/tickets/{}", f.ticket),
                    Some(json!({"subject": "Orders not syncing since 4.2"})),
                )
            },
            expect: [Done(200), Forbidden, Done(200), Done(200)],
        },
        Row {
            name: "POST /tickets/{id}/escalations",
            // The reseller's IEX ticket: authorized, and the policy refuses (the reseller
            // supports its customers itself).
            request: |f, _| {
                (
                    Method::POST,
                    format!("/api/v1/tickets/{}/escalations", f.other_ticket),
                    Some(json!({"to_tier": 2, "regression": true})),
                )
            },
            expect: [Done(201), Forbidden, Done(201), Answered(409)],
        },
        Row {
            name: "GET /queue",
            request: |_, _| (Method::GET, "/api/v1/queue?vendor=connex".into(), None),
            expect: [Done(200), Done(200), Done(200), Forbidden],
        },
        Row {
            name: "POST /webhooks",
            request: |_, n| {
                (
                    Method::POST,
                    "/api/v1/webhooks".into(),
                    Some(json!({"vendor": "connex",
                                "url": format!("https://hooks.example/hooks/{n}"),
                                "events": ["ticket.created"]})),
                )
            },
            expect: [Done(201), Forbidden, Done(201), Forbidden],
        },
        Row {
            name: "GET /webhooks",
            request: |_, _| (Method::GET, "/api/v1/webhooks".into(), None),
            expect: [Done(200), Forbidden, Done(200), Forbidden],
        },
    ]
}

fn token(app: &TestApp, role: Role) -> String {
    match role {
        Role::Admin => app.admin.clone(),
        Role::Helpdesk | Role::Agent => app.token(role, &["connex"], None),
        Role::Reseller => app.token(role, &[], Some("r-1")),
    }
}

#[tokio::test]
async fn every_role_against_every_endpoint() {
    let app = spawn_app().await;
    let rows = rows();
    let mut failures = Vec::new();
    for (column, role) in ROLES.into_iter().enumerate() {
        let fixture = fixture(&app, role, column).await;
        let token = token(&app, role);
        for row in &rows {
            let (method, path, body) = (row.request)(&fixture, column);
            let r = app
                .send(method, &path, Some(&token), body.as_ref(), &[])
                .await;
            let status = r.status.as_u16();
            let code = r.body["code"].as_str().unwrap_or_default();
            let holds = match row.expect[column] {
                Done(s) => status == s,
                Answered(s) => status == s && code != "forbidden" && code != "not_found",
                Forbidden => status == 403 && code == "forbidden",
                Hidden => status == 404 && code == "not_found",
            };
            if !holds {
                failures.push(format!(
                    "{} as {}: expected {:?}, got {status} {}",
                    row.name,
                    role.as_str(),
                    row.expect[column],
                    r.body
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Tenants: another vendor's helpdesk and agent, and another reseller, see nothing of the
/// cells above (404, as if missing), whatever their role may do.
#[tokio::test]
async fn other_tenants_get_404() {
    let app = spawn_app().await;
    let mine = fixture(&app, Role::Agent, 0).await;
    let routed = fixture(&app, Role::Reseller, 1).await;
    let strangers = [
        (app.token(Role::Helpdesk, &["iex"], None), &mine),
        (app.token(Role::Agent, &["storeconnect"], None), &mine),
        (app.token(Role::Reseller, &[], Some("r-2")), &routed),
    ];
    for (token, f) in strangers {
        for (method, path, body) in [
            (Method::GET, format!("/api/v1/tickets/{}", f.ticket), None),
            (
                Method::GET,
                format!("/api/v1/tickets/{}/events", f.ticket),
                None,
            ),
            (
                Method::POST,
                format!("/api/v1/tickets/{}/events", f.ticket),
                Some(json!({"type": "responded"})),
            ),
        ] {
            let r = app
                .send(method, &path, Some(&token), body.as_ref(), &[])
                .await;
            r.assert_problem(404, "not_found");
        }
    }
    // A helpdesk of another vendor does not see the customer either.
    let helpdesk = app.token(Role::Helpdesk, &["iex"], None);
    app.get(&format!("/api/v1/customers/{}", mine.customer), &helpdesk)
        .await
        .assert_problem(404, "not_found");
}
