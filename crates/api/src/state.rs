//! What every handler shares.

use tierline_core::Registry;
use tierline_store::Pool;

use crate::auth::TokenKeys;

/// Application state, as `web::Data<AppState>`.
#[derive(Clone)]
pub struct AppState {
    /// Vendor adapters.
    pub registry: Registry,
    /// Database pool.
    pub pool: Pool,
    /// Token keys.
    pub keys: TokenKeys,
    /// Prometheus metrics.
    pub metrics: crate::metrics::ApiMetrics,
    /// A static bearer token that may read `/metrics` (`TIERLINE_METRICS_TOKEN`), besides
    /// admin tokens.
    pub metrics_token: Option<String>,
}

impl AppState {
    /// A pooled connection, or 503.
    pub async fn conn(&self) -> Result<tierline_store::Conn, crate::error::ApiError> {
        Ok(self.pool.get().await?)
    }
}
