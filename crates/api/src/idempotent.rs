//! Running a POST under an `Idempotency-Key`.
//!
//! The key is claimed and the work done in one database transaction (see
//! `tierline_store::idempotency`): racing retries wait for the first to commit, then replay
//! its response; a failed first attempt rolls back its claim, so a retry does the work.
//! Keys are scoped to the caller (token subject); the same key with another method, path or
//! body answers 422 `idempotency_key_reused`.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use diesel_async::AsyncPgConnection;
use serde_json::Value;
use tierline_store::idempotency::{self, Claim, KeyedRequest};

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
}

impl Outcome {
    /// A 201 with `body` and its `Location`.
    pub fn created(body: &impl serde::Serialize, location: String) -> Result<Self, ApiError> {
        Ok(Self {
            status: StatusCode::CREATED,
            body: crate::handlers::to_json(body)?,
            location: Some(location),
        })
    }

    fn response(&self, replayed: bool) -> HttpResponse {
        let mut b = HttpResponse::build(self.status);
        if let Some(loc) = &self.location {
            b.insert_header((header::LOCATION, loc.as_str()));
        }
        if replayed {
            b.insert_header(("Idempotent-Replayed", "true"));
        }
        b.json(&self.body)
    }
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
    let principal_id = format!("{}:{}", principal.role().as_str(), principal.claims.sub);
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
                outcome.status.as_u16(),
                &outcome.body,
                outcome.location.as_deref(),
            )
            .await?;
            Ok((outcome, false))
        }
        Claim::Existing(stored) if stored.request_hash == request_hash => Ok((
            Outcome {
                status: StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                body: stored.body,
                location: stored.location,
            },
            true,
        )),
        Claim::Existing(_) => Err(ApiError::Unprocessable {
            code: "idempotency_key_reused",
            detail: "this Idempotency-Key was used with another request; use a new key".into(),
        }),
    }
}
