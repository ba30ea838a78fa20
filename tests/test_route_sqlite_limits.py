"""The fixed SQL of mlakb's own routes (/-/basis, /-/search, /-/request) and of the CLI runs on connections with
the same SQLite limits and authorizer as the table pages' public SQL: a value past the length limit, printf and
the database's file path are refused on both."""
from __future__ import annotations

import json
import sqlite3
import urllib.parse

import pytest
import yaml
from mlakb.common.sqlite_limits import LIMITS

from inprocess_setup import ask
from request_setup import DRAFTS

REFUSED_SQL = [
    "select length(randomblob(200000))",           # past SQLITE_LIMIT_LENGTH
    "select printf('%.*c', 999999999, 'x')",        # refused by the authorizer
    "select file from pragma_database_list",        # the file path, hidden
]


@pytest.mark.parametrize("sql", REFUSED_SQL)
def test_sql_refused_on_the_table_pages_is_refused_on_the_routes_connections(served, sql):
    from mlakb.query.lookup import connect

    (public,) = ask([("GET", "/mlakb.json?sql=" + urllib.parse.quote(sql))])
    assert public.status_code == 400, public.text[:300]
    conn = connect(served / "build" / "mlakb.db")
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(sql).fetchall()
    finally:
        conn.close()


class Watched(sqlite3.Connection):
    """A connection that notes, when it is closed, its length limit and whether it refuses printf."""
    seen: list[tuple[int, bool]] = []

    def close(self):
        try:
            self.execute("select printf('%d', 1)").fetchall()
            refused = False
        except sqlite3.DatabaseError:
            refused = True
        Watched.seen.append((self.getlimit(sqlite3.SQLITE_LIMIT_LENGTH), refused))
        super().close()


def test_every_connection_the_routes_open_has_the_limits(served, monkeypatch):
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: real_connect(*args, factory=Watched, **kwargs))
    Watched.seen = []
    draft = json.dumps(yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8")), ensure_ascii=False).encode()
    answers = ask([
        ("GET", "/-/basis.json?from=chn&to=can"),
        ("GET", "/-/basis?from=chn&to=can"),
        ("GET", "/-/search.json?q=extradition&state=can"),
        ("GET", "/-/request"),
        ("GET", "/-/request/draft?from=chn&to=can&measure=bank-records"),
    ]) + ask([("POST", "/-/request/check", {"content-type": "application/json"}, draft)])  # without the form's cookie
    assert [a.status_code for a in answers] == [200] * len(answers), [a.text[:200] for a in answers if a.status_code != 200]
    assert len(Watched.seen) >= len(answers), "each route opened and closed its own connections"
    assert set(Watched.seen) == {(LIMITS[sqlite3.SQLITE_LIMIT_LENGTH], True)}
