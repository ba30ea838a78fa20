"""Time of checking and rendering a draft request against the real directory, step by step.

    .venv/bin/python scripts/bench/request_bench.py [--rounds 50] [--database build/mlakb.db]

For a bank-records request to Canada and an extradition request to France (tests/fixtures/requests/), prints the
median and p95 of: gathering the directory's facts (what the form's check does on every keystroke, after a pause),
running the rules on facts already gathered, the whole check, and rendering the letter as Markdown and as DOCX.
Build the database first (`mlakb build --only database`).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from mlakb.common.clock import today  # noqa: E402
from mlakb.records.loader import load  # noqa: E402
from mlakb.requests import rules, validate  # noqa: E402
from mlakb.requests.checker import check_document  # noqa: E402
from mlakb.requests.facts import gather  # noqa: E402
from mlakb.requests.render import render_docx, render_markdown  # noqa: E402

DRAFTS = {"bank records to Canada": "complete.yaml", "extradition to France": "extradition-france.yaml"}


def timed(function, rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--database", type=Path, default=REPO / "build" / "mlakb.db")
    args = parser.parse_args()
    if not args.database.exists():
        print(f"no database at {args.database}: run `mlakb build --only database` first", file=sys.stderr)
        return 2
    day = today()
    print(f"{args.rounds} rounds each, milliseconds (median / p95)")
    for name, file in DRAFTS.items():
        doc = load(REPO / "tests" / "fixtures" / "requests" / file)
        draft, problems = validate.parse(doc)
        if problems:
            print(f"{name}: the draft has problems: {problems[0]}", file=sys.stderr)
            return 1
        facts = gather(args.database, draft, day)
        steps = {
            "gather the directory's facts": lambda: gather(args.database, draft, day),
            "rules on gathered facts": lambda: rules.check(draft, facts),
            "whole check (parse, gather, rules)": lambda: check_document(doc, args.database, day),
            "letter as Markdown (zh + en)": lambda: render_markdown(draft, facts, "both"),
            "letter as DOCX (zh + en)": lambda: render_docx(draft, facts, "both"),
        }
        print(f"\n{name} ({len(rules.check(draft, facts))} findings)")
        for label, function in steps.items():
            median, p95 = timed(function, args.rounds)
            print(f"  {label:<38} {median:8.2f} / {p95:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
