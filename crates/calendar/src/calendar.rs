//! [`Calendar`]: a validated, compiled calendar and its business-time operations.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::def::CalendarDef;
use crate::error::CalendarError;
use crate::explain::{Closure, ClosureKind, DueExplanation, ExplainedSegment, OpenInterval};
use crate::minutes::BusinessMinutes;
use crate::rules::{self, Override};
use crate::time::{LocalTime, TimeRange};
use crate::zone;

/// A compiled business calendar.
///
/// Cheap to clone (an [`Arc`] inside), `Send + Sync`. Per-year tables (the open intervals of
/// each local year as UTC seconds, with cumulative open seconds) are built lazily the first
/// time a year is touched, so every operation is a couple of binary searches: O(log n) in
/// the intervals of a year, plus one step per local year crossed.
///
/// See the [crate docs](crate) for the exact semantics.
#[derive(Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
}

struct Inner {
    def: CalendarDef,
    tz: Tz,
    /// `year_starts[k]` = instant of local midnight, Jan 1 of year `MIN_YEAR + k`;
    /// `MAX_YEAR - MIN_YEAR + 2` entries (the last one ends year `MAX_YEAR`).
    year_starts: Vec<i64>,
    years: Vec<OnceLock<YearTable>>,
}

/// The compiled open intervals of one local year.
pub(crate) struct YearTable {
    pub(crate) overrides: BTreeMap<NaiveDate, Override>,
    starts: Vec<i64>,
    ends: Vec<i64>,
    /// Open seconds of this year up to the end of interval `i`.
    cum_end: Vec<i64>,
    total: i64,
    /// Instant the year starts (local midnight, Jan 1).
    start: i64,
    /// `day_idx[k]`: first interval ending after `start + k * 86400` (a jump table, so
    /// locating an instant is O(1) plus a scan over one day's intervals).
    day_idx: Vec<u32>,
    /// Bucket width (open seconds) of `cum_idx`, about the mean interval length.
    cum_bucket: i64,
    /// `cum_idx[k]`: first interval with `cum_end > k * cum_bucket`.
    cum_idx: Vec<u32>,
}

/// Where an instant sits in a year table.
struct Position {
    /// Open seconds of the year before the instant's whole second.
    cum: i64,
    /// Whether the instant's second is open.
    open: bool,
    /// Index of the interval containing the instant, or of the next one.
    idx: usize,
}

impl YearTable {
    fn new(
        overrides: BTreeMap<NaiveDate, Override>,
        intervals: Vec<(i64, i64)>,
        start: i64,
        end: i64,
    ) -> Self {
        let n = intervals.len();
        let (mut starts, mut ends, mut cum_end) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut total = 0;
        for (s, e) in intervals {
            total += e - s;
            starts.push(s);
            ends.push(e);
            cum_end.push(total);
        }
        let first_after =
            |v: &[i64], x: i64| u32::try_from(v.partition_point(|&c| c <= x)).unwrap_or(u32::MAX);
        let days = (end - start).max(0) / 86_400 + 1;
        let day_idx = (0..=days)
            .map(|k| first_after(&ends, start + k * 86_400))
            .collect();
        let cum_bucket = (total / (n as i64 + 1)).max(60);
        let cum_idx = (0..=total / cum_bucket)
            .map(|k| first_after(&cum_end, k * cum_bucket))
            .collect();
        YearTable {
            overrides,
            starts,
            ends,
            cum_end,
            total,
            start,
            day_idx,
            cum_bucket,
            cum_idx,
        }
    }

    /// Index of the first interval ending after `ts` (`ts` inside this year).
    fn first_ending_after(&self, ts: i64) -> usize {
        let k = usize::try_from((ts - self.start) / 86_400).unwrap_or(0);
        let mut i = self.day_idx.get(k).map_or(0, |&i| i as usize);
        while self.ends.get(i).is_some_and(|&e| e <= ts) {
            i += 1;
        }
        i
    }

    fn position(&self, ts: i64) -> Position {
        let idx = self.first_ending_after(ts);
        match (
            self.starts.get(idx),
            self.ends.get(idx),
            self.cum_end.get(idx),
        ) {
            (Some(&s), Some(&e), Some(&c)) if s <= ts => Position {
                cum: c - (e - ts),
                open: true,
                idx,
            },
            _ => Position {
                cum: idx
                    .checked_sub(1)
                    .and_then(|i| self.cum_end.get(i))
                    .copied()
                    .unwrap_or(0),
                open: false,
                idx,
            },
        }
    }

    /// The instant at year-relative open position `p`: with `strict`, the second starting
    /// at `p` (position `p` must be < total); otherwise the earliest instant where `p` open
    /// seconds have elapsed (`0 < p <= total`), which is a closing edge when `p` ends an
    /// interval.
    fn instant_at(&self, p: i64, strict: bool) -> Option<i64> {
        // First interval with cum_end > q.
        let q = if strict { p } else { p - 1 };
        let k = usize::try_from(q / self.cum_bucket).ok()?;
        let mut j = self.cum_idx.get(k).map_or(0, |&i| i as usize);
        while self.cum_end.get(j).is_some_and(|&c| c <= q) {
            j += 1;
        }
        let (s, e, c) = (self.starts.get(j)?, self.ends.get(j)?, self.cum_end.get(j)?);
        Some(s + (p - (c - (e - s))))
    }
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("zone", &self.inner.def.zone)
            .field("rules", &self.inner.def.rules.len())
            .finish_non_exhaustive()
    }
}

pub(crate) fn split(t: DateTime<Utc>) -> (i64, u32) {
    (t.timestamp(), t.timestamp_subsec_nanos())
}

pub(crate) fn join(s: i64, n: u32) -> Result<DateTime<Utc>, CalendarError> {
    DateTime::from_timestamp(s, n).ok_or_else(CalendarError::result_out_of_range)
}

impl Calendar {
    /// First supported local year.
    pub const MIN_YEAR: i32 = 1900;
    /// Last supported local year.
    pub const MAX_YEAR: i32 = 2200;

    /// Validates and compiles a definition.
    ///
    /// Validation: the zone must be an IANA name; every range must have `start < end`
    /// (`24:00` only as an end); ranges of one day must not overlap (touching is fine);
    /// some weekday must have hours; rules need a name, months 1–12, days that exist,
    /// `n` 1–5, `from_year <= to_year`, non-empty `hours`. The stored definition has each
    /// day's ranges sorted by start.
    pub fn new(def: CalendarDef) -> Result<Self, CalendarError> {
        let tz =
            Tz::from_str(&def.zone).map_err(|_| CalendarError::UnknownZone(def.zone.clone()))?;
        let def = rules::validate(def)?;
        let mut year_starts = Vec::with_capacity((Self::MAX_YEAR - Self::MIN_YEAR + 2) as usize);
        for y in Self::MIN_YEAR..=Self::MAX_YEAR + 1 {
            let jan1 =
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(CalendarError::result_out_of_range)?;
            year_starts.push(zone::resolve_local(tz, jan1, LocalTime::MIDNIGHT));
        }
        let years = (Self::MIN_YEAR..=Self::MAX_YEAR)
            .map(|_| OnceLock::new())
            .collect();
        Ok(Self {
            inner: Arc::new(Inner {
                def,
                tz,
                year_starts,
                years,
            }),
        })
    }

    /// Parses a JSON [`CalendarDef`] and compiles it.
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        Self::new(serde_json::from_str(json)?)
    }

    /// The (validated, normalised) definition.
    pub fn definition(&self) -> &CalendarDef {
        &self.inner.def
    }

    /// The time zone.
    pub fn zone(&self) -> Tz {
        self.inner.tz
    }

    // ----- internals shared with `reference` and display code -----

    /// Index of the year table containing UTC second `ts`.
    pub(crate) fn year_index(&self, ts: i64) -> Option<usize> {
        let ys = &self.inner.year_starts;
        if ts < *ys.first()? || ts >= *ys.last()? {
            return None;
        }
        // Estimate from the mean Gregorian year, then correct (at most a step or two).
        let first = *ys.first()?;
        let mut i = usize::try_from((ts - first) / 31_556_952)
            .ok()?
            .min(ys.len() - 2);
        while i > 0 && ys.get(i).is_some_and(|&s| s > ts) {
            i -= 1;
        }
        while ys.get(i + 1).is_some_and(|&s| s <= ts) {
            i += 1;
        }
        Some(i)
    }

    fn table(&self, idx: usize) -> Option<&YearTable> {
        let cell = self.inner.years.get(idx)?;
        Some(cell.get_or_init(|| self.build_year(idx)))
    }

    pub(crate) fn overrides_of_year(&self, year: i32) -> Option<&BTreeMap<NaiveDate, Override>> {
        let idx = usize::try_from(year - Self::MIN_YEAR).ok()?;
        self.table(idx).map(|t| &t.overrides)
    }

    /// The ranges of local `date` and the rule that replaced or closed them, if any.
    pub(crate) fn day_plan<'a>(
        &'a self,
        date: NaiveDate,
        overrides: &BTreeMap<NaiveDate, Override>,
    ) -> (&'a [TimeRange], Option<Override>) {
        match overrides.get(&date) {
            Some(o) => (o.ranges(&self.inner.def), Some(*o)),
            None => (self.inner.def.week.day(date.weekday()), None),
        }
    }

    /// The non-empty UTC intervals (seconds) of `ranges` on local `date`.
    pub(crate) fn resolve_ranges<'a>(
        &'a self,
        date: NaiveDate,
        ranges: &'a [TimeRange],
    ) -> impl Iterator<Item = (i64, i64)> + 'a {
        let tz = self.inner.tz;
        ranges.iter().filter_map(move |r| {
            let s = zone::resolve_local(tz, date, r.start);
            let e = zone::resolve_local(tz, date, r.end);
            (e > s).then_some((s, e))
        })
    }

    pub(crate) fn local_date(&self, ts: i64) -> Option<NaiveDate> {
        DateTime::from_timestamp(ts, 0).map(|t| t.with_timezone(&self.inner.tz).date_naive())
    }

    fn build_year(&self, idx: usize) -> YearTable {
        let year = Self::MIN_YEAR + idx as i32;
        let overrides = rules::year_overrides(&self.inner.def, year);
        let mut intervals = Vec::new();
        let mut date = NaiveDate::from_ymd_opt(year, 1, 1);
        while let Some(d) = date.filter(|d| d.year() == year) {
            let (ranges, _) = self.day_plan(d, &overrides);
            intervals.extend(self.resolve_ranges(d, ranges));
            date = d.succ_opt();
        }
        let ys = &self.inner.year_starts;
        let start = ys.get(idx).copied().unwrap_or(0);
        let end = ys.get(idx + 1).copied().unwrap_or(start);
        YearTable::new(overrides, intervals, start, end)
    }

    fn locate(&self, t: DateTime<Utc>) -> Result<(usize, &YearTable, Position), CalendarError> {
        let (ts, _) = split(t);
        let idx = self
            .year_index(ts)
            .ok_or_else(|| CalendarError::out_of_range(t))?;
        let table = self
            .table(idx)
            .ok_or_else(|| CalendarError::out_of_range(t))?;
        let pos = table.position(ts);
        Ok((idx, table, pos))
    }

    // ----- public operations -----

    /// Whether the calendar is open at `t` (open intervals are half-open: open at the
    /// opening instant, closed at the closing instant). `false` outside 1900–2200.
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.locate(t).is_ok_and(|(_, _, p)| p.open)
    }

    /// `t` itself when open, otherwise the next opening instant.
    pub fn next_open(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let (idx, table, pos) = self.locate(t)?;
        if pos.open {
            return Ok(t);
        }
        if let Some(&s) = table.starts.get(pos.idx) {
            return join(s, 0);
        }
        for k in idx + 1..self.inner.years.len() {
            if let Some(&s) = self.table(k).and_then(|tb| tb.starts.first()) {
                return join(s, 0);
            }
        }
        Err(CalendarError::result_out_of_range())
    }

    /// The instant `m` business minutes after `t` (see [`Calendar::add_business_seconds`]).
    pub fn add_business(
        &self,
        t: DateTime<Utc>,
        m: BusinessMinutes,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.add_business_seconds(t, m.seconds())
    }

    /// The instant `secs` business seconds after `t`.
    ///
    /// Counting starts at [`next_open(t)`](Calendar::next_open); the sub-second part of an
    /// open `t` is kept. For `secs > 0` the result is the *earliest* instant at which `secs`
    /// open seconds have elapsed, so a target that ends exactly at a closing time is due
    /// at that closing time. `secs == 0` gives `next_open(t)`. Negative `secs` is an error.
    pub fn add_business_seconds(
        &self,
        t: DateTime<Utc>,
        secs: i64,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if secs < 0 {
            return Err(CalendarError::NegativeDuration { seconds: secs });
        }
        if secs == 0 {
            return self.next_open(t);
        }
        let (_, nanos) = split(t);
        let (mut idx, mut table, pos) = self.locate(t)?;
        let frac = if pos.open { nanos } else { 0 };
        let strict = frac > 0;
        let mut p = pos
            .cum
            .checked_add(secs)
            .ok_or_else(CalendarError::result_out_of_range)?;
        while (strict && p >= table.total) || (!strict && p > table.total) {
            p -= table.total;
            idx += 1;
            table = self
                .table(idx)
                .ok_or_else(CalendarError::result_out_of_range)?;
        }
        let u = table
            .instant_at(p, strict)
            .ok_or_else(CalendarError::result_out_of_range)?;
        join(u, frac)
    }

    /// Open (business) seconds in `[a, b)`, rounded down to whole seconds; 0 when `b <= a`.
    pub fn business_seconds_between(
        &self,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
    ) -> Result<i64, CalendarError> {
        if b <= a {
            return Ok(0);
        }
        let (ia, ta, pa) = self.locate(a)?;
        let (ib, _, pb) = self.locate(b)?;
        let mut secs = pb.cum - pa.cum;
        let mut total_a = ta.total;
        for k in ia..ib {
            if k != ia {
                total_a = self.table(k).map_or(0, |t| t.total);
            }
            secs += total_a;
        }
        let fa = if pa.open { split(a).1 } else { 0 };
        let fb = if pb.open { split(b).1 } else { 0 };
        if fb < fa {
            secs -= 1;
        }
        Ok(secs)
    }

    /// Business minutes in `[a, b)`: `floor(business_seconds_between / 60)`.
    pub fn business_minutes_between(
        &self,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
    ) -> Result<BusinessMinutes, CalendarError> {
        Ok(BusinessMinutes::new(
            self.business_seconds_between(a, b)?.div_euclid(60),
        ))
    }

    /// The open periods overlapping `[from, to)`, clipped to it, in order (for display).
    /// Periods of different days are never merged, even when they touch.
    pub fn open_intervals(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<OpenInterval>, CalendarError> {
        let (fs, _) = split(from);
        let (ts, _) = split(to);
        self.year_index(fs)
            .ok_or_else(|| CalendarError::out_of_range(from))?;
        if self.year_index(ts).is_none() && to > from {
            // `to` may be the very end of the supported range.
            if ts != self.inner.year_starts.last().copied().unwrap_or(i64::MIN) {
                return Err(CalendarError::out_of_range(to));
            }
        }
        let mut out = Vec::new();
        if to <= from {
            return Ok(out);
        }
        let first = self
            .local_date(fs)
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| CalendarError::out_of_range(from))?;
        let last = self
            .local_date(ts)
            .and_then(|d| d.succ_opt())
            .ok_or_else(|| CalendarError::out_of_range(to))?;
        let mut date = Some(first);
        while let Some(d) = date.filter(|d| *d <= last) {
            date = d.succ_opt();
            let Some(ov) = self.overrides_of_year(d.year()) else {
                continue;
            };
            let (ranges, o) = self.day_plan(d, ov);
            let special = o
                .filter(|o| !o.ranges(&self.inner.def).is_empty())
                .map(|o| o.display_name(&self.inner.def));
            for (s, e) in self.resolve_ranges(d, ranges) {
                let start = join(s, 0)?.max(from);
                let end = join(e, 0)?.min(to);
                if start < end {
                    out.push(OpenInterval {
                        start,
                        end,
                        local_date: d,
                        special: special.clone(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Every date in `from..=to` (local dates) that a rule closes or limits, in date order,
    /// including dates that fall on days without regular hours.
    pub fn closures(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Closure>, CalendarError> {
        let mut out = Vec::new();
        if to < from {
            return Ok(out);
        }
        for y in [from.year(), to.year()] {
            if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&y) {
                return Err(CalendarError::OutOfRange {
                    what: format!("year {y}"),
                });
            }
        }
        for y in from.year()..=to.year() {
            let Some(ov) = self.overrides_of_year(y) else {
                continue;
            };
            for (d, o) in ov.range(from..=to) {
                let hours = o.ranges(&self.inner.def).to_vec();
                out.push(Closure {
                    date: *d,
                    name: o.display_name(&self.inner.def),
                    kind: if hours.is_empty() {
                        ClosureKind::Closed
                    } else {
                        ClosureKind::LimitedHours
                    },
                    hours,
                });
            }
        }
        Ok(out)
    }

    /// The due time of `m` business minutes from `t`, with the open segments counted (in
    /// local time) and the rule-closed or limited days that were skipped.
    pub fn explain_due(
        &self,
        t: DateTime<Utc>,
        m: BusinessMinutes,
    ) -> Result<DueExplanation, CalendarError> {
        let clock_start = self.next_open(t)?;
        let due_at = self.add_business(t, m)?;
        let tz = self.inner.tz;
        let segments = self
            .open_intervals(clock_start, due_at)?
            .into_iter()
            .map(|iv| {
                let seconds = self.business_seconds_between(iv.start, iv.end).unwrap_or(0);
                ExplainedSegment {
                    local_date: iv.local_date,
                    local_start: iv.start.with_timezone(&tz).time(),
                    local_end: iv.end.with_timezone(&tz).time(),
                    minutes: seconds.div_euclid(60),
                    seconds,
                    special: iv.special,
                }
            })
            .collect();
        let from = t.with_timezone(&tz).date_naive();
        let to = due_at.with_timezone(&tz).date_naive();
        let skipped = self
            .closures(from, to)?
            .into_iter()
            .filter(|c| !self.inner.def.week.day(c.date.weekday()).is_empty())
            .collect();
        Ok(DueExplanation {
            clock_start,
            due_at,
            segments,
            skipped,
        })
    }
}
