from __future__ import annotations

import json
import sys

import click

from ..paths import paths
from ..records import vocab


@click.command("authority")
@click.argument("state")
@click.option("--for", "matter", type=click.Choice(vocab.ids("matters")), help="only authorities handling this matter")
@click.option("--under", help="the legal basis (instrument id such as untoc, cets185, cn-fra-mla): the authority designated under it first")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def command(state: str, matter: str | None, under: str | None, as_json: bool) -> None:
    """Who receives a request to STATE (ISO code, English or Chinese name): name, contacts, languages, channels, urgent route, sources."""
    from ..query.authority import authority_report, render_text
    from ..query.lookup import NotFound
    from ..fresh import ensure_database

    database = ensure_database(paths())
    try:
        report = authority_report(database, state, matter, under)
    except NotFound as exc:
        click.echo(f"mlakb authority: {exc}", err=True)
        sys.exit(2)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render_text(report))
