"""Datasette as `mlakb serve` builds it (`mlakb.serve.datasette`: the built database, its metadata, mlakb's plugin
and the server's settings), called through Datasette's in-process client: no port, no process start.

    with InProcess(root, build) as api:
        response = api.get("/mlakb/central_authority.json", params={"jurisdiction": "CAN"})

Every request goes through the same ASGI stack as on the real server (the plugin's bounds and guard included).
The paths are given to the app as `mlakb serve` gives them, through MLAKB_ROOT, MLAKB_BUILD and MLAKB_SITE, set
while a request is answered.  Open one app at a time (module-scoped fixtures): the treaty searches' worker
processes are shared and take the paths when they start.  Tests where a real port is the point use `conftest.serving` instead.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path

import httpx

SEARCH_PROCESSES = "1"  # the treaty searches' worker processes: one is enough for tests


class InProcess:
    def __init__(self, root: Path, build: Path, site: Path | None = None, env: dict | None = None):
        self.env = {"MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build), "MLAKB_SEARCH_PROCESSES": SEARCH_PROCESSES,
                    **({"MLAKB_SITE": str(site)} if site else {}), **(env or {})}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ds = None

    @contextlib.contextmanager
    def _environment(self):
        """The app's paths, set only while it works, so that no other test sees them."""
        saved = {name: os.environ.get(name) for name in self.env}
        os.environ.update(self.env)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def __enter__(self) -> "InProcess":
        from mlakb.api.offload import searches
        from mlakb.paths import paths
        from mlakb.serve import datasette

        searches._restart()  # search processes another test started took that test's paths
        self.loop = asyncio.new_event_loop()
        with self._environment():
            self.ds = datasette(paths())
        return self

    def __exit__(self, *exc) -> None:
        from mlakb.api.offload import searches

        searches._restart()  # the search processes took the paths when they started: the next app starts its own
        self.loop.close()

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        """kwargs as httpx's: params, headers, content, cookies ..."""
        with self._environment():
            return self.loop.run_until_complete(self.ds.client.request(method, path, **kwargs))

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.request("POST", path, **kwargs)
