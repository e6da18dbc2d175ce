//! The evidence ladder for Connex's scope and routing: a human [`Ruling`] outranks the
//! intake facts ([`FACTS`]), which outrank the text ([`crate::reading`]).
//!
//! # What the text may decide
//! A boundary is adopted from the text only on a Strong finding (the first in precedence
//! order); Intuit routing only on a Strong Web Connector / Desktop fault that the ticket
//! does not blame on a recent Connex update. A Moderate finding keeps the ticket in scope
//! with Connex and flags it ([`TriageReason::UnsureOutOfScope`],
//! [`TriageReason::UnsureRouting`]); a Strong fault blamed on a Connex update flags
//! [`TriageReason::ConflictingSignals`]. Weak findings (the customer did it, asks how, or
//! says it did not happen) are recorded, not adopted and not flagged.
//!
//! # What the facts decide
//! - `accounting_system` other than QuickBooks Desktop: no Web Connector / Desktop boundary
//!   (2, 3, 10, 11, 12) and no Intuit routing from the text.
//! - `request_kind = question` or `connex_asked_to_act = false`: no hands-on boundary (the
//!   customer asks how, or does it); `change_request` or `connex_asked_to_act = true`: a
//!   hands-on boundary the text points at is adopted.
//! - `failing_program`: `quickbooks_desktop` or `web_connector` adopts boundary 11 or 12 and
//!   Intuit routing; `connex` or `none` rules out a fault read from the text.
//! - `after_connex_update = true`: a regression; no Intuit routing, no fault boundary.
//!   `false`: the text's blame of an update is not a conflict.

use tierline_core::triage::{
    Candidate, Confidence, FactKind, FactSpec, IntakeFacts, Proposal, Ruling, Source, Triage,
    TriageReason,
};
use tierline_core::{PolicyError, Priority, RoutingKind, RuleId};

use crate::reading::{Finding, Reading};
use crate::rules;
use crate::scope::Kind;

/// Fact: which accounting system the ticket is about.
pub const ACCOUNTING_SYSTEM: &str = "accounting_system";
/// Fact: question, problem or change request.
pub const REQUEST_KIND: &str = "request_kind";
/// Fact: which program crashes, freezes or will not open.
pub const FAILING_PROGRAM: &str = "failing_program";
/// Fact: the problem started after a Connex update.
pub const AFTER_CONNEX_UPDATE: &str = "after_connex_update";
/// Fact: the customer asks Connex to do hands-on work.
pub const CONNEX_ASKED_TO_ACT: &str = "connex_asked_to_act";

/// The intake questions of the Connex policy.
pub const FACTS: &[FactSpec] = &[
    FactSpec {
        name: ACCOUNTING_SYSTEM,
        question: "Which accounting system is the ticket about?",
        help: "QuickBooks Online tickets are never Web Connector or QuickBooks Desktop \
               reinstalls, logs or crashes, and are never routed to Intuit.",
        kind: FactKind::Choice(&["quickbooks_online", "quickbooks_desktop", "other"]),
    },
    FactSpec {
        name: REQUEST_KIND,
        question: "Is this a question, a problem report, or a request that Connex changes \
                   something?",
        help: "A question (how do I...) is Tier 1 work and in scope; a request that Connex \
               does hands-on work on the customer's computer, website or QuickBooks may be \
               outside the support scope.",
        kind: FactKind::Choice(&["question", "problem", "change_request"]),
    },
    FactSpec {
        name: FAILING_PROGRAM,
        question: "Which program crashes, freezes or will not open, if any?",
        help: "QuickBooks Desktop and Web Connector crashes are outside Connex support; Connex \
               helps open a case with Intuit. A Connex fault stays with Connex.",
        kind: FactKind::Choice(&["none", "connex", "quickbooks_desktop", "web_connector"]),
    },
    FactSpec {
        name: AFTER_CONNEX_UPDATE,
        question: "Did the problem start after a Connex update?",
        help: "A problem caused by a recent Connex update stays with Connex and may go to \
               the developers on any plan.",
        kind: FactKind::Boolean,
    },
    FactSpec {
        name: CONNEX_ASKED_TO_ACT,
        question: "Does the customer ask Connex to do the work on their computer, website or \
                   QuickBooks (reinstall, firewall, plug-ins, settings, records)?",
        help: "Hands-on work on the customer's systems is outside Connex support; explaining \
               how to do it is Tier 1 work.",
        kind: FactKind::Boolean,
    },
];

/// Boundaries that only exist for QuickBooks Desktop.
const DESKTOP_ONLY: &[RuleId] = &[
    rules::SCOPE_REINSTALL_WEB_CONNECTOR,
    rules::SCOPE_REINSTALL_QUICKBOOKS_DESKTOP,
    rules::SCOPE_SDK_LOGS,
    rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
    rules::SCOPE_WEB_CONNECTOR_CRASHES,
];

/// What decided a part of the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecidedBy {
    /// A person's ruling.
    Ruling,
    /// An intake fact and its value.
    Fact(&'static str, String),
    /// The text.
    Text,
}

/// The explanation lines the ladder adds: a rule and its arguments.
pub type Note = (RuleId, Vec<(&'static str, String)>);

/// The outcome of the ladder.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// The boundary that answers the ticket, and what decided it.
    pub boundary: Option<(RuleId, DecidedBy)>,
    /// Routed to Intuit, and what decided it.
    pub intuit: Option<DecidedBy>,
    /// A recent Connex update is blamed (facts, the intake flag, or the text).
    pub regression: bool,
    /// A priority a ruling set.
    pub priority: Option<Priority>,
    /// The triage record.
    pub triage: Triage,
    /// Lines for the explanation, in order.
    pub notes: Vec<Note>,
}

fn value_text(facts: &IntakeFacts, name: &'static str) -> Option<String> {
    facts
        .choice(name)
        .map(str::to_owned)
        .or_else(|| facts.flag(name).map(|b| b.to_string()))
}

/// One finding's fate under the facts.
enum Fate {
    /// The text decides it.
    Text,
    /// A fact rules it out.
    RuledOut(&'static str),
    /// A fact adopts it.
    Adopted(&'static str),
    /// A fact decides this part by itself (recorded, not adopted, no note).
    Superseded,
}

fn fate(finding: &Finding, facts: &IntakeFacts) -> Fate {
    if DESKTOP_ONLY.contains(&finding.rule)
        && facts
            .choice(ACCOUNTING_SYSTEM)
            .is_some_and(|s| s != "quickbooks_desktop")
    {
        return Fate::RuledOut(ACCOUNTING_SYSTEM);
    }
    match finding.kind {
        Kind::HandsOn => match (facts.choice(REQUEST_KIND), facts.flag(CONNEX_ASKED_TO_ACT)) {
            (_, Some(false)) => Fate::RuledOut(CONNEX_ASKED_TO_ACT),
            (_, Some(true)) => Fate::Adopted(CONNEX_ASKED_TO_ACT),
            (Some("question"), _) => Fate::RuledOut(REQUEST_KIND),
            (Some("change_request"), _) => Fate::Adopted(REQUEST_KIND),
            _ => Fate::Text,
        },
        Kind::IntuitFault => {
            if facts.flag(AFTER_CONNEX_UPDATE) == Some(true) {
                Fate::RuledOut(AFTER_CONNEX_UPDATE)
            } else if facts.choice(FAILING_PROGRAM).is_some() {
                match facts.choice(FAILING_PROGRAM) {
                    // The fact names the fault itself (see `fault_from_facts`).
                    Some("quickbooks_desktop" | "web_connector") => Fate::Superseded,
                    _ => Fate::RuledOut(FAILING_PROGRAM),
                }
            } else {
                Fate::Text
            }
        }
        Kind::Subject => Fate::Text,
    }
}

fn text_candidate(finding: &Finding, proposal: Proposal, rule: RuleId) -> Candidate {
    Candidate {
        proposal,
        rule,
        confidence: finding.confidence,
        source: Source::Text,
        evidence: finding.evidence.clone(),
        adopted: false,
    }
}

fn decided_candidate(proposal: Proposal, rule: RuleId, source: Source) -> Candidate {
    Candidate {
        proposal,
        rule,
        confidence: Confidence::Strong,
        source,
        evidence: Vec::new(),
        adopted: true,
    }
}

fn what_of(rule: RuleId) -> String {
    rule.as_str()
        .trim_start_matches("connex.scope.")
        .replace('_', " ")
}

/// Runs the ladder. `intake_regression` is the intake's own regression flag.
pub fn decide(
    reading: &Reading,
    facts: &IntakeFacts,
    ruling: Option<&Ruling>,
    intake_regression: bool,
) -> Result<Verdict, PolicyError> {
    let mut v = Verdict::default();
    let update_fact = facts.flag(AFTER_CONNEX_UPDATE);
    v.regression = intake_regression
        || update_fact == Some(true)
        || (update_fact.is_none() && !reading.regression.is_empty());
    if !reading.regression.is_empty() && update_fact != Some(false) {
        v.triage.consider(Candidate {
            proposal: Proposal::InScope,
            rule: rules::ESCALATION_REGRESSION,
            confidence: Confidence::Moderate,
            source: Source::Text,
            evidence: reading.regression.clone(),
            adopted: true,
        });
    }
    let text_conflict =
        intake_regression || update_fact.is_none() && !reading.regression.is_empty();

    fault_from_facts(facts, &mut v);
    let mut unsure_scope: Vec<String> = Vec::new();
    let mut unsure_route = false;
    let mut conflict = false;
    let mut not_a_request: Vec<String> = Vec::new();
    for finding in &reading.findings {
        let proposal = Proposal::OutOfScope {
            boundary: finding.rule,
        };
        let mut candidate = text_candidate(finding, proposal.clone(), finding.rule);
        match fate(finding, facts) {
            Fate::RuledOut(fact) => {
                note_fact(
                    &mut v,
                    facts,
                    fact,
                    format!("not {}", what_of(finding.rule)),
                );
            }
            Fate::Superseded => {}
            Fate::Adopted(fact) => {
                if v.boundary.is_none() {
                    let value = value_text(facts, fact).unwrap_or_default();
                    v.boundary = Some((finding.rule, DecidedBy::Fact(fact, value)));
                    v.triage
                        .consider(decided_candidate(proposal, finding.rule, Source::Fact));
                    note_fact(&mut v, facts, fact, what_of(finding.rule));
                }
            }
            Fate::Text => match finding.confidence {
                Confidence::Strong if finding.kind == Kind::IntuitFault && text_conflict => {
                    conflict = true;
                }
                Confidence::Strong => {
                    if v.boundary.is_none() {
                        v.boundary = Some((finding.rule, DecidedBy::Text));
                        candidate.adopted = true;
                    }
                    if finding.kind == Kind::IntuitFault && v.intuit.is_none() {
                        v.intuit = Some(DecidedBy::Text);
                        let mut route = text_candidate(
                            finding,
                            Proposal::RouteAway {
                                to: RoutingKind::ThirdParty,
                            },
                            rules::ROUTING_INTUIT,
                        );
                        route.adopted = true;
                        v.triage.consider(route);
                    }
                }
                Confidence::Moderate => {
                    unsure_scope.push(what_of(finding.rule));
                    if finding.kind == Kind::IntuitFault {
                        unsure_route = true;
                        v.triage.consider(text_candidate(
                            finding,
                            Proposal::RouteAway {
                                to: RoutingKind::ThirdParty,
                            },
                            rules::ROUTING_INTUIT,
                        ));
                    }
                }
                Confidence::Weak => {
                    if finding.not_a_request.is_some() {
                        not_a_request.push(what_of(finding.rule));
                        let mut keep =
                            text_candidate(finding, Proposal::InScope, rules::TRIAGE_NOT_A_REQUEST);
                        keep.adopted = true;
                        v.triage.consider(keep);
                    }
                }
            },
        }
        v.triage.consider(candidate);
    }
    if v.boundary.is_none() && !unsure_scope.is_empty() {
        v.triage.flag(TriageReason::UnsureOutOfScope);
        v.notes.push((
            rules::TRIAGE_UNSURE,
            vec![("what", unsure_scope.join(", "))],
        ));
    }
    if v.intuit.is_none() && unsure_route {
        v.triage.flag(TriageReason::UnsureRouting);
    }
    if conflict && v.intuit.is_none() {
        v.triage.flag(TriageReason::ConflictingSignals);
        v.notes.push((rules::TRIAGE_REGRESSION_CONFLICT, vec![]));
    }
    if v.boundary.is_none() && !not_a_request.is_empty() && !v.triage.needed {
        v.notes.push((
            rules::TRIAGE_NOT_A_REQUEST,
            vec![("what", not_a_request.join(", "))],
        ));
    }
    if let Some(ruling) = ruling {
        apply_ruling(ruling, &mut v)?;
    }
    Ok(v)
}

fn note_fact(v: &mut Verdict, facts: &IntakeFacts, fact: &'static str, what: String) {
    let value = value_text(facts, fact).unwrap_or_default();
    v.notes.push((
        rules::TRIAGE_FACT,
        vec![("fact", fact.to_owned()), ("value", value), ("what", what)],
    ));
}

/// `failing_program` names the program at fault: Desktop or the Web Connector adopt their
/// boundary and Intuit routing (unless `after_connex_update` says a Connex update caused it).
fn fault_from_facts(facts: &IntakeFacts, v: &mut Verdict) {
    if facts.flag(AFTER_CONNEX_UPDATE) == Some(true) {
        return;
    }
    let rule = match facts.choice(FAILING_PROGRAM) {
        Some("quickbooks_desktop") => rules::SCOPE_QUICKBOOKS_DESKTOP_CRASHES,
        Some("web_connector") => rules::SCOPE_WEB_CONNECTOR_CRASHES,
        _ => return,
    };
    let value = value_text(facts, FAILING_PROGRAM).unwrap_or_default();
    v.boundary = Some((rule, DecidedBy::Fact(FAILING_PROGRAM, value.clone())));
    v.intuit = Some(DecidedBy::Fact(FAILING_PROGRAM, value));
    v.triage.consider(decided_candidate(
        Proposal::OutOfScope { boundary: rule },
        rule,
        Source::Fact,
    ));
    v.triage.consider(decided_candidate(
        Proposal::RouteAway {
            to: RoutingKind::ThirdParty,
        },
        rules::ROUTING_INTUIT,
        Source::Fact,
    ));
    note_fact(
        v,
        facts,
        FAILING_PROGRAM,
        format!("{} and Intuit", what_of(rule)),
    );
}

/// A ruling re-decides what it names, and clears the flag: a person has looked.
fn apply_ruling(ruling: &Ruling, v: &mut Verdict) -> Result<(), PolicyError> {
    let mut what = Vec::new();
    match (ruling.in_scope, ruling.boundary) {
        (Some(true), _) => {
            v.boundary = None;
            v.triage.consider(decided_candidate(
                Proposal::InScope,
                rules::TRIAGE_RULING,
                Source::Ruling,
            ));
            what.push("in scope".to_owned());
        }
        (Some(false), Some(rule)) if crate::scope::is_boundary(rule) => {
            v.boundary = Some((rule, DecidedBy::Ruling));
            v.triage.consider(decided_candidate(
                Proposal::OutOfScope { boundary: rule },
                rule,
                Source::Ruling,
            ));
            what.push(format!("out of scope: {}", what_of(rule)));
        }
        (Some(false), other) => {
            return Err(PolicyError::NotApplicable(format!(
            "an out-of-scope ruling needs one of the 16 Connex boundaries (connex.scope.*), got {}",
            other.map_or("none".to_owned(), |r| r.to_string())
        )))
        }
        (None, _) => {}
    }
    match ruling.routing {
        Some(RoutingKind::Vendor) => {
            v.intuit = None;
            what.push("handled by Connex".to_owned());
        }
        Some(RoutingKind::ThirdParty) => {
            v.intuit = Some(DecidedBy::Ruling);
            v.triage.consider(decided_candidate(
                Proposal::RouteAway {
                    to: RoutingKind::ThirdParty,
                },
                rules::ROUTING_INTUIT,
                Source::Ruling,
            ));
            what.push("routed to Intuit".to_owned());
        }
        Some(other) => {
            return Err(PolicyError::NotApplicable(format!(
                "Connex routes tickets to Connex (vendor) or Intuit (third_party), not {other:?}"
            )))
        }
        None => {}
    }
    if let Some(priority) = ruling.priority {
        v.priority = Some(priority);
        what.push(format!("priority {priority}"));
    }
    // A person has looked: earlier readings are no longer adopted unless the ruling left
    // that part alone, and the flag is cleared.
    for c in &mut v.triage.candidates {
        if c.source == Source::Ruling {
            continue;
        }
        let scope_part = matches!(c.proposal, Proposal::OutOfScope { .. } | Proposal::InScope);
        let route_part = matches!(c.proposal, Proposal::RouteAway { .. });
        if (scope_part && ruling.in_scope.is_some()) || (route_part && ruling.routing.is_some()) {
            c.adopted = false;
        }
    }
    v.triage.needed = false;
    v.triage.reasons.clear();
    v.notes.retain(|(rule, _)| {
        *rule != rules::TRIAGE_UNSURE && *rule != rules::TRIAGE_REGRESSION_CONFLICT
    });
    if what.is_empty() {
        what.push("nothing changed".to_owned());
    }
    v.notes
        .push((rules::TRIAGE_RULING, vec![("what", what.join(", "))]));
    Ok(())
}
