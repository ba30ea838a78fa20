"""Parse a treaty text in Markdown into its metadata and articles.

One parser reads both layouts: the source pack's (`## Article 18`, `### title`, `> [Source note ...]`
lines, `## 题注`) and the guide's (`## Article 18 {#art-18}`, paragraph ids `{: #art-18-13 }`,
escaped list markers, editorial notes in `!!! note` admonitions).  Either way the result is the same
articles with the same text, which is how the guide's copy is checked to be verbatim.

Layout rules: `# ` lines are structural divisions (part, chapter, section), except a first `# `
line equal to the title; each `## ` heading is a citable unit (article, preamble, closing formula,
annex, appendix); a `### ` line directly under an article heading is that article's title; a text
line directly under a division heading continues that heading (a heading the source split over two
lines); every other non-empty line is one paragraph of text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}

EN_ARTICLE = re.compile(r"^Article (\d+[a-z]*)$")
CN_ARTICLE = re.compile(r"^第([零〇一二两三四五六七八九十百千]+)条$")
OTHER_UNITS = {"preamble": "preamble", "closing formula": "closing-formula", "annex": "annex", "appendix": "appendix"}
EDITORIAL_HEADINGS = {"题注"}
APPENDIX = re.compile(r"^(Appendix|Annex) ([IVXLC]+)(?: — (.+))?$")
ANCHOR = re.compile(r"\s*\{#([a-z0-9-]+)\}$")
ATTR_LINE = re.compile(r"^\{:\s*#([a-z0-9-]+)\s*\}$")
SOURCE_NOTE = re.compile(r"^> \[([^\]]+)\]\s*(.*)$")
ADMONITION = re.compile(r'^!!! \w+(?: "([^"]*)")?$')
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")

EN_PARAGRAPH = re.compile(r"^(\d+)\.(?:\s|$)")
CN_PARAGRAPH = re.compile(r"^([一二三四五六七八九十]+)、")
CN_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
DIVISION_RANK = {"part": 0, "编": 0, "附则": 0, "chapter": 1, "章": 1, "section": 2, "节": 2, "title": 3}


class TreatyParseError(ValueError):
    """A treaty file that does not follow the layout; carries the file and line."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Paragraph:
    number: str | None  # "13" for numbered paragraphs (Chinese laws: the 款 by position); None otherwise
    lines: tuple[str, ...]  # the text, one source paragraph per line (sub-paragraphs and items included)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Article:
    number: str  # "18"; "6" for 第六条; "preamble", "closing-formula", "annex", "appendix-iii"
    label: str  # the heading as printed: "Article 18", "第六条", "Preamble"
    title: str | None  # "Mutual legal assistance", where the text gives one
    part: str | None  # the divisions it sits in: "CHAPTER IV — INTERNATIONAL COOPERATION"
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[str, ...] = ()  # editorial notes attached to the unit (never treaty text)
    line: int = field(default=0, compare=False)  # line of the heading in the file

    @property
    def anchor(self) -> str:
        return f"art-{self.number}" if self.is_article else self.number

    @property
    def is_article(self) -> bool:
        return self.number[0].isdigit()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def paragraph_anchor(self, paragraph: Paragraph) -> str:
        return f"{self.anchor}-{paragraph.number}"

    def cite(self, paragraph: Paragraph | None = None) -> str:
        """'18(13)', '18', 'preamble'."""
        if paragraph is not None and paragraph.number:
            return f"{self.number}({paragraph.number})"
        return self.number


@dataclass(frozen=True)
class Treaty:
    path: str
    meta: dict[str, Any]
    articles: tuple[Article, ...]
    notes: tuple[str, ...] = ()  # editorial notes outside any unit (题注)
    divisions: tuple[tuple[int, str], ...] = field(default=(), repr=False)  # (line, heading) of each "# " line

    @property
    def text_id(self) -> str:
        """The file's id: its name without the language suffix (untoc, ets030-consolidated)."""
        return self.meta["id"]

    @property
    def instrument(self) -> str:
        """The instrument record the text belongs to (differs from text_id for a few files)."""
        return self.meta.get("instrument") or self.meta["id"]

    @property
    def language(self) -> str:
        return self.meta["language"]

    @property
    def title(self) -> str:
        return self.meta["title"]

    def article(self, number: str) -> Article:
        for article in self.articles:
            if article.number == number:
                return article
        raise KeyError(f"{self.text_id} has no unit {number!r}")


def cn_number(numeral: str) -> int:
    """二十三 → 23, 七十 → 70, 十 → 10, 一百零五 → 105."""
    total, digit = 0, None
    for char in numeral:
        if char in CN_DIGITS:
            digit = CN_DIGITS[char]
        elif char in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + (digit or 0)


def unescape(line: str) -> str:
    return MD_ESCAPE.sub(r"\1", line)


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], list[str], int]:
    """Front matter, the body lines, and the line number (1-based) of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise TreatyParseError(path, 1, "a treaty file starts with YAML front matter between '---' lines")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise TreatyParseError(path, 1, "the front matter is not closed by a '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        raise TreatyParseError(path, 2, f"front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise TreatyParseError(path, 2, "front matter must be a YAML mapping")
    for key in ("id", "title", "language"):
        if not meta.get(key):
            raise TreatyParseError(path, 2, f"front matter has no {key!r}")
    return meta, lines[end + 1:], end + 2


def _unit(heading: str) -> tuple[str, str | None] | None:
    """('18', None) for 'Article 18', ('appendix-iii', 'List of ...') for an appendix; None if unknown."""
    if m := EN_ARTICLE.match(heading):
        return m.group(1), None
    if m := CN_ARTICLE.match(heading):
        return str(cn_number(m.group(1))), None
    if m := APPENDIX.match(heading):
        return f"{m.group(1).lower()}-{m.group(2).lower()}", m.group(3)
    if heading.lower() in OTHER_UNITS:
        return OTHER_UNITS[heading.lower()], None
    return None


def _division_rank(heading: str) -> int:
    first = heading.split()[0].lower()
    if first in DIVISION_RANK:
        return DIVISION_RANK[first]
    if heading.startswith("第") and len(heading.split()[0]) > 1:
        return DIVISION_RANK.get(heading.split()[0][-1], 1)
    return 1


def paragraphs_of(lines: list[str], language: str, kind: str) -> tuple[Paragraph, ...]:
    """Group a unit's lines into paragraphs with their numbers.

    English and the Chinese treaties number paragraphs in the text ("13." / "一、"); a number is taken
    only when it continues the sequence, so quoted or cross-referenced numbers stay in the paragraph.
    Unnumbered text before a "2." is paragraph 1 (the source left its number out).
    Chinese laws do not number their 款: each line that is not an item （一） starts the next one.
    """
    if not lines:
        return ()
    pattern = CN_PARAGRAPH if language == "zh" else EN_PARAGRAPH
    positional = kind == "domestic-law" and language == "zh" and not any(pattern.match(x) for x in lines)
    groups: list[tuple[str | None, list[str]]] = []
    last = 0
    for line in lines:
        if positional:
            starts = not CN_ITEM.match(line) or not groups
            number = str(len(groups) + 1) if starts else None
        else:
            m = pattern.match(line)
            value = (cn_number(m.group(1)) if language == "zh" else int(m.group(1))) if m else None
            starts = value is not None and (value == last + 1 or (last == 0 and bool(groups) and value > 1))
            if starts and value > last + 1:
                # the text before is a paragraph whose number the source left out ("2." follows
                # unnumbered text) or a fragment of an earlier one (partial copies)
                if value == 2:
                    groups[0] = ("1", groups[0][1])
                last = value - 1
            number = str(value) if starts else None
        if starts:
            last += 1
            groups.append((number, [line]))
        elif groups:
            groups[-1][1].append(line)
        else:
            groups.append((None, [line]))
    if positional and len(groups) == 1:
        groups = [(None, groups[0][1])]
    return tuple(Paragraph(number, tuple(body)) for number, body in groups)


def parse_markdown(text: str, path: str = "<treaty>") -> Treaty:
    meta, lines, first_line = split_front_matter(text, path)
    language, kind = meta["language"], meta.get("kind", "")
    articles: list[Article] = []
    divisions: list[tuple[int, str]] = []
    loose_notes: list[str] = []
    stack: list[tuple[int, str]] = []  # open divisions with their rank
    current: dict[str, Any] | None = None  # the unit being read
    in_editorial = False
    seen_title = False
    after_division = False  # the last line read was a division heading (or its continuation)
    i = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            articles.append(Article(
                number=current["number"], label=current["label"], title=current["title"], part=current["part"],
                paragraphs=paragraphs_of(current["lines"], language, kind), notes=tuple(current["notes"]),
                line=current["line"]))
        current = None

    def add_note(note: str) -> None:
        (current["notes"] if current is not None and not in_editorial else loose_notes).append(note)

    while i < len(lines):
        raw = lines[i].rstrip()
        lineno = first_line + i
        i += 1
        if not raw.strip() or ATTR_LINE.match(raw.strip()):
            continue
        if m := ADMONITION.match(raw):
            body: list[str] = []
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                if lines[i].strip():
                    body.append(lines[i].strip())
                i += 1
            if m.group(1) in EDITORIAL_HEADINGS:  # the 题注 lines, each a note as in the source
                loose_notes.extend(body)
            else:
                add_note(" ".join(body))
            continue
        if m := SOURCE_NOTE.match(raw):
            add_note(m.group(2))
            continue
        if raw.startswith("# "):
            heading = ANCHOR.sub("", raw[2:]).strip()
            if not seen_title and not articles and current is None and heading == meta["title"]:
                seen_title = True
                continue
            close()
            in_editorial = False
            rank = _division_rank(heading)
            stack = [(r, h) for r, h in stack if r < rank] + [(rank, heading)]
            divisions.append((lineno, heading))
            after_division = True
            continue
        if after_division and not raw.startswith("#") and current is None:
            heading = f"{stack[-1][1]}{raw.strip()}"
            stack[-1] = (stack[-1][0], heading)
            divisions[-1] = (divisions[-1][0], heading)
            continue
        after_division = False
        if raw.startswith("## "):
            close()
            heading = ANCHOR.sub("", raw[3:]).strip()
            if heading in EDITORIAL_HEADINGS:
                in_editorial = True
                continue
            in_editorial = False
            unit = _unit(heading)
            if unit is None:
                raise TreatyParseError(path, lineno, f"unknown heading {heading!r} (expected 'Article N', '第N条', 'Preamble', 'Closing formula', 'Annex' or 'Appendix')")
            number, title = unit
            if any(a.number == number for a in articles):
                raise TreatyParseError(path, lineno, f"{heading!r} appears twice")
            current = {"number": number, "label": heading, "title": title, "lines": [], "notes": [],
                       "part": " / ".join(h for _, h in stack) or None, "line": lineno}
            continue
        if raw.startswith("### "):
            if current is None or current["lines"] or current["title"]:
                raise TreatyParseError(path, lineno, "a '### ' title belongs directly under an article heading")
            current["title"] = ANCHOR.sub("", raw[4:]).strip()
            continue
        if raw.startswith("#"):
            raise TreatyParseError(path, lineno, f"heading level not used in treaty texts: {raw[:40]!r}")
        if in_editorial:
            loose_notes.append(raw.strip())
            continue
        if current is None:
            raise TreatyParseError(path, lineno, f"text outside any article: {raw[:60]!r}")
        current["lines"].append(unescape(raw.strip()))
    close()
    if not articles:
        raise TreatyParseError(path, first_line, "no article headings found")
    return Treaty(path=path, meta=meta, articles=tuple(articles), notes=tuple(loose_notes), divisions=tuple(divisions))


def parse_file(path: Path, shown: str | None = None) -> Treaty:
    return parse_markdown(path.read_text(encoding="utf-8"), shown or str(path))
