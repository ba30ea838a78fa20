from __future__ import annotations

import json

import click

from ..paths import paths
from ..records.known import FIELDS


@click.command("coverage")
@click.option("--json", "as_json", is_flag=True)
@click.option("--missing", type=click.Choice(list(FIELDS)), metavar="FIELD",
              help=f"List the records without FIELD, by region (one of: {', '.join(FIELDS)}).")
def command(as_json: bool, missing: str | None) -> None:
    """Coverage of the directory by region and field (central authority, contacts, languages, ...)."""
    from ..maintain.coverage import coverage, missing_by_region, render_table
    from ..records.directory import load_directory

    directory = load_directory(paths().directory)
    if missing:
        gaps = missing_by_region(directory, missing)
        click.echo(json.dumps(gaps, indent=2) if as_json else
                   "\n".join(f"{region:<10} {len(ids):>3}  {' '.join(ids)}" for region, ids in gaps.items()))
        return
    report = coverage(directory)
    click.echo(json.dumps(report, indent=2) if as_json else render_table(report))
