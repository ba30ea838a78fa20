"""`mlakb request` against the real directory/: the vocabularies the checks rely on, and findings drawn from real records."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from mlakb.requests import rules
from mlakb.requests.checker import check_file
from mlakb.requests.draft import new_draft
from mlakb.requests.elements import BY_RULES, ELEMENTS
from request_setup import DRAFTS, TODAY

FILLED = ("reference", "date", "requesting", "proceedings", "facts", "offences", "dual_criminality", "persons", "assets", "link", "purpose",
          "procedure", "confidentiality", "languages", "assurances", "supplementary_information", "related_requests", "signatory", "annexes")


@pytest.fixture(scope="module")
def records(real_build, real_directory):
    """The real database (built once per session) and the real directory."""
    return real_build / "mlakb.db", real_directory


def ids(directory, vocabulary) -> set[str]:
    return set(directory.terms(vocabulary))


def test_every_request_element_has_a_place_in_the_draft(records):
    _, directory = records
    elements = ids(directory, "request-elements")
    assert elements, "directory/vocab/request-elements.yaml is missing"
    assert elements == set(ELEMENTS) | BY_RULES
    fixture = yaml.safe_load((DRAFTS / "directory" / "vocab" / "request-elements.yaml").read_text(encoding="utf-8"))
    assert {e["id"] for e in fixture["entries"]} == elements  # the test overlay follows the real vocabulary


def test_refusal_grounds_and_measures_named_by_the_rules_exist(records):
    _, directory = records
    grounds = ids(directory, "refusal-grounds")
    named = set(re.findall(r'prevents="([a-z-]+)"', Path(rules.__file__).read_text(encoding="utf-8")))
    assert named and named <= grounds, named - grounds
    # what an element prevents and which measures are coercive are data (checked against the vocabularies by mlakb check)
    assert {e.prevents for e in directory.terms("request-elements").values() if e.prevents} <= grounds
    assert {m for m, e in directory.terms("measures").items() if e.coercive} >= {"search-seizure", "freezing", "extradition"}
    fixture = yaml.safe_load((DRAFTS / "directory" / "vocab" / "refusal-grounds.yaml").read_text(encoding="utf-8"))
    assert {e["id"] for e in fixture["entries"]} == grounds


def test_complete_draft_to_canada_has_nothing_blocking(records):
    database, directory = records
    outcome = check_file(DRAFTS / "complete.yaml", database, TODAY)
    assert outcome.problems == [] and not outcome.blocking, outcome.lines()
    canada = next(a for a in directory.jurisdiction("can").authorities if a.id == "can-iag")
    found = {f.id for f in outcome.findings}
    assert ("language-unknown" in found) == (not canada.languages)
    assert ("channel-unknown" in found) == (not canada.channels)


def _strict_state(directory):
    """A State whose record requires dual criminality for every request and names a central authority with its channels."""
    for jid in ["sgp", "hkg", *sorted(directory.jurisdictions)]:
        record = directory.jurisdiction(jid)
        if record is None or jid == "chn":
            continue
        requirement = next((r for r in record.requirements if r.topic == "dual-criminality" and r.policy == "all" and not r.measures), None)
        central = [a for a in record.authorities if a.kind == "central-authority" and "mla" in a.handles and a.channels]
        if requirement and central:
            return record, requirement, central[0]
    pytest.skip("no record requires dual criminality for all measures and names a central authority with channels")


def _draft_to(database, tmp_path, state, **changes) -> Path:
    draft = yaml.safe_load(new_draft(database, "chn", state, ["bank-records"], None, "zh", TODAY))
    complete = yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8"))
    draft.update({key: complete[key] for key in FILLED})
    draft["measures"] = complete["measures"]
    draft["languages"]["translations"] = []
    draft.update(changes)
    path = tmp_path / f"to-{state}.yaml"
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_dual_criminality_required_by_a_real_record(records, tmp_path):
    database, directory = records
    record, requirement, central = _strict_state(directory)
    without = check_file(_draft_to(database, tmp_path, record.id, dual_criminality=None), database, TODAY)
    assert without.problems == []
    [finding] = [f for f in without.findings if f.id == "dual-criminality-unaddressed"]
    assert finding.severity == "error" and requirement.text.text("en") in finding.basis and finding.prevents == "dual-criminality"
    with_conduct = check_file(_draft_to(database, tmp_path, record.id), database, TODAY)
    assert "dual-criminality-unaddressed" not in {f.id for f in with_conduct.findings}


def test_dual_criminality_required_as_a_rule_is_a_warning_that_quotes_the_source(records, tmp_path):
    """Jordan's source says dual criminality is "generally required": the check asks for the conduct, as a warning."""
    database, directory = records
    [requirement] = [r for r in directory.jurisdiction("jor").requirements if r.topic == "dual-criminality" and r.policy == "as-a-rule"]
    found = check_file(_draft_to(database, tmp_path, "jor", dual_criminality=None), database, TODAY).findings
    [finding] = [f for f in found if f.id == "dual-criminality-unaddressed"]
    assert finding.severity == "warning" and "as a rule" in finding.en and "原则上" in finding.zh
    assert requirement.text.text("en") in finding.basis
    with_conduct = check_file(_draft_to(database, tmp_path, "jor"), database, TODAY).findings
    assert "dual-criminality-unaddressed" not in {f.id for f in with_conduct}


def test_channel_not_recorded_for_a_real_authority(records, tmp_path):
    database, directory = records
    record, _, central = _strict_state(directory)
    recorded = [c.channel for c in central.channels]
    unused = next(c for c in sorted(ids(directory, "channels")) if c not in recorded and c != "diplomatic")
    path = _draft_to(database, tmp_path, record.id)
    draft = yaml.safe_load(path.read_text(encoding="utf-8"))
    draft["requested"].update(authority=central.id, channel=unused)
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = check_file(path, database, TODAY).findings
    # a State without a treaty with China also gets the reciprocity-channel warning under the same id; this is the other one
    [finding] = [f for f in found if f.id == "channel-not-accepted" and "channels a source mentions" in f.basis]
    assert finding.severity == "warning"  # the recorded channels are those the sources mention, not an exhaustive list
    assert all(channel in finding.en for channel in recorded)


def test_real_records_go_stale_after_a_year(records, tmp_path):
    database, directory = records
    verified = next((a.verified for a in directory.jurisdiction("can").authorities if a.verified), None)
    if verified is None:
        pytest.skip("no reviewed authority yet: nothing has a verification date to age")
    later = check_file(DRAFTS / "complete.yaml", database, verified + dt.timedelta(days=400))
    assert "stale-directory-data" in {f.id for f in later.findings}


def _extradition_to(tmp_path, state: str, **changes) -> Path:
    draft = yaml.safe_load((DRAFTS / "extradition-france.yaml").read_text(encoding="utf-8"))
    draft["requested"] = {"state": state, "channel": "diplomatic"}
    draft.update(changes)
    path = tmp_path / f"extradition-{state}.yaml"
    path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_extradition_to_france_has_its_own_elements_and_findings(records):
    database, _ = records
    outcome = check_file(DRAFTS / "extradition-france.yaml", database, TODAY)
    assert outcome.problems == []
    found = {f.id: f for f in outcome.findings}
    national = found["national-of-requested-state"]
    assert national.severity == "warning" and "No source in the directory says whether France" in national.en and "情况不明" in national.zh
    assert national.field == ("persons", 0, "nationality") and national.field_zh == "国籍（第1项）"
    death = found["death-penalty-assurance-missing"]
    assert death.severity == "error" and death.field == ("assurances", "death_penalty") and "Drug trafficking" in death.en
    assert "Extradition Law art. 50" in death.basis
    # the elements of a request for evidence do not apply to a request to surrender a person
    assert not {f.element for f in outcome.findings} & {"assistance-sought", "purpose-of-request", "link-evidence-offence", "use-limitation-assurance"}
    # the addressee is the authority France's record says handles extradition (BEPI of the Ministry of Justice)
    from mlakb.requests.letter import addressee_lines

    assert "unknown-central-authority" not in found
    assert "Ministère de la Justice" in addressee_lines(outcome.draft, outcome.facts, "en")[0]


def test_extradition_elements_are_required(records, tmp_path):
    database, _ = records
    path = _extradition_to(tmp_path, "fra", extradition={"purpose": "prosecution"}, assurances={"death_penalty": "不判处死刑 / no death sentence"})
    missing = {f.element: f for f in check_file(path, database, TODAY).findings if f.id == "missing-element"}
    assert missing["arrest-warrant-or-judgment"].severity == "error" and missing["arrest-warrant-or-judgment"].field == ("extradition", "warrant")
    assert missing["limitation-provisions"].severity == "error" and missing["speciality-undertaking"].severity == "error"
    assert missing["speciality-undertaking"].prevents == "speciality-not-assured"


def test_a_state_whose_record_says_it_does_not_extradite_nationals(records, tmp_path):
    database, directory = records
    text = next(r.text.text("en") for r in directory.jurisdiction("jor").requirements if r.topic == "nationals")
    person = yaml.safe_load((DRAFTS / "extradition-france.yaml").read_text(encoding="utf-8"))["persons"][0] | {"nationality": "Jordan"}
    # a computer offence: no convention binding both States covers it, and there is no China-Jordan extradition treaty
    proceedings = {"nature": "investigation", "offence_area": "cyber", "description": "示例 / example", "conducting_authority": "示例 / example"}
    path = _extradition_to(tmp_path, "jor", persons=[person], proceedings=proceedings,
                           legal_basis={"reciprocity_undertaking": {"zh": "中方承诺在互惠基础上执行约方类似请求。", "en": "China undertakes to execute similar requests of Jordan on the basis of reciprocity."}})
    found = {f.id: f for f in check_file(path, database, TODAY).findings}
    assert found["national-of-requested-state"].severity == "error" and text in found["national-of-requested-state"].en
    # no extradition treaty: reciprocity under the Extradition Law, through the diplomatic channel
    assert found["no-treaty"].severity == "warning" and found["no-treaty"].basis.startswith("Extradition Law art. 15")


def test_the_extradition_addressee_is_the_authority_that_handles_extradition(records, tmp_path):
    database, directory = records
    from mlakb.requests.letter import addressee_lines

    def only_extradition_authority(j):
        handling = [a for a in j.authorities if "extradition" in a.handles]
        return handling[0] if len(handling) == 1 and handling[0].kind != "central-authority" else None

    state, authority = next((j.id, only_extradition_authority(j)) for j in map(directory.jurisdiction, sorted(directory.jurisdictions))
                            if j and j.id != "chn" and only_extradition_authority(j))
    outcome = check_file(_extradition_to(tmp_path, state), database, TODAY)
    assert addressee_lines(outcome.draft, outcome.facts, "en")[0].startswith(authority.name.en)
    assert "addressee-missing" in {f.id for f in outcome.findings}  # the draft names none: the check proposes that one


def _facts_for(database, tmp_path, state: str, edit):
    """The directory's facts for a draft to `state` after `edit(draft)` changed its mapping."""
    from mlakb.requests.facts import gather
    from mlakb.requests.model import RequestDraft

    draft = yaml.safe_load(_draft_to(database, tmp_path, state).read_text(encoding="utf-8"))
    edit(draft)
    return gather(database, RequestDraft.model_validate(draft), TODAY)


def test_a_requirement_limited_to_an_offence_area_bears_only_on_drafts_in_that_area(records, tmp_path):
    # Côte d'Ivoire's AML/CFT law (art. 132) routes requests on money-laundering or terrorist-financing facts through
    # the diplomatic channel with a French translation; a corruption case is not under that rule.
    database, directory = records
    [route] = [r for r in directory.jurisdiction("civ").requirements if r.topic == "channel" and "art. 132" in r.text.en]
    assert route.offences == ["money-laundering", "terrorism-financing"]

    def channel_rules(area: str | None) -> list[str]:
        facts = _facts_for(database, tmp_path, "civ", lambda draft: draft["proceedings"].update(offence_area=area))
        return [r["text"] for r in facts.requirements_on("channel", ["taking-evidence"])]

    assert route.text.en in channel_rules("money-laundering")
    assert route.text.en in channel_rules(None)  # the area is not stated: the rule may apply, so it is shown
    assert route.text.en not in channel_rules("corruption")


def test_a_rule_stated_under_a_treaty_bears_only_on_requests_between_its_parties(records, tmp_path):
    # The China-Bulgaria MLA treaty's language rule (art. 6) binds a request from China, not one from France.
    database, directory = records
    [rule] = [r for r in directory.jurisdiction("bgr").requirements if r.topic == "languages" and r.instruments == ["cn-bgr-mla"]]
    assert {s.state for s in directory.instrument("cn-bgr-mla").sides} == {"chn", "bgr"}

    def language_rules(requesting: str) -> list[str]:
        facts = _facts_for(database, tmp_path, "bgr", lambda draft: draft["requesting"].update(state=requesting))
        return [r["text"] for r in facts.requirements_on("languages")]

    assert rule.text.en in language_rules("chn")
    assert rule.text.en not in language_rules("fra")
