//! The clock integration tests pin the server to (shared by `tests/api` and
//! `tests/webhooks`). Read by test code only: the server never reads `TIERLINE_TEST_NOW`.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tierline_core::ManualClock;

/// The instant the server's clock is pinned to: `TIERLINE_TEST_NOW` (RFC 3339, read by the
/// tests only; the server never reads it), else the real time, in whole seconds. The instant
/// is printed, so a failure can be replayed on the same instant.
pub fn test_now() -> DateTime<Utc> {
    let now = match std::env::var("TIERLINE_TEST_NOW") {
        Ok(v) if !v.trim().is_empty() => DateTime::parse_from_rfc3339(v.trim())
            .unwrap_or_else(|e| panic!("TIERLINE_TEST_NOW={v:?} is not RFC 3339: {e}"))
            .with_timezone(&Utc),
        _ => Utc::now(),
    };
    let now = DateTime::<Utc>::from_timestamp(now.timestamp(), 0).expect("an instant");
    eprintln!(
        "server clock pinned at {} (TIERLINE_TEST_NOW replays it)",
        rfc3339(now)
    );
    now
}

/// A clock pinned to [`test_now`].
pub fn pinned_clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(test_now()))
}

/// An instant as the API writes it (RFC 3339, UTC, `Z`).
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
