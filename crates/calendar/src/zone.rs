//! Resolving local wall-clock times to instants (the DST policy).

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::time::LocalTime;

/// UTC offset (seconds east) in force at UTC second `u`.
pub(crate) fn offset_at(tz: Tz, u: i64) -> i64 {
    DateTime::from_timestamp(u, 0).map_or(0, |t| {
        i64::from(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// The instant (UTC seconds) of local wall time `ndt` in `tz`:
/// - a time that exists once: that instant;
/// - a time that exists twice (DST fold): the **earlier** instant;
/// - a time that does not exist (DST gap): the **first instant after the gap**, i.e. the
///   transition itself (02:30 on 2024-03-10 in New York resolves to 03:00 EDT).
pub(crate) fn resolve(tz: Tz, ndt: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&ndt) {
        chrono::LocalResult::Single(t) => t.timestamp(),
        chrono::LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        chrono::LocalResult::None => gap_end(tz, ndt),
    }
}

/// First UTC second whose local time is at or after `ndt` (used inside a gap, where local
/// time is increasing across the window searched).
fn gap_end(tz: Tz, ndt: NaiveDateTime) -> i64 {
    let target = ndt.and_utc().timestamp();
    let (mut lo, mut hi) = (target - 30 * 3600, target + 30 * 3600);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if mid + offset_at(tz, mid) >= target {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The instant of `time` on local `date` (`24:00` = next day's midnight).
pub(crate) fn resolve_local(tz: Tz, date: NaiveDate, time: LocalTime) -> i64 {
    let ndt = if time == LocalTime::END_OF_DAY {
        date.checked_add_days(Days::new(1))
            .unwrap_or(date)
            .and_time(NaiveTime::MIN)
    } else {
        date.and_time(time.to_naive().unwrap_or(NaiveTime::MIN))
    };
    resolve(tz, ndt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("valid")
    }

    #[test]
    fn dst_policy_new_york() {
        let ny = chrono_tz::America::New_York;
        // Gap: 2024-03-10 02:30 does not exist; resolves to 03:00 EDT = 07:00 UTC.
        assert_eq!(
            resolve(ny, at(2024, 3, 10, 2, 30)),
            at(2024, 3, 10, 7, 0).and_utc().timestamp()
        );
        // Fold: 2024-11-03 01:30 exists twice; earlier = EDT = 05:30 UTC.
        assert_eq!(
            resolve(ny, at(2024, 11, 3, 1, 30)),
            at(2024, 11, 3, 5, 30).and_utc().timestamp()
        );
        assert_eq!(
            resolve(ny, at(2024, 7, 1, 9, 0)),
            at(2024, 7, 1, 13, 0).and_utc().timestamp()
        );
    }
}
