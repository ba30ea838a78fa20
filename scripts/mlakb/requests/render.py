"""The letter of request as Markdown (Jinja2) or DOCX (python-docx); `both` puts Chinese and English side by side."""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

import jinja2
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .facts import Facts
from .letter import Letter, build
from .model import RequestDraft

LANG_NAMES = {"zh": "中文", "en": "English"}


def letters(draft: RequestDraft, facts: Facts, lang: str) -> list[Letter]:
    return [build(draft, facts, code) for code in (("zh", "en") if lang == "both" else (lang,))]


_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_BLOCK = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def md_text(value) -> str:
    """One line of text that Markdown shows as written: HTML escaped, markup characters backslash-escaped."""
    escaped = _SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False))
    return _BLOCK.sub(lambda m: m[1] + (m[2][:-1] + "\\" + m[2][-1] if m[2][0].isdigit() else "\\" + m[2]), escaped)


def _lines(value) -> list[str]:
    items = [value] if isinstance(value, str) else value
    return [line for item in items for line in str(item).splitlines() if line.strip()]


def _para(value) -> str:
    """Lines as inert Markdown, kept on separate lines (hard breaks)."""
    return "  \n".join(md_text(line) for line in _lines(value))


def _cell(value) -> str:
    return "<br>".join(md_text(line) for line in _lines(value))


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=False,
                          trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
# every value goes through an escaping filter: text from a draft can never become markup
_ENV.filters.update(t=md_text, para=_para, cell=_cell)
_ENV.globals["zip"] = zip


def render_markdown(draft: RequestDraft, facts: Facts, lang: str) -> str:
    return _ENV.get_template("letter.md.j2").render(letters=letters(draft, facts, lang), names=LANG_NAMES)


def render_docx(draft: RequestDraft, facts: Facts, lang: str) -> bytes:
    parts = letters(draft, facts, lang)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # the usual face of Chinese official letters
    _a4_with_page_numbers(doc, parts[0].lang)
    if len(parts) == 1:
        _letter(doc, parts[0])
    else:
        _side_by_side(doc, *parts)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _a4_with_page_numbers(doc, lang: str) -> None:
    """A4 paper (python-docx starts from US Letter) with 25 mm margins, and the page number in the footer."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = ("第 ", " 页") if lang == "zh" else ("Page ", "")
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(after)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word computes it when the document is laid out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _letter(doc, letter: Letter) -> None:
    for line in letter.sender + letter.meta:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run(letter.to_label).bold = True
    for line in letter.addressee:
        doc.add_paragraph(line)
    doc.add_heading(letter.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(letter.opening)
    for number, (heading, items) in enumerate(letter.sections, 1):
        doc.add_heading(f"{number}. {heading}", level=1)
        for item in items:
            doc.add_paragraph(item)
    for line in letter.signature:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _side_by_side(doc, a: Letter, b: Letter) -> None:
    doc.add_heading(f"{a.title} / {b.title}", level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    _row(table, [(None, [LANG_NAMES[a.lang]])], [(None, [LANG_NAMES[b.lang]])], bold=True)
    _row(table, [(None, a.sender + a.meta)], [(None, b.sender + b.meta)])
    _row(table, [(a.to_label, a.addressee)], [(b.to_label, b.addressee)])
    _row(table, [(None, [a.opening])], [(None, [b.opening])])
    for number, ((ha, ia), (hb, ib)) in enumerate(zip(a.sections, b.sections), 1):
        _row(table, [(f"{number}. {ha}", ia)], [(f"{number}. {hb}", ib)])
    _row(table, [(None, a.signature)], [(None, b.signature)])


def _row(table, left, right, bold: bool = False) -> None:
    cells = table.add_row().cells
    for cell, blocks in zip(cells, (left, right)):
        cell.paragraphs[0].text = ""
        first = True
        for heading, items in blocks:
            for text, is_heading in ([(heading, True)] if heading else []) + [(x, False) for x in items]:
                paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                paragraph.add_run(text).bold = bold or is_heading
