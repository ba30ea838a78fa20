"""Datasette's JSON answers about the database are kept per server process: the same address is answered again
without reaching Datasette, until the database is rebuilt; failures, cookies, pages and other methods pass through."""
from __future__ import annotations

import asyncio
import os

import pytest

from mlakb.api.answer_cache import AnswerCache
from mlakb.api.response_cache import remembered


def counting_app(status: int = 200, headers: list | None = None):
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"] + "?" + scope.get("query_string", b"").decode())
        await send({"type": "http.response.start", "status": status, "headers": headers or [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"rows": [', "more_body": True})
        await send({"type": "http.response.body", "body": b'%d]}' % len(calls)})

    return app, calls


def get(app, path: str, query: bytes = b"", method: str = "GET") -> tuple[int, bytes]:
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": []}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("MLAKB_BUILD", str(tmp_path))
    (tmp_path / "mlakb.db").write_bytes(b"built")
    return tmp_path / "mlakb.db"


def test_the_same_address_is_answered_once_until_the_database_is_rebuilt(database):
    app, calls = counting_app()
    cached = remembered(app, AnswerCache(1_000_000))
    first = get(cached, "/mlakb/jurisdictions/can.json")
    assert get(cached, "/mlakb/jurisdictions/can.json") == first == (200, b'{"rows": [1]}')
    assert get(cached, "/mlakb/jurisdictions/can.json", b"_shape=array") == (200, b'{"rows": [2]}')  # another question
    assert len(calls) == 2
    stamp = database.stat().st_mtime_ns
    os.utime(database, ns=(stamp + 10**9, stamp + 10**9))  # a new build swapped in under the server
    assert get(cached, "/mlakb/jurisdictions/can.json") == (200, b'{"rows": [3]}')


@pytest.mark.parametrize("status,headers", [(400, None), (503, None), (200, [(b"set-cookie", b"ds_csrftoken=x")])])
def test_failures_and_answers_with_a_cookie_are_passed_on_and_not_kept(database, status, headers):
    app, calls = counting_app(status, headers)
    cached = remembered(app, AnswerCache(1_000_000))
    assert get(cached, "/mlakb/central_authority.json") == (status, b'{"rows": [1]}')
    assert get(cached, "/mlakb/central_authority.json") == (status, b'{"rows": [2]}')


@pytest.mark.parametrize("path,method", [("/mlakb/jurisdictions", "GET"), ("/guide/index.html", "GET"),
                                         ("/-/basis.json", "GET"), ("/mlakb/jurisdictions.json", "POST")])
def test_pages_other_routes_and_other_methods_pass_through(database, path, method):
    app, calls = counting_app()
    cached = remembered(app, AnswerCache(1_000_000))
    get(cached, path, method=method)
    get(cached, path, method=method)
    assert len(calls) == 2


def test_a_cache_of_size_zero_keeps_nothing(database):
    app, calls = counting_app()
    cached = remembered(app, AnswerCache(0))
    get(cached, "/mlakb/jurisdictions/can.json")
    get(cached, "/mlakb/jurisdictions/can.json")
    assert len(calls) == 2
