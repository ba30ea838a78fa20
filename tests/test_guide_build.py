"""The guide as built by `mkdocs build --strict`: pages for every record, links that resolve, escaping that holds."""
from __future__ import annotations

import datetime as dt
import re

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import phonenumbers
import pytest
import yaml

import guide_site
from mlakb.records.directory import load_directory

SERVER_ROUTES = ("/mlakb", "/-/")  # served by Datasette beside the guide, not part of site/
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


def built(which) -> Path:
    result = which()
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.log[-6000:]}"
    return result.site


@pytest.fixture(scope="module")
def project() -> Path:
    return built(guide_site.project_site)


@pytest.fixture(scope="module")
def fixture() -> Path:
    return built(guide_site.fixture_site)


@pytest.fixture(scope="module")
def injection() -> Path:
    return built(guide_site.injection_site)


@cache
def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def article(path: Path):
    return parse(path).cssselect("article.md-content__inner")[0]


def text_of(element) -> str:
    return " ".join(element.text_content().split())


@cache
def repository_directory():
    return load_directory(guide_site.ROOT / "directory")


def records():
    return repository_directory().jurisdictions


# --- the real site ---------------------------------------------------------------------------------------------

def test_every_jurisdiction_record_has_a_page_in_both_languages(project):
    jurisdictions = records()
    assert jurisdictions, "directory/jurisdictions/ holds no record"
    for jid, loaded in jurisdictions.items():
        name = loaded.record.name
        zh, en = project / "directory" / f"{jid}.html", project / "en" / "directory" / f"{jid}.html"
        assert zh.is_file() and en.is_file(), jid
        assert text_of(article(zh).cssselect("h1")[0]).startswith(name.zh or name.en)
        assert text_of(article(en).cssselect("h1")[0]).startswith(name.en)
        index = text_of(article(project / "directory" / "index.html"))
        assert (name.zh or name.en) in index


def test_internal_links_and_anchors_resolve(project):
    broken = []
    for page in sorted(project.rglob("*.html")):
        tree = parse(page)
        for element, attribute, link, _ in tree.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(SERVER_ROUTES) or element.tag == "form":
                continue
            # only 404.html has root-absolute links (MkDocs writes it for a server, with no site_url: from "/")
            base = project if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(project)}: {link}")
            elif parts.fragment and target.suffix == ".html" and parse(target).get_element_by_id(unquote(parts.fragment), None) is None:
                broken.append(f"{page.relative_to(project)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken[:50])


def test_canada_page_shows_its_central_authority_and_contacts(project):
    canada = records()["can"].record
    central = [a for a in canada.authorities if a.kind == "central-authority"]
    assert central, "the Canada record names no central authority"
    for lang, page in (("zh", project / "directory" / "can.html"), ("en", project / "en" / "directory" / "can.html")):
        content = article(page)
        text = text_of(content)
        mailto = {a.get("href") for a in content.cssselect('a[href^="mailto:"]')}
        for authority in central:
            name = authority.name.zh if lang == "zh" and authority.name.zh else authority.name.en
            assert name in text
            for contact in authority.contacts:
                if contact.address:
                    assert " ".join(contact.address.split()) in text
                for email in contact.email:
                    assert f"mailto:{email}" in mailto


def test_every_email_and_phone_of_every_authority_is_a_link_on_its_page(project):
    for jid, loaded in records().items():
        content = article(project / "en" / "directory" / f"{jid}.html")
        hrefs = {a.get("href") for a in content.cssselect("a[href]")}
        for authority in loaded.record.authorities:
            for email in (e for c in authority.contacts for e in c.email):
                assert f"mailto:{email}" in hrefs, (jid, email)
            for phone in (p for c in authority.contacts for p in c.phone):
                e164 = phonenumbers.format_number(phonenumbers.parse(phone, loaded.record.iso2), phonenumbers.PhoneNumberFormat.E164)
                assert f"tel:{e164}" in hrefs, (jid, phone)


def test_glossary_page_in_both_languages(project):
    glossary = load_directory(guide_site.ROOT / "directory").glossary
    assert glossary is not None, "directory/vocab/glossary.yaml is missing"
    for page in (project / "glossary.html", project / "en" / "glossary.html"):
        text = text_of(article(page))
        for term in glossary.record.terms[:20]:
            assert term.zh in text and " ".join(term.en.split()) in text


def heading_of(text_file: Path) -> str:
    """The first level-1 heading of a treaty text in kb/treaties/ (after its front matter)."""
    return next(line[2:].strip() for line in text_file.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


def test_the_treaties_tab_opens_the_treaties_index(project):
    for page, tab in ((project / "directory" / "can.html", "条约与法律"), (project / "en" / "directory" / "can.html", "Treaties")):
        tabs = {text_of(a): (page.parent / a.get("href")).resolve() for a in parse(page).cssselect("a.md-tabs__link")}
        assert tabs[tab] == (page.parent.parent / "treaties" / "index.html").resolve(), tabs


def test_treaties_index_links_every_text_in_each_language(project):
    from mlakb.guide.pages import CHINA, text_page
    instruments = [loaded.record for loaded in repository_directory().instruments.values()]
    with_texts = [i for i in instruments if i.texts]
    assert with_texts, "no instrument record has a text"
    sites = {"zh": project, "en": project / "en"}
    for lang, site in sites.items():
        index = site / "treaties" / "index.html"
        tables = article(index).cssselect("table")
        rows = [tr for table in tables[:-1] for tr in table.cssselect("tbody tr")]
        assert len(rows) == len(with_texts), lang
        for instrument in with_texts:
            title = " ".join(((instrument.title.zh if lang == "zh" else None) or instrument.title.en).split())
            stems = {text_page(t)[0] for t in instrument.texts}
            # two versions of one law share a title: the row is the one whose links open this instrument's texts
            row = next((tr for tr in rows if text_of(tr.cssselect("td")[0]).startswith(title)
                        and stems & {Path(unquote(a.get("href"))).stem for a in tr.cssselect("td")[-1].cssselect("a[href]")}), None)
            assert row is not None, (lang, instrument.id)
            links = row.cssselect("td")[-1].cssselect("a[href]")
            assert len(links) == len(instrument.texts), (lang, instrument.id)
            opened = {}
            for a in links:
                target = (index.parent / unquote(a.get("href"))).resolve()
                assert target.is_file(), (lang, instrument.id, a.get("href"))
                opened[target.stem] = opened.get(target.stem, set()) | {text_of(article(target).cssselect("h1")[0])}
            for text in instrument.texts:  # each text's link opens a page showing that very text
                stem, _ = text_page(text)
                assert heading_of(guide_site.ROOT / text.path) in {h.rstrip("¶").strip() for h in opened.get(stem, set())}, (lang, text.path)
        without_text = [i for i in instruments if i.kind == "bilateral" and not i.texts and CHINA in {s.state for s in i.sides}]
        assert len(tables[-1].cssselect("tbody tr")) == len(without_text), lang


def test_coverage_page_shows_the_figures_of_mlakb_coverage(project):
    from mlakb.guide import ui
    from mlakb.maintain.coverage import coverage
    report = coverage(repository_directory())
    regions = repository_directory().terms("regions")
    for lang, site in (("zh", project), ("en", project / "en")):
        assert "coverage.html" in {a.get("href") for a in article(site / "directory" / "index.html").cssselect("a")}
        table = article(site / "directory" / "coverage.html").cssselect("table")[0]
        header = [text_of(th) for th in table.cssselect("thead th")][1:]
        assert header == [ui.strings(lang)["all"] if r == "all" else getattr(regions[r], lang) for r in report["regions"]]
        first, *rows = table.cssselect("tbody tr")
        assert [text_of(td) for td in first.cssselect("td")][1:] == [str(r["records"]) for r in report["regions"].values()]
        assert len(rows) == len(report["fields"]) + len(report["fact_shares"])
        for tr, share in zip(rows[len(report["fields"]):], report["fact_shares"]):  # "n / facts (p%)"
            assert [text_of(td).split()[0] for td in tr.cssselect("td")][1:] == [str(r[share]) for r in report["regions"].values()]
        for tr, field in zip(rows, report["fields"]):
            label, *cells = [text_of(td) for td in tr.cssselect("td")]
            assert label == ui.coverage_field(field, lang)[0] != field, (lang, field)
            assert [cell.split()[0] for cell in cells] == [str(r[field]) for r in report["regions"].values()], (lang, field)


# --- the fixture records: known facts, a fixed clock (MLAKB_TODAY) ---------------------------------------------

def test_a_page_shows_its_authority_card_with_clickable_contacts(fixture):
    content = article(fixture / "en" / "directory" / "irl.html")
    card = text_of(content.cssselect(".mlakb-card")[0])
    assert "Central Authority for Mutual Assistance, Department of Justice" in card
    assert "51 St Stephen's Green, Dublin 2" in card
    assert "Irish (ga), English (en)" in card
    assert all(label in card for label in ("directly to the central authority", "diplomatic channel", "advance copy"))  # one row per sourced channel
    assert content.cssselect('a[href="mailto:marequests@justice.ie"]')
    assert content.cssselect('a[href="tel:+35314086108"]')
    assert content.cssselect('a[href="https://gov.ie/en/department-of-justice/policy-information/mutual-legal-assistance"]')
    zh = text_of(article(fixture / "directory" / "irl.html"))
    assert "爱尔兰语 (ga)、英语 (en)" in zh and "直接向中央机关" in zh


def test_stale_record_warns_and_missing_central_authority_asks_for_help(fixture):
    assert guide_site.TODAY == "2026-12-07"  # eri.yaml was verified 2025-06-01, irl.yaml 2026-11-23
    eritrea = article(fixture / "en" / "directory" / "eri.html")
    assert "2025-06-01" in text_of(eritrea.cssselect(".admonition.warning")[0])
    help_box = text_of(eritrea.cssselect(".admonition.danger")[0])
    assert "No sourced central authority yet" in help_box and "directory/jurisdictions/eri.yaml" in help_box
    ireland = article(fixture / "en" / "directory" / "irl.html")
    assert not ireland.cssselect(".admonition.warning") and not ireland.cssselect(".admonition.danger")
    # a reviewed record still sends the reader to the source's own words before a rule is relied on
    assert "open the cited source before relying on a rule" in text_of(ireland.cssselect(".admonition.info")[0])
    assert "以来源原文为准" in text_of(article(fixture / "directory" / "irl.html").cssselect(".admonition.info")[0])


def test_instruments_link_to_the_article_of_the_treaty_text(fixture):
    canada = article(fixture / "en" / "directory" / "can.html")
    links = {a.get("href") for a in canada.cssselect("a[href]")}
    # untoc.yaml gives central-authority: 18(13); the treaty page has an anchor per paragraph
    assert "../treaties/untoc.html#art-18-13" in links, links
    china = text_of(article(fixture / "en" / "directory" / "chn.html"))
    assert "China's bilateral treaties" in china and "1995-07-01" in china and "1995-02-28" in china
    assert "Treaty between the People's Republic of China and Canada" in text_of(canada)


def test_index_lists_every_jurisdiction_by_region_with_coverage_marks(fixture):
    index = article(fixture / "en" / "directory" / "index.html")
    tabs = [text_of(label) for label in index.cssselect(".tabbed-labels label")]
    assert tabs == ["All (4)", "Africa (1)", "Americas (1)", "Asia (1)", "Europe (1)"]
    first_table = index.cssselect(".tabbed-block")[0]
    rows = {text_of(tr.cssselect("td")[0]): tr for tr in first_table.cssselect("tbody tr")}
    assert set(rows) == {"Canada", "China", "Eritrea", "Ireland"}
    marks = [span.get("class") for span in rows["Eritrea"].cssselect(".mlakb-badge")]
    assert marks == ["mlakb-badge mlakb-no"] * 3
    assert [s.get("class") for s in rows["Ireland"].cssselect(".mlakb-badge")] == ["mlakb-badge mlakb-yes"] * 3


def test_language_switcher_links_the_same_page_in_the_other_language(fixture):
    zh = parse(fixture / "directory" / "can.html")
    assert zh.cssselect('a[hreflang="en"]')[0].get("href") == "../en/directory/can.html"
    en = parse(fixture / "en" / "directory" / "can.html")
    assert en.cssselect('a[hreflang="zh"]')[0].get("href") == "../../directory/can.html"
    assert text_of(article(fixture / "directory" / "can.html").cssselect("h1")[0]).startswith("加拿大")


def test_search_index_segments_chinese_with_jieba(fixture):
    import json
    index = json.loads((fixture / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh", "en"]
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("directory/"))
    assert "中央\u200b机关" in texts  # jieba cut 中央机关 into 中央 / 机关, which the browser matches again
    assert (fixture / "search" / "search_index.js").is_file()  # the offline plugin's copy for file:// use


def test_nothing_generated_lands_in_the_work_tree(fixture):
    assert not (guide_site.ROOT / "kb" / "directory").exists()
    assert not list((guide_site.ROOT / "kb").glob("glossary.*.md"))


# --- hostile records ---------------------------------------------------------------------------------------------

INJECTION_PAGES = ["directory/xss.html", "en/directory/xss.html", "directory/index.html", "en/directory/index.html",
                   "glossary.html", "en/glossary.html"]


@pytest.mark.parametrize("relative", INJECTION_PAGES)
def test_hostile_record_fields_render_as_inert_text(injection, relative):
    page = injection / relative
    tree = parse(page)
    theme_scripts = [s for s in tree.iter("script")]
    for script in theme_scripts:
        assert "alert" not in (script.text or "") and "mlakbPwned" not in (script.text or "")
        assert not script.get("src") or not urlsplit(script.get("src")).scheme
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name in ("href", "src", "action", "data", "formaction", "xlink:href"):
                assert urlsplit(value.strip()).scheme.lower() in SAFE_SCHEMES, (element.tag, name, value)
    content = article(page)
    for tag in ("iframe", "object", "embed", "form", "button", "style", "marquee", "img", "svg", "script"):
        assert not content.cssselect(tag), f"a <{tag}> element came from a record"
    # the page's own collapsible sections are <details>; a record must not add one
    from mlakb.guide import ui
    t = ui.strings("en" if relative.startswith("en/") else "zh")
    own = [str(t[key]).split("{")[0] for key in ("other_authorities", "per_measure", "declarations", "instruments",
                                                 "bilateral", "bilateral_all", "informal", "domestic_law", "practice")]
    for details in content.cssselect("details"):
        summary = text_of(details.cssselect("summary")[0]) if details.cssselect("summary") else ""
        assert details.getparent() is content and summary.startswith(tuple(own)), f"a <details> came from a record: {summary!r}"
    assert len(content.cssselect("h1")) == 1


def test_hostile_text_is_shown_literally(injection):
    page = injection / "en" / "directory" / "xss.html"
    tree = parse(page)
    assert tree.findtext(".//title").startswith('</title><script>window.mlakbPwned=1;alert("name")</script>')
    content = article(page)
    assert text_of(content.cssselect("h1")[0]).startswith('</title><script>window.mlakbPwned=1;alert("name")</script> [click me](javascript:alert(1))')
    text = text_of(content)
    for shown in ('<a href="javascript:alert(11)">click</a> &#60;script&#62;', '!!! danger "injected admonition"',
                  "# injected heading - injected list", '| a | b | <iframe src="javascript:alert(21)"></iframe>',
                  '{: #evil .x onclick="alert(23)" }', "<!-- hidden -->", "<iframe src=javascript:alert(34)>",
                  "<script>alert(40)</script>"):
        assert shown in text
    assert "never rendered" not in page.read_text(encoding="utf-8")  # editors' notes stay in the record
    assert len(content.cssselect(".admonition.danger")) == 1  # the "no central authority" notice, nothing injected
    for row in content.cssselect("table tbody tr"):
        assert len(row.cssselect("td")) == len(row.getparent().getparent().cssselect("thead th"))
    assert not content.cssselect('a[href^="mailto:"], a[href^="tel:"]')  # none of the hostile addresses is usable


def test_hostile_instrument_fields_render_inert_on_the_treaty_index():
    """The treaty index made from the hostile instrument, given a text, and from a bilateral copy of it, through
    Python-Markdown with the extensions of mkdocs.yml (the index is only built where kb/treaties/ has pages)."""
    import dataclasses

    import markdown
    import yaml

    from mlakb.guide import pages
    from mlakb.records import models
    data = guide_site.injection_data()
    evil = data.instruments[0]
    with_text = evil.model_copy(update={"texts": [models.TreatyText.model_construct(language="en", path="kb/treaties/evil.en.md")]})
    bilateral = evil.model_copy(update={
        "id": "cn-xss-mla", "kind": "bilateral", "status": '<script>alert(40)</script> [x](javascript:alert(41))',
        "adopted": "<img src=x onerror=alert(42)>",
        "sides": [models.BilateralSide.model_construct(state="chn"), models.BilateralSide.model_construct(state="xss")]})
    data = dataclasses.replace(data, instruments=[with_text, bilateral], treaties={"evil": pages.TreatyPage("evil", {"en": set()})})
    config = yaml.safe_load((guide_site.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in config]
    options = {next(iter(e)): next(iter(e.values())) for e in config if isinstance(e, dict)}
    for lang in ("zh", "en"):
        html = markdown.markdown(pages.Page(data, lang).treaty_index(), extensions=names, extension_configs=options)
        tree = lxml.html.fromstring(f"<div>{html}</div>")
        assert not tree.cssselect("script, img, iframe, object, form")
        for element in tree.iter():
            assert not any(name.startswith("on") for name in element.attrib), element.attrib
        assert {urlsplit(a.get("href")).scheme for a in tree.cssselect("a[href]")} <= {""}
        text = text_of(tree)
        assert "<script>alert(32)</script> Convention" in text and "<script>alert(40)</script> [x](javascript:alert(41))" in text
        assert "<img src=x onerror=alert(42)>" in text


def test_hostile_nav_titles_are_escaped(injection):
    nav = parse(injection / "en" / "directory" / "index.html").cssselect("nav.md-nav--primary")[0]
    assert '</title><script>window.mlakbPwned=1' in text_of(nav)
    assert not nav.cssselect("script, img, b")


def test_pages_written_in_one_language_exist_in_both_with_a_notice(project):
    from mlakb.guide import overlay, ui
    versions: dict[Path, set[str]] = {}
    kb = guide_site.ROOT / "kb"
    for page in kb.rglob("*.md"):
        plain, lang = overlay.split_language(page.relative_to(kb), ui.LANGUAGES)
        versions.setdefault(plain, set()).add(lang)
    single = {plain: langs for plain, langs in versions.items() if len(langs) == 1 and None not in langs}
    assert single, "every page of kb/ has both languages: nothing to check"
    for plain, (written,) in ((p, tuple(v)) for p, v in single.items()):
        missing = "en" if written == "zh" else "zh"
        built = project / (f"en/{plain.with_suffix('.html')}" if missing == "en" else plain.with_suffix(".html"))
        notice = ui.strings(missing)["fallback_default" if written == ui.DEFAULT_LANGUAGE else "fallback_borrowed"]
        assert notice in text_of(article(built)), built


# --- practitioner workflows: links to the tools, treaty status, source markers, search snippets ---------------
def test_country_page_links_the_drafter_the_basis_finder_and_its_treaties(project):
    links = [a.get("href") for a in article(project / "en" / "directory" / "tha.html").cssselect(".mlakb-actions a")]
    assert links == ["/-/request?to=tha", "/-/basis?from=chn&to=tha", "/-/search?state=tha"]
    china = [a.get("href") for a in article(project / "directory" / "chn.html").cssselect(".mlakb-actions a")]
    assert china == ["/-/search?state=chn"]  # no request or basis from China to itself
    treaty = [a.get("href") for a in article(project / "en" / "treaties" / "untoc.html").cssselect("a.md-button")]
    assert "/-/search?instrument=untoc" in treaty
    for home in (project / "index.html", project / "en" / "index.html"):  # the tools are in the navigation
        nav = {a.get("href") for a in parse(home).cssselect("nav.md-nav--primary a")}
        assert {"/-/search", "/-/basis", "/-/request"} <= nav


def test_a_signed_treaty_not_in_force_looks_different(project):
    row = next(tr for tr in article(project / "directory" / "npl.html").cssselect("tr") if "Extradition" in text_of(tr))
    assert row.cssselect(".mlakb-status--not-in-force") and "未生效" in text_of(row)
    in_force = next(tr for tr in article(project / "en" / "directory" / "tha.html").cssselect("tr") if "on Extradition" in text_of(tr))
    assert in_force.cssselect(".mlakb-status--in-force")
    for page in (project / "treaties" / "index.html", project / "en" / "directory" / "can.html"):
        rows = [tr for tr in article(page).cssselect("tbody tr")]
        assert rows and all(tr.cssselect(".mlakb-status") for tr in rows if tr.cssselect("a[href*='treaties/']")), page


def test_one_readable_source_marker_per_fact(project):
    body = article(project / "en" / "directory" / "tha.html")
    assert not body.cssselect("sup a")  # no runs of tiny superscripts
    facts = [li for li in body.cssselect("ul > li") if li.cssselect(".mlakb-src")]
    assert facts and all(len(li.cssselect(".mlakb-src")) == 1 for li in facts)
    # the numbers (a run of three or more as one range), then the newest source's date and kind
    marker = re.compile(r"^\[\d+(–\d+)?(, \d+(–\d+)?)*\] (\d{4}(-\d{2}){0,2}|undated) · (official|intergovernmental|secondary)")
    assert all(marker.match(text_of(m)) for m in body.cssselect(".mlakb-src")), [text_of(m) for m in body.cssselect(".mlakb-src")][:5]


def test_search_snippets_are_sentences_not_generated_tables(project):
    import json
    index = json.loads((project / "search" / "search_index.json").read_text(encoding="utf-8"))
    directory = [d for d in index["docs"] if d["location"].startswith("directory/index.html")]
    assert directory and not any("<table" in d["text"] or "<td" in d["text"] for d in directory)
    assert not any("<table" in d["text"] for d in index["docs"] if d["location"].startswith(("directory/", "treaties/index")))


def test_a_country_page_lists_its_sources_but_the_search_does_not_index_them(project):
    """Every fact's sources stay on the page; searching "Ministry of Justice" finds authorities, not source titles."""
    import json
    index = json.loads((project / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = [d for d in index["docs"] if d["location"].startswith(("directory/tha.html", "en/directory/tha.html"))]
    assert pages and not any(d["location"].endswith("#sources") for d in pages)
    thailand_sources = yaml.safe_load((guide_site.ROOT / "directory" / "jurisdictions" / "tha.yaml").read_text(encoding="utf-8"))["sources"]
    for page, heading in ((project / "en" / "directory" / "tha.html", "Sources"), (project / "directory" / "tha.html", "来源")):
        body = article(page)
        assert heading in [text_of(h).rstrip("¶") for h in body.cssselect("h2")]
        listed = [span.get("id") for span in body.cssselect("ol li span[id]") if span.get("id").startswith("src-")]
        assert len(listed) == len(thailand_sources)


def test_pages_ask_for_no_sitemap(project):
    for page in (project / "index.html", project / "en" / "directory" / "tha.html"):
        assert not parse(page).cssselect('head link[rel="alternate"][hreflang]')  # Material fetched sitemap.xml beside each
    switch = parse(project / "en" / "directory" / "tha.html").cssselect('a.md-select__link[hreflang="zh"]')
    assert switch and switch[0].get("href").endswith("directory/tha.html")  # the language switch stays on the page


def test_a_source_read_in_machine_translation_says_so_on_the_page(real_directory):
    """Canada's only source for its UNTOC designation is an Austrian gazette read in machine translation."""
    from mlakb.guide import pages
    data = pages.from_directory(real_directory, guide_site.ROOT / "kb")
    canada = data.jurisdiction("can")
    [machine] = [s for s in canada.sources if s.translation == "machine"]
    for lang, words in (("en", "read in machine translation"), ("zh", "经机器翻译阅读")):
        rows = pages.Page(data, lang).sources(canada)
        [row] = [r for r in rows if machine.title in str(r["title"])]
        assert words in str(row["about"])
        assert all(words not in str(r["about"]) for r in rows if r is not row)


def test_coverage_page_counts_china_treaties_and_partners_with_per_measure_requirements():
    from mlakb.guide import pages
    from mlakb.maintain.coverage import china_treaty_partners
    data = pages.load(guide_site.ROOT / "directory", guide_site.ROOT / "kb")
    partners = data.coverage["china_partners"]
    assert {"fra", "usa", "can", "rus"} <= set(china_treaty_partners([i.record for i in repository_directory().instruments.values()]))
    assert partners["per_measure"] + len(partners["without"]) == partners["all"] >= 60
    for lang, words in (("en", f"that have requirements recorded per measure: {partners['per_measure']} of {partners['all']}"),
                        ("zh", f"已按具体措施记录要求的：{partners['per_measure']} 个，共 {partners['all']} 个")):
        markdown = pages.Page(data, lang).coverage_page()
        assert words in markdown
        treaties = data.coverage["bilateral_treaties"]
        assert f"{treaties['with_status']} " in markdown and f"{treaties['all']}" in markdown


def test_a_statement_under_a_named_instrument_shows_when_it_applies():
    from mlakb.guide import pages
    data = pages.load(guide_site.ROOT / "directory", guide_site.ROOT / "kb")
    jamaica = data.jurisdiction("jam")
    requirement = jamaica.requirements[0].model_copy(update={"measures": [], "applies": "convention", "instruments": ["oas-a55"]})
    record = jamaica.model_copy(update={"requirements": [requirement]})
    numbers = {s.id: n for n, s in enumerate(record.sources, start=1)}
    for lang, words in (("en", ["Under a named convention only", "Nassau Convention (OAS A-55)"]),
                        ("zh", ["仅限特定公约", "拿骚公约（美洲国家组织 A-55）"])):
        [(_topic, [item])], _ = pages.Page(data, lang).requirements(record, numbers)
        assert [str(x) for x in item["extra"]][-2:] == words


def test_a_requirement_limited_to_an_offence_area_says_so(real_directory):
    """Togo's direct route to the prosecutor's office is stated under its anti-money-laundering law."""
    from mlakb.guide import pages
    data = pages.from_directory(real_directory, guide_site.ROOT / "kb")
    togo = data.jurisdiction("tgo")
    numbers = {s.id: n for n, s in enumerate(togo.sources, start=1)}
    for lang, words in (("en", "Money laundering cases only"), ("zh", "仅限洗钱案件")):
        _, by_measure = pages.Page(data, lang).requirements(togo, numbers)
        items = [item for _measure, found in by_measure for item in found]
        limited = [item for item in items if words in [str(x) for x in item["extra"]]]
        # the direct route and its 15-day period for more information are both stated under that law
        assert any(word in str(item["text"]) for item in limited for word in ("prosecutor's office", "检察院"))
        # the label goes with exactly the entries the record limits to that offence area, and no other
        assert len(limited) == sum(1 for r in togo.requirements if list(r.offences) == ["money-laundering"]) < len(items)

def test_languages_a_source_gives_for_one_convention_say_so_on_the_authority_card():
    from mlakb.guide import pages
    from mlakb.records import models
    data = pages.load(guide_site.ROOT / "directory", guide_site.ROOT / "kb")
    jamaica = data.jurisdiction("jam")
    languages = models.Languages(codes=["en"], sources=[jamaica.sources[0].id])
    authority = jamaica.authorities[0].model_copy(update={"languages": languages})
    scoped = authority.model_copy(update={"languages": languages.model_copy(update={"applies": "convention", "instruments": ["oas-a55"]})})
    numbers = {s.id: n for n, s in enumerate(jamaica.sources, start=1)}
    cited = {s.id: s for s in jamaica.sources}
    for lang, words in (("en", "(Under a named convention only, Nassau Convention (OAS A-55))"),
                        ("zh", "拿骚公约（美洲国家组织 A-55）")):
        card = pages.Page(data, lang).authority(scoped, jamaica.iso2, numbers, cited)
        [row] = [str(value) for label, value in card["rows"] if label == pages.Page(data, lang).t["languages"]]
        assert words in row
        plain = pages.Page(data, lang).authority(authority, jamaica.iso2, numbers, cited)
        [row] = [str(value) for label, value in plain["rows"] if label == pages.Page(data, lang).t["languages"]]
        assert "A-55" not in row


def test_a_party_that_denounced_an_instrument_is_marked_so_with_the_day():
    from mlakb.guide import pages
    data = pages.load(guide_site.ROOT / "directory", guide_site.ROOT / "kb")
    state, [(instrument, party), *_] = next(iter(data.parties_by_state.items()))
    data.parties_by_state[state][0] = (instrument, party.model_copy(update={"denounced": data.today}))
    record = data.jurisdiction(state)
    for lang, word in (("en", "denounced"), ("zh", "已退出")):
        [row, *_] = pages.Page(data, lang).party_rows(record)
        assert "mlakb-status--not-in-force" in row["status"] and word in row["status"]
        assert data.today.isoformat() in row["status"]
    ahead = data.today.replace(year=data.today.year + 1)
    data.parties_by_state[state][0] = (instrument, party.model_copy(update={"denounced": ahead}))
    [row, *_] = pages.Page(data, "en").party_rows(record)
    assert "denounced" not in row["status"].split("(")[0] and f"(denunciation takes effect {ahead.isoformat()})" in row["status"]


def test_every_unknown_entry_reads_as_words_in_both_languages():
    """The "help wanted" sentence names what each `unknown` entry asks for; an id such as "email" or "urgent"
    must not reach a reader, in English or in Chinese."""
    from typing import get_args

    from mlakb.guide import ui
    from mlakb.records import models

    for lang in ("en", "zh"):
        labels = {u: ui.label("unknown", u, lang) for u in get_args(models.Unknown)}
        assert all(labels.values()) and (lang == "en" or not set(labels.items()) & {(u, u) for u in labels}), labels
    assert ui.label("unknown", "contacts", "en") == "contact details for criminal matters"


def test_an_undated_source_is_marked_as_of_unknown_age_not_as_old(real_directory):
    """A fact resting only on an undated source says its age is unknown; one resting on a 2014 source says it is old."""
    from mlakb.guide import pages
    data = pages.from_directory(real_directory, guide_site.ROOT / "kb", today=dt.date(2026, 12, 7))
    undated = next(s for j in real_directory.jurisdictions.values() for s in j.record.sources if s.as_of is None)
    dated = next(s for j in real_directory.jurisdictions.values() for s in j.record.sources if s.as_of and s.as_of.startswith("2014"))
    for lang in ("en", "zh"):
        page = pages.Page(data, lang)
        unknown_age = text_of(lxml.html.fragment_fromstring(str(page.source_refs({undated.id: 1}, [undated.id], {undated.id: undated})), create_parent="p"))
        old = text_of(lxml.html.fragment_fromstring(str(page.source_refs({dated.id: 1}, [dated.id], {dated.id: dated})), create_parent="p"))
        assert page.t["undated_source"] in unknown_age and page.t["old_source"] not in unknown_age
        assert page.t["old_source"] in old and page.t["undated_source"] not in old


def test_a_title_we_translated_is_marked_on_the_chinese_treaty_index(project):
    """The Council of Europe conventions have no official Chinese title: ours is shown, marked as ours; China's own laws are not marked."""
    rows = article(project / "treaties" / "index.html").cssselect("tbody tr")
    first_cell = {text_of(tr.cssselect("td")[0]): tr for tr in rows}
    [ecma] = [cell for cell in first_cell if cell.startswith("欧洲刑事司法协助公约 ")]
    assert "（本站翻译）" in ecma
    [icjal] = [cell for cell in first_cell if cell.startswith("中华人民共和国国际刑事司法协助法")]
    assert "本站翻译" not in icjal
