"""The one-pass ranking of free words (treaties/ranking.py), with the field lengths read once (search.py), gives
Whoosh's own ranking of `strict OR relaxed`."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from whoosh import query as wq

import treaty_indexes
from mlakb.treaties import ranking
from mlakb.treaties import search as search_module
from mlakb.treaties.query import only_language, parse_query, relax

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "bench"))
import search_eval  # noqa: E402


def rankings(index: Path, query: str, lang: str | None = None, instrument: str | None = None, limit: int = 30):
    """(one-pass ranking, Whoosh's ranking of the two queries), or None when the query has no free words."""
    key = search_module._index_key(index)
    opened = search_module._open(*key)
    this = search_module._searcher(key, opened)
    reader = this.searcher.reader()
    strict = parse_query(query, opened.parser, reader)
    if lang:
        strict = only_language(strict, lang)
    words = relax(strict, query, reader)
    if words is None:
        return None
    allowed = this.allowed(lang, instrument, None)
    with opened.ix.searcher() as plain:  # Whoosh's own BM25F, reading the lengths from the index
        whoosh = plain.search(wq.Or([words.strict(), words.relaxed()]), limit=limit, filter=allowed).top_n
    return ranking.top(this.searcher, words, allowed, limit), whoosh


def same(ours, whoosh) -> bool:
    return [d for _, d in ours] == [d for _, d in whoosh] and all(
        abs(a - b) <= 1e-9 * max(1.0, b) for (a, _), (b, _) in zip(ours, whoosh))


def test_the_labelled_queries_rank_as_whoosh_ranks_them():
    compared = 0
    for item in search_eval.load_queries():
        pair = rankings(treaty_indexes.real_index(), item["query"], item.get("lang"), item.get("instrument"))
        if pair is not None:
            compared += 1
            assert pair[0] and same(*pair), item["query"]
    assert compared >= 80


@pytest.mark.parametrize("query", [
    "instrument:untoc central authority request",  # a field term every hit needs
    "extradition request NOT speciality",  # a clause no hit has
    "引渡 请求 拒绝",
    "speciality zebra",  # a word no paragraph has
])
def test_required_and_excluded_clauses_hold(query):
    ours, whoosh = rankings(treaty_indexes.fixture_index(), query)
    assert ours and same(ours, whoosh)



def test_the_faster_skip_to_stops_where_whoosh_stops():
    import random

    from whoosh import index as whoosh_index
    from whoosh.codec.whoosh3 import W3LeafMatcher

    def whoosh_skip_to(m, target):  # Whoosh's own: posting by posting
        if target > m.block_max_id():
            m._skip_to_block(lambda: target > m.block_max_id())
        while m.is_active() and m.id() < target:
            m.next()

    reader = whoosh_index.open_dir(str(treaty_indexes.real_index())).reader()
    terms = [(f, t) for f, t in reader.all_terms() if f == "text_en" and reader.doc_frequency(f, t) > 300][:30]
    rng, skips = random.Random(14), 0
    for field, text in terms:
        ours, theirs = reader.postings(field, text), reader.postings(field, text)
        assert isinstance(ours, W3LeafMatcher) and W3LeafMatcher.skip_to is ranking._skip_to
        target = 0
        while theirs.is_active():
            target += rng.randint(1, 60)
            whoosh_skip_to(theirs, target)
            ours.skip_to(target)
            assert ours.is_active() == theirs.is_active() and (not ours.is_active() or ours.id() == theirs.id())
            skips += 1
    reader.close()
    assert len(terms) == 30 and skips > 1000
