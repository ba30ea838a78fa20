"""Answers kept in each server process, so that a treaty search or a basis question asked again costs a dictionary look-up.

The treaty index and the database are immutable while they are served (the server only reads them; a build
makes new ones and swaps them in whole), so an answer stays right as long as the output it came from: each key
holds that output's path and build stamp beside the parameters, so that an output rebuilt under a running server is
never answered from the old one.  A cache is bounded in bytes (each answer is kept pickled: its size is known,
and no caller can change it) and drops the least recently used answer first.  Identical questions that arrive
while the first is still being answered wait for that one instead of each taking a process or a thread.
Failures are not kept.
"""
from __future__ import annotations

import asyncio
import os
import pickle
from collections import OrderedDict
from typing import Any, Awaitable, Callable

DEFAULT_MB = 32  # per cache and server process; a 10-hit search answer is about 7 KB pickled, a basis report 20 KB


def capacity() -> int:
    """Bytes of answers kept per cache and server process: MLAKB_ANSWER_CACHE_MB (0 turns the caches off)."""
    configured = os.environ.get("MLAKB_ANSWER_CACHE_MB", "")
    return (int(configured) if configured.isdigit() else DEFAULT_MB) * 1_000_000


class AnswerCache:
    def __init__(self, capacity_bytes: int | None = None):
        self.capacity = capacity() if capacity_bytes is None else capacity_bytes
        self.answers: OrderedDict[tuple, bytes] = OrderedDict()
        self.size = 0
        self.running: dict[tuple, asyncio.Future] = {}

    async def get(self, key: tuple, compute: Callable[[], Awaitable[Any]]) -> Any:
        """The answer for the key: kept, being computed for another request, or computed now."""
        if self.capacity <= 0:
            return await compute()
        kept = self.answers.get(key)
        if kept is not None:
            self.answers.move_to_end(key)
            return pickle.loads(kept)
        task = self.running.get(key)
        if task is None:
            task = asyncio.ensure_future(compute())
            self.running[key] = task
            task.add_done_callback(lambda done: self._keep(key, done))
        # shielded: a caller that goes away does not cancel the answer the others wait for
        return await asyncio.shield(task)

    def _keep(self, key: tuple, task: asyncio.Future) -> None:
        self.running.pop(key, None)
        if task.cancelled() or task.exception() is not None:
            return
        answer = pickle.dumps(task.result())
        if len(answer) > self.capacity // 4:
            return
        self.size += len(answer) - len(self.answers.pop(key, b""))
        self.answers[key] = answer
        while self.size > self.capacity:
            _, dropped = self.answers.popitem(last=False)
            self.size -= len(dropped)


searches_answered = AnswerCache()
bases_answered = AnswerCache()
