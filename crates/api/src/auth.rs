//! Bearer-token authentication (JWT, HS256) and the roles of issue 4.
//!
//! | role | may |
//! |---|---|
//! | `admin` | everything |
//! | `helpdesk` | create and read tickets and customers of the vendors in its token |
//! | `agent` | everything within the one vendor of its token |
//! | `reseller` | read the tickets routed to the reseller id of its token |
//!
//! Another tenant's resource answers 404 exactly as a missing one. Missing, expired, wrongly
//! signed, `alg: none` or otherwise unusable tokens answer 401.

use std::collections::HashMap;
use std::future::{ready, Ready};
use std::sync::{Arc, Mutex};

use actix_web::{http::header, web, FromRequest, HttpRequest};
use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use tierline_store::Visibility;

use crate::error::ApiError;
use crate::state::AppState;

/// A caller's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything.
    Admin,
    /// Create and read tickets and customers of its vendors.
    Helpdesk,
    /// Everything within one vendor.
    Agent,
    /// Read tickets routed to its reseller id.
    Reseller,
}

impl Role {
    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Helpdesk => "helpdesk",
            Role::Agent => "agent",
            Role::Reseller => "reseller",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "admin" => Ok(Role::Admin),
            "helpdesk" => Ok(Role::Helpdesk),
            "agent" => Ok(Role::Agent),
            "reseller" => Ok(Role::Reseller),
            other => Err(format!(
                "unknown role {other:?} (admin, helpdesk, agent, reseller)"
            )),
        }
    }
}

/// The claims of a Tierline token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Subject: who the caller is (used to scope idempotency keys and in event actors).
    pub sub: String,
    /// Role.
    pub role: Role,
    /// Vendors the caller works for (helpdesk: one or more; agent: exactly one;
    /// reseller: optional restriction; admin: ignored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vendors: Vec<String>,
    /// The reseller id (role `reseller` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reseller: Option<String>,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
}

impl Claims {
    /// Checks that the claims fit the role.
    pub fn check(&self) -> Result<(), String> {
        if self.sub.trim().is_empty() || self.sub.len() > 200 {
            return Err("token subject must be 1 to 200 characters".into());
        }
        match self.role {
            Role::Admin => Ok(()),
            Role::Helpdesk if self.vendors.is_empty() => {
                Err("a helpdesk token names at least one vendor".into())
            }
            Role::Agent if self.vendors.len() != 1 => {
                Err("an agent token names exactly one vendor".into())
            }
            Role::Reseller if self.reseller.as_deref().is_none_or(str::is_empty) => {
                Err("a reseller token names its reseller id".into())
            }
            _ => Ok(()),
        }
    }
}

/// Signs and verifies tokens with one shared secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    verified: Arc<Mutex<HashMap<String, Arc<Claims>>>>,
}

/// How many verified tokens [`TokenKeys`] remembers (it forgets them all when full).
const VERIFIED_TOKENS: usize = 10_000;

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    /// Keys from an HS256 secret.
    pub fn from_secret(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            verified: Arc::default(),
        }
    }

    /// Signs claims.
    pub fn sign(&self, claims: &Claims) -> Result<String, String> {
        claims.check()?;
        encode(&Header::new(Algorithm::HS256), claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// Issues a token for a role, valid for `ttl`.
    pub fn issue(
        &self,
        sub: &str,
        role: Role,
        vendors: Vec<String>,
        reseller: Option<String>,
        ttl: chrono::Duration,
    ) -> Result<String, String> {
        // Token lifetimes are real time, never the application's clock: a pinned or moved
        // clock must not make a credential outlive its `exp`.
        let now = Utc::now().timestamp();
        self.sign(&Claims {
            sub: sub.to_owned(),
            role,
            vendors,
            reseller,
            iat: now,
            exp: now.saturating_add(ttl.num_seconds()),
        })
    }

    /// Verifies a token: HS256 only (so `alg: none` and other algorithms are refused),
    /// signature, expiry (no leeway) and role consistency.
    ///
    /// Clients send the same token with every request, and checking its signature costs
    /// more than the cheapest requests do: a token that passed is remembered (exactly that
    /// string, with its claims) and later only its expiry is checked again. Only tokens
    /// signed with this secret get in, so the memory cannot be filled by forgeries, and it
    /// is bounded ([`VERIFIED_TOKENS`]).
    pub fn verify(&self, token: &str) -> Result<Arc<Claims>, String> {
        // Real time (see `issue`); `jsonwebtoken` checks `exp` against it too.
        let now = Utc::now().timestamp();
        if let Some(claims) = self.remembered(token) {
            if claims.exp >= now {
                return Ok(claims);
            }
        }
        let claims = Arc::new(self.verify_signed(token)?);
        if let Ok(mut verified) = self.verified.lock() {
            if verified.len() >= VERIFIED_TOKENS {
                verified.clear();
            }
            verified.insert(token.to_owned(), Arc::clone(&claims));
        }
        Ok(claims)
    }

    fn remembered(&self, token: &str) -> Option<Arc<Claims>> {
        self.verified.lock().ok()?.get(token).cloned()
    }

    fn verify_signed(&self, token: &str) -> Result<Claims, String> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data =
            decode::<Claims>(token, &self.decoding, &validation).map_err(|e| e.to_string())?;
        data.claims.check()?;
        Ok(data.claims)
    }
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The verified claims (shared with the verified-token memory).
    pub claims: Arc<Claims>,
}

impl Principal {
    /// The caller's role.
    pub fn role(&self) -> Role {
        self.claims.role
    }

    /// An actor string for event logs: `role:subject`.
    pub fn actor(&self) -> String {
        format!("{}:{}", self.claims.role.as_str(), self.claims.sub)
    }

    /// What the caller may see.
    pub fn visibility(&self) -> Visibility {
        match self.claims.role {
            Role::Admin => Visibility::all(),
            Role::Helpdesk | Role::Agent => Visibility {
                vendors: Some(self.claims.vendors.clone()),
                reseller_id: None,
            },
            Role::Reseller => Visibility {
                vendors: (!self.claims.vendors.is_empty()).then(|| self.claims.vendors.clone()),
                reseller_id: self.claims.reseller.clone(),
            },
        }
    }

    /// Requires one of `roles`.
    pub fn require(&self, roles: &[Role], what: &str) -> Result<(), ApiError> {
        if roles.contains(&self.claims.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "role {} may not {what}",
                self.claims.role.as_str()
            )))
        }
    }

    /// Requires that the caller works for `vendor` (admins work for all).
    pub fn require_vendor(&self, vendor: &str) -> Result<(), ApiError> {
        if self.visibility().allows_vendor(vendor) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "this token does not cover vendor {:?}",
                vendor.chars().take(40).collect::<String>()
            )))
        }
    }
}

fn authenticate(req: &HttpRequest) -> Result<Principal, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("missing Authorization: Bearer token".into()))?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized("malformed Authorization header".into()))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::Unauthorized("expected Authorization: Bearer <token>".into()))?;
    let claims = state
        .keys
        .verify(token)
        .map_err(|e| ApiError::Unauthorized(format!("invalid token: {e}")))?;
    Ok(Principal { claims })
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

#[cfg(test)]
mod tests {
    use super::{Role, TokenKeys};

    fn token(keys: &TokenKeys, ttl_seconds: i64) -> String {
        keys.issue(
            "t",
            Role::Admin,
            Vec::new(),
            None,
            chrono::Duration::seconds(ttl_seconds),
        )
        .expect("signing")
    }

    #[test]
    fn a_remembered_token_still_expires() {
        let keys = TokenKeys::from_secret(b"a secret of enough length for HS256 use");
        let t = token(&keys, 1);
        assert!(keys.verify(&t).is_ok());
        assert!(keys.verify(&t).is_ok(), "the remembered answer");
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let err = keys.verify(&t).expect_err("expired");
        assert!(err.contains("Expired"), "{err}");
    }

    #[test]
    fn remembering_is_per_secret() {
        let ours = TokenKeys::from_secret(b"a secret of enough length for HS256 use");
        let theirs = TokenKeys::from_secret(b"another secret, also long enough for it");
        let t = token(&theirs, 60);
        assert!(theirs.verify(&t).is_ok());
        assert!(ours.verify(&t).is_err(), "signed with another secret");
        assert!(
            ours.verify(&t).is_err(),
            "and still after the other side remembered it"
        );
        let forged = format!("{}x", token(&ours, 60));
        assert!(ours.verify(&forged).is_err());
    }
}
