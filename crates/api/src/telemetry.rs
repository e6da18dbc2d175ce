//! Per-request telemetry in one middleware: a request id (answered as `x-request-id`), a
//! tracing span around the request (so anything logged while serving it carries the id,
//! method and path), and the request metrics (count and latency by method, route and
//! status).
//!
//! The span has three fields, recorded with `Display` (a `Debug` string is escaped one
//! character at a time; a request path holds no control characters, the HTTP parser refuses
//! them), on purpose: a formatting subscriber renders every field of
//! every span when the span opens, whether or not anything is logged inside it, and the
//! twelve fields of `tracing_actix_web`'s root span cost a quarter of a cheap request
//! (docs/PERFORMANCE.md).

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use tracing::Instrument;
use uuid::Uuid;

use crate::state::AppState;

/// The response header carrying the request id.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The middleware (`App::wrap(from_fn(telemetry::observe))`, outermost, so it sees the
/// final answer, problem documents included).
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = Uuid::new_v4();
    let mut buf = Uuid::encode_buffer();
    let id_text: &str = id.hyphenated().encode_lower(&mut buf);
    let span = tracing::info_span!(
        "request",
        id = %id_text,
        method = %req.method(),
        path = %req.path()
    );
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().clone();
    let mut res = next.call(req).instrument(span).await?;
    if let Ok(value) = HeaderValue::from_str(id_text) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    if let Some(state) = state {
        let route = res.request().match_pattern();
        state.metrics.observe(
            method.as_str(),
            route.as_deref().unwrap_or("unmatched"),
            res.status().as_str(),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}
