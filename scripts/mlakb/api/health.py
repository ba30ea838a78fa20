"""/-/health: 200 when this server can answer (its database is readable), else 503; says whether the
treaty index and the guide are there (without them, /-/search and /guide/ answer 503 and 404).

For a load balancer's health check and the container's HEALTHCHECK; it names no file path.
"""
from __future__ import annotations

from datasette.utils.asgi import Response

from ..paths import paths
from ..treaties.index import MANIFEST_FILE


async def health(datasette):
    p = paths()
    checks = {"index": (p.treaty_index / MANIFEST_FILE).is_file(), "guide": (p.site / "index.html").is_file()}
    try:
        db = datasette.get_database("mlakb")
        await db.execute("select count(*) from jurisdictions")
        checks["database"] = True
        build = db.hash[:16] if db.hash else None
    except Exception:  # any failure to read means this server cannot answer
        checks["database"], build = False, None
    ok = checks["database"]
    return Response.json({"ok": ok, "checks": checks, "build": build}, status=200 if ok else 503,
                         headers={"cache-control": "no-store"})
