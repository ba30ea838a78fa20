"""Servers for the tool pages' tests (/-/search, /-/basis).

- `small_root()`: tests/fixtures/mini with the fixture treaty texts, database and index built: quick, known data
  (served in-process by `inprocess.InProcess`).
- `real_server()`: the repository's own directory, treaty index and guide (the guide of guide_site.project_site()),
  served by a real `mlakb serve` on a loopback port, for the browser tests.
"""
from __future__ import annotations

import contextlib
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXTURES, REPO, run_mlakb, serving
from inprocess import InProcess

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"


def small_root(base: Path) -> Path:
    root = base / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(FIXTURES / "treaties" / "texts", root / "kb" / "treaties", dirs_exist_ok=True)
    result = run_mlakb("build", "--only", "database", "--only", "index", root=root, build=root / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@contextlib.contextmanager
def real_server(base: Path):
    import guide_site

    site = guide_site.project_site()
    assert site.returncode == 0, site.log[-4000:]
    build = base / "build"
    result = run_mlakb("build", "--only", "database", "--only", "index", root=REPO, build=build)
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(REPO, build, {"MLAKB_SITE": str(site.site)}) as url:
        yield url


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError("Chromium is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(15_000)
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page, failed


def screenshot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def get(base, path, accept=None):
    """(status, content type, text) of a GET, errors included; `base` is a server's URL or an in-process app."""
    headers = {"accept": accept} if accept else {}
    if isinstance(base, InProcess):
        response = base.get(path, headers=headers)
        return response.status_code, response.headers["content-type"], response.text
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers["content-type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["content-type"], exc.read().decode()
