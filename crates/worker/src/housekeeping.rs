//! Housekeeping: forgets idempotency keys older than their retention
//! ([`tierline_store::idempotency::RETENTION`], 24 h), in bounded batches, so the table does
//! not grow forever. Several processes may run it at once (rows are claimed with
//! `FOR UPDATE SKIP LOCKED`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use tierline_core::SharedClock;
use tierline_store::{idempotency, Pool};
use tokio_util::sync::CancellationToken;

/// Housekeeping settings.
#[derive(Debug, Clone)]
pub struct HousekeepingSettings {
    /// Time between passes.
    pub interval: Duration,
    /// Keys removed per transaction.
    pub batch: i64,
}

impl Default for HousekeepingSettings {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(60),
            batch: 1000,
        }
    }
}

/// One pass as of `now`: removes the keys expired by then, batch by batch (at most
/// `max_batches`). Returns how many.
pub async fn pass(
    pool: &Pool,
    settings: &HousekeepingSettings,
    now: DateTime<Utc>,
    max_batches: usize,
) -> Result<usize, String> {
    let mut conn = pool.get().await.map_err(|e| e.to_string())?;
    let cutoff = now - idempotency::RETENTION;
    let batch = settings.batch.max(1);
    let mut removed = 0;
    for _ in 0..max_batches.max(1) {
        let n = idempotency::purge_created_before(&mut conn, cutoff, batch)
            .await
            .map_err(|e| e.to_string())?;
        removed += n;
        if (n as i64) < batch {
            break;
        }
    }
    if removed > 0 {
        tracing::info!(removed, "expired idempotency keys forgotten");
    }
    Ok(removed)
}

/// Runs passes until `cancel`, each as of `clock`'s instant when it begins.
pub async fn run(
    pool: Pool,
    settings: HousekeepingSettings,
    clock: SharedClock,
    cancel: CancellationToken,
) {
    while !cancel.is_cancelled() {
        if let Err(e) = pass(&pool, &settings, clock.now(), 100).await {
            tracing::warn!(error = %e, "housekeeping pass failed");
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(settings.interval) => {}
        }
    }
    tracing::info!("housekeeping stopped");
}
