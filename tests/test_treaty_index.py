"""Building the treaty index: what goes in, the guide links, and the swap that keeps the last good index."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from mlakb.paths import Paths
from mlakb.treaties.articles import TreatyParseError, parse_file
from mlakb.common import atomic
from mlakb.treaties.index import build_index, guide_uses_directory_urls, page_url
from mlakb.treaties.search import IndexMissing, search

import treaty_indexes
from treaty_indexes import FIXTURE_TEXTS, ROOT, build, scratch


def stored(index: Path) -> list[dict]:
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        return [dict(fields) for fields in searcher.all_stored_fields()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_one_document_per_article_per_language():
    docs = stored(treaty_indexes.fixture_index())
    assert sorted(d["key"] for d in docs) == sorted([
        "untoc/en/1", "untoc/en/16", "untoc/en/17", "untoc/en/18", "ets024/en/2", "ets024/en/3", "ets024/en/14",
        "cn-icjal-2018/zh/5", "cn-icjal-2018/zh/6", "cn-icjal-2018/zh/13", "cn-icjal-2018/zh/14",
        "cn-extradition-law-2000/zh/4", "cn-extradition-law-2000/zh/7", "cn-extradition-law-2000/zh/8"])
    art18 = next(d for d in docs if d["key"] == "untoc/en/18")
    assert art18["instrument"] == "untoc" and art18["kind"] == "multilateral" and art18["language"] == "en"
    assert art18["paragraphs"].split(",")[12] == "18(13)" and art18["title_en"] == "Mutual legal assistance"
    law = next(d for d in docs if d["key"] == "cn-icjal-2018/zh/13")
    assert law["kind"] == "domestic-law" and law["label"] == "第十三条" and law["paragraphs"] == "13(1),13(2),13(3)"


def test_the_manifest_and_glossary_travel_with_the_index():
    index = treaty_indexes.fixture_index()
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 14 and manifest["by_language"] == {"en": 7, "zh": 7} and manifest["glossary_entries"] == 5
    forms = json.loads((index / "glossary.json").read_text(encoding="utf-8"))
    assert ["dual criminality", "double criminality", "双重犯罪"] in forms


def test_the_real_collection_is_indexed_whole():
    docs = stored(treaty_indexes.real_index())
    expected = {}
    for path in sorted((ROOT / "kb" / "treaties").glob("*.md")):
        treaty = parse_file(path)
        expected[treaty.language] = expected.get(treaty.language, 0) + sum(1 for a in treaty.articles if a.paragraphs)
    counted = {}
    for doc in docs:
        counted[doc["language"]] = counted.get(doc["language"], 0) + 1
    assert counted == expected and expected["zh"] >= 125 and expected["en"] >= 700
    assert {"untoc", "ets030", "ets209", "cn-can-mla", "cn-usa-mla", "cn-icjal-2018"} <= {d["instrument"] for d in docs}


def test_guide_links_follow_the_i18n_suffix_layout():
    assert page_url(Path("kb/treaties/untoc.en.md"), "en", "art-18") == "/guide/en/treaties/untoc.html#art-18"
    assert page_url(Path("kb/treaties/cn-icjal-2018.zh.md"), "zh", "art-6") == "/guide/treaties/cn-icjal-2018.html#art-6"
    assert page_url(Path("kb/treaties/untoc.en.md"), "en", "art-18", directory_urls=True) == "/guide/en/treaties/untoc/#art-18"
    assert guide_uses_directory_urls(ROOT) is False  # mkdocs.yml: use_directory_urls off, and the offline plugin
    bare = scratch("mkdocs-config")
    (bare / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    assert guide_uses_directory_urls(bare) is True


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
    assert stats.documents == 11 and len(stored(target)) == 11
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
    assert len(stored(target)) == 14 and leftovers(tmp_path) == []


def test_no_index_yet_says_to_build(tmp_path):
    with pytest.raises(IndexMissing, match="run mlakb build"):
        search("extradition", index_dir=tmp_path / "treaty-index")


def test_an_empty_collection_is_an_error_not_an_empty_index(tmp_path):
    (tmp_path / "texts").mkdir()
    with pytest.raises(FileNotFoundError, match="no treaty texts"):
        build_index(Paths(ROOT), target=tmp_path / "treaty-index", treaties_dir=tmp_path / "texts")
    assert not (tmp_path / "treaty-index").exists()
