"""Every diagnostic code in the registry (scripts/mlakb/common/codes.yaml) has an input that produces it, at a
position, and every code the checks emit is in the registry (so CONTRIBUTING.md documents it): E-... for records
and guide pages, R-... for request drafts, E-BUILD-... for build steps."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from mlakb.common.codes import codes
from mlakb.records.check import check_directory
from mlakb.records.directory import load_directory
from mlakb.records.kb_check import kb_problems
from mlakb.pipeline import STEPS

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
VALID = (ROOT / "tests" / "fixtures" / "bad" / "valid.yaml").read_text(encoding="utf-8")
J = "directory/jurisdictions/deu.yaml"


def valid(*edits: tuple[str, str]) -> str:
    text = VALID
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def nested(depth: int) -> str:
    return "id: deu\nx: " + "[" * depth + "]" * depth + "\n"


def untoc(edit: tuple[str, str]) -> str:
    text = (MINI / "directory/instruments/untoc.yaml").read_text(encoding="utf-8")
    return text.replace(*edit, 1)


# code: (file to write, its content); every one of them breaks a valid mini directory in one way
CASES: dict[str, tuple[str, str | bytes]] = {
    "E-READ": ("directory/jurisdictions/gone.yaml", None),  # listed, then gone before it is read
    "E-SIZE": (J, "id: deu\nnotes: '" + "x" * 1_100_000 + "'\n"),
    "E-BOM": (J, b"\xef\xbb\xbf" + VALID.encode()),
    "E-ENCODING": (J, VALID.encode().replace(b"Germany", b"Germ\xffny")),
    "E-CHAR": (J, valid(("en: Germany", "en: Germ\x07ny"))),
    "E-YAML": (J, valid(("  en: Germany\n", "  en: Germany\n   zh: [unclosed\n"))),
    "E-ALIAS": (J, valid(("  en: Germany", "  en: *nothing"))),
    "E-ANCHOR": (J, valid(("  en: Germany", "  en: &n Germany"))),
    "E-TAG": (J, valid(("  en: Germany", "  en: !custom Germany"))),
    "E-MERGE": (J, valid(("region: europe\n", "region: europe\n<<: {un_name: Germany}\n"))),
    "E-KEY": (J, valid(("region: europe\n", "region: europe\n? [a, b]\n: pair\n"))),
    "E-DUPKEY": (J, valid(("region: europe\n", "region: europe\nregion: asia\n"))),
    "E-DEPTH": (J, nested(60)),
    "E-EMPTY": (J, ""),
    "E-DOCS": (J, VALID + "---\nid: deu\n"),
    "E-SHAPE": (J, "- deu\n- Germany\n"),
    "W-LANGUAGE-UNNAMED": (J, valid(("    codes: [de]\n", "    codes: [de, fr]\n    text: {en: Requests in German are accepted.}\n"))),
    "W-MATTERS": (J, valid(("  - instrument: untoc\n", "  - instrument: untoc\n    matters: [extradition]\n"))),
    # the Austrian gazette page the mini Canada record cites as official, cited here as secondary
    "W-SOURCE-MISMATCH": (J, valid(("  url: https://example.org/guide\n  kind: official", "  url: https://www.ris.bka.gv.at/Dokumente/BgblAuth/BGBLA_2014_III_232/BGBLA_2014_III_232.html\n  kind: secondary"))),
    "W-DOUBLED-QUOTE": (J, valid(("  en: Germany", "  en: Germany''s government"))),
    "W-UNVERIFIED": (J, valid(("    sources: [guide]\n    verified: '2026-11-23'\n  contacts:", "    sources: [guide]\n  contacts:"))),
    "E-PLACE": ("directory/jurisdictions/deu.yml", VALID),
    "E-FIELD": (J, valid(("region: europe\n", "region: europe\nregion_note: x\n"))),
    "E-MISSING": (J, valid(("  kind: central-authority\n", ""))),
    "E-VALUE": (J, valid(("    codes: [de]", "    codes: [xx]"))),
    "E-ID": (J, valid(("- id: deu-bfj", "- id: bfj"))),
    "E-DUPID": (J, valid(("- id: deu-bfj", "- id: can-iag"))),
    "E-DUP": (J, valid(("  handles: [mla]", "  handles: [mla, mla]"))),
    "E-DUPPARTY": ("directory/instruments/untoc.yaml", untoc(("- state: chn", "- state: can"))),
    "E-DUPSOURCE": (J, valid(("  kind: official\n", "  kind: official\n- id: guide\n  title: Again\n  url: https://example.org/again\n  kind: official\n"))),
    "E-DUPTERM": ("directory/vocab/glossary.yaml", "id: glossary\ntitle: {en: Glossary, zh: 术语表}\nterms:\n- {en: dual criminality, zh: 双重犯罪}\n- {en: Dual criminality, zh: 双重归罪}\n"),
    "E-COUNTRY": (J, valid(("iso2: DE", "iso2: FR"))),
    "E-PHONE": (J, valid(("'+49 228 99 410 40'", "'+49 12'"))),
    "E-VOCAB": (J, valid(("  - channel: diplomatic", "  - channel: carrier-pigeon"))),
    "E-REF": (J, valid(("region: europe\n", "region: europe\npart_of: zzz\n"))),
    "E-SOURCEREF": (J, valid(("  sources: [guide]\n  verified", "  sources: [nowhere]\n  verified"))),
    "E-UNUSEDSOURCE": (J, valid(("  kind: official\n", "  kind: official\n- id: spare\n  title: Spare\n  url: https://example.org/spare\n  kind: official\n"))),
    "E-FUTURE": (J, valid(("  kind: official\n", "  kind: official\n  as_of: '2099'\n"))),
    "E-UNKNOWN": (J, valid(("region: europe\n", "region: europe\nunknown: [central-authority]\n"))),
    "W-UNKNOWN-UNLISTED": (J, valid(("region: europe\n", "region: europe\nsearched:\n- looked_for: urgent\n  where: Fixture pages\n  'on': '2026-11-23'\n"))),
    "E-COVERAGE": (J, valid(("  kind: central-authority", "  kind: competent-authority"))),
    "E-KB-SCRIPT": ("kb/guide/note.en.md", "# Note\n\n<script>alert(1)</script>\n"),
    "E-KB-SYMLINK": ("kb/guide/linked.en.md", Path("/etc/hostname")),
    "W-TERM-ZH": (J, valid(("    en: Federal Office of Justice\n", "    en: Federal Office of Justice\n    zh: 联邦司法署\n    zh_translated: true\n"))),
}
# files a case needs beside the one it breaks (the glossary that retires a rendering the record then uses)
BESIDE: dict[str, dict[str, str]] = {
    "W-TERM-ZH": {"directory/vocab/glossary.yaml": "id: glossary\ntitle: {en: Glossary, zh: 术语表}\nterms:\n- {en: Federal Office of Justice, zh: 联邦司法部, superseded_zh: [联邦司法署]}\n"},
}


def problems_with(tmp_path: Path, code: str) -> list:
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    name, content = CASES[code]
    for beside, text in BESIDE.get(code, {}).items():
        (root / beside).write_text(text, encoding="utf-8")
    target = root / name
    if content is None:
        directory = load_directory(root / "directory", paths=[target], base=root)
        return directory.problems
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        target.symlink_to(content)
        return kb_problems(root)
    if name.startswith("kb/"):
        target.write_text(content, encoding="utf-8")
        return kb_problems(root)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return check_directory(load_directory(root / "directory", base=root), root)


def test_every_registry_entry_has_its_four_fields_whole():
    # an unquoted comma in a YAML flow mapping ends the value and turns the rest of the sentence into a stray key
    for code, entry in codes().items():
        assert set(entry) == {"severity", "en", "zh", "fix"}, code
        assert all(isinstance(entry[k], str) and entry[k].strip() for k in ("en", "zh", "fix")), code
    assert codes()["E-SOURCEREF"]["fix"] == "Add the source under `sources`, or correct the id."


def test_every_registered_code_has_a_case_and_every_case_a_registered_code():
    assert set(CASES) | set(REQUEST_CASES) | set(BUILD_CASES) == set(codes())


def test_every_code_the_checks_emit_is_registered():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "scripts" / "mlakb").rglob("*.py"))
    emitted = set(re.findall(r'"(E-[A-Z0-9-]+)"', source)) - {"E-BUILD-"}
    rules = (ROOT / "scripts" / "mlakb" / "requests" / "rules.py").read_text(encoding="utf-8")
    # a request finding's code is R-<ID> unless the rule gives one (code="R-...")
    emitted |= {f"R-{i.upper()}" for i in re.findall(r'_finding\(\s*"[a-z-]+",\s*"([a-z-]+)"', rules)} | set(re.findall(r'code="(R-[A-Z-]+)"', rules))
    emitted |= {f"E-BUILD-{step.upper()}" for step in STEPS}
    assert emitted <= set(codes()), emitted - set(codes())


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_reported_at_a_position(tmp_path, code):
    problems = problems_with(tmp_path, code)
    assert code in {p.code for p in problems}, problems
    found = next(p for p in problems if p.code == code)
    assert found.line >= 1 and found.col >= 1 and found.message and found.severity == codes()[code]["severity"]


def test_check_fix_removes_repetitions_and_says_so(tmp_path):
    from click.testing import CliRunner

    from mlakb.cli import cli

    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / J).write_text(valid(("  handles: [mla]", "  handles:\n  - mla\n  - mla")), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli, ["check"], env={"MLAKB_ROOT": str(root)})
    assert first.exit_code == 1 and "E-DUP 'mla' is listed twice" in first.output
    fixed = runner.invoke(cli, ["check", "--fix"], env={"MLAKB_ROOT": str(root)})
    assert fixed.exit_code == 0, fixed.output
    assert "directory/jurisdictions/deu.yaml: fixed: removed the repeated 'mla' from authorities.0.handles" in fixed.output
    assert "  handles: [mla]\n" in (root / J).read_text(encoding="utf-8")


def test_a_provision_must_point_at_an_article_of_the_text(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / "kb" / "treaties").mkdir(parents=True)
    shutil.copy(ROOT / "tests/fixtures/treaties/texts/untoc.en.md", root / "kb/treaties/untoc.en.md")
    record = root / "directory/instruments/untoc.yaml"
    text = record.read_text(encoding="utf-8").replace("parties_known:", "texts:\n- language: en\n  path: kb/treaties/untoc.en.md\nparties_known:")
    record.write_text(text, encoding="utf-8")
    assert [p for p in check_directory(load_directory(root / "directory", base=root), root) if p.code == "E-REF"] == []
    record.write_text(text.replace("dual-criminality: 18(9)", "dual-criminality: 18(99)"), encoding="utf-8")
    [problem] = [p for p in check_directory(load_directory(root / "directory", base=root), root) if p.code == "E-REF"]
    assert problem.path == "directory/instruments/untoc.yaml" and "18(99)" in problem.message and "art-18-99" in problem.message


# --- request drafts: (directory, draft in tests/fixtures/requests, edit of the draft)
# directories: "requests" (request_setup's), "variant" (the same, with Singapore's authority recorded without languages,
# channels or a criminal-matters contact, a second Singapore authority, Singapore's declaration on UNTOC and UNTOC
# without a Chinese title), "mini" (tests/fixtures/mini: no vocabulary of request elements)
def _extradition(draft, **changes):
    draft.update(measures=[{"measure": "extradition"}], legal_basis={"instruments": ["untoc"]}, **changes)
    draft["persons"][0]["role"] = "sought"


def _to_singapore(draft, authority="sgp-agc"):
    draft.update(requested={"state": "sgp", "authority": authority, "channel": "diplomatic"}, legal_basis={"instruments": ["untoc"]})


REQUEST_CASES = {
    "R-VOCABULARY-MISSING": ("mini", "complete.yaml", lambda d: d["requesting"].update(competent_authority=None)),
    "R-MISSING-ELEMENT": ("requests", "missing-facts.yaml", None),
    "R-LANGUAGE-UNKNOWN": ("variant", "complete.yaml", _to_singapore),
    "R-LANGUAGE-NOT-ACCEPTED": ("requests", "language-not-accepted.yaml", None),
    "R-TRANSLATION-MISSING": ("requests", "translation-missing.yaml", None),
    "R-LANGUAGE-SCOPED": ("scoped", "translation-missing.yaml", None),
    "R-TEXT-UNTRANSLATED": ("requests", "complete.yaml", lambda d: d.update(facts=d["facts"]["zh"])),
    "R-CHANNEL-NOT-STATED": ("requests", "complete.yaml", lambda d: d["requested"].update(channel=None)),
    "R-CHANNEL-UNKNOWN": ("variant", "complete.yaml", _to_singapore),
    "R-CHANNEL-NOT-ACCEPTED": ("requests", "channel-not-accepted.yaml", None),
    "R-UNKNOWN-CENTRAL-AUTHORITY": ("requests", "unknown-central-authority.yaml", None),
    "R-ADDRESSEE-MISSING": ("requests", "complete.yaml", lambda d: d["requested"].update(authority=None)),
    "R-NOT-CENTRAL-AUTHORITY": ("variant", "complete.yaml", lambda d: _to_singapore(d, "sgp-spf")),
    "R-CONTACT-UNCONFIRMED": ("variant", "complete.yaml", _to_singapore),
    "R-NO-TREATY": ("requests", "no-treaty.yaml", None),
    "R-TREATY-NOT-CITED": ("requests", "complete.yaml", lambda d: d["legal_basis"].update(instruments=[])),
    "R-BASIS-NOT-BINDING": ("requests", "basis-not-binding.yaml", None),
    "R-BASIS-UNCONFIRMED": ("requests", "complete.yaml", lambda d: d.update(requested={"state": "tha", "channel": "diplomatic"}, legal_basis={"instruments": ["untoc"]})),
    "R-BASIS-DECLINED": ("variant", "complete.yaml", _to_singapore),
    "R-TITLE-ZH-UNKNOWN": ("variant", "complete.yaml", _to_singapore),
    "R-ARTICLES-UNKNOWN": ("requests", "basis-not-binding.yaml", None),
    "R-DUAL-CRIMINALITY-UNADDRESSED": ("requests", "dual-criminality-unaddressed.yaml", None),
    "R-URGENT-WITHOUT-ADVANCE-CHANNEL": ("requests", "urgent-without-advance-channel.yaml", None),
    "R-URGENCY-WITHOUT-REASON": ("requests", "complete.yaml", lambda d: d.update(urgency={"urgent": True, "advance_channel": "email"})),
    "R-DEADLINE-PASSED": ("requests", "deadline-passed.yaml", None),
    "R-DEADLINE-TOO-SHORT": ("requests", "deadline-too-short.yaml", None),
    "R-CONFIDENTIALITY-WITHOUT-REASON": ("requests", "confidentiality-without-reason.yaml", None),
    "R-STALE-DIRECTORY-DATA": ("requests", "complete.yaml", _to_singapore),  # Singapore's authority was verified in 2024
    "R-DEATH-PENALTY-ASSURANCE-MISSING": ("requests", "death-penalty-assurance-missing.yaml", None),
    "R-MIXED-MATTERS": ("requests", "mixed-matters.yaml", None),
    "R-ROUTE-STEP-MISSING": ("requests", "complete.yaml", lambda d: d["requesting"].update(competent_authority=None)),
    "R-ROUTE-STEP-WRONG": ("requests", "complete.yaml", lambda d: d["requesting"].update(competent_authority="chn-moj")),
    "R-NATIONAL-OF-REQUESTED-STATE": ("requests", "complete.yaml", lambda d: (_extradition(d), d["persons"][0].update(nationality="加拿大"))),
    "R-PROVISIONAL-ARREST-NOT-ASKED": ("requests", "complete.yaml", lambda d: _extradition(d, urgency={"urgent": True, "advance_channel": "email", "reason": "about to leave"})),
    "R-PROVISIONAL-ARREST-WITHOUT-REASON": ("requests", "complete.yaml", lambda d: _extradition(d, extradition={"provisional_arrest": True})),
}

SINGAPORE_EDITS = [
    ("  languages:\n    codes: [en]\n    sources: [fixture]\n", ""),
    ("  channels:\n  - channel: direct-central-authority\n    sources: [fixture]\n  - channel: diplomatic\n    sources: [fixture]\n", ""),
    ("  - scope: criminal-matters\n", "  - scope: general\n"),
    ("\nrequirements:\n", "\n- id: sgp-spf\n  name:\n    en: Police (fixture)\n  kind: competent-authority\n  handles: [mla]\n  sources: [fixture]\nrequirements:\n"),
    ("\nsources:\n- id: fixture", "\ndeclarations:\n- instrument: untoc\n  topic: mla-basis\n  value: false\n  text:\n"
                                   "    en: Does not use the convention as a legal basis for mutual legal assistance (fixture).\n  sources: [fixture]\nunknown: [languages]\nsources:\n- id: fixture"),
]
# "scoped": Canada's languages stated only for requests under UNTOC, so a request under the bilateral treaty finds no rule
CANADA_SCOPED_LANGUAGES = [("    codes: [en, fr]\n    sources: [untoc-notice]\n", "    codes: [en, fr]\n    applies: convention\n    instruments: [untoc]\n    sources: [untoc-notice]\n"),
                           ("\nsources:\n", "\nunknown: [languages]\nsources:\n")]
UNTOC_EDITS = [("  zh: 联合国打击跨国有组织犯罪公约\n", ""), ("parties:\n", "parties:\n- state: sgp\n  consent: '2007-08-28'\n  action: ratification\n  sources: [untc]\n")]


@pytest.fixture(scope="module")
def databases(request_repo, small_repo, tmp_path_factory):
    from request_setup import build_request_root

    variant = build_request_root(tmp_path_factory.mktemp("variant"), {"directory/jurisdictions/sgp.yaml": SINGAPORE_EDITS,
                                                                        "directory/instruments/untoc.yaml": UNTOC_EDITS})
    scoped = build_request_root(tmp_path_factory.mktemp("scoped"), {"directory/jurisdictions/can.yaml": CANADA_SCOPED_LANGUAGES})
    return {name: root / "build" / "mlakb.db" for name, root in (("requests", request_repo), ("variant", variant), ("scoped", scoped), ("mini", small_repo))}


@pytest.mark.parametrize("code", sorted(REQUEST_CASES))
def test_each_request_code_is_found_at_a_position(databases, tmp_path, code):
    from mlakb.requests.checker import check_file
    from request_setup import DRAFTS, TODAY

    directory, name, edit = REQUEST_CASES[code]
    draft = yaml.safe_load((DRAFTS / name).read_text(encoding="utf-8"))
    if edit:
        edit(draft)
    path = tmp_path / f"{code.lower()}.yaml"
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    outcome = check_file(path, databases[directory], TODAY, shown=path.name)
    assert outcome.problems == [], outcome.lines()
    found = [f for f in outcome.positioned() if f.code == code]
    assert found, outcome.lines()
    assert found[0].path == path.name and found[0].line >= 1 and found[0].col >= 1 and found[0].message == found[0].en
    assert found[0].severity in codes()[code]["severity"].split(" / ")


# --- build steps: a file where the build folder should be makes the database and index steps fail (the records are
# valid), and the guide is then not built; each failure is a Diagnostic at the output it could not write
BUILD_CASES = {"E-BUILD-DATABASE": "not-a-folder/build/mlakb.db", "E-BUILD-INDEX": "not-a-folder/build/treaty-index", "E-BUILD-GUIDE": "site"}


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory):
    from conftest import run_mlakb

    root = tmp_path_factory.mktemp("failed-build") / "repo"
    shutil.copytree(MINI, root)
    (root / "not-a-folder").write_text("a file where the build folder should be", encoding="utf-8")
    return run_mlakb("build", "--only", "database", "--only", "index", "--only", "guide", root=root, build=root / "not-a-folder" / "build")


@pytest.mark.parametrize("code", sorted(BUILD_CASES))
def test_each_failed_build_step_is_a_diagnostic_at_its_output(failed_build, code):
    assert failed_build.returncode == 1 and "Traceback" not in failed_build.stderr
    [line] = [line for line in failed_build.stderr.splitlines() if f": {code} " in line]
    assert line.startswith(f"{BUILD_CASES[code]}:1:1: {code} the {code.split('-')[-1].lower()} step")
    assert "previous" in line and codes()[code]["severity"] == "error"


def test_unknown_is_checked_against_what_the_record_gives(tmp_path):
    """`unknown` asks for a criminal-matters contact and the languages of any request: a civil-matters contact or
    a language rule for one convention leaves them unknown; the same facts stated for criminal matters or for
    every request make the entry a contradiction."""
    from typing import get_args

    from mlakb.records import models
    from mlakb.records.known import UNKNOWN

    assert set(UNKNOWN) == set(get_args(models.Unknown))

    def e_unknown(*edits: tuple[str, str]) -> list[str]:
        root = tmp_path / f"repo{len(list(tmp_path.iterdir()))}"
        shutil.copytree(MINI, root)
        (root / J).write_text(valid(*edits), encoding="utf-8")
        return [p.message for p in check_directory(load_directory(root / "directory", base=root), root) if p.code == "E-UNKNOWN"]

    for missing in ("languages", "contacts", "email"):
        assert e_unknown(("region: europe\n", f"region: europe\nunknown: [{missing}]\n"))
    assert e_unknown(("region: europe\n", "region: europe\nunknown: [languages]\n")) == [
        "the record gives the languages accepted for any request, so 'languages' cannot be listed as unknown"]
    scoped = ("    codes: [de]\n", "    codes: [de]\n    applies: convention\n    instruments: [untoc]\n")
    assert e_unknown(("region: europe\n", "region: europe\nunknown: [languages]\n"), scoped) == []
    civil = ("  - scope: criminal-matters", "  - scope: civil-matters-listing")
    assert e_unknown(("region: europe\n", "region: europe\nunknown: [contacts, email]\n"), civil) == []
    budapest = ("  - scope: criminal-matters", "  - scope: budapest-convention")
    assert e_unknown(("region: europe\n", "region: europe\nunknown: [contacts, email]\n"), budapest) == []
    assert e_unknown(("region: europe\n", "region: europe\nunknown: [urgent, dual-criminality]\n")) == []


def test_coverage_counts_the_contacts_a_source_gives_for_criminal_matters(tmp_path):
    """The coverage figure counts an address given with a Budapest Convention designation (a criminal-matters
    source) and not one from a civil-matters listing; `unknown: [contacts]` still asks for a general one."""
    from mlakb.records.known import FIELDS

    def criminal_contact(*edits: tuple[str, str]) -> bool:
        root = tmp_path / f"repo{len(list(tmp_path.iterdir()))}"
        shutil.copytree(MINI, root)
        (root / J).write_text(valid(*edits), encoding="utf-8")
        return FIELDS["criminal_contact"](load_directory(root / "directory", base=root).jurisdictions["deu"].record)

    assert criminal_contact()
    assert criminal_contact(("  - scope: criminal-matters", "  - scope: budapest-convention"))
    assert not criminal_contact(("  - scope: criminal-matters", "  - scope: civil-matters-listing"))
