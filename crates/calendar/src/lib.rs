//! Tierline's business-time engine: business calendars, business-minute arithmetic and SLA
//! clocks. Pure: no I/O, no domain types.
//!
//! # Model
//! A calendar ([`CalendarDef`], JSON) is an IANA time zone, a weekly schedule of open
//! ranges in local wall-clock time (minute precision, any number per day, `24:00` allowed
//! as an end), and date rules (fixed dates with US-federal or Australian-substitute
//! observance, nth/last weekday of a month, Easter offsets, one-off dates, optional first
//! and last year) that close a day or replace its hours. When several rules hit one date,
//! **`closed` wins over `hours`, and among `hours` rules the first listed wins**.
//! [`Calendar::new`] validates and compiles it.
//!
//! # Semantics
//! - All operations take and return UTC instants ([`chrono::DateTime<Utc>`]).
//! - Open periods are half-open `[opening, closing)`.
//! - **Instants keep their seconds** (and sub-second part): 10:35:20 plus 60 business
//!   minutes is 11:35:20, never rounded.
//! - **Counting starts at the next opening**: from a closed instant, counting starts at
//!   [`Calendar::next_open`]; adding 0 minutes returns that opening (`add(t, 0) ==
//!   next_open(t)`).
//! - **Due at closing**: for `m > 0`, [`Calendar::add_business`] returns the *earliest*
//!   instant at which `m` business minutes have elapsed, so a target whose last minute ends
//!   exactly at a closing time is due at that closing time, not at the next opening.
//!   Consequently `add(add(t, m1), m2) == add(t, m1 + m2)` for every `m2 > 0`.
//! - [`Calendar::business_seconds_between`]`(a, b)` counts open time in `[a, b)`, rounded
//!   down to whole seconds (0 when `b <= a`); minutes are `floor(seconds / 60)`. For every
//!   `t`, `between(t, add(t, m)) == m`.
//! - **DST policy**: each day's ranges are local wall times, resolved to instants through
//!   the zone. A wall time that does not exist (DST gap) resolves to the first instant
//!   after the gap; a wall time that exists twice (DST fold) resolves to the **earlier**
//!   instant. So on 2024-03-10 in New York a 02:00–04:00 range is open 03:00–04:00 EDT
//!   (one hour), and on 2024-11-03 a 01:00–02:00 range is open from 01:00 EDT to 02:00
//!   EST (two hours). A range that resolves to nothing is dropped.
//! - **Range**: local years [`Calendar::MIN_YEAR`]..=[`Calendar::MAX_YEAR`] (1900–2200).
//!   Instants or results outside it give [`CalendarError::OutOfRange`], never a panic.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use tierline_calendar::{BusinessMinutes, Calendar};
//!
//! let cal = Calendar::from_json(r#"{
//!     "zone": "America/New_York",
//!     "week": { "mon": [["09:00","16:00"]], "tue": [["09:00","16:00"]],
//!               "wed": [["09:00","16:00"]], "thu": [["09:00","16:00"]],
//!               "fri": [["09:00","16:00"]] },
//!     "rules": [ { "name": "Columbus Day",
//!                  "date": { "nth_weekday": { "month": 10, "weekday": "Mon", "n": 2 } },
//!                  "effect": "closed" } ]
//! }"#)?;
//! // Fri 2026-10-09 15:30 EDT (19:30 UTC) + 7 h -> Tue 2026-10-13 15:30 EDT.
//! let t = Utc.with_ymd_and_hms(2026, 10, 9, 19, 30, 0).unwrap();
//! let due = cal.add_business(t, BusinessMinutes::from_hours(7))?;
//! assert_eq!(due, Utc.with_ymd_and_hms(2026, 10, 13, 19, 30, 0).unwrap());
//! # Ok::<(), tierline_calendar::CalendarError>(())
//! ```
//!
//! # SLA clocks
//! [`SlaClock`] records start, pauses, resumes and stop as plain data, and computes
//! elapsed and remaining business time, the due and warning instants and a
//! [`ClockStatus`] against a [`Calendar`].
//!
//! # Performance
//! Each local year is compiled lazily into sorted UTC open intervals with cumulative open
//! seconds; `add_business` and `business_seconds_between` are binary searches, so a
//! 10-business-day target costs the same as a one-hour one. The naive day-walking
//! [`reference`] implementation is kept for tests.
#![deny(missing_docs)]

mod calendar;
mod clock;
mod def;
mod error;
mod explain;
mod minutes;
pub mod reference;
mod rules;
mod time;
mod zone;

pub use calendar::Calendar;
pub use clock::{ClockError, ClockRun, ClockStatus, SlaClock, WarningRule};
pub use def::{CalendarDef, DateRule, DateSpec, DayEffect, Observance, WeekSchedule};
pub use error::CalendarError;
pub use explain::{Closure, ClosureKind, DueExplanation, ExplainedSegment, OpenInterval};
pub use minutes::BusinessMinutes;
pub use rules::easter;
pub use time::{LocalTime, ParseLocalTimeError, TimeRange};
