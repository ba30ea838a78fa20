from __future__ import annotations

import sys
from pathlib import Path

import click

from ..common.diagnostics import errors
from ..paths import paths
from ..records.check import check_directory
from ..records.directory import load_directory, record_files
from ..records.kb_check import kb_problems


@click.command("check")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="apply the safe fixes (canonical form, repeated list entries) and say what changed")
def command(targets: tuple[Path, ...], fix: bool) -> None:
    """Validate records and guide pages: schema, codes, references, repeated list values, links and script in kb/.  Prints path:line:col: CODE message; exit 1 on any error (warnings are shown and do not fail).

    With TARGETS (files or folders), only the problems in those files are shown; references are
    still resolved against the whole directory.  The codes are listed in CONTRIBUTING.md.
    """
    p = paths()
    if fix:
        _fix(p, targets)
    extra = [t for t in targets if t.is_file() and p.directory.resolve() not in t.resolve().parents]
    directory = load_directory(p.directory, paths=record_files(p.directory) + extra if extra else None)
    problems = sorted(set(check_directory(directory, p.root) + kb_problems(p.root)))
    if targets:
        wanted = [t.resolve() for t in targets]
        problems = [pr for pr in problems if any(_within((p.root / pr.path).resolve() if not Path(pr.path).is_absolute() else Path(pr.path), w) for w in wanted)]
    for problem in problems:
        click.echo(str(problem))
    stopping = errors(problems)
    if stopping:
        click.echo(f"{len(stopping)} problem(s) in {len({pr.path for pr in stopping})} file(s)", err=True)
        sys.exit(1)
    warned = f"; {len(problems)} warning(s) above" if problems else ""
    click.echo(f"ok: {len(directory.jurisdictions)} jurisdictions, {len(directory.instruments)} instruments, {len(directory.vocab)} vocabularies{warned}", err=True)


def _fix(p, targets: tuple[Path, ...]) -> None:
    from ..maintain.fixes import fixed

    directory = load_directory(p.directory)
    wanted = [t.resolve() for t in targets]
    loaded = [*directory.jurisdictions.values(), *directory.instruments.values(), *directory.vocab.values(), *([directory.glossary] if directory.glossary else [])]
    for item in loaded:
        if wanted and not any(_within(item.file.resolve(), w) for w in wanted):
            continue
        text, changes = fixed(item)
        if changes:
            item.file.write_text(text, encoding="utf-8")
            for change in changes:
                click.echo(f"{item.doc.path}: fixed: {change}", err=True)


def _within(path: Path, target: Path) -> bool:
    return path == target or target in path.parents
