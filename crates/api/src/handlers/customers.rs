//! Customers.

use actix_web::http::header;
use actix_web::{get, patch, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Months, NaiveDate, Utc};
use diesel_async::AsyncPgConnection;
use tierline_core::{BillingCycle, Customer, Locale, PlanId, Reseller, SharedAdapter, VendorId};
use tierline_store::customers::{self, CustomerFilter};
use tierline_store::idempotency::Resource;
use tierline_store::models::{CustomerChanges, CustomerRow, NewCustomer};
use uuid::Uuid;

use crate::auth::{Principal, Role};
use crate::dto::{
    CreateCustomer, CustomerBody, CustomerPage, ListCustomers, PlanHistoryEntry, PutCustomer,
    ResellerBody, UpdateCustomer,
};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::handlers::{before_year_one, id_cursor, page_limit, take_page, visible_customer};
use crate::idempotent::{self, transaction, Outcome};
use crate::preconditions;
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
/// so a client on either never sees its own today refused. `now` is the server clock's.
fn date_errors(
    adapter: &SharedAdapter,
    renews_on: Option<NaiveDate>,
    upgraded_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Vec<FieldError> {
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

/// A validated new customer from a create (or whole-customer) body; 422 with every field
/// error otherwise. Dates are checked against `now` (the server clock's).
fn new_customer(
    adapter: &SharedAdapter,
    input: &CreateCustomer,
    now: DateTime<Utc>,
) -> Result<NewCustomer, ApiError> {
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
    errors.extend(date_errors(
        adapter,
        input.renews_on,
        input.upgraded_on,
        now,
    ));
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
    Ok(NewCustomer {
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
    })
}

/// 409 `customer_exists`, naming the existing customer (`existing_id`) so that a client
/// that lost its mapping can find it again.
fn customer_exists(existing: Uuid) -> ApiError {
    let mut extra = serde_json::Map::new();
    extra.insert("existing_id".into(), serde_json::json!(existing));
    ApiError::ConflictWith {
        code: "customer_exists",
        detail: format!(
            "a customer with this external_id exists already for this vendor: {existing}"
        ),
        extra,
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
    let new = new_customer(adapter, input, state.now())?;
    let actor = principal.actor();
    idempotent::run(&state, &principal, &key, &req, &body.hash, async |conn| {
        let row = customers::insert_or_existing(conn, &new, &actor)
            .await?
            .map_err(customer_exists)?;
        let location = format!("/api/v1/customers/{}", row.id);
        let resource = Resource::Customer(row.id);
        Outcome::created(&body_of(conn, row).await?, location, resource)
    })
    .await
}

/// A customer, with its plan history.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Customer id")),
    responses(
        (status = 200, body = CustomerBody, description = "The customer",
            headers(("ETag" = String, description = "The customer's version, for `If-Match`"))),
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
    let tag = preconditions::etag(row.version);
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .json(body_of(&mut conn, row).await?))
}

/// Changes a customer; plan changes are kept in the plan history.
///
/// The dates follow the rules of `POST /customers`: `renews_on` at most 5 years after today,
/// `upgraded_on` not after today (422 `out_of_range` otherwise).
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = UpdateCustomer,
    params(
        ("id" = Uuid, Path, description = "Customer id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the customer as last read: the change is refused (412) if the customer changed since"),
    ),
    responses(
        (status = 200, body = CustomerBody, description = "The changed customer",
            headers(("ETag" = String, description = "The new version"))),
        (status = 412, body = Problem, content_type = "application/problem+json"),
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
    req: HttpRequest,
    body: JsonBody<UpdateCustomer>,
) -> Result<HttpResponse, ApiError> {
    principal.require(&[Role::Admin, Role::Agent], "change customers")?;
    let if_match = preconditions::if_match(&req)?;
    let input = &body.value;
    let actor = principal.actor();
    let id = *id;
    let registry = &state.registry;
    let (body, version) = transaction(&state, async |conn| {
        let row = visible_customer(conn, &principal, id).await?;
        let locked = customers::find_for_update(conn, &row.vendor, row.id)
            .await?
            .ok_or(ApiError::NotFound("customer"))?;
        preconditions::check(if_match.as_deref(), locked.version, "customer")?;
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
            state.now(),
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
        let version = row.version;
        Ok((body_of(conn, row).await?, version))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, preconditions::etag(version)))
        .json(body))
}

/// Customers, oldest first; with `vendor` and `external_id`, the one customer the helpdesk
/// knows by that id (an empty page when there is none).
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    params(ListCustomers),
    responses(
        (status = 200, body = CustomerPage, description = "A page of customers"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/customers")]
pub async fn list_customers(
    principal: Principal,
    state: web::Data<AppState>,
    query: web::Query<ListCustomers>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Helpdesk, Role::Agent],
        "read customers",
    )?;
    let q = query.into_inner();
    let limit = page_limit(q.limit, 20, 100)?;
    let after = id_cursor(q.cursor.as_deref())?;
    let filter = CustomerFilter {
        vendor: q.vendor,
        external_id: q.external_id,
        after,
        limit: i64::from(limit) + 1,
    };
    let mut conn = state.conn().await?;
    let mut rows = customers::list(&mut conn, &principal.visibility(), &filter).await?;
    let next_cursor = if take_page(&mut rows, limit) {
        rows.last().map(|r| r.id.simple().to_string())
    } else {
        None
    };
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(body_of(&mut conn, row).await?);
    }
    Ok(HttpResponse::Ok().json(CustomerPage { items, next_cursor }))
}

/// Creates or replaces the customer a helpdesk knows by `external_id`, in one idempotent
/// call: 201 when created, 200 when an existing customer was brought up to date (plan
/// changes are kept in the plan history; an absent optional field is cleared). The body
/// follows the rules of `POST /customers`.
#[utoipa::path(tag = "customers", security(("bearer" = [])),
    request_body = PutCustomer,
    params(
        ("vendor" = String, Path, description = "Vendor id, e.g. `connex`"),
        ("external_id" = String, Path, description = "The customer's id in the helpdesk"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the customer as last read (only for a replace)"),
    ),
    responses(
        (status = 200, body = CustomerBody, description = "The customer existed and now matches the body",
            headers(("ETag" = String, description = "The new version"))),
        (status = 201, body = CustomerBody, description = "The customer was created",
            headers(("ETag" = String, description = "The new version"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/customers/external/{vendor}/{external_id}")]
pub async fn put_customer(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    body: JsonBody<PutCustomer>,
) -> Result<HttpResponse, ApiError> {
    principal.require(
        &[Role::Admin, Role::Helpdesk, Role::Agent],
        "upsert customers",
    )?;
    let (vendor, external_id) = path.into_inner();
    let adapter = state
        .registry
        .find(&vendor)
        .ok_or(ApiError::NotFound("vendor"))?;
    principal.require_vendor(&vendor)?;
    let if_match = preconditions::if_match(&req)?;
    let input = body.value.clone().into_create(vendor, external_id);
    let new = new_customer(adapter, &input, state.now())?;
    let actor = principal.actor();
    let (created, body, version) = transaction(&state, async |conn| {
        let existing =
            customers::find_external_for_update(conn, &new.vendor, &new.external_id).await?;
        let existing = match existing {
            Some(row) => row,
            None => match customers::insert_or_existing(conn, &new, &actor).await? {
                Ok(row) => {
                    let version = row.version;
                    return Ok((true, body_of(conn, row).await?, version));
                }
                // Created concurrently since we looked: replace it like any other.
                Err(_) => customers::find_external_for_update(conn, &new.vendor, &new.external_id)
                    .await?
                    .ok_or(ApiError::NotFound("customer"))?,
            },
        };
        preconditions::check(if_match.as_deref(), existing.version, "customer")?;
        let changes = CustomerChanges {
            name: Some(new.name.clone()),
            plan: Some(new.plan.clone()),
            billing_cycle: Some(new.billing_cycle.clone()),
            renews_on: Some(new.renews_on),
            upgraded_on: Some(new.upgraded_on),
            reseller_id: Some(new.reseller_id.clone()),
            reseller_name: Some(new.reseller_name.clone()),
            reseller_contact: Some(new.reseller_contact.clone()),
            integration: Some(new.integration.clone()),
            trial: Some(new.trial),
            locale: Some(new.locale.clone()),
        };
        let row = customers::update(conn, &existing.vendor, existing.id, &changes, &actor).await?;
        let version = row.version;
        Ok((false, body_of(conn, row).await?, version))
    })
    .await?;
    let mut answer = if created {
        let mut b = HttpResponse::Created();
        b.insert_header((header::LOCATION, format!("/api/v1/customers/{}", body.id)));
        b
    } else {
        HttpResponse::Ok()
    };
    Ok(answer
        .insert_header((header::ETAG, preconditions::etag(version)))
        .json(body))
}
