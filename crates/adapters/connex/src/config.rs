//! The configurable items of the Connex policy (POLICY.md), with the published defaults.
//!
//! ```toml
//! [connex]
//! gold_tier_ceiling = 1                       # seed 000's reading (default 2, seed 001)
//! thanksgiving_eve_hours = [["09:00", "13:00"]]
//! first_response_warning = { fraction = { percent = 80 } }
//! screen_sharing_plans = ["platinum"]
//! screen_share_price = { minor = 15000, currency = "USD" }
//! onboarding_lead_hours = 48
//! tier_three_through_tier_two = false         # allow Tier 1 -> Tier 3 directly
//! status_page_url = "https://status.example.com"
//! ```

use serde::{Deserialize, Serialize};
use tierline_calendar::{CalendarDef, TimeRange, WarningRule};
use tierline_core::{Money, Tier};

/// Connex settings. Every field has a default, so an empty table is the policy as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Gold's support tier ceiling. Default Tier 2 (seed 001, the SLA); seed 000 says Tier 1.
    pub gold_tier_ceiling: Tier,
    /// Hours on Thanksgiving Eve (the Wednesday before Thanksgiving), replacing the
    /// calendar's default 09:00–12:00; an empty list closes the day. `None` keeps the
    /// calendar's hours.
    pub thanksgiving_eve_hours: Option<Vec<TimeRange>>,
    /// When the first-response clock warns. Default: at 75 % of the target (after 315 of
    /// 420 business minutes), leaving a quarter of a business day to answer. `None`: no
    /// warning.
    pub first_response_warning: Option<WarningRule>,
    /// Plans (canonical ids) that include screen-sharing support. Default: none.
    pub screen_sharing_plans: Vec<String>,
    /// Price of one screen-sharing session. Default `None`: not published, priced on
    /// request.
    pub screen_share_price: Option<Money>,
    /// Minimum lead time for booking an onboarding session, in hours. Default 24.
    pub onboarding_lead_hours: u32,
    /// Where customers find the knowledge base and video library (boundary answers).
    pub knowledge_base_url: String,
    /// How to reach Intuit's QuickBooks support (third-party routing).
    pub intuit_support_url: String,
    /// The status page that announces major outages (pointed to on outage tickets).
    pub status_page_url: String,
    /// Whether a ticket reaches Tier 3 only through Tier 2 (Tier 3 handles what Tier 2 is
    /// unable to help with). Default `true`.
    pub tier_three_through_tier_two: bool,
    /// A complete calendar replacing the built-in one (`calendar.json`).
    pub calendar: Option<CalendarDef>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            gold_tier_ceiling: Tier::Two,
            thanksgiving_eve_hours: None,
            first_response_warning: Some(WarningRule::Fraction { percent: 75 }),
            screen_sharing_plans: Vec::new(),
            screen_share_price: None,
            onboarding_lead_hours: 24,
            knowledge_base_url: "https://help.syncwithconnex.com".to_owned(),
            intuit_support_url: "https://quickbooks.intuit.com/learn-support/".to_owned(),
            status_page_url: "https://status.syncwithconnex.com".to_owned(),
            tier_three_through_tier_two: true,
            calendar: None,
        }
    }
}
