from __future__ import annotations

import sys

import click

from ..paths import paths


@click.command("build")
def command() -> None:
    """Check the records, then build build/mlakb.db (swapped in only when complete)."""
    from ..build.pipeline import build

    result = build(paths())
    for problem in result.problems:
        click.echo(str(problem))
    if not result.ok:
        click.echo(f"build stopped: {len(result.problems)} problem(s); the previous outputs are untouched", err=True)
        sys.exit(1)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    click.echo(f"built {paths().database} ({result.counts.get('jurisdictions', 0)} jurisdictions, {result.counts.get('authorities', 0)} authorities; {timings})", err=True)
