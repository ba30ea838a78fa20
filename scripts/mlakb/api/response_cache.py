"""Datasette's JSON answers about the database (tables, rows, views, canned queries), kept in each server process.

The database is immutable while it is served, so the same address gets the same answer until the next build;
the key holds the database's path and build stamp beside the address, so a rebuilt database is never answered
from the old one.  Only complete 200 answers without a cookie are kept, in the same bounded cache as the searches and
basis reports (MLAKB_ANSWER_CACHE_MB); anything else is passed on as it came.
"""
from __future__ import annotations

import re

from ..paths import paths
from .answer_cache import AnswerCache
from .web import stamp

DATABASE_JSON = re.compile(r"^/mlakb(/[^/]+)*\.json$")


class NotKept(Exception):
    """An answer to pass on once but not to keep (not a 200, or it sets a cookie)."""

    def __init__(self, messages: list[dict]):
        self.messages = messages


def remembered(app, cache: AnswerCache | None = None):
    cache = cache or AnswerCache()

    async def answering(scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not DATABASE_JSON.match(scope.get("path", "")) or cache.capacity <= 0:
            await app(scope, receive, send)
            return
        database = paths().database
        key = (str(database), stamp(database), scope["path"], scope.get("query_string", b""))
        try:
            messages = await cache.get(key, lambda: _recorded(app, scope, receive))
        except NotKept as passed_on:
            messages = passed_on.messages
        for message in messages:
            await send(message)

    return answering


async def _recorded(app, scope, receive) -> list[dict]:
    messages: list[dict] = []

    async def record(message):
        messages.append(message)

    await app(scope, receive, record)
    start = next((m for m in messages if m["type"] == "http.response.start"), None)
    if start is None or start["status"] != 200 or any(k.lower() == b"set-cookie" for k, _ in start.get("headers", [])):
        raise NotKept(messages)
    return messages
