use serde::{Deserialize, Serialize};

use super::{BillingCycle, Money, PlanId, SupportLevel};
use crate::domain::Minutes;

/// A plan's list price for one billing cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPrice {
    /// The billing cycle the price is for.
    pub cycle: BillingCycle,
    /// The price per cycle.
    pub amount: Money,
}

/// One plan of a vendor's catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Canonical id (lower case), e.g. `platinum`.
    pub id: PlanId,
    /// Display name, e.g. `Platinum`.
    pub name: String,
    /// Legacy or alternative names accepted for this plan (matched case-insensitively).
    pub aliases: Vec<String>,
    /// Rank in the catalog, smallest plan first (0-based).
    pub rank: u8,
    /// The highest support level this plan may reach.
    pub tier_ceiling: SupportLevel,
    /// Developer time included per plan year, where the plan includes any.
    pub developer_minutes_per_year: Option<Minutes>,
    /// Whether screen-sharing support is included (otherwise it is a paid extra).
    pub includes_screen_sharing: bool,
    /// Known list prices.
    pub prices: Vec<PlanPrice>,
}

impl Plan {
    /// Whether `name` names this plan: its id, display name or an alias, ignoring case and
    /// surrounding white space.
    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim();
        self.id.as_str().eq_ignore_ascii_case(name)
            || self.name.eq_ignore_ascii_case(name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}
