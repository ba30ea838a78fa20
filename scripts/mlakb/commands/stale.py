from __future__ import annotations

import json
import sys

import click

from ..paths import paths


@click.command("stale")
@click.option("--older-than", default="12m", show_default=True, help="age such as 90d, 12m, 2y")
@click.option("--json", "as_json", is_flag=True)
def command(older_than: str, as_json: bool) -> None:
    """List facts whose `verified` date is past review (MLAKB_TODAY sets the clock)."""
    from ..maintain.stale import parse_age, stale_facts
    from ..common.clock import today
    from ..records.directory import load_directory

    try:
        age = parse_age(older_than)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--older-than") from None
    directory = load_directory(paths().directory)
    facts = stale_facts(directory, today(), age)
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
    else:
        for f in facts:
            click.echo(f"{f['path']}:{f['line']}: {f['what']} verified {f['verified']} ({f['age_days']} days ago)")
        click.echo(f"{len(facts)} fact(s) older than {older_than}", err=True)
    sys.exit(0)
