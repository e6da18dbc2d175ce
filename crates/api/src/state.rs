//! What every handler shares.

use chrono::{DateTime, Utc};
use tierline_core::{Registry, SharedClock};
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
    /// Which webhook destinations may be subscribed (checked again at delivery).
    pub egress: tierline_egress::Egress,
    /// API key verification (with its short-lived memory of verified keys).
    pub api_keys: crate::api_keys::KeyVerifier,
    /// Per-credential and failed-authentication rate limits.
    pub rate_limits: std::sync::Arc<crate::rate_limit::RateLimits>,
    /// Live webhook subscriptions a vendor may have (`TIERLINE_WEBHOOK_MAX_PER_VENDOR`).
    pub max_webhooks_per_vendor: usize,
    /// The one source of "now" for every decision a handler takes with the wall clock
    /// (the system clock in production; see [`tierline_core::clock`]).
    pub clock: SharedClock,
}

impl AppState {
    /// The current instant, from [`AppState::clock`]. Read it once per request and pass it
    /// on, so everything a request decides uses the same "now".
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A pooled connection, or 503.
    pub async fn conn(&self) -> Result<tierline_store::Conn, crate::error::ApiError> {
        Ok(self.pool.get().await?)
    }

    /// The adapter of a vendor named in a request body; an unknown vendor is a field error
    /// (`vendor`: `unknown_vendor`, 422).
    pub fn adapter_named(
        &self,
        vendor: &str,
    ) -> Result<&tierline_core::SharedAdapter, crate::error::ApiError> {
        self.registry.find(vendor).ok_or_else(|| {
            crate::error::ApiError::field(
                "vendor",
                "unknown_vendor",
                "no such vendor (see GET /vendors)",
            )
        })
    }

    /// The adapter of a stored row's vendor. A row whose vendor this deployment does not
    /// serve is an internal error (the vendor was configured away under existing data).
    pub fn adapter_of(
        &self,
        vendor: &str,
    ) -> Result<&tierline_core::SharedAdapter, crate::error::ApiError> {
        self.registry.find(vendor).ok_or_else(|| {
            crate::error::ApiError::Internal(format!(
                "vendor {vendor} is not served by this deployment"
            ))
        })
    }
}
