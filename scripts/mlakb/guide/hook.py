"""MkDocs hook (listed under `hooks:` in mkdocs.yml): a thin adapter between MkDocs and `mlakb.guide.pages`.

For each language build it points `docs_dir` at a temporary overlay of kb/ plus the generated pages, completes
the nav (folder entries, the Directory by region), and puts a notice on pages shown in another language.
The records come from the snapshot the build pipeline wrote after checking them (MLAKB_SNAPSHOT); run on its
own (`mkdocs serve`), the hook loads and checks directory/ first and stops on any problem.  MLAKB_DIRECTORY
selects another records folder (tests, benchmarks); MLAKB_TODAY fixes the clock.
"""
from __future__ import annotations

import atexit
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from mlakb.common.diagnostics import errors
from mlakb.guide import navigation, overlay, pages, ui
from mlakb.paths import find_root


@dataclass
class _Build:
    """What one `mkdocs build` (all its language builds) shares."""
    config: MkDocsConfig
    kb: Path
    nav: list
    data: pages.GuideData
    generated: dict[str, str]
    borrowed: set[str] = field(default_factory=set)


_build: _Build | None = None
_overlays: list[Path] = []


def _records_folder(config: MkDocsConfig) -> Path:
    if os.environ.get("MLAKB_DIRECTORY"):
        return Path(os.environ["MLAKB_DIRECTORY"])
    return find_root(Path(config.config_file_path).parent) / "directory"


def _checked_directory(config: MkDocsConfig):
    from mkdocs.exceptions import PluginError

    from mlakb.records import snapshot
    from mlakb.records.check import check_directory
    from mlakb.records.directory import load_directory

    root = find_root(Path(config.config_file_path).parent)
    if os.environ.get("MLAKB_SNAPSHOT"):
        return snapshot.read(Path(os.environ["MLAKB_SNAPSHOT"]), root)
    directory = load_directory(_records_folder(config), base=root)
    problems = errors(check_directory(directory, root))
    if problems:
        raise PluginError("the records have problems (run mlakb check):\n" + "\n".join(map(str, problems[:20])))
    return directory


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return (i18n.current_language or i18n.default_language) if i18n else ui.DEFAULT_LANGUAGE


@event_priority(50)  # before the i18n plugin reads docs_dir and the nav
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    if _build is None or _build.config is not config:  # a new build (`mkdocs serve` makes a new config each time)
        _remove_overlays()
        kb = Path(config.docs_dir)
        data = pages.from_directory(_checked_directory(config), kb)
        _build = _Build(config, kb, list(config.nav or []), data, pages.render_pages(data))
    lang = _language(config)
    folder, _build.borrowed = overlay.build(_build.kb, _build.generated, lang, ui.LANGUAGES, ui.DEFAULT_LANGUAGE)
    _overlays.append(folder)
    config.docs_dir = str(folder)
    config.nav = navigation.expand(_build.nav, folder, ui.LANGUAGES, {"directory/": pages.directory_nav(_build.data, lang)})
    return config


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files) -> str:
    """Say so when a page is shown in another language than the one being built; give a treaty text a button to
    the treaty search limited to it."""
    lang = _language(config)
    borrowed = _build is not None and page.file.src_uri in _build.borrowed
    blocks = []
    if borrowed or getattr(page.file, "locale", lang) != lang:
        notice = ui.strings(lang)["fallback_borrowed" if borrowed else "fallback_default"]
        blocks.append(f'!!! info "{notice}"\n\n')
    if line := pages.treaty_search_line(page.file.src_uri, (page.meta or {}).get("instrument"), lang):
        blocks.append(line + "\n\n")
    if not blocks:
        return markdown
    block = "".join(blocks)
    head, sep, rest = markdown.partition("\n")
    return f"{head}\n\n{block}{rest}" if head.startswith("# ") else block + markdown


def on_serve(server, config: MkDocsConfig, builder):
    if _build is not None:
        server.watch(str(_build.kb))
        server.watch(str(_records_folder(config)))
    return server


@event_priority(-200)  # after the i18n plugin has built the other languages and the offline plugin has run
def on_post_build(config: MkDocsConfig) -> None:
    """The pages are written: drop the overlay and point docs_dir back at kb/ (which `mkdocs serve` then watches)."""
    if _build is not None and _build.config is config:
        config.docs_dir = str(_build.kb)
    _remove_overlays()


def on_shutdown() -> None:
    _remove_overlays()


@atexit.register
def _remove_overlays() -> None:
    while _overlays:
        overlay.remove(_overlays.pop())
