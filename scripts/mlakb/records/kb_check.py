"""Checks of the guide's pages (kb/) that `mlakb check` runs before any build.

- No symbolic link anywhere under kb/ or directory/: a build would publish the file it points to
  (possibly from outside the repository) into the site, its search index or the database.
- No raw script in a page: a `<script>` element, an event-handler attribute (`onclick=`...) or a
  `javascript:` address would run on the same origin as the API and the request form.  Code blocks and
  inline code may show such text; it is escaped when rendered.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import Problem

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+).*?\1")
RAW_SCRIPT = [
    (re.compile(r"<\s*script\b", re.I), "E-KB-SCRIPT", "a <script> element"),
    (re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I), "E-KB-SCRIPT", "an event-handler attribute (on...=)"),
    (re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:|\]\(\s*<?\s*javascript:", re.I), "E-KB-SCRIPT", "a javascript: address"),
]


def kb_problems(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for folder in ("kb", "directory"):  # what the outputs are built from
        for top, dirs, files in os.walk(root / folder):
            for name in sorted(dirs + files):
                path = Path(top) / name
                rel = path.relative_to(root).as_posix()
                if path.is_symlink():
                    problems.append(Problem(rel, 1, 1, "E-KB-SYMLINK", "is a symbolic link: a build would publish the file it points to; copy the content here instead"))
                elif folder == "kb" and name.endswith(".md") and path.is_file():
                    problems.extend(_page_problems(rel, path.read_text(encoding="utf-8", errors="replace")))
    return problems


def _page_problems(rel: str, text: str) -> list[Problem]:
    problems = []
    fenced = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if fence and (fenced is None or fence.group(1) == fenced):
            fenced = fence.group(1) if fenced is None else None
            continue
        if fenced is not None or line.startswith(("    ", "\t")):
            continue
        visible = INLINE_CODE.sub(lambda m: " " * len(m.group()), line)
        for pattern, code, what in RAW_SCRIPT:
            for found in pattern.finditer(visible):
                problems.append(Problem(rel, number, found.start() + 1, code, f"{what} would run script in the reader's browser; the guide publishes no script from a page"))
    return problems
