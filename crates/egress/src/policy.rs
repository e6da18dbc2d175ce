//! The operator's exceptions to the address classes.

use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;

use crate::class::AddressClass;
use crate::guard::Refusal;

/// A URL scheme deliveries use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Plain `http`.
    Http,
    /// `https`.
    Https,
}

impl Scheme {
    /// The scheme of a URL's scheme name, if it is one deliveries use.
    pub fn of(name: &str) -> Option<Self> {
        match name {
            "http" => Some(Scheme::Http),
            "https" => Some(Scheme::Https),
            _ => None,
        }
    }
}

/// A setting that is not a list of networks.
#[derive(Debug, thiserror::Error)]
#[error("{entry:?} is not a network (use CIDR notation such as 10.20.0.0/16 or fd12::/48, or an address)")]
pub struct PolicyError {
    /// The entry that did not parse.
    pub entry: String,
    /// Why.
    #[source]
    pub source: ipnet::AddrParseError,
}

/// Which destinations may be reached.
///
/// An address may be reached when it lies in an allowed network, or when it is
/// [`AddressClass::Public`] and the scheme is `https` (or plain `http` to public addresses
/// is allowed). Everything else is refused. The default allows no network and no plain
/// `http` to public addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EgressPolicy {
    allow: Vec<IpNet>,
    public_http: bool,
}

impl EgressPolicy {
    /// A policy allowing `allow` (any class, any scheme) and, if `public_http`, plain `http`
    /// to public addresses.
    pub fn new(allow: Vec<IpNet>, public_http: bool) -> Self {
        Self { allow, public_http }
    }

    /// Parses a comma-separated list of networks (`TIERLINE_WEBHOOK_ALLOW_NETWORKS`):
    /// CIDR blocks or single addresses; blanks are ignored.
    pub fn parse_networks(raw: &str) -> Result<Vec<IpNet>, PolicyError> {
        raw.split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|entry| {
                IpNet::from_str(entry)
                    .or_else(|e| IpAddr::from_str(entry).map(IpNet::from).map_err(|_| e))
                    .map(|n| n.trunc())
                    .map_err(|source| PolicyError {
                        entry: entry.to_owned(),
                        source,
                    })
            })
            .collect()
    }

    /// The allowed networks.
    pub fn allowed_networks(&self) -> &[IpNet] {
        &self.allow
    }

    /// Whether plain `http` may reach public addresses.
    pub fn public_http(&self) -> bool {
        self.public_http
    }

    /// Whether `ip` lies in an allowed network (IPv4-mapped IPv6 addresses count as their
    /// IPv4 address).
    pub fn allows_network(&self, ip: IpAddr) -> bool {
        let canonical = ip.to_canonical();
        self.allow
            .iter()
            .any(|n| n.contains(&ip) || n.contains(&canonical))
    }

    /// Checks one address for a scheme.
    pub fn check(&self, ip: IpAddr, scheme: Scheme) -> Result<(), Refusal> {
        if self.allows_network(ip) {
            return Ok(());
        }
        let class = AddressClass::of(ip);
        if !class.is_public() {
            return Err(Refusal::Forbidden { addr: ip, class });
        }
        if scheme == Scheme::Http && !self.public_http {
            return Err(Refusal::PlainHttp { addr: ip });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn networks_parse_with_blanks_and_single_addresses() {
        let nets =
            EgressPolicy::parse_networks(" 10.20.0.0/16, ,127.0.0.1,fd12::/48 ").expect("networks");
        assert_eq!(nets.len(), 3);
        assert!(EgressPolicy::parse_networks("").expect("empty").is_empty());
        let err = EgressPolicy::parse_networks("10.0.0.0/99").expect_err("bad prefix");
        assert!(err.to_string().contains("10.0.0.0/99"), "{err}");
        assert!(EgressPolicy::parse_networks("intranet").is_err());
    }

    #[test]
    fn allowed_networks_open_internal_addresses_in_any_scheme() {
        let policy = EgressPolicy::new(
            EgressPolicy::parse_networks("127.0.0.0/8,10.1.0.0/16").expect("networks"),
            false,
        );
        assert!(policy.check(ip("127.0.0.1"), Scheme::Http).is_ok());
        assert!(policy.check(ip("::ffff:127.0.0.1"), Scheme::Http).is_ok());
        assert!(policy.check(ip("10.1.2.3"), Scheme::Https).is_ok());
        assert!(matches!(
            policy.check(ip("10.2.0.1"), Scheme::Https),
            Err(Refusal::Forbidden { .. })
        ));
        assert!(matches!(
            policy.check(ip("169.254.169.254"), Scheme::Https),
            Err(Refusal::Forbidden { .. })
        ));
    }

    #[test]
    fn plain_http_to_public_addresses_only_when_configured() {
        let strict = EgressPolicy::default();
        assert!(strict.check(ip("93.184.215.14"), Scheme::Https).is_ok());
        assert!(matches!(
            strict.check(ip("93.184.215.14"), Scheme::Http),
            Err(Refusal::PlainHttp { .. })
        ));
        let lax = EgressPolicy::new(Vec::new(), true);
        assert!(lax.check(ip("93.184.215.14"), Scheme::Http).is_ok());
        assert!(lax.check(ip("127.0.0.1"), Scheme::Http).is_err());
    }
}
