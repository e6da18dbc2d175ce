use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_ready_answer_without_a_token() {
    let app = spawn_app().await;
    for path in ["/health", "/ready", "/api/v1/health"] {
        let r = app.send(reqwest::Method::GET, path, None, None, &[]).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.body["status"], "ok");
        assert!(r.headers.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn docs_and_openapi_are_served() {
    let app = spawn_app().await;
    let r = app
        .send(
            reqwest::Method::GET,
            "/api-docs/openapi.json",
            None,
            None,
            &[],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body["paths"]["/api/v1/tickets"]["post"].is_object());
    let r = app
        .send(reqwest::Method::GET, "/docs/", None, None, &[])
        .await;
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/html"));
    let r = app
        .send(reqwest::Method::GET, "/docs", None, None, &[])
        .await;
    assert_eq!(r.status, 200, "redirected to /docs/");
}

#[tokio::test]
async fn unknown_routes_are_problems() {
    let app = spawn_app().await;
    for (method, path) in [
        (reqwest::Method::GET, "/api/v1/nothing-here"),
        (reqwest::Method::POST, "/api/v1/nothing-here"),
        (reqwest::Method::GET, "/api/v1/customers/"),
        (reqwest::Method::GET, "/api/v1/customers/x/y"),
        (reqwest::Method::DELETE, "/api/v1"),
        (reqwest::Method::PUT, "/nothing"),
    ] {
        let r = app.send(method, path, Some(&app.admin), None, &[]).await;
        r.assert_problem(404, "not_found");
        assert!(!r.headers.contains_key("allow"), "{path}");
    }
}

fn allow(r: &crate::helpers::Reply) -> &str {
    r.headers
        .get("allow")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn a_wrong_method_on_an_existing_path_is_405_with_allow() {
    use reqwest::Method;
    let app = spawn_app().await;
    let id = "0190b5c4-a1f0-7f2d-8e5a-3b6c7d8e9f00";
    let customer = format!("/api/v1/customers/{id}");
    let ticket = format!("/api/v1/tickets/{id}");
    let webhook = format!("/api/v1/webhooks/{id}");
    let admin = Some(app.admin.as_str());
    let cases: [(Method, &str, Option<&str>, &str); 9] = [
        (Method::DELETE, "/api/v1/vendors", admin, "GET"),
        // No token needed to learn the methods, as for a 404.
        (Method::PUT, &customer, None, "GET, PATCH"),
        (Method::POST, &ticket, admin, "GET, PATCH"),
        (Method::DELETE, "/api/v1/tickets", admin, "GET, POST"),
        (Method::PUT, &webhook, admin, "GET, PATCH, DELETE"),
        (Method::POST, "/metrics", None, "GET"),
        (Method::HEAD, "/api/v1/queue", admin, "GET"),
        // Routes outside the document keep actix's own `Allow`.
        (Method::POST, "/api/v1/health", None, "GET"),
        (Method::DELETE, "/docs", None, "GET"),
    ];
    for (method, path, token, expected) in cases {
        let head = method == Method::HEAD;
        let r = app.send(method.clone(), path, token, None, &[]).await;
        assert_eq!(r.status, 405, "{method} {path}: {}", r.body);
        assert_eq!(allow(&r), expected, "{method} {path}");
        assert!(r.headers.contains_key("x-request-id"), "{method} {path}");
        if !head {
            r.assert_problem(405, "method_not_allowed");
        }
    }
}

/// Every path of the OpenAPI document answers a method it does not document with 405 and
/// exactly its documented methods in `Allow`.
#[tokio::test]
async fn every_documented_path_lists_its_methods_on_405() {
    let app = spawn_app().await;
    let doc = serde_json::to_value(tierline_api::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() > 10);
    for (template, item) in paths {
        let documented: Vec<String> = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| item.get(*m).is_some())
            .map(str::to_uppercase)
            .collect();
        // A method the path does not document (every path lacks at least one).
        let probe = ["PUT", "DELETE", "PATCH", "POST", "GET"]
            .into_iter()
            .find(|m| !documented.iter().any(|d| d == m))
            .unwrap_or_else(|| panic!("{template} documents every method"));
        let path = template
            .split('/')
            .map(|seg| {
                if seg.starts_with('{') {
                    "0190b5c4-a1f0-7f2d-8e5a-3b6c7d8e9f00"
                } else {
                    seg
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let method = reqwest::Method::from_bytes(probe.as_bytes()).unwrap();
        let r = app.send(method, &path, Some(&app.admin), None, &[]).await;
        r.assert_problem(405, "method_not_allowed");
        assert_eq!(allow(&r), documented.join(", "), "{template} ({probe})");
    }
}

#[tokio::test]
async fn an_unreachable_database_is_503_not_500() {
    // A pool pointing at a port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let pool = tierline_store::build_pool(
        &format!("postgres://postgres@127.0.0.1:{port}/none"),
        &tierline_store::PoolSettings {
            max_size: 2,
            wait_timeout: std::time::Duration::from_secs(1),
            connect_timeout: std::time::Duration::from_secs(1),
            ..Default::default()
        },
    )
    .unwrap();
    let registry = tierline::vendors::registry(&tierline_core::AdapterConfig::empty()).unwrap();
    let settings = tierline_api::Settings {
        bind: "127.0.0.1:0".into(),
        jwt_secret: crate::helpers::SECRET.to_vec(),
        max_body_bytes: 1024,
        workers: Some(1),
        access: tierline_api::AccessSettings::default(),
    };
    let app = tierline_api::Application::build(&settings, registry, pool).unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let token = tierline_api::TokenKeys::from_secret(crate::helpers::SECRET)
        .issue(
            "a",
            tierline_api::Role::Admin,
            vec![],
            None,
            chrono::Duration::hours(1),
        )
        .unwrap();
    let client = reqwest::Client::new();
    let ready = client.get(format!("{base}/ready")).send().await.unwrap();
    let ready = crate::helpers::TestApp::reply(ready).await;
    ready.assert_problem(503, "service_unavailable");
    let list = client
        .get(format!("{base}/api/v1/tickets"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    crate::helpers::TestApp::reply(list)
        .await
        .assert_problem(503, "service_unavailable");
    let health = client.get(format!("{base}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200, "liveness does not need the database");
    handle.stop(false).await;
}
