from __future__ import annotations

import sys

import click

from ..paths import paths


@click.group("new")
def command() -> None:
    """Scaffold a new record."""


@command.command("jurisdiction")
@click.argument("code")
@click.option("--region", required=True, help="vocab regions id: africa, americas, asia, europe, oceania")
def jurisdiction(code: str, region: str) -> None:
    """Write directory/jurisdictions/<iso3>.yaml for ISO code CODE (alpha-3 or alpha-2)."""
    from ..maintain.scaffold import new_jurisdiction, render_new
    from ..common.clock import today

    try:
        record = new_jurisdiction(code, region, today())
    except ValueError as exc:
        click.echo(f"mlakb new: {exc}", err=True)
        sys.exit(2)
    target = paths().directory / "jurisdictions" / f"{record.id}.yaml"
    if target.exists():
        click.echo(f"mlakb new: {target.relative_to(paths().root)} already exists; edit it instead", err=True)
        sys.exit(1)
    target.write_text(render_new(record), encoding="utf-8")
    click.echo(f"wrote {target.relative_to(paths().root)}")
