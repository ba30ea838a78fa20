"""Reading a draft: YAML (or JSON from the web form) → RequestDraft, with `path:line:col: CODE message` problems.

Shape problems come from the model; reference problems (a State, authority, instrument, measure or channel the
directory does not know) are found against the built database, the way record checks resolve references.
"""
from __future__ import annotations

from typing import Iterator

from pydantic import ValidationError

from ..records.check import phone_problem
from ..records.loader import Document
from ..records.problems import Problem
from .facts import Facts
from .model import RequestDraft


def parse(doc: Document) -> tuple[RequestDraft | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "E-SHAPE", f"a draft request is a YAML mapping, not {type(doc.data).__name__}")]
    try:
        return RequestDraft.model_validate(doc.data), []
    except ValidationError as exc:
        errors = [(_data_loc(doc.data, e["loc"], e["type"]), e) for e in exc.errors(include_url=False)]
        return None, sorted({_problem(doc, loc, e) for loc, e in _relevant(errors)})


def _relevant(errors: list[tuple[tuple, dict]]) -> list[tuple[tuple, dict]]:
    """Drop the noise of unions: a type mismatch is dropped where a more precise error exists for the same value."""
    kept, seen_type = [], set()
    for loc, error in errors:
        if error["type"].endswith("_type"):
            deeper = any(other[:len(loc)] == loc and len(other) > len(loc) for other, _ in errors)
            if deeper or loc in seen_type:
                continue
            seen_type.add(loc)
        kept.append((loc, error))
    return kept


def _problem(doc: Document, loc: tuple, error: dict) -> Problem:
    where = ".".join(map(str, loc)) or "(draft)"
    if error["type"] == "extra_forbidden":
        return doc.problem(loc, "E-FIELD", f"{where}: unknown field {loc[-1]!r} (see directory/schema/request.schema.json for the fields)")
    code = "E-MISSING" if error["type"] == "missing" else "E-VALUE"
    message = error["msg"].removeprefix("Value error, ")
    return doc.problem(loc, code, f"{where}: {message}")


def _data_loc(data, loc: tuple, error_type: str) -> tuple:
    """The error path as it is in the data: unions and validators add type names (str, dict[...]) to it."""
    out, node = [], data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif not (error_type == "missing" and i == len(loc) - 1):
            continue
        out.append(part)
    return tuple(out)


def references(doc: Document, draft: RequestDraft, facts: Facts) -> list[Problem]:
    return sorted(set(_references(doc, draft, facts)))


def _references(doc: Document, draft: RequestDraft, facts: Facts) -> Iterator[Problem]:
    for side in ("requesting", "requested"):
        state = getattr(draft, side).state
        if state and state not in facts.states:
            yield doc.problem((side, "state"), "E-REF", f"{side}.state: {state!r} has no record in the directory (use the ISO 3166 alpha-3 code in lower case, e.g. chn, can, hkg)")
    if draft.requesting.state and draft.requesting.state == draft.requested.state:
        yield doc.problem(("requested", "state"), "E-VALUE", "requested.state: the requested State is the requesting State")
    authority = draft.requested.authority
    if authority and facts.target and facts.authority(authority) is None:
        known = ", ".join(a["id"] for a in facts.authorities) or "none recorded"
        yield doc.problem(("requested", "authority"), "E-REF", f"requested.authority: {authority!r} is not an authority of {facts.target['name_en']} in the directory (known: {known})")
    home = facts.states.get(draft.requesting.state or "")
    for name in ("competent_authority", "transmitting_authority"):
        value = getattr(draft.requesting, name)
        if value and home and facts.home_authority(value) is None:
            known = ", ".join(a["id"] for a in facts.home_authorities) or "none recorded"
            yield doc.problem(("requesting", name), "E-REF", f"requesting.{name}: {value!r} is not an authority of {home['name_en']} in the directory (known: {known})")
    yield from _vocab(doc, facts, ("requested", "channel"), "channels", draft.requested.channel)
    yield from _vocab(doc, facts, ("urgency", "advance_channel"), "channels", draft.urgency.advance_channel)
    yield from _vocab(doc, facts, ("proceedings", "offence_area"), "offences", draft.proceedings.offence_area)
    seen: set[str] = set()
    for i, measure in enumerate(draft.measures):
        yield from _vocab(doc, facts, ("measures", i, "measure"), "measures", measure.measure)
        if (within := facts.vocab.get("measures", {}).get(measure.measure, {}).get("within")):
            yield doc.problem(("measures", i, "measure"), "E-VOCAB", f"measures.{i}.measure: {measure.measure!r} exists only within the {within}; a request from outside it asks for extradition")
        if measure.measure in seen:
            yield doc.problem(("measures", i, "measure"), "E-DUP", f"measures.{i}.measure: {measure.measure!r} is listed twice; put all its specifics in one entry")
        seen.add(measure.measure)
    for i, instrument in enumerate(draft.legal_basis.instruments):
        if instrument not in facts.instruments:
            yield doc.problem(("legal_basis", "instruments", i), "E-REF", f"legal_basis.instruments.{i}: {instrument!r} has no record in directory/instruments/ (see `mlakb basis`)")
    phone, state = draft.requesting.officer.phone, facts.states.get(draft.requesting.state or "")
    if phone and (problem := phone_problem(phone, state["iso2"] if state else None)):
        yield doc.problem(("requesting", "officer", "phone"), "E-PHONE", f"requesting.officer.phone: {problem}")


def _vocab(doc: Document, facts: Facts, loc: tuple, vocabulary: str, value: str | None) -> Iterator[Problem]:
    terms = facts.vocab.get(vocabulary, {})
    if value and value not in terms:
        known = ", ".join(terms) or f"(vocabulary {vocabulary} is missing from the directory)"
        yield doc.problem(loc, "E-VOCAB", f"{'.'.join(map(str, loc))}: {value!r} is not in vocab {vocabulary} (one of: {known})")
