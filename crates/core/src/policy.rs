//! What adapters answer: decisions, each with the rules that produced it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tierline_calendar::{BusinessMinutes, CalendarError, WarningRule};

use crate::domain::{
    BillingCycle, IdError, Locale, Minutes, Money, PlanId, Priority, RuleId, SupportLevel,
};
use crate::messages::MessageError;
use crate::triage::Triage;

/// One line of an explanation: which rule applied and, in a short sentence, what it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The rule's id, e.g. `connex.escalation.annual_required`.
    pub rule: RuleId,
    /// A short human sentence for the helpdesk agent, in the vendor's default locale.
    pub text: String,
}

/// The rules behind a decision, in the order they applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Explanation(pub Vec<Reason>);

impl Explanation {
    /// An empty explanation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `rule` applied.
    pub fn push(&mut self, rule: RuleId, text: impl Into<String>) {
        self.0.push(Reason {
            rule,
            text: text.into(),
        });
    }

    /// Whether `rule` is among the reasons.
    pub fn cites(&self, rule: RuleId) -> bool {
        self.0.iter().any(|r| r.rule == rule)
    }

    /// The reasons.
    pub fn reasons(&self) -> &[Reason] {
        &self.0
    }
}

/// Who handles a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoutingKind {
    /// The vendor's own support.
    Vendor,
    /// The reseller the customer bought through.
    Reseller,
    /// A partner that supports a free variant of the product.
    Partner,
    /// A third party (e.g. Intuit for QuickBooks faults).
    ThirdParty,
}

/// Where a ticket goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Routing {
    /// What kind of party handles it.
    pub kind: RoutingKind,
    /// The party's name (or the vendor team).
    pub handled_by: String,
    /// How to reach the party, when it is not the vendor.
    pub contact: Option<String>,
    /// The reseller's id, when routed to a reseller (reseller tokens see only these).
    pub reseller_id: Option<String>,
    /// The support level inside the vendor, when routed to the vendor.
    pub level: Option<SupportLevel>,
    /// Whether the ticket is in the vendor's working queue: the vendor works it and owes
    /// the answer. Always so when routed to the vendor; also for a third-party case the
    /// vendor helps open and still answers (e.g. Connex and Intuit); never for a reseller
    /// or partner.
    pub in_vendor_queue: bool,
}

/// A scope boundary a ticket matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boundary {
    /// The boundary's id within the vendor (e.g. `connex.scope.firewall`).
    pub rule: RuleId,
    /// The boundary as the vendor states it.
    pub text: String,
    /// Where the customer can find help instead (knowledge base, partner...).
    pub pointer: Option<String>,
}

/// Whether a ticket is within the vendor's support scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// In scope.
    pub in_scope: bool,
    /// The boundary matched when out of scope.
    pub boundary: Option<Boundary>,
}

impl Scope {
    /// In scope, no boundary.
    pub const IN: Scope = Scope {
        in_scope: true,
        boundary: None,
    };
}

/// One SLA clock a ticket gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockSpec {
    /// The target in business minutes of the vendor's calendar.
    pub target: BusinessMinutes,
    /// When to warn before breach.
    pub warning: Option<WarningRule>,
    /// Whether the clock pauses while the ticket waits on the customer.
    pub pauses_when_pending: bool,
    /// Whether a mitigation (a `mitigated` ticket event) meets the clock, as well as the
    /// event that normally stops it (a "resolve or mitigate" target).
    pub met_by_mitigation: bool,
}

/// The clocks a ticket gets; `None` where no target applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SlaTargets {
    /// Time to first response.
    pub first_response: Option<ClockSpec>,
    /// Time to resolution (or mitigation).
    pub resolution: Option<ClockSpec>,
}

impl SlaTargets {
    /// No clocks at all.
    pub const NONE: SlaTargets = SlaTargets {
        first_response: None,
        resolution: None,
    };
}

/// A message for the customer, rendered from the vendor's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerMessage {
    /// The catalog key.
    pub key: String,
    /// The language.
    pub locale: Locale,
    /// The rendered text.
    pub text: String,
}

/// The intake decision for a new ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Who handles it.
    pub routing: Routing,
    /// In scope or not.
    pub scope: Scope,
    /// The priority the ticket carries (the vendor's rules applied to what was asked).
    pub priority: Option<Priority>,
    /// A priority the adapter suggests from the text, when it differs or none was set.
    pub suggested_priority: Option<Priority>,
    /// Whether the work is charged to the customer.
    pub billable: bool,
    /// Whether the vendor needs more information before it can work the ticket.
    pub needs_info: bool,
    /// Messages for the customer.
    pub messages: Vec<CustomerMessage>,
    /// The SLA clocks that start.
    pub sla: SlaTargets,
    /// Why.
    pub explanation: Explanation,
    /// What was read from the ticket, on what evidence, and whether a human should look.
    pub triage: Triage,
}

/// What a queue sorts by: `class` ascending, then `at` ascending, then receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QueueKey {
    /// The band (0 first).
    pub class: i16,
    /// The instant within the band (receipt or a due time).
    pub at: DateTime<Utc>,
}

/// What a queue ordering may look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry<'a> {
    /// The customer's plan.
    pub plan: &'a PlanId,
    /// The ticket's priority.
    pub priority: Option<Priority>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The first-response due time, if a clock runs.
    pub first_response_due: Option<DateTime<Utc>>,
    /// The resolution due time, if a clock runs.
    pub resolution_due: Option<DateTime<Utc>>,
}

/// An escalation an agent asks for, with what the policy needs to know about the ticket
/// as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationRequest {
    /// The level the ticket is at now; `None` when the ticket has none (e.g. routed to a
    /// third party at intake). The vendor's policy says where such a ticket starts from.
    pub from: Option<SupportLevel>,
    /// The level asked for.
    pub to: SupportLevel,
    /// The problem was caused by a recent vendor update.
    pub regression: bool,
    /// The boundary the ticket is out of scope by, as its scope stands now (after any
    /// triage); `None` when it is in scope.
    pub out_of_scope: Option<Boundary>,
    /// Whether the vendor has already responded to the ticket (its first response is
    /// recorded).
    pub responded: bool,
    /// When the escalation happens.
    pub at: DateTime<Utc>,
}

impl EscalationRequest {
    /// A request to move an in-scope, unanswered, non-regression ticket from `from` to `to`
    /// at `at`; the other fields are set with the builder methods.
    pub fn new(from: Option<SupportLevel>, to: SupportLevel, at: DateTime<Utc>) -> Self {
        Self {
            from,
            to,
            regression: false,
            out_of_scope: None,
            responded: false,
            at,
        }
    }

    /// Flags a problem caused by a recent vendor update.
    pub fn with_regression(mut self, regression: bool) -> Self {
        self.regression = regression;
        self
    }

    /// Sets the boundary the ticket is out of scope by (`None`: in scope).
    pub fn with_out_of_scope(mut self, boundary: Option<Boundary>) -> Self {
        self.out_of_scope = boundary;
        self
    }

    /// Records whether the vendor has responded already.
    pub fn with_responded(mut self, responded: bool) -> Self {
        self.responded = responded;
        self
    }
}

/// An upgrade offered when something is denied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// The plan to upgrade to.
    pub plan: PlanId,
    /// Its display name.
    pub plan_name: String,
    /// The billing cycle required.
    pub billing_cycle: BillingCycle,
    /// The price per cycle.
    pub price: Money,
    /// For a customer already on an annual plan: what the rest of the current billing
    /// period costs (billed on a prorated basis).
    pub proration: Option<Box<Proration>>,
}

/// The prorated part of an upgrade's price for the rest of the current billing period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proration {
    /// Whole months left until the renewal (a started month counts).
    pub months_left: u32,
    /// Months in the billing period.
    pub months_in_period: u32,
    /// The price for the months left.
    pub amount: Money,
    /// The proration in a short sentence, e.g. "prorated: 3 of 12 months left, USD 1497.00
    /// for this period".
    pub text: String,
}

/// A policy's "no", with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Denial {
    /// The rule that denied it.
    pub rule: RuleId,
    /// A short human sentence.
    pub reason: String,
    /// What would make it possible.
    pub offer: Option<Offer>,
}

/// What an allowed escalation does to the ticket's response clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", content = "spec", rename_all = "snake_case")]
pub enum ResponseClock {
    /// The unanswered ticket's running response clock gets the new level's target, counted
    /// from receipt as before.
    Retarget(ClockSpec),
    /// The ticket was answered already: a new response clock with the new level's target
    /// starts at the escalation.
    StartAtEscalation(ClockSpec),
}

impl ResponseClock {
    /// The clock's target, warning and pause setting.
    pub fn spec(&self) -> &ClockSpec {
        match self {
            ResponseClock::Retarget(spec) | ResponseClock::StartAtEscalation(spec) => spec,
        }
    }
}

/// The answer to an escalation request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum EscalationDecision {
    /// The escalation may proceed.
    Allowed {
        /// The level the ticket moves to.
        to: SupportLevel,
        /// Whether developer time on it is drawn from the customer's budget.
        charges_developer_time: bool,
        /// What happens to the response clock, when the new level has its own target.
        first_response: Option<ResponseClock>,
        /// Customer-facing messages that go with the escalation (e.g. "expect a longer
        /// response time"), in the customer's locale; empty when there is nothing to say.
        messages: Vec<CustomerMessage>,
        /// Why.
        explanation: Explanation,
    },
    /// It may not.
    Denied {
        /// The reason and any offer.
        denial: Denial,
        /// Why.
        explanation: Explanation,
    },
}

/// A customer's developer-time budget for one plan year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// First day of the period.
    pub period_start: NaiveDate,
    /// First day after the period (the renewal date).
    pub period_end: NaiveDate,
    /// Developer time included in the period.
    pub included: Minutes,
    /// Why this amount.
    pub explanation: Explanation,
}

impl Budget {
    /// Developer time left in the period: `included + purchased - used`, never below zero.
    /// Negative `used` or `purchased` values count as zero, and the sum saturates instead
    /// of overflowing.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use tierline_core::{Budget, Explanation, Minutes};
    /// let budget = Budget {
    ///     period_start: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    ///     period_end: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
    ///     included: Minutes::hours(10),
    ///     explanation: Explanation::new(),
    /// };
    /// assert_eq!(budget.remaining(Minutes(90), Minutes(0)), Minutes(510));
    /// assert_eq!(budget.remaining(Minutes::hours(11), Minutes(30)), Minutes(0));
    /// assert_eq!(budget.remaining(Minutes::hours(11), Minutes(90)), Minutes(30));
    /// ```
    pub fn remaining(&self, used: Minutes, purchased: Minutes) -> Minutes {
        let available = self.included.0.max(0).saturating_add(purchased.0.max(0));
        Minutes(available.saturating_sub(used.0.max(0)).max(0))
    }
}

/// Something a customer can buy.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseItem {
    /// Extra developer time, per call.
    DeveloperCall,
    /// A screen-sharing session.
    ScreenShare,
}

/// A priced, allowed purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// What.
    pub item: PurchaseItem,
    /// How many.
    pub quantity: u32,
    /// Price of one; `None` when the vendor prices it on request (no published price).
    pub unit_price: Option<Money>,
    /// Price of all; `None` when the vendor prices it on request.
    pub total: Option<Money>,
    /// Developer time the purchase adds to the budget, if any.
    pub adds_minutes: Minutes,
    /// Why.
    pub explanation: Explanation,
}

/// A kind of bookable session.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Initial set-up assistance.
    Onboarding,
    /// A screen-sharing support session.
    ScreenShare,
}

/// A session booking request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRequest {
    /// What kind.
    pub kind: SessionKind,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// How long.
    pub minutes: Minutes,
    /// When the booking is made.
    pub booked_at: DateTime<Utc>,
    /// Screen-sharing sessions the customer bought and has not booked yet.
    pub screen_shares_bought: u32,
}

/// On what grounds an allowed booking is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionGrant {
    /// The plan includes it.
    Included,
    /// It uses up one screen-sharing session the customer bought.
    UsesPurchase,
}

/// Errors from applying a policy to input that passed parsing but the vendor cannot use.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The plan is not in the vendor's catalog.
    #[error("unknown plan {0:?} for this vendor")]
    UnknownPlan(String),
    /// The vendor does not use the given value (e.g. a line for a tiered vendor).
    #[error("{0}")]
    NotApplicable(String),
    /// Calendar arithmetic failed (e.g. an instant outside the supported years).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A message could not be rendered.
    #[error(transparent)]
    Message(#[from] MessageError),
    /// An identifier was malformed.
    #[error(transparent)]
    Id(#[from] IdError),
}
