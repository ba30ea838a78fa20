"""/-/basis as a page for people and as JSON, as `mlakb serve` serves it (in-process); in Chromium, China–Thailand shows that
Thailand does not use UNCAC as a legal basis for mutual legal assistance, and the tool and guide pages fetch
nothing that is missing."""
from __future__ import annotations

import json
import re

import pytest

from inprocess import InProcess
from web_setup import chromium, get, open_page, real_server, screenshot


@pytest.fixture(scope="module")
def app(small_repo):
    with InProcess(small_repo, small_repo / "build") as served:
        yield served


def test_bare_url_is_the_empty_form(app):
    status, content_type, page = get(app, "/-/basis")
    assert status == 200 and content_type.startswith("text/html")
    assert '<option value="chn" selected>' in page  # from China by default
    assert 'name="to"' in page and 'name="measure"' in page and 'name="offence"' in page
    assert "mlakb-basis" not in page


def test_page_and_json_give_the_same_bases(app):
    status, _, page = get(app, "/-/basis?from=chn&to=can&measure=bank-records")
    assert status == 200
    shown = re.findall(r'<section class="mlakb-basis[^"]*" id="basis-([^"]+)"', page)
    for path, accept in (("/-/basis.json?from=chn&to=can&measure=bank-records", None),
                         ("/-/basis?from=chn&to=can&measure=bank-records", "application/json")):
        status, content_type, body = get(app, path, accept)
        report = json.loads(body)
        assert status == 200 and content_type.startswith("application/json") and "\\u" not in body
        assert shown == [e["id"] for e in report["bilateral"] + report["multilateral"]]
    assert "加拿大" in body and [a["id"] for a in report["route"]["central_authorities"]] == ["can-iag"]
    assert "Department of Justice Canada" in page  # the route names who receives the request


def test_unknown_state_is_a_400_with_its_reason(app):
    status, content_type, page = get(app, "/-/basis?from=chn&to=Narnia")
    assert status == 400 and content_type.startswith("text/html") and "Narnia" in page
    status, _, body = get(app, "/-/basis.json?from=chn&to=Narnia")
    assert status == 404 and json.loads(body)["ok"] is False
    status, _, body = get(app, "/-/basis.json?from=chn")
    assert status == 400 and "parameter 'to' is required" in json.loads(body)["error"]


REPRESENTATIVE = ["/guide/", "/guide/en/", "/guide/directory/tha.html", "/guide/en/directory/chn.html",
                  "/guide/directory/npl.html", "/guide/en/treaties/untoc.html", "/guide/treaties/index.html",
                  "/guide/en/directory/index.html", "/-/search", "/-/basis"]


@pytest.mark.slow
@pytest.mark.browser
def test_basis_page_china_thailand_and_no_missing_fetches_in_chromium(tmp_path):
    with real_server(tmp_path) as url, chromium() as browser:
        for width in (1280, 390):
            page, failed = open_page(browser, width)
            page.goto(url + "/-/basis")
            page.select_option("#to", "tha")
            page.select_option("#measure", "bank-records")
            page.locator("form.mlakb-form button[type=submit]").click()
            page.wait_for_selector("#basis-uncac")
            screenshot(page, f"tool-basis-chn-tha-{width}")
            uncac = page.locator("#basis-uncac")
            assert "Thailand reported that it does not use the convention as a legal basis for mutual legal assistance" in uncac.inner_text()
            assert uncac.locator(".mlakb-status").count() == 1
            assert "46(15)" in uncac.locator(".mlakb-articles").inner_text()  # contents of a request, to cite
            assert page.locator("#basis-cn-tha-mla").count() == 1
            assert failed == []
            page.close()
        page, failed = open_page(browser, 1280)
        for path in REPRESENTATIVE:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
        assert failed == []  # no 404 (the sitemap.xml Material looked for beside every page) or other failure
        page.goto(url + "/guide/directory/npl.html")
        statuses = page.locator(".mlakb-status--not-in-force").all_inner_texts()
        screenshot(page, "guide-npl-zh")
        assert "未生效" in statuses  # Nepal's signed extradition treaty is marked as not in force
        page.close()
