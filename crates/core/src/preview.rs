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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ClockPreview {
    /// Target in business minutes.
    pub target_minutes: i64,
    /// When the target is reached (UTC).
    pub due_at: DateTime<Utc>,
    /// When the clock warns, if it does.
    pub warning_at: Option<DateTime<Utc>>,
}

/// Both clocks; `None` where no target applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
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

/// A preview request as clients send it (CLI `--jsonl` lines and `POST /sla/preview`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaPreviewRequest {
    /// Vendor id, e.g. `connex`.
    pub vendor: String,
    /// Plan id, name or legacy alias, e.g. `platinum` or `Ultra Plus`.
    pub plan: String,
    /// Ticket priority, for vendors whose targets depend on it.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Channel, for vendors whose targets depend on it.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Support line, for vendors whose targets depend on it.
    #[serde(default)]
    pub line: Option<Line>,
    /// When the ticket was (or would be) received.
    pub received_at: DateTime<Utc>,
}

/// Why a preview request could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    /// No adapter is registered for the vendor.
    #[error("unknown vendor {0:?}")]
    UnknownVendor(String),
    /// The vendor has no such plan.
    #[error("vendor {vendor} has no plan {plan:?}")]
    UnknownPlan {
        /// The vendor.
        vendor: String,
        /// The plan as given.
        plan: String,
    },
    /// The policy could not compute the clocks.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

impl SlaPreviewRequest {
    /// Resolves vendor and plan through the registry and computes the preview.
    pub fn answer(&self, registry: &crate::Registry) -> Result<SlaPreview, PreviewError> {
        let adapter = registry
            .find(&self.vendor)
            .ok_or_else(|| PreviewError::UnknownVendor(self.vendor.chars().take(64).collect()))?;
        let plan = adapter
            .resolve_plan(&self.plan)
            .ok_or_else(|| PreviewError::UnknownPlan {
                vendor: adapter.id().to_string(),
                plan: self.plan.chars().take(64).collect(),
            })?;
        let query = SlaQuery {
            plan: plan.id.clone(),
            priority: self.priority,
            channel: self.channel,
            line: self.line,
        };
        Ok(preview(adapter.as_ref(), &query, self.received_at)?)
    }
}
