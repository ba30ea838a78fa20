"""Search quality on the labelled queries of tests/eval/treaty_queries.yaml, with the real glossary.

The figures reached when the queries were labelled (issue 14, 159 queries): recall@3 0.981, recall@5
1.000, MRR 0.914.  The test holds the targets of the issue, which leave a margin of a few queries.
"""
from __future__ import annotations

import sys
from pathlib import Path

import treaty_indexes
from mlakb.treaties.articles import parse_file

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "bench"))
import search_eval  # noqa: E402

MIN_RECALL_AT_3 = 0.93
MIN_RECALL_AT_5 = 0.97
MIN_MRR = 0.90


def test_the_labelled_queries_cover_each_direction_and_name_real_articles():
    queries = search_eval.load_queries()
    groups = {q["group"] for q in queries}
    assert len(queries) >= 150 and groups == {"zh", "en", "zh-en", "en-zh"}
    assert sum(search_eval.language_of(q) == "zh" for q in queries) >= 60
    assert sum(search_eval.on_new_laws(q) for q in queries) >= 30
    units = {}
    for path in (ROOT / "kb" / "treaties").glob("*.md"):
        treaty = parse_file(path)
        units.setdefault(treaty.instrument, set()).update(a.number for a in treaty.articles if a.paragraphs)
    for q in queries:
        for instrument, article in search_eval.expected(q):
            assert article in units[instrument], q


def test_recall_and_mrr_stay_where_they_were():
    scores = search_eval.evaluate(treaty_indexes.real_index(), search_eval.load_queries())
    misses = [(m["query"], m["rank"]) for m in scores.misses]
    assert scores.recall_at_3 >= MIN_RECALL_AT_3, misses
    assert scores.recall_at_5 >= MIN_RECALL_AT_5, misses
    assert scores.mrr >= MIN_MRR, misses
    for language, figures in scores.languages.items():
        assert figures["recall_at_5"] >= MIN_RECALL_AT_5 - 0.03, (language, figures)
