//! Hand-checked cases for the three vendor calendars (`crates/adapters/*/calendar.json`).
//!
//! Every expected value was worked out by hand from a wall calendar and the rules in
//! `shared/POLICY.md`; the comment on each case shows the arithmetic. Holiday dates were
//! checked against the official lists (US OPM federal holidays, NSW Industrial Relations
//! public holidays, the Danish "helligdage" list); DST dates against the IANA tz data
//! (US: 2nd Sunday of March / 1st Sunday of November; EU: last Sunday of March / October;
//! New South Wales: 1st Sunday of October / 1st Sunday of April).
//! Every case is also checked against the naive `reference` implementation and with
//! `business_minutes_between`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use tierline_calendar::{reference, BusinessMinutes, Calendar, ClockStatus, SlaClock, WarningRule};

const CONNEX: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../adapters/connex/calendar.json"
));
const STORECONNECT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../adapters/storeconnect/calendar.json"
));
const IEX: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../adapters/iex/calendar.json"
));

struct Vendor {
    cal: Calendar,
    tz: Tz,
}

impl Vendor {
    fn load(json: &str) -> Self {
        let cal = Calendar::from_json(json).expect("vendor calendar is valid");
        let tz = cal.zone();
        Self { cal, tz }
    }

    /// Local wall time in the vendor's zone, as UTC.
    fn at(&self, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        self.tz
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("unambiguous local time")
            .with_timezone(&Utc)
    }

    /// Asserts `start + minutes == due` (fast and reference), and the inverse `between`.
    #[track_caller]
    fn due(&self, start: DateTime<Utc>, minutes: i64, due: DateTime<Utc>) {
        let m = BusinessMinutes::new(minutes);
        assert_eq!(self.cal.add_business(start, m).unwrap(), due, "fast engine");
        assert_eq!(
            reference::add_business_seconds(&self.cal, start, m.seconds()).unwrap(),
            due,
            "reference"
        );
        assert_eq!(self.cal.business_minutes_between(start, due).unwrap(), m);
    }

    fn closed_on(&self, y: i32, mo: u32, d: u32) -> bool {
        let date = NaiveDate::from_ymd_opt(y, mo, d).unwrap();
        let c = self.cal.closures(date, date).unwrap();
        c.iter().any(|c| c.hours.is_empty())
    }
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

// ---------------------------------------------------------------- Connex (New York)

#[test]
fn connex_issue_examples() {
    let v = Vendor::load(CONNEX);
    // Fri 2026-10-09 15:30: Fri 15:30–16:00 = 30; Mon 10-12 Columbus Day (2nd Mon Oct) closed;
    // Tue 09:00 + 390 = 15:30.
    v.due(v.at(2026, 10, 9, 15, 30), 420, v.at(2026, 10, 13, 15, 30));
    // Tue 2026-11-24 14:00: Tue 120; Wed 11-25 Thanksgiving Eve 09–12 = 180 (300);
    // Thu 11-26 Thanksgiving (4th Thu Nov) closed; Fri 09:00 + 120 = 11:00.
    v.due(v.at(2026, 11, 24, 14, 0), 420, v.at(2026, 11, 27, 11, 0));
    let ex = v
        .cal
        .explain_due(v.at(2026, 11, 24, 14, 0), BusinessMinutes::new(420))
        .unwrap();
    let names: Vec<_> = ex.skipped.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Thanksgiving Eve", "Thanksgiving"]);
    assert_eq!(
        ex.segments.iter().map(|s| s.minutes).collect::<Vec<_>>(),
        [120, 180, 120]
    );
    assert_eq!(ex.segments[1].special.as_deref(), Some("Thanksgiving Eve"));
}

#[test]
fn connex_dst_weeks() {
    let v = Vendor::load(CONNEX);
    // Spring forward Sun 2024-03-10. Fri 03-08 15:00 EST (20:00Z): Fri 60; Mon 03-11
    // 09:00 EDT + 360 = 15:00 EDT = 19:00Z (71 wall-clock hours later, not 72).
    v.due(utc(2024, 3, 8, 20, 0), 420, utc(2024, 3, 11, 19, 0));
    // Fall back Sun 2024-11-03. Fri 11-01 15:00 EDT (19:00Z): Fri 60; Mon 11-04 09:00 EST +
    // 360 = 15:00 EST = 20:00Z.
    v.due(utc(2024, 11, 1, 19, 0), 420, utc(2024, 11, 4, 20, 0));
    // Opening after the spring weekend is 09:00 EDT = 13:00Z (was 14:00Z on Friday).
    assert_eq!(
        v.cal.next_open(utc(2024, 3, 9, 12, 0)).unwrap(),
        utc(2024, 3, 11, 13, 0)
    );
}

#[test]
fn connex_observed_days_and_year_end() {
    let v = Vendor::load(CONNEX);
    // Independence Day 2026 is Sat 07-04, observed Fri 07-03. Thu 07-02 12:00: Thu 240;
    // Fri closed; Mon 07-06 09:00 + 180 = 12:00.
    v.due(v.at(2026, 7, 2, 12, 0), 420, v.at(2026, 7, 6, 12, 0));
    // The observed Friday is listed; the Saturday itself is not (it is closed anyway).
    assert!(v.closed_on(2026, 7, 3) && !v.closed_on(2026, 7, 4));
    let d = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap();
    assert_eq!(
        v.cal.closures(d, d).unwrap()[0].name,
        "Independence Day (observed)"
    );
    // Christmas 2022 is Sun 12-25, observed Mon 12-26; Christmas Eve Sat 12-24 has no
    // observance, so Fri 12-23 is open. Fri 15:00: 60; Mon closed; Tue 12-27 09:00 + 360.
    v.due(v.at(2022, 12, 23, 15, 0), 420, v.at(2022, 12, 27, 15, 0));
    assert!(!v.closed_on(2022, 12, 23));
    // Veterans Day 2023 is Sat 11-11, observed Fri 11-10. Thu 11-09 at closing + 60 min:
    // Fri closed -> Mon 11-13 10:00.
    v.due(v.at(2023, 11, 9, 16, 0), 60, v.at(2023, 11, 13, 10, 0));
    // New Year's Day 2022 is Sat, observed Fri 2021-12-31 (also New Year's Eve).
    let c = v
        .cal
        .closures(
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
        )
        .unwrap();
    assert_eq!(c.len(), 1);
    // Year end 2026: Thu 12-24, Fri 12-25 closed. Wed 12-23 15:00: 60; Mon 12-28 09:00 + 360.
    v.due(v.at(2026, 12, 23, 15, 0), 420, v.at(2026, 12, 28, 15, 0));
    // Wed 2026-12-30 10:00 + 2 bd: Wed 360; Thu 12-31 NYE, Fri 2027-01-01 closed; Mon 01-04
    // 420 (780); Tue 01-05 09:00 + 60 = 10:00.
    v.due(v.at(2026, 12, 30, 10, 0), 840, v.at(2027, 1, 5, 10, 0));
    // Memorial Day 2026 = Mon 05-25, Labor Day 2026 = Mon 09-07.
    assert!(v.closed_on(2026, 5, 25) && v.closed_on(2026, 9, 7));
    assert!(!v.closed_on(2026, 5, 18));
}

#[test]
fn connex_night_weekend_holiday_receipt() {
    let v = Vendor::load(CONNEX);
    // Sat 2026-10-10 03:00: next opening Tue 10-13 09:00 (Mon is Columbus Day); + 420 ends
    // exactly at Tue 16:00 closing -> due at 16:00 (not Wed 09:00).
    let t = v.at(2026, 10, 10, 3, 0);
    assert_eq!(v.cal.next_open(t).unwrap(), v.at(2026, 10, 13, 9, 0));
    v.due(t, 420, v.at(2026, 10, 13, 16, 0));
    // On Thanksgiving 2026-11-26 10:00: counting starts Fri 09:00; + 420 = Fri 16:00.
    v.due(v.at(2026, 11, 26, 10, 0), 420, v.at(2026, 11, 27, 16, 0));
    // Thanksgiving Eve after its 12:00 close: Wed 13:00 -> Fri 09:00 + 60 = 10:00.
    assert!(!v.cal.is_open(v.at(2026, 11, 25, 13, 0)));
    v.due(v.at(2026, 11, 25, 13, 0), 60, v.at(2026, 11, 27, 10, 0));
    // Tue 2026-11-03 22:30 (night): Wed 09:00 + 420 = Wed 16:00.
    v.due(v.at(2026, 11, 3, 22, 30), 420, v.at(2026, 11, 4, 16, 0));
}

// ---------------------------------------------------------- StoreConnect (Sydney)

#[test]
fn storeconnect_substitute_days() {
    let v = Vendor::load(STORECONNECT);
    // Christmas 2021: Sat 25 -> substitute Mon 27; Boxing Day Sun 26 -> next free weekday
    // Tue 28. Fri 12-24 16:00: 60; Mon, Tue closed; Wed 12-29 09:00 + 420 = 16:00.
    v.due(v.at(2021, 12, 24, 16, 0), 480, v.at(2021, 12, 29, 16, 0));
    assert!(v.closed_on(2021, 12, 27) && v.closed_on(2021, 12, 28));
    // Christmas 2022: Sun 25 -> Mon 26 is Boxing Day already -> substitute Tue 27.
    // Fri 12-23 at 17:00 (closing) + 480: Wed 12-28 09:00–17:00 -> due at Wed closing.
    v.due(v.at(2022, 12, 23, 17, 0), 480, v.at(2022, 12, 28, 17, 0));
    let names: Vec<_> = v
        .cal
        .closures(
            NaiveDate::from_ymd_opt(2022, 12, 24).unwrap(),
            NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
        )
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        [
            "Christmas Day",
            "Boxing Day",
            "Christmas Day (substitute day)"
        ]
    );
    // New Year's Day 2022 is Sat -> Mon 2022-01-03 added; Fri 2021-12-31 is open in NSW.
    // Fri 13:00: 240; Mon closed; Tue 01-04 09:00 + 240 = 13:00.
    v.due(v.at(2021, 12, 31, 13, 0), 480, v.at(2022, 1, 4, 13, 0));
    // Australia Day 2025 is Sun 01-26 -> Mon 01-27. Fri 01-24 09:00 + 2 bd: Fri 480;
    // Mon closed; Tue 01-28 09:00–17:00 -> due at Tue closing.
    v.due(v.at(2025, 1, 24, 9, 0), 960, v.at(2025, 1, 28, 17, 0));
    // Anzac Day 2026 is Sat 04-25: no substitute by rule, but NSW proclaimed an additional
    // public holiday for Mon 04-27 (a one-off closure with its source in calendar.json; so
    // for Mon 2027-04-26). Fri 04-24 17:00 + 60 -> Tue 04-28 10:00.
    v.due(v.at(2026, 4, 24, 17, 0), 60, v.at(2026, 4, 28, 10, 0));
    assert!(v.closed_on(2026, 4, 27) && v.closed_on(2027, 4, 26));
    assert!(!v.closed_on(2028, 4, 24));
    // King's Birthday 2026 = Mon 06-08 (2nd Monday of June).
    assert!(v.closed_on(2026, 6, 8) && !v.closed_on(2026, 6, 1));
}

#[test]
fn storeconnect_easter_and_dst() {
    let v = Vendor::load(STORECONNECT);
    // Easter 2026 = Sun 04-05; Good Friday 04-03 .. Easter Monday 04-06 closed, and DST ends
    // Sun 04-05 (AEDT +11 -> AEST +10). Thu 04-02 12:00 AEDT (01:00Z): Thu 300;
    // Tue 04-07 09:00 AEST + 180 = 12:00 AEST = 02:00Z.
    v.due(utc(2026, 4, 2, 1, 0), 480, utc(2026, 4, 7, 2, 0));
    // DST starts Sun 2026-10-04 (AEST -> AEDT) and Labour Day is Mon 10-05.
    // Fri 10-02 15:00 AEST (05:00Z): Fri 120; Mon closed; Tue 10-06 09:00 AEDT + 360 =
    // 15:00 AEDT = 04:00Z.
    v.due(utc(2026, 10, 2, 5, 0), 480, utc(2026, 10, 6, 4, 0));
    // Received Sunday night: Sun 2026-03-01 22:00 -> Mon 03-02 09:00 + 480 = 17:00.
    v.due(v.at(2026, 3, 1, 22, 0), 480, v.at(2026, 3, 2, 17, 0));
    // Large/critical = 1 bd, Small/high = 10 bd from Mon 2026-03-02 09:00: two clean weeks
    // (no NSW holidays in March 2026) -> Fri 03-13 17:00.
    v.due(v.at(2026, 3, 2, 9, 0), 4800, v.at(2026, 3, 13, 17, 0));
}

// ----------------------------------------------------------------- IEX (Copenhagen)

#[test]
fn iex_easter_store_bededag_and_pinse() {
    let v = Vendor::load(IEX);
    // Easter 2026 = 04-05: Skærtorsdag Thu 04-02, Langfredag Fri 04-03, 2. påskedag Mon 04-06.
    // Wed 04-01 15:00: 60; Thu–Mon closed; Tue 04-07 09:00 + 360 = 15:00.
    v.due(v.at(2026, 4, 1, 15, 0), 420, v.at(2026, 4, 7, 15, 0));
    // Store Bededag 2023 = Easter 04-09 + 26 = Fri 05-05 (closed); abolished from 2024.
    v.due(v.at(2023, 5, 4, 15, 0), 420, v.at(2023, 5, 8, 15, 0));
    // 2024: Easter 03-31 + 26 = Fri 04-26, an ordinary working day now.
    v.due(v.at(2024, 4, 25, 15, 0), 420, v.at(2024, 4, 26, 15, 0));
    assert!(v.closed_on(2023, 5, 5) && !v.closed_on(2024, 4, 26));
    // Kristi himmelfartsdag 2026 = 04-05 + 39 = Thu 05-14; 2. pinsedag = +50 = Mon 05-25.
    assert!(v.closed_on(2026, 5, 14) && v.closed_on(2026, 5, 25));
    // Wed 05-13 15:00: 60; Thu closed; Fri 05-15 09:00 + 360 = 15:00.
    v.due(v.at(2026, 5, 13, 15, 0), 420, v.at(2026, 5, 15, 15, 0));
    // Grundlovsdag Fri 2026-06-05: Thu 06-04 16:00 + 60 -> Mon 06-08 10:00.
    v.due(v.at(2026, 6, 4, 16, 0), 60, v.at(2026, 6, 8, 10, 0));
}

#[test]
fn iex_dst_and_year_end() {
    let v = Vendor::load(IEX);
    // EU summer time starts Sun 2026-03-29. Fri 03-27 15:00 CET (14:00Z): 60; Mon 03-30
    // 09:00 CEST + 360 = 15:00 CEST = 13:00Z.
    v.due(utc(2026, 3, 27, 14, 0), 420, utc(2026, 3, 30, 13, 0));
    // Ends Sun 2026-10-25. Fri 10-23 15:00 CEST (13:00Z) -> Mon 10-26 15:00 CET = 14:00Z.
    v.due(utc(2026, 10, 23, 13, 0), 420, utc(2026, 10, 26, 14, 0));
    // Year end 2026: Thu 12-24, Fri 12-25, Thu 12-31, Fri 2027-01-01 closed.
    // Wed 12-23 10:00 + 3 bd: Wed 360; Mon 12-28 420 (780); Tue 12-29 420 (1200);
    // Wed 12-30 09:00 + 60 = 10:00.
    v.due(v.at(2026, 12, 23, 10, 0), 1260, v.at(2026, 12, 30, 10, 0));
    // Received on Nytårsaftensdag 2026 (Thu) at 11:00: counting starts Mon 2027-01-04 09:00.
    assert_eq!(
        v.cal.next_open(v.at(2026, 12, 31, 11, 0)).unwrap(),
        v.at(2027, 1, 4, 9, 0)
    );
}

#[test]
fn iex_first_response_clock() {
    let v = Vendor::load(IEX);
    // IEX: warning at 1 bd, breach at 3 bd. Ticket Mon 2026-06-01 07:30, before opening:
    // warning Mon 16:00 (7 h), due Wed 06-03 16:00 (21 h); Grundlovsdag is Fri 06-05.
    let clock = SlaClock::start(
        v.at(2026, 6, 1, 7, 30),
        BusinessMinutes::new(1260),
        Some(WarningRule::AfterElapsed(BusinessMinutes::new(420))),
    );
    assert_eq!(
        clock.warning_at(&v.cal).unwrap(),
        Some(v.at(2026, 6, 1, 16, 0))
    );
    assert_eq!(clock.due_at(&v.cal).unwrap(), Some(v.at(2026, 6, 3, 16, 0)));
    assert_eq!(
        clock.status(&v.cal, v.at(2026, 6, 3, 16, 0)).unwrap(),
        ClockStatus::Running
    );
    assert_eq!(
        clock.status(&v.cal, v.at(2026, 6, 4, 9, 1)).unwrap(),
        ClockStatus::Breached
    );
}
