//! Entity tags and `If-Match` (RFC 9110 §13.1.1): optimistic concurrency for writes.

use actix_web::http::header;
use actix_web::HttpRequest;

use crate::error::ApiError;

/// The strong entity tag of a resource version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The request's `If-Match` value, if any; 400 `invalid_header` when it is not visible ASCII.
pub fn if_match(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    req.headers()
        .get(header::IF_MATCH)
        .map(|v| v.to_str().map(str::to_owned))
        .transpose()
        .map_err(|_| ApiError::BadRequest {
            code: "invalid_header",
            detail: "If-Match must be visible ASCII".into(),
            errors: Vec::new(),
        })
}

/// Whether an `If-Match` header value matches the current entity tag (`*` matches any).
pub fn holds(header_value: &str, current: &str) -> bool {
    header_value.split(',').map(str::trim).any(|tag| {
        tag == "*" || tag == current || tag.strip_prefix("W/").is_some_and(|t| t == current)
    })
}

/// 412 `precondition_failed` when `if_match` is given and does not match version `current`.
pub fn check(if_match: Option<&str>, current: i64, what: &str) -> Result<(), ApiError> {
    let current = etag(current);
    match if_match {
        Some(tag) if !holds(tag, &current) => Err(ApiError::PreconditionFailed(format!(
            "the {what} changed since it was read (current ETag {current})"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_compares_entity_tags() {
        assert!(holds("\"3\"", "\"3\""));
        assert!(holds("W/\"3\"", "\"3\""));
        assert!(holds("\"2\", \"3\"", "\"3\""));
        assert!(holds("*", "\"3\""));
        assert!(!holds("\"2\"", "\"3\""));
        assert!(check(Some("\"2\""), 3, "customer").is_err());
        assert!(check(Some("\"3\""), 3, "customer").is_ok());
        assert!(check(None, 3, "customer").is_ok());
    }
}
