//! Vendors, their plans and their calendars.

use actix_web::{get, web, HttpResponse};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use tierline_core::SharedAdapter;

use crate::auth::Principal;
use crate::dto::{
    CalendarBody, CalendarRange, ClosureBody, OpenIntervalBody, PlanBody, PriceBody, VendorBody,
};
use crate::error::{ApiError, FieldError, Problem};
use crate::handlers::invalid_query;
use crate::state::AppState;

pub(crate) fn adapter<'a>(
    state: &'a AppState,
    vendor: &str,
) -> Result<&'a SharedAdapter, ApiError> {
    state
        .registry
        .find(vendor)
        .ok_or(ApiError::NotFound("vendor"))
}

/// Every vendor this deployment serves.
#[utoipa::path(tag = "vendors", security(("bearer" = [])), responses(
    (status = 200, body = Vec<VendorBody>),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
#[get("/vendors")]
pub async fn list_vendors(_principal: Principal, state: web::Data<AppState>) -> HttpResponse {
    let vendors: Vec<VendorBody> = state
        .registry
        .iter()
        .map(|a| VendorBody {
            id: a.id().to_string(),
            name: a.name().to_owned(),
            locales: a.locales().to_vec(),
            time_zone: a.calendar().zone().name().to_owned(),
            business_day_minutes: a.business_day().get(),
        })
        .collect();
    HttpResponse::Ok().json(vendors)
}

/// A vendor's plans, smallest first (with legacy aliases).
#[utoipa::path(tag = "vendors", security(("bearer" = [])),
    params(("vendor" = String, Path, description = "Vendor id")),
    responses(
        (status = 200, body = Vec<PlanBody>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/vendors/{vendor}/plans")]
pub async fn list_plans(
    _principal: Principal,
    state: web::Data<AppState>,
    vendor: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let adapter = adapter(&state, &vendor)?;
    let plans: Vec<PlanBody> = adapter
        .plans()
        .iter()
        .map(|p| PlanBody {
            id: p.id.to_string(),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            rank: p.rank,
            tier_ceiling: p.tier_ceiling.clone(),
            developer_minutes_per_year: p.developer_minutes_per_year.map(|m| m.0),
            includes_screen_sharing: p.includes_screen_sharing,
            prices: p
                .prices
                .iter()
                .map(|pr| PriceBody {
                    cycle: pr.cycle,
                    amount: pr.amount,
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(plans))
}

/// A vendor's open intervals and closures (with their names) between two local dates.
#[utoipa::path(tag = "vendors", security(("bearer" = [])),
    params(("vendor" = String, Path, description = "Vendor id"), CalendarRange),
    responses(
        (status = 200, body = CalendarBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/vendors/{vendor}/calendar")]
pub async fn get_calendar(
    _principal: Principal,
    state: web::Data<AppState>,
    vendor: web::Path<String>,
    range: web::Query<CalendarRange>,
) -> Result<HttpResponse, ApiError> {
    let adapter = adapter(&state, &vendor)?;
    let calendar = adapter.calendar();
    let zone = calendar.zone();
    let bad = |field: &str, message: &str| invalid_query(field, "invalid_query", message);
    let from = range
        .from
        .unwrap_or_else(|| state.now().with_timezone(&zone).date_naive());
    let to = match range.to {
        Some(to) => to,
        None => from
            .checked_add_days(Days::new(13))
            .ok_or_else(|| bad("from", "date out of range"))?,
    };
    if to < from {
        return Err(bad("to", "`to` must not be before `from`"));
    }
    if (to - from).num_days() > 366 {
        return Err(bad("to", "at most 366 days per request"));
    }
    let start_of = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|n| zone.from_local_datetime(&n).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    let after = to
        .checked_add_days(Days::new(1))
        .ok_or_else(|| bad("to", "date out of range"))?;
    let (Some(start), Some(end)) = (start_of(from), start_of(after)) else {
        return Err(bad("from", "date out of range"));
    };
    let unsupported = |e: tierline_calendar::CalendarError| ApiError::BadRequest {
        code: "unsupported_date",
        detail: e.to_string(),
        errors: vec![FieldError::new("from", "out_of_range", e.to_string())],
    };
    let open = calendar.open_intervals(start, end).map_err(unsupported)?;
    let closures = calendar.closures(from, to).map_err(unsupported)?;
    Ok(HttpResponse::Ok().json(CalendarBody {
        vendor: adapter.id().to_string(),
        time_zone: zone.name().to_owned(),
        from,
        to,
        open: open
            .into_iter()
            .map(|o| OpenIntervalBody {
                start: o.start,
                end: o.end,
                local_date: o.local_date,
                special: o.special,
            })
            .collect(),
        closures: closures
            .into_iter()
            .map(|c| ClosureBody {
                date: c.date,
                name: c.name,
                kind: match c.kind {
                    tierline_calendar::ClosureKind::Closed => "closed".into(),
                    tierline_calendar::ClosureKind::LimitedHours => "limited_hours".into(),
                },
                hours: c.hours.iter().map(ToString::to_string).collect(),
            })
            .collect(),
    }))
}
