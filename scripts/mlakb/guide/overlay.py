"""The docs folder MkDocs reads for one language build: kb/ plus the generated pages, in a temporary folder.

Nothing generated is written into the work tree.  For the default language, a page that exists only in another
language (an English-only treaty text, say) is copied in as the default version, so every page of the guide exists
in every language; the hook marks such pages with a notice.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # pages are only read from the overlay, so a hard link is as good as a copy
    except OSError:
        shutil.copy2(source, target)


def split_language(path: Path, languages: tuple[str, ...]) -> tuple[Path, str | None]:
    """`guide/x.en.md` -> (`guide/x.md`, 'en'); an unsuffixed page has no language of its own."""
    stem, _, lang = path.stem.rpartition(".")
    if stem and lang in languages:
        return path.with_name(stem + path.suffix), lang
    return path, None


def build(kb: Path, generated: dict[str, str], language: str, languages: tuple[str, ...], default: str) -> tuple[Path, set[str]]:
    """Make the folder; return it and the pages (as `folder/page.md`) borrowed from another language."""
    folder = Path(tempfile.mkdtemp(prefix="mlakb-docs-"))
    if kb.is_dir():
        shutil.copytree(kb, folder, dirs_exist_ok=True, copy_function=_link_or_copy)
    for relative, markdown in generated.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    borrowed: set[str] = set()
    if language == default:
        versions: dict[Path, dict[str | None, Path]] = {}
        for page in sorted(folder.rglob("*.md")):
            plain, lang = split_language(page.relative_to(folder), languages)
            versions.setdefault(plain, {})[lang] = page
        for plain, found in versions.items():
            if default not in found and None not in found:
                other = next(found[lang] for lang in languages if lang in found)
                shutil.copyfile(other, folder / plain)
                borrowed.add(plain.as_posix())
    return folder, borrowed


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
