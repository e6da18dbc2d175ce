//! Display types: open intervals, closures and due-time explanations.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::time::TimeRange;

/// One open period of a calendar, clipped to the range asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInterval {
    /// Start (inclusive).
    pub start: DateTime<Utc>,
    /// End (exclusive).
    pub end: DateTime<Utc>,
    /// The local date whose hours this period belongs to.
    pub local_date: NaiveDate,
    /// The rule name when that day's hours were replaced by a rule (limited hours).
    pub special: Option<String>,
}

/// Whether a rule closes a date or limits its hours.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureKind {
    /// Closed all day.
    Closed,
    /// Open only during `hours`.
    LimitedHours,
}

/// A date that a rule closes or limits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    /// The local date.
    pub date: NaiveDate,
    /// Rule name, with "(observed)" or "(substitute day)" when moved or added.
    pub name: String,
    /// Closed or limited.
    pub kind: ClosureKind,
    /// The hours that day when limited (empty when closed).
    pub hours: Vec<TimeRange>,
}

/// One open period counted towards a due time, in local time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainedSegment {
    /// Local date.
    pub local_date: NaiveDate,
    /// Local wall time the counting starts.
    pub local_start: NaiveTime,
    /// Local wall time the counting stops (00:00 for a period ending at midnight).
    pub local_end: NaiveTime,
    /// Business minutes counted in this segment (whole minutes, rounded down).
    pub minutes: i64,
    /// Business seconds counted in this segment.
    pub seconds: i64,
    /// The rule name when the day had replaced (limited) hours.
    pub special: Option<String>,
}

/// Why a due time is what it is: the open segments counted and the closures skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueExplanation {
    /// When the clock started counting (the next opening at or after the start instant).
    pub clock_start: DateTime<Utc>,
    /// The due instant.
    pub due_at: DateTime<Utc>,
    /// The open segments counted, in order.
    pub segments: Vec<ExplainedSegment>,
    /// Rule-closed or limited days from the start instant's local date to the due date
    /// that would otherwise have had regular hours.
    pub skipped: Vec<Closure>,
}
