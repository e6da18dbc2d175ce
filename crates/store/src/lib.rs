//! Tierline's persistence: the diesel schema, row models, queries, the embedded migrations,
//! the connection pool, and a private PostgreSQL cluster manager for the embedded default
//! and for tests.
//!
//! # Errors by layer
//! Queries return [`diesel::result::QueryResult`]; the pool returns [`PoolError`]. The API
//! maps diesel's `NotFound` to 404, unique violations to 409, and pool errors to 503.
#![deny(missing_docs)]

pub mod api_keys;
pub mod cluster;
pub mod customers;
pub mod entitlements;
pub mod idempotency;
pub mod intake;
pub mod json;
pub mod lifecycle;
pub mod migrate;
pub mod models;
pub mod outbox;
pub mod pool;
pub mod schema;
pub mod sla;
pub mod testdb;
pub mod tickets;
pub mod triage;
pub mod webhooks;

pub use cluster::{ClusterError, Durability, PgCluster};
pub use json::JsonText;
pub use migrate::{run_migrations, MigrationError, MIGRATIONS};
pub use pool::{build_pool, BuildError, Conn, PgManager, Pool, PoolError, PoolSettings};

/// Runs `work` in a transaction: commits on `Ok`, rolls back on `Err` (a failed rollback is
/// logged; the work's error is returned). Callers above the store may use their own error
/// type, as long as a diesel error converts into it.
pub async fn in_transaction<R, E: From<diesel::result::Error>>(
    conn: &mut diesel_async::AsyncPgConnection,
    work: impl AsyncFnOnce(&mut diesel_async::AsyncPgConnection) -> Result<R, E>,
) -> Result<R, E> {
    use diesel_async::{AnsiTransactionManager, TransactionManager};
    AnsiTransactionManager::begin_transaction(conn).await?;
    match work(conn).await {
        Ok(r) => {
            AnsiTransactionManager::commit_transaction(conn).await?;
            Ok(r)
        }
        Err(e) => {
            if let Err(rollback) = AnsiTransactionManager::rollback_transaction(conn).await {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(e)
        }
    }
}

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

    /// Only one vendor's data (any reseller): what a row of that vendor may reach.
    pub fn vendor(vendor: impl Into<String>) -> Self {
        Self {
            vendors: Some(vec![vendor.into()]),
            reseller_id: None,
        }
    }

    /// Whether a vendor is visible.
    pub fn allows_vendor(&self, vendor: &str) -> bool {
        self.vendors
            .as_ref()
            .is_none_or(|v| v.iter().any(|x| x == vendor))
    }

    /// Whether a ticket of `vendor`, routed to `reseller_id` (if any), is visible.
    pub fn allows_ticket(&self, vendor: &str, reseller_id: Option<&str>) -> bool {
        self.allows_vendor(vendor)
            && self
                .reseller_id
                .as_deref()
                .is_none_or(|r| reseller_id == Some(r))
    }
}
