"""The v1 → v2 record migration lost no fact: replayed on every record as it was before, from git history.

Where v1 could not tell which source states a fact, or what a contact is for, the migrated fact carries a
`review` mark instead of a guess; the count of marks is the review work list.
"""
from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "b73277d"  # the last commit with v1 records
sys.path.insert(0, str(ROOT / "scripts" / "migrations"))
import v2_records  # noqa: E402


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@functools.cache
def _old_records() -> dict[str, dict]:
    """The v1 records, read from git once per session (in one `git cat-file --batch`, parsed by libyaml when there is one)."""
    try:
        names = [n for n in _git("ls-tree", "-r", "--name-only", BEFORE, "--", "directory/jurisdictions").splitlines() if n.endswith(".yaml")]
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip(f"the repository history before the migration ({BEFORE}) is not available (shallow clone)")
    batch = subprocess.run(["git", "cat-file", "--batch"], cwd=ROOT, input="".join(f"{BEFORE}:{n}\n" for n in names).encode(),
                           capture_output=True, check=True).stdout
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    records, at = {}, 0
    for name in names:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])  # "<object> blob <size>"
        records[name] = yaml.load(batch[header_end + 1:header_end + 1 + size].decode("utf-8"), Loader=loader)
        at = header_end + 1 + size + 1
    return records


def v1_facts(record: dict) -> set[tuple]:
    facts = set()
    for a in record.get("authorities", []):
        facts |= {("authority", a["id"], k, str(a.get(k))) for k in ("name", "unit", "kind", "handles", "role", "notes") if a.get(k)}
        facts |= {("contact", a["id"], k, str(v)) for k, v in (a.get("contact") or {}).items() if v}
        facts |= {("language", a["id"], code) for code in a.get("languages", [])}
        facts |= {("channel", a["id"], ch) for ch in a.get("channels", [])}
        facts |= {("designation", a["id"], i) for i in a.get("designated_under", [])}
        if a.get("urgent"):
            facts.add(("urgent", a["id"], a["urgent"]))
        if a.get("contact_caution"):
            facts.add(("caution", a["id"], a["contact_caution"]))
    for key in ("requirements", "declarations", "practice", "informal_channels"):
        for item in record.get(key, []):
            facts.add((key, str(item.get("topic") or item.get("kind")), item.get("text") or item.get("name"), str(item.get("policy")), str(item.get("measures", []))))
    facts |= {("law", law["title"], str(law.get("year"))) for law in record.get("domestic_law", [])}
    facts |= {("source", s["id"], s["url"]) for s in record.get("sources", [])}
    facts |= {("record", k, str(record.get(k))) for k in ("id", "iso2", "name", "un_name", "region", "part_of", "unknown")}
    return facts


def v2_facts(record: dict) -> set[tuple]:
    facts = set()
    for a in record.get("authorities", []):
        facts |= {("authority", a["id"], k, str(a.get(k))) for k in ("name", "unit", "kind", "handles", "role", "notes") if a.get(k)}
        for c in a.get("contacts", []):
            facts |= {("contact", a["id"], k, str(v)) for k, v in c.items() if v and k not in ("sources", "review", "notes", "scope", "verified")}
            if c.get("notes"):
                facts.add(("caution", a["id"], c["notes"]))
        facts |= {("language", a["id"], code) for code in (a.get("languages") or {}).get("codes", [])}
        facts |= {("channel", a["id"], ch["channel"]) for ch in a.get("channels", [])}
        facts |= {("designation", a["id"], d["instrument"]) for d in a.get("designations", [])}
        if a.get("urgent"):
            facts.add(("urgent", a["id"], a["urgent"]["text"]["en"]))
    for key in ("requirements", "declarations", "practice", "informal_channels"):
        for item in record.get(key, []):
            text = (item.get("text") or {}).get("en") or (item.get("name") or {}).get("en")
            facts.add((key, str(item.get("topic") or item.get("kind")), text, str(item.get("policy")), str(item.get("measures", []))))
    facts |= {("law", law["title"], str(law.get("year"))) for law in record.get("domestic_law", [])}
    facts |= {("source", s["id"], s["url"]) for s in record.get("sources", [])}
    facts |= {("record", k, str(record.get(k))) for k in ("id", "iso2", "name", "un_name", "region", "part_of", "unknown")}
    return facts


def _informal_kind(fact: tuple) -> tuple:
    """v2 renamed two informal-channel kinds; the fact is the same."""
    if fact[0] == "informal_channels":
        return (fact[0], v2_records.INFORMAL_KINDS.get(fact[1], fact[1]), *fact[2:])
    return fact


def test_every_v1_fact_is_carried_into_v2():
    lost = {}
    for name, old in _old_records().items():
        new = v2_records.jurisdiction(old)
        missing = {_informal_kind(f) for f in v1_facts(old)} - v2_facts(new)
        if missing:
            lost[name] = sorted(missing)
    assert lost == {}


def test_what_v1_cannot_tell_is_marked_for_review_not_guessed():
    marks = 0
    for old in _old_records().values():
        new = v2_records.jurisdiction(old)
        for a in new.get("authorities", []):
            for c in a.get("contacts", []):
                assert "scope" not in c and v2_records.SCOPE_UNKNOWN in c["review"]  # no contact is given a scope it did not have
                marks += len(c["review"])
            for ch in a.get("channels", []):
                assert v2_records.CHANNEL_RULE in ch["review"]
            assert "verified" not in a  # the bulk date of the first load is not a verification
        assert "verified" not in new
        for key in ("requirements", "declarations", "practice"):
            for item in new.get(key, []):
                assert (len(item["sources"]) > 1) == (v2_records.MANY_SOURCES in item.get("review", []))
    assert marks > 0
