//! Request and response bodies of the API (the contract of issue 4).
//!
//! Requests reject unknown fields (a typo is a 422, not silently ignored). Responses are built
//! from store rows and adapter answers; the stored forms ([`DecisionRecord`],
//! [`StoredClock`]) are what the `tickets` table keeps in JSONB.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use tierline_calendar::{ClockStatus, SlaClock};
use tierline_core::{
    BillingCycle, Channel, Locale, Money, Priority, RoutingKind, SupportLevel, TicketStatus,
};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub mod api_keys;
pub mod lifecycle;
pub mod rfc3339;
pub mod triage;

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A reseller a customer bought through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResellerBody {
    /// The reseller's id (reseller tokens carry it).
    pub id: String,
    /// Name shown to the customer.
    pub name: String,
    /// E-mail, phone or URL of the reseller's support.
    pub contact: String,
}

/// `POST /customers`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCustomer {
    /// Vendor id, e.g. `connex`.
    pub vendor: String,
    /// The customer's id in the helpdesk or vendor system (unique per vendor).
    pub external_id: String,
    /// Display name.
    pub name: String,
    /// Plan id, name or legacy alias (stored as the canonical id).
    pub plan: String,
    /// Billing cycle.
    pub billing_cycle: BillingCycle,
    /// Next renewal date of an annual plan; at most 5 years after today (422 `out_of_range`).
    #[serde(default)]
    pub renews_on: Option<NaiveDate>,
    /// When the customer last upgraded; not after today (422 `out_of_range`).
    #[serde(default)]
    pub upgraded_on: Option<NaiveDate>,
    /// The reseller the customer bought through.
    #[serde(default)]
    pub reseller: Option<ResellerBody>,
    /// Integration or product variant (e.g. `dandomain-free`).
    #[serde(default)]
    pub integration: Option<String>,
    /// Trial customer.
    #[serde(default)]
    pub trial: Option<bool>,
    /// Preferred language.
    #[serde(default)]
    pub locale: Option<Locale>,
}

/// `PUT /customers/external/{vendor}/{external_id}`: the whole customer (an absent optional
/// field is cleared), created when the vendor has no customer with that external id.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Acme Outdoor Supply", "plan": "platinum", "billing_cycle": "annual", "renews_on": "2027-03-01"}))]
pub struct PutCustomer {
    /// Display name.
    pub name: String,
    /// Plan id, name or legacy alias (stored as the canonical id).
    pub plan: String,
    /// Billing cycle.
    pub billing_cycle: BillingCycle,
    /// Next renewal date of an annual plan; at most 5 years after today.
    #[serde(default)]
    pub renews_on: Option<NaiveDate>,
    /// When the customer last upgraded; not after today.
    #[serde(default)]
    pub upgraded_on: Option<NaiveDate>,
    /// The reseller the customer bought through.
    #[serde(default)]
    pub reseller: Option<ResellerBody>,
    /// Integration or product variant (e.g. `dandomain-free`).
    #[serde(default)]
    pub integration: Option<String>,
    /// Trial customer (default `false`).
    #[serde(default)]
    pub trial: Option<bool>,
    /// Preferred language.
    #[serde(default)]
    pub locale: Option<Locale>,
}

impl PutCustomer {
    /// The same customer as a `POST /customers` body.
    pub fn into_create(self, vendor: String, external_id: String) -> CreateCustomer {
        CreateCustomer {
            vendor,
            external_id,
            name: self.name,
            plan: self.plan,
            billing_cycle: self.billing_cycle,
            renews_on: self.renews_on,
            upgraded_on: self.upgraded_on,
            reseller: self.reseller,
            integration: self.integration,
            trial: self.trial,
            locale: self.locale,
        }
    }
}

/// `GET /customers` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListCustomers {
    /// Only this vendor.
    pub vendor: Option<String>,
    /// Only the customer with this external id (combine with `vendor`).
    pub external_id: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of customers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerPage {
    /// The customers, oldest first.
    pub items: Vec<CustomerBody>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `PATCH /customers/{id}`: absent fields stay; `null` clears an optional field.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomer {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// New plan (id, name or legacy alias); the change is kept in the plan history.
    #[serde(default)]
    pub plan: Option<String>,
    /// Billing cycle.
    #[serde(default)]
    pub billing_cycle: Option<BillingCycle>,
    /// Next renewal date (`null` clears); at most 5 years after today.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub renews_on: Option<Option<NaiveDate>>,
    /// Last upgrade date (`null` clears); not after today.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>, nullable)]
    pub upgraded_on: Option<Option<NaiveDate>>,
    /// Reseller (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<ResellerBody>, nullable)]
    pub reseller: Option<Option<ResellerBody>>,
    /// Integration (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub integration: Option<Option<String>>,
    /// Trial flag.
    #[serde(default)]
    pub trial: Option<bool>,
    /// Preferred language (`null` clears).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Locale>, nullable)]
    pub locale: Option<Option<Locale>>,
}

/// One entry of a customer's plan history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanHistoryEntry {
    /// Canonical plan id.
    pub plan: String,
    /// Billing cycle.
    pub billing_cycle: String,
    /// Renewal date at the time.
    pub renews_on: Option<NaiveDate>,
    /// Upgrade date at the time.
    pub upgraded_on: Option<NaiveDate>,
    /// From when.
    pub valid_from: DateTime<Utc>,
    /// Who made the change (`role:subject`).
    pub changed_by: String,
}

/// A customer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CustomerBody {
    /// Tierline's id.
    pub id: Uuid,
    /// Vendor id.
    pub vendor: String,
    /// External id.
    pub external_id: String,
    /// Display name.
    pub name: String,
    /// Canonical plan id.
    pub plan: String,
    /// Billing cycle.
    pub billing_cycle: String,
    /// Next renewal date.
    pub renews_on: Option<NaiveDate>,
    /// Last upgrade date.
    pub upgraded_on: Option<NaiveDate>,
    /// Reseller.
    pub reseller: Option<ResellerBody>,
    /// Integration.
    pub integration: Option<String>,
    /// Trial flag.
    pub trial: bool,
    /// Preferred language.
    pub locale: Option<String>,
    /// Plans over time, oldest first.
    pub plan_history: Vec<PlanHistoryEntry>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// `POST /tickets`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTicket {
    /// Vendor id.
    pub vendor: String,
    /// The customer (created with `POST /customers` for the same vendor).
    pub customer_id: Uuid,
    /// Subject line.
    pub subject: String,
    /// Body text.
    pub description: String,
    /// How the ticket arrived.
    pub channel: Channel,
    /// Priority set by the reporter or agent.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// When the vendor received it (default: now). Not in the future.
    #[serde(default)]
    pub received_at: Option<DateTime<Utc>>,
    /// Earlier ticket numbers or e-mail addresses this ticket refers to.
    #[serde(default)]
    pub references: Option<Vec<String>>,
    /// Asks for co-development of a low-priority item (StoreConnect).
    #[serde(default)]
    pub accelerated_development: Option<bool>,
    /// The reporter says a recent vendor update caused the problem.
    #[serde(default)]
    pub regression: Option<bool>,
    /// Language for customer messages (overrides `Accept-Language` and the customer's).
    #[serde(default)]
    pub locale: Option<Locale>,
    /// Answers to the vendor's intake questions (`GET /vendors/{vendor}/intake-schema`):
    /// booleans and choices by fact name. A fact outranks what the text says; a fact the
    /// vendor does not ask about, or an answer of the wrong type or outside the choices,
    /// answers 422 naming it (`facts.<name>`).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub facts: Option<serde_json::Map<String, serde_json::Value>>,
    /// The helpdesk's own id of this ticket (1 to 200 characters), unique per vendor: a
    /// second ticket with the same one answers 409 `ticket_exists` with `existing_id`.
    #[serde(default)]
    #[schema(example = "ZD-4711")]
    pub external_ref: Option<String>,
}

/// Who handles a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RoutingBody {
    /// `vendor`, `reseller`, `partner` or `third_party`.
    pub kind: RoutingKind,
    /// The party's name (or the vendor team).
    pub handled_by: String,
    /// How to reach the party, when it is not the vendor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The reseller's id, when routed to a reseller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reseller_id: Option<String>,
    /// The support level inside the vendor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<SupportLevel>,
    /// Whether the ticket is in the vendor's working queue (the vendor owes the answer):
    /// always when routed to the vendor; for a third-party case the vendor helps open and
    /// still answers (`kind: third_party`), too.
    #[serde(default)]
    pub in_vendor_queue: bool,
}

impl RoutingBody {
    /// Whether the vendor works the ticket (stored decisions from before
    /// `in_vendor_queue` existed count by their kind).
    pub fn worked_by_vendor(&self) -> bool {
        self.kind == RoutingKind::Vendor || self.in_vendor_queue
    }
}

/// A scope boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BoundaryBody {
    /// Rule id of the boundary.
    pub rule: String,
    /// The boundary as the vendor states it.
    pub text: String,
    /// Where to find help instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// In scope or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ScopeBody {
    /// In scope.
    pub in_scope: bool,
    /// The boundary matched when out of scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<BoundaryBody>,
}

/// A message for the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MessageBody {
    /// Language.
    pub locale: Locale,
    /// Text.
    pub text: String,
    /// Catalog key.
    pub key: String,
}

impl From<&tierline_core::CustomerMessage> for MessageBody {
    fn from(m: &tierline_core::CustomerMessage) -> Self {
        Self {
            locale: m.locale,
            text: m.text.clone(),
            key: m.key.clone(),
        }
    }
}

/// One line of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReasonBody {
    /// Rule id.
    pub rule: String,
    /// What the rule did.
    pub text: String,
}

impl ReasonBody {
    /// Every reason of a policy's explanation, in order.
    pub fn all(explanation: &tierline_core::Explanation) -> Vec<Self> {
        explanation
            .reasons()
            .iter()
            .map(|r| Self {
                rule: r.rule.to_string(),
                text: r.text.clone(),
            })
            .collect()
    }
}

/// JSON handed through as it was written: a part of a stored document that the API answers
/// unchanged. Reading a ticket page spent most of its time parsing each ticket's explanation
/// and messages into structures and printing them back; `Verbatim` copies the text instead.
/// It is only ever made by serializing the documented type ([`Verbatim::of`]) or by reading
/// what that wrote, and the field it stands for documents that type in the OpenAPI schema.
#[derive(Debug, Clone)]
pub struct Verbatim(Box<serde_json::value::RawValue>);

impl Verbatim {
    /// The JSON of `value`.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Self> {
        serde_json::value::to_raw_value(value).map(Self)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for Verbatim {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Verbatim {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Verbatim {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<serde_json::value::RawValue>::deserialize(deserializer).map(Self)
    }
}

/// The stored intake decision (JSON `tickets.decision`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// Routing.
    pub routing: RoutingBody,
    /// Scope.
    pub scope: ScopeBody,
    /// Suggested priority.
    pub suggested_priority: Option<Priority>,
    /// Billable.
    pub billable: bool,
    /// Needs information.
    pub needs_info: bool,
    /// Messages (`[MessageBody]`).
    pub messages: Verbatim,
    /// Explanation (`[ReasonBody]`).
    pub explanation: Verbatim,
    /// The triage, with what the decision was made from besides the text (absent in
    /// decisions stored before triage existed: not flagged, no readings).
    #[serde(default)]
    pub triage: tierline_store::triage::StoredTriage,
}

/// A stored clock (JSONB `tickets.*_clock`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredClock {
    /// The clock's history.
    pub clock: SlaClock,
    /// Whether it pauses while the ticket waits on the customer.
    pub pauses_when_pending: bool,
    /// Whether a `mitigated` event meets it (clocks stored before this existed: no).
    #[serde(default)]
    pub met_by_mitigation: bool,
    /// What stopped it, once stopped (clocks stopped before this was recorded: unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_by: Option<ClockStop>,
}

impl StoredClock {
    /// A clock with the vendor's settings and no stop yet.
    pub fn new(clock: SlaClock, spec: &tierline_core::ClockSpec) -> Self {
        Self {
            clock,
            pauses_when_pending: spec.pauses_when_pending,
            met_by_mitigation: spec.met_by_mitigation,
            stopped_by: None,
        }
    }
}

/// The ticket event that stopped a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockStop {
    /// The vendor responded.
    Responded,
    /// The ticket was mitigated (a "resolve or mitigate" target met by the mitigation).
    Mitigated,
    /// The ticket was resolved.
    Resolved,
}

/// One SLA clock as of the response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ClockBody {
    /// Target in business minutes.
    pub target_minutes: i64,
    /// Due instant (`null` while paused).
    #[serde(serialize_with = "rfc3339::optional")]
    pub due_at: Option<DateTime<Utc>>,
    /// Warning instant, if the clock warns.
    #[serde(serialize_with = "rfc3339::optional")]
    pub warning_at: Option<DateTime<Utc>>,
    /// `running`, `paused`, `met` or `breached`.
    #[schema(value_type = String, example = "running")]
    pub status: ClockStatus,
    /// When the target was met.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "rfc3339::optional"
    )]
    pub met_at: Option<DateTime<Utc>>,
    /// The event that stopped the clock (`responded`, `mitigated`, `resolved`), once
    /// stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_by: Option<ClockStop>,
    /// Business minutes left (negative once breached).
    pub remaining_minutes: i64,
}

/// Both clocks; `null` where no target applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SlaBody {
    /// Time to first response.
    pub first_response: Option<ClockBody>,
    /// Time to resolution.
    pub resolution: Option<ClockBody>,
}

/// A ticket's place in the vendor's working queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct QueueBody {
    /// Band (0 first).
    pub class: i16,
    /// Instant within the band.
    #[serde(serialize_with = "rfc3339::instant")]
    pub at: DateTime<Utc>,
}

/// A ticket with its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TicketBody {
    /// Ticket id.
    pub id: Uuid,
    /// Vendor id.
    pub vendor: String,
    /// Customer id.
    pub customer_id: Uuid,
    /// `open`, `pending`, `resolved` or `referred` (routed away from the vendor).
    pub status: TicketStatus,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Channel.
    pub channel: Channel,
    /// Effective priority.
    pub priority: Option<Priority>,
    /// Priority as submitted.
    pub requested_priority: Option<Priority>,
    /// Priority the vendor's rules suggest from the text.
    pub suggested_priority: Option<Priority>,
    /// When the vendor received it.
    #[serde(serialize_with = "rfc3339::instant")]
    pub received_at: DateTime<Utc>,
    /// References.
    pub references: Vec<String>,
    /// Who handles it.
    pub routing: RoutingBody,
    /// In scope or not.
    pub scope: ScopeBody,
    /// Charged to the customer.
    pub billable: bool,
    /// The vendor needs more information.
    pub needs_info: bool,
    /// Messages for the customer.
    #[schema(value_type = Vec<MessageBody>)]
    pub messages: Verbatim,
    /// SLA clocks.
    pub sla: SlaBody,
    /// Why.
    #[schema(value_type = Vec<ReasonBody>)]
    pub explanation: Verbatim,
    /// A human should look at the decision before it is trusted (`triage.needed`);
    /// `POST /tickets/{id}/triage` settles it.
    pub needs_triage: bool,
    /// What the policy read from the ticket, on what evidence.
    pub triage: triage::TriageBody,
    /// Working-queue key.
    pub queue: QueueBody,
    /// Version (changes with every update).
    pub version: i64,
    /// Created.
    #[serde(serialize_with = "rfc3339::instant")]
    pub created_at: DateTime<Utc>,
    /// Last changed.
    #[serde(serialize_with = "rfc3339::instant")]
    pub updated_at: DateTime<Utc>,
    /// The helpdesk's own id of this ticket, when given at intake.
    pub external_ref: Option<String>,
}

/// A page of tickets.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TicketPage {
    /// The tickets, oldest first.
    pub items: Vec<TicketBody>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /tickets` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListTickets {
    /// Only this vendor.
    pub vendor: Option<String>,
    /// Only this status.
    pub status: Option<TicketStatus>,
    /// Only this customer.
    pub customer_id: Option<Uuid>,
    /// Only tickets with a running clock due before this instant.
    pub due_before: Option<DateTime<Utc>>,
    /// `true`: only tickets with a breached clock (running past its due time, or stopped or
    /// paused after it); `false`: only tickets without one.
    pub breached: Option<bool>,
    /// `true`: only tickets flagged for a human look (the policy's reading was unsure);
    /// `false`: only tickets not flagged.
    pub needs_triage: Option<bool>,
    /// Only the ticket with this helpdesk id (`external_ref` at intake).
    pub external_ref: Option<String>,
    /// Only tickets changed at or after this RFC 3339 instant, in `(updated_at, id)` order
    /// instead of creation order: a polling client passes the `updated_at` of the last
    /// ticket it saw (and pages with `cursor` within one poll).
    pub updated_since: Option<DateTime<Utc>>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A vendor.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VendorBody {
    /// Vendor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Languages, default first.
    pub locales: Vec<Locale>,
    /// IANA time zone of the support calendar.
    pub time_zone: String,
    /// Business minutes in one standard business day ("1 bd").
    pub business_day_minutes: i64,
}

/// A plan's list price.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PriceBody {
    /// Billing cycle.
    pub cycle: BillingCycle,
    /// Price per cycle.
    pub amount: Money,
}

/// A plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanBody {
    /// Canonical id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Legacy names accepted as this plan.
    pub aliases: Vec<String>,
    /// Rank, smallest plan first.
    pub rank: u8,
    /// Highest support level.
    pub tier_ceiling: SupportLevel,
    /// Developer minutes included per plan year.
    pub developer_minutes_per_year: Option<i64>,
    /// Screen sharing included.
    pub includes_screen_sharing: bool,
    /// List prices.
    pub prices: Vec<PriceBody>,
}

/// `GET /vendors/{vendor}/calendar` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CalendarRange {
    /// First local date (default: today in the vendor's zone).
    pub from: Option<NaiveDate>,
    /// Last local date, inclusive (default: `from` + 13 days; at most 366 days after `from`).
    pub to: Option<NaiveDate>,
}

/// One open period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpenIntervalBody {
    /// Start (inclusive).
    pub start: DateTime<Utc>,
    /// End (exclusive).
    pub end: DateTime<Utc>,
    /// The local date.
    pub local_date: NaiveDate,
    /// Name of the rule that replaced the day's hours (limited hours), if any.
    pub special: Option<String>,
}

/// A closed or limited date.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClosureBody {
    /// The local date.
    pub date: NaiveDate,
    /// Holiday or rule name.
    pub name: String,
    /// `closed` or `limited_hours`.
    pub kind: String,
    /// Opening hours that day when limited (`09:00-12:00`).
    pub hours: Vec<String>,
}

/// A vendor's calendar over a range of dates.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarBody {
    /// Vendor id.
    pub vendor: String,
    /// IANA time zone.
    pub time_zone: String,
    /// First date.
    pub from: NaiveDate,
    /// Last date (inclusive).
    pub to: NaiveDate,
    /// Open periods.
    pub open: Vec<OpenIntervalBody>,
    /// Closed or limited dates with their names.
    pub closures: Vec<ClosureBody>,
}

/// One clock of an SLA preview.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClockPreviewBody {
    /// Target in business minutes.
    pub target_minutes: i64,
    /// Due instant.
    pub due_at: DateTime<Utc>,
    /// Warning instant, if the clock warns.
    pub warning_at: Option<DateTime<Utc>>,
}

/// `POST /sla/preview` answer (same JSON as `tierline sla preview`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlaPreviewBody {
    /// Time to first response.
    pub first_response: Option<ClockPreviewBody>,
    /// Time to resolution.
    pub resolution: Option<ClockPreviewBody>,
}

/// `GET /health` and `GET /ready`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HealthBody {
    /// `ok`.
    pub status: String,
}

pub mod webhooks;
