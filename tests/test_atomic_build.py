"""A full build (database, treaty index, guide) killed with SIGKILL at random points leaves the previous
outputs intact and usable."""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import REPO, run_mlakb

pytestmark = pytest.mark.slow  # kills real build processes at random points


def snapshot(root, build):
    from mlakb.common import atomic
    from mlakb.treaties.search import search

    for folder in (build / "treaty-index", root / "site"):
        atomic.recover(folder)  # what the next build or `mlakb serve` does first
    conn = sqlite3.connect(f"file:{build / 'mlakb.db'}?mode=ro", uri=True)
    try:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        rows = conn.execute("select id, name_en from jurisdictions order by id").fetchall()
    finally:
        conn.close()
    hits = [(h.instrument, h.article) for h in search("extradition", index_dir=build / "treaty-index", limit=5)]
    pages = sorted(str(p.relative_to(root / "site")) for p in (root / "site").rglob("*.html"))
    return rows, hits, pages


def test_full_build_killed_at_random_points(tmp_path):
    root = tmp_path / "repo"
    for name in ("directory", "kb", "scripts"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(REPO / name, root / name)
    build = root / "build"
    env = {**os.environ, "MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build), "MLAKB_SITE": str(root / "site")}
    started = time.monotonic()
    result = run_mlakb("build", root=root, build=build, env={"MLAKB_SITE": str(root / "site")})
    assert result.returncode == 0, result.stderr[-3000:]
    full = time.monotonic() - started
    before = snapshot(root, build)
    assert before[1] and len(before[2]) > 400
    rng = random.Random(2026)
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "mlakb", "build"], env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.5, full * 0.95))
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its mkdocs child
        proc.wait(timeout=10)
        assert snapshot(root, build) == before
