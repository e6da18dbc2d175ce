//! Every route, in one place, and the OpenAPI document they produce.

use actix_web::web;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{scope, service_config::ServiceConfig, AppExt};

use crate::handlers::{
    api_keys, customers, entitlements, lifecycle, meta, metrics, queue, sla, tickets, triage,
    vendors, webhooks,
};

/// The API prefix.
pub const API_PREFIX: &str = "/api/v1";

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An HS256 JWT from `tierline token --role R [--vendor V] [--reseller ID]` \
                         (at most the server's maximum lifetime, 24 h by default), or an API \
                         key (`tlk_...`) from `POST /api/v1/api-keys`",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document's fixed parts; paths and schemas are collected from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tierline API",
        description = "Applies software vendors' support policies to support tickets: routing, \
                       scope, priority, SLA clocks in business time, billing. Errors are RFC 9457 \
                       problem documents (`application/problem+json`) with a stable `code`; \
                       a method a path does not support answers 405 `method_not_allowed` with \
                       an `Allow` header listing the methods it does.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "meta", description = "Liveness, readiness and metrics"),
        (name = "vendors", description = "Vendors, plans and calendars"),
        (name = "sla", description = "SLA previews"),
        (name = "customers", description = "Customers and their plans"),
        (name = "tickets", description = "Tickets and Tierline's decisions, their lifecycle \
                                           (events, escalations, history) and vendor queues"),
        (name = "webhooks", description = "Signed event deliveries to your URLs (see docs/WEBHOOKS.md)"),
        (name = "api-keys", description = "Revocable API keys (`tlk_...`), sent as bearer credentials"),
    )
)]
pub struct ApiDoc;

/// Registers every route (for the app and for the OpenAPI document).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(meta::get_health)
        .service(meta::get_ready)
        .service(metrics::get_metrics)
        .service(
            scope::scope(API_PREFIX)
                .service(vendors::list_vendors)
                .service(vendors::list_plans)
                .service(vendors::get_calendar)
                .service(triage::get_intake_schema)
                .service(sla::preview_sla)
                .service(customers::create_customer)
                .service(customers::get_customer)
                .service(customers::update_customer)
                .service(customers::list_customers)
                .service(customers::put_customer)
                .service(tickets::create_ticket)
                .service(tickets::list_tickets)
                .service(tickets::get_ticket)
                .service(lifecycle::update_ticket)
                .service(lifecycle::create_ticket_event)
                .service(lifecycle::list_ticket_events)
                .service(lifecycle::create_escalation)
                .service(triage::triage_ticket)
                .service(queue::get_queue)
                .service(entitlements::get_entitlements)
                .service(entitlements::log_developer_time)
                .service(entitlements::create_purchase)
                .service(entitlements::create_session)
                .service(webhooks::create_webhook)
                .service(webhooks::list_webhooks)
                .service(webhooks::get_webhook)
                .service(webhooks::delete_webhook)
                .service(webhooks::update_webhook)
                .service(webhooks::rotate_webhook_secret)
                .service(webhooks::ping_webhook)
                .service(webhooks::list_deliveries)
                .service(webhooks::redeliver_delivery)
                .service(api_keys::create_api_key)
                .service(api_keys::list_api_keys)
                .service(api_keys::revoke_api_key)
                // Aliases, not in the document. Method guards on the routes, not the
                // resources, so that actix answers other methods 405 with `Allow`.
                .map(|api| {
                    api.service(
                        web::resource("/health")
                            .route(web::get().to(|| async { meta::health_body() })),
                    )
                    .service(web::resource("/ready").route(web::get().to(meta::ready)))
                }),
        );
}

/// The OpenAPI document the server serves at `/api-docs/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(configure)
        .split_for_parts();
    document_common_answers(&mut api);
    match crate::openapi_polish::polish(api.clone()) {
        Ok(polished) => polished,
        Err(error) => {
            tracing::error!(
                error = &error as &dyn std::error::Error,
                "OpenAPI document left unpolished"
            );
            api
        }
    }
}

/// Adds what every operation can answer but few annotations list, so that no answer falls
/// outside the document (schemathesis found 401s, 415s and 503s that did): under
/// `/api/v1` every operation needs a bearer token (401) and may find the database down
/// (503); every operation with query parameters may refuse them (400); every operation with
/// a body may refuse it (400, 413, 415, 422). Also documents the
/// `Idempotency-Key` format the server enforces.
pub fn document_common_answers(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::content::Content;
    use utoipa::openapi::path::Operation;
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::security::SecurityRequirement;
    use utoipa::openapi::{Ref, RefOr, ResponseBuilder};

    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    crate::error::PROBLEM_JSON,
                    Content::new(Some(Ref::from_schema_name("Problem"))),
                )
                .build(),
        )
    };
    let add = |op: &mut Operation, status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem(description));
    };
    for (path, item) in api.paths.paths.iter_mut() {
        let in_api = path.starts_with(API_PREFIX);
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            if in_api {
                if op.security.is_none() {
                    op.security = Some(vec![SecurityRequirement::new(
                        "bearer",
                        Vec::<String>::new(),
                    )]);
                }
                add(
                    op,
                    "401",
                    "Missing, expired, revoked or invalid bearer credentials",
                );
                add(
                    op,
                    "429",
                    "A rate limit refused the request; see Retry-After and RateLimit",
                );
                add(op, "503", "The database is unavailable; retry later");
            }
            let has_query = op.parameters.iter().flatten().any(|p| {
                matches!(p, RefOr::T(p) if p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
            });
            if has_query {
                add(op, "400", "A query parameter is invalid or unknown");
            }
            if op.request_body.is_some() {
                add(op, "400", "The body is not JSON, or a header is malformed");
                add(op, "413", "The body is too large");
                add(op, "415", "The body is not application/json");
                add(op, "422", "The body is invalid");
            }
            for param in op.parameters.iter_mut().flatten() {
                if let RefOr::T(p) = param {
                    if p.name == "Idempotency-Key" {
                        p.schema = Some(RefOr::T(
                            ObjectBuilder::new()
                                .schema_type(Type::String)
                                .min_length(Some(1))
                                .max_length(Some(255))
                                .pattern(Some("^[!-~]+$"))
                                .into(),
                        ));
                    }
                }
            }
        }
    }
}

/// Routes outside the document: `/docs` (redirects to `/docs/`).
pub fn aliases(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/docs").route(web::get().to(|| async {
        actix_web::HttpResponse::PermanentRedirect()
            .insert_header((actix_web::http::header::LOCATION, "/docs/"))
            .finish()
    })));
}
