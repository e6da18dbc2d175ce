//! Tickets by the helpdesk's own id (`external_ref`) and the "changed since" listing of
//! polling clients.

use serde_json::{json, Value};
use tierline_api::Role;

use crate::helpers::{spawn_app, TestApp};

fn with_ref(mut body: Value, external_ref: &str) -> Value {
    body["external_ref"] = json!(external_ref);
    body
}

#[tokio::test]
async fn a_ticket_is_found_by_the_helpdesks_id_and_not_taken_twice() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    let body = with_ref(
        TestApp::ticket_body("connex", &customer, "Orders not syncing"),
        "ZD-4711",
    );
    let first = app.ticket(&helpdesk, &body).await;
    assert_eq!(first["external_ref"], "ZD-4711");
    let id = first["id"].as_str().unwrap();

    // The same helpdesk id again, even with another subject: 409 naming the ticket.
    let mut again = body.clone();
    again["subject"] = json!("Orders still not syncing");
    let r = app.post("/api/v1/tickets", &helpdesk, &again).await;
    r.assert_problem(409, "ticket_exists");
    assert_eq!(r.body["existing_id"], id, "{}", r.body);

    // Another vendor may use the same id; so may tickets without one.
    let shop = app
        .customer(
            json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                         "plan": "small", "billing_cycle": "monthly"}),
        )
        .await;
    app.ticket(
        &app.admin,
        &with_ref(
            TestApp::ticket_body("storeconnect", &shop, "Checkout"),
            "ZD-4711",
        ),
    )
    .await;
    app.ticket(
        &helpdesk,
        &TestApp::ticket_body("connex", &customer, "No ref"),
    )
    .await;
    app.ticket(
        &helpdesk,
        &TestApp::ticket_body("connex", &customer, "No ref either"),
    )
    .await;

    // Lookup: the vendor's ticket only; another tenant sees nothing.
    let found = app
        .get("/api/v1/tickets?external_ref=ZD-4711", &helpdesk)
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let items = found.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", found.body);
    assert_eq!(items[0]["id"], id);
    let all = app
        .get("/api/v1/tickets?external_ref=ZD-4711", &app.admin)
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    let iex = app.token(Role::Helpdesk, &["iex"], None);
    let none = app.get("/api/v1/tickets?external_ref=ZD-4711", &iex).await;
    assert_eq!(none.body["items"], json!([]));

    // Bad values.
    let r = app
        .post(
            "/api/v1/tickets",
            &helpdesk,
            &with_ref(TestApp::ticket_body("connex", &customer, "x"), " "),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.fields(), ["external_ref"]);
    let long = "x".repeat(201);
    let r = app
        .post(
            "/api/v1/tickets",
            &helpdesk,
            &with_ref(TestApp::ticket_body("connex", &customer, "x"), &long),
        )
        .await;
    r.assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn a_repeated_intake_with_a_key_still_names_the_existing_ticket() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let body = with_ref(
        TestApp::ticket_body("connex", &customer, "Orders not syncing"),
        "FD-1",
    );
    let first = app.ticket(&app.admin, &body).await;
    let r = app
        .send(
            reqwest::Method::POST,
            "/api/v1/tickets",
            Some(&app.admin),
            Some(&body),
            &[("Idempotency-Key", "another-key")],
        )
        .await;
    r.assert_problem(409, "ticket_exists");
    assert_eq!(r.body["existing_id"], first["id"]);
}

#[tokio::test]
async fn racing_intakes_of_one_helpdesk_id_store_one_ticket() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let body = with_ref(
        TestApp::ticket_body("connex", &customer, "Orders not syncing"),
        "ZD-9",
    );
    let replies = app
        .parallel_posts("/api/v1/tickets", &app.admin.clone(), vec![body; 6])
        .await;
    let created: Vec<&Value> = replies
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(created.len(), 1, "{replies:?}");
    for (status, b) in &replies {
        if *status != 201 {
            assert_eq!(*status, 409, "{b}");
            assert_eq!(b["code"], "ticket_exists");
            assert_eq!(b["existing_id"], created[0]["id"]);
        }
    }
}

#[tokio::test]
async fn polling_clients_read_changes_in_update_order() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let mut tickets = Vec::new();
    for subject in ["One", "Two", "Three"] {
        tickets.push(
            app.ticket(
                &app.admin,
                &TestApp::ticket_body("connex", &customer, subject),
            )
            .await,
        );
    }
    let since = tickets[0]["updated_at"].as_str().unwrap().to_owned();
    let ids: Vec<String> = tickets
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    // The first ticket changes last.
    let r = app
        .post(
            &format!("/api/v1/tickets/{}/events", ids[0]),
            &app.admin,
            &json!({"type": "responded"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    let url = |cursor: Option<&str>| {
        let mut u = format!(
            "/api/v1/tickets?updated_since={}&limit=2",
            since.replace('+', "%2B")
        );
        if let Some(c) = cursor {
            u.push_str(&format!("&cursor={c}"));
        }
        u
    };
    // The expected order: (updated_at, id) as the tickets read now (with a real clock the
    // first ticket comes last; with a pinned one, ties fall back to the id).
    let mut expected = Vec::new();
    for id in &ids {
        let t = app.get(&format!("/api/v1/tickets/{id}"), &app.admin).await;
        let at =
            chrono::DateTime::parse_from_rfc3339(t.body["updated_at"].as_str().unwrap()).unwrap();
        expected.push((at, id.clone()));
    }
    expected.sort();
    let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
    if expected[0] != ids[0] {
        assert_eq!(expected[2], ids[0], "the changed ticket comes last");
    }
    let page1 = app.get(&url(None), &app.admin).await;
    assert_eq!(page1.status, 200, "{}", page1.body);
    let got: Vec<&str> = page1.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, [expected[0].as_str(), expected[1].as_str()]);
    let cursor = page1.body["next_cursor"].as_str().unwrap().to_owned();
    let page2 = app.get(&url(Some(&cursor)), &app.admin).await;
    let items = page2.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", page2.body);
    assert_eq!(items[0]["id"], expected[2].as_str());
    assert_eq!(page2.body["next_cursor"], Value::Null);

    // Later than every change: nothing.
    let last = items[0]["updated_at"].as_str().unwrap();
    let after_all =
        chrono::DateTime::parse_from_rfc3339(last).unwrap() + chrono::Duration::microseconds(1);
    let r = app
        .get(
            &format!(
                "/api/v1/tickets?updated_since={}",
                after_all.to_rfc3339().replace('+', "%2B")
            ),
            &app.admin,
        )
        .await;
    assert_eq!(r.body["items"], json!([]), "{}", r.body);

    // A creation-order cursor is not an update-order cursor, and the other way round.
    let id_cursor = ids[0].replace('-', "");
    app.get(&url(Some(&id_cursor)), &app.admin)
        .await
        .assert_problem(400, "invalid_cursor");
    app.get(&format!("/api/v1/tickets?cursor={cursor}"), &app.admin)
        .await
        .assert_problem(400, "invalid_cursor");
    app.get("/api/v1/tickets?updated_since=yesterday", &app.admin)
        .await
        .assert_problem(400, "invalid_query");
}
