"""`mlakb request render`: the letter of request as DOCX (opened with python-docx) and Markdown."""
from __future__ import annotations

import shutil

import docx
import markdown
import pytest
import yaml

from conftest import run_mlakb
from request_setup import DRAFTS

SECTIONS_ZH = ["法律依据", "请求机关及诉讼程序", "案件事实摘要", "罪名、法律条文及刑罚", "行为描述（双重犯罪）", "有关人员和单位", "资产和账户",
               "请求协助的事项", "所请求协助与案件的关联", "请求目的", "希望采用的程序", "保密要求", "保证", "语文及译文", "联系人"]
SECTIONS_EN = ["Legal basis", "Requesting authority and proceedings", "Summary of the facts", "Offences, provisions and penalties",
               "Description of the conduct (dual criminality)", "Persons and entities concerned", "Assets and accounts", "Assistance requested",
               "Link between the assistance and the investigation", "Purpose of the request", "Procedure to be followed", "Confidentiality",
               "Assurances", "Language and translation", "Contact for follow-up"]


@pytest.fixture(scope="module")
def root(request_repo):
    return request_repo


def render(root, tmp_path, *args, draft="complete.yaml"):
    source = tmp_path / draft
    shutil.copy(DRAFTS / draft, source)
    result = run_mlakb("request", "render", str(source), *args, root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    return source


def test_docx_in_chinese_has_the_sections_and_the_addressee(root, tmp_path):
    source = render(root, tmp_path, "--format", "docx", "--lang", "zh")
    document = docx.Document(source.with_suffix(".docx"))  # default name: the draft's, with .docx
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.split(". ", 1)[1] for h in headings][:len(SECTIONS_ZH)] == SECTIONS_ZH
    text = "\n".join(p.text for p in document.paragraphs)
    assert "刑事司法协助请求书" in text and "Department of Justice Canada" in text and "284 Wellington Street, 2nd floor, Ottawa, ON K1A 0H8" in text
    # made in the name of the competent authority that approved it, transmitted by the foreign-contact authority
    assert "2026年11月25日" in text and "最高人民检察院依据《中华人民共和国和加拿大关于刑事司法协助的条约》" in text
    assert "本请求书由示例市人民检察院制作，经最高人民检察院审核同意，由司法部转递（《国际刑事司法协助法》第九条）。" in text
    assert "请求机关：最高人民检察院" in text and "转递机关：司法部" in text
    # the addressee has no Chinese name in the directory: the State and the kind of authority in Chinese, the original beside
    assert "加拿大中央机关（Department of Justice Canada）" in text
    assert "Example Bank of Canada, Vancouver branch" in text and "张华" in text


def test_docx_both_languages_side_by_side(root, tmp_path):
    out = tmp_path / "letter.docx"
    render(root, tmp_path, "--format", "docx", "--lang", "both", "-o", str(out))
    [table] = docx.Document(out).tables
    assert len(table.columns) == 2
    rows = [(row.cells[0].text, row.cells[1].text) for row in table.rows]
    assert rows[0] == ("中文", "English")
    for number, (zh, en) in enumerate(zip(SECTIONS_ZH, SECTIONS_EN), 1):
        assert any(left.startswith(f"{number}. {zh}") and right.startswith(f"{number}. {en}") for left, right in rows), (zh, en)
    facts = next(r for r in rows if r[0].startswith("3. "))
    assert "犯罪嫌疑人李某" in facts[0] and "the suspect Li" in facts[1]
    assert any("Canada" in right and "加拿大" in left for left, right in rows)  # the addressee's State in each language


def test_markdown_in_english(root, tmp_path):
    out = tmp_path / "letter.md"
    render(root, tmp_path, "--format", "md", "--lang", "en", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "# Request for Mutual Legal Assistance in Criminal Matters" in text
    assert [line for line in text.splitlines() if line.startswith("## ")][:3] == ["## 1. Legal basis", "## 2. Requesting authority and proceedings", "## 3. Summary of the facts"]
    assert "Date: November 25, 2026" in text and "Department of Justice Canada" in text


def test_markdown_cannot_carry_markup_from_a_draft(root, tmp_path):
    draft = yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8"))
    draft["facts"] = "<script>alert(1)</script> [click](javascript:alert(1)) ![x](http://example.org/x.png)\n# not a heading\n1. not a list"
    (tmp_path / "hostile.yaml").write_text(yaml.safe_dump(draft, allow_unicode=True), encoding="utf-8")
    for lang in ("en", "both"):
        out = tmp_path / f"hostile-{lang}.md"
        result = run_mlakb("request", "render", str(tmp_path / "hostile.yaml"), "--format", "md", "--lang", lang, "-o", str(out), root=root, build=root / "build")
        assert result.returncode == 0, result.stderr
        html = markdown.markdown(out.read_text(encoding="utf-8"), extensions=["tables"])
        assert "<script" not in html and "<a " not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<h1>not a heading" not in html and "<ol>" not in html


def test_a_draft_with_problems_is_not_rendered(root, tmp_path):
    result = run_mlakb("request", "render", str(DRAFTS / "bad-vocab.yaml"), "-o", str(tmp_path / "x.docx"), root=root, build=root / "build")
    assert result.returncode == 1 and "E-VOCAB" in result.stderr and not (tmp_path / "x.docx").exists()


def test_output_folder_is_created(root, tmp_path):
    out = tmp_path / "nodir" / "x.md"
    render(root, tmp_path, "--format", "md", "--lang", "en", "-o", str(out))
    assert "# Request for Mutual Legal Assistance in Criminal Matters" in out.read_text(encoding="utf-8")


def test_unwritable_output_is_reported_without_a_traceback(root, tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run_mlakb("request", "render", str(DRAFTS / "complete.yaml"), "--format", "md", "-o", str(tmp_path / "file" / "x.md"), root=root, build=root / "build")
    assert result.returncode == 2 and "mlakb request render: cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_fixed_wording_exists_in_both_languages():
    from mlakb.requests.draft import guidance
    from mlakb.requests.letter import wording

    def leaves(node):
        if set(node) == {"en", "zh"}:
            yield node
        else:
            for value in node.values():
                yield from leaves(value)

    for entry in [*leaves(wording()), *leaves(guidance())]:
        assert isinstance(entry["en"], str) and isinstance(entry["zh"], str) and entry["en"] and entry["zh"], entry


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_docx_is_a4_with_a_page_number_field(root, tmp_path, lang):
    import re
    import zipfile

    out = tmp_path / f"letter-{lang}.docx"
    render(root, tmp_path, "--format", "docx", "--lang", lang, "-o", str(out))
    with zipfile.ZipFile(out) as package:
        document = package.read("word/document.xml").decode()
        footers = [package.read(n).decode() for n in package.namelist() if re.fullmatch(r"word/footer\d*\.xml", n)]
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', document)
    assert size and (int(size[1]), int(size[2])) == (11906, 16838)  # 210 x 297 mm in twentieths of a point
    assert 'r:id="' in re.search(r"<w:footerReference[^>]*>", document)[0]
    footer = next(f for f in footers if "fldChar" in f)
    assert re.search(r'<w:fldChar w:fldCharType="begin"/>.*<w:instrText[^>]*> PAGE </w:instrText>.*<w:fldChar w:fldCharType="end"/>', footer, re.S)
    assert ("第 " in footer) == (lang != "en")


def test_letter_cites_the_articles_from_the_instruments_provisions(root, tmp_path):
    draft = yaml.safe_load((DRAFTS / "complete.yaml").read_text(encoding="utf-8"))
    draft["legal_basis"] = {"instruments": ["cn-can-mla", "untoc"], "articles": None}  # the fixture's UNTOC records 18(13) and 18(9)
    (tmp_path / "untoc.yaml").write_text(yaml.safe_dump(draft, allow_unicode=True), encoding="utf-8")
    for lang, expected in (("zh", "所援引的条款：《联合国打击跨国有组织犯罪公约》"), ("en", "Articles cited: UNTOC")):
        out = tmp_path / f"untoc-{lang}.md"
        result = run_mlakb("request", "render", str(tmp_path / "untoc.yaml"), "--format", "md", "--lang", lang, "-o", str(out), root=root, build=root / "build")
        assert result.returncode == 0, result.stderr
        line = next(l for l in out.read_text(encoding="utf-8").splitlines() if l.startswith(expected))
        assert "Treaty between" not in line and "关于刑事司法协助的条约" not in line  # articles, never a title
