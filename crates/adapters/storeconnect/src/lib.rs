//! The StoreConnect adapter (seed 002, POLICY.md "StoreConnect").
//!
//! # Rules (ids in [`rules`], sentences in `messages/en.ftl`)
//! - **Calendar**: `Australia/Sydney`, Mon–Fri 09:00–17:00, NSW public holidays
//!   (`calendar.json`, replaceable with `calendar` in [`Config`]); one business day is 480
//!   business minutes (`storeconnect.sla.business_day`, configurable).
//! - **Plans**: small, medium, large, enterprise, smallest first; "Large or higher" is
//!   large and enterprise. StoreConnect has no tiers or lines: every plan's ceiling is
//!   `SupportLevel::Team("support")`; `Team("development")` is the development team
//!   (Accelerated Development, escalations). No prices, developer hours or screen sharing
//!   are published.
//! - **Resolution clock** (`storeconnect.sla.resolution`): resolve or mitigate within
//!   critical 3 / 2 / 1 / 1 and high 10 / 5 / 5 / 5 business days (small / medium / large /
//!   enterprise); medium and low have none (`storeconnect.sla.no_resolution_target`). The
//!   matrix is configurable. The clock warns at 75 % of the target by default
//!   (`storeconnect.sla.warning`, configurable or off) and does not pause.
//! - **No first-response target**: the seed publishes none, so none runs
//!   (`storeconnect.sla.no_first_response`).
//! - **Priority** (the evidence ladder, [`triage`] module docs): an agent's ruling wins
//!   (`storeconnect.priority.ruling`); otherwise the reporter or agent sets it and it is kept
//!   (`storeconnect.priority.reporter_set`); the adapter reads one from the text and the
//!   intake facts ([`priority`], [`facts`]) and reports it when it differs
//!   (`storeconnect.priority.suggestion_differs`), flagging the ticket when the text plainly
//!   states a critical problem above the reporter's priority
//!   (`storeconnect.priority.critical_below_reported`). With none set the reading is used,
//!   from facts (`storeconnect.priority.from_facts`, naming them) or text
//!   (`storeconnect.priority.suggested`); an unsure reading keeps the more urgent priority
//!   and flags the ticket (`storeconnect.priority.unsure`); medium when nothing matches
//!   (`storeconnect.priority.default_medium`).
//! - **Intake questions** ([`facts`]): request kind, production or staging, all or some
//!   customers, workaround.
//! - **Queue** (`storeconnect.queue.critical_first`): critical (class 0) before everything,
//!   then high (1), then the rest (2); within a class by resolution due time, or receipt
//!   when no clock runs.
//! - **Accelerated Development** (`storeconnect.routing.accelerated_development`): a
//!   customer's low-priority ticket asking for it is recorded and routed to the development
//!   team with no SLA clock. Asked for on any other ticket, it is not applied and the
//!   customer is told why (`storeconnect.routing.accelerated_development_ineligible`).
//!   Everything else goes to the support team (`storeconnect.routing.support`).
//! - **Monitoring** (`storeconnect.intake.monitoring`): tickets on channel `monitoring`
//!   were opened by StoreConnect's monitoring and are accepted like customers' tickets.
//!   Because the seed says monitoring is never 100 % accurate and asks customers who see a
//!   problem to raise a case via the support portal, such tickets (and only those: a
//!   customer's ticket already is that case) carry a customer message recommending it.
//!   Monitoring cannot ask for Accelerated Development (it is co-development with the
//!   customer).
//! - **Escalations** (not defined by the seed): moving a ticket between the support and
//!   development teams is allowed on every plan and draws on nothing
//!   (`storeconnect.escalation.allowed`); tiers and lines are not applicable
//!   (`storeconnect.escalation.teams_only`).
//! - **Entitlements**: none. No developer budget
//!   (`storeconnect.entitlement.no_developer_time`); purchases are denied
//!   (`storeconnect.entitlement.no_purchases`); sessions are not bookable
//!   (`storeconnect.entitlement.no_sessions`).
//! - Every ticket is in scope, not billable and needs no extra information. Messages are
//!   English only.
#![deny(missing_docs)]

pub mod catalog;
pub mod config;
mod entitlement;
mod escalation;
pub mod facts;
mod intake;
pub mod priority;
pub mod rules;
mod sla;
pub mod triage;

use chrono::NaiveDate;
use tierline_calendar::{BusinessMinutes, Calendar, CalendarError};
use tierline_core::{
    AdapterFactory, Budget, BuildAdapter, Customer, Decision, Denial, EntitlementPolicy,
    EscalationDecision, EscalationPolicy, EscalationRequest, Explanation, IdError, Locale,
    MessageArgs, MessageCatalog, MessageError, Minutes, Plan, PlanCatalog, PolicyError,
    PurchaseItem, QueueEntry, QueueKey, Quote, RuleId, SessionGrant, SessionRequest, SlaPolicy,
    SlaQuery, SlaTargets, TicketIntake, TicketPolicy, VendorAdapter, VendorId,
};

pub use config::Config;

/// The vendor id (and configuration table name).
pub const ID: &str = "storeconnect";

const CALENDAR_JSON: &str = include_str!("../calendar.json");
const MESSAGES_EN: &str = include_str!("../messages/en.ftl");

/// Why the adapter could not be built from a configuration.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The calendar (bundled or configured) is invalid.
    #[error("calendar: {0}")]
    Calendar(#[from] CalendarError),
    /// The message catalog is invalid.
    #[error("messages: {0}")]
    Messages(#[from] MessageError),
    /// An identifier is invalid.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A setting is out of range.
    #[error("{0}")]
    Setting(String),
}

/// The StoreConnect adapter.
#[derive(Debug, Clone)]
pub struct StoreConnect {
    id: VendorId,
    plans: Vec<Plan>,
    calendar: Calendar,
    messages: MessageCatalog,
    config: Config,
}

impl StoreConnect {
    /// Builds the adapter from its settings.
    pub fn new(config: Config) -> Result<Self, BuildError> {
        config.validate().map_err(BuildError::Setting)?;
        let calendar = match &config.calendar {
            Some(def) => Calendar::new(def.clone())?,
            None => Calendar::from_json(CALENDAR_JSON)?,
        };
        Ok(Self {
            id: VendorId::parse(ID)?,
            plans: catalog::plans()?,
            calendar,
            messages: MessageCatalog::new().with_locale(Locale::En, MESSAGES_EN)?,
            config,
        })
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Renders a message of the default locale.
    fn text(&self, key: &str, args: MessageArgs<'_>) -> Result<String, MessageError> {
        self.messages
            .render(self.messages.default_locale(), key, args)
    }

    /// Adds `rule` with its explanation sentence to `why`.
    fn cite(
        &self,
        why: &mut Explanation,
        rule: RuleId,
        args: MessageArgs<'_>,
    ) -> Result<(), PolicyError> {
        why.push(rule, self.text(rule.as_str(), args)?);
        Ok(())
    }
}

/// The registry entry: decodes the adapter's configuration table and builds the adapter.
pub fn factory() -> AdapterFactory {
    AdapterFactory::of::<StoreConnect>()
}

impl BuildAdapter for StoreConnect {
    const ID: &'static str = ID;
    type Config = Config;
    type Error = BuildError;

    fn from_config(config: Config) -> Result<Self, BuildError> {
        Self::new(config)
    }
}

/// The adapter with the policy as published (for tests and tools).
///
/// # Panics
/// Only if the bundled calendar or messages are invalid, which the crate's tests rule out.
pub fn adapter_with_defaults() -> StoreConnect {
    match StoreConnect::new(Config::default()) {
        Ok(adapter) => adapter,
        Err(e) => panic!("the bundled StoreConnect defaults are invalid: {e}"),
    }
}

impl PlanCatalog for StoreConnect {
    fn plans(&self) -> &[Plan] {
        &self.plans
    }
}

impl TicketPolicy for StoreConnect {
    fn evaluate(
        &self,
        customer: &Customer,
        intake: &TicketIntake,
    ) -> Result<Decision, PolicyError> {
        intake::evaluate(self, customer, intake)
    }

    fn intake_facts(&self) -> &[tierline_core::FactSpec] {
        facts::SPECS
    }
}

impl SlaPolicy for StoreConnect {
    fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn business_day(&self) -> BusinessMinutes {
        self.config.business_day()
    }

    fn sla_targets(&self, query: &SlaQuery) -> Result<SlaTargets, PolicyError> {
        sla::query_targets(self, query)
    }

    fn queue_key(&self, entry: &QueueEntry<'_>) -> QueueKey {
        sla::queue_key(entry)
    }
}

impl EscalationPolicy for StoreConnect {
    fn escalate(
        &self,
        customer: &Customer,
        request: &EscalationRequest,
    ) -> Result<EscalationDecision, PolicyError> {
        escalation::escalate(self, customer, request)
    }
}

impl EntitlementPolicy for StoreConnect {
    fn developer_budget(&self, customer: &Customer, _on: NaiveDate) -> Result<Budget, Denial> {
        entitlement::developer_budget(self, customer)
    }

    fn purchase(
        &self,
        _customer: &Customer,
        item: PurchaseItem,
        quantity: u32,
        remaining: Minutes,
    ) -> Result<Quote, Denial> {
        entitlement::purchase(self, item, quantity, remaining)
    }

    fn book_session(
        &self,
        _customer: &Customer,
        request: &SessionRequest,
    ) -> Result<SessionGrant, Denial> {
        entitlement::book_session(self, request)
    }
}

impl VendorAdapter for StoreConnect {
    fn id(&self) -> &VendorId {
        &self.id
    }

    fn name(&self) -> &str {
        "StoreConnect"
    }

    fn messages(&self) -> &MessageCatalog {
        &self.messages
    }

    fn rules(&self) -> &[RuleId] {
        rules::ALL
    }
}
