"""Two replicas (two `mlakb serve` processes over the same outputs, as behind a load balancer) answer
identically with cache headers a CDN can use; several workers; graceful SIGTERM; the Dockerfile's entry."""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, MLAKB, REPO, free_port, run_mlakb
from request_setup import DRAFTS

pytestmark = pytest.mark.slow

HASHED_CSS = "assets/stylesheets/main.0123abcd.min.css"
URLS = [
    "/mlakb/central_authority.json?_shape=array&jurisdiction=can",
    "/mlakb/jurisdictions.json",
    "/mlakb/jurisdictions",
    "/-/basis.json?from=chn&to=can",
    "/-/search.json?q=extradition&limit=3",
    "/guide/",
    "/guide/" + HASHED_CSS,
]
COMPLETE = json.dumps(yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8")), ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("replicas") / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(DRAFTS / "directory", root / "directory", dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "treaties" / "texts", root / "kb" / "treaties", dirs_exist_ok=True)
    result = run_mlakb("build", "--only", "database", "--only", "index", root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    # a site as MkDocs Material lays it out: pages, and assets whose names carry their content hash
    site = root / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>mlakb</title><p>guide</p>", encoding="utf-8")
    (site / HASHED_CSS).write_text("body{margin:0}", encoding="utf-8")
    return root


@contextlib.contextmanager
def server(root: Path, *args: str, env: dict | None = None):
    port = free_port()
    full_env = {**os.environ, "MLAKB_ROOT": str(root), "MLAKB_BUILD": str(root / "build"), "MLAKB_SITE": str(root / "site"),
                "MLAKB_TODAY": "2026-12-01", **(env or {})}
    proc = subprocess.Popen([*MLAKB, "serve", "--port", str(port), *args], env=full_env, cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(base + "/-/health", timeout=2).status == 200:
                return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    raise AssertionError("mlakb serve did not become healthy: " + proc.communicate()[1].decode(errors="replace")[-2000:])


def get(base: str, path: str, headers: dict | None = None, data: bytes | None = None):
    # the same Host for every replica, as behind a load balancer (Datasette writes it into next_url)
    request = urllib.request.Request(base + path, headers={"host": "mlakb.example", **(headers or {})}, data=data, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def comparable(body: bytes):
    """The answer without the time the query took (the one part that differs between two answers)."""
    text = re.sub(rb'"query_ms": ?[0-9.e+-]+', b"", body)
    return re.sub(rb"Queries took [0-9.,]+ ?ms", b"", text)


def test_two_replicas_answer_identically_with_validators_and_cache_headers(outputs):
    secret = {"DATASETTE_SECRET": "one secret for every replica"}
    with server(outputs, "--no-build", "--workers", "1", env=secret) as (a, _), server(outputs, "--no-build", "--workers", "1", env=secret) as (b, _):
        for path in URLS:
            status_a, headers_a, body_a = get(a, path)
            status_b, headers_b, body_b = get(b, path)
            assert status_a == status_b == 200, (path, status_a, status_b)
            assert comparable(body_a) == comparable(body_b), path
            assert headers_a["etag"] and headers_a["etag"] == headers_b["etag"], path
            assert headers_a["cache-control"], path
            # a CDN revalidates at either replica with the tag the other gave
            status, headers, body = get(b, path, {"if-none-match": headers_a["etag"]})
            assert status == 304 and body == b"" and headers["etag"] == headers_a["etag"], path
        _, headers, _ = get(a, "/guide/" + HASHED_CSS)
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        _, headers, _ = get(a, "/guide/")
        assert "immutable" not in headers["cache-control"]

        # the request form's token from one replica is accepted by the other
        _, headers, page = get(a, "/-/request")
        cookie = headers["set-cookie"].split(";")[0]
        token = re.search(r'name="csrftoken" content="([^"]+)"', page.decode())[1]
        assert headers["cache-control"] == "private, no-store" and "etag" not in headers
        status, _, _ = get(b, "/-/request/check", {"cookie": cookie, "x-csrftoken": token, "content-type": "application/json"}, COMPLETE)
        assert status == 200


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
                for child in map(int, children):
                    if child not in found:
                        found.add(child)
                        todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def test_two_workers_serve_and_sigterm_stops_everything_within_seconds(outputs):
    with server(outputs, "--no-build", "--workers", "2") as (base, proc):
        workers = [pid for pid in descendants(proc.pid) if "uvicorn" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace") or
                   "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        statuses = {get(base, "/mlakb/jurisdictions.json?_size=1")[0] for _ in range(20)}
        assert statuses == {200}
        get(base, "/-/search?q=extradition")
        everything = descendants(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        proc.wait(15)
        assert time.monotonic() - started < 6
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in everything) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in everything if alive(pid)], "a worker or search process outlived the server"
        # each worker stops its search processes itself: nothing is left for Python's resource tracker to clean up
        assert b"leaked semaphore" not in proc.stderr.read()


def test_the_dockerfile_entry_command_serves_as_the_image_would(outputs):
    """No container runtime is needed to run the image's entry command with the image's settings."""
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    entry = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", dockerfile, re.M)[1])
    assert entry[:3] == ["mlakb", "serve", "--no-build"]
    user = re.findall(r"^USER (\S+)$", dockerfile, re.M)
    assert user and user[-1] not in ("root", "0")
    assert "/-/health" in re.search(r"^HEALTHCHECK .*\n.*CMD (.*)$", dockerfile, re.M)[1]
    assert re.search(r"^RUN mlakb check && mlakb build$", dockerfile, re.M)
    args = entry[1:]
    args[args.index("--host") + 1] = "127.0.0.1"  # loopback here; the image listens on every interface
    port = args[args.index("--port") + 1]
    assert port in re.search(r"^EXPOSE (\d+)$", dockerfile, re.M)[1]
    del args[args.index("--port"):args.index("--port") + 2]  # a free port here
    with server(outputs, *args[1:]) as (base, _):
        status, headers, body = get(base, "/-/health")
        assert status == 200 and json.loads(body)["checks"] == {"index": True, "guide": True, "database": True}
        assert headers["cache-control"] == "no-store"
