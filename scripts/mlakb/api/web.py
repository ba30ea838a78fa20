"""What the pages for people share: JSON or HTML for one route, readable UTF-8 JSON, and the guide's look.

A route answers JSON when its path ends in `.json` or the request asks for `application/json` (and not for HTML
first); otherwise an HTML page.  The pages use the guide's own Material stylesheets (served under /guide/), so
they look like the guide without copying its theme.
"""
from __future__ import annotations

import asyncio
import json
from functools import lru_cache
from pathlib import Path

import jinja2
from datasette.utils.asgi import Response

from ..guide.pages import scan_treaties
from ..paths import paths
from ..query.basis import MEASURES
from ..query.lookup import connect
from ..treaties.index import MANIFEST_FILE
from .errors import asks_for_json, error_body

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)


def wants_json(request) -> bool:
    if request.url_vars.get("format") == ".json":
        return True
    return asks_for_json(request.headers.get("accept", ""))


def json_response(body: dict, status: int = 200) -> Response:
    """JSON with Chinese and other scripts as they are, not as \\uXXXX escapes."""
    return Response(json.dumps(body, ensure_ascii=False, default=str), status=status,
                    content_type="application/json; charset=utf-8")


def json_failure(message: str, status: int = 400) -> Response:
    return json_response(error_body(message, status), status)


def guide_styles() -> list[str]:
    """The URLs of the guide's Material stylesheets (their names carry a hash), then its own; [] before a build."""
    folder = paths().site / "assets" / "stylesheets"
    found = [f"/guide/assets/stylesheets/{p.name}" for pattern in ("main.*.min.css", "palette.*.min.css")
             for p in sorted(folder.glob(pattern))]
    return found + ["/guide/assets/stylesheets/mlakb.css"] if found else []


async def page(template: str, status: int = 200, **context) -> Response:
    """The page, rendered in a worker thread so that a long page does not hold up other requests."""
    html = await asyncio.to_thread(lambda: _ENV.get_template(template).render(styles=guide_styles(), **context))
    return Response.html(html, status=status)


def stamp(path: Path) -> int:
    """The modification time of an output (0 when missing): a cache key renewed by every build."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def treaty_anchors() -> dict[str, dict[str, set[str]]]:
    """{text page stem: {language: the `art-N` and `art-N-P` anchors of its text}}, read again after each index build."""
    return _anchors_of(paths().kb / "treaties", stamp(paths().treaty_index / MANIFEST_FILE))


@lru_cache(maxsize=2)
def _anchors_of(folder: Path, _stamp: int) -> dict[str, dict[str, set[str]]]:
    return {stem: page.anchors for stem, page in scan_treaties(folder).items()}


def form_choices() -> dict:
    """What the forms offer: the States, and the measures (those a request may seek), offences and channels with
    their labels; read once per build of the database (empty before the first build)."""
    return _choices_of(paths().database, stamp(paths().database))


@lru_cache(maxsize=2)
def _choices_of(database: Path, _stamp: int) -> dict:
    states, vocab = [], {"measures": [], "offences": [], "channels": []}
    if database.is_file():
        conn = connect(database)
        try:
            states = [dict(r) for r in conn.execute("select id, name_en, name_zh from jurisdictions order by name_en")]
            for row in conn.execute("select vocabulary, id, en, zh from vocab where vocabulary in ('measures', 'offences', 'channels') order by rowid"):
                vocab[row["vocabulary"]].append(dict(row))
        finally:
            conn.close()
    return {"states": states, "measures": [m for m in vocab["measures"] if m["id"] in MEASURES],
            "offences": vocab["offences"], "channels": vocab["channels"]}
