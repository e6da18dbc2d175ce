//! API keys: `tlk_` followed by 43 base64url characters (32 random bytes from the operating
//! system's CSPRNG). The prefix makes a leaked key recognisable (secret scanners, logs);
//! only the key's SHA-256 is stored.
//!
//! [`KeyVerifier`] authenticates a key: it looks the hash up (which also records
//! `last_used_at`) and remembers the answer for a short while
//! (`TIERLINE_API_KEY_CACHE_SECONDS`, 5 s by default) so that a busy client does not cost
//! a database write per request. Revoking a key forgets it at once in the process that
//! revoked it; other processes stop accepting it when their memory of it runs out, after
//! at most that many seconds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use tierline_store::api_keys::{self as key_rows, ApiKeyRow};
use uuid::Uuid;

use crate::auth::{Claims, Role};
use crate::error::ApiError;

/// The prefix of every API key.
pub const KEY_PREFIX: &str = "tlk_";

/// How many characters of a key are kept to recognise it in listings (`tlk_` and 8).
const SHOWN_PREFIX: usize = KEY_PREFIX.len() + 8;

/// How many verified keys a process remembers (it forgets them all when full).
const REMEMBERED_KEYS: usize = 10_000;

/// Why an API key was refused (logged and counted, never shown to the client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// No key has this hash.
    #[error("unknown API key")]
    Unknown,
    /// The key was revoked.
    #[error("revoked API key")]
    Revoked,
    /// The key's `expires_at` has passed.
    #[error("expired API key")]
    Expired,
    /// The stored key does not describe a valid principal (a bug or a manual edit).
    #[error("unusable API key")]
    Unusable,
}

impl KeyError {
    /// The `reason` label of `tierline_auth_failures_total`.
    pub fn reason(self) -> &'static str {
        match self {
            KeyError::Unknown => "unknown_api_key",
            KeyError::Revoked => "revoked_api_key",
            KeyError::Expired => "expired_api_key",
            KeyError::Unusable => "unusable_api_key",
        }
    }
}

/// A freshly generated key: the secret (shown once) and what is stored.
pub struct NewKey {
    /// The whole key, `tlk_...`.
    pub secret: String,
    /// SHA-256 of the key.
    pub hash: Vec<u8>,
    /// The first characters, to recognise it.
    pub prefix: String,
}

impl std::fmt::Debug for NewKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewKey")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Whether a bearer credential is meant as an API key (rather than a JWT).
pub fn is_api_key(bearer: &str) -> bool {
    bearer.starts_with(KEY_PREFIX)
}

/// SHA-256 of a key.
pub fn hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Generates a key from 32 bytes of the operating system's CSPRNG.
pub fn generate() -> Result<NewKey, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ApiError::Internal(format!("no randomness for an API key: {e}")))?;
    let secret = format!("{KEY_PREFIX}{}", base64url(&bytes));
    Ok(NewKey {
        hash: hash(&secret),
        prefix: secret.chars().take(SHOWN_PREFIX).collect(),
        secret,
    })
}

/// The principal a stored key stands for: subject `api-key:<id>`, the key's role, vendors
/// and reseller; `iat`/`exp` from its creation and expiry (no expiry: the end of time).
pub fn claims_of(row: &ApiKeyRow) -> Result<Claims, KeyError> {
    let role: Role = row.role.parse().map_err(|_| KeyError::Unusable)?;
    let claims = Claims {
        sub: format!("api-key:{}", row.id),
        role,
        vendors: row.vendors.clone(),
        reseller: row.reseller.clone(),
        iat: row.created_at.timestamp(),
        exp: row.expires_at.map_or(i64::MAX, |at| at.timestamp()),
        nbf: None,
    };
    claims.check().map_err(|_| KeyError::Unusable)?;
    Ok(claims)
}

#[derive(Clone)]
struct Remembered {
    id: Uuid,
    claims: Arc<Claims>,
    expires_at: Option<DateTime<Utc>>,
    checked: Instant,
}

/// Authenticates API keys, remembering verified ones for a short while.
#[derive(Clone)]
pub struct KeyVerifier {
    remember_for: Duration,
    remembered: Arc<Mutex<HashMap<Vec<u8>, Remembered>>>,
}

impl std::fmt::Debug for KeyVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyVerifier")
            .field("remember_for", &self.remember_for)
            .finish_non_exhaustive()
    }
}

impl KeyVerifier {
    /// A verifier that remembers a verified key for `remember_for` (zero: never; every
    /// request then reads the database).
    pub fn new(remember_for: Duration) -> Self {
        Self {
            remember_for,
            remembered: Arc::default(),
        }
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<u8>, Remembered>> {
        self.remembered.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Verifies `key` at `now`: the outer error is the database's (503/500), the inner one
    /// the key's.
    pub async fn verify(
        &self,
        pool: &tierline_store::Pool,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<Arc<Claims>, KeyError>, ApiError> {
        let hash = hash(key);
        if !self.remember_for.is_zero() {
            let hit = self.memory().get(&hash).cloned();
            if let Some(r) = hit.filter(|r| r.checked.elapsed() < self.remember_for) {
                return Ok(match r.expires_at {
                    Some(at) if at <= now => Err(KeyError::Expired),
                    _ => Ok(r.claims),
                });
            }
        }
        let mut conn = pool.get().await?;
        let Some(row) = key_rows::authenticate(&mut conn, &hash, now).await? else {
            return Ok(Err(KeyError::Unknown));
        };
        if row.revoked_at.is_some() {
            return Ok(Err(KeyError::Revoked));
        }
        if row.expires_at.is_some_and(|at| at <= now) {
            return Ok(Err(KeyError::Expired));
        }
        let claims = match claims_of(&row) {
            Ok(c) => Arc::new(c),
            Err(e) => return Ok(Err(e)),
        };
        if !self.remember_for.is_zero() {
            let mut memory = self.memory();
            if memory.len() >= REMEMBERED_KEYS {
                memory.clear();
            }
            memory.insert(
                hash,
                Remembered {
                    id: row.id,
                    claims: Arc::clone(&claims),
                    expires_at: row.expires_at,
                    checked: Instant::now(),
                },
            );
        }
        Ok(Ok(claims))
    }

    /// Forgets a key at once (it was revoked).
    pub fn forget(&self, id: Uuid) {
        self.memory().retain(|_, r| r.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_prefixed_random_and_hashed() {
        let a = generate().expect("key");
        let b = generate().expect("key");
        assert!(a.secret.starts_with("tlk_"));
        assert_eq!(a.secret.len(), 4 + 43);
        assert!(a.secret[4..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(a.secret, b.secret);
        assert_eq!(a.hash, hash(&a.secret));
        assert_eq!(a.hash.len(), 32);
        assert_eq!(a.prefix, a.secret[..12]);
        assert!(is_api_key(&a.secret));
        assert!(!is_api_key("eyJhbGciOiJIUzI1NiJ9.e30.x"));
        assert!(!format!("{a:?}").contains(&a.secret[4..]));
    }

    #[test]
    fn base64url_matches_the_rfc_4648_vectors() {
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }
}
