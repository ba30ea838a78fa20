"""Which outputs are stale, and keeping the database fresh for the query commands.

Each output is compared with its own inputs: a step killed part-way (the guide after the database, say)
leaves its output older than the records, so the next build or `mlakb serve` builds it again.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .paths import Paths


def _outputs(p: Paths) -> dict[str, list[Path]]:
    return {"database": [p.database, p.build / "metadata.json"], "index": [p.treaty_index / "manifest.json", p.treaty_index / "table.json"], "guide": [p.site / "index.html"]}


def _files(folder: Path, suffixes: tuple[str, ...] = ()) -> list[Path]:
    """Files under `folder`, symbolic links not followed (`mlakb check` refuses them in kb/)."""
    found = []
    for top, dirs, names in os.walk(folder):
        found += [Path(top) / n for n in names if not suffixes or n.endswith(suffixes)]
    return found


def _inputs(p: Paths, step: str, records: list[Path]) -> list[Path]:
    if step == "database":
        return records
    if step == "index":
        return records + _files(p.kb / "treaties")
    return records + _files(p.kb) + [p.root / "mkdocs.yml"]


def stale_steps(p: Paths, steps: tuple[str, ...] = ("database", "index", "guide")) -> tuple[str, ...]:
    """The steps whose output is missing or older than one of its inputs."""
    stale, outputs_of = [], _outputs(p)
    records = _files(p.directory, (".yaml", ".yml", ".json"))  # every step's input: walked once
    for step in steps:
        outputs = outputs_of[step]
        if not all(path.is_file() for path in outputs):
            stale.append(step)
            continue
        built = min(path.stat().st_mtime for path in outputs)
        if any(path.stat().st_mtime > built for path in _inputs(p, step, records) if path.is_file()):
            stale.append(step)
    return tuple(stale)


def ensure_database(p: Paths) -> Path:
    """The database, rebuilt first when records are newer; exits with the problems if they block a build."""
    from .pipeline import build

    if stale_steps(p, ("database",)):
        result = build(p, ("database",))
        if not result.ok and not p.database.exists():
            for problem in result.problems:
                click.echo(str(problem), err=True)
            for failure in result.failures:
                click.echo(str(failure), err=True)
            what = "the records have problems" if result.problems else "the database could not be built"
            click.echo(f"cannot answer: {what} and no previous build exists", err=True)
            sys.exit(1)
        if result.problems:
            click.echo(f"warning: {len(result.problems)} problem(s) in the records; answering from the last good build (run mlakb check)", err=True)
        elif result.failures:
            for failure in result.failures:
                click.echo(str(failure), err=True)
            click.echo("warning: the database could not be rebuilt (above); answering from the last good build", err=True)
    return p.database
