"""`mlakb serve`: one Datasette on localhost serving the API, mlakb's routes and the guide."""
from __future__ import annotations

import sys
from pathlib import Path

from .paths import Paths

SETTINGS = {
    "sql_time_limit_ms": 1000,      # public read-only service: no query may hold a worker for long
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "facet_time_limit_ms": 200,
    "allow_download": 0,
    "allow_csv_stream": 0,
    "num_sql_threads": 3,
    "default_cache_ttl": 300,
}


def datasette_args(p: Paths, host: str, port: int) -> list[str]:
    args = [sys.executable, "-m", "datasette", "serve", "-i", str(p.database), "--metadata", str(p.build / "metadata.json"), "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    return args


def outputs_stale(p: Paths, steps: tuple[str, ...] = ("database", "index", "guide")) -> bool:
    """True when a record or guide page is newer than the database, or an output of `steps` is missing."""
    outputs = {"database": [p.database, p.build / "metadata.json"], "index": [p.treaty_index], "guide": [p.site / "index.html"]}
    if not all(path.exists() for step in steps for path in outputs[step]):
        return True
    built = p.database.stat().st_mtime
    inputs = [*p.directory.rglob("*.yaml"), *p.kb.rglob("*.md"), p.root / "mkdocs.yml"]
    return any(path.stat().st_mtime > built for path in inputs if Path(path).exists())
