"""The directory the request tests run against: tests/fixtures/mini with the overlay of tests/fixtures/requests/directory,
built once per test session with the real `mlakb build`."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import FIXTURES, run_mlakb

DRAFTS = FIXTURES / "requests"
TODAY = dt.date(2026, 12, 7)  # conftest's MLAKB_TODAY


def build_request_root(base: Path, edits: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """The directory built under `base`; `edits` replaces, in the files named, each old text (which must be there) by
    its new one before the build."""
    root = base / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(DRAFTS / "directory", root / "directory", dirs_exist_ok=True)
    for name, replacements in (edits or {}).items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    result = run_mlakb("build", "--only", "database", root=root, build=root / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root
