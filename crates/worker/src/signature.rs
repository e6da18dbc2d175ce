//! The `Tierline-Signature` header.
//!
//! `Tierline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
//!
//! The timestamp is part of the signed text, so a receiver that checks the signature and
//! that `t` lies within [`REPLAY_WINDOW_SECONDS`] of its own clock rejects both forged and
//! replayed requests. The body is signed byte for byte as sent: verify before parsing.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header's name.
pub const HEADER: &str = "Tierline-Signature";

/// How far (either way) a receiver should accept `t` from its own clock: 5 minutes.
pub const REPLAY_WINDOW_SECONDS: i64 = 300;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length.
    let mut mac = match HmacSha256::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => unreachable_hmac(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

#[cold]
fn unreachable_hmac() -> HmacSha256 {
    // `new_from_slice` only fails for fixed-size keys; HMAC has none.
    #[allow(clippy::expect_used)]
    HmacSha256::new_from_slice(b"").expect("HMAC takes keys of any length")
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The header value for a body sent at `timestamp` (unix seconds).
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let tag = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex(&tag))
}

/// The header value signed with each of `secrets` (the current one first; during a secret
/// rotation also the previous one): `t=<t>,v1=<hex>,v1=<hex>`. A receiver that knows either
/// secret finds its `v1`.
pub fn sign_all(secrets: &[&[u8]], timestamp: i64, body: &[u8]) -> String {
    let mut value = format!("t={timestamp}");
    for secret in secrets {
        let tag = mac(secret, timestamp, body).finalize().into_bytes();
        value.push_str(",v1=");
        value.push_str(&hex(&tag));
    }
    value
}

/// Why a signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The header is not `t=...,v1=...`.
    #[error("malformed Tierline-Signature header")]
    Malformed,
    /// `t` is outside the replay window.
    #[error("timestamp outside the replay window")]
    Expired,
    /// No `v1` value matches.
    #[error("signature mismatch")]
    Mismatch,
}

/// Checks a header value against the raw body, the shared secret and the receiver's clock
/// (`now`, unix seconds), accepting timestamps within `window` seconds. Comparison is
/// constant-time. Several `v1=` values (during secret rotation) are accepted.
pub fn verify(
    secret: &[u8],
    header: &str,
    body: &[u8],
    now: i64,
    window: i64,
) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut tags = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse::<i64>().ok(),
            Some(("v1", v)) => tags.push(unhex(v).ok_or(SignatureError::Malformed)?),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if tags.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - timestamp).abs() > window {
        return Err(SignatureError::Expired);
    }
    for tag in tags {
        if mac(secret, timestamp, body).verify_slice(&tag).is_ok() {
            return Ok(());
        }
    }
    Err(SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies() {
        let h = sign(b"whsec_test", 1_700_000_000, b"{\"id\":1}");
        assert!(h.starts_with("t=1700000000,v1="));
        assert_eq!(
            verify(b"whsec_test", &h, b"{\"id\":1}", 1_700_000_100, 300),
            Ok(())
        );
    }

    #[test]
    fn signed_text_is_timestamp_dot_body() {
        let h = sign(b"key", 0, b"x");
        let expected = {
            let mut m = HmacSha256::new_from_slice(b"key").unwrap_or_else(|_| unreachable_hmac());
            m.update(b"0.x");
            hex(&m.finalize().into_bytes())
        };
        assert_eq!(h, format!("t=0,v1={expected}"));
    }

    #[test]
    fn rejects_tampering_replay_and_garbage() {
        let h = sign(b"s", 1000, b"body");
        assert_eq!(
            verify(b"s", &h, b"Body", 1000, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(b"other", &h, b"body", 1000, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(b"s", &h, b"body", 1301, 300),
            Err(SignatureError::Expired)
        );
        assert_eq!(
            verify(b"s", "v1=zz", b"body", 1000, 300),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify(b"s", "t=1000", b"body", 1000, 300),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn a_rotation_signs_with_both_secrets() {
        let header = sign_all(&[b"new secret", b"old secret"], 1_700_000_000, b"{}");
        assert_eq!(header.matches("v1=").count(), 2, "{header}");
        for secret in [&b"new secret"[..], b"old secret"] {
            assert_eq!(
                verify(secret, &header, b"{}", 1_700_000_000, REPLAY_WINDOW_SECONDS),
                Ok(())
            );
        }
        assert_eq!(
            verify(
                b"other",
                &header,
                b"{}",
                1_700_000_000,
                REPLAY_WINDOW_SECONDS
            ),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            sign_all(&[b"new secret"], 5, b"x"),
            sign(b"new secret", 5, b"x")
        );
    }
}
