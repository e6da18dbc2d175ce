//! Tierline's background workers: webhook delivery, the SLA monitor and housekeeping
//! (expired idempotency keys).
//!
//! Any number of processes may run them against one database: work is claimed with row
//! locks (`FOR UPDATE SKIP LOCKED`) and, for deliveries, leases that expire when a process
//! dies, so nothing is done twice in the normal case and nothing is lost.
//!
//! ```text
//! Workers::spawn(pool, settings, metrics)   starts both loops on the current tokio runtime
//! Workers::shutdown().await                  stops claiming, finishes in-flight work, releases leases
//! signature::{sign, verify}                  the Tierline-Signature header
//! ```
#![deny(missing_docs)]

pub mod delivery;
pub mod housekeeping;
pub mod metrics;
pub mod monitor;
pub mod signature;
pub mod standard_signature;

use tierline_core::{SharedClock, SystemClock};
use tierline_store::Pool;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use delivery::{DeliverySettings, RetryPolicy};
pub use housekeeping::HousekeepingSettings;
pub use metrics::WorkerMetrics;
pub use monitor::MonitorSettings;

/// Which workers to run, and how.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// This process's name in leases and attempt records (e.g. `host:pid`).
    pub owner: String,
    /// Run the delivery worker.
    pub deliveries: bool,
    /// Run the SLA monitor.
    pub monitor: bool,
    /// Delivery settings.
    pub delivery: DeliverySettings,
    /// Monitor settings.
    pub monitor_settings: MonitorSettings,
    /// Housekeeping (expired idempotency keys); runs wherever the monitor runs.
    pub housekeeping: HousekeepingSettings,
    /// The clock the SLA monitor and housekeeping read "now" from (the system clock by
    /// default, and always in production; tests share their pinned clock with the API's).
    pub clock: SharedClock,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            owner: default_owner(),
            deliveries: true,
            monitor: true,
            delivery: DeliverySettings::default(),
            monitor_settings: MonitorSettings::default(),
            housekeeping: HousekeepingSettings::default(),
            clock: SystemClock::shared(),
        }
    }
}

/// `host:pid:random`, unique per process.
pub fn default_owner() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".into());
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("{host}:{}:{}", std::process::id(), &id[..8])
}

/// Running workers.
#[derive(Debug)]
pub struct Workers {
    cancel: CancellationToken,
    tasks: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Starts the configured workers on the current tokio runtime.
    pub fn spawn(pool: Pool, settings: WorkerSettings, metrics: WorkerMetrics) -> Self {
        let cancel = CancellationToken::new();
        let mut tasks = Vec::new();
        tracing::info!(
            owner = %settings.owner, deliveries = settings.deliveries, monitor = settings.monitor,
            "starting workers"
        );
        if settings.deliveries {
            tasks.push(tokio::spawn(delivery::run(
                pool.clone(),
                settings.owner.clone(),
                settings.delivery.clone(),
                metrics.clone(),
                cancel.clone(),
            )));
        }
        if settings.monitor {
            tasks.push(tokio::spawn(housekeeping::run(
                pool.clone(),
                settings.housekeeping.clone(),
                settings.clock.clone(),
                cancel.clone(),
            )));
            tasks.push(tokio::spawn(monitor::run(
                pool,
                settings.monitor_settings.clone(),
                metrics,
                settings.clock.clone(),
                cancel.clone(),
            )));
        }
        Self { cancel, tasks }
    }

    /// A token that stops the workers when cancelled.
    pub fn cancel_token(&self) -> CancellationToken {
        self.cancel.clone()
    }

    /// Stops claiming work, waits for in-flight work (within the delivery grace period) and
    /// releases the leases of what did not finish.
    pub async fn shutdown(self) {
        self.cancel.cancel();
        for t in self.tasks {
            if let Err(e) = t.await {
                tracing::warn!(error = %e, "a worker task failed");
            }
        }
    }

    /// Stops at once, without finishing or releasing anything (simulates a crash in tests:
    /// leases are left to expire).
    pub fn abort(self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}
