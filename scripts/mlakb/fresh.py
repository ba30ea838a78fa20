"""Keep the database fresh for the query commands."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .paths import Paths


def ensure_database(p: Paths) -> Path:
    """The database, rebuilt first when records are newer; exits with the problems if they block a build."""
    from .pipeline import build
    from .serve import outputs_stale

    if outputs_stale(p, ("database",)):
        result = build(p, ("database",))
        if not result.ok and not p.database.exists():
            for problem in result.problems:
                click.echo(str(problem), err=True)
            click.echo("cannot answer: the records have problems and no previous build exists", err=True)
            sys.exit(1)
        if not result.ok:
            click.echo(f"warning: {len(result.problems)} problem(s) in the records; answering from the last good build (run mlakb check)", err=True)
    return p.database
