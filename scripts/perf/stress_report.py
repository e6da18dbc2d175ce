"""Summarises a load_client.py requests.tsv around a fault (scripts/stress).

  stress_report.py pg-kill REQUESTS KILL_AT RESTART_AT READY_AT MAX_503_MS
  stress_report.py serve-kill REQUESTS KILLED_AT KILLED_PORT SURVIVOR_PORT

Times are seconds since the client started. Prints facts, then PASS/FAIL lines; exit 1 on
any FAIL.
"""
import sys
from collections import Counter

kind, path = sys.argv[1], sys.argv[2]
rows = []
for line in open(path):
    start, end, target, status, tid = line.rstrip("\n").split("\t")
    rows.append((float(start), float(end), target, status, tid))
fails = []


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def counts(rs):
    return dict(sorted(Counter(r[3] for r in rs).items()))


print(f"requests: {len(rows)}, by status: {counts(rows)}")
server_errors = [r for r in rows if r[3].startswith("5") and r[3] != "503"]
if server_errors:
    fails.append(f"{len(server_errors)} responses with 5xx other than 503: {counts(server_errors)}")

if kind == "pg-kill":
    kill, restart, ready, max_ms = (float(x) for x in sys.argv[3:7])
    print(f"PostgreSQL SIGKILLed at t={kill:.2f} s; restart began at t={restart:.2f} s; "
          f"pg_ctl start -w returned at t={ready:.2f} s (crash recovery included)")
    before = [r for r in rows if r[1] < kill]
    inflight = [r for r in rows if r[0] < kill <= r[1]]
    # Requests started in the first 0.2 s may have been answered before the SIGKILL landed.
    down = [r for r in rows if kill + 0.2 <= r[0] and r[1] <= restart]
    restarting = [r for r in rows if r[0] < ready and r[1] > restart and r[0] >= kill]
    after = [r for r in rows if r[0] >= ready]
    print(f"before the kill: {len(before)} requests {counts(before)}")
    print(f"in flight at the kill: {len(inflight)} requests {counts(inflight)}")
    lat = [(r[1] - r[0]) * 1000 for r in down]
    print(f"while down (started 0.2 s or more after the kill, answered before the restart): {len(down)} "
          f"requests {counts(down)}; latency ms p50 {pct(lat, .5):.1f}, p99 {pct(lat, .99):.1f}, "
          f"max {max(lat) if lat else float('nan'):.1f}")
    print(f"during the restart: {len(restarting)} requests {counts(restarting)}")
    first_ok = min((r[1] for r in rows if r[0] >= restart and r[3] == "201"), default=None)
    if first_ok is not None:
        print(f"first 201 after the restart began: t={first_ok:.2f} s "
              f"({first_ok - restart:.2f} s after it, {first_ok - ready:+.2f} s from pg_ctl's return)")
    print(f"after the restart: {len(after)} requests {counts(after)}")
    if not down:
        fails.append("no request was answered while PostgreSQL was down")
    elif any(r[3] != "503" for r in down):
        fails.append(f"while down, not every answer was 503: {counts(down)}")
    if lat and pct(lat, .99) > max_ms:
        fails.append(f"while down, p99 latency {pct(lat, .99):.0f} ms > {max_ms:.0f} ms")
    if first_ok is None:
        fails.append("no 201 after the restart")
    late = [r for r in after if r[0] > ready + 5 and r[3] != "201"]
    if late:
        fails.append(f"{len(late)} non-201 answers more than 5 s after the restart: {counts(late)}")
elif kind == "serve-kill":
    killed, dead, alive = float(sys.argv[3]), sys.argv[4], sys.argv[5]
    print(f"serve on port {dead} killed at t={killed:.1f} s; port {alive} kept running")
    for label, sel in [("killed process, before", lambda r: r[2] == dead and r[1] < killed),
                       ("killed process, after", lambda r: r[2] == dead and r[1] >= killed),
                       ("survivor, before", lambda r: r[2] == alive and r[1] < killed),
                       ("survivor, after", lambda r: r[2] == alive and r[1] >= killed)]:
        rs = [r for r in rows if sel(r)]
        print(f"{label}: {len(rs)} requests {counts(rs)}")
    survivor_after = [r for r in rows if r[2] == alive and r[0] >= killed]
    if not any(r[3] == "201" for r in survivor_after):
        fails.append("the survivor acknowledged nothing after the kill")
    bad = [r for r in survivor_after if r[3] != "201"]
    if bad:
        fails.append(f"the survivor answered {len(bad)} non-201 after the kill: {counts(bad)}")

for f in fails:
    print("FAIL " + f)
if not fails:
    print("PASS every check of this test")
sys.exit(1 if fails else 0)
