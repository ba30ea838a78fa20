"""Shared fixtures: a copy of the mini directory, the real directory, running the real CLI and a real Datasette."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
MLAKB = [sys.executable, "-m", "mlakb"]
FIXED_TODAY = "2026-12-07"


def _newest_review(root: Path) -> str:
    """The latest day a person worked on the records under `root`: compared a fact with its source (`verified`) or
    searched for one (`on`)."""
    dates = (day.decode() for path in (root / "directory" / "jurisdictions").glob("*.yaml")
             for day in re.findall(rb"(?:verified|'on'): '(\d{4}-\d{2}-\d{2})'", path.read_bytes()))  # bytes: a test's record may not be UTF-8
    return max(dates, default=FIXED_TODAY)


# The tests' clock (MLAKB_TODAY) is a fixed day, so that date rules give the same answer whenever the suite runs. The
# real records are reviewed on later days; for them (or a copy of them) the clock is their newest review day, or
# their own dates would be in its future (E-FUTURE).
REAL_TODAY = max(FIXED_TODAY, _newest_review(REPO))


def today_for(root: Path) -> str:
    return REAL_TODAY if root.resolve() == REPO else max(FIXED_TODAY, _newest_review(root))


def run_mlakb(*args: str, root: Path | None = None, build: Path | None = None, env: dict | None = None, cwd: Path | None = None,
              timeout: float = 300, isolated: bool = False) -> subprocess.CompletedProcess:
    """Run the real `mlakb` command line: in-process through click's CliRunner (fast), or in a subprocess with
    `isolated=True` where a separate process is the point (signals, interpreter start-up)."""
    workdir = cwd or root or REPO
    extra = {"MLAKB_TODAY": today_for(root or workdir), **(env or {})}
    if root is not None:
        extra["MLAKB_ROOT"] = str(root)
    if build is not None:
        extra["MLAKB_BUILD"] = str(build)
    if isolated:
        return subprocess.run([*MLAKB, *args], capture_output=True, text=True, env={**os.environ, **extra}, cwd=workdir, timeout=timeout)
    from click.testing import CliRunner

    from mlakb.cli import cli

    before = os.getcwd()
    os.chdir(workdir)
    try:
        result = CliRunner().invoke(cli, list(args), env=extra, prog_name="mlakb")
    finally:
        os.chdir(before)
    stderr = result.stderr
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # what the real command would print: the traceback goes to stderr and the exit code is 1
        stderr += "".join(traceback.format_exception(result.exception))
        code = 1
    return subprocess.CompletedProcess([*MLAKB, *args], code, result.stdout, stderr)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini (a small valid directory)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    return root


@pytest.fixture(scope="session")
def real_directory():
    """The repository's directory/, loaded once per test session: read it, never change it."""
    from mlakb.records.directory import load_directory

    return load_directory(REPO / "directory")


@pytest.fixture(scope="session")
def real_build(real_directory, tmp_path_factory) -> Path:
    """A build folder holding the real records' database with its metadata and the real treaty index, made once per
    session by the build's own steps (use it with root=REPO)."""
    import treaty_indexes
    from mlakb.api.metadata import write_metadata
    from mlakb.outputs.database import build_database

    assert real_directory.problems == []
    build = tmp_path_factory.mktemp("real-build")
    build_database(real_directory, build / "mlakb.db")
    write_metadata(build / "metadata.json")
    shutil.copytree(treaty_indexes.real_index(), build / "treaty-index")
    return build


@pytest.fixture(scope="session")
def small_repo(tmp_path_factory) -> Path:
    """tests/fixtures/mini with the fixture treaty texts, its database and treaty index built once per session (the
    build is in <root>/build): read it, never change it."""
    from web_setup import small_root

    return small_root(tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="session")
def request_repo(tmp_path_factory) -> Path:
    """The directory the request tests run against (request_setup.build_request_root), built once per session: read
    it, never change it."""
    from request_setup import build_request_root

    return build_request_root(tmp_path_factory.mktemp("requests"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(root: Path, build: Path, extra_env: dict | None = None):
    """A real `mlakb serve` (one uvicorn worker) on a free loopback port; stopped on exit."""
    port = free_port()
    env = {**os.environ, "MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build), **(extra_env or {})}
    log = tempfile.TemporaryFile()  # a file, not a pipe: a server that logs a lot never blocks on it
    proc = subprocess.Popen([*MLAKB, "serve", "--no-build", "--workers", "1", "--port", str(port)], env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    log.seek(0)
                    raise RuntimeError("mlakb serve did not start: " + log.read().decode(errors="replace")[-2000:])
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


# tests that start a real server, build the guide with MkDocs, drive Chromium or kill processes: `./run test -m "not slow"`
# leaves them out for quick feedback; `./run test` (and CI) runs everything.  These fixtures build the guide with MkDocs
# (tests/test_guide_build.py) or start a real server (tests/test_attacks.py, the Chromium tests); the API itself is
# tested in-process (tests/inprocess.py).
SLOW_FIXTURES = {"project", "fixture", "injection", "server", "browser", "page"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        fixtures = set(getattr(item, "fixturenames", ())) - set(callspec.params if callspec else ())  # not a parameter named so
        if SLOW_FIXTURES & fixtures or item.get_closest_marker("browser") or item.get_closest_marker("load"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def served_outputs(tmp_path_factory):
    """The mini directory (with the request tests' overlay and the treaty fixture texts), its database, index and a
    small site, built once for the tests that ask the served app in-process (tests/inprocess_setup.py)."""
    from inprocess_setup import build_outputs
    return build_outputs(tmp_path_factory.mktemp("served") / "repo")


@pytest.fixture
def served(served_outputs, monkeypatch):
    """served_outputs, with the environment `mlakb serve` gives its workers, for one test."""
    from inprocess_setup import serve_env
    serve_env(monkeypatch, served_outputs)
    return served_outputs
