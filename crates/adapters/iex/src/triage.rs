//! The evidence ladder for IEX's scope, readiness and information decisions: a human
//! [`Ruling`] outranks the intake [`Facts`], which outrank the [`Reading`] of the text.
//!
//! Taking support away (out of scope) needs a ruling, a fact, or a Strong text reading;
//! anything weaker keeps the ticket in scope and, when the hint is Moderate, flags it for a
//! human ([`TriageReason::UnsureOutOfScope`]). Routing is never read from text: it follows
//! the customer's data (free integration, reseller) or a ruling.

use tierline_core::{
    Candidate, Confidence, PolicyError, Proposal, RuleId, Ruling, Source, Triage, TriageReason,
};

use crate::facts::{About, Facts, HAS_SETUP_ORDER, PRODUCTS_LACK_NUMBERS, QUESTION_ABOUT};
use crate::reading::Reading;
use crate::rules;

/// What decided a part of the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecidedBy {
    /// An agent's ruling.
    Ruling,
    /// An intake fact (name, value as sent).
    Fact(&'static str, String),
    /// The text (or nothing in it: the default).
    Text,
}

/// The scope decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScopeCall {
    /// The boundary when out of scope.
    pub(crate) out: Option<RuleId>,
    /// What decided it.
    pub(crate) by: DecidedBy,
}

/// IEX's scope boundaries (a ruling may name only these).
pub(crate) const BOUNDARIES: &[RuleId] = &[rules::SCOPE_SYSTEM_SETUP, rules::SCOPE_INSTALLATION];

fn candidate(
    proposal: Proposal,
    rule: RuleId,
    confidence: Confidence,
    source: Source,
    evidence: Vec<tierline_core::Evidence>,
    adopted: bool,
) -> Candidate {
    Candidate {
        proposal,
        rule,
        confidence,
        source,
        evidence,
        adopted,
    }
}

fn out_of(boundary: RuleId) -> Proposal {
    Proposal::OutOfScope { boundary }
}

/// Decides scope: ruling, then facts, then text.
pub(crate) fn scope(
    ruling: Option<&Ruling>,
    facts: &Facts,
    reading: &Reading,
    triage: &mut Triage,
) -> Result<ScopeCall, PolicyError> {
    if let Some(call) = ruled_scope(ruling, triage)? {
        text_candidates(reading, triage);
        return Ok(call);
    }
    if let Some(call) = fact_scope(facts, reading, triage) {
        text_candidates(reading, triage);
        return Ok(call);
    }
    Ok(text_scope(reading, triage))
}

fn ruled_scope(
    ruling: Option<&Ruling>,
    triage: &mut Triage,
) -> Result<Option<ScopeCall>, PolicyError> {
    let Some(ruling) = ruling else {
        return Ok(None);
    };
    let out = match (ruling.in_scope, ruling.boundary) {
        (Some(true), _) => None,
        (Some(false), Some(b)) | (None, Some(b)) => Some(b),
        (Some(false), None) => {
            return Err(PolicyError::NotApplicable(
                "an out-of-scope ruling must name the boundary".into(),
            ))
        }
        (None, None) => return Ok(None),
    };
    if let Some(b) = out {
        if !BOUNDARIES.contains(&b) {
            return Err(PolicyError::NotApplicable(format!(
                "{b} is not an IEX scope boundary (use {} or {})",
                rules::SCOPE_SYSTEM_SETUP,
                rules::SCOPE_INSTALLATION
            )));
        }
    }
    triage.consider(candidate(
        out.map_or(Proposal::InScope, out_of),
        out.unwrap_or(rules::SCOPE_INTEGRATION),
        Confidence::Strong,
        Source::Ruling,
        Vec::new(),
        true,
    ));
    Ok(Some(ScopeCall {
        out,
        by: DecidedBy::Ruling,
    }))
}

fn fact_scope(facts: &Facts, reading: &Reading, triage: &mut Triage) -> Option<ScopeCall> {
    let by_about = |about: About| DecidedBy::Fact(QUESTION_ABOUT, about.as_str().to_owned());
    let by_order = |order: bool| DecidedBy::Fact(HAS_SETUP_ORDER, order.to_string());
    let adopt = |triage: &mut Triage, out: Option<RuleId>, by: DecidedBy| {
        triage.consider(candidate(
            out.map_or(Proposal::InScope, out_of),
            out.unwrap_or(rules::SCOPE_INTEGRATION),
            Confidence::Strong,
            Source::Fact,
            Vec::new(),
            true,
        ));
        Some(ScopeCall { out, by })
    };
    let installation = match facts.about {
        Some(About::SystemSetup) => {
            return adopt(
                triage,
                Some(rules::SCOPE_SYSTEM_SETUP),
                by_about(About::SystemSetup),
            )
        }
        Some(About::Integration) => return adopt(triage, None, by_about(About::Integration)),
        Some(About::Installation) => true,
        None => reading.install_request.is_some(),
    };
    if !installation {
        return None;
    }
    match facts.has_setup_order {
        Some(true) => adopt(triage, None, by_order(true)),
        Some(false) => adopt(triage, Some(rules::SCOPE_INSTALLATION), by_order(false)),
        None if facts.about == Some(About::Installation) => {
            // Installation work, but nobody said whether setup was ordered.
            if let Some(evidence) = &reading.setup_order {
                triage.consider(candidate(
                    Proposal::InScope,
                    rules::SCOPE_INSTALLATION,
                    Confidence::Strong,
                    Source::Text,
                    evidence.clone(),
                    true,
                ));
            } else {
                triage.consider(candidate(
                    out_of(rules::SCOPE_INSTALLATION),
                    rules::SCOPE_INSTALLATION,
                    Confidence::Moderate,
                    Source::Fact,
                    Vec::new(),
                    false,
                ));
                triage.flag(TriageReason::UnsureOutOfScope);
            }
            Some(ScopeCall {
                out: None,
                by: by_about(About::Installation),
            })
        }
        None => None,
    }
}

/// Records the text's scope candidates without adopting any (a ruling or fact decided).
fn text_candidates(reading: &Reading, triage: &mut Triage) {
    if let Some((confidence, evidence)) = &reading.setup_question {
        triage.consider(candidate(
            out_of(rules::SCOPE_SYSTEM_SETUP),
            rules::SCOPE_SYSTEM_SETUP,
            *confidence,
            Source::Text,
            evidence.clone(),
            false,
        ));
    }
}

fn text_scope(reading: &Reading, triage: &mut Triage) -> ScopeCall {
    let in_scope = ScopeCall {
        out: None,
        by: DecidedBy::Text,
    };
    if let Some(install) = &reading.install_request {
        match &reading.setup_order {
            Some(order) => triage.consider(candidate(
                Proposal::InScope,
                rules::SCOPE_INSTALLATION,
                Confidence::Strong,
                Source::Text,
                order.clone(),
                true,
            )),
            None => {
                triage.consider(candidate(
                    out_of(rules::SCOPE_INSTALLATION),
                    rules::SCOPE_INSTALLATION,
                    Confidence::Moderate,
                    Source::Text,
                    install.clone(),
                    false,
                ));
                triage.flag(TriageReason::UnsureOutOfScope);
            }
        }
        text_candidates(reading, triage);
        return in_scope;
    }
    match &reading.setup_question {
        Some((Confidence::Strong, evidence)) => {
            triage.consider(candidate(
                out_of(rules::SCOPE_SYSTEM_SETUP),
                rules::SCOPE_SYSTEM_SETUP,
                Confidence::Strong,
                Source::Text,
                evidence.clone(),
                true,
            ));
            ScopeCall {
                out: Some(rules::SCOPE_SYSTEM_SETUP),
                by: DecidedBy::Text,
            }
        }
        Some((confidence, evidence)) => {
            triage.consider(candidate(
                out_of(rules::SCOPE_SYSTEM_SETUP),
                rules::SCOPE_SYSTEM_SETUP,
                *confidence,
                Source::Text,
                evidence.clone(),
                false,
            ));
            if *confidence == Confidence::Moderate {
                triage.flag(TriageReason::UnsureOutOfScope);
            }
            in_scope_on_text(reading, triage);
            in_scope
        }
        None => {
            in_scope_on_text(reading, triage);
            in_scope
        }
    }
}

/// The in-scope reading, when the text names the integration or a fault.
fn in_scope_on_text(reading: &Reading, triage: &mut Triage) {
    let (confidence, evidence) = match (&reading.integration, &reading.fault) {
        (Some(e), _) => (Confidence::Strong, e.clone()),
        (None, Some(e)) => (Confidence::Moderate, e.clone()),
        (None, None) => return,
    };
    triage.consider(candidate(
        Proposal::InScope,
        rules::SCOPE_INTEGRATION,
        confidence,
        Source::Text,
        vec![evidence],
        true,
    ));
}

/// Whether the readiness notice applies: the fact, else the text.
pub(crate) fn readiness(
    facts: &Facts,
    reading: &Reading,
    triage: &mut Triage,
) -> Option<DecidedBy> {
    match facts.products_lack_numbers {
        Some(lack) => {
            if lack {
                triage.consider(candidate(
                    Proposal::InScope,
                    rules::SCOPE_READINESS,
                    Confidence::Strong,
                    Source::Fact,
                    Vec::new(),
                    true,
                ));
            }
            lack.then(|| DecidedBy::Fact(PRODUCTS_LACK_NUMBERS, "true".into()))
        }
        None => {
            let evidence = reading.readiness.clone()?;
            triage.consider(candidate(
                Proposal::InScope,
                rules::SCOPE_READINESS,
                Confidence::Strong,
                Source::Text,
                evidence,
                true,
            ));
            Some(DecidedBy::Text)
        }
    }
}
