//! Property tests over random calendars (zones with and without DST, random weekly ranges,
//! random rules) and random instants: the compiled engine against the naive reference, and
//! the algebraic laws of business-time arithmetic stated in the crate docs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, NaiveDate, Utc, Weekday};
use proptest::prelude::*;
use tierline_calendar::{
    reference, BusinessMinutes, Calendar, CalendarDef, DateRule, DateSpec, DayEffect, LocalTime,
    Observance, TimeRange, WeekSchedule,
};

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Copenhagen",
    "Australia/Sydney",
    "Australia/Lord_Howe", // 30-minute DST shift
    "America/St_Johns",    // -03:30 / -02:30
    "Asia/Kolkata",
    "Pacific/Chatham", // +12:45 / +13:45
    "America/Sao_Paulo",
    "Pacific/Apia", // skipped 2011-12-30 entirely
    "Europe/London",
];

/// Boundaries chosen to hit DST transitions (01:00–03:00), midnight and 24:00.
const BOUNDS: &[u32] = &[
    0, 30, 60, 90, 120, 150, 165, 180, 210, 480, 540, 600, 720, 765, 960, 1020, 1080, 1380, 1439,
    1440,
];

fn ranges() -> impl Strategy<Value = Vec<TimeRange>> {
    proptest::sample::subsequence(BOUNDS.to_vec(), 0..=6).prop_map(|b| {
        b.chunks_exact(2)
            .filter_map(|p| {
                Some(TimeRange::new(
                    LocalTime::new(p[0] / 60, p[0] % 60)?,
                    LocalTime::new(p[1] / 60, p[1] % 60)?,
                ))
            })
            .collect()
    })
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|i| match i {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    })
}

fn rule() -> impl Strategy<Value = DateRule> {
    let spec = prop_oneof![
        (1u32..=12, 1u32..=28, 0u8..3).prop_map(|(month, day, o)| DateSpec::Fixed {
            month,
            day,
            observance: [
                Observance::None,
                Observance::UsFederal,
                Observance::NextFreeWeekday
            ][o as usize],
        }),
        (1u32..=12, weekday(), 1u8..=5).prop_map(|(month, weekday, n)| DateSpec::NthWeekday {
            month,
            weekday,
            n
        }),
        (1u32..=12, weekday())
            .prop_map(|(month, weekday)| DateSpec::LastWeekday { month, weekday }),
        Just(DateSpec::Easter),
        (0i64..5000).prop_map(|d| DateSpec::OneOff {
            date: NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + Duration::days(d)
        }),
    ];
    let effect = prop_oneof![
        2 => Just(DayEffect::Closed),
        1 => ranges().prop_filter("non-empty", |r| !r.is_empty()).prop_map(DayEffect::Hours),
    ];
    (
        spec,
        -3i32..=3,
        proptest::option::of(2010i32..2030),
        effect,
        0u16..1000,
    )
        .prop_map(|(date, offset_days, from_year, effect, id)| DateRule {
            name: format!("rule {id}"),
            date,
            offset_days,
            from_year,
            to_year: None,
            effect,
            source: None,
        })
}

fn calendar() -> impl Strategy<Value = Calendar> {
    (
        proptest::sample::select(ZONES),
        proptest::collection::vec(ranges(), 7),
        proptest::collection::vec(rule(), 0..5),
    )
        .prop_map(|(zone, days, rules)| {
            let mut days = days.into_iter();
            let mut next = || days.next().unwrap_or_default();
            let mut week = WeekSchedule {
                mon: next(),
                tue: next(),
                wed: next(),
                thu: next(),
                fri: next(),
                sat: next(),
                sun: next(),
            };
            if week.mon.is_empty() {
                week.mon = vec![TimeRange::new(
                    LocalTime::new(9, 0).unwrap(),
                    LocalTime::new(17, 0).unwrap(),
                )];
            }
            Calendar::new(CalendarDef {
                zone: zone.to_owned(),
                week,
                rules,
            })
            .expect("generated calendars are valid")
        })
}

/// Instants 2010–2030, on whole seconds, whole minutes or with nanoseconds.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let base = 1_262_304_000i64; // 2010-01-01T00:00:00Z
    (0i64..20 * 365 * 86_400, 0u8..3, 0u32..1_000_000_000).prop_map(move |(s, kind, n)| {
        let (s, n) = match kind {
            0 => (s - s % 60, 0),
            1 => (s, 0),
            _ => (s, n),
        };
        DateTime::from_timestamp(base + s, n).unwrap()
    })
}

fn minutes() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..600, 0i64..10_000, Just(0i64), 420i64..=4200]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fast_equals_reference(cal in calendar(), t in instant(), u in instant(), m in minutes()) {
        prop_assert_eq!(cal.is_open(t), reference::is_open(&cal, t).unwrap());
        prop_assert_eq!(cal.next_open(t).unwrap(), reference::next_open(&cal, t).unwrap());
        prop_assert_eq!(
            cal.add_business_seconds(t, m * 60).unwrap(),
            reference::add_business_seconds(&cal, t, m * 60).unwrap()
        );
        // Odd second counts too.
        prop_assert_eq!(
            cal.add_business_seconds(t, m * 7 + 1).unwrap(),
            reference::add_business_seconds(&cal, t, m * 7 + 1).unwrap()
        );
        // Keep `between` spans short enough for the day-walking reference (< ~2 years).
        let v = t + (u - t) / 10;
        prop_assert_eq!(
            cal.business_seconds_between(t, v).unwrap(),
            reference::business_seconds_between(&cal, t, v).unwrap()
        );
    }

    #[test]
    fn between_inverts_add(cal in calendar(), t in instant(), m in minutes()) {
        let due = cal.add_business(t, BusinessMinutes::new(m)).unwrap();
        prop_assert_eq!(cal.business_seconds_between(t, due).unwrap(), m * 60);
        prop_assert_eq!(cal.business_minutes_between(t, due).unwrap(), BusinessMinutes::new(m));
    }

    #[test]
    fn add_is_monotonic(cal in calendar(), t in instant(), d in 0i64..200_000, m1 in minutes(), m2 in minutes()) {
        let (lo, hi) = (m1.min(m2), m1.max(m2));
        let a = cal.add_business(t, BusinessMinutes::new(lo)).unwrap();
        let b = cal.add_business(t, BusinessMinutes::new(hi)).unwrap();
        prop_assert!(a <= b);
        let t2 = t + Duration::seconds(d);
        prop_assert!(
            cal.add_business(t, BusinessMinutes::new(m1)).unwrap()
                <= cal.add_business(t2, BusinessMinutes::new(m1)).unwrap()
        );
    }

    #[test]
    fn add_composes(cal in calendar(), t in instant(), m1 in minutes(), m2 in 1i64..5000) {
        let once = cal.add_business(t, BusinessMinutes::new(m1 + m2)).unwrap();
        let mid = cal.add_business(t, BusinessMinutes::new(m1)).unwrap();
        prop_assert_eq!(cal.add_business(mid, BusinessMinutes::new(m2)).unwrap(), once);
    }

    #[test]
    fn due_is_open_or_a_closing_edge(cal in calendar(), t in instant(), m in 1i64..5000) {
        let due = cal.add_business(t, BusinessMinutes::new(m)).unwrap();
        // Open time runs right up to the due instant: the nanosecond before it is open.
        prop_assert!(cal.is_open(due - Duration::nanoseconds(1)));
        // And adding zero minutes is the next opening.
        prop_assert_eq!(
            cal.add_business(t, BusinessMinutes::new(0)).unwrap(),
            cal.next_open(t).unwrap()
        );
        prop_assert!(cal.is_open(cal.next_open(t).unwrap()));
    }

    #[test]
    fn open_intervals_sum_to_between(cal in calendar(), t in instant(), d in 0i64..2_000_000) {
        let u = t + Duration::seconds(d);
        let ivs = cal.open_intervals(t, u).unwrap();
        let sum: i64 = ivs.iter().map(|iv| (iv.end - iv.start).num_nanoseconds().unwrap()).sum();
        prop_assert_eq!(sum.div_euclid(1_000_000_000), cal.business_seconds_between(t, u).unwrap());
        for w in ivs.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Instants and targets right at opening and closing edges (± a second or a fraction),
    /// where off-by-one mistakes live.
    #[test]
    fn edges_match_reference(
        cal in calendar(),
        u in instant(),
        k1 in 0usize..64,
        k2 in 0usize..64,
        delta_ns in prop_oneof![Just(0i64), Just(1), Just(500_000_000), Just(-1), Just(-1_000_000_000), Just(59_999_999_999)],
        end1 in any::<bool>(),
        end2 in any::<bool>(),
    ) {
        let ivs = cal.open_intervals(u, u + Duration::days(20)).unwrap();
        prop_assume!(!ivs.is_empty());
        let edge = |k: usize, end: bool| {
            let iv = &ivs[k % ivs.len()];
            if end { iv.end } else { iv.start }
        };
        let t = edge(k1, end1) + Duration::nanoseconds(delta_ns);
        let target = edge(k2, end2);
        let s = cal.business_seconds_between(t, target).unwrap();
        prop_assert_eq!(s, reference::business_seconds_between(&cal, t, target).unwrap());
        for secs in [s, s + 1, (s - 1).max(0)] {
            prop_assert_eq!(
                cal.add_business_seconds(t, secs).unwrap(),
                reference::add_business_seconds(&cal, t, secs).unwrap(),
                "t = {}, secs = {}", t, secs
            );
        }
        prop_assert_eq!(cal.is_open(t), reference::is_open(&cal, t).unwrap());
    }
}
