//! Prometheus metrics: per-route request counts and latencies (recorded by a middleware),
//! tickets created, and, at scrape time, outbox depth, deliveries by status and pool usage.
//! Worker counters (deliveries by outcome, SLA events) live in the same registry when the
//! binary runs workers in-process (`tierline_worker::WorkerMetrics`).

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

/// The API's metrics and the registry they are in.
#[derive(Clone)]
pub struct ApiMetrics {
    /// The registry `/metrics` renders.
    pub registry: Registry,
    /// `tierline_http_requests_total{method,route,status}`.
    pub requests: IntCounterVec,
    /// `tierline_http_request_duration_seconds{method,route}`.
    pub latency: HistogramVec,
    /// `tierline_tickets_created_total`.
    pub tickets_created: IntCounter,
    /// `tierline_outbox_depth`: deliveries pending or in flight.
    pub outbox_depth: IntGauge,
    /// `tierline_webhook_deliveries{status}`: deliveries by status.
    pub deliveries: IntGaugeVec,
    /// `tierline_db_pool_connections{state}`: `size`, `available`, `in_use`, `max`, `waiting`.
    pub pool: IntGaugeVec,
    /// `tierline_auth_failures_total{reason}`: failed authentications (`missing`,
    /// `malformed`, `invalid_token`, `expired_token`, `revoked_api_key`, ...).
    pub auth_failures: IntCounterVec,
    /// `tierline_rate_limited_total{policy}`: requests refused with 429 (`credential`,
    /// `failed-auth`).
    pub rate_limited: IntCounterVec,
}

impl std::fmt::Debug for ApiMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiMetrics(..)")
    }
}

fn register<C: prometheus::core::Collector + Clone + 'static>(
    registry: &Registry,
    c: C,
) -> Result<C, prometheus::Error> {
    match registry.register(Box::new(c.clone())) {
        Ok(()) | Err(prometheus::Error::AlreadyReg) => Ok(c),
        Err(e) => Err(e),
    }
}

impl ApiMetrics {
    /// Creates the API's metrics in `registry`.
    pub fn new(registry: Registry) -> Result<Self, prometheus::Error> {
        let requests = register(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "tierline_http_requests_total",
                    "HTTP requests by route and status",
                ),
                &["method", "route", "status"],
            )?,
        )?;
        let latency = register(
            &registry,
            HistogramVec::new(
                HistogramOpts::new(
                    "tierline_http_request_duration_seconds",
                    "HTTP request latency by route",
                )
                .buckets(vec![
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                ]),
                &["method", "route"],
            )?,
        )?;
        let tickets_created = register(
            &registry,
            IntCounter::new("tierline_tickets_created_total", "Tickets created")?,
        )?;
        let outbox_depth = register(
            &registry,
            IntGauge::new(
                "tierline_outbox_depth",
                "Webhook deliveries pending or in flight",
            )?,
        )?;
        let deliveries = register(
            &registry,
            IntGaugeVec::new(
                Opts::new(
                    "tierline_webhook_deliveries",
                    "Webhook deliveries by status",
                ),
                &["status"],
            )?,
        )?;
        let pool = register(
            &registry,
            IntGaugeVec::new(
                Opts::new(
                    "tierline_db_pool_connections",
                    "Database pool of this process (size, available, in_use, max, waiting)",
                ),
                &["state"],
            )?,
        )?;
        let auth_failures = register(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "tierline_auth_failures_total",
                    "Failed authentications by reason",
                ),
                &["reason"],
            )?,
        )?;
        let rate_limited = register(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "tierline_rate_limited_total",
                    "Requests refused by a rate limit, by policy",
                ),
                &["policy"],
            )?,
        )?;
        Ok(Self {
            registry,
            auth_failures,
            rate_limited,
            requests,
            latency,
            tickets_created,
            outbox_depth,
            deliveries,
            pool,
        })
    }

    /// Metrics in a private registry.
    pub fn standalone() -> Self {
        Self::new(Registry::new()).unwrap_or_else(|e| unreachable!("static metric names: {e}"))
    }

    /// Records one finished request.
    pub fn observe(&self, method: &str, route: &str, status: &str, seconds: f64) {
        self.requests
            .with_label_values(&[method, route, status])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(seconds);
    }

    /// Refreshes the gauges (pool now; database figures when `counts` is given).
    pub fn refresh(&self, pool: &tierline_store::Pool, counts: Option<&[(String, i64)]>) {
        let status = pool.status();
        let size = i64::try_from(status.size).unwrap_or(i64::MAX);
        let available = i64::try_from(status.available).unwrap_or(i64::MAX);
        self.pool.with_label_values(&["size"]).set(size);
        self.pool.with_label_values(&["available"]).set(available);
        self.pool
            .with_label_values(&["in_use"])
            .set(size.saturating_sub(available));
        self.pool
            .with_label_values(&["max"])
            .set(i64::try_from(status.max_size).unwrap_or(i64::MAX));
        self.pool
            .with_label_values(&["waiting"])
            .set(i64::try_from(status.waiting).unwrap_or(i64::MAX));
        if let Some(counts) = counts {
            let mut depth = 0;
            for s in ["pending", "delivering", "delivered", "dead", "cancelled"] {
                let n = counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
                self.deliveries.with_label_values(&[s]).set(n);
                if s == "pending" || s == "delivering" {
                    depth += n;
                }
            }
            self.outbox_depth.set(depth);
        }
    }

    /// The Prometheus text exposition of the registry.
    pub fn render(&self) -> String {
        render(&self.registry)
    }
}

/// The Prometheus text exposition of `registry`.
pub fn render(registry: &Registry) -> String {
    let mut buf = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&registry.gather(), &mut buf) {
        tracing::warn!(error = %e, "encoding metrics failed");
    }
    String::from_utf8(buf).unwrap_or_default()
}
