"""The legal-basis finder: `mlakb basis FROM TO` and /-/basis, on the mini directory."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, run_mlakb, serving
from test_api import get


def basis(mini, tmp_path, *args):
    result = run_mlakb("basis", *args, "--json", root=mini, build=tmp_path / "build")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_bilateral_treaty_and_convention(mini, tmp_path):
    report = basis(mini, tmp_path, "中国", "Canada")
    assert [i["id"] for i in report["bilateral"]] == ["cn-can-mla"]
    assert report["bilateral"][0]["entry_into_force"] == "1995-07-01"
    [untoc] = report["multilateral"]
    assert untoc["consent"]["chn"]["consent"] == "2003-09-23" and untoc["consent"]["can"]["consent"] == "2002-05-13"
    assert untoc["articles"]["central-authority"] == "18(13)"
    assert report["reciprocity"] is None


def test_offence_outside_the_conventions_scope(mini, tmp_path):
    report = basis(mini, tmp_path, "chn", "can", "--offence", "corruption")
    [untoc] = report["multilateral"]
    assert untoc["applies"] is False and "corruption" in untoc["why_not"]
    assert report["bilateral"][0]["id"] == "cn-can-mla"  # a general MLA treaty covers every offence


def test_partial_party_list_is_unknown_not_no(mini, tmp_path):
    report = basis(mini, tmp_path, "chn", "tha")
    assert report["multilateral"] == []
    [untoc] = report["party_data_unknown"]
    assert untoc["id"] == "untoc" and untoc["unknown_for"] == ["tha"]
    assert report["reciprocity"]["route"] == "diplomatic"
    assert report["reciprocity"]["caveat"]


def test_extradition_has_no_mla_treaty(mini, tmp_path):
    report = basis(mini, tmp_path, "chn", "can", "--measure", "extradition")
    assert report["matter"] == "extradition"
    assert report["bilateral"] == []  # the China-Canada treaty covers MLA only
    assert [i["id"] for i in report["multilateral"]] == ["untoc"]


def test_unknown_state(mini, tmp_path):
    result = run_mlakb("basis", "chn", "Atlantis", root=mini, build=tmp_path / "build")
    assert result.returncode == 2 and "no State or territory matches 'Atlantis'" in result.stderr


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    root = tmp_path_factory.mktemp("basis") / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    assert run_mlakb("build", "--only", "database", root=root, build=root / "build").returncode == 0
    with serving(root, root / "build") as base:
        yield base


def test_basis_route(api):
    status, body = get(api, "/-/basis.json", **{"from": "CHN", "to": "加拿大"})
    assert status == 200 and body["ok"] is True
    assert [i["id"] for i in body["bilateral"]] == ["cn-can-mla"]


@pytest.mark.parametrize("params,status", [
    ({"from": "CHN"}, 400),
    ({"from": "CHN", "to": "Atlantis"}, 404),
    ({"from": "CHN", "to": "CAN", "measure": "torture"}, 400),
    ({"from": "CHN", "to": "CAN", "offence": "x" * 600}, 400),
])
def test_basis_route_bad_parameters(api, params, status):
    got, body = get(api, "/-/basis.json", **params)
    assert got == status and body["ok"] is False and body["error"]
