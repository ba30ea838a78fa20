"""Benchmark of the directory pipeline and the API.

    .venv/bin/python scripts/bench/directory_bench.py [--requests 3000] [--concurrency 10]

1. `mlakb check` and `mlakb build` (as subprocesses, like a maintainer runs them) on the real
   directory and on a synthetic directory 10x larger (every record with ten times its authorities and
   requirements: ISO 3166 caps the number of jurisdictions, so the volume grows inside the records).
2. Lookup latency of a real Datasette on loopback: p50/p95 and requests per second at the given
   concurrency, for the canned query "central authority of X", a table lookup by primary key and the
   legal-basis route, side by side with direct SQLite queries of the same answers (the floor).
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(Path(__file__).parent))
from conftest import run_mlakb, serving  # noqa: E402
from loadgen import load_test, percentile  # noqa: E402


def timed(*args, root: Path, build: Path) -> float:
    started = time.perf_counter()
    result = run_mlakb(*args, root=root, build=build)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"mlakb {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


def copy_repo(target: Path) -> Path:
    for name in ("directory", "kb", "scripts"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(REPO / name, target / name)
    return target


class NoAliases(yaml.SafeDumper):
    """Repeated facts are written out in full: records may not use anchors."""

    def ignore_aliases(self, data):
        return True


def enlarge(root: Path, factor: int = 10) -> int:
    """Multiply the authorities and requirements of every jurisdiction record by `factor`."""
    total = 0
    for path in sorted((root / "directory/jurisdictions").glob("*.yaml")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        record = yaml.safe_load(body)
        authorities = record.get("authorities", [])
        record["authorities"] = authorities + [{**a, "id": f"{a['id']}-s{n}"} for n in range(1, factor) for a in authorities]
        record["requirements"] = record.get("requirements", []) * factor
        total += len(record["authorities"])
        path.write_text(head + "\n" + yaml.dump(record, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return total


def sqlite_floor(db: Path, states: list[str], n: int) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    latencies = []
    for i in range(n):
        started = time.perf_counter()
        conn.execute("select * from central_authorities where jurisdiction = ?", (states[i % len(states)],)).fetchall()
        latencies.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(latencies), "p95": percentile(latencies, 95)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        real = copy_repo(tmp / "real")
        big = copy_repo(tmp / "big")
        authorities = enlarge(big)
        rows = []
        for label, root in (("real", real), ("10x", big)):
            build = root / "build"
            check = min(timed("check", root=root, build=build) for _ in range(3))
            # `build --only database` checks again, then writes the database: the maintainer's whole loop
            built = min(timed("build", "--only", "database", root=root, build=build) for _ in range(3))
            rows.append((label, check, built))
        print(f"synthetic directory: {authorities} authorities (real: {sum(1 for _ in real.glob('directory/jurisdictions/*.yaml'))} records)")
        print(f"{'directory':<10} {'check s':>8} {'check+database s':>17}")
        for label, check, built in rows:
            print(f"{label:<10} {check:8.2f} {built:17.2f}")
        print(f"ratio 10x/real: check {rows[1][1] / rows[0][1]:.2f}, check+database {rows[1][2] / rows[0][2]:.2f}")
        full = timed("build", root=real, build=real / "build")
        print(f"full build of the real directory (check, database, treaty index, guide in both languages): {full:.1f} s")

        build = real / "build"
        conn = sqlite3.connect(build / "mlakb.db")
        states = [r[0] for r in conn.execute("select id from jurisdictions where has_central_authority order by id")]
        names = [r[0] for r in conn.execute("select name_en from jurisdictions order by id")]
        conn.close()
        with serving(real, build) as base:
            mixes = {
                "canned query central_authority": [f"/mlakb/central_authority.json?_shape=array&matter=mla&jurisdiction={urllib.parse.quote(n)}" for n in names],
                "row by primary key": [f"/mlakb/jurisdictions/{s}.json" for s in states],
                "legal basis /-/basis": [f"/-/basis.json?from=chn&to={s}" for s in states],
            }
            for concurrency in sorted({1, args.concurrency}):
                print(f"\nDatasette on loopback, {args.requests} requests per mix at concurrency {concurrency}:")
                print(f"{'mix':<34} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7}")
                for label, paths in mixes.items():
                    load_test(base, paths, 200, concurrency)  # warm-up
                    r = load_test(base, paths, args.requests, concurrency)
                    print(f"{label:<34} {r['p50']:8.2f} {r['p95']:8.2f} {r['rps']:8.0f} {r['errors']:7d}")
        floor = sqlite_floor(build / "mlakb.db", states, 5000)
        print(f"{'direct SQLite (same lookup)':<34} {floor['p50']:8.3f} {floor['p95']:8.3f}")


if __name__ == "__main__":
    main()
