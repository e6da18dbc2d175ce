//! Name resolution, replaceable for tests.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// A pending lookup.
pub type LookupFuture = Pin<Box<dyn Future<Output = io::Result<Vec<IpAddr>>> + Send>>;

/// Resolves host names to addresses.
pub trait Lookup: Send + Sync + std::fmt::Debug {
    /// The addresses of `host` (a DNS name, never an IP literal).
    fn lookup(&self, host: &str) -> LookupFuture;
}

/// The operating system's resolver (`getaddrinfo`, on a blocking thread).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(&self, host: &str) -> LookupFuture {
        let host = host.to_owned();
        Box::pin(async move {
            Ok(tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .map(|a| a.ip())
                .collect())
        })
    }
}

/// Fixed answers for some names (each lookup takes the next answer of the name's list and
/// the last one stays), the system resolver for the others. For tests: a name whose answer
/// changes between two lookups is how DNS rebinding looks.
#[derive(Debug, Default)]
pub struct StaticLookup {
    answers: Mutex<HashMap<String, VecDeque<Vec<IpAddr>>>>,
}

impl StaticLookup {
    /// No fixed answers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `host` always resolves to `addrs`.
    pub fn with(self, host: &str, addrs: &[IpAddr]) -> Self {
        self.with_sequence(host, vec![addrs.to_vec()])
    }

    /// `host` resolves to each answer in turn, then to the last one.
    pub fn with_sequence(self, host: &str, answers: Vec<Vec<IpAddr>>) -> Self {
        if let Ok(mut map) = self.answers.lock() {
            map.insert(host.to_ascii_lowercase(), answers.into());
        }
        self
    }

    /// Shared, for [`crate::Egress::new`].
    pub fn shared(self) -> Arc<dyn Lookup> {
        Arc::new(self)
    }

    fn next(&self, host: &str) -> Option<Vec<IpAddr>> {
        let mut map = self.answers.lock().ok()?;
        let answers = map.get_mut(&host.to_ascii_lowercase())?;
        if answers.len() > 1 {
            answers.pop_front()
        } else {
            answers.front().cloned()
        }
    }
}

impl Lookup for StaticLookup {
    fn lookup(&self, host: &str) -> LookupFuture {
        match self.next(host) {
            Some(addrs) => Box::pin(std::future::ready(Ok(addrs))),
            None => SystemLookup.lookup(host),
        }
    }
}
