"""Search quality on labelled queries: recall@5 and MRR, overall and per group.

    python scripts/bench/search_eval.py                      # the index in build/treaty-index/
    python scripts/bench/search_eval.py --index PATH --queries tests/eval/treaty_queries.yaml --misses

Each query of tests/eval/treaty_queries.yaml names the article that must be found; a hit counts when
its instrument and article match.  Reciprocal rank is 1/rank of that article (0 when it is not in the
first ten hits).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "eval" / "treaty_queries.yaml"
DEPTH = 10


@dataclass
class Scores:
    queries: int = 0
    recall_at_5: float = 0.0
    mrr: float = 0.0
    groups: dict[str, dict] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def rank_of(item: dict, index: Path) -> int | None:
    from mlakb.treaties.search import search

    hits = search(item["query"], lang=item.get("lang"), instrument=item.get("instrument"), limit=DEPTH, index_dir=index)
    want = (item["expect"]["instrument"], str(item["expect"]["article"]))
    for rank, hit in enumerate(hits, 1):
        if (hit.instrument, hit.article) == want:
            return rank
    return None


def evaluate(index: Path, queries: list[dict]) -> Scores:
    scores = Scores(queries=len(queries))
    per_group: dict[str, list[int | None]] = {}
    for item in queries:
        rank = rank_of(item, index)
        per_group.setdefault(item["group"], []).append(rank)
        if rank is None or rank > 5:
            scores.misses.append({**item, "rank": rank})
    ranks = [r for group in per_group.values() for r in group]
    scores.recall_at_5, scores.mrr = _summary(ranks)
    for name, group in per_group.items():
        recall, mrr = _summary(group)
        scores.groups[name] = {"queries": len(group), "recall_at_5": recall, "mrr": mrr}
    return scores


def _summary(ranks: list[int | None]) -> tuple[float, float]:
    if not ranks:
        return 0.0, 0.0
    recall = sum(1 for r in ranks if r is not None and r <= 5) / len(ranks)
    mrr = sum(1 / r for r in ranks if r is not None) / len(ranks)
    return round(recall, 3), round(mrr, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="index folder (default: build/treaty-index/)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--misses", action="store_true", help="list the queries whose article is not in the first five")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from mlakb.paths import paths

    scores = evaluate(args.index or paths().treaty_index, load_queries(args.queries))
    if args.json:
        print(json.dumps(asdict(scores), ensure_ascii=False, indent=2))
        return
    print(f"{scores.queries} queries: recall@5 {scores.recall_at_5:.3f}, MRR {scores.mrr:.3f}")
    for name, group in sorted(scores.groups.items()):
        print(f"  {name:6} {group['queries']:3} queries: recall@5 {group['recall_at_5']:.3f}, MRR {group['mrr']:.3f}")
    if args.misses:
        for miss in scores.misses:
            print(f"  miss (rank {miss['rank']}): {miss['query']!r} -> {miss['expect']['instrument']} {miss['expect']['article']}", file=sys.stderr)


if __name__ == "__main__":
    main()
