from __future__ import annotations

import difflib
import sys
import click

from ..paths import paths


@click.command("fmt")
@click.option("--check", "check_only", is_flag=True, help="write nothing; print a diff and exit 1 when a file is not in canonical form")
def command(check_only: bool) -> None:
    """Rewrite every valid record in canonical form (field order, quoting, inline short lists)."""
    from ..maintain.canonical import render
    from ..records.directory import load_directory

    p = paths()
    directory = load_directory(p.directory)
    if directory.problems:
        for problem in directory.problems:
            click.echo(str(problem))
        click.echo("fix these problems first (mlakb check)", err=True)
        sys.exit(1)
    loaded = [*directory.jurisdictions.values(), *directory.instruments.values(), *directory.vocab.values(), *([directory.glossary] if directory.glossary else [])]
    changed = 0
    for item in loaded:
        path = item.file
        current = path.read_text(encoding="utf-8")
        wanted = render(item.record, item.kind)
        if current == wanted:
            continue
        changed += 1
        if check_only:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), item.doc.path, item.doc.path + " (canonical)"))
        else:
            path.write_text(wanted, encoding="utf-8")
    if check_only and changed:
        click.echo(f"{changed} file(s) not in canonical form: run `mlakb fmt`", err=True)
        sys.exit(1)
    if not check_only:
        click.echo(f"{changed} file(s) rewritten", err=True)
