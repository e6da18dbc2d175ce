//! The vendor's working queue.

use actix_web::{get, web, HttpResponse};

use tierline_store::lifecycle;

use crate::auth::{Principal, Role};
use crate::dto::lifecycle::{QueueList, QueueQuery};
use crate::error::{ApiError, Problem};
use crate::handlers::tickets::ticket_body;
use crate::handlers::{invalid_query, page_limit};
use crate::state::AppState;

/// A vendor's open and pending tickets in the order its policy works them (the stored queue
/// key, recomputed whenever a ticket's due times change): Connex Platinum first then oldest,
/// StoreConnect critical then high then by due time, IEX first come first served.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, body = QueueList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/queue")]
pub async fn get_queue(
    principal: Principal,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Helpdesk, Role::Agent], "read queues")?;
    let q = query.into_inner();
    let adapter = state.registry.find(&q.vendor).ok_or_else(|| {
        invalid_query(
            "vendor",
            "invalid_query",
            "no such vendor (see GET /vendors)",
        )
    })?;
    let vendor = adapter.id().to_string();
    principal.require_vendor(&vendor)?;
    let limit = page_limit(q.limit, 50, 200)?;
    let mut conn = state.conn().await?;
    let rows = lifecycle::queue(
        &mut conn,
        &vendor,
        &principal.visibility(),
        i64::from(limit),
    )
    .await?;
    let now = state.now();
    let items = rows
        .into_iter()
        .map(|r| ticket_body(&state, r, now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(QueueList { vendor, items }))
}
