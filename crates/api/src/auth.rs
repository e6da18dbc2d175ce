//! Bearer-token authentication (JWT, HS256) and the roles of issue 4.
//!
//! | role | may |
//! |---|---|
//! | `admin` | everything |
//! | `helpdesk` | create and read tickets and customers of the vendors in its token, post ticket events |
//! | `agent` | everything within the one vendor of its token |
//! | `reseller` | read the tickets routed to the reseller id of its token |
//!
//! Another tenant's resource answers 404 exactly as a missing one. Missing, expired, wrongly
//! signed, `alg: none` or otherwise unusable credentials answer 401 with a generic detail
//! (the reason is logged and counted in `tierline_auth_failures_total{reason}`, never shown).
//!
//! Two kinds of bearer credential are accepted:
//! - JWTs (HS256), short-lived: `exp` required, `nbf` and `iat` may not lie in the future
//!   (beyond [`TokenPolicy::leeway`]), and `exp - iat` may not exceed the server's
//!   [`TokenPolicy::max_lifetime`].
//! - API keys (`tlk_...`, see [`crate::api_keys`]): revocable, looked up by hash.
//!
//! Every authentication goes through the rate limits of [`crate::rate_limit`].

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use actix_web::{http::header, web, FromRequest, HttpRequest};
use chrono::Utc;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use tierline_store::Visibility;

use crate::api_keys::{self, KeyError};
use crate::error::ApiError;
use crate::rate_limit::{AfterFailure, Refusal};
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
    /// Issued at (seconds since the epoch); may not lie in the future.
    pub iat: i64,
    /// Expires at (seconds since the epoch); `exp - iat` may not exceed the server's
    /// maximum token lifetime.
    pub exp: i64,
    /// Not before (seconds since the epoch), if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
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

/// What the server demands of a JWT besides its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenPolicy {
    /// The longest lifetime (`exp - iat`) accepted (`TIERLINE_MAX_TOKEN_LIFETIME`, 24 h by
    /// default): a longer-lived token is refused, whoever signed it.
    pub max_lifetime: chrono::Duration,
    /// Clock skew tolerated for `nbf` and `iat` (not for `exp`).
    pub leeway: chrono::Duration,
}

impl Default for TokenPolicy {
    /// 24 h, 30 s of skew.
    fn default() -> Self {
        Self {
            max_lifetime: chrono::Duration::hours(24),
            leeway: chrono::Duration::seconds(30),
        }
    }
}

/// Why a JWT was refused (logged and counted, never shown to the client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not a JWT, wrong algorithm, bad signature, missing or malformed claims.
    #[error("invalid token")]
    Invalid,
    /// `exp` has passed.
    #[error("token expired")]
    Expired,
    /// `nbf` lies in the future.
    #[error("token not yet valid")]
    NotYetValid,
    /// `iat` lies in the future.
    #[error("token issued in the future")]
    IssuedInFuture,
    /// `exp - iat` exceeds the maximum lifetime.
    #[error("token lifetime exceeds the maximum")]
    LifetimeTooLong,
    /// Signed, but its claims do not fit its role.
    #[error("token claims inconsistent with its role")]
    Inconsistent,
}

impl TokenError {
    /// The `reason` label of `tierline_auth_failures_total`.
    pub fn reason(self) -> &'static str {
        match self {
            TokenError::Invalid => "invalid_token",
            TokenError::Expired => "expired_token",
            TokenError::NotYetValid => "token_not_yet_valid",
            TokenError::IssuedInFuture => "token_issued_in_future",
            TokenError::LifetimeTooLong => "token_lifetime_too_long",
            TokenError::Inconsistent => "inconsistent_token",
        }
    }
}

/// Signs and verifies tokens with one shared secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    policy: TokenPolicy,
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
    /// Keys from an HS256 secret, with the default [`TokenPolicy`].
    pub fn from_secret(secret: &[u8]) -> Self {
        Self::with_policy(secret, TokenPolicy::default())
    }

    /// Keys from an HS256 secret that verify with `policy`.
    pub fn with_policy(secret: &[u8], policy: TokenPolicy) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            policy,
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
            nbf: None,
        })
    }

    /// Verifies a token: HS256 only (so `alg: none` and other algorithms are refused),
    /// signature, expiry (no leeway), `nbf` and `iat` not in the future and `exp - iat`
    /// within the maximum lifetime ([`TokenPolicy`]), and role consistency.
    ///
    /// Clients send the same token with every request, and checking its signature costs
    /// more than the cheapest requests do: a token that passed is remembered (exactly that
    /// string, with its claims) and later only its expiry is checked again. Only tokens
    /// signed with this secret get in, so the memory cannot be filled by forgeries, and it
    /// is bounded ([`VERIFIED_TOKENS`]).
    ///
    /// A remembered token passed the `nbf` and `iat` checks, which only become truer as
    /// time passes, so only its expiry needs checking again.
    pub fn verify(&self, token: &str) -> Result<Arc<Claims>, TokenError> {
        // Real time, never the application clock: a moved clock must not extend a
        // credential (`jsonwebtoken` checks `exp` against the real time too).
        let now = Utc::now().timestamp();
        if let Some(claims) = self.remembered(token) {
            if claims.exp >= now {
                return Ok(claims);
            }
        }
        let claims = Arc::new(self.verify_signed(token, now)?);
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

    fn verify_signed(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        // `nbf` is checked below, with its own leeway (the library has one leeway for both).
        validation.validate_nbf = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })?
            .claims;
        let leeway = self.policy.leeway.num_seconds();
        if claims
            .nbf
            .is_some_and(|nbf| nbf > now.saturating_add(leeway))
        {
            return Err(TokenError::NotYetValid);
        }
        if claims.iat > now.saturating_add(leeway) {
            return Err(TokenError::IssuedInFuture);
        }
        if claims.exp.saturating_sub(claims.iat) > self.policy.max_lifetime.num_seconds() {
            return Err(TokenError::LifetimeTooLong);
        }
        claims.check().map_err(|_| TokenError::Inconsistent)?;
        Ok(claims)
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

/// Why an authentication failed. Logged (never with the credential) and counted in
/// `tierline_auth_failures_total{reason}`; the client sees only a generic 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    /// No `Authorization` header.
    Missing,
    /// An `Authorization` header that is not `Bearer <credential>`.
    Malformed,
    /// A JWT that was refused.
    Token(TokenError),
    /// An API key that was refused.
    Key(KeyError),
}

impl AuthFailure {
    /// The `reason` label.
    pub fn reason(self) -> &'static str {
        match self {
            AuthFailure::Missing => "missing",
            AuthFailure::Malformed => "malformed",
            AuthFailure::Token(e) => e.reason(),
            AuthFailure::Key(e) => e.reason(),
        }
    }

    /// What the client is told: how to send credentials, or that they were not accepted,
    /// without saying why.
    pub fn detail(self) -> &'static str {
        match self {
            AuthFailure::Missing => "missing Authorization: Bearer credentials",
            AuthFailure::Malformed => "expected Authorization: Bearer <token or API key>",
            AuthFailure::Token(_) | AuthFailure::Key(_) => {
                "the bearer credentials are invalid, expired or revoked"
            }
        }
    }
}

/// The bearer credential of a request.
fn bearer(req: &HttpRequest) -> Result<&str, AuthFailure> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(AuthFailure::Missing)?;
    let value = value.to_str().map_err(|_| AuthFailure::Malformed)?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(AuthFailure::Malformed)
}

/// The address the request came from (the TCP peer; `0.0.0.0` when unknown, e.g. in unit
/// tests).
fn client_address(req: &HttpRequest) -> IpAddr {
    req.peer_addr()
        .map_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), |a| a.ip())
}

fn rate_limited(state: &AppState, refusal: Refusal) -> ApiError {
    state
        .metrics
        .rate_limited
        .with_label_values(&[refusal.policy])
        .inc();
    ApiError::RateLimited(refusal)
}

/// Records a failed authentication: counted, logged without the credential, and drawn
/// from the client address's failed-authentication bucket.
fn failed(state: &AppState, req: &HttpRequest, client: IpAddr, failure: AuthFailure) -> ApiError {
    state
        .metrics
        .auth_failures
        .with_label_values(&[failure.reason()])
        .inc();
    tracing::warn!(
        reason = failure.reason(), client = %client, path = %req.path(),
        "authentication failed"
    );
    if let AfterFailure::Blocked(refusal) = state.rate_limits.failed(client) {
        tracing::warn!(
            client = %client, retry_after_ms = refusal.retry_after.as_millis(),
            "too many failed authentications: client refused for a while"
        );
    }
    ApiError::Unauthorized(failure.detail().into())
}

async fn authenticate(req: &HttpRequest) -> Result<Principal, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let client = client_address(req);
    state
        .rate_limits
        .check_client(client)
        .map_err(|r| rate_limited(state, r))?;
    let verified = match bearer(req) {
        Err(failure) => Err(failure),
        Ok(key) if api_keys::is_api_key(key) => state
            .api_keys
            .verify(&state.pool, key, Utc::now())
            .await?
            .map_err(AuthFailure::Key),
        Ok(token) => state.keys.verify(token).map_err(AuthFailure::Token),
    };
    let claims = verified.map_err(|failure| failed(state, req, client, failure))?;
    let principal = Principal { claims };
    state
        .rate_limits
        .check_credential(&principal.actor())
        .map_err(|r| rate_limited(state, r))?;
    Ok(principal)
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
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
        assert_eq!(err, super::TokenError::Expired);
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
