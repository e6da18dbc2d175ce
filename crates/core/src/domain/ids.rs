use std::fmt;

use serde::{Deserialize, Serialize};

/// Why an identifier was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The identifier was empty.
    #[error("{kind} must not be empty")]
    Empty {
        /// What kind of identifier.
        kind: &'static str,
    },
    /// The identifier was too long.
    #[error("{kind} is longer than {max} characters")]
    TooLong {
        /// What kind of identifier.
        kind: &'static str,
        /// The limit.
        max: usize,
    },
    /// The identifier contained a character outside `a-z 0-9 _ -`.
    #[error("{kind} {value:?} may only contain lower-case letters, digits, '_' and '-'")]
    BadCharacter {
        /// What kind of identifier.
        kind: &'static str,
        /// The rejected value.
        value: String,
    },
}

fn parse_slug(kind: &'static str, raw: &str, max: usize) -> Result<String, IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty { kind });
    }
    if raw.len() > max {
        return Err(IdError::TooLong { kind, max });
    }
    let ok = raw
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !ok {
        return Err(IdError::BadCharacter {
            kind,
            value: raw.chars().take(64).collect(),
        });
    }
    Ok(raw.to_owned())
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses an identifier: 1 to
            #[doc = stringify!($max)]
            /// characters of `a-z`, `0-9`, `_` and `-`.
            pub fn parse(raw: &str) -> Result<Self, IdError> {
                parse_slug($kind, raw, $max).map(Self)
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(raw: String) -> Result<Self, IdError> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

slug_id!(
    /// A vendor's identifier, e.g. `connex`.
    VendorId,
    "vendor id",
    32
);
slug_id!(
    /// A plan's canonical identifier within its vendor, e.g. `platinum`.
    PlanId,
    "plan id",
    64
);

/// The identifier of a policy rule, e.g. `connex.escalation.annual_required`.
///
/// Rule ids are constants in the adapter that owns the rule; every explanation line and
/// every denial names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleId(&'static str);

impl RuleId {
    /// Wraps a rule id constant.
    pub const fn new(id: &'static str) -> Self {
        Self(id)
    }

    /// The id as text.
    pub const fn as_str(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_ids_are_lower_case_slugs() {
        assert!(VendorId::parse("connex").is_ok());
        assert!(VendorId::parse("store-connect_2").is_ok());
        assert!(matches!(VendorId::parse(""), Err(IdError::Empty { .. })));
        assert!(matches!(
            VendorId::parse("Connex"),
            Err(IdError::BadCharacter { .. })
        ));
        assert!(matches!(
            VendorId::parse("x'; drop table"),
            Err(IdError::BadCharacter { .. })
        ));
        assert!(matches!(
            VendorId::parse(&"a".repeat(33)),
            Err(IdError::TooLong { .. })
        ));
    }

    #[test]
    fn ids_round_trip_through_serde() {
        let id: PlanId = serde_json::from_str("\"platinum\"").expect("valid id");
        assert_eq!(id.as_str(), "platinum");
        assert!(serde_json::from_str::<PlanId>("\"Plat inum\"").is_err());
        assert_eq!(
            serde_json::to_string(&id).expect("serialize"),
            "\"platinum\""
        );
    }
}
