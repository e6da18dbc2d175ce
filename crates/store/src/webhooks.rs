//! Webhook subscriptions, deliveries and attempts, and the delivery work queue.
//!
//! # Leases
//! Workers [`claim`] due deliveries with `FOR UPDATE SKIP LOCKED`: each claimed row moves to
//! `delivering` with a fresh `lease_token` and a `lease_expires_at`, in one statement, so
//! two workers never hold the same delivery. A worker [`finish`]es with its token; a worker
//! that dies leaves the lease to expire, after which any worker claims the row again (at
//! least once, never lost). [`release`] hands leases back on a graceful shutdown.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Float8, Int4, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::Value;
use uuid::Uuid;

use crate::schema::{webhook_attempts, webhook_deliveries, webhooks};
use crate::Visibility;

/// A subscription (its `Debug` form hides the secret).
#[derive(Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhooks, check_for_backend(diesel::pg::Pg))]
pub struct WebhookRow {
    /// Vendor.
    pub vendor: String,
    /// Id.
    pub id: Uuid,
    /// Receiver URL (http or https).
    pub url: String,
    /// Subscribed event types.
    pub events: Vec<String>,
    /// HMAC secret.
    pub secret: String,
    /// Free text.
    pub description: Option<String>,
    /// Who created it.
    pub created_by: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Deleted (no further deliveries).
    pub deleted_at: Option<DateTime<Utc>>,
    /// Whether new events are queued for it (false: paused).
    pub active: bool,
    /// The secret before the last rotation, still signing until
    /// `previous_secret_expires_at`.
    pub previous_secret: Option<String>,
    /// End of the rotation's grace period.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl std::fmt::Debug for WebhookRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookRow")
            .field("vendor", &self.vendor)
            .field("id", &self.id)
            .field("url", &self.url)
            .field("events", &self.events)
            .field("active", &self.active)
            .field("secret", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// Changes to a subscription (`None`: unchanged).
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = webhooks)]
pub struct WebhookChanges {
    /// New receiver URL.
    pub url: Option<String>,
    /// New event types.
    pub events: Option<Vec<String>>,
    /// Paused (false) or live (true).
    pub active: Option<bool>,
}

/// Changes a live subscription; `None` when there is none with this id.
pub async fn update(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
    changes: &WebhookChanges,
) -> QueryResult<Option<WebhookRow>> {
    diesel::update(
        webhooks::table
            .find((vendor, id))
            .filter(webhooks::deleted_at.is_null()),
    )
    .set((changes, webhooks::updated_at.eq(diesel::dsl::now)))
    .returning(WebhookRow::as_returning())
    .get_result(conn)
    .await
    .optional()
}

/// Replaces a live subscription's secret with `secret`; the old one keeps signing beside it
/// until `old_until`. `None` when there is no such subscription.
pub async fn rotate_secret(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    id: Uuid,
    secret: &str,
    old_until: DateTime<Utc>,
) -> QueryResult<Option<WebhookRow>> {
    diesel::update(
        webhooks::table
            .find((vendor, id))
            .filter(webhooks::deleted_at.is_null()),
    )
    .set((
        webhooks::previous_secret.eq(webhooks::secret.nullable()),
        webhooks::previous_secret_expires_at.eq(old_until),
        webhooks::secret.eq(secret),
        webhooks::updated_at.eq(diesel::dsl::now),
    ))
    .returning(WebhookRow::as_returning())
    .get_result(conn)
    .await
    .optional()
}

/// Queues a `ping` event for one subscription only (also a paused one: a ping is asked
/// for). Returns the event id.
pub async fn ping(conn: &mut AsyncPgConnection, vendor: &str, id: Uuid) -> QueryResult<Uuid> {
    let event_id = Uuid::now_v7();
    let payload = serde_json::json!({ "webhook_id": id });
    diesel::sql_query(
        "WITH ev AS (
             INSERT INTO outbox_events (vendor, id, kind, ticket_id, payload)
             VALUES ($1, $2, $3, NULL, $4)
             RETURNING vendor, id
         )
         INSERT INTO webhook_deliveries (vendor, id, webhook_id, event_id)
         SELECT ev.vendor, gen_random_uuid(), $5, ev.id FROM ev",
    )
    .bind::<Text, _>(vendor)
    .bind::<SqlUuid, _>(event_id)
    .bind::<Text, _>(crate::outbox::PING)
    .bind::<diesel::sql_types::Json, _>(&payload)
    .bind::<SqlUuid, _>(id)
    .execute(conn)
    .await?;
    Ok(event_id)
}

/// A delivery of one event to one subscription.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries, check_for_backend(diesel::pg::Pg))]
pub struct DeliveryRow {
    /// Vendor.
    pub vendor: String,
    /// Id.
    pub id: Uuid,
    /// Subscription.
    pub webhook_id: Uuid,
    /// Event.
    pub event_id: Uuid,
    /// `pending`, `delivering`, `delivered`, `dead`, `cancelled`.
    pub status: String,
    /// Attempts started.
    pub attempts: i32,
    /// When the next attempt is due.
    pub next_attempt_at: DateTime<Utc>,
    /// Start of the retry period.
    pub retry_from: DateTime<Utc>,
    /// Lease token (while delivering).
    pub lease_token: Option<Uuid>,
    /// Leasing worker.
    pub lease_owner: Option<String>,
    /// Lease expiry.
    pub lease_expires_at: Option<DateTime<Utc>>,
    /// Last HTTP status.
    pub last_status_code: Option<i16>,
    /// Last error.
    pub last_error: Option<String>,
    /// Delivered at.
    pub delivered_at: Option<DateTime<Utc>>,
    /// Dead-lettered at.
    pub dead_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// One recorded attempt.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = webhook_attempts, check_for_backend(diesel::pg::Pg))]
pub struct AttemptRow {
    /// Delivery.
    pub delivery_id: Uuid,
    /// Order.
    pub seq: i64,
    /// Attempt number (1-based).
    pub attempt: i32,
    /// Worker that made it.
    pub worker: String,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Finished.
    pub finished_at: DateTime<Utc>,
    /// `delivered`, `failed`, `error`.
    pub outcome: String,
    /// HTTP status, if any.
    pub status_code: Option<i16>,
    /// Error, if any.
    pub error: Option<String>,
}

/// Inserts a subscription.
pub async fn insert(conn: &mut AsyncPgConnection, row: &WebhookRow) -> QueryResult<WebhookRow> {
    diesel::insert_into(webhooks::table)
        .values(row)
        .returning(WebhookRow::as_returning())
        .get_result(conn)
        .await
}

/// Live subscriptions visible to the caller, oldest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    visibility: &Visibility,
    vendor: Option<&str>,
) -> QueryResult<Vec<WebhookRow>> {
    let mut q = webhooks::table
        .filter(webhooks::deleted_at.is_null())
        .order((webhooks::created_at.asc(), webhooks::id.asc()))
        .select(WebhookRow::as_select())
        .into_boxed();
    if let Some(vendors) = &visibility.vendors {
        q = q.filter(webhooks::vendor.eq_any(vendors));
    }
    if let Some(v) = vendor {
        q = q.filter(webhooks::vendor.eq(v));
    }
    q.load(conn).await
}

/// A live subscription by id, if visible.
pub async fn find(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    visibility: &Visibility,
) -> QueryResult<Option<WebhookRow>> {
    let mut q = webhooks::table
        .filter(webhooks::id.eq(id))
        .filter(webhooks::deleted_at.is_null())
        .select(WebhookRow::as_select())
        .into_boxed();
    if let Some(vendors) = &visibility.vendors {
        q = q.filter(webhooks::vendor.eq_any(vendors));
    }
    q.first(conn).await.optional()
}

/// Marks a subscription deleted and cancels its unfinished deliveries (a delivery in flight
/// finishes, its result is kept). Returns whether it existed.
pub async fn delete(conn: &mut AsyncPgConnection, vendor: &str, id: Uuid) -> QueryResult<bool> {
    crate::in_transaction(conn, async |conn| {
        let n = diesel::update(
            webhooks::table
                .find((vendor, id))
                .filter(webhooks::deleted_at.is_null()),
        )
        .set(webhooks::deleted_at.eq(diesel::dsl::now))
        .execute(conn)
        .await?;
        diesel::update(
            webhook_deliveries::table
                .filter(webhook_deliveries::vendor.eq(vendor))
                .filter(webhook_deliveries::webhook_id.eq(id))
                .filter(webhook_deliveries::status.eq("pending")),
        )
        .set((
            webhook_deliveries::status.eq("cancelled"),
            webhook_deliveries::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
        Ok(n == 1)
    })
    .await
}

/// Filters of a delivery listing.
#[derive(Debug, Clone, Default)]
pub struct DeliveryFilter {
    /// Only this status.
    pub status: Option<String>,
    /// Keyset cursor: deliveries created before this one (newest first).
    pub before: Option<(DateTime<Utc>, Uuid)>,
    /// Page size.
    pub limit: i64,
}

/// A subscription's deliveries, newest first, with their attempts (oldest first).
pub async fn deliveries(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    webhook_id: Uuid,
    filter: &DeliveryFilter,
) -> QueryResult<Vec<(DeliveryRow, Vec<AttemptRow>)>> {
    let mut q = webhook_deliveries::table
        .filter(webhook_deliveries::vendor.eq(vendor))
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .limit(filter.limit)
        .select(DeliveryRow::as_select())
        .into_boxed();
    if let Some(s) = &filter.status {
        q = q.filter(webhook_deliveries::status.eq(s));
    }
    if let Some((at, id)) = filter.before {
        q = q.filter(
            webhook_deliveries::created_at
                .lt(at)
                .or(webhook_deliveries::created_at
                    .eq(at)
                    .and(webhook_deliveries::id.lt(id))),
        );
    }
    let rows: Vec<DeliveryRow> = q.load(conn).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let attempts: Vec<AttemptRow> = webhook_attempts::table
        .filter(webhook_attempts::vendor.eq(vendor))
        .filter(webhook_attempts::delivery_id.eq_any(&ids))
        .order(webhook_attempts::seq.asc())
        .select(AttemptRow::as_select())
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|d| {
            let mine = attempts
                .iter()
                .filter(|a| a.delivery_id == d.id)
                .cloned()
                .collect();
            (d, mine)
        })
        .collect())
}

/// One delivery of a subscription.
pub async fn find_delivery(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    webhook_id: Uuid,
    id: Uuid,
) -> QueryResult<Option<DeliveryRow>> {
    webhook_deliveries::table
        .find((vendor, id))
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .select(DeliveryRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Why a redelivery was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeliverRefusal {
    /// No such delivery for this subscription.
    NotFound,
    /// A worker is delivering it right now.
    InFlight,
    /// The subscription was deleted.
    Cancelled,
}

/// Schedules a delivery again, now, with a fresh retry period (delivered, dead and pending
/// deliveries; not one in flight).
pub async fn redeliver(
    conn: &mut AsyncPgConnection,
    vendor: &str,
    webhook_id: Uuid,
    id: Uuid,
) -> QueryResult<Result<DeliveryRow, RedeliverRefusal>> {
    let updated = diesel::update(
        webhook_deliveries::table
            .find((vendor, id))
            .filter(webhook_deliveries::webhook_id.eq(webhook_id))
            .filter(webhook_deliveries::status.eq_any(["pending", "delivered", "dead"])),
    )
    .set((
        webhook_deliveries::status.eq("pending"),
        webhook_deliveries::next_attempt_at.eq(diesel::dsl::now),
        webhook_deliveries::retry_from.eq(diesel::dsl::now),
        webhook_deliveries::dead_at.eq(None::<DateTime<Utc>>),
        webhook_deliveries::updated_at.eq(diesel::dsl::now),
    ))
    .returning(DeliveryRow::as_returning())
    .get_result(conn)
    .await
    .optional()?;
    if let Some(row) = updated {
        return Ok(Ok(row));
    }
    Ok(Err(
        match find_delivery(conn, vendor, webhook_id, id).await? {
            None => RedeliverRefusal::NotFound,
            Some(d) if d.status == "delivering" => RedeliverRefusal::InFlight,
            Some(_) => RedeliverRefusal::Cancelled,
        },
    ))
}

/// A claimed delivery with what is needed to send it.
#[derive(Clone, QueryableByName)]
pub struct Lease {
    /// Vendor.
    #[diesel(sql_type = Text)]
    pub vendor: String,
    /// Delivery id.
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    /// Subscription.
    #[diesel(sql_type = SqlUuid)]
    pub webhook_id: Uuid,
    /// The lease token (proves ownership to [`finish`]).
    #[diesel(sql_type = SqlUuid)]
    pub lease_token: Uuid,
    /// This attempt's number (1-based).
    #[diesel(sql_type = Int4)]
    pub attempt: i32,
    /// Start of the retry period.
    #[diesel(sql_type = Timestamptz)]
    pub retry_from: DateTime<Utc>,
    /// Receiver URL.
    #[diesel(sql_type = Text)]
    pub url: String,
    /// HMAC secret.
    #[diesel(sql_type = Text)]
    pub secret: String,
    /// The secret before the last rotation, while its grace period lasts: it signs too.
    #[diesel(sql_type = Nullable<Text>)]
    pub previous_secret: Option<String>,
    /// Event id.
    #[diesel(sql_type = SqlUuid)]
    pub event_id: Uuid,
    /// Event type.
    #[diesel(sql_type = Text)]
    pub kind: String,
    /// Ticket, if any.
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub ticket_id: Option<Uuid>,
    /// Event data.
    #[diesel(sql_type = diesel::sql_types::Json)]
    pub payload: Value,
    /// When the event was recorded.
    #[diesel(sql_type = Timestamptz)]
    pub occurred_at: DateTime<Utc>,
    /// Set when this claim took over an expired lease: the worker that held it.
    #[diesel(sql_type = Nullable<Text>)]
    pub expired_owner: Option<String>,
    /// When the expired lease had been taken.
    #[diesel(sql_type = Timestamptz)]
    pub previous_claim_at: DateTime<Utc>,
}

impl std::fmt::Debug for Lease {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lease")
            .field("vendor", &self.vendor)
            .field("id", &self.id)
            .field("webhook_id", &self.webhook_id)
            .field("attempt", &self.attempt)
            .field("event_id", &self.event_id)
            .field("kind", &self.kind)
            .field("secret", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// How much of the delivery work one claim may take, so that one subscription's or one
/// tenant's slow receivers cannot hold every slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLimits {
    /// Deliveries of one subscription in flight at once, across every process.
    pub per_subscription: i32,
    /// Vendors with deliveries in flight in the claiming process, and how many more each
    /// may take now.
    pub vendors: Vec<(String, i32)>,
    /// How many a vendor not in [`ClaimLimits::vendors`] may take now.
    pub other_vendors: i32,
}

/// A key for `pg_advisory_xact_lock`: claims run one at a time, so the per-subscription
/// limit holds across processes (a claim takes about a millisecond).
const CLAIM_LOCK: i64 = 0x7469_6572_6c69_6e65; // "tierline"

/// Claims up to `limit` due deliveries (pending and due, or delivering with an expired
/// lease) for `owner`, leasing them for `lease_seconds`. Expired leases go first.
///
/// Pending deliveries are taken fairly: the claim walks every live subscription (one index
/// probe each, `webhook_deliveries_hook_due_idx`) and takes at most
/// [`ClaimLimits::per_subscription`] minus what that subscription has in flight, in rounds
/// (every subscription's first due delivery, then every second, ...), and no more per
/// vendor than the process allows it. One due order across all subscriptions let a
/// tenant's backlog for slow receivers take every slot, and a scan of that order would stop
/// before reaching anyone else's deliveries. Pending deliveries of a deleted webhook need
/// no check: deleting a webhook cancels them in its transaction.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    owner: &str,
    lease_seconds: f64,
    limit: i32,
    limits: &ClaimLimits,
) -> QueryResult<Vec<Lease>> {
    let (vendors, allowances): (Vec<String>, Vec<i32>) = limits.vendors.iter().cloned().unzip();
    crate::in_transaction(conn, async |conn| {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::Int8, _>(CLAIM_LOCK)
            .execute(conn)
            .await?;
        diesel::sql_query(
            "WITH expired AS (
                 SELECT vendor, id, status AS prev_status, lease_owner AS prev_owner,
                        updated_at AS prev_claim_at
                 FROM webhook_deliveries
                 WHERE status = 'delivering' AND lease_expires_at <= now()
                   AND NOT EXISTS (
                       SELECT 1 FROM webhooks w
                       WHERE w.vendor = webhook_deliveries.vendor
                         AND w.id = webhook_deliveries.webhook_id
                         AND w.deleted_at IS NOT NULL)
                 ORDER BY lease_expires_at
                 LIMIT $3
                 FOR UPDATE SKIP LOCKED
             ),
             allowance AS (
                 SELECT a.vendor, a.n FROM unnest($4::text[], $5::int4[]) AS a(vendor, n)
             ),
             heads AS (
                 SELECT d.vendor, d.id, d.next_attempt_at, f.n AS in_flight,
                        row_number() OVER (PARTITION BY w.vendor, w.id
                                           ORDER BY d.next_attempt_at, d.id) AS hook_rank
                 FROM webhooks w
                 CROSS JOIN LATERAL (
                     SELECT count(*) AS n FROM webhook_deliveries x
                     WHERE x.vendor = w.vendor AND x.webhook_id = w.id
                       AND x.status = 'delivering'
                 ) f
                 CROSS JOIN LATERAL (
                     SELECT x.vendor, x.id, x.next_attempt_at FROM webhook_deliveries x
                     WHERE x.vendor = w.vendor AND x.webhook_id = w.id
                       AND x.status = 'pending' AND x.next_attempt_at <= now()
                     ORDER BY x.next_attempt_at
                     LIMIT $6
                 ) d
                 WHERE w.deleted_at IS NULL AND f.n < $6
             ),
             fair AS (
                 SELECT h.vendor, h.id, h.next_attempt_at, h.hook_rank,
                        row_number() OVER (PARTITION BY h.vendor
                                           ORDER BY h.hook_rank, h.next_attempt_at, h.id)
                            AS vendor_rank
                 FROM heads h
                 WHERE h.hook_rank <= $6 - h.in_flight
             ),
             chosen AS (
                 SELECT f.vendor, f.id FROM fair f
                 LEFT JOIN allowance a ON a.vendor = f.vendor
                 WHERE f.vendor_rank <= COALESCE(a.n, $7)
                 ORDER BY f.vendor_rank, f.hook_rank, f.next_attempt_at
                 LIMIT $3
             ),
             due AS (
                 SELECT vendor, id, status AS prev_status, lease_owner AS prev_owner,
                        updated_at AS prev_claim_at
                 FROM webhook_deliveries
                 WHERE (vendor, id) IN (SELECT vendor, id FROM chosen) AND status = 'pending'
                 FOR UPDATE SKIP LOCKED
             ),
             c AS (
                 SELECT * FROM expired
                 UNION ALL
                 SELECT * FROM due
                 LIMIT $3
             ),
             d AS (
                 UPDATE webhook_deliveries d
                 SET status = 'delivering', lease_token = gen_random_uuid(), lease_owner = $1,
                     lease_expires_at = now() + make_interval(secs => $2),
                     attempts = d.attempts + 1, updated_at = now()
                 FROM c
                 WHERE d.vendor = c.vendor AND d.id = c.id
                 RETURNING d.vendor, d.id, d.webhook_id, d.event_id, d.lease_token, d.attempts,
                           d.retry_from, c.prev_status, c.prev_owner, c.prev_claim_at
             )
             SELECT d.vendor, d.id, d.webhook_id, d.lease_token, d.attempts AS attempt,
                    d.retry_from, w.url, w.secret,
                    CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END
                        AS previous_secret,
                    e.id AS event_id, e.kind, e.ticket_id,
                    e.payload, e.occurred_at,
                    CASE WHEN d.prev_status = 'delivering' THEN COALESCE(d.prev_owner, '?') END
                        AS expired_owner,
                    d.prev_claim_at AS previous_claim_at
             FROM d
             JOIN webhooks w ON w.vendor = d.vendor AND w.id = d.webhook_id
             JOIN outbox_events e ON e.vendor = d.vendor AND e.id = d.event_id",
        )
        .bind::<Text, _>(owner)
        .bind::<Float8, _>(lease_seconds)
        .bind::<Int4, _>(limit)
        .bind::<Array<Text>, _>(&vendors)
        .bind::<Array<Int4>, _>(&allowances)
        .bind::<Int4, _>(limits.per_subscription.max(1))
        .bind::<Int4, _>(limits.other_vendors.max(0))
        .load(conn)
        .await
    })
    .await
}

/// Live subscriptions of a vendor (for the per-vendor cap).
pub async fn count_live(conn: &mut AsyncPgConnection, vendor: &str) -> QueryResult<i64> {
    webhooks::table
        .filter(webhooks::vendor.eq(vendor))
        .filter(webhooks::deleted_at.is_null())
        .count()
        .get_result(conn)
        .await
}

/// Inserts a subscription unless its vendor already has `max` live ones (`Ok(None)`).
/// Concurrent inserts for one vendor are serialised (an advisory lock on the vendor), so
/// the cap holds.
pub async fn insert_capped(
    conn: &mut AsyncPgConnection,
    row: &WebhookRow,
    max: i64,
) -> QueryResult<Option<WebhookRow>> {
    crate::in_transaction(conn, async |conn| {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('webhooks:' || $1))")
            .bind::<Text, _>(&row.vendor)
            .execute(conn)
            .await?;
        if count_live(conn, &row.vendor).await? >= max {
            return Ok(None);
        }
        insert(conn, row).await.map(Some)
    })
    .await
}

/// What an attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// The receiver answered 2xx.
    Delivered {
        /// Status.
        status: u16,
    },
    /// The receiver answered with another status.
    Failed {
        /// Status.
        status: u16,
        /// A short description.
        error: String,
    },
    /// No answer: timeout, connection refused, TLS, ...
    Error {
        /// A short description.
        error: String,
    },
}

impl AttemptOutcome {
    fn parts(&self) -> (&'static str, Option<i16>, Option<&str>) {
        match self {
            AttemptOutcome::Delivered { status } => {
                ("delivered", i16::try_from(*status).ok(), None)
            }
            AttemptOutcome::Failed { status, error } => {
                ("failed", i16::try_from(*status).ok(), Some(error.as_str()))
            }
            AttemptOutcome::Error { error } => ("error", None, Some(error.as_str())),
        }
    }
}

/// What happens to the delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Done.
    Delivered,
    /// Try again at this instant.
    RetryAt(DateTime<Utc>),
    /// Give up (dead letter).
    Dead,
}

/// Records an attempt and moves the delivery on, if `lease` still holds it. Returns whether
/// the lease was still held (the attempt is recorded either way).
pub async fn finish(
    conn: &mut AsyncPgConnection,
    lease: &Lease,
    worker: &str,
    started_at: DateTime<Utc>,
    outcome: &AttemptOutcome,
    next: Next,
) -> QueryResult<bool> {
    let (label, status_code, error) = outcome.parts();
    let error = error.map(|e| e.chars().take(500).collect::<String>());
    crate::in_transaction(conn, async |conn| {
        diesel::insert_into(webhook_attempts::table)
            .values((
                webhook_attempts::vendor.eq(&lease.vendor),
                webhook_attempts::delivery_id.eq(lease.id),
                webhook_attempts::attempt.eq(lease.attempt),
                webhook_attempts::worker.eq(worker),
                webhook_attempts::started_at.eq(started_at),
                webhook_attempts::finished_at.eq(Utc::now()),
                webhook_attempts::outcome.eq(label),
                webhook_attempts::status_code.eq(status_code),
                webhook_attempts::error.eq(&error),
            ))
            .execute(conn)
            .await?;
        let target = webhook_deliveries::table
            .find((&lease.vendor, lease.id))
            .filter(webhook_deliveries::status.eq("delivering"))
            .filter(webhook_deliveries::lease_token.eq(lease.lease_token));
        let no_time: Option<DateTime<Utc>> = None;
        let no_uuid: Option<Uuid> = None;
        let no_text: Option<String> = None;
        let common = (
            webhook_deliveries::lease_token.eq(no_uuid),
            webhook_deliveries::lease_owner.eq(no_text),
            webhook_deliveries::lease_expires_at.eq(no_time),
            webhook_deliveries::last_status_code.eq(status_code),
            webhook_deliveries::last_error.eq(&error),
            webhook_deliveries::updated_at.eq(diesel::dsl::now),
        );
        let n = match next {
            Next::Delivered => {
                diesel::update(target)
                    .set((
                        common,
                        webhook_deliveries::status.eq("delivered"),
                        webhook_deliveries::delivered_at.eq(diesel::dsl::now),
                    ))
                    .execute(conn)
                    .await?
            }
            Next::RetryAt(at) => {
                diesel::update(target)
                    .set((
                        common,
                        webhook_deliveries::status.eq("pending"),
                        webhook_deliveries::next_attempt_at.eq(at),
                    ))
                    .execute(conn)
                    .await?
            }
            Next::Dead => {
                diesel::update(target)
                    .set((
                        common,
                        webhook_deliveries::status.eq("dead"),
                        webhook_deliveries::dead_at.eq(diesel::dsl::now),
                    ))
                    .execute(conn)
                    .await?
            }
        };
        // The subscription may have been deleted while this attempt was in flight.
        diesel::sql_query(
            "UPDATE webhook_deliveries d SET status = 'cancelled', updated_at = now()
             FROM webhooks w
             WHERE d.vendor = $1 AND d.id = $2 AND d.status = 'pending'
               AND w.vendor = d.vendor AND w.id = d.webhook_id
               AND w.deleted_at IS NOT NULL",
        )
        .bind::<Text, _>(&lease.vendor)
        .bind::<SqlUuid, _>(lease.id)
        .execute(conn)
        .await?;
        Ok(n == 1)
    })
    .await
}

/// Records the attempt a worker lost when it died holding a lease (called by the worker
/// that took the expired lease over).
pub async fn record_lost_attempt(
    conn: &mut AsyncPgConnection,
    lease: &Lease,
    owner: &str,
) -> QueryResult<()> {
    diesel::insert_into(webhook_attempts::table)
        .values((
            webhook_attempts::vendor.eq(&lease.vendor),
            webhook_attempts::delivery_id.eq(lease.id),
            webhook_attempts::attempt.eq(lease.attempt - 1),
            webhook_attempts::worker.eq(owner),
            webhook_attempts::started_at.eq(lease.previous_claim_at),
            webhook_attempts::finished_at.eq(Utc::now()),
            webhook_attempts::outcome.eq("error"),
            webhook_attempts::error.eq("lease expired: the worker stopped before finishing"),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Gives leases back (graceful shutdown): the deliveries are pending and due again, and
/// the unstarted attempt is not counted.
pub async fn release(conn: &mut AsyncPgConnection, tokens: &[Uuid]) -> QueryResult<usize> {
    if tokens.is_empty() {
        return Ok(0);
    }
    diesel::sql_query(
        "UPDATE webhook_deliveries
         SET status = 'pending', lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL,
             next_attempt_at = now(), attempts = greatest(attempts - 1, 0), updated_at = now()
         WHERE status = 'delivering' AND lease_token = ANY ($1)",
    )
    .bind::<Array<SqlUuid>, _>(tokens)
    .execute(conn)
    .await
}

/// Counts of deliveries by status (metrics).
pub async fn counts_by_status(conn: &mut AsyncPgConnection) -> QueryResult<Vec<(String, i64)>> {
    webhook_deliveries::table
        .group_by(webhook_deliveries::status)
        .select((webhook_deliveries::status, diesel::dsl::count_star()))
        .load(conn)
        .await
}

/// Extends the lease of deliveries still in flight (long requests).
pub async fn extend(
    conn: &mut AsyncPgConnection,
    tokens: &[Uuid],
    lease_seconds: f64,
) -> QueryResult<usize> {
    if tokens.is_empty() {
        return Ok(0);
    }
    diesel::sql_query(
        "UPDATE webhook_deliveries SET lease_expires_at = now() + make_interval(secs => $2)
         WHERE status = 'delivering' AND lease_token = ANY ($1)",
    )
    .bind::<Array<SqlUuid>, _>(tokens)
    .bind::<Float8, _>(lease_seconds)
    .execute(conn)
    .await
}
