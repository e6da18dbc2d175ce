//! Validation of definitions and evaluation of date rules for a year.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::def::{CalendarDef, DateRule, DateSpec, DayEffect, Observance};
use crate::error::CalendarError;
use crate::time::{LocalTime, TimeRange};

/// How a rule came to hit a date.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Occurrence {
    /// The computed date itself.
    Actual,
    /// Moved off a weekend by [`Observance::UsFederal`].
    Observed,
    /// An extra day added by [`Observance::NextFreeWeekday`].
    Substitute,
}

/// The rule that decides one date, after conflict resolution.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Override {
    /// Index into `CalendarDef::rules`.
    pub rule: usize,
    /// How the rule hit the date.
    pub how: Occurrence,
}

impl Override {
    /// The user-facing name: the rule name, with "(observed)" / "(substitute day)".
    pub fn display_name(&self, def: &CalendarDef) -> String {
        let name = def.rules.get(self.rule).map_or("", |r| r.name.as_str());
        match self.how {
            Occurrence::Actual => name.to_owned(),
            Occurrence::Observed => format!("{name} (observed)"),
            Occurrence::Substitute => format!("{name} (substitute day)"),
        }
    }

    /// The day's ranges under this override (empty = closed).
    pub fn ranges<'a>(&self, def: &'a CalendarDef) -> &'a [TimeRange] {
        match def.rules.get(self.rule).map(|r| &r.effect) {
            Some(DayEffect::Hours(h)) => h,
            _ => &[],
        }
    }

    fn closes(&self, def: &CalendarDef) -> bool {
        matches!(
            def.rules.get(self.rule).map(|r| &r.effect),
            Some(DayEffect::Closed) | None
        )
    }
}

/// Validates `def` and returns it normalised (ranges sorted by start).
pub(crate) fn validate(mut def: CalendarDef) -> Result<CalendarDef, CalendarError> {
    let w = &mut def.week;
    for (name, day) in [
        ("mon", &mut w.mon),
        ("tue", &mut w.tue),
        ("wed", &mut w.wed),
        ("thu", &mut w.thu),
        ("fri", &mut w.fri),
        ("sat", &mut w.sat),
        ("sun", &mut w.sun),
    ] {
        validate_ranges(name, day)?;
    }
    if [&w.mon, &w.tue, &w.wed, &w.thu, &w.fri, &w.sat, &w.sun]
        .iter()
        .all(|d| d.is_empty())
    {
        return Err(CalendarError::EmptyWeek);
    }
    for rule in &mut def.rules {
        validate_rule(rule)?;
    }
    Ok(def)
}

fn validate_ranges(day: &str, ranges: &mut [TimeRange]) -> Result<(), CalendarError> {
    for r in ranges.iter() {
        if r.start == LocalTime::END_OF_DAY {
            return Err(CalendarError::InvalidTime {
                day: day.to_owned(),
                value: r.start,
                reason: "24:00 can only end a range".to_owned(),
            });
        }
        if r.start >= r.end {
            return Err(CalendarError::InvertedInterval {
                day: day.to_owned(),
                start: r.start,
                end: r.end,
            });
        }
    }
    ranges.sort();
    for pair in ranges.windows(2) {
        if let [a, b] = pair {
            if b.start < a.end {
                return Err(CalendarError::OverlappingIntervals {
                    day: day.to_owned(),
                    first: *a,
                    second: *b,
                });
            }
        }
    }
    Ok(())
}

fn validate_rule(rule: &mut DateRule) -> Result<(), CalendarError> {
    let invalid = |reason: String| CalendarError::InvalidRule {
        rule: rule.name.clone(),
        reason,
    };
    if rule.name.trim().is_empty() {
        return Err(invalid("a rule needs a non-empty name".to_owned()));
    }
    let check_month = |month: u32| {
        if (1..=12).contains(&month) {
            Ok(())
        } else {
            Err(invalid(format!("month {month} is not 1–12")))
        }
    };
    match &rule.date {
        DateSpec::Fixed { month, day, .. } => {
            check_month(*month)?;
            // 2000 is a leap year: every month/day that exists in some year exists in it.
            if NaiveDate::from_ymd_opt(2000, *month, *day).is_none() {
                return Err(CalendarError::ImpossibleDate {
                    rule: rule.name.clone(),
                    detail: format!("month {month} has no day {day}"),
                });
            }
        }
        DateSpec::NthWeekday { month, n, .. } => {
            check_month(*month)?;
            if !(1..=5).contains(n) {
                return Err(invalid(format!("n = {n} is not 1–5")));
            }
        }
        DateSpec::LastWeekday { month, .. } => check_month(*month)?,
        DateSpec::Easter => {}
        DateSpec::OneOff { date } => {
            if !(1900..=2200).contains(&date.year()) {
                return Err(CalendarError::ImpossibleDate {
                    rule: rule.name.clone(),
                    detail: format!("{date} is outside the years 1900–2200"),
                });
            }
        }
    }
    if rule.offset_days.abs() > 366 {
        return Err(invalid(format!(
            "offset_days {} is more than a year",
            rule.offset_days
        )));
    }
    if let (Some(a), Some(b)) = (rule.from_year, rule.to_year) {
        if a > b {
            return Err(invalid(format!("from_year {a} is after to_year {b}")));
        }
    }
    let name = format!("rule {:?}", rule.name);
    if let DayEffect::Hours(h) = &mut rule.effect {
        if h.is_empty() {
            return Err(CalendarError::InvalidRule {
                rule: rule.name.clone(),
                reason: "\"hours\" is empty; use \"closed\" to close the day".to_owned(),
            });
        }
        validate_ranges(&name, h)?;
    }
    Ok(())
}

/// Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn nth_weekday(year: i32, month: u32, wd: Weekday, n: u8) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let shift = (7 + wd.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let d = first.checked_add_days(Days::new(u64::from(shift) + 7 * (u64::from(n) - 1)))?;
    (d.month() == month).then_some(d)
}

fn last_weekday(year: i32, month: u32, wd: Weekday) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = next.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(u64::from(back)))
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The computed date of `rule` for nominal year `year` (before observance, after offset).
fn rule_date(rule: &DateRule, year: i32) -> Option<NaiveDate> {
    if rule.from_year.is_some_and(|a| year < a) || rule.to_year.is_some_and(|b| year > b) {
        return None;
    }
    let d = match &rule.date {
        DateSpec::Fixed { month, day, .. } => NaiveDate::from_ymd_opt(year, *month, *day)?,
        DateSpec::NthWeekday { month, weekday, n } => nth_weekday(year, *month, *weekday, *n)?,
        DateSpec::LastWeekday { month, weekday } => last_weekday(year, *month, *weekday)?,
        DateSpec::Easter => easter(year)?,
        DateSpec::OneOff { date } => (date.year() == year).then_some(*date)?,
    };
    add_days(d, i64::from(rule.offset_days))
}

/// Every date of local year `year` that some rule decides, with the deciding rule.
///
/// Rules are evaluated for the nominal years `year - 1 ..= year + 1` so that dates moved
/// across New Year (observance, offsets, substitutes) are found.
pub(crate) fn year_overrides(def: &CalendarDef, year: i32) -> BTreeMap<NaiveDate, Override> {
    let mut hits: Vec<(NaiveDate, Override)> = Vec::new();
    let mut pending: Vec<(NaiveDate, usize)> = Vec::new();
    for y in year - 1..=year + 1 {
        for (i, rule) in def.rules.iter().enumerate() {
            let Some(d) = rule_date(rule, y) else {
                continue;
            };
            let observance = match rule.date {
                DateSpec::Fixed { observance, .. } => observance,
                _ => Observance::None,
            };
            let (date, how) = match (observance, d.weekday()) {
                (Observance::UsFederal, Weekday::Sat) => (d.pred_opt(), Occurrence::Observed),
                (Observance::UsFederal, Weekday::Sun) => (d.succ_opt(), Occurrence::Observed),
                _ => (Some(d), Occurrence::Actual),
            };
            if observance == Observance::NextFreeWeekday && is_weekend(d) {
                pending.push((d, i));
            }
            if let Some(date) = date {
                hits.push((date, Override { rule: i, how }));
            }
        }
    }
    // Substitute days: the next Mon–Fri not already a holiday (closed by any rule, or taken
    // by an earlier substitute), in rule order.
    let mut holidays: HashSet<NaiveDate> = hits
        .iter()
        .filter(|(_, o)| o.closes(def))
        .map(|(d, _)| *d)
        .collect();
    for (d, i) in pending {
        let mut s = d.succ_opt();
        while let Some(c) = s {
            if is_weekend(c) || holidays.contains(&c) {
                s = c.succ_opt();
            } else {
                break;
            }
        }
        if let Some(c) = s {
            let o = Override {
                rule: i,
                how: Occurrence::Substitute,
            };
            if o.closes(def) {
                holidays.insert(c);
            }
            hits.push((c, o));
        }
    }
    let mut out: BTreeMap<NaiveDate, Override> = BTreeMap::new();
    for (date, o) in hits {
        if date.year() != year {
            continue;
        }
        match out.get(&date) {
            None => {
                out.insert(date, o);
            }
            Some(prev) => {
                // Closed beats hours; otherwise the first listed rule wins.
                let replace = match (prev.closes(def), o.closes(def)) {
                    (false, true) => true,
                    (true, false) => false,
                    _ => o.rule < prev.rule,
                };
                if replace {
                    out.insert(date, o);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        // Known Western Easter dates (e.g. https://www.census.gov/data/software/x13as/genhol/easter-dates.html).
        for (y, m, d) in [
            (1900, 4, 15),
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
            (2200, 4, 6),
        ] {
            assert_eq!(easter(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
        }
    }

    #[test]
    fn weekday_helpers() {
        // Thanksgiving 2026: Nov 26; Memorial Day 2026: May 25; 5th Monday of Feb 2026: none.
        assert_eq!(
            nth_weekday(2026, 11, Weekday::Thu, 4),
            NaiveDate::from_ymd_opt(2026, 11, 26)
        );
        assert_eq!(
            last_weekday(2026, 5, Weekday::Mon),
            NaiveDate::from_ymd_opt(2026, 5, 25)
        );
        assert_eq!(
            last_weekday(2026, 12, Weekday::Thu),
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        assert_eq!(nth_weekday(2026, 2, Weekday::Mon, 5), None);
    }
}
