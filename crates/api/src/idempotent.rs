//! Running a POST under an `Idempotency-Key`.
//!
//! The key is claimed and the work done in one database transaction (see
//! `tierline_store::idempotency`): racing retries wait for the first to commit, then replay
//! its response; a failed first attempt rolls back its claim, so a retry does the work.
//! Keys are scoped to the caller's full scope ([`scope`]: role, subject, vendors,
//! reseller), so tenants that share a subject never share keys; the same key with another
//! method, path or body answers 422 `idempotency_key_reused`.
//!
//! A replay shows a stored answer only if the caller may still see the resource it shows
//! ([`Outcome::resource`]); otherwise the request is answered as if it had no key (a ticket
//! no longer routed to a reseller answers 404, as it would without the key). Secrets in an
//! answer ([`Outcome::withholding`]) are never stored: a replay answers with them `null`,
//! names them in the body's `withheld` list and in the `Idempotent-Withheld` header.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use diesel_async::AsyncPgConnection;
use serde_json::Value;
use tierline_store::idempotency::{self, Claim, Completion, KeyedRequest, Resource};

use crate::auth::Principal;
use crate::error::ApiError;
use crate::extract::{hex, IdempotencyKey};
use crate::state::AppState;

/// A successful answer to replay.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Status (201 for creations).
    pub status: StatusCode,
    /// JSON body.
    pub body: Value,
    /// `Location` header.
    pub location: Option<String>,
    /// The tenant resource the answer shows; a replay re-checks that the caller may see it.
    /// `None` only for answers that show no tenant's data.
    pub resource: Option<Resource>,
    /// Top-level body members holding secrets: never stored for replays.
    pub secrets: &'static [&'static str],
}

/// The header naming the secrets a replay leaves out.
pub const WITHHELD_HEADER: &str = "Idempotent-Withheld";

impl Outcome {
    /// A 201 with `body` and its `Location`, showing `resource`.
    pub fn created(
        body: &impl serde::Serialize,
        location: String,
        resource: Resource,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            status: StatusCode::CREATED,
            body: crate::handlers::to_json(body)?,
            location: Some(location),
            resource: Some(resource),
            secrets: &[],
        })
    }

    /// Marks top-level body members as secrets: the first answer shows them, the replay
    /// record never holds them.
    pub fn withholding(mut self, secrets: &'static [&'static str]) -> Self {
        self.secrets = secrets;
        self
    }

    /// The body as stored for replays: each secret `null`, and listed in `withheld`.
    fn replay_body(&self) -> Value {
        let mut body = self.body.clone();
        if self.secrets.is_empty() {
            return body;
        }
        if let Value::Object(members) = &mut body {
            for name in self.secrets {
                if let Some(v) = members.get_mut(*name) {
                    *v = Value::Null;
                }
            }
            members.insert("withheld".into(), serde_json::json!(self.secrets));
        }
        body
    }

    fn response(&self, replayed: bool) -> HttpResponse {
        let mut b = HttpResponse::build(self.status);
        if let Some(loc) = &self.location {
            b.insert_header((header::LOCATION, loc.as_str()));
        }
        if replayed {
            b.insert_header(("Idempotent-Replayed", "true"));
            if let Some(Value::Array(withheld)) = self.body.get("withheld") {
                let names: Vec<&str> = withheld.iter().filter_map(Value::as_str).collect();
                if !names.is_empty() {
                    b.insert_header((WITHHELD_HEADER, names.join(", ")));
                }
            }
        }
        b.json(&self.body)
    }
}

/// The scope idempotency keys belong to: role, subject, vendors (sorted, without
/// duplicates) and reseller, as one JSON array (no separator a subject could forge).
/// Two tokens share keys only if they may see and do exactly the same.
pub fn scope(principal: &Principal) -> String {
    let c = &principal.claims;
    let mut vendors: Vec<&str> = c.vendors.iter().map(String::as_str).collect();
    vendors.sort_unstable();
    vendors.dedup();
    serde_json::json!([c.role.as_str(), c.sub, vendors, c.reseller]).to_string()
}

/// How the work of a POST writes, which decides whether it needs a transaction of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    /// Several statements: the work runs in a transaction.
    Several,
    /// Reads that need no snapshot shared with the write, then one statement that is atomic
    /// on its own: without an `Idempotency-Key` the work runs without `BEGIN`/`COMMIT` (two
    /// round trips fewer). With a key it still runs in the key's transaction.
    One,
}

/// Runs `work` in a transaction, guarded by the idempotency key when one is given.
pub async fn run(
    state: &AppState,
    principal: &Principal,
    key: &IdempotencyKey,
    req: &HttpRequest,
    body_hash: &str,
    work: impl AsyncFnOnce(&mut AsyncPgConnection) -> Result<Outcome, ApiError>,
) -> Result<HttpResponse, ApiError> {
    run_writing(state, principal, key, req, body_hash, Writes::Several, work).await
}

/// [`run`] for work that declares how it writes (see [`Writes`]).
pub async fn run_writing(
    state: &AppState,
    principal: &Principal,
    key: &IdempotencyKey,
    req: &HttpRequest,
    body_hash: &str,
    writes: Writes,
    work: impl AsyncFnOnce(&mut AsyncPgConnection) -> Result<Outcome, ApiError>,
) -> Result<HttpResponse, ApiError> {
    if writes == Writes::One && key.0.is_none() {
        let mut conn = state.conn().await?;
        return Ok(work(&mut conn).await?.response(false));
    }
    let now = state.now();
    let (outcome, replayed) = transaction(state, async |conn| {
        guarded(conn, principal, key, req, body_hash, now, work).await
    })
    .await?;
    Ok(outcome.response(replayed))
}

/// Runs `work` in one transaction on a pooled connection (commit on success, roll back on
/// error).
pub async fn transaction<T>(
    state: &AppState,
    work: impl AsyncFnOnce(&mut AsyncPgConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut pooled = state.conn().await?;
    tierline_store::in_transaction(&mut pooled, work).await
}

async fn guarded(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    key: &IdempotencyKey,
    req: &HttpRequest,
    body_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
    work: impl AsyncFnOnce(&mut AsyncPgConnection) -> Result<Outcome, ApiError>,
) -> Result<(Outcome, bool), ApiError> {
    let Some(key) = key.0.as_deref() else {
        return Ok((work(conn).await?, false));
    };
    let method = req.method().as_str();
    let path = req.path();
    let request_hash = {
        use sha2::{Digest, Sha256};
        hex(&Sha256::digest(
            format!("{method} {path}\n{body_hash}").as_bytes(),
        ))
    };
    let principal_id = scope(principal);
    let keyed = KeyedRequest {
        principal: &principal_id,
        key,
        request_hash: &request_hash,
        method,
        path,
        created_at: now,
    };
    match idempotency::claim(conn, &keyed).await? {
        Claim::New => {
            let outcome = work(conn).await?;
            idempotency::complete(
                conn,
                &principal_id,
                key,
                &Completion {
                    status: outcome.status.as_u16(),
                    body: &outcome.replay_body(),
                    location: outcome.location.as_deref(),
                    resource: outcome.resource,
                },
            )
            .await?;
            Ok((outcome, false))
        }
        Claim::Existing(stored) if stored.request_hash == request_hash => {
            let visible = match stored.resource {
                Some(resource) => {
                    idempotency::visible(conn, resource, &principal.visibility()).await?
                }
                None => true,
            };
            if !visible {
                // The caller may no longer see what the first answer showed: answer as
                // without the key (the work finds nothing it may touch and says so).
                return Ok((work(conn).await?, false));
            }
            Ok((
                Outcome {
                    status: StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                    body: stored.body,
                    location: stored.location,
                    resource: stored.resource,
                    secrets: &[],
                },
                true,
            ))
        }
        Claim::Existing(_) => Err(ApiError::Unprocessable {
            code: "idempotency_key_reused",
            detail: "this Idempotency-Key was used with another request; use a new key".into(),
        }),
    }
}
