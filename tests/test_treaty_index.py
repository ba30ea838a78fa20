"""Building the treaty index: what goes in, the guide links, and the swap that keeps the last good index."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mlakb.paths import Paths
from mlakb.treaties.articles import TreatyParseError, parse_file
from mlakb.common import atomic
from mlakb.treaties.index import build_index, guide_uses_directory_urls, page_url
from mlakb.treaties.index import records as stored
from mlakb.treaties.search import IndexMissing, search

import treaty_indexes
from treaty_indexes import FIXTURE_TEXTS, ROOT, build, scratch


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


FIXTURE_ARTICLES = ["untoc/en/1", "untoc/en/16", "untoc/en/17", "untoc/en/18", "ets024/en/2", "ets024/en/3", "ets024/en/14",
                    "cn-icjal-2018/zh/5", "cn-icjal-2018/zh/6", "cn-icjal-2018/zh/13", "cn-icjal-2018/zh/14",
                    "cn-extradition-law-2000/zh/4", "cn-extradition-law-2000/zh/7", "cn-extradition-law-2000/zh/8"]


def test_one_document_per_paragraph_with_its_anchor_and_headings():
    docs = stored(treaty_indexes.fixture_index())
    assert sorted({d["key"].rsplit("/", 1)[0] for d in docs}) == sorted(FIXTURE_ARTICLES)
    art18 = [d for d in docs if d["key"].startswith("untoc/en/18/")]
    p13 = next(d for d in art18 if d["paragraphs"] == "18(13)")
    assert len(art18) == 30 and p13["instrument"] == "untoc" and p13["kind"] == "multilateral" and p13["language"] == "en"
    assert p13["anchor"] == "art-18-13" and p13["url"] == "/guide/en/treaties/untoc.html#art-18-13"
    assert p13["article_url"] == "/guide/en/treaties/untoc.html#art-18" and p13["title"] == "Mutual legal assistance"
    assert p13["text_en"].startswith("13. Each State Party shall designate a central authority")
    law = [d for d in docs if d["key"].startswith("cn-icjal-2018/zh/13/")]
    assert [d["paragraphs"] for d in law] == ["13(1)", "13(2)", "13(3)"] and law[0]["label"] == "第十三条"
    assert law[0]["kind"] == "domestic-law" and law[0]["weight"] == 1.0


def test_chapter_headings_are_indexed_with_each_paragraph_under_them():
    docs = stored(treaty_indexes.real_index())
    assert next(d for d in docs if d["key"] == "cn-supervision-law-2024/zh/57/0")["part"] == "第六章 反腐败国际合作"
    hits = search("title:反腐败国际合作", limit=20, index_dir=treaty_indexes.real_index())
    assert {(h.instrument, h.article) for h in hits} == {
        *(("cn-supervision-law-2024", a) for a in ("57", "58", "59")), *(("cn-supervision-law-2018", a) for a in ("50", "51", "52"))}


def test_a_superseded_text_weighs_less_and_ranks_below_its_successor():
    docs = stored(treaty_indexes.real_index())
    weights = {d["instrument"]: d["weight"] for d in docs}
    assert weights["cn-aml-law-2006"] < weights["cn-aml-law-2024"] == 1.0
    assert weights["cn-supervision-law-2018"] < weights["cn-supervision-law-2024"] == 1.0
    # the same words in both versions: the current article first
    hits = [(h.instrument, h.article) for h in search("开展反洗钱国际合作", index_dir=treaty_indexes.real_index())]
    assert hits.index(("cn-aml-law-2024", "46")) < hits.index(("cn-aml-law-2006", "27"))
    hits = [(h.instrument, h.article) for h in search("反腐败国际追逃追赃和防逃工作", lang="zh", limit=20,
                                                      index_dir=treaty_indexes.real_index())]
    assert hits[0] == ("cn-supervision-law-2024", "59") and ("cn-supervision-law-2018", "52") in hits[1:]


def test_the_manifest_and_glossary_travel_with_the_index():
    index = treaty_indexes.fixture_index()
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 14 and manifest["by_language"] == {"en": 7, "zh": 7} and manifest["glossary_entries"] == 5
    assert manifest["paragraphs"] == len(stored(index)) > 14
    forms = json.loads((index / "glossary.json").read_text(encoding="utf-8"))
    assert ["dual criminality", "double criminality", "双重犯罪"] in forms


def test_the_real_collection_is_indexed_whole():
    docs = stored(treaty_indexes.real_index())
    expected = {}
    for path in sorted((ROOT / "kb" / "treaties").glob("*.md")):
        treaty = parse_file(path)
        expected[treaty.language] = expected.get(treaty.language, 0) + sum(1 for a in treaty.articles if a.paragraphs)
    counted = {}
    for unit in {(doc["language"], doc["key"].rsplit("/", 1)[0]) for doc in docs}:
        counted[unit[0]] = counted.get(unit[0], 0) + 1
    assert counted == expected and expected["zh"] >= 800 and expected["en"] >= 700
    manifest = json.loads((treaty_indexes.real_index() / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == sum(expected.values()) and manifest["by_language"] == expected  # each copy of a text counts
    assert {"untoc", "ets030", "ets209", "cn-can-mla", "cn-usa-mla", "cn-icjal-2018"} <= {d["instrument"] for d in docs}


def test_guide_links_follow_the_i18n_suffix_layout():
    assert page_url(Path("kb/treaties/untoc.en.md"), "en", "art-18") == "/guide/en/treaties/untoc.html#art-18"
    assert page_url(Path("kb/treaties/cn-icjal-2018.zh.md"), "zh", "art-6") == "/guide/treaties/cn-icjal-2018.html#art-6"
    assert page_url(Path("kb/treaties/untoc.en.md"), "en", "art-18", directory_urls=True) == "/guide/en/treaties/untoc/#art-18"
    assert guide_uses_directory_urls(ROOT) is False  # mkdocs.yml: use_directory_urls off, and the offline plugin
    bare = scratch("mkdocs-config")
    (bare / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    assert guide_uses_directory_urls(bare) is True


@pytest.mark.slow  # builds the real guide with MkDocs
def test_every_link_points_at_an_anchor_of_the_built_guide():
    import guide_site

    built = guide_site.project_site()
    assert built.returncode == 0, built.log[-3000:]
    pages: dict[str, set[str]] = {}
    for doc in stored(treaty_indexes.real_index()):
        page, anchor = doc["url"].removeprefix("/guide/").split("#")
        if page not in pages:
            html = (built.site / page).read_text(encoding="utf-8")
            pages[page] = set(re.findall(r'id="([^"]+)"', html))
        assert anchor in pages[page], doc["url"]


def test_a_rebuild_replaces_the_index_and_leaves_no_temporary_folder(tmp_path):
    texts = tmp_path / "texts"
    shutil.copytree(FIXTURE_TEXTS, texts)
    target = tmp_path / "build" / "treaty-index"
    assert build(target, texts).documents == 14
    (texts / "ets024.en.md").unlink()
    stats = build(target, texts)
    assert stats.documents == 11 and len({d["unit"] for d in stored(target)}) == 11
    assert leftovers(target.parent) == []


def test_a_failed_build_keeps_the_last_good_index(tmp_path):
    texts = tmp_path / "texts"
    shutil.copytree(FIXTURE_TEXTS, texts)
    target = tmp_path / "build" / "treaty-index"
    build(target, texts)
    before = (target / "manifest.json").read_bytes()
    hits_before = search("speciality", index_dir=target)
    # sorted last, so the other texts are already in the new index when this one fails to parse
    (texts / "zz-broken.en.md").write_text("---\nid: zz\ntitle: Broken\nlanguage: en\n---\n\n## Chapeau\n\nText.\n", encoding="utf-8")
    with pytest.raises(TreatyParseError, match="unknown heading"):
        build(target, texts)
    assert (target / "manifest.json").read_bytes() == before
    assert search("speciality", index_dir=target) == hits_before and hits_before[0].article == "14"
    assert leftovers(target.parent) == []


def test_an_interrupted_swap_is_recovered(tmp_path):
    """A build killed between moving the old index aside and moving the new one in: the next build
    (or reader) finds the old index back in place."""
    target = tmp_path / "treaty-index"
    build(target)
    target.rename(target.with_name("treaty-index.old"))
    atomic.recover(target)
    assert len({d["unit"] for d in stored(target)}) == 14 and leftovers(tmp_path) == []


def test_no_index_yet_says_to_build(tmp_path):
    with pytest.raises(IndexMissing, match="run mlakb build"):
        search("extradition", index_dir=tmp_path / "treaty-index")


def test_an_index_made_before_the_side_table_says_to_rebuild(tmp_path):
    target = tmp_path / "treaty-index"
    shutil.copytree(treaty_indexes.fixture_index(), target)
    (target / "table.json").unlink()
    with pytest.raises(IndexMissing, match="earlier version of mlakb: run mlakb build"):
        search("extradition", index_dir=target)


def test_an_empty_collection_is_an_error_not_an_empty_index(tmp_path):
    (tmp_path / "texts").mkdir()
    with pytest.raises(FileNotFoundError, match="no treaty texts"):
        build_index(Paths(ROOT), target=tmp_path / "treaty-index", treaties_dir=tmp_path / "texts")
    assert not (tmp_path / "treaty-index").exists()
