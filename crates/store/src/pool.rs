//! The async connection pool used on the request path.
//!
//! A connection taken from the pool is checked with a test query (`SELECT 1`, one round
//! trip) only when it has sat idle for [`PoolSettings::verify_idle_after`]: a connection in
//! steady use is handed out after the free local checks (not closed, no transaction left
//! open). A connection whose server went away is closed on our side (its socket ended), so
//! it is dropped by those checks; one that dies between checkout and query fails that query,
//! which the API answers with 503, and is dropped on return.

use std::time::Duration;

use deadpool::managed::{Manager, Metrics, RecycleResult};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod,
};
use diesel_async::AsyncPgConnection;

/// The pool.
pub type Pool = deadpool::managed::Pool<PgManager>;
/// A pooled connection.
pub type Conn = deadpool::managed::Object<PgManager>;
/// Errors from taking a connection out of the pool (the API answers 503).
pub type PoolError = deadpool::managed::PoolError<diesel_async::pooled_connection::PoolError>;
/// Errors from building the pool.
pub type BuildError = deadpool::managed::BuildError;

/// Pool sizing and timeouts.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    /// Most connections open at once.
    pub max_size: usize,
    /// How long a request waits for a free connection before it gets a 503.
    pub wait_timeout: Duration,
    /// How long opening a new connection may take.
    pub connect_timeout: Duration,
    /// A connection idle for longer than this is verified with a test query when taken.
    pub verify_idle_after: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_size: 16,
            wait_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            verify_idle_after: Duration::from_secs(1),
        }
    }
}

/// Opens and recycles connections: verified with a test query after an idle spell, by the
/// local checks only while in steady use.
pub struct PgManager {
    verified: AsyncDieselConnectionManager<AsyncPgConnection>,
    fast: AsyncDieselConnectionManager<AsyncPgConnection>,
    verify_idle_after: Duration,
}

impl std::fmt::Debug for PgManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgManager")
            .field("verify_idle_after", &self.verify_idle_after)
            .finish_non_exhaustive()
    }
}

impl PgManager {
    /// A manager for `url`.
    pub fn new(url: &str, verify_idle_after: Duration) -> Self {
        let mut fast = ManagerConfig::default();
        fast.recycling_method = RecyclingMethod::Fast;
        Self {
            verified: AsyncDieselConnectionManager::new(url),
            fast: AsyncDieselConnectionManager::new_with_config(url, fast),
            verify_idle_after,
        }
    }
}

impl Manager for PgManager {
    type Type = AsyncPgConnection;
    type Error = diesel_async::pooled_connection::PoolError;

    async fn create(&self) -> Result<AsyncPgConnection, Self::Error> {
        self.verified.create().await
    }

    async fn recycle(
        &self,
        conn: &mut AsyncPgConnection,
        metrics: &Metrics,
    ) -> RecycleResult<Self::Error> {
        if metrics.last_used() < self.verify_idle_after {
            self.fast.recycle(conn, metrics).await
        } else {
            self.verified.recycle(conn, metrics).await
        }
    }
}

/// Builds a pool for `url` (no connection is opened yet).
pub fn build_pool(url: &str, settings: &PoolSettings) -> Result<Pool, BuildError> {
    Pool::builder(PgManager::new(url, settings.verify_idle_after))
        .max_size(settings.max_size)
        .wait_timeout(Some(settings.wait_timeout))
        .create_timeout(Some(settings.connect_timeout))
        .recycle_timeout(Some(settings.connect_timeout))
        .runtime(deadpool::Runtime::Tokio1)
        .build()
}
