"""The drafting form as `mlakb serve` serves it: /-/request and its JSON routes and CSRF (in-process, Datasette's
client), and the form in headless Chromium (on a real port)."""
from __future__ import annotations

import io
import json
import re
import urllib.parse
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import serving
from inprocess import InProcess
from request_setup import DRAFTS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
COMPLETE = json.dumps(yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8")), ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def root(request_repo):
    return request_repo


@pytest.fixture(scope="module")
def app(root):
    with InProcess(root, root / "build", env={"MLAKB_TODAY": "2026-12-07"}) as served:
        yield served


@pytest.fixture(scope="module")
def server(root):
    with serving(root, root / "build", {"MLAKB_TODAY": "2026-12-07"}) as url:
        yield url


def call(app: InProcess, path, body: bytes | None = None, content_type="application/json", headers=None):
    """(status, headers, body) of a GET, or of a POST of `body`."""
    response = app.request("POST" if body is not None else "GET", path, content=body,
                           headers={**({"content-type": content_type} if body is not None else {}), **(headers or {})})
    return response.status_code, response.headers, response.content


def test_form_page(app):
    status, headers, body = call(app, "/-/request")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert re.search(r'<meta name="csrftoken" content="[^"]+">', page)
    assert "ds_csrftoken=" in headers["set-cookie"]
    assert '<option value="can">加拿大 · Canada</option>' in page and 'value="bank-records"' in page
    assert "<script src" not in page and "http://" not in page.split("<script>")[1]  # no external script, no network


def test_the_form_has_every_field_a_finding_can_name(app):
    """Findings name their field by its label in fields.yaml: each of those fields is an input of the form (rows and
    measure blocks are templates whose names hold * for the row number)."""
    from mlakb.requests.fields import labels

    page = call(app, "/-/request")[2].decode()
    names = set(re.findall(r'(?:name|id)="([a-z_.*]+)"', page)) | {"measures", "persons", "offences", "assets"}  # lists: their add buttons
    # sections lead to their first field, an item of the list of treaties to the list
    assert set(labels()) - names <= {"procedure", "languages", "legal_basis.instruments.*"}, set(labels()) - names
    assert 'data-add="persons"' in page and 'data-add="offences"' in page and 'data-add="assets"' in page


def test_save_and_open_a_draft_as_yaml(app):
    draft = json.loads(COMPLETE)
    status, headers, body = call(app, "/-/request/render?format=yaml", COMPLETE)
    assert status == 200 and headers["content-type"].startswith("application/yaml") and "attachment" in headers["content-disposition"]
    assert yaml.safe_load(body) == draft and "示例市人民检察院" in body.decode()  # readable UTF-8
    # a draft with problems is saved as it is: saving never loses what was typed
    status, _, body = call(app, "/-/request/render?format=yaml", json.dumps({"facts": 5, "x": [1]}).encode())
    assert status == 200 and yaml.safe_load(body) == {"facts": 5, "x": [1]}
    status, _, body = call(app, "/-/request/draft", json.dumps({"yaml": (DRAFTS / "complete.yaml").read_text(encoding="utf-8")}).encode())
    assert status == 200 and json.loads(body)["draft"] == draft
    for text, reason in (("facts: [", "not a readable draft"), ("date: 2026-13-01\nfact: x\n", "not a valid draft"), ("- a\n", "not a valid draft")):
        status, _, body = call(app, "/-/request/draft", json.dumps({"yaml": text}).encode())
        error = json.loads(body)
        assert status == 400 and reason in error["error"], error
    assert call(app, "/-/request/draft", b'{"yaml": 5}')[0] == 400


def test_check_and_render_over_http(app):
    status, _, body = call(app, "/-/request/check", COMPLETE)
    report = json.loads(body)
    assert status == 200 and report["ok"] is True and report["ready"] is True and report["findings"] == []
    assert report["addressee"][0] == "Department of Justice Canada"
    draft = json.loads(COMPLETE)
    del draft["facts"]
    report = json.loads(call(app, "/-/request/check", json.dumps(draft).encode())[2])
    assert report["ready"] is False and ("missing-element", "summary-of-facts") in {(f["id"], f["element"]) for f in report["findings"]}
    status, headers, body = call(app, "/-/request/render?format=docx&lang=both", COMPLETE)
    assert status == 200 and headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in headers["content-disposition"]
    assert docx.Document(io.BytesIO(body)).tables[0].rows[0].cells[1].text == "English"
    status, headers, body = call(app, "/-/request/render?format=md&lang=en", COMPLETE)
    assert status == 200 and b"# Request for Mutual Legal Assistance in Criminal Matters" in body


def test_prefilled_draft(app):
    status, _, body = call(app, "/-/request/draft?from=chn&to=%E5%8A%A0%E6%8B%BF%E5%A4%A7&measure=bank-records")
    draft = json.loads(body)["draft"]
    assert status == 200 and draft["requested"]["authority"] == "can-iag" and draft["legal_basis"]["instruments"] == ["cn-can-mla"]


def test_prefilled_draft_follows_the_offence_area(app):
    # no bilateral treaty covers extradition in the fixture, so UNTOC is the basis, unless the offence is outside its scope;
    # China's extradition requests go through the diplomatic channel, made by the Ministry of Foreign Affairs (Extradition Law arts. 4, 47)
    plain = json.loads(call(app, "/-/request/draft?from=chn&to=can&measure=extradition")[2])["draft"]
    assert plain["legal_basis"]["instruments"] == ["untoc"] and plain["requested"]["channel"] == "diplomatic"
    assert plain["requesting"]["transmitting_authority"] == "chn-mfa" and plain["persons"][0]["role"] == "sought"
    status, _, body = call(app, "/-/request/draft?from=chn&to=can&measure=extradition&offence=corruption")
    draft = json.loads(body)["draft"]
    assert status == 200 and draft["proceedings"]["offence_area"] == "corruption"
    assert draft["legal_basis"]["instruments"] == [] and draft["requested"]["channel"] == "diplomatic"


@pytest.mark.parametrize("path,body,content_type,status,reason", [
    ("/-/request/check", b"x", "text/plain", 400, "application/json"),
    ("/-/request/check", b"{not json", "application/json", 400, "not valid JSON"),
    ("/-/request/check", b"[1, 2]", "application/json", 400, "JSON object"),
    ("/-/request/check", b'{"measures": [{"measure": "telepathy"}]}', "application/json", 400, "'telepathy' is not in vocab measures"),
    ("/-/request/check", b'{"facts": 5}', "application/json", 400, "facts: Input should be a valid string"),
    ("/-/request/check", b'{"a": "' + b"x" * 300_000 + b'"}', "application/json", 413, "larger than"),
    ("/-/request/check", None, None, 400, "POST the draft"),
    ("/-/request/render?format=pdf", b"{}", "application/json", 400, "'format' must be one of"),
    ("/-/request/render?lang=fr", b"{}", "application/json", 400, "'lang' must be one of"),
    ("/-/request/draft?from=chn&to=can", None, None, 400, "'measure' is required"),
    ("/-/request/draft?from=chn&to=Atlantis&measure=bank-records", None, None, 404, "no State or territory matches"),
    ("/-/request/draft?from=chn&to=can&measure=telepathy", None, None, 400, "not in vocab measures"),
    ("/-/request/draft?from=chn&to=can&measure=bank-records&offence=piracy", None, None, 400, "'piracy' is not in vocab offences"),
])
def test_bad_input_gets_a_4xx_with_a_reason(app, path, body, content_type, status, reason):
    got, headers, raw = call(app, path, body, content_type) if body is not None else call(app, path)
    error = json.loads(raw)
    assert got == status and headers["content-type"].startswith("application/json")
    assert error["ok"] is False and error["status"] == status and reason in error["error"]


def test_csrf_token_is_required_once_a_browser_has_the_cookie(app):
    _, headers, body = call(app, "/-/request")
    cookie = headers["set-cookie"].split(";")[0]
    token = re.search(r'name="csrftoken" content="([^"]+)"', body.decode())[1]
    assert call(app, "/-/request/check", COMPLETE, headers={"cookie": cookie})[0] == 403
    assert call(app, "/-/request/check", COMPLETE, headers={"cookie": cookie, "x-csrftoken": token})[0] == 200


FILL = {
    "requesting.authority": "示例市人民检察院",
    "requesting.officer.name": "王明",
    "requesting.officer.phone": "+86 10 5555 0123",
    "requesting.officer.email": "wang.ming@example.org",
    "proceedings.description": "李某涉嫌洗钱案，现处于审查起诉阶段。",
    "proceedings.conducting_authority": "示例市人民检察院",
    "facts": "2023年3月至2024年6月，李某将诈骗所得约人民币800万元转入其在加拿大示例银行开立的账户。",
    "offences.0.name": "洗钱罪",
    "offences.0.provision": "《中华人民共和国刑法》第一百九十一条（全文附后）",
    "offences.0.penalty": "最高十年有期徒刑",
    "dual_criminality": "李某明知资金为诈骗所得，仍转移资金并购置房产，以掩饰其来源。",
    "persons.0.name": "李某 (LI Mou)",
    "assets.0.bank": "Example Bank of Canada",
    "assets.0.account_number": "000-00000-0000000",
    "assets.0.period": "2023-01-01 to 2024-12-31",
    "link": "该账户是涉案资金的最终去向。",
    "purpose": "作为李某洗钱案的证据。",
    "signatory.name": "张华",
    "signatory.authentication": "签字并盖章",
}


@pytest.mark.slow
@pytest.mark.browser
def test_form_in_chromium_fill_check_download(server, tmp_path):
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(15_000)
            outside = []
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "blob:", "data:")) else None)
            page.goto(server + "/-/request")
            page.select_option("#requested\\.state", "can")
            page.check('input[name="measure"][value="bank-records"]')
            expect(page.locator("#requested\\.authority")).to_have_value("can-iag")
            expect(page.locator("#legal_basis\\.instruments")).to_have_value("cn-can-mla")
            expect(page.locator('#findings li[data-id="missing-element"]').first).to_be_visible()
            expect(page.locator("#summary")).to_have_class("blocked")
            expect(page.locator("#addressee")).to_contain_text("Department of Justice Canada")
            for name, value in FILL.items():
                page.fill(f'[name="{name}"]', value)
            page.fill('[name="measures.0.details"]', "调取上述账户2023年至2024年的开户资料和交易流水。")
            page.select_option("#requesting\\.competent_authority", "chn-spp")
            # an English translation would need English text in every field (text-untranslated): attach a French one instead
            expect(page.locator('#findings li[data-id="text-untranslated"]')).to_be_visible()
            page.fill('[name="languages.translations"]', "fr")
            expect(page.locator("#summary")).to_have_class("ok")
            expect(page.locator("#summary")).to_contain_text("阻断 0")  # the interface speaks Chinese by default
            page.screenshot(path=str(ARTIFACTS / "request-form.png"), full_page=True)
            page.select_option("#render-lang", "both")
            with page.expect_download() as download_info:
                page.click("#download")
            target = tmp_path / "request.docx"
            download_info.value.save_as(target)
        finally:
            browser.close()
    assert outside == []
    table = docx.Document(target).tables[0]
    rows = [(r.cells[0].text, r.cells[1].text) for r in table.rows]
    assert rows[0] == ("中文", "English")
    assert any("李某将诈骗所得" in left for left, _ in rows)
    assert any("Department of Justice Canada" in right for _, right in rows)


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                   st.sampled_from(["chn", "can", "sgp", "tha", "can-iag", "bank-records", "freezing", "email", "zh", "en", "2026-12-24", "2026-02-30", "<b>x</b>", "\u202e", "a" * 300]))
KEYS = st.sampled_from(["requesting", "requested", "state", "authority", "channel", "measures", "measure", "details", "facts", "offences", "name",
                        "death_penalty", "urgency", "urgent", "deadline", "advance_channel", "languages", "request", "translations", "legal_basis",
                        "instruments", "proceedings", "offence_area", "assets", "kind", "persons", "role", "zh", "en", "confidentiality", "required", "x"])
JSON = st.recursive(SCALAR, lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(KEYS, children, max_size=4)), max_leaves=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(draft=st.dictionaries(KEYS, JSON, max_size=6), route=st.sampled_from(["/-/request/check", "/-/request/render?format=docx&lang=both", "/-/request/render?format=md&lang=zh"]))
def test_arbitrary_drafts_never_500(app, draft, route):
    status, headers, body = call(app, route, json.dumps(draft).encode())
    assert status < 500, (draft, body[:500])
    if status >= 400:
        error = json.loads(body)
        assert error["ok"] is False and error["error"] and error["status"] == status


PARAM = st.one_of(st.text(max_size=40), st.sampled_from(["chn", "CAN", "加拿大", "sgp", "tha", "bank-records", "extradition", "", "%", "\x00", "a" * 600]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(source=PARAM, target=PARAM, measures=st.lists(PARAM, max_size=3), lang=PARAM)
def test_arbitrary_prefill_parameters_never_500(app, source, target, measures, lang):
    query = urllib.parse.urlencode([("from", source), ("to", target), ("lang", lang), *(("measure", m) for m in measures)])
    status, headers, body = call(app, "/-/request/draft?" + query)
    assert status < 500, (query, body[:500])
    if status >= 400:
        error = json.loads(body)
        assert error["ok"] is False and error["error"] and error["status"] == status
