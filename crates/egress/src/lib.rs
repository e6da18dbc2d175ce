//! Where Tierline's outgoing requests may go.
//!
//! Webhook receivers are URLs that tenants choose, and deliveries are made from inside the
//! operator's network. Without a check, a tenant could make Tierline call loopback services,
//! the cloud metadata endpoint (`169.254.169.254`) or anything on a private network, and
//! read the answers' status codes from the attempt log. This crate is the one place that
//! decides whether an address may be reached:
//!
//! - [`AddressClass`]: what kind of address an IP is; every class but
//!   [`AddressClass::Public`] is refused (loopback, private, shared, link-local including
//!   cloud metadata, unique-local, unspecified, multicast, broadcast, reserved,
//!   documentation), also when written as an IPv4-mapped, IPv4-compatible, NAT64 or 6to4
//!   IPv6 address.
//! - [`EgressPolicy`]: the operator's exceptions: networks that may be reached anyway
//!   (`TIERLINE_WEBHOOK_ALLOW_NETWORKS`, for on-premises receivers), and whether plain
//!   `http` may go to public addresses (by default only to allowed networks).
//! - [`Egress`]: the policy with a resolver. [`Egress::check_url`] resolves a URL's host
//!   and checks every address (at subscription time); [`Egress::resolver`] is a reqwest
//!   resolver that checks again at connect time, so a name that resolves differently the
//!   second time (DNS rebinding) is refused then; [`Egress::check_literal`] covers URLs
//!   whose host is an IP address (reqwest does not resolve those).
//!
//! URL spellings of addresses (`2130706433`, `0x7f000001`, `0177.0.0.1`, `[::ffff:7f00:1]`)
//! are normalised by the URL parser (WHATWG rules, the same parser reqwest uses) before any
//! check, so they are checked as the address they name.
#![deny(missing_docs)]

mod class;
mod guard;
mod lookup;
mod policy;

pub use class::AddressClass;
pub use guard::{Egress, GuardedResolver, Refusal};
pub use lookup::{Lookup, LookupFuture, StaticLookup, SystemLookup};
pub use policy::{EgressPolicy, PolicyError, Scheme};
