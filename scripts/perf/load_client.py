"""The write-load client of scripts/stress: POST /api/v1/tickets from N threads for a bounded
time, recording every request (start, end, server, status) and the id of every ticket the
API acknowledged with 201.

Usage: load_client.py --targets http://127.0.0.1:P1,http://127.0.0.1:P2 --token T
                      --customers customers.tsv --seconds 40 --threads 8 --out DIR
Writes DIR/requests.tsv ("start end target status id") and DIR/acked.txt (one id a line).
Only loopback targets are accepted; at most --max-requests requests are sent in all.
"""
import argparse
import http.client
import json
import os
import threading
import time
import urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("--targets", required=True)
ap.add_argument("--token", required=True)
ap.add_argument("--customers", required=True)
ap.add_argument("--seconds", type=float, default=40)
ap.add_argument("--threads", type=int, default=8)
ap.add_argument("--max-requests", type=int, default=500_000)
ap.add_argument("--timeout", type=float, default=10)
ap.add_argument("--out", required=True)
ap.add_argument("--epoch", type=float, default=None,
                help="wall-clock origin of the recorded times (default: the client's start)")
args = ap.parse_args()

targets = []
for t in args.targets.split(","):
    u = urllib.parse.urlparse(t)
    if u.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing non-loopback target {t}")
    targets.append((u.hostname, u.port))
customers = [line.split("\t") for line in open(args.customers).read().split("\n") if line]

t0 = args.epoch if args.epoch is not None else time.time()
deadline = time.time() + args.seconds
budget = threading.Semaphore(args.max_requests)
lock = threading.Lock()
records = []


def worker(n):
    conns = {}
    i = n
    local = []
    while time.time() < deadline and budget.acquire(blocking=False):
        i += 1
        target = targets[i % len(targets)]
        vendor, cid = customers[i % len(customers)]
        body = json.dumps({
            "vendor": vendor, "customer_id": cid.strip(),
            "subject": f"Stress ticket {n}-{i}",
            "description": "Written by scripts/stress; every 201 must be in the database.",
            "channel": "email",
        })
        start = time.time()
        status, tid = "ERR", "-"
        try:
            conn = conns.get(target)
            if conn is None:
                conn = http.client.HTTPConnection(target[0], target[1], timeout=args.timeout)
                conns[target] = conn
            conn.request("POST", "/api/v1/tickets", body=body, headers={
                "Authorization": "Bearer " + args.token,
                "Content-Type": "application/json",
            })
            resp = conn.getresponse()
            data = resp.read()
            status = str(resp.status)
            if resp.status == 201:
                tid = json.loads(data)["id"]
        except Exception as e:  # connection refused/reset, timeout: not acknowledged
            status = "ERR:" + type(e).__name__
            c = conns.pop(target, None)
            if c is not None:
                c.close()
            time.sleep(0.01)
        end = time.time()
        local.append((start - t0, end - t0, f"{target[1]}", status, tid))
    with lock:
        records.extend(local)


threads = [threading.Thread(target=worker, args=(n * 1_000_000,)) for n in range(args.threads)]
for t in threads:
    t.start()
for t in threads:
    t.join()

os.makedirs(args.out, exist_ok=True)
records.sort()
with open(os.path.join(args.out, "requests.tsv"), "w") as f:
    for r in records:
        f.write(f"{r[0]:.4f}\t{r[1]:.4f}\t{r[2]}\t{r[3]}\t{r[4]}\n")
with open(os.path.join(args.out, "acked.txt"), "w") as f:
    for r in records:
        if r[3] == "201":
            f.write(r[4] + "\n")
print(f"{len(records)} requests, {sum(1 for r in records if r[3] == '201')} acknowledged")
