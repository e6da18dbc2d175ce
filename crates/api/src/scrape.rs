//! `GET /metrics` on its own, for a process that serves no API (`tierline worker
//! --metrics-bind`): the Prometheus text of a registry, only to the static scrape token
//! (`TIERLINE_METRICS_TOKEN`) sent as a bearer token, 401 otherwise, as the API's
//! `/metrics` checks it. Such a process has no token secret, so admin JWTs are not taken.
//! Errors are problem documents like the API's: 401, 404 for other paths, 405 (with `Allow`)
//! for other methods.

use std::net::TcpListener;

use actix_web::http::Method;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use prometheus::Registry;

use crate::error::ApiError;
use crate::handlers::metrics::{is_scrape_token, TEXT_FORMAT};
use crate::startup::Application;

struct Scrape {
    registry: Registry,
    token: String,
}

async fn get_metrics(
    req: HttpRequest,
    scrape: web::Data<Scrape>,
) -> Result<HttpResponse, ApiError> {
    if !is_scrape_token(&req, &scrape.token) {
        return Err(ApiError::Unauthorized(
            "send the scrape token (TIERLINE_METRICS_TOKEN) as a bearer token".into(),
        ));
    }
    Ok(HttpResponse::Ok()
        .content_type(TEXT_FORMAT)
        .body(crate::metrics::render(&scrape.registry)))
}

/// Binds `bind` (port 0 picks a free port) and builds a one-thread server answering
/// `GET /metrics` with `registry` to `token`; an empty `token` is refused. The server does
/// not stop on signals by itself: stop it through its handle.
pub fn bind(bind: &str, registry: Registry, token: String) -> std::io::Result<Application> {
    if token.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the metrics server needs a scrape token",
        ));
    }
    let listener = TcpListener::bind(bind)?;
    let port = listener.local_addr()?.port();
    let scrape = web::Data::new(Scrape { registry, token });
    let server = HttpServer::new(move || {
        App::new()
            .app_data(scrape.clone())
            .service(
                web::resource("/metrics")
                    .route(web::get().to(get_metrics))
                    .default_service(web::to(|req: HttpRequest| async move {
                        crate::unmatched::method_not_allowed(req.method(), &[Method::GET])
                    })),
            )
            .default_service(web::to(|| async {
                Err::<HttpResponse, _>(ApiError::NotFound("route"))
            }))
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(5)
    .listen(listener)?
    .run();
    Ok(Application::from_server(port, server))
}
