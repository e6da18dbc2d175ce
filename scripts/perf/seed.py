"""Seeds customers through the API: N per vendor, plans taken in turn from the vendor's list.

Usage: seed.py BASE_URL TOKEN N  -> prints "vendor<TAB>customer_id" lines.
Loopback only (scripts/bench and scripts/stress start the server on 127.0.0.1).
"""
import json
import sys
import urllib.request

base, token, per_vendor = sys.argv[1], sys.argv[2], int(sys.argv[3])
assert base.startswith("http://127.0.0.1:"), "loopback only"


def call(method, path, body=None):
    req = urllib.request.Request(
        base + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


for vendor in call("GET", "/vendors"):
    vid = vendor["id"]
    plans = [p["id"] for p in call("GET", f"/vendors/{vid}/plans")]
    for i in range(per_vendor):
        c = call(
            "POST",
            "/customers",
            {
                "vendor": vid,
                "external_id": f"bench-{vid}-{i}",
                "name": f"Bench customer {i}",
                "plan": plans[i % len(plans)],
                "billing_cycle": "annual",
                "renews_on": "2027-06-01",
            },
        )
        print(f"{vid}\t{c['id']}", flush=True)
