"""`mlakb serve`: Datasette (the API, mlakb's routes and the guide) under uvicorn, in one or more processes.

Every worker process builds the same Datasette over the same immutable database, treaty index and site
(`app()` is uvicorn's app factory); nothing is written while serving, so workers and replicas need no
shared state beyond the signing secret of the request form's CSRF token (DATASETTE_SECRET).
"""
from __future__ import annotations

import json
import os
import secrets
import sqlite3
from pathlib import Path

from .paths import Paths, paths

SETTINGS = {
    "sql_time_limit_ms": 1000,      # public read-only service: no query may hold a worker for long
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "facet_time_limit_ms": 200,
    "allow_download": 0,
    "allow_csv_stream": 0,
    "num_sql_threads": 3,
    "default_cache_ttl": 300,
}
GRACEFUL_SECONDS = 3  # on SIGTERM, requests in flight get this long to finish


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def datasette(p: Paths):
    """The Datasette every worker serves: the built database and its metadata, mlakb's plugin (an entry point)
    and SETTINGS.  Tests call it through Datasette's in-process client."""
    from datasette.app import Datasette

    metadata = json.loads((p.build / "metadata.json").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(p.database)], metadata=metadata, settings=SETTINGS, secret=os.environ.get("DATASETTE_SECRET"))


def app():
    """The ASGI app of one worker process (uvicorn calls this in each worker).  When the worker shuts down, its
    search processes are stopped before it reports the shutdown complete (Datasette has no shutdown hook)."""
    from .api.offload import searches

    inner = datasette(paths()).app()

    async def with_searches_stopped(scope, receive, send):
        async def reply(message):
            if message["type"] == "lifespan.shutdown.complete":
                searches.close()
            await send(message)

        await inner(scope, receive, reply if scope["type"] == "lifespan" else send)

    return with_searches_stopped


def run(p: Paths, host: str, port: int, workers: int) -> None:
    """Serve until SIGTERM or SIGINT; each worker finishes its requests in flight within GRACEFUL_SECONDS."""
    import uvicorn

    os.environ["MLAKB_ROOT"] = str(p.root)
    os.environ["MLAKB_BUILD"] = str(p.build)
    os.environ["MLAKB_SITE"] = str(p.site)
    # one secret for all workers, so a form served by one worker can be posted to another
    os.environ.setdefault("DATASETTE_SECRET", secrets.token_hex(32))
    # the cores are shared between the workers' search processes
    os.environ.setdefault("MLAKB_SEARCH_PROCESSES", str(max(1, default_workers() // workers)))
    uvicorn.run("mlakb.serve:app", factory=True, host=host, port=port, workers=workers, lifespan="on",
                log_level="warning", timeout_graceful_shutdown=GRACEFUL_SECONDS, limit_concurrency=1000,
                timeout_keep_alive=5, server_header=False)


def database_problem(database: Path) -> str | None:
    """Why the database cannot be served (missing, unreadable, fails SQLite's integrity check), or None."""
    if not database.is_file():
        return "the database has not been built"
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            verdict = conn.execute("pragma quick_check").fetchall()
            conn.execute("select count(*) from jurisdictions").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"the database cannot be read ({exc})"
    if verdict != [("ok",)]:
        return f"the database fails SQLite's integrity check ({verdict[0][0]})"
    return None
