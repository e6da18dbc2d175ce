//! The [Standard Webhooks](https://www.standardwebhooks.com/) signature, sent beside
//! `Tierline-Signature` so that the `standardwebhooks` libraries (PyPI, npm, crates.io...)
//! verify Tierline's deliveries as they are.
//!
//! - `webhook-id`: the event id (the same on every retry of the event, so a receiver can
//!   de-duplicate),
//! - `webhook-timestamp`: unix seconds of the attempt,
//! - `webhook-signature`: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, where
//!   `key` is the subscription secret with its `whsec_` prefix removed, base64-decoded.
//!
//! Tierline's secrets (`whsec_` + 64 hex digits) are valid base64, so every existing
//! subscription gets the standard headers without a new secret.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The message id header.
pub const ID_HEADER: &str = "webhook-id";
/// The timestamp header.
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
/// The signature header.
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// The prefix of a signing secret.
const PREFIX: &str = "whsec_";

/// Why a secret cannot sign the standard way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StandardSecretError {
    /// The part after `whsec_` is not base64.
    #[error("the signing secret is not base64 after its whsec_ prefix")]
    NotBase64,
    /// The decoded key is empty.
    #[error("the signing secret is empty")]
    Empty,
}

/// The HMAC key a Standard Webhooks library derives from `secret`.
pub fn key(secret: &str) -> Result<Vec<u8>, StandardSecretError> {
    let encoded = secret.strip_prefix(PREFIX).unwrap_or(secret);
    let key = STANDARD
        .decode(encoded)
        .map_err(|_| StandardSecretError::NotBase64)?;
    if key.is_empty() {
        return Err(StandardSecretError::Empty);
    }
    Ok(key)
}

/// The `webhook-signature` value for message `id` sent at `timestamp` with `body`.
pub fn sign(
    secret: &str,
    id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<String, StandardSecretError> {
    let key = key(secret)?;
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| StandardSecretError::Empty)?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` value signed with each of `secrets` (the current one first;
/// during a secret rotation also the previous one): space-separated `v1,<base64>` entries,
/// as the specification allows for key rotation. A previous secret that cannot sign the
/// standard way (not base64) is left out; the current one must sign.
pub fn sign_all(
    secrets: &[&str],
    id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<String, StandardSecretError> {
    let mut entries = Vec::with_capacity(secrets.len());
    for (i, secret) in secrets.iter().enumerate() {
        match sign(secret, id, timestamp, body) {
            Ok(entry) => entries.push(entry),
            Err(e) if i == 0 => return Err(e),
            Err(_) => {}
        }
    }
    Ok(entries.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Computed with the official `standardwebhooks` 1.3.0 library from PyPI:
    /// `Webhook(secret).sign(id, datetime.fromtimestamp(1700000000, utc), '{"id":1}')`.
    #[test]
    fn matches_the_reference_library() {
        let secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let got = sign(
            secret,
            "0b8e3c3e-8d6f-4c38-9a55-5c9f6f0d7a11",
            1_700_000_000,
            b"{\"id\":1}",
        );
        assert_eq!(
            got.as_deref(),
            Ok("v1,BKOiHRi9V1WrzTIi23nzjnYBdM5ohH9ybxlkibOqV8U=")
        );
    }

    #[test]
    fn a_changed_body_id_or_time_changes_the_signature() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let base = sign(secret, "msg_1", 1, b"{}");
        assert!(base.is_ok());
        assert_ne!(base, sign(secret, "msg_2", 1, b"{}"));
        assert_ne!(base, sign(secret, "msg_1", 2, b"{}"));
        assert_ne!(base, sign(secret, "msg_1", 1, b"{ }"));
    }

    #[test]
    fn a_secret_that_is_not_base64_is_refused() {
        assert_eq!(
            sign("whsec_not base64!", "m", 1, b""),
            Err(StandardSecretError::NotBase64)
        );
        assert_eq!(sign("whsec_", "m", 1, b""), Err(StandardSecretError::Empty));
    }

    #[test]
    fn a_rotation_signs_with_both_secrets() {
        let new = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let old = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let both = sign_all(&[new, old], "msg_1", 1, b"{}");
        let expected = format!(
            "{} {}",
            sign(new, "msg_1", 1, b"{}").unwrap_or_default(),
            sign(old, "msg_1", 1, b"{}").unwrap_or_default()
        );
        assert_eq!(both, Ok(expected));
        assert_eq!(
            sign_all(&[new, "whsec_not base64!"], "msg_1", 1, b"{}"),
            sign(new, "msg_1", 1, b"{}"),
            "a previous secret that cannot sign is left out"
        );
        assert_eq!(
            sign_all(&["whsec_not base64!", new], "msg_1", 1, b"{}"),
            Err(StandardSecretError::NotBase64)
        );
    }
}
