//! API key request and response bodies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Role;

/// `POST /api-keys`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKey {
    /// What the key is for (1 to 200 characters), e.g. `zendesk bridge`.
    pub name: String,
    /// The key's role. Agents may create `agent`, `helpdesk` and `reseller` keys for their
    /// own vendor only.
    pub role: Role,
    /// Vendors the key covers (helpdesk: one or more; agent: exactly one; reseller:
    /// optional restriction, required when an agent creates it; admin: none).
    #[serde(default)]
    pub vendors: Vec<String>,
    /// The reseller id (role `reseller` only).
    pub reseller: Option<String>,
    /// When the key stops working (RFC 3339, in the future); never when absent.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A key as listed: never the key itself.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyBody {
    /// Id (`DELETE /api-keys/{id}` revokes it).
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// The key's first characters (`tlk_` and 8 more), to recognise it.
    pub prefix: String,
    /// Role.
    pub role: Role,
    /// Vendors.
    pub vendors: Vec<String>,
    /// Reseller id.
    pub reseller: Option<String>,
    /// Who created it (`role:subject`).
    pub created_by: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Stops working at.
    pub expires_at: Option<DateTime<Utc>>,
    /// Last used (recorded at most once every few seconds per server process).
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The creation answer: the key's description and, this once, the key.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CreatedApiKeyBody {
    /// The key's description.
    #[serde(flatten)]
    pub api_key: ApiKeyBody,
    /// The key (`tlk_...`), sent as `Authorization: Bearer <key>`. Only its hash is stored:
    /// it is not shown again.
    pub key: String,
}

/// `GET /api-keys` answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyList {
    /// Unrevoked keys the caller may manage, oldest first (expired ones included).
    pub items: Vec<ApiKeyBody>,
}
