//! The stored form of a ticket's triage (part of the `tickets.decision` document; its
//! `needed` is also the indexed `tickets.needs_triage`), with what the decision was made
//! from besides the text.
//!
//! The store owns this format: it is written at intake and by a human re-triage, and
//! read back by the API's ticket answers and by the next re-triage. Rule ids are kept as
//! text; [`StoredRuling::resolve`] turns them back into the adapter's [`RuleId`]s.

use serde::{Deserialize, Serialize};
use tierline_core::triage::{
    Candidate, Confidence, Evidence, IntakeFacts, Proposal, Ruling, Source, Triage, TriageReason,
};
use tierline_core::{Locale, Priority, RoutingKind, RuleId};

/// A decision's triage as stored: whether a human should look, why, every reading, and
/// what the decision was made from besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTriage {
    /// Whether a human should look before the reading is trusted.
    pub needed: bool,
    /// Why (empty when not needed).
    #[serde(default)]
    pub reasons: Vec<TriageReason>,
    /// Every reading considered, adopted or not.
    #[serde(default)]
    pub candidates: Vec<StoredCandidate>,
    /// What the decision was made from besides the text.
    #[serde(default, skip_serializing_if = "StoredIntake::is_empty")]
    pub intake: StoredIntake,
}

impl StoredTriage {
    /// The triage after a human looked: not needed any more, no reasons; the readings stay.
    pub fn settled(mut self) -> Self {
        self.needed = false;
        self.reasons.clear();
        self
    }
}

impl StoredTriage {
    /// The stored form of a decision's triage, made from `intake`.
    pub fn new(triage: &Triage, intake: StoredIntake) -> Self {
        Self {
            needed: triage.needed,
            reasons: triage.reasons.clone(),
            candidates: triage
                .candidates
                .iter()
                .map(StoredCandidate::from)
                .collect(),
            intake,
        }
    }
}

/// One reading of a ticket as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredCandidate {
    /// What it proposes.
    pub proposal: StoredProposal,
    /// The rule it would apply (rule id).
    pub rule: String,
    /// How sure it is.
    pub confidence: Confidence,
    /// Where it came from.
    pub source: Source,
    /// The spans it rests on.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Whether the decision follows it.
    pub adopted: bool,
}

impl From<&Candidate> for StoredCandidate {
    fn from(c: &Candidate) -> Self {
        Self {
            proposal: StoredProposal::from(&c.proposal),
            rule: c.rule.to_string(),
            confidence: c.confidence,
            source: c.source,
            evidence: c.evidence.clone(),
            adopted: c.adopted,
        }
    }
}

/// What a stored reading proposes (rule ids as text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StoredProposal {
    /// Out of scope at this boundary (rule id).
    OutOfScope {
        /// The boundary's rule id.
        boundary: String,
    },
    /// In scope although something pointed the other way.
    InScope,
    /// Another party handles it.
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

impl From<&Proposal> for StoredProposal {
    fn from(p: &Proposal) -> Self {
        match p {
            Proposal::OutOfScope { boundary } => Self::OutOfScope {
                boundary: boundary.to_string(),
            },
            Proposal::InScope => Self::InScope,
            Proposal::RouteAway { to } => Self::RouteAway { to: *to },
            Proposal::Priority { priority } => Self::Priority {
                priority: *priority,
            },
            Proposal::NeedsInfo => Self::NeedsInfo,
        }
    }
}

/// What a ticket was decided from besides its subject, description, channel, references,
/// reporter's priority and receipt (which have columns of their own): kept so that a human
/// re-triage decides the same ticket again, not a poorer copy of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredIntake {
    /// The helpdesk's answers to the vendor's intake questions.
    #[serde(default, skip_serializing_if = "IntakeFacts::is_empty")]
    pub facts: IntakeFacts,
    /// Asked for co-development of a low-priority item.
    #[serde(default, skip_serializing_if = "is_false")]
    pub accelerated_development: bool,
    /// The reporter said a recent vendor update caused the problem.
    #[serde(default, skip_serializing_if = "is_false")]
    pub regression: bool,
    /// The language requested for this ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The calling client's preferred language (`Accept-Language`) at intake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_language: Option<Locale>,
    /// Every human ruling so far, merged (a later ruling's fields win).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruling: Option<StoredRuling>,
}

impl StoredIntake {
    /// Whether nothing besides the text went into the decision.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A human's ruling as stored (the boundary as a rule id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRuling {
    /// In scope or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_scope: Option<bool>,
    /// The boundary (rule id) when out of scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<String>,
    /// The priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Who handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<RoutingKind>,
}

/// A stored ruling names a rule the adapter does not declare.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the vendor's policy has no rule {0:?}")]
pub struct UnknownRule(pub String);

impl StoredRuling {
    /// This ruling with `newer`'s fields where `newer` has them. A newer scope ruling
    /// replaces the boundary too (an in-scope ruling drops an older boundary).
    pub fn merged(self, newer: &StoredRuling) -> Self {
        let scope_ruled = newer.in_scope.is_some() || newer.boundary.is_some();
        Self {
            in_scope: newer.in_scope.or(self.in_scope),
            boundary: if scope_ruled {
                newer.boundary.clone()
            } else {
                self.boundary
            },
            priority: newer.priority.or(self.priority),
            routing: newer.routing.or(self.routing),
        }
    }

    /// The ruling for the adapter, its boundary resolved against the rules the adapter
    /// declares.
    pub fn resolve(&self, rules: &[RuleId]) -> Result<Ruling, UnknownRule> {
        let boundary = self
            .boundary
            .as_deref()
            .map(|b| {
                rules
                    .iter()
                    .find(|r| r.as_str() == b)
                    .copied()
                    .ok_or_else(|| UnknownRule(b.chars().take(100).collect()))
            })
            .transpose()?;
        Ok(Ruling {
            in_scope: self.in_scope,
            boundary,
            priority: self.priority,
            routing: self.routing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tierline_core::triage::{FactValue, TextField};

    const RULES: &[RuleId] = &[RuleId::new("v.scope.a"), RuleId::new("v.routing.b")];

    #[test]
    fn a_triage_keeps_its_readings_and_reads_back() {
        let mut t = Triage::default();
        t.flag(TriageReason::UnsureOutOfScope);
        t.consider(Candidate {
            proposal: Proposal::OutOfScope { boundary: RULES[0] },
            rule: RULES[0],
            confidence: Confidence::Moderate,
            source: Source::Text,
            evidence: vec![Evidence {
                field: TextField::Subject,
                start: 0,
                end: 4,
                text: "sync".into(),
            }],
            adopted: false,
        });
        let intake = StoredIntake {
            regression: true,
            ..StoredIntake::default()
        };
        let stored = StoredTriage::new(&t, intake.clone());
        let text = serde_json::to_string(&stored).expect("json");
        let back: StoredTriage = serde_json::from_str(&text).expect("read back");
        assert_eq!(back, stored);
        assert!(
            text.contains(r#""kind":"out_of_scope","boundary":"v.scope.a""#),
            "{text}"
        );
        assert_eq!(back.intake, intake);
        let settled = back.settled();
        assert!(!settled.needed && settled.reasons.is_empty());
        assert_eq!(settled.candidates.len(), 1);
    }

    #[test]
    fn the_column_default_reads_as_no_triage_and_no_intake() {
        let triage: StoredTriage =
            serde_json::from_str(r#"{"needed":false,"reasons":[],"candidates":[]}"#)
                .expect("default");
        assert_eq!(triage, StoredTriage::default());
        let full = StoredIntake {
            facts: IntakeFacts::new().with("workaround", FactValue::Bool(true)),
            regression: true,
            ..StoredIntake::default()
        };
        let text = serde_json::to_string(&full).expect("json");
        assert_eq!(text, r#"{"facts":{"workaround":true},"regression":true}"#);
    }

    #[test]
    fn rulings_merge_newest_first_and_resolve_against_declared_rules() {
        let first = StoredRuling {
            in_scope: Some(false),
            boundary: Some("v.scope.a".into()),
            priority: Some(Priority::High),
            routing: None,
        };
        let second = StoredRuling {
            in_scope: Some(true),
            ..StoredRuling::default()
        };
        let merged = first.clone().merged(&second);
        assert_eq!(merged.in_scope, Some(true));
        assert_eq!(
            merged.boundary, None,
            "an in-scope ruling drops the boundary"
        );
        assert_eq!(merged.priority, Some(Priority::High), "kept from the first");
        let ruling = first.resolve(RULES).expect("declared");
        assert_eq!(ruling.boundary, Some(RULES[0]));
        let unknown = StoredRuling {
            boundary: Some("v.scope.nope".into()),
            ..StoredRuling::default()
        };
        assert_eq!(
            unknown.resolve(RULES),
            Err(UnknownRule("v.scope.nope".into()))
        );
    }
}
