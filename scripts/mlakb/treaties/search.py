"""Search the treaty index: `search(query, ...) -> list[Hit]` (query syntax: see query.py).

Paragraphs are scored (see index.py) and gathered into articles: an article's score is that of its
best paragraph, which the hit names and links to.  A paragraph with every word of a query of free
words scores on the query as typed (weighted ALL_WORDS_BOOST) and on the query with its words OR-ed,
one with some of the words on the second only: those with every word come first unless a paragraph
with fewer is much closer to the terms.  Explicit operators hold throughout.  Hits come in score order.
"""
from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq

from ..paths import paths as default_paths
from .analysis import CJK_CHAR, CONCEPT_PREFIX, english_analyzer
from .glossary import read_forms
from .index import GLOSSARY_FILE, MANIFEST_FILE
from .query import KINDS, QueryTooCostly, SearchError, filters, make_parser, only_language, parse_query, relax

__all__ = ["KINDS", "Hit", "IndexMissing", "QueryTooCostly", "SearchError", "search"]

SNIPPET_CHARS = 240
SNIPPET_PARAGRAPHS = 2
ALL_WORDS_BOOST = 1.0  # the weight of the query with every word, added to that of the query with some of them
CANDIDATES_PER_HIT = 3  # paragraphs fetched for each hit asked for: several may belong to one article
MAX_CANDIDATES = 5000


class IndexMissing(SearchError):
    """No index at the path: `mlakb build` makes it."""


@dataclass(frozen=True)
class Hit:
    """One article that answers the query, by the paragraph that answers best.

    `url` links to that paragraph (`...#art-18-18`), `article_url` to the article (`...#art-18`);
    `paragraph` is its cite ("18(18)", or "18" when the article's paragraphs are not numbered) and
    `anchor` its anchor ("art-18-18").  `paragraphs` lists every paragraph of the article that matched,
    best first.  Hits come in score order.
    """

    instrument: str
    article: str  # "18", "6" (第六条), "preamble"
    label: str  # the heading as printed: "Article 18", "第六条"
    paragraphs: list[str]  # the paragraphs where the terms were found, best first: ["18(13)", "18(14)"]
    language: str
    title: str | None  # the article's title
    instrument_title: str
    kind: str
    score: float
    snippet: str  # HTML-escaped text of the best paragraphs with <mark> around the matches
    url: str  # the guide link of the best paragraph
    text_id: str  # the text file the hit comes from (ets030 or ets030-consolidated)
    paragraph: str = ""  # the cite of the best paragraph
    anchor: str = ""  # its anchor in the guide page
    article_url: str = ""  # the guide link of the article

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=4)
def _open(folder: str, stamp: int):
    """The index of a folder, its query parser and glossary forms; `stamp` (the manifest's mtime) renews them after a rebuild."""
    ix = whoosh_index.open_dir(folder)
    forms = read_forms(Path(folder) / GLOSSARY_FILE)
    return ix, make_parser(ix.schema, forms), forms


def _index_key(index_dir: Path | None) -> tuple[str, int]:
    folder = Path(index_dir or default_paths().treaty_index)
    manifest = folder / MANIFEST_FILE
    if not manifest.is_file() or not whoosh_index.exists_in(str(folder)):
        raise IndexMissing(f"the treaty index has not been built ({folder}): run mlakb build")
    return str(folder), manifest.stat().st_mtime_ns


def open_index(index_dir: Path | None = None):
    return _open(*_index_key(index_dir))


_per_thread = threading.local()


def _searcher(key: tuple[str, int], ix):
    """This thread's searcher of the index: opening one reads the index's table of contents and unpickles its
    schema (the analysers and their glossary), which costs more than most searches.  Searchers are not
    shared between threads; one of an index that has been rebuilt since is closed."""
    searchers = _per_thread.__dict__.setdefault("searchers", {})
    if key not in searchers:
        for old in [k for k in searchers if k[0] == key[0]]:
            searchers.pop(old).close()
        searchers[key] = ix.searcher()
    return searchers[key]


def _union_trees(q):
    """Or queries as trees of union matchers: Whoosh preloads every match of an Or into an array on small
    indexes (under 5,000 documents), which costs more than the top-N search it feeds (see search_bench.py)."""
    if isinstance(q, wq.Or):
        q.matcher_type = wq.Or.DEFAULT_MATCHER
    for child in q.children():
        _union_trees(child)
    return q


def _boosted(q, boost: float):
    q = q.copy()
    q.boost = boost
    return q


def _looked_for(q, reader) -> set[str]:
    """The words the query looks for (wildcards expanded; not those under NOT), to highlight."""
    if isinstance(q, wq.Not):
        return set()
    if isinstance(q, wq.MultiTerm):
        return {t.decode("utf-8") if isinstance(t, bytes) else t for t in q._btexts(reader)}
    children = list(q.children())
    if children:
        return set().union(*(_looked_for(child, reader) for child in children))
    return {t.decode("utf-8") if isinstance(t, bytes) else t for _, t in q.terms(phrases=True)}


@lru_cache(maxsize=2048)
def _form_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """The surface forms of a glossary entry in a text: Chinese forms as written, English forms word by word,
    each word by its stem (plurals and other endings), with up to one word (of, the) between two."""
    stem = english_analyzer()
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        if CJK_CHAR.search(form):
            alternatives.append(re.escape(form))
        elif stems := [t.text for t in stem(form)]:
            alternatives.append(r"\b" + r"\w*(?:\W+\w+)?\W+".join(re.escape(s) for s in stems) + r"\w*")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _marks(text: str, analyzer, wanted: set[str], patterns: list[re.Pattern]) -> list[tuple[int, int]]:
    """Character spans of the words of `text` the query looked for, and of the glossary forms of its
    concepts, merged where they overlap.  (Query-mode analysis: the words as typed, no sub-words.)"""
    spans = [(t.startchar, t.endchar) for t in analyzer(text, mode="query", chars=True) if t.text in wanted]
    for pattern in patterns:
        spans += [m.span() for m in pattern.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fragment(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text around the first matches, at most SNIPPET_CHARS long, with <mark> around each match."""
    begin = max(0, spans[0][0] - 60) if spans else 0
    end = min(len(text), begin + SNIPPET_CHARS)
    out, cursor = [], begin
    for start, stop in spans:
        if start >= end:
            break
        if start < cursor:
            continue
        out += [html.escape(text[cursor:start], quote=False), f"<mark>{html.escape(text[start:stop], quote=False)}</mark>"]
        cursor = stop
    out.append(html.escape(text[cursor:max(end, cursor)], quote=False))
    return ("…" if begin else "") + "".join(out) + ("…" if max(end, cursor) < len(text) else "")


def _snippet(searcher, language: str, texts: list[str], wanted: set[str], patterns: list[re.Pattern]) -> str:
    analyzer = searcher.schema[f"text_{language}"].analyzer
    fragments = []
    for text in texts[:SNIPPET_PARAGRAPHS]:
        spans = _marks(text, analyzer, wanted, patterns)
        if spans or not fragments:
            fragments.append(_fragment(text, spans))
    return " … ".join(fragments)


def _candidates(searcher, q, filter_q, limit: int) -> list[dict]:
    """The best articles: per unit its best weighted score and its matched paragraphs, best first."""
    wanted = limit * CANDIDATES_PER_HIT
    while True:
        results = searcher.search(q, limit=wanted, filter=filter_q)
        units: dict[str, dict] = {}
        for hit in results:
            fields = hit.fields()
            score = hit.score * fields.get("weight", 1.0)
            unit = units.setdefault(fields["unit"], {"score": score, "best": fields, "paragraphs": []})
            if score > unit["score"]:
                unit["score"], unit["best"] = score, fields
            if fields["paragraphs"] not in [p for p, _, _ in unit["paragraphs"]]:
                unit["paragraphs"].append((fields["paragraphs"], score, fields[f"text_{fields['language']}"]))
        if len(units) >= limit or len(results) < wanted or wanted >= MAX_CANDIDATES:
            return sorted(units.values(), key=lambda u: -u["score"])[:limit]
        wanted = min(wanted * 4, MAX_CANDIDATES)


def search(query: str, lang: str | None = None, instrument: str | None = None, kind: str | None = None,
           limit: int = 10, index_dir: Path | None = None) -> list[Hit]:
    """Search the treaty index; raise SearchError (with a message for the user) on a bad query.

    `lang` (zh, en), `instrument` (an instrument id) and `kind` (multilateral, bilateral,
    domestic-law) narrow the search; `index_dir` defaults to build/treaty-index/.
    QueryTooCostly (a SearchError) refuses query forms that would cost too much to run.
    """
    if limit < 1:
        raise SearchError("limit must be at least 1")
    key = _index_key(index_dir)
    ix, parser, forms = _open(*key)
    filter_q = filters(lang, instrument, kind)
    searcher = _searcher(key, ix)
    strict = parse_query(query, parser, searcher.reader())
    if lang:
        strict = only_language(strict, lang)
    relaxed = relax(strict, query, searcher.reader())
    # one pass: a paragraph with every word scores on both queries, one with some of them on the second
    q = _union_trees(strict if relaxed is None else wq.Or([_boosted(strict, ALL_WORDS_BOOST), relaxed]))
    ranked = _candidates(searcher, q, filter_q, limit)
    terms = _looked_for(relaxed or strict, searcher.reader()) if ranked else set()
    entries = {int(t[1:].split(".")[0]) for t in terms if t.startswith(CONCEPT_PREFIX)}
    patterns = [_form_pattern(tuple(forms[entry])) for entry in sorted(entries)]
    hits = []
    for unit in ranked:
        best = unit["best"]
        language = best["language"]
        paragraphs = sorted(unit["paragraphs"], key=lambda p: -p[1])
        hits.append(Hit(
            instrument=best["instrument"], article=best["article"], label=best["label"],
            paragraphs=[cite for cite, _, _ in paragraphs], language=language, title=best.get("title") or None,
            instrument_title=best["instrument_title"], kind=best["kind"], score=round(unit["score"], 4),
            snippet=_snippet(searcher, language, [text for _, _, text in paragraphs], terms, patterns),
            url=best["url"], text_id=best["text_id"], paragraph=best["paragraphs"], anchor=best["anchor"],
            article_url=best["article_url"]))
    return hits


def hits_json(hits: list[Hit]) -> str:
    return json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2)
