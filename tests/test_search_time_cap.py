"""A search stopped by its processing cap is the query's cost (400, narrow the query); one stopped on the clock while
the machine was busy is the server's state (503, try again), not the caller's fault."""
from __future__ import annotations

import signal
import time

import pytest


@pytest.fixture
def armed(monkeypatch):
    """This process's timers armed as in a search process, with short caps; the previous handlers restored after."""
    from mlakb.api import offload

    saved = {s: signal.getsignal(s) for s in (signal.SIGPROF, signal.SIGALRM)}
    offload.arm_expiry()
    monkeypatch.setattr(offload, "SEARCH_SECONDS", 0.2)
    monkeypatch.setattr(offload, "SEARCH_WALL_SECONDS", 0.5)
    yield offload
    for s, handler in saved.items():
        signal.signal(s, handler)


def test_a_search_past_its_processing_cap_is_too_costly(armed, monkeypatch):
    monkeypatch.setattr(armed, "SEARCH_WALL_SECONDS", 60)  # on a busy machine 0.2 s of processing can take seconds

    def costly(**kwargs):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # processing, bounded
            pass
        return []

    monkeypatch.setattr("mlakb.treaties.search.search", costly)
    started = time.monotonic()
    with pytest.raises(armed.SearchTooLong, match="processing"):
        armed._search({"query": "co* OR pr*"})
    assert time.monotonic() - started < 30


def test_a_search_stopped_on_the_clock_is_the_server_being_busy(armed, monkeypatch):
    def starved(**kwargs):
        time.sleep(3)  # what a search waiting for a busy processor looks like to the clock
        return []

    monkeypatch.setattr("mlakb.treaties.search.search", starved)
    started = time.monotonic()
    with pytest.raises(armed.SearchBusy, match="busy"):
        armed._search({"query": "extradition"})
    assert time.monotonic() - started < 2
