from __future__ import annotations

import html
import re
import sys

import click

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


@click.command("search")
@click.argument("query")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="only texts in this language")
@click.option("--instrument", metavar="ID", help="only this instrument, e.g. untoc, cn-icjal-2018")
@click.option("--kind", type=click.Choice(["multilateral", "bilateral", "domestic-law"]), help="only this kind of instrument")
@click.option("--limit", type=click.IntRange(min=1, max=200), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="print the hits as JSON")
def command(query: str, lang: str | None, instrument: str | None, kind: str | None, limit: int, as_json: bool) -> None:
    """Search the treaty texts, in Chinese or English (terms of the glossary are searched in both).

    QUERY: words (all must appear), "a phrase", AND / OR / NOT, and filters such as
    instrument:untoc, article:18, lang:zh.  Exit status 2 when the query cannot be read.
    """
    from ..treaties.search import SearchError, hits_json, search

    try:
        hits = search(query, lang=lang, instrument=instrument, kind=kind, limit=limit)
    except SearchError as exc:
        click.echo(f"mlakb search: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(hits_json(hits))
        return
    if not hits:
        click.echo("no article matches", err=True)
        return
    for hit in hits:
        where = ", ".join(hit.paragraphs) if hit.paragraphs else hit.article
        title = f" — {hit.title}" if hit.title else ""
        click.echo(click.style(f"{hit.instrument} {hit.label}{title}", bold=True) + f"  [{hit.language}] {where}")
        snippet = MARK.sub(lambda m: click.style(m.group(1), bold=True, underline=True), hit.snippet)
        click.echo(f"    {html.unescape(snippet)}".replace("\n", " "))
        click.echo(f"    {hit.url}")
