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
