//! Helpers of the lifecycle tests: a registry whose Connex clocks pause while pending (to
//! check pause/resume arithmetic on a real calendar; no shipped vendor pauses), and
//! shortcuts for events.

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::{json, Value};
use tierline_core::{
    AdapterConfig, AdapterFactory, Budget, Calendar, ConfigError, Customer, Decision, Denial,
    EntitlementPolicy, EscalationDecision, EscalationPolicy, EscalationRequest, Locale,
    MessageCatalog, Minutes, Plan, PlanCatalog, PolicyError, PurchaseItem, QueueEntry, QueueKey,
    Quote, Registry, RuleId, SessionGrant, SessionRequest, SharedAdapter, SlaPolicy, SlaQuery,
    SlaTargets, TicketIntake, TicketPolicy, VendorAdapter, VendorId,
};

use crate::helpers::{spawn_app_with, Reply, TestApp};

/// A real adapter whose clocks pause while the ticket waits on the customer.
pub struct Pausing(pub SharedAdapter);

fn pausing(mut t: SlaTargets) -> SlaTargets {
    for spec in [&mut t.first_response, &mut t.resolution]
        .into_iter()
        .flatten()
    {
        spec.pauses_when_pending = true;
    }
    t
}

impl PlanCatalog for Pausing {
    fn plans(&self) -> &[Plan] {
        self.0.plans()
    }
}
impl TicketPolicy for Pausing {
    fn evaluate(&self, c: &Customer, i: &TicketIntake) -> Result<Decision, PolicyError> {
        let mut d = self.0.evaluate(c, i)?;
        d.sla = pausing(d.sla);
        Ok(d)
    }
}
impl SlaPolicy for Pausing {
    fn calendar(&self) -> &Calendar {
        self.0.calendar()
    }
    fn business_day(&self) -> tierline_core::BusinessMinutes {
        self.0.business_day()
    }
    fn sla_targets(&self, q: &SlaQuery) -> Result<SlaTargets, PolicyError> {
        self.0.sla_targets(q).map(pausing)
    }
    fn queue_key(&self, e: &QueueEntry<'_>) -> QueueKey {
        self.0.queue_key(e)
    }
}
impl EscalationPolicy for Pausing {
    fn escalate(
        &self,
        c: &Customer,
        r: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError> {
        self.0.escalate(c, r)
    }
}
impl EntitlementPolicy for Pausing {
    fn developer_budget(&self, c: &Customer, on: NaiveDate) -> Result<Budget, Denial> {
        self.0.developer_budget(c, on)
    }
    fn purchase(
        &self,
        c: &Customer,
        item: PurchaseItem,
        quantity: u32,
        remaining: Minutes,
    ) -> Result<Quote, Denial> {
        self.0.purchase(c, item, quantity, remaining)
    }
    fn book_session(&self, c: &Customer, r: &SessionRequest) -> Result<SessionGrant, Denial> {
        self.0.book_session(c, r)
    }
}
impl VendorAdapter for Pausing {
    fn id(&self) -> &VendorId {
        self.0.id()
    }
    fn name(&self) -> &str {
        self.0.name()
    }
    fn messages(&self) -> &MessageCatalog {
        self.0.messages()
    }
    fn locales(&self) -> &[Locale] {
        self.0.locales()
    }
    fn rules(&self) -> &[RuleId] {
        self.0.rules()
    }
}

fn build_pausing_connex(config: &AdapterConfig) -> Result<SharedAdapter, ConfigError> {
    let inner = (tierline_connex::factory().build)(config)?;
    Ok(Arc::new(Pausing(inner)))
}

/// The server with a Connex adapter whose clocks pause while pending.
pub async fn spawn_pausing_app() -> TestApp {
    let factories = [AdapterFactory {
        id: "connex",
        build: build_pausing_connex,
    }];
    let registry = Registry::build(&factories, &AdapterConfig::empty()).expect("registry");
    spawn_app_with(registry).await
}

impl TestApp {
    /// Posts a lifecycle event.
    pub async fn event(&self, token: &str, ticket: &str, kind: &str, at: Option<&str>) -> Reply {
        let mut body = json!({ "type": kind });
        if let Some(at) = at {
            body["at"] = json!(at);
        }
        self.post(&format!("/api/v1/tickets/{ticket}/events"), token, &body)
            .await
    }

    /// The agent token of one vendor.
    pub fn agent(&self, vendor: &str) -> String {
        self.token(tierline_api::Role::Agent, &[vendor], None)
    }

    /// A ticket's history kinds.
    pub async fn history(&self, ticket: &str) -> Vec<String> {
        let r = self
            .get(&format!("/api/v1/tickets/{ticket}/events"), &self.admin)
            .await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        r.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|e| e["kind"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// POSTs every body to `path` at once (each on its own task); statuses and bodies in
    /// the order given.
    pub async fn parallel_posts(
        &self,
        path: &str,
        token: &str,
        bodies: Vec<Value>,
    ) -> Vec<(u16, Value)> {
        let mut tasks = Vec::new();
        for body in bodies {
            let req = self
                .client
                .post(format!("{}{path}", self.base))
                .bearer_auth(token)
                .json(&body);
            tasks.push(tokio::spawn(async move {
                let res = req.send().await.expect("request");
                let status = res.status().as_u16();
                (status, res.json::<Value>().await.unwrap_or(Value::Null))
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.expect("task"));
        }
        out
    }

    /// Creates a ticket (admin) and returns its id.
    pub async fn ticket_id(&self, body: Value) -> String {
        let t = self.ticket(&self.admin.clone(), &body).await;
        t["id"].as_str().expect("id").to_owned()
    }
}
