//! Basic behaviour of `Calendar` and `SlaClock` on small hand-made calendars.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use tierline_calendar::{
    reference, BusinessMinutes, Calendar, CalendarError, ClockError, ClockStatus, ClosureKind,
    SlaClock, WarningRule,
};

const NY_SIMPLE: &str = r#"{
  "zone": "America/New_York",
  "week": { "mon": [["09:00","16:00"]], "tue": [["09:00","16:00"]], "wed": [["09:00","16:00"]],
            "thu": [["09:00","16:00"]], "fri": [["09:00","16:00"]] },
  "rules": [
    { "name": "Thanksgiving", "date": { "nth_weekday": { "month": 11, "weekday": "Thu", "n": 4 } }, "effect": "closed" },
    { "name": "Thanksgiving Eve", "date": { "nth_weekday": { "month": 11, "weekday": "Thu", "n": 4 } },
      "offset_days": -1, "effect": { "hours": [["09:00","12:00"]] } }
  ]
}"#;

fn cal() -> Calendar {
    Calendar::from_json(NY_SIMPLE).expect("valid calendar")
}

/// Local New York wall time as UTC.
fn ny(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    let tz: Tz = chrono_tz::America::New_York;
    tz.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("unambiguous")
        .with_timezone(&Utc)
}

#[test]
fn seconds_are_kept() {
    let c = cal();
    // Mon 2026-11-02 10:35:20 + 60 min -> 11:35:20.
    let t = ny(2026, 11, 2, 10, 35, 20);
    assert_eq!(
        c.add_business(t, BusinessMinutes::new(60)).unwrap(),
        ny(2026, 11, 2, 11, 35, 20)
    );
    // Sub-second part carried, across a night.
    let t = t + chrono::Duration::milliseconds(250);
    let due = c.add_business(t, BusinessMinutes::new(7 * 60)).unwrap();
    assert_eq!(
        due,
        ny(2026, 11, 3, 10, 35, 20) + chrono::Duration::milliseconds(250)
    );
    assert_eq!(c.business_seconds_between(t, due).unwrap(), 7 * 3600);
}

#[test]
fn due_at_closing_and_start_at_opening() {
    let c = cal();
    // 09:00 + 7 h ends exactly at 16:00: due at 16:00 the same day.
    let t = ny(2026, 11, 2, 9, 0, 0);
    assert_eq!(
        c.add_business(t, BusinessMinutes::from_hours(7)).unwrap(),
        ny(2026, 11, 2, 16, 0, 0)
    );
    // Received at 20:00 -> counting starts at 09:00 next day; 0 min = that opening.
    let night = ny(2026, 11, 2, 20, 0, 0);
    assert_eq!(c.next_open(night).unwrap(), ny(2026, 11, 3, 9, 0, 0));
    assert_eq!(
        c.add_business(night, BusinessMinutes::new(0)).unwrap(),
        ny(2026, 11, 3, 9, 0, 0)
    );
    assert_eq!(
        c.add_business(night, BusinessMinutes::new(1)).unwrap(),
        ny(2026, 11, 3, 9, 1, 0)
    );
    // A closing instant is closed; an opening instant is open.
    assert!(!c.is_open(ny(2026, 11, 2, 16, 0, 0)));
    assert!(c.is_open(ny(2026, 11, 2, 9, 0, 0)));
    assert!(!c.is_open(ny(2026, 11, 7, 12, 0, 0))); // Saturday
}

#[test]
fn between_and_limited_hours() {
    let c = cal();
    // Tue 2026-11-24 14:00 -> Fri 11-27 11:00: Tue 2 h + Wed (eve) 3 h + Fri 2 h = 7 h.
    let a = ny(2026, 11, 24, 14, 0, 0);
    let b = ny(2026, 11, 27, 11, 0, 0);
    assert_eq!(
        c.business_minutes_between(a, b).unwrap(),
        BusinessMinutes::new(420)
    );
    assert_eq!(c.add_business(a, BusinessMinutes::new(420)).unwrap(), b);
    assert_eq!(c.business_seconds_between(b, a).unwrap(), 0);
    let ivs = c.open_intervals(a, b).unwrap();
    assert_eq!(ivs.len(), 3);
    assert_eq!(ivs[1].special.as_deref(), Some("Thanksgiving Eve"));
    assert_eq!(ivs[1].end, ny(2026, 11, 25, 12, 0, 0));
    let closures = c
        .closures(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap();
    assert_eq!(closures.len(), 2);
    assert_eq!(closures[0].kind, ClosureKind::LimitedHours);
    assert_eq!(closures[1].kind, ClosureKind::Closed);
    let ex = c.explain_due(a, BusinessMinutes::new(420)).unwrap();
    assert_eq!(ex.due_at, b);
    assert_eq!(ex.segments.iter().map(|s| s.minutes).sum::<i64>(), 420);
    assert_eq!(ex.skipped.len(), 2);
    // Reference agrees.
    assert_eq!(reference::add_business_seconds(&c, a, 420 * 60).unwrap(), b);
    assert_eq!(
        reference::business_seconds_between(&c, a, b).unwrap(),
        420 * 60
    );
}

#[test]
fn validation_errors() {
    let bad = |json: &str| Calendar::from_json(json).expect_err("must fail");
    assert_eq!(
        bad(r#"{"zone":"Mars/Olympus","week":{"mon":[["09:00","16:00"]]}}"#),
        CalendarError::UnknownZone("Mars/Olympus".into())
    );
    assert!(matches!(
        bad(r#"{"zone":"UTC","week":{}}"#),
        CalendarError::EmptyWeek
    ));
    assert!(matches!(
        bad(r#"{"zone":"UTC","week":{"mon":[["16:00","09:00"]]}}"#),
        CalendarError::InvertedInterval { .. }
    ));
    let e = bad(r#"{"zone":"UTC","week":{"tue":[["09:00","12:00"],["11:00","16:00"]]}}"#);
    assert!(matches!(e, CalendarError::OverlappingIntervals { .. }));
    assert!(e.to_string().starts_with("tue:"), "{e}");
    assert!(matches!(
        bad(r#"{"zone":"UTC","week":{"mon":[["24:00","24:00"]]}}"#),
        CalendarError::InvalidTime { .. }
    ));
    assert!(matches!(
        bad(
            r#"{"zone":"UTC","week":{"mon":[["09:00","16:00"]]},"rules":[{"name":"x","date":{"fixed":{"month":4,"day":31}},"effect":"closed"}]}"#
        ),
        CalendarError::ImpossibleDate { .. }
    ));
    assert!(matches!(
        bad(
            r#"{"zone":"UTC","week":{"mon":[["09:00","16:00"]]},"rules":[{"name":"x","date":{"nth_weekday":{"month":4,"weekday":"Mon","n":6}},"effect":"closed"}]}"#
        ),
        CalendarError::InvalidRule { .. }
    ));
    assert!(matches!(
        bad(r#"{"zone":"UTC","week":{"mon":[["9:00","16:00"]]}}"#),
        CalendarError::Json(_)
    ));
    assert!(matches!(
        bad(r#"{"zone":"UTC","weeks":{}}"#),
        CalendarError::Json(_)
    ));
}

#[test]
fn out_of_range_is_an_error() {
    let c = cal();
    let early = Utc.with_ymd_and_hms(1800, 1, 1, 0, 0, 0).unwrap();
    assert!(matches!(
        c.next_open(early),
        Err(CalendarError::OutOfRange { .. })
    ));
    assert!(!c.is_open(early));
    let late = ny(2200, 12, 31, 15, 0, 0);
    assert!(matches!(
        c.add_business(late, BusinessMinutes::from_hours(7)),
        Err(CalendarError::OutOfRange { .. })
    ));
    assert!(matches!(
        c.add_business(ny(2026, 1, 5, 9, 0, 0), BusinessMinutes::new(-1)),
        Err(CalendarError::NegativeDuration { .. })
    ));
    assert!(c
        .add_business(
            ny(2026, 1, 5, 9, 0, 0),
            BusinessMinutes::new(i64::MAX / 120)
        )
        .is_err());
}

#[test]
fn clock_lifecycle() {
    let c = cal();
    let start = ny(2026, 11, 2, 20, 0, 0); // Monday night: counts from Tue 09:00
    let mut clock = SlaClock::start(
        start,
        BusinessMinutes::new(420),
        Some(WarningRule::Fraction { percent: 50 }),
    );
    assert_eq!(clock.due_at(&c).unwrap(), Some(ny(2026, 11, 3, 16, 0, 0)));
    assert_eq!(
        clock.warning_at(&c).unwrap(),
        Some(ny(2026, 11, 3, 12, 30, 0))
    );
    assert_eq!(
        clock.status(&c, ny(2026, 11, 3, 10, 0, 0)).unwrap(),
        ClockStatus::Running
    );
    assert_eq!(
        clock
            .remaining_minutes(&c, ny(2026, 11, 3, 10, 0, 0))
            .unwrap(),
        360
    );
    // Pause 11:00 Tue, resume 10:00 Wed: 2 h used, due Wed 15:00.
    clock.pause(&c, ny(2026, 11, 3, 11, 0, 0)).unwrap();
    assert!(clock.is_paused());
    assert_eq!(clock.due_at(&c).unwrap(), None);
    assert_eq!(
        clock.status(&c, ny(2026, 11, 4, 9, 0, 0)).unwrap(),
        ClockStatus::Paused
    );
    assert_eq!(
        clock.pause(&c, ny(2026, 11, 3, 12, 0, 0)),
        Err(ClockError::AlreadyPaused)
    );
    assert!(matches!(
        clock.resume(ny(2026, 11, 3, 10, 0, 0)),
        Err(ClockError::BeforeLastEvent { .. })
    ));
    clock.resume(ny(2026, 11, 4, 10, 0, 0)).unwrap();
    assert_eq!(
        clock.resume(ny(2026, 11, 4, 10, 0, 0)),
        Err(ClockError::NotPaused)
    );
    assert_eq!(clock.due_at(&c).unwrap(), Some(ny(2026, 11, 4, 15, 0, 0)));
    // Exactly at due: not breached yet; one second later: breached.
    assert_eq!(
        clock.status(&c, ny(2026, 11, 4, 15, 0, 0)).unwrap(),
        ClockStatus::Running
    );
    assert_eq!(
        clock.status(&c, ny(2026, 11, 4, 15, 0, 1)).unwrap(),
        ClockStatus::Breached
    );
    assert_eq!(
        clock
            .remaining_minutes(&c, ny(2026, 11, 4, 15, 0, 1))
            .unwrap(),
        -1
    );
    // Stopped at 14:00 Wed: met, due stays what it was, further events refused.
    let mut met = clock.clone();
    met.stop(&c, ny(2026, 11, 4, 14, 0, 0)).unwrap();
    assert_eq!(
        met.status(&c, ny(2026, 12, 1, 9, 0, 0)).unwrap(),
        ClockStatus::Met
    );
    assert_eq!(met.due_at(&c).unwrap(), Some(ny(2026, 11, 4, 15, 0, 0)));
    assert_eq!(met.stopped_at(), Some(ny(2026, 11, 4, 14, 0, 0)));
    assert_eq!(
        met.resume(ny(2026, 11, 5, 9, 0, 0)),
        Err(ClockError::Stopped)
    );
    // Stopped after the due: breached, and stays breached.
    clock.stop(&c, ny(2026, 11, 5, 9, 30, 0)).unwrap();
    assert_eq!(
        clock.status(&c, ny(2026, 12, 1, 9, 0, 0)).unwrap(),
        ClockStatus::Breached
    );
    assert_eq!(
        clock.elapsed_seconds(&c, ny(2027, 1, 1, 0, 0, 0)).unwrap(),
        8 * 3600 + 1800
    );
    // Round trip through JSON (plain data).
    let json = serde_json::to_string(&clock).unwrap();
    assert_eq!(serde_json::from_str::<SlaClock>(&json).unwrap(), clock);
}

#[test]
fn fractions_across_a_year_end() {
    // Open every day 09:00–16:00 UTC. 2025-12-31 15:00:00.5 + 1 h: the hour runs to 16:00
    // plus half a second, i.e. to the first opening of 2026 plus 0.5 s.
    let c = Calendar::from_json(
        r#"{"zone":"UTC","week":{"mon":[["09:00","16:00"]],"tue":[["09:00","16:00"]],"wed":[["09:00","16:00"]],
            "thu":[["09:00","16:00"]],"fri":[["09:00","16:00"]],"sat":[["09:00","16:00"]],"sun":[["09:00","16:00"]]}}"#,
    )
    .unwrap();
    let half = chrono::Duration::milliseconds(500);
    let t = Utc.with_ymd_and_hms(2025, 12, 31, 15, 0, 0).unwrap() + half;
    let due = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + half;
    assert_eq!(c.add_business_seconds(t, 3600).unwrap(), due);
    assert_eq!(reference::add_business_seconds(&c, t, 3600).unwrap(), due);
    // Whole seconds: due exactly at the last closing of the year.
    let t = Utc.with_ymd_and_hms(2025, 12, 31, 15, 0, 0).unwrap();
    assert_eq!(
        c.add_business_seconds(t, 3600).unwrap(),
        Utc.with_ymd_and_hms(2025, 12, 31, 16, 0, 0).unwrap()
    );
    assert_eq!(c.business_seconds_between(t, due).unwrap(), 3600);
}

#[test]
fn dst_policy_on_ranges_matches_the_crate_docs() {
    // Sundays only, two ranges that sit on the New York transitions.
    let c = Calendar::from_json(
        r#"{"zone":"America/New_York","week":{"sun":[["01:00","02:00"],["02:00","04:00"]]}}"#,
    )
    .unwrap();
    let h = |y, mo, d, hh, mm| Utc.with_ymd_and_hms(y, mo, d, hh, mm, 0).unwrap();
    // 2024-03-10 (spring forward 02:00 EST -> 03:00 EDT): 01:00–02:00 EST = 06:00–07:00Z;
    // 02:00 does not exist -> 03:00 EDT = 07:00Z; so 02:00–04:00 is 03:00–04:00 EDT =
    // 07:00–08:00Z. Two hours in total, touching at 07:00Z.
    let ivs = c
        .open_intervals(h(2024, 3, 10, 0, 0), h(2024, 3, 11, 0, 0))
        .unwrap();
    let spans: Vec<_> = ivs.iter().map(|i| (i.start, i.end)).collect();
    assert_eq!(
        spans,
        [
            (h(2024, 3, 10, 6, 0), h(2024, 3, 10, 7, 0)),
            (h(2024, 3, 10, 7, 0), h(2024, 3, 10, 8, 0))
        ]
    );
    // 2024-11-03 (fall back 02:00 EDT -> 01:00 EST): 01:00 is ambiguous -> earlier (EDT,
    // 05:00Z); 02:00 EST = 07:00Z. So 01:00–02:00 lasts two hours; 02:00–04:00 EST =
    // 07:00–09:00Z.
    let ivs = c
        .open_intervals(h(2024, 11, 3, 0, 0), h(2024, 11, 4, 0, 0))
        .unwrap();
    let spans: Vec<_> = ivs.iter().map(|i| (i.start, i.end)).collect();
    assert_eq!(
        spans,
        [
            (h(2024, 11, 3, 5, 0), h(2024, 11, 3, 7, 0)),
            (h(2024, 11, 3, 7, 0), h(2024, 11, 3, 9, 0))
        ]
    );
    assert_eq!(
        c.business_seconds_between(h(2024, 11, 3, 0, 0), h(2024, 11, 4, 0, 0))
            .unwrap(),
        4 * 3600
    );
    // 90 minutes from the start of the fall-back Sunday lands in the repeated hour:
    // 05:00Z + 90 min = 06:30Z (01:30 EST, the second 01:30).
    assert_eq!(
        c.add_business(h(2024, 11, 3, 0, 0), BusinessMinutes::new(90))
            .unwrap(),
        h(2024, 11, 3, 6, 30)
    );
}

#[test]
fn interval_ending_at_midnight_and_conflicting_rules() {
    // 24:00 end; two rules on Jan 1: "hours" listed first, "closed" second -> closed wins.
    // Two "hours" rules on Jan 2 -> the first listed wins.
    let c = Calendar::from_json(
        r#"{"zone":"UTC","week":{"mon":[["20:00","24:00"]],"tue":[["00:00","02:00"]],"fri":[["09:00","17:00"]],"sat":[["09:00","17:00"]]},
           "rules":[
             {"name":"short","date":{"fixed":{"month":1,"day":1}},"effect":{"hours":[["09:00","10:00"]]}},
             {"name":"shut","date":{"fixed":{"month":1,"day":1}},"effect":"closed"},
             {"name":"first","date":{"fixed":{"month":1,"day":2}},"effect":{"hours":[["09:00","11:00"]]}},
             {"name":"second","date":{"fixed":{"month":1,"day":2}},"effect":{"hours":[["09:00","12:00"]]}}
           ]}"#,
    )
    .unwrap();
    let h = |y, mo, d, hh, mm| Utc.with_ymd_and_hms(y, mo, d, hh, mm, 0).unwrap();
    // Mon 2026-01-05 23:00 + 2 h: 1 h to midnight, 1 h on Tuesday -> Tue 01:00.
    assert_eq!(
        c.add_business(h(2026, 1, 5, 23, 0), BusinessMinutes::new(120))
            .unwrap(),
        h(2026, 1, 6, 1, 0)
    );
    // Exactly 1 h ends at Monday's 24:00 = Tuesday 00:00 (an open instant here).
    assert_eq!(
        c.add_business(h(2026, 1, 5, 23, 0), BusinessMinutes::new(60))
            .unwrap(),
        h(2026, 1, 6, 0, 0)
    );
    // 2027-01-01 is a Friday: closed ("shut" wins over "short").
    assert!(!c.is_open(h(2027, 1, 1, 9, 30)));
    let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(c.closures(d, d).unwrap()[0].name, "shut");
    // 2027-01-02 is a Saturday: "first" wins, 09:00–11:00.
    assert!(c.is_open(h(2027, 1, 2, 10, 30)));
    assert!(!c.is_open(h(2027, 1, 2, 11, 30)));
}

#[test]
fn calendar_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Calendar>();
    let c = cal();
    let c2 = c.clone();
    let t = ny(2026, 11, 2, 10, 0, 0);
    let h = std::thread::spawn(move || c2.add_business(t, BusinessMinutes::new(60)).unwrap());
    assert_eq!(
        h.join().unwrap(),
        c.add_business(t, BusinessMinutes::new(60)).unwrap()
    );
}

#[test]
fn unknown_fields_are_rejected_everywhere() {
    for json in [
        r#"{"zone":"UTC","week":{"mon":[["09:00","16:00"]]},"rules":[{"name":"x","date":{"fixed":{"month":1,"day":1,"bogus":1}},"effect":"closed"}]}"#,
        r#"{"zone":"UTC","week":{"mon":[["09:00","16:00"]]},"rules":[{"name":"x","date":"easter","effect":"closed","extra":true}]}"#,
        r#"{"zone":"UTC","week":{"monday":[["09:00","16:00"]]}}"#,
        r#"{"zone":"UTC","week":{"mon":[["09:00","16:00"]]},"rules":[{"name":"x","date":{"fixed":{"month":1,"day":1,"observance":"uk"}},"effect":"closed"}]}"#,
    ] {
        assert!(
            matches!(Calendar::from_json(json), Err(CalendarError::Json(_))),
            "{json}"
        );
    }
}

#[test]
fn clock_warnings_retarget_and_pauses() {
    let c = cal();
    // Mon 2026-11-02 09:00, target 2 bd (840), warn 60 min before due.
    let start = ny(2026, 11, 2, 9, 0, 0);
    let mut clock = SlaClock::start(
        start,
        BusinessMinutes::new(840),
        Some(WarningRule::BeforeDue(BusinessMinutes::new(60))),
    );
    assert_eq!(clock.due_at(&c).unwrap(), Some(ny(2026, 11, 3, 16, 0, 0)));
    assert_eq!(
        clock.warning_at(&c).unwrap(),
        Some(ny(2026, 11, 3, 15, 0, 0))
    );
    // Retarget to 1 bd: due Mon 16:00.
    clock.retarget(BusinessMinutes::new(420));
    assert_eq!(clock.target(), BusinessMinutes::new(420));
    assert_eq!(clock.due_at(&c).unwrap(), Some(ny(2026, 11, 2, 16, 0, 0)));
    // Pause at Tue 09:30 (450 min elapsed, target 420): breached while paused, and the due
    // instant (in the past) is still known.
    clock.pause(&c, ny(2026, 11, 3, 9, 30, 0)).unwrap();
    assert_eq!(clock.due_at(&c).unwrap(), Some(ny(2026, 11, 2, 16, 0, 0)));
    assert_eq!(
        clock.status(&c, ny(2026, 11, 4, 9, 0, 0)).unwrap(),
        ClockStatus::Breached
    );
    // Elapsed time as it was at an earlier instant: Mon 12:00 -> 180 min.
    assert_eq!(
        clock
            .elapsed_seconds(&c, ny(2026, 11, 2, 12, 0, 0))
            .unwrap(),
        180 * 60
    );

    // Stopped while paused, within target: met, no due.
    let mut paused = SlaClock::start(start, BusinessMinutes::new(420), None);
    paused.pause(&c, ny(2026, 11, 2, 10, 0, 0)).unwrap();
    paused.stop(&c, ny(2026, 11, 5, 10, 0, 0)).unwrap();
    assert!(!paused.is_paused());
    assert_eq!(paused.due_at(&c).unwrap(), None);
    assert_eq!(paused.warning_at(&c).unwrap(), None);
    assert_eq!(
        paused.status(&c, ny(2026, 11, 9, 10, 0, 0)).unwrap(),
        ClockStatus::Met
    );
    assert_eq!(
        paused
            .elapsed_seconds(&c, ny(2026, 11, 9, 10, 0, 0))
            .unwrap(),
        3600
    );
    assert_eq!(
        paused.stop(&c, ny(2026, 11, 6, 10, 0, 0)),
        Err(ClockError::Stopped)
    );

    // Fraction warning: 50 % of 420 = 210 min from Mon 09:00 = 12:30.
    let half = SlaClock::start(
        start,
        BusinessMinutes::new(420),
        Some(WarningRule::Fraction { percent: 50 }),
    );
    assert_eq!(
        half.warning_at(&c).unwrap(),
        Some(ny(2026, 11, 2, 12, 30, 0))
    );
    // Zero target: due at the clock's first opening; breached one second of open time later.
    let zero = SlaClock::start(ny(2026, 11, 1, 12, 0, 0), BusinessMinutes::new(0), None);
    assert_eq!(zero.due_at(&c).unwrap(), Some(ny(2026, 11, 2, 9, 0, 0)));
    assert_eq!(
        zero.status(&c, ny(2026, 11, 2, 9, 0, 0)).unwrap(),
        ClockStatus::Running
    );
    assert_eq!(
        zero.status(&c, ny(2026, 11, 2, 9, 0, 1)).unwrap(),
        ClockStatus::Breached
    );
    // Out-of-range events are refused, not panics.
    let mut far = SlaClock::start(start, BusinessMinutes::new(420), None);
    assert!(matches!(
        far.pause(&c, Utc.with_ymd_and_hms(2300, 1, 1, 0, 0, 0).unwrap()),
        Err(ClockError::Calendar(CalendarError::OutOfRange { .. }))
    ));
    // JSON shape of the warning rules.
    assert_eq!(
        serde_json::to_string(&WarningRule::BeforeDue(BusinessMinutes::new(60))).unwrap(),
        r#"{"before_due":60}"#
    );
    assert_eq!(
        serde_json::to_string(&WarningRule::Fraction { percent: 80 }).unwrap(),
        r#"{"fraction":{"percent":80}}"#
    );
    assert_eq!(
        serde_json::to_string(&ClockStatus::Breached).unwrap(),
        r#""breached""#
    );
}
