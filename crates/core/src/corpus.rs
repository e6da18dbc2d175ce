//! Scoring an adapter's text reading against a labelled corpus of realistic tickets.
//!
//! # Format
//! One JSON object per line (blank lines and lines starting with `//` are skipped):
//!
//! ```json
//! {"id": "cx-014", "subject": "Sync stopped", "description": "Since your update ...",
//!  "channel": "email", "priority": null, "plan": "gold", "billing_cycle": "annual",
//!  "locale": "da", "integration": null, "trial": false, "facts": {},
//!  "expect": {"in_scope": true, "boundary": null, "routing": "vendor",
//!             "priority": "critical", "needs_info": false},
//!  "note": "a Connex regression, not a QuickBooks crash"}
//! ```
//!
//! Only `id`, `subject`, `description` and `expect` are required; the customer defaults to the
//! vendor's first plan, billed annually. Every `expect` field is optional: only what is given
//! is scored.
//!
//! # Outcomes
//! - **abstained**: the decision is flagged (`triage.needed`).
//! - **right**: not flagged, and every expectation holds.
//! - **wrong**: not flagged, and some expectation fails.
//! - **harmful** (counted besides the above): support taken away that the label keeps (out of
//!   scope, or routed away from the vendor), or a critical ticket decided below critical.
//!   A harmful decision that is not flagged fails the gates.
//!
//! # Gates
//! [`CorpusReport::gate`]: right-or-abstained at least 95 %, abstained at most 15 %, no
//! unflagged harmful decision.

use std::fmt;

use chrono::{DateTime, TimeZone, Utc};
use serde::Deserialize;

use crate::adapter::VendorAdapter;
use crate::domain::{BillingCycle, Channel, Customer, Locale, Priority, TicketIntake};
use crate::policy::{Decision, RoutingKind};
use crate::triage::IntakeFacts;

/// What a corpus line expects; absent fields are not scored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// In scope or not.
    pub in_scope: Option<bool>,
    /// The boundary's rule id when out of scope.
    pub boundary: Option<String>,
    /// Who handles it.
    pub routing: Option<RoutingKind>,
    /// The priority the decision carries.
    pub priority: Option<Priority>,
    /// Whether more information is asked for.
    pub needs_info: Option<bool>,
}

/// One labelled ticket.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// A stable id (`cx-001`).
    pub id: String,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Channel (default e-mail).
    #[serde(default)]
    pub channel: Option<Channel>,
    /// Priority the reporter set.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Plan id (default: the vendor's first plan).
    #[serde(default)]
    pub plan: Option<String>,
    /// Billing cycle (default annual).
    #[serde(default)]
    pub billing_cycle: Option<BillingCycle>,
    /// Customer locale.
    #[serde(default)]
    pub locale: Option<Locale>,
    /// Customer integration value.
    #[serde(default)]
    pub integration: Option<String>,
    /// Trial customer.
    #[serde(default)]
    pub trial: bool,
    /// References the ticket cites.
    #[serde(default)]
    pub references: Vec<String>,
    /// The reporter says a recent vendor update caused it.
    #[serde(default)]
    pub regression: bool,
    /// Intake facts.
    #[serde(default)]
    pub facts: IntakeFacts,
    /// The labels.
    pub expect: Expect,
    /// Why the label is what it is (for readers).
    #[serde(default)]
    pub note: Option<String>,
}

/// How one case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Decided, and as labelled.
    Right,
    /// Decided, not as labelled.
    Wrong,
    /// Flagged for a human.
    Abstained,
}

/// One scored case.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The case id.
    pub id: String,
    /// The outcome.
    pub outcome: Outcome,
    /// Whether the decision took support away or missed a critical ticket.
    pub harmful: bool,
    /// What differed from the label (empty when right).
    pub mismatches: Vec<String>,
}

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A line is not a valid case.
    #[error("line {line}: {source}")]
    Parse {
        /// 1-based line number.
        line: usize,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// A case names a plan the vendor does not have, or evaluation failed.
    #[error("case {id}: {message}")]
    Case {
        /// The case id.
        id: String,
        /// What went wrong.
        message: String,
    },
    /// Two cases share an id.
    #[error("duplicate case id {0}")]
    DuplicateId(String),
}

/// Reads a JSONL corpus.
pub fn parse(text: &str) -> Result<Vec<Case>, CorpusError> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_t = line.trim();
        if line_t.is_empty() || line_t.starts_with("//") {
            continue;
        }
        let case: Case = serde_json::from_str(line_t).map_err(|source| CorpusError::Parse {
            line: i + 1,
            source,
        })?;
        if cases.iter().any(|c| c.id == case.id) {
            return Err(CorpusError::DuplicateId(case.id));
        }
        cases.push(case);
    }
    Ok(cases)
}

/// A fixed receipt instant: Tuesday 2026-03-03 14:00 UTC (inside every vendor's hours in
/// some zone is irrelevant here: the corpus scores reading, not clocks).
fn received_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 3, 14, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn customer(adapter: &dyn VendorAdapter, case: &Case) -> Result<Customer, CorpusError> {
    let plan = match &case.plan {
        Some(name) => adapter
            .resolve_plan(name)
            .ok_or_else(|| CorpusError::Case {
                id: case.id.clone(),
                message: format!("unknown plan {name:?}"),
            })?,
        None => adapter.plans().first().ok_or_else(|| CorpusError::Case {
            id: case.id.clone(),
            message: "the vendor has no plans".into(),
        })?,
    };
    Ok(Customer {
        vendor: adapter.id().clone(),
        external_id: format!("corpus-{}", case.id),
        name: "Corpus Customer".into(),
        plan: plan.id.clone(),
        billing_cycle: case.billing_cycle.unwrap_or(BillingCycle::Annual),
        renews_on: chrono::NaiveDate::from_ymd_opt(2027, 1, 15),
        upgraded_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 15),
        reseller: None,
        integration: case.integration.clone(),
        trial: case.trial,
        locale: case.locale,
    })
}

/// The intake of a case.
pub fn intake(case: &Case) -> TicketIntake {
    TicketIntake {
        subject: case.subject.clone(),
        description: case.description.clone(),
        channel: case.channel.unwrap_or(Channel::Email),
        priority: case.priority,
        received_at: received_at(),
        references: case.references.clone(),
        accelerated_development: false,
        regression: case.regression,
        locale: None,
        accept_language: None,
        facts: case.facts.clone(),
        ruling: None,
    }
}

/// Scores one decision against its labels.
pub fn score(case: &Case, decision: &Decision) -> Scored {
    let e = &case.expect;
    let mut mismatches = Vec::new();
    let mut harmful = false;
    if let Some(want) = e.in_scope {
        if decision.scope.in_scope != want {
            mismatches.push(format!(
                "in_scope {} (want {want})",
                decision.scope.in_scope
            ));
            harmful |= want && !decision.scope.in_scope;
        }
    }
    if let Some(want) = &e.boundary {
        let got = decision.scope.boundary.as_ref().map(|b| b.rule.as_str());
        if got != Some(want.as_str()) {
            mismatches.push(format!("boundary {got:?} (want {want})"));
        }
    }
    if let Some(want) = e.routing {
        if decision.routing.kind != want {
            mismatches.push(format!(
                "routing {:?} (want {want:?})",
                decision.routing.kind
            ));
            harmful |= want == RoutingKind::Vendor;
        }
    }
    if let Some(want) = e.priority {
        if decision.priority != Some(want) {
            mismatches.push(format!("priority {:?} (want {want})", decision.priority));
            harmful |= want == Priority::Critical;
        }
    }
    if let Some(want) = e.needs_info {
        if decision.needs_info != want {
            mismatches.push(format!("needs_info {} (want {want})", decision.needs_info));
        }
    }
    let outcome = if decision.triage.needed {
        Outcome::Abstained
    } else if mismatches.is_empty() {
        Outcome::Right
    } else {
        Outcome::Wrong
    };
    Scored {
        id: case.id.clone(),
        outcome,
        harmful,
        mismatches,
    }
}

/// The scores of one corpus part.
#[derive(Debug, Clone)]
pub struct CorpusReport {
    /// A label (`connex holdout`).
    pub name: String,
    /// Every case.
    pub cases: Vec<Scored>,
}

impl CorpusReport {
    fn count(&self, f: impl Fn(&Scored) -> bool) -> usize {
        self.cases.iter().filter(|c| f(c)).count()
    }

    /// Decided as labelled.
    pub fn right(&self) -> usize {
        self.count(|c| c.outcome == Outcome::Right)
    }

    /// Decided, not as labelled.
    pub fn wrong(&self) -> usize {
        self.count(|c| c.outcome == Outcome::Wrong)
    }

    /// Flagged for a human.
    pub fn abstained(&self) -> usize {
        self.count(|c| c.outcome == Outcome::Abstained)
    }

    /// Harmful decisions (flagged or not).
    pub fn harmful(&self) -> usize {
        self.count(|c| c.harmful)
    }

    /// Harmful decisions that were not flagged.
    pub fn harmful_unflagged(&self) -> usize {
        self.count(|c| c.harmful && c.outcome != Outcome::Abstained)
    }

    /// The gate failures (empty when the part passes): right-or-abstained at least 95 %,
    /// abstained at most 15 %, no unflagged harmful decision.
    pub fn gate(&self) -> Vec<String> {
        let n = self.cases.len().max(1) as f64;
        let mut failures = Vec::new();
        let ok = (self.right() + self.abstained()) as f64 / n;
        if ok < 0.95 {
            failures.push(format!(
                "{}: right-or-abstained {:.1} % < 95 %",
                self.name,
                ok * 100.0
            ));
        }
        let abstained = self.abstained() as f64 / n;
        if abstained > 0.15 {
            failures.push(format!(
                "{}: abstained {:.1} % > 15 %",
                self.name,
                abstained * 100.0
            ));
        }
        for c in self
            .cases
            .iter()
            .filter(|c| c.harmful && c.outcome != Outcome::Abstained)
        {
            failures.push(format!(
                "{}: {} harmful and not flagged: {}",
                self.name,
                c.id,
                c.mismatches.join("; ")
            ));
        }
        failures
    }
}

impl fmt::Display for CorpusReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| {} | cases | right | wrong | abstained | harmful (unflagged) |",
            self.name
        )?;
        writeln!(f, "|---|---|---|---|---|---|")?;
        writeln!(
            f,
            "| | {} | {} | {} | {} | {} ({}) |",
            self.cases.len(),
            self.right(),
            self.wrong(),
            self.abstained(),
            self.harmful(),
            self.harmful_unflagged()
        )?;
        for c in self.cases.iter().filter(|c| c.outcome != Outcome::Right) {
            writeln!(
                f,
                "  {:?}{} {}: {}",
                c.outcome,
                if c.harmful { " HARMFUL" } else { "" },
                c.id,
                c.mismatches.join("; ")
            )?;
        }
        Ok(())
    }
}

/// Evaluates every case of `text` (a JSONL corpus) with `adapter` and scores it.
pub fn run(
    adapter: &dyn VendorAdapter,
    name: &str,
    text: &str,
) -> Result<CorpusReport, CorpusError> {
    let mut cases = Vec::new();
    for case in parse(text)? {
        let customer = customer(adapter, &case)?;
        let decision =
            adapter
                .evaluate(&customer, &intake(&case))
                .map_err(|e| CorpusError::Case {
                    id: case.id.clone(),
                    message: e.to_string(),
                })?;
        cases.push(score(&case, &decision));
    }
    Ok(CorpusReport {
        name: name.to_owned(),
        cases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_bad_lines_name_their_number() {
        let text = "// a comment\n\n{\"id\":\"a\",\"subject\":\"s\",\"description\":\"d\",\"expect\":{\"in_scope\":true}}\n";
        let cases = parse(text).expect("parses");
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].expect.in_scope, Some(true));
        let bad = format!("{text}{{\"id\":\"b\",\"subject\":\"s\"}}\n");
        assert!(matches!(
            parse(&bad),
            Err(CorpusError::Parse { line: 4, .. })
        ));
        let dup = format!("{text}{}", text.lines().nth(2).unwrap_or_default());
        assert!(matches!(parse(&dup), Err(CorpusError::DuplicateId(_))));
    }

    #[test]
    fn gates_fail_on_unflagged_harm_and_on_too_many_abstentions() {
        let scored = |outcome, harmful| Scored {
            id: "x".into(),
            outcome,
            harmful,
            mismatches: vec![],
        };
        let mut report = CorpusReport {
            name: "t".into(),
            cases: (0..20).map(|_| scored(Outcome::Right, false)).collect(),
        };
        assert!(report.gate().is_empty());
        report.cases[0] = scored(Outcome::Wrong, true);
        assert_eq!(report.gate().len(), 1, "one unflagged harmful case");
        report.cases[0] = scored(Outcome::Abstained, true);
        assert!(report.gate().is_empty(), "flagged harm passes");
        for c in report.cases.iter_mut().take(4) {
            *c = scored(Outcome::Abstained, false);
        }
        assert_eq!(report.gate().len(), 1, "4 of 20 abstained is 20 %");
    }
}
