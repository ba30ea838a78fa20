"""A bounded HTTP load generator for loopback servers: fixed request count, keep-alive connections."""
from __future__ import annotations

import http.client
import random
import statistics
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def load_test(base: str, paths: list[str], requests: int, concurrency: int) -> dict:
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    per_worker = requests // concurrency

    def worker(seed: int) -> tuple[list[float], int]:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, port, timeout=10)
        latencies, errors = [], 0
        for _ in range(per_worker):
            path = rng.choice(paths)
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status != 200
        conn.close()
        return latencies, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(worker, range(concurrency)))
    wall = time.perf_counter() - started
    latencies = [x for lat, _ in results for x in lat]
    return {"requests": len(latencies), "errors": sum(e for _, e in results), "p50": statistics.median(latencies), "p95": percentile(latencies, 95), "rps": len(latencies) / wall}
