"""Treaty searches off the event loop: a small pool of worker processes, each search capped in time.

Whoosh is pure Python, so a search in a thread would still hold the interpreter that answers lookups;
in separate processes (at a lower scheduling priority) a broad search costs lookups almost nothing.
A search that uses more than SEARCH_SECONDS of processor time is stopped inside its worker by a timer
signal (processor time, so that on a busy machine an ordinary search still completes: a 400, the query costs
too much), and any search at SEARCH_WALL_SECONDS on the clock (a 503: the machine was too busy, not the caller's
fault); a worker that does not stop is ended and the pool started again.  Searches waiting beyond
QUEUE_PER_PROCESS per worker are refused at once, so a burst of searches cannot build an unbounded queue.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

SEARCH_SECONDS = 2.0         # of processing
SEARCH_WALL_SECONDS = 5.0    # on the clock, however busy the machine
QUEUE_PER_PROCESS = 32  # searches waiting per search process; beyond that, refused at once with a 503
NICENESS = 10  # lookups (in the server process) get the cores first when both want them


class SearchTooLong(Exception):
    pass


class SearchBusy(Exception):
    pass


class _Expired(BaseException):  # BaseException: no `except Exception` inside the search swallows it
    def __init__(self, signum: int):
        self.signum = signum


def processes() -> int:
    """Search processes per server process: the cores shared among the server's workers."""
    configured = os.environ.get("MLAKB_SEARCH_PROCESSES", "")
    return int(configured) if configured.isdigit() and int(configured) > 0 else max(1, os.cpu_count() or 1)


def _start_worker(server: int) -> None:
    os.nice(NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    threading.Thread(target=_exit_with_parent, args=(server,), daemon=True).start()
    arm_expiry()


def arm_expiry() -> None:
    """The timer signals that stop a search: SIGPROF at its processing cap, SIGALRM at its cap on the clock."""
    def expire(signum, frame):
        raise _Expired(signum)

    signal.signal(signal.SIGPROF, expire)
    signal.signal(signal.SIGALRM, expire)


def _exit_with_parent(parent: int) -> None:
    """A worker whose server process is gone (killed, stopped mid-search, or before this worker started) ends too."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _warm() -> None:
    from ..treaties.search import open_index

    try:
        open_index()
    except Exception:  # a missing index is reported by each search
        pass


def _search(kwargs: dict) -> list[dict]:
    from ..treaties.search import search

    signal.setitimer(signal.ITIMER_PROF, SEARCH_SECONDS)
    signal.setitimer(signal.ITIMER_REAL, SEARCH_WALL_SECONDS)
    try:
        return [hit.to_dict() for hit in search(**kwargs)]
    except _Expired as expired:
        if expired.signum == signal.SIGPROF:
            raise SearchTooLong(f"the search needed more than {SEARCH_SECONDS:g} s of processing: use fewer or narrower wildcards, or add words") from None
        # stopped on the clock only: the machine was too busy, which is not the caller's doing
        raise SearchBusy(f"the server is too busy to finish the search within {SEARCH_WALL_SECONDS:g} s: try again in a moment") from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)


class SearchPool:
    def __init__(self):
        self.executor: ProcessPoolExecutor | None = None
        self.in_flight = 0

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(processes(), mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_start_worker, initargs=(os.getpid(),))
        return self.executor

    def _restart(self) -> None:
        executor, self.executor = self.executor, None
        if executor is not None:
            for process in list(getattr(executor, "_processes", {}).values()):  # no public way to end one worker
                process.kill()
            executor.shutdown(wait=False, cancel_futures=True)

    async def search(self, **kwargs) -> list[dict]:
        if self.in_flight >= processes() * (1 + QUEUE_PER_PROCESS):
            raise SearchBusy("too many searches are waiting: try again in a few seconds")
        self.in_flight += 1
        try:
            future = asyncio.get_running_loop().run_in_executor(self._executor(), _search, kwargs)
            # the worker's own timer stops the search; this wait also covers the time queued behind others
            return await asyncio.wait_for(future, SEARCH_WALL_SECONDS * (2 + QUEUE_PER_PROCESS))
        except asyncio.TimeoutError:
            self._restart()
            raise SearchTooLong(f"the search did not finish within {SEARCH_SECONDS:g} s") from None
        except BrokenProcessPool:
            self._restart()
            raise SearchBusy("the search service is restarting: try again in a few seconds") from None
        finally:
            self.in_flight -= 1

    def close(self) -> None:
        """Stop the search processes once their searches are done (the next search starts them again)."""
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def warm(self) -> None:
        """Start the worker processes and open the index in them, so the first searches do not wait."""
        executor = self._executor()
        for _ in range(processes()):
            executor.submit(_warm)


searches = SearchPool()
