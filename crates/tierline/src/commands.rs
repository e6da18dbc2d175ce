//! Subcommands of the `tierline` binary.

pub mod access;
pub mod migrate;
pub mod openapi;
pub mod plans;
pub mod policy;
pub mod serve;
pub mod server_env;
pub mod sla;
pub mod token;
pub mod worker;

use std::path::Path;

use anyhow::Context;
use tierline_core::{AdapterConfig, Registry, SharedAdapter};

/// Loads the adapter configuration (defaults when no path is given) and builds the registry.
pub fn load_registry(config: Option<&Path>) -> anyhow::Result<Registry> {
    let config = match config {
        Some(path) => AdapterConfig::load(path)?,
        None => AdapterConfig::empty(),
    };
    crate::vendors::registry(&config).context("building the vendor registry")
}

/// Finds a vendor's adapter or explains which vendors exist.
pub fn find_vendor<'r>(registry: &'r Registry, vendor: &str) -> anyhow::Result<&'r SharedAdapter> {
    registry.find(vendor).ok_or_else(|| {
        let known: Vec<_> = registry.vendor_ids().map(|v| v.to_string()).collect();
        anyhow::anyhow!("unknown vendor {vendor:?} (known: {})", known.join(", "))
    })
}
