//! `tierline worker`: webhook delivery and the SLA monitor without the HTTP API (optionally
//! with `GET /metrics` on `--metrics-bind`), and the worker options `tierline serve` shares.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use tierline_egress::{Egress, EgressPolicy, SystemLookup};
use tierline_store::{build_pool, PoolSettings};
use tierline_worker::{
    DeliverySettings, MonitorSettings, RetryPolicy, WorkerMetrics, WorkerSettings, Workers,
};

use super::server_env::{init_logging, local_base};

/// Options of the background workers (seconds may be fractional).
#[derive(Debug, Clone, Args)]
pub struct WorkerOptions {
    /// Webhook deliveries in flight at once, per process.
    #[arg(long, env = "TIERLINE_WEBHOOK_CONCURRENCY", default_value_t = 16)]
    pub webhook_concurrency: usize,
    /// Deliveries of one subscription in flight at once, across every process.
    #[arg(long, env = "TIERLINE_WEBHOOK_PER_SUBSCRIPTION", default_value_t = 4)]
    pub webhook_per_subscription: usize,
    /// Seconds a receiver may take to answer.
    #[arg(long, env = "TIERLINE_WEBHOOK_TIMEOUT", default_value_t = 10.0)]
    pub webhook_timeout: f64,
    /// Seconds a delivery claim lasts (at least the timeout plus 2 s); a process that dies
    /// mid-delivery delays that delivery by at most this much.
    #[arg(long, env = "TIERLINE_WEBHOOK_LEASE", default_value_t = 60.0)]
    pub webhook_lease: f64,
    /// Seconds between looks for due deliveries when idle.
    #[arg(long, env = "TIERLINE_WEBHOOK_POLL", default_value_t = 1.0)]
    pub webhook_poll: f64,
    /// Seconds before the first retry (doubling after each failure, jittered 50–100 %).
    #[arg(long, env = "TIERLINE_WEBHOOK_RETRY_FIRST", default_value_t = 10.0)]
    pub webhook_retry_first: f64,
    /// Longest wait between retries, in seconds.
    #[arg(long, env = "TIERLINE_WEBHOOK_RETRY_MAX", default_value_t = 3600.0)]
    pub webhook_retry_max: f64,
    /// Seconds of retrying before a delivery is dead-lettered (default 24 h).
    #[arg(long, env = "TIERLINE_WEBHOOK_RETRY_FOR", default_value_t = 86400.0)]
    pub webhook_retry_for: f64,
    /// Seconds between SLA monitor passes.
    #[arg(long, env = "TIERLINE_SLA_MONITOR_INTERVAL", default_value_t = 1.0)]
    pub sla_monitor_interval: f64,
    /// Seconds in-flight deliveries may take to finish on shutdown.
    #[arg(long, env = "TIERLINE_SHUTDOWN_GRACE", default_value_t = 15.0)]
    pub shutdown_grace: f64,
    /// Networks webhooks may reach although they are internal (comma-separated CIDRs or
    /// addresses, e.g. `10.20.0.0/16` for on-premises receivers). Empty by default:
    /// loopback, private, link-local (cloud metadata), unique-local and other internal
    /// addresses are refused.
    #[arg(long, env = "TIERLINE_WEBHOOK_ALLOW_NETWORKS", default_value = "")]
    pub webhook_allow_networks: String,
    /// Allow plain `http` receivers on public addresses (by default plain `http` may reach
    /// only the allowed networks).
    #[arg(long, env = "TIERLINE_WEBHOOK_ALLOW_HTTP")]
    pub webhook_allow_http: bool,
}

fn secs(name: &str, v: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(v).with_context(|| format!("{name} must be a positive number"))
}

impl WorkerOptions {
    /// The webhook destination policy (shared by subscription checks and deliveries).
    pub fn egress(&self) -> anyhow::Result<Egress> {
        let networks = EgressPolicy::parse_networks(&self.webhook_allow_networks)
            .context("TIERLINE_WEBHOOK_ALLOW_NETWORKS (--webhook-allow-networks)")?;
        Ok(Egress::new(
            EgressPolicy::new(networks, self.webhook_allow_http),
            Arc::new(SystemLookup),
        ))
    }

    /// The workers' settings.
    pub fn settings(&self) -> anyhow::Result<WorkerSettings> {
        Ok(WorkerSettings {
            delivery: DeliverySettings {
                concurrency: self.webhook_concurrency.max(1),
                per_subscription: self.webhook_per_subscription.max(1),
                request_timeout: secs("--webhook-timeout", self.webhook_timeout)?,
                lease: secs("--webhook-lease", self.webhook_lease)?,
                poll_interval: secs("--webhook-poll", self.webhook_poll)?,
                retry: RetryPolicy {
                    first_delay: secs("--webhook-retry-first", self.webhook_retry_first)?,
                    max_delay: secs("--webhook-retry-max", self.webhook_retry_max)?,
                    give_up_after: secs("--webhook-retry-for", self.webhook_retry_for)?,
                },
                shutdown_grace: secs("--shutdown-grace", self.shutdown_grace)?,
                egress: self.egress()?,
            },
            monitor_settings: MonitorSettings {
                interval: secs("--sla-monitor-interval", self.sla_monitor_interval)?,
                ..MonitorSettings::default()
            },
            ..WorkerSettings::default()
        })
    }
}

/// Arguments of `tierline worker`.
#[derive(Debug, Clone, Args)]
pub struct WorkerArgs {
    /// PostgreSQL URL (required: split deployments share an external database).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: String,
    /// Database connections in the pool.
    #[arg(long, env = "TIERLINE_DB_POOL_SIZE", default_value_t = 8)]
    pub pool_size: usize,
    /// Serve `GET /metrics` (Prometheus text: the workers' counters) on this address, e.g.
    /// `127.0.0.1:9091`; off by default. Scrapes must send `TIERLINE_METRICS_TOKEN` as a
    /// bearer token (401 otherwise).
    #[arg(long, env = "TIERLINE_METRICS_BIND", value_name = "ADDR")]
    pub metrics_bind: Option<String>,
    /// The bearer token `GET /metrics` answers to (required with `--metrics-bind`).
    #[arg(long, env = "TIERLINE_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Worker options.
    #[command(flatten)]
    pub options: WorkerOptions,
}

/// The metrics listener's address and its token, when `--metrics-bind` is given.
fn metrics_listener(args: &WorkerArgs) -> anyhow::Result<Option<(&str, String)>> {
    let Some(bind) = args
        .metrics_bind
        .as_deref()
        .filter(|b| !b.trim().is_empty())
    else {
        return Ok(None);
    };
    let token = args
        .metrics_token
        .clone()
        .filter(|t| !t.is_empty())
        .context(
            "--metrics-bind needs TIERLINE_METRICS_TOKEN (or --metrics-token): /metrics answers \
             only to that bearer token",
        )?;
    Ok(Some((bind, token)))
}

/// Runs the workers (and the metrics listener, if asked for) until Ctrl-C / SIGTERM, then
/// shuts them down gracefully. With `--metrics-bind` the first line on stdout is
/// `Tierline worker metrics: http://HOST:PORT/metrics`.
pub fn run(args: &WorkerArgs) -> anyhow::Result<()> {
    init_logging();
    let settings = args.options.settings()?;
    let listener = metrics_listener(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let pool = build_pool(
            &args.database_url,
            &PoolSettings {
                max_size: args.pool_size.max(2),
                ..PoolSettings::default()
            },
        )
        .context("building the pool")?;
        let registry = prometheus::Registry::new();
        let metrics = WorkerMetrics::new(&registry).context("registering worker metrics")?;
        let scrape = match listener {
            Some((bind, token)) => {
                let server = tierline_api::scrape::bind(bind, registry, token)
                    .with_context(|| format!("binding {bind}"))?;
                let url = format!("{}/metrics", local_base(bind, server.port()));
                println!("Tierline worker metrics: {url}");
                tracing::info!(%url, "serving metrics");
                let handle = server.handle();
                Some((handle, tokio::spawn(server.run_until_stopped())))
            }
            None => None,
        };
        let workers = Workers::spawn(pool, settings, metrics);
        shutdown_signal().await;
        tracing::info!("shutting down: finishing in-flight deliveries, releasing leases");
        workers.shutdown().await;
        if let Some((handle, served)) = scrape {
            handle.stop(true).await;
            served
                .await
                .context("the metrics server failed")?
                .context("the metrics server failed")?;
        }
        Ok(())
    })
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
