"""A page request refused before it reaches its route (address too long, too many parameters) is answered on
mlakb's pages as a page for people with the reason; on their .json forms, to a client asking for JSON and to a
method the route does not take, as JSON."""
from __future__ import annotations

import pytest

from inprocess_setup import ask

LONG = "a" * 5000




@pytest.mark.parametrize("page", ["/-/basis", "/-/search"])
def test_a_refused_page_request_gets_a_page_with_the_reason(served, page):
    too_long, too_many = ask([("GET", f"{page}?from={LONG}"), ("GET", page + "?" + "&".join(f"p{i}=v" for i in range(100)))])
    assert (too_long.status_code, too_many.status_code) == (414, 400)
    for answer in (too_long, too_many):
        assert answer.headers["content-type"].startswith("text/html")
        assert "Cannot answer" in answer.text and f'href="{page}"' in answer.text
    assert "longer than" in too_long.text and "More than 64" in too_many.text


@pytest.mark.parametrize("page", ["/-/basis", "/-/search"])
def test_a_refused_json_request_gets_json(served, page):
    as_json, accepting, put = ask([("GET", f"{page}.json?from={LONG}"), ("GET", f"{page}?from={LONG}", {"accept": "application/json"}),
                                   ("PUT", page)])
    assert (as_json.status_code, accepting.status_code, put.status_code) == (414, 414, 405)
    for answer in (as_json, accepting, put):
        assert answer.json()["ok"] is False and answer.json()["error"]
    assert put.headers["allow"] == "GET, HEAD"
