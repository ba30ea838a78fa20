from __future__ import annotations

import json

import click

from ..paths import paths


@click.command("coverage")
@click.option("--json", "as_json", is_flag=True)
def command(as_json: bool) -> None:
    """Coverage of the directory by region and field (central authority, contacts, languages, ...)."""
    from ..maintain.coverage import coverage, render_table
    from ..records.directory import load_directory

    report = coverage(load_directory(paths().directory))
    click.echo(json.dumps(report, indent=2) if as_json else render_table(report))
