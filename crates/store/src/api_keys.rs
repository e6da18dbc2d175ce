//! API keys: long-lived, revocable bearer credentials. Only a SHA-256 hash of each key is
//! stored (the key is shown once, when it is created); a key is found by its hash.
//!
//! Who may see and revoke a key is decided above the store and expressed as a
//! [`KeyScope`]: all keys (admins), or the non-admin keys confined to some vendors (agents).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::schema::api_keys;

/// A stored key (its `Debug` form hides the hash).
#[derive(Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys, check_for_backend(diesel::pg::Pg))]
pub struct ApiKeyRow {
    /// Id.
    pub id: Uuid,
    /// A name chosen by its creator.
    pub name: String,
    /// The key's first characters (`tlk_` and a few more), to recognise it.
    pub prefix: String,
    /// SHA-256 of the whole key.
    pub key_hash: Vec<u8>,
    /// `admin`, `helpdesk`, `agent` or `reseller`.
    pub role: String,
    /// Vendors the key covers.
    pub vendors: Vec<String>,
    /// Reseller id (role `reseller`).
    pub reseller: Option<String>,
    /// Who created it (`role:subject`).
    pub created_by: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// No longer valid from this instant.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revoked at.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
    /// Last successful authentication (updated at most once per cache period per process).
    pub last_used_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for ApiKeyRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKeyRow")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("prefix", &self.prefix)
            .field("role", &self.role)
            .field("vendors", &self.vendors)
            .field("key_hash", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// Which keys a caller may list and revoke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyScope {
    /// Every key (admins).
    All,
    /// Non-admin keys that name at least one vendor, all of them among these.
    Vendors(Vec<String>),
}

/// Inserts a key.
pub async fn insert(conn: &mut AsyncPgConnection, row: &ApiKeyRow) -> QueryResult<ApiKeyRow> {
    diesel::insert_into(api_keys::table)
        .values(row)
        .returning(ApiKeyRow::as_returning())
        .get_result(conn)
        .await
}

/// Live (unrevoked) keys in `scope`, oldest first, expired ones included.
pub async fn list(conn: &mut AsyncPgConnection, scope: &KeyScope) -> QueryResult<Vec<ApiKeyRow>> {
    let mut q = api_keys::table
        .filter(api_keys::revoked_at.is_null())
        .order((api_keys::created_at.asc(), api_keys::id.asc()))
        .select(ApiKeyRow::as_select())
        .into_boxed();
    if let KeyScope::Vendors(vendors) = scope {
        q = q
            .filter(api_keys::role.ne("admin"))
            .filter(api_keys::vendors.ne(Vec::<String>::new()))
            .filter(api_keys::vendors.is_contained_by(vendors));
    }
    q.load(conn).await
}

/// Revokes a live key in `scope`; returns it, or `None` when there is no such live key.
pub async fn revoke(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    scope: &KeyScope,
    by: &str,
    at: DateTime<Utc>,
) -> QueryResult<Option<ApiKeyRow>> {
    let target = api_keys::table
        .filter(api_keys::id.eq(id))
        .filter(api_keys::revoked_at.is_null());
    let set = (
        api_keys::revoked_at.eq(Some(at)),
        api_keys::revoked_by.eq(Some(by)),
    );
    match scope {
        KeyScope::All => {
            diesel::update(target)
                .set(set)
                .returning(ApiKeyRow::as_returning())
                .get_result(conn)
                .await
        }
        KeyScope::Vendors(vendors) => {
            diesel::update(
                target
                    .filter(api_keys::role.ne("admin"))
                    .filter(api_keys::vendors.ne(Vec::<String>::new()))
                    .filter(api_keys::vendors.is_contained_by(vendors)),
            )
            .set(set)
            .returning(ApiKeyRow::as_returning())
            .get_result(conn)
            .await
        }
    }
    .optional()
}

/// The key with this hash, for authentication. When it is usable at `now` (not revoked,
/// not expired) its `last_used_at` becomes `now`, in the same statement.
pub async fn authenticate(
    conn: &mut AsyncPgConnection,
    key_hash: &[u8],
    now: DateTime<Utc>,
) -> QueryResult<Option<ApiKeyRow>> {
    let usable = api_keys::revoked_at.is_null().and(
        api_keys::expires_at
            .is_null()
            .or(api_keys::expires_at.gt(now)),
    );
    diesel::update(api_keys::table.filter(api_keys::key_hash.eq(key_hash)))
        .set(
            api_keys::last_used_at
                .eq(diesel::dsl::case_when(usable, Some(now)).otherwise(api_keys::last_used_at)),
        )
        .returning(ApiKeyRow::as_returning())
        .get_result(conn)
        .await
        .optional()
}
