"""A guide or template link that names a paragraph of a treaty or law lands on that paragraph, not on the article's top."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlakb.guide.pages import scan_treaties
from mlakb.treaties.articles import CN_DIGITS, CN_UNITS, cn_number

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\[([^\]]*)\]\(\.\./treaties/([a-z0-9-]+)\.md#(art-(\d+)(?:-(\d+))?)\)")
NUMBER = rf"(\d+|[{''.join([*CN_DIGITS, *CN_UNITS])}]+)"  # the numerals cn_number reads
ZH_PARAGRAPH = re.compile(rf"第{NUMBER}条第{NUMBER}款")


def _int(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else cn_number(numeral)


def named_paragraph(label: str, article: int) -> int | None:
    """The first paragraph of `article` the link text names: "UNTOC art. 18(9)", "第十八条第九款"."""
    found = []
    if en := re.search(rf"(?<![\d.]){article}\((\d+)\)", label):
        found.append((en.start(), int(en.group(1))))
    zh = next((m for m in ZH_PARAGRAPH.finditer(label) if _int(m.group(1)) == article), None)
    if zh:
        found.append((zh.start(), _int(zh.group(2))))
    return min(found)[1] if found else None


@pytest.mark.parametrize("label, article, paragraph", [
    ("UNTOC art. 18(15)", 18, 15),
    ("UNTOC arts. 16(16), 18(26)", 18, 26),
    ("ICJAL art. 25(1)(ii)", 25, 1),
    ("ETS 182 第九条第八款", 9, 8),
    ("《有组织犯罪公约》第18条第15款(c)项、第16款", 18, 15),
    ("第二十五条第一款第（二）项、第二十六条第（四）项", 25, 1),
    ("第十四条第（一）项", 14, None),  # an item of a one-paragraph article, not a paragraph
    ("UNCAC art. 46", 46, None),
])
def test_named_paragraph(label, article, paragraph):
    assert named_paragraph(label, article) == paragraph


def test_links_that_name_a_paragraph_point_at_it():
    treaties = scan_treaties(ROOT / "kb" / "treaties")
    pages = sorted((ROOT / "kb" / "guide").glob("*.md")) + sorted((ROOT / "kb" / "templates").glob("*.md"))
    held = {stem: set().union(*treaty.anchors.values()) for stem, treaty in treaties.items()}
    checked, wrong = 0, []
    for page in pages:
        for match in LINK.finditer(page.read_text(encoding="utf-8")):
            label, stem, anchor, article, _ = match.groups()
            paragraph = named_paragraph(label, int(article))
            if paragraph is not None and f"art-{article}-{paragraph}" in held.get(stem, ()):
                checked += 1
                if anchor != f"art-{article}-{paragraph}":
                    wrong.append(f"{page.relative_to(ROOT)}: {match.group(0)}")
    assert checked > 100  # the guide's four pages and the templates cite paragraphs throughout
    assert not wrong, "\n".join(wrong)
