"""The drafting form against the real directory, in headless Chromium: an extradition request to France, the Chinese
letter of a bank-records request to Thailand, and the form on a 390-px phone (several rows, save and resume).
Screenshots go to tests/artifacts/."""
from __future__ import annotations

import docx
import pytest

from conftest import REPO, run_mlakb, serving
from web_setup import ARTIFACTS, chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]



@pytest.fixture(scope="module")
def base(tmp_path_factory):
    build = tmp_path_factory.mktemp("request-browser")
    result = run_mlakb("build", "--only", "database", root=REPO, build=build)
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(REPO, build, {"MLAKB_TODAY": "2026-12-01"}) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium() as launched:
        yield launched


def open_form(browser, base, width=1280, height=1000):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.set_default_timeout(15_000)
    page.goto(base + "/-/request")
    page.evaluate("localStorage.clear()")
    page.reload()
    return page


def field(page, name):
    return page.locator(f'[name="{name}"]')


def fill(page, values: dict):
    for name, value in values.items():
        field(page, name).fill(value)


def every_finding_points_at_a_field(page):
    """Each finding that names a field leads to an element of the form (no finding refers to a field the form lacks)."""
    from playwright.sync_api import expect

    expect(page.locator("#findings li").first).to_be_visible()
    rows = page.eval_on_selector_all("#findings li", "els => els.map(e => [e.dataset.id, e.dataset.field, e.dataset.target])")
    assert rows and all(target for _, where, target in rows if where), rows
    return rows


EXTRADITION = {
    "requesting.authority": "示例省公安厅",
    "requesting.officer.name": "赵刚",
    "requesting.officer.email": "zhao.gang@example.org",
    "proceedings.description": "示例省公安厅侦办的马某涉嫌贩卖毒品案。",
    "proceedings.conducting_authority": "示例省公安厅",
    "facts": "2025年1月至6月，马某在示例市组织贩卖海洛因约5千克，后出境前往法国。",
    "offences.0.name": "贩卖毒品罪",
    "offences.0.provision": "《中华人民共和国刑法》第三百四十七条（条文全文附后）",
    "offences.0.penalty": "十五年有期徒刑、无期徒刑或者死刑",
    "persons.0.name": "马某 (Jean MARTIN)",
    "persons.0.nationality": "fra",
    "persons.0.identity_document": "法国护照 00XX00000",
    "persons.0.birth_date": "1985-03-02",
    "persons.0.description": "身高约180厘米，左臂有文身",
    "persons.0.address": "法国巴黎",
    "extradition.warrant": "示例市公安局逮捕证，2025年7月1日",
    "extradition.limitation": "依刑法第八十七条，追诉时效未届满。",
    "assurances.speciality": "未经法方同意，不追究其他犯罪，不再引渡给第三国。",
}


def test_extradition_to_france(browser, base):
    from playwright.sync_api import expect

    page = open_form(browser, base)
    page.select_option("#requested\\.state", "fra")
    page.check('input[name="measure"][value="extradition"]')
    expect(field(page, "requesting.transmitting_authority")).to_have_value("chn-mfa")  # Extradition Law art. 47: through the MFA
    expect(field(page, "requested.channel")).to_have_value("diplomatic")
    expect(field(page, "persons.0.role")).to_have_value("sought")
    expect(field(page, "extradition.purpose")).to_have_value("prosecution")
    expect(field(page, "purpose")).to_be_hidden()  # the purpose of evidence sought is no element of an extradition request
    page.select_option("#requesting\\.competent_authority", "chn-mps")
    fill(page, EXTRADITION)
    page.select_option('[name="persons.0.sex"]', "male")
    page.check('[name="offences.0.death_penalty"]')
    national = page.locator('#findings li[data-id="national-of-requested-state"]')
    death = page.locator('#findings li[data-id="death-penalty-assurance-missing"]')
    expect(national).to_contain_text("法国国民")
    expect(national).to_contain_text("项目：国籍（第1项）")
    expect(death).to_have_class("error")
    expect(page.locator("#summary")).to_have_class("blocked")
    # no finding of a request for evidence on a request to surrender a person
    ids = {(i, f) for i, f, _ in every_finding_points_at_a_field(page)}
    assert not any(f and f.startswith(("measures.", "link", "purpose")) for _, f in ids), ids
    page.screenshot(path=str(ARTIFACTS / "request-extradition-france.png"), full_page=True)

    death.click()
    assert page.evaluate("document.activeElement.id") == "assurances.death_penalty"
    national.click()
    assert page.evaluate("document.activeElement.id") == "persons.0.nationality"
    page.select_option("#ui-lang", "en")
    expect(national).to_contain_text("Field: Nationality (1)")
    expect(national).to_contain_text("No source in the directory says whether France surrenders its own nationals")
    field(page, "assurances.death_penalty").fill("中方保证不判处马某死刑。")
    expect(page.locator('#findings li[data-id="death-penalty-assurance-missing"]')).to_have_count(0)
    page.close()


THAILAND = {
    "requesting.authority": "示例市人民检察院",
    "requesting.officer.name": "王明",
    "requesting.officer.email": "wang.ming@example.org",
    "proceedings.description": "示例市人民检察院办理的李某涉嫌洗钱案。",
    "proceedings.conducting_authority": "示例市人民检察院",
    "facts": "2023年至2024年，李某将诈骗所得转入其在泰国开立的银行账户。",
    "offences.0.name": "洗钱罪",
    "offences.0.provision": "《中华人民共和国刑法》第一百九十一条（条文全文附后）",
    "offences.0.penalty": "最高十年有期徒刑",
    "dual_criminality": "李某明知资金为诈骗所得，仍转移资金以掩饰其来源。",
    "persons.0.name": "李某 (LI Mou)",
    "assets.0.bank": "Example Bank (Thailand)",
    "assets.0.account_number": "000-0-00000-0",
    "assets.0.period": "2023-01-01 to 2024-12-31",
    "link": "该账户是涉案资金的去向。",
    "purpose": "作为李某洗钱案的证据。",
    "signatory.name": "张华",
    "signatory.authentication": "签字并盖章",
}


def test_thai_bank_records_letter_in_chinese(browser, base, tmp_path):
    from playwright.sync_api import expect

    page = open_form(browser, base)
    page.select_option("#requested\\.state", "tha")
    page.check('input[name="measure"][value="bank-records"]')
    expect(field(page, "requested.authority")).to_have_value("tha-ag")
    expect(field(page, "requesting.transmitting_authority")).to_have_value("chn-moj")  # ICJAL art. 5
    expect(page.locator('#findings li[data-id="route-review-missing"]')).to_have_class("error")  # ICJAL art. 9: approval first
    page.select_option("#requesting\\.competent_authority", "chn-spp")
    expect(page.locator('#findings li[data-id="route-review-missing"]')).to_have_count(0)
    fill(page, THAILAND)
    field(page, "legal_basis.instruments").fill("cn-tha-mla, untoc")
    field(page, "legal_basis.articles").fill("")
    page.fill('[name="measures.0.details"]', "调取上述账户的开户资料和交易流水。")
    expect(page.locator('#findings li[data-id="title-zh-unknown"]')).to_be_visible()  # the directory has no Chinese title for it
    every_finding_points_at_a_field(page)
    page.screenshot(path=str(ARTIFACTS / "request-thailand.png"), full_page=True)
    page.select_option("#render-lang", "zh")
    with page.expect_download() as download_info:
        page.click("#download")
    target = tmp_path / "thailand.docx"
    download_info.value.save_as(target)
    page.close()

    text = "\n".join(p.text for p in docx.Document(target).paragraphs)
    assert "请求机关：最高人民检察院" in text and "转递机关：中华人民共和国司法部" in text
    assert "本请求书由示例市人民检察院制作，经最高人民检察院审核同意，由中华人民共和国司法部转递（《国际刑事司法协助法》第九条）。" in text
    assert "《联合国打击跨国有组织犯罪公约》" in text  # the official Chinese title from the instrument's record
    assert "所援引的条款：《联合国打击跨国有组织犯罪公约》第十八条第十五款、第十八条第八款" in text  # request contents, bank secrecy
    assert "总检察长办公室（Office of the Attorney General / สำนักงานอัยการสูงสุด）" in text  # the Chinese name, the original beside it
    assert "请求Office" not in text
    # the bilateral treaty has no Chinese title in the directory: its English title never appears unmarked
    english = "《Treaty between the People's Republic of China and Thailand on Mutual Legal Assistance in Criminal Matters》"
    assert text.count(english) == text.count(english + "（名录未载中文正式名称）") > 0


def test_form_on_a_390_px_phone_with_several_rows_saved_and_resumed(browser, base, tmp_path):
    from playwright.sync_api import expect

    page = open_form(browser, base, width=390, height=844)
    state = page.locator("#requested\\.state")
    box = state.bounding_box()
    # the select is on the screen, wide enough, and nothing covers it
    assert box["width"] >= 320, box
    covered = page.evaluate("([x, y]) => document.elementFromPoint(x, y).id", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert covered == "requested.state"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.select_option("#requested\\.state", "tha")
    page.check('input[name="measure"][value="bank-records"]')
    page.check('input[name="measure"][value="freezing"]')
    expect(page.locator("[data-measure-block]")).to_have_count(2)
    expect(page.locator("[data-measure-block]").nth(0)).to_contain_text("Bank records")  # labels, never ids
    assert "bank-records" not in page.locator("#measure-details").inner_text()
    page.click('[data-add="persons"]')
    page.click('[data-add="offences"]')
    page.click('[data-add="assets"]')
    fill(page, {"persons.0.name": "李某", "persons.1.name": "王某", "offences.0.name": "洗钱罪", "offences.1.name": "诈骗罪",
                "assets.0.bank": "Bank A", "assets.1.bank": "Bank B", "measures.1.order": "示例市中级人民法院冻结裁定"})
    expect(page.locator("#mobile-bar")).to_be_visible()
    # an English translation declared: every text field gets its translation box, and untranslated text blocks
    field(page, "languages.translations").fill("en")
    expect(page.locator('[id="facts@tr"]')).to_be_visible()
    field(page, "facts").fill("2023年，李某转移诈骗所得。")
    untranslated = page.locator('#findings li[data-id="text-untranslated"]')
    expect(untranslated).to_have_class("error")
    untranslated.click()
    assert page.evaluate("document.activeElement.id").endswith("@tr")
    page.locator('[id="facts@tr"]').fill("In 2023 Li moved proceeds of fraud.")
    page.wait_for_function("() => (localStorage.getItem('mlakb.request.draft') || '').includes('诈骗罪')")
    page.screenshot(path=str(ARTIFACTS / "request-form-390.png"), full_page=True)

    page.reload()  # closing the tab loses nothing
    expect(field(page, "persons.1.name")).to_have_value("王某")
    expect(field(page, "offences.1.name")).to_have_value("诈骗罪")
    expect(field(page, "measures.1.order")).to_have_value("示例市中级人民法院冻结裁定")
    expect(page.locator('[id="facts@tr"]')).to_have_value("In 2023 Li moved proceeds of fraud.")
    with page.expect_download() as download_info:
        page.click("#save-yaml")
    saved = tmp_path / "request.yaml"
    download_info.value.save_as(saved)
    page.click("#new-draft")
    expect(field(page, "persons.0.name")).to_have_value("")
    page.set_input_files("#load-yaml", str(saved))
    expect(field(page, "assets.1.bank")).to_have_value("Bank B")
    expect(field(page, "persons.1.name")).to_have_value("王某")
    assert page.locator('input[name="measure"][value="freezing"]').is_checked()
    # a file that is not a draft: a clear error, and the form keeps what it has
    bad = tmp_path / "bad.yaml"
    bad.write_text("date: not-a-date\nfacts: [1, 2]\n", encoding="utf-8")
    page.set_input_files("#load-yaml", str(bad))
    expect(page.locator("#file-error")).to_contain_text("not a valid draft")
    expect(field(page, "assets.1.bank")).to_have_value("Bank B")
    page.close()
