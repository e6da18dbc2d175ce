//! The configurable items of IEX's policy (table `[iex]` of the adapter config file).
//!
//! ```toml
//! [iex]
//! second_line_response_business_days = 10
//! phone_hourly_rate = 950          # whole DKK per hour; absent = "current rates"
//! ```

use serde::Deserialize;
use tierline_calendar::CalendarDef;

/// IEX settings; [`Config::default`] is the policy as published.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// First-response target in business days (POLICY: "within 1–3 bd", breach at 3 bd).
    pub first_response_business_days: u32,
    /// When the first-response clock warns, in business days elapsed (POLICY: 1 bd).
    pub first_response_warning_business_days: u32,
    /// Response target once a ticket is at 2nd line, in business days (POLICY default 10).
    pub second_line_response_business_days: u32,
    /// When the 2nd-line clock warns, in business days elapsed; `None` = no warning (the
    /// policy names none).
    pub second_line_warning_business_days: Option<u32>,
    /// Hourly rate of phone support in whole DKK. The seeds publish no figure, so the
    /// default `None` tells the customer "at IEX's current rates".
    pub phone_hourly_rate: Option<u32>,
    /// A full replacement for the bundled `calendar.json`.
    pub calendar: Option<CalendarDef>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            first_response_business_days: 3,
            first_response_warning_business_days: 1,
            second_line_response_business_days: 10,
            second_line_warning_business_days: None,
            phone_hourly_rate: None,
            calendar: None,
        }
    }
}

impl Config {
    /// Checks the settings make sense together: positive targets, warnings before the
    /// breach they warn of.
    pub fn validate(&self) -> Result<(), String> {
        if self.first_response_business_days == 0 {
            return Err("first_response_business_days must be at least 1".into());
        }
        if self.first_response_warning_business_days == 0
            || self.first_response_warning_business_days >= self.first_response_business_days
        {
            return Err(
                "first_response_warning_business_days must be at least 1 and below \
                 first_response_business_days"
                    .into(),
            );
        }
        if self.second_line_response_business_days == 0 {
            return Err("second_line_response_business_days must be at least 1".into());
        }
        if let Some(w) = self.second_line_warning_business_days {
            if w == 0 || w >= self.second_line_response_business_days {
                return Err(
                    "second_line_warning_business_days must be at least 1 and below \
                     second_line_response_business_days"
                        .into(),
                );
            }
        }
        if self.phone_hourly_rate == Some(0) {
            return Err(
                "phone_hourly_rate must be positive (omit it for \"current rates\")".into(),
            );
        }
        Ok(())
    }
}
