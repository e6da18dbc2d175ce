//! Triage: the vendor's intake questions as JSON Schema, intake facts checked against them,
//! and a human's re-triage of a ticket.
//!
//! A re-triage decides the ticket again through the vendor's policy, with the human's
//! [`Ruling`](tierline_core::triage::Ruling) as the strongest evidence (then the ticket's
//! intake facts, then its text): routing, scope, priority and messages are the policy's new
//! answer; the clocks keep their history and take the new targets from receipt; status and
//! queue key follow. The ticket is no longer flagged: a human looked.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tierline_core::triage::{validate_facts, FactError, FactSpec, FactValue, IntakeFacts};
use tierline_core::{RoutingKind, SlaQuery, SlaTargets, SupportLevel, TicketIntake, TicketStatus};
use tierline_store::idempotency::Resource;
use tierline_store::lifecycle::{self, Redecision};
use tierline_store::outbox;
use tierline_store::triage::StoredRuling;

use crate::auth::{Principal, Role};
use crate::dto::lifecycle::TicketChange;
use crate::dto::triage::CreateTriage;
use crate::dto::{DecisionRecord, ReasonBody};
use crate::error::{ApiError, FieldError, Problem};
use crate::events;
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::lifecycle::{apply_targets, conflict, event_body, lock, Locked};
use crate::handlers::sla::policy_error;
use crate::handlers::tickets::{json_enum, parse_enum, record_of, ticket_body};
use crate::handlers::{json_text, to_json};
use crate::idempotent::{self, Outcome};
use crate::state::AppState;
use uuid::Uuid;

/// Longest triage note, in characters.
const MAX_NOTE: usize = 2000;

/// Intake facts as sent (`facts` of `POST /tickets`), checked against the vendor's
/// questions: a 422 field error on `facts.<name>` for an unknown fact, a wrong type or an
/// answer outside the choices.
pub(crate) fn intake_facts(
    specs: &[FactSpec],
    raw: &serde_json::Map<String, Value>,
) -> Result<IntakeFacts, FieldError> {
    let mut facts = IntakeFacts::new();
    for (name, value) in raw {
        let value = match value {
            Value::Bool(b) => FactValue::Bool(*b),
            Value::String(s) => FactValue::Choice(s.clone()),
            _ => {
                let field = fact_field(name);
                return Err(if specs.iter().any(|s| s.name == name) {
                    FieldError::new(
                        field,
                        "invalid_type",
                        "must be a boolean, or a string naming one of its choices",
                    )
                } else {
                    fact_error(field, &FactError::Unknown { name: name.clone() })
                });
            }
        };
        facts.0.insert(name.clone(), value);
    }
    validate_facts(specs, &facts).map_err(|e| {
        let name = match &e {
            FactError::Unknown { name } => name.as_str(),
            FactError::WrongType { name, .. } | FactError::NotAChoice { name, .. } => name,
        };
        fact_error(fact_field(name), &e)
    })?;
    Ok(facts)
}

fn fact_field(name: &str) -> String {
    format!("facts.{}", name.chars().take(64).collect::<String>())
}

fn fact_error(field: String, e: &FactError) -> FieldError {
    match e {
        FactError::Unknown { .. } => FieldError::new(
            field,
            "unknown_field",
            "the vendor asks no such intake question (see GET /vendors/{vendor}/intake-schema)",
        ),
        FactError::WrongType { expected, .. } => {
            FieldError::new(field, "invalid_type", format!("must be {expected}"))
        }
        FactError::NotAChoice { allowed, .. } => FieldError::new(
            field,
            "invalid_value",
            format!("must be one of {}", allowed.join(", ")),
        ),
    }
}

/// The vendor's intake questions as a JSON Schema (2020-12) object: one optional property
/// per fact (`boolean`, or `string` with an `enum` of choices), each with the question as
/// `title` and what it decides as `description`; no other properties. Helpdesks render them
/// as form fields and send the answers as `facts` with `POST /tickets`.
#[utoipa::path(tag = "vendors", security(("bearer" = [])),
    params(("vendor" = String, Path, description = "Vendor id")),
    responses(
        (status = 200, body = Object, description = "A JSON Schema (2020-12) object schema"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/vendors/{vendor}/intake-schema")]
pub async fn get_intake_schema(
    _principal: Principal,
    state: web::Data<AppState>,
    vendor: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let adapter = crate::handlers::vendors::adapter(&state, &vendor)?;
    let schema = tierline_core::triage::facts_json_schema(adapter.intake_facts());
    Ok(HttpResponse::Ok().json(schema))
}

/// A checked triage request: the ruling to keep and the note.
struct Checked {
    ruling: StoredRuling,
    note: String,
}

fn check(input: &CreateTriage) -> Result<Checked, ApiError> {
    let mut errors = Vec::new();
    let note = input.note.trim();
    if note.is_empty() || input.note.chars().count() > MAX_NOTE {
        errors.push(FieldError::new(
            "note",
            "invalid_value",
            format!("a note is 1 to {MAX_NOTE} characters"),
        ));
    }
    let boundary = input.boundary.as_deref().map(str::trim);
    match (input.in_scope, boundary) {
        (Some(true), Some(_)) => errors.push(FieldError::new(
            "boundary",
            "invalid_value",
            "a boundary goes with an out-of-scope ruling (in_scope false or absent)",
        )),
        (Some(false), None) => errors.push(FieldError::new(
            "boundary",
            "required",
            "an out-of-scope ruling names the boundary (a rule id of the vendor's policy)",
        )),
        (_, Some("")) => errors.push(FieldError::new(
            "boundary",
            "invalid_value",
            "a boundary is a rule id of the vendor's policy",
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(Checked {
        ruling: StoredRuling {
            in_scope: input.in_scope.or(boundary.map(|_| false)),
            boundary: boundary.map(str::to_owned),
            priority: input.priority,
            routing: input.routing,
        },
        note: note.to_owned(),
    })
}

/// What a triage event records of the decision before and after.
fn summary(
    record: &DecisionRecord,
    status: &str,
    priority: Option<&str>,
    needs_triage: bool,
) -> Value {
    json!({
        "status": status,
        "priority": priority,
        "routing": { "kind": record.routing.kind, "handled_by": record.routing.handled_by },
        "scope": {
            "in_scope": record.scope.in_scope,
            "boundary": record.scope.boundary.as_ref().map(|b| b.rule.clone()),
        },
        "needs_triage": needs_triage,
    })
}

/// The status after a re-decision: still resolved tickets are refused before; a ticket the
/// vendor works stays pending if it was, else is open; one routed away is referred.
fn status_after(before: TicketStatus, routing: RoutingKind) -> TicketStatus {
    match (routing, before) {
        (RoutingKind::Vendor, TicketStatus::Pending) => TicketStatus::Pending,
        (RoutingKind::Vendor, _) => TicketStatus::Open,
        _ => TicketStatus::Referred,
    }
}

/// Re-decides a ticket on a human's ruling (`in_scope`, `boundary`, `priority`, `routing`,
/// each optional; `note` required): the vendor's policy decides again with the ruling
/// outranking the intake facts and the text. The clocks take the new targets from receipt
/// (their pauses and stops kept), status, queue and routing follow, the history records the
/// decision before and after with the note, and `ticket.triaged` is sent. The ticket is no
/// longer flagged. Agents and admins may triage; helpdesks only where the vendor's policy
/// allows it. A resolved ticket answers 409 `ticket_resolved`; a boundary the vendor's
/// policy does not declare answers 422.
#[utoipa::path(tag = "tickets", security(("bearer" = [])),
    request_body = CreateTriage,
    params(
        ("id" = Uuid, Path, description = "Ticket id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe"),
    ),
    responses(
        (status = 201, body = TicketChange),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json",
         description = "`ticket_resolved`: reopen the ticket first"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/tickets/{id}/triage")]
pub async fn triage_ticket(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<CreateTriage>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Agent, Role::Helpdesk],
        "triage tickets",
    )?;
    let checked = check(&body.value)?;
    let actor = principal.actor();
    let id = *id;
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let now = state.now();
        let mut t = lock(conn, &state, &principal, id).await?;
        if principal.role() == Role::Helpdesk && !t.adapter.helpdesk_may_triage() {
            return Err(ApiError::Forbidden(format!(
                "vendor {}'s policy lets only its agents triage tickets",
                t.row.vendor
            )));
        }
        let before_status = t.status();
        if before_status == TicketStatus::Resolved {
            return Err(conflict(
                "ticket_resolved",
                "the ticket is resolved; reopen it before triaging it",
            ));
        }
        let record: DecisionRecord = t
            .row
            .decision
            .parse()
            .map_err(|e| ApiError::Internal(format!("stored decision unreadable: {e}")))?;
        let mut basis = record.triage.intake.clone();
        let ruling = basis
            .ruling
            .take()
            .unwrap_or_default()
            .merged(&checked.ruling);
        let resolved = ruling
            .resolve(t.adapter.rules())
            .map_err(|e| ApiError::field("boundary", "invalid_value", e.to_string()))?;
        let intake = redecided_intake(&t, &basis, resolved)?;
        let decision = t
            .adapter
            .evaluate(&t.customer, &intake)
            .map_err(|e| policy_error(e, "routing"))?;
        basis.ruling = Some(ruling.clone());
        let mut after = record_of(&decision, basis)?;
        after.triage = after.triage.settled();
        let before = summary(
            &record,
            &t.row.status,
            t.row.priority.as_deref(),
            t.row.needs_triage,
        );
        let routing = after.routing.kind;
        let was_stopped = events::stopped(&t.clocks);
        let mut new_state = t.state();
        t.row.routing_kind = json_enum(&routing);
        let targets = targets_after(&t, &decision, routing)?;
        let clocks = apply_targets(&mut t, &targets, now)?;
        let status = status_after(before_status, routing);
        new_state.status = json_enum(&status);
        new_state.priority = decision.priority.map(|p| p.as_str().to_owned());
        t.derive_into(&mut new_state, now)?;
        let after_summary = summary(
            &after,
            &new_state.status,
            new_state.priority.as_deref(),
            false,
        );
        let explanation = ReasonBody::all(&decision.explanation);
        let data = json!({
            "before": before,
            "after": after_summary,
            "ruling": ruling,
            "note": checked.note,
            "clocks": clocks,
        });
        let event = t.event("triaged", now, &actor, data, &explanation);
        lifecycle::redecide(
            conn,
            &t.row.vendor,
            t.row.id,
            &Redecision {
                routing_kind: json_enum(&routing),
                reseller_id: after.routing.reseller_id.clone(),
                decision: json_text(&after)?,
                needs_triage: false,
            },
        )
        .await?;
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
        payload["change"] = json!("triaged");
        events::ticket_changed(
            conn,
            &t.row.vendor,
            t.row.id,
            outbox::TICKET_TRIAGED,
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

/// The clock targets after a re-decision: the new decision's, except on a ticket the vendor
/// works that was escalated to a support line, where the vendor's targets for that line
/// (and the new priority) apply, as they did after the escalation.
fn targets_after(
    t: &Locked,
    decision: &tierline_core::Decision,
    routing: RoutingKind,
) -> Result<SlaTargets, ApiError> {
    match t.level() {
        Some(SupportLevel::Line(line))
            if routing == RoutingKind::Vendor && t.life.escalation.is_some() =>
        {
            t.adapter
                .sla_targets(&SlaQuery {
                    plan: t.customer.plan.clone(),
                    priority: decision.priority,
                    channel: parse_enum(&t.row.channel),
                    line: Some(line),
                })
                .map_err(|e| policy_error(e, "priority"))
        }
        _ => Ok(decision.sla.clone()),
    }
}

/// The ticket as the policy first saw it (text as it is now, the reporter's priority, the
/// stored facts, flags and locale), with the human's ruling.
fn redecided_intake(
    t: &Locked,
    basis: &tierline_store::triage::StoredIntake,
    ruling: tierline_core::triage::Ruling,
) -> Result<TicketIntake, ApiError> {
    let row = &t.row;
    let received_at: DateTime<Utc> = row.received_at;
    Ok(TicketIntake {
        subject: row.subject.clone(),
        description: row.description.clone(),
        channel: parse_enum(&row.channel)
            .ok_or_else(|| ApiError::Internal("stored channel unreadable".into()))?,
        priority: row.requested_priority.as_deref().and_then(parse_enum),
        received_at,
        references: row
            .refs
            .parse()
            .map_err(|e| ApiError::Internal(format!("stored references unreadable: {e}")))?,
        accelerated_development: basis.accelerated_development,
        regression: basis.regression,
        locale: basis.locale,
        accept_language: basis.accept_language,
        facts: basis.facts.clone(),
        ruling: Some(ruling),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tierline_core::triage::FactKind;

    const SPECS: &[FactSpec] = &[
        FactSpec {
            name: "environment",
            question: "Production or staging?",
            help: "",
            kind: FactKind::Choice(&["production", "staging"]),
        },
        FactSpec {
            name: "workaround",
            question: "Is there a workaround?",
            help: "",
            kind: FactKind::Boolean,
        },
    ];

    fn facts(v: Value) -> Result<IntakeFacts, FieldError> {
        intake_facts(SPECS, v.as_object().expect("object"))
    }

    #[test]
    fn facts_are_read_and_checked_naming_the_fact() {
        let ok = facts(json!({"environment": "staging", "workaround": false})).expect("valid");
        assert_eq!(ok.choice("environment"), Some("staging"));
        assert_eq!(ok.flag("workaround"), Some(false));
        let cases = [
            (json!({"colour": true}), "facts.colour", "unknown_field"),
            (json!({"colour": 3}), "facts.colour", "unknown_field"),
            (
                json!({"workaround": "yes"}),
                "facts.workaround",
                "invalid_type",
            ),
            (json!({"workaround": 1}), "facts.workaround", "invalid_type"),
            (
                json!({"environment": null}),
                "facts.environment",
                "invalid_type",
            ),
            (
                json!({"environment": "dev"}),
                "facts.environment",
                "invalid_value",
            ),
        ];
        for (input, field, code) in cases {
            let e = facts(input.clone()).expect_err("refused");
            assert_eq!(
                (e.field.as_str(), e.code.as_str()),
                (field, code),
                "{input}"
            );
        }
    }

    #[test]
    fn a_ruling_is_checked_before_anything_is_read() {
        let base = CreateTriage {
            note: "customer confirmed on the phone".into(),
            ..CreateTriage::default()
        };
        let out = check(&CreateTriage {
            boundary: Some("v.scope.a".into()),
            ..base.clone()
        })
        .expect("a boundary alone is out of scope");
        assert_eq!(out.ruling.in_scope, Some(false));
        for bad in [
            CreateTriage {
                note: "  ".into(),
                ..CreateTriage::default()
            },
            CreateTriage {
                in_scope: Some(false),
                ..base.clone()
            },
            CreateTriage {
                in_scope: Some(true),
                boundary: Some("v.scope.a".into()),
                ..base.clone()
            },
        ] {
            assert!(
                matches!(check(&bad), Err(ApiError::Validation(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn status_follows_the_new_routing() {
        use TicketStatus::*;
        assert_eq!(status_after(Pending, RoutingKind::Vendor), Pending);
        assert_eq!(status_after(Referred, RoutingKind::Vendor), Open);
        assert_eq!(status_after(Open, RoutingKind::ThirdParty), Referred);
        assert_eq!(status_after(Pending, RoutingKind::Reseller), Referred);
    }
}
