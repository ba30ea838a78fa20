"""Searching the treaty texts: ranking, the glossary across languages, query syntax, errors, the CLI."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from mlakb.cli import cli
from mlakb.treaties.search import QueryTooCostly, SearchError, search

import treaty_indexes
from treaty_indexes import FIXTURE_TEXTS, build, scratch


def found(query: str, index=None, **filters) -> list[tuple[str, str]]:
    return [(h.instrument, h.article) for h in search(query, index_dir=index or treaty_indexes.fixture_index(), **filters)]


# --- what a hit carries ---------------------------------------------------------------------------------------

def test_a_hit_names_the_article_the_paragraphs_and_the_guide_link():
    hit = search("central authority", index_dir=treaty_indexes.fixture_index())[0]
    assert (hit.instrument, hit.article, hit.label, hit.language) == ("untoc", "18", "Article 18", "en")
    assert hit.title == "Mutual legal assistance" and hit.kind == "multilateral" and hit.score > 0
    assert hit.paragraphs[0] == hit.paragraph == "18(13)" and hit.anchor == "art-18-13"
    assert hit.url == "/guide/en/treaties/untoc.html#art-18-13" and hit.article_url == "/guide/en/treaties/untoc.html#art-18"
    assert "<mark>central authority</mark>" in hit.snippet


def test_chinese_hits_link_to_the_default_language_pages():
    hit = search("对外联系机关", index_dir=treaty_indexes.fixture_index())[0]
    assert (hit.instrument, hit.article, hit.language) == ("cn-icjal-2018", "5", "zh")
    assert hit.article_url == "/guide/treaties/cn-icjal-2018.html#art-5" and set(hit.paragraphs) == {"5(1)", "5(2)"}
    assert hit.url == f"/guide/treaties/cn-icjal-2018.html#{hit.anchor}" and hit.anchor in ("art-5-1", "art-5-2")
    assert "<mark>对外联系机关</mark>" in hit.snippet


def test_snippets_are_escaped(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "demo.en.md").write_text(
        "---\nid: demo\ntitle: Demo\nlanguage: en\nkind: multilateral-convention\n---\n\n"
        "## Article 1 {#art-1}\n\nRequests <script>alert(1)</script> & answers.\n", encoding="utf-8")
    index = tmp_path / "index"
    build(index, texts)
    snippet = search("requests", index_dir=index)[0].snippet
    assert "<script>" not in snippet and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; answers" in snippet
    assert snippet.startswith("<mark>Requests</mark>")


def test_hits_come_in_score_order_and_name_the_best_paragraph():
    for query in ("extradition", "central authority", "引渡 请求", "speciality zebra"):
        hits = search(query, index_dir=treaty_indexes.fixture_index())
        assert hits and [h.score for h in hits] == sorted((h.score for h in hits), reverse=True), query
        for hit in hits:
            assert hit.paragraph == hit.paragraphs[0] and hit.url.endswith("#" + hit.anchor)
            assert hit.anchor.startswith(hit.article_url.split("#")[1])


# --- ranking ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("rule of speciality", ("ets024", "14")),
    ("extraditable offences", ("ets024", "2")),
    ("political offence", ("ets024", "3")),
    ("应当拒绝引渡", ("cn-extradition-law-2000", "8")),
    ("主管机关 办案机关", ("cn-icjal-2018", "6")),
    ("请求书 载明 案件性质", ("cn-icjal-2018", "13")),
])
def test_known_queries_find_their_article_first(query, expected):
    assert found(query)[0] == expected


def test_when_no_article_has_every_word_the_best_partial_matches_follow():
    assert found("speciality zebra")[0] == ("ets024", "14")
    assert {i for i, _ in found("instrument:untoc speciality zebra")} <= {"untoc"}  # a filter is never relaxed


def test_english_words_are_stemmed():
    assert found("requested extraditing")[:1] == found("request extradition")[:1]


def test_a_short_word_finds_the_long_word_it_is_part_of():
    # 中华人民共和国 is one word for jieba; 人民 inside it is found too
    assert ("cn-extradition-law-2000", "4") in found("人民 外交部")


# --- the glossary across languages --------------------------------------------------------------------------------

def test_a_chinese_term_finds_english_articles_through_the_glossary():
    assert ("untoc", "18") in found("双重犯罪", lang="en")  # 18(9): "absence of dual criminality"
    hit = search("双重犯罪", lang="en", index_dir=treaty_indexes.fixture_index())[0]
    assert hit.paragraph == "18(9)" and "<mark>dual criminality</mark>" in hit.snippet


def test_an_english_term_finds_chinese_articles_through_the_glossary():
    assert set(found("political offence", lang="zh")) == {("cn-icjal-2018", "14"), ("cn-extradition-law-2000", "8")}
    assert ("cn-extradition-law-2000", "4") in found("extradition", lang="zh")


def test_variants_and_plurals_of_a_term_are_expanded():
    assert ("untoc", "18") in found('"double criminality"', lang="en")  # a variant, quoted, finds the main form
    assert ("cn-icjal-2018", "5") not in found("central authorities", lang="zh")  # 中央机关 is not in the law
    assert found("central authorities")[0] == ("untoc", "18")


def test_without_a_glossary_there_is_no_crossing_over(tmp_path):
    index = tmp_path / "index"
    build(index, FIXTURE_TEXTS, glossary=tmp_path / "none.yaml")
    assert found("双重犯罪", index=index, lang="en") == []
    assert found("双重犯罪", index=treaty_indexes.fixture_index(), lang="en") != []


def test_a_glossary_term_inside_a_longer_chinese_word_keeps_the_rest_required():
    hits = found("因政治犯罪而请求引渡")
    assert hits[0] == ("cn-extradition-law-2000", "8")


# --- query syntax -------------------------------------------------------------------------------------------------

def test_phrases_keep_their_word_order():
    assert ("untoc", "18") in found('"central authority"')
    assert found('"authority central"') == []
    assert found('"对外联系机关"')[0] == ("cn-icjal-2018", "5")
    assert ("cn-icjal-2018", "5") not in found('"机关联系对外"')


def test_boolean_operators():
    both = set(found("speciality AND extradition"))
    assert both and both <= set(found("speciality")) and both <= set(found("extradition"))
    assert set(found("speciality OR 互惠")) == set(found("speciality")) | set(found("互惠"))
    assert ("ets024", "14") not in found("extradition NOT speciality")
    assert ("ets024", "14") in found("extradition")


def test_field_filters_in_the_query_and_as_parameters():
    assert {i for i, _ in found("instrument:ets024 extradition")} == {"ets024"}
    assert set(found("extradition", instrument="ets024")) == set(found("instrument:ets024 extradition"))
    assert found("article:18 central") == [("untoc", "18")]
    assert found("title:speciality") == [("ets024", "14")]
    assert {h.language for h in search("lang:zh 引渡", index_dir=treaty_indexes.fixture_index())} == {"zh"}
    assert {h.kind for h in search("request", kind="domestic-law", index_dir=treaty_indexes.fixture_index())} <= {"domestic-law"}
    assert len(search("request", limit=2, index_dir=treaty_indexes.fixture_index())) == 2


@pytest.mark.parametrize("query, message", [
    ("", "empty query"),
    ("   ", "empty query"),
    ('"central authority', "unclosed quotation mark"),
    ("(central OR authority", "'(' is not closed"),
    ("central)", "')' closes no '('"),
    ("central AND", "needs a term on each side"),
    ("OR central", "needs a term on each side"),
    ("colour:red", "unknown field 'colour'"),
    ("title: speciality", "nothing after title:"),
    ("the of and", "no searchable words"),
])
def test_malformed_queries_explain_themselves(query, message):
    with pytest.raises(SearchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        search(query, index_dir=treaty_indexes.fixture_index())


@pytest.mark.parametrize("query", ["[a TO", "*", "a^", "~", "()", ":::", "\\", "a:b:c", "extradition^2", "引渡~", "\x00", "'"])
def test_odd_queries_give_hits_or_a_search_error_never_a_traceback(query):
    try:
        assert isinstance(search(query, index_dir=treaty_indexes.fixture_index()), list)
    except SearchError as exc:
        assert str(exc)


@pytest.mark.parametrize("query, message", [
    ("*a*", "at least 2 letters before it"),
    ("*ion", "at least 2 letters before it"),
    (" OR ".join(f"*{c}*" for c in "aeiounrst"), "9 wildcard, fuzzy or range terms"),
    (" OR ".join(["bank"] * 41), "more than 40 words"),
    ("request " * 80, "at most 500 are searched"),
    ("[a TO]", "open range"),
    ("e*", "at least 2 letters"),
])
def test_costly_query_forms_are_refused_before_they_run(query, message):
    with pytest.raises(QueryTooCostly, match=re.escape(message)):
        search(query, limit=100, index_dir=treaty_indexes.fixture_index())


def test_a_wildcard_that_stands_for_too_many_words_is_refused(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    words = " ".join(f"ab{i:03d}" for i in range(300))
    (texts / "demo.en.md").write_text("---\nid: demo\ntitle: Demo\nlanguage: en\n---\n\n## Article 1\n\n" + words + "\n",
                                      encoding="utf-8")
    build(tmp_path / "index", texts)
    with pytest.raises(QueryTooCostly, match="more than 200 words"):
        search("ab*", index_dir=tmp_path / "index")
    assert search("ab00*", index_dir=tmp_path / "index")[0].article == "1"  # ten words: allowed


def test_bounded_wildcards_still_search():
    assert ("ets024", "2") in found("extradit*")


@pytest.mark.parametrize("params, message", [({"lang": "fr"}, "unknown language"), ({"kind": "regional"}, "unknown kind"), ({"limit": 0}, "limit")])
def test_bad_parameters_are_search_errors(params, message):
    with pytest.raises(SearchError, match=message):
        search("extradition", index_dir=treaty_indexes.fixture_index(), **params)


# --- the real collection --------------------------------------------------------------------------------------

def real(query: str, **filters) -> list[tuple[str, str]]:
    return found(query, index=treaty_indexes.real_index(), **filters)


@pytest.mark.parametrize("query, filters, expected, within", [
    ("central authority", {"instrument": "untoc"}, ("untoc", "18"), 1),
    ("hearing by video conference", {}, ("ets182", "9"), 1),
    ("24/7 network", {}, ("ets185", "35"), 1),
    ("应当拒绝引渡", {}, ("cn-extradition-law-2000", "8"), 1),
    ("对外联系机关 提出 接收 转递", {}, ("cn-icjal-2018", "5"), 3),
    ("rule of speciality", {}, ("ets024", "14"), 3),
])
def test_known_queries_on_the_real_collection(query, filters, expected, within):
    assert expected in real(query, **filters)[:within]


def test_the_same_article_in_two_copies_of_a_text_is_one_hit():
    hits = search("letters rogatory", instrument="ets030", limit=50, index_dir=treaty_indexes.real_index())
    articles = [h.article for h in hits]
    assert len(articles) == len(set(articles)) and {h.text_id for h in hits} <= {"ets030", "ets030-consolidated"}


# --- the command line ---------------------------------------------------------------------------------------------

@pytest.fixture
def cli_build(monkeypatch):
    folder = scratch("cli-build")
    shutil.copytree(treaty_indexes.fixture_index(), folder / "treaty-index")
    monkeypatch.setenv("MLAKB_BUILD", str(folder))
    return folder


def test_cli_prints_hits_and_json(cli_build):
    runner = CliRunner()
    text = runner.invoke(cli, ["search", "central authority", "--limit", "1"])
    assert text.exit_code == 0 and "untoc Article 18" in text.output and "/guide/en/treaties/untoc.html#art-18" in text.output
    out = runner.invoke(cli, ["search", "双重犯罪", "--lang", "en", "--json"])
    hits = json.loads(out.output)
    assert out.exit_code == 0 and hits[0]["instrument"] == "untoc" and "<mark>" in hits[0]["snippet"]


def test_cli_exits_2_with_the_message_on_a_malformed_query(cli_build):
    result = CliRunner().invoke(cli, ["search", '"unclosed'])
    assert result.exit_code == 2 and "unclosed quotation mark" in result.output and "Traceback" not in result.output


def test_cli_says_to_build_when_there_is_no_index(monkeypatch, tmp_path):
    monkeypatch.setenv("MLAKB_BUILD", str(tmp_path))
    result = CliRunner().invoke(cli, ["search", "extradition"])
    assert result.exit_code == 2 and "run mlakb build" in result.output
