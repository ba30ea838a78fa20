"""`mlakb serve` tells the truth about the build and the database; `mlakb check` fails first on what
would make a build step fail or publish what it should not; staleness covers every output."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import MLAKB, free_port, run_mlakb
from mlakb.fresh import stale_steps
from mlakb.paths import Paths


def built(mini: Path) -> Path:
    result = run_mlakb("build", "--only", "database", root=mini, build=mini / "build")
    assert result.returncode == 0, result.stderr
    return mini / "build" / "mlakb.db"


def serve_and_stop(root: Path, *args: str, build: Path | None = None, seconds: float = 60) -> tuple[int | None, str]:
    """Run `mlakb serve`; stop it once it answers /-/health (or when it exits by itself). (exit code or None, stderr)"""
    import urllib.request

    port = free_port()
    env = {**os.environ, "MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build or root / "build"), "MLAKB_SITE": str(root / "site")}
    proc = subprocess.Popen([*MLAKB, "serve", "--port", str(port), "--workers", "1", *args], env=env, cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + seconds
    code = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            code = proc.returncode
            break
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/-/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    if proc.poll() is None:
        proc.terminate()
    out, err = proc.communicate(timeout=20)
    return code, out + err


@pytest.mark.slow
def test_a_truncated_database_is_refused_clearly_with_no_build(mini):
    database = built(mini)
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 3])
    code, output = serve_and_stop(mini, "--no-build")
    assert code == 1 and "cannot serve: the database" in output and "Traceback" not in output


@pytest.mark.slow
def test_a_corrupt_database_is_rebuilt_before_serving(mini):
    database = built(mini)
    data = bytearray(database.read_bytes())
    data[4096 * 2: 4096 * 2 + 512] = b"\xff" * 512  # a damaged page in the middle
    database.write_bytes(bytes(data))
    code, output = serve_and_stop(mini)
    assert code is None, output  # it served, after rebuilding
    assert "rebuilding it" in output and "Traceback" not in output


@pytest.mark.slow
def test_an_unwritable_build_folder_is_reported_as_a_build_failure_not_as_record_problems(mini):
    blocker = mini / "not-a-folder"
    blocker.write_text("a file where the build folder should be", encoding="utf-8")
    code, output = serve_and_stop(mini, build=blocker / "build")
    assert code == 1
    assert "the database step failed" in output and "cannot serve: the database has not been built" in output
    assert "records have problems" not in output and "Traceback" not in output


def _touch(path: Path, when: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text("x", encoding="utf-8")
    os.utime(path, (when, when))


def test_a_guide_older_than_its_records_is_stale_even_when_the_database_is_fresh(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    monkeypatch.delenv("MLAKB_BUILD", raising=False)
    monkeypatch.delenv("MLAKB_SITE", raising=False)
    p = Paths(root)
    now = time.time()
    _touch(root / "directory" / "jurisdictions" / "can.yaml", now - 100)
    _touch(root / "kb" / "index.en.md", now - 100)
    _touch(root / "kb" / "treaties" / "untoc.en.md", now - 100)
    _touch(root / "mkdocs.yml", now - 100)
    for output in (p.database, p.build / "metadata.json", p.treaty_index / "manifest.json", p.treaty_index / "table.json", p.site / "index.html"):
        _touch(output, now - 50)
    assert stale_steps(p) == ()
    # a record changed, the database and index were rebuilt, and the build was killed during the guide step
    _touch(root / "directory" / "jurisdictions" / "can.yaml", now - 20)
    for output in (p.database, p.build / "metadata.json", p.treaty_index / "manifest.json", p.treaty_index / "table.json"):
        _touch(output, now - 10)
    assert stale_steps(p) == ("guide",)
    # a guide page changed: only the guide; a treaty text: the index and the guide
    _touch(p.site / "index.html", now - 5)
    _touch(root / "kb" / "index.en.md", now)
    assert stale_steps(p) == ("guide",)
    _touch(root / "kb" / "treaties" / "untoc.en.md", now)
    assert stale_steps(p) == ("index", "guide")
    (p.site / "index.html").unlink()
    assert "guide" in stale_steps(p, ("guide",))


@pytest.fixture
def with_kb(mini: Path) -> Path:
    (mini / "kb").mkdir(exist_ok=True)
    (mini / "kb" / "index.en.md").write_text("# Guide\n\nPlain text.\n", encoding="utf-8")
    return mini


def check(root: Path) -> subprocess.CompletedProcess:
    return run_mlakb("check", root=root, build=root / "build")


def test_a_treaty_index_made_by_an_earlier_version_without_its_side_table_is_stale(tmp_path, monkeypatch):
    monkeypatch.delenv("MLAKB_BUILD", raising=False)
    p = Paths(tmp_path / "repo")
    now = time.time()
    _touch(tmp_path / "repo" / "directory" / "jurisdictions" / "can.yaml", now - 100)
    _touch(p.treaty_index / "manifest.json", now - 50)
    assert stale_steps(p, ("index",)) == ("index",)
    _touch(p.treaty_index / "table.json", now - 50)
    assert stale_steps(p, ("index",)) == ()


def test_a_symbolic_link_in_kb_fails_check_and_the_build_writes_nothing(with_kb, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("# Not part of the repository\n", encoding="utf-8")
    (with_kb / "kb" / "borrowed.md").symlink_to(outside)
    result = check(with_kb)
    assert result.returncode == 1 and "kb/borrowed.md:1:1: E-KB-SYMLINK" in result.stdout
    build = run_mlakb("build", "--only", "database", root=with_kb, build=with_kb / "build")
    assert build.returncode == 1 and not (with_kb / "build" / "mlakb.db").exists()


@pytest.mark.parametrize("line, col", [
    ("<script>alert(1)</script>", 1),
    ('Text <img src="x.png" onerror="alert(1)"> more', 6),
    ('<a href="javascript:alert(1)">here</a>', 4),
    ("[here](javascript:alert(1))", 6),
])
def test_raw_script_in_a_kb_page_fails_check_with_its_position(with_kb, line, col):
    (with_kb / "kb" / "page.en.md").write_text(f"# Page\n\n{line}\n", encoding="utf-8")
    result = check(with_kb)
    assert result.returncode == 1 and f"kb/page.en.md:3:{col}: E-KB-SCRIPT" in result.stdout, result.stdout


def test_script_shown_as_code_passes_check(with_kb):
    page = "# Page\n\nUse `<script>` nowhere.\n\n```html\n<script>alert(1)</script>\n<img onerror=\"x\">\n```\n"
    (with_kb / "kb" / "page.en.md").write_text(page, encoding="utf-8")
    result = check(with_kb)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_value_listed_twice_fails_check_at_its_second_place(mini):
    record = mini / "directory" / "jurisdictions" / "can.yaml"
    text = record.read_text(encoding="utf-8")
    assert "handles: [mla, extradition]" in text
    record.write_text(text.replace("handles: [mla, extradition]", "handles: [mla, extradition, mla]"), encoding="utf-8")
    line = next(i for i, l in enumerate(record.read_text(encoding="utf-8").splitlines(), 1) if "handles: [mla, extradition, mla]" in l)
    result = check(mini)
    assert result.returncode == 1
    assert f"directory/jurisdictions/can.yaml:{line}:" in result.stdout and "E-DUP 'mla' is listed twice" in result.stdout


def test_thousands_of_repeats_give_one_error(mini):
    record = mini / "directory" / "jurisdictions" / "can.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("handles: [mla, extradition]", "handles: [" + ", ".join(["mla"] * 5000) + "]"), encoding="utf-8")
    result = check(mini)
    assert result.returncode == 1 and result.stdout.count("E-DUP ") == 1


def test_a_page_damaged_after_startup_is_a_503_not_the_callers_fault(mini):
    import sqlite3

    from inprocess import InProcess

    database = built(mini)
    conn = sqlite3.connect(database)
    page_size = conn.execute("pragma page_size").fetchone()[0]
    root_page = conn.execute("select rootpage from sqlite_master where name = 'authorities'").fetchone()[0]
    conn.close()
    data = bytearray(database.read_bytes())
    data[(root_page - 1) * page_size:(root_page - 1) * page_size + 64] = b"\xff" * 64  # the table's root page
    database.write_bytes(bytes(data))
    with InProcess(mini, mini / "build") as app:  # the app `mlakb serve` builds, called in-process
        for path in ("/mlakb/authorities.json?_size=5", "/mlakb/authorities.json"):
            response = app.get(path)
            assert response.status_code == 503 and b"damaged" in response.content and b"parameters" not in response.content, (path, response.text[:300])


def test_a_symbolic_link_among_the_records_fails_check(mini, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(mini / "directory" / "jurisdictions" / "tha.yaml", outside)
    (mini / "directory" / "jurisdictions" / "tha.yaml").unlink()
    (mini / "directory" / "jurisdictions" / "tha.yaml").symlink_to(outside)
    result = check(mini)
    assert result.returncode == 1 and "directory/jurisdictions/tha.yaml:1:1: E-KB-SYMLINK" in result.stdout
