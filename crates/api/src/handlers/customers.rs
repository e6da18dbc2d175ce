//! Customers.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{Months, NaiveDate, Utc};
use diesel_async::AsyncPgConnection;
use tierline_core::{BillingCycle, Customer, Locale, PlanId, Reseller, SharedAdapter, VendorId};
use tierline_store::customers;
use tierline_store::models::{CustomerChanges, CustomerRow, NewCustomer};
use uuid::Uuid;

use crate::auth::{Principal, Role};
use crate::dto::{CreateCustomer, CustomerBody, PlanHistoryEntry, ResellerBody, UpdateCustomer};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::{before_year_one, visible_customer};
use crate::idempotent::{self, transaction, Outcome};
use crate::state::AppState;

fn cycle_str(c: BillingCycle) -> &'static str {
    match c {
        BillingCycle::Monthly => "monthly",
        BillingCycle::Annual => "annual",
    }
}

pub(crate) fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    max: usize,
) -> Option<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.push(FieldError::new(field, "required", "must not be empty"));
        None
    } else if trimmed.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("at most {max} characters"),
        ));
        None
    } else {
        Some(trimmed.to_owned())
    }
}

/// How far ahead a renewal date may lie.
const MAX_RENEWAL_AHEAD: Months = Months::new(5 * 12);

/// The field errors of a customer's dates: before year 1 (PostgreSQL cannot store those), a
/// renewal more than 5 years after today, an upgrade after today (`out_of_range` each).
/// Today is the later of the UTC date and the vendor's local date (its plan years' calendar),
/// so a client on either never sees its own today refused.
fn date_errors(
    adapter: &SharedAdapter,
    renews_on: Option<NaiveDate>,
    upgraded_on: Option<NaiveDate>,
) -> Vec<FieldError> {
    let now = Utc::now();
    let today = now
        .with_timezone(&adapter.calendar().zone())
        .date_naive()
        .max(now.date_naive());
    let mut errors = Vec::new();
    match before_year_one("renews_on", renews_on) {
        Some(e) => errors.push(e),
        None => {
            let latest = today.checked_add_months(MAX_RENEWAL_AHEAD);
            if renews_on.zip(latest).is_some_and(|(r, latest)| r > latest) {
                errors.push(FieldError::new(
                    "renews_on",
                    "out_of_range",
                    format!("must not lie more than 5 years after today ({today})"),
                ));
            }
        }
    }
    match before_year_one("upgraded_on", upgraded_on) {
        Some(e) => errors.push(e),
        None => {
            if upgraded_on.is_some_and(|u| u > today) {
                errors.push(FieldError::new(
                    "upgraded_on",
                    "out_of_range",
                    format!("must not lie after today ({today})"),
                ));
            }
        }
    }
    errors
}

fn reseller(errors: &mut Vec<FieldError>, r: &ResellerBody) -> Option<(String, String, String)> {
    let id = text(errors, "reseller.id", &r.id, 100);
    let name = text(errors, "reseller.name", &r.name, 200);
    let contact = text(errors, "reseller.contact", &r.contact, 320);
    Some((id?, name?, contact?))
}

/// The core view of a stored customer (for policy evaluation).
pub(crate) fn core_customer(row: &CustomerRow) -> Result<Customer, ApiError> {
    let corrupt = |what: &str| ApiError::Internal(format!("stored customer has a bad {what}"));
    Ok(Customer {
        vendor: VendorId::parse(&row.vendor).map_err(|_| corrupt("vendor"))?,
        external_id: row.external_id.clone(),
        name: row.name.clone(),
        plan: PlanId::parse(&row.plan).map_err(|_| corrupt("plan"))?,
        billing_cycle: match row.billing_cycle.as_str() {
            "annual" => BillingCycle::Annual,
            _ => BillingCycle::Monthly,
        },
        renews_on: row.renews_on,
        upgraded_on: row.upgraded_on,
        reseller: match (&row.reseller_id, &row.reseller_name, &row.reseller_contact) {
            (Some(id), Some(name), Some(contact)) => Some(Reseller {
                id: id.clone(),
                name: name.clone(),
                contact: contact.clone(),
            }),
            _ => None,
        },
        integration: row.integration.clone(),
        trial: row.trial,
        locale: row.locale.as_deref().and_then(|l| l.parse::<Locale>().ok()),
    })
}

async fn body_of(conn: &mut AsyncPgConnection, row: CustomerRow) -> Result<CustomerBody, ApiError> {
    let history = customers::plan_history(conn, &row.vendor, row.id).await?;
    Ok(CustomerBody {
        id: row.id,
        reseller: match (row.reseller_id, row.reseller_name, row.reseller_contact) {
            (Some(id), Some(name), Some(contact)) => Some(ResellerBody { id, name, contact }),
            _ => None,
        },
        vendor: row.vendor,
        external_id: row.external_id,
        name: row.name,
        plan: row.plan,
        billing_cycle: row.billing_cycle,
        renews_on: row.renews_on,
        upgraded_on: row.upgraded_on,
        integration: row.integration,
        trial: row.trial,
        locale: row.locale,
        plan_history: history
            .into_iter()
            .map(|h| PlanHistoryEntry {
                plan: h.plan,
                billing_cycle: h.billing_cycle,
                renews_on: h.renews_on,
                upgraded_on: h.upgraded_on,
                valid_from: h.valid_from,
                changed_by: h.changed_by,
            })
            .collect(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

fn conflict_on_unique(e: diesel::result::Error) -> ApiError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::Conflict {
            code: "customer_exists",
            detail: "a customer with this external_id exists already for this vendor".into(),
        },
        other => other.into(),
    }
}

/// Creates a customer (legacy plan names are stored as the canonical plan).
///
/// `renews_on` may lie at most 5 years after today and `upgraded_on` not after today (422
/// `out_of_range` otherwise); today is the later of the UTC date and the vendor's local date.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = CreateCustomer,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 201, body = CustomerBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/customers")]
pub async fn create_customer(
    principal: Principal,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    req: HttpRequest,
    body: JsonBody<CreateCustomer>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Helpdesk, Role::Agent],
        "create customers",
    )?;
    let input = &body.value;
    let adapter = state.adapter_named(&input.vendor)?;
    principal.require_vendor(&input.vendor)?;
    let mut errors = Vec::new();
    let external_id = text(&mut errors, "external_id", &input.external_id, 200);
    let name = text(&mut errors, "name", &input.name, 200);
    let plan = adapter.resolve_plan(&input.plan).map(|p| p.id.to_string());
    if plan.is_none() {
        errors.push(FieldError::new(
            "plan",
            "unknown_plan",
            format!(
                "vendor {} has no plan {:?}",
                adapter.id(),
                input.plan.chars().take(64).collect::<String>()
            ),
        ));
    }
    let reseller = input
        .reseller
        .as_ref()
        .and_then(|r| reseller(&mut errors, r));
    let integration = match &input.integration {
        Some(i) => text(&mut errors, "integration", i, 100),
        None => None,
    };
    errors.extend(date_errors(adapter, input.renews_on, input.upgraded_on));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (Some(external_id), Some(name), Some(plan)) = (external_id, name, plan) else {
        return Err(ApiError::Internal("validated fields missing".into()));
    };
    let (reseller_id, reseller_name, reseller_contact) = match reseller {
        Some((i, n, c)) => (Some(i), Some(n), Some(c)),
        None => (None, None, None),
    };
    let new = NewCustomer {
        vendor: adapter.id().to_string(),
        id: Uuid::now_v7(),
        external_id,
        name,
        plan,
        billing_cycle: cycle_str(input.billing_cycle).to_owned(),
        renews_on: input.renews_on,
        upgraded_on: input.upgraded_on,
        reseller_id,
        reseller_name,
        reseller_contact,
        integration,
        trial: input.trial.unwrap_or(false),
        locale: input.locale.map(|l| l.as_str().to_owned()),
    };
    let actor = principal.actor();
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let row = customers::insert(conn, &new, &actor)
            .await
            .map_err(conflict_on_unique)?;
        let location = format!("/api/v1/customers/{}", row.id);
        Outcome::created(&body_of(conn, row).await?, location)
    })
    .await
}

/// A customer, with its plan history.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Customer id")),
    responses(
        (status = 200, body = CustomerBody),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/customers/{id}")]
pub async fn get_customer(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Helpdesk, Role::Agent],
        "read customers",
    )?;
    let mut conn = state.conn().await?;
    let row = visible_customer(&mut conn, &principal, *id).await?;
    Ok(HttpResponse::Ok().json(body_of(&mut conn, row).await?))
}

/// Changes a customer; plan changes are kept in the plan history.
///
/// The dates follow the rules of `POST /customers`: `renews_on` at most 5 years after today,
/// `upgraded_on` not after today (422 `out_of_range` otherwise).
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = UpdateCustomer,
    params(("id" = Uuid, Path, description = "Customer id")),
    responses(
        (status = 200, body = CustomerBody),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/customers/{id}")]
pub async fn update_customer(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: JsonBody<UpdateCustomer>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Agent], "change customers")?;
    let input = &body.value;
    let actor = principal.actor();
    let id = *id;
    let registry = &state.registry;
    let body = transaction(&state, async |conn| {
        let row = visible_customer(conn, &principal, id).await?;
        let adapter = registry
            .find(&row.vendor)
            .ok_or_else(|| ApiError::Unprocessable {
                code: "vendor_unavailable",
                detail: "this customer's vendor is not served by this deployment".into(),
            })?;
        let mut errors = Vec::new();
        let mut changes = CustomerChanges::default();
        if let Some(name) = &input.name {
            changes.name = text(&mut errors, "name", name, 200);
        }
        if let Some(plan) = &input.plan {
            match adapter.resolve_plan(plan) {
                Some(p) => changes.plan = Some(p.id.to_string()),
                None => errors.push(FieldError::new(
                    "plan",
                    "unknown_plan",
                    format!(
                        "vendor {} has no plan {:?}",
                        adapter.id(),
                        plan.chars().take(64).collect::<String>()
                    ),
                )),
            }
        }
        changes.billing_cycle = input.billing_cycle.map(|c| cycle_str(c).to_owned());
        changes.renews_on = input.renews_on;
        changes.upgraded_on = input.upgraded_on;
        errors.extend(date_errors(
            adapter,
            input.renews_on.flatten(),
            input.upgraded_on.flatten(),
        ));
        match &input.reseller {
            None => {}
            Some(None) => {
                changes.reseller_id = Some(None);
                changes.reseller_name = Some(None);
                changes.reseller_contact = Some(None);
            }
            Some(Some(r)) => {
                if let Some((i, n, c)) = reseller(&mut errors, r) {
                    changes.reseller_id = Some(Some(i));
                    changes.reseller_name = Some(Some(n));
                    changes.reseller_contact = Some(Some(c));
                }
            }
        }
        match &input.integration {
            None => {}
            Some(None) => changes.integration = Some(None),
            Some(Some(i)) => {
                if let Some(i) = text(&mut errors, "integration", i, 100) {
                    changes.integration = Some(Some(i));
                }
            }
        }
        changes.trial = input.trial;
        changes.locale = input.locale.map(|l| l.map(|l| l.as_str().to_owned()));
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        let row = customers::update(conn, &row.vendor, row.id, &changes, &actor).await?;
        body_of(conn, row).await
    })
    .await?;
    Ok(HttpResponse::Ok().json(body))
}
