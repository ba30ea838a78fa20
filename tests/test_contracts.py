"""Docs and data as tested contracts: the real directory is valid and canonical, generated files are current,
every command is documented."""
from __future__ import annotations

import re

from conftest import REPO, run_mlakb


def test_real_directory_passes_the_checks(real_directory):
    """What `mlakb check` runs (tests/test_check.py runs the command), on the directory loaded once per session."""
    from mlakb.records.check import check_directory
    from mlakb.records.kb_check import kb_problems

    problems = sorted(set(check_directory(real_directory, REPO) + kb_problems(REPO)))
    assert problems == [], "\n".join(str(p) for p in problems[:100])


def test_real_directory_is_in_canonical_form(real_directory):
    """What `mlakb fmt --check` compares (tests/test_maintain.py runs the command): every file is its canonical form."""
    from mlakb.maintain.canonical import render

    loaded = [*real_directory.jurisdictions.values(), *real_directory.instruments.values(), *real_directory.vocab.values(), real_directory.glossary]
    assert len(loaded) > 300
    different = [item.doc.path for item in loaded if item.file.read_text(encoding="utf-8") != render(item.record, item.kind)]
    assert different == [], f"not in canonical form (run `mlakb fmt`): {different}"


def test_schemas_and_field_reference_are_generated_from_the_models():
    result = run_mlakb("schema", "--check", root=REPO)
    assert result.returncode == 0, result.stdout


def test_every_command_is_documented_in_the_readme():
    from mlakb.cli import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`mlakb ([a-z]+)", readme))
    assert set(cli.commands) <= documented, f"undocumented: {set(cli.commands) - documented}"


def test_every_record_starts_with_its_schema_comment():
    for path in sorted((REPO / "directory").glob("*/*.yaml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert re.fullmatch(r"# yaml-language-server: \$schema=\.\./schema/[a-z]+\.schema\.json", first), path
