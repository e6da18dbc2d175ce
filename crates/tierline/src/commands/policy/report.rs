//! `tierline policy report`: what a run of `policy evaluate --jsonl` decided, in shares of
//! the decided tickets: out of scope (per boundary), routed away (per party), flagged for
//! triage (per reason), and the priority mix.
//!
//! Error lines (`{"line": N, "error": ...}`) and lines that are no decision are counted,
//! never fatal: a report of a long run is still a report when a few lines went wrong.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use serde::{Deserialize, Serialize};
use tierline_core::triage::TriageReason;
use tierline_core::{Priority, RoutingKind};

/// Arguments of `tierline policy report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Print the report as one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Read this file (the output of `policy evaluate --jsonl`) instead of stdin.
    pub input: Option<PathBuf>,
}

/// What the report reads of a decision line.
#[derive(Debug, Deserialize)]
struct DecisionLine {
    routing: RoutingLine,
    scope: ScopeLine,
    priority: Option<Priority>,
    #[serde(default)]
    triage: TriageLine,
}

#[derive(Debug, Deserialize)]
struct RoutingLine {
    kind: RoutingKind,
}

#[derive(Debug, Deserialize)]
struct ScopeLine {
    in_scope: bool,
    boundary: Option<BoundaryLine>,
}

#[derive(Debug, Deserialize)]
struct BoundaryLine {
    rule: String,
}

#[derive(Debug, Default, Deserialize)]
struct TriageLine {
    needed: bool,
    #[serde(default)]
    reasons: Vec<TriageReason>,
}

/// A count and its share of the decided tickets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// How many.
    pub count: usize,
    /// `count` over the decided tickets, in percent (0 when nothing was decided).
    pub percent: f64,
}

/// The summary of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Non-blank lines read.
    pub lines: usize,
    /// Decisions among them.
    pub decided: usize,
    /// Error lines (`{"error": ...}`) of the run.
    pub errors: usize,
    /// Lines that were neither a decision nor an error line.
    pub unreadable: usize,
    /// Out of scope, all boundaries.
    pub out_of_scope: usize,
    /// Out of scope per boundary (rule id).
    pub by_boundary: BTreeMap<String, usize>,
    /// Routed away from the vendor, all parties.
    pub routed_away: usize,
    /// Routed per kind of party (the vendor included).
    pub by_routing: BTreeMap<String, usize>,
    /// Flagged for a human look.
    pub flagged: usize,
    /// Flags per reason (a ticket can have several).
    pub by_reason: BTreeMap<String, usize>,
    /// Tickets per priority (`none` without one).
    pub priorities: BTreeMap<String, usize>,
}

impl Report {
    /// Reads a run's output, line by line.
    pub fn read(input: impl BufRead) -> anyhow::Result<Self> {
        let mut report = Self::default();
        for line in input.lines() {
            let line = line.context("reading the input")?;
            if !line.trim().is_empty() {
                report.add(&line);
            }
        }
        Ok(report)
    }

    fn add(&mut self, line: &str) {
        self.lines += 1;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            self.unreadable += 1;
            return;
        };
        if value.get("error").is_some() {
            self.errors += 1;
            return;
        }
        let Ok(d) = serde_json::from_value::<DecisionLine>(value) else {
            self.unreadable += 1;
            return;
        };
        self.decided += 1;
        if !d.scope.in_scope {
            self.out_of_scope += 1;
            let boundary = d.scope.boundary.map_or_else(|| "(none)".into(), |b| b.rule);
            *self.by_boundary.entry(boundary).or_default() += 1;
        }
        if d.routing.kind != RoutingKind::Vendor {
            self.routed_away += 1;
        }
        *self.by_routing.entry(name(&d.routing.kind)).or_default() += 1;
        if d.triage.needed {
            self.flagged += 1;
        }
        for reason in d.triage.reasons {
            *self.by_reason.entry(reason.code().to_owned()).or_default() += 1;
        }
        let priority = d.priority.map_or("none", |p| p.as_str());
        *self.priorities.entry(priority.to_owned()).or_default() += 1;
    }

    /// `count` as a share of the decided tickets.
    pub fn share(&self, count: usize) -> Share {
        let percent = if self.decided == 0 {
            0.0
        } else {
            // Counts are far below 2^52: exact as floats.
            (count as f64) * 100.0 / (self.decided as f64)
        };
        Share { count, percent }
    }

    /// The report with shares, as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        let shares = |m: &BTreeMap<String, usize>| -> BTreeMap<String, Share> {
            m.iter().map(|(k, v)| (k.clone(), self.share(*v))).collect()
        };
        serde_json::json!({
            "lines": self.lines,
            "decided": self.decided,
            "errors": self.errors,
            "unreadable": self.unreadable,
            "out_of_scope": self.share(self.out_of_scope),
            "by_boundary": shares(&self.by_boundary),
            "routed_away": self.share(self.routed_away),
            "by_routing": shares(&self.by_routing),
            "flagged": self.share(self.flagged),
            "by_reason": shares(&self.by_reason),
            "priorities": shares(&self.priorities),
        })
    }

    /// The report as a plain-text table.
    pub fn write_table(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{} lines: {} decided, {} errors, {} unreadable",
            self.lines, self.decided, self.errors, self.unreadable
        )?;
        let row = |out: &mut dyn Write, label: &str, count: usize| {
            let s = self.share(count);
            writeln!(out, "  {label:<52} {:>7} {:>6.1} %", s.count, s.percent)
        };
        writeln!(out, "scope")?;
        row(out, "out of scope", self.out_of_scope)?;
        for (boundary, n) in &self.by_boundary {
            row(out, &format!("  {boundary}"), *n)?;
        }
        writeln!(out, "routing")?;
        row(out, "routed away", self.routed_away)?;
        for (kind, n) in &self.by_routing {
            row(out, &format!("  {kind}"), *n)?;
        }
        writeln!(out, "triage")?;
        row(out, "flagged for a human look", self.flagged)?;
        for (reason, n) in &self.by_reason {
            row(out, &format!("  {reason}"), *n)?;
        }
        writeln!(out, "priority")?;
        for (priority, n) in &self.priorities {
            row(out, priority, *n)?;
        }
        Ok(())
    }
}

fn name(kind: &RoutingKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// Runs `tierline policy report`.
pub fn run(args: &ReportArgs, input: impl BufRead, out: &mut impl Write) -> anyhow::Result<()> {
    let report = Report::read(input)?;
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &report.to_json())?;
        writeln!(out)?;
    } else {
        report.write_table(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: &str = r#"{"routing":{"kind":"third_party"},"scope":{"in_scope":false,"boundary":{"rule":"v.scope.crash"}},"priority":null,"triage":{"needed":false,"reasons":[],"candidates":[]}}
{"routing":{"kind":"vendor"},"scope":{"in_scope":true},"priority":"high","triage":{"needed":true,"reasons":["unsure_out_of_scope","unsure_priority"],"candidates":[]}}

{"line":3,"error":"vendor v has no plan \"x\""}
not json
{"routing":{"kind":"vendor"},"scope":{"in_scope":false,"boundary":{"rule":"v.scope.crash"}},"priority":"high"}
{"routing":{"kind":"vendor"},"scope":{"in_scope":true},"priority":"low","triage":{"needed":false,"reasons":[]}}
"#;

    #[test]
    fn a_run_is_summarised_in_shares_of_the_decided_tickets() {
        let r = Report::read(RUN.as_bytes()).expect("report");
        assert_eq!((r.lines, r.decided, r.errors, r.unreadable), (6, 4, 1, 1));
        assert_eq!(r.out_of_scope, 2);
        assert_eq!(r.by_boundary["v.scope.crash"], 2);
        assert_eq!(r.routed_away, 1);
        assert_eq!(r.by_routing["third_party"], 1);
        assert_eq!(r.by_routing["vendor"], 3);
        assert_eq!(r.flagged, 1);
        assert_eq!(r.by_reason["unsure_priority"], 1);
        assert_eq!(r.priorities["high"], 2);
        assert_eq!(r.priorities["none"], 1);
        assert_eq!(r.share(r.out_of_scope).percent, 50.0);
        let json = r.to_json();
        assert_eq!(json["flagged"]["percent"], 25.0);
        assert_eq!(json["by_boundary"]["v.scope.crash"]["count"], 2);
        let mut table = Vec::new();
        r.write_table(&mut table).expect("table");
        let table = String::from_utf8(table).expect("utf-8");
        assert!(
            table.contains("6 lines: 4 decided, 1 errors, 1 unreadable"),
            "{table}"
        );
        assert!(table.contains("v.scope.crash"), "{table}");
    }

    #[test]
    fn nothing_decided_is_no_division_by_zero() {
        let r = Report::read("".as_bytes()).expect("report");
        assert_eq!(r.share(0).percent, 0.0);
    }
}
