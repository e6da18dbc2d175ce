//! `tierline policy evaluate --vendor V < ticket.json`: the full intake decision, offline.

use std::io::{Read, Write};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use serde::Deserialize;
use tierline_core::{
    BillingCycle, Channel, Customer, Locale, Priority, Registry, Reseller, TicketIntake,
};

/// `tierline policy ...`
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Reads `{"customer": {...}, "ticket": {...}}` on stdin and prints the decision.
    Evaluate(EvaluateArgs),
}

/// Arguments of `tierline policy evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Vendor id.
    #[arg(long)]
    pub vendor: String,
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluateInput {
    customer: CustomerInput,
    ticket: TicketInput,
}

/// Runs `tierline policy ...`.
pub fn run(
    command: &PolicyCommand,
    registry: &Registry,
    mut input: impl Read,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let PolicyCommand::Evaluate(args) = command;
    let adapter = super::find_vendor(registry, &args.vendor)?;
    let mut text = String::new();
    input.read_to_string(&mut text).context("reading stdin")?;
    let parsed: EvaluateInput =
        serde_json::from_str(&text).context("stdin is not a valid evaluate request")?;
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
        facts: Default::default(),
        ruling: None,
    };
    let decision = adapter.evaluate(&customer, &intake)?;
    serde_json::to_writer_pretty(&mut *out, &decision)?;
    writeln!(out)?;
    Ok(())
}
