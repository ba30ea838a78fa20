from __future__ import annotations

import json
import sys

import click

from ..paths import paths


@click.command("stale")
@click.option("--older-than", default="12m", show_default=True, help="verification age such as 90d, 12m, 2y")
@click.option("--sources-older-than", default=None, help="also list facts whose newest source is older than this (e.g. 5y), or undated")
@click.option("--unverified", is_flag=True, help="also list facts no person has compared with their sources yet")
@click.option("--json", "as_json", is_flag=True)
def command(older_than: str, sources_older_than: str | None, unverified: bool, as_json: bool) -> None:
    """List facts due for review: verified long ago, resting on old sources, or never verified (MLAKB_TODAY sets the clock)."""
    from ..maintain.stale import parse_age, stale_facts
    from ..common.clock import today
    from ..records.directory import load_directory

    try:
        age = parse_age(older_than)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--older-than") from None
    try:
        source_age = parse_age(sources_older_than) if sources_older_than else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--sources-older-than") from None
    directory = load_directory(paths().directory)
    facts = stale_facts(directory, today(), age, source_age, unverified)
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
    else:
        for f in facts:
            verified = f"verified {f['verified']} ({f['age_days']} days ago)" if f["verified"] else "never verified"
            newest = f"; newest source {f['sources_newest'] or 'undated'}" if f["sources_newest"] or "undated-source" in f["reasons"] else ""
            click.echo(f"{f['path']}:{f['line']}: {f['what']} {verified}{newest} [{', '.join(f['reasons'])}]")
        click.echo(f"{len(facts)} fact(s) due for review", err=True)
    sys.exit(0)
