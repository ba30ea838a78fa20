"""Records say what the source pack says (a provenance check; nothing rewrites directory/ from the pack).

Each test reads a fact in the pack (../shared/sources) and the record that states it, through
the real loader and models, and compares them.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import phonenumbers
import pytest
import yaml


ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT.parent / "shared" / "sources"
pytestmark = pytest.mark.skipif(not PACK.is_dir(), reason="the source pack (../shared/sources) is not beside the repository")


@pytest.fixture(scope="module")
def directory(real_directory):
    return real_directory


@functools.cache
def pack(name: str):
    """A file of the pack, read once per session (libyaml's parser when there is one: the pack is large)."""
    return yaml.load((PACK / name).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def pack_item(name: str, iso3: str, **match) -> dict:
    items = pack(name)
    return next(i for i in items if i["iso3"] == iso3 and all(i.get(k) == v for k, v in match.items()))


def authority(directory, jid: str, aid: str):
    return next(a for a in directory.jurisdiction(jid).authorities if a.id == aid)


def contact(a):
    """The authority's first contact that is not a civil-matters listing (the one a request goes to)."""
    return next((c for c in a.contacts if c.scope != "civil-matters-listing"), a.contacts[0])


def designated(a) -> set[str]:
    return {d.instrument for d in a.designations}


def international(number: str, region: str) -> str:
    return phonenumbers.format_number(phonenumbers.parse(number, region), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def party(directory, instrument: str, state: str):
    return next(p for p in directory.instrument(instrument).parties if p.state == state)


def test_the_directory_loads_without_problems(directory):
    assert directory.problems == []


def test_canada_central_authority_is_the_one_notified_under_untoc(directory):
    notified = pack_item("un-notifications.yaml", "CAN", instrument="UNTOC")["central_authorities"][0]
    iag = authority(directory, "can", "can-iag")
    assert iag.kind == "central-authority"
    assert iag.name.en == notified["name"]
    # the notified unit and address stay in the record, with the notification as their source
    untoc_contact = next(c for c in iag.contacts if c.address == notified["address"])
    assert notified["unit"] in (iag.unit or "") + " " + (untoc_contact.notes.en if untoc_contact.notes else "") + " " + (iag.notes.en if iag.notes else "")
    assert "untoc" in designated(iag)


def test_united_states_central_authority_and_party_dates(directory):
    given = pack_item("country-requirements.yaml", "USA")["central_authority"]
    oia = authority(directory, "usa", "usa-oia")
    assert (oia.name.en, oia.unit) == (given["name"], given["unit"])
    street = given["address"].split(",")[0]  # the ZIP code is printed differently by the sources
    assert any(c.address and c.address.startswith(street) for c in oia.contacts)
    assert any(c.website and c.website.startswith(given["website"]) for c in oia.contacts)
    for row in (p for p in pack("un-parties.yaml") if p["iso3"] == "USA"):
        recorded = party(directory, row["instrument"].lower(), "usa")
        assert str(recorded.consent) == row["ratification"]
        assert str(recorded.signature) == row["signature"]
        assert recorded.action == row["action"]


def test_united_kingdom_central_authority_contacts(directory):
    given = pack_item("country-requirements.yaml", "GBR")["central_authority"]
    ukca = authority(directory, "gbr", "gbr-ukca")
    assert given["email"] in [e for c in ukca.contacts for e in c.email]
    assert international(given["phone"], "GB") in [p for c in ukca.contacts for p in c.phone]
    assert given["address"] in [c.address for c in ukca.contacts]
    assert all(c.scope == "criminal-matters" for c in ukca.contacts)


def test_france_central_authority_unit_and_phone(directory):
    given = pack_item("country-requirements.yaml", "FRA")["central_authority"]
    bepi = next(a for a in directory.jurisdiction("fra").authorities if a.kind == "central-authority")
    assert bepi.unit == given["unit"]
    assert contact(bepi).phone == [international(given["phone"], "FR")]
    assert str(party(directory, "untoc", "fra").consent) == pack_item("un-parties.yaml", "FRA", instrument="UNTOC")["ratification"]


def test_india_languages_are_the_notified_ones_and_the_extradition_email_is_readable(directory):
    notified = pack_item("un-notifications.yaml", "IND", instrument="UNTOC")
    mha = next(a for a in directory.jurisdiction("ind").authorities if a.kind == "central-authority")
    # the notified languages are those of requests under the Convention (a requirement scoped to it)
    assert any(r.topic == "languages" and r.languages == notified["languages_iso639_1"] == ["en", "hi"] for r in directory.jurisdiction("ind").requirements)
    printed = next(i for i in pack("authority-contacts.yaml") if i["iso3"] == "IND" and i["authority"]["role"] == "extradition")["contact"]["email"]
    extradition = next(a for a in directory.jurisdiction("ind").authorities if "extradition" in a.handles)
    assert contact(extradition).email == [printed.replace("[at]", "@").replace("[dot]", ".")]
    assert "extradition" in extradition.handles and "mla" not in extradition.handles


def test_hong_kong_is_a_sar_of_china_with_its_own_central_authority(directory):
    hkg = directory.jurisdiction("hkg")
    assert (hkg.name.en, hkg.name.zh, hkg.part_of) == ("Hong Kong SAR, China", "中国香港特别行政区", "chn")
    given = pack_item("country-requirements.yaml", "HKG")["central_authority"]
    central = next(a for a in hkg.authorities if a.kind == "central-authority")
    assert (central.name.en, central.unit, contact(central).address) == (given["name"], given["unit"], given["address"])
    assert contact(central).phone == [international(given["phone"], "HK")]


def _article(law: str, number: str) -> str:
    text = (PACK / "treaties" / law).read_text(encoding="utf-8")
    return text.split(f"## {number}\n", 1)[1].split("\n## ", 1)[0]


def test_china_authorities_are_the_ones_the_laws_name(directory):
    chn = directory.jurisdiction("chn")
    by_id = {a.id: a for a in chn.authorities}
    contact_article = _article("cn-icjal-2018.zh.md", "第五条")
    competent_article = _article("cn-icjal-2018.zh.md", "第六条")
    assert "司法部" in contact_article
    assert by_id["chn-moj"].name.zh == "中华人民共和国司法部"
    competent = [a for a in chn.authorities if a.kind == "competent-authority"]
    assert {a.name.zh for a in competent} == {"国家监察委员会", "最高人民法院", "最高人民检察院", "公安部", "国家安全部"}
    assert all(a.name.zh in competent_article for a in competent)
    assert "外交部为指定的进行引渡的联系机关" in _article("cn-extradition-law-2000.zh.md", "第四条")
    # the Foreign Ministry is the contact for extradition (Extradition Law art. 4) and the diplomatic channel for
    # mutual legal assistance without a treaty (ICJAL art. 5)
    assert "没有刑事司法协助条约的，通过外交途径联系" in contact_article
    assert (by_id["chn-mfa"].kind, by_id["chn-mfa"].handles) == ("foreign-contact-authority", ["mla", "extradition"])
    assert "cn-icjal-2018" in designated(by_id["chn-moj"]) and "cn-extradition-law-2000" in designated(by_id["chn-mfa"])
    assert by_id["chn-moj"].languages.codes == pack_item("national-authorities.yaml", "CHN")["languages"]
    treaty_moj = [t for t in pack("treaties/bilateral-cn.yaml")["treaties"] if t.get("central_authority") and "司法部" in (t["central_authority"]["china"] or "")]
    ids = [f"cn-{t['partner']['iso3'].lower()}-{'tsp' if t['kind'] == 'transfer-of-sentenced-persons' else t['kind']}" for t in treaty_moj]
    # a designation on the authority where a copy of the treaty (or an official summary) was read, else the treaty's own record
    assert treaty_moj and all(iid in designated(by_id["chn-moj"]) or "司法部" in (directory.instrument(iid).sides[0].central_authority or "") for iid in ids)


def test_a_civil_matters_listing_is_never_the_criminal_contact(directory):
    listed = [i for i in pack("authority-contacts.yaml") if i["iso3"] == "LUX"]
    emails = {i["contact"]["email"] for i in listed if i["contact"].get("email")}
    lux = directory.jurisdiction("lux")
    found = [c for a in lux.authorities for c in a.contacts if set(c.email) & emails]
    assert found, "the Parquet général's listed contact is kept"
    assert all(c.scope == "civil-matters-listing" for c in found)


def test_states_no_source_names_an_authority_for_list_it_as_unknown(directory):
    named = {i["iso3"] for i in pack("national-authorities.yaml") if (i["central_authority"] or {}).get("name_en")}
    named |= {i["iso3"] for i in pack("un-notifications.yaml") if i["central_authorities"]}
    named |= {i["iso3"] for i in pack("country-requirements.yaml")}
    named |= {i["iso3"] for i in pack("authority-contacts.yaml")}
    named |= {i["iso3"] for i in pack("seed-country-practice.yaml")["states"] if i.get("authorities")}
    named |= {i["iso3"] for i in pack("national-authorities-gaps.yaml") if (i.get("central_authority") or {}).get("name_en")}
    named |= {i["iso3"] for name in ("authority-contacts-2.yaml", "authority-contacts-3.yaml") for i in pack(name) if i.get("authority")}
    unnamed = [i["iso3"] for i in pack("national-authorities.yaml") if i["iso3"] not in named]
    assert "BDI" in unnamed
    for iso3 in unnamed:
        record = directory.jurisdiction(iso3.lower())
        found = [a for a in record.authorities if a.kind == "central-authority"]
        # An editor may find the authority in a source outside the pack; then it is no longer unknown, and the
        # record names that source and the day it was read.
        assert ("central-authority" in record.unknown) == (not found), iso3
        read = {s.id for s in record.sources if s.retrieved}
        for authority in found:
            assert authority.sources and set(authority.sources) <= read, (iso3, authority.id)


def test_every_un_party_with_a_code_is_listed_once_per_convention(directory):
    for code in ("UNTOC", "UNCAC", "DRUGS1988"):
        expected = sorted(p["iso3"].lower() for p in pack("un-parties.yaml") if p["instrument"] == code and p["iso3"])
        record = directory.instrument(code.lower())
        states = [p.state for p in record.parties]
        assert len(states) == len(set(states)) and set(expected) <= set(states)
        # a party the pack's table lacks (a later accession) comes from another source, which its notes name
        assert all(p.notes for p in record.parties if p.state not in expected)
        assert record.parties_known == "partial"
        assert "European Union" in record.notes


@pytest.mark.parametrize("instrument", ["untoc", "uncac", "drugs1988"])
def test_provisions_point_at_articles_and_paragraphs_in_the_text(directory, instrument):
    text = (PACK / "treaties" / f"{instrument}.en.md").read_text(encoding="utf-8")
    for topic, ref in directory.instrument(instrument).provisions.items():
        article, paragraph = re.match(r"(\d+)(?:\((\d+)\))?", ref).groups()
        body = text.split(f"## Article {article}\n", 1)[1].split("\n## ", 1)[0]
        if paragraph:
            assert re.search(rf"^{paragraph}\.(\s|$)", body, re.MULTILINE), f"{instrument} {topic}: {ref}"


def test_bilateral_treaties_of_china_carry_the_pack_dates(directory):
    treaties = pack("treaties/bilateral-cn.yaml")["treaties"]
    bilateral = {l.record.id: l.record for l in directory.instruments.values() if l.record.kind == "bilateral" and l.record.id.startswith("cn-")}
    from_pack = {f"cn-{t['partner']['iso3'].lower()}-{'tsp' if t['kind'] == 'transfer-of-sentenced-persons' else t['kind']}": t for t in treaties}
    assert set(from_pack) <= set(bilateral)
    # a treaty the pack lacks (found in a later reading) says what its sources give of its status
    assert all(bilateral[i].status and bilateral[i].sources for i in set(bilateral) - set(from_pack))
    for record_id, treaty in from_pack.items():
        record = bilateral[record_id]
        if treaty["signed"]:  # the record may give the day where the pack gives only the year or month
            assert str(record.adopted).startswith(treaty["signed"]), record.id
        if treaty["in_force"] or not record.entry_into_force:
            assert (str(record.entry_into_force) if record.entry_into_force else None) == treaty["in_force"]
        else:  # a date the pack lacks comes from a source added to the record, which the status names
            assert record.in_force and record.status, record.id
        assert [s.state for s in record.sides] == ["chn", treaty["partner"]["iso3"].lower()]


def test_facts_read_in_the_uns_chinese_version_say_so(directory):
    """CAC/COSP/2019/7 was read by the pack in its Chinese version, and uncac.cn gives the UN's Chinese review summaries:
    every citation of either carries translation: publisher, so a reader knows the English is ours from the Chinese."""
    assert "Chinese version" in (PACK / "seed-country-practice.yaml").read_text(encoding="utf-8")[:600]
    cited = [(j.record.id, s) for j in directory.jurisdictions.values() for s in j.record.sources
             if "undocs.org/CAC/COSP/2019/7" in s.url or "uncac.cn/" in s.url]
    assert len(cited) >= 60
    assert [(jid, s.id) for jid, s in cited if s.translation != "publisher"] == []


def test_partner_authorities_are_designated_under_the_china_treaty_that_names_them(directory):
    """Where the pack gives the partner's central authority under a China treaty, the partner's record designates it."""
    for treaty in pack("treaties/bilateral-cn.yaml")["treaties"]:
        named = (treaty.get("central_authority") or {}).get("partner")
        iso3 = treaty["partner"]["iso3"].lower()
        instrument = f"cn-{iso3}-{'tsp' if treaty['kind'] == 'transfer-of-sentenced-persons' else treaty['kind']}"
        if not named or iso3 not in directory.jurisdictions:
            continue
        designated_under = {d.instrument for a in directory.jurisdiction(iso3).authorities for d in a.designations}
        assert instrument in designated_under, (instrument, named)

