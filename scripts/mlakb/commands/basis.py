from __future__ import annotations

import json
import sys

import click

from ..paths import paths
from ..query.basis import MEASURES, OFFENCES


@click.command("basis")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--measure", type=click.Choice(MEASURES), help="the measure sought (decides MLA, extradition or transfer of proceedings)")
@click.option("--offence", type=click.Choice(OFFENCES), help="the offence area (decides which conventions apply)")
@click.option("--json", "as_json", is_flag=True)
def command(source: str, target: str, measure: str | None, offence: str | None, as_json: bool) -> None:
    """Legal bases for a request from FROM to TO: bilateral treaties, conventions binding both, declarations, articles to cite, or reciprocity."""
    from ..fresh import ensure_database
    from ..query.basis import SameState, basis_report
    from ..query.basis_text import render_text
    from ..query.lookup import NotFound

    database = ensure_database(paths())
    try:
        report = basis_report(database, source, target, measure, offence)
    except (NotFound, SameState) as exc:
        click.echo(f"mlakb basis: {exc}", err=True)
        sys.exit(2)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render_text(report))
