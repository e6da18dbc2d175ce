//! SLA clock mechanics of the ticket lifecycle: applying agent events to stored clocks and
//! deriving the indexed columns (due, warning, next deadline, breach flag, queue key).
//!
//! Pure: no I/O. Which clocks pause while a ticket is pending, and each clock's target, come
//! from the vendor's [`ClockSpec`](tierline_core::ClockSpec) (stored with the clock); the
//! queue key comes from the adapter's `queue_key`.

use chrono::{DateTime, Utc};
use tierline_calendar::{Calendar, ClockError, ClockStatus, SlaClock};
use tierline_core::{ClockSpec, PlanId, Priority, QueueEntry, VendorAdapter};
use tierline_store::lifecycle::TicketState;

use crate::dto::{ReasonBody, StoredClock};
use crate::error::ApiError;

/// Which of a ticket's clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Time to first response.
    FirstResponse,
    /// Time to resolution.
    Resolution,
}

impl Which {
    /// The clock's name in bodies and explanations.
    pub fn name(self) -> &'static str {
        match self {
            Which::FirstResponse => "first_response",
            Which::Resolution => "resolution",
        }
    }
}

/// A ticket's two clocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clocks {
    /// Time to first response.
    pub first_response: Option<StoredClock>,
    /// Time to resolution.
    pub resolution: Option<StoredClock>,
}

impl Clocks {
    /// Both clocks with their names.
    pub fn each_mut(&mut self) -> [(Which, &mut Option<StoredClock>); 2] {
        [
            (Which::FirstResponse, &mut self.first_response),
            (Which::Resolution, &mut self.resolution),
        ]
    }

    /// Both clocks with their names.
    pub fn each(&self) -> [(Which, &Option<StoredClock>); 2] {
        [
            (Which::FirstResponse, &self.first_response),
            (Which::Resolution, &self.resolution),
        ]
    }
}

/// Whether a clock is counting now (started, not paused, not stopped).
pub fn is_running(clock: &SlaClock) -> bool {
    clock.stopped_at().is_none() && !clock.is_paused()
}

/// A clock error as the client sees it: an `at` before the clock's last event is a 422 on
/// `at`; a calendar failure is a 422 too; anything else means the transition is impossible.
pub fn clock_error(e: ClockError) -> ApiError {
    match e {
        ClockError::BeforeLastEvent { at, last } => ApiError::field(
            "at",
            "before_last_event",
            format!("{at} is before the ticket's last clock event at {last}"),
        ),
        ClockError::Calendar(e) => ApiError::field("at", "out_of_range", e.to_string()),
        other => ApiError::Conflict {
            code: "invalid_transition",
            detail: other.to_string(),
        },
    }
}

fn internal(e: tierline_calendar::CalendarError) -> ApiError {
    ApiError::Internal(e.to_string())
}

/// A reason line of Tierline's own clock mechanics (rule ids `tierline.clock.*`).
pub fn reason(rule: &str, text: impl Into<String>) -> ReasonBody {
    ReasonBody {
        rule: format!("tierline.clock.{rule}"),
        text: text.into(),
    }
}

/// The due time a clock has for queue ordering: while running or stopped its due time; while
/// paused the due time it had when it was paused (so a waiting ticket keeps its place).
fn queue_due(clock: &SlaClock, cal: &Calendar) -> Result<Option<DateTime<Utc>>, ApiError> {
    if clock.stopped_at().is_none() && clock.is_paused() {
        let paused_at = clock.runs().last().and_then(|r| r.to);
        if let Some(paused_at) = paused_at {
            let mut as_if = clock.clone();
            if as_if.resume(paused_at).is_ok() {
                return as_if.due_at(cal).map_err(internal);
            }
        }
    }
    clock.due_at(cal).map_err(internal)
}

/// What the ordering and the indexes need besides the clocks.
pub struct Shape<'a> {
    /// The customer's plan.
    pub plan: &'a PlanId,
    /// The ticket's priority.
    pub priority: Option<Priority>,
    /// When it was received.
    pub received_at: DateTime<Utc>,
}

/// Writes the clocks and everything derived from them into `state`: stored clock JSON, due
/// and warning instants of running clocks, the next deadline, the breach flag (a clock that
/// is paused or stopped past its target), and the vendor's queue key.
pub fn derive(
    adapter: &dyn VendorAdapter,
    shape: &Shape<'_>,
    clocks: &Clocks,
    state: &mut TicketState,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let cal = adapter.calendar();
    let mut breached = state.sla_breached;
    let mut columns = [(None, None, None, None), (None, None, None, None)];
    for (i, (_, clock)) in clocks.each().into_iter().enumerate() {
        let Some(stored) = clock else { continue };
        let c = &stored.clock;
        let json = crate::handlers::json_text(stored)?;
        let (due, warn) = if is_running(c) {
            (
                c.due_at(cal).map_err(internal)?,
                c.warning_at(cal).map_err(internal)?,
            )
        } else {
            if c.status(cal, now).map_err(internal)? == ClockStatus::Breached {
                breached = true;
            }
            (None, None)
        };
        columns[i] = (Some(json), due, warn, queue_due(c, cal)?);
    }
    let [(fr_json, fr_due, fr_warn, fr_queue), (res_json, res_due, res_warn, res_queue)] = columns;
    state.first_response_clock = fr_json;
    state.first_response_due_at = fr_due;
    state.first_response_warn_at = fr_warn;
    state.resolution_clock = res_json;
    state.resolution_due_at = res_due;
    state.resolution_warn_at = res_warn;
    state.next_deadline_at = [fr_warn, fr_due, res_warn, res_due]
        .into_iter()
        .flatten()
        .min();
    state.sla_breached = breached;
    let key = adapter.queue_key(&QueueEntry {
        plan: shape.plan,
        priority: shape.priority,
        received_at: shape.received_at,
        first_response_due: fr_queue,
        resolution_due: res_queue,
    });
    state.queue_class = key.class;
    state.queue_at = key.at;
    Ok(())
}

/// The clock with a new target and warning rule (a priority change, an escalation to a
/// level with its own target), its history replayed: same start, same pauses and resumes.
/// A stopped clock keeps its history and warning; only its target changes.
pub fn rebuilt(clock: &SlaClock, spec: &ClockSpec, cal: &Calendar) -> Result<SlaClock, ApiError> {
    if clock.stopped_at().is_some() {
        let mut c = clock.clone();
        c.retarget(spec.target);
        return Ok(c);
    }
    let mut new = SlaClock::start(clock.started_at(), spec.target, spec.warning);
    for (i, run) in clock.runs().iter().enumerate() {
        if i > 0 {
            new.resume(run.from).map_err(clock_error)?;
        }
        if let Some(to) = run.to {
            new.pause(cal, to).map_err(clock_error)?;
        }
    }
    Ok(new)
}

/// One line saying how a stopped clock ended.
pub fn stop_reason(
    which: Which,
    clock: &SlaClock,
    cal: &Calendar,
    at: DateTime<Utc>,
) -> Result<ReasonBody, ApiError> {
    let elapsed = clock.elapsed_seconds(cal, at).map_err(internal)? / 60;
    let target = clock.target().get();
    let breached = clock.status(cal, at).map_err(internal)? == ClockStatus::Breached;
    let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(if breached {
        reason(
            "breached",
            format!(
                "The {} clock stopped at {at} after {elapsed} of {target} business minutes: \
                 target breached.",
                which.name()
            ),
        )
    } else {
        reason(
            "met",
            format!(
                "The {} clock stopped at {at} after {elapsed} of {target} business minutes: \
                 target met.",
                which.name()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use tierline_calendar::{BusinessMinutes, WarningRule};

    use super::*;

    fn utc(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn rebuilt_clocks_keep_their_history_with_the_new_rule() {
        let cal = Calendar::from_json(
            r#"{"zone": "UTC", "week": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]]}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut clock = SlaClock::start(
            utc(9, 0),
            BusinessMinutes::new(60),
            Some(WarningRule::AfterElapsed(BusinessMinutes::new(10))),
        );
        clock
            .pause(&cal, utc(9, 30))
            .unwrap_or_else(|e| panic!("{e}"));
        clock.resume(utc(10, 0)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(clock.due_at(&cal).ok().flatten(), Some(utc(10, 30)));
        let spec = ClockSpec {
            target: BusinessMinutes::new(120),
            warning: None,
            pauses_when_pending: true,
            met_by_mitigation: false,
        };
        let new = rebuilt(&clock, &spec, &cal).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(new.runs(), clock.runs());
        assert_eq!(new.due_at(&cal).ok().flatten(), Some(utc(11, 30)));
        assert_eq!(new.warning_at(&cal).ok().flatten(), None);
        // Paused clocks stay paused.
        clock
            .pause(&cal, utc(10, 15))
            .unwrap_or_else(|e| panic!("{e}"));
        let new = rebuilt(&clock, &spec, &cal).unwrap_or_else(|e| panic!("{e}"));
        assert!(new.is_paused());
        assert_eq!(new.remaining_minutes(&cal, utc(12, 0)).ok(), Some(75));
    }
}
