//! Webhook request and response bodies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// `POST /webhooks`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// The vendor whose events are sent.
    pub vendor: String,
    /// Receiver URL: `http` or `https`, no user name or password.
    pub url: String,
    /// Event types: `ticket.created`, `ticket.routed`, `ticket.escalated`, `ticket.updated`,
    /// `ticket.triaged`, `sla.warning`, `sla.breached`, `sla.met`, `entitlement.exhausted`.
    pub events: Vec<String>,
    /// Signing secret (24 to 200 characters); generated when absent. Returned only in the
    /// creation response.
    pub secret: Option<String>,
    /// Free text.
    pub description: Option<String>,
}

/// A subscription (without its secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookBody {
    /// Id.
    pub id: Uuid,
    /// Vendor.
    pub vendor: String,
    /// Receiver URL.
    pub url: String,
    /// Subscribed event types.
    pub events: Vec<String>,
    /// Free text.
    pub description: Option<String>,
    /// Whether new events are queued for it (`false`: paused with `PATCH`).
    pub active: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// While a rotated-out secret still signs beside the current one: until when.
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
}

/// `PATCH /webhooks/{id}`: the members given change, the others stay.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhook {
    /// New receiver URL (`http` or `https`, no user name or password).
    #[serde(default)]
    pub url: Option<String>,
    /// New event types (replace the old ones; at least one).
    #[serde(default)]
    pub events: Option<Vec<String>>,
    /// `false` pauses the subscription (no new deliveries are queued; queued ones still
    /// go out), `true` resumes it.
    #[serde(default)]
    pub active: Option<bool>,
}

/// `POST /webhooks/{id}/rotate-secret` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RotateSecret {
    /// How long the old secret keeps signing beside the new one, in seconds (0 to 604800,
    /// default 86400: 24 hours).
    #[param(minimum = 0, maximum = 604800)]
    pub grace_seconds: Option<i64>,
}

/// The rotation answer: the subscription and, this once, its new secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RotatedWebhookBody {
    /// The subscription (`previous_secret_expires_at`: the end of the grace period).
    #[serde(flatten)]
    pub webhook: WebhookBody,
    /// The new signing secret; it is not shown again.
    pub secret: String,
}

/// The ping answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PingBody {
    /// The queued `ping` event's id (`webhook-id`, `Tierline-Event-Id`); follow it under
    /// `/webhooks/{id}/deliveries`.
    pub event_id: Uuid,
}

/// The creation answer: the subscription and, this once, its secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CreatedWebhookBody {
    /// The subscription.
    #[serde(flatten)]
    pub webhook: WebhookBody,
    /// The signing secret (`Tierline-Signature`); it is not shown again. `null` in a replay
    /// (`Idempotent-Replayed: true`): replay records never keep secrets (see `withheld`).
    pub secret: Option<String>,
    /// In a replay, the members left out because they are secrets (`["secret"]`; also in
    /// the `Idempotent-Withheld` header). Absent in the first answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<String>,
}

/// `GET /webhooks` answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookList {
    /// Subscriptions, oldest first.
    pub items: Vec<WebhookBody>,
}

/// `GET /webhooks` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListWebhooks {
    /// Only this vendor.
    pub vendor: Option<String>,
}

/// One attempt to deliver.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttemptBody {
    /// Attempt number (1-based).
    pub attempt: i32,
    /// `delivered` (2xx), `failed` (other status), `error` (no answer: timeout, refused,
    /// worker stopped).
    pub outcome: String,
    /// HTTP status, when the receiver answered.
    pub status_code: Option<i16>,
    /// What went wrong.
    pub error: Option<String>,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Finished.
    pub finished_at: DateTime<Utc>,
    /// The worker that made it.
    pub worker: String,
}

/// One delivery of an event to a subscription.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryBody {
    /// Delivery id (`Tierline-Delivery-Id`).
    pub id: Uuid,
    /// Event id (`id` of the delivered body; de-duplicate on it).
    pub event_id: Uuid,
    /// `pending`, `delivering`, `delivered`, `dead` (gave up after the retry period) or
    /// `cancelled` (subscription deleted).
    pub status: String,
    /// Attempts started.
    pub attempts: i32,
    /// Next attempt (pending deliveries).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Last HTTP status.
    pub last_status_code: Option<i16>,
    /// Last error.
    pub last_error: Option<String>,
    /// Delivered at.
    pub delivered_at: Option<DateTime<Utc>>,
    /// Dead-lettered at.
    pub dead_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Every recorded attempt, oldest first.
    pub attempt_log: Vec<AttemptBody>,
}

/// `GET /webhooks/{id}/deliveries` answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryPage {
    /// Deliveries, newest first.
    pub items: Vec<DeliveryBody>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// `GET /webhooks/{id}/deliveries` parameters.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListDeliveries {
    /// Only this status.
    pub status: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
