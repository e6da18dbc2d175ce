use std::fmt;

use serde::{Deserialize, Serialize};

/// A support tier of vendors that count tiers (Connex: 1 to 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Tier {
    /// Tier 1: first contact, knowledge base, settings.
    One,
    /// Tier 2: software developers.
    Two,
    /// Tier 3: senior developers and architects.
    Three,
}

impl Tier {
    /// The tier's number.
    pub const fn number(self) -> u8 {
        match self {
            Tier::One => 1,
            Tier::Two => 2,
            Tier::Three => 3,
        }
    }
}

// The JSON form is the tier's number (serde `into = "u8"`): the schema says so by hand, as
// a derived one would list the variant names (schemathesis found `{"tier": 1}` answers
// violating it).
impl utoipa::PartialSchema for Tier {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .maximum(Some(3))
            .description(Some(
                "A support tier of vendors that count tiers (Connex: 1 to 3).",
            ))
            .into()
    }
}

impl utoipa::ToSchema for Tier {}

impl TryFrom<u8> for Tier {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        match n {
            1 => Ok(Tier::One),
            2 => Ok(Tier::Two),
            3 => Ok(Tier::Three),
            _ => Err(format!("tier must be 1, 2 or 3, not {n}")),
        }
    }
}

impl From<Tier> for u8 {
    fn from(t: Tier) -> u8 {
        t.number()
    }
}

/// A support line of vendors that count lines (IEX: 1st and 2nd line).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Line {
    /// 1st line.
    First,
    /// 2nd line: deeper insight, development and bug fixes.
    Second,
}

/// Who inside the vendor handles a ticket: a tier or a line, depending on the vendor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    /// A numbered tier.
    Tier(Tier),
    /// A named line.
    Line(Line),
    /// A named team that is neither (e.g. StoreConnect's support or development team).
    Team(String),
}

impl SupportLevel {
    /// Whether `self` is at most `ceiling` (same kind and not higher). Teams are within a
    /// ceiling only when they are the same team.
    pub fn within(&self, ceiling: &SupportLevel) -> bool {
        match (self, ceiling) {
            (SupportLevel::Tier(a), SupportLevel::Tier(b)) => a <= b,
            (SupportLevel::Line(a), SupportLevel::Line(b)) => a <= b,
            (SupportLevel::Team(a), SupportLevel::Team(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for SupportLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SupportLevel::Tier(t) => write!(f, "tier {}", t.number()),
            SupportLevel::Line(Line::First) => f.write_str("1st line"),
            SupportLevel::Line(Line::Second) => f.write_str("2nd line"),
            SupportLevel::Team(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_compare_within_their_kind() {
        let t2 = SupportLevel::Tier(Tier::Two);
        assert!(SupportLevel::Tier(Tier::One).within(&t2));
        assert!(t2.within(&t2));
        assert!(!SupportLevel::Tier(Tier::Three).within(&t2));
        assert!(!SupportLevel::Line(Line::First).within(&t2));
        assert!(serde_json::from_str::<Tier>("4").is_err());
        assert_eq!(
            serde_json::to_string(&Tier::Three).ok().as_deref(),
            Some("3")
        );
    }
}
