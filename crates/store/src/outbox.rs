//! The transactional outbox: events are written in the caller's transaction, together with
//! the change that caused them, and fanned out to the vendor's webhook subscriptions in the
//! same statement. No event is lost (it commits with the change) and none is invented (it
//! rolls back with it).
//!
//! ```ignore
//! // inside the transaction that creates, escalates, pauses, ... a ticket:
//! tierline_store::outbox::enqueue(conn, &NewEvent {
//!     vendor: "connex",
//!     kind: outbox::TICKET_ESCALATED,
//!     ticket_id: Some(ticket_id),
//!     payload: json!({"to_tier": 2}),
//! }).await?;
//! ```

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Json, Nullable, Text, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::schema::{outbox_events, webhook_deliveries};

/// A ticket was created.
pub const TICKET_CREATED: &str = "ticket.created";
/// A ticket was routed (vendor, reseller, partner or third party).
pub const TICKET_ROUTED: &str = "ticket.routed";
/// A ticket was escalated.
pub const TICKET_ESCALATED: &str = "ticket.escalated";
/// A ticket changed (status, priority, subject, ...).
pub const TICKET_UPDATED: &str = "ticket.updated";
/// A human re-triaged a ticket: its decision was made again on their ruling.
pub const TICKET_TRIAGED: &str = "ticket.triaged";
/// An SLA clock crossed its warning instant.
pub const SLA_WARNING: &str = "sla.warning";
/// An SLA clock crossed its due instant while running.
pub const SLA_BREACHED: &str = "sla.breached";
/// An SLA clock was stopped within its target.
pub const SLA_MET: &str = "sla.met";
/// A customer's developer-time entitlement reached zero.
pub const ENTITLEMENT_EXHAUSTED: &str = "entitlement.exhausted";

/// A test event, sent to one subscription on request (`POST /webhooks/{id}/ping`); not
/// subscribable.
pub const PING: &str = "ping";

/// Every event type a webhook can subscribe to.
pub const EVENT_KINDS: &[&str] = &[
    TICKET_CREATED,
    TICKET_ROUTED,
    TICKET_ESCALATED,
    TICKET_UPDATED,
    TICKET_TRIAGED,
    SLA_WARNING,
    SLA_BREACHED,
    SLA_MET,
    ENTITLEMENT_EXHAUSTED,
];

/// An event to record.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// The vendor whose subscriptions receive it.
    pub vendor: &'a str,
    /// One of [`EVENT_KINDS`].
    pub kind: &'a str,
    /// The ticket it is about, if any.
    pub ticket_id: Option<Uuid>,
    /// The event's data (the `data` member of the delivered body).
    pub payload: Value,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = outbox_events, check_for_backend(diesel::pg::Pg))]
pub struct EventRow {
    /// Vendor.
    pub vendor: String,
    /// Event id (UUIDv7): receivers de-duplicate on it.
    pub id: Uuid,
    /// Event type.
    pub kind: String,
    /// Ticket, if any.
    pub ticket_id: Option<Uuid>,
    /// Data.
    pub payload: Value,
    /// When it was recorded (the transaction's time).
    pub occurred_at: DateTime<Utc>,
}

/// Records an event and one pending delivery per live subscription of the vendor to its
/// type. Call it inside the transaction of the change; returns the event id.
#[tracing::instrument(skip(conn, event), fields(vendor = %event.vendor, kind = %event.kind))]
pub async fn enqueue(conn: &mut AsyncPgConnection, event: &NewEvent<'_>) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::sql_query(
        "WITH ev AS (
             INSERT INTO outbox_events (vendor, id, kind, ticket_id, payload)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING vendor, id, kind
         )
         INSERT INTO webhook_deliveries (vendor, id, webhook_id, event_id)
         SELECT w.vendor, gen_random_uuid(), w.id, ev.id
         FROM ev JOIN webhooks w ON w.vendor = ev.vendor
         WHERE w.deleted_at IS NULL AND w.active AND ev.kind = ANY (w.events)",
    )
    .bind::<Text, _>(event.vendor)
    .bind::<SqlUuid, _>(id)
    .bind::<Text, _>(event.kind)
    .bind::<Nullable<SqlUuid>, _>(event.ticket_id)
    .bind::<Json, _>(&event.payload)
    .execute(conn)
    .await?;
    Ok(id)
}

/// The events of a ticket, oldest first.
pub async fn ticket_events(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    ticket_id: Uuid,
) -> QueryResult<Vec<EventRow>> {
    outbox_events::table
        .filter(outbox_events::vendor.eq(vendor))
        .filter(outbox_events::ticket_id.eq(ticket_id))
        .order(outbox_events::id.asc())
        .select(EventRow::as_select())
        .load(conn)
        .await
}

/// Events of one type, oldest first (operations and tests).
pub async fn events_of_kind(
    conn: &mut AsyncPgConnection,
    kind: &str,
) -> QueryResult<Vec<EventRow>> {
    outbox_events::table
        .filter(outbox_events::kind.eq(kind))
        .order(outbox_events::id.asc())
        .select(EventRow::as_select())
        .load(conn)
        .await
}

/// Deliveries not yet finished (pending or being delivered): the outbox depth.
pub async fn depth(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    webhook_deliveries::table
        .filter(webhook_deliveries::status.eq_any(["pending", "delivering"]))
        .count()
        .get_result(conn)
        .await
}
