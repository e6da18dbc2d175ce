//! Calendar definitions: the serde (JSON) data a [`crate::Calendar`] is compiled from.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::time::TimeRange;

/// A calendar as data: an IANA zone, a weekly schedule and date rules.
///
/// ```json
/// { "zone": "America/New_York",
///   "week": { "mon": [["09:00","16:00"]], "tue": [["09:00","16:00"]] },
///   "rules": [ { "name": "New Year's Day",
///                "date": { "fixed": { "month": 1, "day": 1, "observance": "us_federal" } },
///                "effect": "closed" } ] }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    /// IANA time zone name, e.g. `Europe/Copenhagen`.
    pub zone: String,
    /// The regular weekly opening hours, in local wall-clock time.
    pub week: WeekSchedule,
    /// Holidays and special days, applied over the weekly schedule.
    #[serde(default)]
    pub rules: Vec<DateRule>,
}

/// Regular opening hours per weekday. A day that is missing (or empty) is closed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekSchedule {
    /// Monday.
    #[serde(default)]
    pub mon: Vec<TimeRange>,
    /// Tuesday.
    #[serde(default)]
    pub tue: Vec<TimeRange>,
    /// Wednesday.
    #[serde(default)]
    pub wed: Vec<TimeRange>,
    /// Thursday.
    #[serde(default)]
    pub thu: Vec<TimeRange>,
    /// Friday.
    #[serde(default)]
    pub fri: Vec<TimeRange>,
    /// Saturday.
    #[serde(default)]
    pub sat: Vec<TimeRange>,
    /// Sunday.
    #[serde(default)]
    pub sun: Vec<TimeRange>,
}

impl WeekSchedule {
    /// The ranges of one weekday.
    pub fn day(&self, wd: Weekday) -> &[TimeRange] {
        match wd {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    /// The same ranges for Monday to Friday, weekends closed.
    pub fn weekdays(ranges: Vec<TimeRange>) -> Self {
        Self {
            mon: ranges.clone(),
            tue: ranges.clone(),
            wed: ranges.clone(),
            thu: ranges.clone(),
            fri: ranges,
            sat: Vec::new(),
            sun: Vec::new(),
        }
    }
}

/// A holiday or special day: which date(s), in which years, and what happens on them.
///
/// Conflicts: when several rules hit the same local date, `closed` wins over `hours`, and
/// among `hours` rules the first one listed wins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRule {
    /// Name shown to users ("Thanksgiving", "Store Bededag").
    pub name: String,
    /// Which date, each year.
    pub date: DateSpec,
    /// Days added to the computed date (e.g. -1 for "the day before"; Easter offsets).
    /// Applied before any observance rule.
    #[serde(default)]
    pub offset_days: i32,
    /// First year the rule applies (inclusive); `None` = always.
    #[serde(default)]
    pub from_year: Option<i32>,
    /// Last year the rule applies (inclusive); `None` = always.
    #[serde(default)]
    pub to_year: Option<i32>,
    /// What the rule does to the day.
    pub effect: DayEffect,
    /// Where the date comes from (e.g. the proclamation of a one-off public holiday), so
    /// the calendar data can be checked against its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// How a rule's date is computed for a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DateSpec {
    /// The same month and day every year (Feb 29 only in leap years).
    Fixed {
        /// Month, 1–12.
        month: u32,
        /// Day of month.
        day: u32,
        /// What happens when the date falls on a weekend.
        #[serde(default)]
        observance: Observance,
    },
    /// The `n`th given weekday of a month (n = 1..=5; a 5th that does not exist that year
    /// produces no date).
    NthWeekday {
        /// Month, 1–12.
        month: u32,
        /// Weekday, e.g. `"Mon"`.
        weekday: Weekday,
        /// 1..=5.
        n: u8,
    },
    /// The last given weekday of a month.
    LastWeekday {
        /// Month, 1–12.
        month: u32,
        /// Weekday, e.g. `"Mon"`.
        weekday: Weekday,
    },
    /// Western (Gregorian) Easter Sunday; use `offset_days` for Good Friday (-2) etc.
    Easter,
    /// A single date.
    OneOff {
        /// The date.
        date: NaiveDate,
    },
}

/// Weekend handling for [`DateSpec::Fixed`] dates. Weekend here always means Saturday and
/// Sunday, whatever the weekly schedule says.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Observance {
    /// The date itself, wherever it falls.
    #[default]
    None,
    /// US federal practice: a Saturday date is observed on the Friday before, a Sunday date
    /// on the Monday after (the date itself is then not affected).
    UsFederal,
    /// Australian substitute day: the date itself is affected and, when it is a Saturday or
    /// Sunday, so is the next Monday–Friday that is not already a holiday (closed by any
    /// rule, or taken by an earlier-listed substitute).
    NextFreeWeekday,
}

/// What a rule does to its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayEffect {
    /// Closed all day.
    Closed,
    /// Open only during these ranges (replacing the weekly hours).
    Hours(Vec<TimeRange>),
}
