"""A treaty search or a basis question asked again is answered from the server process's cache: the same answer
without taking a search process or computing the report again; other parameters or a rebuilt output are other
questions; identical questions at once are computed once; a cache is bounded in bytes and keeps no failure."""
from __future__ import annotations

import asyncio
import os
import pickle

import pytest

from inprocess_setup import ask


@pytest.fixture
def computed(served, monkeypatch):
    """The searches that reached the search processes, with an empty cache for this test."""
    from mlakb.api import search as route
    from mlakb.api.answer_cache import AnswerCache
    from mlakb.api.offload import searches

    monkeypatch.setattr(route, "searches_answered", AnswerCache(10_000_000))
    asked, real = [], searches.search

    async def counted(**kwargs):
        asked.append(kwargs)
        return await real(**kwargs)

    monkeypatch.setattr(searches, "search", counted)
    yield asked
    searches.close()


def test_a_repeated_search_gets_the_same_hits_without_a_search_process(computed):
    first, again, spaced = ask([("GET", "/-/search.json?q=extradition&limit=3"), ("GET", "/-/search.json?q=extradition&limit=3"),
                                ("GET", "/-/search.json?q=%20extradition%20%20&limit=3")])
    assert first.status_code == 200 and first.json()["hits"]
    assert again.json()["hits"] == spaced.json()["hits"] == first.json()["hits"]
    assert len(computed) == 1


def test_other_parameters_are_other_searches(computed):
    urls = ["/-/search.json?q=extradition&limit=3", "/-/search.json?q=extradition&limit=4", "/-/search.json?q=extradition&lang=en",
            "/-/search.json?q=extradition&lang=zh", "/-/search.json?q=Extradition", "/-/search.json?q=request"]
    answers = ask([("GET", url) for url in urls] * 2)
    assert {a.status_code for a in answers} == {200}
    assert len(computed) == len(urls)
    assert len(answers[0].json()["hits"]) == 3 and len(answers[1].json()["hits"]) == 4


def test_a_rebuilt_index_is_searched_again(computed, served):
    url = "/-/search.json?q=extradition"
    ask([("GET", url)])
    manifest = served / "build" / "treaty-index" / "manifest.json"
    stat = manifest.stat()
    os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # what a new build's swap changes
    (again,) = ask([("GET", url)])
    assert again.status_code == 200
    assert len(computed) == 2


@pytest.fixture
def reports(served, monkeypatch):
    """The basis reports computed, with an empty cache for this test."""
    from mlakb.api import basis as route
    from mlakb.api.answer_cache import AnswerCache

    monkeypatch.setattr(route, "bases_answered", AnswerCache(10_000_000))
    computed, real = [], route._report

    def counted(*args):
        computed.append(args)
        return real(*args)

    monkeypatch.setattr(route, "_report", counted)
    return computed


def test_a_repeated_basis_question_gets_the_same_report_computed_once(reports, served):
    urls = ["/-/basis.json?from=chn&to=can", "/-/basis?from=chn&to=can", "/-/basis.json?from=chn&to=can&measure=bank-records",
            "/-/basis.json?from=CHN&to=can"]
    answers = ask([("GET", url) for url in urls] + [("GET", urls[0])])
    assert [a.status_code for a in answers] == [200] * 5
    assert answers[-1].json() == answers[0].json()
    assert len(reports) == 3  # the page and the JSON of one question share the report
    database = served / "build" / "mlakb.db"
    stat = database.stat()
    os.utime(database, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    ask([("GET", urls[0])])
    assert len(reports) == 4


def test_identical_searches_at_once_are_computed_once():
    from mlakb.api.answer_cache import AnswerCache

    cache, computed = AnswerCache(1_000_000), []

    async def compute():
        computed.append(1)
        await asyncio.sleep(0.05)
        return [{"article": "18"}]

    async def at_once():
        return await asyncio.gather(*(cache.get((1, "extradition", 10), compute) for _ in range(5)))

    assert asyncio.run(at_once()) == [[{"article": "18"}]] * 5
    assert computed == [1]


def test_the_cache_is_bounded_in_bytes_and_drops_the_least_recently_used():
    from mlakb.api.answer_cache import AnswerCache

    answer = [{"snippet": "x" * 1000}]
    cache = AnswerCache(4 * len(pickle.dumps(answer)) + 10)
    computed = []

    async def compute_for(n):
        computed.append(n)
        return answer

    async def use(order):
        for n in order:
            await cache.get((1, f"q{n}"), lambda n=n: compute_for(n))

    asyncio.run(use([0, 1, 2, 3, 0, 4]))  # q0 used again, so q1 is the least recently used when q4 comes
    assert cache.size <= cache.capacity and len(cache.answers) == 4
    computed.clear()
    asyncio.run(use([0, 2, 3, 4, 1]))
    assert computed == [1]


def test_a_failed_search_is_not_kept():
    from mlakb.api.answer_cache import AnswerCache

    cache, attempts = AnswerCache(1_000_000), []

    async def failing():
        attempts.append(1)
        raise TimeoutError("too long")

    async def twice():
        for _ in range(2):
            with pytest.raises(TimeoutError):
                await cache.get((1, "extradit*"), failing)

    asyncio.run(twice())
    assert len(attempts) == 2 and not cache.answers
