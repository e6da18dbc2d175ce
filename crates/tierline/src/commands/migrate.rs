//! `tierline migrate`: applies pending database migrations.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::server_env::{init_logging, open_database};

/// Arguments of `tierline migrate`.
#[derive(Debug, Clone, Args)]
pub struct MigrateArgs {
    /// PostgreSQL URL; without it the embedded cluster under `<data-dir>/pg` is migrated.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the embedded default keeps its database.
    #[arg(long, env = "TIERLINE_DATA_DIR", default_value = ".tierline")]
    pub data_dir: PathBuf,
}

/// Applies the pending migrations and prints their versions.
pub fn run(args: &MigrateArgs) -> anyhow::Result<()> {
    init_logging();
    let database = open_database(args.database_url.as_deref(), &args.data_dir)?;
    let applied = tierline_store::run_migrations(&database.url).context("running migrations")?;
    if applied.is_empty() {
        println!("database is up to date");
    }
    for version in applied {
        println!("applied {version}");
    }
    if let Some(cluster) = database.cluster {
        cluster.stop().context("stopping the embedded PostgreSQL")?;
    }
    Ok(())
}
