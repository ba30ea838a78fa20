"""Benchmark of the pages for people and of the honest canned queries, on a real Datasette on loopback.

    .venv/bin/python scripts/bench/web_bench.py [--requests 2000] [--concurrency 10] [--json-at-bare-routes]

Builds the real directory's database and treaty index into a temporary folder, serves them, and prints p50/p95
and requests per second for, side by side:
- the canned query "central authority of X" (whose parameters the guard checks, and whose list columns come out
  as JSON arrays) against the same SQL sent as arbitrary SQL (no canned-query check): the cost of the check;
- /-/basis and /-/search as JSON and as HTML pages: the cost of rendering a page.
`--json-at-bare-routes` asks the bare routes for JSON (as versions before the HTML pages answered), so the same
script measures an older checkout: run it with PYTHONPATH=<old checkout>/scripts and MLAKB_ROOT=<old checkout>.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import urllib.parse
from pathlib import Path

REPO = Path(os.environ.get("MLAKB_ROOT") or Path(__file__).resolve().parents[2])
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
sys.path.insert(0, str(Path(__file__).parent))
from conftest import run_mlakb, serving  # noqa: E402
from loadgen import load_test  # noqa: E402

SQL = """select a.id as authority, a.name_en, a.handles from authorities a
where a.jurisdiction in (select id from jurisdictions where lower(name_en) = lower(trim(:jurisdiction)))
  and a.kind = 'central-authority'"""
QUERIES = ["双重犯罪", "central authority", "引渡 死刑", "bank secrecy", "请求书 应当载明", "video conference"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--json-at-bare-routes", action="store_true")
    args = parser.parse_args()
    json_suffix = "" if args.json_at_bare_routes else ".json"
    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "build"
        result = run_mlakb("build", "--only", "database", "--only", "index", root=REPO, build=build)
        if result.returncode != 0:
            raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
        conn = sqlite3.connect(build / "mlakb.db")
        names = [r[0] for r in conn.execute("select name_en from jurisdictions where has_central_authority order by id")]
        states = [r[0] for r in conn.execute("select id from jurisdictions where id != 'chn' order by id")]
        conn.close()
        q = urllib.parse.quote
        mixes = {
            "canned central_authority (checked)": [f"/mlakb/central_authority.json?_shape=array&matter=mla&jurisdiction={q(n)}" for n in names],
            "same lookup as arbitrary SQL": [f"/mlakb.json?_shape=array&sql={q(SQL)}&jurisdiction={q(n)}" for n in names],
            "/-/basis JSON": [f"/-/basis{json_suffix}?from=chn&to={s}&measure=bank-records" for s in states],
            "/-/search JSON": [f"/-/search{json_suffix}?q={q(text)}" for text in QUERIES],
        }
        if not args.json_at_bare_routes:
            mixes["/-/basis page (HTML)"] = [f"/-/basis?from=chn&to={s}&measure=bank-records" for s in states]
            mixes["/-/search page (HTML)"] = [f"/-/search?q={q(text)}" for text in QUERIES]
        with serving(REPO, build) as base:
            print(f"Datasette on loopback ({REPO.name}), {args.requests} requests per mix at concurrency {args.concurrency}:")
            print(f"{'mix':<36} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7}")
            for label, paths in mixes.items():
                load_test(base, paths, 100, args.concurrency)  # warm-up
                r = load_test(base, paths, args.requests, args.concurrency)
                print(f"{label:<36} {r['p50']:8.2f} {r['p95']:8.2f} {r['rps']:8.0f} {r['errors']:7d}")


if __name__ == "__main__":
    main()
