//! Message catalogs: every customer-facing sentence, per locale, outside the logic.
//!
//! The format is a small subset of Fluent: one `key = text` per line, `#` comments, blank
//! lines ignored, `{name}` placeholders filled from [`MessageArgs`]. A line starting with
//! white space continues the previous message (joined with a newline).

use std::collections::BTreeMap;

use crate::domain::Locale;

/// Named values for a message's placeholders.
pub type MessageArgs<'a> = &'a [(&'a str, &'a str)];

/// Why a catalog could not be loaded or a message not rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// A catalog line is not `key = text`.
    #[error("{locale} catalog line {line}: expected `key = text`")]
    Syntax {
        /// The catalog's locale.
        locale: Locale,
        /// 1-based line number.
        line: usize,
    },
    /// A key appears twice in one catalog.
    #[error("{locale} catalog: key {key:?} is defined twice")]
    Duplicate {
        /// The catalog's locale.
        locale: Locale,
        /// The key.
        key: String,
    },
    /// No catalog has the key.
    #[error("message {key:?} is missing in {locale}")]
    Missing {
        /// The locale asked for.
        locale: Locale,
        /// The key.
        key: String,
    },
    /// A placeholder had no value.
    #[error("message {key:?} needs a value for {{{name}}}")]
    MissingArg {
        /// The key.
        key: String,
        /// The placeholder's name.
        name: String,
    },
}

/// Messages of one vendor in each locale it speaks. The first locale added is the default.
#[derive(Debug, Clone, Default)]
pub struct MessageCatalog {
    locales: Vec<Locale>,
    messages: BTreeMap<Locale, BTreeMap<String, String>>,
}

impl MessageCatalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses and adds the catalog of one locale.
    pub fn with_locale(mut self, locale: Locale, source: &str) -> Result<Self, MessageError> {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        let mut last: Option<String> = None;
        for (i, raw) in source.lines().enumerate() {
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if raw.starts_with(char::is_whitespace) {
                let (Some(key), false) = (&last, trimmed.is_empty()) else {
                    return Err(MessageError::Syntax {
                        locale,
                        line: i + 1,
                    });
                };
                if let Some(text) = map.get_mut(key) {
                    text.push('\n');
                    text.push_str(trimmed);
                }
                continue;
            }
            let Some((key, text)) = raw.split_once('=') else {
                return Err(MessageError::Syntax {
                    locale,
                    line: i + 1,
                });
            };
            let key = key.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(MessageError::Syntax {
                    locale,
                    line: i + 1,
                });
            }
            if map.insert(key.to_owned(), text.trim().to_owned()).is_some() {
                return Err(MessageError::Duplicate {
                    locale,
                    key: key.to_owned(),
                });
            }
            last = Some(key.to_owned());
        }
        if !self.locales.contains(&locale) {
            self.locales.push(locale);
        }
        self.messages.insert(locale, map);
        Ok(self)
    }

    /// Locales with a catalog, default first.
    pub fn locales(&self) -> &[Locale] {
        &self.locales
    }

    /// The default locale (the first added), or English for an empty catalog.
    pub fn default_locale(&self) -> Locale {
        self.locales.first().copied().unwrap_or(Locale::En)
    }

    /// `wanted` when the catalog speaks it, else the default locale.
    pub fn pick(&self, wanted: Option<Locale>) -> Locale {
        wanted
            .filter(|l| self.locales.contains(l))
            .unwrap_or_else(|| self.default_locale())
    }

    /// Every key of a locale's catalog.
    pub fn keys(&self, locale: Locale) -> impl Iterator<Item = &str> {
        self.messages
            .get(&locale)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }

    /// The raw template of a key in a locale.
    pub fn template(&self, locale: Locale, key: &str) -> Option<&str> {
        self.messages.get(&locale)?.get(key).map(String::as_str)
    }

    /// Renders a message with its placeholders filled.
    pub fn render(
        &self,
        locale: Locale,
        key: &str,
        args: MessageArgs<'_>,
    ) -> Result<String, MessageError> {
        let template = self
            .template(locale, key)
            .ok_or_else(|| MessageError::Missing {
                locale,
                key: key.to_owned(),
            })?;
        fill(key, template, args)
    }

    /// Names of the `{placeholders}` of a template.
    pub fn placeholders(template: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            out.push(&after[..close]);
            rest = &after[close + 1..];
        }
        out
    }
}

fn fill(key: &str, template: &str, args: MessageArgs<'_>) -> Result<String, MessageError> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return Ok(out);
        };
        let name = &after[..close];
        let value = args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| MessageError::MissingArg {
                key: key.to_owned(),
                name: name.to_owned(),
            })?;
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_renders_and_falls_back() {
        let catalog = MessageCatalog::new()
            .with_locale(Locale::En, "# c\ngreet = Hello {name}\nlong = one\n  two\n")
            .and_then(|c| c.with_locale(Locale::Da, "greet = Hej {name}\n"))
            .expect("valid catalogs");
        assert_eq!(
            catalog.render(Locale::Da, "greet", &[("name", "Ida")]).ok(),
            Some("Hej Ida".into())
        );
        assert_eq!(
            catalog.render(Locale::En, "long", &[]).ok(),
            Some("one\ntwo".into())
        );
        assert!(matches!(
            catalog.render(Locale::En, "greet", &[]),
            Err(MessageError::MissingArg { .. })
        ));
        assert!(matches!(
            catalog.render(Locale::Da, "long", &[]),
            Err(MessageError::Missing { .. })
        ));
        assert_eq!(catalog.pick(Some(Locale::Da)), Locale::Da);
        assert_eq!(catalog.default_locale(), Locale::En);
        assert_eq!(MessageCatalog::placeholders("a {x} b {y}"), vec!["x", "y"]);
    }

    #[test]
    fn rejects_bad_lines_and_duplicates() {
        assert!(matches!(
            MessageCatalog::new().with_locale(Locale::En, "no equals sign"),
            Err(MessageError::Syntax { line: 1, .. })
        ));
        assert!(matches!(
            MessageCatalog::new().with_locale(Locale::En, "a = 1\na = 2"),
            Err(MessageError::Duplicate { .. })
        ));
    }
}
