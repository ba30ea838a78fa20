"""Where each request element (vocab `request-elements`) lives in a draft, and whether it is filled.

Each function returns the places in the draft where the element is missing (empty: filled or not applicable).
Elements that only matter in some cases (urgency, confidentiality, reciprocity, death penalty) are checked by
their own rules in rules.py and are not listed here.
"""
from __future__ import annotations

from typing import Callable

from .model import RequestDraft

Loc = tuple
BY_RULES = {"urgency-and-deadline", "confidentiality", "reciprocity-undertaking", "death-penalty-assurance", "provisional-arrest-urgency"}
# an extradition request has its own elements (those whose applies_to names extradition); of the elements every MLA
# request needs, these apply to it as well
FOR_EXTRADITION = {"requesting-authority", "legal-basis-of-request", "offence-provisions-and-penalty", "requesting-officer-contact",
                   "language-and-translation", "form-and-authentication", "supplementary-information"}
# their article in the requesting State's extradition law (a topic of its record's provisions), in place of the MLA
# articles of the conventions the vocabulary cites
EXTRADITION_TOPIC = {"requesting-authority": "request-contents", "summary-of-facts": "request-contents", "offence-provisions-and-penalty": "request-contents",
                     "form-and-authentication": "form", "language-and-translation": "translation"}


def _has(value) -> bool:
    return bool(value) or value is False


def _field(*loc: str) -> Callable[[RequestDraft], list[Loc]]:
    def missing(draft: RequestDraft) -> list[Loc]:
        value = draft
        for name in loc:
            value = getattr(value, name)
        return [] if _has(value) else [loc]
    return missing


def _per_measure(measures: set[str], *fields: str) -> Callable[[RequestDraft], list[Loc]]:
    def missing(draft: RequestDraft) -> list[Loc]:
        return [("measures", i, name) for i, m in enumerate(draft.measures) if m.measure in measures for name in fields if not _has(getattr(m, name))]
    return missing


def _assistance(draft: RequestDraft) -> list[Loc]:
    if not draft.measures:
        return [("measures",)]
    return [("measures", i, "details") for i, m in enumerate(draft.measures) if not m.details]


def _proceedings(draft: RequestDraft) -> list[Loc]:
    p = draft.proceedings
    return [("proceedings", name) for name in ("description", "conducting_authority") if not getattr(p, name)]


def _offences(draft: RequestDraft) -> list[Loc]:
    if not draft.offences:
        return [("offences",)]
    return [("offences", i, name) for i, o in enumerate(draft.offences) for name in ("name", "provision", "penalty") if not getattr(o, name)]


def _legal_basis(draft: RequestDraft) -> list[Loc]:
    basis = draft.legal_basis
    return [] if basis.instruments or basis.reciprocity_undertaking else [("legal_basis", "instruments")]


def _officer(draft: RequestDraft) -> list[Loc]:
    officer = draft.requesting.officer
    missing = [] if officer.name else [("requesting", "officer", "name")]
    return missing + ([] if officer.phone or officer.email else [("requesting", "officer", "email")])


def _accounts(draft: RequestDraft) -> list[Loc]:
    if not {"bank-records", "freezing"} & set(draft.measure_ids()):
        return []
    accounts = [(i, a) for i, a in enumerate(draft.assets) if a.kind == "account"]
    if not accounts:
        return [("assets",)]
    return [("assets", i, name) for i, a in accounts for name in ("bank", "period") if not getattr(a, name)] + \
           [("assets", i, "account_number") for i, a in accounts if not (a.account_number or a.holder)]


def _property(draft: RequestDraft) -> list[Loc]:
    if not {"freezing", "confiscation"} & set(draft.measure_ids()):
        return []
    return ([] if draft.assets else [("assets",)]) + _per_measure({"freezing", "confiscation"}, "order")(draft)


def _recipient(draft: RequestDraft) -> list[Loc]:
    if "service-of-documents" not in draft.measure_ids():
        return []
    recipients = [p for p in draft.persons if p.role == "recipient" and p.name and p.address]
    return ([] if recipients else [("persons",)]) + _per_measure({"service-of-documents"}, "documents")(draft)


def _persons(draft: RequestDraft) -> list[Loc]:
    return [] if any(p.name for p in draft.persons) else [("persons",)]


def _sought(*fields: str) -> Callable[[RequestDraft], list[Loc]]:
    def missing(draft: RequestDraft) -> list[Loc]:
        sought = draft.sought()
        if not sought:
            return [("persons",)]
        return [("persons", i, name) for i, p in sought for name in fields if not _has(getattr(p, name))]
    return missing


def _warrant(draft: RequestDraft) -> list[Loc]:
    x = draft.extradition
    missing = [] if x.purpose else [("extradition", "purpose")]
    missing += [] if x.warrant else [("extradition", "warrant")]
    return missing + ([("extradition", "sentence_remaining")] if x.purpose == "enforcement" and not x.sentence_remaining else [])


def _nothing(draft: RequestDraft) -> list[Loc]:
    return []  # a wish, never missing: the element only says the draft may ask for it


ELEMENTS: dict[str, Callable[[RequestDraft], list[Loc]]] = {
    "requesting-authority": _field("requesting", "authority"),
    "proceedings-subject-and-conducting-authority": _proceedings,
    "summary-of-facts": _field("facts"),
    "assistance-sought": _assistance,
    "particular-procedure": lambda d: [] if d.procedure.certification or d.procedure.formalities or d.procedure.present_at_execution else [("procedure",)],
    "persons-concerned": _persons,
    "purpose-of-request": _field("purpose"),
    "supplementary-information": _field("supplementary_information"),
    "legal-basis-of-request": _legal_basis,
    "offence-provisions-and-penalty": _offences,
    "link-evidence-offence": _field("link"),
    "requesting-officer-contact": _officer,
    "persons-present-at-execution": _nothing,
    "language-and-translation": _field("languages", "request"),
    "form-and-authentication": lambda d: [("signatory", n) for n in ("name", "authentication") if not getattr(d.signatory, n)],
    "use-limitation-assurance": _field("assurances", "use_limitation"),
    "return-of-items-assurance": lambda d: _field("assurances", "return_of_items")(d) if {"search-seizure", "confiscation"} & set(d.measure_ids()) else [],
    "witness-questions-and-rights": _per_measure({"witness-testimony", "video-testimony"}, "questions", "status_and_rights"),
    "videoconference-details": _per_measure({"video-testimony"}, "videoconference"),
    "bank-account-details": _accounts,
    "search-location-and-items": _per_measure({"search-seizure"}, "place", "items", "home_authorisation"),
    "property-description-and-order": _property,
    "service-recipient-details": _recipient,
    "transfer-of-detained-person": _per_measure({"temporary-transfer"}, "transfer_conditions"),
    "related-contacts-and-requests": _field("related_requests"),
    "person-sought-identity": _sought("name", "birth_date", "sex", "identity_document", "description", "address"),
    "nationality-of-person-sought": _sought("nationality"),
    "arrest-warrant-or-judgment": _warrant,
    "limitation-provisions": _field("extradition", "limitation"),
    "speciality-undertaking": _field("assurances", "speciality"),
}
