"""What a record gives, field by field: one definition for `mlakb coverage`, the guide's marks and the
check that a fact listed under `unknown` is not given elsewhere in the same record."""
from __future__ import annotations

from typing import Callable

from . import models

Test = Callable[[models.Jurisdiction], bool]


def _reachable(contact: models.Contact) -> bool:
    return bool(contact.address or contact.phone or contact.email)


def _contacts(j: models.Jurisdiction, *scopes: str) -> list[models.Contact]:
    return [c for a in j.authorities for c in a.contacts if not scopes or c.scope in scopes]


def _reachable_contact(j: models.Jurisdiction, *scopes: str) -> bool:
    return any(_reachable(c) for c in _contacts(j, *scopes))


# The contacts a source gives for requests in criminal matters. A State's designation under the Budapest Convention
# (arts. 24(7), 27(2)) is such a source, for that Convention's requests; a civil-matters listing or a general
# switchboard is not.
CRIMINAL_MATTERS_SCOPES = ("criminal-matters", "budapest-convention")


def _general_languages(j: models.Jurisdiction) -> bool:
    """Languages a source states for every request, not only under one treaty or for one measure."""
    return (any(a.languages and a.languages.applies == "any" for a in j.authorities)
            or any(r.topic == "languages" and r.applies == "any" and not r.measures for r in j.requirements))


def _urgent_route(j: models.Jurisdiction) -> bool:
    """How to send an urgent request: an authority's urgent route, or a rule for urgent requests naming a channel
    (a rule that only asks to justify the urgency leaves the route unknown)."""
    return any(a.urgent for a in j.authorities) or any(r.topic == "urgent" and r.channels for r in j.requirements)


# One definition of each coverage field. A website alone is not a contact (a request cannot be sent
# to it); a requirement on languages tells which languages are accepted as much as an authority's own list does.
FIELDS: dict[str, Test] = {
    "central_authority": lambda j: any(a.kind == "central-authority" for a in j.authorities),
    "contacts": lambda j: _reachable_contact(j),
    "criminal_contact": lambda j: _reachable_contact(j, *CRIMINAL_MATTERS_SCOPES),
    "email": lambda j: any(c.email for c in _contacts(j)),
    "languages": lambda j: bool(j.accepted_languages) or any(r.topic == "languages" for r in j.requirements),
    "channels": lambda j: any(a.channels for a in j.authorities) or any(r.topic == "channel" and r.channels for r in j.requirements),
    "extradition_authority": lambda j: any("extradition" in a.handles for a in j.authorities),
    "urgent_route": lambda j: any(a.urgent for a in j.authorities) or any(r.topic == "urgent" for r in j.requirements),
    "dual_criminality": lambda j: any(r.topic == "dual-criminality" for r in j.requirements),
    "requirements": lambda j: bool(j.requirements),
    "per_measure": lambda j: any(r.measures for r in j.requirements),
    "informal_channels": lambda j: bool(j.informal_channels),
}

# What each entry of `unknown` says is missing, as a test of the record. `unknown` asks for help with
# what a practitioner needs to send a request: a contact published for criminal matters in general (a civil-matters
# listing does not answer it, nor does an address given only for requests under the Budapest Convention) and the
# languages accepted for any request (a rule stated only under one treaty or for one measure leaves the general
# rule unknown).
UNKNOWN: dict[str, tuple[str, Test]] = {
    "central-authority": ("a central authority", FIELDS["central_authority"]),
    "contacts": ("a contact for criminal matters", lambda j: _reachable_contact(j, "criminal-matters")),
    "email": ("an e-mail for criminal matters", lambda j: any(c.email for c in _contacts(j, "criminal-matters"))),
    "languages": ("the languages accepted for any request", _general_languages),
    "channels": ("a channel", FIELDS["channels"]),
    "urgent": ("an urgent route", _urgent_route),
    "requirements": ("requirements", FIELDS["requirements"]),
    "extradition-authority": ("an authority that handles extradition", FIELDS["extradition_authority"]),
    "dual-criminality": ("a dual-criminality rule", FIELDS["dual_criminality"]),
    "informal-channels": ("an informal channel", FIELDS["informal_channels"]),
}

# The two facts every request needs: who receives it and in what language. A record gives each, or lists it under
# `unknown` so that the guide asks for it (E-COVERAGE); the other entries of UNKNOWN are listed where a search found
# nothing. Each value says what is missing.
REQUIRED: dict[str, str] = {
    "central-authority": "no central authority is named",
    "languages": "no source in the record gives the languages accepted for any request",
}
