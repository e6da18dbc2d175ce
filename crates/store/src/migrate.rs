//! The embedded migrations (root `migrations/`) and their runner.
//!
//! Migrations use a synchronous diesel connection ([`AsyncConnectionWrapper`]), which
//! blocks on its own runtime: [`run_migrations`] therefore runs them on a plain thread, so
//! it may be called from anywhere (also from inside a tokio runtime).

use diesel::Connection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::AsyncPgConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// The migrations in the repository's `migrations/` directory.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// Why migrations failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// The database could not be reached.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// The migration thread died.
    #[error("the migration thread panicked")]
    Panicked,
}

/// Applies every pending migration; returns the versions applied.
pub fn run_migrations(url: &str) -> Result<Vec<String>, MigrationError> {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)
            .map_err(|e| MigrationError::Connect(e.to_string()))?;
        let applied = conn
            .run_pending_migrations(MIGRATIONS)
            .map_err(|e| MigrationError::Migration(e.to_string()))?;
        Ok(applied.iter().map(|v| v.to_string()).collect())
    })
    .join()
    .map_err(|_| MigrationError::Panicked)?
}

/// Runs one SQL statement on its own connection, on a plain thread (administration:
/// creating and dropping databases).
pub fn execute_admin(url: &str, sql: &str) -> Result<(), MigrationError> {
    let url = url.to_owned();
    let sql = sql.to_owned();
    std::thread::spawn(move || {
        use diesel::RunQueryDsl;
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)
            .map_err(|e| MigrationError::Connect(e.to_string()))?;
        diesel::sql_query(sql)
            .execute(&mut conn)
            .map_err(|e| MigrationError::Migration(e.to_string()))?;
        Ok(())
    })
    .join()
    .map_err(|_| MigrationError::Panicked)?
}
