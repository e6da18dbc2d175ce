//! Recording a new ticket in one statement.
//!
//! Ticket intake is the hottest write: one request stores the ticket row, its first history
//! events (`ticket_events`) and its outbox events (`outbox_events`, fanned out to the vendor's
//! live webhook subscriptions as `webhook_deliveries`). [`record`] writes all of that with a
//! single data-modifying `WITH` statement:
//!
//! - one round trip instead of one per table, and no `BEGIN`/`COMMIT` of its own: a single
//!   statement is atomic, so the caller may run it outside a transaction;
//! - the statement text never changes (history and outbox rows travel as arrays, NULLs as
//!   bound NULLs), so the connection prepares it once and re-uses the plan: diesel's
//!   `insert_into(..).values(..)` and `sql_query` would be parsed and planned on every call;
//! - the foreign keys (ticket → customer, history → ticket) are still checked, at the end of
//!   the statement.

use chrono::{DateTime, Utc};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{
    Array, Bool, Int2, Int8, Json, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid,
};
use diesel::QueryResult;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::models::{NewTicketEvent, TicketRow};

/// An outbox event recorded with a new ticket.
#[derive(Debug, Clone)]
pub struct IntakeEvent<'a> {
    /// Event id (UUIDv7): receivers de-duplicate on it.
    pub id: Uuid,
    /// One of [`crate::outbox::EVENT_KINDS`].
    pub kind: &'a str,
    /// The event's data.
    pub payload: &'a Value,
}

/// A new ticket with everything that is written with it.
#[derive(Debug, Clone)]
pub struct NewTicket<'a> {
    /// The ticket row.
    pub ticket: &'a TicketRow,
    /// Its first history events, in order. Their `vendor` and `ticket_id` are ignored: the
    /// ticket's are used.
    pub history: &'a [NewTicketEvent],
    /// Its outbox events, in order.
    pub events: &'a [IntakeEvent<'a>],
}

/// What [`record`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// The ticket, its history and its outbox events are stored.
    Stored,
    /// The vendor has a ticket with the same `external_ref` already: nothing was written
    /// (find it with [`crate::tickets::find_external`]).
    ExternalRefTaken,
}

/// Writes the ticket, its history and its outbox events (with one pending delivery per live
/// subscription of the vendor to each event's type) in one statement. Atomic on its own; in
/// a caller's transaction it commits or rolls back with it. A ticket whose `external_ref`
/// the vendor has already writes nothing and answers [`Recorded::ExternalRefTaken`].
#[tracing::instrument(skip_all, fields(vendor = %new.ticket.vendor, id = %new.ticket.id))]
pub async fn record(conn: &mut AsyncPgConnection, new: &NewTicket<'_>) -> QueryResult<Recorded> {
    let stored: i64 = RecordTicket::new(new).get_result(conn).await?;
    Ok(if stored == 0 {
        Recorded::ExternalRefTaken
    } else {
        Recorded::Stored
    })
}

/// Marks a bind parameter in [`RECORD_TICKET_SQL`]; diesel writes `$1`, `$2`, ... in its place.
const BIND: &str = "$?";

/// The statement: the ticket's 29 columns, then the history (5 arrays) and the outbox events
/// (3 arrays), in the order `walk_ast` binds them. It answers how many tickets it stored: 0
/// when the vendor's `external_ref` was taken (`ON CONFLICT DO NOTHING` leaves `ticket`
/// empty, so history, events and deliveries insert nothing either).
const RECORD_TICKET_SQL: &str = "WITH ticket AS (
         INSERT INTO tickets (vendor, id, customer_id, subject, description, channel, priority,
             requested_priority, status, received_at, refs, routing_kind, reseller_id, decision,
             first_response_clock, resolution_clock, first_response_due_at,
             first_response_warn_at, resolution_due_at, resolution_warn_at, next_deadline_at,
             queue_class, queue_at, version, created_by, created_at, updated_at, needs_triage,
             external_ref)
         VALUES ($?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?, $?,
                 $?, $?, $?, $?, $?, $?, $?, $?, $?)
         ON CONFLICT (vendor, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
         RETURNING vendor, id
     ),
     history AS (
         INSERT INTO ticket_events (vendor, ticket_id, kind, at, actor, data, explanation)
         SELECT ticket.vendor, ticket.id, h.kind, h.at, h.actor, h.data, h.explanation
         FROM ticket, unnest($?, $?, $?, $?, $?)
              WITH ORDINALITY AS h (kind, at, actor, data, explanation, n)
         ORDER BY h.n
     ),
     events AS (
         INSERT INTO outbox_events (vendor, id, kind, ticket_id, payload)
         SELECT ticket.vendor, e.id, e.kind, ticket.id, e.payload
         FROM ticket, unnest($?, $?, $?) WITH ORDINALITY AS e (id, kind, payload, n)
         ORDER BY e.n
         RETURNING vendor, id, kind
     ),
     deliveries AS (
         INSERT INTO webhook_deliveries (vendor, id, webhook_id, event_id)
         SELECT w.vendor, gen_random_uuid(), w.id, events.id
         FROM events JOIN webhooks w ON w.vendor = events.vendor
         WHERE w.deleted_at IS NULL AND w.active AND events.kind = ANY (w.events)
     )
     SELECT count(*) FROM ticket";

/// How many values `walk_ast` binds.
#[cfg(test)]
const BIND_COUNT: usize = 37;

/// The bound form of a [`NewTicket`]: the history and outbox columns as arrays.
struct RecordTicket<'a> {
    ticket: &'a TicketRow,
    history_kind: Vec<&'a str>,
    history_at: Vec<DateTime<Utc>>,
    history_actor: Vec<&'a str>,
    history_data: Vec<&'a Value>,
    history_explanation: Vec<&'a Value>,
    event_id: Vec<Uuid>,
    event_kind: Vec<&'a str>,
    event_payload: Vec<&'a Value>,
}

impl<'a> RecordTicket<'a> {
    fn new(new: &NewTicket<'a>) -> Self {
        let h = new.history;
        let e = new.events;
        Self {
            ticket: new.ticket,
            history_kind: h.iter().map(|x| x.kind.as_str()).collect(),
            history_at: h.iter().map(|x| x.at).collect(),
            history_actor: h.iter().map(|x| x.actor.as_str()).collect(),
            history_data: h.iter().map(|x| &x.data).collect(),
            history_explanation: h.iter().map(|x| &x.explanation).collect(),
            event_id: e.iter().map(|x| x.id).collect(),
            event_kind: e.iter().map(|x| x.kind).collect(),
            event_payload: e.iter().map(|x| x.payload).collect(),
        }
    }
}

/// The statement cache key: one prepared statement per connection, whatever the values.
struct RecordTicketId;

impl Query for RecordTicket<'_> {
    type SqlType = Int8;
}

impl QueryId for RecordTicket<'_> {
    type QueryId = RecordTicketId;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl QueryFragment<Pg> for RecordTicket<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let t = self.ticket;
        let mut pieces = RECORD_TICKET_SQL.split(BIND);
        macro_rules! binds {
            ($($ty:ty => $value:expr),+ $(,)?) => {
                $(
                    out.push_sql(pieces.next().unwrap_or_default());
                    out.push_bind_param::<$ty, _>($value)?;
                )+
            };
        }
        binds!(
            Text => &t.vendor,
            SqlUuid => &t.id,
            SqlUuid => &t.customer_id,
            Text => &t.subject,
            Text => &t.description,
            Text => &t.channel,
            Nullable<Text> => &t.priority,
            Nullable<Text> => &t.requested_priority,
            Text => &t.status,
            Timestamptz => &t.received_at,
            Jsonb => &t.refs,
            Text => &t.routing_kind,
            Nullable<Text> => &t.reseller_id,
            Json => &t.decision,
            Nullable<Jsonb> => &t.first_response_clock,
            Nullable<Jsonb> => &t.resolution_clock,
            Nullable<Timestamptz> => &t.first_response_due_at,
            Nullable<Timestamptz> => &t.first_response_warn_at,
            Nullable<Timestamptz> => &t.resolution_due_at,
            Nullable<Timestamptz> => &t.resolution_warn_at,
            Nullable<Timestamptz> => &t.next_deadline_at,
            Int2 => &t.queue_class,
            Timestamptz => &t.queue_at,
            Int8 => &t.version,
            Text => &t.created_by,
            Timestamptz => &t.created_at,
            Timestamptz => &t.updated_at,
            Bool => &t.needs_triage,
            Nullable<Text> => &t.external_ref,
            Array<Text> => &self.history_kind,
            Array<Timestamptz> => &self.history_at,
            Array<Text> => &self.history_actor,
            Array<Jsonb> => &self.history_data,
            Array<Json> => &self.history_explanation,
            Array<SqlUuid> => &self.event_id,
            Array<Text> => &self.event_kind,
            Array<Json> => &self.event_payload,
        );
        // Exactly the closing text may be left: a marker without a bind (or a bind without
        // a marker) would send PostgreSQL a statement that does not say what we bound.
        match (pieces.next(), pieces.next()) {
            (Some(rest), None) => {
                out.push_sql(rest);
                Ok(())
            }
            _ => Err(diesel::result::Error::QueryBuilderError(
                "the intake statement's markers and binds do not match".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BIND, BIND_COUNT, RECORD_TICKET_SQL};

    #[test]
    fn the_statement_has_a_marker_for_every_bind() {
        assert_eq!(RECORD_TICKET_SQL.matches(BIND).count(), BIND_COUNT);
    }
}
