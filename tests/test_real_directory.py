"""The real directory, built and served (in-process, as `mlakb serve` serves it): the answers practitioners rely on,
checked against the source pack."""
from __future__ import annotations

import pytest

from conftest import REPO, run_mlakb
from inprocess import InProcess
from test_api import get


@pytest.fixture(scope="module")
def app(real_build):
    with InProcess(REPO, real_build) as served:
        yield served


def test_canada_central_authority(app):
    status, rows = get(app, "/mlakb/central_authority.json", jurisdiction="Canada", matter="mla", _shape="array")
    assert status == 200
    [iag] = rows
    assert iag["name_en"] == "Department of Justice Canada"
    assert "International Assistance Group" in iag["unit"] and "extradition" in iag["handles"]
    assert (iag["contact_scope"], iag["address"]) == ("criminal-matters", "284 Wellington Street, 2nd floor, Ottawa, ON K1A 0H8")
    # every contact comes with what it is for: the Budapest designation's e-mail is there, typed as such
    assert {"scope": "budapest-convention", "email": ["Cdncentralauthority@justice.gc.ca"]}.items() <= next(c for c in iag["contacts"] if c["scope"] == "budapest-convention").items()


def test_united_kingdom_central_authority_contacts(app):
    status, rows = get(app, "/mlakb/central_authority.json", jurisdiction="英国", matter="mla", _shape="array")
    ukca = next(r for r in rows if r["authority"] == "gbr-ukca")
    assert "UKCA-ILOR@homeoffice.gov.uk" in ukca["email"]
    assert "+44 20 7035 4040" in [p for c in ukca["contacts"] for p in c["phone"]]


def test_china_canada_legal_basis(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "CAN"})
    assert status == 200
    assert [i["id"] for i in body["bilateral"]] == ["cn-can-mla"]
    assert body["bilateral"][0]["entry_into_force"] == "1995-07-01"
    assert {i["id"] for i in body["multilateral"]} >= {"untoc", "uncac", "drugs1988"}
    untoc = next(i for i in body["multilateral"] if i["id"] == "untoc")
    assert untoc["consent"]["chn"]["consent"] == "2003-09-23"
    assert untoc["articles"]["central-authority"] == "18(13)"
    assert body["reciprocity"] is None


def test_a_bilateral_mla_treaty_in_force_displaces_the_conventions_request_rules(app):
    """China and Canada have an MLA treaty in force: under UNTOC art. 18(7) and UNCAC art. 46(7) its central
    authorities and languages govern an MLA request, not the conventions' paragraphs, and the report says so; for
    extradition, and between States with no such treaty, it says nothing of the kind."""
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "CAN"})
    notes = {i["id"]: i.get("treaty_prevails") for i in body["multilateral"]}
    assert notes["untoc"]["article"] == "18(7)" and notes["untoc"]["treaties"] == ["cn-can-mla"]
    assert notes["uncac"]["article"] == "46(7)" and "第46条第7款" in notes["uncac"]["zh"]
    assert notes["icsft"] is None  # no such clause recorded for it
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "CAN", "measure": "extradition"})
    assert not any(i.get("treaty_prevails") for i in body["multilateral"])
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "GHA"})
    assert body["bilateral"] == [] and not any(i.get("treaty_prevails") for i in body["multilateral"])
    text = run_mlakb("basis", "chn", "can")
    assert text.returncode == 0 and "under art. 18(7), the treaty's provisions apply in place of" in text.stdout


def test_an_authority_named_for_one_treaty_is_not_the_addressee_of_every_request(app, real_build):
    """Slovakia's district prosecutors receive only ECMA art. 15 requests (their Second Additional Protocol
    declaration): a 1988 Convention request from China goes to the General Prosecutor's Office, the central authority
    for pre-trial requests, which the record lists first."""
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "SVK"})
    drugs = next(i for i in body["multilateral"] if i["id"] == "drugs1988")
    assert drugs["addressee"]["id"] == "svk-pgo"  # the pre-trial central authority, listed first
    # several central authorities, some named only under the Budapest or 1959 Convention: the general one receives
    for state, general in (("NLD", "nld-moj"), ("AZE", "aze-moj"), ("ISR", "isr-moj"), ("GBR", "gbr-ukca")):
        status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": state})
        fallback = {i["addressee"]["id"] for i in body["bilateral"] + body["multilateral"] if i["addressee"] and i["addressee"]["why"] != "designated"}
        assert fallback == {general}, (state, fallback)
    # no central authority for extradition is recorded for Korea: the Seoul High Prosecutors' Office (the court venue)
    # is offered as an authority that handles it, not as where requests go
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "KOR", "measure": "extradition"})
    offered = {i["addressee"]["why"] for i in body["bilateral"] + body["multilateral"] if i["addressee"]}
    assert offered == {"handles-matter"}
    text = run_mlakb("basis", "chn", "kor", "--measure", "extradition", root=REPO, build=real_build).stdout
    assert "no central authority for extradition recorded; it handles extradition: check where requests go" in text


def test_the_main_central_authority_comes_first_in_the_api_and_the_new_draft(app, real_build):
    """The Netherlands: the Ministry (AIRS) before the Landelijk Parket, named only under the Budapest Convention."""
    import datetime as dt
    import yaml
    from mlakb.requests.draft import new_draft
    status, rows = get(app, "/mlakb/central_authority.json", jurisdiction="NLD", matter="mla", _shape="array")
    assert [r["authority"] for r in rows] == ["nld-moj", "nld-landelijk-parket"]
    draft = yaml.safe_load(new_draft(real_build / "mlakb.db", "chn", "nld", ["bank-records"], None, "en", dt.date(2026, 12, 7), "request.schema.json"))
    assert draft["requested"]["authority"] == "nld-moj"


def test_thailand_does_not_use_uncac_for_mla(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "THA", "offence": "corruption"})
    effects = [d["effect"] for d in body["declarations"] if d["jurisdiction"] == "tha" and d["instrument"] == "uncac"]
    assert effects == ["reported that it does not use the convention as a legal basis for mutual legal assistance"]


def test_instruments_binding_and_parties(app):
    status, body = get(app, "/-/basis.json", **{"from": "China", "to": "Canada"})
    assert body["bilateral"][0]["id"] == "cn-can-mla"
    status, rows = get(app, "/mlakb/parties_to_instrument.json", instrument="uncac", _shape="array")
    assert len(rows) >= 170


def test_search_finds_an_article_across_languages(app):
    status, body = get(app, "/-/search.json", q="中央机关", limit=20)
    assert status == 200 and body["ok"]
    assert any(h["instrument"] == "untoc" and h["article"] == "18" for h in body["hits"])
    status, body = get(app, "/-/search.json", q='"dual criminality" AND')
    assert status == 400 and body["ok"] is False


def test_authority_cli_json_for_real_states(real_build):
    import json

    for state, unit in (("Canada", "International Assistance Group"), ("USA", "Office of International Affairs")):
        result = run_mlakb("authority", state, "--for", "mla", "--json", root=REPO, build=real_build)
        assert result.returncode == 0, result.stderr
        [central] = [a for a in json.loads(result.stdout)["central_authorities"] if unit in (a["unit"] or "")]
        # each contact says what it is for, and each fact the date and kind of its newest source
        assert central["contacts"] and all("scope" in c for c in central["contacts"])
        assert all(s.get("kind") for c in central["contacts"] for s in c["sources"])
    extradition = json.loads(run_mlakb("authority", "Canada", "--for", "extradition", "--json", root=REPO, build=real_build).stdout)
    assert [a["id"] for a in extradition["central_authorities"]] == ["can-iag"]


def test_mainland_and_a_special_administrative_region_are_not_two_states(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "HKG"})
    assert status == 200
    assert body["one_state"]["state"] == "chn"
    assert body["reciprocity"] is None
    assert body["domestic_law"] == []


def test_a_convention_with_a_partial_list_missing_both_states_is_unknown_not_absent(app):
    status, body = get(app, "/-/basis.json", **{"from": "FJI", "to": "PNG"})
    unknown = {i["id"]: i["unknown_for"] for i in body["party_data_unknown"]}
    assert unknown["untoc"] == ["fji", "png"]  # neither is on the (partial) UNTOC list of the pack


def test_a_treaty_not_in_force_is_listed_but_does_not_apply(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "AUS", "measure": "extradition"})
    [treaty] = [i for i in body["bilateral"] if i["id"] == "cn-aus-extradition"]
    assert treaty["applies"] is False and "not in force" in treaty["why_not"]
    assert treaty["in_force"] is False


def test_same_state_twice_is_a_clear_error(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "中国"})
    assert status == 400 and "same State" in body["error"]


def test_confiscation_cites_the_conventions_confiscation_articles(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "CAN", "measure": "confiscation"})
    uncac = next(i for i in body["multilateral"] if i["id"] == "uncac")
    assert list(uncac["articles"])[:2] == ["confiscation-cooperation", "asset-return"]
    assert uncac["articles"]["confiscation-cooperation"] == "55"


def test_basis_choices_are_the_vocabularies(real_directory):
    from mlakb.query.basis import MEASURES, OFFENCES

    # a measure confined to a group of States (`within`, e.g. the European arrest warrant) is never offered
    measures = real_directory.terms("measures")
    assert set(MEASURES) == {m for m, entry in measures.items() if not entry.within}
    assert "european-arrest-warrant" in measures and "european-arrest-warrant" not in MEASURES
    assert set(OFFENCES) <= set(real_directory.terms("offences"))


def test_the_inter_american_convention_binds_the_states_the_oas_table_lists(app):
    status, body = get(app, "/-/basis.json", **{"from": "USA", "to": "MEX"})
    [nassau] = [i for i in body["multilateral"] if i["id"] == "oas-a55"]
    assert nassau["consent"]["usa"]["consent"] == "2001-05-25" and nassau["consent"]["mex"]["consent"] == "2003-02-11"
    assert nassau["addressee"]["id"] == "mex-ag" and nassau["addressee"]["why"] == "designated"
    status, body = get(app, "/-/basis.json", **{"from": "USA", "to": "URY"})
    # the table was read to the United States row: Uruguay's entry was not, so its party status is unknown
    assert {"id": "oas-a55", "unknown_for": ["ury"]}.items() <= next(i for i in body["party_data_unknown"] if i["id"] == "oas-a55").items()


def test_china_is_bound_by_the_firearms_protocol(app):
    status, body = get(app, "/-/basis.json", **{"from": "CHN", "to": "FRA", "offence": "firearms"})
    by_id = {i["id"]: i for i in body["multilateral"]}
    # China deposited its ratification on 19 December 2023 (the 2014 copy of the UN table shows its signature only)
    assert by_id["untoc-firearms-protocol"]["consent"]["chn"]["consent"] == "2023-12-19"
    assert by_id["untoc-firearms-protocol"].get("applies", True)
    assert "untoc-firearms-protocol" not in {i["id"] for i in body["party_data_unknown"]}
