use std::fmt;

use serde::{Deserialize, Serialize};

/// An ISO 4217 currency code.
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
pub enum Currency {
    /// United States dollar.
    #[serde(rename = "USD")]
    Usd,
    /// Australian dollar.
    #[serde(rename = "AUD")]
    Aud,
    /// Danish krone.
    #[serde(rename = "DKK")]
    Dkk,
    /// Euro.
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// The ISO 4217 code.
    pub const fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Aud => "AUD",
            Currency::Dkk => "DKK",
            Currency::Eur => "EUR",
        }
    }
}

/// An amount of money in minor units (cents, øre) of a currency.
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
pub struct Money {
    /// Amount in minor units (e.g. cents).
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units.
    pub const fn minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// A whole amount in major units (dollars, kroner).
    pub const fn major(major: i64, currency: Currency) -> Self {
        Self {
            minor: major * 100,
            currency,
        }
    }

    /// This amount multiplied by a quantity, or `None` on overflow.
    pub fn times(self, quantity: u32) -> Option<Self> {
        self.minor
            .checked_mul(i64::from(quantity))
            .map(|minor| Self { minor, ..self })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        write!(
            f,
            "{sign}{} {}.{:02}",
            self.currency.code(),
            abs / 100,
            abs % 100
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats_and_multiplies() {
        let call = Money::major(250, Currency::Usd);
        assert_eq!(call.to_string(), "USD 250.00");
        assert_eq!(call.times(3), Some(Money::major(750, Currency::Usd)));
        assert_eq!(Money::minor(i64::MAX, Currency::Usd).times(2), None);
    }
}
