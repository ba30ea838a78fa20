"""mlakb's served app in-process: the mini directory and the treaty fixture texts built once per module, and the
ASGI app `mlakb serve` runs in each worker (Datasette with mlakb's plugin: bounds, guard, routes), asked through
httpx's ASGI transport without a port."""
from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import httpx

from conftest import FIXTURES, run_mlakb

HASHED_CSS = "assets/stylesheets/main.0123abcd.min.css"


def build_outputs(root: Path) -> Path:
    """`root`: a copy of the mini directory (with the request tests' overlay) and the treaty fixture texts, its database and index built, and a
    small site laid out as MkDocs Material does (a page, an asset whose name carries its hash)."""
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(FIXTURES / "requests" / "directory", root / "directory", dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "treaties" / "texts", root / "kb" / "treaties", dirs_exist_ok=True)
    result = run_mlakb("build", "--only", "database", "--only", "index", root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    (root / "site" / "assets" / "stylesheets").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<!doctype html><title>mlakb</title><p>guide</p>", encoding="utf-8")
    (root / "site" / HASHED_CSS).write_text("body{margin:0}", encoding="utf-8")
    return root


def serve_env(monkeypatch, root: Path) -> None:
    """The environment `mlakb serve` gives its workers, for this test."""
    monkeypatch.setenv("MLAKB_ROOT", str(root))
    monkeypatch.setenv("MLAKB_BUILD", str(root / "build"))
    monkeypatch.setenv("MLAKB_SITE", str(root / "site"))
    monkeypatch.setenv("DATASETTE_SECRET", "test")


def ask(requests: list[tuple]) -> list[httpx.Response]:
    """Send (method, path[, headers[, body]]) requests in turn to a fresh app, in one event loop; their responses.
    The search processes are started for this app's paths and stopped after it."""
    from mlakb.api.offload import searches
    from mlakb.serve import app

    async def send_all():
        transport = httpx.ASGITransport(app=app())
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost", timeout=60) as client:
            return [await client.request(method, path, headers=(rest[0] if rest else None), content=(rest[1] if len(rest) > 1 else None))
                    for method, path, *rest in requests]

    searches._restart()
    try:
        return asyncio.run(send_all())
    finally:
        searches._restart()
