//! Bodies of the ticket lifecycle (issue 5): events, escalations, ticket changes, the queue
//! and customer entitlements.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tierline_core::{
    BillingCycle, Line, Money, Priority, PurchaseItem, SessionGrant, SessionKind, SupportLevel,
    Tier,
};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{MessageBody, ReasonBody, TicketBody};

/// What happened to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketEventType {
    /// The vendor answered: meets the first-response clock.
    Responded,
    /// The ticket waits on the customer: clocks the vendor's policy pauses are paused.
    Pending,
    /// The customer answered: paused clocks run again, due times moved by the paused time.
    Resumed,
    /// Mitigated: clocks whose target is "resolve or mitigate" stop (met or breached); the
    /// ticket stays open, and a later `resolved` leaves those clocks as they are.
    Mitigated,
    /// Resolved: every clock stops (met or breached).
    Resolved,
    /// Reopened after resolution: the resolution clock starts again with its full target.
    Reopened,
}

/// `POST /tickets/{id}/events`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTicketEvent {
    /// What happened.
    #[serde(rename = "type")]
    pub kind: TicketEventType,
    /// When it happened (default: now). Not in the future, not before the ticket's receipt.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// One entry of a ticket's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TicketEventBody {
    /// Order within the ticket.
    pub seq: i64,
    /// `created`, `routed`, `responded`, `paused`, `resumed`, `mitigated`, `resolved`,
    /// `reopened`,
    /// `escalated`, `priority_changed`, `updated`.
    pub kind: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it (`role:subject`).
    pub actor: String,
    /// Details (clock changes, levels, fields).
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    /// The rules behind it.
    pub explanation: Vec<ReasonBody>,
    /// When Tierline recorded it.
    pub recorded_at: DateTime<Utc>,
}

/// The answer to an event or escalation: what was recorded and the ticket afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TicketChange {
    /// The recorded event.
    pub event: TicketEventBody,
    /// The ticket with its clocks after the change.
    pub ticket: TicketBody,
}

/// `GET /tickets/{id}/events`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TicketEventList {
    /// Oldest first.
    pub items: Vec<TicketEventBody>,
}

/// `PATCH /tickets/{id}`: absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTicket {
    /// New priority; the vendor's targets are re-evaluated and the clocks re-targeted.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// New subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// New description.
    #[serde(default)]
    pub description: Option<String>,
}

/// `POST /tickets/{id}/escalations`: exactly one of `to_tier`, `to_line`, `to_team`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEscalation {
    /// Target tier (vendors that count tiers).
    #[serde(default)]
    #[schema(value_type = Option<u8>, minimum = 1, maximum = 3)]
    pub to_tier: Option<Tier>,
    /// Target line (vendors that count lines).
    #[serde(default)]
    pub to_line: Option<Line>,
    /// Target team (vendors that name teams).
    #[serde(default)]
    pub to_team: Option<String>,
    /// The problem was caused by a recent vendor update.
    #[serde(default)]
    pub regression: Option<bool>,
}

/// What an escalation did to the response clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResponseClockChange {
    /// The unanswered ticket's running clock got the new level's target (from receipt).
    Retargeted,
    /// The ticket was answered already: a new response clock started at the escalation.
    StartedAtEscalation,
}

impl From<&tierline_core::ResponseClock> for ResponseClockChange {
    fn from(c: &tierline_core::ResponseClock) -> Self {
        match c {
            tierline_core::ResponseClock::Retarget(_) => Self::Retargeted,
            tierline_core::ResponseClock::StartAtEscalation(_) => Self::StartedAtEscalation,
        }
    }
}

/// An allowed escalation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EscalationBody {
    /// The level before.
    pub from: Option<SupportLevel>,
    /// The level now.
    pub to: SupportLevel,
    /// Flagged as caused by a recent vendor update.
    pub regression: bool,
    /// Whether developer time on this ticket draws down the customer's budget.
    pub charges_developer_time: bool,
    /// The new first-response target, when the new level has its own.
    pub first_response_target_minutes: Option<i64>,
    /// What happened to the response clock, when the new level has its own target.
    pub response_clock: Option<ResponseClockChange>,
    /// Messages for the customer.
    pub messages: Vec<MessageBody>,
    /// Why.
    pub explanation: Vec<ReasonBody>,
    /// The recorded event.
    pub event: TicketEventBody,
    /// The ticket afterwards.
    pub ticket: TicketBody,
}

/// `GET /queue` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// The vendor whose queue.
    pub vendor: String,
    /// How many tickets, 1 to 200 (default 50).
    pub limit: Option<u32>,
}

/// A vendor's working queue.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QueueList {
    /// The vendor.
    pub vendor: String,
    /// Open and pending tickets the vendor works, in the vendor's order.
    pub items: Vec<TicketBody>,
}

/// An upgrade that would make something possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OfferBody {
    /// Plan id.
    pub plan: String,
    /// Plan name.
    pub plan_name: String,
    /// Billing cycle required.
    pub billing_cycle: BillingCycle,
    /// Price per cycle.
    pub price: Money,
    /// For a customer already on an annual plan: the prorated price of the rest of the
    /// current billing period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proration: Option<ProrationBody>,
}

/// The prorated part of an upgrade's price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProrationBody {
    /// Whole months left in the billing period (a started month counts).
    pub months_left: u32,
    /// Months in the billing period.
    pub months_in_period: u32,
    /// The price for the months left.
    pub amount: Money,
    /// The proration in a sentence.
    pub text: String,
}

impl From<&tierline_core::Offer> for OfferBody {
    fn from(o: &tierline_core::Offer) -> Self {
        Self {
            plan: o.plan.to_string(),
            plan_name: o.plan_name.clone(),
            billing_cycle: o.billing_cycle,
            price: o.price,
            proration: o.proration.as_ref().map(|p| ProrationBody {
                months_left: p.months_left,
                months_in_period: p.months_in_period,
                amount: p.amount,
                text: p.text.clone(),
            }),
        }
    }
}

/// A policy's "no".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DenialBody {
    /// The rule that said no.
    pub rule: String,
    /// Why.
    pub reason: String,
    /// What would make it possible.
    pub offer: Option<OfferBody>,
}

impl From<&tierline_core::Denial> for DenialBody {
    fn from(d: &tierline_core::Denial) -> Self {
        Self {
            rule: d.rule.to_string(),
            reason: d.reason.clone(),
            offer: d.offer.as_ref().map(OfferBody::from),
        }
    }
}

/// Developer time of the current plan year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DeveloperTimeBudget {
    /// First day of the plan year.
    pub period_start: NaiveDate,
    /// First day after it (the renewal).
    pub period_end: NaiveDate,
    /// Included in the plan for this period.
    pub included_minutes: i64,
    /// Bought for this period.
    pub purchased_minutes: i64,
    /// Logged and charged in this period.
    pub used_minutes: i64,
    /// Left: included + purchased - used, never below zero.
    pub remaining_minutes: i64,
    /// Why this budget.
    pub explanation: Vec<ReasonBody>,
}

/// Whether extra developer time can be bought now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OverageBody {
    /// It can.
    pub available: bool,
    /// Price of one call.
    pub unit_price: Option<Money>,
    /// Developer minutes one call adds.
    pub minutes_per_unit: Option<i64>,
    /// Why not, when it cannot.
    pub denial: Option<DenialBody>,
}

/// `GET /customers/{id}/entitlements`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EntitlementsBody {
    /// The customer.
    pub customer_id: Uuid,
    /// Vendor id.
    pub vendor: String,
    /// Current plan.
    pub plan: String,
    /// The day (in the vendor's time zone) the budget is for.
    pub on: NaiveDate,
    /// The developer-time budget; `null` when the plan includes none.
    pub developer_time: Option<DeveloperTimeBudget>,
    /// Why there is no budget, when there is none.
    pub no_developer_time: Option<DenialBody>,
    /// Developer-time overage.
    pub overage: OverageBody,
}

/// `POST /customers/{id}/developer-time`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogDeveloperTime {
    /// Minutes worked, 1 to 10000.
    pub minutes: i64,
    /// The ticket worked on (work on a regression-exception escalation is not charged).
    #[serde(default)]
    pub ticket_id: Option<Uuid>,
    /// When the work was done (default: now); picks the plan year. Not in the future, and
    /// not before the start of the customer's current plan year (without a plan year: not
    /// more than 366 days ago), in the vendor's time zone (422 `out_of_range` otherwise).
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// A logged developer-time entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DeveloperTimeEntry {
    /// Order within the customer.
    pub seq: i64,
    /// Minutes worked.
    pub minutes: i64,
    /// Whether it drew down the budget.
    pub charged: bool,
    /// The plan year it was drawn from.
    pub period_start: Option<NaiveDate>,
    /// The ticket.
    pub ticket_id: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who logged it.
    pub actor: String,
    /// Minutes left in the plan year afterwards (`null` when the plan has no budget).
    pub remaining_minutes: Option<i64>,
    /// Why charged or not.
    pub explanation: Vec<ReasonBody>,
}

/// `POST /customers/{id}/purchases`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePurchase {
    /// What to buy.
    pub item: PurchaseItem,
    /// How many (1 to 100).
    pub quantity: u32,
}

/// A recorded purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PurchaseBody {
    /// Order within the customer.
    pub seq: i64,
    /// What.
    pub item: PurchaseItem,
    /// How many.
    pub quantity: u32,
    /// Price of one (`null`: priced on request).
    pub unit_price: Option<Money>,
    /// Price of all (`null`: priced on request).
    pub total: Option<Money>,
    /// Developer minutes added to the current plan year.
    pub adds_minutes: i64,
    /// Why.
    pub explanation: Vec<ReasonBody>,
}

/// `POST /customers/{id}/sessions`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    /// What kind.
    pub kind: SessionKind,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// How long (1 to 480 minutes).
    pub minutes: i64,
}

/// A booked session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SessionBody {
    /// Session id.
    pub id: Uuid,
    /// The customer.
    pub customer_id: Uuid,
    /// What kind.
    pub kind: SessionKind,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// How long.
    pub minutes: i64,
    /// When it was booked.
    pub booked_at: DateTime<Utc>,
    /// On what grounds: `included` in the plan, or `uses_purchase` (one bought screen-sharing
    /// session used up).
    pub grant: SessionGrant,
}
