//! Customer entitlements: developer-time budgets, logging time, purchases and sessions.
//!
//! The vendor's adapter decides the budget of a plan year, what may be bought and which
//! sessions may be booked; the store keeps the ledgers. Writers lock the customer row
//! (`SELECT ... FOR UPDATE`) before reading the balance, so parallel requests never
//! overspend.

use actix_web::{get, http::StatusCode, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncPgConnection;
use serde_json::json;
use tierline_core::{
    Budget, Customer, Denial, Minutes, PurchaseItem, SessionGrant, SessionRequest, SharedAdapter,
};
use tierline_store::entitlements::{self, NewDeveloperTime, NewPurchase, NewSession};
use tierline_store::idempotency::Resource;
use tierline_store::models::CustomerRow;
use tierline_store::{customers, lifecycle, outbox, tickets, Visibility};
use uuid::Uuid;

use crate::auth::{Principal, Role};
use crate::dto::lifecycle::{
    CreatePurchase, CreateSession, DenialBody, DeveloperTimeBudget, DeveloperTimeEntry,
    EntitlementsBody, LogDeveloperTime, OfferBody, OverageBody, PurchaseBody, SessionBody,
};
use crate::dto::ReasonBody;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::customers::core_customer;
use crate::handlers::tickets::json_enum;
use crate::handlers::{before_year_one, denied, in_future, to_json, visible_customer};
use crate::idempotent::{self, Outcome};
use crate::state::AppState;

/// The budget of the plan year containing `day`, or why there is none.
fn budget_of(
    adapter: &SharedAdapter,
    customer: &Customer,
    day: NaiveDate,
) -> Result<Budget, Option<Denial>> {
    adapter.developer_budget(customer, day).map_err(Some)
}

/// The developer-time balance of a plan year.
struct Balance {
    budget: Result<Budget, Option<Denial>>,
    used: i64,
    purchased: i64,
}

impl Balance {
    /// Included + purchased - used, never below zero; 0 without a budget.
    fn remaining(&self) -> i64 {
        match &self.budget {
            Ok(b) => (b.included.0.max(0).saturating_add(self.purchased.max(0)))
                .saturating_sub(self.used.max(0))
                .max(0),
            Err(_) => 0,
        }
    }
}

async fn balance(
    conn: &mut AsyncPgConnection,
    adapter: &SharedAdapter,
    row: &CustomerRow,
    customer: &Customer,
    day: NaiveDate,
) -> Result<Balance, ApiError> {
    let budget = budget_of(adapter, customer, day);
    let (used, purchased) = match &budget {
        Ok(b) => (
            entitlements::charged_minutes(conn, &row.vendor, row.id, b.period_start).await?,
            entitlements::purchased_minutes(conn, &row.vendor, row.id, b.period_start).await?,
        ),
        Err(_) => (0, 0),
    };
    Ok(Balance {
        budget,
        used,
        purchased,
    })
}

/// A visible customer (404 otherwise) with its adapter; locked when `for_update`.
async fn customer_of(
    conn: &mut AsyncPgConnection,
    state: &AppState,
    principal: &Principal,
    id: Uuid,
    for_update: bool,
) -> Result<(CustomerRow, Customer, SharedAdapter), ApiError> {
    let found = visible_customer(conn, principal, id).await?;
    let row = if for_update {
        customers::find_for_update(conn, &found.vendor, id)
            .await?
            .ok_or(ApiError::NotFound("customer"))?
    } else {
        found
    };
    let adapter = state.adapter_of(&row.vendor)?.clone();
    let customer = core_customer(&row)?;
    Ok((row, customer, adapter))
}

fn local_day(adapter: &SharedAdapter, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&adapter.calendar().zone()).date_naive()
}

/// How far back developer time may be logged for a customer without a plan year.
const MAX_DEVELOPER_TIME_AGE: chrono::Duration = chrono::Duration::days(366);

/// The field error when developer time at `at` lies before what may still be logged: the
/// start of the customer's current plan year (the budget of `now`'s day), or, when the
/// customer has no plan year (no budget), the day 366 days before `now`. Days are the
/// vendor's local days, as the plan years are.
fn too_old(
    adapter: &SharedAdapter,
    customer: &Customer,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<FieldError> {
    let today = local_day(adapter, now);
    let (earliest, what) = match budget_of(adapter, customer, today) {
        Ok(budget) => (
            budget.period_start,
            "the start of the customer's current plan year",
        ),
        Err(_) => (
            local_day(adapter, now - MAX_DEVELOPER_TIME_AGE),
            "366 days ago (the customer has no plan year)",
        ),
    };
    (local_day(adapter, at) < earliest).then(|| {
        FieldError::new(
            "at",
            "out_of_range",
            format!("must not lie before {earliest}, {what}"),
        )
    })
}

/// Developer minutes included, bought, used and left in the customer's current plan year,
/// the period bounds, and whether extra developer time can be bought and at what price.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Customer id")),
    responses(
        (status = 200, body = EntitlementsBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/customers/{id}/entitlements")]
pub async fn get_entitlements(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Helpdesk, Role::Agent],
        "read customers",
    )?;
    let mut conn = state.conn().await?;
    let (row, customer, adapter) = customer_of(&mut conn, &state, &principal, *id, false).await?;
    let day = local_day(&adapter, state.now());
    let bal = balance(&mut conn, &adapter, &row, &customer, day).await?;
    let remaining = bal.remaining();
    let overage = match adapter.purchase(
        &customer,
        PurchaseItem::DeveloperCall,
        1,
        Minutes(remaining),
    ) {
        Ok(quote) => OverageBody {
            available: true,
            unit_price: quote.unit_price,
            minutes_per_unit: Some(quote.adds_minutes.0),
            denial: None,
        },
        Err(denial) => OverageBody {
            available: false,
            unit_price: None,
            minutes_per_unit: None,
            denial: Some(DenialBody::from(&denial)),
        },
    };
    let (developer_time, no_developer_time) = match &bal.budget {
        Ok(b) => (
            Some(DeveloperTimeBudget {
                period_start: b.period_start,
                period_end: b.period_end,
                included_minutes: b.included.0,
                purchased_minutes: bal.purchased,
                used_minutes: bal.used,
                remaining_minutes: remaining,
                explanation: ReasonBody::all(&b.explanation),
            }),
            None,
        ),
        Err(denial) => (None, denial.as_ref().map(DenialBody::from)),
    };
    Ok(HttpResponse::Ok().json(EntitlementsBody {
        customer_id: row.id,
        vendor: row.vendor,
        plan: row.plan,
        on: day,
        developer_time,
        no_developer_time,
        overage,
    }))
}

/// Logs developer time against a customer. It draws down the budget of the plan year of
/// `at` and answers 409 `insufficient_developer_time` when that would go below zero. Work on
/// a ticket whose escalation the vendor does not charge (a regression) is recorded, not
/// charged.
///
/// `at` (default now) may not lie in the future (422 `in_future`), nor before the start of
/// the customer's current plan year (422 `out_of_range` on `at`): past plan years are
/// closed. For a customer without a plan year (a plan without developer time) the limit is
/// 366 days ago. Days are counted in the vendor's time zone.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = LogDeveloperTime,
    params(
        ("id" = Uuid, Path, description = "Customer id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
    ),
    responses(
        (status = 201, body = DeveloperTimeEntry),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/customers/{id}/developer-time")]
pub async fn log_developer_time(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<LogDeveloperTime>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Agent], "log developer time")?;
    let input = body.value.clone();
    if !(1..=10_000).contains(&input.minutes) {
        return Err(ApiError::field(
            "minutes",
            "out_of_range",
            "minutes must be between 1 and 10000",
        ));
    }
    let now = state.now();
    let at = input.at.unwrap_or(now);
    if let Some(e) = in_future("at", at, now).or_else(|| before_year_one("at", Some(at))) {
        return Err(ApiError::Validation(vec![e]));
    }
    let actor = principal.actor();
    let id = *id;
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let (row, customer, adapter) = customer_of(conn, &state, &principal, id, true).await?;
        if let Some(e) = too_old(&adapter, &customer, at, now) {
            return Err(ApiError::Validation(vec![e]));
        }
        let mut charged = true;
        let mut explanation = Vec::new();
        if let Some(ticket_id) = input.ticket_id {
            let ticket = tickets::find(conn, ticket_id, &Visibility::vendor(&row.vendor))
                .await?
                .filter(|t| t.customer_id == row.id)
                .ok_or_else(|| {
                    ApiError::field(
                        "ticket_id",
                        "unknown_ticket",
                        "this customer has no ticket with this id",
                    )
                })?;
            let life = lifecycle::lifecycle(conn, &ticket.vendor, ticket.id).await?;
            if let Some(escalation) = &life.escalation {
                if escalation.get("charges_developer_time") == Some(&json!(false)) {
                    charged = false;
                    explanation = escalation
                        .get("explanation")
                        .cloned()
                        .and_then(|e| serde_json::from_value(e).ok())
                        .unwrap_or_default();
                    explanation.push(ReasonBody {
                        rule: "tierline.developer_time.not_charged".into(),
                        text: "The ticket's escalation does not charge developer time; the work \
                               is recorded but not drawn from the budget."
                            .into(),
                    });
                }
            }
        }
        let day = local_day(&adapter, at);
        let bal = balance(conn, &adapter, &row, &customer, day).await?;
        let remaining = bal.remaining();
        let mut period_start = None;
        let mut remaining_after = None;
        let mut exhausted = None;
        if charged {
            let budget = match &bal.budget {
                Ok(b) => b,
                Err(denial) => {
                    let mut extra = serde_json::Map::new();
                    extra.insert("remaining_minutes".into(), json!(0));
                    extra.insert("requested_minutes".into(), json!(input.minutes));
                    if let Some(d) = denial {
                        extra.insert("rule".into(), json!(d.rule.to_string()));
                        extra.insert(
                            "offer".into(),
                            to_json(&d.offer.as_ref().map(OfferBody::from))?,
                        );
                    }
                    return Err(ApiError::Denied {
                        status: StatusCode::CONFLICT,
                        code: "insufficient_developer_time",
                        detail: denial.as_ref().map_or_else(
                            || "the customer's plan includes no developer time".to_owned(),
                            |d| d.reason.clone(),
                        ),
                        extra,
                    });
                }
            };
            if input.minutes > remaining {
                let mut extra = serde_json::Map::new();
                extra.insert("remaining_minutes".into(), json!(remaining));
                extra.insert("requested_minutes".into(), json!(input.minutes));
                return Err(ApiError::Denied {
                    status: StatusCode::CONFLICT,
                    code: "insufficient_developer_time",
                    detail: format!(
                        "logging {} minutes would take the balance below zero: {remaining} \
                         minutes left in the plan year {}..{}",
                        input.minutes, budget.period_start, budget.period_end
                    ),
                    extra,
                });
            }
            period_start = Some(budget.period_start);
            remaining_after = Some(remaining - input.minutes);
            if remaining > 0 && remaining == input.minutes {
                exhausted = Some(json!({
                    "customer_id": row.id,
                    "vendor": row.vendor,
                    "period_start": budget.period_start,
                    "period_end": budget.period_end,
                    "included_minutes": budget.included.0,
                    "purchased_minutes": bal.purchased,
                    "used_minutes": bal.used.saturating_add(input.minutes),
                    "remaining_minutes": 0,
                    "at": at,
                }));
            }
            explanation = ReasonBody::all(&budget.explanation);
        } else if bal.budget.is_ok() {
            remaining_after = Some(remaining);
        }
        let entry = entitlements::insert_developer_time(
            conn,
            &NewDeveloperTime {
                vendor: row.vendor.clone(),
                customer_id: row.id,
                minutes: input.minutes,
                charged,
                period_start,
                ticket_id: input.ticket_id,
                at,
                actor: actor.clone(),
                explanation: to_json(&explanation)?,
            },
        )
        .await?;
        if let Some(payload) = exhausted {
            outbox::enqueue(
                conn,
                &outbox::NewEvent {
                    vendor: &row.vendor,
                    kind: outbox::ENTITLEMENT_EXHAUSTED,
                    ticket_id: input.ticket_id,
                    payload,
                },
            )
            .await?;
        }
        let body = DeveloperTimeEntry {
            seq: entry.seq,
            minutes: entry.minutes,
            charged: entry.charged,
            period_start: entry.period_start,
            ticket_id: entry.ticket_id,
            at: entry.at,
            actor: entry.actor,
            remaining_minutes: remaining_after,
            explanation,
        };
        Outcome::created(
            &body,
            format!("/api/v1/customers/{id}/entitlements"),
            Resource::Customer(id),
        )
    })
    .await
}

/// Buys developer overage calls or screen sharing, where the vendor's policy allows it; a
/// denial answers 422 `purchase_not_allowed` with the reason, the rule and any `offer`.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = CreatePurchase,
    params(
        ("id" = Uuid, Path, description = "Customer id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
    ),
    responses(
        (status = 201, body = PurchaseBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/customers/{id}/purchases")]
pub async fn create_purchase(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<CreatePurchase>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Agent], "buy for customers")?;
    let input = body.value.clone();
    if !(1..=100).contains(&input.quantity) {
        return Err(ApiError::field(
            "quantity",
            "out_of_range",
            "quantity must be between 1 and 100",
        ));
    }
    let actor = principal.actor();
    let id = *id;
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let (row, customer, adapter) = customer_of(conn, &state, &principal, id, true).await?;
        let day = local_day(&adapter, state.now());
        let bal = balance(conn, &adapter, &row, &customer, day).await?;
        let quote = adapter
            .purchase(
                &customer,
                input.item,
                input.quantity,
                Minutes(bal.remaining()),
            )
            .map_err(|d| denied(StatusCode::UNPROCESSABLE_ENTITY, "purchase_not_allowed", &d))?;
        let quantity = i32::try_from(quote.quantity)
            .map_err(|_| ApiError::field("quantity", "out_of_range", "quantity is too large"))?;
        let period_start = bal.budget.as_ref().ok().map(|b| b.period_start);
        let explanation = ReasonBody::all(&quote.explanation);
        let seq = entitlements::insert_purchase(
            conn,
            &NewPurchase {
                vendor: row.vendor.clone(),
                customer_id: row.id,
                item: json_enum(&quote.item),
                quantity,
                adds_minutes: if period_start.is_some() {
                    quote.adds_minutes.0
                } else {
                    0
                },
                period_start,
                quote: json!({
                    "unit_price": quote.unit_price,
                    "total": quote.total,
                    "adds_minutes": quote.adds_minutes,
                    "explanation": explanation,
                }),
                actor: actor.clone(),
            },
        )
        .await?;
        let body = PurchaseBody {
            seq,
            item: quote.item,
            quantity: quote.quantity,
            unit_price: quote.unit_price,
            total: quote.total,
            adds_minutes: quote.adds_minutes.0,
            explanation,
        };
        Outcome::created(
            &body,
            format!("/api/v1/customers/{id}/entitlements"),
            Resource::Customer(id),
        )
    })
    .await
}

/// Books an onboarding or screen-sharing session; the vendor's policy checks lead time and
/// support hours (422 `session_not_allowed` with the reason otherwise).
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = CreateSession,
    params(
        ("id" = Uuid, Path, description = "Customer id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
    ),
    responses(
        (status = 201, body = SessionBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/customers/{id}/sessions")]
pub async fn create_session(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<CreateSession>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Agent], "book sessions")?;
    let input = body.value.clone();
    if !(1..=480).contains(&input.minutes) {
        return Err(ApiError::field(
            "minutes",
            "out_of_range",
            "minutes must be between 1 and 480",
        ));
    }
    let actor = principal.actor();
    let id = *id;
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let now = state.now();
        // Locked: parallel bookings must not use up the same purchase twice.
        let (row, customer, adapter) = customer_of(conn, &state, &principal, id, true).await?;
        if input.starts_at < now {
            return Err(ApiError::field(
                "starts_at",
                "in_past",
                "a session cannot start in the past",
            ));
        }
        let bought = entitlements::unused_screen_shares(conn, &row.vendor, row.id).await?;
        let grant = adapter
            .book_session(
                &customer,
                &SessionRequest {
                    kind: input.kind,
                    starts_at: input.starts_at,
                    minutes: Minutes(input.minutes),
                    booked_at: now,
                    screen_shares_bought: u32::try_from(bought).unwrap_or(u32::MAX),
                },
            )
            .map_err(|d| denied(StatusCode::UNPROCESSABLE_ENTITY, "session_not_allowed", &d))?;
        let session = NewSession {
            vendor: row.vendor.clone(),
            customer_id: row.id,
            id: Uuid::now_v7(),
            kind: json_enum(&input.kind),
            starts_at: input.starts_at,
            minutes: input.minutes,
            booked_at: now,
            actor: actor.clone(),
            uses_purchase: grant == SessionGrant::UsesPurchase,
        };
        entitlements::insert_session(conn, &session).await?;
        let body = SessionBody {
            id: session.id,
            customer_id: row.id,
            kind: input.kind,
            starts_at: input.starts_at,
            minutes: input.minutes,
            booked_at: now,
            grant,
        };
        Outcome::created(
            &body,
            format!("/api/v1/customers/{id}/sessions/{}", session.id),
            Resource::Customer(id),
        )
    })
    .await
}
