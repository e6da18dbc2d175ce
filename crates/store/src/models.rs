//! Row types: what is read from and written to each table.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::json::JsonText;
use crate::schema::{customer_plans, customers, ticket_events, tickets};

/// A customer row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customers, primary_key(vendor, id), check_for_backend(diesel::pg::Pg))]
pub struct CustomerRow {
    /// Vendor id.
    pub vendor: String,
    /// Customer id.
    pub id: Uuid,
    /// Id in the vendor's or helpdesk's system.
    pub external_id: String,
    /// Display name.
    pub name: String,
    /// Current plan (canonical id).
    pub plan: String,
    /// `monthly` or `annual`.
    pub billing_cycle: String,
    /// Next renewal date.
    pub renews_on: Option<NaiveDate>,
    /// Last upgrade date.
    pub upgraded_on: Option<NaiveDate>,
    /// Reseller id.
    pub reseller_id: Option<String>,
    /// Reseller name.
    pub reseller_name: Option<String>,
    /// Reseller contact.
    pub reseller_contact: Option<String>,
    /// Integration / product variant.
    pub integration: Option<String>,
    /// Trial flag.
    pub trial: bool,
    /// Preferred locale.
    pub locale: Option<String>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new customer.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = customers)]
pub struct NewCustomer {
    /// Vendor id.
    pub vendor: String,
    /// Customer id (UUIDv7).
    pub id: Uuid,
    /// Id in the vendor's or helpdesk's system.
    pub external_id: String,
    /// Display name.
    pub name: String,
    /// Canonical plan id.
    pub plan: String,
    /// `monthly` or `annual`.
    pub billing_cycle: String,
    /// Next renewal date.
    pub renews_on: Option<NaiveDate>,
    /// Last upgrade date.
    pub upgraded_on: Option<NaiveDate>,
    /// Reseller id.
    pub reseller_id: Option<String>,
    /// Reseller name.
    pub reseller_name: Option<String>,
    /// Reseller contact.
    pub reseller_contact: Option<String>,
    /// Integration / product variant.
    pub integration: Option<String>,
    /// Trial flag.
    pub trial: bool,
    /// Preferred locale.
    pub locale: Option<String>,
}

/// Changes to a customer; `None` leaves a column as it is. Nullable columns use
/// `Option<Option<_>>` (`Some(None)` clears).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = customers)]
pub struct CustomerChanges {
    /// Display name.
    pub name: Option<String>,
    /// Canonical plan id.
    pub plan: Option<String>,
    /// `monthly` or `annual`.
    pub billing_cycle: Option<String>,
    /// Next renewal date.
    pub renews_on: Option<Option<NaiveDate>>,
    /// Last upgrade date.
    pub upgraded_on: Option<Option<NaiveDate>>,
    /// Reseller id.
    pub reseller_id: Option<Option<String>>,
    /// Reseller name.
    pub reseller_name: Option<Option<String>>,
    /// Reseller contact.
    pub reseller_contact: Option<Option<String>>,
    /// Integration / product variant.
    pub integration: Option<Option<String>>,
    /// Trial flag.
    pub trial: Option<bool>,
    /// Preferred locale.
    pub locale: Option<Option<String>>,
}

/// One entry of a customer's plan history.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = customer_plans, check_for_backend(diesel::pg::Pg))]
pub struct PlanHistoryRow {
    /// Order within the customer.
    pub seq: i64,
    /// Canonical plan id.
    pub plan: String,
    /// `monthly` or `annual`.
    pub billing_cycle: String,
    /// Renewal date at the time.
    pub renews_on: Option<NaiveDate>,
    /// Upgrade date at the time.
    pub upgraded_on: Option<NaiveDate>,
    /// From when.
    pub valid_from: DateTime<Utc>,
    /// Who changed it.
    pub changed_by: String,
}

/// A ticket row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = tickets, check_for_backend(diesel::pg::Pg))]
pub struct TicketRow {
    /// Vendor id.
    pub vendor: String,
    /// Ticket id (UUIDv7).
    pub id: Uuid,
    /// Customer id.
    pub customer_id: Uuid,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Channel.
    pub channel: String,
    /// Effective priority.
    pub priority: Option<String>,
    /// Priority as asked for.
    pub requested_priority: Option<String>,
    /// `open`, `pending`, `resolved`, `referred`.
    pub status: String,
    /// When the vendor received it.
    pub received_at: DateTime<Utc>,
    /// References (JSON array of strings).
    pub refs: JsonText,
    /// Routing kind.
    pub routing_kind: String,
    /// Reseller id when routed to a reseller.
    pub reseller_id: Option<String>,
    /// The intake decision (API form).
    pub decision: JsonText,
    /// First-response clock.
    pub first_response_clock: Option<JsonText>,
    /// Resolution clock.
    pub resolution_clock: Option<JsonText>,
    /// First-response due instant (running clocks).
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// First-response warning instant.
    pub first_response_warn_at: Option<DateTime<Utc>>,
    /// Resolution due instant.
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// Resolution warning instant.
    pub resolution_warn_at: Option<DateTime<Utc>>,
    /// Earliest pending deadline (monitor index).
    pub next_deadline_at: Option<DateTime<Utc>>,
    /// Queue band.
    pub queue_class: i16,
    /// Queue instant.
    pub queue_at: DateTime<Utc>,
    /// Version (ETag).
    pub version: i64,
    /// Principal that created it.
    pub created_by: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Whether a human should look at the decision (its triage's `needed`; indexed). The
    /// triage itself ([`crate::triage::StoredTriage`]) is part of `decision`.
    pub needs_triage: bool,
    /// The helpdesk's ticket id (unique per vendor when given).
    pub external_ref: Option<String>,
}

/// A new ticket event.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = ticket_events)]
pub struct NewTicketEvent {
    /// Vendor id.
    pub vendor: String,
    /// Ticket id.
    pub ticket_id: Uuid,
    /// Event kind (`created`, `routed`, ...).
    pub kind: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: String,
    /// Event details.
    pub data: Value,
    /// The rules behind it.
    pub explanation: Value,
}

/// A stored ticket event.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = ticket_events, check_for_backend(diesel::pg::Pg))]
pub struct TicketEventRow {
    /// Vendor id.
    pub vendor: String,
    /// Ticket id.
    pub ticket_id: Uuid,
    /// Order.
    pub seq: i64,
    /// Event kind.
    pub kind: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: String,
    /// Details.
    pub data: Value,
    /// The rules behind it.
    pub explanation: Value,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}
