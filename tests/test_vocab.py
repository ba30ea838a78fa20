"""The controlled vocabularies and the glossary in directory/vocab/, loaded and checked as `mlakb check` loads them."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_mlakb
from mlakb.records.check import check_directory
from mlakb.records.directory import load_directory

VOCAB = REPO / "directory" / "vocab"
PACK = REPO.parent / "shared" / "sources"
needs_pack = pytest.mark.skipif(not (PACK / "request-contents.yaml").is_file(), reason="the source pack (../shared/sources) is not beside the repository")

# The ids other records and the code rely on; renaming one must be a deliberate change here too.
FIXED = {
    "authority-kinds": ["central-authority", "competent-authority", "executing-authority", "contact-point",
                        "foreign-contact-authority", "case-handling-authority", "diplomatic-authority"],
    "matters": ["mla", "extradition", "transfer-of-sentenced-persons", "transfer-of-proceedings", "asset-recovery"],
    "channels": ["direct-central-authority", "diplomatic", "interpol", "email", "fax", "post", "online-portal",
                 "judicial-direct", "advance-copy", "eurojust", "ejn", "fiu-egmont", "network-24-7", "regional-network",
                 "liaison", "police-cooperation", "customs-cooperation", "consular"],
    "measures": ["service-of-documents", "taking-evidence", "witness-testimony", "video-testimony", "search-seizure",
                 "bank-records", "freezing", "confiscation", "asset-return", "extradition", "provisional-arrest",
                 "transfer-of-proceedings", "identification-tracing", "temporary-transfer", "spontaneous-information",
                 "records-production", "joint-investigation-team", "controlled-delivery", "data-preservation",
                 "stored-data-access", "traffic-data-collection", "interception", "cross-border-observation",
                 "covert-investigation", "european-arrest-warrant"],
    "requirement-topics": ["languages", "translation", "dual-criminality", "channel", "legalisation", "form",
                           "confidentiality", "costs", "typical-time", "urgent", "reciprocity", "execution", "refusal",
                           "use-limitation", "legal-basis", "other", "availability", "nationals", "assurances",
                           "provisional-arrest", "speciality", "penalty-threshold"],
    "offences": ["corruption", "drugs", "organized-crime", "cyber", "terrorism-financing", "trafficking-in-persons",
                 "migrant-smuggling", "firearms", "money-laundering", "any"],
    "regions": ["africa", "americas", "asia", "europe", "oceania"],
}
FROM_PACK = {"request-elements": "elements", "refusal-grounds": "refusal_reasons"}


@pytest.fixture(scope="module")
def directory():
    """Only the vocabulary files and the glossary, loaded and checked like `mlakb check` does."""
    return load_directory(REPO / "directory", paths=sorted(VOCAB.glob("*.yaml")), base=REPO)


@pytest.fixture(scope="module")
def pack() -> dict:
    return yaml.safe_load((PACK / "request-contents.yaml").read_text(encoding="utf-8"))


def test_vocabulary_and_glossary_records_have_no_problem(directory):
    assert check_directory(directory, REPO) == []
    assert directory.glossary is not None


@pytest.mark.parametrize("vocabulary", [*FIXED, *FROM_PACK])
def test_each_vocabulary_has_unique_ids_and_both_labels(directory, vocabulary):
    entries = directory.vocab[vocabulary].record.entries
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.en.strip() and entry.zh.strip(), entry.id
        assert entry.definition_en and entry.definition_zh, f"{entry.id} needs a definition in both languages"
        assert set(entry.see_also) <= set(ids), f"{entry.id}: see_also names entries of the same vocabulary"


@pytest.mark.parametrize("vocabulary", FIXED)
def test_vocabulary_ids_are_the_fixed_ones(directory, vocabulary):
    assert {e.id for e in directory.vocab[vocabulary].record.entries} == set(FIXED[vocabulary])


@needs_pack
@pytest.mark.parametrize("vocabulary", FROM_PACK)
def test_every_request_content_of_the_pack_has_its_entry(directory, pack, vocabulary):
    items = pack[FROM_PACK[vocabulary]]
    entries = {e.id: e for e in directory.vocab[vocabulary].record.entries}
    expected = [item["id"].replace("_", "-") for item in items]
    # the pack's entries, in its order; entries added after them (the elements and grounds of extradition requests,
    # read from the Extradition Law) each cite the article they come from
    assert list(entries)[:len(expected)] == expected
    assert all(entry.basis for entry in list(entries.values())[len(expected):])
    for item, entry in zip(items, entries.values()):
        assert (entry.en, entry.zh) == (item["label_en"], item["label_zh"])
        if vocabulary == "request-elements":
            assert entry.required is item["required"], entry.id
            assert entry.applies_to == ([] if item["applies_to"] == "all" else item["applies_to"]), entry.id
            assert entry.basis == item["legal_basis"], entry.id
        else:
            assert entry.basis == item["source_hint"], entry.id


def test_request_elements_say_which_measures_they_concern(directory):
    elements = {e.id: e for e in directory.vocab["request-elements"].record.entries}
    assert elements["requesting-authority"].required is True and elements["requesting-authority"].applies_to == []
    assert elements["videoconference-details"].applies_to == ["video-testimony"]
    assert elements["service-recipient-details"].applies_to == ["service-of-documents"]


def test_glossary_is_large_and_has_no_duplicate_term(directory):
    terms = directory.glossary.record.terms
    assert len(terms) >= 150
    english = [t.en.casefold() for t in terms]
    chinese = [t.zh for t in terms]
    assert len(english) == len(set(english)) and len(chinese) == len(set(chinese))


def test_no_search_form_belongs_to_two_glossary_entries(directory):
    # the treaty search expands a typed form into its entry; a form in two entries would expand arbitrarily
    owner: dict[str, str] = {}
    for term in directory.glossary.record.terms:
        for form in [term.en, *term.variants_en, term.zh, *term.variants_zh]:
            key = form.casefold()
            assert owner.setdefault(key, term.en) == term.en, f"{form!r} is in {owner[key]!r} and {term.en!r}"


def test_glossary_covers_the_core_terms_in_both_languages(directory):
    pairs = {(t.en, t.zh) for t in directory.glossary.record.terms}
    for pair in [("mutual legal assistance", "刑事司法协助"), ("dual criminality", "双重犯罪"), ("central authority", "中央机关"),
                 ("foreign-contact authority", "对外联系机关"), ("case-handling authority", "办案机关"),
                 ("transfer of sentenced persons", "被判刑人移管"), ("provisional arrest", "临时羁押"),
                 ("sentencing undertaking", "量刑承诺"), ("trial in absentia", "缺席审判")]:
        assert pair in pairs
    mla = next(t for t in directory.glossary.record.terms if t.en == "mutual legal assistance")
    assert "MLA" in mla.variants_en and "司法协助" in mla.variants_zh


def test_an_unknown_measure_in_applies_to_is_reported_with_its_position(mini: Path):
    (mini / "directory/vocab/request-elements.yaml").write_text(
        "id: request-elements\n"
        "title:\n  en: Elements\n  zh: 要素\n"
        "entries:\n"
        "- id: bank-account-details\n  en: Bank details\n  zh: 银行信息\n  required: false\n"
        "  applies_to: [bank-records, wire-taps]\n",
        encoding="utf-8")
    result = run_mlakb("check", root=mini)
    assert result.returncode == 1
    assert "directory/vocab/request-elements.yaml:10:30: E-VOCAB 'wire-taps' is not in vocab measures" in result.stdout
