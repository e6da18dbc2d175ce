"""Turns scripts/bench's results.jsonl into results.md (tables, ratios, goals) and two plots
(throughput.svg, latency.svg, made with gnuplot).

Usage: report.py RESULTS_JSONL OUT_DIR
"""
import json
import os
import subprocess
import sys
from collections import defaultdict

results_path, out = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(results_path) if line.strip()]
by = defaultdict(dict)
for r in rows:
    by[r["target"]][r["connections"]] = r

LABELS = {
    "ceiling-actix": "ceiling: bare actix-web JSON",
    "pgbench-insert": "ceiling: pgbench INSERT",
    "pgbench-intake": "ceiling: pgbench, API intake statement",
    "sla-preview": "POST /sla/preview",
    "create-ticket": "POST /tickets",
    "create-ticket-idempotent": "POST /tickets + Idempotency-Key",
    "get-ticket": "GET /tickets/{id}",
    "list-tickets": "GET /tickets (page of 20)",
    "queue": "GET /queue",
    "list-tickets-small": "GET /tickets, before bulk insert",
    "list-tickets-1m": "GET /tickets, first pages, +1M tickets",
    "list-tickets-1m-deep": "GET /tickets, incl. mid-table cursors, +1M tickets",
    "queue-small": "GET /queue, before bulk insert",
    "queue-1m": "GET /queue, +1M tickets",
}
SWEPT = ["ceiling-actix", "sla-preview", "pgbench-insert", "pgbench-intake", "create-ticket",
         "get-ticket", "list-tickets", "queue"]
conns = sorted({r["connections"] for r in rows})


def fmt(x, digits=1):
    return f"{x:,.{digits}f}"


lines = ["# scripts/bench results", ""]
env = os.path.join(out, "env.txt")
if os.path.exists(env):
    lines += ["```", open(env).read().rstrip(), "```", ""]

lines += ["## Throughput and latency", "",
          "| target | connections | requests/s | p50 ms | p99 ms | p99.9 ms | non-2xx |",
          "|---|---:|---:|---:|---:|---:|---:|"]
for t in by:
    for c in sorted(by[t]):
        r = by[t][c]
        lines.append(f"| {LABELS.get(t, t)} | {c} | {fmt(r['rps'])} | {r['p50_ms']:.2f} | "
                     f"{r['p99_ms']:.2f} | {r['p999_ms']:.2f} | {r.get('non2xx', 0)} |")
lines.append("")

lines += ["## Ratios to the ceilings (same run)", "",
          "| connections | preview / bare actix | POST /tickets / pgbench INSERT "
          "| POST /tickets / pgbench intake statement |",
          "|---:|---:|---:|---:|"]
for c in conns:
    a = by["sla-preview"].get(c, {}).get("rps")
    b = by["ceiling-actix"].get(c, {}).get("rps")
    t = by["create-ticket"].get(c, {}).get("rps")
    p = by["pgbench-insert"].get(c, {}).get("rps")
    i = by["pgbench-intake"].get(c, {}).get("rps")
    r1 = f"{100 * a / b:.0f} %" if a and b else "n/a"
    r2 = f"{100 * t / p:.0f} %" if t and p else "n/a"
    r3 = f"{100 * t / i:.0f} %" if t and i else "n/a"
    lines.append(f"| {c} | {r1} | {r2} | {r3} |")
lines.append("")

lines += ["## Goals", ""]


def best_ratio(num, den):
    pairs = [(by[num][c]["rps"] / by[den][c]["rps"], c) for c in conns
             if c in by[num] and c in by[den] and by[den][c]["rps"]]
    return pairs


for num, den, goal, label in [("sla-preview", "ceiling-actix", 0.70, "POST /sla/preview >= 70 % of bare actix"),
                              ("create-ticket", "pgbench-insert", 0.50, "POST /tickets >= 50 % of pgbench INSERT")]:
    if den not in by:
        lines.append(f"- {label}: not measured")
        continue
    pairs = best_ratio(num, den)
    if not pairs:
        lines.append(f"- {label}: not measured")
        continue
    peak_num = max(by[num][c]["rps"] for c in by[num])
    peak_den = max(by[den][c]["rps"] for c in by[den])
    per_c = ", ".join(f"{100 * r:.0f} % at {c}" for r, c in pairs)
    peak = peak_num / peak_den
    verdict = "met" if peak >= goal else f"MISSED by {100 * (goal - peak):.0f} points"
    lines.append(f"- {label}: peak vs peak {100 * peak:.0f} % ({fmt(peak_num)} vs {fmt(peak_den)}/s), "
                 f"{verdict}; per concurrency: {per_c}")
for t in SWEPT:
    if t.startswith("ceiling") or t.startswith("pgbench") or 32 not in by.get(t, {}):
        continue
    p99 = by[t][32]["p99_ms"]
    verdict = "met" if p99 < 25 else f"MISSED ({p99 - 25:.1f} ms over)"
    lines.append(f"- p99 < 25 ms at 32 connections, {LABELS[t]}: {p99:.2f} ms, {verdict}")
lines.append("")
open(os.path.join(out, "results.md"), "w").write("\n".join(lines))

# Plots.
data_dir = os.path.join(out, ".plotdata")
os.makedirs(data_dir, exist_ok=True)
series = [t for t in SWEPT if t in by]
for t in series:
    with open(os.path.join(data_dir, t + ".dat"), "w") as f:
        for c in sorted(by[t]):
            r = by[t][c]
            f.write(f"{c} {r['rps']} {r['p50_ms']} {r['p99_ms']} {r['p999_ms']}\n")


def plot(name, title, ylabel, col, logy):
    cmds = [
        "set terminal svg size 900,560 dynamic font 'sans,12' background '#ffffff'",
        f"set output '{os.path.join(out, name)}.svg'",
        f"set title '{title}'",
        "set xlabel 'connections'", f"set ylabel '{ylabel}'",
        "set logscale x 2", "set xrange [0.8:160]", "set xtics (1, 8, 32, 128)", "set grid",
        "set key outside right top",
    ]
    if logy:
        cmds.append("set logscale y 10")
    parts = []
    for t in series:
        dash = "dt 2" if t.startswith("ceiling") or t.startswith("pgbench") else "dt 1"
        parts.append(f"'{os.path.join(data_dir, t + '.dat')}' using 1:{col} with linespoints "
                     f"lw 2 {dash} title '{LABELS[t]}'")
    cmds.append("plot " + ", ".join(parts))
    subprocess.run(["gnuplot"], input="\n".join(cmds), text=True, check=True)
    # The same plot as PNG, for viewers without SVG.
    cmds[0] = "set terminal pngcairo size 900,560 font 'sans,10'"
    cmds[1] = f"set output '{os.path.join(out, name)}.png'"
    subprocess.run(["gnuplot"], input="\n".join(cmds), text=True, check=True)


plot("throughput", "Throughput vs concurrency (ceilings dashed)", "requests/s (log)", 2, True)
plot("latency", "p99 latency vs concurrency (ceilings dashed)", "p99 ms (log)", 4, True)
for f in os.listdir(data_dir):
    os.remove(os.path.join(data_dir, f))
os.rmdir(data_dir)
print(open(os.path.join(out, "results.md")).read())
