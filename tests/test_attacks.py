"""The attack battery against a real `mlakb serve` (slow: the real server's concurrency is the point): each request is
refused with a 4xx within its bound, and lookups sent meanwhile stay fast.  What does not need a port (operator pages
and paths hidden, exact State matching, any JSON posted) is asked of the same app in-process."""
from __future__ import annotations

import http.client
import json
import shutil
import threading
import time
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, run_mlakb, serving
from inprocess import InProcess

LOOKUP = "/mlakb/central_authority.json?_shape=array&jurisdiction=Canada"
WILDCARDS = " OR ".join(f"*{c}*" for c in "abcdefghijklmnopqrstuvwxyz")
DRAFT_WITH_NONCHARACTER = {"from": "chn", "to": "can", "measures": ["bank-records"], "summary": "facts \ufffe here"}


def q(text: str) -> str:
    return urllib.parse.quote(text)


# (name, method, path, body, content type, accepted statuses, seconds allowed)
ATTACKS = [
    ("3,000 parameters", "GET", "/mlakb/jurisdictions.json?" + "&".join(f"p{i}=v" for i in range(3000)), None, None, {414}, 1),
    ("10,000 parameters", "GET", "/mlakb/jurisdictions.json?" + "&".join(f"p{i}=v" for i in range(10000)), None, None, {400, 414, 431}, 1),
    ("100 short parameters", "GET", "/mlakb/jurisdictions.json?" + "&".join(f"p{i}=" for i in range(100)), None, None, {400}, 1),
    ("_where=randomblob(1e9)", "GET", "/mlakb/jurisdictions.json?_where=" + q("randomblob(1000000000)"), None, None, {400}, 1.5),
    ("sql randomblob(1e8)", "GET", "/mlakb.json?sql=" + q("select randomblob(100000000)"), None, None, {400}, 1.5),
    ("sql printf 999999999", "GET", "/mlakb.json?sql=" + q("select printf('%.*c', 999999999, 'x')"), None, None, {400}, 1.5),
    ("sql recursive x||x", "GET", "/mlakb.json?sql=" + q("with recursive r(x, n) as (select 'x', 0 union all select x || x, n + 1 from r where n < 40) select length(x) from r"), None, None, {400}, 1.5),
    ("sql instr of long strings", "GET", "/mlakb.json?sql=" + q("select instr(zeroblob(99000) || 'a', zeroblob(49000) || 'b')"), None, None, {200, 400}, 1.5),
    ("answer of 100 MB", "GET", "/mlakb.json?sql=" + q("with recursive r(n) as (select 1 union all select n + 1 from r limit 1000) select hex(randomblob(49000)) from r"), None, None, {400}, 2.5),
    ("search *a*", "GET", "/-/search.json?q=" + q("*a*"), None, None, {200, 400}, 7),
    ("search 26 OR-ed wildcards", "GET", "/-/search.json?q=" + q(WILDCARDS), None, None, {200, 400}, 7),
    ("search limit of 4,000 digits", "GET", "/-/search.json?q=extradition&limit=" + "9" * 4000, None, None, {400}, 1),
    ("_size of 4,000 digits", "GET", "/mlakb/jurisdictions.json?_size=" + "9" * 4000, None, None, {400}, 1),
    ("JSON nested 1,000 deep", "POST", "/-/request/check", b"[" * 1000 + b"]" * 1000, "application/json", {400}, 1),
    ("5,000-digit integer", "POST", "/-/request/check", b'{"n": ' + b"9" * 5000 + b"}", "application/json", {400}, 1),
    ("U+FFFE in a draft field", "POST", "/-/request/render?format=docx", json.dumps(DRAFT_WITH_NONCHARACTER).encode(), "application/json", {400}, 1),
    ("10 MB body", "POST", "/-/request/check", b" " * 10_000_000, "application/json", {413}, 2),
    ("300-character guide file name", "GET", "/guide/" + "a" * 300, None, None, {404}, 1),
    ("300-character static file name", "GET", "/-/static/" + "a" * 300 + ".css", None, None, {404}, 1),
    ("TRACE on a table", "TRACE", "/mlakb/jurisdictions", None, None, {405}, 1),
    ("unknown method on a table", "FROB", "/mlakb/jurisdictions.json", None, None, {405}, 1),
    ("POST to a canned query", "POST", "/mlakb/central_authority?jurisdiction=can", b"x=1", "application/x-www-form-urlencoded", {405}, 1),
    ("PUT on /-/basis", "PUT", "/-/basis?from=chn&to=can", b"", None, {405}, 1),
    ("DELETE on /-/search", "DELETE", "/-/search?q=x", None, None, {405}, 1),
    ("OPTIONS on /-/request", "OPTIONS", "/-/request", None, None, {405}, 1),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacks") / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(FIXTURES / "treaties" / "texts", root / "kb" / "treaties", dirs_exist_ok=True)
    result = run_mlakb("build", "--only", "database", "--only", "index", root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    with serving(root, root / "build") as base:
        yield base, root


@pytest.fixture(scope="module")
def app(small_repo):
    with InProcess(small_repo, small_repo / "build") as served:
        yield served, small_repo


def ask(app: InProcess, method: str, path: str, body: bytes | None = None, content_type: str | None = None):
    """(status, headers, body) as `send` gives them, from the in-process app."""
    response = app.request(method, path, content=body, headers={"content-type": content_type} if content_type else {})
    return response.status_code, response.headers, response.content


def send(base: str, method: str, path: str, body: bytes | None = None, content_type: str | None = None, timeout: float = 30):
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"content-type": content_type} if content_type else {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class Lookups:
    """Lookups sent one after another while an attack runs; their slowest time."""

    def __init__(self, base: str):
        self.base, self.times, self.stop = base, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set() and len(self.times) < 2000:
            started = time.perf_counter()
            status, _, _ = send(self.base, "GET", LOOKUP, timeout=10)
            self.times.append(time.perf_counter() - started if status == 200 else 99.0)
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(15)


@pytest.mark.parametrize("name, method, path, body, content_type, statuses, bound", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_each_attack_is_refused_within_its_bound_while_lookups_stay_fast(server, name, method, path, body, content_type, statuses, bound):
    base, root = server
    with Lookups(base) as lookups:
        started = time.perf_counter()
        status, headers, data = send(base, method, path, body, content_type)
        elapsed = time.perf_counter() - started
    assert status in statuses, (name, status, data[:300])
    assert elapsed < bound, f"{name}: answered after {elapsed:.2f} s"
    assert str(root) not in data.decode("utf-8", "replace") and "/tmp" not in data.decode("utf-8", "replace")
    if status >= 400:
        assert headers["content-type"].startswith("application/json") and json.loads(data)["error"]
    if status == 405:
        assert "allow" in {k.lower() for k in headers}
    assert lookups.times and max(lookups.times) < 2.0, f"a lookup took {max(lookups.times):.2f} s during {name}"


def test_lookups_stay_fast_while_broad_searches_run(server):
    base, _ = server
    stop = threading.Event()

    def searching():
        while not stop.is_set():
            send(base, "GET", "/-/search.json?q=" + q(WILDCARDS), timeout=30)

    searchers = [threading.Thread(target=searching, daemon=True) for _ in range(4)]
    for s in searchers:
        s.start()
    try:
        time.sleep(0.5)
        with Lookups(base) as lookups:
            time.sleep(4)
    finally:
        stop.set()
        for s in searchers:
            s.join(30)
    assert len(lookups.times) > 20 and max(lookups.times) < 2.0, sorted(lookups.times)[-5:]


def test_operator_pages_and_paths_are_not_public(app):
    served, root = app
    for path in ("/-/versions.json", "/-/versions", "/-/plugins.json", "/-/databases.json", "/-/threads.json"):
        status, _, _ = ask(served, "GET", path)
        assert status == 404, path
    for path in ("/mlakb.json", "/mlakb", "/-/metadata.json", "/.json", "/-/health"):
        status, _, data = ask(served, "GET", path)
        assert status == 200 and str(root) not in data.decode("utf-8", "replace"), path
    status, _, data = ask(served, "GET", "/mlakb.json?sql=" + q("select file from pragma_database_list"))
    assert status == 400 and str(root) not in data.decode()


@pytest.mark.parametrize("state", ["ATA", "%", "_", "C_N", "Can%", "ca_ada"])
def test_state_parameters_match_exactly(app, state):
    served, _ = app
    status, _, data = ask(served, "GET", f"/-/basis.json?from={q(state)}&to=chn")
    assert status in (400, 404) and "no State or territory matches" in json.loads(data)["error"]
    # a canned query about a State that matches nothing: a 400 naming the parameter, never a LIKE match
    status, _, data = ask(served, "GET", f"/mlakb/central_authority.json?_shape=array&jurisdiction={q(state)}")
    assert status == 400 and "parameter 'jurisdiction'" in json.loads(data)["error"]


def test_a_code_and_a_name_still_match(app):
    served, _ = app
    for state in ("CAN", "ca", "Canada", "加拿大"):
        status, _, data = ask(served, "GET", f"/mlakb/central_authority.json?_shape=array&jurisdiction={q(state)}")
        assert status == 200 and {row["jurisdiction"] for row in json.loads(data)} == {"can"}, state


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(["from", "to", "measures", "summary", "requesting", "facts", "lang", "x"]) | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(draft=JSON_VALUES, route=st.sampled_from(["/-/request/check", "/-/request/render?format=docx", "/-/request/render?format=md"]))
def test_any_json_posted_to_the_request_routes_gets_no_server_error(app, draft, route):
    served, root = app
    status, _, data = ask(served, "POST", route, json.dumps(draft).encode(), "application/json")
    assert status < 500, (route, draft, data[:300])
    assert str(root) not in data.decode("utf-8", "replace")
