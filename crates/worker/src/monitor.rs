//! The SLA monitor: every interval, processes tickets whose `next_deadline_at` has passed
//! (an index range scan, never a scan of all tickets), recording `sla.warning` and
//! `sla.breached` once per clock cycle (`tierline_store::sla::process_due`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use tierline_core::SharedClock;
use tierline_store::{sla, Pool};
use tokio_util::sync::CancellationToken;

use crate::metrics::WorkerMetrics;

/// Monitor settings.
#[derive(Debug, Clone)]
pub struct MonitorSettings {
    /// Time between passes (events are recorded within about this much of their instant).
    pub interval: Duration,
    /// Tickets per transaction.
    pub batch: i64,
}

impl Default for MonitorSettings {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(1),
            batch: 200,
        }
    }
}

/// One pass as of `now` (the clock's instant when the pass begins): batches until no
/// ticket due by `now` is left (bounded by `max_batches`).
pub async fn pass(
    pool: &Pool,
    settings: &MonitorSettings,
    metrics: &WorkerMetrics,
    now: DateTime<Utc>,
    max_batches: usize,
) -> Result<sla::MonitorReport, String> {
    let mut total = sla::MonitorReport::default();
    let mut conn = pool.get().await.map_err(|e| e.to_string())?;
    for _ in 0..max_batches.max(1) {
        let report = sla::process_due(&mut conn, now, settings.batch.max(1))
            .await
            .map_err(|e| e.to_string())?;
        metrics
            .sla_events
            .with_label_values(&["warning"])
            .inc_by(report.warnings as u64);
        metrics
            .sla_events
            .with_label_values(&["breached"])
            .inc_by(report.breaches as u64);
        total.tickets += report.tickets;
        total.warnings += report.warnings;
        total.breaches += report.breaches;
        if (report.tickets as i64) < settings.batch.max(1) {
            break;
        }
    }
    if total.warnings + total.breaches > 0 {
        tracing::info!(
            warnings = total.warnings,
            breaches = total.breaches,
            "SLA events recorded"
        );
    }
    Ok(total)
}

/// Runs passes until `cancel` (a pass in progress finishes its transaction first), each as
/// of `clock`'s instant when it begins.
pub async fn run(
    pool: Pool,
    settings: MonitorSettings,
    metrics: WorkerMetrics,
    clock: SharedClock,
    cancel: CancellationToken,
) {
    while !cancel.is_cancelled() {
        if let Err(e) = pass(&pool, &settings, &metrics, clock.now(), 100).await {
            tracing::warn!(error = %e, "SLA monitor pass failed");
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(settings.interval) => {}
        }
    }
    tracing::info!("SLA monitor stopped");
}
