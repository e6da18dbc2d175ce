//! Due times for a hypothetical ticket: the answer of `tierline sla preview` and
//! `POST /api/v1/sla/preview`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tierline_calendar::SlaClock;

use crate::adapter::VendorAdapter;
use crate::domain::{Channel, Line, PlanId, Priority};
use crate::policy::{ClockSpec, PolicyError};

/// The shape of a ticket, as far as clocks care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaQuery {
    /// Canonical plan id.
    pub plan: PlanId,
    /// Priority, for vendors whose targets depend on it.
    pub priority: Option<Priority>,
    /// Channel, for vendors whose targets depend on it.
    pub channel: Option<Channel>,
    /// Support line, for vendors whose targets depend on it.
    pub line: Option<Line>,
}

/// One clock's target and due instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockPreview {
    /// Target in business minutes.
    pub target_minutes: i64,
    /// When the target is reached (UTC).
    pub due_at: DateTime<Utc>,
    /// When the clock warns, if it does.
    pub warning_at: Option<DateTime<Utc>>,
}

/// Both clocks; `None` where no target applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlaPreview {
    /// Time to first response.
    pub first_response: Option<ClockPreview>,
    /// Time to resolution.
    pub resolution: Option<ClockPreview>,
}

/// Computes the clocks a ticket of this shape received at `received_at` would get.
///
/// The plan in `query` must be a canonical id of the adapter's catalog.
pub fn preview(
    adapter: &dyn VendorAdapter,
    query: &SlaQuery,
    received_at: DateTime<Utc>,
) -> Result<SlaPreview, PolicyError> {
    if adapter.resolve_plan(query.plan.as_str()).is_none() {
        return Err(PolicyError::UnknownPlan(query.plan.to_string()));
    }
    let targets = adapter.sla_targets(query)?;
    let calendar = adapter.calendar();
    let clock = |spec: Option<ClockSpec>| -> Result<Option<ClockPreview>, PolicyError> {
        let Some(spec) = spec else { return Ok(None) };
        let clock = SlaClock::start(received_at, spec.target, spec.warning);
        let due_at = clock
            .due_at(calendar)?
            .ok_or_else(|| PolicyError::NotApplicable("a new clock has no due time".into()))?;
        Ok(Some(ClockPreview {
            target_minutes: spec.target.get(),
            due_at,
            warning_at: clock.warning_at(calendar)?,
        }))
    };
    Ok(SlaPreview {
        first_response: clock(targets.first_response)?,
        resolution: clock(targets.resolution)?,
    })
}
