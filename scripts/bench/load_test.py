"""Bounded load test of the whole API on loopback: a mix of lookups, searches and basis queries.

    .venv/bin/python scripts/bench/load_test.py [--requests 20000] [--concurrency 20] [--workers N] [--without-cache]

Builds the real directory's database and treaty index into a temporary folder, serves them with
`mlakb serve`, sends exactly --requests requests and exits 1 if any answer is not a 200.  The mix repeats
12 treaty searches and about 200 basis questions, which the server's answer caches answer after their first
time; --without-cache runs the same load again against a server without those caches (every answer
computed), to compare.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
from loadgen import load_test, serve  # noqa: E402

SEARCHES = ["中央机关", "central authority", "双重犯罪", "dual criminality", "引渡", "extradition", "bank secrecy", "没收", '"video conference"', "confiscation AND proceeds", "司法协助 OR 引渡", "联络机关"]


def mix(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("select name_en from jurisdictions")]
    ids = [r[0] for r in conn.execute("select id from jurisdictions")]
    conn.close()
    lookups = [f"/mlakb/central_authority.json?_shape=array&matter=mla&jurisdiction={urllib.parse.quote(n)}" for n in names]
    rows = [f"/mlakb/jurisdictions/{i}.json" for i in ids]
    searches = [f"/-/search.json?q={urllib.parse.quote(q)}&limit=10" for q in SEARCHES]
    basis = [f"/-/basis.json?from=chn&to={i}" for i in ids if i != "chn"]  # from a State to itself is a 400
    # weights: half lookups, a quarter searches, a quarter basis queries
    return lookups + rows + searches * (len(lookups + rows) // (2 * len(searches))) + basis[: (len(lookups) + len(rows)) // 2]


@contextlib.contextmanager
def built_copy():
    """(root, build) of a temporary copy of the repository's records with the database and treaty index built."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        for name in ("directory", "kb"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "pyproject.toml", root)
        shutil.copy(REPO / "mkdocs.yml", root)
        build = root / "build"
        env = {**os.environ, "MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build)}
        result = subprocess.run([sys.executable, "-m", "mlakb", "build", "--only", "database", "--only", "index"], env=env, cwd=root, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise SystemExit(result.stdout + result.stderr)
        yield root, build


def run(requests: int, concurrency: int, workers: int | None = None) -> dict:
    return runs(requests, concurrency, workers)[0]


def runs(requests: int, concurrency: int, workers: int | None = None, settings: list[dict] = ({},)) -> list[dict]:
    """One load test per entry of `settings` (environment added to the server's), over the same build."""
    results = []
    with built_copy() as (root, build):
        paths = mix(build / "mlakb.db")
        for env in settings:
            with serve(root, build, workers=workers, env=env) as base:
                load_test(base, paths, 400, concurrency)  # warm-up
                results.append(load_test(base, paths, requests, concurrency))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: mlakb serve's, the number of cores)")
    parser.add_argument("--without-cache", action="store_true", help="then the same load with the answer caches off (MLAKB_ANSWER_CACHE_MB=0)")
    args = parser.parse_args()
    settings = [{}, {"MLAKB_ANSWER_CACHE_MB": "0"}] if args.without_cache else [{}]
    results = runs(args.requests, args.concurrency, args.workers, settings)
    for env, r in zip(settings, results):
        label = "answer caches off" if env else "as served"
        print(f"{label}: {r['requests']} requests at concurrency {args.concurrency}, {args.workers or 'default'} worker(s): {r['errors']} errors {r['failed'] or ''}, "
              f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, {r['rps']:.0f} req/s; {r['load']}")
        print("   p50/p95 by route: " + ", ".join(f"{kind} {r['p50_by_kind'][kind]:.1f}/{p95:.1f} ms" for kind, p95 in r["p95_by_kind"].items()))
    sys.exit(1 if any(r["errors"] for r in results) else 0)


if __name__ == "__main__":
    main()
