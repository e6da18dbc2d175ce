//! Worker metrics (Prometheus), registered in the registry the server exposes at `/metrics`.

use prometheus::{IntCounterVec, Opts, Registry};

/// Counters the workers update.
#[derive(Clone)]
pub struct WorkerMetrics {
    /// `tierline_webhook_deliveries_total{outcome}`: attempts by outcome (`delivered`,
    /// `failed`, `error`, `dead`).
    pub deliveries: IntCounterVec,
    /// `tierline_sla_events_total{kind}`: `warning` and `breached` events recorded.
    pub sla_events: IntCounterVec,
}

impl std::fmt::Debug for WorkerMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WorkerMetrics(..)")
    }
}

impl WorkerMetrics {
    /// Creates the counters and registers them (a second registration of the same name in
    /// the same registry is ignored).
    pub fn new(registry: &Registry) -> Result<Self, prometheus::Error> {
        let deliveries = IntCounterVec::new(
            Opts::new(
                "tierline_webhook_deliveries_total",
                "Webhook delivery attempts by outcome (delivered, failed, error, dead)",
            ),
            &["outcome"],
        )?;
        let sla_events = IntCounterVec::new(
            Opts::new(
                "tierline_sla_events_total",
                "SLA events recorded by the monitor (warning, breached)",
            ),
            &["kind"],
        )?;
        for c in [&deliveries, &sla_events] {
            match registry.register(Box::new(c.clone())) {
                Ok(()) | Err(prometheus::Error::AlreadyReg) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Self {
            deliveries,
            sla_events,
        })
    }

    /// Counters registered nowhere (tests, tools).
    pub fn unregistered() -> Self {
        Self::new(&Registry::new()).unwrap_or_else(|_| unreachable!("fresh registry"))
    }
}
