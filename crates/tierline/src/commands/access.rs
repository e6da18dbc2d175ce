//! The access options `tierline serve` takes: token lifetimes, API key caching, rate limits
//! and the webhook cap.

use clap::Args;
use tierline_api::{AccessSettings, Limit, RateLimitSettings, TokenPolicy};

use super::token::parse_ttl;

/// Options limiting access to the API.
#[derive(Debug, Clone, Args)]
pub struct AccessOptions {
    /// Longest JWT lifetime accepted (`exp - iat`): `30m`, `24h`, `7d`; longer-lived tokens
    /// are refused whoever signed them.
    #[arg(long, env = "TIERLINE_MAX_TOKEN_LIFETIME", default_value = "24h", value_parser = parse_ttl)]
    pub max_token_lifetime: chrono::Duration,
    /// Seconds a server remembers a verified API key; a key revoked on another server keeps
    /// working here for at most this long (0: look every key up on every request).
    #[arg(long, env = "TIERLINE_API_KEY_CACHE_SECONDS", default_value_t = 5.0)]
    pub api_key_cache_seconds: f64,
    /// Requests per second per credential, sustained (0: no limit).
    #[arg(long, env = "TIERLINE_RATE_LIMIT", default_value_t = 1000)]
    pub rate_limit: u32,
    /// Requests per credential allowed in a burst.
    #[arg(long, env = "TIERLINE_RATE_LIMIT_BURST", default_value_t = 2000)]
    pub rate_limit_burst: u32,
    /// Failed authentications per second per client address, sustained (0: no limit).
    #[arg(long, env = "TIERLINE_AUTH_FAILURE_LIMIT", default_value_t = 20)]
    pub auth_failure_limit: u32,
    /// Failed authentications per client address allowed in a burst.
    #[arg(long, env = "TIERLINE_AUTH_FAILURE_BURST", default_value_t = 100)]
    pub auth_failure_burst: u32,
    /// Live webhook subscriptions a vendor may have (more answer 422).
    #[arg(long, env = "TIERLINE_WEBHOOK_MAX_PER_VENDOR", default_value_t = 25)]
    pub webhook_max_per_vendor: usize,
}

impl AccessOptions {
    /// The API's access settings.
    pub fn settings(&self) -> anyhow::Result<AccessSettings> {
        let api_key_cache = std::time::Duration::try_from_secs_f64(self.api_key_cache_seconds)
            .map_err(|_| anyhow::anyhow!("--api-key-cache-seconds must be 0 or more"))?;
        Ok(AccessSettings {
            tokens: TokenPolicy {
                max_lifetime: self.max_token_lifetime,
                ..TokenPolicy::default()
            },
            api_key_cache,
            rate_limits: RateLimitSettings {
                per_credential: Limit::new(self.rate_limit, self.rate_limit_burst),
                failed_auth: Limit::new(self.auth_failure_limit, self.auth_failure_burst),
            },
            max_webhooks_per_vendor: self.webhook_max_per_vendor.max(1),
        })
    }
}
