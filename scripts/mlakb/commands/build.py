from __future__ import annotations

import sys

import click

from ..paths import paths


@click.command("build")
@click.option("--only", type=click.Choice(["database", "index", "guide"]), multiple=True, help="build only these outputs (default: all)")
def command(only: tuple[str, ...]) -> None:
    """Check the records, then build build/mlakb.db, build/treaty-index/ and site/, each swapped in only when complete."""
    from ..pipeline import STEPS, build

    p = paths()
    result = build(p, only or STEPS)
    for problem in result.problems + result.warnings:
        click.echo(str(problem))
    for failure in result.failures:
        click.echo(str(failure), err=True)
    if not result.ok:
        if result.problems:
            click.echo(f"build stopped: {len(result.problems)} problem(s); the previous outputs are untouched", err=True)
        sys.exit(1)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    click.echo(f"built {p.build} and {p.site} ({result.counts.get('jurisdictions', 0)} jurisdictions, {result.counts.get('authorities', 0)} authorities, {result.counts.get('articles_indexed', 0)} articles indexed; {timings})", err=True)
