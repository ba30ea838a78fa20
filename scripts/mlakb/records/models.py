"""The record models: written once, with a description on every field.

The JSON Schemas in directory/schema/ are generated from these models (`mlakb schema`), and a test
fails when they are stale.  Checks that need the whole directory (references, codes, coverage) live
in `check.py`; these models only say what a single record looks like.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from . import formats

Date = Annotated[dt.date, Field(description="ISO 8601 date, YYYY-MM-DD")]
PartialDate = Annotated[
    str,
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source"),
    AfterValidator(formats.partial_date),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="lower-case id: letters, digits, hyphens")]
Url = Annotated[str, Field(description="http(s) URL"), AfterValidator(formats.url)]
Email = Annotated[str, Field(description="e-mail address"), AfterValidator(formats.email)]
Phone = Annotated[str, Field(description="phone number in international format, e.g. +1 613 957 4832")]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 language code"), AfterValidator(formats.language)]
Text = Annotated[str, Field(min_length=1, description="plain text (no HTML, no Markdown links)"), AfterValidator(formats.plain_text)]
SourceRef = Annotated[Slug, Field(description="id of an entry in this record's `sources`")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


class Name(Strict):
    en: Text = Field(description="name in English")
    zh: Text | None = Field(None, description="name in Chinese (简体中文), where a source or official usage gives it")
    local: Text | None = Field(None, description="name in the local official language, as the source prints it")


class Source(Strict):
    id: Slug = Field(description="short id used by facts in this record to cite the source")
    title: Text = Field(description="what the source is: publisher and title")
    url: Url = Field(description="where the source can be read")
    original_url: Url | None = Field(None, description="the original the source reproduces, where it says so")
    kind: Literal["official", "intergovernmental", "un-depositary", "secondary"] = Field(
        description="official: a government or statute; intergovernmental: UN, EJN, OAS, regional networks; un-depositary: UN Treaty Collection; secondary: everything else")
    as_of: Date | None = Field(None, description="the date the source shows for its content; null when it shows none")
    retrieved: Date | None = Field(None, description="the date the source was read")


class Sourced(Strict):
    sources: list[SourceRef] = Field(min_length=1, description="ids of the sources (in the record's `sources`) that give this fact")
    notes: Text | None = Field(None, description="what a reader should know about this fact: caveats, conflicting sources")


class Contact(Strict):
    address: Text | None = Field(None, description="postal address, as printed by the source")
    phone: list[Phone] = Field(default_factory=list, description="phone numbers in international format")
    fax: list[Phone] = Field(default_factory=list, description="fax numbers in international format")
    email: list[Email] = Field(default_factory=list, description="e-mail addresses")
    website: Url | None = Field(None, description="official web page of the authority or of its MLA guidance")
    hours: Text | None = Field(None, description="office hours, as the source gives them")
    timezone: str | None = Field(None, description="IANA time zone of the office, e.g. America/Toronto")


class Authority(Sourced):
    id: Slug = Field(description="stable id, unique across the directory; starts with the jurisdiction id, e.g. can-iag")
    name: Name = Field(description="name of the authority")
    unit: Text | None = Field(None, description="the unit, office or division that handles requests")
    kind: Slug = Field(description="vocab authority-kinds: central-authority, competent-authority, executing-authority, contact-point, foreign-contact-authority")
    handles: list[Slug] = Field(min_length=1, description="vocab matters this authority deals with: mla, extradition, transfer-of-sentenced-persons, transfer-of-proceedings, asset-recovery")
    designated_under: list[Slug] = Field(default_factory=list, description="ids of instruments under which it is designated or named (untoc, uncac, drugs1988, a bilateral treaty, a domestic law)")
    role: Text | None = Field(None, description="what this authority does, in the source's terms")
    contact: Contact = Field(default_factory=Contact, description="contact details; leave fields out when no source gives them")
    contact_caution: Text | None = Field(None, description="why the contact details may not be a confirmed criminal-matters contact (e.g. a civil-matters listing)")
    languages: list[Language] = Field(default_factory=list, description="languages (ISO 639-1) in which this authority accepts requests, as a source states")
    channels: list[Slug] = Field(default_factory=list, description="vocab channels through which it accepts requests")
    urgent: Text | None = Field(None, description="what to do when the request is urgent")
    verified: Date = Field(description="date the facts of this authority were last checked against their sources")


class Requirement(Sourced):
    topic: Slug = Field(description="vocab requirement-topics: languages, translation, dual-criminality, channel, legalisation, form, confidentiality, costs, typical-time, urgent, reciprocity, execution, refusal, other")
    text: Text = Field(description="the requirement, in plain words")
    policy: Slug | None = Field(None, description="for dual-criminality: none, coercive-only, all; for reciprocity: required, not-required")
    measures: list[Slug] = Field(default_factory=list, description="vocab measures the requirement concerns; empty = all")


class Declaration(Sourced):
    instrument: Slug = Field(description="id of the instrument the declaration was made under")
    topic: Slug = Field(description="extradition-basis (art. 16(5) UNTOC / 44(6) UNCAC), mla-basis, languages, central-authority, other")
    value: bool | None = Field(None, description="for extradition-basis and mla-basis: whether the State takes the convention as a legal basis")
    text: Text = Field(description="what the declaration says, paraphrased")
    date: Date | None = Field(None, description="date of the notification or declaration, where known")


class InformalChannel(Sourced):
    kind: Slug = Field(description="vocab channels: interpol, fiu-egmont, network-24-7, regional-network, liaison, police-cooperation")
    name: Text = Field(description="name of the unit or network")
    text: Text | None = Field(None, description="what goes through it")


class Law(Sourced):
    title: Text = Field(description="title of the domestic law")
    year: int | None = Field(None, ge=1800, le=2100, description="year of adoption")


class Practice(Sourced):
    kind: Literal["refusal-and-delay", "good-practice", "case-tracking", "figures", "uncac-as-mla-basis"] = Field(description="what the State reported")
    text: Text = Field(description="the reported practice, paraphrased")


Unknown = Literal["central-authority", "contacts", "languages", "channels", "requirements", "extradition-authority"]


class Jurisdiction(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z]{3}$", description="ISO 3166-1 alpha-3, lower case; equals the file name")]
    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
    name: Name = Field(description="name of the State or territory")
    un_name: Text | None = Field(None, description="the name as the UN depositary lists it")
    region: Slug = Field(description="vocab regions (UN M49 region)")
    part_of: Annotated[str, Field(pattern=r"^[a-z]{3}$")] | None = Field(None, description="for a territory with its own MLA regime (Hong Kong SAR, Macao SAR): the State it is part of")
    authorities: list[Authority] = Field(default_factory=list, description="authorities that receive or handle requests")
    unknown: list[Unknown] = Field(default_factory=list, description="facts looked for and not found in any source; shown as help wanted")
    requirements: list[Requirement] = Field(default_factory=list, description="what a request to this jurisdiction must satisfy")
    declarations: list[Declaration] = Field(default_factory=list, description="declarations and notifications under multilateral instruments")
    informal_channels: list[InformalChannel] = Field(default_factory=list, description="police, FIU, 24/7 and regional networks")
    domestic_law: list[Law] = Field(default_factory=list, description="the domestic laws on international cooperation")
    practice: list[Practice] = Field(default_factory=list, description="what the State reported of its own practice (e.g. to the UNCAC Conference)")
    sources: list[Source] = Field(default_factory=list, description="every source cited in this record")
    verified: Date = Field(description="date of the last full review of this record")


class Party(Strict):
    state: Annotated[str, Field(pattern=r"^[a-z]{3}$", description="jurisdiction id")]
    signature: Date | None = Field(None, description="date of signature")
    consent: Date | None = Field(None, description="date the instrument of ratification, accession, acceptance, approval or succession was deposited")
    action: Literal["ratification", "accession", "acceptance", "approval", "succession", "formal-confirmation", "signature"] | None = Field(None, description="how the State consented to be bound")
    entry_into_force: Date | None = Field(None, description="date the instrument entered into force for the State, where the source gives it")
    notes: Text | None = None
    sources: list[SourceRef] = Field(min_length=1, description="ids of the sources that give this entry")


class TreatyText(Strict):
    language: Language = Field(description="language of the text")
    path: Annotated[str, Field(pattern=r"^kb/treaties/[a-z0-9.-]+\.md$", description="the text in kb/treaties/")]


class BilateralSide(Strict):
    state: Annotated[str, Field(pattern=r"^[a-z]{3}$", description="jurisdiction id")]
    central_authority: Text | None = Field(None, description="central authority as the treaty names it")


class Instrument(Strict):
    id: Slug = Field(description="instrument id; equals the file name")
    kind: Literal["multilateral", "bilateral", "domestic-law", "model"] = Field(description="kind of instrument")
    jurisdiction: Annotated[str, Field(pattern=r"^[a-z]{3}$")] | None = Field(None, description="domestic-law: the State whose law it is")
    subject: list[Slug] = Field(min_length=1, description="vocab matters the instrument covers")
    scope: Literal["criminal", "civil-and-criminal", "civil-commercial-and-criminal"] = Field("criminal", description="matters the instrument covers beyond criminal ones")
    title: Name = Field(description="official title")
    short_title: Name | None = Field(None, description="short name, e.g. UNTOC / 联合国打击跨国有组织犯罪公约")
    scope_condition: Name | None = Field(None, description="when the instrument applies as a legal basis (e.g. offences established under the Convention)")
    offences: list[Slug] = Field(default_factory=list, description="vocab offence areas the instrument covers: corruption, drugs, organized-crime, cyber, terrorism-financing, trafficking-in-persons, migrant-smuggling, firearms, money-laundering, any")
    adopted: Date | PartialDate | None = Field(None, description="date of adoption (multilateral) or signature (bilateral)")
    adopted_place: Text | None = None
    entry_into_force: Date | PartialDate | None = Field(None, description="date of (general) entry into force")
    status: Text | None = Field(None, description="what a source says about the status, with its date")
    in_force: bool | None = Field(None, description="true: a source says it is in force or gives its entry into force; false: the latest source says it is not (yet) in force; null: not established")
    superseded_by: Slug | None = Field(None, description="domestic-law: the instrument id of the later version that replaced this text (set in_force: false too)")
    depositary: Text | None = None
    registration: Text | None = Field(None, description="UNTS or CETS registration")
    texts: list[TreatyText] = Field(default_factory=list, description="official texts in kb/treaties/")
    provisions: dict[Slug, str] = Field(default_factory=dict, description="topic → article (e.g. central-authority: '18(13)')")
    parties_known: Literal["complete", "partial", "unknown"] = Field("unknown", description="how complete the party list is")
    parties: list[Party] = Field(default_factory=list, description="multilateral: States bound, with dates")
    sides: list[BilateralSide] = Field(default_factory=list, description="bilateral: the two parties")
    npcsc_decision: PartialDate | None = Field(None, description="bilateral treaties of China: date of the NPC Standing Committee decision to ratify")
    notes: Text | None = None
    sources: list[Source] = Field(min_length=1, description="every source cited in this record")
    verified: Date = Field(description="date of the last full review of this record")


class VocabEntry(Strict):
    id: Slug = Field(description="stable id; never renamed once used")
    en: Text = Field(description="label in English")
    zh: Text = Field(description="label in Chinese")
    definition_en: Text | None = Field(None, description="what the term means, when to use it rather than a neighbour")
    definition_zh: Text | None = None
    see_also: list[Slug] = Field(default_factory=list)
    basis: Text | None = Field(None, description="the article or document behind the entry, e.g. UNTOC 18(15)(a)")
    required: bool | None = Field(None, description="request-elements: true when the conventions or most national laws require the element, false when it is conditional or recommended")
    applies_to: list[Slug] = Field(default_factory=list, description="request-elements: vocab measures the element concerns; empty = every measure")


class Vocabulary(Strict):
    id: Slug = Field(description="vocabulary id; equals the file name")
    title: Name = Field(description="what the vocabulary lists")
    entries: list[VocabEntry] = Field(min_length=1)


class GlossaryTerm(Strict):
    en: Text = Field(description="English term")
    zh: Text = Field(description="Chinese term (简体)")
    variants_en: list[Text] = Field(default_factory=list, description="other English forms searched as synonyms")
    variants_zh: list[Text] = Field(default_factory=list, description="other Chinese forms searched as synonyms")
    definition_en: Text | None = None
    definition_zh: Text | None = None
    basis: Text | None = Field(None, description="where the term is used, e.g. UNTOC art. 18")


class Glossary(Strict):
    id: Literal["glossary"] = "glossary"
    title: Name
    terms: list[GlossaryTerm] = Field(min_length=1)


KINDS: dict[str, type[Strict]] = {
    "jurisdiction": Jurisdiction,
    "instrument": Instrument,
    "vocabulary": Vocabulary,
    "glossary": Glossary,
}
