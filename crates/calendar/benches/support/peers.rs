//! The same calendar (New York, Mon–Fri 09:00–16:00, the eleven US federal holidays with
//! weekend observance) built for Tierline and for the peer crates `ule-hours` and
//! `workclock`, plus deterministic random inputs. Shared by `benches/business_time.rs` and
//! `tests/peers.rs`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, Utc};
use tierline_calendar::Calendar;
use ule_hours::jiff::civil::{date, time};
use ule_hours::jiff::{SignedDuration, Timestamp};

/// The US federal calendar as a Tierline definition; the same holidays as
/// `ule_hours::united_states_federal()` (in every year).
pub const US_FEDERAL_NY: &str = r#"{
  "zone": "America/New_York",
  "week": { "mon": [["09:00","16:00"]], "tue": [["09:00","16:00"]], "wed": [["09:00","16:00"]],
            "thu": [["09:00","16:00"]], "fri": [["09:00","16:00"]] },
  "rules": [
    {"name": "New Year's Day", "date": {"fixed": {"month": 1, "day": 1, "observance": "us_federal"}}, "effect": "closed"},
    {"name": "Martin Luther King Jr. Day", "date": {"nth_weekday": {"month": 1, "weekday": "Mon", "n": 3}}, "effect": "closed"},
    {"name": "Washington's Birthday", "date": {"nth_weekday": {"month": 2, "weekday": "Mon", "n": 3}}, "effect": "closed"},
    {"name": "Memorial Day", "date": {"last_weekday": {"month": 5, "weekday": "Mon"}}, "effect": "closed"},
    {"name": "Juneteenth", "date": {"fixed": {"month": 6, "day": 19, "observance": "us_federal"}}, "effect": "closed"},
    {"name": "Independence Day", "date": {"fixed": {"month": 7, "day": 4, "observance": "us_federal"}}, "effect": "closed"},
    {"name": "Labor Day", "date": {"nth_weekday": {"month": 9, "weekday": "Mon", "n": 1}}, "effect": "closed"},
    {"name": "Columbus Day", "date": {"nth_weekday": {"month": 10, "weekday": "Mon", "n": 2}}, "effect": "closed"},
    {"name": "Veterans Day", "date": {"fixed": {"month": 11, "day": 11, "observance": "us_federal"}}, "effect": "closed"},
    {"name": "Thanksgiving", "date": {"nth_weekday": {"month": 11, "weekday": "Thu", "n": 4}}, "effect": "closed"},
    {"name": "Christmas Day", "date": {"fixed": {"month": 12, "day": 25, "observance": "us_federal"}}, "effect": "closed"}
  ]
}"#;

/// Years the inputs are drawn from (and the holiday list given to workclock covers, with
/// margin).
pub const FIRST_YEAR: i32 = 2024;
/// Last year of inputs.
pub const LAST_YEAR: i32 = 2030;

pub struct Peers {
    pub tierline: Calendar,
    pub ule: ule_hours::Schedule,
    pub workclock: workclock::Schedule,
}

pub fn build() -> Peers {
    let tierline = Calendar::from_json(US_FEDERAL_NY).expect("calendar");
    let ule = ule_hours::Schedule::builder("America/New_York")
        .expect("zone")
        .mon_fri("09:00-16:00")
        .expect("windows")
        .holidays(ule_hours::united_states_federal())
        .build();
    // workclock takes a date list: the same holidays, listed from Tierline's rules.
    let from = NaiveDate::from_ymd_opt(FIRST_YEAR - 1, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(LAST_YEAR + 2, 12, 31).unwrap();
    let dates = tierline
        .closures(from, to)
        .expect("closures")
        .into_iter()
        .map(|c| {
            use chrono::Datelike;
            date(
                c.date.year() as i16,
                c.date.month() as i8,
                c.date.day() as i8,
            )
        });
    let workclock = workclock::Schedule::builder()
        .time_zone("America/New_York")
        .rule(workclock::WorkDay::new(
            time(9, 0, 0, 0),
            time(16, 0, 0, 0),
            workclock::Weekdays::MON_TO_FRI,
        ))
        .rule(workclock::Holidays::new(dates))
        .build()
        .expect("workclock schedule");
    Peers {
        tierline,
        ule,
        workclock,
    }
}

/// SplitMix64: deterministic inputs without a `rand` dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `n` random whole-second instants in `FIRST_YEAR..=LAST_YEAR` (UTC), with the same
/// instants as jiff timestamps.
pub fn instants(seed: u64, n: usize) -> Vec<(DateTime<Utc>, Timestamp)> {
    let lo = DateTime::parse_from_rfc3339(&format!("{FIRST_YEAR}-01-01T00:00:00Z"))
        .unwrap()
        .timestamp();
    let hi = DateTime::parse_from_rfc3339(&format!("{LAST_YEAR}-12-31T23:59:59Z"))
        .unwrap()
        .timestamp();
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let s = lo + (rng.next() % (hi - lo) as u64) as i64;
            (
                DateTime::from_timestamp(s, 0).unwrap(),
                Timestamp::from_second(s).unwrap(),
            )
        })
        .collect()
}

pub fn to_chrono(t: Timestamp) -> DateTime<Utc> {
    DateTime::from_timestamp(t.as_second(), t.subsec_nanosecond() as u32).unwrap()
}

pub fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}
