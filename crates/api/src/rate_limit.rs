//! Rate limits (GCRA token buckets from the `governor` crate), per process:
//!
//! - **per credential**: every authenticated request draws from its credential's bucket
//!   (a JWT's `role:subject`, an API key's id); 1,000 requests/s sustained, bursts of
//!   2,000 by default, enough never to get in a helpdesk bridge's way.
//! - **failed authentication per client address**: every failed authentication draws from
//!   the client address's bucket (an IPv6 client by its /64); once the bucket is empty the
//!   address is refused before any credential it sends is even checked, until a cell is
//!   back: about 20 guesses/s, bursts of 100, by default.
//!
//! A refusal is 429 `rate_limited` (problem+json) with `Retry-After` and the IETF draft
//! `RateLimit-Policy` / `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers:
//! `"credential";q=2000;w=2` and `"credential";r=0;t=1`). Limits are per process: with
//! several instances behind a balancer, a client gets up to that many times the limit.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

/// One limit: a sustained rate and a burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Requests per second, sustained.
    pub per_second: NonZeroU32,
    /// Requests allowed at once after a quiet period.
    pub burst: NonZeroU32,
}

impl Limit {
    /// A limit; `None` when either number is 0 (no limit).
    pub fn new(per_second: u32, burst: u32) -> Option<Self> {
        Some(Self {
            per_second: NonZeroU32::new(per_second)?,
            burst: NonZeroU32::new(burst)?,
        })
    }

    fn quota(self) -> Quota {
        Quota::per_second(self.per_second).allow_burst(self.burst)
    }

    /// Seconds an empty bucket takes to fill (the draft's window `w`), at least 1.
    fn window_seconds(self) -> u64 {
        u64::from(self.burst.get())
            .div_ceil(u64::from(self.per_second.get()))
            .max(1)
    }
}

/// The configured limits (`None`: off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitSettings {
    /// Per credential (`TIERLINE_RATE_LIMIT` / `TIERLINE_RATE_LIMIT_BURST`).
    pub per_credential: Option<Limit>,
    /// Failed authentications per client address (`TIERLINE_AUTH_FAILURE_LIMIT` /
    /// `TIERLINE_AUTH_FAILURE_BURST`).
    pub failed_auth: Option<Limit>,
}

impl Default for RateLimitSettings {
    /// 1,000/s with bursts of 2,000 per credential; 20/s with bursts of 100 failed
    /// authentications per client address.
    fn default() -> Self {
        Self {
            per_credential: Limit::new(1000, 2000),
            failed_auth: Limit::new(20, 100),
        }
    }
}

/// A refusal: which policy, and when to come back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The policy's name (`credential`, `failed-auth`).
    pub policy: &'static str,
    /// The policy's limit.
    pub limit: Limit,
    /// How long until a request may pass.
    pub retry_after: Duration,
}

impl Refusal {
    /// Whole seconds until a request may pass (rounded up, at least 1).
    pub fn retry_after_seconds(&self) -> u64 {
        self.retry_after
            .as_secs()
            .saturating_add(u64::from(self.retry_after.subsec_nanos() > 0))
            .max(1)
    }

    /// The `RateLimit-Policy` field value.
    pub fn policy_header(&self) -> String {
        format!(
            "\"{}\";q={};w={}",
            self.policy,
            self.limit.burst,
            self.limit.window_seconds()
        )
    }

    /// The `RateLimit` field value (nothing remaining, back after `t` seconds).
    pub fn state_header(&self) -> String {
        format!("\"{}\";r=0;t={}", self.policy, self.retry_after_seconds())
    }
}

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// How many checks between sweeps of a keyed limiter's idle buckets.
const SWEEP_EVERY: u64 = 10_000;

struct Policy<K: Hash + Eq + Clone> {
    name: &'static str,
    limit: Limit,
    limiter: Keyed<K>,
    checks: AtomicU64,
}

/// What [`Policy::take`] found.
enum Taken {
    /// A cell was taken; this many remain.
    Remaining(u32),
    /// No cell: come back after this long.
    Empty(Duration),
}

impl<K: Hash + Eq + Clone> Policy<K> {
    fn new(name: &'static str, limit: Limit) -> Self {
        Self {
            name,
            limit,
            limiter: RateLimiter::dashmap(limit.quota())
                .with_middleware::<StateInformationMiddleware>(),
            checks: AtomicU64::new(0),
        }
    }

    fn take(&self, key: &K) -> Taken {
        // Buckets that have filled up again are forgotten now and then, so the memory is
        // bounded by the keys seen within about one window.
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        match self.limiter.check_key(key) {
            Ok(snapshot) => Taken::Remaining(snapshot.remaining_burst_capacity()),
            Err(not_until) => Taken::Empty(not_until.wait_time_from(self.limiter.clock().now())),
        }
    }

    fn refusal(&self, retry_after: Duration) -> Refusal {
        Refusal {
            policy: self.name,
            limit: self.limit,
            retry_after,
        }
    }
}

/// The key of a client address: IPv4 addresses as they are, IPv6 ones by their /64 (one
/// subscriber's allocation).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The process's rate limiters (shared by every HTTP worker).
pub struct RateLimits {
    credential: Option<Policy<String>>,
    failed_auth: Option<Policy<IpAddr>>,
    /// Client addresses refused until the instant, because their failed-authentication
    /// bucket is empty.
    blocked: Mutex<HashMap<IpAddr, Instant>>,
    /// `blocked.len()`, read without the lock on every request.
    blocked_count: AtomicUsize,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits")
            .field("per_credential", &self.credential.as_ref().map(|p| p.limit))
            .field("failed_auth", &self.failed_auth.as_ref().map(|p| p.limit))
            .finish_non_exhaustive()
    }
}

/// What a failed authentication did to its client's bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterFailure {
    /// The client may try again.
    MayRetry,
    /// The client's bucket is now empty: it is refused until `retry_after` has passed.
    Blocked(Refusal),
}

impl RateLimits {
    /// Limiters for `settings`.
    pub fn new(settings: RateLimitSettings) -> Self {
        Self {
            credential: settings
                .per_credential
                .map(|l| Policy::new("credential", l)),
            failed_auth: settings.failed_auth.map(|l| Policy::new("failed-auth", l)),
            blocked: Mutex::new(HashMap::new()),
            blocked_count: AtomicUsize::new(0),
        }
    }

    fn blocked(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Instant>> {
        self.blocked.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Refuses a client address whose failed-authentication bucket is empty (checked before
    /// its credentials are).
    pub fn check_client(&self, client: IpAddr) -> Result<(), Refusal> {
        if self.blocked_count.load(Ordering::Relaxed) == 0 {
            return Ok(());
        }
        let Some(policy) = &self.failed_auth else {
            return Ok(());
        };
        let now = Instant::now();
        let mut blocked = self.blocked();
        match blocked.get(&client_key(client)) {
            Some(until) if *until > now => Err(policy.refusal(*until - now)),
            Some(_) => {
                blocked.retain(|_, until| *until > now);
                self.blocked_count.store(blocked.len(), Ordering::Relaxed);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Counts a failed authentication against the client address.
    pub fn failed(&self, client: IpAddr) -> AfterFailure {
        let Some(policy) = &self.failed_auth else {
            return AfterFailure::MayRetry;
        };
        let key = client_key(client);
        let wait = match policy.take(&key) {
            // That was the last cell: the next one comes after one emission interval.
            Taken::Remaining(0) => Duration::from_secs(1) / policy.limit.per_second.get(),
            Taken::Remaining(_) => return AfterFailure::MayRetry,
            Taken::Empty(wait) => wait,
        };
        let now = Instant::now();
        let mut blocked = self.blocked();
        blocked.retain(|_, until| *until > now);
        blocked.insert(key, now + wait);
        self.blocked_count.store(blocked.len(), Ordering::Relaxed);
        AfterFailure::Blocked(policy.refusal(wait))
    }

    /// Draws one request from a credential's bucket.
    pub fn check_credential(&self, credential: &String) -> Result<(), Refusal> {
        let Some(policy) = &self.credential else {
            return Ok(());
        };
        match policy.take(credential) {
            Taken::Remaining(_) => Ok(()),
            Taken::Empty(wait) => Err(policy.refusal(wait)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_credential: (u32, u32), failed: (u32, u32)) -> RateLimits {
        RateLimits::new(RateLimitSettings {
            per_credential: Limit::new(per_credential.0, per_credential.1),
            failed_auth: Limit::new(failed.0, failed.1),
        })
    }

    #[test]
    fn a_credential_gets_its_burst_then_is_refused_with_a_wait() {
        let l = limits((1, 3), (1, 1));
        let key = "agent:a".to_owned();
        for _ in 0..3 {
            assert!(l.check_credential(&key).is_ok());
        }
        let refusal = l.check_credential(&key).expect_err("over the burst");
        assert_eq!(refusal.policy, "credential");
        assert!(refusal.retry_after <= Duration::from_secs(1));
        assert_eq!(refusal.retry_after_seconds(), 1);
        assert_eq!(refusal.policy_header(), "\"credential\";q=3;w=3");
        assert_eq!(refusal.state_header(), "\"credential\";r=0;t=1");
        assert!(l.check_credential(&"agent:b".to_owned()).is_ok(), "per key");
    }

    #[test]
    fn failed_authentications_block_the_address_once_the_bucket_is_empty() {
        let l = limits((1, 1), (1, 2));
        let ip: IpAddr = "192.0.2.7".parse().expect("ip");
        assert!(l.check_client(ip).is_ok());
        assert_eq!(l.failed(ip), AfterFailure::MayRetry);
        assert!(matches!(l.failed(ip), AfterFailure::Blocked(_)));
        let refusal = l.check_client(ip).expect_err("blocked");
        assert_eq!(refusal.policy, "failed-auth");
        assert!(l.check_client("192.0.2.8".parse().expect("ip")).is_ok());
    }

    #[test]
    fn ipv6_clients_are_grouped_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().expect("ip");
        assert_eq!(
            client_key(mapped),
            "192.0.2.1".parse::<IpAddr>().expect("ip")
        );
    }

    #[test]
    fn zero_turns_a_limit_off() {
        assert_eq!(Limit::new(0, 10), None);
        let l = limits((0, 0), (0, 0));
        for _ in 0..100 {
            assert!(l.check_credential(&"x".to_owned()).is_ok());
            assert_eq!(
                l.failed("192.0.2.1".parse().expect("ip")),
                AfterFailure::MayRetry
            );
        }
    }
}
