//! Fuzzing the calendar definition parser with proptest: `Calendar::from_json` never panics,
//! whatever it is given (arbitrary strings, arbitrary JSON, and definitions that are nearly
//! valid: odd zones, out-of-range times, months, days, weekdays, offsets and years), and a
//! calendar it accepts never panics when used (`is_open`, `next_open`, `add_business`,
//! `business_seconds_between` over 1900–2200). Errors are fine; panics are not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use tierline_calendar::{BusinessMinutes, Calendar};

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        time_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Object keys: mostly the ones the parser knows, sometimes others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "zone",
            "week",
            "rules",
            "mon",
            "tue",
            "sat",
            "name",
            "date",
            "effect",
            "fixed",
            "nth_weekday",
            "last_weekday",
            "easter",
            "one_off",
            "month",
            "day",
            "n",
            "weekday",
            "observance",
            "offset_days",
            "from_year",
            "to_year",
            "hours",
            "closed",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,8}",
    ]
}

/// "HH:MM"-like strings, valid and not.
fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..=25, 0u32..=61).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        Just("24:00".to_owned()),
        Just("00:00".to_owned()),
        "[0-9:]{0,6}",
    ]
}

fn zone() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => prop::sample::select(vec![
            "UTC",
            "America/New_York",
            "Australia/Sydney",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "Pacific/Kiritimati",
            "America/Santiago",
            "Europe/London",
        ]),
        1 => prop::sample::select(vec!["Mars/Olympus", "", "utc", "+05:00"]),
    ]
    .prop_map(str::to_owned)
}

fn ranges() -> impl Strategy<Value = Value> {
    // Mostly one well-formed range; sometimes anything.
    let good = (0u32..=22, 0u32..=1, 1u32..=12).prop_map(|(h, half, len)| {
        let start = h * 60 + half * 30;
        let end = (start + len * 60).min(24 * 60);
        json!([hm(start), hm(end)])
    });
    prop_oneof![
        6 => good.prop_map(|r| json!([r])),
        1 => Just(json!([])),
        1 => Just(json!([["09:00", "12:00"], ["13:00", "17:00"]])),
        2 => prop::collection::vec((time_text(), time_text()).prop_map(|(a, b)| json!([a, b])), 0..4)
            .prop_map(Value::Array),
    ]
}

fn hm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn weekday() -> impl Strategy<Value = Value> {
    prop_oneof![
        9 => prop::sample::select(vec!["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
        1 => Just("Funday"),
    ]
    .prop_map(|s| json!(s))
}

fn month() -> impl Strategy<Value = u32> {
    prop_oneof![9 => 1u32..=12, 1 => 0u32..=13]
}

fn date_spec() -> impl Strategy<Value = Value> {
    prop_oneof![
        (month(), prop_oneof![9 => 1u32..=28, 1 => 0u32..=32], prop::sample::select(vec!["none", "us_federal", "next_free_weekday", "none", "bogus"]))
            .prop_map(|(month, day, obs)| json!({"fixed": {"month": month, "day": day, "observance": obs}})),
        (month(), weekday(), prop_oneof![9 => 1u8..=5, 1 => 0u8..=6])
            .prop_map(|(month, weekday, n)| json!({"nth_weekday": {"month": month, "weekday": weekday, "n": n}})),
        (month(), weekday())
            .prop_map(|(month, weekday)| json!({"last_weekday": {"month": month, "weekday": weekday}})),
        Just(json!("easter")),
        (1800i32..=2300, month(), prop_oneof![9 => 1u32..=28, 1 => 0u32..=32])
            .prop_map(|(y, m, d)| json!({"one_off": {"date": format!("{y:04}-{m:02}-{d:02}")}})),
    ]
}

fn rule() -> impl Strategy<Value = Value> {
    (
        date_spec(),
        prop_oneof![6 => Just(0i32), 3 => -400i32..=400, 1 => any::<i32>()],
        prop_oneof![6 => Just(None), 3 => (1890i32..=2210).prop_map(Some), 1 => any::<i32>().prop_map(Some)],
        prop_oneof![6 => Just(None), 3 => (1890i32..=2210).prop_map(Some), 1 => any::<i32>().prop_map(Some)],
        prop_oneof![Just(json!("closed")), ranges().prop_map(|r| json!({"hours": r}))],
    )
        .prop_map(|(date, offset, from, to, effect)| {
            let mut r = json!({"name": "rule", "date": date, "offset_days": offset, "effect": effect});
            if let Some(f) = from {
                r["from_year"] = json!(f);
            }
            if let Some(t) = to {
                r["to_year"] = json!(t);
            }
            r
        })
}

/// Definitions shaped like the real thing, with values anywhere in and around their ranges.
fn near_valid() -> impl Strategy<Value = Value> {
    (
        zone(),
        prop::collection::vec(
            (
                prop::sample::select(vec!["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
                ranges(),
            ),
            0..8,
        ),
        prop::collection::vec(rule(), 0..4),
    )
        .prop_map(|(zone, days, rules)| {
            let week: serde_json::Map<String, Value> =
                days.into_iter().map(|(d, r)| (d.to_owned(), r)).collect();
            json!({"zone": zone, "week": week, "rules": rules})
        })
}

/// An instant between 1900 and 2200 (and a few outside).
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        9 => -2_208_988_800i64..=7_258_118_400i64,
        1 => -10_000_000_000i64..=20_000_000_000i64,
    ]
    .prop_map(|s| DateTime::<Utc>::from_timestamp(s, 0).unwrap_or(DateTime::<Utc>::MIN_UTC))
}

/// Uses a calendar the parser accepted; only panics would fail the test.
fn exercise(cal: &Calendar, a: DateTime<Utc>, b: DateTime<Utc>, minutes: i64) {
    let _ = cal.is_open(a);
    let _ = cal.next_open(a);
    let _ = cal.add_business(a, BusinessMinutes::new(minutes));
    let _ = cal.business_seconds_between(a, b);
    let _ = cal.business_seconds_between(b, a);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn from_json_never_panics_on_strings(s in "\\PC{0,200}") {
        let _ = Calendar::from_json(&s);
    }

    #[test]
    fn from_json_never_panics_on_any_json(v in any_json()) {
        let _ = Calendar::from_json(&v.to_string());
    }

    #[test]
    fn from_json_never_panics_on_near_valid_definitions(
        v in near_valid(),
        a in instant(),
        b in instant(),
        minutes in prop_oneof![0i64..=10_000, 0i64..=100_000_000],
    ) {
        if let Ok(cal) = Calendar::from_json(&v.to_string()) {
            exercise(&cal, a, b, minutes);
        }
    }

    #[test]
    fn from_json_never_panics_on_truncated_or_mutated_text(
        v in near_valid(),
        cut in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        at in any::<prop::sample::Index>(),
    ) {
        let text = v.to_string();
        let mut bytes = text.clone().into_bytes();
        let _ = Calendar::from_json(&text[..text.floor_char_boundary_compat(cut.index(text.len() + 1))]);
        if !bytes.is_empty() {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Ok(s) = String::from_utf8(bytes) {
            let _ = Calendar::from_json(&s);
        }
    }
}

/// `str::floor_char_boundary` is unstable; the same for our use.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// The near-valid generator must produce accepted calendars often enough for the
/// `exercise` part above to mean something.
#[test]
fn near_valid_definitions_are_often_accepted() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = near_valid();
    let total = 512;
    let accepted = (0..total)
        .filter(|_| {
            let v = strategy.new_tree(&mut runner).expect("a value").current();
            Calendar::from_json(&v.to_string()).is_ok()
        })
        .count();
    assert!(
        accepted * 10 >= total,
        "only {accepted} of {total} accepted"
    );
}
