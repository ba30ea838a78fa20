"""The record models: written once, with a description on every field.

The JSON Schemas in directory/schema/ are generated from these models (`mlakb schema`), and a test
fails when they are stale.  Checks that need the whole directory (references, codes, coverage) live
in `check.py`; these models only say what a single record looks like.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

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


def vocab(name: str):
    """A slug that must be an entry of directory/vocab/<name>.yaml (checked by `mlakb check`)."""
    return Annotated[Slug, Field(json_schema_extra={"x-vocab": name})]


Unknown = Literal["central-authority", "contacts", "email", "languages", "channels", "urgent", "requirements", "extradition-authority", "dual-criminality", "informal-channels"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


class Name(Strict):
    en: Text = Field(description="name in English")
    zh: Text | None = Field(None, description="name in Chinese (简体中文), where a source or official usage gives it")
    zh_translated: bool = Field(False, description="true when the Chinese name is our translation, not an official or sourced one")
    local: Text | None = Field(None, description="name in the local official language, as the source prints it")


class Source(Strict):
    id: Slug = Field(description="short id used by facts in this record to cite the source")
    title: Text = Field(description="what the source is: publisher and title")
    url: Url = Field(description="where the source can be read")
    original_url: Url | None = Field(None, description="the original the source reproduces, where it says so")
    kind: Literal["official", "intergovernmental", "secondary"] = Field(
        description="who made the text read: official: a government, a statute or a State's own notification; intergovernmental: UN (depositary included), Council of Europe, EJN, OAS, regional networks; secondary: everything else. A copy on another site of a fixed document (a gazette notice, a ministry statement, a UN or Council of Europe document such as a review summary on uncac.cn or a status list on zaki.ru, a web-archive snapshot) keeps its maker's kind, and its title names the site; the text of a law, a treaty or a judgment read on a site that is not a State's or a court's own is secondary (an unofficial copy or consolidation), and so is a news agency's report, a State-owned agency's included; a release of a government's information service or bureau (a department that publishes the government's own news and statements, such as the Jamaica Information Service) is official, on its site or copied elsewhere")
    as_of: PartialDate | None = Field(None, description="the date the source shows for its content (YYYY, YYYY-MM or YYYY-MM-DD); null when it shows none")
    retrieved: Date | None = Field(None, description="the date the source was read")
    translation: Literal["machine", "ours", "publisher"] | None = Field(None, description="set whenever the text read is not in English or Chinese, or is the publisher's version in another language than the original: machine (read through a machine translation), ours (read in the original language and rendered by us), publisher (the publisher's own version in English or Chinese of a text the source shows was first made in another language: a declaration marked \"Or. Fr.\", a UN document's Chinese version, an English rendering of a foreign law); null: read in English or Chinese as the source was written, including a page a publisher wrote in English (a ministry's English page) that does not say it translates another text")


class Said(Strict):
    """A statement in English and Chinese; `translated` names the language that is our translation."""
    en: Text | None = Field(None, description="the statement in English")
    zh: Text | None = Field(None, description="the statement in Chinese (简体中文)")
    translated: Literal["en", "zh"] | None = Field(None, description="which of the two is our translation of the other (shown as such)")

    @model_validator(mode="after")
    def _said_in_one_language(self):
        if not (self.en or self.zh):
            raise ValueError("a statement needs `en` or `zh`")
        if self.translated and not (self.en and self.zh):
            raise ValueError("`translated` names one of two texts: give both `en` and `zh`")
        return self

    def text(self, lang: str) -> str:
        """The statement in `lang`, else in the other language."""
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)


class Sourced(Strict):
    sources: list[SourceRef] = Field(min_length=1, description="ids of the sources (in the record's `sources`) that state this fact, and only those")
    notes: Said | None = Field(None, description="what a reader should know about this fact (caveats, conflicting sources), in English and Chinese")
    verified: Date | None = Field(None, description="the day a person compared this fact with its sources; null until someone has")
    review: list[Text] = Field(default_factory=list, description="what a person must still check about this fact (shown to maintainers, never to readers as a fact)")
    editor_notes: Text | None = Field(None, description="editors' working notes; never rendered")


class Contact(Sourced):
    scope: vocab("contact-scopes") | None = Field(None, description="vocab contact-scopes: what the contact is for (criminal-matters, civil-matters-listing, budapest-convention, general); null until established")
    address: Text | None = Field(None, description="postal address, as printed by the source")
    phone: list[Phone] = Field(default_factory=list, description="phone numbers in international format")
    fax: list[Phone] = Field(default_factory=list, description="fax numbers in international format")
    email: list[Email] = Field(default_factory=list, description="e-mail addresses")
    website: Url | None = Field(None, description="official web page of the authority or of its MLA guidance")
    hours: Text | None = Field(None, description="office hours, as the source gives them")
    timezone: str | None = Field(None, description="IANA time zone of the office, e.g. America/Toronto")
    staff_languages: list[Language] = Field(default_factory=list, description="languages (ISO 639-1) the staff at this contact speak, as the source says; not the languages in which requests are accepted")


class Designation(Sourced):
    instrument: Slug = Field(description="id of the instrument (untoc, uncac, drugs1988, cets185, a bilateral treaty, a domestic law) under which the authority is designated or named")
    matters: list[vocab("matters")] = Field(default_factory=list, description="vocab matters the designation covers; empty = every matter the authority handles")


class Languages(Sourced):
    codes: list[Language] = Field(min_length=1, description="languages (ISO 639-1) in which requests are accepted")
    text: Said | None = Field(None, description="the source's conditions, e.g. translation into the official language required")
    applies: vocab("channel-uses") = Field("any", description="vocab channel-uses: when the source states these languages (any; convention or treaty: only for requests under the instruments named)")
    instruments: list[Slug] = Field(default_factory=list, description="ids of the instruments (directory/instruments/) for whose requests the source states these languages; with applies treaty or convention")


class Channel(Sourced):
    channel: vocab("channels") = Field(description="vocab channels")
    applies: vocab("channel-uses") = Field("any", description="vocab channel-uses: any, treaty, non-treaty, urgent, convention (under a named instrument), scheme")
    measures: list[vocab("measures")] = Field(default_factory=list, description="vocab measures the channel is for (e.g. extradition, provisional-arrest); empty = every request")
    instruments: list[Slug] = Field(default_factory=list, description="ids of the instruments (directory/instruments/) the channel is under, where the source names them; with applies treaty or convention")
    text: Said | None = Field(None, description="conditions of the channel, as the source gives them")


class Urgent(Sourced):
    text: Said = Field(description="what to do when the request is urgent")


class Authority(Sourced):
    id: Slug = Field(description="stable id, unique across the directory; starts with the jurisdiction id, e.g. can-iag")
    name: Name = Field(description="name of the authority")
    unit: Text | None = Field(None, description="the unit, office or division that handles requests")
    kind: vocab("authority-kinds") = Field(description="vocab authority-kinds: central-authority, competent-authority, executing-authority, contact-point, foreign-contact-authority")
    handles: list[vocab("matters")] = Field(min_length=1, description="vocab matters this authority deals with: mla, extradition, transfer-of-sentenced-persons, transfer-of-proceedings, asset-recovery")
    designations: list[Designation] = Field(default_factory=list, description="the legal bases under which it is designated or named, each with the sources that say so")
    role: Said | None = Field(None, description="what this authority does, in the source's terms, in English and Chinese")
    contacts: list[Contact] = Field(default_factory=list, description="contact details, each typed by scope and sourced; leave fields out when no source gives them")
    languages: Languages | None = Field(None, description="languages in which this authority accepts requests, as a source states")
    channels: list[Channel] = Field(default_factory=list, description="channels through which it accepts requests, each sourced")
    urgent: Urgent | None = Field(None, description="the urgent route")


class Requirement(Sourced):
    topic: vocab("requirement-topics") = Field(description="vocab requirement-topics (availability, legal-basis, dual-criminality, languages, channel, urgent, costs, typical-time, nationals, assurances, provisional-arrest, speciality ...)")
    measures: list[vocab("measures")] = Field(default_factory=list, description="vocab measures the requirement concerns (as a country fiche lists them); empty = every request")
    offences: list[vocab("offences")] = Field(default_factory=list, description="vocab offences: the offence areas the source limits the requirement to (e.g. a route under an anti-money-laundering law); empty = every offence")
    text: Said = Field(description="the requirement, in plain words")
    policy: vocab("policies") | None = Field(None, description="vocab policies for the topic: dual-criminality none / coercive-only / as-a-rule / all; legal-basis treaty / reciprocity / none; nationals extradited / not-extradited / conditional")
    available: bool | None = Field(None, description="availability: whether the measure can be granted at all")
    languages: list[Language] = Field(default_factory=list, description="languages: the codes the requirement accepts")
    channels: list[vocab("channels")] = Field(default_factory=list, description="channel: vocab channels the requirement names")
    applies: vocab("channel-uses") = Field("any", description="vocab channel-uses: any, treaty, non-treaty, urgent, convention, scheme")
    instruments: list[Slug] = Field(default_factory=list, description="ids of the instruments (directory/instruments/) the requirement is under, where the source names them; with applies treaty or convention")


class Declaration(Sourced):
    instrument: Slug = Field(description="id of the instrument the declaration was made under")
    topic: vocab("declaration-topics") = Field(description="vocab declaration-topics: extradition-basis (art. 16(5) UNTOC / 44(6) UNCAC), mla-basis, languages, central-authority, other")
    value: bool | None = Field(None, description="for extradition-basis and mla-basis: whether the State takes the convention as a legal basis")
    text: Said = Field(description="what the declaration says, paraphrased")
    date: Date | None = Field(None, description="date of the notification or declaration, where known")


class InformalChannel(Sourced):
    kind: vocab("informal-channel-kinds") = Field(description="vocab informal-channel-kinds: fiu, interpol-ncb, network-24-7, asset-recovery-network, judicial-network, police-cooperation, liaison")
    name: Name = Field(description="name of the unit, or of the network")
    network: Text | None = Field(None, description="the network it belongs to, e.g. Egmont Group, CARIN, ARINSA, IberRed")
    role: vocab("network-roles") | None = Field(None, description="vocab network-roles: the State's standing in the network, as the source gives it (listed: named without saying how)")
    host: Text | None = Field(None, description="the ministry or body it sits in")
    text: Said | None = Field(None, description="what goes through it")
    contacts: list[Contact] = Field(default_factory=list, description="its contact details, where a source gives them")


class Law(Sourced):
    title: Text = Field(description="title of the domestic law")
    year: int | None = Field(None, ge=1800, le=2100, description="year of adoption")


class Practice(Sourced):
    kind: vocab("practice-kinds") = Field(description="vocab practice-kinds: what the State reported")
    text: Said = Field(description="the reported practice, paraphrased")


class Search(Strict):
    looked_for: Unknown = Field(description="the fact looked for")
    where: Text = Field(description="what was searched (sources, pages), so the next person need not repeat it")
    on: Date = Field(description="the day of the search")


class Jurisdiction(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z]{3}$", description="ISO 3166-1 alpha-3, lower case; equals the file name")]
    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
    name: Name = Field(description="name of the State or territory")
    un_name: Text | None = Field(None, description="the name as the UN depositary lists it")
    region: vocab("regions") = Field(description="vocab regions (UN M49 region)")
    part_of: Annotated[str, Field(pattern=r"^[a-z]{3}$")] | None = Field(None, description="for a territory with its own MLA regime (Hong Kong SAR, Macao SAR): the State it is part of")
    authorities: list[Authority] = Field(default_factory=list, description="authorities that receive or handle requests, the State's main one first: a request goes to the first central authority for its matter, or the first designated under its instrument")
    unknown: list[Unknown] = Field(default_factory=list, description="facts looked for and not found in any source; shown as help wanted. contacts: a contact for criminal matters (a civil-matters listing or a 24/7 point does not answer it); email: an e-mail for criminal matters; languages: the languages accepted for any request (a rule for one treaty or one measure leaves it unknown); urgent: how to send an urgent request. `mlakb check` reports an entry the record itself answers (E-UNKNOWN)")
    searched: list[Search] = Field(default_factory=list, description="where unknown facts were looked for, and when")
    requirements: list[Requirement] = Field(default_factory=list, description="what a request to this jurisdiction must satisfy")
    declarations: list[Declaration] = Field(default_factory=list, description="declarations and notifications under multilateral instruments")
    informal_channels: list[InformalChannel] = Field(default_factory=list, description="police, FIU, 24/7 and regional networks")
    domestic_law: list[Law] = Field(default_factory=list, description="the domestic laws on international cooperation")
    practice: list[Practice] = Field(default_factory=list, description="what the State reported of its own practice (e.g. to the UNCAC Conference)")
    sources: list[Source] = Field(default_factory=list, description="every source cited in this record")
    verified: Date | None = Field(None, description="the day a person last reviewed every fact of this record; null until then")
    editor_notes: Text | None = Field(None, description="editors' working notes; never rendered")

    @property
    def accepted_languages(self) -> list[str]:
        """Languages any of its authorities or requirements accepts, as a source states."""
        codes = {c for a in self.authorities if a.languages for c in a.languages.codes}
        return sorted(codes | {c for r in self.requirements if r.topic == "languages" for c in r.languages})

    def authorities_for(self, matter: str | None = None, kind: str | None = None) -> list["Authority"]:
        return [a for a in self.authorities if (matter is None or matter in a.handles) and (kind is None or a.kind == kind)]


class Party(Strict):
    state: Annotated[str, Field(pattern=r"^[a-z]{3}$", description="jurisdiction id")]
    signature: Date | None = Field(None, description="date of signature")
    consent: Date | None = Field(None, description="date the instrument of ratification, accession, acceptance, approval or succession was deposited")
    action: Literal["ratification", "accession", "acceptance", "approval", "succession", "formal-confirmation", "signature"] | None = Field(None, description="how the State consented to be bound")
    entry_into_force: Date | None = Field(None, description="date the instrument entered into force for the State, where the source gives it")
    denounced: Date | None = Field(None, json_schema_extra={"x-may-be-future": True}, description="the day a denunciation takes effect for the State, as the source gives it (it may still be ahead): from that day the State is no longer bound")
    notes: Text | None = Field(None, description="what a reader should know about this entry")
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
    subject: list[vocab("matters")] = Field(min_length=1, description="vocab matters the instrument covers")
    scope: Literal["criminal", "civil-and-criminal", "civil-commercial-and-criminal"] = Field("criminal", description="matters the instrument covers beyond criminal ones")
    title: Name = Field(description="official title")
    short_title: Name | None = Field(None, description="short name, e.g. UNTOC / 联合国打击跨国有组织犯罪公约")
    scope_condition: Name | None = Field(None, description="when the instrument applies as a legal basis (e.g. offences established under the Convention)")
    offences: list[vocab("offences")] = Field(default_factory=list, description="vocab offence areas the instrument covers: corruption, drugs, organized-crime, cyber, terrorism-financing, trafficking-in-persons, migrant-smuggling, firearms, money-laundering, any")
    adopted: Date | PartialDate | None = Field(None, description="date of adoption (multilateral) or signature (bilateral)")
    adopted_place: Text | None = Field(None, description="where the instrument was adopted or signed")
    entry_into_force: Date | PartialDate | None = Field(None, description="date of (general) entry into force")
    status: Text | None = Field(None, description="what a source says about the status, with its date")
    in_force: bool | None = Field(None, description="true: a source says it is in force or gives its entry into force; false: the latest source says it is not (yet) in force; null: not established")
    superseded_by: Slug | None = Field(None, description="domestic-law: the instrument id of the later version that replaced this text (set in_force: false too)")
    depositary: Text | None = Field(None, description="the depositary of the instrument")
    registration: Text | None = Field(None, description="UNTS or CETS registration")
    texts: list[TreatyText] = Field(default_factory=list, description="official texts in kb/treaties/")
    provisions: dict[vocab("provision-topics"), str] = Field(default_factory=dict, description="topic → article (e.g. central-authority: '18(13)')")
    parties_known: Literal["complete", "partial", "unknown"] = Field("unknown", description="how complete the party list is")
    parties: list[Party] = Field(default_factory=list, description="multilateral: States bound, with dates")
    sides: list[BilateralSide] = Field(default_factory=list, description="bilateral: the two parties")
    npcsc_decision: PartialDate | None = Field(None, description="bilateral treaties of China: date of the NPC Standing Committee decision to ratify")
    notes: Text | None = Field(None, description="what a reader should know about the instrument")
    sources: list[Source] = Field(min_length=1, description="every source cited in this record")
    verified: Date = Field(description="date of the last full review of this record")


    @property
    def status_id(self) -> str:
        """in-force (a source says so, or gives its entry into force), signed (a source says not in force) or unknown."""
        if self.in_force or (self.in_force is None and self.entry_into_force):
            return "in-force"
        if self.in_force is False:
            return "signed"
        return "unknown"


class VocabEntry(Strict):
    id: Slug = Field(description="stable id; never renamed once used")
    en: Text = Field(description="label in English")
    zh: Text = Field(description="label in Chinese")
    definition_en: Text | None = Field(None, description="what the term means, when to use it rather than a neighbour")
    definition_zh: Text | None = Field(None, description="what the term means, in Chinese")
    see_also: list[Slug] = Field(default_factory=list, description="ids of related entries in the same vocabulary")
    basis: Text | None = Field(None, description="the article or document behind the entry, e.g. UNTOC 18(15)(a)")
    required: bool | None = Field(None, description="request-elements: true when the conventions or most national laws require the element, false when it is conditional or recommended")
    applies_to: list[vocab("measures")] = Field(default_factory=list, description="request-elements: vocab measures the element concerns; empty = every measure")
    topics: list[vocab("requirement-topics")] = Field(default_factory=list, description="policies: the requirement topics the policy is valid for")
    matter: vocab("matters") | None = Field(None, description="measures: the matter a request for this measure belongs to (mla, extradition, asset-recovery ...)")
    coercive: bool | None = Field(None, description="measures: true when the measure is coercive (dual criminality may then be required)")
    within: Text | None = Field(None, description="measures: the group of States between which alone the measure exists (e.g. the European Union); never offered for a request from outside it")
    cite: list[vocab("provision-topics")] = Field(default_factory=list, description="measures and matters: the provision topics to cite for it, in order (a measure's own before its matter's)")
    prevents: vocab("refusal-grounds") | None = Field(None, description="request-elements: the refusal or delay that a missing element causes")


class Vocabulary(Strict):
    id: Slug = Field(description="vocabulary id; equals the file name")
    title: Name = Field(description="what the vocabulary lists")
    entries: list[VocabEntry] = Field(min_length=1)


class GlossaryTerm(Strict):
    en: Text = Field(description="English term")
    zh: Text = Field(description="Chinese term (简体)")
    variants_en: list[Text] = Field(default_factory=list, description="other English forms searched as synonyms")
    variants_zh: list[Text] = Field(default_factory=list, description="other Chinese forms searched as synonyms")
    superseded_zh: list[Text] = Field(default_factory=list, description="Chinese renderings the directory no longer uses for this term; check warns where a record's Chinese that is our own translation still has one")
    definition_en: Text | None = Field(None, description="what the term means, in English")
    definition_zh: Text | None = Field(None, description="what the term means, in Chinese")
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
