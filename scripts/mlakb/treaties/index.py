"""The treaty index (build/treaty-index/): one Whoosh document per paragraph per language.

A paragraph is the unit of scoring, so a hit names the paragraph that answers and links to its
anchor (`#art-18-13`); the article's title and the chapter and section headings it sits under are
indexed with each of its paragraphs (in `text_*`, weighted; and alone in `heading_*`, on the
article's first paragraph, for title: searches), and the glossary entries whose basis cites the paragraph in its `defines` field.  A text replaced by a later version (an instrument record
with `superseded_by`) carries a lower `weight`, so it ranks below its successor.

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
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

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
SUPERSEDED_WEIGHT = 0.5  # score factor of a text replaced by a later version


def schema(forms: Forms | None = None) -> Schema:
    zh, en = chinese_analyzer(forms), english_analyzer(forms)
    return Schema(
        key=STORED,  # text id / language / article / paragraph index, e.g. untoc/en/18/12
        unit=STORED,  # instrument/language/article: the paragraphs of one article, in any copy, are one hit
        instrument=ID(stored=True),
        text_id=STORED,
        kind=ID(stored=True),
        language=ID(stored=True),
        article=ID(stored=True),
        paragraphs=KEYWORD(stored=True, commas=True),  # the paragraph's cite: 18(13); the article number when unnumbered
        anchor=STORED,  # art-18-13, or art-18 for an unnumbered paragraph
        label=STORED,
        title=STORED,  # the article's title
        part=STORED,
        instrument_title=STORED,
        url=STORED,  # the paragraph's link in the guide
        article_url=STORED,
        weight=STORED,
        heading_en=TEXT(analyzer=en, phrase=False),  # title: searches, on each article's first paragraph
        heading_zh=TEXT(analyzer=zh, phrase=False),
        text_en=TEXT(analyzer=en, stored=True),
        text_zh=TEXT(analyzer=zh, stored=True, multitoken_query="phrase"),  # the words of one typed Chinese term, side by side
        defines=KEYWORD(scorable=True),  # concept tokens of the glossary entries whose basis cites the paragraph
    )


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
    ix = whoosh_index.create_in(str(folder), schema(glossary.forms))
    writer = ix.writer(limitmb=256)
    try:
        for path in files:
            treaty = parse_file(path)
            stats.texts += 1
            articles = set()
            for doc in documents(treaty, path, directory_urls, glossary, superseded):
                writer.add_document(**doc)
                stats.paragraphs += 1
                if doc["unit"] not in articles:
                    articles.add(doc["unit"])
                    stats.documents += 1
                    stats.by_language[doc["language"]] = stats.by_language.get(doc["language"], 0) + 1
                    stats.by_instrument[doc["instrument"]] = stats.by_instrument.get(doc["instrument"], 0) + 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    save_forms(glossary.forms, folder / GLOSSARY_FILE)
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

