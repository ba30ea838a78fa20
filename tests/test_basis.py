"""The legal-basis finder: `mlakb basis FROM TO` and /-/basis (in-process), on the mini directory built once
(`small_repo`); one test builds its own database on demand, as a first `mlakb basis` does."""
from __future__ import annotations

import json

import pytest

from conftest import run_mlakb
from inprocess import InProcess
from test_api import get


def basis(root, *args):
    result = run_mlakb("basis", *args, "--json", root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_bilateral_treaty_and_convention(small_repo):
    report = basis(small_repo, "中国", "Canada")
    assert [i["id"] for i in report["bilateral"]] == ["cn-can-mla"]
    assert report["bilateral"][0]["entry_into_force"] == "1995-07-01"
    [untoc] = report["multilateral"]
    assert untoc["consent"]["chn"]["consent"] == "2003-09-23" and untoc["consent"]["can"]["consent"] == "2002-05-13"
    assert untoc["articles"]["central-authority"] == "18(13)"
    assert report["reciprocity"] is None


def test_offence_outside_the_conventions_scope(small_repo):
    report = basis(small_repo, "chn", "can", "--offence", "corruption")
    [untoc] = report["multilateral"]
    assert untoc["applies"] is False and "corruption" in untoc["why_not"]
    assert report["bilateral"][0]["id"] == "cn-can-mla"  # a general MLA treaty covers every offence


def test_partial_party_list_is_unknown_not_no(small_repo):
    report = basis(small_repo, "chn", "tha")
    assert report["multilateral"] == []
    [untoc] = report["party_data_unknown"]
    assert untoc["id"] == "untoc" and untoc["unknown_for"] == ["tha"]
    assert report["reciprocity"]["route"] == "diplomatic"
    assert report["reciprocity"]["caveat"]


def test_extradition_has_no_mla_treaty(small_repo):
    report = basis(small_repo, "chn", "can", "--measure", "extradition")
    assert report["matter"] == "extradition"
    assert report["bilateral"] == []  # the China-Canada treaty covers MLA only
    assert [i["id"] for i in report["multilateral"]] == ["untoc"]


@pytest.mark.parametrize("denounced, binds", [("2026-12-07", False), ("2027-06-01", True)])
def test_a_denunciation_ends_the_bond_from_the_day_it_takes_effect(mini, tmp_path, denounced, binds):
    untoc = mini / "directory" / "instruments" / "untoc.yaml"
    text = untoc.read_text(encoding="utf-8")
    untoc.write_text(text.replace("  consent: '2002-05-13'\n", f"  consent: '2002-05-13'\n  denounced: '{denounced}'\n", 1), encoding="utf-8")
    result = run_mlakb("basis", "chn", "can", "--measure", "extradition", "--json", root=mini, build=tmp_path / "build")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [untoc_entry] = report["multilateral"]
    assert untoc_entry["consent"]["can"]["denounced"] == denounced
    assert untoc_entry.get("applies", True) is binds
    if not binds:
        assert untoc_entry["why_not"] == f"Canada denounced it with effect from {denounced}"
        assert report["reciprocity"]["route"] == "diplomatic"  # nothing else binds them for extradition
    else:
        assert report["reciprocity"] is None


def test_unknown_state_on_a_first_run_that_builds_the_database(mini, tmp_path):
    result = run_mlakb("basis", "chn", "Atlantis", root=mini, build=tmp_path / "build")
    assert result.returncode == 2 and "no State or territory matches 'Atlantis'" in result.stderr
    assert (tmp_path / "build" / "mlakb.db").is_file()


@pytest.fixture(scope="module")
def app(small_repo):
    with InProcess(small_repo, small_repo / "build") as served:
        yield served


def test_basis_route(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "加拿大"})
    assert status == 200 and body["ok"] is True
    assert [i["id"] for i in body["bilateral"]] == ["cn-can-mla"]


@pytest.mark.parametrize("params,status", [
    ({"from": "CHN"}, 400),
    ({"from": "CHN", "to": "Atlantis"}, 404),
    ({"from": "CHN", "to": "CAN", "measure": "torture"}, 400),
    ({"from": "CHN", "to": "CAN", "offence": "x" * 600}, 400),
])
def test_basis_route_bad_parameters(app, params, status):
    got, body = get(app, "/-/basis.json", **params)
    assert got == status and body["ok"] is False and body["error"]
