//! The policy with a resolver: checks at subscription time and at connect time.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use url::{Host, Url};

use crate::class::AddressClass;
use crate::lookup::{Lookup, SystemLookup};
use crate::policy::{EgressPolicy, Scheme};

/// Why a destination may not be reached.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The address is internal and not in an allowed network.
    #[error("{addr} is {}; webhooks may not reach it", .class.describe())]
    Forbidden {
        /// The address.
        addr: IpAddr,
        /// Its class.
        class: AddressClass,
    },
    /// Plain `http` to an address outside the allowed networks.
    #[error("plain http may not reach {addr}; use https")]
    PlainHttp {
        /// The address.
        addr: IpAddr,
    },
    /// The scheme is neither `http` nor `https`.
    #[error("the scheme must be http or https")]
    Scheme,
    /// The URL has no host.
    #[error("the URL needs a host")]
    NoHost,
    /// The name did not resolve.
    #[error("the host {host} does not resolve")]
    Unresolvable {
        /// The name.
        host: String,
        /// The resolver's error.
        #[source]
        source: std::io::Error,
    },
    /// The name resolved to no address.
    #[error("the host {host} resolves to no address")]
    NoAddress {
        /// The name.
        host: String,
    },
    /// Resolving took longer than allowed.
    #[error("resolving the host {host} took too long")]
    LookupTimeout {
        /// The name.
        host: String,
    },
}

impl Refusal {
    /// A stable code for clients: `forbidden_destination` (the address may not be reached),
    /// `unresolvable_host` (the name gave no address) or `invalid_url`.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Forbidden { .. } | Refusal::PlainHttp { .. } => "forbidden_destination",
            Refusal::Unresolvable { .. } | Refusal::NoAddress { .. } => "unresolvable_host",
            Refusal::LookupTimeout { .. } => "unresolvable_host",
            Refusal::Scheme | Refusal::NoHost => "invalid_url",
        }
    }

    /// Finds a refusal in an error's cause chain (a reqwest error whose connection the
    /// [`GuardedResolver`] refused).
    pub fn in_chain<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refusal> {
        let mut current = Some(error);
        while let Some(e) = current {
            if let Some(r) = e.downcast_ref::<Refusal>() {
                return Some(r);
            }
            current = e.source();
        }
        None
    }
}

/// How long a lookup may take before the destination is refused.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// The destination policy with the resolver it checks names with. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Egress {
    policy: Arc<EgressPolicy>,
    lookup: Arc<dyn Lookup>,
}

impl Default for Egress {
    /// No exceptions, the system resolver.
    fn default() -> Self {
        Self::new(EgressPolicy::default(), Arc::new(SystemLookup))
    }
}

impl Egress {
    /// A policy checked with `lookup`.
    pub fn new(policy: EgressPolicy, lookup: Arc<dyn Lookup>) -> Self {
        Self {
            policy: Arc::new(policy),
            lookup,
        }
    }

    /// The policy.
    pub fn policy(&self) -> &EgressPolicy {
        &self.policy
    }

    /// Resolves the URL's host and checks every address (subscription time). A name is
    /// refused if any of its addresses is.
    pub async fn check_url(&self, url: &Url) -> Result<(), Refusal> {
        let scheme = Scheme::of(url.scheme()).ok_or(Refusal::Scheme)?;
        match url.host().ok_or(Refusal::NoHost)? {
            Host::Ipv4(ip) => self.policy.check(IpAddr::V4(ip), scheme),
            Host::Ipv6(ip) => self.policy.check(IpAddr::V6(ip), scheme),
            Host::Domain(name) => self.resolve(name, scheme).await.map(drop),
        }
    }

    /// Checks a URL whose host is an IP address (reqwest connects to those without asking
    /// the resolver). Returns `Ok(())` for names too: the [`GuardedResolver`] checks them.
    pub fn check_literal(&self, url: &Url) -> Result<(), Refusal> {
        let scheme = Scheme::of(url.scheme()).ok_or(Refusal::Scheme)?;
        match url.host().ok_or(Refusal::NoHost)? {
            Host::Ipv4(ip) => self.policy.check(IpAddr::V4(ip), scheme),
            Host::Ipv6(ip) => self.policy.check(IpAddr::V6(ip), scheme),
            Host::Domain(_) => Ok(()),
        }
    }

    /// A reqwest resolver for connections in `scheme`: it resolves, then refuses the name if
    /// any address may not be reached. Install it with
    /// `reqwest::ClientBuilder::dns_resolver` (and `no_proxy`, so the target, not a proxy,
    /// is what gets resolved).
    pub fn resolver(&self, scheme: Scheme) -> GuardedResolver {
        GuardedResolver {
            egress: self.clone(),
            scheme,
        }
    }

    async fn resolve(&self, host: &str, scheme: Scheme) -> Result<Vec<IpAddr>, Refusal> {
        // A bracketed or plain IP literal that reached a resolver is checked as it is.
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse() {
            self.policy.check(ip, scheme)?;
            return Ok(vec![ip]);
        }
        let addrs = tokio::time::timeout(LOOKUP_TIMEOUT, self.lookup.lookup(host))
            .await
            .map_err(|_| Refusal::LookupTimeout {
                host: host.to_owned(),
            })?
            .map_err(|source| Refusal::Unresolvable {
                host: host.to_owned(),
                source,
            })?;
        if addrs.is_empty() {
            return Err(Refusal::NoAddress {
                host: host.to_owned(),
            });
        }
        for ip in &addrs {
            self.policy.check(*ip, scheme)?;
        }
        Ok(addrs)
    }
}

/// A reqwest resolver that refuses names resolving to addresses the policy refuses (see
/// [`Egress::resolver`]).
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    egress: Egress,
    scheme: Scheme,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let egress = self.egress.clone();
        let scheme = self.scheme;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            match egress.resolve(&host, scheme).await {
                Ok(addrs) => {
                    let addrs: reqwest::dns::Addrs =
                        Box::new(addrs.into_iter().map(|ip| SocketAddr::new(ip, 0)));
                    Ok(addrs)
                }
                Err(refusal) => {
                    tracing::warn!(%host, %refusal, "webhook destination refused at connect time");
                    Err(Box::new(refusal) as Box<dyn std::error::Error + Send + Sync>)
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::StaticLookup;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("a URL")
    }

    fn strict() -> Egress {
        let lookup = StaticLookup::new()
            .with("hooks.example", &["93.184.215.14".parse().expect("ip")])
            .with("internal.example", &["10.0.0.7".parse().expect("ip")])
            .with(
                "mixed.example",
                &[
                    "93.184.215.14".parse().expect("ip"),
                    "127.0.0.1".parse().expect("ip"),
                ],
            );
        Egress::new(EgressPolicy::default(), lookup.shared())
    }

    #[tokio::test]
    async fn every_spelling_of_an_internal_address_is_refused() {
        let egress = strict();
        for raw in [
            "https://127.0.0.1/h",
            "https://localhost/h",
            "https://[::1]/h",
            "https://0.0.0.0/h",
            "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.1/h",
            "https://172.16.5.4/h",
            "https://192.168.0.1/h",
            "https://[fd00::1]/h",
            "https://[fe80::1]/h",
            "https://[::ffff:127.0.0.1]/h",
            "https://[::ffff:a9fe:a9fe]/h",
            "https://2130706433/h",
            "https://0x7f000001/h",
            "https://0177.0.0.1/h",
            "https://0x7f.0.0.1/h",
            "https://127.1/h",
            "https://internal.example/h",
            "https://mixed.example/h",
        ] {
            let refusal = egress.check_url(&url(raw)).await.expect_err(raw);
            assert_eq!(refusal.code(), "forbidden_destination", "{raw}: {refusal}");
            if !raw.contains(".example") && !raw.contains("localhost") {
                assert!(egress.check_literal(&url(raw)).is_err(), "{raw}");
            }
        }
    }

    #[tokio::test]
    async fn public_names_pass_over_https_only() {
        let egress = strict();
        assert!(egress
            .check_url(&url("https://hooks.example/h"))
            .await
            .is_ok());
        let refusal = egress
            .check_url(&url("http://hooks.example/h"))
            .await
            .expect_err("plain http to a public address");
        assert!(matches!(refusal, Refusal::PlainHttp { .. }), "{refusal}");
    }
}
