//! Tierline adapter for **Connex** (JMA Web Technologies dba Sync with Connex), seeds 000
//! (support policy FAQ) and 001 (SLA), as settled by POLICY.md.
//!
//! # Rules (ids in [`rules`], sentences in `messages/en.ftl`)
//! - **Calendar** (`calendar.json`): America/New_York, Mon–Fri 09:00–16:00, US holidays of
//!   seed 001 (fixed dates observed the US federal way, except Christmas Eve and New Year's
//!   Eve), Thanksgiving Eve 09:00–12:00 (configurable). 1 bd = 420 business minutes.
//! - **Catalog**: Silver (Super, Enterprise), Micro, Starter, Growth, Pro → Tier 1; Gold
//!   (Ultra) → Tier 2, configurable (`connex.catalog.gold_ceiling`); Platinum (Ultra Plus,
//!   Elite) → Tier 3, 10 h developer time per year, USD 5,988 per year
//!   (`connex.catalog.tier_ceiling`). No plan includes screen sharing by default.
//! - **Intake**: every ticket starts at Tier 1, not billed (`connex.intake.tier_one`); a
//!   given priority passes through unchanged and changes nothing
//!   (`connex.intake.priority_unused`); the 16 boundaries of seed 000
//!   (`connex.scope.*`) answer a ticket out of scope with the boundary and a knowledge-base
//!   pointer; QuickBooks Web Connector / Desktop faults are routed to Intuit as a third party
//!   (`connex.routing.intuit`).
//! - **Triage** ([`triage`], [`reading`], phrases in [`scope`]): a person's ruling
//!   (`connex.triage.ruling`) outranks the intake facts (`connex.triage.fact`; five questions,
//!   [`triage::FACTS`]), which outrank the text. The text takes support away (a boundary,
//!   Intuit) only on a Strong reading; a Moderate one keeps the ticket in scope with Connex
//!   and flags it (`connex.triage.unsure`), as does a QuickBooks fault blamed on a Connex
//!   update (`connex.triage.regression_conflict`); out-of-scope work the customer did, asks
//!   how to do, or says did not happen stays in scope (`connex.triage.not_a_request`).
//!   Boundary 13 (`connex.scope.developer_escalation`) is the escalation rule: at intake it
//!   only adds the upgrade offer when a customer who cannot escalate asks for developers.
//! - **SLA**: first response 1 bd (`connex.sla.first_response`), warning at 75 % by default
//!   (`connex.sla.warning`), no pause while pending (`connex.sla.no_pause`), no resolution
//!   target (`connex.sla.no_resolution_target`); out-of-scope and Intuit tickets still get
//!   their first response, the answer (`connex.sla.out_of_scope_answered`).
//! - **Queue**: Platinum first (`connex.queue.platinum_first`), then oldest first
//!   (`connex.queue.oldest_first`).
//! - **Escalation**: above Tier 1 needs an annual plan (`connex.escalation.annual_required`)
//!   and a tier within the ceiling (`connex.escalation.above_ceiling`), otherwise denied with
//!   the Platinum annual offer; allowed ones cite `connex.escalation.within_ceiling`; a
//!   regression may go to Tier 2 on any plan, uncharged
//!   (`connex.escalation.regression_exception`); Tier 1 or downward moves are always allowed
//!   (`connex.escalation.not_upward`); Platinum developer work is charged to the hours
//!   (`connex.escalation.charges_hours`). A ticket without a level escalates from Tier 1
//!   (`connex.escalation.from_tier_one`); an out-of-scope ticket is not escalated
//!   (`connex.escalation.out_of_scope`); Tier 3 only through Tier 2, configurable
//!   (`connex.escalation.through_tier_two`). Lines are not Connex concepts:
//!   `PolicyError::NotApplicable`.
//! - **Developer hours** (Platinum): 10 h per plan year (`connex.hours.annual_allowance`), 5 h
//!   for the plan year of an upgrade less than 6 months before renewal
//!   (`connex.hours.prorated_upgrade`), reset at renewal, no rollover
//!   (`connex.hours.reset_at_renewal`), fallback plan year without a renewal date
//!   (`connex.hours.no_renewal_date`), never below zero (`connex.hours.never_negative`:
//!   the core's `Budget::remaining`). No budget is a denial: not Platinum
//!   (`connex.hours.platinum_only`, with the Platinum annual offer), a plan year before the
//!   upgrade (`connex.hours.before_upgrade`), or a plan year beyond the date range
//!   (`connex.hours.plan_year_out_of_range`).
//! - **Purchases**: developer calls at USD 250 per 30 minutes only for Platinum with no hours
//!   left (`connex.purchase.developer_call`, `connex.purchase.platinum_only`,
//!   `connex.purchase.hours_left`); screen sharing without upgrading
//!   (`connex.purchase.screen_share`, `connex.purchase.screen_share_included`); quantity ≥ 1
//!   (`connex.purchase.quantity`).
//! - **Sessions**: onboarding booked ≥ 24 h ahead (`connex.session.lead_time`); every session
//!   inside one period of support hours (`connex.session.support_hours`).
#![deny(missing_docs)]

pub mod catalog;
pub mod config;
mod entitlement;
mod escalation;
mod intake;
mod outage;
pub mod reading;
pub mod rules;
pub mod scope;
mod sla;
pub mod triage;

use chrono::{Months, NaiveDate};
use tierline_calendar::{CalendarDef, CalendarError, DayEffect};
use tierline_core::{
    AdapterFactory, BillingCycle, BuildAdapter, Calendar, Customer, IdError, Locale,
    MessageCatalog, MessageError, Money, Offer, Plan, PlanCatalog, PlanId, PolicyError, Proration,
    RuleId, VendorAdapter, VendorId,
};

pub use config::Config;

/// The vendor id, also the name of the configuration table.
pub const ID: &str = "connex";

const CALENDAR_JSON: &str = include_str!("../calendar.json");
const MESSAGES_EN: &str = include_str!("../messages/en.ftl");
/// The name of the calendar rule that `thanksgiving_eve_hours` replaces.
const THANKSGIVING_EVE: &str = "Thanksgiving Eve";

/// Why the adapter could not be built from its configuration.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The calendar (built-in or override) is invalid.
    #[error("calendar: {0}")]
    Calendar(#[from] CalendarError),
    /// `thanksgiving_eve_hours` is set but the calendar has no Thanksgiving Eve rule.
    #[error(
        "thanksgiving_eve_hours is set but the calendar has no rule named {THANKSGIVING_EVE:?}"
    )]
    NoThanksgivingEve,
    /// The message catalog is invalid.
    #[error("messages: {0}")]
    Messages(#[from] MessageError),
    /// An identifier is invalid.
    #[error(transparent)]
    Id(#[from] IdError),
}

/// The Connex adapter.
#[derive(Debug, Clone)]
pub struct Connex {
    id: VendorId,
    config: Config,
    plans: Vec<Plan>,
    calendar: Calendar,
    messages: MessageCatalog,
    offer: Offer,
}

impl Connex {
    /// Builds the adapter from its settings.
    pub fn new(config: Config) -> Result<Self, BuildError> {
        let mut def: CalendarDef = match &config.calendar {
            Some(def) => def.clone(),
            None => serde_json::from_str(CALENDAR_JSON)
                .map_err(|e| CalendarError::Json(e.to_string()))?,
        };
        if let Some(hours) = &config.thanksgiving_eve_hours {
            let rule = def
                .rules
                .iter_mut()
                .find(|r| r.name == THANKSGIVING_EVE)
                .ok_or(BuildError::NoThanksgivingEve)?;
            rule.effect = if hours.is_empty() {
                DayEffect::Closed
            } else {
                DayEffect::Hours(hours.clone())
            };
        }
        Ok(Self {
            id: VendorId::parse(ID)?,
            plans: catalog::plans(&config)?,
            calendar: Calendar::new(def)?,
            messages: MessageCatalog::new().with_locale(Locale::En, MESSAGES_EN)?,
            offer: catalog::platinum_offer()?,
            config,
        })
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A rule's explanation sentence in the default locale. Falls back to the rule id if the
    /// catalog cannot render it (the conformance suite and tests guarantee it can).
    pub(crate) fn say(&self, rule: RuleId, args: &[(&str, &str)]) -> String {
        self.customer_text(rule.as_str(), args)
    }

    /// Any catalog message in the default locale (English: Connex speaks only English).
    pub(crate) fn customer_text(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.messages
            .render(self.messages.default_locale(), key, args)
            .unwrap_or_else(|_| key.to_owned())
    }

    /// The plan a customer is on.
    pub(crate) fn plan(&self, id: &PlanId) -> Result<&Plan, PolicyError> {
        self.resolve_plan(id.as_str())
            .ok_or_else(|| PolicyError::UnknownPlan(id.to_string()))
    }

    /// The Platinum annual offer.
    pub(crate) fn offer(&self) -> &Offer {
        &self.offer
    }

    /// The Platinum annual offer as made to `customer` on `today`: a customer already on an
    /// annual plan with a known renewal is billed on a prorated basis for the rest of its
    /// billing period (`connex.offer.prorated`).
    pub(crate) fn offer_for(&self, customer: &Customer, today: NaiveDate) -> Offer {
        let mut offer = self.offer.clone();
        offer.proration = self.proration(customer, today, offer.price).map(Box::new);
        offer
    }

    fn proration(&self, customer: &Customer, today: NaiveDate, price: Money) -> Option<Proration> {
        const MONTHS: u32 = 12;
        if customer.billing_cycle != BillingCycle::Annual {
            return None;
        }
        let renews_on = customer.renews_on.filter(|r| *r > today)?;
        let months_left = (1..=MONTHS)
            .find(|m| {
                today
                    .checked_add_months(Months::new(*m))
                    .is_some_and(|d| d >= renews_on)
            })
            .unwrap_or(MONTHS);
        let amount = Money::minor(
            price.minor.saturating_mul(i64::from(months_left)) / i64::from(MONTHS),
            price.currency,
        );
        let text = self.say(
            rules::OFFER_PRORATED,
            &[
                ("left", &months_left.to_string()),
                ("total", &MONTHS.to_string()),
                ("amount", &amount.to_string()),
            ],
        );
        Some(Proration {
            months_left,
            months_in_period: MONTHS,
            amount,
            text,
        })
    }
}

impl PlanCatalog for Connex {
    fn plans(&self) -> &[Plan] {
        &self.plans
    }
}

impl VendorAdapter for Connex {
    fn id(&self) -> &VendorId {
        &self.id
    }

    fn name(&self) -> &str {
        "Connex"
    }

    fn messages(&self) -> &MessageCatalog {
        &self.messages
    }

    fn rules(&self) -> &[RuleId] {
        rules::ALL
    }
}

/// The registry entry: decodes the adapter's configuration table and builds the adapter.
pub fn factory() -> AdapterFactory {
    AdapterFactory::of::<Connex>()
}

impl BuildAdapter for Connex {
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
/// Never in practice: the built-in calendar and messages are checked by this crate's tests.
pub fn adapter_with_defaults() -> Connex {
    match Connex::new(Config::default()) {
        Ok(adapter) => adapter,
        Err(e) => panic!("the built-in Connex defaults are invalid: {e}"),
    }
}
