//! `tierline plans --vendor V`: the vendor's plan catalog as JSON.

use std::io::Write;

use clap::Args;
use serde::Serialize;
use tierline_core::{Plan, Registry};

/// Arguments of `tierline plans`.
#[derive(Debug, Args)]
pub struct PlansArgs {
    /// Vendor id, e.g. `connex`.
    #[arg(long)]
    pub vendor: String,
}

#[derive(Serialize)]
struct PlanView<'a> {
    #[serde(flatten)]
    plan: &'a Plan,
}

/// Prints the catalog.
pub fn run(args: &PlansArgs, registry: &Registry, out: &mut impl Write) -> anyhow::Result<()> {
    let adapter = super::find_vendor(registry, &args.vendor)?;
    let plans: Vec<_> = adapter
        .plans()
        .iter()
        .map(|plan| PlanView { plan })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &plans)?;
    writeln!(out)?;
    Ok(())
}
