"""Docs and data as tested contracts: the real directory is valid and canonical, generated files are current,
every command is documented."""
from __future__ import annotations

import re

from conftest import REPO, run_mlakb


def test_real_directory_passes_the_checks():
    result = run_mlakb("check", root=REPO)
    assert result.returncode == 0, result.stdout[-5000:]


def test_real_directory_is_in_canonical_form():
    result = run_mlakb("fmt", "--check", root=REPO)
    assert result.returncode == 0, result.stdout[-5000:]


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
