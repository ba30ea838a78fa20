"""Maintainers' verbs: fmt, new, stale, coverage, diff — on a copy of the mini directory."""
from __future__ import annotations

import json
import subprocess

from conftest import run_mlakb


def test_fmt_check_passes_on_canonical_records_and_shows_a_diff_otherwise(mini):
    assert run_mlakb("fmt", "--check", root=mini).returncode == 0
    can = mini / "directory/jurisdictions/can.yaml"
    can.write_text(can.read_text(encoding="utf-8").replace("codes: [en, fr]", "codes:\n    - en\n    - fr"), encoding="utf-8")
    result = run_mlakb("fmt", "--check", root=mini)
    assert result.returncode == 1
    assert "+    codes: [en, fr]" in result.stdout
    assert run_mlakb("fmt", root=mini).returncode == 0
    assert "codes: [en, fr]" in can.read_text(encoding="utf-8")
    assert run_mlakb("fmt", "--check", root=mini).returncode == 0


def test_new_jurisdiction_scaffold_is_valid(mini):
    result = run_mlakb("new", "jurisdiction", "DEU", "--region", "europe", root=mini)
    assert result.returncode == 0, result.stderr
    text = (mini / "directory/jurisdictions/deu.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/jurisdiction.schema.json\n")
    assert "zh: 德国" in text and "unknown: [central-authority, contacts, languages]" in text
    assert run_mlakb("check", root=mini).returncode == 0
    again = run_mlakb("new", "jurisdiction", "DE", "--region", "europe", root=mini)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert run_mlakb("new", "jurisdiction", "QQQ", "--region", "europe", root=mini).returncode == 2


def test_stale_lists_facts_past_review(mini):
    fresh = run_mlakb("stale", "--json", root=mini, env={"MLAKB_TODAY": "2027-01-01"})
    assert json.loads(fresh.stdout) == []
    old = json.loads(run_mlakb("stale", "--json", "--older-than", "12m", root=mini, env={"MLAKB_TODAY": "2028-01-01"}).stdout)
    assert {"path": "directory/jurisdictions/can.yaml", "line": 9, "jurisdiction": "can", "what": "authorities.0", "verified": "2026-11-23",
            "age_days": 404, "sources_newest": "2014-12-01", "reasons": ["verified-long-ago"]} in old
    assert [f["what"] for f in old if f["jurisdiction"]] == ["authorities.0", "authorities.0.contacts.0"]  # facts never verified are not "past review"
    by_source = json.loads(run_mlakb("stale", "--json", "--sources-older-than", "5y", root=mini, env={"MLAKB_TODAY": "2026-12-01"}).stdout)
    assert {"what": "requirements.0", "sources_newest": "2014-12-01", "reasons": ["old-source"]}.items() <= next(f for f in by_source if f["what"] == "requirements.0").items()
    never = json.loads(run_mlakb("stale", "--json", "--unverified", root=mini, env={"MLAKB_TODAY": "2026-12-01"}).stdout)
    never_can = {f["what"] for f in never if f["jurisdiction"] == "can"}
    assert "authorities.0.languages" in never_can and "authorities.0" not in never_can
    assert run_mlakb("stale", "--older-than", "soon", root=mini).returncode == 2


def test_coverage_by_region(mini):
    report = json.loads(run_mlakb("coverage", "--json", root=mini).stdout)
    assert report["regions"]["all"]["records"] == 3
    assert report["regions"]["all"]["central_authority"] == 2
    assert report["regions"]["asia"] == {**report["regions"]["asia"], "records": 2, "central_authority": 1, "email": 0}


def test_coverage_lists_the_records_missing_a_field(mini):
    email = json.loads(run_mlakb("coverage", "--missing", "email", "--json", root=mini).stdout)
    assert email == {"asia": ["chn", "tha"]}
    central = run_mlakb("coverage", "--missing", "central_authority", root=mini)
    assert central.returncode == 0 and central.stdout.split() == ["asia", "1", "tha"]
    wrong = run_mlakb("coverage", "--missing", "phone", root=mini)
    assert wrong.returncode == 2 and "'phone' is not one of" in wrong.stderr


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_diff_describes_changes_in_words(mini):
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base")
    can = mini / "directory/jurisdictions/can.yaml"
    can.write_text(can.read_text(encoding="utf-8")
                   .replace("central.authority@example.org", "mla@example.org")
                   .replace("codes: [en, fr]", "codes: [en, fr, es]"), encoding="utf-8")
    untoc = mini / "directory/instruments/untoc.yaml"
    untoc.write_text(untoc.read_text(encoding="utf-8").replace("consent: '2002-05-13'", "consent: '2002-05-14'"), encoding="utf-8")
    result = run_mlakb("diff", "HEAD", root=mini)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Canada (directory/jurisdictions/can.yaml): central authority can-iag contact 1 e-mail added mla@example.org; removed central.authority@example.org; central authority can-iag languages added es" in lines
    assert "United Nations Convention against Transnational Organized Crime (directory/instruments/untoc.yaml): party can consent changed '2002-05-13' → '2002-05-14'" in lines
    assert run_mlakb("diff", "no-such-rev", root=mini).returncode == 2
