//! Address classes: which IP addresses are public.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of address an IP address is. Only [`AddressClass::Public`] may be reached
/// unless the operator allows the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressClass {
    /// A globally routable address.
    Public,
    /// `127.0.0.0/8`, `::1`.
    Loopback,
    /// `0.0.0.0/8` ("this network"), `::`.
    Unspecified,
    /// RFC 1918: `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`.
    Private,
    /// `100.64.0.0/10` (carrier-grade NAT, RFC 6598).
    Shared,
    /// `169.254.0.0/16` (including the cloud metadata address `169.254.169.254`),
    /// `fe80::/10`.
    LinkLocal,
    /// `fc00::/7` (unique local, RFC 4193), and the deprecated site-local `fec0::/10`.
    UniqueLocal,
    /// `224.0.0.0/4`, `ff00::/8`.
    Multicast,
    /// `255.255.255.255`.
    Broadcast,
    /// `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`.
    Documentation,
    /// Other special-purpose ranges: `192.0.0.0/24`, `198.18.0.0/15` (benchmarking),
    /// `240.0.0.0/4`, `100::/64` (discard).
    Reserved,
}

impl AddressClass {
    /// The class of `ip`. IPv6 forms that carry an IPv4 address (IPv4-mapped
    /// `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4
    /// `2002::/16`) have the class of that IPv4 address.
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self::of_v4(v4),
            IpAddr::V6(v6) => Self::of_v6(v6),
        }
    }

    /// Whether addresses of this class may be reached without an operator's exception.
    pub fn is_public(self) -> bool {
        self == AddressClass::Public
    }

    /// A short description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            AddressClass::Public => "a public address",
            AddressClass::Loopback => "a loopback address",
            AddressClass::Unspecified => "an unspecified address",
            AddressClass::Private => "a private network address",
            AddressClass::Shared => "a shared (carrier-grade NAT) address",
            AddressClass::LinkLocal => "a link-local address (cloud metadata lives here)",
            AddressClass::UniqueLocal => "a unique-local address",
            AddressClass::Multicast => "a multicast address",
            AddressClass::Broadcast => "the broadcast address",
            AddressClass::Documentation => "a documentation address",
            AddressClass::Reserved => "a reserved address",
        }
    }

    fn of_v4(ip: Ipv4Addr) -> Self {
        let [a, b, c, _] = ip.octets();
        match (a, b, c) {
            (127, _, _) => AddressClass::Loopback,
            (0, _, _) => AddressClass::Unspecified,
            (10, _, _) | (192, 168, _) => AddressClass::Private,
            (172, b, _) if (16..32).contains(&b) => AddressClass::Private,
            (100, b, _) if (64..128).contains(&b) => AddressClass::Shared,
            (169, 254, _) => AddressClass::LinkLocal,
            (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => AddressClass::Documentation,
            (192, 0, 0) => AddressClass::Reserved,
            (198, b, _) if b == 18 || b == 19 => AddressClass::Reserved,
            _ if ip.is_broadcast() => AddressClass::Broadcast,
            (a, _, _) if (224..240).contains(&a) => AddressClass::Multicast,
            (a, _, _) if a >= 240 => AddressClass::Reserved,
            _ => AddressClass::Public,
        }
    }

    fn of_v6(ip: Ipv6Addr) -> Self {
        if let Some(v4) = embedded_v4(ip) {
            return Self::of_v4(v4);
        }
        let s = ip.segments();
        if ip.is_loopback() {
            AddressClass::Loopback
        } else if ip.is_unspecified() {
            AddressClass::Unspecified
        } else if s[0] & 0xff00 == 0xff00 {
            AddressClass::Multicast
        } else if s[0] & 0xffc0 == 0xfe80 {
            AddressClass::LinkLocal
        } else if s[0] & 0xfe00 == 0xfc00 || s[0] & 0xffc0 == 0xfec0 {
            AddressClass::UniqueLocal
        } else if s[0] == 0x2001 && s[1] == 0x0db8 {
            AddressClass::Documentation
        } else if s[0] == 0x0100 && s[1..4] == [0, 0, 0] {
            AddressClass::Reserved
        } else {
            AddressClass::Public
        }
    }
}

/// The IPv4 address an IPv6 address carries, for the forms a connection may reach it by.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = Ipv4Addr::new(
        (s[6] >> 8) as u8,
        (s[6] & 0xff) as u8,
        (s[7] >> 8) as u8,
        (s[7] & 0xff) as u8,
    );
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    // IPv4-compatible (deprecated) `::a.b.c.d`, but not `::` and `::1` themselves.
    if s[..6] == [0; 6] && (s[6] != 0 || s[7] > 1) {
        return Some(tail);
    }
    // NAT64 well-known prefix `64:ff9b::/96` and local-use `64:ff9b:1::/48`.
    if s[0] == 0x0064 && s[1] == 0xff9b && (s[2..6] == [0; 4] || s[2] == 1) {
        return Some(tail);
    }
    // 6to4 `2002:AABB:CCDD::/48` carries AA.BB.CC.DD.
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            (s[1] & 0xff) as u8,
            (s[2] >> 8) as u8,
            (s[2] & 0xff) as u8,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::AddressClass::{self, *};

    fn class(s: &str) -> AddressClass {
        AddressClass::of(s.parse().expect("an IP address"))
    }

    #[test]
    fn every_internal_form_is_refused() {
        for (ip, expected) in [
            ("127.0.0.1", Loopback),
            ("127.255.255.254", Loopback),
            ("::1", Loopback),
            ("0.0.0.0", Unspecified),
            ("0.1.2.3", Unspecified),
            ("::", Unspecified),
            ("10.0.0.1", Private),
            ("172.16.0.1", Private),
            ("172.31.255.255", Private),
            ("192.168.1.1", Private),
            ("100.64.0.1", Shared),
            ("169.254.169.254", LinkLocal),
            ("fe80::1", LinkLocal),
            ("fd00::1", UniqueLocal),
            ("fc00::1", UniqueLocal),
            ("fec0::1", UniqueLocal),
            ("224.0.0.1", Multicast),
            ("ff02::1", Multicast),
            ("255.255.255.255", Broadcast),
            ("240.0.0.1", Reserved),
            ("198.18.0.1", Reserved),
            ("192.0.2.1", Documentation),
            ("2001:db8::1", Documentation),
            // IPv6 forms that carry an internal IPv4 address.
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:7f00:1", Loopback),
            ("::ffff:169.254.169.254", LinkLocal),
            ("::127.0.0.1", Loopback),
            ("::10.0.0.1", Private),
            ("64:ff9b::a9fe:a9fe", LinkLocal),
            ("64:ff9b:1::c0a8:101", Private),
            ("2002:7f00:1::", Loopback),
            ("2002:c0a8:101::1", Private),
        ] {
            assert_eq!(class(ip), expected, "{ip}");
            assert!(!expected.is_public());
        }
    }

    #[test]
    fn public_addresses_pass() {
        for ip in [
            "93.184.215.14",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700:4700::1111",
            "::ffff:93.184.215.14",
            "2002:5db8:d70e::1",
        ] {
            assert_eq!(class(ip), Public, "{ip}");
        }
    }
}
