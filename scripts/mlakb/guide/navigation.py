"""The nav of mkdocs.yml, completed: an entry whose target is a folder (`treaties/`) lists the pages in it."""
from __future__ import annotations

from pathlib import Path

from .overlay import split_language


def folder_pages(docs: Path, folder: str, languages: tuple[str, ...]) -> list[str]:
    """The pages of `folder` as nav paths (`treaties/untoc.md`), its index first, then by file name."""
    pages = {split_language(p.relative_to(docs), languages)[0].as_posix() for p in (docs / folder).glob("*.md")}
    return sorted(pages, key=lambda p: (Path(p).stem != "index", p))


def expand(nav: list, docs: Path, languages: tuple[str, ...], generated: dict[str, list]) -> list:
    """A copy of `nav` with folder entries replaced: by `generated[folder]` when given, else by the folder's pages."""
    def item(value):
        if isinstance(value, str) and value.endswith("/") and "://" not in value:
            return generated.get(value) or folder_pages(docs, value, languages)
        if isinstance(value, list):
            return [item(v) for v in value]
        if isinstance(value, dict):
            return {key: item(v) for key, v in value.items()}
        return value
    return item(nav)
