"""Builds of the guide shared by test_guide_build.py and test_guide_browser.py (each made once per test run).

- `project_site()`: the real `mkdocs build --strict` of the repository (real kb/, real directory/), into a temp folder.
- `fixture_site()`: the same build from the small, known records of fixtures/guide/directory.
- `injection_site()`: the same configuration (theme, extensions, i18n, search, offline), inherited by a small config
  whose docs are the pages generated from the hostile records of fixtures/guide/injection.yaml.  Those records are
  built with `model_construct`, bypassing the validation that would reject them, so only the generator's escaping
  stands between them and the page.
"""
from __future__ import annotations

import atexit
import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import types
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from conftest import FIXED_TODAY, today_for
from mlakb.guide import pages
from mlakb.records import models

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "guide"
MKDOCS = [sys.executable, "-m", "mkdocs"]
TODAY = FIXED_TODAY  # the fixture sites' clock; each build runs on the clock of the records it reads (today_for)


@dataclass(frozen=True)
class Built:
    site: Path
    returncode: int
    log: str


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "MLAKB_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", **extra}


def _scratch(name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"mlakb-test-{name}-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _build_repository_config(name: str, **env: str) -> Built:
    site = _scratch(name) / "site"
    records = Path(env.get("MLAKB_DIRECTORY", ROOT / "directory")).parent
    run = subprocess.run([*MKDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                         cwd=ROOT, env=_env(MLAKB_TODAY=today_for(records), **env), capture_output=True, text=True, timeout=900)
    return Built(site, run.returncode, run.stdout + run.stderr)


@functools.cache
def project_site() -> Built:
    return _build_repository_config("site")


@functools.cache
def fixture_site() -> Built:
    """The repository's guide with the hand-made records of fixtures/guide/directory instead of directory/."""
    return _build_repository_config("fixture", MLAKB_DIRECTORY=str(FIXTURES / "directory"))


# --- hostile records, constructed without validation ----------------------------------------------------------

def _value(annotation, value):
    """Turn YAML data into what a field of type `annotation` holds, without validating it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _value(typing.get_args(annotation)[0], value)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(annotation) if a is not type(None)]
        for arm in arms:
            if isinstance(value, dict) and isinstance(arm, type) and issubclass(arm, BaseModel):
                return construct(arm, value)
        return _value(arms[0], value) if len(arms) == 1 else value
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [_value(item, v) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        return construct(annotation, value)
    if annotation is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def construct(model: type[BaseModel], data: dict) -> BaseModel:
    hints = typing.get_type_hints(model, include_extras=True)
    return model.model_construct(**{name: _value(hints[name], value) for name, value in data.items()})


def injection_data() -> pages.GuideData:
    raw = yaml.safe_load((FIXTURES / "injection.yaml").read_text(encoding="utf-8"))
    vocab = {vid: {e["id"]: construct(models.VocabEntry, e) for e in entries} for vid, entries in raw["vocab"].items()}
    return pages.GuideData(
        jurisdictions=[construct(models.Jurisdiction, raw["jurisdiction"])],
        instruments=[construct(models.Instrument, raw["instrument"])],
        vocab=vocab,
        glossary=construct(models.Glossary, raw["glossary"]),
        today=dt.date.fromisoformat(TODAY),
    )


INJECTION_CONFIG = """\
INHERIT: {parent}
docs_dir: docs
site_dir: site
hooks: []
theme:
  custom_dir: {theme}
nav:
  - Home: index.md
  - Directory:
      - directory/index.md
      - directory/xss.md
  - Glossary: glossary.md
"""


@functools.cache
def injection_site() -> Built:
    folder = _scratch("injection")
    docs = folder / "docs"
    shutil.copytree(ROOT / "kb" / "assets", docs / "assets")
    pages.write_pages(injection_data(), docs)
    for lang in ("zh", "en"):
        (docs / f"index.{lang}.md").write_text("# mlakb\n\n[xss](directory/xss.md)\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(INJECTION_CONFIG.format(parent=ROOT / "mkdocs.yml", theme=ROOT / "scripts/mlakb/guide/theme"), encoding="utf-8")
    run = subprocess.run([*MKDOCS, "build", "--strict", "-f", str(config)], cwd=folder, env=_env(),
                         capture_output=True, text=True, timeout=600)
    return Built(folder / "site", run.returncode, run.stdout + run.stderr)
