"""HEAD is answered with the headers GET would have (ETag, cache headers, length, the answer-size cap), without
the body: a CDN or a client checking a URL with HEAD sees what GET would give."""
from __future__ import annotations

import pytest

from inprocess_setup import HASHED_CSS, ask

URLS = [
    "/mlakb/jurisdictions.json",
    "/mlakb/jurisdictions",
    "/mlakb/central_authority.json?_shape=array&jurisdiction=can",
    "/-/basis.json?from=chn&to=can",
    "/-/basis?from=chn&to=can",
    "/guide/",
    "/guide/" + HASHED_CSS,
]
SAME = ("etag", "cache-control", "content-type")




@pytest.mark.parametrize("url", URLS)
def test_head_has_the_headers_of_get_and_no_body(served, url):
    get, head = ask([("GET", url), ("HEAD", url)])
    assert get.status_code == head.status_code == 200, get.text[:300]
    assert head.content == b""
    assert head.headers.get("etag"), "HEAD carries the validator"
    for name in SAME:
        assert head.headers.get(name) == get.headers.get(name), name
    # the length of the body GET sends (Datasette's answers say how long their queries took: a digit more or less)
    assert abs(int(head.headers["content-length"]) - len(get.content)) <= 4


def test_head_of_a_hashed_asset_is_cached_for_a_year(served):
    (head,) = ask([("HEAD", "/guide/" + HASHED_CSS)])
    assert head.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_head_with_the_current_etag_gets_a_304(served):
    url = "/mlakb/central_authority.json?_shape=array&jurisdiction=can"
    (get,) = ask([("GET", url)])
    head, stale = ask([("HEAD", url, {"if-none-match": get.headers["etag"]}), ("HEAD", url, {"if-none-match": 'W/"0123"'})])
    assert head.status_code == 304 and head.headers["etag"] == get.headers["etag"]
    assert stale.status_code == 200


def test_head_of_an_answer_over_the_size_cap_is_refused_as_get_is(served, monkeypatch):
    from mlakb.api import limits

    url = "/mlakb/jurisdictions.json"
    (whole,) = ask([("GET", url)])
    monkeypatch.setattr(limits, "MAX_RESPONSE", len(whole.content) // 2)
    get, head = ask([("GET", url), ("HEAD", url)])
    assert get.status_code == head.status_code == 400
    assert "larger than" in get.json()["error"]
    assert head.content == b"" and head.headers["content-length"] == get.headers["content-length"]


def test_the_guide_files_are_not_held_to_the_answer_size_cap(served, monkeypatch):
    from mlakb.api import limits

    (page,) = ask([("GET", "/guide/")])
    monkeypatch.setattr(limits, "MAX_RESPONSE", len(page.content) // 2)
    guide, answer = ask([("GET", "/guide/"), ("GET", "/mlakb/jurisdictions.json")])
    assert guide.status_code == 200 and guide.content == page.content
    assert answer.status_code == 400 and "larger than" in answer.json()["error"]


def test_head_of_a_refused_address_is_refused_as_get_is(served):
    url = "/mlakb/jurisdictions.json?" + "&".join(f"p{i}=v" for i in range(100))
    get, head = ask([("GET", url), ("HEAD", url)])
    assert get.status_code == head.status_code == 400
    assert head.content == b"" and head.headers["content-length"] == get.headers["content-length"]
