"""The directory the request tests run against: tests/fixtures/mini with the overlay of tests/fixtures/requests/directory,
built once per test session with the real `mlakb build`."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import FIXTURES, run_mlakb

DRAFTS = FIXTURES / "requests"
TODAY = dt.date(2026, 12, 7)  # conftest's MLAKB_TODAY


def build_request_root(base: Path) -> Path:
    root = base / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(DRAFTS / "directory", root / "directory", dirs_exist_ok=True)
    result = run_mlakb("build", "--only", "database", root=root, build=root / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root
