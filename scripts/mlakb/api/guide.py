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


NOT_FOUND = """<!doctype html><meta charset="utf-8"><title>404 · mlakb</title>
<p>此页面不存在 / No such page. <a href="/guide/">指南首页 / Guide home</a> · <a href="/guide/en/">English</a></p>"""


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
        # site/404.html links its assets from the site root, which is /guide/ here: answer plainly instead
        return Response.html(NOT_FOUND, status=404)
    content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
        content_type += "; charset=utf-8"
    return Response(found.read_bytes(), content_type=content_type, headers={"cache-control": "public, max-age=300"})
