"""/-/search as a page for people and as JSON, as `mlakb serve` serves it (in-process); in Chromium, a Chinese query lands on the
paragraph it was found in."""
from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from web_setup import chromium, get, open_page, real_server, screenshot
from inprocess import InProcess


@pytest.fixture(scope="module")
def app(small_repo):
    with InProcess(small_repo, small_repo / "build") as served:
        yield served


def q(text: str) -> str:
    return urllib.parse.quote(text)


def test_bare_url_is_the_empty_form(app):
    status, content_type, page = get(app, "/-/search")
    assert status == 200 and content_type.startswith("text/html")
    assert re.search(r'<input type="search" id="q" name="q" value=""', page)
    assert 'name="lang"' in page and 'name="instrument"' in page and 'name="kind"' in page
    assert '<option value="untoc">' in page  # instruments with a text are offered
    assert "mlakb-hit" not in page


def test_json_by_suffix_or_accept_in_readable_utf8_and_score_order(app):
    for path, accept in ((f"/-/search.json?q={q('引渡')}", None), (f"/-/search?q={q('引渡')}", "application/json")):
        status, content_type, body = get(app, path, accept)
        assert status == 200 and content_type.startswith("application/json")
        assert '"query": "引渡"' in body and "\\u" not in body
        scores = [h["score"] for h in json.loads(body)["hits"]]
        assert scores and scores == sorted(scores, reverse=True)
    status, _, body = get(app, "/-/search.json")
    assert status == 400 and "parameter 'q' is required" in json.loads(body)["error"]


def test_results_page_links_the_paragraph_and_escapes_the_query(app):
    status, _, page = get(app, f"/-/search?q={q('central authority')}&instrument=untoc")
    assert status == 200
    links = re.findall(r'class="mlakb-hit__title" href="([^"]+)"', page)
    assert links and "/treaties/untoc" in links[0] and links[0].endswith("#art-18-13")  # paragraph 18(13), not #art-18
    scores = [float(s) for s in re.findall(r'data-score="([^"]+)"', page)]
    assert scores == sorted(scores, reverse=True)
    status, _, page = get(app, f"/-/search?q={q('<script>x</script>')}")
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_a_state_limits_the_search_to_its_treaties(app):
    status, _, page = get(app, f"/-/search?q={q('extradition')}&state=can")
    assert status == 200 and "mlakb-scope" in page
    instruments = set(re.findall(r"· (\S+) · 相关度", page))
    status, _, body = get(app, f"/-/search.json?q={q('extradition')}&state=can")
    found = {h["instrument"] for h in json.loads(body)["hits"]}
    assert found == instruments == {"untoc"}  # Canada is party to UNTOC, not to ETS 24, in the fixture
    status, _, body = get(app, f"/-/search.json?q={q('extradition')}")
    assert "ets024" in {h["instrument"] for h in json.loads(body)["hits"]}  # found without the State
    status, _, body = get(app, f"/-/search.json?q={q('extradition')}&state=Narnia")
    assert status == 400 and "Narnia" in json.loads(body)["error"]


def test_bad_filters_answer_400_with_the_form(app):
    status, content_type, page = get(app, f"/-/search?q=x&kind=novel")
    assert status == 400 and content_type.startswith("text/html") and "parameter &#39;kind&#39; must be one of" in page


@pytest.mark.slow
@pytest.mark.browser
def test_chinese_query_lands_on_the_paragraph_in_chromium(tmp_path):
    with real_server(tmp_path) as url, chromium() as browser:
        for width in (1280, 390):
            page, failed = open_page(browser, width)
            page.goto(url + "/-/search")
            page.fill("#q", "双重犯罪")
            page.select_option('select[name="instrument"]', "uncac")
            page.locator('form[role="search"] button[type="submit"]').click()
            page.wait_for_selector(".mlakb-hit")
            screenshot(page, f"tool-search-{width}")
            first = page.locator(".mlakb-hit__title").first
            assert first.get_attribute("href").endswith("/treaties/uncac.html#art-43-2")
            first.click()
            page.wait_for_url("**/treaties/uncac.html#art-43-2")
            target = page.locator("#art-43-2")
            page.wait_for_function("() => { const r = document.getElementById('art-43-2').getBoundingClientRect();"
                                   " return r.top >= 0 && r.top < window.innerHeight; }")
            assert "dual criminality" in target.evaluate("e => (e.closest('p, li') || e.parentElement).innerText")
            screenshot(page, f"tool-search-landed-{width}", full_page=False)
            assert failed == []
            page.close()
