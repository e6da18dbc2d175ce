# Shared helpers for Tierline's scripts. Sourced, not run.
# shellcheck shell=bash

PG_BIN_DIR="${PG_BIN_DIR:-/usr/lib/postgresql/15/bin}"

log() { printf '==> %s\n' "$*" >&2; }

# Run a command as root directly, or through sudo when we are not root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install the Debian packages that are missing (build tools, PostgreSQL, certificates).
ensure_debian_packages() {
  local wanted=(build-essential ca-certificates pkg-config postgresql postgresql-client curl)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if [ ! -x "$PG_BIN_DIR/initdb" ]; then
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && PG_BIN_DIR="$found"
  fi
  export PG_BIN_DIR
}

# Make sure cargo (with rustfmt and clippy) is on PATH.
ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    log "installing the Rust toolchain from Debian (rustup is not reachable here)"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq cargo rustc rustfmt rust-clippy
  fi
  if command -v rustup >/dev/null 2>&1; then
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy || true
  fi
}
