//! [`BusinessMinutes`]: a count of business (open) minutes.

use std::fmt;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// A duration counted in business minutes, i.e. minutes during which a calendar is open.
///
/// It is a plain count: whether 420 minutes is "one business day" depends on the calendar.
/// Serialized as a bare integer.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct BusinessMinutes(i64);

impl BusinessMinutes {
    /// `m` business minutes.
    pub const fn new(m: i64) -> Self {
        Self(m)
    }

    /// The number of minutes.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// `h` business hours, as minutes.
    pub const fn from_hours(h: i64) -> Self {
        Self(h.saturating_mul(60))
    }

    /// The same duration in business seconds.
    pub const fn seconds(self) -> i64 {
        self.0.saturating_mul(60)
    }
}

impl Add for BusinessMinutes {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0.saturating_add(rhs.0))
    }
}

impl Sub for BusinessMinutes {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0.saturating_sub(rhs.0))
    }
}

impl fmt::Display for BusinessMinutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} min", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_and_display() {
        let a = BusinessMinutes::from_hours(7);
        assert_eq!(a.get(), 420);
        assert_eq!(a.seconds(), 25_200);
        assert_eq!((a + BusinessMinutes::new(5)).get(), 425);
        assert_eq!((a - BusinessMinutes::new(20)).get(), 400);
        assert_eq!(a.to_string(), "420 min");
        assert_eq!(serde_json::to_string(&a).ok().as_deref(), Some("420"));
    }
}
