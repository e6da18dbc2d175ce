//! Tierline's persistence: the diesel schema, row models, queries, the embedded migrations,
//! the connection pool, and a private PostgreSQL cluster manager for the embedded default
//! and for tests.
//!
//! # Errors by layer
//! Queries return [`diesel::result::QueryResult`]; the pool returns [`PoolError`]. The API
//! maps diesel's `NotFound` to 404, unique violations to 409, and pool errors to 503.
#![deny(missing_docs)]

pub mod cluster;
pub mod customers;
pub mod entitlements;
pub mod idempotency;
pub mod lifecycle;
pub mod migrate;
pub mod models;
pub mod pool;
pub mod schema;
pub mod testdb;
pub mod tickets;

pub use cluster::{ClusterError, Durability, PgCluster};
pub use migrate::{run_migrations, MigrationError, MIGRATIONS};
pub use pool::{build_pool, Conn, Pool, PoolError, PoolSettings};

/// What a caller may see: all vendors (`None`) or some, and optionally only one reseller's
/// tickets. Every read of tenant data goes through one of these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visibility {
    /// `None`: every vendor; `Some(list)`: only these vendors.
    pub vendors: Option<Vec<String>>,
    /// Only tickets routed to this reseller.
    pub reseller_id: Option<String>,
}

impl Visibility {
    /// Everything (admin).
    pub fn all() -> Self {
        Self::default()
    }

    /// Whether a vendor is visible.
    pub fn allows_vendor(&self, vendor: &str) -> bool {
        self.vendors
            .as_ref()
            .is_none_or(|v| v.iter().any(|x| x == vendor))
    }
}
