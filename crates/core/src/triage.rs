//! Triage: what an adapter read from a ticket, on what evidence, and whether a human should
//! look before the reading is trusted.
//!
//! # The evidence ladder
//! An adapter decides scope, routing and priority from, strongest first:
//! 1. a human [`Ruling`] (an agent re-triaged the ticket),
//! 2. structured [`IntakeFacts`] the helpdesk collected with the vendor's intake questions
//!    ([`FactSpec`], published as JSON Schema),
//! 3. the free text, read into [`Candidate`]s, each with a [`Confidence`] and its
//!    [`Evidence`] (the spans of text it rests on).
//!
//! # Abstention
//! A reading that takes support away (out of scope, routed away from the vendor) or lowers
//! urgency below a critical signal is adopted only on [`Confidence::Strong`] evidence (or a
//! fact or a ruling). Otherwise the ticket gets the safe default (in scope, the vendor's own
//! queue, the more urgent plausible priority) and [`Triage::needed`] is set, with the
//! [`TriageReason`]s and every candidate, adopted or not, so an agent can decide.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::{Priority, RuleId};
use crate::policy::RoutingKind;

/// Which part of the ticket a span of evidence is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// The subject line.
    Subject,
    /// The description (body).
    Description,
}

/// A span of the ticket's text that a reading rests on.
///
/// Offsets count Unicode scalar values (Rust `char`s, Python `str` indices) from the start of
/// `field`; `text` is exactly the characters `start..end` of that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Evidence {
    /// The field the span is in.
    pub field: TextField,
    /// First character of the span.
    pub start: usize,
    /// One past the last character of the span.
    pub end: usize,
    /// The span's text, as written.
    pub text: String,
}

impl Evidence {
    /// The evidence for the bytes `range` of `source` (the text of `field`), with character
    /// offsets. `None` when the range is out of bounds or not on character boundaries.
    ///
    /// ```
    /// # use tierline_core::triage::{Evidence, TextField};
    /// let e = Evidence::from_byte_range(TextField::Subject, "Bestilling æble fejler", 11..16).unwrap();
    /// assert_eq!((e.start, e.end, e.text.as_str()), (11, 15, "æble"));
    /// let e = Evidence::from_byte_range(TextField::Subject, "æble fejler", 6..12).unwrap();
    /// assert_eq!((e.start, e.end, e.text.as_str()), (5, 11, "fejler"));
    /// ```
    pub fn from_byte_range(
        field: TextField,
        source: &str,
        range: std::ops::Range<usize>,
    ) -> Option<Evidence> {
        let text = source.get(range.clone())?;
        let start = source.get(..range.start)?.chars().count();
        let len = text.chars().count();
        Some(Evidence {
            field,
            start,
            end: start + len,
            text: text.to_owned(),
        })
    }

    /// Whether the span quotes `subject` / `description` exactly.
    pub fn quotes(&self, subject: &str, description: &str) -> bool {
        let source = match self.field {
            TextField::Subject => subject,
            TextField::Description => description,
        };
        self.end >= self.start
            && source
                .chars()
                .skip(self.start)
                .take(self.end - self.start)
                .eq(self.text.chars())
    }
}

/// How sure a reading is.
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
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// A hint: a word that often goes with the reading, nothing more.
    Weak,
    /// Several hints agree, but something needed for certainty is missing (who acts, which
    /// product, whether it already happened).
    Moderate,
    /// The text states it plainly: enough to take support away or lower urgency.
    Strong,
}

/// Where a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Read from the subject and description.
    Text,
    /// An intake fact the helpdesk sent.
    Fact,
    /// A human ruling (re-triage by an agent).
    Ruling,
}

/// What a candidate reading proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proposal {
    /// The ticket is outside the vendor's support scope, at this boundary.
    OutOfScope {
        /// The boundary's rule id.
        boundary: RuleId,
    },
    /// The ticket is within scope although something pointed the other way.
    InScope,
    /// The ticket goes to another party.
    RouteAway {
        /// Which kind of party.
        to: RoutingKind,
    },
    /// The ticket has this priority.
    Priority {
        /// The priority.
        priority: Priority,
    },
    /// The vendor needs more information before it can work the ticket.
    NeedsInfo,
}

/// One reading of the ticket, adopted or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// What it proposes.
    pub proposal: Proposal,
    /// The rule it would apply.
    pub rule: RuleId,
    /// How sure it is.
    pub confidence: Confidence,
    /// Where it came from.
    pub source: Source,
    /// The spans it rests on (empty for facts and rulings).
    pub evidence: Vec<Evidence>,
    /// Whether the decision follows it.
    pub adopted: bool,
}

/// Why a ticket needs a human look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TriageReason {
    /// The text hints at an out-of-scope boundary, but not strongly enough to refuse
    /// support: the ticket was kept in scope.
    UnsureOutOfScope,
    /// The text hints that another party should handle it, but not strongly enough: the
    /// ticket was kept in the vendor's queue.
    UnsureRouting,
    /// The text hints at a more urgent priority than the one adopted.
    UnsurePriority,
    /// The text carries signals that contradict each other.
    ConflictingSignals,
    /// Nothing in the text supports any priority; the vendor's default was used.
    NoPriorityEvidence,
    /// The reporter's priority is below a critical signal in the text.
    CriticalSignalBelowReported,
}

impl TriageReason {
    /// The stable code (the serialized name).
    pub const fn code(self) -> &'static str {
        match self {
            TriageReason::UnsureOutOfScope => "unsure_out_of_scope",
            TriageReason::UnsureRouting => "unsure_routing",
            TriageReason::UnsurePriority => "unsure_priority",
            TriageReason::ConflictingSignals => "conflicting_signals",
            TriageReason::NoPriorityEvidence => "no_priority_evidence",
            TriageReason::CriticalSignalBelowReported => "critical_signal_below_reported",
        }
    }
}

/// The triage part of a decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Triage {
    /// Whether a human should look before the reading is trusted.
    pub needed: bool,
    /// Why (empty when not needed).
    pub reasons: Vec<TriageReason>,
    /// Every reading considered, adopted or not.
    pub candidates: Vec<Candidate>,
}

impl Triage {
    /// Flags the ticket for a human look, for `reason` (once).
    pub fn flag(&mut self, reason: TriageReason) {
        self.needed = true;
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// Records a candidate.
    pub fn consider(&mut self, candidate: Candidate) {
        self.candidates.push(candidate);
    }
}

/// A human's re-triage of a ticket: the strongest evidence there is. Every field is
/// optional; an absent field leaves that part of the decision to facts and text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ruling {
    /// In scope (`true`) or out of scope (`false`, with `boundary`).
    pub in_scope: Option<bool>,
    /// The boundary when out of scope; must be one of the vendor's boundaries.
    pub boundary: Option<RuleId>,
    /// The priority.
    pub priority: Option<Priority>,
    /// Who handles it: the vendor, or the party the vendor's policy names for that kind.
    pub routing: Option<RoutingKind>,
}

/// The value of one intake fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum FactValue {
    /// A yes/no answer.
    Bool(bool),
    /// One of the listed choices.
    Choice(String),
}

/// Structured answers a helpdesk collected with the vendor's intake questions, by fact name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IntakeFacts(pub BTreeMap<String, FactValue>);

impl IntakeFacts {
    /// No facts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether there are no facts.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A yes/no fact.
    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.0.get(name)? {
            FactValue::Bool(b) => Some(*b),
            FactValue::Choice(_) => None,
        }
    }

    /// A choice fact.
    pub fn choice(&self, name: &str) -> Option<&str> {
        match self.0.get(name)? {
            FactValue::Choice(c) => Some(c),
            FactValue::Bool(_) => None,
        }
    }

    /// Sets a fact (builder style, for tests and tools).
    pub fn with(mut self, name: &str, value: FactValue) -> Self {
        self.0.insert(name.to_owned(), value);
        self
    }
}

/// The kind of answer an intake question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// Yes or no.
    Boolean,
    /// One of these values.
    Choice(&'static [&'static str]),
}

/// One structured question a vendor's policy needs answered at intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactSpec {
    /// The fact's name (`snake_case`), the key in [`IntakeFacts`].
    pub name: &'static str,
    /// The question as a helpdesk form shows it (English).
    pub question: &'static str,
    /// What it decides, for the form's help text.
    pub help: &'static str,
    /// The answer's kind.
    pub kind: FactKind,
}

/// Why intake facts were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactError {
    /// The vendor asks no such question.
    #[error("unknown intake fact {name:?}")]
    Unknown {
        /// The fact's name as sent (truncated).
        name: String,
    },
    /// A yes/no fact got something else, or a choice got a boolean.
    #[error("intake fact {name:?} must be {expected}")]
    WrongType {
        /// The fact's name.
        name: &'static str,
        /// What it takes.
        expected: &'static str,
    },
    /// A choice fact got a value that is not one of its choices.
    #[error("intake fact {name:?} must be one of {allowed:?}")]
    NotAChoice {
        /// The fact's name.
        name: &'static str,
        /// The choices.
        allowed: &'static [&'static str],
    },
}

/// Checks `facts` against the vendor's questions: every fact must be known and well typed.
pub fn validate_facts(specs: &[FactSpec], facts: &IntakeFacts) -> Result<(), FactError> {
    for (name, value) in &facts.0 {
        let Some(spec) = specs.iter().find(|s| s.name == name) else {
            return Err(FactError::Unknown {
                name: name.chars().take(64).collect(),
            });
        };
        match (spec.kind, value) {
            (FactKind::Boolean, FactValue::Bool(_)) => {}
            (FactKind::Boolean, FactValue::Choice(_)) => {
                return Err(FactError::WrongType {
                    name: spec.name,
                    expected: "a boolean",
                })
            }
            (FactKind::Choice(_), FactValue::Bool(_)) => {
                return Err(FactError::WrongType {
                    name: spec.name,
                    expected: "a string",
                })
            }
            (FactKind::Choice(allowed), FactValue::Choice(c)) => {
                if !allowed.contains(&c.as_str()) {
                    return Err(FactError::NotAChoice {
                        name: spec.name,
                        allowed,
                    });
                }
            }
        }
    }
    Ok(())
}

/// The vendor's intake questions as a JSON Schema (2020-12) object schema: one optional
/// property per fact, no other properties.
pub fn facts_json_schema(specs: &[FactSpec]) -> serde_json::Value {
    let mut properties = serde_json::Map::new();
    for spec in specs {
        let mut p = serde_json::Map::new();
        p.insert("title".into(), spec.question.into());
        p.insert("description".into(), spec.help.into());
        match spec.kind {
            FactKind::Boolean => {
                p.insert("type".into(), "boolean".into());
            }
            FactKind::Choice(allowed) => {
                p.insert("type".into(), "string".into());
                p.insert(
                    "enum".into(),
                    serde_json::Value::Array(allowed.iter().map(|a| (*a).into()).collect()),
                );
            }
        }
        properties.insert(spec.name.into(), serde_json::Value::Object(p));
    }
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[FactSpec] = &[
        FactSpec {
            name: "accounting_system",
            question: "Which accounting system?",
            help: "",
            kind: FactKind::Choice(&["quickbooks_online", "quickbooks_desktop"]),
        },
        FactSpec {
            name: "workaround",
            question: "Is there a workaround?",
            help: "",
            kind: FactKind::Boolean,
        },
    ];

    #[test]
    fn facts_are_checked_against_the_questions() {
        let ok = IntakeFacts::new()
            .with("workaround", FactValue::Bool(true))
            .with(
                "accounting_system",
                FactValue::Choice("quickbooks_online".into()),
            );
        assert_eq!(validate_facts(SPECS, &ok), Ok(()));
        let unknown = IntakeFacts::new().with("colour", FactValue::Bool(true));
        assert!(matches!(
            validate_facts(SPECS, &unknown),
            Err(FactError::Unknown { .. })
        ));
        let wrong = IntakeFacts::new().with("workaround", FactValue::Choice("yes".into()));
        assert!(matches!(
            validate_facts(SPECS, &wrong),
            Err(FactError::WrongType { .. })
        ));
        let bad = IntakeFacts::new().with("accounting_system", FactValue::Choice("xero".into()));
        assert!(matches!(
            validate_facts(SPECS, &bad),
            Err(FactError::NotAChoice { .. })
        ));
    }

    #[test]
    fn the_schema_lists_every_fact_and_nothing_else() {
        let schema = facts_json_schema(SPECS);
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["properties"]["workaround"]["type"], "boolean");
        assert_eq!(
            schema["properties"]["accounting_system"]["enum"][1],
            "quickbooks_desktop"
        );
    }

    #[test]
    fn evidence_quotes_its_field() {
        let subject = "Butikken er nede";
        let e = Evidence::from_byte_range(TextField::Subject, subject, 11..16).expect("span");
        assert!(e.quotes(subject, ""));
        assert!(!e.quotes("other text here!", ""));
        assert!(Evidence::from_byte_range(TextField::Subject, "æ", 1..2).is_none());
    }
}
