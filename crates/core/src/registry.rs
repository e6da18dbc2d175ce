//! The registry of vendor adapters the API and CLI are built from.
//!
//! Each adapter crate exports `pub fn factory() -> AdapterFactory`; the binary lists those
//! factories in one place, so adding a vendor is one crate and one line.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::adapter::VendorAdapter;
use crate::config::{AdapterConfig, ConfigError};
use crate::domain::VendorId;

/// A shared, thread-safe adapter.
pub type SharedAdapter = Arc<dyn VendorAdapter>;

/// An adapter that builds itself from its own settings table of the adapter configuration.
///
/// Implementing it is all an adapter crate needs for its `factory()`:
/// `AdapterFactory::of::<MyAdapter>()`.
pub trait BuildAdapter: VendorAdapter + Sized + 'static {
    /// The vendor id, which is also the name of the adapter's configuration table.
    const ID: &'static str;
    /// The adapter's settings; `Default` is the policy as published.
    type Config: DeserializeOwned + Default;
    /// Why settings could not be used.
    type Error: std::fmt::Display;

    /// Builds the adapter from its settings.
    fn from_config(config: Self::Config) -> Result<Self, Self::Error>;
}

fn build_adapter<A: BuildAdapter>(config: &AdapterConfig) -> Result<SharedAdapter, ConfigError> {
    let settings = config.decode::<A::Config>(A::ID)?;
    let adapter = A::from_config(settings).map_err(|e| ConfigError::Invalid {
        vendor: A::ID.to_owned(),
        message: e.to_string(),
    })?;
    Ok(Arc::new(adapter))
}

/// How to build one vendor's adapter from the deployment's configuration.
#[derive(Clone, Copy)]
pub struct AdapterFactory {
    /// The vendor id the adapter registers under (its config table name too).
    pub id: &'static str,
    /// Builds the adapter from the configuration (the adapter decodes its own table).
    pub build: fn(&AdapterConfig) -> Result<SharedAdapter, ConfigError>,
}

impl AdapterFactory {
    /// The factory of an adapter type that builds from its own settings table.
    pub fn of<A: BuildAdapter>() -> Self {
        Self {
            id: A::ID,
            build: build_adapter::<A>,
        }
    }
}

/// Why the registry could not be built.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Two factories share an id.
    #[error("vendor {0:?} is registered twice")]
    Duplicate(String),
    /// A factory's adapter reports another id than the factory.
    #[error("factory {factory:?} built an adapter with id {adapter:?}")]
    IdMismatch {
        /// The factory's id.
        factory: String,
        /// The adapter's id.
        adapter: String,
    },
    /// The configuration is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// Adapters by vendor id.
#[derive(Clone, Default)]
pub struct Registry {
    adapters: BTreeMap<VendorId, SharedAdapter>,
}

impl Registry {
    /// Builds every factory's adapter with the given configuration. A configuration table
    /// for a vendor that no factory provides is an error (a typo must not pass silently).
    pub fn build(
        factories: &[AdapterFactory],
        config: &AdapterConfig,
    ) -> Result<Self, RegistryError> {
        for vendor in config.vendors() {
            if !factories.iter().any(|f| f.id == vendor) {
                return Err(ConfigError::UnknownVendor(vendor.to_owned()).into());
            }
        }
        let mut adapters = BTreeMap::new();
        for factory in factories {
            let adapter = (factory.build)(config)?;
            if adapter.id().as_str() != factory.id {
                return Err(RegistryError::IdMismatch {
                    factory: factory.id.to_owned(),
                    adapter: adapter.id().to_string(),
                });
            }
            if adapters.insert(adapter.id().clone(), adapter).is_some() {
                return Err(RegistryError::Duplicate(factory.id.to_owned()));
            }
        }
        Ok(Self { adapters })
    }

    /// The adapter of a vendor.
    pub fn get(&self, vendor: &VendorId) -> Option<&SharedAdapter> {
        self.adapters.get(vendor)
    }

    /// The adapter of a vendor named by a raw string (`None` for malformed or unknown ids).
    pub fn find(&self, vendor: &str) -> Option<&SharedAdapter> {
        let id = VendorId::parse(vendor).ok()?;
        self.adapters.get(&id)
    }

    /// Every adapter, ordered by vendor id.
    pub fn iter(&self) -> impl Iterator<Item = &SharedAdapter> {
        self.adapters.values()
    }

    /// The registered vendor ids.
    pub fn vendor_ids(&self) -> impl Iterator<Item = &VendorId> {
        self.adapters.keys()
    }
}
