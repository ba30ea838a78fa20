"""kb/treaties/ holds every text of the source pack, word for word, with anchors the guide and the index use."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import functools

from mlakb.treaties.articles import parse_file as _parse_file
from mlakb.treaties.collection import INSTRUMENT_OF, render

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "kb" / "treaties"
SOURCES = ROOT.parent / "shared" / "sources" / "treaties"
KB_FILES = sorted(KB.glob("*.md"))
parse_file = functools.cache(_parse_file)  # each text is read by several tests: parse it once

needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="the source pack (../shared/sources) is not beside the repository")


@needs_sources
def test_every_source_text_is_in_the_collection():
    assert [p.name for p in KB_FILES] == sorted(p.name for p in SOURCES.glob("*.md"))


@needs_sources
@pytest.mark.parametrize("path", KB_FILES, ids=lambda p: p.name)
def test_the_guide_copy_has_the_same_words_as_the_source(path):
    source = SOURCES / path.name
    ours, theirs = parse_file(path), parse_file(source)
    assert ours.articles == theirs.articles
    assert ours.notes == theirs.notes
    assert path.read_text(encoding="utf-8") == render(source.read_text(encoding="utf-8"), str(source))
    meta = dict(ours.meta)
    assert meta.pop("instrument") == INSTRUMENT_OF.get(theirs.text_id, theirs.text_id)
    assert meta == theirs.meta  # provenance front matter kept as it is


@pytest.mark.parametrize("path", KB_FILES, ids=lambda p: p.name)
def test_each_unit_and_numbered_paragraph_has_its_anchor(path):
    text = path.read_text(encoding="utf-8")
    treaty = parse_file(path)
    for article in treaty.articles:
        assert f"{{#{article.anchor}}}" in text
        for paragraph in article.paragraphs:
            if paragraph.number:
                assert f"{{: #{article.paragraph_anchor(paragraph)} }}" in text
    body = text.split("\n---\n", 1)[1]
    assert "\n13. " not in body and "``" not in body  # Markdown would make a list or a code span of these


def test_every_text_belongs_to_an_instrument_record_that_lists_it(real_directory):
    directory = real_directory
    listed = {t.path: iid for iid, loaded in directory.instruments.items() for t in loaded.record.texts}
    for path in KB_FILES:
        treaty = parse_file(path)
        relative = f"kb/treaties/{path.name}"
        if treaty.instrument in directory.instruments:
            assert listed.get(relative) == treaty.instrument, f"{treaty.instrument}.yaml does not list {relative}"


OWN_RECORDS = ["untoc-tip-protocol", "untoc-smuggling-protocol", "untoc-firearms-protocol", "icsft", "ets030", "ets099",
               "ets182", "ets024", "ets086", "ets098", "ets209", "ets112", "ets167", "ets073", "ets141", "cets198",
               "ets173", "ets185", "ets189", "cn-icjal-2018", "cn-extradition-law-2000", "cn-supervision-law-2018",
               "cn-supervision-law-2024", "cn-aml-law-2006", "cn-aml-law-2024", "cn-criminal-procedure-law-2018",
               "cn-anti-organized-crime-law-2021", "cn-anti-telecom-fraud-law-2022"]


@pytest.mark.parametrize("iid", OWN_RECORDS)
def test_provisions_point_at_articles_and_paragraphs_that_exist(iid):
    record = yaml.safe_load((ROOT / "directory" / "instruments" / f"{iid}.yaml").read_text(encoding="utf-8"))
    treaty = parse_file(ROOT / record["texts"][0]["path"])
    for topic, cite in record["provisions"].items():
        number, _, rest = cite.partition("(")
        article = treaty.article(number)
        assert article.paragraphs, f"{iid} {topic}: article {number} has no text in the source"
        if rest:
            paragraph = rest.split(")")[0]
            assert paragraph in {p.number for p in article.paragraphs}, f"{iid} {topic}: no paragraph {cite}"


def test_the_provisions_read_off_the_chinese_laws():
    icjal = yaml.safe_load((ROOT / "directory/instruments/cn-icjal-2018.yaml").read_text(encoding="utf-8"))["provisions"]
    law = parse_file(KB / "cn-icjal-2018.zh.md")
    assert "对外联系机关" in law.article(icjal["foreign-contact-authority"]).text
    assert "主管机关" in law.article(icjal["competent-authority"]).paragraphs[0].text
    assert "载明下列事项" in law.article(icjal["request-contents"].split("(")[0]).text
    assert "可以拒绝提供协助" in law.article(icjal["refusal"]).text


# topic -> words the cited article must contain, for China's cooperation laws
CHINESE_LAW_TOPICS = {
    "legal-basis": "国际条约",
    "international-cooperation": "国际",
    "mla": "司法协助",
    "extradition": "引渡",
    "confiscation-cooperation": "没收",
    "fugitive-recovery": "追逃",
    "information-exchange": "信息",
    "trial-in-absentia": "缺席",
    "confiscation": "没收违法所得",
    "use-of-evidence": "作为证据使用",
    "use-limitation": "不作为证据使用",
    "law-enforcement-cooperation": "执法",
}


@pytest.mark.parametrize("iid", ["cn-supervision-law-2018", "cn-supervision-law-2024", "cn-aml-law-2006", "cn-aml-law-2024",
                                 "cn-criminal-procedure-law-2018", "cn-anti-organized-crime-law-2021", "cn-anti-telecom-fraud-law-2022"])
def test_the_cooperation_articles_of_the_new_laws_say_what_their_topic_says(iid):
    record = yaml.safe_load((ROOT / "directory" / "instruments" / f"{iid}.yaml").read_text(encoding="utf-8"))
    law = parse_file(ROOT / record["texts"][0]["path"])
    checked = 0
    for topic, cite in record["provisions"].items():
        if topic in CHINESE_LAW_TOPICS:
            article = law.article(cite.split("(")[0])
            assert CHINESE_LAW_TOPICS[topic] in article.text, f"{iid} {topic}: {cite}"
            checked += 1
    assert checked >= 2


def test_a_superseded_law_names_its_successor_which_is_in_force(real_directory):
    directory = real_directory
    old = {iid: loaded.record for iid, loaded in directory.instruments.items() if loaded.record.superseded_by}
    assert set(old) >= {"cn-supervision-law-2018", "cn-aml-law-2006"}
    for iid, record in old.items():
        successor = directory.instruments[record.superseded_by].record
        assert record.in_force is False and successor.in_force is not False
        assert successor.kind == record.kind and successor.jurisdiction == record.jurisdiction
