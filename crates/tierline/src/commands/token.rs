//! `tierline token`: prints a signed bearer token.

use std::path::PathBuf;

use clap::Args;
use tierline_api::{Role, TokenKeys};

use super::server_env::jwt_secret;

/// Arguments of `tierline token`.
#[derive(Debug, Clone, Args)]
pub struct TokenArgs {
    /// Role: admin, helpdesk, agent or reseller.
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
    /// Vendor the token covers (repeat for a helpdesk serving several; exactly one for agents).
    #[arg(long = "vendor")]
    pub vendors: Vec<String>,
    /// Reseller id (role reseller).
    #[arg(long)]
    pub reseller: Option<String>,
    /// Lifetime: `90s`, `30m`, `1h`, `7d`. Servers refuse tokens living longer than their
    /// `TIERLINE_MAX_TOKEN_LIFETIME` (24 h by default); use an API key for longer.
    #[arg(long, default_value = "1h", value_parser = parse_ttl)]
    pub ttl: chrono::Duration,
    /// Subject (who the caller is; scopes idempotency keys and appears in event logs).
    /// Default: `cli-<role>-<random>`, distinct for every token.
    #[arg(long)]
    pub sub: Option<String>,
    /// HS256 secret (default: the embedded default's `<data-dir>/jwt-secret`).
    #[arg(long, env = "TIERLINE_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// The embedded default's data directory.
    #[arg(long, env = "TIERLINE_DATA_DIR", default_value = ".tierline")]
    pub data_dir: PathBuf,
}

fn parse_role(raw: &str) -> Result<Role, String> {
    raw.parse()
}

/// Parses `90s`, `30m`, `1h`, `7d` or plain seconds.
pub fn parse_ttl(raw: &str) -> Result<chrono::Duration, String> {
    let raw = raw.trim();
    let (number, unit) = raw
        .find(|c: char| !c.is_ascii_digit())
        .map_or((raw, "s"), |i| raw.split_at(i));
    let n: i64 = number
        .parse()
        .map_err(|_| format!("bad duration {raw:?} (use 90s, 30m, 1h or 7d)"))?;
    let secs = match unit {
        "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        "d" => n.checked_mul(86_400),
        _ => None,
    }
    .filter(|s| *s > 0 && *s <= 366 * 86_400)
    .ok_or_else(|| format!("bad duration {raw:?} (1 second to 366 days: 90s, 30m, 1h, 7d)"))?;
    Ok(chrono::Duration::seconds(secs))
}

/// A subject no other token shares: `cli-<role>-<32 random hex digits>`. Tokens minted
/// without `--sub` thus never share idempotency keys or event-log actors.
pub fn default_subject(role: Role) -> String {
    format!("cli-{}-{}", role.as_str(), uuid::Uuid::new_v4().simple())
}

/// Prints the token on stdout.
pub fn run(args: &TokenArgs) -> anyhow::Result<()> {
    let secret = jwt_secret(args.jwt_secret.as_deref(), &args.data_dir, false)?;
    let sub = args
        .sub
        .clone()
        .unwrap_or_else(|| default_subject(args.role));
    let token = TokenKeys::from_secret(&secret)
        .issue(
            &sub,
            args.role,
            args.vendors.clone(),
            args.reseller.clone(),
            args.ttl,
        )
        .map_err(anyhow::Error::msg)?;
    println!("{token}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_subjects_differ_per_token() {
        let a = default_subject(Role::Agent);
        let b = default_subject(Role::Agent);
        assert_ne!(a, b);
        assert!(a.starts_with("cli-agent-"), "{a}");
        assert_eq!(a.len(), "cli-agent-".len() + 32);
    }
}
