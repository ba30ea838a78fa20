"""`mlakb authority X`: who receives a request, as JSON and as text."""
from __future__ import annotations

import json

from conftest import run_mlakb


def authority(mini, tmp_path, *args):
    return run_mlakb("authority", *args, root=mini, build=tmp_path / "build")


def test_json_for_a_state_with_a_central_authority(mini, tmp_path):
    result = authority(mini, tmp_path, "加拿大", "--for", "mla", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [iag] = report["central_authorities"]
    assert report["jurisdiction"]["id"] == "can"
    assert iag["email"] == ["central.authority@example.org"]
    assert iag["languages"] == ["en", "fr"]
    assert iag["channels"] == ["direct-central-authority", "diplomatic"]
    assert iag["urgent"] == "Send an advance copy by e-mail (fixture)."
    assert iag["sources"][0]["url"].startswith("https://www.ris.bka.gv.at/")
    assert iag["verified"] == "2026-11-23"


def test_matter_filter(mini, tmp_path):
    report = json.loads(authority(mini, tmp_path, "CN", "--for", "extradition", "--json").stdout)
    assert report["central_authorities"] == []
    report = json.loads(authority(mini, tmp_path, "China", "--for", "mla", "--json").stdout)
    assert [a["name_zh"] for a in report["central_authorities"]] == ["司法部"]


def test_unknown_central_authority_is_said_so(mini, tmp_path):
    result = authority(mini, tmp_path, "Thailand")
    assert result.returncode == 0
    assert "Central authority: unknown — no source names one yet" in result.stdout
    assert json.loads(authority(mini, tmp_path, "tha", "--json").stdout)["unknown"] == ["central-authority"]


def test_unknown_state_is_an_error_not_a_traceback(mini, tmp_path):
    result = authority(mini, tmp_path, "Atlantis")
    assert result.returncode == 2
    assert "no State or territory matches 'Atlantis'" in result.stderr
    assert "Traceback" not in result.stderr
