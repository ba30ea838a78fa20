"""`mlakb authority X`: who receives a request, as JSON and as text (on the mini directory built once, `small_repo`;
the first test builds its own database on demand, as a first `mlakb authority` does)."""
from __future__ import annotations

import json

from conftest import run_mlakb


def authority(root, *args, build=None):
    return run_mlakb("authority", *args, root=root, build=build or root / "build")


def test_json_for_a_state_with_a_central_authority(mini, tmp_path):
    result = authority(mini, "加拿大", "--for", "mla", "--json", build=tmp_path / "build")
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


def test_matter_filter(small_repo):
    report = json.loads(authority(small_repo, "CN", "--for", "extradition", "--json").stdout)
    assert report["central_authorities"] == []
    report = json.loads(authority(small_repo, "China", "--for", "mla", "--json").stdout)
    assert [a["name_zh"] for a in report["central_authorities"]] == ["司法部"]


def test_unknown_central_authority_is_said_so(small_repo):
    result = authority(small_repo, "Thailand")
    assert result.returncode == 0
    assert "Central authority: unknown — no source names one yet" in result.stdout
    assert json.loads(authority(small_repo, "tha", "--json").stdout)["unknown"] == ["central-authority", "languages"]


def test_unknown_state_is_an_error_not_a_traceback(small_repo):
    result = authority(small_repo, "Atlantis")
    assert result.returncode == 2
    assert "no State or territory matches 'Atlantis'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_source_mark_tells_an_undated_source_from_an_old_one():
    """A contact resting only on undated sources is not called old: its age is unknown, and the text says so."""
    from mlakb.query.authority import _cited
    undated = _cited({"sources": [{"id": "a", "kind": "official"}], "sources_old": 1})
    old = _cited({"sources": [{"id": "b", "as_of": "2014-12-01", "kind": "official"}], "sources_newest": "2014-12-01", "sources_old": 1})
    recent = _cited({"sources": [{"id": "c", "as_of": "2025-01-01", "kind": "official"}], "sources_newest": "2025-01-01", "sources_old": 0})
    assert undated == " — undated · official (source undated: its age is unknown)"
    assert old == " — 2014-12-01 · official (source over five years old)"
    assert recent == " — 2025-01-01 · official"
