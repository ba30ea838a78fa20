from __future__ import annotations

import sys

import click

from ..paths import paths


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (loopback by default)")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="server processes  [default: the number of cores]")
@click.option("--no-build", is_flag=True, help="serve the existing outputs even if records changed")
def command(host: str, port: int, workers: int | None, no_build: bool) -> None:
    """Build what is stale, then serve the API, the search routes and the guide (uvicorn, N worker processes).

    Operator settings (environment): MLAKB_OPERATOR_PAGES=1 shows /-/versions, /-/plugins and
    /-/databases; DATASETTE_SECRET signs the request form's token (set the same value on every replica).
    """
    from ..common import atomic
    from ..fresh import stale_steps
    from ..pipeline import build
    from ..serve import database_problem, default_workers, run

    p = paths()
    for folder in (p.treaty_index, p.site):
        atomic.recover(folder)  # a build killed mid-swap leaves the previous output beside its place
    if not no_build and database_problem(p.database) not in (None, "the database has not been built"):
        click.echo(f"{database_problem(p.database)}: rebuilding it", err=True)
        p.database.unlink()
    stale = () if no_build else stale_steps(p)
    if stale:
        result = build(p, stale)
        for problem in result.problems + result.warnings:
            click.echo(str(problem))
        for failure in result.failures:
            click.echo(str(failure), err=True)
        if result.problems:
            click.echo("the records have problems (above): serving the previous build", err=True)
        elif result.failures:
            click.echo("the build failed (above): serving the previous build", err=True)
    problem = database_problem(p.database)
    if problem:
        click.echo(f"cannot serve: {problem}; run mlakb build", err=True)
        sys.exit(1)
    workers = workers or default_workers()
    click.echo(f"serving the API at http://{host}:{port}/mlakb and the guide at http://{host}:{port}/guide/ ({workers} worker(s))", err=True)
    run(p, host, port, workers)
