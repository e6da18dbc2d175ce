# Helpers shared by scripts/bench, scripts/stress and scripts/schemathesis. Sourced after
# scripts/lib.sh, not run.
#
# Everything here listens on and talks to 127.0.0.1 only. Whatever a script starts is
# recorded in $WORK (a temp dir) and stopped by `perf_cleanup`, which the scripts run on EXIT.
# shellcheck shell=bash

# Install the load and plotting tools (Debian) that are missing.
ensure_perf_packages() {
  ensure_packages wrk gnuplot-nox python3 python3-venv procps psmisc "$@"
}

# Install the Debian packages named that are missing.
ensure_packages() {
  local wanted=("$@")
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Make the temp dir all scripts work in: $WORK. PostgreSQL refuses to run as root, so as root
# the cluster belongs to the `postgres` OS user.
perf_workdir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/tierline-$1.XXXXXX")
  chmod 755 "$WORK"
  export WORK
  : >"$WORK/pids"
  trap perf_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Run a command as the PostgreSQL owner (postgres when we are root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start: a throwaway cluster in $WORK/pg on $PG_PORT, fsync ON (as the embedded default,
# and as the pgbench baseline in /work/shared/STACK-NOTES.md). Trust authentication on
# loopback. Sets DATABASE_URL (database `tierline`).
pg_init() {
  PG_DIR="$WORK/pg"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  as_pg "$PG_BIN_DIR/initdb" -D "$PG_DIR/data" -U postgres -A trust -N -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
  PG_PORT=${PG_PORT:-$(free_port)}
  export PG_DIR PG_PORT
  export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/tierline"
}

pg_start() {
  as_pg "$PG_BIN_DIR/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $PG_PORT -k '' -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=250" \
    start >/dev/null
}

# The postmaster's pid (from postmaster.pid), empty when it is not running.
pg_pid() {
  head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
  as_pg "$PG_BIN_DIR/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

psql_q() {
  "$PG_BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -d "${PSQL_DB:-tierline}" "$@"
}

# Start `tierline serve` on $1 (a port) against $DATABASE_URL with $JWT_SECRET; extra args
# follow. Its pid goes to $WORK/pids and to the variable SERVE_PID. The load clients send
# everything with one token, to measure the server's ceiling: the per-credential rate limit
# (1,000 requests/s by default) is off unless TIERLINE_RATE_LIMIT is set.
serve_start() {
  local port=$1
  shift
  TIERLINE_RATE_LIMIT=${TIERLINE_RATE_LIMIT:-0} \
  TIERLINE_JWT_SECRET=$JWT_SECRET RUST_LOG=${RUST_LOG:-info} \
    "$TIERLINE" serve --bind "127.0.0.1:$port" --data-dir "$WORK/data" "$@" \
    >"$WORK/serve-$port.out" 2>"$WORK/serve-$port.log" &
  SERVE_PID=$!
  echo "$SERVE_PID" >>"$WORK/pids"
  wait_http "http://127.0.0.1:$port/api/v1/ready" 120 || {
    tail -n 20 "$WORK/serve-$port.log" >&2
    return 1
  }
}

# Wait until a URL answers 200 (at most $2 seconds).
wait_http() {
  local url=$1 limit=${2:-60} i
  for ((i = 0; i < limit * 10; i++)); do
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  log "timed out waiting for $url"
  return 1
}

# Stop one process we started (by pid): TERM, then KILL after 10 s.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

perf_cleanup() {
  local rc=$?
  set +e
  if [ -n "${WORK:-}" ] && [ -f "$WORK/pids" ]; then
    while read -r pid; do [ -n "$pid" ] && stop_pid "$pid"; done <"$WORK/pids"
  fi
  pg_stop
  if [ -n "${WORK:-}" ] && [ -d "$WORK" ]; then
    if [ -n "${KEEP_WORK:-}" ]; then
      log "kept $WORK (KEEP_WORK set)"
    else
      rm -rf "$WORK"
    fi
  fi
  exit "$rc"
}

# Build the release binaries the scripts drive and copy them to $WORK/bin at once (a shared
# CARGO_TARGET_DIR may be rebuilt from another checkout while we run); sets TIERLINE, CEILING.
# With TIERLINE_BIN set, uses that `tierline` binary instead and builds nothing (no CEILING).
build_release() {
  local target=${CARGO_TARGET_DIR:-target}
  if [ -n "${TIERLINE_BIN:-}" ]; then
    # A binary built elsewhere (scripts/test passes its debug build): no release build.
    mkdir -p "$WORK/bin"
    cp "$TIERLINE_BIN" "$WORK/bin/tierline"
    TIERLINE="$WORK/bin/tierline"
    export TIERLINE
    return 0
  fi
  log "cargo build --release (tierline, bench-ceiling)"
  cargo build --release --locked -p tierline -p tierline-bench-ceiling >&2
  mkdir -p "$WORK/bin"
  cp "$target/release/tierline" "$target/release/bench-ceiling" "$WORK/bin/"
  TIERLINE="$WORK/bin/tierline"
  CEILING="$WORK/bin/bench-ceiling"
  export TIERLINE CEILING
}

# An admin token for $JWT_SECRET.
admin_token() {
  TIERLINE_JWT_SECRET=$JWT_SECRET "$TIERLINE" token --role admin --ttl 2h --sub bench
}

# Seed $1 customers per vendor through the API (POST /customers); writes
# "vendor<TAB>customer_id" lines to $WORK/customers.tsv.
seed_customers() {
  local base=$1 per_vendor=$2 token=$3
  python3 "$SCRIPTS/perf/seed.py" "$base" "$token" "$per_vendor" >"$WORK/customers.tsv"
  log "seeded $(wc -l <"$WORK/customers.tsv") customers"
}
