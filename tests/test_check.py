"""`mlakb check` on broken records: one fixture per class of bad input, exact position and message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_mlakb

BAD = FIXTURES / "bad"
TARGET = "directory/jurisdictions/{id}.yaml"

# fixture file, file name it is installed under (the id), expected line
CASES = [
    ("syntax", "deu", "6:6: E-YAML YAML syntax error: mapping values are not allowed in this context"),
    ("unknown-field", "deu", "7:14: E-FIELD region_note: unknown field 'region_note' (see the schema for the allowed fields)"),
    ("missing-field", "deu", "8:3: E-MISSING authorities.0.kind: required field 'kind' is missing"),
    ("duplicate-key", "deu", "6:3: E-DUPKEY key 'en' appears twice in this mapping"),
    ("country", "xyz", "2:5: E-COUNTRY 'xyz' is not an ISO 3166-1 alpha-3 code"),
    ("iso2", "deu", "3:7: E-COUNTRY iso2 of deu is DE, not FR"),
    ("language", "deu", "23:13: E-VALUE authorities.0.languages.codes.0: 'xx' is not an ISO 639-1 language code"),
    ("phone", "deu", "18:13: E-PHONE '+49 12' is not a valid number for DE (check the digits and the country code)"),
    ("email", "deu", "19:13: E-VALUE authorities.0.contacts.0.email.0: 'not-an-email@' is not a valid e-mail address: There must be something after the @-sign."),
    ("url", "deu", "20:14: E-VALUE authorities.0.contacts.0.website: 'ftp://example.org/x' is not an http(s) URL"),
    ("date", "deu", "29:13: E-VALUE authorities.0.verified: Input should be a valid date or datetime, day value is outside expected range"),
    ("vocab", "deu", "26:14: E-VOCAB 'carrier-pigeon' is not in vocab channels"),
    ("instrument-ref", "deu", "14:17: E-REF instrument 'no-such-treaty' has no record in directory/instruments/"),
    ("channel-instrument-ref", "deu", "28:19: E-REF instrument 'cn-deu-mla' has no record in directory/instruments/"),
    ("languages-instrument-ref", "deu", "25:19: E-REF instrument 'eu-mla-2000' has no record in directory/instruments/"),
    ("sourceref", "deu", "28:13: E-SOURCEREF source 'nowhere' is not defined in this record's sources (defined: guide)"),
    ("filename", "deu", "2:5: E-ID id 'fra' must equal the file name 'deu'"),
    ("custom-tag", "deu", "10:9: E-TAG tag !!python/object/apply:os.system is not allowed"),
    ("alias", "deu", "5:7: E-ANCHOR anchor &name is not allowed in records"),
    ("alias-bomb", "deu", "1:4: E-ANCHOR anchor &a is not allowed in records"),
    ("merge", "deu", "1:7: E-ANCHOR anchor &base is not allowed in records"),
    ("html", "deu", "10:9: E-VALUE authorities.0.name.en: looks like HTML, a script or a Markdown link"),
]


def install(root: Path, fixture: str, name: str) -> str:
    target = root / TARGET.format(id=name)
    shutil.copy(BAD / f"{fixture}.yaml", target)
    return TARGET.format(id=name)


def test_the_mini_directory_is_valid(mini):
    result = run_mlakb("check", root=mini)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_a_warning_is_shown_and_does_not_fail_the_check(mini):
    text = (BAD / "valid.yaml").read_text(encoding="utf-8").replace("  - instrument: untoc\n", "  - instrument: untoc\n    matters: [extradition]\n")
    (mini / TARGET.format(id="deu")).write_text(text, encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{TARGET.format(id='deu')}:15:14: W-MATTERS warning: the designation under untoc covers extradition"), result.stdout
    assert "1 warning(s) above" in result.stderr
    built = run_mlakb("build", "--only", "database", root=mini, build=mini / "build")
    assert built.returncode == 0 and "W-MATTERS warning" in built.stdout, built.stdout + built.stderr


def test_the_valid_fixture_is_valid(mini):
    install(mini, "valid", "deu")
    result = run_mlakb("check", root=mini)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("fixture,name,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_record_gets_position_and_message(mini, fixture, name, expected):
    path = install(mini, fixture, name)
    result = run_mlakb("check", root=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{path}:{expected}") for line in lines), lines


def test_all_problems_are_reported_in_one_run(mini):
    install(mini, "phone", "deu")
    install(mini, "country", "xyz")
    (mini / "directory/jurisdictions/tha.yaml").write_text("id: tha\n  bad: [\n", encoding="utf-8")
    result = run_mlakb("check", root=mini)
    paths = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert paths == {"directory/jurisdictions/deu.yaml", "directory/jurisdictions/xyz.yaml", "directory/jurisdictions/tha.yaml"}
    assert result.returncode == 1


def test_duplicate_authority_id_across_files(mini):
    chn = mini / "directory/jurisdictions/chn.yaml"
    chn.write_text(chn.read_text(encoding="utf-8").replace("id: chn-moj", "id: can-iag"), encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/chn.yaml:9:7: E-ID authority id 'can-iag' must start with 'chn-'" in result.stdout
    assert "E-DUPID authority id 'can-iag' is already used in directory/jurisdictions/can.yaml" in result.stdout


def test_non_utf8_file(mini):
    (mini / "directory/jurisdictions/deu.yaml").write_bytes(b"id: deu\nname:\n  en: M\xfcnchen\n")
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/deu.yaml:3:8: E-ENCODING byte 0xfc is not valid UTF-8; save the file as UTF-8" in result.stdout


def test_bom_file(mini):
    (mini / "directory/jurisdictions/deu.yaml").write_bytes(b"\xef\xbb\xbf" + (BAD / "valid.yaml").read_bytes())
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/deu.yaml:1:1: E-BOM file starts with a byte-order mark" in result.stdout


def test_control_character(mini):
    (mini / "directory/jurisdictions/deu.yaml").write_bytes((BAD / "valid.yaml").read_bytes().replace(b"en: Germany", b"en: Germ\x07any"))
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/deu.yaml:5:11: E-CHAR" in result.stdout


def test_oversized_file(mini):
    with open(mini / "directory/jurisdictions/deu.yaml", "wb") as f:
        f.write(b"# " + b"x" * 50_000_000 + b"\n")
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/deu.yaml:1:1: E-SIZE file is 50,000,003 bytes; records are limited to 1,000,000 bytes" in result.stdout
    assert result.returncode == 1


@pytest.mark.parametrize("levels", [50, 5000])
def test_deep_nesting(mini, levels):
    (mini / "directory/jurisdictions/deu.yaml").write_text("id: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/deu.yaml:1:" in result.stdout and "E-DEPTH nesting deeper than 40 levels" in result.stdout
    assert "Traceback" not in result.stderr


def test_norway_language_code_stays_a_string(mini):
    text = (BAD / "valid.yaml").read_text(encoding="utf-8").replace("languages: [de]", "languages: [de, no]")
    (mini / "directory/jurisdictions/deu.yaml").write_text(text, encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert result.returncode == 0, result.stdout


def test_missing_central_authority_must_be_declared_unknown(mini):
    tha = mini / "directory/jurisdictions/tha.yaml"
    tha.write_text(tha.read_text(encoding="utf-8").replace("unknown: [central-authority, languages]\n", "unknown: [languages]\n"), encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert "directory/jurisdictions/tha.yaml:8:10: E-COVERAGE no central authority is named" in result.stdout


def test_missing_general_languages_must_be_declared_unknown(mini):
    """A rule for one treaty or one measure does not say what language a request without that treaty may be in."""
    tha = mini / "directory/jurisdictions/tha.yaml"
    tha.write_text(tha.read_text(encoding="utf-8").replace("unknown: [central-authority, languages]\n", "unknown: [central-authority]\n"), encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert result.returncode == 1
    assert "tha.yaml:8:10: E-COVERAGE no source in the record gives the languages accepted for any request" in result.stdout


def test_a_fact_the_record_looked_for_and_every_request_needs_is_reported_once(mini):
    """W-UNKNOWN-UNLISTED (looked for) and E-COVERAGE (needed) name the same gap: the error alone is printed."""
    tha = mini / "directory/jurisdictions/tha.yaml"
    searched = "searched:\n- looked_for: languages\n  where: Fixture pages\n  'on': '2026-11-23'\n"
    tha.write_text(tha.read_text(encoding="utf-8").replace("unknown: [central-authority, languages]\n", "unknown: [central-authority]\n" + searched), encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["E-COVERAGE"]


def test_check_limited_to_paths(mini):
    install(mini, "phone", "deu")
    install(mini, "country", "xyz")
    result = run_mlakb("check", "directory/jurisdictions/deu.yaml", root=mini)
    assert result.returncode == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"directory/jurisdictions/deu.yaml"}


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory):
    """A mini directory with a good build in place."""
    root = tmp_path_factory.mktemp("outputs") / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    assert run_mlakb("build", "--only", "database", root=root, build=root / "build").returncode == 0
    return root


@pytest.mark.parametrize("fixture,name,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_record_leaves_the_outputs_untouched(built_mini, fixture, name, expected):
    database = built_mini / "build" / "mlakb.db"
    before = database.read_bytes()
    path = install(built_mini, fixture, name)
    try:
        result = run_mlakb("build", "--only", "database", root=built_mini, build=built_mini / "build")
        assert result.returncode == 1
        assert f"{path}:{expected.split(':')[0]}:" in result.stdout
        assert "Traceback" not in result.stdout + result.stderr
        assert database.read_bytes() == before
    finally:
        (built_mini / path).unlink()
