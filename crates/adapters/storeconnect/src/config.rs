//! StoreConnect's configurable items (POLICY.md "configurable" and the brief): the
//! resolve-or-mitigate matrix, the length of a business day, the warning rule and an
//! optional full calendar override. [`Config::default`] is the policy as published.
//!
//! ```toml
//! [storeconnect]
//! business_day_minutes = 480
//! warning = { fraction = { percent = 75 } }   # or warning = "off"
//!
//! [storeconnect.resolution_business_days]
//! # A row, when given, is given whole: a plan left out of a row has no target.
//! critical = { small = 3, medium = 2, large = 1, enterprise = 1 }
//! high = { small = 10, medium = 5, large = 5, enterprise = 5 }
//! medium = {}
//! low = {}
//! ```

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};
use tierline_calendar::{BusinessMinutes, CalendarDef, WarningRule};
use tierline_core::Priority;

use crate::catalog::PlanSize;

/// The adapter's settings (`[storeconnect]` table of the adapter configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Business minutes in one standard business day ("1 bd"); default 480 (09:00–17:00).
    pub business_day_minutes: NonZeroU32,
    /// Resolve-or-mitigate targets in business days, per priority and plan.
    pub resolution_business_days: ResolutionMatrix,
    /// When a resolution clock warns before it breaches; default at 75 % of the target.
    pub warning: WarningSetting,
    /// A full replacement of the bundled calendar (`calendar.json`), if any.
    pub calendar: Option<CalendarDef>,
}

/// Default business day: 8 hours.
const EIGHT_HOURS: NonZeroU32 = match NonZeroU32::new(480) {
    Some(n) => n,
    None => NonZeroU32::MIN,
};

impl Default for Config {
    fn default() -> Self {
        Self {
            business_day_minutes: EIGHT_HOURS,
            resolution_business_days: ResolutionMatrix::default(),
            warning: WarningSetting::default(),
            calendar: None,
        }
    }
}

impl Config {
    /// One business day as business minutes.
    pub fn business_day(&self) -> BusinessMinutes {
        BusinessMinutes::new(i64::from(self.business_day_minutes.get()))
    }

    /// The resolution target of a priority on a plan, in business days (`None`: no target).
    pub fn resolution_days(&self, priority: Priority, plan: PlanSize) -> Option<NonZeroU32> {
        self.resolution_business_days.row(priority).get(plan)
    }

    /// The warning rule, when warnings are on.
    pub fn warning_rule(&self) -> Option<WarningRule> {
        match self.warning {
            WarningSetting::Off => None,
            WarningSetting::Rule(rule) => Some(rule),
        }
    }

    /// Checks what serde cannot: an `after_elapsed` warning must be positive and fall
    /// before every configured target (otherwise it would warn after the breach).
    pub fn validate(&self) -> Result<(), String> {
        let Some(WarningRule::AfterElapsed(minutes)) = self.warning_rule() else {
            return Ok(());
        };
        if minutes.get() <= 0 {
            return Err("warning.after_elapsed must be positive".into());
        }
        for priority in Priority::ALL {
            for plan in PlanSize::ALL {
                if let Some(days) = self.resolution_days(priority, plan) {
                    let target = i64::from(days.get()) * self.business_day().get();
                    if minutes.get() >= target {
                        return Err(format!(
                            "warning.after_elapsed ({minutes}) is not before the {priority} \
                             target of plan {} ({target} min)",
                            plan.id()
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Whether and when resolution clocks warn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningSetting {
    /// No warnings (`warning = "off"`).
    Off,
    /// A calendar warning rule, e.g. `{ fraction = { percent = 75 } }`,
    /// `{ before_due = 120 }` or `{ after_elapsed = 240 }`.
    #[serde(untagged)]
    Rule(WarningRule),
}

impl Default for WarningSetting {
    fn default() -> Self {
        WarningSetting::Rule(WarningRule::Fraction { percent: 75 })
    }
}

/// Resolve-or-mitigate targets in business days, one row per priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResolutionMatrix {
    /// Critical: small 3, medium 2, large 1, enterprise 1 business days.
    pub critical: PlanTargets,
    /// High: small 10 (2 weeks), medium 5, large 5, enterprise 5 business days.
    pub high: PlanTargets,
    /// Medium: no target.
    pub medium: PlanTargets,
    /// Low (incl. feature requests): no target.
    pub low: PlanTargets,
}

impl ResolutionMatrix {
    /// The row of a priority.
    pub fn row(&self, priority: Priority) -> &PlanTargets {
        match priority {
            Priority::Critical => &self.critical,
            Priority::High => &self.high,
            Priority::Medium => &self.medium,
            Priority::Low => &self.low,
        }
    }
}

const fn days(n: u32) -> Option<NonZeroU32> {
    NonZeroU32::new(n)
}

impl Default for ResolutionMatrix {
    fn default() -> Self {
        Self {
            critical: PlanTargets {
                small: days(3),
                medium: days(2),
                large: days(1),
                enterprise: days(1),
            },
            high: PlanTargets {
                small: days(10),
                medium: days(5),
                large: days(5),
                enterprise: days(5),
            },
            medium: PlanTargets::NONE,
            low: PlanTargets::NONE,
        }
    }
}

/// One priority's targets per plan, in business days; a missing plan has no target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTargets {
    /// Small plan.
    pub small: Option<NonZeroU32>,
    /// Medium plan.
    pub medium: Option<NonZeroU32>,
    /// Large plan.
    pub large: Option<NonZeroU32>,
    /// Enterprise plan.
    pub enterprise: Option<NonZeroU32>,
}

impl PlanTargets {
    /// No target on any plan.
    pub const NONE: PlanTargets = PlanTargets {
        small: None,
        medium: None,
        large: None,
        enterprise: None,
    };

    /// The target of one plan.
    pub fn get(&self, plan: PlanSize) -> Option<NonZeroU32> {
        match plan {
            PlanSize::Small => self.small,
            PlanSize::Medium => self.medium,
            PlanSize::Large => self.large,
            PlanSize::Enterprise => self.enterprise,
        }
    }
}

impl Default for PlanTargets {
    fn default() -> Self {
        Self::NONE
    }
}
