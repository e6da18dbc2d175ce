//! `tierline policy evaluate --vendor V < ticket.json`: the full intake decision, offline;
//! with `--jsonl`, one decision per input line, so a vendor can run last year's tickets
//! through its policy before going live. `tierline policy report` summarises such a run.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use serde::Deserialize;
use tierline_core::triage::{validate_facts, IntakeFacts};
use tierline_core::{
    BillingCycle, Channel, Customer, Decision, Locale, Priority, Registry, Reseller, SharedAdapter,
    TicketIntake,
};

pub mod report;

/// `tierline policy ...`
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Reads `{"customer": {...}, "ticket": {...}}` and prints the decision (with
    /// `--jsonl`: one such object per line, one decision per line).
    Evaluate(EvaluateArgs),
    /// Summarises the output of `policy evaluate --jsonl`: out of scope per boundary, routed
    /// away, flagged for triage, priority mix.
    Report(report::ReportArgs),
}

/// Arguments of `tierline policy evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Vendor id.
    #[arg(long)]
    pub vendor: String,
    /// One `{"customer": {...}, "ticket": {...}}` per line; one decision per line on
    /// stdout (a line that cannot be decided gives `{"line": N, "error": "..."}` and the run
    /// goes on).
    #[arg(long)]
    pub jsonl: bool,
    /// Read from this file instead of stdin.
    pub input: Option<PathBuf>,
}

/// The customer part of the input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomerInput {
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    plan: String,
    billing_cycle: BillingCycle,
    #[serde(default)]
    renews_on: Option<NaiveDate>,
    #[serde(default)]
    upgraded_on: Option<NaiveDate>,
    #[serde(default)]
    reseller: Option<Reseller>,
    #[serde(default)]
    integration: Option<String>,
    #[serde(default)]
    trial: bool,
    #[serde(default)]
    locale: Option<Locale>,
}

/// The ticket part of the input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketInput {
    subject: String,
    description: String,
    channel: Channel,
    #[serde(default)]
    priority: Option<Priority>,
    received_at: DateTime<Utc>,
    #[serde(default)]
    references: Vec<String>,
    #[serde(default)]
    accelerated_development: bool,
    #[serde(default)]
    regression: bool,
    #[serde(default)]
    locale: Option<Locale>,
    /// Answers to the vendor's intake questions.
    #[serde(default)]
    facts: IntakeFacts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluateInput {
    customer: CustomerInput,
    ticket: TicketInput,
}

/// Runs `tierline policy ...`. Returns the number of `--jsonl` lines that could not be
/// decided.
pub fn run(
    command: &PolicyCommand,
    registry: &Registry,
    stdin: impl Read,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    match command {
        PolicyCommand::Evaluate(args) => {
            let adapter = super::find_vendor(registry, &args.vendor)?;
            let input = open(args.input.as_ref(), stdin)?;
            if args.jsonl {
                evaluate_jsonl(adapter, input, out)
            } else {
                evaluate_one(adapter, input, out).map(|()| 0)
            }
        }
        PolicyCommand::Report(args) => {
            let input = open(args.input.as_ref(), stdin)?;
            report::run(args, input, out).map(|()| 0)
        }
    }
}

/// The file at `path`, else `stdin`.
pub(crate) fn open<'a>(
    path: Option<&PathBuf>,
    stdin: impl Read + 'a,
) -> anyhow::Result<Box<dyn BufRead + 'a>> {
    Ok(match path {
        Some(path) => Box::new(BufReader::new(
            std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?,
        )),
        None => Box::new(BufReader::new(stdin)),
    })
}

fn evaluate_one(
    adapter: &SharedAdapter,
    mut input: impl Read,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .context("reading the input")?;
    let parsed: EvaluateInput =
        serde_json::from_str(&text).context("the input is not a valid evaluate request")?;
    let decision = decide(adapter, parsed)?;
    serde_json::to_writer_pretty(&mut *out, &decision)?;
    writeln!(out)?;
    Ok(())
}

/// One decision (or error object) per non-blank input line; returns the number of errors.
fn evaluate_jsonl(
    adapter: &SharedAdapter,
    input: impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let mut failures = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line.context("reading the input")?;
        if line.trim().is_empty() {
            continue;
        }
        let decided = serde_json::from_str::<EvaluateInput>(&line)
            .map_err(anyhow::Error::from)
            .and_then(|parsed| decide(adapter, parsed));
        match decided {
            Ok(decision) => serde_json::to_writer(&mut *out, &decision)?,
            Err(e) => {
                failures += 1;
                let error = serde_json::json!({ "line": n + 1, "error": format!("{e:#}") });
                serde_json::to_writer(&mut *out, &error)?;
            }
        }
        writeln!(out)?;
    }
    Ok(failures)
}

/// The vendor's decision for one customer and ticket.
fn decide(adapter: &SharedAdapter, parsed: EvaluateInput) -> anyhow::Result<Decision> {
    let plan = adapter.resolve_plan(&parsed.customer.plan).ok_or_else(|| {
        anyhow::anyhow!(
            "vendor {} has no plan {:?}",
            adapter.id(),
            parsed.customer.plan
        )
    })?;
    let c = parsed.customer;
    let customer = Customer {
        vendor: adapter.id().clone(),
        external_id: c.external_id.unwrap_or_else(|| "cli".into()),
        name: c.name.unwrap_or_else(|| "CLI customer".into()),
        plan: plan.id.clone(),
        billing_cycle: c.billing_cycle,
        renews_on: c.renews_on,
        upgraded_on: c.upgraded_on,
        reseller: c.reseller,
        integration: c.integration,
        trial: c.trial,
        locale: c.locale,
    };
    let t = parsed.ticket;
    let intake = TicketIntake {
        subject: t.subject,
        description: t.description,
        channel: t.channel,
        priority: t.priority,
        received_at: t.received_at,
        references: t.references,
        accelerated_development: t.accelerated_development,
        regression: t.regression,
        locale: t.locale,
        facts: t.facts,
        ruling: None,
        accept_language: None,
    };
    validate_facts(adapter.intake_facts(), &intake.facts)?;
    Ok(adapter.evaluate(&customer, &intake)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        crate::vendors::registry(&tierline_core::AdapterConfig::empty()).expect("registry")
    }

    const TICKET: &str = r#""ticket":{"subject":"Orders not syncing","description":"Order 1001 is missing in QuickBooks Online.","channel":"email","received_at":"2026-11-20T15:00:00Z"}"#;

    fn evaluate_lines(lines: &[String]) -> (usize, Vec<serde_json::Value>) {
        let command = PolicyCommand::Evaluate(EvaluateArgs {
            vendor: "connex".into(),
            jsonl: true,
            input: None,
        });
        let input = lines.join("\n");
        let mut out = Vec::new();
        let failures = run(&command, &registry(), input.as_bytes(), &mut out).expect("run");
        let text = String::from_utf8(out).expect("utf-8");
        let answers = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        (failures, answers)
    }

    #[test]
    fn jsonl_decides_line_by_line_and_never_stops_at_a_bad_line() {
        let lines = [
            format!(r#"{{"customer":{{"plan":"gold","billing_cycle":"annual"}},{TICKET}}}"#),
            format!(r#"{{"customer":{{"plan":"diamond","billing_cycle":"annual"}},{TICKET}}}"#),
            "not json".to_owned(),
            String::new(),
            TICKET.replace(
                r#""ticket":{"#,
                r#"{"customer":{"plan":"gold","billing_cycle":"annual"},"ticket":{"facts":{"no_such_question":true},"#,
            ) + "}",
            format!(r#"{{"customer":{{"plan":"silver","billing_cycle":"monthly"}},{TICKET}}}"#),
        ];
        let (failures, answers) = evaluate_lines(&lines);
        assert_eq!(failures, 3);
        assert_eq!(answers.len(), 5, "one answer per non-blank line");
        assert_eq!(answers[0]["routing"]["kind"], "vendor");
        assert!(
            answers[0]["triage"]["needed"].is_boolean(),
            "{}",
            answers[0]
        );
        assert_eq!(answers[1]["line"], 2);
        assert!(answers[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("diamond")));
        assert_eq!(answers[2]["line"], 3);
        assert_eq!(answers[3]["line"], 5);
        assert!(
            answers[3]["error"]
                .as_str()
                .is_some_and(|e| e.contains("no_such_question")),
            "{}",
            answers[3]
        );
        assert!(answers[4]["scope"]["in_scope"].is_boolean());

        // The report reads exactly that output.
        let output: String = answers.iter().map(|a| format!("{a}\n")).collect();
        let report = report::Report::read(output.as_bytes()).expect("report");
        assert_eq!((report.decided, report.errors), (2, 3));
        assert_eq!(report.routed_away + report.by_routing["vendor"], 2);
    }

    #[test]
    fn one_ticket_is_decided_from_a_file() {
        let dir = std::env::temp_dir().join(format!("tierline-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("ticket.json");
        std::fs::write(
            &path,
            format!(r#"{{"customer":{{"plan":"gold","billing_cycle":"annual"}},{TICKET}}}"#),
        )
        .expect("write");
        let command = PolicyCommand::Evaluate(EvaluateArgs {
            vendor: "connex".into(),
            jsonl: false,
            input: Some(path),
        });
        let mut out = Vec::new();
        let failures = run(&command, &registry(), std::io::empty(), &mut out).expect("run");
        assert_eq!(failures, 0);
        let decision: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(decision["routing"]["kind"], "vendor");
        assert!(decision["triage"]["reasons"].is_array());
        std::fs::remove_dir_all(&dir).ok();
    }
}
