"""/-/search: the treaty search, a page for people (bare URL = the empty form) and JSON (`.json` or Accept).

Parameters: q, lang (zh, en), instrument (an id), kind, state (a State: its treaties with a text), limit.
Hits come in score order and link to the paragraph they were found in (`#art-18-18`) when the page has it.
"""
from __future__ import annotations

import asyncio
import json
import re
from functools import lru_cache

from markupsafe import Markup

from ..paths import paths
from ..query.lookup import NotFound, connect, resolve
from ..treaties.index import MANIFEST_FILE
from ..treaties.search import KINDS, Hit, IndexMissing, SearchError
from .answer_cache import searches_answered
from .offload import SearchBusy, SearchTooLong, searches
from .params import integer, one_of, optional
from .web import json_failure, json_response, page, stamp, treaty_anchors, wants_json

_PARAGRAPH = re.compile(r"^(\d+)\((\d+)\)")
KIND_LABELS = {"multilateral": "多边公约 · multilateral", "bilateral": "双边条约 · bilateral", "domestic-law": "国内法 · domestic law"}


async def search_route(request):
    as_json = wants_json(request)
    form = {name: request.args.get(name, "") for name in ("q", "lang", "instrument", "kind", "state", "limit")}
    try:
        query = optional(request, "q")
        lang = one_of(request, "lang", ("zh", "en"))
        kind = one_of(request, "kind", KINDS)
        limit = integer(request, "limit", 10, 1, 100)
        instrument = optional(request, "instrument")
        state, scope = await asyncio.to_thread(_scope, optional(request, "state"))  # SQL: not on the event loop
        if query is None:
            if as_json:
                raise ValueError("parameter 'q' is required")
            return await page("search.html", active="search", form=form, hits=None, error=None, json_url=None, **_choices(state, scope))
        instruments = [instrument] if instrument else scope
        hits = await _search(query, lang, instruments, kind, limit)
    except (IndexMissing, SearchBusy) as exc:
        return await _failure(as_json, form, str(exc), 503)
    except (ValueError, SearchError, SearchTooLong, NotFound) as exc:
        return await _failure(as_json, form, str(exc), 400)
    if as_json:
        return json_response({"ok": True, "query": query, "hits": [dict(h.to_dict(), url=_link(h)) for h in hits]})
    shown = [{"hit": h, "link": _link(h), "snippet": Markup(h.snippet)} for h in hits]  # snippets are escaped by search()
    return await page("search.html", active="search", form=form, hits=shown, error=None, json_url=_json_url(request), **_choices(state, scope))


async def _failure(as_json: bool, form: dict, message: str, status: int):
    if as_json:
        return json_failure(message, status)
    return await page("search.html", status=status, active="search", form=form, hits=None, error=message, json_url=None, **_choices(None, None))


def _json_url(request) -> str:
    return "/-/search.json" + (f"?{request.query_string}" if request.query_string else "")


async def _search(query: str, lang, instruments: list[str] | None, kind, limit: int) -> list[Hit]:
    """The hits, best score first, from the search processes (off the event loop, each search capped in time)
    or the cache of answers; across several instruments, each searched and the best kept."""
    if instruments is None:
        found = await _one(query=query, lang=lang, instrument=None, kind=kind, limit=limit)
    else:
        found = [h for i in instruments for h in await _one(query=query, lang=lang, instrument=i, kind=kind, limit=limit)]
    return sorted((Hit(**h) for h in found), key=lambda h: -h.score)[:limit]


async def _one(query: str, lang, instrument, kind, limit: int) -> list[dict]:
    # runs of white space read as one space: the query parser reads them so
    manifest = paths().treaty_index / MANIFEST_FILE
    key = (str(manifest), stamp(manifest), " ".join(query.split()), lang, instrument, kind, limit)
    return await searches_answered.get(key, lambda: searches.search(query=query, lang=lang, instrument=instrument, kind=kind, limit=limit))


def _link(hit) -> str:
    """The hit's URL at the paragraph where its words were found, when the text has that anchor."""
    anchor = getattr(hit, "anchor", None)
    if not anchor and hit.paragraphs and (found := _PARAGRAPH.match(hit.paragraphs[0])):
        anchor = f"art-{found[1]}-{found[2]}"
    anchor = (anchor or "").lstrip("#")
    if anchor and anchor in treaty_anchors().get(hit.text_id, {}).get(hit.language, set()):
        return hit.url.split("#")[0] + "#" + anchor
    return hit.url


def _indexed() -> list[str]:
    """The instruments the treaty index holds (from its manifest); [] before the first build."""
    manifest = paths().treaty_index / MANIFEST_FILE
    return _indexed_in(manifest, stamp(manifest))


@lru_cache(maxsize=2)
def _indexed_in(manifest, _stamp: int) -> list[str]:
    try:
        return sorted(json.loads(manifest.read_text(encoding="utf-8"))["by_instrument"])
    except (OSError, ValueError, KeyError):
        return []


def _scope(state_text: str | None):
    """The State given as `state` and the indexed instruments that bind it (None: no State given)."""
    if state_text is None:
        return None, None
    conn = connect(paths().database)
    try:
        state = dict(resolve(conn, state_text))
        rows = conn.execute(
            """select instrument as id from party_states where jurisdiction = :s
               union select id from instruments where kind = 'domestic-law' and jurisdiction = :s""",
            {"s": state["id"]}).fetchall()
    finally:
        conn.close()
    bound = {r["id"] for r in rows}
    return state, [i for i in _indexed() if i in bound]


@lru_cache(maxsize=2)
def _labels(database, _stamp: int) -> dict[str, dict]:
    """The instruments' names, read once per build of the database (none before the first build)."""
    if not database.is_file():
        return {}
    conn = connect(database)
    try:
        return {r["id"]: dict(r) for r in conn.execute(
            "select id, coalesce(short_title_zh, title_zh, short_title_en, title_en) as zh, coalesce(short_title_en, title_en) as en from instruments")}
    finally:
        conn.close()


def _choices(state: dict | None, scope: list[str] | None) -> dict:
    """The options of the form: the indexed instruments, the kinds, and the State the search is limited to."""
    labels = _labels(paths().database, stamp(paths().database))
    instruments = [labels.get(i, {"id": i, "zh": i, "en": i}) for i in _indexed()]
    return {"instruments": instruments, "names": {i: label["zh"] for i, label in labels.items()}, "kinds": KIND_LABELS,
            "state": state, "scope": scope or []}
