//! API keys: create (the key is shown once), list (never the keys), revoke.
//!
//! Admins manage every key. Agents manage the non-admin keys of their own vendor: they may
//! create `agent`, `helpdesk` and `reseller` keys naming only that vendor, never an admin
//! key and never one that reaches further than themselves.
//!
//! Creation is not idempotent on purpose: replaying it would have to keep the key in the
//! replay record. A retried creation mints a second key; revoke the one not used.

use actix_web::{delete, get, http::header, post, web, HttpResponse};
use chrono::Utc;
use tierline_store::api_keys::{self as key_rows, ApiKeyRow, KeyScope};
use uuid::Uuid;

use crate::api_keys;
use crate::auth::{Claims, Principal, Role};
use crate::dto::api_keys::{ApiKeyBody, ApiKeyList, CreateApiKey, CreatedApiKeyBody};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::JsonBody;
use crate::handlers::before_year_one;
use crate::state::AppState;

const ROLES: &[Role] = &[Role::Admin, Role::Agent];

fn body(row: &ApiKeyRow) -> Result<ApiKeyBody, ApiError> {
    Ok(ApiKeyBody {
        id: row.id,
        name: row.name.clone(),
        prefix: row.prefix.clone(),
        role: row
            .role
            .parse()
            .map_err(|e: String| ApiError::Internal(format!("stored API key {}: {e}", row.id)))?,
        vendors: row.vendors.clone(),
        reseller: row.reseller.clone(),
        created_by: row.created_by.clone(),
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
    })
}

/// The keys `principal` may manage.
fn scope(principal: &Principal) -> KeyScope {
    match principal.role() {
        Role::Admin => KeyScope::All,
        _ => KeyScope::Vendors(principal.claims.vendors.clone()),
    }
}

/// Whether `principal` may create a key with `claims` (403 otherwise): admins anything,
/// agents only non-admin keys naming only their own vendor.
fn may_create(principal: &Principal, claims: &Claims) -> Result<(), ApiError> {
    if principal.role() == Role::Admin {
        return Ok(());
    }
    if claims.role == Role::Admin {
        return Err(ApiError::Forbidden(
            "only an admin may create an admin key".into(),
        ));
    }
    if claims.vendors.is_empty() {
        return Err(ApiError::Forbidden(
            "a key created by an agent names the agent's vendor".into(),
        ));
    }
    for vendor in &claims.vendors {
        principal.require_vendor(vendor)?;
    }
    Ok(())
}

/// The claims of the requested key, or the field errors of the request.
fn requested(state: &AppState, input: &CreateApiKey) -> Result<Claims, ApiError> {
    let now = Utc::now();
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "required", "name the key"));
    } else if name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            "too_long",
            "at most 200 characters",
        ));
    }
    let mut vendors: Vec<String> = Vec::new();
    for (i, v) in input.vendors.iter().enumerate() {
        match state.registry.find(v) {
            Some(adapter) => {
                let id = adapter.id().to_string();
                if !vendors.contains(&id) {
                    vendors.push(id);
                }
            }
            None => errors.push(FieldError::new(
                format!("vendors[{i}]"),
                "unknown_vendor",
                "no such vendor (see GET /vendors)",
            )),
        }
    }
    if let Some(at) = input.expires_at {
        if let Some(e) = before_year_one("expires_at", Some(at)) {
            errors.push(e);
        } else if at <= now {
            errors.push(FieldError::new(
                "expires_at",
                "in_past",
                "must lie in the future",
            ));
        }
    }
    if input
        .reseller
        .as_ref()
        .is_some_and(|r| r.chars().count() > 200)
    {
        errors.push(FieldError::new(
            "reseller",
            "too_long",
            "at most 200 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let claims = Claims {
        sub: "api-key".into(),
        role: input.role,
        vendors,
        reseller: input.reseller.clone().filter(|r| !r.trim().is_empty()),
        iat: now.timestamp(),
        exp: input.expires_at.map_or(i64::MAX, |at| at.timestamp()),
        nbf: None,
    };
    claims
        .check()
        .map_err(|e| ApiError::field("role", "invalid_value", e))?;
    if claims.role != Role::Reseller && claims.reseller.is_some() {
        return Err(ApiError::field(
            "reseller",
            "not_applicable",
            "only reseller keys name a reseller id",
        ));
    }
    if claims.role == Role::Admin && !claims.vendors.is_empty() {
        return Err(ApiError::field(
            "vendors",
            "not_applicable",
            "admin keys cover every vendor; name none",
        ));
    }
    Ok(claims)
}

/// Creates an API key. The answer carries the key, once: only its hash is stored.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])),
    request_body = CreateApiKey,
    responses(
        (status = 201, body = CreatedApiKeyBody,
         headers(("Location" = String, description = "The key's id under /api/v1/api-keys"))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/api-keys")]
pub async fn create_api_key(
    principal: Principal,
    state: web::Data<AppState>,
    body_in: JsonBody<CreateApiKey>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage API keys")?;
    let input = &body_in.value;
    let claims = requested(&state, input)?;
    may_create(&principal, &claims)?;
    let key = api_keys::generate()?;
    let row = ApiKeyRow {
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        prefix: key.prefix.clone(),
        key_hash: key.hash.clone(),
        role: claims.role.as_str().to_owned(),
        vendors: claims.vendors,
        reseller: claims.reseller,
        created_by: principal.actor(),
        created_at: Utc::now(),
        expires_at: input.expires_at,
        revoked_at: None,
        revoked_by: None,
        last_used_at: None,
    };
    let mut conn = state.conn().await?;
    let stored = key_rows::insert(&mut conn, &row).await?;
    tracing::info!(
        api_key = %stored.id, role = %stored.role, by = %stored.created_by,
        "API key created"
    );
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/api-keys/{}", stored.id)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedApiKeyBody {
            api_key: body(&stored)?,
            key: key.secret,
        }))
}

/// The unrevoked keys the caller may manage (admins: all; agents: their vendor's), without
/// the keys themselves.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])),
    responses(
        (status = 200, body = ApiKeyList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/api-keys")]
pub async fn list_api_keys(
    principal: Principal,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage API keys")?;
    let mut conn = state.conn().await?;
    let rows = key_rows::list(&mut conn, &scope(&principal)).await?;
    Ok(HttpResponse::Ok().json(ApiKeyList {
        items: rows.iter().map(body).collect::<Result<_, _>>()?,
    }))
}

/// Revokes a key: it stops working at once on this server, and within
/// `TIERLINE_API_KEY_CACHE_SECONDS` (5 s by default) on every other one.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "API key id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(ROLES, "manage API keys")?;
    let mut conn = state.conn().await?;
    let revoked = key_rows::revoke(
        &mut conn,
        *id,
        &scope(&principal),
        &principal.actor(),
        Utc::now(),
    )
    .await?
    .ok_or(ApiError::NotFound("API key"))?;
    state.api_keys.forget(revoked.id);
    tracing::info!(api_key = %revoked.id, by = %principal.actor(), "API key revoked");
    Ok(HttpResponse::NoContent().finish())
}
