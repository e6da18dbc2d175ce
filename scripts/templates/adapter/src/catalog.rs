//! The plan catalog (rule `__ID__.catalog.standard_plan`).

use tierline_core::{IdError, Plan, PlanId, SupportLevel, Tier};

/// The id of the one plan.
pub const STANDARD: &str = "standard";

/// Builds the catalog, smallest plan first.
pub(crate) fn plans() -> Result<Vec<Plan>, IdError> {
    Ok(vec![Plan {
        id: PlanId::parse(STANDARD)?,
        name: "Standard".into(),
        aliases: vec!["Basic".into()],
        rank: 0,
        tier_ceiling: SupportLevel::Tier(Tier::Two),
        developer_minutes_per_year: None,
        includes_screen_sharing: false,
        prices: Vec::new(),
    }])
}
