//! Errors of calendar validation and business-time arithmetic.

use chrono::{DateTime, Utc};

use crate::time::{LocalTime, TimeRange};

/// Everything that can go wrong building a calendar or computing with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The zone is not an IANA time zone name known to chrono-tz.
    #[error("unknown time zone {0:?} (expected an IANA name such as \"Europe/Copenhagen\")")]
    UnknownZone(String),
    /// A time is not usable where it appears (e.g. `24:00` as a start).
    #[error("{day}: invalid time {value}: {reason}")]
    InvalidTime {
        /// Weekday or rule the range belongs to.
        day: String,
        /// The offending time.
        value: LocalTime,
        /// Why.
        reason: String,
    },
    /// A range whose end is not after its start.
    #[error("{day}: range {start}–{end} ends before it starts (or is empty)")]
    InvertedInterval {
        /// Weekday or rule the range belongs to.
        day: String,
        /// Start.
        start: LocalTime,
        /// End.
        end: LocalTime,
    },
    /// Two ranges of one day overlap.
    #[error("{day}: ranges {first} and {second} overlap")]
    OverlappingIntervals {
        /// Weekday or rule the ranges belong to.
        day: String,
        /// One range.
        first: TimeRange,
        /// The other.
        second: TimeRange,
    },
    /// A fixed date that no year has (e.g. April 31).
    #[error("rule {rule:?}: impossible date: {detail}")]
    ImpossibleDate {
        /// Rule name.
        rule: String,
        /// Which date.
        detail: String,
    },
    /// No weekday has any open range.
    #[error("the weekly schedule has no open hours on any day")]
    EmptyWeek,
    /// A rule that cannot be used as written.
    #[error("rule {rule:?}: {reason}")]
    InvalidRule {
        /// Rule name.
        rule: String,
        /// Why.
        reason: String,
    },
    /// An instant or result outside the supported years (local years 1900..=2200).
    #[error("{what} is outside the supported range (years 1900 to 2200)")]
    OutOfRange {
        /// Description of the offending value.
        what: String,
    },
    /// A negative business duration was given where only `>= 0` makes sense.
    #[error("negative business duration: {seconds} s")]
    NegativeDuration {
        /// The duration, in seconds.
        seconds: i64,
    },
    /// The JSON text is not a calendar definition.
    #[error("invalid calendar JSON: {0}")]
    Json(String),
}

impl CalendarError {
    pub(crate) fn out_of_range(t: DateTime<Utc>) -> Self {
        CalendarError::OutOfRange {
            what: format!("instant {}", t.to_rfc3339()),
        }
    }

    pub(crate) fn result_out_of_range() -> Self {
        CalendarError::OutOfRange {
            what: "the result".to_owned(),
        }
    }
}

impl From<serde_json::Error> for CalendarError {
    fn from(e: serde_json::Error) -> Self {
        CalendarError::Json(e.to_string())
    }
}
