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
    let r = app.get("/api/v1/nothing-here", &app.admin).await;
    r.assert_problem(404, "not_found");
    let r = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/vendors",
            Some(&app.admin),
            None,
            &[],
        )
        .await;
    assert!(r.status.is_client_error());
    assert!(r.content_type.starts_with("application/problem+json"));
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
