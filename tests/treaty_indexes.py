"""Treaty indexes shared by the test_treaty_* modules, each built once per test run.

- `fixture_index()`: the whole articles in tests/fixtures/treaties/texts/ with the small glossary beside them.
- `real_index()`: the real collection (kb/treaties/) with the real glossary (directory/vocab/glossary.yaml),
  exactly as `mlakb build` makes it.
"""
from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from mlakb.paths import Paths
from mlakb.treaties.index import build_index

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "treaties"
FIXTURE_TEXTS = FIXTURES / "texts"
FIXTURE_GLOSSARY = FIXTURES / "glossary.yaml"


def scratch(name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"mlakb-test-{name}-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def build(target: Path, texts: Path = FIXTURE_TEXTS, glossary: Path = FIXTURE_GLOSSARY):
    return build_index(Paths(ROOT), target=target, treaties_dir=texts, glossary=glossary)


@functools.cache
def fixture_index() -> Path:
    target = scratch("fixture-index") / "treaty-index"
    build(target)
    return target


@functools.cache
def real_index() -> Path:
    target = scratch("real-index") / "treaty-index"
    build_index(Paths(ROOT), target=target)
    return target
