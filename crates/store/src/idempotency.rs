//! Idempotency keys.
//!
//! Protocol, inside the one transaction that also does the work:
//! 1. [`claim`] inserts `(principal, key)` with `ON CONFLICT DO NOTHING`. A concurrent
//!    request with the same key blocks on the primary key until the first transaction ends.
//! 2. If the row was inserted ([`Claim::New`]), do the work and [`complete`] the row with
//!    the response, then commit. If the work fails, the rollback removes the claim too.
//! 3. Otherwise ([`Claim::Existing`]) the stored request hash and response are returned:
//!    the same hash replays the response, another hash is the client's error.
//!
//! Keys belong to a caller's full scope (role, subject, vendors, reseller; the API writes
//! it), never to a subject alone. A stored answer names the [`Resource`] it shows, so a
//! replay can re-check with [`visible`] that the caller may still see it. Secrets are never
//! part of a stored answer: the API removes them before [`complete`].

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::schema::idempotency_keys;
use crate::Visibility;

/// The tenant resource a stored answer shows; a replay shows it only to a caller who may
/// see it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// A ticket (visible by vendor and, for resellers, by routing).
    Ticket(Uuid),
    /// A customer (visible by vendor).
    Customer(Uuid),
    /// A live webhook subscription (visible by vendor).
    Webhook(Uuid),
}

impl Resource {
    fn columns(self) -> (&'static str, Uuid) {
        match self {
            Resource::Ticket(id) => ("ticket", id),
            Resource::Customer(id) => ("customer", id),
            Resource::Webhook(id) => ("webhook", id),
        }
    }

    fn from_columns(kind: Option<&str>, id: Option<Uuid>) -> Result<Option<Self>, String> {
        match (kind, id) {
            (None, None) => Ok(None),
            (Some("ticket"), Some(id)) => Ok(Some(Resource::Ticket(id))),
            (Some("customer"), Some(id)) => Ok(Some(Resource::Customer(id))),
            (Some("webhook"), Some(id)) => Ok(Some(Resource::Webhook(id))),
            (kind, id) => Err(format!(
                "idempotency record names an unknown resource ({kind:?}, {id:?})"
            )),
        }
    }
}

/// Whether `visibility` may see `resource` now (a deleted subscription is not visible).
pub async fn visible(
    conn: &mut AsyncPgConnection,
    resource: Resource,
    visibility: &Visibility,
) -> QueryResult<bool> {
    Ok(match resource {
        Resource::Ticket(id) => crate::tickets::find(conn, id, visibility).await?.is_some(),
        Resource::Customer(id) => crate::customers::find(conn, id, visibility)
            .await?
            .is_some(),
        Resource::Webhook(id) => crate::webhooks::find(conn, id, visibility).await?.is_some(),
    })
}

/// A request fingerprint and where it went.
#[derive(Debug, Clone)]
pub struct KeyedRequest<'a> {
    /// The caller's full scope (role, subject, vendors, reseller), as the API spells it.
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
    /// The tenant resource the answer shows (`None`: no tenant's data).
    pub resource: Option<Resource>,
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
    type Row = (
        String,
        Option<i16>,
        Option<Value>,
        Option<String>,
        Option<String>,
        Option<Uuid>,
    );
    let (request_hash, status, body, location, kind, id) = idempotency_keys::table
        .find((req.principal, req.key))
        .select((
            idempotency_keys::request_hash,
            idempotency_keys::status,
            idempotency_keys::response,
            idempotency_keys::location,
            idempotency_keys::resource_kind,
            idempotency_keys::resource_id,
        ))
        .first::<Row>(conn)
        .await?;
    let resource = Resource::from_columns(kind.as_deref(), id)
        .map_err(|e| diesel::result::Error::DeserializationError(e.into()))?;
    Ok(Claim::Existing(StoredResponse {
        request_hash,
        status: status.and_then(|s| u16::try_from(s).ok()).unwrap_or(200),
        body: body.unwrap_or(Value::Null),
        location,
        resource,
    }))
}

/// A response to store under a claimed key.
#[derive(Debug, Clone, Copy)]
pub struct Completion<'a> {
    /// HTTP status.
    pub status: u16,
    /// JSON body, without secrets.
    pub body: &'a Value,
    /// `Location` header, if any.
    pub location: Option<&'a str>,
    /// The tenant resource the answer shows (`None`: no tenant's data).
    pub resource: Option<Resource>,
}

/// Stores the response of a claimed key.
pub async fn complete(
    conn: &mut AsyncPgConnection,
    principal: &str,
    key: &str,
    answer: &Completion<'_>,
) -> QueryResult<()> {
    let (kind, id) = match answer.resource.map(Resource::columns) {
        Some((kind, id)) => (Some(kind), Some(id)),
        None => (None, None),
    };
    diesel::update(idempotency_keys::table.find((principal, key)))
        .set((
            idempotency_keys::status.eq(i16::try_from(answer.status).unwrap_or(200)),
            idempotency_keys::response.eq(answer.body),
            idempotency_keys::location.eq(answer.location),
            idempotency_keys::resource_kind.eq(kind),
            idempotency_keys::resource_id.eq(id),
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
