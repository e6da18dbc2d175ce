//! The configurable items of the __TYPE__ policy (table `[__ID__]` of the adapter
//! configuration file), with the published defaults.
//!
//! ```toml
//! [__ID__]
//! first_response_business_days = 2
//! ```

use serde::Deserialize;
use tierline_calendar::CalendarDef;

/// __TYPE__ settings. Every field has a default, so an empty or absent table is the policy
/// as published.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// First-response target in business days. Default 1.
    pub first_response_business_days: u32,
    /// A complete calendar replacing the built-in one (`calendar.json`).
    pub calendar: Option<CalendarDef>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            first_response_business_days: 1,
            calendar: None,
        }
    }
}

impl Config {
    /// Checks the settings: targets must be positive.
    pub fn validate(&self) -> Result<(), String> {
        if self.first_response_business_days == 0 {
            return Err("first_response_business_days must be at least 1".into());
        }
        Ok(())
    }
}
