//! The plan catalog: Small, Medium, Large, Enterprise, smallest first.
//!
//! StoreConnect has no support tiers or lines: every plan's ceiling is the support team
//! ([`SUPPORT_TEAM`]); the development team ([`DEVELOPMENT_TEAM`]) handles Accelerated
//! Development and escalations, and is not an entitlement of any plan. The seed publishes
//! no prices, developer hours or screen sharing for any plan.

use tierline_core::{IdError, Plan, PlanId, SupportLevel};

/// The support team's name as a [`SupportLevel::Team`].
pub const SUPPORT_TEAM: &str = "support";
/// The development team's name as a [`SupportLevel::Team`].
pub const DEVELOPMENT_TEAM: &str = "development";

/// The support team level.
pub fn support_level() -> SupportLevel {
    SupportLevel::Team(SUPPORT_TEAM.to_owned())
}

/// The development team level.
pub fn development_level() -> SupportLevel {
    SupportLevel::Team(DEVELOPMENT_TEAM.to_owned())
}

/// A StoreConnect plan, smallest first ("Large or higher" = [`PlanSize::Large`] and
/// [`PlanSize::Enterprise`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanSize {
    /// Small.
    Small,
    /// Medium.
    Medium,
    /// Large.
    Large,
    /// Enterprise.
    Enterprise,
}

impl PlanSize {
    /// Every plan, smallest first.
    pub const ALL: [PlanSize; 4] = [
        PlanSize::Small,
        PlanSize::Medium,
        PlanSize::Large,
        PlanSize::Enterprise,
    ];

    /// The canonical plan id.
    pub const fn id(self) -> &'static str {
        match self {
            PlanSize::Small => "small",
            PlanSize::Medium => "medium",
            PlanSize::Large => "large",
            PlanSize::Enterprise => "enterprise",
        }
    }

    /// The display name.
    pub const fn name(self) -> &'static str {
        match self {
            PlanSize::Small => "Small",
            PlanSize::Medium => "Medium",
            PlanSize::Large => "Large",
            PlanSize::Enterprise => "Enterprise",
        }
    }

    /// The plan of a canonical plan id.
    pub fn from_id(id: &PlanId) -> Option<PlanSize> {
        PlanSize::ALL.into_iter().find(|p| p.id() == id.as_str())
    }

    /// Whether the plan is "Large or higher".
    pub const fn is_large_or_higher(self) -> bool {
        matches!(self, PlanSize::Large | PlanSize::Enterprise)
    }
}

/// Builds the catalog.
pub fn plans() -> Result<Vec<Plan>, IdError> {
    PlanSize::ALL
        .into_iter()
        .zip(0u8..)
        .map(|(size, rank)| {
            Ok(Plan {
                id: PlanId::parse(size.id())?,
                name: size.name().to_owned(),
                aliases: Vec::new(),
                rank,
                tier_ceiling: support_level(),
                developer_minutes_per_year: None,
                includes_screen_sharing: false,
                prices: Vec::new(),
            })
        })
        .collect()
}
