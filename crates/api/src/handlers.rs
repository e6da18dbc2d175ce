//! HTTP handlers, thin: parse at the edge, call the store and the adapters, shape the answer.
//!
//! The helpers below are what several handler families share: loading a row the caller may
//! see (404 otherwise, exactly as a missing one), query-parameter problems and pages, instants
//! that may not lie in the future, and a vendor policy's "no" as a problem.

use actix_web::http::StatusCode;
use chrono::{DateTime, Datelike, Utc};
use diesel_async::AsyncPgConnection;
use serde_json::json;
use tierline_core::Denial;
use tierline_store::models::{CustomerRow, TicketRow};
use tierline_store::{customers as customer_rows, tickets as ticket_rows};
use uuid::Uuid;

use crate::auth::Principal;
use crate::dto::lifecycle::OfferBody;
use crate::error::{ApiError, FieldError};

pub mod api_keys;
pub mod customers;
pub mod entitlements;
pub mod lifecycle;
pub mod meta;
pub mod metrics;
pub mod queue;
pub mod sla;
pub mod tickets;
pub mod triage;
pub mod vendors;
pub mod webhooks;

/// How far in the future a client-given instant may lie (clock skew between systems).
pub(crate) const MAX_FUTURE_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// A response body as JSON; failing to serialize one of our own types is a bug (500).
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The JSON text of `v`, for a JSONB column.
pub(crate) fn json_text<T: serde::Serialize>(v: &T) -> Result<tierline_store::JsonText, ApiError> {
    tierline_store::JsonText::new(v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// A ticket the caller may see, or 404.
pub(crate) async fn visible_ticket(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<TicketRow, ApiError> {
    ticket_rows::find(conn, id, &principal.visibility())
        .await?
        .ok_or(ApiError::NotFound("ticket"))
}

/// A customer the caller may see, or 404.
pub(crate) async fn visible_customer(
    conn: &mut AsyncPgConnection,
    principal: &Principal,
    id: Uuid,
) -> Result<CustomerRow, ApiError> {
    customer_rows::find(conn, id, &principal.visibility())
        .await?
        .ok_or(ApiError::NotFound("customer"))
}

/// A 400 for one query parameter.
pub(crate) fn invalid_query(field: &str, code: &'static str, message: &str) -> ApiError {
    ApiError::BadRequest {
        code,
        detail: message.to_owned(),
        errors: vec![FieldError::new(field, "invalid_value", message)],
    }
}

/// The `limit` query parameter: `default` when absent, else 1 to `max` (400 otherwise).
pub(crate) fn page_limit(limit: Option<u32>, default: u32, max: u32) -> Result<u32, ApiError> {
    let limit = limit.unwrap_or(default);
    if !(1..=max).contains(&limit) {
        return Err(invalid_query(
            "limit",
            "invalid_query",
            &format!("limit must be between 1 and {max}"),
        ));
    }
    Ok(limit)
}

/// The `cursor` query parameter of an id-ordered listing: the last id of the previous page
/// (400 `invalid_cursor` when it is not one).
pub(crate) fn id_cursor(cursor: Option<&str>) -> Result<Option<uuid::Uuid>, ApiError> {
    cursor
        .map(|c| {
            uuid::Uuid::parse_str(c).map_err(|_| {
                invalid_query(
                    "cursor",
                    "invalid_cursor",
                    "not a cursor returned by this API",
                )
            })
        })
        .transpose()
}

/// Cuts rows fetched with `limit + 1` down to one page; `true` when another page follows.
pub(crate) fn take_page<T>(rows: &mut Vec<T>, limit: u32) -> bool {
    let limit = limit as usize;
    let more = rows.len() > limit;
    rows.truncate(limit);
    more
}

/// A field error when a client-given instant lies in the future (beyond clock skew).
pub(crate) fn in_future(field: &str, at: DateTime<Utc>, now: DateTime<Utc>) -> Option<FieldError> {
    (at > now + MAX_FUTURE_SKEW)
        .then(|| FieldError::new(field, "in_future", "must not lie in the future"))
}

/// A field error when a client-given date or instant lies before year 1. RFC 3339 has no such
/// dates, and PostgreSQL cannot store the earliest ones chrono parses (a 500 otherwise).
pub(crate) fn before_year_one(field: &str, date: Option<impl Datelike>) -> Option<FieldError> {
    date.filter(|d| d.year() < 1)
        .map(|_| FieldError::new(field, "out_of_range", "must not lie before year 1"))
}

/// The problem members of a policy's denial: the `rule`, the `reason` and any `offer`.
pub(crate) fn denial_members(denial: &Denial) -> serde_json::Map<String, serde_json::Value> {
    let mut extra = serde_json::Map::new();
    extra.insert("rule".into(), json!(denial.rule.to_string()));
    extra.insert("reason".into(), json!(denial.reason));
    extra.insert(
        "offer".into(),
        json!(denial.offer.as_ref().map(OfferBody::from)),
    );
    extra
}

/// A policy's denial as a problem (409 or 422) with its rule, reason and offer.
pub(crate) fn denied(status: StatusCode, code: &'static str, denial: &Denial) -> ApiError {
    ApiError::Denied {
        status,
        code,
        detail: denial.reason.clone(),
        extra: denial_members(denial),
    }
}
