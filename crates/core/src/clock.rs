//! The one source of "now" for every decision taken with the wall clock.
//!
//! The server and the workers never call `Utc::now()` to decide something (a default
//! `received_at`, whether a date is in the past or the future, a session's lead time, the
//! current plan year, proration, how long an SLA clock has left, which tickets are due for
//! the monitor, which idempotency keys have expired): they ask the [`Clock`] they were built
//! with.
//!
//! - [`SystemClock`] is the real time. Production always runs on it; no request, setting or
//!   environment variable can replace or move it.
//! - [`ManualClock`] is pinned to an instant and moves only when told to
//!   ([`ManualClock::advance`], [`ManualClock::set`]). Tests start the real server on one so
//!   their answers do not depend on the day they run.
//!
//! ```
//! use std::sync::Arc;
//! use chrono::{Duration, TimeZone, Utc};
//! use tierline_core::clock::{Clock, ManualClock, SharedClock};
//!
//! let pinned = Utc.with_ymd_and_hms(2031, 6, 15, 10, 0, 0).unwrap();
//! let manual = Arc::new(ManualClock::new(pinned));
//! let clock: SharedClock = manual.clone();
//! assert_eq!(clock.now(), pinned);
//! manual.advance(Duration::hours(2));
//! assert_eq!(clock.now(), pinned + Duration::hours(2));
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, DurationRound, Utc};

/// A source of the current instant.
///
/// # Behavior
/// - [`Clock::now`] is in UTC, with at most microsecond precision (what PostgreSQL keeps), so
///   an instant read from the clock survives a round trip through the database unchanged.
/// - It never fails and never blocks for long: callers read it once per decision and pass the
///   instant on, so one request decides everything with one "now".
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock shared by the HTTP workers, the background workers and the state they hold.
pub type SharedClock = Arc<dyn Clock>;

/// The real time (`Utc::now()`, truncated to microseconds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

impl SystemClock {
    /// The system clock, ready to share.
    pub fn shared() -> SharedClock {
        Arc::new(Self)
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_micros(Utc::now())
    }
}

/// A clock pinned to an instant that moves only when told to (for tests and simulations).
///
/// Two reads without an [`advance`](ManualClock::advance) or [`set`](ManualClock::set) in
/// between return the same instant.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    /// A clock pinned to `at` (truncated to microseconds).
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(to_micros(at)),
        }
    }

    /// Moves the clock to `at` (backwards too; truncated to microseconds).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.lock() = to_micros(at);
    }

    /// Moves the clock by `by` (a negative duration moves it back) and returns the new
    /// instant. An instant beyond chrono's range leaves the clock where it was.
    pub fn advance(&self, by: Duration) -> DateTime<Utc> {
        let mut now = self.lock();
        if let Some(next) = now.checked_add_signed(by) {
            *now = to_micros(next);
        }
        *now
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        // The guarded value is a plain instant: a panic elsewhere cannot leave it half-set.
        self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }
}

fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(Duration::microseconds(1)).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_manual_clock_stays_where_it_is_pinned() {
        let clock = ManualClock::new(at(2031, 6, 15, 10));
        assert_eq!(clock.now(), at(2031, 6, 15, 10));
        assert_eq!(clock.now(), at(2031, 6, 15, 10));
    }

    #[test]
    fn a_manual_clock_advances_and_can_be_set_back() {
        let clock = ManualClock::new(at(2031, 6, 15, 10));
        assert_eq!(clock.advance(Duration::days(2)), at(2031, 6, 17, 10));
        assert_eq!(clock.now(), at(2031, 6, 17, 10));
        clock.set(at(2020, 1, 1, 0));
        assert_eq!(clock.now(), at(2020, 1, 1, 0));
        assert_eq!(clock.advance(Duration::hours(-1)), at(2019, 12, 31, 23));
    }

    #[test]
    fn an_out_of_range_advance_leaves_the_clock_alone() {
        let clock = ManualClock::new(at(2031, 6, 15, 10));
        assert_eq!(clock.advance(Duration::MAX), at(2031, 6, 15, 10));
    }

    #[test]
    fn instants_are_kept_to_the_microsecond() {
        let precise = at(2031, 6, 15, 10) + Duration::nanoseconds(1_234_567);
        let clock = ManualClock::new(precise);
        assert_eq!(
            clock.now(),
            at(2031, 6, 15, 10) + Duration::microseconds(1_234)
        );
        let real = SystemClock.now();
        assert_eq!(real.timestamp_subsec_nanos() % 1_000, 0);
    }

    #[test]
    fn the_system_clock_follows_the_real_time() {
        let before = Utc::now() - Duration::seconds(1);
        let read = SystemClock::shared().now();
        assert!(read >= before && read <= Utc::now(), "{read}");
    }
}
