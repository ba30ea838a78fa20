"""The built guide (site/) served under /guide/ beside the API."""
from __future__ import annotations

import mimetypes
from pathlib import Path

from datasette.utils.asgi import Response

from ..paths import paths
from .errors import json_error


def site_file(site: Path, path: str) -> Path | None:
    """The file for a URL path inside `site`, or None; never a file outside it."""
    root = site.resolve()
    candidate = (root / path.lstrip("/")).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


async def guide(request):
    site = paths().site
    path = request.url_vars.get("path", "")
    if request.path == "/guide":
        return Response.redirect("/guide/")
    if path and not path.endswith("/") and (site / path).is_dir():
        return Response.redirect(f"/guide/{path}/")
    found = site_file(site, path)
    if found is None:
        if not (site / "index.html").is_file():
            return json_error("The guide has not been built: run `mlakb build`", 404)
        missing = site / "404.html"
        if missing.is_file():
            return Response.html(missing.read_text(encoding="utf-8"), status=404)
        return json_error(f"No page at /guide/{path}", 404)
    content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
        content_type += "; charset=utf-8"
    return Response(found.read_bytes(), content_type=content_type, headers={"cache-control": "public, max-age=300"})
