//! A deliberately naive reference implementation, used by the tests to check the compiled
//! tables.
//!
//! It walks local days one by one, recomputes each year's rule dates from the definition
//! (no caching across calls), resolves each day's ranges to UTC, and does all arithmetic in
//! `i128` nanoseconds with a linear scan. It shares only the rule evaluation and DST
//! resolution with [`Calendar`]; it is O(days spanned) and not meant for production use.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::calendar::{join, split};
use crate::error::CalendarError;
use crate::rules::{self, Override};
use crate::Calendar;

const NS: i128 = 1_000_000_000;

fn to_ns(t: DateTime<Utc>) -> i128 {
    let (s, n) = split(t);
    i128::from(s) * NS + i128::from(n)
}

fn from_ns(ns: i128) -> Result<DateTime<Utc>, CalendarError> {
    let s = i64::try_from(ns.div_euclid(NS)).map_err(|_| CalendarError::result_out_of_range())?;
    let n = u32::try_from(ns.rem_euclid(NS)).map_err(|_| CalendarError::result_out_of_range())?;
    join(s, n)
}

/// Iterates the open intervals (UTC nanoseconds) of local days from the day before `t`'s
/// local date onwards, until `f` returns `Some`.
fn walk<T>(
    cal: &Calendar,
    t: DateTime<Utc>,
    mut f: impl FnMut(i128, i128) -> Option<T>,
) -> Result<Option<T>, CalendarError> {
    let (ts, _) = split(t);
    cal.year_index(ts)
        .ok_or_else(|| CalendarError::out_of_range(t))?;
    let mut years: HashMap<i32, BTreeMap<NaiveDate, Override>> = HashMap::new();
    let mut date = cal
        .local_date(ts)
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| CalendarError::out_of_range(t))?;
    while date.year() <= Calendar::MAX_YEAR {
        if date.year() >= Calendar::MIN_YEAR {
            let ov = years
                .entry(date.year())
                .or_insert_with(|| rules::year_overrides(cal.definition(), date.year()));
            let (ranges, _) = cal.day_plan(date, ov);
            for (s, e) in cal.resolve_ranges(date, ranges) {
                if let Some(r) = f(i128::from(s) * NS, i128::from(e) * NS) {
                    return Ok(Some(r));
                }
            }
        }
        date = date
            .succ_opt()
            .ok_or_else(CalendarError::result_out_of_range)?;
    }
    Ok(None)
}

/// Reference [`Calendar::is_open`].
pub fn is_open(cal: &Calendar, t: DateTime<Utc>) -> Result<bool, CalendarError> {
    let x = to_ns(t);
    walk(cal, t, |s, e| {
        if s > x {
            Some(false)
        } else if x < e {
            Some(true)
        } else {
            None
        }
    })
    .map(|r| r.unwrap_or(false))
}

/// Reference [`Calendar::next_open`].
pub fn next_open(cal: &Calendar, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
    add_business_seconds(cal, t, 0)
}

/// Reference [`Calendar::add_business_seconds`].
pub fn add_business_seconds(
    cal: &Calendar,
    t: DateTime<Utc>,
    secs: i64,
) -> Result<DateTime<Utc>, CalendarError> {
    if secs < 0 {
        return Err(CalendarError::NegativeDuration { seconds: secs });
    }
    let x = to_ns(t);
    let mut left = i128::from(secs) * NS;
    let due = walk(cal, t, |s, e| {
        let lo = s.max(x);
        if lo >= e {
            return None;
        }
        let avail = e - lo;
        if left == 0 {
            Some(lo)
        } else if left <= avail {
            Some(lo + left)
        } else {
            left -= avail;
            None
        }
    })?
    .ok_or_else(CalendarError::result_out_of_range)?;
    from_ns(due)
}

/// Reference [`Calendar::business_seconds_between`].
pub fn business_seconds_between(
    cal: &Calendar,
    a: DateTime<Utc>,
    b: DateTime<Utc>,
) -> Result<i64, CalendarError> {
    if b <= a {
        return Ok(0);
    }
    let (xa, xb) = (to_ns(a), to_ns(b));
    cal.year_index(split(b).0)
        .ok_or_else(|| CalendarError::out_of_range(b))?;
    let mut sum: i128 = 0;
    walk(cal, a, |s, e| {
        if s >= xb {
            return Some(());
        }
        let (lo, hi) = (s.max(xa), e.min(xb));
        if hi > lo {
            sum += hi - lo;
        }
        None
    })?;
    i64::try_from(sum.div_euclid(NS)).map_err(|_| CalendarError::result_out_of_range())
}
