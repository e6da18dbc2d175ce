//! `tierline sla preview`: the clocks a ticket would get, offline.

use std::io::{BufRead, Write};

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use tierline_core::{Channel, Line, Priority, Registry, SlaPreviewRequest};

/// `tierline sla ...`
#[derive(Debug, Subcommand)]
pub enum SlaCommand {
    /// Prints the first-response and resolution clocks of a ticket (same JSON as
    /// `POST /api/v1/sla/preview`).
    Preview(PreviewArgs),
}

/// Arguments of `tierline sla preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Read one JSON request per line on stdin, write one answer per line.
    #[arg(long, conflicts_with_all = ["vendor", "plan", "received_at"])]
    pub jsonl: bool,
    /// Vendor id.
    #[arg(long, required_unless_present = "jsonl")]
    pub vendor: Option<String>,
    /// Plan id, name or legacy alias.
    #[arg(long, required_unless_present = "jsonl")]
    pub plan: Option<String>,
    /// Priority (critical, high, medium, low).
    #[arg(long, value_parser = parse_json_enum::<Priority>)]
    pub priority: Option<Priority>,
    /// Channel (email, chat, portal, phone, monitoring).
    #[arg(long, value_parser = parse_json_enum::<Channel>)]
    pub channel: Option<Channel>,
    /// Support line (first, second).
    #[arg(long, value_parser = parse_line)]
    pub line: Option<Line>,
    /// When the ticket was received (RFC 3339).
    #[arg(long, required_unless_present = "jsonl")]
    pub received_at: Option<DateTime<Utc>>,
}

fn parse_json_enum<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(raw.to_ascii_lowercase()))
        .map_err(|e| e.to_string())
}

fn parse_line(raw: &str) -> Result<Line, String> {
    match raw.to_ascii_lowercase().as_str() {
        "first" | "1st" | "1" => Ok(Line::First),
        "second" | "2nd" | "2" => Ok(Line::Second),
        other => Err(format!("line must be first or second, not {other:?}")),
    }
}

/// Runs `tierline sla ...`. Returns the number of failed `--jsonl` lines.
pub fn run(
    command: &SlaCommand,
    registry: &Registry,
    input: impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let SlaCommand::Preview(args) = command;
    if args.jsonl {
        return run_jsonl(registry, input, out);
    }
    let (Some(vendor), Some(plan), Some(received_at)) =
        (args.vendor.clone(), args.plan.clone(), args.received_at)
    else {
        anyhow::bail!("--vendor, --plan and --received-at are required without --jsonl");
    };
    let request = SlaPreviewRequest {
        vendor,
        plan,
        priority: args.priority,
        channel: args.channel,
        line: args.line,
        received_at,
    };
    let answer = request.answer(registry)?;
    serde_json::to_writer_pretty(&mut *out, &answer)?;
    writeln!(out)?;
    Ok(0)
}

fn run_jsonl(
    registry: &Registry,
    input: impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let mut failures = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = serde_json::from_str::<SlaPreviewRequest>(&line)
            .map_err(anyhow::Error::from)
            .and_then(|req| req.answer(registry).map_err(anyhow::Error::from));
        match answer {
            Ok(preview) => serde_json::to_writer(&mut *out, &preview)?,
            Err(e) => {
                failures += 1;
                let message = format!("line {}: {e}", n + 1);
                serde_json::to_writer(&mut *out, &serde_json::json!({ "error": message }))?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(failures)
}
