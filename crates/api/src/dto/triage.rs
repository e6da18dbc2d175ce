//! Triage bodies: what the policy read from a ticket and whether a human should look
//! (`triage` on every ticket answer), and a human's re-triage (`POST /tickets/{id}/triage`).
//!
//! Rule ids travel as strings: the adapter's `RuleId`s exist only for the rules it declares,
//! and a stored or requested id is checked against those where it matters.

use serde::{Deserialize, Serialize};
use tierline_core::triage::{Confidence, Evidence, Source, TriageReason};
use tierline_core::{Priority, RoutingKind};
use tierline_store::triage::{StoredCandidate, StoredProposal, StoredTriage};
use utoipa::ToSchema;

/// What the policy read from the ticket, on what evidence, and whether a human should look
/// before the reading is trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TriageBody {
    /// A human should look (the same as the ticket's `needs_triage`). The decision took the
    /// safe side (in scope, the vendor's own queue, the more urgent plausible priority)
    /// where the reading was unsure.
    pub needed: bool,
    /// Why (empty when not needed).
    pub reasons: Vec<TriageReason>,
    /// Every reading considered, adopted or not.
    pub candidates: Vec<CandidateBody>,
}

impl From<&StoredTriage> for TriageBody {
    fn from(t: &StoredTriage) -> Self {
        Self {
            needed: t.needed,
            reasons: t.reasons.clone(),
            candidates: t.candidates.iter().map(CandidateBody::from).collect(),
        }
    }
}

/// One reading of the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CandidateBody {
    /// What it proposes.
    pub proposal: ProposalBody,
    /// The rule it would apply (rule id).
    pub rule: String,
    /// How sure it is: `weak`, `moderate`, `strong` (only strong text readings take support
    /// away or lower urgency).
    pub confidence: Confidence,
    /// Where it came from: `text`, `fact` (an intake fact) or `ruling` (a human triage).
    pub source: Source,
    /// The spans of the subject or description it rests on (character offsets).
    pub evidence: Vec<Evidence>,
    /// Whether the decision follows it.
    pub adopted: bool,
}

impl From<&StoredCandidate> for CandidateBody {
    fn from(c: &StoredCandidate) -> Self {
        Self {
            proposal: ProposalBody::from(&c.proposal),
            rule: c.rule.clone(),
            confidence: c.confidence,
            source: c.source,
            evidence: c.evidence.clone(),
            adopted: c.adopted,
        }
    }
}

/// What a reading proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalBody {
    /// Out of scope at this boundary.
    OutOfScope {
        /// The boundary's rule id.
        boundary: String,
    },
    /// In scope although something pointed the other way.
    InScope,
    /// Another party should handle it.
    RouteAway {
        /// Which kind of party.
        to: RoutingKind,
    },
    /// This priority.
    Priority {
        /// The priority.
        priority: Priority,
    },
    /// The vendor needs more information.
    NeedsInfo,
}

impl From<&StoredProposal> for ProposalBody {
    fn from(p: &StoredProposal) -> Self {
        match p {
            StoredProposal::OutOfScope { boundary } => Self::OutOfScope {
                boundary: boundary.clone(),
            },
            StoredProposal::InScope => Self::InScope,
            StoredProposal::RouteAway { to } => Self::RouteAway { to: *to },
            StoredProposal::Priority { priority } => Self::Priority {
                priority: *priority,
            },
            StoredProposal::NeedsInfo => Self::NeedsInfo,
        }
    }
}

/// `POST /tickets/{id}/triage`: a human's ruling. Absent fields leave that part of the
/// decision to the intake facts and the text; the ruling is kept, and a later triage's
/// fields win over it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTriage {
    /// In scope (`true`) or out of scope (`false`, with `boundary`).
    #[serde(default)]
    pub in_scope: Option<bool>,
    /// The boundary (a rule id of the vendor's policy, as ticket answers cite it) when out
    /// of scope; implies `in_scope: false`. An id the policy does not declare answers 422.
    #[serde(default)]
    pub boundary: Option<String>,
    /// The priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Who handles it: `vendor`, or the party the vendor's policy names for `reseller`,
    /// `partner` or `third_party`.
    #[serde(default)]
    pub routing: Option<RoutingKind>,
    /// Why (1 to 2000 characters); kept in the ticket's history.
    pub note: String,
}
