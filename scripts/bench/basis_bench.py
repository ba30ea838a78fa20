"""Time of the legal-basis finder against the real database, and what taking authorities in the record's order costs.

    .venv/bin/python scripts/bench/basis_bench.py [--rounds 5] [--database build/mlakb.db]

Prints, as medians over the rounds:
- `basis_report` from China to every other State (ms per report);
- the addressee without a designation for every (State, matter): central authorities in the record's order (the
  order `mlakb.query.authority` uses; editors list the main authority first) against the order by kind and id it
  replaced, and their ratio.
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
from mlakb.query import authority  # noqa: E402
from mlakb.query.basis import basis_report  # noqa: E402
from mlakb.query.lookup import connect  # noqa: E402

PLAIN = "select a.id from authorities a join authority_matters m on m.authority = a.id where a.jurisdiction = ? and m.matter = ? order by a.kind != 'central-authority', a.id"
RECORD = "select a.id from authorities a join authority_matters m on m.authority = a.id where a.jurisdiction = ? and m.matter = ?" + authority._RECORD_ORDER


def timed(fn, rounds: int) -> float:
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database", type=Path, default=REPO / "build" / "mlakb.db")
    args = parser.parse_args()
    conn = connect(args.database)
    states = [r[0] for r in conn.execute("select id from jurisdictions where id != 'chn' order by id")]
    pairs = [(s, m) for s in states for m in ("mla", "extradition", "asset-recovery")]
    reports = timed(lambda: [basis_report(args.database, "chn", s) for s in states], args.rounds)
    plain = timed(lambda: [conn.execute(PLAIN, p).fetchone() for p in pairs], args.rounds)
    in_order = timed(lambda: [conn.execute(RECORD, p).fetchone() for p in pairs], args.rounds)
    changed = sum(conn.execute(PLAIN, p).fetchone() != conn.execute(RECORD, p).fetchone() for p in pairs)
    print(f"basis_report chn -> {len(states)} States: {reports / len(states) * 1000:.2f} ms per report")
    print(f"addressee without a designation, {len(pairs)} (State, matter) pairs: record order {in_order / len(pairs) * 1e6:.0f} us, "
          f"kind and id {plain / len(pairs) * 1e6:.0f} us, ratio {in_order / plain:.2f}; the two orders pick different authorities for {changed} pairs")


if __name__ == "__main__":
    main()
