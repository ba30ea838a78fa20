"""Build time of the guide (both languages): the real directory, then the directory plus N synthetic jurisdictions.

    .venv/bin/python scripts/bench/guide_bench.py [--add 200] [--repeat 1]

Each build is a real `mkdocs build` of mkdocs.yml into a temporary folder; the synthetic records go into a copy of
directory/ (MLAKB_DIRECTORY), so the work tree is not touched.  Prints wall times and the cost per added jurisdiction.
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REGIONS = ["africa", "americas", "asia", "europe", "oceania"]


def synthetic(jid: str, n: int) -> dict:
    """A plausible, valid record: one central authority with contacts, three requirements, one source."""
    return {
        "id": jid, "iso2": "ZZ", "name": {"en": f"Synthetic State {n:04d}", "zh": f"合成国家 {n:04d}"},
        "region": REGIONS[n % len(REGIONS)],
        "authorities": [{
            "id": f"{jid}-moj", "name": {"en": "Ministry of Justice", "zh": "司法部"},
            "unit": "Department of International Cooperation", "kind": "central-authority", "handles": ["mla", "extradition"],
            "contact": {"address": f"{n} Example Street, Capital City", "phone": ["+1 613 555 0100"],
                        "email": [f"mla{n}@example.org"], "website": "https://example.org/mla", "timezone": "Europe/Paris"},
            "languages": ["en", "fr"], "channels": ["direct-central-authority", "diplomatic"],
            "urgent": "Send an advance copy by e-mail and the original by post.",
            "sources": ["s1"], "verified": "2026-11-01",
        }],
        "requirements": [
            {"topic": "languages", "text": "Requests in English or French, or with a certified translation.", "sources": ["s1"]},
            {"topic": "dual-criminality", "policy": "coercive-only", "text": "Dual criminality applies to coercive measures only.", "sources": ["s1"]},
            {"topic": "costs", "text": "Ordinary costs are borne by the requested State.", "measures": ["taking-evidence"], "sources": ["s1"]},
        ],
        "sources": [{"id": "s1", "title": "Synthetic benchmark source", "url": "https://example.org/source", "kind": "official"}],
        "verified": "2026-11-01",
    }


def free_ids(taken: set[str]):
    for letters in itertools.product(string.ascii_lowercase, repeat=3):
        jid = "".join(letters)
        if jid not in taken:
            yield jid


def build(directory: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="mlakb-bench-site-") as site:
        env = {**os.environ, "MLAKB_DIRECTORY": str(directory), "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", site],
                             cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if run.returncode:
            sys.exit(f"mkdocs build failed:\n{run.stdout}{run.stderr}")
        return elapsed


def timed(directory: Path, repeat: int) -> float:
    return statistics.median(build(directory) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add", type=int, default=200, help="synthetic jurisdictions to add (default 200)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per measurement; the median is shown")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mlakb-bench-records-") as scratch:
        records = Path(scratch) / "directory"
        shutil.copytree(ROOT / "directory", records)
        existing = {p.stem for p in (records / "jurisdictions").glob("*.yaml")}
        base = timed(records, args.repeat)
        print(f"real directory: {len(existing)} jurisdictions, build {base:.2f} s")

        for n, jid in zip(range(args.add), free_ids(existing)):
            path = records / "jurisdictions" / f"{jid}.yaml"
            path.write_text(yaml.safe_dump(synthetic(jid, n), allow_unicode=True, sort_keys=False), encoding="utf-8")
        grown = timed(records, args.repeat)
        total = len(existing) + args.add
        print(f"plus {args.add} synthetic: {total} jurisdictions, build {grown:.2f} s")
        if args.add:
            print(f"cost per added jurisdiction (two pages, zh + en): {(grown - base) / args.add * 1000:.1f} ms")


if __name__ == "__main__":
    main()
