//! Liveness and readiness.

use actix_web::{get, web, HttpResponse};
use diesel_async::RunQueryDsl;

use crate::dto::HealthBody;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(tag = "meta", responses((status = 200, body = HealthBody)))]
#[get("/health")]
pub async fn get_health() -> HttpResponse {
    health_body()
}

/// The liveness answer.
pub fn health_body() -> HttpResponse {
    HttpResponse::Ok().json(HealthBody {
        status: "ok".into(),
    })
}

/// Readiness: the database answers.
#[utoipa::path(tag = "meta", responses(
    (status = 200, body = HealthBody),
    (status = 503, body = Problem, content_type = "application/problem+json"),
))]
#[get("/ready")]
pub async fn get_ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    ready(state).await
}

/// The readiness check.
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    diesel::sql_query("SELECT 1")
        .execute(&mut conn)
        .await
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(HttpResponse::Ok().json(HealthBody {
        status: "ok".into(),
    }))
}
