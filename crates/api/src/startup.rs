//! Building and running the HTTP server.

use std::net::TcpListener;

use actix_web::body::BoxBody;
use actix_web::dev::{Server, ServerHandle, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, App, HttpServer};
use tierline_core::{Registry, SharedClock, SystemClock};
use tierline_store::Pool;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::api_keys::KeyVerifier;
use crate::auth::{TokenKeys, TokenPolicy};
use crate::error::{problem, problem_response, ApiError, PROBLEM_JSON};
use crate::extract::{path_error, query_error, BodyLimit, BodyTimeout, DEFAULT_BODY_TIMEOUT};
use crate::metrics::ApiMetrics;
use crate::rate_limit::{RateLimitSettings, RateLimits};
use crate::router::{self, ApiDoc};
use crate::state::AppState;
use crate::telemetry;
use crate::unmatched;

/// Server settings.
#[derive(Clone)]
pub struct Settings {
    /// Address to listen on (`127.0.0.1:8080`; port 0 picks a free port).
    pub bind: String,
    /// HS256 secret for bearer tokens.
    pub jwt_secret: Vec<u8>,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// HTTP worker threads (default: one per core).
    pub workers: Option<usize>,
    /// Token lifetimes, API keys, rate limits and webhook caps.
    pub access: AccessSettings,
}

/// What limits access: token lifetimes, API key caching, rate limits, webhook caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessSettings {
    /// What JWTs must satisfy (`TIERLINE_MAX_TOKEN_LIFETIME`).
    pub tokens: TokenPolicy,
    /// How long a process remembers a verified API key (`TIERLINE_API_KEY_CACHE_SECONDS`):
    /// a key revoked elsewhere still works here for at most this long.
    pub api_key_cache: std::time::Duration,
    /// Rate limits.
    pub rate_limits: RateLimitSettings,
    /// Live webhook subscriptions per vendor (`TIERLINE_WEBHOOK_MAX_PER_VENDOR`); more
    /// answer 422.
    pub max_webhooks_per_vendor: usize,
}

/// Default of [`AccessSettings::max_webhooks_per_vendor`].
pub const DEFAULT_MAX_WEBHOOKS_PER_VENDOR: usize = 25;

impl Default for AccessSettings {
    /// 24 h tokens, 5 s key memory, the default rate limits, 25 webhooks per vendor.
    fn default() -> Self {
        Self {
            tokens: TokenPolicy::default(),
            api_key_cache: std::time::Duration::from_secs(5),
            rate_limits: RateLimitSettings::default(),
            max_webhooks_per_vendor: DEFAULT_MAX_WEBHOOKS_PER_VENDOR,
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("jwt_secret", &"<redacted>")
            .field("max_body_bytes", &self.max_body_bytes)
            .field("workers", &self.workers)
            .field("access", &self.access)
            .finish()
    }
}

/// Default body limit: 256 KiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;

/// What [`Application::build_with`] adds to [`Settings`].
#[derive(Clone, Default)]
pub struct Extras {
    /// The metrics registry `/metrics` renders (shared with in-process workers); a private
    /// one when `None`.
    pub metrics_registry: Option<prometheus::Registry>,
    /// `TIERLINE_METRICS_TOKEN`: a static bearer token for Prometheus scrapes.
    pub metrics_token: Option<String>,
    /// The webhook destination policy (default: public `https` destinations only).
    pub egress: tierline_egress::Egress,
    /// How long a request body may take to arrive (default
    /// [`crate::extract::DEFAULT_BODY_TIMEOUT`], 30 s).
    pub body_timeout: Option<std::time::Duration>,
    /// The clock every handler reads "now" from; the system clock when `None` (always, in
    /// production: tests pin one to run on a date of their choosing).
    pub clock: Option<SharedClock>,
}

impl std::fmt::Debug for Extras {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extras")
            .field(
                "metrics_token",
                &self.metrics_token.as_ref().map(|_| "<redacted>"),
            )
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

/// A bound, not yet awaited server.
pub struct Application {
    port: u16,
    server: Server,
}

/// Answers 400 `invalid_query` to a query string holding an encoded NUL character (`%00`):
/// PostgreSQL cannot compare text with NUL in it, so such a filter reached the database as a
/// 500 (schemathesis found it on `GET /tickets` and `GET /webhooks`). Raw NUL bytes never
/// get this far (the HTTP parser refuses them).
async fn reject_nul_in_query(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.query_string().contains("%00") {
        let p = ApiError::BadRequest {
            code: "invalid_query",
            detail: "query parameters must not contain the NUL character (%00)".into(),
            errors: Vec::new(),
        }
        .problem();
        return Ok(req
            .into_response(problem_response(&p))
            .map_into_boxed_body());
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Headers on every response (unless a handler set its own): answers carry tenants'
/// personal data, so no cache (browser, proxy) may keep them (`Cache-Control: no-store`),
/// and no browser may guess another content type than the one sent
/// (`X-Content-Type-Options: nosniff`).
fn no_store() -> actix_web::middleware::DefaultHeaders {
    actix_web::middleware::DefaultHeaders::new()
        .add((header::CACHE_CONTROL, "no-store"))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
}

/// Rewrites any error response that is not already a problem document into one.
fn problemize<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, title) = match status.as_u16() {
        404 => ("not_found", "Not found"),
        405 => ("method_not_allowed", "Method not allowed"),
        413 => ("payload_too_large", "Request body too large"),
        415 => ("unsupported_media_type", "Unsupported media type"),
        s if s >= 500 => ("internal_error", "Internal server error"),
        _ => ("bad_request", "Bad request"),
    };
    let p = problem(
        status,
        code,
        title,
        status.canonical_reason().map(str::to_owned),
        Vec::new(),
    );
    // A 405 keeps the methods actix listed (RFC 9110 requires `Allow`).
    let allow = res.headers().get(header::ALLOW).cloned();
    let (req, _) = res.into_parts();
    let mut response = problem_response(&p);
    if let Some(allow) = allow {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    let res = ServiceResponse::new(req, response).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}

impl Application {
    /// Binds the listener and builds the server.
    pub fn build(settings: &Settings, registry: Registry, pool: Pool) -> std::io::Result<Self> {
        Self::build_with(settings, registry, pool, Extras::default())
    }

    /// [`Application::build`] with a shared metrics registry and a metrics scrape token.
    pub fn build_with(
        settings: &Settings,
        registry: Registry,
        pool: Pool,
        extras: Extras,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let metrics = match extras.metrics_registry {
            Some(r) => ApiMetrics::new(r).map_err(std::io::Error::other)?,
            None => ApiMetrics::standalone(),
        };
        let state = web::Data::new(AppState {
            registry,
            pool,
            keys: TokenKeys::with_policy(&settings.jwt_secret, settings.access.tokens),
            metrics: metrics.clone(),
            metrics_token: extras.metrics_token,
            egress: extras.egress,
            api_keys: KeyVerifier::new(settings.access.api_key_cache),
            rate_limits: std::sync::Arc::new(RateLimits::new(settings.access.rate_limits)),
            max_webhooks_per_vendor: settings.access.max_webhooks_per_vendor,
            clock: extras.clock.unwrap_or_else(SystemClock::shared),
        });
        let limit = settings.max_body_bytes;
        let body_timeout = BodyTimeout(extras.body_timeout.unwrap_or(DEFAULT_BODY_TIMEOUT));
        let mut server = HttpServer::new(move || {
            let (app, mut api) = App::new()
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .configure(router::configure)
                .split_for_parts();
            router::document_common_answers(&mut api);
            app.app_data(state.clone())
                .app_data(BodyLimit(limit))
                .app_data(body_timeout)
                .app_data(web::PayloadConfig::new(limit))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .configure(router::aliases)
                .default_service(unmatched::service(&api))
                .service(SwaggerUi::new("/docs/{_:.*}").url("/api-docs/openapi.json", api))
                .wrap(actix_web::middleware::from_fn(reject_nul_in_query))
                .wrap(ErrorHandlers::new().default_handler(problemize))
                .wrap(actix_web::middleware::from_fn(telemetry::observe))
                .wrap(no_store())
        })
        .listen(listener)?
        .shutdown_timeout(30);
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        Ok(Self {
            port,
            server: server.run(),
        })
    }

    /// A server of this crate's other than the API's (see [`crate::scrape`]).
    pub(crate) fn from_server(port: u16, server: Server) -> Self {
        Self { port, server }
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped (Ctrl-C / SIGTERM, or the handle).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
