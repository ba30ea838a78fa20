from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..paths import paths

LANGS = click.Choice(["zh", "en"])


@click.group("request")
def command() -> None:
    """Draft an outgoing request: `new` pre-fills a draft, `check` lists what would get it refused, `render` writes the letter."""


@command.command("new")
@click.option("--from", "source", required=True, help="requesting State (ISO code, English or Chinese name)")
@click.option("--to", "target", required=True, help="requested State")
@click.option("--measure", "measures", multiple=True, required=True, help="measure sought (vocab measures), repeatable")
@click.option("--offence", help="offence area (vocab offences), decides which conventions apply")
@click.option("--lang", default="zh", type=LANGS, show_default=True, help="language of the guidance comments and of the request")
@click.option("-o", "output", type=click.Path(path_type=Path), help="write the draft to this file instead of standard output")
def new(source: str, target: str, measures: tuple[str, ...], offence: str | None, lang: str, output: Path | None) -> None:
    """Write a draft request pre-filled with what the directory knows: addressee, legal basis, languages, elements."""
    from ..fresh import ensure_database
    from ..query.basis import SameState
    from ..query.lookup import NotFound
    from ..common.clock import today
    from ..requests.draft import UnknownTerm, new_draft

    p = paths()
    schema_ref = os.path.relpath(p.schema / "request.schema.json", (output.parent if output else Path.cwd()).resolve())
    try:
        text = new_draft(ensure_database(p), source, target, list(measures), offence, lang, today(), schema_ref)
    except (NotFound, UnknownTerm, SameState) as exc:
        click.echo(f"mlakb request new: {exc}", err=True)
        sys.exit(2)
    if output:
        _write(output, text, "new")
        click.echo(f"wrote {output}; fill it in, then run `mlakb request check {output}`", err=True)
    else:
        click.echo(text, nl=False)


@command.command("check")
@click.argument("draft", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="print the findings as JSON")
@click.option("--lang", default="en", type=LANGS, show_default=True, help="language of the messages")
def check(draft: Path, as_json: bool, lang: str) -> None:
    """List what would get DRAFT refused or delayed: each finding as `path:line:col: CODE message`, with its element, article and the refusal it prevents (codes in CONTRIBUTING.md).

    Exit 1 while anything blocking remains (or the draft itself has problems).
    """
    from ..fresh import ensure_database
    from ..common.clock import today
    from ..requests.checker import check_file

    outcome = check_file(draft, ensure_database(paths()), today())
    if as_json:
        click.echo(json.dumps(outcome.as_json(), ensure_ascii=False, indent=2))
    else:
        for line in outcome.lines(lang):
            click.echo(line)
        counts = outcome.as_json()["counts"]
        summary = f"{len(outcome.problems)} problem(s), {counts['error']} blocking, {counts['warning']} warning(s), {counts['advice']} advice"
        click.echo(summary if outcome.blocking else f"ok to send: {summary}", err=True)
    sys.exit(1 if outcome.blocking else 0)


@command.command("render")
@click.argument("draft", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True)
@click.option("--lang", default="zh", type=click.Choice(["zh", "en", "both"]), show_default=True, help="both: the two languages side by side")
@click.option("-o", "output", type=click.Path(path_type=Path), help="output file (default: the draft's name with .docx or .md)")
def render(draft: Path, fmt: str, lang: str, output: Path | None) -> None:
    """Write the letter of request from DRAFT (DOCX or Markdown), addressed from the directory."""
    from ..fresh import ensure_database
    from ..common.clock import today
    from ..requests.checker import check_file
    from ..requests.render import render_docx, render_markdown

    outcome = check_file(draft, ensure_database(paths()), today())
    if outcome.draft is None or outcome.problems:
        for problem in outcome.problems:
            click.echo(str(problem), err=True)
        click.echo("mlakb request render: fix the draft first", err=True)
        sys.exit(1)
    target = output or draft.with_suffix("." + fmt)
    if fmt == "docx":
        _write(target, render_docx(outcome.draft, outcome.facts, lang), "render")
    else:
        _write(target, render_markdown(outcome.draft, outcome.facts, lang), "render")
    blocking = sum(f.severity == "error" for f in outcome.findings)
    click.echo(f"wrote {target}" + (f" ({blocking} blocking finding(s) remain: see `mlakb request check {draft}`)" if blocking else ""), err=True)


def _write(target: Path, content: str | bytes, verb: str) -> None:
    """Write an output file, creating its folder; a path that cannot be written is reported, exit 2."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    except OSError as exc:
        click.echo(f"mlakb request {verb}: cannot write {target}: {exc.strerror or exc}", err=True)
        sys.exit(2)
