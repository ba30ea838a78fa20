"""Treaty-search answers kept in each server process, so that a search asked again costs a dictionary look-up.

The treaty index is immutable while it is served (the server only reads it; a build makes a new one and
swaps it in whole), so an answer stays right as long as the index it came from: the key holds the index's
build stamp beside the normalised query (runs of white space read as one space) and the other parameters,
so that an index rebuilt under a running server is never answered from the old one.  The cache is bounded
in bytes (each answer is kept pickled: its size is known, and no caller can change it) and drops the
least recently used answer first.  Identical searches that arrive while the first is still running wait
for that one instead of each taking a search process.  Failed searches are not kept.
"""
from __future__ import annotations

import asyncio
import os
import pickle
from collections import OrderedDict
from typing import Awaitable, Callable

DEFAULT_MB = 32  # a 10-hit answer is about 7 KB pickled: thousands of distinct searches per server process


def capacity() -> int:
    """Bytes of answers kept per server process: MLAKB_SEARCH_CACHE_MB (0 turns the cache off)."""
    configured = os.environ.get("MLAKB_SEARCH_CACHE_MB", "")
    return (int(configured) if configured.isdigit() else DEFAULT_MB) * 1_000_000


def key(stamp: int, query: str, **parameters) -> tuple:
    return (stamp, " ".join(query.split()), *sorted(parameters.items()))


class SearchCache:
    def __init__(self, capacity_bytes: int | None = None):
        self.capacity = capacity() if capacity_bytes is None else capacity_bytes
        self.answers: OrderedDict[tuple, bytes] = OrderedDict()
        self.size = 0
        self.running: dict[tuple, asyncio.Future] = {}

    async def get(self, search_key: tuple, compute: Callable[[], Awaitable[list[dict]]]) -> list[dict]:
        """The answer for the key: kept, being computed for another request, or computed now."""
        if self.capacity <= 0:
            return await compute()
        kept = self.answers.get(search_key)
        if kept is not None:
            self.answers.move_to_end(search_key)
            return pickle.loads(kept)
        task = self.running.get(search_key)
        if task is None:
            task = asyncio.ensure_future(compute())
            self.running[search_key] = task
            task.add_done_callback(lambda done: self._keep(search_key, done))
        # shielded: a caller that goes away does not cancel the search the others wait for
        return await asyncio.shield(task)

    def _keep(self, search_key: tuple, task: asyncio.Future) -> None:
        self.running.pop(search_key, None)
        if task.cancelled() or task.exception() is not None:
            return
        answer = pickle.dumps(task.result())
        if len(answer) > self.capacity // 4:
            return
        self.size += len(answer) - len(self.answers.pop(search_key, b""))
        self.answers[search_key] = answer
        while self.size > self.capacity:
            _, dropped = self.answers.popitem(last=False)
            self.size -= len(dropped)


results = SearchCache()
