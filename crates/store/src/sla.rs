//! The SLA monitor's queries: finding clocks that crossed their warning or due instant,
//! recording each alert once per clock cycle, and re-arming `tickets.next_deadline_at`.
//!
//! # The contract with the code that changes clocks
//! - `tickets.{first_response,resolution}_{warn,due}_at` hold the instants of *running*
//!   clocks and are `NULL` while a clock is paused or stopped (so a paused or stopped clock
//!   produces nothing).
//! - After changing any of them (pause, resume, stop, retarget, reopen), call [`rearm`] in
//!   the same transaction: it sets `next_deadline_at` to the earliest instant not alerted
//!   yet in the clock's current cycle (also one already in the past, which the monitor then
//!   picks up at once).
//! - A cycle is identified by the clock's start instant (`<clock column> -> clock ->
//!   started_at`, the stored `SlaClock`): a reopened ticket's fresh resolution clock is a new
//!   cycle; pausing and resuming is the same cycle, so a warning already sent is not sent
//!   again, while a due instant that moved later is watched again.
//! - When a clock stops within its target, call [`record_met`] (emits `sla.met` once).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Int8, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::outbox::{self, NewEvent};
use crate::schema::tickets;

/// The first-response clock.
pub const FIRST_RESPONSE: &str = "first_response";
/// The resolution clock.
pub const RESOLUTION: &str = "resolution";

#[derive(Debug, Clone, QueryableByName)]
struct DueTicket {
    #[diesel(sql_type = Text)]
    vendor: String,
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    customer_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    priority: Option<String>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    first_response_warn_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    first_response_due_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    resolution_warn_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    resolution_due_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Timestamptz)]
    first_response_cycle: DateTime<Utc>,
    #[diesel(sql_type = Timestamptz)]
    resolution_cycle: DateTime<Utc>,
}

/// What one monitor pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonitorReport {
    /// Tickets examined.
    pub tickets: usize,
    /// `sla.warning` events recorded.
    pub warnings: usize,
    /// `sla.breached` events recorded.
    pub breaches: usize,
}

/// The cycle expression of a clock column.
const CYCLE: &str = "COALESCE((first_response_clock #>> '{clock,started_at}')::timestamptz, \
     received_at) AS first_response_cycle, \
     COALESCE((resolution_clock #>> '{clock,started_at}')::timestamptz, received_at) \
     AS resolution_cycle";

/// One monitor pass, in one transaction: locks up to `limit` tickets whose
/// `next_deadline_at` is at or before `now` (skipping tickets other monitors or requests
/// hold), records the alerts whose instants passed, and re-arms each ticket.
pub async fn process_due(
    conn: &mut AsyncPgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<MonitorReport> {
    crate::in_transaction(conn, async |conn| {
        let due: Vec<DueTicket> = diesel::sql_query(format!(
            "SELECT vendor, id, customer_id, priority, status,
                        first_response_warn_at, first_response_due_at,
                        resolution_warn_at, resolution_due_at, {CYCLE}
                 FROM tickets
                 WHERE next_deadline_at IS NOT NULL AND next_deadline_at <= $1
                 ORDER BY next_deadline_at
                 LIMIT $2
                 FOR UPDATE SKIP LOCKED"
        ))
        .bind::<Timestamptz, _>(now)
        .bind::<Int8, _>(limit)
        .load(conn)
        .await?;
        let mut report = MonitorReport {
            tickets: due.len(),
            ..MonitorReport::default()
        };
        for t in &due {
            let candidates = [
                (
                    FIRST_RESPONSE,
                    "warning",
                    t.first_response_warn_at,
                    t.first_response_cycle,
                ),
                (
                    FIRST_RESPONSE,
                    "breached",
                    t.first_response_due_at,
                    t.first_response_cycle,
                ),
                (
                    RESOLUTION,
                    "warning",
                    t.resolution_warn_at,
                    t.resolution_cycle,
                ),
                (
                    RESOLUTION,
                    "breached",
                    t.resolution_due_at,
                    t.resolution_cycle,
                ),
            ];
            for (clock, kind, instant, cycle) in candidates {
                let Some(instant) = instant.filter(|i| *i <= now) else {
                    continue;
                };
                let (event_kind, due_at) = if kind == "warning" {
                    let due_at = if clock == FIRST_RESPONSE {
                        t.first_response_due_at
                    } else {
                        t.resolution_due_at
                    };
                    (outbox::SLA_WARNING, due_at)
                } else {
                    (outbox::SLA_BREACHED, Some(instant))
                };
                let payload = json!({
                    "ticket_id": t.id,
                    "customer_id": t.customer_id,
                    "vendor": t.vendor,
                    "clock": clock,
                    "at": instant,
                    "due_at": due_at,
                    "priority": t.priority,
                    "status": t.status,
                });
                let recorded = record_alert(
                    conn, &t.vendor, t.id, clock, kind, cycle, instant, event_kind, payload,
                )
                .await?;
                if recorded.is_some() {
                    if kind == "warning" {
                        report.warnings += 1;
                    } else {
                        report.breaches += 1;
                    }
                }
            }
            rearm(conn, &t.vendor, t.id).await?;
        }
        Ok(report)
    })
    .await
}

/// Records an alert once per (ticket, clock, kind, cycle) and enqueues its event; `None`
/// when it was recorded before.
#[allow(clippy::too_many_arguments)]
async fn record_alert(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    ticket_id: Uuid,
    clock: &str,
    kind: &str,
    cycle: DateTime<Utc>,
    instant: DateTime<Utc>,
    event_kind: &str,
    payload: Value,
) -> QueryResult<Option<Uuid>> {
    let event_id = Uuid::now_v7();
    let inserted = diesel::sql_query(
        "INSERT INTO sla_alerts (vendor, ticket_id, clock, kind, cycle, instant, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING",
    )
    .bind::<Text, _>(vendor)
    .bind::<SqlUuid, _>(ticket_id)
    .bind::<Text, _>(clock)
    .bind::<Text, _>(kind)
    .bind::<Timestamptz, _>(cycle)
    .bind::<Timestamptz, _>(instant)
    .bind::<SqlUuid, _>(event_id)
    .execute(conn)
    .await?;
    if inserted == 0 {
        return Ok(None);
    }
    let id = outbox::enqueue(
        conn,
        &NewEvent {
            vendor,
            kind: event_kind,
            ticket_id: Some(ticket_id),
            payload,
        },
    )
    .await?;
    Ok(Some(id))
}

/// Sets `next_deadline_at` to the earliest warning or due instant of the ticket's running
/// clocks that has no alert yet in the clock's current cycle (`NULL` when none). Call it in
/// the transaction that changed the clock columns.
pub async fn rearm(conn: &mut AsyncPgConnection, vendor: &str, ticket_id: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE tickets t SET next_deadline_at = (
             SELECT min(c.instant)
             FROM (VALUES
                 ('first_response', 'warning', t.first_response_warn_at,
                  COALESCE((t.first_response_clock #>> '{clock,started_at}')::timestamptz, t.received_at)),
                 ('first_response', 'breached', t.first_response_due_at,
                  COALESCE((t.first_response_clock #>> '{clock,started_at}')::timestamptz, t.received_at)),
                 ('resolution', 'warning', t.resolution_warn_at,
                  COALESCE((t.resolution_clock #>> '{clock,started_at}')::timestamptz, t.received_at)),
                 ('resolution', 'breached', t.resolution_due_at,
                  COALESCE((t.resolution_clock #>> '{clock,started_at}')::timestamptz, t.received_at))
             ) AS c (clock, kind, instant, cycle)
             WHERE c.instant IS NOT NULL
               AND NOT EXISTS (
                   SELECT 1 FROM sla_alerts a
                   WHERE a.vendor = t.vendor AND a.ticket_id = t.id AND a.clock = c.clock
                     AND a.kind = c.kind AND a.cycle = c.cycle)
         )
         WHERE t.vendor = $1 AND t.id = $2",
    )
    .bind::<Text, _>(vendor)
    .bind::<SqlUuid, _>(ticket_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A clock that stopped within its target: records `sla.met` once for the clock's cycle
/// (`cycle` = the clock's start instant) and returns the event id (`None` if recorded
/// before). Call it in the transaction that stops the clock.
#[allow(clippy::too_many_arguments)]
pub async fn record_met(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    ticket_id: Uuid,
    clock: &str,
    cycle: DateTime<Utc>,
    met_at: DateTime<Utc>,
    due_at: Option<DateTime<Utc>>,
    extra: Value,
) -> QueryResult<Option<Uuid>> {
    // The ticket as this transaction left it: the same members as the monitor's alerts.
    let (customer_id, priority, status): (Uuid, Option<String>, String) = tickets::table
        .find((vendor, ticket_id))
        .select((tickets::customer_id, tickets::priority, tickets::status))
        .first(conn)
        .await?;
    let payload = json!({
        "ticket_id": ticket_id,
        "customer_id": customer_id,
        "vendor": vendor,
        "clock": clock,
        "at": met_at,
        "due_at": due_at,
        "priority": priority,
        "status": status,
        "details": extra,
    });
    record_alert(
        conn,
        vendor,
        ticket_id,
        clock,
        "met",
        cycle,
        met_at,
        outbox::SLA_MET,
        payload,
    )
    .await
}
