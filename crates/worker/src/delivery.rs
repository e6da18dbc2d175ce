//! The webhook delivery worker.
//!
//! Each loop claims up to the free concurrency slots' worth of due deliveries (row leases,
//! see `tierline_store::webhooks`), sends each one in its own task with a request timeout,
//! and records the attempt. Failures are retried with exponential backoff and jitter until
//! the retry period (24 h by default) is over, then dead-lettered. A slow or dead receiver
//! holds at most the slots of its own in-flight deliveries, each for at most the timeout.
//!
//! Destinations are checked again at connect time ([`tierline_egress`]): the client's
//! resolver refuses names that resolve to addresses the policy refuses (so a name that
//! resolved to a public address when it was subscribed and to a loopback one now is
//! refused), URLs with an IP address as host are checked before the request, no proxy is
//! used and redirects are not followed. Attempt records name the outcome's class only
//! (refused, no answer, an HTTP status), never transport details: they are shown to the
//! tenant, and differences between "connection refused" and "timed out" would map the
//! operator's network.
//!
//! # Fairness
//! A slow or dead receiver delays only its own subscription:
//! - a subscription has at most [`DeliverySettings::per_subscription`] deliveries in flight
//!   (across every process), and claims take every subscription's due deliveries in rounds;
//! - within a process, a vendor (a tenant) holding slots may take at most a fair share of
//!   three quarters of them (three quarters divided by the number of vendors holding
//!   slots, counting a newcomer), so a quarter of the slots (at least one) is always free for vendors
//!   that hold none, and a vendor over its share takes no more until it is back under it.
//!   A vendor alone uses three quarters of the slots.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::json;
use tierline_egress::{Egress, Refusal, Scheme};
use tierline_store::webhooks::{self, AttemptOutcome, ClaimLimits, Lease, Next};
use tierline_store::Pool;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::metrics::WorkerMetrics;
use crate::{signature, standard_signature};

/// When to retry and when to give up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Delay after the first failure (doubled after each further one).
    pub first_delay: Duration,
    /// Longest delay between attempts.
    pub max_delay: Duration,
    /// Retries stop once the next attempt would start later than this after the first
    /// (or after a redelivery request): the delivery is dead-lettered.
    pub give_up_after: Duration,
}

impl Default for RetryPolicy {
    /// 10 s, 20 s, 40 s, ... up to 1 h between attempts, for 24 h.
    fn default() -> Self {
        Self {
            first_delay: Duration::from_secs(10),
            max_delay: Duration::from_secs(3600),
            give_up_after: Duration::from_secs(24 * 3600),
        }
    }
}

impl RetryPolicy {
    /// The delay before attempt `failed + 1`, jittered to 50–100 % of the exponential value
    /// (`rand` in `[0, 1)`).
    pub fn delay(&self, failed: i32, rand: f64) -> Duration {
        let exp = u32::try_from(failed.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        let base = self
            .first_delay
            .checked_mul(2u32.saturating_pow(exp))
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        base.mul_f64(0.5 + 0.5 * rand.clamp(0.0, 1.0))
    }

    /// What follows a failed attempt number `failed` of a delivery whose retry period began
    /// at `retry_from`.
    pub fn next(
        &self,
        failed: i32,
        retry_from: DateTime<Utc>,
        now: DateTime<Utc>,
        rand: f64,
    ) -> Next {
        let delay =
            chrono::Duration::from_std(self.delay(failed, rand)).unwrap_or(chrono::Duration::MAX);
        let give_up =
            chrono::Duration::from_std(self.give_up_after).unwrap_or(chrono::Duration::MAX);
        let at = now + delay;
        if at > retry_from + give_up {
            Next::Dead
        } else {
            Next::RetryAt(at)
        }
    }
}

/// Delivery worker settings.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// Deliveries in flight at once (per process).
    pub concurrency: usize,
    /// Deliveries of one subscription in flight at once (across processes).
    pub per_subscription: usize,
    /// How long a receiver may take to answer.
    pub request_timeout: Duration,
    /// How long a claim lasts; must exceed the request timeout (it is raised to the timeout
    /// plus 2 s if shorter; in-flight claims are extended every third of it). A worker that dies holding a claim delays that delivery
    /// by at most this much.
    pub lease: Duration,
    /// How often to look for due deliveries when idle.
    pub poll_interval: Duration,
    /// Backoff and dead-lettering.
    pub retry: RetryPolicy,
    /// On shutdown, how long in-flight deliveries may finish before their leases are
    /// released.
    pub shutdown_grace: Duration,
    /// Which destinations may be reached (checked at connect time).
    pub egress: Egress,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            concurrency: 16,
            per_subscription: 4,
            request_timeout: Duration::from_secs(10),
            lease: Duration::from_secs(60),
            poll_interval: Duration::from_secs(1),
            retry: RetryPolicy::default(),
            shutdown_grace: Duration::from_secs(15),
            egress: Egress::default(),
        }
    }
}

struct Ctx {
    pool: Pool,
    clients: Clients,
    owner: String,
    settings: DeliverySettings,
    metrics: WorkerMetrics,
    in_flight: Mutex<HashSet<Uuid>>,
    /// Deliveries in flight per vendor.
    per_vendor: Mutex<HashMap<String, usize>>,
}

/// What each vendor may claim now, given what each holds (see the module docs): the
/// vendors holding slots with how many more each may take, and what any other vendor may.
pub fn vendor_allowances(
    concurrency: usize,
    holding: &HashMap<String, usize>,
) -> (Vec<(String, i32)>, i32) {
    let shareable = concurrency.saturating_sub(concurrency.div_ceil(4)).max(1);
    let active = holding.values().filter(|n| **n > 0).count();
    let share = |vendors: usize| (shareable / vendors.max(1)).max(1);
    let as_i32 = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let held = holding
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(v, n)| (v.clone(), as_i32(share(active).saturating_sub(*n))))
        .collect();
    (held, as_i32(share(active + 1)))
}

/// Builds the HTTP client deliveries in `scheme` use: the destination policy's resolver, no
/// proxy (the target, not a proxy, is resolved and checked), no redirects (a 3xx is a
/// failed attempt), a connect and a total timeout.
pub fn http_client(
    timeout: Duration,
    egress: &Egress,
    scheme: Scheme,
) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(egress.resolver(scheme))
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .timeout(timeout)
        .user_agent(concat!("Tierline-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// One client per scheme: plain `http` has a stricter resolver (allowed networks only,
/// unless the policy allows it to public addresses).
struct Clients {
    http: reqwest::Client,
    https: reqwest::Client,
}

impl Clients {
    fn new(timeout: Duration, egress: &Egress) -> reqwest::Result<Self> {
        Ok(Self {
            http: http_client(timeout, egress, Scheme::Http)?,
            https: http_client(timeout, egress, Scheme::Https)?,
        })
    }
}

/// The JSON body delivered for an event.
pub fn body_of(lease: &Lease) -> String {
    json!({
        "id": lease.event_id,
        "type": lease.kind,
        "vendor": lease.vendor,
        "created_at": lease.occurred_at,
        "ticket_id": lease.ticket_id,
        "data": lease.payload,
    })
    .to_string()
}

/// Runs the delivery loop until `cancel`; then lets in-flight deliveries finish (within
/// the grace period) and releases the leases of those that did not.
pub async fn run(
    pool: Pool,
    owner: String,
    mut settings: DeliverySettings,
    metrics: WorkerMetrics,
    cancel: CancellationToken,
) {
    let min_lease = settings.request_timeout + Duration::from_secs(2);
    if settings.lease < min_lease {
        settings.lease = min_lease;
    }
    settings.concurrency = settings.concurrency.max(1);
    let clients = match Clients::new(settings.request_timeout, &settings.egress) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot build the webhook HTTP client");
            return;
        }
    };
    let ctx = Arc::new(Ctx {
        pool,
        clients,
        owner,
        settings,
        metrics,
        in_flight: Mutex::new(HashSet::new()),
        per_vendor: Mutex::new(HashMap::new()),
    });
    let mut tasks = JoinSet::new();
    let mut last_extend = tokio::time::Instant::now();
    while !cancel.is_cancelled() {
        while tasks.try_join_next().is_some() {}
        let free = ctx.settings.concurrency.saturating_sub(tasks.len());
        let mut full_batch = false;
        // Claim in batches: with every slot busy, claiming one delivery per finished one
        // made the claim query run once per delivery. Wait for a quarter of the slots (or
        // an idle worker) instead; a due delivery waits at most for that many to finish.
        let batch = (ctx.settings.concurrency / 4).max(1);
        if free >= batch || tasks.is_empty() {
            match claim(&ctx, free).await {
                Ok(leases) => {
                    full_batch = leases.len() == free;
                    for lease in leases {
                        lock(&ctx.in_flight).insert(lease.lease_token);
                        *lock(&ctx.per_vendor)
                            .entry(lease.vendor.clone())
                            .or_insert(0) += 1;
                        let ctx = ctx.clone();
                        tasks.spawn(async move { attempt(&ctx, lease).await });
                    }
                }
                Err(e) => tracing::warn!(error = %e, "claiming deliveries failed"),
            }
        }
        if last_extend.elapsed() > ctx.settings.lease / 3 {
            extend_leases(&ctx).await;
            last_extend = tokio::time::Instant::now();
        }
        if full_batch && tasks.len() < ctx.settings.concurrency {
            continue;
        }
        tokio::select! {
            _ = cancel.cancelled() => break,
            _ = tokio::time::sleep(ctx.settings.poll_interval) => {}
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    // Graceful shutdown: no new claims; let in-flight attempts finish.
    let grace = tokio::time::sleep(ctx.settings.shutdown_grace);
    tokio::pin!(grace);
    loop {
        tokio::select! {
            next = tasks.join_next() => if next.is_none() { break },
            _ = &mut grace => {
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                break;
            }
        }
    }
    let left: Vec<Uuid> = lock(&ctx.in_flight).drain().collect();
    if !left.is_empty() {
        match ctx.pool.get().await {
            Ok(mut conn) => match webhooks::release(&mut conn, &left).await {
                Ok(n) => tracing::info!(released = n, "released delivery leases"),
                Err(e) => tracing::warn!(error = %e, "releasing leases failed (they expire)"),
            },
            Err(e) => tracing::warn!(error = %e, "releasing leases failed (they expire)"),
        }
    }
    tracing::info!(owner = %ctx.owner, "delivery worker stopped");
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

async fn claim(ctx: &Ctx, free: usize) -> Result<Vec<Lease>, String> {
    let (vendors, other_vendors) =
        vendor_allowances(ctx.settings.concurrency, &lock(&ctx.per_vendor));
    let limits = ClaimLimits {
        per_subscription: i32::try_from(ctx.settings.per_subscription.max(1)).unwrap_or(i32::MAX),
        vendors,
        other_vendors,
    };
    let mut conn = ctx.pool.get().await.map_err(|e| e.to_string())?;
    webhooks::claim(
        &mut conn,
        &ctx.owner,
        ctx.settings.lease.as_secs_f64(),
        i32::try_from(free).unwrap_or(i32::MAX),
        &limits,
    )
    .await
    .map_err(|e| e.to_string())
}

async fn extend_leases(ctx: &Ctx) {
    let tokens: Vec<Uuid> = lock(&ctx.in_flight).iter().copied().collect();
    if tokens.is_empty() {
        return;
    }
    if let Ok(mut conn) = ctx.pool.get().await {
        if let Err(e) = webhooks::extend(&mut conn, &tokens, ctx.settings.lease.as_secs_f64()).await
        {
            tracing::warn!(error = %e, "extending leases failed");
        }
    }
}

/// What an attempt record says when the destination policy refused the connection.
pub const REFUSED: &str = "refused: the destination is not allowed (see the webhook documentation)";
/// What an attempt record says when no HTTP answer came back, whatever the reason.
pub const NO_ANSWER: &str =
    "no answer: the receiver could not be reached or did not answer in time";

/// The attempt record's text for a transport error: its class only. The detail goes to the
/// operator's log.
fn describe(delivery: Uuid, e: &reqwest::Error) -> &'static str {
    if let Some(refusal) = Refusal::in_chain(e) {
        tracing::warn!(%delivery, %refusal, "webhook destination refused");
        REFUSED
    } else {
        tracing::info!(%delivery, error = %e, timeout = e.is_timeout(), connect = e.is_connect(),
            "webhook attempt got no answer");
        NO_ANSWER
    }
}

/// Sends one delivery with the client of its scheme, after checking an IP-address host
/// (the resolver checks names).
async fn send(
    ctx: &Ctx,
    lease: &Lease,
    signature: String,
    timestamp: i64,
    body: String,
) -> Result<reqwest::Response, &'static str> {
    let url = reqwest::Url::parse(&lease.url).map_err(|e| {
        tracing::warn!(delivery = %lease.id, error = %e, "stored webhook URL does not parse");
        REFUSED
    })?;
    let checked =
        ctx.settings
            .egress
            .check_literal(&url)
            .and_then(|()| match Scheme::of(url.scheme()) {
                Some(Scheme::Http) => Ok(&ctx.clients.http),
                Some(Scheme::Https) => Ok(&ctx.clients.https),
                None => Err(Refusal::Scheme),
            });
    let client = checked.map_err(|refusal| {
        tracing::warn!(delivery = %lease.id, %refusal, "webhook destination refused");
        REFUSED
    })?;
    let event_id = lease.event_id.to_string();
    let mut request = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(signature::HEADER, signature)
        .header("Tierline-Event-Id", &event_id)
        .header("Tierline-Event-Type", lease.kind.as_str())
        .header("Tierline-Delivery-Id", lease.id.to_string())
        .header("Tierline-Delivery-Attempt", lease.attempt.to_string());
    let secrets: Vec<&str> = std::iter::once(lease.secret.as_str())
        .chain(lease.previous_secret.as_deref())
        .collect();
    match standard_signature::sign_all(&secrets, &event_id, timestamp, body.as_bytes()) {
        Ok(standard) => {
            request = request
                .header(standard_signature::ID_HEADER, &event_id)
                .header(standard_signature::TIMESTAMP_HEADER, timestamp.to_string())
                .header(standard_signature::SIGNATURE_HEADER, standard);
        }
        Err(error) => tracing::warn!(
            delivery = %lease.id,
            error = &error as &dyn std::error::Error,
            "sent without the Standard Webhooks headers"
        ),
    }
    request
        .body(body)
        .send()
        .await
        .map_err(|e| describe(lease.id, &e))
}

async fn attempt(ctx: &Ctx, lease: Lease) {
    if let Some(previous) = &lease.expired_owner {
        tracing::warn!(delivery = %lease.id, previous = %previous, "took over an expired lease");
        if let Ok(mut conn) = ctx.pool.get().await {
            if let Err(e) = webhooks::record_lost_attempt(&mut conn, &lease, previous).await {
                tracing::warn!(error = %e, "recording the lost attempt failed");
            }
        }
    }
    let body = body_of(&lease);
    // The real time, not the application's clock: receivers check the signature's timestamp
    // against their own wall clocks, and the delivery queue is timed by the database (its
    // `now()` stamps events, due times and leases; see `tierline_store::webhooks`).
    let started = Utc::now();
    // During a secret rotation's grace period the previous secret signs too.
    let secrets: Vec<&[u8]> = std::iter::once(lease.secret.as_bytes())
        .chain(lease.previous_secret.as_deref().map(str::as_bytes))
        .collect();
    let header = signature::sign_all(&secrets, started.timestamp(), body.as_bytes());
    let result = send(ctx, &lease, header, started.timestamp(), body).await;
    let outcome = match result {
        Ok(res) if res.status().is_success() => AttemptOutcome::Delivered {
            status: res.status().as_u16(),
        },
        Ok(res) => AttemptOutcome::Failed {
            status: res.status().as_u16(),
            error: format!("the receiver answered HTTP {}", res.status().as_u16()),
        },
        Err(class) => AttemptOutcome::Error {
            error: class.to_owned(),
        },
    };
    // Real time, like the queue's own timestamps (see `started`).
    let now = Utc::now();
    let next = match outcome {
        AttemptOutcome::Delivered { .. } => Next::Delivered,
        _ => ctx
            .settings
            .retry
            .next(lease.attempt, lease.retry_from, now, fastrand::f64()),
    };
    let label = match (&outcome, next) {
        (AttemptOutcome::Delivered { .. }, _) => "delivered",
        (_, Next::Dead) => "dead",
        (AttemptOutcome::Failed { .. }, _) => "failed",
        (AttemptOutcome::Error { .. }, _) => "error",
    };
    ctx.metrics.deliveries.with_label_values(&[label]).inc();
    tracing::info!(
        delivery = %lease.id, event = %lease.event_id, kind = %lease.kind,
        attempt = lease.attempt, outcome = label, "webhook attempt"
    );
    let finished = match ctx.pool.get().await {
        Ok(mut conn) => webhooks::finish(&mut conn, &lease, &ctx.owner, started, &outcome, next)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    match finished {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!(delivery = %lease.id, "lease lost before the attempt was recorded")
        }
        Err(e) => tracing::warn!(
            delivery = %lease.id, error = %e,
            "recording the attempt failed; the lease will expire and the delivery be retried"
        ),
    }
    lock(&ctx.in_flight).remove(&lease.lease_token);
    let mut per_vendor = lock(&ctx.per_vendor);
    if let Some(n) = per_vendor.get_mut(&lease.vendor) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            per_vendor.remove(&lease.vendor);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendors_share_three_quarters_of_the_slots_and_a_quarter_stays_free() {
        let holding = |pairs: &[(&str, usize)]| -> HashMap<String, usize> {
            pairs.iter().map(|(v, n)| ((*v).to_owned(), *n)).collect()
        };
        // Idle: a newcomer may take 12 of 16.
        assert_eq!(vendor_allowances(16, &holding(&[])), (vec![], 12));
        // One vendor holding 12: it takes no more, a newcomer may take 6.
        assert_eq!(
            vendor_allowances(16, &holding(&[("a", 12)])),
            (vec![("a".to_owned(), 0)], 6)
        );
        // Two holding: each may grow to 6; a third may take 4.
        let (mut held, other) = vendor_allowances(16, &holding(&[("a", 5), ("b", 7)]));
        held.sort();
        assert_eq!(held, vec![("a".to_owned(), 1), ("b".to_owned(), 0)]);
        assert_eq!(other, 4);
        // Tiny pools still let everyone have one.
        assert_eq!(vendor_allowances(1, &holding(&[])), (vec![], 1));
        assert_eq!(
            vendor_allowances(2, &holding(&[("a", 1)])),
            (vec![("a".to_owned(), 0)], 1)
        );
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, 1.0), Duration::from_secs(10));
        assert_eq!(p.delay(2, 1.0), Duration::from_secs(20));
        assert_eq!(p.delay(3, 0.0), Duration::from_secs(20));
        assert_eq!(p.delay(40, 1.0), Duration::from_secs(3600));
    }

    #[test]
    fn gives_up_after_the_retry_period() {
        let p = RetryPolicy::default();
        let from = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        assert!(matches!(
            p.next(3, from, from + chrono::Duration::hours(1), 0.5),
            Next::RetryAt(_)
        ));
        assert_eq!(
            p.next(30, from, from + chrono::Duration::hours(24), 0.5),
            Next::Dead
        );
    }
}
