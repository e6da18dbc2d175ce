//! A private PostgreSQL cluster run from the machine's PostgreSQL binaries.
//!
//! Two uses:
//! - [`Durability::Persistent`]: the embedded default of `tierline serve` when no
//!   `DATABASE_URL` is set. The cluster lives in a directory the user keeps (`.tierline/pg`),
//!   `fsync` stays on, password authentication guards TCP connections, and the same data is
//!   used again on the next start.
//! - [`Durability::Throwaway`]: tests. `fsync=off`, trust authentication, and the whole
//!   directory is removed when the cluster stops.
//!
//! # How the server is kept from outliving its owner
//! The server is started by a small watchdog shell whose standard input is a pipe held by
//! this process. When this process exits for any reason (even `SIGKILL`), the pipe closes,
//! the watchdog reads end-of-file and stops the server (and, for throwaway clusters, removes
//! the directory). [`PgCluster::stop`] does the same on purpose and waits for it.
//!
//! # Running as root
//! PostgreSQL refuses to run as root. When this process is root, every PostgreSQL command
//! runs as the `postgres` OS user through `runuser`, and the cluster directory is handed to
//! that user.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

/// Whether the cluster's data must survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Kept across restarts, `fsync` on, password authentication on TCP.
    Persistent,
    /// Removed on stop, `fsync` off, trust authentication.
    Throwaway,
}

/// Why the cluster could not be started or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// No PostgreSQL server binaries were found.
    #[error(
        "PostgreSQL server binaries not found (looked in $PG_BIN_DIR and \
         /usr/lib/postgresql/*/bin); install the `postgresql` package or set DATABASE_URL"
    )]
    BinariesNotFound,
    /// A file-system or process operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A PostgreSQL command failed.
    #[error("{what} failed: {output}")]
    Command {
        /// The command.
        what: String,
        /// Its output (and the server log's tail, when useful).
        output: String,
    },
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> ClusterError {
    let what = what.into();
    move |source| ClusterError::Io { what, source }
}

/// A running PostgreSQL cluster owned by this process.
#[derive(Debug)]
pub struct PgCluster {
    dir: PathBuf,
    port: u16,
    password: Option<String>,
    watchdog: Option<(Child, ChildStdin)>,
}

/// The superuser every cluster is created with.
pub const SUPERUSER: &str = "postgres";

impl PgCluster {
    /// Starts (creating it first when needed) a cluster in `dir`.
    ///
    /// A persistent cluster whose server is already running (another `tierline serve` on the
    /// same directory) is joined rather than started twice; it is then not stopped by this
    /// process.
    pub fn start(dir: &Path, durability: Durability) -> Result<Self, ClusterError> {
        let bin = find_bin_dir()?;
        let runner = Runner::detect();
        std::fs::create_dir_all(dir).map_err(io(format!("create {}", dir.display())))?;
        let dir = dir
            .canonicalize()
            .map_err(io(format!("resolve {}", dir.display())))?;
        runner.hand_over(&dir)?;
        let data = dir.join("data");
        let password = match durability {
            Durability::Persistent => Some(ensure_password(&dir, &runner)?),
            Durability::Throwaway => None,
        };

        if !data.join("PG_VERSION").exists() {
            initdb(&bin, &runner, &dir, &data, durability)?;
        }

        if let Some(port) = running_port(&bin, &runner, &data) {
            tracing::info!(port, dir = %dir.display(), "joining running PostgreSQL cluster");
            return Ok(Self {
                dir,
                port,
                password,
                watchdog: None,
            });
        }

        let mut last_error = None;
        for _ in 0..3 {
            let port = free_port()?;
            match spawn_watchdog(&bin, &runner, &dir, &data, port, durability) {
                Ok(watchdog) => {
                    tracing::info!(port, dir = %dir.display(), "PostgreSQL cluster started");
                    return Ok(Self {
                        dir,
                        port,
                        password,
                        watchdog: Some(watchdog),
                    });
                }
                Err(e) => last_error = Some(e),
            }
        }
        Err(last_error.unwrap_or(ClusterError::BinariesNotFound))
    }

    /// The TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The cluster directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A connection URL for a database of this cluster.
    pub fn url(&self, database: &str) -> String {
        match &self.password {
            Some(pw) => format!(
                "postgres://{SUPERUSER}:{pw}@127.0.0.1:{}/{database}",
                self.port
            ),
            None => format!("postgres://{SUPERUSER}@127.0.0.1:{}/{database}", self.port),
        }
    }

    /// Stops the server (when this process started it) and waits until it is down.
    pub fn stop(mut self) -> Result<(), ClusterError> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<(), ClusterError> {
        if let Some((mut child, stdin)) = self.watchdog.take() {
            drop(stdin);
            child
                .wait()
                .map_err(io("wait for the PostgreSQL watchdog"))?;
        }
        Ok(())
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        if let Err(e) = self.shutdown() {
            tracing::warn!(error = %e, "stopping PostgreSQL failed");
        }
    }
}

/// Whether this process runs as root (PostgreSQL then runs as the `postgres` user).
pub fn is_root() -> bool {
    Runner::detect().as_postgres
}

/// Whether the `postgres` OS user can enter `dir` (every parent must be searchable).
pub fn postgres_can_reach(dir: &Path) -> bool {
    Command::new("runuser")
        .args(["-u", "postgres", "--", "test", "-x"])
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs PostgreSQL commands directly, or as the `postgres` user when we are root.
#[derive(Debug, Clone)]
struct Runner {
    as_postgres: bool,
}

impl Runner {
    fn detect() -> Self {
        let uid = Command::new("id")
            .arg("-u")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_owned());
        Self {
            as_postgres: uid.as_deref() == Some("0"),
        }
    }

    fn command(&self, program: &Path) -> Command {
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }

    fn hand_over(&self, dir: &Path) -> Result<(), ClusterError> {
        if !self.as_postgres {
            return Ok(());
        }
        run(
            Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir),
            "chown cluster directory to postgres",
        )?;
        Ok(())
    }
}

fn run(cmd: &mut Command, what: &str) -> Result<String, ClusterError> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(io(what.to_owned()))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(ClusterError::Command {
            what: what.to_owned(),
            output: text,
        })
    }
}

/// `$PG_BIN_DIR`, else the newest `/usr/lib/postgresql/*/bin`, else `pg_ctl` on `PATH`.
pub fn find_bin_dir() -> Result<PathBuf, ClusterError> {
    if let Some(dir) = std::env::var_os("PG_BIN_DIR") {
        let dir = PathBuf::from(dir);
        if dir.join("initdb").exists() {
            return Ok(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists())
        .ok_or(ClusterError::BinariesNotFound)
}

fn ensure_password(dir: &Path, runner: &Runner) -> Result<String, ClusterError> {
    let file = dir.join("password");
    if let Ok(existing) = std::fs::read_to_string(&file) {
        let existing = existing.trim().to_owned();
        if !existing.is_empty() {
            return Ok(existing);
        }
    }
    let password = uuid::Uuid::new_v4().simple().to_string();
    write_private(&file, &password)?;
    runner.hand_over(&file)?;
    Ok(password)
}

/// Writes a file readable only by its owner (0600).
pub fn write_private(path: &Path, contents: &str) -> Result<(), ClusterError> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(io(format!("create {}", path.display())))?;
    f.write_all(contents.as_bytes())
        .map_err(io(format!("write {}", path.display())))
}

fn initdb(
    bin: &Path,
    runner: &Runner,
    dir: &Path,
    data: &Path,
    durability: Durability,
) -> Result<(), ClusterError> {
    let mut cmd = runner.command(&bin.join("initdb"));
    cmd.arg("-D")
        .arg(data)
        .args(["-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8"]);
    match durability {
        Durability::Persistent => {
            cmd.args(["--auth-local=peer", "--auth-host=scram-sha-256"])
                .arg(format!("--pwfile={}", dir.join("password").display()));
        }
        Durability::Throwaway => {
            cmd.args(["-A", "trust", "-N"]);
        }
    }
    run(&mut cmd, "initdb").map(|_| ())
}

/// The port of a server already running on `data`, if any.
fn running_port(bin: &Path, runner: &Runner, data: &Path) -> Option<u16> {
    let status = runner
        .command(&bin.join("pg_ctl"))
        .arg("-D")
        .arg(data)
        .arg("status")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    // postmaster.pid: line 4 is the port.
    let pid = std::fs::read_to_string(data.join("postmaster.pid")).ok()?;
    pid.lines().nth(3)?.trim().parse().ok()
}

fn free_port() -> Result<u16, ClusterError> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(io("find a free port"))?;
    let port = listener
        .local_addr()
        .map_err(io("find a free port"))?
        .port();
    Ok(port)
}

const WATCHDOG: &str = r#"
bin="$1"; data="$2"; log="$3"; opts="$4"; remove="$5"; dir="$6"
if ! "$bin/pg_ctl" -D "$data" -l "$log" -w -t 120 -o "$opts" start >/dev/null 2>&1; then
  echo failed
  tail -n 20 "$log" 2>/dev/null
  exit 1
fi
echo ready
cat >/dev/null
"$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
if [ "$remove" = 1 ]; then rm -rf "$dir"; fi
"#;

fn spawn_watchdog(
    bin: &Path,
    runner: &Runner,
    dir: &Path,
    data: &Path,
    port: u16,
    durability: Durability,
) -> Result<(Child, ChildStdin), ClusterError> {
    // TCP on loopback only; no Unix socket (its path length is limited and we never use it).
    let mut opts = format!("-p {port} -c listen_addresses=127.0.0.1 -k ''");
    if durability == Durability::Throwaway {
        opts.push_str(
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
             -c max_connections=300 -c shared_buffers=64MB",
        );
    }
    let remove = if durability == Durability::Throwaway {
        "1"
    } else {
        "0"
    };
    let mut cmd = runner.command(Path::new("/bin/sh"));
    cmd.arg("-c")
        .arg(WATCHDOG)
        .arg("tierline-pg-watchdog")
        .arg(bin)
        .arg(data)
        .arg(dir.join("log"))
        .arg(opts)
        .arg(remove)
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        // Its own process group: Ctrl-C in a terminal (or `timeout`) signals our group, and
        // must not kill the watchdog before it has stopped the server.
        .process_group(0);
    let mut child = cmd.spawn().map_err(io("start the PostgreSQL watchdog"))?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let (Some(stdin), Some(stdout)) = (stdin, stdout) else {
        let _ = child.kill();
        return Err(ClusterError::Command {
            what: "start the PostgreSQL watchdog".into(),
            output: "no pipes".into(),
        });
    };
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader
        .read_line(&mut first)
        .map_err(io("read the PostgreSQL watchdog"))?;
    if first.trim() == "ready" {
        return Ok((child, stdin));
    }
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut reader, &mut rest);
    let _ = child.wait();
    Err(ClusterError::Command {
        what: "pg_ctl start".into(),
        output: format!("{first}{rest}"),
    })
}
