//! The one place vendors are registered: one line per adapter crate.

use tierline_core::{AdapterConfig, AdapterFactory, Registry, RegistryError};

/// Every vendor adapter this build of Tierline serves.
pub fn factories() -> Vec<AdapterFactory> {
    vec![
        tierline_connex::factory(),
        tierline_storeconnect::factory(),
        tierline_iex::factory(),
    ]
}

/// Builds the registry from every factory and the given adapter configuration.
pub fn registry(config: &AdapterConfig) -> Result<Registry, RegistryError> {
    Registry::build(&factories(), config)
}
