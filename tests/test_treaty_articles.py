"""Parsing treaty Markdown into articles and numbered paragraphs."""
from __future__ import annotations

from pathlib import Path

import pytest

from mlakb.treaties.articles import TreatyParseError, cn_number, parse_file, parse_markdown

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "kb" / "treaties"

HEAD = "---\nid: demo\ntitle: Demo Convention\nlanguage: en\nkind: multilateral-convention\n---\n\n"


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("四十六", 46), ("七十", 70), ("一百零五", 105)])
def test_chinese_article_numbers(numeral, value):
    assert cn_number(numeral) == value


def test_english_articles_have_numbered_paragraphs_and_titles():
    untoc = parse_file(KB / "untoc.en.md")
    art18 = untoc.article("18")
    assert (art18.label, art18.title, art18.anchor) == ("Article 18", "Mutual legal assistance", "art-18")
    assert [p.number for p in art18.paragraphs] == [str(n) for n in range(1, 31)]
    central = art18.paragraphs[12]
    assert art18.cite(central) == "18(13)" and central.text.startswith("13. Each State Party shall designate a central authority")
    assert art18.paragraph_anchor(central) == "art-18-13"
    assert len([a for a in untoc.articles if a.is_article]) == untoc.meta["completeness"]["articles"] == 41


def test_chinese_law_paragraphs_are_counted_by_position_and_items_stay_in_their_paragraph():
    law = parse_file(KB / "cn-icjal-2018.zh.md")
    art13 = law.article("13")
    assert art13.label == "第十三条" and art13.part.endswith("第二节 向中华人民共和国请求刑事司法协助")
    assert [p.number for p in art13.paragraphs] == ["1", "2", "3"]
    first = art13.paragraphs[0]
    assert first.lines[1] == "（一）请求机关的名称；" and first.lines[-1].startswith("（七）")
    assert art13.paragraphs[2].text == "请求书及所附材料应当附有中文译文。"
    assert [p.number for p in law.article("7").paragraphs] == [None]  # one 款: no paragraph number
    assert [a.number for a in law.articles] == [str(n) for n in range(1, 71)]


def test_editorial_notes_are_kept_apart_from_the_text():
    law = parse_file(KB / "cn-icjal-2018.zh.md")
    assert law.notes == ("2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议通过",)
    assert all("第十三届全国人民代表大会" not in a.text for a in law.articles)
    protocol = parse_file(KB / "ets099.en.md")
    amended = protocol.article("4")
    assert amended.paragraphs == () and "Wijzigt" in amended.notes[0]


def test_a_paragraph_whose_number_the_source_left_out_is_paragraph_one():
    drugs = parse_file(KB / "drugs1988.en.md")
    assert [p.number for p in drugs.article("10").paragraphs] == ["1", "2", "3"]


def test_numbers_out_of_sequence_stay_inside_the_paragraph():
    treaty = parse_markdown(HEAD + "## Article 1\n\n1. First.\n\n3. Cited, not a paragraph.\n\n2. Second.\n")
    assert [(p.number, len(p.lines)) for p in treaty.article("1").paragraphs] == [("1", 2), ("2", 1)]


def test_guide_markup_is_not_part_of_the_text():
    text = HEAD + "# Demo Convention\n\n## Article 2 {#art-2}\n\n1\\. Shall \\`\\`apply\".\n{: #art-2-1 }\n\n!!! note \"Source note\"\n    Not treaty text.\n"
    article = parse_markdown(text).article("2")
    assert article.text == '1. Shall ``apply".' and article.notes == ("Not treaty text.",)


@pytest.mark.parametrize("body, message", [
    ("## Chapeau\n\nText.\n", "unknown heading 'Chapeau'"),
    ("Text before any article.\n", "text outside any article"),
    ("## Article 1\n\nA.\n\n## Article 1\n\nB.\n", "'Article 1' appears twice"),
    ("#### Deep\n", "heading level not used"),
])
def test_malformed_files_say_where(body, message):
    with pytest.raises(TreatyParseError) as error:
        parse_markdown(HEAD + body, "demo.en.md")
    assert message in str(error.value) and error.value.line >= 7 and str(error.value).startswith("demo.en.md:")


def test_front_matter_is_required():
    with pytest.raises(TreatyParseError, match="front matter"):
        parse_markdown("## Article 1\n\nText.\n", "bare.en.md")
