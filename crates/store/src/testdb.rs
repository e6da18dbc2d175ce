//! Databases for tests: one throwaway cluster per test process, one migrated template
//! database, and a fresh database per test (dropped when the handle is dropped).

use std::sync::{Mutex, OnceLock};

use crate::cluster::{ClusterError, Durability, PgCluster};
use crate::migrate::{execute_admin, run_migrations, MigrationError};

const TEMPLATE: &str = "tierline_template";

struct Shared {
    cluster: PgCluster,
}

static SHARED: OnceLock<Result<Shared, String>> = OnceLock::new();
static CREATE_LOCK: Mutex<()> = Mutex::new(());

fn shared() -> Result<&'static Shared, TestDbError> {
    SHARED
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("tierline-test-{}", uuid::Uuid::new_v4()));
            let cluster =
                PgCluster::start(&dir, Durability::Throwaway).map_err(|e| e.to_string())?;
            execute_admin(
                &cluster.url("postgres"),
                &format!("CREATE DATABASE {TEMPLATE}"),
            )
            .map_err(|e| e.to_string())?;
            run_migrations(&cluster.url(TEMPLATE)).map_err(|e| e.to_string())?;
            Ok(Shared { cluster })
        })
        .as_ref()
        .map_err(|e| TestDbError::Setup(e.clone()))
}

/// Why a test database could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TestDbError {
    /// The shared cluster or template could not be set up.
    #[error("test cluster setup failed: {0}")]
    Setup(String),
    /// The cluster failed.
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    /// An administrative statement failed.
    #[error(transparent)]
    Admin(#[from] MigrationError),
}

/// A fresh, migrated database for one test; dropped on `Drop`.
#[derive(Debug)]
pub struct TestDatabase {
    name: String,
    url: String,
    admin_url: String,
}

impl TestDatabase {
    /// Creates a database from the migrated template.
    pub fn new() -> Result<Self, TestDbError> {
        let shared = shared()?;
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin_url = shared.cluster.url("postgres");
        {
            // CREATE DATABASE ... TEMPLATE fails when another session uses the template.
            let _guard = CREATE_LOCK.lock().unwrap_or_else(|e| e.into_inner());
            execute_admin(
                &admin_url,
                &format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}"),
            )?;
        }
        Ok(Self {
            url: shared.cluster.url(&name),
            name,
            admin_url,
        })
    }

    /// The database's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = execute_admin(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}
