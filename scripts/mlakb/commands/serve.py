from __future__ import annotations

import os
import sys

import click

from ..paths import paths


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (loopback by default)")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--no-build", is_flag=True, help="serve the existing outputs even if records changed")
def command(host: str, port: int, no_build: bool) -> None:
    """Build if the records changed, then serve the API, the search routes and the guide with Datasette."""
    from ..common import atomic
    from ..pipeline import build
    from ..serve import datasette_args, outputs_stale

    p = paths()
    for folder in (p.treaty_index, p.site):
        atomic.recover(folder)  # a build killed mid-swap leaves the previous output beside its place
    if not no_build and outputs_stale(p):
        result = build(p)
        for problem in result.problems:
            click.echo(str(problem))
        if not result.ok:
            if not p.database.exists():
                click.echo("cannot serve: the records have problems and no previous build exists", err=True)
                sys.exit(1)
            click.echo("records have problems: serving the previous build", err=True)
    click.echo(f"serving the API at http://{host}:{port}/mlakb and the guide at http://{host}:{port}/guide/", err=True)
    args = datasette_args(p, host, port)
    os.execv(args[0], args)
