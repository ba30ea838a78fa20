"""The built guide in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

The sites are served by http.server on 127.0.0.1 at a free port; one test opens the site from the file system, as
from a USB stick. Screenshots go to tests/artifacts/ (git-ignored).
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

import guide_site
from mlakb.records.directory import load_directory

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
WAIT_MS = 15_000


def site_of(which) -> Path:
    result = which()
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.log[-6000:]}"
    return result.site


@pytest.fixture(scope="module")
def server():
    """One server for both sites: /project/ is the repository's guide, /injection/ the hostile records."""
    root = Path(guide_site._scratch("served"))
    (root / "project").symlink_to(site_of(guide_site.project_site))
    (root / "injection").symlink_to(site_of(guide_site.injection_site))
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    yield tab
    context.close()


def screenshot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def authority_with_email():
    """The first central authority (Canada's if it has one) whose record gives an e-mail address."""
    jurisdictions = load_directory(guide_site.ROOT / "directory").jurisdictions
    ordered = sorted(jurisdictions, key=lambda jid: (jid != "can", jid))
    for jid in ordered:
        for authority in jurisdictions[jid].record.authorities:
            emails = [e for c in authority.contacts if c.scope != "civil-matters-listing" for e in c.email]
            if authority.kind == "central-authority" and emails:
                return jid, authority, emails[0]
    pytest.fail("no central authority in directory/ has an e-mail address")


def search(tab, query: str) -> list[str]:
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    box = tab.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # a key event, as a person typing gives: the search runs on keyup
    tab.wait_for_selector(".md-search-result__item", timeout=WAIT_MS)
    return tab.locator(".md-search-result__item").all_inner_texts()


def test_country_page_shows_the_central_authority_email(server, page):
    jid, authority, email = authority_with_email()
    page.goto(f"{server}/project/en/directory/{jid}.html")
    card = page.locator(".mlakb-card").filter(has_text=authority.name.en).first
    shown = card.locator('a[href^="mailto:"]').all_inner_texts()
    screenshot(page, f"country-{jid}-en")
    assert email in shown
    assert f"mailto:{email}" in [a.get_attribute("href") for a in card.locator('a[href^="mailto:"]').all()]


def test_language_switcher_opens_the_chinese_page(server, page):
    jid, _, _ = authority_with_email()
    record = load_directory(guide_site.ROOT / "directory").jurisdiction(jid)
    page.goto(f"{server}/project/en/directory/{jid}.html")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh"]').click()
    page.wait_for_url(f"**/project/directory/{jid}.html")
    screenshot(page, f"country-{jid}-zh")
    assert page.locator("html").get_attribute("lang").startswith("zh")
    assert page.locator("article h1").inner_text().startswith(record.name.zh or record.name.en)


def test_site_search_finds_chinese_and_english_terms(server, page):
    page.goto(f"{server}/project/index.html")
    chinese = search(page, "中央机关")
    screenshot(page, "search-zh")
    assert any("中央" in item and "机关" in item for item in chinese), chinese
    english = search(page, "central authority")
    screenshot(page, "search-en")
    assert any("authorit" in item.lower() for item in english), english
    assert search(page, "extradition")  # a whole English word, not only its stem, is found


def test_site_search_works_from_the_file_system(page):
    """As from a USB stick: file:// pages, the inlined search index and the vendored iframe-worker shim."""
    site = site_of(guide_site.project_site)
    page.goto((site / "en" / "index.html").as_uri())
    assert search(page, "central authority")
    screenshot(page, "search-file")


def test_hostile_records_render_inert_in_the_browser(server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("en/directory/xss.html", "directory/xss.html", "en/glossary.html", "en/directory/index.html"):
        page.goto(f"{server}/injection/{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.mlakbPwned") == "undefined"
    page.goto(f"{server}/injection/en/directory/xss.html")
    heading = page.locator("article h1").inner_text()
    assert heading.startswith('</title><script>window.mlakbPwned=1;alert("name")</script>')
    assert search(page, "mlakbPwned")
    page.locator(".md-search-result__item").first.hover()
    screenshot(page, "injection-search")
    page.keyboard.press("Escape")
    screenshot(page, "injection-page")
    assert page.evaluate("typeof window.mlakbPwned") == "undefined"
    assert dialogs == []
