"""Copy the source pack's treaty texts into the guide (kb/treaties/), adding only markup.

The words are not touched.  What is added: an `instrument` key in the front matter (the record the
text belongs to), the title as the page heading, a stable anchor per unit (`{#art-18}`) and per
numbered paragraph (`{: #art-18-13 }`), backslashes that stop Markdown from reading "13." as a list
or two backticks as code, and editorial notes (题注, "[Source note, not treaty text]") moved into
admonitions.  `tests/test_treaty_collection.py` checks that the guide's copy parses to the same
articles, word for word, as the source.

    python -m mlakb.treaties.collection ../shared/sources/treaties kb/treaties
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .articles import ANCHOR, SOURCE_NOTE, Treaty, parse_markdown

# source files whose id is not the instrument id
INSTRUMENT_OF = {
    "cets209": "ets209",
    "ets030-consolidated": "ets030",
    "cn-can-mlat-1994": "cn-can-mla",
    "cn-us-mlaa-2000": "cn-usa-mla",
}
LIST_MARKER = re.compile(r"^(\d+)\.")


def escape(line: str) -> str:
    """Keep Markdown from rendering the text as anything else: "13." is not a list, `` is not code."""
    return LIST_MARKER.sub(r"\1\\.", line.replace("`", "\\`"))


def _front_matter(lines: list[str], instrument: str) -> tuple[list[str], int]:
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    head = lines[: end + 1]
    id_line = next(i for i, line in enumerate(head) if line.startswith("id:"))
    head.insert(id_line + 1, f"instrument: {instrument}")
    return head, end + 1


def _paragraph_starts(treaty: Treaty) -> dict[int, list[tuple[str, str]]]:
    """For each unit (by heading line): the first line and anchor of each numbered paragraph, in order."""
    return {a.line: [(p.lines[0], a.paragraph_anchor(p)) for p in a.paragraphs if p.number] for a in treaty.articles}


def render(source: str, path: str = "<treaty>") -> str:
    """The guide's copy of a source treaty file."""
    treaty = parse_markdown(source, path)
    lines = source.split("\n")
    instrument = INSTRUMENT_OF.get(treaty.text_id, treaty.text_id)
    out, body_start = _front_matter(lines, instrument)
    out += ["", f"# {treaty.title}"]
    units = {a.line: a for a in treaty.articles}
    starts = _paragraph_starts(treaty)
    pending: list[tuple[str, str]] = []
    i = body_start
    while i < len(lines):
        raw = lines[i].rstrip()
        lineno = i + 1
        i += 1
        if raw.startswith("## ") and ANCHOR.sub("", raw[3:]).strip() == "题注":
            out.append('!!! info "题注"')
            while i < len(lines) and not lines[i].startswith("#"):
                if lines[i].strip():
                    out.append(f"    {lines[i].strip()}")
                i += 1
            out.append("")
            continue
        if raw.startswith("## ") and lineno in units:
            unit = units[lineno]
            out.append(f"{raw} {{#{unit.anchor}}}")
            pending = list(starts[lineno])
            continue
        if m := SOURCE_NOTE.match(raw):
            out += [f'!!! note "{m.group(1)}"', f"    {m.group(2)}"]
            continue
        if raw.startswith("#") or not raw.strip():
            out.append(raw)
            continue
        out.append(escape(raw))
        if pending and raw.strip() == pending[0][0]:
            out.append(f"{{: #{pending.pop(0)[1]} }}")
    return "\n".join(out).rstrip("\n") + "\n"


def collect(source_dir: Path, kb_dir: Path) -> list[Path]:
    kb_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(source_dir.glob("*.md")):
        target = kb_dir / source.name
        target.write_text(render(source.read_text(encoding="utf-8"), str(source)), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    source_dir, kb_dir = Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "kb/treaties")
    for written in collect(source_dir, kb_dir):
        print(written)
