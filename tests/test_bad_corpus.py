"""HTML and script payloads in every text field of a record, and wrong types: each is caught with a position."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURES
from mlakb.records.check import check_directory
from mlakb.records.directory import load_directory

PAYLOADS = ["<script>alert(1)</script>", "[click](javascript:alert(1))", '<img src=x onerror="alert(1)">', "javascript:alert(1)"]


def leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    elif isinstance(value, str):
        yield path


def replaced(data, path, new):
    if not path:
        return new
    head, *rest = path
    if isinstance(data, dict):
        return {k: (replaced(v, rest, new) if k == head else v) for k, v in data.items()}
    return [replaced(v, rest, new) if i == head else v for i, v in enumerate(data)]


BASE = yaml.safe_load((FIXTURES / "bad" / "valid.yaml").read_text(encoding="utf-8"))
AUTHORITY = {**BASE["authorities"][0], "unit": "Division of International Legal Assistance", "role": {"en": "Receives requests", "zh": "接收请求", "translated": "zh"},
             "name": {"en": "Federal Office of Justice", "zh": "联邦司法部", "local": "Bundesamt für Justiz"},
             "contacts": [{**BASE["authorities"][0]["contacts"][0], "address": "Adenauerallee 99-103, 53113 Bonn", "hours": "Mon-Fri 9-17", "timezone": "Europe/Berlin",
                           "notes": {"en": "Listed for civil matters"}}],
             "urgent": {"text": {"en": "Send an advance copy", "zh": "先发送副本", "translated": "zh"}, "sources": ["guide"], "verified": "2026-11-23", "review": ["confirm the route"]},
             "notes": {"en": "Checked against the source", "zh": "已与来源核对", "translated": "zh"}, "editor_notes": "merged with an earlier pass"}
VALID = {**BASE, "un_name": "Germany", "name": {"en": "Germany", "zh": "德国", "local": "Deutschland"}, "authorities": [AUTHORITY],
         "requirements": [{"topic": "costs", "text": {"en": "Costs are borne by the requested State"}, "notes": {"en": "As a rule"}, "sources": ["guide"], "verified": "2026-11-23"}],
         "declarations": [{"instrument": "untoc", "topic": "extradition-basis", "value": True, "text": {"en": "Takes the Convention as a basis"}, "sources": ["guide"], "verified": "2026-11-23"}],
         "informal_channels": [{"kind": "network-24-7", "name": {"en": "24/7 contact point"}, "network": "G7 24/7 network", "host": "Federal Criminal Police Office",
                                "text": {"en": "Data preservation"}, "sources": ["guide"], "verified": "2026-11-23"}],
         "domestic_law": [{"title": "Act on International Mutual Assistance in Criminal Matters", "year": 1982, "sources": ["guide"], "verified": "2026-11-23"}],
         "practice": [{"kind": "good-practice", "text": {"en": "Consults before refusing"}, "sources": ["guide"], "verified": "2026-11-23"}],
         "searched": [{"looked_for": "email", "where": "the ministry's pages", "on": "2026-11-30"}]}
NOT_TEXT = ("id", "iso2", "region", "kind", "verified", "topic", "instrument", "scope", "channel", "translated", "on", "looked_for")
TEXT_LEAVES = [p for p in leaves(VALID) if p[-1] not in NOT_TEXT and not (len(p) > 1 and p[-2] in ("handles", "channels", "sources", "codes"))]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the mini directory; each test writes its own directory/jurisdictions/deu.yaml over the last one."""
    root = tmp_path_factory.mktemp("bad-corpus") / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def problems_for(root, data):
    target = root / "directory" / "jurisdictions" / "deu.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    directory = load_directory(root / "directory", base=root)
    return [p for p in check_directory(directory, root) if p.path == "directory/jurisdictions/deu.yaml"]


def test_the_record_without_payloads_is_valid(tree):
    assert problems_for(tree, VALID) == []


def test_every_text_field_is_covered():
    assert len(TEXT_LEAVES) >= 25  # names, unit, role, contact fields, urgent, notes, every fact's text, source title and url


@pytest.mark.parametrize("path", TEXT_LEAVES, ids=[".".join(map(str, p)) for p in TEXT_LEAVES])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_any_text_field_is_rejected_at_its_position(tree, path, payload):
    problems = problems_for(tree, replaced(VALID, path, payload))
    assert problems, f"{payload!r} in {'.'.join(map(str, path))} was accepted"
    assert all(p.code in ("E-VALUE", "E-PHONE", "E-VOCAB", "E-SOURCEREF", "E-UNUSEDSOURCE") for p in problems), problems


@pytest.mark.parametrize("path,value,code", [
    (("authorities", 0, "languages", "codes"), "de", "E-VALUE"),  # a string where a list is expected
    (("authorities", 0, "verified"), 5, "E-VALUE"),            # a number where a date is expected
    (("name",), "Germany", "E-VALUE"),                         # a string where a mapping is expected
    (("authorities", 0, "handles"), [], "E-VALUE"),            # an empty list where one entry is required
    (("authorities", 0, "contacts", 0, "phone"), [4922899], "E-VALUE"),
    (("authorities", 0, "handles"), ["mla", "mla"], "E-DUP"),   # a list that repeats an entry
    (("requirements", 0, "text"), {}, "E-VALUE"),               # a statement in neither language
])
def test_wrong_types(tree, path, value, code):
    problems = problems_for(tree, replaced(VALID, path, value))
    assert [p.code for p in problems] == [code], problems
