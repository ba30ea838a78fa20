"""Search the treaty index: `search(query, ...) -> list[Hit]` (query syntax: see query.py).

Hits come in two tiers: the articles that have every word of the query, best first, then (to fill
`limit`) the best of those that have some of them; explicit operators hold in both.
"""
from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import highlight
from whoosh import index as whoosh_index

from ..paths import paths as default_paths
from .glossary import read_forms
from .index import GLOSSARY_FILE, MANIFEST_FILE
from .query import KINDS, SearchError, filters, make_parser, parse_query, relax

__all__ = ["KINDS", "Hit", "IndexMissing", "SearchError", "search"]

SNIPPET_CHARS = 240
SNIPPET_PARAGRAPHS = 2


class IndexMissing(SearchError):
    """No index at the path: `mlakb build` makes it."""


@dataclass(frozen=True)
class Hit:
    instrument: str
    article: str  # "18", "6" (第六条), "preamble"
    label: str  # the heading as printed: "Article 18", "第六条"
    paragraphs: list[str]  # the paragraphs where the terms were found: ["18(13)", "18(14)"]
    language: str
    title: str | None  # the article's title
    instrument_title: str
    kind: str
    score: float
    snippet: str  # HTML-escaped text with <mark> around the matches
    url: str
    text_id: str  # the text file the hit comes from (ets030 or ets030-consolidated)

    def to_dict(self) -> dict:
        return asdict(self)


class MarkFormatter(highlight.Formatter):
    """Escaped text with <mark>...</mark> around each match."""

    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=False)}</mark>"


@lru_cache(maxsize=4)
def _open(folder: str, stamp: int):
    """The index of a folder and its query parser; `stamp` (the manifest's mtime) renews them after a rebuild."""
    ix = whoosh_index.open_dir(folder)
    return ix, make_parser(ix.schema, read_forms(Path(folder) / GLOSSARY_FILE))


def open_index(index_dir: Path | None = None):
    folder = Path(index_dir or default_paths().treaty_index)
    manifest = folder / MANIFEST_FILE
    if not manifest.is_file() or not whoosh_index.exists_in(str(folder)):
        raise IndexMissing(f"the treaty index has not been built ({folder}): run mlakb build")
    return _open(str(folder), manifest.stat().st_mtime_ns)


def _matched_paragraphs(hit, language: str) -> list[tuple[str, str]]:
    """(cite, text) of the paragraphs that hold the most of the terms the query matched in this article."""
    field = f"text_{language}"
    wanted = {term.decode("utf-8") if isinstance(term, bytes) else term
              for name, term in (hit.matched_terms() or []) if name == field}
    if not wanted:
        return []
    analyzer = hit.searcher.schema[field].analyzer
    found = [(len(wanted & {t.text for t in analyzer(text, mode="index")}), cite, text) for cite, text in hit["paragraph_texts"]]
    best = max(count for count, _, _ in found)
    return [(cite, text) for count, cite, text in found if count == best and count > 0]


def _snippet(hit, language: str, paragraphs: list[tuple[str, str]]) -> str:
    """The matches in the first paragraphs that have them (highlighting a paragraph, not the whole article, is fast)."""
    fragments = [hit.highlights(f"text_{language}", text=text, top=1) for _, text in paragraphs[:SNIPPET_PARAGRAPHS]]
    if any(fragments):
        return MarkFormatter.between.join(f for f in fragments if f)
    text = hit.get(f"text_{language}", "")
    short = text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else "")
    return html.escape(short, quote=False)


def _hit(hit) -> Hit:
    language = hit["language"]
    paragraphs = _matched_paragraphs(hit, language)
    return Hit(
        instrument=hit["instrument"], article=hit["article"], label=hit["label"],
        paragraphs=[cite for cite, _ in paragraphs], language=language,
        title=hit.get(f"title_{language}") or None, instrument_title=hit["instrument_title"],
        kind=hit["kind"], score=round(hit.score, 4), snippet=_snippet(hit, language, paragraphs),
        url=hit["url"], text_id=hit["text_id"])


def search(query: str, lang: str | None = None, instrument: str | None = None, kind: str | None = None,
           limit: int = 10, index_dir: Path | None = None) -> list[Hit]:
    """Search the treaty index; raise SearchError (with a message for the user) on a bad query.

    `lang` (zh, en), `instrument` (an instrument id) and `kind` (multilateral, bilateral,
    domestic-law) narrow the search; `index_dir` defaults to build/treaty-index/.
    """
    if limit < 1:
        raise SearchError("limit must be at least 1")
    ix, parser = open_index(index_dir)
    filter_q = filters(lang, instrument, kind)
    strict = parse_query(query, parser)
    queries = [strict] + ([relaxed] if (relaxed := relax(strict, query)) is not None else [])
    hits: list[Hit] = []
    seen: set[str] = set()
    with ix.searcher() as searcher:
        # the articles with every word first, then the best of those with some of them
        for q in queries:
            results = searcher.search(q, limit=limit, filter=filter_q, terms=True, collapse="unit")
            results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            results.formatter = MarkFormatter()
            for hit in results:
                if len(hits) == limit:
                    break
                if hit["unit"] not in seen:
                    seen.add(hit["unit"])
                    hits.append(_hit(hit))
            if len(hits) == limit:
                break
    return hits


def hits_json(hits: list[Hit]) -> str:
    return json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2)
