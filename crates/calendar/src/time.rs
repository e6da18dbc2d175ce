//! Wall-clock times of day ([`LocalTime`]) and open ranges ([`TimeRange`]).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A local wall-clock time with minute precision, `00:00` to `24:00` inclusive.
///
/// `24:00` means the end of the day (midnight of the next day) and is only valid as the
/// end of a [`TimeRange`]. Serialized as `"HH:MM"`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(u16);

impl LocalTime {
    /// Midnight at the start of the day.
    pub const MIDNIGHT: LocalTime = LocalTime(0);
    /// `24:00`, the end of the day.
    pub const END_OF_DAY: LocalTime = LocalTime(24 * 60);

    /// `hh:mm`; `None` unless it is a valid time of day or exactly `24:00`.
    pub const fn new(hour: u32, minute: u32) -> Option<Self> {
        if minute >= 60 || hour > 24 || (hour == 24 && minute != 0) {
            return None;
        }
        Some(LocalTime((hour * 60 + minute) as u16))
    }

    /// Minutes since midnight (0..=1440).
    pub const fn minutes(self) -> u32 {
        self.0 as u32
    }

    /// Seconds since midnight (0..=86400).
    pub const fn seconds(self) -> u32 {
        self.0 as u32 * 60
    }

    /// As a [`NaiveTime`], or `None` for `24:00`.
    pub fn to_naive(self) -> Option<NaiveTime> {
        NaiveTime::from_num_seconds_from_midnight_opt(self.seconds(), 0)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Why a string is not a [`LocalTime`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid time of day {0:?}: expected \"HH:MM\" between 00:00 and 24:00")]
pub struct ParseLocalTimeError(pub String);

impl FromStr for LocalTime {
    type Err = ParseLocalTimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseLocalTimeError(s.to_owned());
        let (h, m) = s.split_once(':').ok_or_else(err)?;
        if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let h: u32 = h.parse().map_err(|_| err())?;
        let m: u32 = m.parse().map_err(|_| err())?;
        LocalTime::new(h, m).ok_or_else(err)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A half-open range of local wall-clock time `[start, end)`, e.g. `["09:00","16:00"]`.
///
/// `end` may be `24:00`. Validation (start before end, no overlaps) happens when a
/// [`crate::Calendar`] is built.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "(LocalTime, LocalTime)", into = "(LocalTime, LocalTime)")]
pub struct TimeRange {
    /// First minute of the range.
    pub start: LocalTime,
    /// End of the range (exclusive).
    pub end: LocalTime,
}

impl TimeRange {
    /// A range from `start` to `end`.
    pub const fn new(start: LocalTime, end: LocalTime) -> Self {
        Self { start, end }
    }

    /// Length in seconds (0 when inverted).
    pub const fn seconds(&self) -> u32 {
        self.end.seconds().saturating_sub(self.start.seconds())
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

impl From<(LocalTime, LocalTime)> for TimeRange {
    fn from((start, end): (LocalTime, LocalTime)) -> Self {
        Self { start, end }
    }
}

impl From<TimeRange> for (LocalTime, LocalTime) {
    fn from(r: TimeRange) -> Self {
        (r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!("09:30".parse::<LocalTime>().map(|t| t.minutes()), Ok(570));
        assert_eq!("24:00".parse::<LocalTime>(), Ok(LocalTime::END_OF_DAY));
        for bad in ["24:01", "9:30", "09:60", "25:00", "0930", "ab:cd", ""] {
            assert!(bad.parse::<LocalTime>().is_err(), "{bad}");
        }
        let r: TimeRange = serde_json::from_str(r#"["09:00","16:00"]"#).expect("range");
        assert_eq!(r.seconds(), 7 * 3600);
        assert_eq!(
            serde_json::to_string(&r).ok().as_deref(),
            Some(r#"["09:00","16:00"]"#)
        );
    }
}
