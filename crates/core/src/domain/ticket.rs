use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Locale;
use crate::triage::{IntakeFacts, Ruling};

/// A ticket's priority, for vendors that rank tickets.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Business stopped.
    Critical,
    /// Significant impact.
    High,
    /// Neither high nor critical.
    Medium,
    /// Low, including feature requests.
    Low,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 4] = [
        Priority::Critical,
        Priority::High,
        Priority::Medium,
        Priority::Low,
    ];

    /// The lower-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a ticket reached the vendor.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// E-mail.
    Email,
    /// Chat.
    Chat,
    /// The vendor's support portal.
    Portal,
    /// A phone call.
    Phone,
    /// Opened by the vendor's automated monitoring.
    Monitoring,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 5] = [
        Channel::Email,
        Channel::Chat,
        Channel::Portal,
        Channel::Phone,
        Channel::Monitoring,
    ];

    /// Whether the channel is written (e-mail, chat, portal, monitoring).
    pub const fn is_written(self) -> bool {
        !matches!(self, Channel::Phone)
    }
}

/// Where a ticket is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Waiting for the vendor.
    Open,
    /// Waiting for the customer (clocks that pause are paused).
    Pending,
    /// Resolved (clocks stopped).
    Resolved,
    /// Routed away from the vendor (reseller, partner, third party): no vendor work.
    Referred,
}

/// A span of wall-clock work time (developer time, sessions), in whole minutes.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Minutes(pub i64);

impl Minutes {
    /// Whole hours.
    pub const fn hours(h: i64) -> Self {
        Self(h * 60)
    }
}

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 60 == 0 {
            write!(f, "{} h", self.0 / 60)
        } else {
            write!(f, "{} min", self.0)
        }
    }
}

/// A new ticket as a helpdesk submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketIntake {
    /// Subject line.
    pub subject: String,
    /// Body text.
    pub description: String,
    /// How it arrived.
    pub channel: Channel,
    /// Priority the reporter or agent set, if any.
    pub priority: Option<Priority>,
    /// When the vendor received it.
    pub received_at: DateTime<Utc>,
    /// Earlier ticket numbers or e-mail addresses the ticket refers to.
    pub references: Vec<String>,
    /// The customer asks for co-development of a low-priority item (StoreConnect's
    /// Accelerated Development).
    pub accelerated_development: bool,
    /// The reporter says a recent vendor update caused the problem.
    pub regression: bool,
    /// The language set on the ticket itself; it outranks every other.
    pub locale: Option<Locale>,
    /// Structured answers to the vendor's intake questions; they outrank the text.
    #[serde(default, skip_serializing_if = "IntakeFacts::is_empty")]
    pub facts: IntakeFacts,
    /// A human's re-triage; it outranks facts and text. Set by the API from a triage
    /// command, never read from a client's intake body.
    #[serde(skip)]
    pub ruling: Option<Ruling>,
    /// The language the calling client prefers (its `Accept-Language`): used only when
    /// neither the ticket nor the customer has one.
    pub accept_language: Option<Locale>,
}

impl TicketIntake {
    /// The language customer messages should use, before the vendor's own fallback: the
    /// ticket's `locale`, else the customer's stored locale, else the client's
    /// `Accept-Language`.
    pub fn message_locale(&self, customer: &super::Customer) -> Option<Locale> {
        self.locale.or(customer.locale).or(self.accept_language)
    }

    /// Subject and description, lower-cased, for keyword rules.
    pub fn text_lowercase(&self) -> String {
        let mut s = String::with_capacity(self.subject.len() + self.description.len() + 1);
        s.push_str(&self.subject.to_lowercase());
        s.push('\n');
        s.push_str(&self.description.to_lowercase());
        s
    }
}
