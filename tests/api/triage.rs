//! Triage through the API: the vendors' intake questions as JSON Schema, intake facts checked
//! against them, the `needs_triage` flag (stored, answered, filtered, queued), and a human's
//! re-triage (`POST /tickets/{id}/triage`).
//!
//! Two kinds of tests. The wiring tests run the real Connex and StoreConnect adapters
//! wrapped in [`Unsure`], which flags every ticket it decides without a ruling and follows a
//! ruling's priority: whatever the adapters read, what the API does with a flag and a ruling
//! is then clear-cut. The end-to-end tests run the shipped adapters as they are and assert
//! only what holds for any adapter that honours the triage contract.

use std::sync::Arc;

use chrono::NaiveDate;
use reqwest::Method;
use serde_json::{json, Value};
use tierline_api::Role;
use tierline_core::triage::{FactSpec, TriageReason};
use tierline_core::{
    AdapterConfig, AdapterFactory, Budget, Calendar, ConfigError, Customer, Decision, Denial,
    EntitlementPolicy, EscalationDecision, EscalationPolicy, EscalationRequest, Locale,
    MessageCatalog, Minutes, Plan, PlanCatalog, PolicyError, PurchaseItem, QueueEntry, QueueKey,
    Quote, Registry, RuleId, SessionRequest, SharedAdapter, SlaPolicy, SlaQuery, SlaTargets,
    TicketIntake, TicketPolicy, VendorAdapter, VendorId,
};

use crate::helpers::{spawn_app, spawn_app_with, Reply, TestApp};

/// A real adapter that is never sure: every ticket it decides without a human ruling is
/// flagged (`unsure_priority`); a ruling's priority is adopted with the vendor's targets for
/// it. Helpdesks may triage where `helpdesk` says so.
struct Unsure {
    inner: SharedAdapter,
    helpdesk: bool,
}

impl PlanCatalog for Unsure {
    fn plans(&self) -> &[Plan] {
        self.inner.plans()
    }
}
impl TicketPolicy for Unsure {
    fn evaluate(&self, c: &Customer, i: &TicketIntake) -> Result<Decision, PolicyError> {
        let mut d = self.inner.evaluate(c, i)?;
        match i.ruling.as_ref().and_then(|r| r.priority) {
            Some(priority) => {
                d.priority = Some(priority);
                d.sla = self.inner.sla_targets(&SlaQuery {
                    plan: c.plan.clone(),
                    priority: Some(priority),
                    channel: Some(i.channel),
                    line: None,
                })?;
            }
            None if i.ruling.is_none() => d.triage.flag(TriageReason::UnsurePriority),
            None => {}
        }
        Ok(d)
    }
    fn intake_facts(&self) -> &[FactSpec] {
        self.inner.intake_facts()
    }
    fn helpdesk_may_triage(&self) -> bool {
        self.helpdesk
    }
}
impl SlaPolicy for Unsure {
    fn calendar(&self) -> &Calendar {
        self.inner.calendar()
    }
    fn business_day(&self) -> tierline_core::BusinessMinutes {
        self.inner.business_day()
    }
    fn sla_targets(&self, q: &SlaQuery) -> Result<SlaTargets, PolicyError> {
        self.inner.sla_targets(q)
    }
    fn queue_key(&self, e: &QueueEntry<'_>) -> QueueKey {
        self.inner.queue_key(e)
    }
}
impl EscalationPolicy for Unsure {
    fn escalate(
        &self,
        c: &Customer,
        r: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError> {
        self.inner.escalate(c, r)
    }
}
impl EntitlementPolicy for Unsure {
    fn developer_budget(&self, c: &Customer, on: NaiveDate) -> Result<Budget, Denial> {
        self.inner.developer_budget(c, on)
    }
    fn purchase(
        &self,
        c: &Customer,
        item: PurchaseItem,
        quantity: u32,
        remaining: Minutes,
    ) -> Result<Quote, Denial> {
        self.inner.purchase(c, item, quantity, remaining)
    }
    fn book_session(
        &self,
        c: &Customer,
        r: &SessionRequest,
    ) -> Result<tierline_core::SessionGrant, Denial> {
        self.inner.book_session(c, r)
    }
}
impl VendorAdapter for Unsure {
    fn id(&self) -> &VendorId {
        self.inner.id()
    }
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn messages(&self) -> &MessageCatalog {
        self.inner.messages()
    }
    fn locales(&self) -> &[Locale] {
        self.inner.locales()
    }
    fn rules(&self) -> &[RuleId] {
        self.inner.rules()
    }
}

/// Connex: helpdesks may not triage (the default).
fn unsure_connex(config: &AdapterConfig) -> Result<SharedAdapter, ConfigError> {
    let inner = (tierline_connex::factory().build)(config)?;
    Ok(Arc::new(Unsure {
        inner,
        helpdesk: false,
    }))
}

/// StoreConnect: helpdesks may triage.
fn unsure_storeconnect(config: &AdapterConfig) -> Result<SharedAdapter, ConfigError> {
    let inner = (tierline_storeconnect::factory().build)(config)?;
    Ok(Arc::new(Unsure {
        inner,
        helpdesk: true,
    }))
}

async fn spawn_unsure_app() -> TestApp {
    let factories = [
        AdapterFactory {
            id: "connex",
            build: unsure_connex,
        },
        AdapterFactory {
            id: "storeconnect",
            build: unsure_storeconnect,
        },
    ];
    let registry = Registry::build(&factories, &AdapterConfig::empty()).expect("registry");
    spawn_app_with(registry).await
}

const RECEIVED: &str = "2026-11-20T15:00:00Z";

async fn storeconnect_customer(app: &TestApp) -> String {
    app.customer(
        json!({"vendor": "storeconnect", "external_id": "s-1", "name": "Shop",
                        "plan": "small", "billing_cycle": "monthly"}),
    )
    .await
}

async fn triage(app: &TestApp, token: &str, ticket: &str, body: Value) -> Reply {
    app.post(&format!("/api/v1/tickets/{ticket}/triage"), token, &body)
        .await
}

/// The ids of `GET /tickets?{query}` (admin).
async fn listed(app: &TestApp, query: &str) -> Vec<String> {
    let r = app
        .get(&format!("/api/v1/tickets?{query}&limit=100"), &app.admin)
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A subscription of `vendor` to `ticket.triaged` only; its id.
async fn subscribe_triaged(app: &TestApp, vendor: &str) -> String {
    let r = app
        .post(
            "/api/v1/webhooks",
            &app.admin,
            &json!({"vendor": vendor, "url": "https://hooks.example/triaged",
                    "events": ["ticket.triaged"]}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    r.body["webhook"]["id"]
        .as_str()
        .or(r.body["id"].as_str())
        .unwrap()
        .to_owned()
}

async fn deliveries(app: &TestApp, webhook: &str) -> usize {
    let r = app
        .get(
            &format!("/api/v1/webhooks/{webhook}/deliveries"),
            &app.admin,
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    r.body["items"].as_array().unwrap().len()
}

/// The payloads of a ticket's outbox events of one kind, oldest first.
async fn outbox(app: &TestApp, ticket: &str, kind: &str) -> Vec<Value> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use tierline_store::schema::outbox_events;
    let pool = tierline_store::build_pool(app.database_url(), &Default::default()).unwrap();
    let mut conn = pool.get().await.unwrap();
    let id: uuid::Uuid = ticket.parse().unwrap();
    outbox_events::table
        .filter(outbox_events::ticket_id.eq(id))
        .filter(outbox_events::kind.eq(kind))
        .order(outbox_events::id)
        .select(outbox_events::payload)
        .load(&mut conn)
        .await
        .unwrap()
}

/// The resolution target and due time `POST /sla/preview` gives a StoreConnect ticket (its
/// only clock).
async fn preview_resolution(app: &TestApp, priority: &str) -> (i64, String) {
    let r = app
        .post(
            "/api/v1/sla/preview",
            &app.admin,
            &json!({"vendor": "storeconnect", "plan": "small", "priority": priority,
                    "received_at": RECEIVED}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    let clock = &r.body["resolution"];
    (
        clock["target_minutes"]
            .as_i64()
            .expect("a resolution target"),
        clock["due_at"].as_str().expect("due").to_owned(),
    )
}

#[tokio::test]
async fn the_flag_is_stored_answered_filtered_and_queued() {
    let app = spawn_unsure_app().await;
    let customer = storeconnect_customer(&app).await;
    let body = TestApp::ticket_body("storeconnect", &customer, "Checkout problem");
    let created = app.ticket(&app.admin, &body).await;
    assert_eq!(created["needs_triage"], true, "{created}");
    assert_eq!(created["triage"]["needed"], true);
    assert_eq!(created["triage"]["reasons"], json!(["unsure_priority"]));
    assert!(created["triage"]["candidates"].is_array());
    let id = created["id"].as_str().unwrap().to_owned();
    let read = app.get(&format!("/api/v1/tickets/{id}"), &app.admin).await;
    assert_eq!(read.body["needs_triage"], true);
    assert_eq!(read.body["triage"], created["triage"], "stored as answered");

    assert_eq!(listed(&app, "needs_triage=true").await, [id.as_str()]);
    assert!(listed(&app, "needs_triage=false").await.is_empty());
    let r = app
        .get("/api/v1/tickets?needs_triage=maybe", &app.admin)
        .await;
    r.assert_problem(400, "invalid_query");
    let queue = app
        .get(
            "/api/v1/queue?vendor=storeconnect",
            &app.agent("storeconnect"),
        )
        .await;
    assert_eq!(queue.body["items"][0]["id"], id.as_str(), "{}", queue.body);
    assert_eq!(queue.body["items"][0]["needs_triage"], true);

    let r = triage(
        &app,
        &app.agent("storeconnect"),
        &id,
        json!({"note": "read it: the reading is right"}),
    )
    .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["needs_triage"], false);
    assert_eq!(r.body["ticket"]["triage"]["needed"], false);
    assert_eq!(r.body["ticket"]["triage"]["reasons"], json!([]));
    assert!(listed(&app, "needs_triage=true").await.is_empty());
    assert_eq!(listed(&app, "needs_triage=false").await, [id.as_str()]);
    let queue = app
        .get(
            "/api/v1/queue?vendor=storeconnect",
            &app.agent("storeconnect"),
        )
        .await;
    assert_eq!(queue.body["items"][0]["needs_triage"], false);
}

#[tokio::test]
async fn a_triage_re_decides_from_receipt_with_history_and_event() {
    let app = spawn_unsure_app().await;
    let customer = storeconnect_customer(&app).await;
    let webhook = subscribe_triaged(&app, "storeconnect").await;
    let mut body = TestApp::ticket_body("storeconnect", &customer, "Checkout problem");
    body["priority"] = json!("low");
    let created = app.ticket(&app.admin, &body).await;
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["priority"], "low", "{created}");
    assert_eq!(deliveries(&app, &webhook).await, 0);

    let agent = app.agent("storeconnect");
    let r = triage(
        &app,
        &agent,
        &id,
        json!({"priority": "critical", "note": "store is down, confirmed by phone"}),
    )
    .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(
        r.headers.get("location").unwrap(),
        &format!("/api/v1/tickets/{id}/events")
    );
    let ticket = &r.body["ticket"];
    assert_eq!(ticket["priority"], "critical");
    assert_eq!(ticket["requested_priority"], "low", "the reporter's stays");
    assert_eq!(ticket["version"], created["version"].as_i64().unwrap() + 1);
    // The clocks run from receipt with the critical targets: what a preview says.
    let (target, due) = preview_resolution(&app, "critical").await;
    assert_eq!(ticket["sla"]["resolution"]["target_minutes"], target);
    assert_eq!(ticket["sla"]["resolution"]["due_at"], due.as_str());
    assert_ne!(
        created["sla"]["resolution"]["target_minutes"], target,
        "low and critical differ"
    );
    // The queue key follows (StoreConnect works critical tickets first).
    assert!(
        ticket["queue"]["class"].as_i64() < created["queue"]["class"].as_i64(),
        "{} then {}",
        created["queue"],
        ticket["queue"]
    );
    assert_eq!(ticket["needs_triage"], false);

    let event = &r.body["event"];
    assert_eq!(event["kind"], "triaged");
    assert_eq!(event["actor"], "agent:agent-test");
    assert_eq!(event["data"]["note"], "store is down, confirmed by phone");
    assert_eq!(event["data"]["before"]["priority"], "low");
    assert_eq!(event["data"]["before"]["needs_triage"], true);
    assert_eq!(event["data"]["after"]["priority"], "critical");
    assert_eq!(event["data"]["after"]["needs_triage"], false);
    assert_eq!(event["data"]["ruling"]["priority"], "critical");
    assert!(!event["explanation"].as_array().unwrap().is_empty());
    assert_eq!(
        app.history(&id).await,
        ["created", "routed", "triaged"],
        "one history entry"
    );
    assert_eq!(deliveries(&app, &webhook).await, 1, "ticket.triaged sent");
    let payloads = outbox(&app, &id, "ticket.triaged").await;
    assert_eq!(payloads.len(), 1);
    assert_eq!(payloads[0]["change"], "triaged");
    assert_eq!(payloads[0]["event"]["kind"], "triaged");
    assert_eq!(payloads[0]["ticket"]["priority"], "critical");
    assert_eq!(payloads[0]["ticket"]["needs_triage"], false);

    // A later triage keeps the earlier ruling's priority unless it rules on priority.
    let r = triage(&app, &agent, &id, json!({"note": "second look"})).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["priority"], "critical");
    assert_eq!(r.body["event"]["data"]["ruling"]["priority"], "critical");
    assert_eq!(deliveries(&app, &webhook).await, 2);
}

#[tokio::test]
async fn a_triage_is_idempotent_with_a_key() {
    let app = spawn_unsure_app().await;
    let customer = storeconnect_customer(&app).await;
    let id = app
        .ticket_id(TestApp::ticket_body("storeconnect", &customer, "Slow"))
        .await;
    let agent = app.agent("storeconnect");
    let path = format!("/api/v1/tickets/{id}/triage");
    let body = json!({"priority": "high", "note": "checked"});
    let key = [("Idempotency-Key", "triage-1")];
    let first = app
        .send(Method::POST, &path, Some(&agent), Some(&body), &key)
        .await;
    assert_eq!(first.status.as_u16(), 201, "{}", first.body);
    let again = app
        .send(Method::POST, &path, Some(&agent), Some(&body), &key)
        .await;
    assert_eq!(again.status.as_u16(), 201);
    assert_eq!(again.headers.get("idempotent-replayed").unwrap(), "true");
    assert_eq!(again.body, first.body);
    assert_eq!(app.history(&id).await, ["created", "routed", "triaged"]);
}

#[tokio::test]
async fn who_may_triage_what() {
    let app = spawn_unsure_app().await;
    let connex_customer = app.connex_customer("c-1", "gold").await;
    let connex = app
        .ticket_id(TestApp::ticket_body("connex", &connex_customer, "Sync"))
        .await;
    let sc_customer = storeconnect_customer(&app).await;
    let storeconnect = app
        .ticket_id(TestApp::ticket_body("storeconnect", &sc_customer, "Slow"))
        .await;
    let note = json!({"note": "looked at it"});

    // Another vendor's ticket does not exist for the caller.
    triage(&app, &app.agent("storeconnect"), &connex, note.clone())
        .await
        .assert_problem(404, "not_found");
    let sc_helpdesk = app.token(Role::Helpdesk, &["storeconnect"], None);
    triage(&app, &sc_helpdesk, &connex, note.clone())
        .await
        .assert_problem(404, "not_found");
    // Connex's policy keeps triage to its agents; StoreConnect's lets helpdesks triage.
    let connex_helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    triage(&app, &connex_helpdesk, &connex, note.clone())
        .await
        .assert_problem(403, "forbidden");
    let r = triage(&app, &sc_helpdesk, &storeconnect, note.clone()).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["event"]["actor"], "helpdesk:helpdesk-test");
    // Resellers never triage.
    let reseller = app.token(Role::Reseller, &[], Some("r-1"));
    triage(&app, &reseller, &connex, note.clone())
        .await
        .assert_problem(403, "forbidden");
    // Admins and the vendor's agents do.
    let r = triage(&app, &app.agent("connex"), &connex, note.clone()).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let r = triage(&app, &app.admin, &connex, note.clone()).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    // Nobody without a token.
    let r = app
        .send(
            Method::POST,
            &format!("/api/v1/tickets/{connex}/triage"),
            None,
            Some(&note),
            &[],
        )
        .await;
    r.assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn a_triage_that_cannot_apply_is_refused_and_changes_nothing() {
    let app = spawn_unsure_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let id = app
        .ticket_id(TestApp::ticket_body("connex", &customer, "Sync"))
        .await;
    let agent = app.agent("connex");
    let cases = [
        (json!({"priority": "high"}), "note", "required"),
        (json!({"note": "  "}), "note", "invalid_value"),
        (json!({"note": "x".repeat(2001)}), "note", "invalid_value"),
        (
            json!({"in_scope": false, "note": "out"}),
            "boundary",
            "required",
        ),
        (
            json!({"in_scope": true, "boundary": "connex.scope.firewall", "note": "x"}),
            "boundary",
            "invalid_value",
        ),
        (
            json!({"boundary": "no.such.rule", "note": "out"}),
            "boundary",
            "invalid_value",
        ),
        (
            json!({"routing": "elsewhere", "note": "x"}),
            "routing",
            "invalid_value",
        ),
        (json!({"note": "x", "colour": 1}), "colour", "unknown_field"),
    ];
    for (body, field, code) in cases {
        let r = triage(&app, &agent, &id, body.clone()).await;
        r.assert_problem(422, "validation_failed");
        assert!(r.fields().contains(&field.to_owned()), "{body}: {}", r.body);
        let codes: Vec<&str> = r.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["code"].as_str())
            .collect();
        assert!(codes.contains(&code), "{body}: {}", r.body);
    }
    assert_eq!(app.history(&id).await, ["created", "routed"]);

    // A resolved ticket is reopened first.
    let r = app.event(&agent, &id, "resolved", None).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let before = app.get(&format!("/api/v1/tickets/{id}"), &agent).await;
    triage(&app, &agent, &id, json!({"priority": "high", "note": "x"}))
        .await
        .assert_problem(409, "ticket_resolved");
    let after = app.get(&format!("/api/v1/tickets/{id}"), &agent).await;
    assert_eq!(after.body["version"], before.body["version"]);
    assert_eq!(after.body["needs_triage"], true, "still flagged");
    let r = app.event(&agent, &id, "reopened", None).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let r = triage(&app, &agent, &id, json!({"note": "reopened, fine"})).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    assert_eq!(r.body["ticket"]["status"], "open");

    let missing = uuid::Uuid::now_v7();
    triage(&app, &agent, &missing.to_string(), json!({"note": "x"}))
        .await
        .assert_problem(404, "not_found");
}

/// Every vendor publishes its intake questions as a JSON Schema object a form can render.
#[tokio::test]
async fn each_vendor_publishes_its_intake_questions() {
    let app = spawn_app().await;
    let helpdesk = app.token(Role::Helpdesk, &["connex"], None);
    let vendors = app.get("/api/v1/vendors", &helpdesk).await;
    let vendors = vendors.body.as_array().unwrap().clone();
    assert_eq!(vendors.len(), 3);
    for v in vendors {
        let vendor = v["id"].as_str().unwrap();
        let r = app
            .get(
                &format!("/api/v1/vendors/{vendor}/intake-schema"),
                &helpdesk,
            )
            .await;
        assert_eq!(r.status.as_u16(), 200, "{vendor}: {}", r.body);
        assert!(r.content_type.starts_with("application/json"));
        let schema = &r.body;
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["additionalProperties"], false);
        let properties = schema["properties"].as_object().unwrap();
        assert!(
            !properties.is_empty(),
            "{vendor} asks no intake question: {schema}"
        );
        for (name, p) in properties {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{vendor}: {name} is not snake_case"
            );
            assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()), "{p}");
            match p["type"].as_str() {
                Some("boolean") => assert!(p.get("enum").is_none()),
                Some("string") => assert!(
                    p["enum"].as_array().is_some_and(|e| !e.is_empty()),
                    "{vendor}: {name} has no choices"
                ),
                other => panic!("{vendor}: {name} has type {other:?}"),
            }
        }
    }
    app.get("/api/v1/vendors/acme/intake-schema", &helpdesk)
        .await
        .assert_problem(404, "not_found");
    let r = app
        .send(
            Method::GET,
            "/api/v1/vendors/connex/intake-schema",
            None,
            None,
            &[],
        )
        .await;
    r.assert_problem(401, "unauthorized");
}

/// A valid answer of the wrong kind for this question (a boolean for a choice, a string
/// that is no choice for a yes/no question).
fn wrong_answer(property: &Value) -> Value {
    match property["type"].as_str() {
        Some("boolean") => json!("yes"),
        _ => json!(true),
    }
}

fn right_answer(property: &Value) -> Value {
    match property["type"].as_str() {
        Some("boolean") => json!(true),
        _ => property["enum"][0].clone(),
    }
}

/// `POST /tickets` takes each vendor's facts as its schema says and refuses anything else,
/// naming the fact; the stored ticket answers as intake did.
#[tokio::test]
async fn facts_are_checked_against_the_vendors_schema() {
    let app = spawn_app().await;
    let customers = [
        ("connex", app.connex_customer("c-1", "gold").await),
        ("storeconnect", storeconnect_customer(&app).await),
        (
            "iex",
            app.customer(
                json!({"vendor": "iex", "external_id": "i-1", "name": "Butik",
                                "plan": "standard", "billing_cycle": "monthly"}),
            )
            .await,
        ),
    ];
    for (vendor, customer) in &customers {
        let schema = app
            .get(
                &format!("/api/v1/vendors/{vendor}/intake-schema"),
                &app.admin,
            )
            .await
            .body;
        let mut body = TestApp::ticket_body(vendor, customer, "Orders not syncing");

        body["facts"] = json!({"no_such_question": true});
        let r = app.post("/api/v1/tickets", &app.admin, &body).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.fields(), ["facts.no_such_question"], "{vendor}");
        assert_eq!(r.body["errors"][0]["code"], "unknown_field");

        body["facts"] = json!("not an object");
        let r = app.post("/api/v1/tickets", &app.admin, &body).await;
        assert_eq!(r.status.as_u16(), 422, "{vendor}: {}", r.body);

        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut all = serde_json::Map::new();
        for (name, p) in &properties {
            body["facts"] = json!({ name: wrong_answer(p) });
            let r = app.post("/api/v1/tickets", &app.admin, &body).await;
            r.assert_problem(422, "validation_failed");
            assert_eq!(r.fields(), [format!("facts.{name}")], "{vendor}");
            body["facts"] = json!({ name: 7 });
            let r = app.post("/api/v1/tickets", &app.admin, &body).await;
            assert_eq!(r.fields(), [format!("facts.{name}")], "{vendor}");
            assert_eq!(r.body["errors"][0]["code"], "invalid_type");
            if p["type"] == "string" {
                body["facts"] = json!({ name: "none of the choices" });
                let r = app.post("/api/v1/tickets", &app.admin, &body).await;
                assert_eq!(r.body["errors"][0]["code"], "invalid_value", "{vendor}");
            }
            all.insert(name.clone(), right_answer(p));
        }
        body["facts"] = Value::Object(all);
        let created = app.ticket(&app.admin, &body).await;
        assert_eq!(created["needs_triage"], created["triage"]["needed"]);
        let id = created["id"].as_str().unwrap();
        let read = app.get(&format!("/api/v1/tickets/{id}"), &app.admin).await;
        assert_eq!(read.body["triage"], created["triage"], "{vendor}");
    }
}

/// Whatever an adapter reads, the flag is its triage's `needed`, and the filter splits the
/// tickets by it.
#[tokio::test]
async fn the_filter_splits_real_decisions_by_their_flag() {
    let app = spawn_app().await;
    let connex = app.connex_customer("c-1", "gold").await;
    let storeconnect = storeconnect_customer(&app).await;
    let texts = [
        ("connex", &connex, "Since your update on Tuesday the sync to QuickBooks stopped working"),
        ("connex", &connex, "QuickBooks keeps shutting down whenever the Web Connector runs"),
        ("connex", &connex, "Can you update the product mapping so the SKUs in Shopify match the items in QuickBooks Online?"),
        ("storeconnect", &storeconnect, "The website is completely down - I checked on several devices"),
        ("storeconnect", &storeconnect, "Is the price wrong because of the GST setting?"),
        ("storeconnect", &storeconnect, "Our staging site is down, when you have time"),
    ];
    let mut flagged = Vec::new();
    let mut settled = Vec::new();
    for (vendor, customer, text) in texts {
        let mut body = TestApp::ticket_body(vendor, customer, text);
        body["description"] = json!(text);
        let t = app.ticket(&app.admin, &body).await;
        assert_eq!(t["needs_triage"], t["triage"]["needed"], "{t}");
        assert_eq!(
            t["triage"]["needed"].as_bool().unwrap(),
            !t["triage"]["reasons"].as_array().unwrap().is_empty(),
            "needed iff reasons: {t}"
        );
        let id = t["id"].as_str().unwrap().to_owned();
        if t["needs_triage"] == true {
            flagged.push(id);
        } else {
            settled.push(id);
        }
    }
    assert_eq!(listed(&app, "needs_triage=true").await, flagged);
    assert_eq!(listed(&app, "needs_triage=false").await, settled);
    assert_eq!(
        listed(&app, "needs_triage=true&vendor=storeconnect")
            .await
            .len()
            + listed(&app, "needs_triage=false&vendor=storeconnect")
                .await
                .len(),
        3
    );
}

/// With the shipped adapters: a human ruling outranks what the text says. (A QuickBooks
/// Desktop crash is Intuit's; the agent rules that this one is the vendor's, in scope.)
#[tokio::test]
async fn a_ruling_outranks_the_text_with_the_shipped_adapters() {
    let app = spawn_app().await;
    let customer = app.connex_customer("c-1", "gold").await;
    let mut body = TestApp::ticket_body(
        "connex",
        &customer,
        "QuickBooks Desktop crashed when opening the company file",
    );
    body["description"] = json!(
        "QuickBooks Desktop crashed with error C=343 when I opened the company file this morning."
    );
    let id = app.ticket_id(body).await;
    let agent = app.agent("connex");
    let r = triage(
        &app,
        &agent,
        &id,
        json!({"in_scope": true, "routing": "vendor",
               "note": "the crash comes from the Connex sync, not from QuickBooks"}),
    )
    .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let t = &r.body["ticket"];
    assert_eq!(t["routing"]["kind"], "vendor", "{t}");
    assert_eq!(t["scope"]["in_scope"], true);
    assert_eq!(t["status"], "open");
    assert_eq!(t["needs_triage"], false);
    assert!(
        t["triage"]["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["source"] == "ruling" && c["adopted"] == true),
        "the ruling is an adopted candidate: {}",
        t["triage"]
    );

    // StoreConnect: a ruled priority sets the priority and its clocks, from receipt.
    let sc = storeconnect_customer(&app).await;
    let mut body = TestApp::ticket_body("storeconnect", &sc, "Question about reports");
    body["description"] = json!("How do I export last month's sales report?");
    let id = app.ticket_id(body).await;
    let r = triage(
        &app,
        &app.agent("storeconnect"),
        &id,
        json!({"priority": "critical", "note": "checkout is down for everyone"}),
    )
    .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let (target, due) = preview_resolution(&app, "critical").await;
    let t = &r.body["ticket"];
    assert_eq!(t["priority"], "critical", "{t}");
    assert_eq!(t["sla"]["resolution"]["target_minutes"], target);
    assert_eq!(t["sla"]["resolution"]["due_at"], due.as_str());
}

/// A triage after an escalation to IEX's 2nd line keeps the 2nd line's response target:
/// the escalation stands, only the decision is made again.
#[tokio::test]
async fn a_triage_keeps_an_escalated_lines_targets() {
    let app = spawn_app().await;
    let agent = app.agent("iex");
    let customer = app
        .customer(
            json!({"vendor": "iex", "external_id": "i-1", "name": "Butik",
                         "plan": "standard", "billing_cycle": "monthly", "locale": "da"}),
        )
        .await;
    let t = app
        .ticket_id(TestApp::ticket_body("iex", &customer, "Ordre 1001 mangler"))
        .await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{t}/escalations"),
            &agent,
            &json!({"to_line": "second"}),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let escalated = r.body["ticket"]["sla"]["first_response"].clone();
    let r = triage(&app, &agent, &t, json!({"note": "2nd line confirmed"})).await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.body);
    let fr = &r.body["ticket"]["sla"]["first_response"];
    assert_eq!(fr["target_minutes"], escalated["target_minutes"], "{fr}");
    assert_eq!(fr["due_at"], escalated["due_at"]);
    assert_eq!(
        r.body["event"]["data"]["clocks"],
        json!({}),
        "nothing moved"
    );
}
