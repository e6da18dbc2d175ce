//! StoreConnect's intake questions: the facts its priority rules turn on.
//!
//! A fact outranks what the text suggests (the explanation names it); a human ruling
//! outranks both. The questions, as published in the vendor's intake schema:
//! - `environment` (`production` | `staging`): a problem on a staging or test store is not
//!   the live store being down, whatever the text says.
//! - `affected_customers` (`all_or_most` | `some`): payment failures for the majority are
//!   critical, for some customers high; a store down for some is an intermittent outage.
//! - `workaround` (yes/no): a critical problem with a workaround, however cumbersome, is high.
//! - `request_kind` (`question` | `error` | `change_request` | `feature_request`): a question
//!   is guidance and a change request medium, a feature request low; an error is graded by
//!   the text and the other facts.

use tierline_core::{FactKind, FactSpec, IntakeFacts};

/// Fact name: production or staging.
pub const ENVIRONMENT: &str = "environment";
/// Fact name: all or most customers, or some.
pub const AFFECTED_CUSTOMERS: &str = "affected_customers";
/// Fact name: is there a workaround.
pub const WORKAROUND: &str = "workaround";
/// Fact name: question, error, change request or feature request.
pub const REQUEST_KIND: &str = "request_kind";

/// The intake questions, in form order.
pub const SPECS: &[FactSpec] = &[
    FactSpec {
        name: REQUEST_KIND,
        question: "Is this a question, an error, a request to change something, or a feature request?",
        help: "A question is guidance (medium) and a change request medium; a feature request is low priority. An error is graded by what it affects.",
        kind: FactKind::Choice(&["question", "error", "change_request", "feature_request"]),
    },
    FactSpec {
        name: ENVIRONMENT,
        question: "Is the live (production) store affected, or a staging or test store?",
        help: "Only problems on the live store can be critical or high priority.",
        kind: FactKind::Choice(&["production", "staging"]),
    },
    FactSpec {
        name: AFFECTED_CUSTOMERS,
        question: "Are all or most customers affected, or only some?",
        help: "Payment failures that stop most customers from buying are critical; errors for some customers are high priority.",
        kind: FactKind::Choice(&["all_or_most", "some"]),
    },
    FactSpec {
        name: WORKAROUND,
        question: "Is there a workaround, however cumbersome?",
        help: "A critical problem with a workaround is high priority.",
        kind: FactKind::Boolean,
    },
];

/// Which store is affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// The live store.
    Production,
    /// A staging or test store.
    Staging,
}

/// Who is affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affected {
    /// All or most customers.
    AllOrMost,
    /// Some customers, not all.
    Some,
}

/// What kind of ticket the reporter says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// A question (guidance).
    Question,
    /// Something is broken.
    Error,
    /// A request to change the store's setup or content.
    ChangeRequest,
    /// A feature request.
    FeatureRequest,
}

/// The intake facts, typed. Unknown values are absent (the API validates facts against
/// [`SPECS`] before they reach the adapter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// `environment`.
    pub environment: Option<Environment>,
    /// `affected_customers`.
    pub affected: Option<Affected>,
    /// `workaround`.
    pub workaround: Option<bool>,
    /// `request_kind`.
    pub kind: Option<RequestKind>,
}

impl Facts {
    /// Reads the facts StoreConnect asks for.
    pub fn from_intake(facts: &IntakeFacts) -> Facts {
        Facts {
            environment: match facts.choice(ENVIRONMENT) {
                Some("production") => Some(Environment::Production),
                Some("staging") => Some(Environment::Staging),
                _ => None,
            },
            affected: match facts.choice(AFFECTED_CUSTOMERS) {
                Some("all_or_most") => Some(Affected::AllOrMost),
                Some("some") => Some(Affected::Some),
                _ => None,
            },
            workaround: facts.flag(WORKAROUND),
            kind: match facts.choice(REQUEST_KIND) {
                Some("question") => Some(RequestKind::Question),
                Some("error") => Some(RequestKind::Error),
                Some("change_request") => Some(RequestKind::ChangeRequest),
                Some("feature_request") => Some(RequestKind::FeatureRequest),
                _ => None,
            },
        }
    }
}

/// A fact as `name = value`, for explanations.
pub(crate) type Named = (&'static str, &'static str);

impl Environment {
    pub(crate) const fn named(self) -> Named {
        match self {
            Environment::Production => (ENVIRONMENT, "production"),
            Environment::Staging => (ENVIRONMENT, "staging"),
        }
    }
}

impl Affected {
    pub(crate) const fn named(self) -> Named {
        match self {
            Affected::AllOrMost => (AFFECTED_CUSTOMERS, "all_or_most"),
            Affected::Some => (AFFECTED_CUSTOMERS, "some"),
        }
    }
}

impl RequestKind {
    pub(crate) const fn named(self) -> Named {
        match self {
            RequestKind::Question => (REQUEST_KIND, "question"),
            RequestKind::Error => (REQUEST_KIND, "error"),
            RequestKind::ChangeRequest => (REQUEST_KIND, "change_request"),
            RequestKind::FeatureRequest => (REQUEST_KIND, "feature_request"),
        }
    }
}

pub(crate) const fn workaround_named(present: bool) -> Named {
    if present {
        (WORKAROUND, "true")
    } else {
        (WORKAROUND, "false")
    }
}
