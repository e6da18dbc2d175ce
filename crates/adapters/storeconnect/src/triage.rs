//! The evidence ladder for a ticket's priority: a human ruling, then the priority the
//! reporter or agent set, then intake facts, then the text.
//!
//! - A ruling's priority is adopted (`storeconnect.priority.ruling`). StoreConnect has no
//!   scope boundaries and no other parties, so only a ruling's priority applies.
//! - A priority the reporter set is kept (`storeconnect.priority.reporter_set`); the
//!   reading is reported when it differs (`storeconnect.priority.suggestion_differs`), and a
//!   plainly stated critical signal above it flags the ticket
//!   ([`TriageReason::CriticalSignalBelowReported`],
//!   `storeconnect.priority.critical_below_reported`).
//! - Otherwise the reading ([`crate::priority::read`]) is adopted: decided by facts
//!   (`storeconnect.priority.from_facts`, naming them) or by the text
//!   (`storeconnect.priority.suggested`); an unsure reading keeps the more urgent priority and
//!   flags the ticket (`storeconnect.priority.unsure`). With no reading the ticket is medium
//!   (`storeconnect.priority.default_medium`).

use tierline_core::{
    Candidate, Confidence, Explanation, PolicyError, Priority, Proposal, RuleId, Source,
    TicketIntake, Triage, TriageReason,
};

use crate::facts::Facts;
use crate::priority::{self, Finding, Reading};
use crate::{rules, StoreConnect};

/// The priority decided, the suggestion to report, and the triage record.
pub(crate) struct PriorityDecision {
    pub priority: Priority,
    pub suggested: Option<Priority>,
    pub triage: Triage,
}

pub(crate) fn decide(
    sc: &StoreConnect,
    intake: &TicketIntake,
    why: &mut Explanation,
) -> Result<PriorityDecision, PolicyError> {
    let facts = Facts::from_intake(&intake.facts);
    let reading = priority::read(&intake.subject, &intake.description, &facts);
    let mut triage = Triage::default();
    let ruled = intake.ruling.as_ref().and_then(|r| r.priority);

    let (priority, suggested) = if let Some(ruled) = ruled {
        sc.cite(why, rules::PRIORITY_RULING, &[("priority", ruled.as_str())])?;
        triage.consider(Candidate {
            proposal: Proposal::Priority { priority: ruled },
            rule: rules::PRIORITY_RULING,
            confidence: Confidence::Strong,
            source: Source::Ruling,
            evidence: Vec::new(),
            adopted: true,
        });
        consider_all(
            &mut triage,
            &reading,
            false,
            rules::PRIORITY_SUGGESTION_DIFFERS,
        );
        let suggested = reading
            .adopted
            .as_ref()
            .map(Finding::priority)
            .filter(|p| *p != ruled);
        (ruled, suggested)
    } else if let Some(set) = intake.priority {
        sc.cite(
            why,
            rules::PRIORITY_REPORTER_SET,
            &[("priority", set.as_str())],
        )?;
        let differs = reading.adopted.as_ref().filter(|f| f.priority() != set);
        if let Some(f) = differs {
            let signal = sc.text(f.signal.message_key(), &[])?;
            sc.cite(
                why,
                rules::PRIORITY_SUGGESTION_DIFFERS,
                &[("suggested", f.priority().as_str()), ("signal", &signal)],
            )?;
        }
        if let Some(critical) = reading
            .strong_critical()
            .filter(|_| set != Priority::Critical)
        {
            let signal = sc.text(critical.signal.message_key(), &[])?;
            sc.cite(
                why,
                rules::PRIORITY_CRITICAL_BELOW_REPORTED,
                &[("priority", set.as_str()), ("signal", &signal)],
            )?;
            triage.flag(TriageReason::CriticalSignalBelowReported);
        }
        consider_all(
            &mut triage,
            &reading,
            false,
            rules::PRIORITY_SUGGESTION_DIFFERS,
        );
        (set, differs.map(Finding::priority))
    } else if let Some(f) = &reading.adopted {
        let signal = sc.text(f.signal.message_key(), &[])?;
        let p = f.priority();
        let rule = if f.facts.is_empty() {
            sc.cite(
                why,
                rules::PRIORITY_SUGGESTED,
                &[("priority", p.as_str()), ("signal", &signal)],
            )?;
            rules::PRIORITY_SUGGESTED
        } else {
            let named = f
                .facts
                .iter()
                .map(|(name, value)| format!("{name} = {value}"))
                .collect::<Vec<_>>()
                .join(", ");
            sc.cite(
                why,
                rules::PRIORITY_FROM_FACTS,
                &[
                    ("facts", &named),
                    ("priority", p.as_str()),
                    ("signal", &signal),
                ],
            )?;
            rules::PRIORITY_FROM_FACTS
        };
        if !reading.reasons.is_empty() {
            let lower = reading
                .others
                .iter()
                .filter(|o| o.priority() > p)
                .min_by_key(|o| o.priority());
            let shown = lower.unwrap_or(f);
            let signal = sc.text(shown.signal.message_key(), &[])?;
            sc.cite(
                why,
                rules::PRIORITY_UNSURE,
                &[("priority", shown.priority().as_str()), ("signal", &signal)],
            )?;
        }
        for reason in &reading.reasons {
            triage.flag(*reason);
        }
        triage.consider(candidate(f, rule, true));
        for o in &reading.others {
            triage.consider(candidate(o, rule, false));
        }
        (p, Some(p))
    } else {
        sc.cite(why, rules::PRIORITY_DEFAULT_MEDIUM, &[])?;
        consider_all(&mut triage, &reading, false, rules::PRIORITY_SUGGESTED);
        (Priority::Medium, None)
    };

    Ok(PriorityDecision {
        priority,
        suggested,
        triage,
    })
}

fn consider_all(triage: &mut Triage, reading: &Reading, adopted: bool, rule: RuleId) {
    for f in reading.adopted.iter().chain(reading.others.iter()) {
        let rule = if f.facts.is_empty() {
            rule
        } else {
            rules::PRIORITY_FROM_FACTS
        };
        triage.consider(candidate(f, rule, adopted));
    }
}

fn candidate(f: &Finding, rule: RuleId, adopted: bool) -> Candidate {
    Candidate {
        proposal: Proposal::Priority {
            priority: f.priority(),
        },
        rule,
        confidence: f.confidence,
        source: if f.facts.is_empty() {
            Source::Text
        } else {
            Source::Fact
        },
        evidence: f.evidence.clone(),
        adopted,
    }
}
