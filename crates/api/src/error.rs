//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! # Layers
//! - Store queries return `diesel::result::QueryResult`; the pool returns `PoolError`.
//! - Handlers return [`ApiError`]; `From` impls map diesel `NotFound` → 404, unique
//!   violations → 409, pool errors → 503, anything else → 500 (logged with its cause, never
//!   shown to the client).
//! - Extractor failures (JSON, path, query) and body-size overflows are turned into problems
//!   by the handlers configured in [`crate::startup`]; a last-resort middleware rewrites any
//!   other error response into a problem, so every error a client sees has the same shape.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The media type of problem responses.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// JSON path of the field (`customer_id`, `reseller.contact`, `references[2]`), or the
    /// query/path parameter name.
    pub field: String,
    /// Stable machine-readable code (`required`, `invalid_type`, `unknown_vendor`, ...).
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type: `urn:tierline:problem:<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// Explanation specific to this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable code.
    pub code: String,
    /// Field-level validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Extra members (e.g. `offer` for denied escalations).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Every error a handler can answer with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request body or parameters are invalid (422).
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The request is malformed (400): bad JSON syntax, bad header, bad parameter.
    #[error("{detail}")]
    BadRequest {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
        /// Field errors, if any.
        errors: Vec<FieldError>,
    },
    /// Missing or unusable credentials (401).
    #[error("{0}")]
    Unauthorized(String),
    /// The caller's role may not do this (403).
    #[error("{0}")]
    Forbidden(String),
    /// No such resource, or not visible to the caller (404).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request conflicts with the current state (409).
    #[error("{detail}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// The request conflicts with an existing resource (409), which the problem names in
    /// its extra members (e.g. `existing_id`) so the client can find it.
    #[error("{detail}")]
    ConflictWith {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
        /// Extra problem members.
        extra: serde_json::Map<String, serde_json::Value>,
    },
    /// The request is well-formed but cannot be processed (422) with a specific code.
    #[error("{detail}")]
    Unprocessable {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// An `If-Match` precondition does not hold (412): the resource changed since it was read.
    #[error("{0}")]
    PreconditionFailed(String),
    /// A vendor policy said no (409 or 422): the reason and extra members (the rule, an
    /// `offer`, the explanation) go into the problem document.
    #[error("{detail}")]
    Denied {
        /// 409 or 422.
        status: StatusCode,
        /// Stable code (`escalation_not_allowed`, `purchase_not_allowed`, ...).
        code: &'static str,
        /// The policy's reason.
        detail: String,
        /// Extra problem members.
        extra: serde_json::Map<String, serde_json::Value>,
    },
    /// The body is too large (413).
    #[error("request body is larger than {limit} bytes")]
    PayloadTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body did not arrive within the body read timeout (408).
    #[error("the request body did not arrive within {seconds} s")]
    BodyTimeout {
        /// The timeout, in seconds.
        seconds: u64,
    },
    /// The body has the wrong media type (415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A rate limit refused the request (429): `Retry-After` and the `RateLimit-Policy` /
    /// `RateLimit` fields say which limit and when to come back.
    #[error("rate limit {} exceeded; retry in {} s", .0.policy, .0.retry_after_seconds())]
    RateLimited(crate::rate_limit::Refusal),
    /// The database is unreachable or the pool is exhausted (503).
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected failure (500); the cause is logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 for one field.
    pub fn field(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "The request is invalid",
            ),
            ApiError::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code, "Bad request"),
            ApiError::Unauthorized(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
            ),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found", "Not found"),
            ApiError::Conflict { code, .. } | ApiError::ConflictWith { code, .. } => {
                (StatusCode::CONFLICT, code, "Conflict")
            }
            ApiError::Unprocessable { code, .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                code,
                "The request cannot be processed",
            ),
            ApiError::PreconditionFailed(_) => (
                StatusCode::PRECONDITION_FAILED,
                "precondition_failed",
                "Precondition failed",
            ),
            ApiError::Denied { status, code, .. } => {
                (*status, code, "Not allowed by the vendor's policy")
            }
            ApiError::PayloadTooLarge { .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Request body too large",
            ),
            ApiError::BodyTimeout { .. } => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "Request body too slow",
            ),
            ApiError::UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported media type",
            ),
            ApiError::RateLimited(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests",
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "Service unavailable",
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Internal server error",
            ),
        }
    }

    /// The problem document of this error.
    pub fn problem(&self) -> Problem {
        let (status, code, title) = self.parts();
        let detail = match self {
            ApiError::Internal(_) => {
                Some("an unexpected error occurred; it has been logged".into())
            }
            ApiError::Unavailable(_) => Some("the database is unavailable; retry later".into()),
            ApiError::Validation(errors) => Some(
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            other => Some(other.to_string()),
        };
        let errors = match self {
            ApiError::Validation(errors) | ApiError::BadRequest { errors, .. } => errors.clone(),
            _ => Vec::new(),
        };
        let mut p = problem(status, code, title, detail, errors);
        if let ApiError::Denied { extra, .. } | ApiError::ConflictWith { extra, .. } = self {
            p.extra = Some(extra.clone());
        }
        p
    }
}

/// Builds a problem document.
pub fn problem(
    status: StatusCode,
    code: &str,
    title: &str,
    detail: Option<String>,
    errors: Vec<FieldError>,
) -> Problem {
    Problem {
        type_: format!("urn:tierline:problem:{code}"),
        title: title.to_owned(),
        status: status.as_u16(),
        detail,
        code: code.to_owned(),
        errors,
        extra: None,
    }
}

/// The HTTP response of a problem.
pub fn problem_response(p: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut builder = HttpResponse::build(status);
    builder.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
    if status == StatusCode::UNAUTHORIZED {
        builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    builder.body(serde_json::to_string(p).unwrap_or_else(|_| "{}".to_owned()))
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(cause = %cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(cause = %cause, "service unavailable"),
            _ => {}
        }
        let mut response = problem_response(&self.problem());
        if let ApiError::RateLimited(refusal) = self {
            let headers = response.headers_mut();
            for (name, value) in [
                (
                    header::RETRY_AFTER,
                    refusal.retry_after_seconds().to_string(),
                ),
                (
                    header::HeaderName::from_static("ratelimit-policy"),
                    refusal.policy_header(),
                ),
                (
                    header::HeaderName::from_static("ratelimit"),
                    refusal.state_header(),
                ),
            ] {
                if let Ok(value) = header::HeaderValue::from_str(&value) {
                    headers.insert(name, value);
                }
            }
        }
        response
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => ApiError::NotFound("resource"),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => ApiError::Conflict {
                code: "conflict",
                detail: format!(
                    "a resource with these values exists already ({})",
                    info.message()
                ),
            },
            // The connection died under the query (the server was killed or restarted,
            // the network dropped): the database is unavailable, not the request wrong.
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => ApiError::Unavailable(info.message().to_owned()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<tierline_store::PoolError> for ApiError {
    fn from(e: tierline_store::PoolError) -> Self {
        ApiError::Unavailable(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    #[test]
    fn a_dead_database_connection_is_503_not_500() {
        // What diesel-async reports when the server dies under a query (scripts/stress
        // pg-kill saw these answered 500 before).
        for kind in [
            DatabaseErrorKind::UnableToSendCommand,
            DatabaseErrorKind::ClosedConnection,
        ] {
            let e = ApiError::from(Error::DatabaseError(
                kind,
                Box::new("connection closed".to_owned()),
            ));
            assert!(matches!(e, ApiError::Unavailable(_)), "{kind:?} gave {e:?}");
        }
    }
}
