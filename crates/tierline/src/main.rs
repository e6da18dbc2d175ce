//! `tierline`: support-policy engine. Offline policy tools and (with a database) the API.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tierline::commands::{self, plans::PlansArgs, policy::PolicyCommand, sla::SlaCommand};

/// Tierline applies software vendors' support policies to support tickets.
#[derive(Debug, Parser)]
#[command(name = "tierline", version, about)]
struct Cli {
    /// Adapter configuration file (TOML, one table per vendor).
    #[arg(long, env = "TIERLINE_ADAPTER_CONFIG", global = true)]
    adapter_config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// SLA clocks.
    #[command(subcommand)]
    Sla(SlaCommand),
    /// A vendor's plan catalog as JSON.
    Plans(PlansArgs),
    /// Policy decisions.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Runs the REST API (embedded PostgreSQL unless DATABASE_URL is set).
    Serve(commands::serve::ServeArgs),
    /// Runs webhook delivery and the SLA monitor without the API (needs DATABASE_URL).
    Worker(commands::worker::WorkerArgs),
    /// Applies pending database migrations.
    Migrate(commands::migrate::MigrateArgs),
    /// Prints a signed bearer token for the API.
    Token(commands::token::TokenArgs),
    /// Prints the OpenAPI document of the REST API.
    Openapi,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tierline: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Migrate(args) => {
            commands::migrate::run(args)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Token(args) => {
            commands::token::run(args)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Openapi => {
            commands::openapi::run()?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Worker(args) => {
            commands::worker::run(args)?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let registry = commands::load_registry(cli.adapter_config.as_deref())?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Sla(command) => {
            let failures = commands::sla::run(&command, &registry, io::stdin().lock(), &mut out)?;
            if failures > 0 {
                eprintln!("tierline: {failures} line(s) could not be answered");
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Plans(args) => commands::plans::run(&args, &registry, &mut out)?,
        Command::Policy(command) => {
            let failures =
                commands::policy::run(&command, &registry, io::stdin().lock(), &mut out)?;
            if failures > 0 {
                eprintln!("tierline: {failures} line(s) could not be decided");
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Serve(args) => {
            drop(out);
            commands::serve::run(&args, registry)?
        }
        Command::Migrate(_) | Command::Token(_) | Command::Openapi | Command::Worker(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}
