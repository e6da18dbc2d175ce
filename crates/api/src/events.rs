//! Outbox events of ticket changes, recorded in the change's transaction (see
//! `tierline_store::outbox`): `ticket.updated`, `ticket.escalated`, `sla.met`; and the SLA
//! monitor's index re-armed after the clocks moved (`tierline_store::sla::rearm`).

use diesel_async::AsyncPgConnection;
use serde_json::{json, Value};
use tierline_calendar::{Calendar, ClockStatus};
use tierline_store::outbox::{self, NewEvent};
use tierline_store::sla;
use uuid::Uuid;

use crate::clocks::Clocks;
use crate::error::ApiError;

/// Whether each clock (first response, resolution) is stopped.
pub fn stopped(clocks: &Clocks) -> [bool; 2] {
    clocks
        .each()
        .map(|(_, c)| c.as_ref().is_some_and(|s| s.clock.stopped_at().is_some()))
}

/// Records a ticket change: the `kind` event (`ticket.updated`, `ticket.escalated`) with
/// `payload`, `sla.met` for each clock this change stopped within its target (`before` from
/// [`stopped`] ahead of the change), and re-arms the monitor's `next_deadline_at`. Call it
/// after the ticket's new state is saved, in the same transaction.
#[allow(clippy::too_many_arguments)]
pub async fn ticket_changed(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    ticket_id: Uuid,
    kind: &str,
    payload: Value,
    before: [bool; 2],
    clocks: &Clocks,
    cal: &Calendar,
) -> Result<(), ApiError> {
    let internal = |e: tierline_calendar::CalendarError| ApiError::Internal(e.to_string());
    outbox::enqueue(
        conn,
        &NewEvent {
            vendor,
            kind,
            ticket_id: Some(ticket_id),
            payload,
        },
    )
    .await?;
    for (i, (which, slot)) in clocks.each().into_iter().enumerate() {
        let Some(stored) = slot else { continue };
        let Some(stopped_at) = stored.clock.stopped_at() else {
            continue;
        };
        if before[i] || stored.clock.status(cal, stopped_at).map_err(internal)? != ClockStatus::Met
        {
            continue;
        }
        let due = stored.clock.due_at(cal).map_err(internal)?;
        sla::record_met(
            conn,
            vendor,
            ticket_id,
            which.name(),
            stored.clock.started_at(),
            stopped_at,
            due,
            json!({ "target_minutes": stored.clock.target().get() }),
        )
        .await?;
    }
    sla::rearm(conn, vendor, ticket_id).await?;
    Ok(())
}
