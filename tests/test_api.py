"""The API as `mlakb serve` serves it (in-process: Datasette's client): canned queries, table JSON, 4xx for bad
parameters.  tests/test_serve_command.py and tests/test_serve_replicas.py run it on a real port."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, run_mlakb
from inprocess import InProcess


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    root = tmp_path_factory.mktemp("api") / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    build = root / "build"
    assert run_mlakb("build", "--only", "database", root=root, build=build).returncode == 0
    with InProcess(root, build) as app:
        yield app


def get(app: InProcess, path, **params):
    """(status, the JSON answer) of a GET."""
    response = app.get(path, params=params)
    return response.status_code, json.loads(response.content or b"null")


def test_central_authority_by_name_code_and_chinese_name(datasette):
    for who in ("Canada", "CAN", "ca", "加拿大"):
        status, rows = get(datasette, "/mlakb/central_authority.json", jurisdiction=who, matter="mla", _shape="array")
        assert status == 200
        assert [r["authority"] for r in rows] == ["can-iag"], who
    status, rows = get(datasette, "/mlakb/central_authority.json", jurisdiction="Canada", matter="extradition", _shape="array")
    assert [r["unit"] for r in rows] == ["International Assistance Group, Litigation Branch, Criminal Law Division"]
    status, rows = get(datasette, "/mlakb/central_authority.json", jurisdiction="China", matter="extradition", _shape="array")
    assert rows == []


def test_authorities_accepting_a_language(datasette):
    for language in ("fr", "French", "法语"):
        status, rows = get(datasette, "/mlakb/authorities_accepting_language.json", language=language, _shape="array")
        assert [r["authority"] for r in rows] == ["can-iag"]


def test_parties_and_instruments_binding_two_states(datasette):
    status, rows = get(datasette, "/mlakb/parties_to_instrument.json", instrument="UNTOC", _shape="array")
    assert [r["jurisdiction"] for r in rows] == ["can", "chn"]
    # "which instruments bind two States" has one definition, the basis finder's (in force, scope, party lists)
    status, body = get(datasette, "/-/basis.json", **{"from": "China", "to": "加拿大"})
    assert [i["id"] for i in body["bilateral"] + body["multilateral"]] == ["cn-can-mla", "untoc"]
    assert body["multilateral"][0]["consent"] == {"chn": {"signature": "2000-12-12", "consent": "2003-09-23", "action": "ratification", "entry_into_force": None, "denounced": None},
                                                  "can": {"signature": "2000-12-14", "consent": "2002-05-13", "action": "ratification", "entry_into_force": None, "denounced": None}}
    assert body["bilateral"][0]["addressee"]["id"] == "can-iag" and body["bilateral"][0]["addressee"]["why"] == "designated"


def test_table_json(datasette):
    status, rows = get(datasette, "/mlakb/jurisdictions.json", _shape="array", _sort="name_en")
    assert [r["id"] for r in rows] == ["can", "chn", "tha"]
    status, data = get(datasette, "/mlakb/authority_cards.json", id="can-iag", _shape="array")
    assert data[0]["timezone"] == "America/Toronto" and data[0]["contact_scope"] == "criminal-matters"
    status, data = get(datasette, "/mlakb/contacts.json", authority="can-iag", _shape="array")
    assert data[0]["sources_newest"] == "2014-12-01" and data[0]["sources_old"] == 1


@pytest.mark.parametrize("path,params", [
    ("/mlakb/jurisdictions.json", {"_sort": "no_such_column"}),
    ("/mlakb/jurisdictions.json", {"_sort_desc": "no_such_column"}),
    ("/mlakb/jurisdictions", {"_sort": "x"}),
    ("/mlakb/authorities.json", {"_facet": "nope"}),
    ("/mlakb/central_authorities.json", {"_sort": "nope"}),
    ("/mlakb/jurisdictions.json", {"_size": "lots"}),
    ("/mlakb.json", {"sql": "select * from no_such_table"}),
    ("/mlakb.json", {"sql": "delete from jurisdictions"}),
    ("/mlakb.json", {"sql": "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"}),
])
def test_bad_parameters_get_a_4xx_with_a_reason(datasette, path, params):
    status, body = get(datasette, path, **params)
    assert 400 <= status < 500, (status, body)
    assert body and body.get("ok") is False and body.get("error")


def test_the_api_is_read_only(datasette):
    status, body = get(datasette, "/mlakb.json", sql="insert into jurisdictions (id) values ('zzz')")
    assert status == 400
    status, rows = get(datasette, "/mlakb/jurisdictions.json", _shape="array", id="zzz")
    assert rows == []


def test_metadata_describes_the_data(datasette):
    status, meta = get(datasette, "/-/metadata.json")
    assert meta["license"].startswith("CC BY 4.0")
    columns = meta["databases"]["mlakb"]["tables"]["authorities"]["columns"]
    assert "中文名称" in columns["name_zh"]
    assert "用途" in meta["databases"]["mlakb"]["tables"]["contacts"]["columns"]["scope"]
    assert set(meta["databases"]["mlakb"]["queries"]) >= {"central_authority", "authorities_accepting_language", "parties_to_instrument"}
    assert "instruments_binding" not in meta["databases"]["mlakb"]["queries"]  # the basis finder answers it


@pytest.mark.parametrize("path,params,parameter", [
    ("/mlakb/central_authority.json", {"jurisdiction": "Narnia"}, "jurisdiction"),
    ("/mlakb/central_authority.json", {"jurisdiction": "Canada", "matter": "foo"}, "matter"),
    ("/mlakb/central_authority.json", {}, "jurisdiction"),
    ("/mlakb/central_authority", {"jurisdiction": "Narnia", "matter": "mla"}, "jurisdiction"),
    ("/mlakb/authorities_accepting_language.json", {"language": "Narnian"}, "language"),
    ("/mlakb/parties_to_instrument.json", {"instrument": "no-such-treaty"}, "instrument"),
    ("/mlakb/find_jurisdiction.json", {"q": " "}, "q"),
])
def test_canned_query_about_something_unknown_is_a_400_naming_the_parameter(datasette, path, params, parameter):
    status, body = get(datasette, path, **params)
    assert status == 400 and body["ok"] is False and body["status"] == 400
    assert f"parameter {parameter!r}" in body["error"]


def test_no_authority_recorded_differs_from_an_unknown_state(datasette):
    known, rows = get(datasette, "/mlakb/central_authority.json", jurisdiction="China", matter="extradition", _shape="array")
    unknown, error = get(datasette, "/mlakb/central_authority.json", jurisdiction="Narnia", matter="extradition", _shape="array")
    assert (known, rows) == (200, [])
    assert unknown == 400 and "no State or territory matches 'Narnia'" in error["error"]
    # a real language no authority is recorded as accepting is an empty answer, not an error
    assert get(datasette, "/mlakb/authorities_accepting_language.json", language="Klingon", _shape="array") == (200, [])


def test_list_columns_are_json_arrays(datasette):
    status, rows = get(datasette, "/mlakb/central_authority.json", jurisdiction="Canada", matter="mla", _shape="array")
    assert isinstance(rows[0]["handles"], list) and "mla" in rows[0]["handles"]
    assert isinstance(rows[0]["phone"], list) and isinstance(rows[0]["sources"], list)
    status, rows = get(datasette, "/mlakb/authority_cards.json", _shape="array", id="can-iag")
    assert isinstance(rows[0]["email"], list) and isinstance(rows[0]["languages"], list)
    status, rows = get(datasette, "/mlakb/contacts.json", _shape="array", authority="can-iag")
    assert isinstance(rows[0]["sources_kinds"], list)
    status, data = get(datasette, "/mlakb/instruments.json", _shape="objects", id="untoc")
    assert isinstance(data["rows"][0]["subject"], list)
    status, rows = get(datasette, "/mlakb/jurisdictions.json", _shape="array", id="can")
    assert rows[0]["name_en"] == "Canada" and isinstance(rows[0]["unknown"], list)  # plain text stays text


def test_a_browser_gets_the_reason_as_a_page(datasette):
    response = datasette.get("/mlakb/central_authority", params={"jurisdiction": "Narnia"}, headers={"accept": "text/html"})
    page = response.text
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert "parameter 'jurisdiction'" in page.replace("&#x27;", "'") and 'href="/mlakb/central_authority"' in page
