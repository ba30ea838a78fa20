"""Every diagnostic code in the registry (scripts/mlakb/common/codes.yaml) has an input that produces it, at a
position, and every code the checks emit is in the registry (so CONTRIBUTING.md documents it)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mlakb.common.codes import codes
from mlakb.records.check import check_directory
from mlakb.records.directory import load_directory
from mlakb.records.kb_check import kb_problems

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
VALID = (ROOT / "tests" / "fixtures" / "bad" / "valid.yaml").read_text(encoding="utf-8")
J = "directory/jurisdictions/deu.yaml"


def valid(*edits: tuple[str, str]) -> str:
    text = VALID
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def nested(depth: int) -> str:
    return "id: deu\nx: " + "[" * depth + "]" * depth + "\n"


def untoc(edit: tuple[str, str]) -> str:
    text = (MINI / "directory/instruments/untoc.yaml").read_text(encoding="utf-8")
    return text.replace(*edit, 1)


# code: (file to write, its content); every one of them breaks a valid mini directory in one way
CASES: dict[str, tuple[str, str | bytes]] = {
    "E-READ": ("directory/jurisdictions/gone.yaml", None),  # listed, then gone before it is read
    "E-SIZE": (J, "id: deu\nnotes: '" + "x" * 1_100_000 + "'\n"),
    "E-BOM": (J, b"\xef\xbb\xbf" + VALID.encode()),
    "E-ENCODING": (J, VALID.encode().replace(b"Germany", b"Germ\xffny")),
    "E-CHAR": (J, valid(("en: Germany", "en: Germ\x07ny"))),
    "E-YAML": (J, valid(("  en: Germany\n", "  en: Germany\n   zh: [unclosed\n"))),
    "E-ALIAS": (J, valid(("  en: Germany", "  en: *nothing"))),
    "E-ANCHOR": (J, valid(("  en: Germany", "  en: &n Germany"))),
    "E-TAG": (J, valid(("  en: Germany", "  en: !custom Germany"))),
    "E-MERGE": (J, valid(("region: europe\n", "region: europe\n<<: {un_name: Germany}\n"))),
    "E-KEY": (J, valid(("region: europe\n", "region: europe\n? [a, b]\n: pair\n"))),
    "E-DUPKEY": (J, valid(("region: europe\n", "region: europe\nregion: asia\n"))),
    "E-DEPTH": (J, nested(60)),
    "E-EMPTY": (J, ""),
    "E-DOCS": (J, VALID + "---\nid: deu\n"),
    "E-SHAPE": (J, "- deu\n- Germany\n"),
    "E-PLACE": ("directory/jurisdictions/deu.yml", VALID),
    "E-FIELD": (J, valid(("region: europe\n", "region: europe\nregion_note: x\n"))),
    "E-MISSING": (J, valid(("  kind: central-authority\n", ""))),
    "E-VALUE": (J, valid(("    codes: [de]", "    codes: [xx]"))),
    "E-ID": (J, valid(("- id: deu-bfj", "- id: bfj"))),
    "E-DUPID": (J, valid(("- id: deu-bfj", "- id: can-iag"))),
    "E-DUP": (J, valid(("  handles: [mla]", "  handles: [mla, mla]"))),
    "E-DUPPARTY": ("directory/instruments/untoc.yaml", untoc(("- state: chn", "- state: can"))),
    "E-DUPSOURCE": (J, valid(("  kind: official\n", "  kind: official\n- id: guide\n  title: Again\n  url: https://example.org/again\n  kind: official\n"))),
    "E-DUPTERM": ("directory/vocab/glossary.yaml", "id: glossary\ntitle: {en: Glossary, zh: 术语表}\nterms:\n- {en: dual criminality, zh: 双重犯罪}\n- {en: Dual criminality, zh: 双重归罪}\n"),
    "E-COUNTRY": (J, valid(("iso2: DE", "iso2: FR"))),
    "E-PHONE": (J, valid(("'+49 228 99 410 40'", "'+49 12'"))),
    "E-VOCAB": (J, valid(("  - channel: diplomatic", "  - channel: carrier-pigeon"))),
    "E-REF": (J, valid(("region: europe\n", "region: europe\npart_of: zzz\n"))),
    "E-SOURCEREF": (J, valid(("  sources: [guide]\n  verified", "  sources: [nowhere]\n  verified"))),
    "E-UNUSEDSOURCE": (J, valid(("  kind: official\n", "  kind: official\n- id: spare\n  title: Spare\n  url: https://example.org/spare\n  kind: official\n"))),
    "E-FUTURE": (J, valid(("  kind: official\n", "  kind: official\n  as_of: '2099'\n"))),
    "E-UNKNOWN": (J, valid(("region: europe\n", "region: europe\nunknown: [central-authority]\n"))),
    "E-COVERAGE": (J, valid(("  kind: central-authority", "  kind: competent-authority"))),
    "E-KB-SCRIPT": ("kb/guide/note.en.md", "# Note\n\n<script>alert(1)</script>\n"),
    "E-KB-SYMLINK": ("kb/guide/linked.en.md", Path("/etc/hostname")),
}


def problems_with(tmp_path: Path, code: str) -> list:
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    name, content = CASES[code]
    target = root / name
    if content is None:
        directory = load_directory(root / "directory", paths=[target], base=root)
        return directory.problems
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        target.symlink_to(content)
        return kb_problems(root)
    if name.startswith("kb/"):
        target.write_text(content, encoding="utf-8")
        return kb_problems(root)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return check_directory(load_directory(root / "directory", base=root), root)


def test_every_registered_code_has_a_case_and_every_case_a_registered_code():
    assert set(CASES) == set(codes())


def test_every_code_the_checks_emit_is_registered():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "scripts" / "mlakb").rglob("*.py"))
    emitted = set(re.findall(r'"(E-[A-Z0-9-]+)"', source))
    assert emitted <= set(codes()), emitted - set(codes())


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_reported_at_a_position(tmp_path, code):
    problems = problems_with(tmp_path, code)
    assert code in {p.code for p in problems}, problems
    found = next(p for p in problems if p.code == code)
    assert found.line >= 1 and found.col >= 1 and found.message and found.severity == codes()[code]["severity"]


def test_check_fix_removes_repetitions_and_says_so(tmp_path):
    from click.testing import CliRunner

    from mlakb.cli import cli

    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / J).write_text(valid(("  handles: [mla]", "  handles:\n  - mla\n  - mla")), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli, ["check"], env={"MLAKB_ROOT": str(root)})
    assert first.exit_code == 1 and "E-DUP 'mla' is listed twice" in first.output
    fixed = runner.invoke(cli, ["check", "--fix"], env={"MLAKB_ROOT": str(root)})
    assert fixed.exit_code == 0, fixed.output
    assert "directory/jurisdictions/deu.yaml: fixed: removed the repeated 'mla' from authorities.0.handles" in fixed.output
    assert "  handles: [mla]\n" in (root / J).read_text(encoding="utf-8")


def test_a_provision_must_point_at_an_article_of_the_text(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / "kb" / "treaties").mkdir(parents=True)
    shutil.copy(ROOT / "tests/fixtures/treaties/texts/untoc.en.md", root / "kb/treaties/untoc.en.md")
    record = root / "directory/instruments/untoc.yaml"
    text = record.read_text(encoding="utf-8").replace("parties_known:", "texts:\n- language: en\n  path: kb/treaties/untoc.en.md\nparties_known:")
    record.write_text(text, encoding="utf-8")
    assert [p for p in check_directory(load_directory(root / "directory", base=root), root) if p.code == "E-REF"] == []
    record.write_text(text.replace("dual-criminality: 18(9)", "dual-criminality: 18(99)"), encoding="utf-8")
    [problem] = [p for p in check_directory(load_directory(root / "directory", base=root), root) if p.code == "E-REF"]
    assert problem.path == "directory/instruments/untoc.yaml" and "18(99)" in problem.message and "art-18-99" in problem.message
