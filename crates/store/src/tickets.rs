//! Ticket queries.

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::models::{TicketEventRow, TicketRow};
use crate::schema::{ticket_events, tickets};
use crate::Visibility;

/// Restricts a ticket query to the tickets `visibility` may see: its vendors, and only the
/// tickets routed to its reseller when it has one.
pub(crate) fn visible_to<'a, ST>(
    mut query: tickets::BoxedQuery<'a, Pg, ST>,
    visibility: &'a Visibility,
) -> tickets::BoxedQuery<'a, Pg, ST> {
    if let Some(vendors) = &visibility.vendors {
        query = query.filter(tickets::vendor.eq_any(vendors));
    }
    if let Some(reseller) = &visibility.reseller_id {
        query = query.filter(tickets::reseller_id.eq(reseller));
    }
    query
}

/// Finds a visible ticket by id.
#[tracing::instrument(skip(conn, visibility))]
pub async fn find(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    visibility: &Visibility,
) -> QueryResult<Option<TicketRow>> {
    let query = tickets::table
        .filter(tickets::id.eq(id))
        .select(TicketRow::as_select())
        .into_boxed();
    visible_to(query, visibility).first(conn).await.optional()
}

/// Finds a visible ticket by the helpdesk's id (`external_ref`) within one vendor.
#[tracing::instrument(skip(conn, visibility))]
pub async fn find_external(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    external_ref: &str,
    visibility: &Visibility,
) -> QueryResult<Option<TicketRow>> {
    let query = tickets::table
        .filter(tickets::vendor.eq(vendor))
        .filter(tickets::external_ref.eq(external_ref))
        .select(TicketRow::as_select())
        .into_boxed();
    visible_to(query, visibility).first(conn).await.optional()
}

/// The order of a ticket listing, with its keyset position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketOrder {
    /// Id (creation) order; the page starts after this id.
    Created {
        /// Keyset cursor: ids greater than this.
        after: Option<Uuid>,
    },
    /// `(updated_at, id)` order for polling clients: tickets changed at or after `since`,
    /// the page starting after the position `after`.
    Updated {
        /// Only tickets changed at or after this instant.
        since: chrono::DateTime<chrono::Utc>,
        /// Keyset cursor: positions greater than this `(updated_at, id)`.
        after: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    },
}

impl Default for TicketOrder {
    fn default() -> Self {
        TicketOrder::Created { after: None }
    }
}

/// Filters of a ticket listing.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    /// Only this vendor.
    pub vendor: Option<String>,
    /// Only this status.
    pub status: Option<String>,
    /// Only this customer.
    pub customer_id: Option<Uuid>,
    /// Only tickets whose running first-response or resolution clock is due before this.
    pub due_before: Option<chrono::DateTime<chrono::Utc>>,
    /// `(true, now)`: only tickets with a clock breached as of `now` (running past its due
    /// time, or stopped/paused in breach); `(false, now)`: only tickets without one.
    pub breached: Option<(bool, chrono::DateTime<chrono::Utc>)>,
    /// Only tickets flagged for a human look (`true`) or only tickets not flagged (`false`).
    pub needs_triage: Option<bool>,
    /// Only the ticket with this helpdesk id.
    pub external_ref: Option<String>,
    /// The order and the page's keyset position.
    pub order: TicketOrder,
    /// Page size.
    pub limit: i64,
}

/// One page of visible tickets in id (creation) order, or in `(updated_at, id)` order
/// (see [`TicketOrder`]).
#[tracing::instrument(skip(conn, visibility))]
pub async fn list(
    conn: &mut AsyncPgConnection,
    visibility: &Visibility,
    filter: &TicketFilter,
) -> QueryResult<Vec<TicketRow>> {
    let base = tickets::table
        .select(TicketRow::as_select())
        .limit(filter.limit)
        .into_boxed();
    let mut query = visible_to(base, visibility);
    match filter.order {
        TicketOrder::Created { after } => {
            query = query.order(tickets::id.asc());
            if let Some(after) = after {
                query = query.filter(tickets::id.gt(after));
            }
        }
        TicketOrder::Updated { since, after } => {
            query = query
                .order((tickets::updated_at.asc(), tickets::id.asc()))
                .filter(tickets::updated_at.ge(since));
            if let Some((at, id)) = after {
                query = query.filter(
                    tickets::updated_at
                        .gt(at)
                        .or(tickets::updated_at.eq(at).and(tickets::id.gt(id))),
                );
            }
        }
    }
    if let Some(external_ref) = &filter.external_ref {
        query = query.filter(tickets::external_ref.eq(external_ref));
    }
    if let Some(vendor) = &filter.vendor {
        query = query.filter(tickets::vendor.eq(vendor));
    }
    if let Some(status) = &filter.status {
        query = query.filter(tickets::status.eq(status));
    }
    if let Some(customer) = filter.customer_id {
        query = query.filter(tickets::customer_id.eq(customer));
    }
    if let Some(due) = filter.due_before {
        query = query.filter(
            tickets::first_response_due_at
                .lt(due)
                .or(tickets::resolution_due_at.lt(due)),
        );
    }
    if let Some((breached, now)) = filter.breached {
        let is_breached = tickets::sla_breached
            .or(tickets::first_response_due_at.lt(now).assume_not_null())
            .or(tickets::resolution_due_at.lt(now).assume_not_null());
        query = if breached {
            query.filter(is_breached)
        } else {
            query.filter(diesel::dsl::not(
                tickets::sla_breached
                    .or(tickets::first_response_due_at
                        .lt(now)
                        .is_not_distinct_from(true))
                    .or(tickets::resolution_due_at
                        .lt(now)
                        .is_not_distinct_from(true)),
            ))
        };
    }
    if let Some(flagged) = filter.needs_triage {
        query = query.filter(tickets::needs_triage.eq(flagged));
    }
    query.load(conn).await
}

/// A ticket's events, oldest first.
pub async fn events(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    ticket_id: Uuid,
) -> QueryResult<Vec<TicketEventRow>> {
    ticket_events::table
        .filter(ticket_events::vendor.eq(vendor))
        .filter(ticket_events::ticket_id.eq(ticket_id))
        .order(ticket_events::seq.asc())
        .select(TicketEventRow::as_select())
        .load(conn)
        .await
}
