//! `tierline serve`: the REST API.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use tierline_api::{Application, Extras, Settings, DEFAULT_MAX_BODY_BYTES};
use tierline_core::{Registry, SystemClock};
use tierline_store::{build_pool, run_migrations, PoolSettings};
use tierline_worker::{WorkerMetrics, WorkerSettings, Workers};

use super::access::AccessOptions;
use super::server_env::{init_logging, jwt_secret, local_base, open_database};
use super::worker::WorkerOptions;

/// Arguments of `tierline serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "TIERLINE_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// PostgreSQL URL; without it an embedded cluster under `<data-dir>/pg` is used.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the embedded default keeps its database and token secret.
    #[arg(long, env = "TIERLINE_DATA_DIR", default_value = ".tierline")]
    pub data_dir: PathBuf,
    /// HS256 token secret (default: `<data-dir>/jwt-secret`, created on first start).
    #[arg(long, env = "TIERLINE_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Largest accepted request body in bytes.
    #[arg(long, env = "TIERLINE_MAX_BODY_BYTES", default_value_t = DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Seconds a request body may take to arrive (408 `request_timeout` after that).
    #[arg(long, env = "TIERLINE_BODY_TIMEOUT", default_value_t = 30.0)]
    pub body_timeout: f64,
    /// Database connections in the pool.
    #[arg(long, env = "TIERLINE_DB_POOL_SIZE", default_value_t = 16)]
    pub pool_size: usize,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "TIERLINE_WORKERS")]
    pub workers: Option<usize>,
    /// Serve the API only: no webhook delivery, no SLA monitor (run `tierline worker`).
    #[arg(long, env = "TIERLINE_NO_WORKERS")]
    pub no_workers: bool,
    /// A static bearer token that may read `/metrics` (besides admin tokens).
    #[arg(long, env = "TIERLINE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Worker options.
    #[command(flatten)]
    pub worker: WorkerOptions,
    /// Access options (token lifetime, API keys, rate limits, webhook cap).
    #[command(flatten)]
    pub access: AccessOptions,
}

/// How to get a token, printed at start instead of a token: a start's output often ends up
/// in logs, and a token there would be valid for anyone who reads them.
fn token_hint(args: &ServeArgs) -> String {
    let mut command = String::from("tierline token --role admin --ttl 1h");
    if args.jwt_secret.is_some() {
        command.push_str(" (with the same TIERLINE_JWT_SECRET)");
    } else if args.data_dir != std::path::Path::new(".tierline") {
        command.push_str(&format!(" --data-dir {}", args.data_dir.display()));
    }
    command
}

/// Runs the server until Ctrl-C / SIGTERM; stops the embedded database afterwards.
pub fn run(args: &ServeArgs, registry: Registry) -> anyhow::Result<()> {
    init_logging();
    let database = open_database(args.database_url.as_deref(), &args.data_dir)?;
    let secret = jwt_secret(args.jwt_secret.as_deref(), &args.data_dir, true)?;
    let applied = run_migrations(&database.url).context("running migrations")?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    let settings = Settings {
        bind: args.bind.clone(),
        jwt_secret: secret.clone(),
        max_body_bytes: args.max_body_bytes,
        workers: args.workers,
        access: args.access.settings()?,
    };
    let pool_settings = PoolSettings {
        max_size: args.pool_size.max(1),
        ..PoolSettings::default()
    };
    // One clock for the API and the in-process workers: the system clock, always (nothing
    // a client or the environment sets can move it).
    let clock = SystemClock::shared();
    let worker_settings = WorkerSettings {
        clock: clock.clone(),
        ..args.worker.settings()?
    };
    let result = actix_web::rt::System::new().block_on(async {
        let pool = build_pool(&database.url, &pool_settings).context("building the pool")?;
        let metrics = prometheus::Registry::new();
        let extras = Extras {
            metrics_registry: Some(metrics.clone()),
            metrics_token: args.metrics_token.clone().filter(|t| !t.is_empty()),
            egress: worker_settings.delivery.egress.clone(),
            body_timeout: Some(
                std::time::Duration::try_from_secs_f64(args.body_timeout)
                    .ok()
                    .filter(|d| !d.is_zero())
                    .context("--body-timeout must be a positive number of seconds")?,
            ),
            clock: Some(clock),
        };
        let app = Application::build_with(&settings, registry, pool.clone(), extras)
            .with_context(|| format!("binding {}", settings.bind))?;
        let workers = if args.no_workers {
            None
        } else {
            let worker_metrics =
                WorkerMetrics::new(&metrics).context("registering worker metrics")?;
            Some(Workers::spawn(pool, worker_settings, worker_metrics))
        };
        let base = local_base(&settings.bind, app.port());
        println!("Tierline API: {base}/api/v1");
        println!("API docs:     {base}/docs/");
        println!("Tokens:       {}", token_hint(args));
        tracing::info!(%base, "listening");
        // Stops on Ctrl-C / SIGTERM: no new connections, in-flight requests finish.
        let served = app.run_until_stopped().await.context("server failed");
        if let Some(workers) = workers {
            tracing::info!(
                "shutting down workers: finishing in-flight deliveries, releasing leases"
            );
            workers.shutdown().await;
        }
        served
    });
    if let Some(cluster) = database.cluster {
        tracing::info!("stopping the embedded PostgreSQL");
        cluster.stop().context("stopping the embedded PostgreSQL")?;
    }
    result
}
