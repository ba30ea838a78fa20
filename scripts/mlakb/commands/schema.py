from __future__ import annotations

import sys

import click

from ..paths import paths
from ..records import reference, schema


@click.command("schema")
@click.option("--check", "check_only", is_flag=True, help="exit 1 if directory/schema/ is out of date instead of writing")
def command(check_only: bool) -> None:
    """Write the JSON Schemas in directory/schema/ and the field reference in CONTRIBUTING.md from the models."""
    from ..records.models import KINDS
    from ..requests.model import RequestDraft

    kinds = {**KINDS, "request": RequestDraft}
    folder = paths().schema
    contributing = paths().root / "CONTRIBUTING.md"
    if check_only:
        out_of_date = [f"directory/schema/{name}" for name in schema.stale(folder, kinds)]
        if contributing.exists() and reference.update(contributing, check_only=True):
            out_of_date.append("CONTRIBUTING.md (field reference)")
        for name in out_of_date:
            click.echo(f"{name}: out of date; run `mlakb schema`")
        sys.exit(1 if out_of_date else 0)
    for path in schema.write_all(folder, kinds):
        click.echo(f"wrote {path.relative_to(paths().root)}")
    if contributing.exists() and reference.update(contributing):
        click.echo("wrote CONTRIBUTING.md (field reference)")
