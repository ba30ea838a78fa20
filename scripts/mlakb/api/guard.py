"""Check parameters before Datasette sees them: the table-page parameters Datasette 0.65 answers with a 500, and
the parameters of the canned queries (an unknown State or matter is a 400 naming the parameter, not empty rows);
and ask for the list columns as JSON arrays in every .json answer of the database.

Datasette 0.65.5 raises an unhandled error for `?_sort=` / `?_sort_desc=` on a column that does not
exist, for `_facet` on one, and for a `_next` on a view that is not an offset; checking parameters
before the request reaches Datasette is cheaper and clearer than patching its views.
"""
from __future__ import annotations

import sqlite3

import html
import json
import re
import sys
from urllib.parse import parse_qsl, unquote, urlencode

from datasette.utils import tilde_decode

from .errors import send_json_error
from .json_columns import json_columns
from .params import canned_problem

TABLE_PATH = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/]+?)(?:\.(?:json|csv))?$")
CHECKED = ("_sort", "_sort_desc", "_facet", "_facet_array", "_next")
# parameters Datasette passes to int() without catching the error ("max" is its own word for _size)
WHOLE_NUMBERS = {"_timelimit": (), "_ttl": (), "_facet_size": ("max",), "_size": ("max",)}


def guard(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            problem = await _problem(datasette, scope) or await _canned_problem(datasette, scope)
            if problem:
                await (html_error(scope) if wants_html(scope) else send_json_error)(send, problem, 400)
                return
            scope = await _with_json_columns(datasette, scope)
            await app(scope, receive, _no_server_error(scope, send))

        return checked

    return wrap


OWN_ROUTES = ("/-/basis", "/-/search", "/-/request", "/guide")
# what SQLite says when the file is damaged (see limits.Answer, which turns these into a 503)
DAMAGED = (b"malformed", b"disk I/O", b"not a database")


def _no_server_error(scope, send):
    """Last line of defence for Datasette's own pages: on this immutable, read-only database a 500 to a
    request with parameters is a parameter Datasette failed to validate, so answer 400 (and log it) --
    unless the error says the database itself is damaged, which is never the caller's fault (the outer
    layer answers 503).  mlakb's own routes validate their parameters; an error there stays a 500."""
    if not scope.get("query_string") or scope.get("path", "").startswith(OWN_ROUTES):
        return send
    state = {"start": None, "body": b""}

    async def sending(message):
        if message["type"] == "http.response.start" and message["status"] == 500:
            state["start"] = message
            return
        if state["start"] is None:
            await send(message)
            return
        state["body"] += message.get("body", b"")
        if message.get("more_body"):
            return
        if any(sign in state["body"] for sign in DAMAGED):
            await send(state["start"])
            await send({"type": "http.response.body", "body": state["body"]})
            return
        print(f"mlakb: Datasette error answered as 400: {scope.get('path')}?{scope['query_string'].decode('latin-1')[:300]}", file=sys.stderr)
        await send_json_error(send, "The request's parameters could not be processed; check their names and values", 400)

    return sending


async def _problem(datasette, scope) -> str | None:
    query = scope.get("query_string", b"").decode("latin-1")
    if not query:
        return None
    params = parse_qsl(query, keep_blank_values=True)
    for name, value in params:
        if name in WHOLE_NUMBERS and not (value.isascii() and value.isdigit()) and value not in WHOLE_NUMBERS[name]:
            return f"{name} must be a whole number, not {value!r}"
        if name == "_through" and not _valid_through(value):
            return '_through must be JSON such as {"table": "authority_languages", "column": "language", "value": "fr"}'
    if not any(f"{name}=" in query for name in CHECKED):
        return None
    match = TABLE_PATH.match(scope.get("path", ""))
    if not match:
        return None
    database_name = tilde_decode(unquote(match["database"]))
    if database_name not in datasette.databases:
        return None
    database = datasette.get_database(database_name)
    table = tilde_decode(unquote(match["table"]))
    is_table = await database.table_exists(table)
    if not (is_table or table in await database.view_names()):
        return None
    columns = set(await database.table_columns(table))
    if is_table:
        columns.add("rowid")
    for name, value in params:
        if name == "_next":
            if not is_table and not value.isdigit():
                return f"_next for {table} must be a row offset (a whole number), not {value!r}"
            continue
        if name in CHECKED and value not in columns:
            what = "sort" if name.startswith("_sort") else "facet"
            return f"Cannot {what} {table} by {value!r}: no such column (columns: {', '.join(sorted(columns))})"
    return None


async def _canned_problem(datasette, scope) -> str | None:
    """The reason a canned query cannot answer its parameters.  The bare page (no parameters) shows the form."""
    match = TABLE_PATH.match(scope.get("path", ""))
    if not match or (not scope.get("query_string") and not scope["path"].endswith((".json", ".csv"))):
        return None
    database_name = tilde_decode(unquote(match["database"]))
    if database_name not in datasette.databases:
        return None
    args = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"), keep_blank_values=True)
    return await canned_problem(datasette.get_database(database_name), tilde_decode(unquote(match["table"])), args)


async def _with_json_columns(datasette, scope):
    """The scope of a .json request of a database, with `_json=` added for each column holding JSON lists."""
    path = scope.get("path", "")
    database_name = path.split("/")[1] if path.count("/") >= 2 else ""
    if not path.endswith(".json") or database_name not in datasette.databases:
        return scope
    given = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    try:
        found = await json_columns(datasette.get_database(database_name))
    except sqlite3.DatabaseError:  # a damaged file: the request goes on, and its answer says the database is damaged (503)
        return scope
    wanted = [("_json", c) for c in found if ("_json", c) not in given]
    if not wanted:
        return scope
    query = scope.get("query_string", b"") + (b"&" if scope.get("query_string") else b"") + urlencode(wanted).encode()
    return {**scope, "query_string": query}


def wants_html(scope) -> bool:
    """A person's browser asking for a page (not .json or .csv): the reason is shown as a page."""
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    return not scope.get("path", "").endswith((".json", ".csv")) and "text/html" in accept


def html_error(scope):
    """An error sender answering with a page that gives the reason and links back to the bare form."""
    form = html.escape(scope.get("path", "/"), quote=True)

    async def send_page(send, message: str, status: int, headers: list | None = None) -> None:
        body = (f'<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>{status} · mlakb</title>'
                f"<p>无法回答 · Cannot answer: {html.escape(message)}</p>"
                f'<p><a href="{form}">重新填写 · Try again</a> · <a href="/mlakb">数据 · Data</a></p>').encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [[b"content-type", b"text/html; charset=utf-8"], [b"content-length", str(len(body)).encode()], *(headers or [])]})
        await send({"type": "http.response.body", "body": body})

    return send_page


def _valid_through(value: str) -> bool:
    try:
        through = json.loads(value)
    except ValueError:
        return False
    return isinstance(through, dict) and {"table", "column", "value"} <= set(through)
