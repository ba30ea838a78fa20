"""Meaning checks across records: codes, references, duplicates.  Every problem is collected."""
from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path
from typing import Iterator

import phonenumbers
import pycountry

from . import models
from ..common import names
from ..common.clock import today
from .directory import Directory, Loaded
from .known import REQUIRED, UNKNOWN
from .problems import Problem
from .walk import facts, vocabulary, walk

_ANCHOR = re.compile(r"#(art-[A-Za-z0-9-]+)")
_CITE = re.compile(r"([0-9A-Za-z]+)(?:\(([0-9A-Za-z]+)\))?")
# territories with their own MLA regime that ISO 3166 lists as separate entries
DOMESTIC_REFERENCES = {"domestic-law"}
_TIMEZONES = zoneinfo.available_timezones()


def check_directory(directory: Directory, repo_root: Path) -> list[Problem]:
    problems = list(directory.problems)
    authority_ids: dict[str, str] = {}
    retired = _retired_renderings(directory)
    for loaded in directory.jurisdictions.values():
        problems.extend(_fields(directory, loaded, retired))
        problems.extend(_jurisdiction(directory, loaded, authority_ids))
    for loaded in directory.instruments.values():
        problems.extend(_fields(directory, loaded, retired))
        problems.extend(_instrument(directory, loaded, repo_root))
    for loaded in directory.vocab.values():
        problems.extend(_fields(directory, loaded))
        problems.extend(_duplicates(loaded, [(("entries", i, "id"), e.id) for i, e in enumerate(loaded.record.entries)], "E-DUPID"))
    if directory.glossary:
        terms = directory.glossary.record.terms
        for lang in ("en", "zh"):
            forms = [(("terms", i, lang), getattr(t, lang).lower()) for i, t in enumerate(terms)]
            forms += [(("terms", i, f"variants_{lang}", j), v.lower()) for i, t in enumerate(terms) for j, v in enumerate(getattr(t, f"variants_{lang}"))]
            problems.extend(_duplicates(directory.glossary, forms, "E-DUPTERM"))
    problems.extend(_shared_sources(directory))
    return sorted(set(problems))


def _retired_renderings(directory: Directory) -> dict[str, models.GlossaryTerm]:
    """Chinese renderings the glossary has retired (such as an earlier name for Eurojust), with the term they render."""
    return {old: term for term in (directory.glossary.record.terms if directory.glossary else []) for old in term.superseded_zh}


def _fields(directory: Directory, loaded: Loaded, retired: dict[str, models.GlossaryTerm] | None = None) -> Iterator[Problem]:
    """The rules that follow from the model alone: vocabulary references, no repeated list entries, no future dates,
    and no retired rendering in a Chinese that is our own translation (a source's quoted Chinese keeps its words)."""
    for loc, info, value in walk(loaded.record):
        if retired and ((isinstance(value, models.Said) and value.translated == "zh") or (isinstance(value, models.Name) and value.zh_translated)):
            yield from (loaded.doc.problem(loc + ("zh",), "W-TERM-ZH", f"the Chinese has {old}, which the glossary retires for {term.en}: write {term.zh}")
                        for old, term in retired.items() if value.zh and old in value.zh)
        name, where = vocabulary(info)
        if name and value is not None:
            if where == "value":
                yield from _vocab(directory, loaded, loc, name, value)
            else:
                for j, item in enumerate(value):
                    yield from _vocab(directory, loaded, loc if where == "keys" else loc + (j,), name, item)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            yield from _duplicates(loaded, [(loc + (j,), v) for j, v in enumerate(value)], "E-DUP")
        if isinstance(value, str) and "''" in value and not {"editor_notes", "review"} & set(loc):
            yield loaded.doc.problem(loc, "W-DOUBLED-QUOTE", f"{loc[-1]} holds two apostrophes in a row (an escaping slip)")
        if isinstance(value, dt.date) and value > today() and not _may_be_future(info):
            yield loaded.doc.problem(loc, "E-FUTURE", f"{loc[-1]} {value} is in the future")


def _may_be_future(info) -> bool:
    """A date the model allows ahead of today, such as a denunciation notified to take effect later."""
    extra = getattr(info, "json_schema_extra", None)
    return isinstance(extra, dict) and extra.get("x-may-be-future", False)


def _vocab(directory: Directory, loaded: Loaded, loc: tuple, vocabulary: str, value: str) -> Iterator[Problem]:
    terms = directory.terms(vocabulary)
    if value not in terms:
        known = ", ".join(sorted(terms)[:12]) + (f" and {len(terms) - 12} more" if len(terms) > 12 else "") if terms else f"(vocabulary {vocabulary} is missing)"
        yield loaded.doc.problem(loc, "E-VOCAB", f"{value!r} is not in vocab {vocabulary} (one of: {known})")


def _duplicates(loaded: Loaded, items: list[tuple[tuple, str]], code: str) -> Iterator[Problem]:
    """A repeated value, at its second place, once however often it repeats."""
    seen: set[str] = set()
    reported: set[str] = set()
    for loc, value in items:
        if value in seen and value not in reported:
            reported.add(value)
            yield loaded.doc.problem(loc, code, f"{value!r} is listed twice")
        seen.add(value)


def _sources(loaded: Loaded, record, every_source_cited: bool = True) -> Iterator[Problem]:
    """Source ids are unique and every `sources:` reference resolves.

    In a jurisdiction record each fact cites its sources, so an uncited source is a mistake; an
    instrument's sources also back the record as a whole (title, dates, status).
    """
    yield from _duplicates(loaded, [(("sources", i, "id"), s.id) for i, s in enumerate(record.sources)], "E-DUPSOURCE")
    known = {s.id for s in record.sources}
    used: set[str] = set()
    for loc, refs in _source_refs(record):
        for i, ref in enumerate(refs):
            used.add(ref)
            if ref not in known:
                yield loaded.doc.problem(loc + (i,), "E-SOURCEREF", f"source {ref!r} is not defined in this record's sources (defined: {', '.join(sorted(known))})")
    for i, source in enumerate(record.sources):
        if every_source_cited and source.id not in used:
            yield loaded.doc.problem(("sources", i, "id"), "E-UNUSEDSOURCE", f"source {source.id!r} is not cited by any fact; cite it or remove it")
        if source.as_of and source.as_of > today().isoformat()[:len(source.as_of)]:
            yield loaded.doc.problem(("sources", i, "as_of"), "E-FUTURE", f"as_of {source.as_of} is in the future")


# who made a page and in what language it is written hold for the whole page; its date (as_of) may not, since a
# status list or a changes page dates each part, and each record reads its own part
_SOURCE_MARKS = ("kind", "translation")


def _shared_sources(directory: Directory) -> Iterator[Problem]:
    """A page cited by several records is one page: its kind and translation mark agree everywhere."""
    by_url: dict[str, list[tuple[Loaded, int, models.Source]]] = {}
    for loaded in [*directory.jurisdictions.values(), *directory.instruments.values()]:
        for i, source in enumerate(loaded.record.sources):
            by_url.setdefault(source.url.rstrip("/"), []).append((loaded, i, source))
    for citations in by_url.values():
        for mark in _SOURCE_MARKS:
            if len({getattr(source, mark) for _, _, source in citations}) < 2:
                continue
            for loaded, i, source in citations:
                others = "; ".join(f"{other.record.id} ({other_source.id}): {getattr(other_source, mark)}" for other, _, other_source in citations
                                   if getattr(other_source, mark) != getattr(source, mark))
                yield loaded.doc.problem(("sources", i, mark if getattr(source, mark) is not None else "url"), "W-SOURCE-MISMATCH",
                                         f"{mark} is {getattr(source, mark)} here, but {others} for the same page {source.url}")


def _source_refs(record) -> Iterator[tuple[tuple, list[str]]]:
    for loc, _info, value in walk(record):
        if loc[-1] == "sources" and len(loc) > 1 and value and isinstance(value[0], str):
            yield loc, value


def _jurisdiction(directory: Directory, loaded: Loaded, authority_ids: dict[str, str]) -> Iterator[Problem]:
    record: models.Jurisdiction = loaded.record
    doc = loaded.doc
    country = pycountry.countries.get(alpha_3=record.id.upper())
    if country is None:
        yield doc.problem(("id",), "E-COUNTRY", f"{record.id!r} is not an ISO 3166-1 alpha-3 code")
    elif country.alpha_2 != record.iso2:
        yield doc.problem(("iso2",), "E-COUNTRY", f"iso2 of {record.id} is {country.alpha_2}, not {record.iso2}")
    if record.part_of and record.part_of not in directory.jurisdictions:
        yield doc.problem(("part_of",), "E-REF", f"part_of {record.part_of!r} has no record in directory/jurisdictions/")
    yield from _sources(loaded, record)
    for i, authority in enumerate(record.authorities):
        loc = ("authorities", i)
        if not authority.id.startswith(record.id + "-"):
            yield doc.problem(loc + ("id",), "E-ID", f"authority id {authority.id!r} must start with {record.id + '-'!r}")
        if authority.id in authority_ids:
            yield doc.problem(loc + ("id",), "E-DUPID", f"authority id {authority.id!r} is already used in {authority_ids[authority.id]}")
        authority_ids.setdefault(authority.id, doc.path)
        for j, designation in enumerate(authority.designations):
            if designation.instrument not in directory.instruments and designation.instrument not in DOMESTIC_REFERENCES:
                yield doc.problem(loc + ("designations", j, "instrument"), "E-REF", f"instrument {designation.instrument!r} has no record in directory/instruments/")
            if extra := [m for m in designation.matters if m not in authority.handles]:
                yield doc.problem(loc + ("designations", j, "matters"), "W-MATTERS", f"the designation under {designation.instrument} covers {', '.join(extra)}, which {authority.id} is not recorded as handling ({', '.join(authority.handles)})")
        for j, contact in enumerate(authority.contacts):
            yield from _contact(loaded, loc + ("contacts", j), contact, record.iso2)
    for i, missing in enumerate(record.unknown):
        what, gives = UNKNOWN[missing]
        if gives(record):
            yield doc.problem(("unknown", i), "E-UNKNOWN", f"the record gives {what}, so {missing!r} cannot be listed as unknown")
    # A fact the record neither gives nor lists as unknown: an error for one every request needs, a warning for one
    # the record says it looked for; one problem per fact.
    first_search = {search.looked_for: i for i, search in reversed(list(enumerate(record.searched)))}
    for missing in dict.fromkeys([*REQUIRED, *first_search]):
        what, gives = UNKNOWN[missing]
        if missing in record.unknown or gives(record):
            continue
        if missing in REQUIRED:
            yield doc.problem(("unknown",), "E-COVERAGE", f"{REQUIRED[missing]}: add it with its source, or list {missing!r} under `unknown`")
        else:
            yield doc.problem(("searched", first_search[missing], "looked_for"), "W-UNKNOWN-UNLISTED", f"the record looked for {what} and gives none: list {missing!r} under `unknown`")
    if record.verified is not None:  # reviewed as a whole: a fact added since, and not compared, makes that untrue
        for loc, fact in facts(record):
            if fact.verified is None:
                yield doc.problem(loc, "W-UNVERIFIED", f"the record says every fact was reviewed on {record.verified}, but this one carries no verified date")
    policies = directory.terms("policies")
    for i, req in enumerate(record.requirements):
        policy = policies.get(req.policy) if req.policy else None
        if policy is not None and req.topic not in policy.topics:
            allowed = sorted(p for p, e in policies.items() if req.topic in e.topics)
            yield doc.problem(("requirements", i, "policy"), "E-VALUE", f"policy {req.policy!r} is not valid for topic {req.topic!r} (allowed: {', '.join(allowed) or 'none'})")
    for loc, fact in _with_instruments(record):
        for j, instrument in enumerate(fact.instruments):
            if instrument not in directory.instruments:
                yield doc.problem(loc + ("instruments", j), "E-REF", f"instrument {instrument!r} has no record in directory/instruments/")
    for i, declaration in enumerate(record.declarations):
        if declaration.instrument not in directory.instruments:
            yield doc.problem(("declarations", i, "instrument"), "E-REF", f"instrument {declaration.instrument!r} has no record in directory/instruments/")
    for i, channel in enumerate(record.informal_channels):
        for j, contact in enumerate(channel.contacts):
            yield from _contact(loaded, ("informal_channels", i, "contacts", j), contact, record.iso2)
    yield from _unnamed_languages(loaded, record)


def _language_name(code: str) -> str:
    return names.language_name(code).split(" (")[0].lower()


def _unnamed_languages(loaded: Loaded, record: models.Jurisdiction) -> Iterator[Problem]:
    """A language code the entry's own words never name is a code someone inferred: the source behind it is missing."""
    entries = [(("requirements", i, "languages"), r.languages, r.text, r.notes) for i, r in enumerate(record.requirements) if r.languages]
    entries += [(("authorities", i, "languages", "codes"), a.languages.codes, a.languages.text, a.languages.notes)
                for i, a in enumerate(record.authorities) if a.languages and a.languages.text]
    for loc, codes, text, notes in entries:
        words = " ".join(s.en or "" for s in (text, notes) if s).lower()
        if not words:
            continue
        for j, code in enumerate(codes):
            if _language_name(code) not in words:
                yield loaded.doc.problem(loc + (j,), "W-LANGUAGE-UNNAMED", f"{code} ({_language_name(code).capitalize()}) is listed, but neither the text nor the notes name it: say which source states it")


def _contact(loaded: Loaded, loc: tuple, contact: models.Contact, region: str) -> Iterator[Problem]:
    for field in ("phone", "fax"):
        for j, number in enumerate(getattr(contact, field)):
            problem = phone_problem(number, region)
            if problem:
                yield loaded.doc.problem(loc + (field, j), "E-PHONE", problem)
    if contact.timezone and contact.timezone not in _TIMEZONES:
        yield loaded.doc.problem(loc + ("timezone",), "E-VALUE", f"{contact.timezone!r} is not an IANA time zone (e.g. Europe/Paris)")


def phone_problem(number: str, region: str) -> str | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException as exc:
        return f"{number!r} is not a phone number: {exc}"
    if not phonenumbers.is_valid_number(parsed):
        where = phonenumbers.region_code_for_country_code(parsed.country_code)
        return f"{number!r} is not a valid number for {where} (check the digits and the country code)"
    if not number.startswith("+"):
        return f"{number!r}: write it in international format, e.g. {phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)}"
    return None


def _instrument(directory: Directory, loaded: Loaded, repo_root: Path) -> Iterator[Problem]:
    record: models.Instrument = loaded.record
    doc = loaded.doc
    yield from _sources(loaded, record, every_source_cited=False)
    if record.kind == "domestic-law" and record.jurisdiction not in directory.jurisdictions:
        yield doc.problem(("jurisdiction",), "E-REF", f"a domestic law names its State in `jurisdiction` (a record in directory/jurisdictions/), not {record.jurisdiction!r}")
    anchors: set[str] = set()
    for i, text in enumerate(record.texts):
        if not (repo_root / text.path).is_file():
            yield doc.problem(("texts", i, "path"), "E-REF", f"text {text.path} does not exist")
        else:
            anchors |= set(_ANCHOR.findall((repo_root / text.path).read_text(encoding="utf-8")))
    if anchors:
        for topic, cite in record.provisions.items():
            for part in re.split(r"[;,]\s*", cite):
                match = _CITE.match(part.strip())
                wanted = (f"art-{match[1]}-{match[2]}" if match[2] else f"art-{match[1]}") if match else None
                if wanted not in anchors:
                    yield doc.problem(("provisions", topic), "E-REF", f"provision {topic}: {cite!r} points at no article or paragraph of the text (no anchor {wanted or part!r} in {', '.join(t.path for t in record.texts)})")
    yield from _duplicates(loaded, [(("parties", i, "state"), p.state) for i, p in enumerate(record.parties)], "E-DUPPARTY")
    for i, party in enumerate(record.parties):
        if party.state not in directory.jurisdictions:
            yield doc.problem(("parties", i, "state"), "E-REF", f"party {party.state!r} has no record in directory/jurisdictions/")
    if record.kind == "bilateral":
        if len(record.sides) != 2:
            yield doc.problem(("sides",), "E-VALUE", f"a bilateral instrument has exactly two sides, not {len(record.sides)}")
        if record.parties:
            yield doc.problem(("parties",), "E-VALUE", "a bilateral instrument lists its two States under `sides`, not `parties`")
    for i, side in enumerate(record.sides):
        if side.state not in directory.jurisdictions:
            yield doc.problem(("sides", i, "state"), "E-REF", f"side {side.state!r} has no record in directory/jurisdictions/")


def _with_instruments(record: models.Jurisdiction) -> Iterator[tuple[tuple, models.Languages | models.Channel | models.Requirement]]:
    for i, authority in enumerate(record.authorities):
        if authority.languages:
            yield ("authorities", i, "languages"), authority.languages
        for j, channel in enumerate(authority.channels):
            yield ("authorities", i, "channels", j), channel
    for i, requirement in enumerate(record.requirements):
        yield ("requirements", i), requirement
