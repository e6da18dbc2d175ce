//! The ticket lifecycle: agent events that move the SLA clocks, escalations, ticket changes
//! under `If-Match`, and the history.
//!
//! Every change locks the ticket row (`SELECT ... FOR UPDATE`), computes the new state, and
//! writes it with its `ticket_events` row in the same transaction
//! (`tierline_store::lifecycle::save`), so parallel requests serialize and no event is lost.

use actix_web::http::header;
use actix_web::{get, http::StatusCode, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use serde_json::json;
use tierline_calendar::SlaClock;
use tierline_core::{
    Boundary, Customer, EscalationDecision, EscalationRequest, Priority, ResponseClock,
    SharedAdapter, SlaQuery, SlaTargets, SupportLevel, TicketStatus,
};
use tierline_store::idempotency::Resource;
use tierline_store::lifecycle::{self, Lifecycle, TicketState};
use tierline_store::models::{NewTicketEvent, TicketEventRow, TicketRow};
use tierline_store::outbox;
use tierline_store::{customers, tickets, Visibility};
use uuid::Uuid;

use crate::auth::{Principal, Role};
use crate::clocks::{self, clock_error, derive, is_running, reason, Clocks, Shape, Which};
use crate::dto::lifecycle::{
    CreateEscalation, CreateTicketEvent, EscalationBody, ResponseClockChange, TicketChange,
    TicketEventBody, TicketEventList, TicketEventType, UpdateTicket,
};
use crate::dto::{ClockStop, DecisionRecord, MessageBody, ReasonBody, StoredClock, TicketBody};
use crate::error::{ApiError, FieldError, Problem};
use crate::events;
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::customers::{core_customer, text};
use crate::handlers::sla::policy_error;
use crate::handlers::tickets::{etag, json_enum, parse_enum, stored_clock, ticket_body};
use crate::handlers::{denial_members, in_future, to_json, visible_ticket};
use crate::idempotent::{self, transaction, Outcome};
use crate::state::AppState;

/// Roles that may change tickets and escalate them (resellers only their own, through
/// visibility).
const WRITERS: &[Role] = &[Role::Admin, Role::Agent, Role::Reseller];

/// Roles that may post lifecycle events: the writers and the helpdesk, whose bridge reports
/// what happened in the helpdesk (responded, pending, resumed, resolved, reopened) for the
/// tickets of its vendors. Plan changes, escalations and entitlements stay with agents.
const EVENT_POSTERS: &[Role] = &[Role::Admin, Role::Helpdesk, Role::Agent, Role::Reseller];

/// A locked ticket and what the policies need to reason about it.
pub(crate) struct Locked {
    pub(crate) row: TicketRow,
    pub(crate) life: Lifecycle,
    pub(crate) adapter: SharedAdapter,
    pub(crate) customer: Customer,
    pub(crate) clocks: Clocks,
}

impl Locked {
    pub(crate) fn state(&self) -> TicketState {
        TicketState::of(&self.row, &self.life)
    }

    pub(crate) fn status(&self) -> TicketStatus {
        parse_enum(&self.row.status).unwrap_or(TicketStatus::Open)
    }

    /// The status an active ticket has: `open` when the vendor works it, else `referred`.
    pub(crate) fn active_status(&self) -> Result<TicketStatus, ApiError> {
        Ok(if self.decision()?.routing.worked_by_vendor() {
            TicketStatus::Open
        } else {
            TicketStatus::Referred
        })
    }

    /// The stored decision (routing and scope as they stand now).
    fn decision(&self) -> Result<DecisionRecord, ApiError> {
        self.row
            .decision
            .parse()
            .map_err(|e| ApiError::Internal(format!("stored decision unreadable: {e}")))
    }

    pub(crate) fn priority(&self) -> Option<Priority> {
        self.row.priority.as_deref().and_then(parse_enum)
    }

    /// The current support level: the last escalation's, else the routing decision's.
    pub(crate) fn level(&self) -> Option<SupportLevel> {
        self.life
            .level
            .clone()
            .or_else(|| {
                let decision = self.row.decision.to_value().ok()?;
                decision.pointer("/routing/level").cloned()
            })
            .and_then(|v| serde_json::from_value(v).ok())
    }

    /// The boundary the ticket is out of scope by, as its scope stands now (the stored
    /// decision's scope, which triage may change); `None` when it is in scope.
    fn out_of_scope(&self) -> Result<Option<Boundary>, ApiError> {
        let decision = self.decision()?;
        if decision.scope.in_scope {
            return Ok(None);
        }
        let Some(boundary) = decision.scope.boundary else {
            return Err(ApiError::Internal(
                "stored scope is out of scope without a boundary".into(),
            ));
        };
        let rule = self
            .adapter
            .rules()
            .iter()
            .find(|r| r.as_str() == boundary.rule)
            .copied()
            .ok_or_else(|| {
                ApiError::Internal(format!(
                    "stored boundary cites rule {:?}, unknown to the vendor",
                    boundary.rule
                ))
            })?;
        Ok(Some(Boundary {
            rule,
            text: boundary.text,
            pointer: boundary.pointer,
        }))
    }

    pub(crate) fn derive_into(
        &self,
        state: &mut TicketState,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let priority = state.priority.as_deref().and_then(parse_enum);
        derive(
            self.adapter.as_ref(),
            &Shape {
                plan: &self.customer.plan,
                priority,
                received_at: self.row.received_at,
            },
            &self.clocks,
            state,
            now,
        )
    }

    pub(crate) fn event(
        &self,
        kind: &str,
        at: DateTime<Utc>,
        actor: &str,
        data: serde_json::Value,
        explanation: &[ReasonBody],
    ) -> NewTicketEvent {
        NewTicketEvent {
            vendor: self.row.vendor.clone(),
            ticket_id: self.row.id,
            kind: kind.to_owned(),
            at,
            actor: actor.to_owned(),
            data,
            explanation: serde_json::to_value(explanation).unwrap_or_else(|_| json!([])),
        }
    }
}

pub(crate) async fn lock(
    conn: &mut AsyncPgConnection,
    state: &AppState,
    principal: &Principal,
    id: Uuid,
) -> Result<Locked, ApiError> {
    let (row, life) = lifecycle::lock(conn, id, &principal.visibility())
        .await?
        .ok_or(ApiError::NotFound("ticket"))?;
    let adapter = state.adapter_of(&row.vendor)?.clone();
    let customer_row = customers::find(conn, row.customer_id, &Visibility::vendor(&row.vendor))
        .await?
        .ok_or_else(|| ApiError::Internal("ticket without customer".into()))?;
    let customer = core_customer(&customer_row)?;
    let clocks = Clocks {
        first_response: stored_clock(&row.first_response_clock)?,
        resolution: stored_clock(&row.resolution_clock)?,
    };
    Ok(Locked {
        row,
        life,
        adapter,
        customer,
        clocks,
    })
}

pub(crate) fn event_body(row: TicketEventRow) -> TicketEventBody {
    TicketEventBody {
        seq: row.seq,
        kind: row.kind,
        at: row.at,
        actor: row.actor,
        data: row.data,
        explanation: serde_json::from_value(row.explanation).unwrap_or_default(),
        recorded_at: row.recorded_at,
    }
}

/// Checks an event instant: not in the future (beyond clock skew), not before receipt.
fn check_at(
    at: Option<DateTime<Utc>>,
    received_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ApiError> {
    let at = at.unwrap_or(now);
    if let Some(e) = in_future("at", at, now) {
        return Err(ApiError::Validation(vec![e]));
    }
    if at < received_at {
        return Err(ApiError::field(
            "at",
            "before_receipt",
            format!("must not lie before the ticket's receipt at {received_at}"),
        ));
    }
    Ok(at)
}

pub(crate) fn conflict(code: &'static str, detail: impl Into<String>) -> ApiError {
    ApiError::Conflict {
        code,
        detail: detail.into(),
    }
}

/// Applies one agent event to the locked ticket: new state, event kind, data, explanation.
fn apply_event(
    t: &mut Locked,
    kind: TicketEventType,
    at: DateTime<Utc>,
) -> Result<
    (
        TicketState,
        &'static str,
        serde_json::Value,
        Vec<ReasonBody>,
    ),
    ApiError,
> {
    let cal = t.adapter.calendar().clone();
    let status = t.status();
    let mut state = t.state();
    let mut explanation = Vec::new();
    let mut changes = serde_json::Map::new();
    if status == TicketStatus::Resolved && kind != TicketEventType::Reopened {
        return Err(conflict(
            "ticket_resolved",
            "the ticket is resolved; reopen it first",
        ));
    }
    let event_kind = match kind {
        TicketEventType::Responded => {
            // A response clock started by an escalation (e.g. 2nd line after 1st line's
            // answer) runs after the first response: the next response stops it.
            let awaited = t
                .clocks
                .first_response
                .as_ref()
                .is_some_and(|s| s.clock.stopped_at().is_none());
            if let (Some(first), false) = (t.life.responded_at, awaited) {
                return Err(conflict(
                    "already_responded",
                    format!("the first response was recorded already, at {first}"),
                ));
            }
            if let Some(stored) = t.clocks.first_response.as_mut() {
                if stored.clock.stopped_at().is_none() {
                    stored.clock.stop(&cal, at).map_err(clock_error)?;
                    stored.stopped_by = Some(ClockStop::Responded);
                    explanation.push(clocks::stop_reason(
                        Which::FirstResponse,
                        &stored.clock,
                        &cal,
                        at,
                    )?);
                    changes.insert("first_response".into(), json!("stopped"));
                }
            } else {
                explanation.push(reason(
                    "no_first_response_clock",
                    "No first-response clock runs on this ticket; the response is recorded.",
                ));
            }
            state.responded_at = t.life.responded_at.or(Some(at));
            "responded"
        }
        TicketEventType::Pending => {
            if status == TicketStatus::Pending {
                return Err(conflict(
                    "already_pending",
                    "the ticket is already waiting on the customer",
                ));
            }
            for (which, slot) in t.clocks.each_mut() {
                let Some(stored) = slot.as_mut() else {
                    continue;
                };
                if !is_running(&stored.clock) {
                    continue;
                }
                if stored.pauses_when_pending {
                    stored.clock.pause(&cal, at).map_err(clock_error)?;
                    changes.insert(which.name().into(), json!("paused"));
                    explanation.push(reason(
                        "paused",
                        format!(
                            "The vendor's policy pauses the {} clock while the ticket waits \
                             on the customer.",
                            which.name()
                        ),
                    ));
                } else {
                    explanation.push(reason(
                        "keeps_running",
                        format!(
                            "The vendor's policy does not pause the {} clock while the ticket \
                             waits on the customer; it keeps running.",
                            which.name()
                        ),
                    ));
                }
            }
            if explanation.is_empty() {
                explanation.push(reason(
                    "none_running",
                    "No SLA clock is running on this ticket; nothing to pause.",
                ));
            }
            state.status = json_enum(&TicketStatus::Pending);
            "paused"
        }
        TicketEventType::Resumed => {
            if status != TicketStatus::Pending {
                return Err(conflict(
                    "not_pending",
                    "only a ticket waiting on the customer can be resumed",
                ));
            }
            for (which, slot) in t.clocks.each_mut() {
                let Some(stored) = slot.as_mut() else {
                    continue;
                };
                if stored.clock.stopped_at().is_some() || !stored.clock.is_paused() {
                    continue;
                }
                let paused_at = stored.clock.runs().last().and_then(|r| r.to);
                stored.clock.resume(at).map_err(clock_error)?;
                let paused_minutes = paused_at
                    .map(|p| cal.business_minutes_between(p, at))
                    .transpose()
                    .map_err(|e| ApiError::field("at", "out_of_range", e.to_string()))?
                    .map_or(0, |m| m.get());
                changes.insert(which.name().into(), json!("resumed"));
                explanation.push(reason(
                    "resumed",
                    format!(
                        "The {} clock runs again; its due time moved by the {paused_minutes} \
                         business minutes it was paused.",
                        which.name()
                    ),
                ));
            }
            state.status = json_enum(&t.active_status()?);
            "resumed"
        }
        TicketEventType::Resolved => {
            for (which, slot) in t.clocks.each_mut() {
                let Some(stored) = slot.as_mut() else {
                    continue;
                };
                if stored.clock.stopped_at().is_some() {
                    continue;
                }
                stored.clock.stop(&cal, at).map_err(clock_error)?;
                stored.stopped_by = Some(ClockStop::Resolved);
                changes.insert(which.name().into(), json!("stopped"));
                explanation.push(clocks::stop_reason(which, &stored.clock, &cal, at)?);
            }
            state.status = json_enum(&TicketStatus::Resolved);
            "resolved"
        }
        TicketEventType::Mitigated => {
            for (which, slot) in t.clocks.each_mut() {
                let Some(stored) = slot.as_mut() else {
                    continue;
                };
                if stored.clock.stopped_at().is_some() || !stored.met_by_mitigation {
                    continue;
                }
                stored.clock.stop(&cal, at).map_err(clock_error)?;
                stored.stopped_by = Some(ClockStop::Mitigated);
                changes.insert(which.name().into(), json!("stopped"));
                explanation.push(reason(
                    "met_by_mitigation",
                    format!(
                        "The vendor's {} target is to resolve or mitigate: the mitigation \
                         stops the clock; the ticket stays open until it is resolved.",
                        which.name()
                    ),
                ));
                explanation.push(clocks::stop_reason(which, &stored.clock, &cal, at)?);
            }
            if explanation.is_empty() {
                explanation.push(reason(
                    "not_met_by_mitigation",
                    "No running clock of this ticket is met by a mitigation; the mitigation \
                     is recorded and the clocks are unchanged.",
                ));
            }
            "mitigated"
        }
        TicketEventType::Reopened => {
            if status != TicketStatus::Resolved {
                return Err(conflict(
                    "not_resolved",
                    "only a resolved ticket can be reopened",
                ));
            }
            if let Some(stored) = t.clocks.resolution.as_mut() {
                let last = stored
                    .clock
                    .stopped_at()
                    .unwrap_or(stored.clock.started_at());
                if at < last {
                    return Err(ApiError::field(
                        "at",
                        "before_last_event",
                        format!("{at} is before the ticket's resolution at {last}"),
                    ));
                }
                let fresh = SlaClock::start(at, stored.clock.target(), stored.clock.warning());
                changes.insert("previous_resolution_clock".into(), to_json(&stored.clock)?);
                stored.clock = fresh;
                changes.insert("resolution".into(), json!("restarted"));
                explanation.push(reason(
                    "restarted",
                    format!(
                        "The resolution clock starts again at {} with its full target of {} \
                         business minutes.",
                        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        stored.clock.target().get()
                    ),
                ));
            }
            state.status = json_enum(&t.active_status()?);
            "reopened"
        }
    };
    let data = json!({ "type": kind, "clocks": changes });
    Ok((state, event_kind, data, explanation))
}

/// Records what happened to a ticket (`responded`, `pending`, `resumed`, `mitigated`, `resolved`,
/// `reopened`) and moves its SLA clocks as the vendor's policy says. Impossible transitions
/// answer 409; an `at` in the future or before the ticket's receipt answers 422. Open to
/// `admin`, `agent`, `reseller` (its own tickets) and `helpdesk` (its vendors' tickets).
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    request_body = CreateTicketEvent,
    params(
        ("id" = Uuid, Path, description = "Ticket id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
    ),
    responses(
        (status = 201, body = TicketChange),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/tickets/{id}/events")]
pub async fn create_ticket_event(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<CreateTicketEvent>,
) -> Result<HttpResponse, ApiError> {
    principal.require(EVENT_POSTERS, "post ticket events")?;
    let id = *id;
    let input = body.value.clone();
    let actor = principal.actor();
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let now = state.now();
        let mut t = lock(conn, &state, &principal, id).await?;
        let at = check_at(input.at, t.row.received_at, now)?;
        let was_stopped = events::stopped(&t.clocks);
        let (mut new_state, kind, data, explanation) = apply_event(&mut t, input.kind, at)?;
        t.derive_into(&mut new_state, now)?;
        let event = t.event(kind, at, &actor, data, &explanation);
        let (row, events) =
            lifecycle::save(conn, &t.row.vendor, t.row.id, &new_state, &[event], now).await?;
        let event = events
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::Internal("event not stored".into()))?;
        let body = TicketChange {
            event: event_body(event),
            ticket: ticket_body(&state, row, now)?,
        };
        let mut payload = to_json(&body)?;
        payload["change"] = json!(kind);
        events::ticket_changed(
            conn,
            &t.row.vendor,
            t.row.id,
            outbox::TICKET_UPDATED,
            payload,
            was_stopped,
            &t.clocks,
            t.adapter.calendar(),
        )
        .await?;
        Outcome::created(
            &body,
            format!("/api/v1/tickets/{id}/events"),
            Resource::Ticket(id),
        )
    })
    .await
}

/// A ticket's history, oldest first: created, routed, responded, paused, resumed,
/// escalated, resolved, reopened, priority changed, each with actor, time and explanation.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Ticket id")),
    responses(
        (status = 200, body = TicketEventList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/tickets/{id}/events")]
pub async fn list_ticket_events(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let row = visible_ticket(&mut conn, &principal, *id).await?;
    let items = tickets::events(&mut conn, &row.vendor, row.id)
        .await?
        .into_iter()
        .map(event_body)
        .collect();
    Ok(HttpResponse::Ok().json(TicketEventList { items }))
}

/// Whether an `If-Match` header value matches the current entity tag.
fn if_match_holds(header_value: &str, current: &str) -> bool {
    header_value.split(',').map(str::trim).any(|tag| {
        tag == "*" || tag == current || tag.strip_prefix("W/").is_some_and(|t| t == current)
    })
}

/// Re-targets the clocks after a priority change: existing clocks get the new targets (their
/// history is kept), a clock the new priority introduces starts at receipt (paused now if
/// the ticket waits on the customer and the clock pauses), and a running clock the new
/// priority has no target for is removed.
fn retarget(
    t: &mut Locked,
    priority: Priority,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, ApiError> {
    let line = match t.level() {
        Some(SupportLevel::Line(line)) => Some(line),
        _ => None,
    };
    let targets = t
        .adapter
        .sla_targets(&SlaQuery {
            plan: t.customer.plan.clone(),
            priority: Some(priority),
            channel: parse_enum(&t.row.channel),
            line,
        })
        .map_err(|e| policy_error(e, "priority"))?;
    apply_targets(t, &targets, now)
}

/// Gives the clocks `targets`: existing clocks get the new targets (their history is kept),
/// a clock the targets introduce starts at receipt (paused now if the ticket waits on the
/// customer and the clock pauses; only while the vendor works the ticket), and a running
/// clock without a target is removed. Returns what changed, per clock.
pub(crate) fn apply_targets(
    t: &mut Locked,
    targets: &SlaTargets,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, ApiError> {
    let cal = t.adapter.calendar().clone();
    let vendor_works = t.decision()?.routing.worked_by_vendor();
    let resolved = t.status() == TicketStatus::Resolved;
    let pending = t.status() == TicketStatus::Pending;
    let received_at = t.row.received_at;
    let mut changes = serde_json::Map::new();
    let specs = [targets.first_response.clone(), targets.resolution.clone()];
    for ((which, slot), spec) in t.clocks.each_mut().into_iter().zip(specs) {
        let before = slot.as_ref().map(|s| s.clock.target().get());
        match (slot.as_mut(), spec) {
            (Some(stored), Some(spec)) => {
                stored.clock = clocks::rebuilt(&stored.clock, &spec, &cal)?;
                stored.pauses_when_pending = spec.pauses_when_pending;
                stored.met_by_mitigation = spec.met_by_mitigation;
            }
            (None, Some(spec)) if vendor_works && !resolved => {
                let mut clock = SlaClock::start(received_at, spec.target, spec.warning);
                if pending && spec.pauses_when_pending {
                    clock.pause(&cal, now).map_err(clock_error)?;
                }
                *slot = Some(StoredClock::new(clock, &spec));
            }
            (Some(stored), None) if stored.clock.stopped_at().is_none() => *slot = None,
            _ => {}
        }
        let after = slot.as_ref().map(|s| s.clock.target().get());
        if before != after {
            changes.insert(
                which.name().into(),
                json!({ "target_minutes_before": before, "target_minutes": after }),
            );
        }
    }
    Ok(serde_json::Value::Object(changes))
}

/// Changes a ticket's priority, subject or description. A priority change asks the vendor's
/// policy for the new targets and re-targets the clocks. With `If-Match`, a stale entity tag
/// answers 412 and changes nothing.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    request_body = UpdateTicket,
    params(
        ("id" = Uuid, Path, description = "Ticket id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the ticket as last read"),
    ),
    responses(
        (status = 200, body = TicketBody, headers(("ETag" = String, description = "New version"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/tickets/{id}")]
pub async fn update_ticket(
    principal: Principal,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<UpdateTicket>,
) -> Result<HttpResponse, ApiError> {
    principal.require(WRITERS, "change tickets")?;
    let input = body.value.clone();
    let mut errors: Vec<FieldError> = Vec::new();
    let subject = input
        .subject
        .as_deref()
        .map(|s| text(&mut errors, "subject", s, 1000));
    if input
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 100_000)
    {
        errors.push(FieldError::new(
            "description",
            "too_long",
            "at most 100000 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let if_match = req
        .headers()
        .get(header::IF_MATCH)
        .map(|v| v.to_str().map(str::to_owned))
        .transpose()
        .map_err(|_| ApiError::BadRequest {
            code: "invalid_header",
            detail: "If-Match must be visible ASCII".into(),
            errors: Vec::new(),
        })?;
    let actor = principal.actor();
    let id = *id;
    let (row, _) = transaction(&state, async |conn| {
        let now = state.now();
        let mut t = lock(conn, &state, &principal, id).await?;
        let current = etag(t.row.version);
        if let Some(tag) = &if_match {
            if !if_match_holds(tag, &current) {
                return Err(ApiError::PreconditionFailed(format!(
                    "the ticket changed since it was read (current ETag {current})"
                )));
            }
        }
        let mut new_state = t.state();
        let mut events = Vec::new();
        let mut fields = serde_json::Map::new();
        if let Some(Some(subject)) = &subject {
            if *subject != t.row.subject {
                new_state.subject = subject.clone();
                fields.insert("subject".into(), json!(subject));
            }
        }
        if let Some(description) = &input.description {
            if *description != t.row.description {
                new_state.description = description.clone();
                fields.insert("description".into(), json!(description));
            }
        }
        if !fields.is_empty() {
            events.push(t.event(
                "updated",
                now,
                &actor,
                serde_json::Value::Object(fields),
                &[],
            ));
        }
        if let Some(priority) = input.priority.filter(|p| Some(*p) != t.priority()) {
            let from = t.priority();
            let clock_changes = retarget(&mut t, priority, now)?;
            new_state.priority = Some(priority.as_str().to_owned());
            let mut explanation = vec![reason(
                "retargeted",
                format!(
                    "Priority changed from {} to {priority}; the vendor's targets for the new \
                     priority apply to the clocks.",
                    from.map_or("none".to_owned(), |p| p.to_string())
                ),
            )];
            if clock_changes.as_object().is_some_and(|m| m.is_empty()) {
                explanation.push(reason(
                    "unchanged",
                    "The vendor's targets do not depend on this change.",
                ));
            }
            events.push(t.event(
                "priority_changed",
                now,
                &actor,
                json!({ "from": from, "to": priority, "clocks": clock_changes }),
                &explanation,
            ));
        }
        if events.is_empty() {
            return Ok((t.row, Vec::new()));
        }
        t.derive_into(&mut new_state, now)?;
        let was_stopped = events::stopped(&t.clocks);
        let saved =
            lifecycle::save(conn, &t.row.vendor, t.row.id, &new_state, &events, now).await?;
        let payload = json!({
            "change": "updated",
            "events": saved.1.iter().cloned().map(event_body).collect::<Vec<_>>(),
            "ticket": ticket_body(&state, saved.0.clone(), now)?,
        });
        events::ticket_changed(
            conn,
            &t.row.vendor,
            t.row.id,
            outbox::TICKET_UPDATED,
            payload,
            was_stopped,
            &t.clocks,
            t.adapter.calendar(),
        )
        .await?;
        Ok(saved)
    })
    .await?;
    let tag = etag(row.version);
    let body = ticket_body(&state, row, state.now())?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .json(body))
}

fn target_level(input: &CreateEscalation) -> Result<SupportLevel, ApiError> {
    let mut levels = Vec::new();
    if let Some(tier) = input.to_tier {
        levels.push(SupportLevel::Tier(tier));
    }
    if let Some(line) = input.to_line {
        levels.push(SupportLevel::Line(line));
    }
    if let Some(team) = &input.to_team {
        let team = team.trim();
        if team.is_empty() || team.chars().count() > 100 {
            return Err(ApiError::field(
                "to_team",
                "invalid_value",
                "a team name is 1 to 100 characters",
            ));
        }
        levels.push(SupportLevel::Team(team.to_owned()));
    }
    match levels.len() {
        1 => Ok(levels.remove(0)),
        _ => Err(ApiError::field(
            "to_tier",
            "one_target_required",
            "give exactly one of to_tier, to_line, to_team",
        )),
    }
}

/// Escalates a ticket to another tier, line or team when the vendor's policy allows it (201).
/// A denial answers 409 `escalation_not_allowed` with the reason, the rule and any `offer`.
/// An escalation whose new level has its own response target (IEX 2nd line) re-targets the
/// first-response clock; `regression` flags a problem caused by a recent vendor update.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    request_body = CreateEscalation,
    params(
        ("id" = Uuid, Path, description = "Ticket id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
    ),
    responses(
        (status = 201, body = EscalationBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json",
         description = "`escalation_not_allowed` (with `reason`, `rule`, `offer`, `explanation`) or `ticket_resolved`"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/tickets/{id}/escalations")]
pub async fn create_escalation(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<CreateEscalation>,
) -> Result<HttpResponse, ApiError> {
    principal.require(WRITERS, "escalate tickets")?;
    let to = target_level(&body.value)?;
    let regression = body.value.regression.unwrap_or(false);
    let actor = principal.actor();
    let id = *id;
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let now = state.now();
        let mut t = lock(conn, &state, &principal, id).await?;
        if t.status() == TicketStatus::Resolved {
            return Err(conflict(
                "ticket_resolved",
                "the ticket is resolved; reopen it first",
            ));
        }
        let from = t.level();
        let request = EscalationRequest::new(from.clone(), to.clone(), now)
            .with_regression(regression)
            .with_out_of_scope(t.out_of_scope()?)
            .with_responded(t.life.responded_at.is_some());
        let decision = t
            .adapter
            .escalate(&t.customer, &request)
            .map_err(|e| match e {
                tierline_core::PolicyError::NotApplicable(msg) => {
                    ApiError::field("to_tier", "not_applicable", msg)
                }
                other => policy_error(other, "to_tier"),
            })?;
        let (to, charges, first_response, messages, explanation) = match decision {
            EscalationDecision::Denied {
                denial,
                explanation,
            } => {
                let mut extra = denial_members(&denial);
                extra.insert(
                    "explanation".into(),
                    to_json(&ReasonBody::all(&explanation))?,
                );
                return Err(ApiError::Denied {
                    status: StatusCode::CONFLICT,
                    code: "escalation_not_allowed",
                    detail: denial.reason,
                    extra,
                });
            }
            EscalationDecision::Allowed {
                to,
                charges_developer_time,
                first_response,
                messages,
                explanation,
            } => (
                to,
                charges_developer_time,
                first_response,
                messages.iter().map(MessageBody::from).collect::<Vec<_>>(),
                ReasonBody::all(&explanation),
            ),
        };
        let mut new_state = t.state();
        let mut retargeted = None;
        let mut previous_clock = None;
        match &first_response {
            Some(ResponseClock::Retarget(spec)) => {
                if let Some(stored) = t.clocks.first_response.as_mut() {
                    if stored.clock.stopped_at().is_none() {
                        let cal = t.adapter.calendar().clone();
                        stored.clock = clocks::rebuilt(&stored.clock, spec, &cal)?;
                        stored.pauses_when_pending = spec.pauses_when_pending;
                        stored.met_by_mitigation = spec.met_by_mitigation;
                        retargeted = Some(spec.target.get());
                    }
                }
            }
            Some(ResponseClock::StartAtEscalation(spec)) => {
                let mut clock = SlaClock::start(now, spec.target, spec.warning);
                if t.status() == TicketStatus::Pending && spec.pauses_when_pending {
                    clock
                        .pause(t.adapter.calendar(), now)
                        .map_err(clock_error)?;
                }
                let fresh = StoredClock::new(clock, spec);
                previous_clock = t
                    .clocks
                    .first_response
                    .replace(fresh)
                    .map(|old| to_json(&old.clock))
                    .transpose()?;
                retargeted = Some(spec.target.get());
            }
            None => {}
        }
        let response_clock = first_response.as_ref().map(ResponseClockChange::from);
        new_state.level = Some(to_json(&to)?);
        new_state.escalation = Some(json!({
            "to": to,
            "regression": regression,
            "charges_developer_time": charges,
            "at": now,
            "explanation": explanation,
        }));
        t.derive_into(&mut new_state, now)?;
        let data = json!({
            "from": from,
            "to": to,
            "regression": regression,
            "charges_developer_time": charges,
            "first_response_target_minutes": retargeted,
            "response_clock": response_clock,
            "previous_first_response_clock": previous_clock,
        });
        let event = t.event("escalated", now, &actor, data, &explanation);
        let (row, events) =
            lifecycle::save(conn, &t.row.vendor, t.row.id, &new_state, &[event], now).await?;
        let event = events
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::Internal("event not stored".into()))?;
        let body = EscalationBody {
            from,
            to,
            regression,
            charges_developer_time: charges,
            first_response_target_minutes: retargeted,
            response_clock,
            messages,
            explanation,
            event: event_body(event),
            ticket: ticket_body(&state, row, now)?,
        };
        let body = to_json(&body)?;
        events::ticket_changed(
            conn,
            &t.row.vendor,
            t.row.id,
            outbox::TICKET_ESCALATED,
            body.clone(),
            events::stopped(&t.clocks),
            &t.clocks,
            t.adapter.calendar(),
        )
        .await?;
        Ok(Outcome {
            status: StatusCode::CREATED,
            body,
            location: Some(format!("/api/v1/tickets/{id}/events")),
            resource: Some(Resource::Ticket(id)),
            secrets: &[],
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tierline_core::Line;

    #[test]
    fn if_match_compares_entity_tags() {
        assert!(if_match_holds("\"3\"", "\"3\""));
        assert!(if_match_holds("W/\"3\"", "\"3\""));
        assert!(if_match_holds("\"1\", \"3\"", "\"3\""));
        assert!(if_match_holds("*", "\"3\""));
        assert!(!if_match_holds("\"2\"", "\"3\""));
        assert!(!if_match_holds("3", "\"3\""));
    }

    #[test]
    fn one_escalation_target_is_required() {
        assert!(target_level(&CreateEscalation::default()).is_err());
        let both = CreateEscalation {
            to_tier: Some(tierline_core::Tier::Two),
            to_line: Some(Line::Second),
            ..Default::default()
        };
        assert!(target_level(&both).is_err());
    }
}
