//! `GET /metrics`: Prometheus text exposition.
//!
//! Like every endpoint it authenticates: an admin bearer token, or the static scrape token
//! configured with `TIERLINE_METRICS_TOKEN` (Prometheus cannot renew expiring JWTs).

use actix_web::{get, http::header, web, FromRequest, HttpRequest, HttpResponse};
use tierline_store::webhooks;

use crate::auth::{Principal, Role};
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// The media type of the Prometheus text exposition.
pub const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the request's bearer token is the static scrape token `expected` (compared in
/// constant time); never for an empty `expected`.
pub fn is_scrape_token(req: &HttpRequest, expected: &str) -> bool {
    !expected.is_empty()
        && req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|t| constant_time_eq(t.trim().as_bytes(), expected.as_bytes()))
}

/// Metrics in the Prometheus text format (admin token or `TIERLINE_METRICS_TOKEN`).
#[utoipa::path(tag = "meta", security(("bearer" = [])),
    responses(
        (status = 200, description = "Prometheus text format 0.0.4", body = String,
         content_type = "text/plain"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/metrics")]
pub async fn get_metrics(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if !state
        .metrics_token
        .as_deref()
        .is_some_and(|t| is_scrape_token(&req, t))
    {
        let principal = Principal::extract(&req).await?;
        principal.require(&[Role::Admin], "read metrics")?;
    }
    let counts = match state.conn().await {
        Ok(mut conn) => webhooks::counts_by_status(&mut conn).await.ok(),
        Err(_) => None,
    };
    state.metrics.refresh(&state.pool, counts.as_deref());
    Ok(HttpResponse::Ok()
        .content_type(TEXT_FORMAT)
        .body(state.metrics.render()))
}
