//! Adapter configuration: the "configurable" items of each vendor's policy, as data.
//!
//! A deployment may give a TOML file with one table per vendor id; each adapter decodes
//! its own table into its own `Config` type whose fields all have defaults, so an absent
//! file or table means "the policy as published".
//!
//! ```toml
//! [connex]
//! gold_tier_ceiling = 1
//!
//! [iex]
//! second_line_response_business_days = 10
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read adapter config {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or not a table of tables.
    #[error("adapter config is not valid TOML: {0}")]
    Syntax(String),
    /// A vendor's table does not fit its adapter's settings.
    #[error("adapter config [{vendor}]: {message}")]
    Invalid {
        /// The vendor id.
        vendor: String,
        /// What is wrong.
        message: String,
    },
    /// A table names no registered vendor.
    #[error("adapter config has a table for unknown vendor {0:?}")]
    UnknownVendor(String),
}

/// A parsed adapter configuration file.
#[derive(Debug, Clone, Default)]
pub struct AdapterConfig {
    sections: BTreeMap<String, toml::Value>,
}

impl AdapterConfig {
    /// No configuration: every adapter runs on its defaults.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Parses TOML text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| ConfigError::Syntax(e.to_string()))?;
        let mut sections = BTreeMap::new();
        for (vendor, value) in table {
            if !value.is_table() {
                return Err(ConfigError::Invalid {
                    vendor,
                    message: "expected a table".into(),
                });
            }
            sections.insert(vendor, value);
        }
        Ok(Self { sections })
    }

    /// Reads and parses a file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text)
    }

    /// Vendor ids that have a table.
    pub fn vendors(&self) -> impl Iterator<Item = &str> {
        self.sections.keys().map(String::as_str)
    }

    /// Decodes a vendor's table into its settings type, or its defaults when absent.
    pub fn decode<T: DeserializeOwned + Default>(&self, vendor: &str) -> Result<T, ConfigError> {
        match self.sections.get(vendor) {
            None => Ok(T::default()),
            Some(value) => {
                value
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| ConfigError::Invalid {
                        vendor: vendor.to_owned(),
                        message: e.to_string(),
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, serde::Deserialize, PartialEq)]
    #[serde(default, deny_unknown_fields)]
    struct Settings {
        hours: u32,
    }

    #[test]
    fn decodes_tables_and_defaults() {
        let config = AdapterConfig::parse("[acme]\nhours = 3\n").expect("valid toml");
        assert_eq!(
            config.decode::<Settings>("acme").ok(),
            Some(Settings { hours: 3 })
        );
        assert_eq!(
            config.decode::<Settings>("other").ok(),
            Some(Settings::default())
        );
        let bad = AdapterConfig::parse("[acme]\nhourz = 3\n").expect("valid toml");
        assert!(matches!(
            bad.decode::<Settings>("acme"),
            Err(ConfigError::Invalid { .. })
        ));
        assert!(matches!(
            AdapterConfig::parse("acme = 1"),
            Err(ConfigError::Invalid { .. })
        ));
    }
}
