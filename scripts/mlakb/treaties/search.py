"""Search the treaty index: `search(query, ...) -> list[Hit]` (query syntax: see query.py).

Paragraphs are scored (see index.py) and gathered into articles: an article's score is that of its
best paragraph, which the hit names and links to.  A paragraph with every word of a query of free
words scores more than one with some of them (ranking.py): those with every word come first unless a
paragraph with fewer is much closer to the terms.  Explicit operators hold throughout.  Hits come in score order.
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
from whoosh import scoring

from ..paths import paths as default_paths
from . import ranking
from .analysis import CJK_CHAR, CONCEPT_PREFIX, english_analyzer, stem
from .glossary import read_forms
from .index import GLOSSARY_FILE, MANIFEST_FILE, TABLE_FILE, read_table
from .query import KINDS, QueryTooCostly, SearchError, filters, make_parser, only_language, parse_query, relax

__all__ = ["KINDS", "Hit", "IndexMissing", "QueryTooCostly", "SearchError", "search"]

SNIPPET_CHARS = 240
SNIPPET_PARAGRAPHS = 2
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


@dataclass
class _Index:
    """An opened index: Whoosh's, its query parser and glossary forms, the side table, the side-table row of
    each document number, and the scoring with the field lengths read once."""

    ix: object
    parser: object
    forms: list
    articles: list[dict]
    paragraphs: list[tuple]
    rows: list[int]
    weighting: scoring.WeightingModel


class _KnownLengths(scoring.BM25F):
    """Whoosh's BM25F, reading each paragraph's field lengths from lists made when the index is opened
    (Whoosh reads them from its length column at every posting it scores)."""

    def __init__(self, lengths: dict[str, list[int]]):
        super().__init__()
        self.lengths = lengths

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if fieldname in self.lengths and isinstance(scorer, scoring.BM25FScorer):
            scorer.dfl = self.lengths[fieldname].__getitem__
        return scorer


@lru_cache(maxsize=4)
def _open(folder: str, stamp: int) -> _Index:
    """The index of a folder; `stamp` (the manifest's mtime) renews it after a rebuild."""
    if not whoosh_index.exists_in(folder):
        raise IndexMissing(f"the treaty index has not been built ({folder}): run mlakb build")
    if not (Path(folder) / TABLE_FILE).is_file():
        raise IndexMissing(f"the treaty index ({folder}) was made by an earlier version of mlakb: run mlakb build")
    ix = whoosh_index.open_dir(folder)
    forms = read_forms(Path(folder) / GLOSSARY_FILE)
    articles, paragraphs = read_table(Path(folder))
    with ix.reader() as reader:
        rows = list(reader.column_reader("row"))
        lengths = {}
        if reader.is_atomic():  # one segment (as index.py writes it): document numbers are the segment's
            scored = [name for name, field in ix.schema.items() if field.scorable]
            lengths = {name: [reader.doc_field_length(d, name, 1) for d in range(reader.doc_count_all())] for name in scored}
    return _Index(ix, make_parser(ix.schema, forms), forms, articles, paragraphs, rows, _KnownLengths(lengths))


def _index_key(index_dir: Path | None) -> tuple[str, int]:
    folder = Path(index_dir or default_paths().treaty_index)
    try:
        return str(folder), (folder / MANIFEST_FILE).stat().st_mtime_ns
    except OSError:
        raise IndexMissing(f"the treaty index has not been built ({folder}): run mlakb build") from None


def open_index(index_dir: Path | None = None):
    """The index, its query parser and its glossary forms (opened once per build of the index)."""
    opened = _open(*_index_key(index_dir))
    return opened.ix, opened.parser, opened.forms


_per_thread = threading.local()
MAX_FILTERS = 256  # filter sets kept per searcher


class _Searcher:
    """This thread's searcher of the index, and the document sets of the filters it has been asked for.

    Opening a searcher reads the index's table of contents and unpickles its schema (the analysers and their
    glossary), which costs more than most searches; a filter's set costs a walk over its postings.  Searchers
    are not shared between threads; one of an index that has been rebuilt since is closed."""

    def __init__(self, ix, weighting):
        self.searcher = ix.searcher(weighting=weighting)
        self.filters: dict[tuple, set[int] | None] = {}

    def allowed(self, lang: str | None, instrument: str | None, kind: str | None) -> set[int] | None:
        key = (lang, instrument, kind)
        if key not in self.filters:
            if len(self.filters) >= MAX_FILTERS:
                self.filters.clear()
            filter_q = filters(lang, instrument, kind)
            self.filters[key] = None if filter_q is None else set(self.searcher.docs_for_query(filter_q))
        return self.filters[key]


def _searcher(key: tuple[str, int], index: _Index) -> _Searcher:
    searchers = _per_thread.__dict__.setdefault("searchers", {})
    if key not in searchers:
        for old in [k for k in searchers if k[0] == key[0]]:
            searchers.pop(old).searcher.close()
        searchers[key] = _Searcher(index.ix, index.weighting)
    return searchers[key]


def _union_trees(q):
    """Or queries as trees of union matchers: Whoosh preloads every match of an Or into an array on small
    indexes (under 5,000 documents), which costs more than the top-N search it feeds (see search_bench.py)."""
    if isinstance(q, wq.Or):
        q.matcher_type = wq.Or.DEFAULT_MATCHER
    for child in q.children():
        _union_trees(child)
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
def _form_pattern(forms: tuple[str, ...], language: str) -> re.Pattern | None:
    """The surface forms of a glossary entry in a text of `language`: Chinese forms as written, English forms
    word by word, each word by its stem (plurals and other endings), with up to one word (of, the) between two."""
    analyzer = english_analyzer()
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        if CJK_CHAR.search(form):
            if language == "zh":
                alternatives.append(re.escape(form))
        elif language != "zh" and (stems := [t.text for t in analyzer(form)]):
            alternatives.append(r"\b" + r"\w*(?:\W+\w+)?\W+".join(re.escape(s) for s in stems) + r"\w*")
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


@lru_cache(maxsize=2048)
def _word_pattern(language: str, words: frozenset[str]) -> re.Pattern | None:
    """Where the words a query looked for may be in a text: Chinese words as written; English words by the
    start of their stem (Porter's stem may end otherwise than the word: parti for party), to be confirmed by
    stemming the word found."""
    if language == "zh":
        chinese = sorted((w for w in words if CJK_CHAR.search(w)), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, chinese))) if chinese else None
    stems = sorted((w for w in words if w.isascii() and w[:1].isalnum()), key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w[:-1] if len(w) > 3 else w) for w in stems) + r")\w*", re.IGNORECASE)


def _marks(text: str, language: str, wanted: frozenset[str], entries: tuple[int, ...], forms) -> list[tuple[int, int]]:
    """Character spans of the words of `text` the query looked for, and of the glossary forms of its
    concepts, merged where they overlap."""
    spans = []
    if (words := _word_pattern(language, wanted)) is not None:
        for m in words.finditer(text):
            if language == "zh" or stem(m.group().lower()) in wanted:
                spans.append(m.span())
    for entry in entries:
        if (pattern := _form_pattern(tuple(forms[entry]), language)) is not None:
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


def _snippet(texts: list[str], language: str, wanted: frozenset[str], entries: tuple[int, ...], forms) -> str:
    """The texts with the words looked for and the glossary forms of the concepts `entries` marked."""
    fragments = []
    for text in texts:
        spans = _marks(text, language, wanted, entries, forms)
        if spans or not fragments:
            fragments.append(_fragment(text, spans))
    return " … ".join(fragments)


def _candidates(best, limit: int, index: _Index) -> list[dict]:
    """The best articles: per unit its best weighted score, its best paragraph's row and its matched
    paragraphs (cite: score, document number), from `best(n)`, the n best (score, docnum) pairs."""
    wanted = limit * CANDIDATES_PER_HIT
    while True:
        top_n = best(wanted)
        units: dict[str, dict] = {}
        for score, docnum in top_n:
            row = index.rows[docnum]
            article = index.articles[index.paragraphs[row][0]]
            score *= article["weight"]
            unit = units.setdefault(article["unit"], {"score": score, "best": row, "paragraphs": {}})
            if score > unit["score"]:
                unit["score"], unit["best"] = score, row
            cite = index.paragraphs[row][1]
            if cite not in unit["paragraphs"]:  # the same paragraph in another copy of the text
                unit["paragraphs"][cite] = (score, docnum)
        if len(units) >= limit or len(top_n) < wanted or wanted >= MAX_CANDIDATES:
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
    index = _open(*key)
    this = _searcher(key, index)
    searcher, reader = this.searcher, this.searcher.reader()
    allowed = this.allowed(lang, instrument, kind)
    strict = parse_query(query, index.parser, reader)
    if allowed is not None and not allowed:
        return []  # nothing is in the scope asked for (Whoosh reads an empty filter as none)
    if lang:
        strict = only_language(strict, lang)
    words = relax(strict, query, reader)
    if words is None:
        q = _union_trees(strict)
        if (scope := filters(lang, instrument, kind)) is not None:
            # the scope as a clause that scores nothing: Whoosh then visits only the paragraphs in it
            scope.boost = 0.0
            q = wq.And([q, scope])
        ranked = _candidates(lambda n: searcher.search(q, limit=n, filter=allowed, terms=False).top_n, limit, index)
    else:
        for clause in (*words.selecting, *words.scoring, *words.required, *words.excluded):
            _union_trees(clause)
        ranked = _candidates(lambda n: ranking.top(searcher, words, allowed, n), limit, index)
    terms = _looked_for(strict, reader) if ranked else set()
    entries = tuple(sorted({int(t[1:].split(".")[0]) for t in terms if t.startswith(CONCEPT_PREFIX)}))
    marked = frozenset(t for t in terms if not t.startswith(CONCEPT_PREFIX))
    hits = []
    for unit in ranked:
        cite, anchor, url = index.paragraphs[unit["best"]][1:]
        best = index.articles[index.paragraphs[unit["best"]][0]]
        language = best["language"]
        paragraphs = sorted(unit["paragraphs"].items(), key=lambda p: -p[1][0])
        texts = [searcher.stored_fields(docnum)[f"text_{language}"] for _, (_, docnum) in paragraphs[:SNIPPET_PARAGRAPHS]]
        hits.append(Hit(
            instrument=best["instrument"], article=best["article"], label=best["label"],
            paragraphs=[c for c, _ in paragraphs], language=language, title=best["title"] or None,
            instrument_title=best["instrument_title"], kind=best["kind"], score=round(unit["score"], 4),
            snippet=_snippet(texts, language, marked, entries, index.forms), url=url, text_id=best["text_id"], paragraph=cite,
            anchor=anchor, article_url=best["article_url"]))
    return hits


def hits_json(hits: list[Hit]) -> str:
    return json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2)
