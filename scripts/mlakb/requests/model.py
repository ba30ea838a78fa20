"""The draft request: what a letter of request holds, as a YAML file a practitioner fills in.

The fields follow the contents of a request under UNTOC art. 18(15)-(16) and UNCAC art. 46(15)-(16), plus the
items most national laws and good-practice guides add (vocab `request-elements`).  Everything is optional here:
a draft is written step by step, and `mlakb request check` says what is still missing and why it matters.  Ids
(States, authority, instruments, measures, channels) are checked against the directory by `validate.py`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..records import formats

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_TEXT = 20_000


def _words(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control or bidirectional-override character; delete it")
    return value.strip()


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _none_is(factory):
    """null in the YAML (an emptied section) reads as the empty section."""
    return BeforeValidator(lambda value: factory() if value is None else value)


Lang = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 language code"), AfterValidator(formats.language)]
Words = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_words)]
Line = Annotated[Words | None, BeforeValidator(_blank_is_none)]
Text = Annotated[
    Words | dict[Lang, Words] | None,
    BeforeValidator(_blank_is_none),
    Field(description="text in the language of the request, or a mapping language → text (e.g. zh: …, en: …) when the draft carries its translation"),
]
StateId = Annotated[str, Field(pattern=r"^[a-z]{3}$", description="jurisdiction id: ISO 3166-1 alpha-3, lower case (chn, can, hkg)")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Date = Annotated[dt.date, Field(description="YYYY-MM-DD")]


def localized(value: str | dict[str, str] | None, lang: str | None = None, original: str | None = None) -> str | None:
    """The text in `lang`, else in the request's `original` language, else the first one given."""
    if value is None or isinstance(value, str):
        return value
    for key in (lang, original):
        if key and value.get(key):
            return value[key]
    return next(iter(value.values()), None)


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Officer(Part):
    name: Line = Field(None, description="the officer who handles the case and answers the requested State's questions")
    title: Line = Field(None, description="rank or function")
    phone: Line = Field(None, description="phone number in international format")
    email: Annotated[Line, AfterValidator(lambda v: v and formats.email(v))] = Field(None, description="e-mail address")
    languages: Annotated[list[Lang], _none_is(list)] = Field(default_factory=list, description="languages the officer can work in")


class Requesting(Part):
    state: StateId | None = Field(None, description="the requesting State")
    authority: Text = Field(None, description="the authority handling the case that prepares the request (办案机关; element requesting-authority)")
    competent_authority: Slug | None = Field(None, description="directory id of the competent authority that reviews and approves the request before it leaves (主管机关, e.g. chn-spp)")
    transmitting_authority: Slug | None = Field(None, description="directory id of the authority that transmits the request abroad (对外联系机关, e.g. chn-moj; chn-mfa for extradition)")
    address: Text = Field(None, description="its postal address")
    officer: Annotated[Officer, _none_is(Officer)] = Field(default_factory=Officer, description="contact for follow-up (element requesting-officer-contact)")


class Requested(Part):
    state: StateId | None = Field(None, description="the requested State")
    authority: Slug | None = Field(None, description="id of the receiving authority in the directory, e.g. can-iag")
    channel: Slug | None = Field(None, description="vocab channels: how the request is sent (direct-central-authority, diplomatic, ...)")


class LegalBasis(Part):
    instruments: Annotated[list[Slug], _none_is(list)] = Field(default_factory=list, description="ids of the treaties or conventions relied on (cn-can-mla, untoc, uncac ...)")
    articles: Text = Field(None, description="the articles cited, e.g. UNTOC art. 18; treaty art. 1")
    reciprocity_undertaking: Text = Field(None, description="where no treaty applies: the undertaking to execute similar requests of the requested State")


class Proceedings(Part):
    nature: Literal["investigation", "prosecution", "trial", "enforcement", "other"] | None = Field(None, description="stage of the case")
    description: Text = Field(None, description="subject matter and nature of the investigation, prosecution or proceedings")
    conducting_authority: Text = Field(None, description="the authority conducting them, with its functions")
    case_number: Line = Field(None, description="the case or file number at home")
    offence_area: Slug | None = Field(None, description="vocab offences (corruption, drugs, money-laundering ...): decides which conventions apply")


class Offence(Part):
    name: Text = Field(None, description="the offence, as the requesting State's law names it")
    provision: Text = Field(None, description="the text of the provision (quoted in full)")
    penalty: Text = Field(None, description="the maximum penalty")
    death_penalty: bool = Field(False, description="true when the offence can carry the death penalty")


class Person(Part):
    kind: Literal["person", "entity"] = Field("person", description="a natural person or a company, association or other entity")
    name: Text = Field(None, description="full name (and name in the original script)")
    role: Literal["sought", "suspect", "accused", "witness", "victim", "account-holder", "recipient", "detained-person", "other"] | None = Field(None, description="procedural role; sought: the person whose extradition is requested")
    birth_date: Date | None = Field(None, description="date of birth (persons) or of incorporation (entities)")
    sex: Literal["female", "male"] | None = Field(None, description="sex, as the identity documents give it")
    nationality: Line = Field(None, description="nationality or place of registration: a directory State id (fra, chn) or the name of the State")
    identity_document: Line = Field(None, description="passport, identity card or registration number")
    occupation: Text = Field(None, description="occupation")
    description: Text = Field(None, description="physical description, photographs and fingerprints available (the person sought)")
    address: Text = Field(None, description="known address or location")
    notes: Text = Field(None, description="anything else that helps identify or find the person")


class Asset(Part):
    kind: Literal["account", "property", "other"] = Field("account", description="a bank account, another property, or other asset")
    description: Text = Field(None, description="what the asset is")
    bank: Text = Field(None, description="bank or financial institution (accounts)")
    account_number: Line = Field(None, description="account number or IBAN")
    holder: Text = Field(None, description="account holder or owner")
    period: Line = Field(None, description="period the records should cover, e.g. 2022-01-01 to 2024-06-30")
    location: Text = Field(None, description="where the asset is")
    value: Line = Field(None, description="estimated value, with currency")


class MeasureSought(Part):
    measure: Slug = Field(description="vocab measures: service-of-documents, taking-evidence, bank-records, search-seizure ...")
    details: Text = Field(None, description="precisely what is asked: documents, persons, places, accounts, periods")
    place: Text = Field(None, description="search-seizure: the premises to be searched")
    items: Text = Field(None, description="search-seizure: the items to be seized")
    home_authorisation: Text = Field(None, description="search-seizure: the order or authority allowing the measure in the requesting State")
    documents: Text = Field(None, description="service-of-documents: the documents to be served")
    appearance_date: Date | None = Field(None, description="service-of-documents: the date the person is summoned to appear")
    questions: Annotated[list[Words], _none_is(list)] = Field(default_factory=list, description="witness-testimony, video-testimony: the questions to put")
    status_and_rights: Text = Field(None, description="witness-testimony, video-testimony: witness or suspect, oath or caution, rights to be read")
    videoconference: Text = Field(None, description="video-testimony: proposed date, technical set-up, the judge who conducts the hearing")
    order: Text = Field(None, description="freezing, confiscation: the order to be enforced (court, date, number; a certified copy attached)")
    transfer_conditions: Text = Field(None, description="temporary-transfer: consent, custody, return and safe conduct")


class Presence(Part):
    name: Text = Field(None, description="official, counsel or party who wishes to attend")
    role: Text = Field(None, description="function, and whether they wish to put questions")


class Procedure(Part):
    present_at_execution: Annotated[list[Presence], _none_is(list)] = Field(default_factory=list, description="persons asked to be present at execution")
    certification: Text = Field(None, description="certification or authentication of records needed for admissibility at home")
    formalities: Text = Field(None, description="other formalities to follow (sworn statements, presence of defence, ...)")


class Urgency(Part):
    urgent: bool = Field(False, description="true when the request must be executed quickly")
    reason: Text = Field(None, description="why: trial date, custody limit, limitation period, risk of dissipation")
    deadline: Date | None = Field(None, description="the date by which execution is needed")
    advance_channel: Slug | None = Field(None, description="vocab channels: how an advance copy is sent (advance-copy, email, interpol, fax)")


class Confidentiality(Part):
    required: bool = Field(False, description="true when the fact and content of the request must be kept confidential")
    reason: Text = Field(None, description="why confidentiality is needed (e.g. risk of flight or of destruction of evidence)")


class Languages(Part):
    request: Lang | None = Field(None, description="language in which the request is written")
    translations: Annotated[list[Lang], _none_is(list)] = Field(default_factory=list, description="languages of the translations attached")


class Assurances(Part):
    use_limitation: Text = Field(None, description="undertaking not to use the material for other proceedings without consent")
    return_of_items: Text = Field(None, description="undertaking to return originals and respect third-party rights")
    death_penalty: Text = Field(None, description="assurance on the death penalty, where the offence can carry it")
    speciality: Text = Field(None, description="extradition: undertaking not to prosecute or punish the person for other offences committed before surrender, nor to re-extradite the person to a third State, without consent")


class Extradition(Part):
    purpose: Literal["prosecution", "enforcement"] | None = Field(None, description="surrender to prosecute the person, or to enforce a sentence")
    warrant: Text = Field(None, description="the arrest warrant (prosecution) or the final judgment (enforcement): issuing authority, date, number; a copy is attached")
    sentence_remaining: Text = Field(None, description="enforcement: the part of the sentence still to be served")
    limitation: Text = Field(None, description="the law on the limitation period and why prosecution or enforcement is not time-barred")
    provisional_arrest: bool = Field(False, description="true when provisional arrest is asked for before the formal request, in an urgent case")
    provisional_arrest_reason: Text = Field(None, description="why provisional arrest is urgent (risk of flight, imminent departure)")


class Signatory(Part):
    name: Text = Field(None, description="who signs the request")
    title: Text = Field(None, description="function of the signatory")
    authentication: Text = Field(None, description="signature, seal, certification: how authenticity can be checked")


class RequestDraft(Part):
    """A draft request for international cooperation in criminal matters."""

    reference: Line = Field(None, description="the requesting authority's reference for the request")
    date: Date | None = Field(None, description="date of the request")
    requesting: Annotated[Requesting, _none_is(Requesting)] = Field(default_factory=Requesting, description="the requesting State and authority")
    requested: Annotated[Requested, _none_is(Requested)] = Field(default_factory=Requested, description="the requested State, authority and channel")
    legal_basis: Annotated[LegalBasis, _none_is(LegalBasis)] = Field(default_factory=LegalBasis, description="the treaty, convention or reciprocity relied on")
    proceedings: Annotated[Proceedings, _none_is(Proceedings)] = Field(default_factory=Proceedings, description="the investigation or proceedings the request serves")
    facts: Text = Field(None, description="summary of the relevant facts: who did what, when, where")
    offences: Annotated[list[Offence], _none_is(list)] = Field(default_factory=list, description="the offences, with the text of the provisions and the penalties")
    dual_criminality: Text = Field(None, description="the conduct described so that the requested State can match it to an offence under its own law")
    persons: Annotated[list[Person], _none_is(list)] = Field(default_factory=list, description="persons and entities concerned")
    assets: Annotated[list[Asset], _none_is(list)] = Field(default_factory=list, description="assets and accounts concerned")
    measures: Annotated[list[MeasureSought], _none_is(list)] = Field(default_factory=list, description="the measures sought (vocab measures), each with its specifics")
    link: Text = Field(None, description="how each item sought relates to the offence and the investigation")
    purpose: Text = Field(None, description="what the evidence or action will be used for")
    procedure: Annotated[Procedure, _none_is(Procedure)] = Field(default_factory=Procedure, description="procedure wished for execution")
    urgency: Annotated[Urgency, _none_is(Urgency)] = Field(default_factory=Urgency, description="urgency, reason and deadline")
    confidentiality: Annotated[Confidentiality, _none_is(Confidentiality)] = Field(default_factory=Confidentiality, description="confidentiality asked, with its reason")
    languages: Annotated[Languages, _none_is(Languages)] = Field(default_factory=Languages, description="language of the request and of its translations")
    assurances: Annotated[Assurances, _none_is(Assurances)] = Field(default_factory=Assurances, description="undertakings given to the requested State")
    extradition: Annotated[Extradition, _none_is(Extradition)] = Field(default_factory=Extradition, description="extradition requests: warrant or judgment, limitation, provisional arrest")
    supplementary_information: Text = Field(None, description="readiness to supply further information, and how")
    related_requests: Text = Field(None, description="earlier contacts (police, FIU, liaison) and related requests")
    signatory: Annotated[Signatory, _none_is(Signatory)] = Field(default_factory=Signatory, description="who signs and how the request is authenticated")
    annexes: Annotated[list[Words], _none_is(list)] = Field(default_factory=list, description="documents attached")

    def measure_ids(self) -> list[str]:
        return [m.measure for m in self.measures]

    def sought(self) -> list[tuple[int, Person]]:
        return [(i, p) for i, p in enumerate(self.persons) if p.role == "sought"]


def _translatable(annotation) -> bool:
    """A Text field (plain text or one text per language), as opposed to a Line (numbers, names of records)."""
    return any(get_origin(arg) is dict for arg in get_args(annotation))


def text_fields(node: BaseModel, loc: tuple = ()):
    """Every free-text value of the draft with its place: (("facts",), value), (("offences", 0, "name"), value) ..."""
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        if isinstance(value, BaseModel):
            yield from text_fields(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from text_fields(item, (*loc, name, i))
        elif value is not None and _translatable(info.annotation):
            yield (*loc, name), value
