"""Serving benchmark: lookups alone and under search load, throughput at 1 and 2 workers, attack cases.

    .venv/bin/python scripts/bench/serve_bench.py [--lookups 1000] [--attack-timeout 20]

Builds the real directory's database and treaty index into a temporary folder and serves them with
`mlakb serve` on a loopback port.

1. Lookup latency: 10 client threads ask for Canada's central authority (--lookups requests in all),
   alone, then while 4 threads run broad treaty searches; p50/p95 of each and the ratio of the p95s.
2. Throughput at 1 and 2 workers (`--workers`), lookups only and the mixed load of load_test.py.
3. Attack cases, each against a fresh server: the time until the server answered (or the client gave
   up after --attack-timeout seconds), the status, and the p95 of lookups sent meanwhile.
Every loop is bounded by a request count or a time limit; every server started is stopped.
"""
from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load_test import built_copy, mix  # noqa: E402
from loadgen import free_port, load_test, percentile, running, serve, supports_workers  # noqa: E402

LOOKUP = "/mlakb/central_authority.json?_shape=array&jurisdiction=Canada"
# the costliest searches the treaty search accepts (leading and many wildcards are refused at once), 100 hits each;
# each is sent with a different `NOT` word, so that no cache answers it and every one is computed
BROAD_SEARCHES = ["co* OR pr* OR re* OR in*", "request* OR stat* OR part* OR shal*", "state party request", "缔约国"]
ATTACK_WILDCARDS = " OR ".join(f"*{c}*" for c in "abcdefghijklmnopqrstuvwxyz")
DEEP_JSON = ("[" * 1000 + "]" * 1000).encode()
ATTACKS = [
    # (name, method, path, body, headers)
    ("3,000 query parameters", "GET", "/mlakb/jurisdictions.json?" + "&".join(f"p{i}=v" for i in range(3000)), None, {}),
    ("10,000 query parameters", "GET", "/mlakb/jurisdictions.json?" + "&".join(f"p{i}=v" for i in range(10000)), None, {}),
    ("_where=randomblob(1e9)", "GET", "/mlakb/jurisdictions.json?_where=" + urllib.parse.quote("randomblob(1000000000)"), None, {}),
    ("sql randomblob(1e8)", "GET", "/mlakb.json?sql=" + urllib.parse.quote("select randomblob(100000000)"), None, {}),
    ("sql printf('%.*c', 999999999)", "GET", "/mlakb.json?sql=" + urllib.parse.quote("select printf('%.*c', 999999999, 'x')"), None, {}),
    ("sql recursive x||x", "GET", "/mlakb.json?sql=" + urllib.parse.quote("with recursive r(x, n) as (select 'x', 0 union all select x || x, n + 1 from r where n < 40) select length(x) from r"), None, {}),
    ("search *a*", "GET", "/-/search.json?q=" + urllib.parse.quote("*a*"), None, {}),
    ("search 26 OR-ed wildcards", "GET", "/-/search.json?q=" + urllib.parse.quote(ATTACK_WILDCARDS), None, {}),
    ("JSON nested 1,000 deep", "POST", "/-/request/check", DEEP_JSON, {"content-type": "application/json"}),
    ("5,000-digit integer", "POST", "/-/request/check", b'{"n": ' + b"9" * 5000 + b"}", {"content-type": "application/json"}),
    ("10 MB body", "POST", "/-/request/check", b" " * 10_000_000, {"content-type": "application/json"}),
    ("300-character guide file name", "GET", "/guide/" + "a" * 300, None, {}),
    ("TRACE on a table", "TRACE", "/mlakb/jurisdictions", None, {}),
]


def request(base: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 10) -> tuple[int, float, bytes]:
    """(status, seconds, body); status 0 when no answer came within `timeout`."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, time.perf_counter() - started, data
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - started, b""
    finally:
        conn.close()


def broad_search(n: int) -> str:
    """The n-th broad search: one of BROAD_SEARCHES, made distinct from every other by a word it excludes."""
    query = f"({BROAD_SEARCHES[n % len(BROAD_SEARCHES)]}) NOT zz{n}"
    return "/-/search.json?limit=100&q=" + urllib.parse.quote(query)


def hammer(base: str, path_of, stop: threading.Event, threads: int, limit_s: float, took: list) -> list[threading.Thread]:
    """Threads that send path_of(0), path_of(1) ... between them until `stop` is set or `limit_s` passes;
    (status, ms) of each answer appended to `took`."""
    def run(i: int):
        deadline = time.monotonic() + limit_s
        n = i
        while not stop.is_set() and time.monotonic() < deadline:
            status, seconds, _ = request(base, "GET", path_of(n), timeout=limit_s)
            took.append((status, seconds * 1000))
            n += threads

    workers = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(threads)]
    for w in workers:
        w.start()
    return workers


def lookups_under(base: str, count: int, threads: int, searching: bool, limit_s: float = 90) -> dict:
    """Lookups (at most 60 s of them; fewer than `count` are sent when the server stalls), alone or while 4 threads search."""
    stop = threading.Event()
    took: list[tuple[int, float]] = []
    searchers = hammer(base, broad_search, stop, 4, limit_s, took) if searching else []
    if searching:
        time.sleep(1)  # let the searches start
    result = load_test(base, [LOOKUP], count, threads, timeout=30, seconds=60)
    stop.set()
    for s in searchers:
        s.join(limit_s)
    ms = [t for _, t in took]
    result["searches"] = f"{len(took)} broad searches meanwhile, p50 {percentile(ms, 50):.0f} ms p95 {percentile(ms, 95):.0f} ms, not 200: {sum(s != 200 for s, _ in took)}" if took else ""
    return result


def attack(root: Path, build: Path, name: str, method: str, path: str, body, headers, timeout: float) -> dict:
    with serve(root, build, workers=1) as base:
        request(base, "GET", LOOKUP)
        latencies: list[float] = []
        done = threading.Event()

        def lookups():
            while not done.is_set() and len(latencies) < 10_000:
                status, seconds, _ = request(base, "GET", LOOKUP, timeout=timeout)
                latencies.append(seconds * 1000 if status == 200 else timeout * 1000)
                time.sleep(0.05)

        watcher = threading.Thread(target=lookups, daemon=True)
        watcher.start()
        time.sleep(0.3)
        status, seconds, data = request(base, method, path, body, headers, timeout=timeout)
        done.set()
        watcher.join(timeout + 1)
        p95 = percentile(latencies, 95) if latencies else float("nan")
        return {"name": name, "status": status, "seconds": seconds, "bytes": len(data), "lookup_p95": p95, "lookups": len(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--mixed", type=int, default=4000)
    parser.add_argument("--attack-timeout", type=float, default=20)
    parser.add_argument("--skip-attacks", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--gunicorn-path", type=Path, help="a folder holding gunicorn (pip install --target): also measure gunicorn with uvicorn workers")
    args = parser.parse_args()
    with built_copy() as (root, build):
        with serve(root, build, workers=1) as base:
            load_test(base, [LOOKUP], 200, 10)  # warm-up
            alone = lookups_under(base, args.lookups, 10, searching=False)
            loaded = lookups_under(base, args.lookups, 10, searching=True)
        print("1. Lookup of Canada's central authority, 10 client threads, 1 worker")
        for label, r in (("alone", alone), ("under 4 broad searches", loaded)):
            print(f"   {label + ':':<24}{r['requests']:>5} lookups, p50 {r['p50']:.1f} ms  p95 {r['p95']:.1f} ms  max {r['max']:.0f} ms  errors {r['errors']}; {r['load']}")
        print(f"   ratio of p95s: {loaded['p95'] / alone['p95']:.2f}x; {loaded['searches']}")

        mixed_paths = mix(build / "mlakb.db")
        if not args.skip_throughput:
            print("2. Throughput (requests per second; 10 threads for lookups, 20 for the mixed load)")
        for workers in () if args.skip_throughput else ((1, 2) if supports_workers() else (1,)):
            with serve(root, build, workers=workers) as base:
                load_test(base, mixed_paths, 400, 20)  # warm-up
                lk = load_test(base, [LOOKUP], args.lookups * 2, 10)
                mx = load_test(base, mixed_paths, args.mixed, 20)
            print(f"   {workers} worker(s): lookups {lk['rps']:.0f} req/s (p95 {lk['p95']:.1f} ms, errors {lk['errors']}); "
                  f"mixed {mx['rps']:.0f} req/s (p95 {mx['p95']:.1f} ms, errors {mx['errors']} {mx['failed'] or ''}); {mx['load']}")
        if args.gunicorn_path and not args.skip_throughput:
            port = free_port()
            command = [sys.executable, "-m", "gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-w", "2", "-b", f"127.0.0.1:{port}", "mlakb.serve:app()"]
            env = {"PYTHONPATH": str(args.gunicorn_path.resolve()), "MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build), "MLAKB_SITE": str(root / "site"),
                   "DATASETTE_SECRET": "bench", "MLAKB_SEARCH_PROCESSES": "1"}
            with running(command, port, env, root) as base:
                load_test(base, mixed_paths, 400, 20)  # warm-up
                lk = load_test(base, [LOOKUP], args.lookups * 2, 10)
                mx = load_test(base, mixed_paths, args.mixed, 20)
            print(f"   gunicorn + uvicorn workers, 2: lookups {lk['rps']:.0f} req/s (p95 {lk['p95']:.1f} ms, errors {lk['errors']}); "
                  f"mixed {mx['rps']:.0f} req/s (p95 {mx['p95']:.1f} ms, errors {mx['errors']} {mx['failed'] or ''})")

        if args.skip_attacks:
            return
        sys.stdout.flush()
        print(f"3. Attack cases (a fresh 1-worker server each; the client gives up after {args.attack_timeout:.0f} s)")
        for case in ATTACKS:
            r = attack(root, build, *case, timeout=args.attack_timeout)
            answer = f"{r['status']}" if r["status"] else "no answer"
            print(f"   {r['name']:<32} {answer:>9} after {r['seconds']:6.2f} s, {r['bytes']:>10,} bytes; lookups meanwhile p95 {r['lookup_p95']:.0f} ms ({r['lookups']} sent)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
