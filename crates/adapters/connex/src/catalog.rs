//! The Connex plan catalog: seven plans, legacy names as aliases, tier ceilings, developer
//! hours, prices.

use tierline_core::{
    BillingCycle, Currency, IdError, Minutes, Money, Offer, Plan, PlanId, PlanPrice, SupportLevel,
    Tier,
};

use crate::config::Config;

/// Canonical id of the Platinum plan.
pub const PLATINUM: &str = "platinum";
/// Canonical id of the Gold plan.
pub const GOLD: &str = "gold";

/// Developer time a Platinum plan includes per plan year: 10 h.
pub const PLATINUM_DEVELOPER_TIME: Minutes = Minutes::hours(10);
/// Developer time for the plan year of an upgrade made less than 6 months before renewal.
pub const PRORATED_DEVELOPER_TIME: Minutes = Minutes::hours(5);
/// The Platinum annual price, USD 5,988 per year (seed 000).
pub const PLATINUM_ANNUAL_PRICE: Money = Money::major(5_988, Currency::Usd);
/// The price of one extra developer call (seed 000).
pub const DEVELOPER_CALL_PRICE: Money = Money::major(250, Currency::Usd);
/// The length of one extra developer call.
pub const DEVELOPER_CALL_LENGTH: Minutes = Minutes(30);

/// Builds the catalog, smallest plan first. The order among the Tier 1 plans is not
/// published; they keep seed 001's listing order (Silver, Micro, Starter, Growth, Pro).
pub fn plans(config: &Config) -> Result<Vec<Plan>, IdError> {
    let tier1 = SupportLevel::Tier(Tier::One);
    let specs: [(&str, &str, &[&str], SupportLevel); 7] = [
        ("silver", "Silver", &["Super", "Enterprise"], tier1.clone()),
        ("micro", "Micro", &[], tier1.clone()),
        ("starter", "Starter", &[], tier1.clone()),
        ("growth", "Growth", &[], tier1.clone()),
        ("pro", "Pro", &[], tier1),
        (
            GOLD,
            "Gold",
            &["Ultra"],
            SupportLevel::Tier(config.gold_tier_ceiling),
        ),
        (
            PLATINUM,
            "Platinum",
            &["Ultra Plus", "Elite"],
            SupportLevel::Tier(Tier::Three),
        ),
    ];
    let mut out = Vec::with_capacity(specs.len());
    for (rank, (id, name, aliases, ceiling)) in (0u8..).zip(specs) {
        let platinum = id == PLATINUM;
        out.push(Plan {
            id: PlanId::parse(id)?,
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            rank,
            tier_ceiling: ceiling,
            developer_minutes_per_year: platinum.then_some(PLATINUM_DEVELOPER_TIME),
            includes_screen_sharing: config.screen_sharing_plans.iter().any(|p| p == id),
            prices: if platinum {
                vec![PlanPrice {
                    cycle: BillingCycle::Annual,
                    amount: PLATINUM_ANNUAL_PRICE,
                }]
            } else {
                Vec::new()
            },
        });
    }
    Ok(out)
}

/// The upgrade offered with every denial that an upgrade would lift: Platinum annual.
pub fn platinum_offer() -> Result<Offer, IdError> {
    Ok(Offer {
        plan: PlanId::parse(PLATINUM)?,
        plan_name: "Platinum".to_owned(),
        billing_cycle: BillingCycle::Annual,
        price: PLATINUM_ANNUAL_PRICE,
        proration: None,
    })
}

/// Whether `plan` is Platinum.
pub fn is_platinum(plan: &PlanId) -> bool {
    plan.as_str() == PLATINUM
}
