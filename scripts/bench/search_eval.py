"""Search quality on labelled queries: recall@3, recall@5 and MRR, overall, per language and per group.

    python scripts/bench/search_eval.py                      # the index in build/treaty-index/
    python scripts/bench/search_eval.py --index PATH --queries tests/eval/treaty_queries.yaml --misses

Each query of tests/eval/treaty_queries.yaml names the article (or, as a list, the articles) a
practitioner expects; a hit counts when its instrument and article are one of them.  The rank of a
query is that of its first expected hit; reciprocal rank is 1/rank (0 when none is in the first ten
hits).  The language of a query is that of its words (zh when it has Chinese characters).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "eval" / "treaty_queries.yaml"
DEPTH = 10
CJK = re.compile(r"[\u3400-\u9fff]")
# China's cooperation laws added to the collection with issue 14
NEW_LAWS = frozenset({"cn-supervision-law-2018", "cn-supervision-law-2024", "cn-aml-law-2006", "cn-aml-law-2024",
                      "cn-criminal-procedure-law-2018", "cn-anti-organized-crime-law-2021", "cn-anti-telecom-fraud-law-2022"})


@dataclass
class Scores:
    queries: int = 0
    recall_at_3: float = 0.0
    recall_at_5: float = 0.0
    mrr: float = 0.0
    languages: dict[str, dict] = field(default_factory=dict)
    groups: dict[str, dict] = field(default_factory=dict)
    laws: dict[str, dict] = field(default_factory=dict)  # the queries on the laws added with issue 14, and the others
    misses: list[dict] = field(default_factory=list)


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def expected(item: dict) -> list[tuple[str, str]]:
    """The (instrument, article) pairs that answer the query."""
    expect = item["expect"] if isinstance(item["expect"], list) else [item["expect"]]
    return [(e["instrument"], str(e["article"])) for e in expect]


def on_new_laws(item: dict) -> bool:
    return any(instrument in NEW_LAWS for instrument, _ in expected(item))


def language_of(item: dict) -> str:
    return "zh" if CJK.search(item["query"]) else "en"


def rank_of(item: dict, index: Path) -> int | None:
    from mlakb.treaties.search import search

    hits = search(item["query"], lang=item.get("lang"), instrument=item.get("instrument"), limit=DEPTH, index_dir=index)
    want = set(expected(item))
    for rank, hit in enumerate(hits, 1):
        if (hit.instrument, hit.article) in want:
            return rank
    return None


def summary(ranks: list[int | None]) -> dict:
    if not ranks:
        return {"queries": 0, "recall_at_3": 0.0, "recall_at_5": 0.0, "mrr": 0.0}
    within = lambda n: round(sum(1 for r in ranks if r is not None and r <= n) / len(ranks), 3)  # noqa: E731
    return {"queries": len(ranks), "recall_at_3": within(3), "recall_at_5": within(5),
            "mrr": round(sum(1 / r for r in ranks if r is not None) / len(ranks), 3)}


def evaluate(index: Path, queries: list[dict]) -> Scores:
    scores = Scores(queries=len(queries))
    ranks, by_group, by_language, by_laws = [], {}, {}, {}
    for item in queries:
        rank = rank_of(item, index)
        ranks.append(rank)
        by_group.setdefault(item["group"], []).append(rank)
        by_language.setdefault(language_of(item), []).append(rank)
        by_laws.setdefault("new laws" if on_new_laws(item) else "others", []).append(rank)
        if rank is None or rank > 3:
            scores.misses.append({**item, "rank": rank})
    overall = summary(ranks)
    scores.recall_at_3, scores.recall_at_5, scores.mrr = overall["recall_at_3"], overall["recall_at_5"], overall["mrr"]
    scores.languages = {name: summary(r) for name, r in sorted(by_language.items())}
    scores.groups = {name: summary(r) for name, r in sorted(by_group.items())}
    scores.laws = {name: summary(r) for name, r in sorted(by_laws.items())}
    return scores


def _line(name: str, s: dict) -> str:
    return f"{name:9} {s['queries']:4} queries  recall@3 {s['recall_at_3']:.3f}  recall@5 {s['recall_at_5']:.3f}  MRR {s['mrr']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="index folder (default: build/treaty-index/)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--misses", action="store_true", help="list the queries whose article is not in the first three")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from mlakb.paths import paths

    scores = evaluate(args.index or paths().treaty_index, load_queries(args.queries))
    if args.json:
        print(json.dumps(asdict(scores), ensure_ascii=False, indent=2))
        return
    print(_line("all", {"queries": scores.queries, "recall_at_3": scores.recall_at_3, "recall_at_5": scores.recall_at_5, "mrr": scores.mrr}))
    print("by language of the query:")
    for name, s in scores.languages.items():
        print("  " + _line(name, s))
    print("by group (query language - text language):")
    for name, s in scores.groups.items():
        print("  " + _line(name, s))
    print("by subject (new laws: China's laws added with issue 14):")
    for name, s in scores.laws.items():
        print("  " + _line(name, s))
    if args.misses:
        for miss in scores.misses:
            want = ", ".join(f"{i} {a}" for i, a in expected(miss))
            print(f"  miss (rank {miss['rank']}): {miss['query']!r} -> {want}", file=sys.stderr)


if __name__ == "__main__":
    main()
