"""The treaty index (build/treaty-index/): one Whoosh document per paragraph per language.

A paragraph is the unit of scoring, so a hit names the paragraph that answers and links to its
anchor (`#art-18-13`); the article's title and the chapter and section headings it sits under are
indexed with each of its paragraphs (in `text_*`, weighted; and alone in `heading_*`, on the
article's first paragraph, for title: searches), and the glossary entries whose basis cites the paragraph in its `defines` field.  A text replaced by a later version (an instrument record
with `superseded_by`) carries a lower `weight`, so it ranks below its successor.

What a hit shows (instrument, article, label, titles, links, weight) is kept in a side table beside
the index (`table.json`, one row per article and per paragraph; a Whoosh column gives each document's
row); Whoosh stores only the paragraph's text, for snippets.

The index is written into a temporary sibling folder and moved into place only when complete, so
a failed build (a treaty file that does not parse, a full disk) leaves the last good index as it
was.  The folder also holds `glossary.json`, the glossary forms used for query expansion, so a
search always expands with the glossary the index was built with.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from whoosh import index as whoosh_index
from whoosh import columns
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from ..common import atomic
from ..paths import Paths
from .analysis import HEADING_END, Forms, chinese_analyzer, concept, english_analyzer
from .articles import Treaty, parse_file
from .glossary import Glossary, load_glossary, save_forms

GUIDE_PREFIX = "/guide/"
DEFAULT_LANGUAGE = "zh"  # the guide's root language; others live under /<lang>/
LANGUAGES = ("en", "zh")
KIND_OF = {"multilateral-convention": "multilateral", "protocol": "multilateral", "bilateral-treaty": "bilateral",
           "domestic-law": "domestic-law", "model": "model"}
GLOSSARY_FILE = "glossary.json"
MANIFEST_FILE = "manifest.json"
TABLE_FILE = "table.json"  # what a hit shows of each article and paragraph (see schema())
SUPERSEDED_WEIGHT = 0.5  # score factor of a text replaced by a later version


def schema(forms: Forms | None = None) -> Schema:
    """What Whoosh holds of a paragraph: its searchable fields, its text (for snippets), and its row in the
    side table (TABLE_FILE), which holds what a hit shows: reading those from a list costs nothing, where
    unpickling them with Whoosh's stored fields cost more than scoring a typical query."""
    zh, en = chinese_analyzer(forms), english_analyzer(forms)
    return Schema(
        row=COLUMN(columns.NumericColumn("I")),  # the paragraph's row in the side table
        instrument=ID,
        kind=ID,
        language=ID,
        article=ID,
        paragraphs=KEYWORD(commas=True),  # the paragraph's cite: 18(13); the article number when unnumbered
        heading_en=TEXT(analyzer=en, phrase=False),  # title: searches, on each article's first paragraph
        heading_zh=TEXT(analyzer=zh, phrase=False),
        text_en=TEXT(analyzer=en, stored=True),
        text_zh=TEXT(analyzer=zh, stored=True, multitoken_query="phrase"),  # the words of one typed Chinese term, side by side
        defines=KEYWORD(scorable=True),  # concept tokens of the glossary entries whose basis cites the paragraph
    )


# The side table: one row per article of each text, one per paragraph (in the order of the `row` column)
ARTICLE_FIELDS = ("unit", "instrument", "text_id", "language", "article", "label", "title", "part", "instrument_title",
                  "kind", "article_url", "weight")
PARAGRAPH_FIELDS = ("paragraphs", "anchor", "url")
INDEXED_FIELDS = ("instrument", "kind", "language", "article", "paragraphs", "defines", "heading_en", "heading_zh",
                  "text_en", "text_zh", "_stored_text_en", "_stored_text_zh")


class Table:
    """The side table of an index being written: what a hit shows of each article and paragraph."""

    def __init__(self):
        self.articles: list[list] = []
        self.paragraphs: list[list] = []  # [article row, *PARAGRAPH_FIELDS]
        self._row_of: dict[str, int] = {}

    def add(self, doc: dict) -> int:
        """The row of a paragraph document (as documents() makes it)."""
        key = doc["key"].rsplit("/", 1)[0]
        article = self._row_of.get(key)
        if article is None:
            article = self._row_of[key] = len(self.articles)
            self.articles.append([doc[name] for name in ARTICLE_FIELDS])
        self.paragraphs.append([article, *(doc[name] for name in PARAGRAPH_FIELDS)])
        return len(self.paragraphs) - 1

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"article_fields": ARTICLE_FIELDS, "articles": self.articles,
                                    "paragraph_fields": ("article", *PARAGRAPH_FIELDS), "paragraphs": self.paragraphs},
                                   ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_table(folder: Path) -> tuple[list[dict], list[tuple]]:
    """The side table of an index: the articles (as dicts) and the paragraphs (article row, cite, anchor, url)."""
    data = json.loads((folder / TABLE_FILE).read_text(encoding="utf-8"))
    names = data["article_fields"]
    return [dict(zip(names, row)) for row in data["articles"]], [tuple(row) for row in data["paragraphs"]]


def records(folder: Path) -> list[dict]:
    """Every paragraph of an index as documents() made it (less its indexed-only fields): for checks and tests."""
    articles, paragraphs = read_table(folder)
    ix = whoosh_index.open_dir(str(folder))
    out, seen = [], {}
    with ix.searcher() as searcher:
        rows = searcher.reader().column_reader("row")
        for docnum, fields in enumerate(searcher.all_stored_fields()):
            row = paragraphs[rows[docnum]]
            article = articles[row[0]]
            i = seen[row[0]] = seen.get(row[0], -1) + 1
            out.append({**article, **dict(zip(PARAGRAPH_FIELDS, row[1:])), **fields,
                        "key": f"{article['text_id']}/{article['language']}/{article['article']}/{i}"})
    ix.close()
    return out


def write_documents(folder: Path, docs, forms: Forms) -> int:
    """Index paragraph documents (as documents() makes them) into an empty folder, with the side table and
    the glossary forms; return how many."""
    ix = whoosh_index.create_in(str(folder), schema(forms))
    writer = ix.writer(limitmb=256)
    table = Table()
    try:
        for doc in docs:
            writer.add_document(row=table.add(doc), **{k: v for k, v in doc.items() if k in INDEXED_FIELDS})
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    table.save(folder / TABLE_FILE)
    save_forms(forms, folder / GLOSSARY_FILE)
    return len(table.paragraphs)


@dataclass
class IndexStats:
    path: str
    documents: int = 0  # articles (units with text) per text
    paragraphs: int = 0  # index documents
    by_language: dict[str, int] = field(default_factory=dict)
    by_instrument: dict[str, int] = field(default_factory=dict)
    texts: int = 0
    glossary_entries: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags mean nothing here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def guide_uses_directory_urls(root: Path) -> bool:
    """Whether the guide's pages are <page>/ (MkDocs' default) or <page>.html, as mkdocs.yml builds them."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return True
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    plugins = {p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins") or []}
    # the offline plugin turns directory URLs off whatever the setting says
    return bool(config.get("use_directory_urls", True)) and "offline" not in plugins


def page_url(path: Path, language: str, anchor: str, directory_urls: bool = False) -> str:
    """The guide link of a unit: /guide/treaties/<page>.html#<anchor>, English under /guide/en/.

    The guide uses mkdocs-static-i18n's suffix layout: kb/treaties/untoc.en.md is the page
    en/treaties/untoc.html, kb/treaties/cn-icjal-2018.zh.md (the default language) treaties/cn-icjal-2018.html.
    """
    page = path.name.removesuffix(".md").removesuffix(f".{language}")
    prefix = GUIDE_PREFIX if language == DEFAULT_LANGUAGE else f"{GUIDE_PREFIX}{language}/"
    return f"{prefix}treaties/{page}/#{anchor}" if directory_urls else f"{prefix}treaties/{page}.html#{anchor}"


def documents(treaty: Treaty, path: Path, directory_urls: bool = False, glossary: Glossary | None = None,
              superseded: frozenset[str] = frozenset()) -> list[dict]:
    """The index documents of one treaty text: one per paragraph of the units that have text."""
    language = treaty.language
    if language not in LANGUAGES:
        raise ValueError(f"{path}: language {language!r} is not indexed (one of {', '.join(LANGUAGES)})")
    kind = KIND_OF.get(treaty.meta.get("kind", ""), "multilateral")
    weight = SUPERSEDED_WEIGHT if treaty.instrument in superseded else 1.0
    docs = []
    opened = glossary.opened_by(treaty.instrument, [(a.number, a.part) for a in treaty.articles]) if glossary else {}
    for article in treaty.articles:
        heading = "\n".join(h for h in (article.title, *(article.part or "").split(" / ")) if h)
        article_url = page_url(path, language, article.anchor, directory_urls)
        for i, paragraph in enumerate(article.paragraphs):
            anchor = article.paragraph_anchor(paragraph) if paragraph.number else article.anchor
            defines = glossary.defined_in(treaty.instrument, article.number, paragraph.number) if glossary else []
            defines += opened.get(article.number, [])
            docs.append({
                "key": f"{treaty.text_id}/{language}/{article.number}/{i}",
                "unit": f"{treaty.instrument}/{language}/{article.number}",
                "instrument": treaty.instrument,
                "text_id": treaty.text_id,
                "kind": kind,
                "language": language,
                "article": article.number,
                "paragraphs": article.cite(paragraph),
                "anchor": anchor,
                "label": article.label,
                "title": article.title,
                "part": article.part,
                "instrument_title": treaty.title,
                "url": page_url(path, language, anchor, directory_urls),
                "article_url": article_url,
                "weight": weight,
                # for title: searches; the first paragraph stands for the article (hits are articles)
                **({f"heading_{language}": heading} if i == 0 and heading else {}),
                # the text field indexes the headings with the paragraph (one field to search), stores the paragraph
                f"text_{language}": f"{heading}{HEADING_END}{paragraph.text}" if heading else paragraph.text,
                f"_stored_text_{language}": paragraph.text,
                "defines": " ".join(concept(e) for e in defines),
            })
    return docs


SUPERSEDED_BY = re.compile(r"^superseded_by:\s*\S", re.MULTILINE)


def superseded_instruments(instruments_dir: Path) -> frozenset[str]:
    """Ids of the instrument records that name a successor (`superseded_by`; a record's id is its file name,
    which `mlakb check` enforces).  Read as lines: parsing every record's YAML would double the build time."""
    paths = sorted(instruments_dir.glob("*.yaml")) if instruments_dir.is_dir() else []
    return frozenset(p.stem for p in paths if SUPERSEDED_BY.search(p.read_text(encoding="utf-8")))


def treaty_files(treaties_dir: Path) -> list[Path]:
    return sorted(treaties_dir.glob("*.md"))


def write_index(folder: Path, files: list[Path], glossary: Glossary, directory_urls: bool = False,
                superseded: frozenset[str] = frozenset()) -> IndexStats:
    """Write a complete index into an empty folder."""
    stats = IndexStats(path=str(folder), glossary_entries=len(glossary))
    articles: set[tuple[str, str]] = set()  # (text, article): each copy of a text counts its articles

    def counted(docs):
        for doc in docs:
            if (doc["text_id"], doc["unit"]) not in articles:
                articles.add((doc["text_id"], doc["unit"]))
                stats.documents += 1
                stats.by_language[doc["language"]] = stats.by_language.get(doc["language"], 0) + 1
                stats.by_instrument[doc["instrument"]] = stats.by_instrument.get(doc["instrument"], 0) + 1
            yield doc

    def all_documents():
        for path in files:
            treaty = parse_file(path)
            stats.texts += 1
            yield from documents(treaty, path, directory_urls, glossary, superseded)

    stats.paragraphs = write_documents(folder, counted(all_documents()), glossary.forms)
    return stats


def build_index(paths: Paths, target: Path | None = None, treaties_dir: Path | None = None,
                glossary: Path | None = None) -> IndexStats:
    """Build the treaty index from kb/treaties/ and the glossary, and swap it in whole.

    `target` defaults to paths.treaty_index, `treaties_dir` to kb/treaties/, `glossary` to
    directory/vocab/glossary.yaml (no expansion when that file does not exist).
    """
    started = time.perf_counter()
    target = Path(target or paths.treaty_index)
    files = treaty_files(Path(treaties_dir or paths.kb / "treaties"))
    if not files:
        raise FileNotFoundError(f"no treaty texts in {treaties_dir or paths.kb / 'treaties'}")
    terms = load_glossary(Path(glossary or paths.directory / "vocab" / "glossary.yaml"))
    superseded = superseded_instruments(paths.directory / "instruments")
    with atomic.new_folder(target) as staging:
        stats = write_index(staging, files, terms, guide_uses_directory_urls(paths.root), superseded)
        stats.seconds = round(time.perf_counter() - started, 3)
        stats.path = str(target)
        (staging / MANIFEST_FILE).write_text(json.dumps(stats.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return stats

