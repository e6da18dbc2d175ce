//! The HTTP ceiling for `scripts/bench`: the same actix-web version and worker count as
//! `tierline serve`, one `POST /echo` handler that parses a JSON body shaped like an SLA
//! preview request and answers a small JSON document. No auth, no logging, no database.
//!
//! Usage: `bench-ceiling [BIND] [WORKERS]` (defaults `127.0.0.1:8090`, one worker per core,
//! as `tierline serve`).

use actix_web::{web, App, HttpResponse, HttpServer};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Request {
    vendor: String,
    plan: String,
    priority: String,
    received_at: String,
}

#[derive(Serialize)]
struct Reply<'a> {
    vendor: &'a str,
    plan: &'a str,
    priority: &'a str,
    received_at: &'a str,
    ok: bool,
}

async fn echo(body: web::Json<Request>) -> HttpResponse {
    HttpResponse::Ok().json(Reply {
        vendor: &body.vendor,
        plan: &body.plan,
        priority: &body.priority,
        received_at: &body.received_at,
        ok: true,
    })
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let bind = args.next().unwrap_or_else(|| "127.0.0.1:8090".to_owned());
    let workers = args.next().and_then(|w| w.parse::<usize>().ok());
    actix_web::rt::System::new().block_on(async move {
        let mut server =
            HttpServer::new(|| App::new().route("/echo", web::post().to(echo))).bind(&bind)?;
        if let Some(w) = workers {
            server = server.workers(w);
        }
        server.run().await
    })
}
