"""Shared fixtures: a copy of the mini directory, the real directory, running the real CLI and a real Datasette."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
MLAKB = [sys.executable, "-m", "mlakb"]


def run_mlakb(*args: str, root: Path | None = None, build: Path | None = None, env: dict | None = None, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real `mlakb` command line in a subprocess."""
    full_env = {**os.environ, "MLAKB_TODAY": "2026-12-01", **(env or {})}
    if root is not None:
        full_env["MLAKB_ROOT"] = str(root)
    if build is not None:
        full_env["MLAKB_BUILD"] = str(build)
    return subprocess.run([*MLAKB, *args], capture_output=True, text=True, env=full_env, cwd=cwd or root or REPO, timeout=timeout)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini (a small valid directory)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    return root


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
