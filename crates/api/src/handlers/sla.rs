//! SLA previews.

use actix_web::{http::StatusCode, post, web, HttpRequest, HttpResponse};
use tierline_core::preview::PreviewError;
use tierline_core::{PolicyError, SlaPreviewRequest};

use crate::auth::Principal;
use crate::dto::SlaPreviewBody;
use crate::error::{ApiError, Problem};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotent::{self, Outcome};
use crate::state::AppState;

pub(crate) fn policy_error(e: PolicyError, field: &str) -> ApiError {
    match e {
        PolicyError::UnknownPlan(plan) => ApiError::field(
            "plan",
            "unknown_plan",
            format!("unknown plan {plan:?} for this vendor"),
        ),
        PolicyError::Calendar(e) => ApiError::field(field, "out_of_range", e.to_string()),
        PolicyError::NotApplicable(msg) => ApiError::Unprocessable {
            code: "not_applicable",
            detail: msg,
        },
        PolicyError::Id(e) => ApiError::field("body", "invalid_value", e.to_string()),
        PolicyError::Message(e) => ApiError::Internal(e.to_string()),
    }
}

/// The clocks a ticket of this shape would get (same answer as `tierline sla preview`).
#[utoipa::path(tag = "sla", security(("bearer" = [])),
    request_body = SlaPreviewRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 200, body = SlaPreviewBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/sla/preview")]
pub async fn preview_sla(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    body: JsonBody<SlaPreviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let answer = body.value.answer(&state.registry).map_err(|e| match e {
        PreviewError::UnknownVendor(v) => {
            ApiError::field("vendor", "unknown_vendor", format!("unknown vendor {v:?}"))
        }
        PreviewError::UnknownPlan { vendor, plan } => ApiError::field(
            "plan",
            "unknown_plan",
            format!("vendor {vendor} has no plan {plan:?}"),
        ),
        PreviewError::Policy(e) => policy_error(e, "received_at"),
    })?;
    // Without an Idempotency-Key there is nothing to record: answer without touching the
    // database (a pooled connection and an empty transaction cost more than the preview).
    if key.0.is_none() {
        return Ok(HttpResponse::Ok().json(answer));
    }
    let body_json = crate::handlers::to_json(&answer)?;
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |_conn| {
        // A preview shows no tenant's data: nothing to re-check on a replay.
        Ok(Outcome {
            status: StatusCode::OK,
            body: body_json,
            location: None,
            resource: None,
            secrets: &[],
        })
    })
    .await
}
