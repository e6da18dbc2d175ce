//! Request extraction at the edge: JSON bodies with field-level errors, the
//! `Idempotency-Key` header, and problem responses for path and query errors.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, FieldError};

/// A JSON request body, parsed into `T`.
///
/// - wrong or missing `Content-Type` → 415;
/// - body over the configured limit → 413;
/// - not JSON at all → 400 `malformed_json`;
/// - JSON of the wrong shape → 422 with the offending field's path.
///
/// Keeps the body's SHA-256 (over its canonical JSON form) for idempotency checks.
#[derive(Debug)]
pub struct JsonBody<T> {
    /// The parsed value.
    pub value: T,
    /// Hex SHA-256 of the canonical JSON of the body.
    pub hash: String,
}

/// The body-size limit, as app data.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// How long a request body may take to arrive, as app data (408 `request_timeout` after
/// it). Without it, an authenticated client sending a byte a second would hold a connection
/// and a worker's buffer for as long as it liked.
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub std::time::Duration);

/// The default [`BodyTimeout`]: 30 seconds.
pub const DEFAULT_BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

fn is_json(req: &HttpRequest) -> bool {
    let Some(ct) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Turns a serde path (`reseller.contact`, `references[2]`) and message into a field error.
fn field_error(path: &serde_path_to_error::Path, err: &serde_json::Error) -> FieldError {
    let mut field = path.to_string();
    let message = err.to_string();
    // serde reports a missing field on the parent ("." at the root).
    let code = if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        field = if field == "." || field.is_empty() {
            name.to_owned()
        } else {
            format!("{field}.{name}")
        };
        "required"
    } else if message.starts_with("unknown field `") {
        // The path already ends with the unknown field's name.
        "unknown_field"
    } else if message.starts_with("invalid type") {
        "invalid_type"
    } else {
        "invalid_value"
    };
    if field == "." || field.is_empty() {
        field = "body".to_owned();
    }
    // Strip serde's position suffix; keep the message short.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .chars()
        .take(300)
        .collect::<String>();
    FieldError::new(field, code, message)
}

/// Parses JSON bytes into `T` with problem-shaped errors.
///
/// The returned hash (SHA-256 of the canonical JSON) is computed only when `with_hash` is
/// set (requests with an `Idempotency-Key`); it is empty otherwise.
pub fn parse_json<T: DeserializeOwned>(
    bytes: &[u8],
    with_hash: bool,
) -> Result<(T, String), ApiError> {
    // The common case first: a well-formed body of the right shape, no Idempotency-Key (no
    // hash to compute) and no escaped NUL, is parsed once, straight into `T`. Anything else
    // takes the careful path below, which decides between 400 and 422.
    if !with_hash && !has_escaped_nul(bytes) {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        if let Ok(parsed) = T::deserialize(&mut de) {
            if de.end().is_ok() {
                return Ok((parsed, String::new()));
            }
        }
    }
    // Syntax first: anything that is not JSON at all is a 400.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ApiError::BadRequest {
            code: "malformed_json",
            detail: format!("the body is not valid JSON: {e}"),
            errors: Vec::new(),
        })?;
    // PostgreSQL can store no NUL character in TEXT or JSONB: refuse it here, with the
    // field, instead of failing at the INSERT (found by tests/api/fuzz_intake.rs).
    if let Some(field) = nul_field(&value, "") {
        return Err(ApiError::Validation(vec![FieldError::new(
            field,
            "invalid_value",
            "must not contain the NUL character (U+0000)",
        )]));
    }
    let hash = if with_hash {
        let canonical = serde_json::to_vec(&value).unwrap_or_default();
        hex(&Sha256::digest(&canonical))
    } else {
        String::new()
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| ApiError::Validation(vec![field_error(e.path(), e.inner())]))?;
    Ok((parsed, hash))
}

/// Whether the raw body may hold a NUL character: JSON can only carry one as the escape
/// `\u0000` (a raw NUL byte is not valid JSON). A literal `\\u0000` also matches, which
/// only sends that body down the careful path.
fn has_escaped_nul(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"\\u0000")
}

/// The path (`a.b[2]`, `body` at the root) of the first string or key holding a NUL.
fn nul_field(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let here = || {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(s) if s.contains('\0') => Some(here()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_field(v, &format!("{}[{i}]", here()))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let child = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if k.contains('\0') {
                Some(here())
            } else {
                nul_field(v, &child)
            }
        }),
        _ => None,
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        // The body's hash only serves Idempotency-Key checks.
        let keyed = req.headers().contains_key(IDEMPOTENCY_KEY);
        let limit = req
            .app_data::<BodyLimit>()
            .map(|l| l.0)
            .unwrap_or(256 * 1024);
        let timeout = req
            .app_data::<BodyTimeout>()
            .map_or(DEFAULT_BODY_TIMEOUT, |t| t.0);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes =
                tokio::time::timeout(timeout, bytes)
                    .await
                    .map_err(|_| ApiError::BodyTimeout {
                        seconds: timeout.as_secs().max(1),
                    })?;
            let bytes = bytes.map_err(|e| {
                if e.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    ApiError::PayloadTooLarge { limit }
                } else {
                    ApiError::BadRequest {
                        code: "unreadable_body",
                        detail: format!("the body could not be read: {e}"),
                        errors: Vec::new(),
                    }
                }
            })?;
            if !json {
                return Err(ApiError::UnsupportedMediaType(
                    "send the body as Content-Type: application/json".into(),
                ));
            }
            let (value, hash) = parse_json(&bytes, keyed)?;
            Ok(JsonBody { value, hash })
        })
    }
}

/// The optional `Idempotency-Key` header: 1 to 255 visible ASCII characters.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub Option<String>);

/// The header name.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let bad = |detail: &str| ApiError::BadRequest {
            code: "invalid_idempotency_key",
            detail: detail.to_owned(),
            errors: vec![FieldError::new(IDEMPOTENCY_KEY, "invalid_value", detail)],
        };
        let result = match req.headers().get(IDEMPOTENCY_KEY) {
            None => Ok(IdempotencyKey(None)),
            Some(v) => match v.to_str() {
                Ok(s)
                    if !s.is_empty()
                        && s.len() <= 255
                        && s.bytes().all(|b| b.is_ascii_graphic()) =>
                {
                    Ok(IdempotencyKey(Some(s.to_owned())))
                }
                _ => Err(bad(
                    "Idempotency-Key must be 1 to 255 visible ASCII characters",
                )),
            },
        };
        std::future::ready(result)
    }
}

/// Problem for path-parameter errors (e.g. an id that is not a UUID): 404, as no resource
/// can have that id.
pub fn path_error(err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    let _ = err;
    ApiError::NotFound("resource").into()
}

/// Problem for query-string errors: 400 with the message.
pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _req: &HttpRequest,
) -> actix_web::Error {
    let message = err.to_string();
    let field = message.split('`').nth(1).unwrap_or("query").to_owned();
    ApiError::BadRequest {
        code: "invalid_query",
        detail: message.clone(),
        errors: vec![FieldError::new(field, "invalid_value", message)],
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::parse_json;
    use crate::error::ApiError;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        name: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn code(e: &ApiError) -> &'static str {
        match e {
            ApiError::BadRequest { code, .. } => code,
            ApiError::Validation(_) => "validation",
            _ => "other",
        }
    }

    #[test]
    fn the_fast_and_the_careful_path_give_the_same_answers() {
        // Each body once without and once with a hash (the careful path).
        /// The body's name and number of tags, or the problem's code.
        type Want = Result<(&'static str, usize), &'static str>;
        let cases: &[(&str, Want)] = &[
            (r#"{"name":"a"}"#, Ok(("a", 0))),
            (r#"{"name":"a","tags":["x","y"]}"#, Ok(("a", 2))),
            (r#"{"name":"a\\u0000"}"#, Ok(("a\\u0000", 0))), // an escaped backslash, then text
            (r#"{"name":"a\u0000"}"#, Err("validation")),
            (r#"{"tags":["x\u0000"],"name":"a"}"#, Err("validation")),
            (r#"{"name":"a"} trailing"#, Err("malformed_json")),
            (r#"{"name":5, oops"#, Err("malformed_json")),
            (r#"{"name":5}"#, Err("validation")),
            (r#"{"name":"a","extra":1}"#, Err("validation")),
            ("", Err("malformed_json")),
        ];
        for (body, want) in cases {
            for with_hash in [false, true] {
                let got = parse_json::<Body>(body.as_bytes(), with_hash);
                match (want, got) {
                    (Ok((name, tags)), Ok((b, hash))) => {
                        assert_eq!((b.name.as_str(), b.tags.len()), (*name, *tags), "{body}");
                        assert_eq!(hash.is_empty(), !with_hash, "{body}");
                    }
                    (Err(want), Err(e)) => assert_eq!(code(&e), *want, "{body} ({with_hash})"),
                    (want, got) => panic!("{body} ({with_hash}): want {want:?}, got {got:?}"),
                }
            }
        }
    }
}
