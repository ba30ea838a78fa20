"""Turn the table-page parameters Datasette 0.65 answers with a 500 into a 400 with a reason.

Datasette 0.65.5 raises an unhandled error for `?_sort=` / `?_sort_desc=` on a column that does not
exist, and for `_facet` on one; checking the column names before the request reaches Datasette is
cheaper and clearer than patching its views.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote

from datasette.utils import tilde_decode

from .errors import send_json_error

TABLE_PATH = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/]+?)(?:\.(?:json|csv))?$")
CHECKED = ("_sort", "_sort_desc", "_facet", "_facet_array")


def guard(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope["type"] == "http":
                problem = await _problem(datasette, scope)
                if problem:
                    await send_json_error(send, problem, 400)
                    return
            await app(scope, receive, send)

        return checked

    return wrap


async def _problem(datasette, scope) -> str | None:
    query = scope.get("query_string", b"").decode("latin-1")
    if not query or not any(f"{name}=" in query for name in CHECKED):
        return None
    match = TABLE_PATH.match(scope.get("path", ""))
    if not match:
        return None
    database_name = tilde_decode(unquote(match["database"]))
    if database_name not in datasette.databases:
        return None
    database = datasette.get_database(database_name)
    table = tilde_decode(unquote(match["table"]))
    if not (await database.table_exists(table) or table in await database.view_names()):
        return None
    columns = set(await database.table_columns(table))
    if await database.table_exists(table):
        columns.add("rowid")
    params = parse_qsl(query, keep_blank_values=True)
    for name, value in params:
        if name in CHECKED and value not in columns:
            what = "sort" if name.startswith("_sort") else "facet"
            return f"Cannot {what} {table} by {value!r}: no such column (columns: {', '.join(sorted(columns))})"
    return None
