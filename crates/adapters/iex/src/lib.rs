//! Tierline adapter for IEX's support policy (seeds 003 English and 004 Danish, settled by
//! POLICY.md).
//!
//! # Rules
//! Each rule id below is a constant in [`rules`] and has an explanation sentence in both
//! message catalogs.
//!
//! - `iex.catalog.standard_plan`: one paid plan, `standard`, reaching at most 2nd line.
//!   Trials are a customer flag; free integrations are the customer's `integration`.
//! - `iex.messages.language`: customer messages in Danish or English: the ticket's
//!   requested language (`Accept-Language`), else the customer's, else **Danish** (IEX is
//!   a Danish company and the Danish seed 004 is the fuller one).
//! - Routing, first match wins:
//!   - `iex.routing.free_integration_partner`: DanDomain Free (Zettle–DanDomain) goes to
//!     DanDomain, Billy Free (Zettle–Billy) to Billy; no IEX clock.
//!   - `iex.routing.reseller`: a customer who bought through a reseller is sent to that
//!     reseller (name, contact, id returned); no IEX clock.
//!   - `iex.routing.iex_support`: everything else goes to IEX support, 1st line.
//! - Scope (IEX tickets only):
//!   - `iex.scope.integration_only`: integration questions are in scope.
//!   - `iex.scope.system_setup_referral`: questions about setting up one system (webshop,
//!     accounting system, plugin) with no mention of the integration are out of scope and
//!     referred to the system partner, vendor, web developer or accountant.
//!   - `iex.scope.customer_readiness`: a ticket about products lacking product numbers is
//!     told that readiness is the customer's responsibility (it stays in scope).
//!   - `iex.scope.installation_needs_setup_order`: installation or implementation of the
//!     integration in the customer's own systems is done only when setup has been ordered
//!     (intake fact `has_setup_order`, or a setup order stated in the text).
//! - Triage (module `triage`, reading in `reading`): a human ruling outranks the intake
//!   facts ([`facts::SPECS`]: `question_about`, `has_setup_order`, `examples_attached`,
//!   `products_lack_numbers`), which outrank the text; `iex.triage.ruling` and
//!   `iex.triage.intake_fact` name what decided. Out of scope only on a ruling, a fact or a
//!   Strong text reading; a Moderate one keeps the ticket in scope and flags it.
//! - Channels: `iex.channel.written` (e-mail, chat, portal); `iex.channel.phone_billable`
//!   (phone is billable at the configured hourly rate, or "current rates");
//!   `iex.channel.phone_reference` (a phone ticket citing no earlier ticket number or
//!   e-mail address gets a request for one).
//! - `iex.intake.needs_examples`: a ticket with no concrete ids (order or product numbers),
//!   no earlier case number and no `examples_attached` fact is accepted with `needs_info`
//!   and a request for examples.
//! - `iex.intake.trial_pointer`: trial customers are pointed to "How does the integration
//!   work?" ("Hvordan virker integrationen?").
//! - `iex.queue.fifo`: strictly first come, first served; tickets carry no priority, and a
//!   requested priority or "urgent"/"haster"/"akut" in the text is ignored (and said so).
//! - `iex.sla.first_response`: first response within 3 bd (1 bd = 420 business minutes,
//!   Mon–Fri 09:00–16:00 Europe/Copenhagen), warning after 1 bd; no resolution target.
//! - `iex.sla.second_line`: at 2nd line the response target is 10 bd (configurable).
//! - Escalation: `iex.escalation.second_line` (1st → 2nd line allowed, re-targeting the
//!   response clock), `iex.escalation.written` (2nd-line communication is in writing; the
//!   allowed decision carries the customer notice "longer response time, in writing" in
//!   the customer's language),
//!   `iex.escalation.path` (no other line move), `iex.escalation.lines_only` (tiers and
//!   teams are not IEX concepts: denied). Tickets routed to a partner or reseller are not
//!   IEX's to escalate: denied citing the routing rule.
//! - Entitlements: `iex.entitlement.no_developer_time` (no budget: a denial citing it; no
//!   developer calls),
//!   `iex.entitlement.no_purchases` (no screen sharing for sale),
//!   `iex.entitlement.no_sessions` (no bookable sessions).
#![deny(missing_docs)]

use tierline_calendar::{BusinessMinutes, Calendar};
use tierline_core::{
    AdapterFactory, BuildAdapter, Customer, CustomerMessage, Explanation, Locale, MessageCatalog,
    MessageError, Plan, PolicyError, RuleId, VendorAdapter, VendorId,
};

pub mod catalog;
pub mod config;
mod entitlement;
mod escalation;
pub mod facts;
mod intake;
mod reading;
mod routing;
pub mod rules;
mod sla;
mod text;
mod triage;

pub use config::Config;
pub use routing::Route;

/// The vendor id.
pub const ID: &str = "iex";

/// Minutes in one IEX business day (09:00–16:00).
pub const BUSINESS_DAY: BusinessMinutes = BusinessMinutes::new(420);

const CALENDAR_JSON: &str = include_str!("../calendar.json");
const MESSAGES_DA: &str = include_str!("../messages/da.ftl");
const MESSAGES_EN: &str = include_str!("../messages/en.ftl");

/// Why the adapter could not be built from its configuration.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A setting is out of range.
    #[error("{0}")]
    Invalid(String),
    /// The calendar (bundled or override) is invalid.
    #[error("calendar: {0}")]
    Calendar(#[from] tierline_calendar::CalendarError),
    /// A message catalog is malformed.
    #[error("messages: {0}")]
    Messages(#[from] MessageError),
    /// An identifier is malformed.
    #[error(transparent)]
    Id(#[from] tierline_core::IdError),
}

/// The IEX adapter.
#[derive(Debug, Clone)]
pub struct Iex {
    id: VendorId,
    config: Config,
    calendar: Calendar,
    plans: Vec<Plan>,
    messages: MessageCatalog,
}

impl Iex {
    /// Builds the adapter from its settings.
    pub fn new(config: Config) -> Result<Self, BuildError> {
        config.validate().map_err(BuildError::Invalid)?;
        let calendar = match &config.calendar {
            Some(def) => Calendar::new(def.clone())?,
            None => Calendar::from_json(CALENDAR_JSON)?,
        };
        // Danish first: it is the default locale.
        let messages = MessageCatalog::new()
            .with_locale(Locale::Da, MESSAGES_DA)?
            .with_locale(Locale::En, MESSAGES_EN)?;
        Ok(Self {
            id: VendorId::parse(ID)?,
            config,
            calendar,
            plans: catalog::plans()?,
            messages,
        })
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `days` IEX business days in business minutes.
    pub(crate) fn business_days(days: u32) -> BusinessMinutes {
        BusinessMinutes::new(BUSINESS_DAY.get() * i64::from(days))
    }

    /// The language to write to this customer in: `requested` (e.g. from
    /// `Accept-Language`), else the customer's, else Danish.
    pub fn locale_for(&self, customer: &Customer, requested: Option<Locale>) -> Locale {
        self.messages.pick(requested.or(customer.locale))
    }

    /// Appends `rule` with its explanation sentence (default locale) to `explanation`.
    pub(crate) fn cite(
        &self,
        explanation: &mut Explanation,
        rule: RuleId,
        args: &[(&str, &str)],
    ) -> Result<(), PolicyError> {
        let text = self
            .messages
            .render(self.messages.default_locale(), rule.as_str(), args)?;
        explanation.push(rule, text);
        Ok(())
    }

    /// The explanation sentence of `rule`, or its id if the catalog lacks it (the
    /// conformance suite guarantees it does not).
    pub(crate) fn rule_text(&self, rule: RuleId) -> String {
        self.messages
            .render(self.messages.default_locale(), rule.as_str(), &[])
            .unwrap_or_else(|_| rule.as_str().to_owned())
    }

    /// Renders a customer message.
    pub(crate) fn message(
        &self,
        locale: Locale,
        key: &str,
        args: &[(&str, &str)],
    ) -> Result<CustomerMessage, PolicyError> {
        Ok(CustomerMessage {
            key: key.to_owned(),
            locale,
            text: self.messages.render(locale, key, args)?,
        })
    }

    fn check_plan(&self, customer: &Customer) -> Result<(), PolicyError> {
        if self.plans.iter().any(|p| p.id == customer.plan) {
            Ok(())
        } else {
            Err(PolicyError::UnknownPlan(customer.plan.to_string()))
        }
    }
}

impl tierline_core::PlanCatalog for Iex {
    fn plans(&self) -> &[Plan] {
        &self.plans
    }
}

impl VendorAdapter for Iex {
    fn id(&self) -> &VendorId {
        &self.id
    }

    fn name(&self) -> &str {
        "IEX"
    }

    fn messages(&self) -> &MessageCatalog {
        &self.messages
    }

    fn rules(&self) -> &[RuleId] {
        rules::ALL
    }
}

/// The registry entry: decodes the `[iex]` table of the adapter config and builds the adapter.
pub fn factory() -> AdapterFactory {
    AdapterFactory::of::<Iex>()
}

impl BuildAdapter for Iex {
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
/// Only if the bundled calendar or message catalogs are malformed, which the crate's own
/// tests rule out.
pub fn adapter_with_defaults() -> Iex {
    match Iex::new(Config::default()) {
        Ok(adapter) => adapter,
        Err(e) => panic!("bundled IEX adapter data is invalid: {e}"),
    }
}
