//! Tickets: intake (routing, scope, priority, clocks) and reads.

use actix_web::http::header;
use actix_web::{get, http::StatusCode, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, SubsecRound, Utc};
use tierline_calendar::{Calendar, ClockStatus, SlaClock};
use tierline_core::{
    ClockSpec, Decision, Locale, Priority, QueueEntry, TicketIntake, TicketStatus,
};
use tierline_store::idempotency::Resource;
use tierline_store::intake::{self, IntakeEvent, NewTicket, Recorded};
use tierline_store::models::{NewTicketEvent, TicketRow};
use tierline_store::outbox;
use tierline_store::tickets::{self, TicketFilter, TicketOrder};
use tierline_store::triage::{StoredIntake, StoredTriage};
use tierline_store::{customers, JsonText, Visibility};
use uuid::Uuid;

use crate::auth::{Principal, Role};
use crate::dto::triage::TriageBody;
use crate::dto::{
    BoundaryBody, ClockBody, CreateTicket, DecisionRecord, ListTickets, MessageBody, QueueBody,
    ReasonBody, RoutingBody, ScopeBody, SlaBody, StoredClock, TicketBody, TicketPage, Verbatim,
};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::customers::{core_customer, text};
use crate::handlers::sla::policy_error;
use crate::handlers::triage::intake_facts;
use crate::handlers::{
    before_year_one, in_future, invalid_query, json_text, page_limit, take_page, to_json,
    visible_ticket,
};
use crate::idempotent::{self, Outcome, Writes};
use crate::state::AppState;

/// Tickets received before this are refused (they are typos, not tickets).
fn earliest_received_at() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(946_684_800, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The entity tag of a ticket version (`ETag`, `If-Match`).
pub(crate) fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

pub(crate) fn json_enum<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn parse_enum<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// The stored form of a decision made from `intake` (besides the ticket's text).
pub(crate) fn record_of(
    decision: &Decision,
    intake: StoredIntake,
) -> Result<DecisionRecord, ApiError> {
    let r = &decision.routing;
    Ok(DecisionRecord {
        routing: RoutingBody {
            kind: r.kind,
            handled_by: r.handled_by.clone(),
            contact: r.contact.clone(),
            reseller_id: r.reseller_id.clone(),
            level: r.level.clone(),
            in_vendor_queue: r.in_vendor_queue,
        },
        scope: ScopeBody {
            in_scope: decision.scope.in_scope,
            boundary: decision.scope.boundary.as_ref().map(|b| BoundaryBody {
                rule: b.rule.to_string(),
                text: b.text.clone(),
                pointer: b.pointer.clone(),
            }),
        },
        suggested_priority: decision.suggested_priority,
        billable: decision.billable,
        needs_info: decision.needs_info,
        messages: verbatim(
            &decision
                .messages
                .iter()
                .map(MessageBody::from)
                .collect::<Vec<_>>(),
        )?,
        explanation: verbatim(&ReasonBody::all(&decision.explanation))?,
        triage: StoredTriage::new(&decision.triage, intake),
    })
}

fn verbatim<T: serde::Serialize>(value: &T) -> Result<Verbatim, ApiError> {
    Verbatim::of(value).map_err(|e| ApiError::Internal(e.to_string()))
}

fn clock_body(
    stored: &StoredClock,
    cal: &Calendar,
    now: DateTime<Utc>,
) -> Result<ClockBody, ApiError> {
    let internal = |e: tierline_calendar::CalendarError| ApiError::Internal(e.to_string());
    let clock = &stored.clock;
    let status = clock.status(cal, now).map_err(internal)?;
    Ok(ClockBody {
        target_minutes: clock.target().get(),
        due_at: clock.due_at(cal).map_err(internal)?,
        warning_at: clock.warning_at(cal).map_err(internal)?,
        status,
        met_at: if status == ClockStatus::Met {
            clock.stopped_at()
        } else {
            None
        },
        stopped_by: stored.stopped_by,
        remaining_minutes: clock.remaining_minutes(cal, now).map_err(internal)?,
    })
}

pub(crate) fn stored_clock(v: &Option<JsonText>) -> Result<Option<StoredClock>, ApiError> {
    v.as_ref()
        .map(|v| {
            v.parse()
                .map_err(|e| ApiError::Internal(format!("stored clock unreadable: {e}")))
        })
        .transpose()
}

/// The API view of a stored ticket, with clocks evaluated at `now`.
pub(crate) fn ticket_body(
    state: &AppState,
    row: TicketRow,
    now: DateTime<Utc>,
) -> Result<TicketBody, ApiError> {
    let adapter = state.adapter_of(&row.vendor)?;
    let cal = adapter.calendar();
    let decision: DecisionRecord = row
        .decision
        .parse()
        .map_err(|e| ApiError::Internal(format!("stored decision unreadable: {e}")))?;
    let sla = SlaBody {
        first_response: stored_clock(&row.first_response_clock)?
            .map(|c| clock_body(&c, cal, now))
            .transpose()?,
        resolution: stored_clock(&row.resolution_clock)?
            .map(|c| clock_body(&c, cal, now))
            .transpose()?,
    };
    let triage = TriageBody::from(&decision.triage);
    Ok(TicketBody {
        id: row.id,
        vendor: row.vendor,
        customer_id: row.customer_id,
        status: parse_enum::<TicketStatus>(&row.status).unwrap_or(TicketStatus::Open),
        subject: row.subject,
        description: row.description,
        channel: parse_enum(&row.channel)
            .ok_or_else(|| ApiError::Internal("stored channel unreadable".into()))?,
        priority: row.priority.as_deref().and_then(parse_enum),
        requested_priority: row.requested_priority.as_deref().and_then(parse_enum),
        suggested_priority: decision.suggested_priority,
        received_at: row.received_at,
        references: row.refs.parse().unwrap_or_default(),
        routing: decision.routing,
        scope: decision.scope,
        billable: decision.billable,
        needs_info: decision.needs_info,
        messages: decision.messages,
        sla,
        explanation: decision.explanation,
        needs_triage: row.needs_triage,
        triage,
        queue: QueueBody {
            class: row.queue_class,
            at: row.queue_at,
        },
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        external_ref: row.external_ref,
    })
}

/// A started clock with its due and warning instants.
type StartedClock = (StoredClock, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn start_clock(
    spec: &Option<ClockSpec>,
    received_at: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Option<StartedClock>, ApiError> {
    let Some(spec) = spec else { return Ok(None) };
    let clock = SlaClock::start(received_at, spec.target, spec.warning);
    let range = |e: tierline_calendar::CalendarError| {
        ApiError::field("received_at", "out_of_range", e.to_string())
    };
    let due = clock.due_at(cal).map_err(range)?;
    let warn = clock.warning_at(cal).map_err(range)?;
    Ok(Some((StoredClock::new(clock, spec), due, warn)))
}

/// Creates a ticket: the vendor's policy decides routing, scope, priority, billing,
/// information needs, customer messages and SLA clocks, and says why.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    request_body = CreateTicket,
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
        ("Accept-Language" = Option<String>, Header, description = "Language of customer messages"),
    ),
    responses(
        (status = 201, body = TicketBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json",
         description = "`ticket_exists`: the vendor has a ticket with this `external_ref` (`existing_id` names it)"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/tickets")]
pub async fn create_ticket(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    body: JsonBody<CreateTicket>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Helpdesk, Role::Agent],
        "create tickets",
    )?;
    let input = &body.value;
    let adapter = state.adapter_named(&input.vendor)?;
    principal.require_vendor(&input.vendor)?;
    // Microseconds, as PostgreSQL stores them: the answer shows what a later read shows.
    let now = state.now().trunc_subsecs(6);
    let mut errors = Vec::new();
    let subject = text(&mut errors, "subject", &input.subject, 1000);
    if input.description.chars().count() > 100_000 {
        errors.push(FieldError::new(
            "description",
            "too_long",
            "at most 100000 characters",
        ));
    }
    let references = input.references.clone().unwrap_or_default();
    if references.len() > 50 {
        errors.push(FieldError::new(
            "references",
            "too_many",
            "at most 50 references",
        ));
    }
    for (i, r) in references.iter().enumerate() {
        if r.trim().is_empty() || r.chars().count() > 320 {
            errors.push(FieldError::new(
                format!("references[{i}]"),
                "invalid_value",
                "a reference is 1 to 320 characters",
            ));
        }
    }
    let received_at = input.received_at.map_or(now, |at| at.trunc_subsecs(6));
    if received_at < earliest_received_at() {
        errors.push(FieldError::new(
            "received_at",
            "out_of_range",
            "must be on or after 2000-01-01T00:00:00Z",
        ));
    }
    errors.extend(in_future("received_at", received_at, now));
    let facts = input
        .facts
        .as_ref()
        .map(|raw| intake_facts(adapter.intake_facts(), raw))
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        })
        .unwrap_or_default();
    let external_ref = input
        .external_ref
        .as_deref()
        .map(|r| text(&mut errors, "external_ref", r, 200));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let external_ref = external_ref.flatten();
    let subject = subject.unwrap_or_default();
    let accept_language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language);
    let intake = TicketIntake {
        subject: subject.clone(),
        description: input.description.clone(),
        channel: input.channel,
        priority: input.priority,
        received_at,
        references: references.clone(),
        accelerated_development: input.accelerated_development.unwrap_or(false),
        regression: input.regression.unwrap_or(false),
        locale: input.locale,
        accept_language,
        facts,
        ruling: None,
    };
    let basis = StoredIntake {
        facts: intake.facts.clone(),
        accelerated_development: intake.accelerated_development,
        regression: intake.regression,
        locale: intake.locale,
        accept_language: intake.accept_language,
        ruling: None,
    };
    let vendor = adapter.id().to_string();
    let actor = principal.actor();
    // The customer is read, then everything is written by one statement: a plan change that
    // commits in between is as if it had committed just after this intake.
    let writes = Writes::One;
    idempotent::run_writing(
        &state,
        &principal,
        &key,
        &req,
        &body.hash,
        writes,
        async |conn| {
            let customer_row =
                customers::find(conn, input.customer_id, &Visibility::vendor(&vendor))
                    .await?
                    .ok_or_else(|| {
                        ApiError::field(
                            "customer_id",
                            "unknown_customer",
                            format!("vendor {vendor} has no customer with this id"),
                        )
                    })?;
            if let Some(existing) = taken(conn, &vendor, external_ref.as_deref()).await? {
                return Err(ticket_exists(existing));
            }
            let customer = core_customer(&customer_row)?;
            let decision = adapter
                .evaluate(&customer, &intake)
                .map_err(|e| policy_error(e, "received_at"))?;
            let cal = adapter.calendar();
            let first = start_clock(&decision.sla.first_response, received_at, cal)?;
            let resolution = start_clock(&decision.sla.resolution, received_at, cal)?;
            let first_due = first.as_ref().and_then(|c| c.1);
            let resolution_due = resolution.as_ref().and_then(|c| c.1);
            let queue = adapter.queue_key(&QueueEntry {
                plan: &customer.plan,
                priority: decision.priority,
                received_at,
                first_response_due: first_due,
                resolution_due,
            });
            let record = record_of(&decision, basis.clone())?;
            let status = if record.routing.worked_by_vendor() {
                TicketStatus::Open
            } else {
                TicketStatus::Referred
            };
            let next_deadline = [
                first.as_ref().and_then(|c| c.2),
                first_due,
                resolution.as_ref().and_then(|c| c.2),
                resolution_due,
            ]
            .into_iter()
            .flatten()
            .min();
            let id = Uuid::now_v7();
            let row = TicketRow {
                vendor: vendor.clone(),
                id,
                customer_id: customer_row.id,
                subject: subject.clone(),
                description: intake.description.clone(),
                channel: json_enum(&intake.channel),
                priority: decision.priority.map(|p| p.as_str().to_owned()),
                requested_priority: intake.priority.map(|p: Priority| p.as_str().to_owned()),
                status: json_enum(&status),
                received_at,
                refs: json_text(&references)?,
                routing_kind: json_enum(&record.routing.kind),
                reseller_id: record.routing.reseller_id.clone(),
                decision: json_text(&record)?,
                first_response_clock: first.as_ref().map(|c| json_text(&c.0)).transpose()?,
                resolution_clock: resolution.as_ref().map(|c| json_text(&c.0)).transpose()?,
                first_response_due_at: first_due,
                first_response_warn_at: first.as_ref().and_then(|c| c.2),
                resolution_due_at: resolution_due,
                resolution_warn_at: resolution.as_ref().and_then(|c| c.2),
                next_deadline_at: next_deadline,
                queue_class: queue.class,
                queue_at: queue.at,
                version: 1,
                created_by: actor.clone(),
                created_at: now,
                updated_at: now,
                needs_triage: decision.triage.needed,
                external_ref: external_ref.clone(),
            };
            let events = vec![
                NewTicketEvent {
                    vendor: vendor.clone(),
                    ticket_id: id,
                    kind: "created".into(),
                    at: received_at,
                    actor: actor.clone(),
                    data: serde_json::json!({
                        "channel": row.channel,
                        "requested_priority": row.requested_priority,
                        "priority": row.priority,
                    }),
                    explanation: serde_json::json!([]),
                },
                NewTicketEvent {
                    vendor: vendor.clone(),
                    ticket_id: id,
                    kind: "routed".into(),
                    at: received_at,
                    actor: actor.clone(),
                    data: serde_json::to_value(&record.routing).unwrap_or_default(),
                    explanation: serde_json::to_value(&record.explanation).unwrap_or_default(),
                },
            ];
            let body = ticket_body(&state, row.clone(), now)?;
            let body_json = to_json(&body)?;
            let routed = serde_json::json!({
                "ticket_id": id,
                "status": body_json["status"],
                "routing": body_json["routing"],
                "explanation": body_json["explanation"],
            });
            // The ticket, its history and its outbox events in one statement: all or nothing.
            let recorded = intake::record(
                conn,
                &NewTicket {
                    ticket: &row,
                    history: &events,
                    events: &[
                        IntakeEvent {
                            id: Uuid::now_v7(),
                            kind: outbox::TICKET_CREATED,
                            payload: &body_json,
                        },
                        IntakeEvent {
                            id: Uuid::now_v7(),
                            kind: outbox::TICKET_ROUTED,
                            payload: &routed,
                        },
                    ],
                },
            )
            .await?;
            if recorded == Recorded::ExternalRefTaken {
                // Another intake with the same helpdesk id won the race since the check.
                let existing = taken(conn, &vendor, external_ref.as_deref())
                    .await?
                    .ok_or_else(|| ApiError::Internal("external_ref taken, then gone".into()))?;
                return Err(ticket_exists(existing));
            }
            state.metrics.tickets_created.inc();
            Ok(Outcome {
                status: StatusCode::CREATED,
                body: body_json,
                location: Some(format!("/api/v1/tickets/{id}")),
                resource: Some(Resource::Ticket(id)),
                secrets: &[],
            })
        },
    )
    .await
}

/// The id of the vendor's ticket with this helpdesk id, if any.
async fn taken(
    conn: &mut diesel_async::AsyncPgConnection,
    vendor: &str,
    external_ref: Option<&str>,
) -> Result<Option<Uuid>, ApiError> {
    let Some(external_ref) = external_ref else {
        return Ok(None);
    };
    Ok(
        tickets::find_external(conn, vendor, external_ref, &Visibility::vendor(vendor))
            .await?
            .map(|row| row.id),
    )
}

/// 409 `ticket_exists`, naming the vendor's ticket with the same helpdesk id
/// (`existing_id`) so that a bridge that lost its mapping finds it again.
fn ticket_exists(existing: Uuid) -> ApiError {
    let mut extra = serde_json::Map::new();
    extra.insert("existing_id".into(), serde_json::json!(existing));
    ApiError::ConflictWith {
        code: "ticket_exists",
        detail: format!(
            "a ticket with this external_ref exists already for this vendor: {existing}"
        ),
        extra,
    }
}

/// A listing cursor: the last id in creation order, or the last `(updated_at, id)` position
/// (`<microseconds since the epoch>_<id>`) in update order.
fn parse_cursor(cursor: &str, updated: bool) -> Result<TicketCursor, ApiError> {
    let invalid = || {
        invalid_query(
            "cursor",
            "invalid_cursor",
            "not a cursor returned by this API for these parameters",
        )
    };
    if updated {
        let (micros, id) = cursor.split_once('_').ok_or_else(invalid)?;
        let micros: i64 = micros.parse().map_err(|_| invalid())?;
        let at = DateTime::<Utc>::from_timestamp_micros(micros).ok_or_else(invalid)?;
        let id = Uuid::parse_str(id).map_err(|_| invalid())?;
        Ok(TicketCursor::Updated(at, id))
    } else {
        Uuid::parse_str(cursor)
            .map(TicketCursor::Created)
            .map_err(|_| invalid())
    }
}

/// A decoded listing cursor.
enum TicketCursor {
    Created(Uuid),
    Updated(DateTime<Utc>, Uuid),
}

/// The cursor that continues after `row`.
fn cursor_after(row: &TicketRow, updated: bool) -> String {
    if updated {
        format!("{}_{}", row.updated_at.timestamp_micros(), row.id.simple())
    } else {
        row.id.simple().to_string()
    }
}

/// A ticket with its decision and clocks as of now.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Ticket id")),
    responses(
        (status = 200, body = TicketBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/tickets/{id}")]
pub async fn get_ticket(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let row = visible_ticket(&mut conn, &principal, *id).await?;
    let tag = etag(row.version);
    let body = ticket_body(&state, row, state.now())?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .json(body))
}

/// Tickets visible to the caller, oldest first, one page at a time (keyset pagination).
/// With `updated_since`, the tickets changed since then in `(updated_at, id)` order, for
/// polling clients; with `external_ref`, the ticket the helpdesk knows by that id.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    params(ListTickets),
    responses(
        (status = 200, body = TicketPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/tickets")]
pub async fn list_tickets(
    principal: Principal,
    state: web::Data<AppState>,
    query: web::Query<ListTickets>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit, 20, 100)?;
    if let Some(e) = before_year_one("due_before", q.due_before) {
        return Err(invalid_query(&e.field, "invalid_query", &e.message));
    }
    if let Some(e) = before_year_one("updated_since", q.updated_since) {
        return Err(invalid_query(&e.field, "invalid_query", &e.message));
    }
    let updated = q.updated_since.is_some();
    let cursor = q
        .cursor
        .as_deref()
        .map(|c| parse_cursor(c, updated))
        .transpose()?;
    // One "now" for the filter and the answers' remaining minutes.
    let now = state.now();
    let order = match (q.updated_since, cursor) {
        (Some(since), Some(TicketCursor::Updated(at, id))) => TicketOrder::Updated {
            since,
            after: Some((at, id)),
        },
        (Some(since), _) => TicketOrder::Updated { since, after: None },
        (None, Some(TicketCursor::Created(id))) => TicketOrder::Created { after: Some(id) },
        (None, _) => TicketOrder::Created { after: None },
    };
    let filter = TicketFilter {
        vendor: q.vendor,
        status: q.status.as_ref().map(json_enum),
        customer_id: q.customer_id,
        due_before: q.due_before,
        breached: q.breached.map(|b| (b, now)),
        needs_triage: q.needs_triage,
        external_ref: q.external_ref,
        order,
        limit: i64::from(limit) + 1,
    };
    let mut conn = state.conn().await?;
    let mut rows = tickets::list(&mut conn, &principal.visibility(), &filter).await?;
    let next_cursor = if take_page(&mut rows, limit) {
        rows.last().map(|r| cursor_after(r, updated))
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|r| ticket_body(&state, r, now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(HttpResponse::Ok().json(TicketPage { items, next_cursor }))
}
