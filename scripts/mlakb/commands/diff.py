from __future__ import annotations

import subprocess
import sys

import click

from ..paths import paths


@click.command("diff")
@click.argument("base")
@click.argument("head", required=False)
def command(base: str, head: str | None) -> None:
    """Summarise what the change from BASE to HEAD (default: the work tree) does to the data, for reviewers."""
    from ..maintain.diff import describe, snapshot

    root = paths().root
    try:
        lines = describe(snapshot(root, base), snapshot(root, head))
    except subprocess.CalledProcessError as exc:
        click.echo(f"mlakb diff: git could not read the revision: {exc.stderr.strip()}", err=True)
        sys.exit(2)
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo("no change to the data", err=True)
