//! What `serve`, `migrate` and `token` share: the data directory, the embedded database,
//! the token secret, logging.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tierline_store::cluster::{write_private, Durability, PgCluster};

/// The database to use: an external URL, or the embedded cluster (kept running while the
/// returned guard lives).
pub struct Database {
    /// Connection URL.
    pub url: String,
    /// The embedded cluster, when used.
    pub cluster: Option<PgCluster>,
}

/// The name of the embedded default's database.
pub const EMBEDDED_DATABASE: &str = "tierline";

/// The secret file inside the data directory.
pub const SECRET_FILE: &str = "jwt-secret";

/// Opens `DATABASE_URL`, or starts the embedded default under `<data_dir>/pg`.
pub fn open_database(url: Option<&str>, data_dir: &Path) -> anyhow::Result<Database> {
    if let Some(url) = url.filter(|u| !u.trim().is_empty()) {
        return Ok(Database {
            url: url.to_owned(),
            cluster: None,
        });
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    let pg_dir = cluster_dir(data_dir)?;
    tracing::info!(dir = %pg_dir.display(), "starting the embedded PostgreSQL (no DATABASE_URL)");
    let cluster = PgCluster::start(&pg_dir, Durability::Persistent)
        .context("starting the embedded PostgreSQL cluster")?;
    ensure_database(&cluster.url("postgres"), EMBEDDED_DATABASE)?;
    Ok(Database {
        url: cluster.url(EMBEDDED_DATABASE),
        cluster: Some(cluster),
    })
}

/// `<data_dir>/pg`, unless we are root and the `postgres` user cannot reach it (e.g. a
/// checkout under `/root`): then a directory under `/var/lib/tierline` named after it.
fn cluster_dir(data_dir: &Path) -> anyhow::Result<PathBuf> {
    let abs = data_dir
        .canonicalize()
        .with_context(|| format!("resolving {}", data_dir.display()))?;
    let wanted = abs.join("pg");
    if !tierline_store::cluster::is_root() || tierline_store::cluster::postgres_can_reach(&abs) {
        return Ok(wanted);
    }
    let name: String = abs
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let fallback = PathBuf::from("/var/lib/tierline").join(name.trim_matches('_'));
    tracing::warn!(
        wanted = %wanted.display(),
        using = %fallback.display(),
        "the postgres OS user cannot reach the data directory; keeping the cluster elsewhere"
    );
    Ok(fallback)
}

fn ensure_database(admin_url: &str, name: &str) -> anyhow::Result<()> {
    // CREATE DATABASE has no IF NOT EXISTS: try, and accept "already exists".
    match tierline_store::migrate::execute_admin(admin_url, &format!("CREATE DATABASE {name}")) {
        Ok(()) => Ok(()),
        Err(e) if e.to_string().contains("already exists") => Ok(()),
        Err(e) => Err(e).context("creating the tierline database"),
    }
}

/// The token secret: `TIERLINE_JWT_SECRET`, else `<data_dir>/jwt-secret` (created with mode
/// 0600 when `create` is set).
pub fn jwt_secret(
    explicit: Option<&str>,
    data_dir: &Path,
    create: bool,
) -> anyhow::Result<Vec<u8>> {
    if let Some(s) = explicit.filter(|s| !s.is_empty()) {
        if s.len() < 32 {
            anyhow::bail!("TIERLINE_JWT_SECRET must be at least 32 characters");
        }
        return Ok(s.as_bytes().to_vec());
    }
    let file = data_dir.join(SECRET_FILE);
    match std::fs::read_to_string(&file) {
        Ok(s) if !s.trim().is_empty() => return Ok(s.trim().as_bytes().to_vec()),
        _ => {}
    }
    if !create {
        anyhow::bail!(
            "no token secret: set TIERLINE_JWT_SECRET or run `tierline serve` once (it creates {})",
            file.display()
        );
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    write_private(&file, &secret).context("writing the token secret")?;
    Ok(secret.into_bytes())
}

/// `http://HOST:PORT` for a listener bound to `bind` on `port`: the bound host, or
/// `127.0.0.1` for a wildcard or empty one.
pub fn local_base(bind: &str, port: u16) -> String {
    let host = bind
        .rsplit_once(':')
        .map(|(h, _)| h)
        .filter(|h| !h.is_empty() && *h != "0.0.0.0" && *h != "[::]")
        .unwrap_or("127.0.0.1");
    format!("http://{host}:{port}")
}

/// Logging: `RUST_LOG` (default `info`), JSON lines when `TIERLINE_LOG_FORMAT=json`.
pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("TIERLINE_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    // Colours only on a terminal: log files and collectors get plain text (and every span's
    // fields are formatted once per span, so colouring them costs on every request).
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
