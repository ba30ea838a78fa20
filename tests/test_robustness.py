"""Property-based tests on the app `mlakb serve` serves (in-process): arbitrary strings and parameters thrown at every route and canned query never get a 500,
and no route or SQL can write to the database."""
from __future__ import annotations

import shutil
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, run_mlakb
from inprocess import InProcess

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
NASTY = st.sampled_from(["", " ", "'", '"', "%", "\\", "\x00", "<script>alert(1)</script>", "' or 1=1 --", "中央机关", "../../etc/passwd", "a" * 2000, "NEAR(", "*", "-1", "1e309", "\u202e"])
VALUE = st.one_of(ANY_TEXT, NASTY)

CANNED = {
    "central_authority": ["jurisdiction", "matter"],
    "authorities_accepting_language": ["language"],
    "parties_to_instrument": ["instrument"],
    "find_jurisdiction": ["q"],
}
TABLE_PARAMS = ["_sort", "_sort_desc", "_facet", "_size", "_next", "_search", "_col", "_nocol", "_shape", "_where", "_through", "_labels", "id__gt", "name_en__contains", "region__in", "_json", "_fts_table", "_search_name_en", "_trace", "_timelimit"]
ROUTES = {
    "/-/basis": ["from", "to", "measure", "offence"],
    "/-/search": ["q", "lang", "instrument", "kind", "limit"],
}
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def app(small_repo):
    with InProcess(small_repo, small_repo / "build") as served:
        yield served


def no_server_error(app, path, params):
    response = app.get(path, params=params)
    assert response.status_code < 500, (path, params, response.status_code, response.text[:500])
    return response


@EXAMPLES
@given(query=st.sampled_from(sorted(CANNED)), values=st.lists(VALUE, min_size=2, max_size=2), fmt=st.sampled_from(["", ".json", ".csv"]))
def test_canned_queries_never_500(app, query, values, fmt):
    params = dict(zip(CANNED[query], values))
    no_server_error(app, f"/mlakb/{query}{fmt}", params)


@EXAMPLES
@given(table=st.sampled_from(["jurisdictions", "authorities", "parties", "central_authorities", "sources", "no_such_table", "authorities_fts"]),
       params=st.dictionaries(st.sampled_from(TABLE_PARAMS), VALUE, max_size=3), fmt=st.sampled_from(["", ".json"]))
def test_table_pages_never_500(app, table, params, fmt):
    no_server_error(app, f"/mlakb/{table}{fmt}", params)


@EXAMPLES
@given(route=st.sampled_from(sorted(ROUTES)), values=st.lists(VALUE, min_size=4, max_size=4), fmt=st.sampled_from(["", ".json"]))
def test_plugin_routes_never_500(app, route, values, fmt):
    response = no_server_error(app, route + fmt, dict(zip(ROUTES[route], values)))
    if response.status_code == 414:  # an address over the bound is refused before any route (tests/test_attacks.py)
        if fmt:
            assert response.json()["ok"] is False
        else:  # the page routes answer a person with a page that gives the reason
            assert response.headers["content-type"].startswith("text/html") and "longer than" in response.text
        return
    if not fmt:  # the page for people
        assert response.headers["content-type"].startswith("text/html")
        return
    body = response.json()
    if response.status_code >= 400:
        assert body["ok"] is False and body["error"] and body["status"] == response.status_code
        assert "could not be processed" not in body["error"]  # a route's own message, not the guard's fallback
    else:
        assert body["ok"] is True


@EXAMPLES
@given(path=st.one_of(ANY_TEXT, NASTY).map(lambda s: "/guide/" + urllib.parse.quote(s, safe="/")))
def test_guide_route_never_500_and_never_leaves_the_site(app, path):
    response = no_server_error(app, path, {})
    assert "root:" not in response.text


@EXAMPLES
@given(sql=st.one_of(ANY_TEXT, NASTY, st.sampled_from(["select 1", "select * from jurisdictions", "pragma table_info(jurisdictions)"])))
def test_arbitrary_sql_never_500(app, sql):
    no_server_error(app, "/mlakb.json", {"sql": sql})


WRITES = [
    "insert into jurisdictions (id) values ('zzz')",
    "update jurisdictions set name_en = 'x'",
    "delete from jurisdictions",
    "drop table jurisdictions",
    "create table t (x)",
    "attach database '/tmp/x.db' as x",
    "pragma writable_schema = 1",
    "vacuum",
    "replace into jurisdictions (id) values ('can')",
    "with x as (select 1) delete from jurisdictions",
]


@pytest.mark.parametrize("sql", WRITES)
def test_no_write_is_possible_through_sql(app, sql):
    before = app.get("/mlakb/jurisdictions.json", params={"_shape": "array", "_size": "max"}).json()
    response = app.get("/mlakb.json", params={"sql": sql})
    assert 400 <= response.status_code < 500, (sql, response.status_code)
    for method in ("post", "put", "delete"):
        assert app.request(method.upper(), "/mlakb/jurisdictions.json").status_code >= 400
    assert app.get("/mlakb/jurisdictions.json", params={"_shape": "array", "_size": "max"}).json() == before


def test_an_internal_error_in_an_own_route_stays_a_500(tmp_path):
    """The 400 fallback is for Datasette's pages only: a broken database behind /-/basis is not the user's fault."""
    import sqlite3

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    assert run_mlakb("build", "--only", "database", root=root, build=root / "build").returncode == 0
    conn = sqlite3.connect(root / "build" / "mlakb.db")
    conn.execute("drop table provisions")
    conn.commit()
    conn.close()
    with InProcess(root, root / "build") as broken:
        assert broken.get("/-/basis", params={"from": "chn", "to": "can"}).status_code == 500
        assert broken.get("/mlakb/jurisdictions.json", params={"_sort": "nope"}).status_code == 400
