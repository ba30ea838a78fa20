"""HTTP caching for a CDN: mlakb's content ETags vs datasette-hashed-urls, on the same lookups.

    .venv/bin/python scripts/bench/cache_bench.py [--plugin-path DIR] [--requests 300]

datasette-hashed-urls is not a dependency: install it apart (`pip install --target DIR --no-deps
datasette-hashed-urls`) and give DIR; the server started for it has DIR on its PYTHONPATH, so the plugin is
loaded there only.  For each: what the documented lookup URL answers (status, Location, Cache-Control,
ETag), the round trips a client needs to get the data, and p50/p95 of fetching it (following redirects)
and of revalidating it (If-None-Match).
"""
from __future__ import annotations

import argparse
import http.client
import os
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load_test import built_copy  # noqa: E402
from loadgen import percentile, serve  # noqa: E402

LOOKUP = "/mlakb/central_authority.json?_shape=array&jurisdiction=Canada"


def fetch(conn: http.client.HTTPConnection, path: str, headers: dict | None = None) -> tuple[int, dict, int]:
    """(status, headers, round trips) following same-host redirects."""
    trips = 0
    while True:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        trips += 1
        found = {k.lower(): v for k, v in response.getheaders()}
        if response.status in (301, 302, 307, 308) and trips < 5:
            path = urllib.parse.urlsplit(found["location"])._replace(scheme="", netloc="").geturl()
            continue
        return response.status, found, trips


def measure(base: str, requests: int) -> dict:
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", LOOKUP)
    first = conn.getresponse()
    first.read()
    first_headers = {k.lower(): v for k, v in first.getheaders()}
    status, headers, trips = fetch(conn, LOOKUP)
    fetches, revalidations = [], []
    for _ in range(requests):
        started = time.perf_counter()
        fetch(conn, LOOKUP)
        fetches.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        revalidated, _, _ = fetch(conn, LOOKUP, {"if-none-match": headers.get("etag", '"none"')})
        revalidations.append((time.perf_counter() - started) * 1000)
    conn.close()
    return {"first": first.status, "location": first_headers.get("location", ""), "status": status, "trips": trips,
            "cache": headers.get("cache-control", "(none)"), "etag": headers.get("etag", "(none)"), "revalidated": revalidated,
            "fetch": (statistics_pair(fetches)), "revalidate": statistics_pair(revalidations)}


def statistics_pair(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):.1f} ms, p95 {percentile(values, 95):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin-path", type=Path, help="a folder holding datasette-hashed-urls (pip install --target)")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with built_copy() as (root, build):
        variants = [("mlakb ETags", {})]
        if args.plugin_path:
            variants.append(("datasette-hashed-urls", {"PYTHONPATH": os.pathsep.join([str(args.plugin_path.resolve()), os.environ.get("PYTHONPATH", "")])}))
        for name, env in variants:
            saved = dict(os.environ)
            os.environ.update(env)
            try:
                with serve(root, build, workers=1) as base:
                    r = measure(base, args.requests)
            finally:
                os.environ.clear()
                os.environ.update(saved)
            print(f"{name}: the documented URL answers {r['first']}{' → ' + r['location'][:60] if r['location'] else ''}; "
                  f"{r['trips']} round trip(s) to the data (status {r['status']}); cache-control {r['cache']!r}; etag {r['etag']}; "
                  f"revalidation answers {r['revalidated']}")
            print(f"   fetch {r['fetch']}; revalidate {r['revalidate']}")


if __name__ == "__main__":
    main()
