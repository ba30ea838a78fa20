"""A bounded HTTP load generator for loopback servers: fixed request count, keep-alive connections;
and `serve`, a real `mlakb serve` on a free loopback port for the benchmarks."""
from __future__ import annotations

import collections
import contextlib
import functools
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def load_test(base: str, paths: list[str], requests: int, concurrency: int, timeout: float = 10, seconds: float | None = None) -> dict:
    """Send `requests` requests from `concurrency` threads (each stops early once `seconds` have passed)."""
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    per_worker = requests // concurrency
    stop_at = time.monotonic() + seconds if seconds else float("inf")

    def worker(seed: int) -> tuple[list[float], int, collections.Counter, dict]:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        latencies, errors = [], 0
        statuses = collections.Counter()
        kinds = collections.defaultdict(list)
        for _ in range(per_worker):
            if time.monotonic() > stop_at:
                break
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                errors += response.status != 200
                statuses[response.status] += response.status != 200
            except (OSError, http.client.HTTPException):
                errors += 1
                statuses["no answer"] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
            latencies.append((time.perf_counter() - started) * 1000)
            kinds["/".join(path.split("?")[0].split("/")[:3])].append(latencies[-1])  # the route: /-/search, /mlakb/jurisdictions...
        conn.close()
        return latencies, errors, statuses, kinds

    started = time.perf_counter()
    with LoadAverage() as load, ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(worker, range(concurrency)))
    wall = time.perf_counter() - started
    latencies = [x for lat, _, _, _ in results for x in lat]
    failed = sum((s for _, _, s, _ in results), collections.Counter())
    by_kind = collections.defaultdict(list)
    for _, _, _, kinds in results:
        for kind, values in kinds.items():
            by_kind[kind] += values
    return {"requests": len(latencies), "errors": sum(e for _, e, _, _ in results), "failed": dict(+failed),
            "p95_by_kind": {kind: percentile(values, 95) for kind, values in sorted(by_kind.items())},
            "p50_by_kind": {kind: statistics.median(values) for kind, values in sorted(by_kind.items())},
            "p50": statistics.median(latencies), "p95": percentile(latencies, 95), "max": max(latencies), "rps": len(latencies) / wall,
            "load": load.summary()}


class LoadAverage:
    """The machine's 1-minute load average, sampled every 2 s while the block runs (the cores are shared)."""

    def __init__(self):
        self.samples: list[float] = []
        self.done = threading.Event()

    def __enter__(self):
        def sample():
            while not self.done.is_set():
                self.samples.append(os.getloadavg()[0])
                self.done.wait(2)

        self.thread = threading.Thread(target=sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join(5)

    def summary(self) -> str:
        return f"load average {statistics.mean(self.samples):.1f} (max {max(self.samples):.1f}) on {os.cpu_count()} cores" if self.samples else "load average not sampled"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.lru_cache(maxsize=1)
def supports_workers() -> bool:
    """Whether this checkout's `mlakb serve` has --workers (the benchmarks also run on older checkouts)."""
    out = subprocess.run([sys.executable, "-m", "mlakb", "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    return "--workers" in out


@contextlib.contextmanager
def serve(root: Path, build: Path, workers: int | None = 1, timeout: float = 60, env: dict | None = None):
    """`mlakb serve --no-build` on a free loopback port, with `workers` processes (None: its default) and
    `env` added to its environment (settings such as MLAKB_ANSWER_CACHE_MB); stopped on exit."""
    port = free_port()
    args = [sys.executable, "-m", "mlakb", "serve", "--no-build", "--port", str(port)]
    if workers is not None and supports_workers():
        args += ["--workers", str(workers)]
    elif workers not in (None, 1):
        raise SystemExit("this checkout's mlakb serve has no --workers")
    with running(args, port, {"MLAKB_ROOT": str(root), "MLAKB_BUILD": str(build), **(env or {})}, root, timeout) as base:
        yield base


@contextlib.contextmanager
def running(args: list[str], port: int, env: dict, cwd: Path, timeout: float = 60):
    """A server started with `args` (listening on `port`), until it answers; stopped on exit."""
    proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/mlakb/jurisdictions.json?_size=1", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start (exit {proc.poll()}): {' '.join(args)}")
                time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a server stuck in a SQL call does not stop on SIGTERM
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 9)
            proc.wait()
