//! The last pass over the generated OpenAPI document: what the route annotations leave out
//! but OpenAPI 3.1 and the tools integrators use need.
//!
//! - Every response has a `description` (required by OpenAPI; validators and client
//!   generators refuse a document without it).
//! - A `servers` entry (relative, so the document works on whatever host serves it).
//! - `Problem` is one object with `additionalProperties: true` (the extra members of some
//!   problems), not an `allOf` with a nullable branch that generated types cannot satisfy.
//! - The headers the server sends are declared: `X-Request-Id` on every answer, `Location`
//!   on every 201, `Idempotent-Replayed` on operations that take an `Idempotency-Key`, and
//!   `ETag` on the answers that carry one.
//!
//! It works on the document as JSON and parses it back, so it cannot produce a document the
//! OpenAPI types do not accept.

use serde_json::{json, Map, Value};
use utoipa::openapi::OpenApi;

/// Why the document could not be polished (a bug: the generated document is always JSON).
#[derive(Debug, thiserror::Error)]
#[error("the OpenAPI document did not round-trip through JSON")]
pub struct PolishError(#[from] serde_json::Error);

/// Applies every fix listed in the module docs.
pub fn polish(api: OpenApi) -> Result<OpenApi, PolishError> {
    let mut doc = serde_json::to_value(&api)?;
    describe_responses(&mut doc);
    add_servers(&mut doc);
    open_problem_object(&mut doc);
    Ok(serde_json::from_value(doc)?)
}

/// The reason phrase of a status code, as the description of a response without one.
fn reason(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No content",
        "301" | "308" => "Moved permanently",
        "304" => "Not modified",
        "400" => "Bad request",
        "401" => "Missing, expired or invalid credentials",
        "403" => "The credentials do not allow this",
        "404" => "Not found (or not visible to these credentials)",
        "405" => "Method not allowed",
        "409" => "Conflict with the resource's current state",
        "412" => "The `If-Match` version is not the current one",
        "413" => "The body is too large",
        "415" => "The body is not application/json",
        "422" => "The request is well-formed but invalid",
        "428" => "An `If-Match` header is required",
        "429" => "Too many requests; retry after `Retry-After` seconds",
        "500" => "Internal error",
        "503" => "Unavailable; retry later",
        _ => "Response",
    }
}

fn header(description: &str) -> Value {
    json!({ "description": description, "schema": { "type": "string" } })
}

fn describe_responses(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let idempotent = op
                .get("parameters")
                .and_then(Value::as_array)
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == "Idempotency-Key"));
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                let Some(response) = response.as_object_mut() else {
                    continue;
                };
                if response.contains_key("$ref") {
                    continue;
                }
                let missing = response
                    .get("description")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty);
                if missing {
                    response.insert("description".into(), reason(status).into());
                }
                let headers = response
                    .entry("headers")
                    .or_insert_with(|| Value::Object(Map::new()));
                let Some(headers) = headers.as_object_mut() else {
                    continue;
                };
                headers.entry("X-Request-Id").or_insert_with(|| {
                    header("The request's id (the caller's `X-Request-Id` when it sent a valid one), also in the server's logs")
                });
                if status == "201" {
                    headers
                        .entry("Location")
                        .or_insert_with(|| header("The created resource"));
                }
                if idempotent && status.starts_with('2') && method == "post" {
                    headers.entry("Idempotent-Replayed").or_insert_with(|| {
                        json!({
                            "description": "`true` when this answer replays the stored answer to an earlier request with the same `Idempotency-Key`",
                            "schema": { "type": "string", "enum": ["true"] }
                        })
                    });
                }
            }
        }
    }
}

fn add_servers(doc: &mut Value) {
    if let Some(root) = doc.as_object_mut() {
        root.entry("servers").or_insert_with(
            || json!([{ "url": "/", "description": "The server that serves this document" }]),
        );
    }
}

/// `Problem` as one object: the properties of its object branch, `additionalProperties: true`.
fn open_problem_object(doc: &mut Value) {
    let Some(problem) = doc.pointer_mut("/components/schemas/Problem") else {
        return;
    };
    let Some(parts) = problem.get("allOf").and_then(Value::as_array) else {
        if let Some(obj) = problem.as_object_mut() {
            obj.insert("additionalProperties".into(), true.into());
        }
        return;
    };
    let Some(object) = parts
        .iter()
        .find(|p| p.get("properties").is_some())
        .cloned()
    else {
        return;
    };
    let description = problem.get("description").cloned();
    let mut merged = object;
    if let Some(obj) = merged.as_object_mut() {
        obj.insert("type".into(), "object".into());
        obj.insert("additionalProperties".into(), true.into());
        if let Some(d) = description {
            obj.insert(
                "description".into(),
                json!(format!(
                    "{} Some problems carry extra members (e.g. `offer` for a denied escalation).",
                    d.as_str().unwrap_or("An RFC 9457 problem document.")
                )),
            );
        }
    }
    *problem = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_get_descriptions_and_headers() {
        let mut doc = json!({"paths": {"/x": {"post": {
            "parameters": [{"name": "Idempotency-Key", "in": "header"}],
            "responses": {"201": {}, "404": {"description": "Gone"}}
        }}}});
        describe_responses(&mut doc);
        let r = &doc["paths"]["/x"]["post"]["responses"];
        assert_eq!(r["201"]["description"], "Created");
        assert_eq!(r["404"]["description"], "Gone");
        assert!(r["201"]["headers"]["Location"].is_object());
        assert!(r["201"]["headers"]["Idempotent-Replayed"].is_object());
        assert!(r["404"]["headers"]["Idempotent-Replayed"].is_null());
        assert!(r["404"]["headers"]["X-Request-Id"].is_object());
    }

    #[test]
    fn problem_becomes_one_open_object() {
        let mut doc = json!({"components": {"schemas": {"Problem": {
            "description": "An RFC 9457 problem document.",
            "allOf": [
                {"type": ["object", "null"]},
                {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}}
            ]
        }}}});
        open_problem_object(&mut doc);
        let p = &doc["components"]["schemas"]["Problem"];
        assert!(p.get("allOf").is_none());
        assert_eq!(p["additionalProperties"], true);
        assert_eq!(p["required"][0], "code");
    }
}
