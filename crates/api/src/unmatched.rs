//! The answer to a request that no route took: 405 `method_not_allowed` with an `Allow`
//! header when the path is one the API serves with other methods, 404 `not_found` otherwise.
//!
//! The routes' own method guards turn a wrong method into "no route matched", so the app's
//! default service cannot tell a wrong method from a wrong path by itself. Which methods a
//! path supports is read from the OpenAPI document the routes produce
//! ([`crate::router::configure`] through utoipa), matched with actix's own path patterns, so
//! every documented route is covered and nothing has to be kept in step by hand. The aliases
//! outside the document (`/docs`, `/api/v1/health`, `/api/v1/ready`) guard their routes,
//! not their resources, so actix answers them with its own 405 and `Allow`, which the
//! problem rewriting keeps.

use std::rc::Rc;

use actix_web::dev::ResourceDef;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use utoipa::openapi::path::PathItem;
use utoipa::openapi::OpenApi;

use crate::error::{problem, problem_response, ApiError};

/// Each documented path pattern with the methods it supports.
#[derive(Debug)]
pub struct PathMethods {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

/// The methods of a path item, in a fixed order (the order `Allow` lists them in).
fn methods_of(item: &PathItem) -> Vec<Method> {
    [
        (Method::GET, item.get.is_some()),
        (Method::HEAD, item.head.is_some()),
        (Method::POST, item.post.is_some()),
        (Method::PUT, item.put.is_some()),
        (Method::PATCH, item.patch.is_some()),
        (Method::DELETE, item.delete.is_some()),
        (Method::OPTIONS, item.options.is_some()),
        (Method::TRACE, item.trace.is_some()),
    ]
    .into_iter()
    .filter_map(|(method, present)| present.then_some(method))
    .collect()
}

impl PathMethods {
    /// Every path of `doc` with its operations' methods.
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| (ResourceDef::new(path.as_str()), methods_of(item)))
            .filter(|(_, methods)| !methods.is_empty())
            .collect();
        Self { routes }
    }

    /// The methods `path` supports (empty for a path no route serves), `GET` first.
    pub fn allowed(&self, path: &str) -> Vec<Method> {
        let mut allowed: Vec<Method> = Vec::new();
        for (pattern, methods) in &self.routes {
            if pattern.is_match(path) {
                for m in methods {
                    if !allowed.contains(m) {
                        allowed.push(m.clone());
                    }
                }
            }
        }
        allowed
    }
}

/// A 405 `method_not_allowed` problem listing `allowed` in its `Allow` header.
pub fn method_not_allowed(method: &Method, allowed: &[Method]) -> HttpResponse {
    let list = allowed
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let p = problem(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Method not allowed",
        Some(format!("{method} is not allowed here; allowed: {list}")),
        Vec::new(),
    );
    let mut res = problem_response(&p);
    if let Ok(value) = HeaderValue::from_str(&list) {
        res.headers_mut().insert(header::ALLOW, value);
    }
    res
}

/// The app's default service: 405 with `Allow` for a path of `doc` requested with another
/// method, 404 for any other path.
pub fn service(doc: &OpenApi) -> actix_web::Route {
    let table = Rc::new(PathMethods::from_openapi(doc));
    web::to(move |req: HttpRequest| {
        let table = Rc::clone(&table);
        async move {
            // The path as the router matched it (percent-decoded where actix decodes).
            let allowed = table.allowed(req.match_info().as_str());
            if allowed.is_empty() {
                return Err(ApiError::NotFound("route"));
            }
            Ok(method_not_allowed(req.method(), &allowed))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_the_document_list_their_methods_and_others_none() {
        let table = PathMethods::from_openapi(&crate::router::openapi());
        assert_eq!(
            table.allowed("/api/v1/customers/0190b5c4-a1f0-7f2d-8e5a-3b6c7d8e9f00"),
            [Method::GET, Method::PATCH]
        );
        assert_eq!(
            table.allowed("/api/v1/webhooks/x"),
            [Method::GET, Method::PATCH, Method::DELETE]
        );
        assert_eq!(
            table.allowed("/api/v1/tickets"),
            [Method::GET, Method::POST]
        );
        assert_eq!(table.allowed("/metrics"), [Method::GET]);
        for unknown in [
            "/api/v1/nothing-here",
            "/api/v1/customers/",
            "/api/v1/customers/x/y",
            "/api/v1",
            "/",
        ] {
            assert!(table.allowed(unknown).is_empty(), "{unknown}");
        }
    }
}
