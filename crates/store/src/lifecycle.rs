//! Ticket lifecycle queries: lock a ticket, write its new state together with the events
//! that explain it (one transaction, the caller's), the vendor's working queue, breaches.
//!
//! Every state change goes through [`save`]: the caller locks the row with [`lock`]
//! (`SELECT ... FOR UPDATE`), computes the new state, and `save` bumps the version and
//! appends the events in the same transaction, so concurrent writers serialize on the row
//! and no event is lost.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::json::JsonText;
use crate::models::{NewTicketEvent, TicketEventRow, TicketRow};
use crate::schema::{ticket_events, tickets};
use crate::Visibility;

/// The lifecycle columns of a ticket (added by the `lifecycle` migration).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = tickets, check_for_backend(diesel::pg::Pg))]
pub struct Lifecycle {
    /// The support level (tier, line or team) as JSON.
    pub level: Option<Value>,
    /// The last allowed escalation.
    pub escalation: Option<Value>,
    /// A clock stopped or paused in breach.
    pub sla_breached: bool,
    /// When the vendor first answered.
    pub responded_at: Option<DateTime<Utc>>,
}

/// A ticket's complete mutable state; [`save`] writes every column (`None` writes NULL).
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = tickets, treat_none_as_null = true)]
pub struct TicketState {
    /// `open`, `pending`, `resolved`, `referred`.
    pub status: String,
    /// Effective priority.
    pub priority: Option<String>,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// First-response clock.
    pub first_response_clock: Option<JsonText>,
    /// Resolution clock.
    pub resolution_clock: Option<JsonText>,
    /// First-response due instant (running clocks only).
    pub first_response_due_at: Option<DateTime<Utc>>,
    /// First-response warning instant (running clocks only).
    pub first_response_warn_at: Option<DateTime<Utc>>,
    /// Resolution due instant (running clocks only).
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// Resolution warning instant (running clocks only).
    pub resolution_warn_at: Option<DateTime<Utc>>,
    /// Earliest pending deadline.
    pub next_deadline_at: Option<DateTime<Utc>>,
    /// Queue band.
    pub queue_class: i16,
    /// Queue instant.
    pub queue_at: DateTime<Utc>,
    /// Support level.
    pub level: Option<Value>,
    /// Last allowed escalation.
    pub escalation: Option<Value>,
    /// A clock stopped or paused in breach.
    pub sla_breached: bool,
    /// When the vendor first answered.
    pub responded_at: Option<DateTime<Utc>>,
}

impl TicketState {
    /// The state as stored now.
    pub fn of(row: &TicketRow, lifecycle: &Lifecycle) -> Self {
        Self {
            status: row.status.clone(),
            priority: row.priority.clone(),
            subject: row.subject.clone(),
            description: row.description.clone(),
            first_response_clock: row.first_response_clock.clone(),
            resolution_clock: row.resolution_clock.clone(),
            first_response_due_at: row.first_response_due_at,
            first_response_warn_at: row.first_response_warn_at,
            resolution_due_at: row.resolution_due_at,
            resolution_warn_at: row.resolution_warn_at,
            next_deadline_at: row.next_deadline_at,
            queue_class: row.queue_class,
            queue_at: row.queue_at,
            level: lifecycle.level.clone(),
            escalation: lifecycle.escalation.clone(),
            sla_breached: lifecycle.sla_breached,
            responded_at: lifecycle.responded_at,
        }
    }
}

/// Finds a visible ticket by id and locks it (`FOR UPDATE`) until the transaction ends.
///
/// The tenant filter is part of the locking statement, so another tenant's ticket is never
/// locked (a caller cannot delay writes to tickets it may not see).
#[tracing::instrument(skip(conn, visibility))]
pub async fn lock(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    visibility: &Visibility,
) -> QueryResult<Option<(TicketRow, Lifecycle)>> {
    // Boxed queries cannot lock, so the tenant filter (as in `tickets::visible_to`) is
    // spelled out per shape.
    let base = tickets::table
        .filter(tickets::id.eq(id))
        .select((TicketRow::as_select(), Lifecycle::as_select()))
        .for_update();
    let found = match (&visibility.vendors, &visibility.reseller_id) {
        (None, None) => base.first(conn).await,
        (Some(vendors), None) => {
            base.filter(tickets::vendor.eq_any(vendors))
                .first(conn)
                .await
        }
        (None, Some(reseller)) => {
            base.filter(tickets::reseller_id.eq(reseller))
                .first(conn)
                .await
        }
        (Some(vendors), Some(reseller)) => {
            base.filter(tickets::vendor.eq_any(vendors))
                .filter(tickets::reseller_id.eq(reseller))
                .first(conn)
                .await
        }
    };
    found.optional()
}

/// The lifecycle columns of a ticket.
pub async fn lifecycle(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
) -> QueryResult<Lifecycle> {
    tickets::table
        .find((vendor, id))
        .select(Lifecycle::as_select())
        .first(conn)
        .await
}

/// What a re-decision of a ticket (a human triage) changes besides its [`TicketState`]: who
/// handles it, the stored decision (with its triage) and the triage flag.
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = tickets, treat_none_as_null = true)]
pub struct Redecision {
    /// Routing kind.
    pub routing_kind: String,
    /// Reseller id when routed to a reseller.
    pub reseller_id: Option<String>,
    /// The decision (API form, with its [`crate::triage::StoredTriage`]).
    pub decision: JsonText,
    /// Whether a human should look at it.
    pub needs_triage: bool,
}

/// Writes a locked ticket's re-decision. Call [`save`] after it, in the same transaction:
/// `save` bumps the version, appends the events and returns the row with both changes.
#[tracing::instrument(skip_all, fields(vendor = %vendor, id = %id))]
pub async fn redecide(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
    redecision: &Redecision,
) -> QueryResult<()> {
    diesel::update(tickets::table.find((vendor, id)))
        .set(redecision)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Writes a locked ticket's new state, bumps its version and appends `events`; returns the
/// new row and the stored events. `now` (the application's clock) becomes `updated_at`.
#[tracing::instrument(skip_all, fields(vendor = %vendor, id = %id))]
pub async fn save(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
    state: &TicketState,
    events: &[NewTicketEvent],
    now: chrono::DateTime<chrono::Utc>,
) -> QueryResult<(TicketRow, Vec<TicketEventRow>)> {
    let row = diesel::update(tickets::table.find((vendor, id)))
        .set((
            state,
            tickets::version.eq(tickets::version + 1),
            // The application's clock, as at intake: `(updated_at, id)` order is the order
            // of changes for polling clients.
            tickets::updated_at.eq(now),
        ))
        .returning(TicketRow::as_returning())
        .get_result(conn)
        .await?;
    let stored = if events.is_empty() {
        Vec::new()
    } else {
        diesel::insert_into(ticket_events::table)
            .values(events)
            .returning(TicketEventRow::as_returning())
            .get_results(conn)
            .await?
    };
    Ok((row, stored))
}

/// A vendor's open tickets (`open` or `pending`, worked by the vendor) in queue order:
/// `queue_class`, then `queue_at`, then receipt, then id.
#[tracing::instrument(skip(conn, visibility))]
pub async fn queue(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    visibility: &Visibility,
    limit: i64,
) -> QueryResult<Vec<TicketRow>> {
    let query =
        tickets::table
            .filter(tickets::vendor.eq(vendor))
            // Spelled as SQL, not `eq_any` (a bound array): the partial queue index is defined
            // `WHERE status IN ('open', 'pending')`, and PostgreSQL can only prove a bound
            // parameter matches it in a per-call plan. Once it switched to a generic plan, every
            // open ticket of the vendor was read and sorted.
            .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "tickets.status IN ('open', 'pending')",
            ))
            // Worked by the vendor: routed to it, or a third-party case it still answers (the
            // decision's `routing.in_vendor_queue`, written at intake by the API's
            // `RoutingBody`). A referred ticket that waits on the customer stays out.
            .filter(tickets::routing_kind.eq("vendor").or(diesel::dsl::sql::<
                diesel::sql_types::Bool,
            >(
                "(tickets.decision -> 'routing' ->> 'in_vendor_queue') IS NOT DISTINCT FROM 'true'",
            )))
            .order((
                tickets::queue_class.asc(),
                tickets::queue_at.asc(),
                tickets::received_at.asc(),
                tickets::id.asc(),
            ))
            .limit(limit)
            .select(TicketRow::as_select())
            .into_boxed();
    crate::tickets::visible_to(query, visibility)
        .load(conn)
        .await
}
