//! Webhook subscriptions, their deliveries and redelivery. Admins, and agents within their
//! vendor.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use tierline_store::idempotency::Resource;
use tierline_store::outbox::EVENT_KINDS;
use tierline_store::webhooks::{
    self, AttemptRow, DeliveryFilter, DeliveryRow, RedeliverRefusal, WebhookChanges, WebhookRow,
};
use uuid::Uuid;

use crate::auth::{Principal, Role};
use crate::dto::webhooks::{
    AttemptBody, CreateWebhook, CreatedWebhookBody, DeliveryBody, DeliveryPage, ListDeliveries,
    ListWebhooks, PingBody, RotateSecret, RotatedWebhookBody, UpdateWebhook, WebhookBody,
    WebhookList,
};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::{before_year_one, invalid_query, page_limit, take_page};
use crate::idempotent::{self, Outcome};
use crate::state::AppState;

const ROLES: &[Role] = &[Role::Admin, Role::Agent];

fn body(row: &WebhookRow) -> WebhookBody {
    WebhookBody {
        id: row.id,
        vendor: row.vendor.clone(),
        url: row.url.clone(),
        events: row.events.clone(),
        description: row.description.clone(),
        active: row.active,
        created_at: row.created_at,
        previous_secret_expires_at: row
            .previous_secret_expires_at
            .filter(|until| *until > Utc::now()),
    }
}

fn attempt_body(a: AttemptRow) -> AttemptBody {
    AttemptBody {
        attempt: a.attempt,
        outcome: a.outcome,
        status_code: a.status_code,
        error: a.error,
        started_at: a.started_at,
        finished_at: a.finished_at,
        worker: a.worker,
    }
}

fn delivery_body(d: DeliveryRow, attempts: Vec<AttemptRow>) -> DeliveryBody {
    DeliveryBody {
        id: d.id,
        event_id: d.event_id,
        next_attempt_at: (d.status == "pending").then_some(d.next_attempt_at),
        status: d.status,
        attempts: d.attempts,
        last_status_code: d.last_status_code,
        last_error: d.last_error,
        delivered_at: d.delivered_at,
        dead_at: d.dead_at,
        created_at: d.created_at,
        attempt_log: attempts.into_iter().map(attempt_body).collect(),
    }
}

/// Checks a receiver URL: absolute `http`/`https` with a host, no credentials, no fragment.
pub fn check_url(raw: &str) -> Result<String, FieldError> {
    let bad = |msg: &str| FieldError::new("url", "invalid_url", msg);
    let raw = raw.trim();
    if raw.len() > 2000 {
        return Err(bad("at most 2000 characters"));
    }
    let url = url::Url::parse(raw).map_err(|e| bad(&format!("not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("the URL needs a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "credentials in the URL are not accepted; deliveries are signed instead",
        ));
    }
    if url.fragment().is_some() {
        return Err(bad("a fragment is not sent to the receiver; remove it"));
    }
    Ok(url.to_string())
}

/// Resolves the URL's host and refuses destinations the operator's policy does not allow
/// (loopback, private, link-local and cloud metadata, unique-local, ... and plain `http`
/// outside the allowed networks). Deliveries check again when they connect.
async fn check_destination(
    egress: &tierline_egress::Egress,
    checked: &str,
) -> Result<(), FieldError> {
    let url = url::Url::parse(checked)
        .map_err(|e| FieldError::new("url", "invalid_url", format!("not a URL: {e}")))?;
    egress
        .check_url(&url)
        .await
        .map_err(|refusal| FieldError::new("url", refusal.code(), refusal.to_string()))
}

/// Checks subscribed event types: at least one, each known; duplicates dropped.
fn check_events(errors: &mut Vec<FieldError>, given: &[String]) -> Vec<String> {
    if given.is_empty() {
        errors.push(FieldError::new(
            "events",
            "required",
            "subscribe to at least one event type",
        ));
    }
    let mut events: Vec<String> = Vec::new();
    for (i, e) in given.iter().enumerate() {
        if !EVENT_KINDS.contains(&e.as_str()) {
            errors.push(FieldError::new(
                format!("events[{i}]"),
                "unknown_event",
                format!("one of {}", EVENT_KINDS.join(", ")),
            ));
        } else if !events.contains(e) {
            events.push(e.clone());
        }
    }
    events
}

/// How long a rotated-out secret keeps signing unless the caller says otherwise: 24 hours.
const DEFAULT_GRACE_SECONDS: i64 = 86_400;
/// The longest grace period: 7 days.
const MAX_GRACE_SECONDS: i64 = 604_800;

fn new_secret() -> String {
    format!(
        "whsec_{}{}",
        Uuid::new_v4().simple(),
        Uuid::new_v4().simple()
    )
}

/// Subscribes a URL to a vendor's events. The answer carries the signing secret, once.
/// A vendor has at most `TIERLINE_WEBHOOK_MAX_PER_VENDOR` (25) live subscriptions; one more
/// answers 422 (`vendor`: `too_many`).
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    request_body = CreateWebhook,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 201, body = CreatedWebhookBody, headers(
            ("Idempotent-Withheld" = String,
             description = "In a replay: the members left out because they are secrets (`secret`)"),
        )),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/webhooks")]
pub async fn create_webhook(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    body_in: JsonBody<CreateWebhook>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage webhooks")?;
    let input = &body_in.value;
    let mut errors = Vec::new();
    let vendor = state.adapter_named(&input.vendor)?.id().to_string();
    principal.require_vendor(&vendor)?;
    let mut url = check_url(&input.url).map_err(|e| errors.push(e)).ok();
    if let Some(checked) = &url {
        if let Err(e) = check_destination(&state.egress, checked).await {
            errors.push(e);
            url = None;
        }
    }
    let events = check_events(&mut errors, &input.events);
    if let Some(s) = &input.secret {
        let n = s.chars().count();
        if !(24..=200).contains(&n) || s.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "secret",
                "invalid_value",
                "24 to 200 printable characters",
            ));
        }
    }
    if input
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 500)
    {
        errors.push(FieldError::new(
            "description",
            "too_long",
            "at most 500 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let row = WebhookRow {
        vendor,
        id: Uuid::now_v7(),
        url: url.unwrap_or_default(),
        events,
        secret: input.secret.clone().unwrap_or_else(new_secret),
        description: input.description.clone(),
        created_by: principal.actor(),
        created_at: state.now(),
        deleted_at: None,
        active: true,
        previous_secret: None,
        previous_secret_expires_at: None,
        updated_at: Utc::now(),
    };
    idempotent::run(
        &state,
        &principal,
        &key,
        &req,
        &body_in.hash,
        async |conn| {
            let max = i64::try_from(state.max_webhooks_per_vendor).unwrap_or(i64::MAX);
            let stored = webhooks::insert_capped(conn, &row, max)
                .await?
                .ok_or_else(|| {
                    ApiError::field(
                        "vendor",
                        "too_many",
                        format!(
                            "a vendor may have at most {max} webhook subscriptions; \
                             delete one first"
                        ),
                    )
                })?;
            let answer = CreatedWebhookBody {
                webhook: body(&stored),
                secret: Some(stored.secret.clone()),
                withheld: Vec::new(),
            };
            Ok(Outcome::created(
                &answer,
                format!("/api/v1/webhooks/{}", stored.id),
                Resource::Webhook(stored.id),
            )?
            .withholding(&["secret"]))
        },
    )
    .await
}

/// The caller's subscriptions (admins: all, or one vendor's).
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(ListWebhooks),
    responses(
        (status = 200, body = WebhookList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/webhooks")]
pub async fn list_webhooks(
    principal: Principal,
    state: web::Data<AppState>,
    query: web::Query<ListWebhooks>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage webhooks")?;
    let mut conn = state.conn().await?;
    let rows = webhooks::list(&mut conn, &principal.visibility(), query.vendor.as_deref()).await?;
    Ok(HttpResponse::Ok().json(WebhookList {
        items: rows.iter().map(body).collect(),
    }))
}

async fn visible(
    state: &AppState,
    principal: &Principal,
    id: Uuid,
) -> Result<(tierline_store::Conn, WebhookRow), ApiError> {
    principal.require(ROLES, "manage webhooks")?;
    let mut conn = state.conn().await?;
    let row = webhooks::find(&mut conn, id, &principal.visibility())
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    Ok((conn, row))
}

/// One subscription (without its secret).
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Webhook id")),
    responses(
        (status = 200, body = WebhookBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/webhooks/{id}")]
pub async fn get_webhook(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (_, row) = visible(&state, &principal, *id).await?;
    Ok(HttpResponse::Ok().json(body(&row)))
}

/// Changes a subscription: its URL, its event types, or whether it is active (a paused
/// subscription gets no new deliveries). Members left out stay as they are.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    request_body = UpdateWebhook,
    params(("id" = Uuid, Path, description = "Webhook id")),
    responses(
        (status = 200, body = WebhookBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/webhooks/{id}")]
pub async fn update_webhook(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body_in: JsonBody<UpdateWebhook>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage webhooks")?;
    let input = &body_in.value;
    let mut errors = Vec::new();
    let mut url = input
        .url
        .as_deref()
        .and_then(|u| check_url(u).map_err(|e| errors.push(e)).ok());
    if let Some(checked) = &url {
        if let Err(e) = check_destination(&state.egress, checked).await {
            errors.push(e);
            url = None;
        }
    }
    let events = input
        .events
        .as_deref()
        .map(|given| check_events(&mut errors, given));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let changes = WebhookChanges {
        url,
        events,
        active: input.active,
    };
    let (mut conn, row) = visible(&state, &principal, *id).await?;
    let updated = webhooks::update(&mut conn, &row.vendor, row.id, &changes)
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    Ok(HttpResponse::Ok().json(body(&updated)))
}

/// Replaces the signing secret. The new secret is in this answer only; the old one keeps
/// signing beside it for the grace period (`grace_seconds`, default 24 hours), so every
/// delivery meanwhile carries two signatures (two `v1,` entries in `webhook-signature`, two
/// `v1=` in `Tierline-Signature`) and receivers can switch without losing one.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Webhook id"), RotateSecret),
    responses(
        (status = 200, body = RotatedWebhookBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/webhooks/{id}/rotate-secret")]
pub async fn rotate_webhook_secret(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<RotateSecret>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage webhooks")?;
    let grace = query.grace_seconds.unwrap_or(DEFAULT_GRACE_SECONDS);
    if !(0..=MAX_GRACE_SECONDS).contains(&grace) {
        return Err(invalid_query(
            "grace_seconds",
            "invalid_query",
            &format!("0 to {MAX_GRACE_SECONDS} seconds"),
        ));
    }
    let (mut conn, row) = visible(&state, &principal, *id).await?;
    let old_until = Utc::now() + chrono::Duration::seconds(grace);
    let rotated = webhooks::rotate_secret(&mut conn, &row.vendor, row.id, &new_secret(), old_until)
        .await?
        .ok_or(ApiError::NotFound("webhook"))?;
    Ok(HttpResponse::Ok().json(RotatedWebhookBody {
        webhook: body(&rotated),
        secret: rotated.secret.clone(),
    }))
}

/// Queues a `ping` event for this subscription only (also when it is paused), to test the
/// receiver and its signature check. Follow it under `/webhooks/{id}/deliveries`.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Webhook id")),
    responses(
        (status = 202, body = PingBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/webhooks/{id}/ping")]
pub async fn ping_webhook(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (mut conn, row) = visible(&state, &principal, *id).await?;
    let event_id = webhooks::ping(&mut conn, &row.vendor, row.id).await?;
    Ok(HttpResponse::Accepted().json(PingBody { event_id }))
}

/// Unsubscribes: no further deliveries; pending ones are cancelled, history is kept.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Webhook id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (mut conn, row) = visible(&state, &principal, *id).await?;
    if !webhooks::delete(&mut conn, &row.vendor, row.id).await? {
        return Err(ApiError::NotFound("webhook"));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// A `next_cursor` of [`list_deliveries`]; `None` for anything this API cannot have issued
/// (including instants before year 1, which the database cannot compare).
fn parse_cursor(c: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (micros, id) = c.split_once('.')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    if before_year_one("cursor", Some(at)).is_some() {
        return None;
    }
    Some((at, Uuid::parse_str(id).ok()?))
}

/// A subscription's deliveries, newest first, each with its attempts.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Webhook id"), ListDeliveries),
    responses(
        (status = 200, body = DeliveryPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_deliveries(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    query: web::Query<ListDeliveries>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit, 20, 100)?;
    const STATUSES: &[&str] = &["pending", "delivering", "delivered", "dead", "cancelled"];
    if let Some(s) = &q.status {
        if !STATUSES.contains(&s.as_str()) {
            return Err(invalid_query(
                "status",
                "invalid_query",
                "status is pending, delivering, delivered, dead or cancelled",
            ));
        }
    }
    let before = q
        .cursor
        .as_deref()
        .map(|c| {
            parse_cursor(c).ok_or_else(|| {
                invalid_query(
                    "cursor",
                    "invalid_cursor",
                    "not a cursor returned by this API",
                )
            })
        })
        .transpose()?;
    let (mut conn, row) = visible(&state, &principal, *id).await?;
    let filter = DeliveryFilter {
        status: q.status,
        before,
        limit: i64::from(limit) + 1,
    };
    let mut rows = webhooks::deliveries(&mut conn, &row.vendor, row.id, &filter).await?;
    let next_cursor = if take_page(&mut rows, limit) {
        rows.last()
            .map(|(d, _)| format!("{}.{}", d.created_at.timestamp_micros(), d.id.simple()))
    } else {
        None
    };
    Ok(HttpResponse::Ok().json(DeliveryPage {
        items: rows.into_iter().map(|(d, a)| delivery_body(d, a)).collect(),
        next_cursor,
    }))
}

/// Schedules a delivery again, now (a delivered, dead or pending one), with a fresh retry
/// period. 409 while a worker is delivering it or when the subscription was deleted.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Webhook id"),
        ("delivery_id" = Uuid, Path, description = "Delivery id"),
    ),
    responses(
        (status = 202, body = DeliveryBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/webhooks/{id}/deliveries/{delivery_id}/redeliver")]
pub async fn redeliver_delivery(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery_id) = path.into_inner();
    let (mut conn, row) = visible(&state, &principal, id).await?;
    match webhooks::redeliver(&mut conn, &row.vendor, row.id, delivery_id).await? {
        Ok(d) => Ok(HttpResponse::Accepted().json(delivery_body(d, Vec::new()))),
        Err(RedeliverRefusal::NotFound) => Err(ApiError::NotFound("delivery")),
        Err(RedeliverRefusal::InFlight) => Err(ApiError::Conflict {
            code: "delivery_in_flight",
            detail: "a worker is delivering it right now; retry when it has finished".into(),
        }),
        Err(RedeliverRefusal::Cancelled) => Err(ApiError::Conflict {
            code: "delivery_cancelled",
            detail: "the delivery was cancelled when its webhook was deleted".into(),
        }),
    }
}
