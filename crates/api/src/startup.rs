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

use crate::auth::TokenKeys;
use crate::error::{problem, problem_response, ApiError, PROBLEM_JSON};
use crate::extract::{path_error, query_error, BodyLimit};
use crate::metrics::ApiMetrics;
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
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("jwt_secret", &"<redacted>")
            .field("max_body_bytes", &self.max_body_bytes)
            .field("workers", &self.workers)
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
            keys: TokenKeys::from_secret(&settings.jwt_secret),
            metrics: metrics.clone(),
            metrics_token: extras.metrics_token,
            clock: extras.clock.unwrap_or_else(SystemClock::shared),
        });
        let limit = settings.max_body_bytes;
        let mut server = HttpServer::new(move || {
            let (app, mut api) = App::new()
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .configure(router::configure)
                .split_for_parts();
            router::document_common_answers(&mut api);
            app.app_data(state.clone())
                .app_data(BodyLimit(limit))
                .app_data(web::PayloadConfig::new(limit))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .configure(router::aliases)
                .default_service(unmatched::service(&api))
                .service(SwaggerUi::new("/docs/{_:.*}").url("/api-docs/openapi.json", api))
                .wrap(actix_web::middleware::from_fn(reject_nul_in_query))
                .wrap(ErrorHandlers::new().default_handler(problemize))
                .wrap(actix_web::middleware::from_fn(telemetry::observe))
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
