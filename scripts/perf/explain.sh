#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the list and queue queries, as crates/store builds them
# (tickets::list, lifecycle::queue), on the database scripts/bench filled. Writes
# $1/explain-<name>.txt. Needs PGHOST/PGPORT/PGUSER and PG_BIN_DIR from scripts/perf-lib.sh.
set -euo pipefail
OUT=$1
SUFFIX=${2:-}
q() { "$PG_BIN_DIR/psql" -X -q -At -d tierline -c "$1"; }
VENDOR=$(q "SELECT vendor FROM tickets GROUP BY vendor ORDER BY count(*) DESC LIMIT 1")
MID=$(q "SELECT id FROM tickets WHERE vendor = '$VENDOR' ORDER BY id OFFSET (SELECT count(*) / 2 FROM tickets WHERE vendor = '$VENDOR') LIMIT 1")
CUSTOMER=$(q "SELECT customer_id FROM tickets WHERE vendor = '$VENDOR' LIMIT 1")
COLS="*"

explain() {
  local name=$1 sql=$2
  {
    echo "-- $name"
    echo "$sql"
    echo
    "$PG_BIN_DIR/psql" -X -q -At -d tierline -c "EXPLAIN (ANALYZE, BUFFERS) $sql"
  } >"$OUT/explain-$name$SUFFIX.txt"
}

explain list-vendor-status-first-page \
  "SELECT $COLS FROM tickets WHERE vendor = '$VENDOR' AND status = 'open' ORDER BY id ASC LIMIT 21"
explain list-vendor-deep-page \
  "SELECT $COLS FROM tickets WHERE vendor = '$VENDOR' AND id > '$MID' ORDER BY id ASC LIMIT 21"
explain list-all-first-page \
  "SELECT $COLS FROM tickets ORDER BY id ASC LIMIT 21"
explain list-customer \
  "SELECT $COLS FROM tickets WHERE vendor = '$VENDOR' AND customer_id = '$CUSTOMER' ORDER BY id ASC LIMIT 21"
explain list-due-before \
  "SELECT $COLS FROM tickets WHERE vendor = '$VENDOR' AND (first_response_due_at < now() - interval '300 days' OR resolution_due_at < now() - interval '300 days') ORDER BY id ASC LIMIT 21"
# The SLA monitor's claim (crates/store/src/sla.rs): its cost follows the due tickets, not
# the idle ones (resolved tickets and far deadlines are outside the partial index's range).
explain monitor-claim \
  "SELECT vendor, id, customer_id, priority, status, first_response_warn_at, first_response_due_at, resolution_warn_at, resolution_due_at FROM tickets WHERE next_deadline_at IS NOT NULL AND next_deadline_at <= now() ORDER BY next_deadline_at LIMIT 100 FOR UPDATE SKIP LOCKED"
if [ "${QUEUE_CODE:-}" = 200 ]; then
  explain queue \
    "SELECT $COLS FROM tickets WHERE vendor = '$VENDOR' AND status IN ('open', 'pending') AND routing_kind = 'vendor' ORDER BY queue_class, queue_at, received_at, id LIMIT 50"
fi
