//! Tierline's REST API: actix-web handlers, bearer-token auth, RFC 9457 problem responses,
//! and the OpenAPI document (utoipa), served with Swagger UI at `/docs`.
//!
//! ```text
//! Application::build(settings, registry, pool)   binds (port 0 in tests), builds the server
//! router::configure                               every route, one place
//! handlers::*                                     thin verb_noun handlers
//! error::ApiError                                 every error, as application/problem+json
//! unmatched::service                              no route took it: 405 with Allow, or 404
//! scrape::bind                                    GET /metrics alone (`tierline worker`)
//! ```
#![deny(missing_docs)]

pub mod api_keys;
pub mod auth;
pub mod clocks;
pub mod dto;
pub mod error;
pub mod events;
pub mod extract;
pub mod handlers;
pub mod idempotent;
pub mod metrics;
pub mod openapi_polish;
pub mod preconditions;
pub mod rate_limit;
pub mod router;
pub mod scrape;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod unmatched;

pub use auth::{Claims, Role, TokenKeys, TokenPolicy};
pub use metrics::ApiMetrics;
pub use rate_limit::{Limit, RateLimitSettings};
pub use router::openapi;
pub use startup::{AccessSettings, Application, Extras, Settings, DEFAULT_MAX_BODY_BYTES};
