"""`mlakb request new`: a draft pre-filled from the directory, with guidance comments, that the checker reads."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import run_mlakb
from mlakb.requests.checker import check_file
from request_setup import DRAFTS, TODAY, build_request_root


@pytest.fixture(scope="module")
def root(request_repo):
    return request_repo


def new(root, tmp_path, *args) -> tuple[Path, str]:
    target = tmp_path / "draft.yaml"
    result = run_mlakb("request", "new", *args, "-o", str(target), root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    return target, target.read_text(encoding="utf-8")


def test_prefilled_from_the_directory(root, tmp_path):
    path, text = new(root, tmp_path, "--from", "中国", "--to", "Canada", "--measure", "bank-records")
    draft = yaml.safe_load(text)
    assert draft["requested"] == {"state": "can", "authority": "can-iag", "channel": "direct-central-authority"}
    assert draft["legal_basis"]["instruments"] == ["cn-can-mla"]  # the bilateral treaty; the conventions are listed in comments
    assert "untoc: 《联合国打击跨国有组织犯罪公约》" in text
    assert draft["languages"] == {"request": "zh", "translations": ["en"]}  # Canada accepts en and fr, not zh
    assert [m["measure"] for m in draft["measures"]] == ["bank-records"] and "assets" in draft
    assert "284 Wellington Street, 2nd floor, Ottawa, ON K1A 0H8" in text and "central.authority@example.org" in text
    assert "# 相关事实摘要 — 必填 — UNTOC 18(15)(c); UNCAC 46(15)(c)" in text
    assert "# 银行及账户信息和期间 — 本措施需要" in text
    assert "dual-criminality (coercive-only): Dual criminality is required for coercive measures." in text
    schema = text.splitlines()[0].split("$schema=")[1]
    assert (path.parent / schema).resolve() == (root / "directory" / "schema" / "request.schema.json").resolve()


def test_new_draft_reads_back_and_lists_what_to_write(root, tmp_path):
    path, _ = new(root, tmp_path, "--from", "chn", "--to", "can", "--measure", "bank-records")
    outcome = check_file(path, root / "build" / "mlakb.db", TODAY)
    assert outcome.problems == []
    blocking = {f.id for f in outcome.findings if f.severity == "error"}
    # addressee, channel, basis, languages and the transmitting authority are right; the competent authority that
    # reviews the request depends on who handles the case, so the draft leaves it to the drafter
    assert blocking == {"missing-element", "dual-criminality-unaddressed", "route-review-missing"}


def test_english_guidance_and_no_translation_needed(root, tmp_path):
    _, text = new(root, tmp_path, "--from", "chn", "--to", "can", "--measure", "search-seizure", "--measure", "witness-testimony", "--lang", "en")
    draft = yaml.safe_load(text)
    assert draft["languages"] == {"request": "en", "translations": []}
    assert "# Summary of the relevant facts — required — UNTOC 18(15)(c); UNCAC 46(15)(c)" in text
    search, witness = draft["measures"]
    assert {"place", "items", "home_authorisation"} <= set(search) and {"questions", "status_and_rights"} <= set(witness)
    assert "return_of_items" in draft["assurances"] and "assets" not in draft


def test_no_treaty_means_reciprocity_through_the_diplomatic_channel(root, tmp_path):
    path, text = new(root, tmp_path, "--from", "chn", "--to", "sgp", "--measure", "taking-evidence")
    draft = yaml.safe_load(text)
    assert draft["legal_basis"]["instruments"] == [] and draft["requested"]["channel"] == "diplomatic"
    assert "互惠" in text and "缔约方名单不完整，援引前请核实：untoc" in text
    ids = {f.id for f in check_file(path, root / "build" / "mlakb.db", TODAY).findings}
    assert {"no-treaty", "stale-directory-data"} <= ids


def test_no_central_authority_known(root, tmp_path):
    _, text = new(root, tmp_path, "--from", "chn", "--to", "Thailand", "--measure", "service-of-documents", "--lang", "en")
    draft = yaml.safe_load(text)
    assert draft["requested"]["authority"] is None
    assert "The directory names no central authority of Thailand" in text
    assert draft["persons"][0]["role"] == "recipient" and "documents" in draft["measures"][0]


@pytest.mark.parametrize("args,message", [
    (["--to", "Atlantis", "--measure", "bank-records"], "no State or territory matches 'Atlantis'"),
    (["--to", "can", "--measure", "telepathy"], "'telepathy' is not in vocab measures"),
])
def test_unknown_state_or_measure(root, args, message):
    result = run_mlakb("request", "new", "--from", "chn", *args, root=root, build=root / "build")
    assert result.returncode == 2 and message in result.stderr


@pytest.fixture(scope="module")
def post_only(tmp_path_factory):
    """The request directory with Canada's central authority recorded with a single channel, post."""
    root = build_request_root(tmp_path_factory.mktemp("request-new-post"))
    record = root / "directory" / "jurisdictions" / "can.yaml"
    text = record.read_text(encoding="utf-8")
    channels = "  channels:\n  - channel: direct-central-authority\n    sources: [untoc-notice]\n  - channel: diplomatic\n    sources: [untoc-notice]\n"
    assert channels in text
    record.write_text(text.replace(channels, "  channels:\n  - channel: post\n    sources: [untoc-notice]\n"), encoding="utf-8")
    result = run_mlakb("build", "--only", "database", root=root, build=root / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_channel_is_prefilled_from_the_treaty_not_from_the_recorded_list(post_only, tmp_path):
    _, text = new(post_only, tmp_path, "--from", "chn", "--to", "can", "--measure", "bank-records")
    assert yaml.safe_load(text)["requested"]["channel"] == "direct-central-authority"  # cn-can-mla binds both States
    assert "post" in text  # the recorded channel stays in the guidance comment


def test_a_channel_outside_the_recorded_list_is_a_warning(post_only):
    outcome = check_file(DRAFTS / "complete.yaml", post_only / "build" / "mlakb.db", TODAY)  # sent direct-central-authority
    [finding] = [f for f in outcome.findings if f.id == "channel-not-accepted"]
    assert finding.severity == "warning" and "post" in finding.en and "check before sending" in finding.en
    assert not outcome.blocking


def test_output_folder_is_created(root, tmp_path):
    target = tmp_path / "nodir" / "deeper" / "x.yaml"
    result = run_mlakb("request", "new", "--from", "chn", "--to", "can", "--measure", "bank-records", "-o", str(target), root=root, build=root / "build")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["requested"]["state"] == "can"


def test_unwritable_output_is_reported_without_a_traceback(root, tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run_mlakb("request", "new", "--from", "chn", "--to", "can", "--measure", "bank-records", "-o", str(tmp_path / "file" / "x.yaml"),
                       root=root, build=root / "build")
    assert result.returncode == 2 and "mlakb request new: cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_same_state_twice_is_a_clear_error_not_a_traceback(real_build):
    from conftest import REPO

    result = run_mlakb("request", "new", "--from", "CHN", "--to", "中国", "--measure", "bank-records", root=REPO, build=real_build)
    assert result.returncode == 2
    assert "same State" in result.stderr and "Traceback" not in result.stderr


def test_combined_request_takes_the_mla_matter(tmp_path):
    from mlakb.query.basis import leading_measure

    assert leading_measure(["asset-return", "confiscation"]) == "confiscation"
    assert leading_measure(["bank-records", "extradition"]) == "bank-records"  # a mixture reported on its own
    assert leading_measure([]) is None
