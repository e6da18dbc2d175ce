//! IEX's plan catalog (rule `iex.catalog.standard_plan`) and its free integrations.
//!
//! The seeds name no plans: IEX sells integrations, each with support. Tierline models one
//! paid plan, `standard`, whose tickets may reach 2nd line. A trial is a customer flag and
//! the free partner integrations are a customer's `integration` value, not plans.

use tierline_core::{Line, Plan, PlanId, SupportLevel};

/// The id of IEX's one paid plan.
pub const STANDARD: &str = "standard";

/// Builds the catalog.
pub(crate) fn plans() -> Result<Vec<Plan>, tierline_core::IdError> {
    Ok(vec![Plan {
        id: PlanId::parse(STANDARD)?,
        name: "Standard".into(),
        aliases: Vec::new(),
        rank: 0,
        tier_ceiling: SupportLevel::Line(Line::Second),
        developer_minutes_per_year: None,
        includes_screen_sharing: false,
        prices: Vec::new(),
    }])
}

/// A free integration that its partner supports instead of IEX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeIntegration {
    /// Canonical integration value, e.g. `dandomain-free`.
    pub id: &'static str,
    /// The partner whose support handles it.
    pub partner: &'static str,
    /// Spellings accepted, compared after removing everything but letters and digits and
    /// lower-casing (`DanDomain Free`, `dandomain_free`, `Zettle–DanDomain Free`).
    pub spellings: &'static [&'static str],
}

/// The free integrations of seeds 003/004.
pub const FREE_INTEGRATIONS: &[FreeIntegration] = &[
    FreeIntegration {
        id: "dandomain-free",
        partner: "DanDomain",
        spellings: &["dandomainfree", "zettledandomainfree"],
    },
    FreeIntegration {
        id: "billy-free",
        partner: "Billy",
        spellings: &["billyfree", "zettlebillyfree"],
    },
];

/// The free integration a customer's `integration` value names, if any.
pub fn free_integration(integration: &str) -> Option<&'static FreeIntegration> {
    let key: String = integration
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    FREE_INTEGRATIONS
        .iter()
        .find(|f| f.spellings.contains(&key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_integration_spellings() {
        for s in [
            "dandomain-free",
            "DanDomain Free",
            "dandomain_free",
            "Zettle–DanDomain Free",
        ] {
            assert_eq!(
                free_integration(s).map(|f| f.partner),
                Some("DanDomain"),
                "{s}"
            );
        }
        for s in ["billy-free", "Billy Free", "BILLY_FREE"] {
            assert_eq!(free_integration(s).map(|f| f.partner), Some("Billy"), "{s}");
        }
        for s in ["dandomain", "billy", "dandomain-pro", "e-conomic", ""] {
            assert!(free_integration(s).is_none(), "{s}");
        }
    }
}
