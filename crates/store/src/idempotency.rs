//! Idempotency keys.
//!
//! Protocol, inside the one transaction that also does the work:
//! 1. [`claim`] inserts `(principal, key)` with `ON CONFLICT DO NOTHING`. A concurrent
//!    request with the same key blocks on the primary key until the first transaction ends.
//! 2. If the row was inserted ([`Claim::New`]), do the work and [`complete`] the row with
//!    the response, then commit. If the work fails, the rollback removes the claim too.
//! 3. Otherwise ([`Claim::Existing`]) the stored request hash and response are returned:
//!    the same hash replays the response, another hash is the client's error.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;

use crate::schema::idempotency_keys;

/// A request fingerprint and where it went.
#[derive(Debug, Clone)]
pub struct KeyedRequest<'a> {
    /// The caller (token subject).
    pub principal: &'a str,
    /// The `Idempotency-Key` header.
    pub key: &'a str,
    /// A hash of method, path and body.
    pub request_hash: &'a str,
    /// HTTP method.
    pub method: &'a str,
    /// Request path.
    pub path: &'a str,
    /// When the key was first used, by the server's clock (its retention counts from here).
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A stored response.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResponse {
    /// The hash of the request that produced it.
    pub request_hash: String,
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: Value,
    /// `Location` header, if any.
    pub location: Option<String>,
}

/// The outcome of [`claim`].
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// This request owns the key: do the work.
    New,
    /// The key was used before.
    Existing(StoredResponse),
}

/// Claims a key (see the module docs).
pub async fn claim(conn: &mut AsyncPgConnection, req: &KeyedRequest<'_>) -> QueryResult<Claim> {
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::principal.eq(req.principal),
            idempotency_keys::key.eq(req.key),
            idempotency_keys::request_hash.eq(req.request_hash),
            idempotency_keys::method.eq(req.method),
            idempotency_keys::path.eq(req.path),
            idempotency_keys::created_at.eq(req.created_at),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (request_hash, status, body, location) = idempotency_keys::table
        .find((req.principal, req.key))
        .select((
            idempotency_keys::request_hash,
            idempotency_keys::status,
            idempotency_keys::response,
            idempotency_keys::location,
        ))
        .first::<(String, Option<i16>, Option<Value>, Option<String>)>(conn)
        .await?;
    Ok(Claim::Existing(StoredResponse {
        request_hash,
        status: status.and_then(|s| u16::try_from(s).ok()).unwrap_or(200),
        body: body.unwrap_or(Value::Null),
        location,
    }))
}

/// Stores the response of a claimed key.
pub async fn complete(
    conn: &mut AsyncPgConnection,
    principal: &str,
    key: &str,
    status: u16,
    body: &Value,
    location: Option<&str>,
) -> QueryResult<()> {
    diesel::update(idempotency_keys::table.find((principal, key)))
        .set((
            idempotency_keys::status.eq(i16::try_from(status).unwrap_or(200)),
            idempotency_keys::response.eq(body),
            idempotency_keys::location.eq(location),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// How long a key is remembered: a retry within this window replays the first answer.
pub const RETENTION: chrono::Duration = chrono::Duration::hours(24);

/// Forgets keys created before `cutoff`, at most `limit` of them (oldest first, so a large
/// backlog is worked off in bounded transactions). Returns how many were removed.
pub async fn purge_created_before(
    conn: &mut AsyncPgConnection,
    cutoff: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM idempotency_keys WHERE (principal, key) IN ( \
           SELECT principal, key FROM idempotency_keys WHERE created_at < $1 \
           ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)",
    )
    .bind::<diesel::sql_types::Timestamptz, _>(cutoff)
    .bind::<diesel::sql_types::BigInt, _>(limit.max(1))
    .execute(conn)
    .await
}
