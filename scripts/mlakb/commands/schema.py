from __future__ import annotations

import sys

import click

from ..paths import paths
from ..records import schema


@click.command("schema")
@click.option("--check", "check_only", is_flag=True, help="exit 1 if directory/schema/ is out of date instead of writing")
def command(check_only: bool) -> None:
    """Write the JSON Schemas in directory/schema/ from the record models."""
    folder = paths().schema
    if check_only:
        out_of_date = schema.stale(folder)
        for name in out_of_date:
            click.echo(f"directory/schema/{name}: out of date; run `mlakb schema`")
        sys.exit(1 if out_of_date else 0)
    for path in schema.write_all(folder):
        click.echo(f"wrote {path.relative_to(paths().root)}")
