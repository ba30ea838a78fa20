"""The treaty index (build/treaty-index/): one Whoosh document per article per language.

The index is written into a temporary sibling folder and moved into place only when complete, so
a failed build (a treaty file that does not parse, a full disk) leaves the last good index as it
was.  The folder also holds `glossary.json`, the glossary forms used for query expansion, so a
search always expands with the glossary the index was built with.
"""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from ..common import atomic
from ..paths import Paths
from .analysis import chinese_analyzer, english_analyzer
from .articles import Treaty, parse_file
from .glossary import Forms, load_glossary, save_forms

GUIDE_PREFIX = "/guide/"
DEFAULT_LANGUAGE = "zh"  # the guide's root language; others live under /<lang>/
LANGUAGES = ("en", "zh")
KIND_OF = {"multilateral-convention": "multilateral", "protocol": "multilateral", "bilateral-treaty": "bilateral",
           "domestic-law": "domestic-law", "model": "model"}
GLOSSARY_FILE = "glossary.json"
MANIFEST_FILE = "manifest.json"


def schema() -> Schema:
    zh, en = chinese_analyzer(), english_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),  # text id / language / article, e.g. untoc/en/18
        unit=ID(stored=True, sortable=True),  # instrument/language/article: the same article in two copies collapses
        instrument=ID(stored=True),
        text_id=ID(stored=True),
        kind=ID(stored=True),
        language=ID(stored=True),
        article=ID(stored=True),
        paragraphs=KEYWORD(stored=True, commas=True),  # 18(1),18(2),...
        label=STORED,
        part=STORED,
        instrument_title=STORED,
        url=STORED,
        paragraph_texts=STORED,  # [[cite, text], ...] to tell which paragraphs matched
        title_en=TEXT(analyzer=en, stored=True, field_boost=2.0),
        title_zh=TEXT(analyzer=zh, stored=True, field_boost=2.0, multitoken_query="and"),
        text_en=TEXT(analyzer=en, stored=True),
        text_zh=TEXT(analyzer=zh, stored=True, multitoken_query="and"),  # the words of one Chinese term must all be there
    )


@dataclass
class IndexStats:
    path: str
    documents: int = 0
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


def documents(treaty: Treaty, path: Path, directory_urls: bool = False) -> list[dict]:
    """The index documents of one treaty text: its units that have text."""
    language = treaty.language
    if language not in LANGUAGES:
        raise ValueError(f"{path}: language {language!r} is not indexed (one of {', '.join(LANGUAGES)})")
    kind = KIND_OF.get(treaty.meta.get("kind", ""), "multilateral")
    docs = []
    for article in treaty.articles:
        if not article.paragraphs:
            continue  # an article the source does not reproduce (only an editorial note)
        docs.append({
            "key": f"{treaty.text_id}/{language}/{article.number}",
            "unit": f"{treaty.instrument}/{language}/{article.number}",
            "instrument": treaty.instrument,
            "text_id": treaty.text_id,
            "kind": kind,
            "language": language,
            "article": article.number,
            "paragraphs": ",".join(article.cite(p) for p in article.paragraphs if p.number),
            "label": article.label,
            "part": article.part,
            "instrument_title": treaty.title,
            "url": page_url(path, language, article.anchor, directory_urls),
            "paragraph_texts": [[article.cite(p), p.text] for p in article.paragraphs],
            f"title_{language}": article.title or "",
            f"text_{language}": article.text,
        })
    return docs


def treaty_files(treaties_dir: Path) -> list[Path]:
    return sorted(treaties_dir.glob("*.md"))


def write_index(folder: Path, files: list[Path], forms: Forms, directory_urls: bool = False) -> IndexStats:
    """Write a complete index into an empty folder."""
    stats = IndexStats(path=str(folder), glossary_entries=len(forms))
    ix = whoosh_index.create_in(str(folder), schema())
    writer = ix.writer()
    try:
        for path in files:
            treaty = parse_file(path)
            stats.texts += 1
            for doc in documents(treaty, path, directory_urls):
                writer.add_document(**doc)
                stats.documents += 1
                stats.by_language[doc["language"]] = stats.by_language.get(doc["language"], 0) + 1
                stats.by_instrument[doc["instrument"]] = stats.by_instrument.get(doc["instrument"], 0) + 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    save_forms(forms, folder / GLOSSARY_FILE)
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
    forms = load_glossary(Path(glossary or paths.directory / "vocab" / "glossary.yaml"))
    with atomic.new_folder(target) as staging:
        stats = write_index(staging, files, forms, guide_uses_directory_urls(paths.root))
        stats.seconds = round(time.perf_counter() - started, 3)
        stats.path = str(target)
        (staging / MANIFEST_FILE).write_text(json.dumps(stats.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return stats

