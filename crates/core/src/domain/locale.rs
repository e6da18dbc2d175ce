use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language Tierline can speak to customers in.
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
pub enum Locale {
    /// English.
    En,
    /// Danish.
    Da,
}

/// A locale tag Tierline does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported locale {0:?} (supported: en, da)")]
pub struct LocaleError(pub String);

impl Locale {
    /// Every locale, in a stable order.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Da];

    /// The BCP 47 primary language subtag.
    pub const fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Da => "da",
        }
    }

    /// Picks the first supported language of an HTTP `Accept-Language` header value,
    /// honouring `q` weights (`da;q=0.9, en;q=0.8`). Unsupported or malformed entries are
    /// skipped.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(u16, Locale)> = None;
        for part in header.split(',').take(32) {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Ok(locale) = primary.parse::<Locale>() else {
                continue;
            };
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if !(0.0..=1.0).contains(&weight) || weight == 0.0 {
                continue;
            }
            let weight = (weight * 1000.0) as u16;
            if best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, l)| l)
    }
}

impl FromStr for Locale {
    type Err = LocaleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Locale::En),
            "da" => Ok(Locale::Da),
            _ => Err(LocaleError(s.chars().take(32).collect())),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_weights() {
        assert_eq!(Locale::from_accept_language("da-DK"), Some(Locale::Da));
        assert_eq!(
            Locale::from_accept_language("fr, en;q=0.5, da;q=0.8"),
            Some(Locale::Da)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language("en;q=abc"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language(""), None);
    }
}
