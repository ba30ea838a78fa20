"""`mlakb request check`: findings by id for one draft per failure class, positions for bad drafts, exit codes."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import run_mlakb
from mlakb.requests.checker import check_file
from request_setup import DRAFTS, TODAY


@pytest.fixture(scope="module")
def root(request_repo):
    return request_repo


def outcome(root, name, today=TODAY):
    return check_file(DRAFTS / name, root / "build" / "mlakb.db", today, shown=name)


def serious(result) -> set[tuple[str, str | None]]:
    return {(f.id, f.element) for f in result.findings if f.severity != "advice"}


def test_complete_draft_has_nothing_to_fix(root):
    result = outcome(root, "complete.yaml")
    assert result.problems == [] and result.findings == []
    assert not result.blocking


@pytest.mark.parametrize("name,expected", [
    ("missing-facts.yaml", {("missing-element", "summary-of-facts")}),
    ("missing-link.yaml", {("missing-element", "link-evidence-offence")}),
    ("no-contact.yaml", {("missing-element", "requesting-officer-contact")}),
    ("language-not-accepted.yaml", {("language-not-accepted", "language-and-translation")}),
    ("translation-missing.yaml", {("translation-missing", "language-and-translation")}),
    ("channel-not-accepted.yaml", {("channel-not-accepted", "channel")}),
    ("dual-criminality-unaddressed.yaml", {("dual-criminality-unaddressed", "dual-criminality")}),
    ("urgent-without-advance-channel.yaml", {("urgent-without-advance-channel", "urgency-and-deadline")}),
    ("deadline-passed.yaml", {("deadline-passed", "urgency-and-deadline")}),
    ("confidentiality-without-reason.yaml", {("confidentiality-without-reason", "confidentiality")}),
    ("basis-not-binding.yaml", {("basis-not-binding", "legal-basis-of-request")}),
    ("death-penalty-assurance-missing.yaml", {("death-penalty-assurance-missing", "death-penalty-assurance")}),
    # the first measure (extradition) leads: its own elements are missing as well
    ("mixed-matters.yaml", {("mixed-matters", "assistance-sought"), ("missing-element", "limitation-provisions"), ("missing-element", "arrest-warrant-or-judgment"),
                            ("missing-element", "person-sought-identity"), ("missing-element", "nationality-of-person-sought"), ("missing-element", "speciality-undertaking")}),
    ("no-treaty.yaml", {("no-treaty", "reciprocity-undertaking"), ("stale-directory-data", "channel")}),
    ("reciprocity.yaml", {("no-treaty", "reciprocity-undertaking"), ("stale-directory-data", "channel")}),
    ("deadline-too-short.yaml", {("deadline-too-short", "urgency-and-deadline"), ("no-treaty", "reciprocity-undertaking"), ("stale-directory-data", "channel")}),
    ("unknown-central-authority.yaml", {("unknown-central-authority", "channel"), ("no-treaty", "reciprocity-undertaking"), ("channel-not-accepted", "channel")}),
])
def test_each_failure_class_is_found(root, name, expected):
    assert serious(outcome(root, name)) == expected


SEVERITY = {
    "missing-facts.yaml": ("missing-element", "error", "UNTOC 18(15)(c); UNCAC 46(15)(c)", "incomplete-facts"),
    "no-contact.yaml": ("missing-element", "warning", None, "lack-of-follow-up-contact"),
    "translation-missing.yaml": ("translation-missing", "error", "UNTOC 18(14); UNCAC 46(14); languages accepted: English (en), French (fr)", "missing-or-poor-translation"),
    "no-treaty.yaml": ("no-treaty", "error", "ICJAL art. 5; UNTOC 18(7); UNCAC 46(7); reciprocity", "no-legal-basis"),
    "reciprocity.yaml": ("no-treaty", "warning", "ICJAL art. 5; UNTOC 18(7); UNCAC 46(7); reciprocity", "no-legal-basis"),
    "dual-criminality-unaddressed.yaml": ("dual-criminality-unaddressed", "error", None, "dual-criminality"),
    "confidentiality-without-reason.yaml": ("confidentiality-without-reason", "warning", "UNTOC 18(20); UNCAC 46(20)", "confidentiality-concerns"),
    "unknown-central-authority.yaml": ("unknown-central-authority", "error", "UNTOC 18(13); UNCAC 46(13)", "wrong-authority-or-channel"),
    # the channel lists are what the sources happen to mention: a channel outside them is worth checking, not a refusal
    "channel-not-accepted.yaml": ("channel-not-accepted", "warning", "UNTOC 18(13); UNCAC 46(13); channels a source mentions: direct-central-authority, diplomatic",
                                  "wrong-authority-or-channel"),
}


@pytest.mark.parametrize("name", sorted(SEVERITY))
def test_severity_article_and_refusal_ground(root, name):
    finding_id, severity, basis, prevents = SEVERITY[name]
    [finding] = [f for f in outcome(root, name).findings if f.id == finding_id and f.severity != "advice"]
    assert finding.severity == severity and finding.prevents == prevents
    if basis:
        assert finding.basis == basis
    assert finding.en and finding.zh


def test_dual_criminality_finding_quotes_the_requirement(root):
    [finding] = [f for f in outcome(root, "dual-criminality-unaddressed.yaml").findings if f.id == "dual-criminality-unaddressed"]
    assert "Dual criminality is required for coercive measures." in finding.basis and "UNTOC 18(9)" in finding.basis


def test_deadline_is_compared_with_the_typical_time(root):
    [finding] = [f for f in outcome(root, "deadline-too-short.yaml").findings if f.id == "deadline-too-short"]
    assert "3 to 6 months" in finding.basis
    assert "15 days" in finding.en  # deadline 2026-12-22 counted from today (2026-12-07), not from the draft's date (2026-11-25)


def test_days_left_count_from_the_draft_date_when_it_is_later_than_today(root):
    early = TODAY.replace(day=20, month=11)  # before the draft's date, 2026-11-25
    [finding] = [f for f in outcome(root, "deadline-too-short.yaml", today=early).findings if f.id == "deadline-too-short"]
    assert "27 days" in finding.en


def _variant(tmp_path, name="complete.yaml", **changes):
    draft = yaml.safe_load((DRAFTS / name).read_text(encoding="utf-8"))
    draft.update(changes)
    path = tmp_path / f"variant-{name}"
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("measures,mixed", [
    (["confiscation", "asset-return"], False),  # the usual combined request: confiscate, then return the assets
    (["freezing", "bank-records", "asset-return"], False),
    (["bank-records", "extradition"], True),
    (["asset-return", "extradition"], True),
    (["transfer-of-proceedings", "taking-evidence"], True),
])
def test_which_measures_can_share_one_request(root, tmp_path, measures, mixed):
    path = _variant(tmp_path, measures=[{"measure": m, "details": "fixture"} for m in measures])
    found = [f for f in check_file(path, root / "build" / "mlakb.db", TODAY).findings if f.id == "mixed-matters"]
    assert bool(found) == mixed, found
    assert all(f.severity == "error" for f in found)


def test_a_measure_confined_to_the_european_union_is_refused_from_outside(root, tmp_path):
    path = _variant(tmp_path, measures=[{"measure": "european-arrest-warrant", "details": "fixture"}])
    result = check_file(path, root / "build" / "mlakb.db", TODAY)
    assert [p.code for p in result.problems] == ["E-VOCAB"] and "European Union" in result.problems[0].message
    assert result.blocking


def test_stale_data_follows_the_clock(root):
    assert "stale-directory-data" not in {f.id for f in outcome(root, "complete.yaml").findings}
    later = outcome(root, "complete.yaml", today=TODAY.replace(year=2028))
    assert [f.id for f in later.findings] == ["stale-directory-data"]  # Canada's record was verified on 2026-11-23


@pytest.mark.parametrize("name,expected", [
    ("bad-syntax.yaml", ["bad-syntax.yaml:8:4: E-YAML"]),
    ("bad-field.yaml", ["bad-field.yaml:7:7: E-FIELD fact: unknown field 'fact'", "bad-field.yaml:10:13: E-FIELD offences.0.sentence: unknown field"]),
    ("bad-vocab.yaml", ["bad-vocab.yaml:7:12: E-VOCAB requested.channel: 'carrier-pigeon'", "bad-vocab.yaml:10:12: E-VOCAB measures.1.measure: 'telepathy'"]),
    ("bad-ref.yaml", ["bad-ref.yaml:6:14: E-REF requested.authority: 'chn-moj' is not an authority of Canada", "bad-ref.yaml:8:17: E-REF legal_basis.instruments.0: 'cn-can-extradition'"]),
    ("bad-value.yaml", ["bad-value.yaml:2:7: E-VALUE date:", "bad-value.yaml:7:12: E-VALUE requesting.officer.email: 'wang.ming@'", "bad-value.yaml:11:12: E-VALUE languages.request: 'cn' is not an ISO 639-1"]),
])
def test_bad_drafts_get_positions(root, name, expected):
    result = outcome(root, name)
    lines = [str(p) for p in result.problems]
    assert len(lines) == len(expected) and all(line.startswith(start) for line, start in zip(lines, expected)), lines
    assert result.findings == [] and result.blocking


def test_cli_exit_codes_and_lines(root):
    ok = run_mlakb("request", "check", str(DRAFTS / "complete.yaml"), root=root, build=root / "build")
    assert ok.returncode == 0 and "ok to send" in ok.stderr
    blocked = run_mlakb("request", "check", "missing-facts.yaml", root=root, build=root / "build", cwd=DRAFTS)
    assert blocked.returncode == 1
    assert any(line.startswith("missing-facts.yaml:") and ": R-MISSING-ELEMENT [summary-of-facts] Summary of the relevant facts: missing" in line and "prevents: incomplete-facts" in line
               for line in blocked.stdout.splitlines()), blocked.stdout
    assert "0 blocking" not in blocked.stderr and " blocking, " in blocked.stderr
    warned = run_mlakb("request", "check", "reciprocity.yaml", "--lang", "zh", root=root, build=root / "build", cwd=DRAFTS)
    assert warned.returncode == 0 and "互惠" in warned.stdout and ": R-NO-TREATY warning: [reciprocity-undertaking]" in warned.stdout
    bad = run_mlakb("request", "check", "bad-syntax.yaml", root=root, build=root / "build", cwd=DRAFTS)
    assert bad.returncode == 1 and bad.stdout.startswith("bad-syntax.yaml:8:4: E-YAML")


def test_cli_json(root):
    result = run_mlakb("request", "check", "translation-missing.yaml", "--json", root=root, build=root / "build", cwd=DRAFTS)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ready"] is False and report["counts"] == {"error": 1, "warning": 0, "advice": 0}
    [finding] = [f for f in report["findings"] if f["id"] == "translation-missing"]
    assert finding["field"] == "languages.translations" and finding["line"] > 1 and finding["column"] >= 1
    # a Diagnostic (path, line, column, code, severity, message, fix) with what the form and the letter need
    assert finding["path"] == "translation-missing.yaml" and finding["code"] == "R-TRANSLATION-MISSING" and finding["severity"] == "error"
    assert finding["message"] == finding["en"] and set(finding) >= {"id", "element", "basis", "prevents", "zh", "field_en", "field_zh", "fix"}


@pytest.mark.parametrize("text,days", [
    ("Requests are typically executed within 3 to 6 months.", 90),
    ("A summons must reach the authorities at least 50 days before the date of appearance.", 50),
    ("通常在3至6个月内执行", 90),
    ("通常需要六个月", 180),
    ("2-3 weeks for bank records, one year for searches", 14),
    ("Requests take about 1.5 years.", 547),
    ("Execution takes 2.5 months on average.", 75),
    ("Allow 30 working days for bank records.", 30),
    ("Reply within 10 calendar working days.", 10),
    ("通常需要二十天", 20),
    ("一般在三十日内执行", 30),
    ("约三十五天", 35),
    ("十天内答复", 10),
    ("九十九天", 99),
    ("30个工作日", 30),
    ("两周内", 14),
    ("sixteen days", None),  # "six" is part of a word the reader does not know: no guess
    ("often 3 days", 3),
    ("No standard time published in the sources read.", None),
    ("Call the phone line for delays.", None),
])
def test_typical_time_is_read_from_the_requirement_text(text, days):
    from mlakb.requests.rules import shortest_days

    assert shortest_days(text) == days


def test_every_message_is_used_and_bilingual():
    import re
    from pathlib import Path

    from mlakb.requests import rules

    messages = rules._messages()
    used = set(re.findall(r'_finding\(\s*"([a-z-]+)"', Path(rules.__file__).read_text(encoding="utf-8")))
    assert used == set(messages)
    assert all(set(text) == {"en", "zh"} and text["en"] and text["zh"] for text in messages.values())


def _changed(tmp_path, name: str, edit) -> "Path":
    draft = yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8"))
    edit(draft)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("step,field,value,expected", [
    ("review", "competent_authority", None, "route-review-missing"),
    ("transmit", "transmitting_authority", None, "route-transmit-missing"),
    ("review", "competent_authority", "chn-moj", "route-review-wrong"),       # the Ministry of Justice transmits, it does not review
    ("transmit", "transmitting_authority", "chn-spp", "route-transmit-wrong"),  # the procuratorate cannot send it abroad itself
])
def test_a_draft_that_skips_a_step_of_chinas_procedure_is_blocked(root, tmp_path, step, field, value, expected):
    path = _changed(tmp_path, f"{expected}.yaml", lambda d: d["requesting"].__setitem__(field, value))
    result = check_file(path, root / "build" / "mlakb.db", TODAY)
    [finding] = [f for f in result.findings if f.id == expected]
    article = {"review": "ICJAL art. 9", "transmit": "ICJAL art. 5"}[step]
    assert finding.severity == "error" and finding.basis == article and finding.field == ("requesting", field)
    assert finding.field_zh == {"review": "审核同意的主管机关", "transmit": "对外联系机关（转递）"}[step]
    assert "《国际刑事司法协助法》" in finding.zh and "requesting." not in finding.en + finding.zh


def test_an_unknown_authority_of_the_requesting_state_is_a_reference_problem(root, tmp_path):
    path = _changed(tmp_path, "bad-route.yaml", lambda d: d["requesting"].__setitem__("competent_authority", "chn-xyz"))
    [problem] = check_file(path, root / "build" / "mlakb.db", TODAY).problems
    assert problem.code == "E-REF" and "'chn-xyz' is not an authority of China" in problem.message


@pytest.mark.parametrize("edit,fields_en", [
    (lambda d: d.__setitem__("facts", d["facts"]["zh"]), "Summary of the facts"),                 # English declared, only Chinese given
    (lambda d: d["offences"][0].__setitem__("name", {"zh": "洗钱罪"}), "Offence (1)"),
    (lambda d: d.update(languages={"request": "en", "translations": []}, purpose="作为李某洗钱案的证据。"), "Purpose"),
])
def test_a_letter_declared_in_english_with_untranslated_text_is_blocked(root, tmp_path, edit, fields_en):
    path = _changed(tmp_path, "untranslated.yaml", edit)
    [finding] = [f for f in check_file(path, root / "build" / "mlakb.db", TODAY).findings if f.id == "text-untranslated"]
    assert finding.severity == "error" and fields_en in finding.en and "English" in finding.en and "英语" in finding.zh


def test_a_chinese_only_letter_needs_no_translation(root, tmp_path):
    def chinese_only(d):
        d["languages"] = {"request": "zh", "translations": []}
        d["facts"] = d["facts"]["zh"]
    path = _changed(tmp_path, "zh-only.yaml", chinese_only)
    assert "text-untranslated" not in {f.id for f in check_file(path, root / "build" / "mlakb.db", TODAY).findings}


def test_findings_name_fields_the_form_has(root):
    """Every field a finding points to has a label in the form's language, and no message shows an internal path."""
    import re

    for name in sorted(p.name for p in DRAFTS.glob("*.yaml") if not p.name.startswith("bad-")):
        for finding in outcome(root, name).findings:
            if finding.field:
                assert finding.field_en and finding.field_zh, (name, finding.id, finding.field)
            assert not re.search(r"\b[a-z_]+\.[a-z_]+(\.\d+)?\b", finding.en.replace("e.g.", "")), (name, finding.en)
