"""Facts of real records that practitioners rely on, and the provenance every fact must carry (issues of the
review: keyword-rule channels, civil-matters labels, languages left unknown against the record's own text)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlakb.records.walk import facts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def directory(real_directory):
    return real_directory


def test_canada_international_assistance_group_handles_mla_and_extradition(directory):
    iag = next(a for a in directory.jurisdiction("can").authorities if a.id == "can-iag")
    assert {"mla", "extradition"} <= set(iag.handles)
    assert iag in directory.jurisdiction("can").authorities_for("extradition", kind="central-authority")


def test_italy_is_not_diplomatic_only(directory):
    italy = directory.jurisdiction("ita")
    channels = [c for a in italy.authorities if a.kind == "central-authority" for c in a.channels]
    assert not (channels and all(c.channel == "diplomatic" and c.applies == "any" for c in channels))


def test_afghanistan_languages_are_known(directory):
    afg = directory.jurisdiction("afg")
    assert "languages" not in afg.unknown
    assert any(r.topic == "languages" for r in afg.requirements) or any(a.languages for a in afg.authorities)


def test_monacos_french_is_the_1959_convention_rule_not_every_requests(directory):
    dsj = next(a for a in directory.jurisdiction("mco").authorities if a.id == "mco-dsj")
    assert dsj.languages.codes == ["fr"]
    assert dsj.languages.applies == "convention" and dsj.languages.instruments == ["ets030"]


def test_france_has_per_measure_entries_a_request_from_china_can_use(directory):
    france = directory.jurisdiction("fra")
    video = [r for r in france.requirements if "video-testimony" in r.measures and r.topic == "availability"]
    assert video and video[0].available and video[0].applies == "any" and "694-5" in video[0].text.en
    execution = next(r for r in france.requirements if "video-testimony" in r.measures and r.topic == "execution")
    assert execution.applies == "convention" and {"eu-mla-2000", "eu-eio-2014"} <= set(execution.instruments)


def test_no_civil_matters_listing_is_the_criminal_contact(directory):
    for jid, loaded in directory.jurisdictions.items():
        for a in loaded.record.authorities:
            for c in a.contacts:
                if c.scope == "criminal-matters":
                    assert "Hague" not in " ".join(s.title for s in loaded.record.sources if s.id in c.sources), (jid, a.id)


def test_every_fact_cites_a_source_of_its_record_and_a_verified_date_is_never_in_bulk(directory):
    for jid, loaded in directory.jurisdictions.items():
        record = loaded.record
        known = {s.id for s in record.sources}
        for loc, fact in facts(record):
            assert fact.sources and set(fact.sources) <= known, (jid, loc)
        if record.verified is not None:  # a record reviewed as a whole: each of its facts was compared that day or later
            assert all(f.verified is not None for _, f in facts(record)), jid


def test_every_statement_and_name_a_reader_sees_has_its_chinese(directory):
    """The Chinese guide reads in Chinese: every authority's name and role, every channel, urgent route, languages
    condition, requirement, declaration, practice and informal channel, and every fact's notes have a Chinese text."""
    missing = []
    for loaded in directory.jurisdictions.values():
        j = loaded.record
        statements = [("requirement", r.text) for r in j.requirements] + [("declaration", d.text) for d in j.declarations]
        statements += [("practice", p.text) for p in j.practice] + [("informal channel", i.text) for i in j.informal_channels]
        for a in j.authorities:
            statements += [("role", a.role), ("urgent route", a.urgent and a.urgent.text), ("languages", a.languages and a.languages.text)]
            statements += [("channel", c.text) for c in a.channels]
            missing += [(j.id, "authority name", a.id)] if not a.name.zh else []
        missing += [(j.id, "network name", i.name.en) for i in j.informal_channels if not i.name.zh]
        missing += [(j.id, kind, s.en[:40]) for kind, s in statements if s is not None and not s.zh]
        missing += [(j.id, "notes", n["en"][:40]) for n in _notes(j.model_dump()) if not n.get("zh")]
    assert missing == []


def _notes(node) -> list[dict]:
    """The notes of every fact (a mapping with sources) below `node`."""
    if isinstance(node, list):
        return [n for item in node for n in _notes(item)]
    if not isinstance(node, dict):
        return []
    own = [node["notes"]] if node.get("notes") and node.get("sources") and isinstance(node["notes"], dict) else []
    return own + [n for value in node.values() for n in _notes(value)]


def test_every_listed_language_is_named_where_it_is_listed(directory):
    # A treaty saying "the requested Party's official language" does not say which one: the record names it and
    # cites the source that does (bgr: the Constitution, art. 3), instead of a code nobody can trace.
    from mlakb.records.check import check_directory

    unnamed = [p for p in check_directory(directory, ROOT) if p.code == "W-LANGUAGE-UNNAMED"]
    assert unnamed == []
    bulgarian = next(r for r in directory.jurisdiction("bgr").requirements if "cn-bgr-mla" in r.instruments and r.topic == "languages")
    assert "bg" in bulgarian.languages and "Bulgarian" in bulgarian.notes.en and "fra-constitution-bulgaria" in bulgarian.sources


def test_suriname_central_authority_found_outside_the_pack_cites_what_was_read(directory):
    suriname = directory.jurisdiction("sur")
    [pg] = [a for a in suriname.authorities if a.kind == "central-authority"]
    assert {d.instrument for d in pg.designations} == {"untoc", "uncac"}
    [page] = [s for s in suriname.sources if s.id in pg.sources]
    assert page.kind == "official" and page.translation == "ours" and page.as_of == "2019-09-16"
    assert "central-authority" not in suriname.unknown


def _summons_deadline(r) -> bool:
    return "service-of-documents" in r.measures and "summons" in r.text.en.lower() and re.search(r"art(\.|icle) 7", r.text.en)


def test_the_1959_convention_reservations_are_filed_alike_in_every_record(directory):
    # art. 5 (dual criminality for search or seizure) and art. 7 (summons deadlines), filed the same way everywhere
    art5 = art7 = 0
    for jid in directory.jurisdictions:
        for r in directory.jurisdiction(jid).requirements:
            if "search-seizure" in r.measures and re.search(r"art(\.|icle) 5\b", r.text.en or "") and "punishable under" in (r.text.en or ""):
                art5 += 1
                assert r.topic == "dual-criminality" and r.policy in ("coercive-only", "discretionary"), (jid, r.text.en)
            if _summons_deadline(r):
                art7 += 1
                assert r.topic in ("execution", "refusal"), (jid, r.text.en)
    assert art5 >= 8 and art7 >= 8


def test_copies_of_un_and_council_of_europe_documents_keep_their_makers_kind(directory):
    """Source.kind: a UN review summary read on uncac.cn or a Council of Europe status list read on zaki.ru is
    intergovernmental in every record, so the share of facts with an official source means the same everywhere."""
    hosts = ("://uncac.cn/", "://www.uncac.cn/", "://zaki.ru/", "://www.zaki.ru/")
    copies = [(jid, s.id, s.kind) for jid, loaded in directory.jurisdictions.items() for s in loaded.record.sources if any(h in str(s.url) for h in hosts)]
    assert len(copies) > 60
    assert [c for c in copies if c[2] != "intergovernmental"] == []


def test_each_budapest_designation_rests_on_one_article(directory):
    # Art. 24(7)(a) names who handles extradition and provisional arrest in the absence of a treaty; art. 27(2)
    # names the central authority for mutual assistance, and art. 27 applies only where no MLA treaty binds the two
    # Parties (art. 27(1)). One designation holding both reads as if either rule covered every request.
    mixed = [(j.id, a.id) for j in (loaded.record for loaded in directory.jurisdictions.values()) for a in j.authorities for d in a.designations
             if d.instrument == "ets185" and {"mla", "extradition"} <= set(d.matters)]
    assert mixed == []
    [extradition] = [d for a in directory.jurisdiction("can").authorities for d in a.designations if d.instrument == "ets185" and d.matters == ["extradition"]]
    assert "in the absence of a treaty" in extradition.notes.en
    [mla] = [d for a in directory.jurisdiction("aut").authorities for d in a.designations if d.instrument == "ets185" and d.matters == ["mla"]]
    assert "art. 27(1)" in mla.notes.en


def test_colombias_fiscalia_is_not_the_addressee_of_extradition_requests(directory):
    """The Fiscalía orders the arrest once an extradition request has arrived through the diplomatic channel; it does not receive it."""
    colombia = directory.jurisdiction("col")
    fiscalia = next(a for a in colombia.authorities if a.name.local == "Fiscalía General de la Nación")
    assert "extradition" not in fiscalia.handles
    assert colombia.authorities_for("extradition")[0].kind == "diplomatic-authority"


def test_another_states_guidance_stands_beside_the_law_it_does_not_replace(directory):
    """Germany's guidance asks for English translations for requests to Afghanistan; Afghanistan's own law still says
    Pashto or Dari. Both are kept, and the guidance says whose words it is."""
    languages = [r for r in directory.jurisdiction("afg").requirements if r.topic == "languages"]
    guidance = [r for r in languages if "RiVASt" in r.text.en]
    law = [r for r in languages if "art. 48" in r.text.en]
    assert guidance and law
    assert all("not a rule of Afghan law" in r.notes.en for r in guidance)


def test_ethiopia_accepts_amharic_or_english(directory):
    assert "languages" not in directory.jurisdiction("eth").unknown
    assert any(a.languages and set(a.languages.codes) == {"am", "en"} for a in directory.jurisdiction("eth").authorities)


def test_japans_foreign_minister_receives_every_request_unless_a_treaty_or_consent_says_otherwise(directory):
    """Art. 3(1) of the Act on International Assistance in Investigation: not only requests made without a treaty."""
    mfa = next(a for a in directory.jurisdiction("jpn").authorities if a.id == "jpn-mfa")
    assert "art. 3(1)" in mfa.role.en and "except when a treaty confers" in mfa.role.en


def test_austrias_urgent_route_is_known(directory):
    aut = directory.jurisdiction("aut")
    assert any(r.topic == "urgent" and "interpol" in r.channels for r in aut.requirements)
    assert "urgent" not in aut.unknown


def test_budapest_article_27_caveats_keep_any_or_all_of_the_remainder(directory):
    """Art. 27(1) lets the Parties apply 'any or all of the remainder' of the article, not the article as a whole."""
    caveats = [text.en for j in directory.jurisdictions.values() for _loc, fact in facts(j.record)
               for text in (getattr(fact, "notes", None), getattr(fact, "text", None), getattr(fact, "role", None))
               if hasattr(text, "en") and "art. 27(1)" in text.en]
    assert len(caveats) > 20
    assert not [c for c in caveats if "agree to apply it instead" in c]


def test_a_provisions_shall_is_kept_where_the_text_says_it(directory):
    """Audits found 'shall be made' paraphrased as 'is made'. Where the text was read, the record keeps the modal."""
    sgp = next(d for a in directory.jurisdiction("sgp").authorities for d in a.designations if "s. 19(1)" in d.notes.en)
    assert "shall be made to the Attorney-General" in sgp.notes.en
    bgr = next(d for a in directory.jurisdiction("bgr").authorities for d in a.designations if "art. 2:" in (d.notes.en if d.notes else ""))
    assert "shall be made" in bgr.notes.en and "应直接通过" in bgr.notes.zh
    che = next(r for r in directory.jurisdiction("che").requirements if "art. 27(4)" in r.text.en)
    assert "shall be dealt with without delay" in che.text.en and "应" in che.text.zh
    irl = next(d for a in directory.jurisdiction("irl").authorities for d in a.designations if d.notes and "s. 6(4)(a)" in d.notes.en)
    assert "shall be addressed to the Central Authority" in irl.notes.en and "应" in irl.notes.zh
    sle = next(r for r in directory.jurisdiction("sle").requirements if "(s. 2)" in r.text.en)
    assert "no extradition shall be granted if, in the circumstances of the particular case" in sle.text.en
    [swe] = [r for r in directory.jurisdiction("swe").requirements if r.topic == "channel" and r.text.en.startswith("A request for legal assistance in Sweden")]
    assert "shall be sent to the Ministry of Justice" in swe.text.en and "应发送至司法部" in swe.text.zh
    [mng] = [r for r in directory.jurisdiction("mng").requirements if r.topic == "languages" and "(art. 8)" in r.text.en]
    assert "shall be written in the requesting Party's language" in mng.text.en and "应用提出请求的缔约一方的文字书写" in mng.text.zh
    npl = [r for r in directory.jurisdiction("npl").requirements if "(s. 4(" in r.text.en]
    assert len(npl) == 2 and all("shall not be extended" in r.text.en and "不得提供司法协助" in r.text.zh for r in npl)


def test_cayman_extradition_requests_go_to_the_governor(directory):
    """The record named no extradition authority until the DPP's page was read: requests go to the Governor."""
    governor = next(a for a in directory.jurisdiction("cym").authorities_for("extradition") if a.id == "cym-governor")
    assert "must be sent to the Governor" in governor.role.en and "须送交开曼群岛总督" in governor.role.zh


def test_iraqs_dual_criminality_is_stated_for_accused_persons_only(directory):
    """Art. 357(A) states the double-punishability condition for accused persons, with 'should'; not a rule for all."""
    [rule] = [r for r in directory.jurisdiction("irq").requirements if r.topic == "dual-criminality"]
    assert rule.policy == "as-a-rule" and "accused person" in rule.text.en and "should" in rule.text.en


def test_a_withdrawn_reservation_says_it_was_withdrawn(directory):
    """Czechia's Budapest art. 29(4) reservation (2013) was withdrawn on 5 July 2019; it must not read as current."""
    [reservation] = [d for d in directory.jurisdiction("cze").declarations if d.instrument == "ets185" and "29(4)" in d.text.en]
    assert "withdrawn" in reservation.text.en and "撤回" in reservation.text.zh
    assert reservation.date.isoformat() == "2019-07-05"


def test_japans_refusal_grounds_keep_the_acts_shall_not(directory):
    """Art. 2 of the Act on International Assistance in Investigation bars assistance ("shall not be provided");
    a plain "is not given" would read as a description of practice, not a bar."""
    art2 = [r for r in directory.jurisdiction("jpn").requirements if "(art. 2(" in r.text.en or "（第2条第(" in r.text.zh]
    assert len(art2) >= 3
    assert all("shall not be provided" in r.text.en and "不得提供协助" in r.text.zh for r in art2)


def test_rwanda_says_a_national_may_not_be_extradited(directory):
    [nationals] = [r for r in directory.jurisdiction("rwa").requirements if r.topic == "nationals"]
    assert "No Rwandan may be extradited" in nationals.text.en and "不得" in nationals.text.zh


def test_albanias_extradition_requests_have_a_sourced_urgent_route(directory):
    alb = directory.jurisdiction("alb")
    [urgent] = [r for r in alb.requirements if r.topic == "urgent"]
    assert urgent.channels == ["interpol"] and urgent.measures == ["extradition"] and urgent.sources
    assert "urgent" not in alb.unknown


def test_denmarks_budapest_contact_gives_its_scope(directory):
    """The prosecutor's mailbox comes from the Budapest Convention declarations; the record must not present it as a
    general MLA address."""
    contacts = [c for a in directory.jurisdiction("dnk").authorities for c in a.contacts if "rigsadvokaten@ankl.dk" in c.email]
    assert [c.scope for c in contacts] == ["budapest-convention"]
    assert "whether the mailbox takes requests outside that Convention is not stated" in contacts[0].notes.en


def test_carin_notes_give_both_groups_open_to_full_membership(directory):
    """The members page opens full membership to EU Member States and to those invited to the 2004 launch congress;
    a note that quotes the first group alone reads as if the second did not exist."""
    notes = [
        (jid, i.notes.en)
        for jid, loaded in directory.jurisdictions.items()
        for i in loaded.record.informal_channels
        if i.network == "CARIN" and i.notes and "full membership is open to" in i.notes.en
    ]
    assert len(notes) >= 20
    assert [jid for jid, en in notes if "launch congress" not in en] == []


def test_a_declarations_will_is_kept(directory):
    """Israel's 2006 declaration says it 'will not accept' service requests sent by electronic telecommunication;
    a plain 'are not accepted' loses the declaration's own verb (Audit 35)."""
    [service] = [r for r in directory.jurisdiction("isr").requirements if "service-of-documents" in r.measures and r.topic == "channel"]
    assert "will not accept" in service.text.en and "将不接受" in service.text.zh


def test_austrias_section_55_is_without_prejudice_to_its_other_paragraphs(directory):
    """ARHG s. 55(1) reads 'unbeschadet der Abs. 2 und 3': the other paragraphs prevail, they are not set aside."""
    role = next(a.role for a in directory.jurisdiction("aut").authorities if a.role and "ARHG s. 55" in a.role.en)
    assert role.en.startswith("Without prejudice to paragraphs (2) and (3)") and "unbeschadet" in role.en


def test_romanias_budapest_designations_are_recorded_per_article(directory):
    """Romania named its authorities under Budapest arts. 24(7)(a) and 27(2)(c); the record had none."""
    notes = [d.notes.en for a in directory.jurisdiction("rou").authorities for d in a.designations if d.instrument == "ets185"]
    assert any("(art. 24(7)(a))" in n for n in notes)
    assert sum("(art. 27(2)(c))" in n for n in notes) == 2


def test_lebanons_languages_come_from_its_review_summary(directory):
    lbn = directory.jurisdiction("lbn")
    assert "languages" not in lbn.unknown
    assert any(a.languages and a.languages.codes == ["ar"] for a in lbn.authorities)


def test_a_source_that_does_not_say_bar_or_discretion_is_not_made_to(directory):
    """The StAR page says Korean MLA 'may not be provided' in listed cases without naming a provision; neither
    language may turn that into a bar (不得) or a discretion (可不)."""
    lists = [r for r in directory.jurisdiction("kor").requirements if "may not be provided" in r.text.en]
    assert len(lists) == 2
    assert all("may not be provided" in r.text.zh and "不得" not in r.text.zh and "可不" not in r.text.zh for r in lists)


def test_government_information_services_releases_are_official_and_news_agencies_reports_are_not(directory):
    """A government information service publishes the government's own releases (Source.kind); a news agency,
    State-owned or not, reports. Jamaica's and Saint Kitts and Nevis's services had been typed two ways."""
    def kind(iso3, source_id):
        return next(s.kind for s in directory.jurisdiction(iso3).sources if s.id == source_id)

    assert kind("jam", "jis-house-approves") == "official"
    assert kind("kna", "sknis-extradition-bill-passed") == "official"
    assert kind("tjk", "eng-khovar-tajikistan-s") == "secondary"



def test_a_reservations_right_to_refuse_and_a_statutes_shall_are_kept(directory):
    """Sweden's Budapest art. 29(4) reservation 'reserves the right to refuse' (not 'may refuse'); Iceland's Act
    13/1984 art. 3 says extradition 'shall only be permitted if' (not 'is permitted only if'): Sweep 56, Audit 41."""
    [sweden] = [r for r in directory.jurisdiction("swe").requirements if "Sweden reserves the right to refuse" in r.text.en]
    assert "保留" in sweden.text.zh and "may refuse" not in sweden.text.en
    [iceland] = [r for r in directory.jurisdiction("isl").requirements if "in connection with the conduct of a court case" in r.text.en]
    assert "shall only be permitted if" in iceland.text.en and "应仅在" in iceland.text.zh


def test_every_record_gives_the_languages_for_any_request_or_asks_for_them(directory):
    """A rule for one treaty or one measure leaves the general rule unknown: Hungary gives languages only under the
    Council of Europe conventions and so asks for the rest; Italy's rule (as Brazil's ministry states it) answers."""
    from mlakb.records.known import UNKNOWN

    gives_general = UNKNOWN["languages"][1]
    hungary, italy = directory.jurisdiction("hun"), directory.jurisdiction("ita")
    assert not gives_general(hungary) and "languages" in hungary.unknown
    assert any(r.topic == "languages" for r in hungary.requirements) or any(a.languages for a in hungary.authorities)
    assert gives_general(italy) and "languages" not in italy.unknown
    assert all(gives_general(j) or "languages" in j.unknown for j in (loaded.record for loaded in directory.jurisdictions.values()))
