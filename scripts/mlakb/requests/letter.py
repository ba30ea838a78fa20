"""The letter of request in one language: sender, addressee (from the directory), title and numbered sections.

render.py lays the same structure out as Markdown or DOCX, one language or both side by side; both languages
always have the same sections in the same order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date

from ..common.names import language_name
from . import citation
from .facts import Facts
from .model import RequestDraft, localized
from .route import authority_name, route_for

REQUIRED_SECTIONS = {"legal_basis", "proceedings", "facts", "offences", "assistance", "purpose", "contact"}
REQUIRED_FOR_EXTRADITION = {"legal_basis", "proceedings", "facts", "offences", "persons", "extradition", "assurances", "contact"}
SKIPPED_FOR_EXTRADITION = {"assistance", "link", "purpose", "procedure"}


@lru_cache(maxsize=1)
def wording() -> dict:
    return yaml.safe_load((Path(__file__).parent / "templates" / "letter.yaml").read_text(encoding="utf-8"))


@dataclass
class Letter:
    lang: str
    title: str
    sender: list[str]
    addressee: list[str]
    meta: list[str]
    opening: str
    to_label: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def build(draft: RequestDraft, facts: Facts, lang: str) -> Letter:
    w = wording()
    original = draft.languages.request

    def t(value) -> str | None:
        return localized(value, lang, original)

    def label(key: str) -> str:
        return w["labels"][key][lang]

    def pair(key: str, value) -> str | None:
        text = t(value) if not isinstance(value, (list, tuple)) else "; ".join(filter(None, map(t, value)))
        return f"{label(key)}{'：' if lang == 'zh' else ': '}{text}" if text else None

    addressee = addressee_lines(draft, facts, lang)
    case_authority = t(draft.requesting.authority) or w["to_complete"][lang]
    route = route_for(draft, facts)
    competent = authority_name(facts.home_authority(draft.requesting.competent_authority), lang)
    transmitting = authority_name(facts.home_authority(draft.requesting.transmitting_authority), lang)
    sender = competent or case_authority  # the request is made in the name of the authority that approved it
    basis = _basis(draft, facts, lang)
    colon = "：" if lang == "zh" else ": "
    route_lines = [f"{label('requesting_authority')}{colon}{sender}"] + ([f"{label('case_authority')}{colon}{case_authority}"] if competent else [])
    route_lines += [f"{label('transmitted_by')}{colon}{transmitting}"] if transmitting else []
    the = _the if lang == "en" else (lambda name: name)
    opening = w["opening"][facts.matter if facts.matter in w["opening"] else "mla"][lang].format(
        sender=the(sender), addressee=the(_addressee_in_text(draft, facts, lang)),
        basis=" and ".join(_the(citation.title(i, facts, lang)) for i in draft.legal_basis.instruments) if lang == "en" and draft.legal_basis.instruments else basis)
    opening = opening[:1].upper() + opening[1:]
    if route and competent and transmitting:
        opening += w["route"][lang].format(case=the(case_authority), competent=the(competent), transmitting=the(transmitting),
                                           law=route.cite(route.step("review").article, lang, full=True))
    letter = Letter(
        lang=lang,
        title=w["title"][facts.matter][lang],
        sender=[x for x in (*route_lines, t(draft.requesting.address)) if x],
        addressee=addressee,
        meta=[x for x in (draft.reference and f"{w['reference'][lang]}{colon}{draft.reference}", draft.date and f"{w['date'][lang]}{colon}{format_date(draft.date, 'long', locale=lang)}") if x],
        opening=opening,
        to_label=w["to"][lang],
    )
    p = draft.proceedings
    natures = w["natures"]
    content = {
        "legal_basis": [f"{label('relied_on')}{colon}{basis}",
                        f"{label('articles_cited')}{colon}{t(draft.legal_basis.articles) or citation.articles_text(draft, facts, lang) or w['to_complete'][lang]}" if draft.legal_basis.instruments else None,
                        pair("reciprocity_undertaking", draft.legal_basis.reciprocity_undertaking)],
        "proceedings": [t(p.description), pair("conducting_authority", p.conducting_authority), p.nature and f"{label('nature')}{colon}{natures[p.nature][lang]}", pair("case_number", p.case_number)],
        "facts": [t(draft.facts)],
        "offences": [line for o in draft.offences for line in (t(o.name), pair("provision", o.provision), pair("penalty", o.penalty), o.death_penalty and label("death_penalty"))],
        "conduct": [t(draft.dual_criminality)],
        "persons": [_person(person, facts, lang, t, pair) for person in draft.persons],
        "assets": [_joined([t(a.description), pair("bank", a.bank), pair("account_number", a.account_number), pair("holder", a.holder), pair("period", a.period), pair("location", a.location), pair("value", a.value)], lang) for a in draft.assets],
        "extradition": _extradition(draft, lang, label, pair) if facts.matter == "extradition" else [],
        "assistance": [line for i, m in enumerate(draft.measures, 1) for line in _measure(i, m, facts, lang, t, pair)],
        "link": [t(draft.link)],
        "purpose": [t(draft.purpose)],
        "procedure": [pair("present_at_execution", [_joined([t(x.name), t(x.role)], lang) for x in draft.procedure.present_at_execution]), pair("certification", draft.procedure.certification), pair("formalities", draft.procedure.formalities)],
        "urgency": _urgency(draft, facts, lang, label, pair),
        "confidentiality": [label("confidential") if draft.confidentiality.required else None, pair("reason", draft.confidentiality.reason)],
        "assurances": [pair("use_limitation", draft.assurances.use_limitation), pair("return_of_items", draft.assurances.return_of_items),
                       pair("speciality", draft.assurances.speciality), pair("death_penalty_assurance", draft.assurances.death_penalty)],
        "languages": [pair("request_language", _language(original, lang)), pair("translations", [_language(x, lang) for x in draft.languages.translations])],
        "contact": _contact(draft, lang, label, pair),
        "related": [t(draft.related_requests)],
        "annexes": [f"{i}. {annex}" for i, annex in enumerate(draft.annexes, 1)],
    }
    extradition = facts.matter == "extradition"
    for key, lines in content.items():
        lines = [x for x in lines if x]
        if extradition and key in SKIPPED_FOR_EXTRADITION:
            continue
        if lines or key in (REQUIRED_FOR_EXTRADITION if extradition else REQUIRED_SECTIONS):
            letter.sections.append((w["sections"][key][lang], lines or [w["to_complete"][lang]]))
    s = draft.signatory
    letter.signature = [x for x in (t(s.name), t(s.title), t(s.authentication)) if x]
    return letter


def _the(name: str) -> str:
    """"the Ministry of Justice" in an English sentence; a name that already starts with The keeps it."""
    return name if name.lower().startswith("the ") else f"the {name}"


def _joined(parts: list, lang: str) -> str | None:
    return ("；" if lang == "zh" else "; ").join(p for p in parts if p) or None


def _language(code: str | None, lang: str) -> str | None:
    return code and f"{language_name(code, lang)} ({code})"


def _addressee(draft: RequestDraft, facts: Facts) -> dict | None:
    return facts.authority(draft.requested.authority) or next(iter(facts.central_authorities()), None)


def _state_name(draft: RequestDraft, facts: Facts, lang: str) -> str:
    return (facts.target and ((facts.target["name_zh"] if lang == "zh" else None) or facts.target["name_en"])) or draft.requested.state or ""


def _original(authority: dict) -> str:
    """The authority's name as its own State writes it, and in English when that differs."""
    return " / ".join(dict.fromkeys(x for x in (authority["name_en"], authority.get("name_local")) if x))


def _addressee_in_text(draft: RequestDraft, facts: Facts, lang: str) -> str:
    """How the opening sentence names the addressee: in Chinese its Chinese name where the directory has one, else
    the State and the kind of authority in Chinese with the original name in brackets."""
    authority, state = _addressee(draft, facts), _state_name(draft, facts, lang)
    if authority is None:
        return wording()["authority_of"][facts.matter if facts.matter == "extradition" else "mla"][lang].format(state=state)
    if lang != "zh":
        return authority["name_en"]
    if authority.get("name_zh"):
        return authority["name_zh"]
    return f"{state}{facts.label('authority-kinds', authority['kind'], 'zh')}（{_original(authority)}）"


def addressee_lines(draft: RequestDraft, facts: Facts, lang: str) -> list[str]:
    authority, state = _addressee(draft, facts), _state_name(draft, facts, lang)
    if authority is None:
        return [wording()["authority_of"][facts.matter if facts.matter == "extradition" else "mla"][lang].format(state=state)]
    if lang == "zh":
        name = f"{authority['name_zh']}（{_original(authority)}）" if authority.get("name_zh") else _addressee_in_text(draft, facts, lang)
    else:
        name = _original(authority)
    return [x for x in (name, authority["unit"], authority["address"], state) if x]


def _basis(draft: RequestDraft, facts: Facts, lang: str) -> str:
    titles = [citation.title(instrument, facts, lang) for instrument in draft.legal_basis.instruments]
    if not titles:
        return wording()["reciprocity"][lang]
    return ("、" if lang == "zh" else "; ").join(titles)


def _extradition(draft: RequestDraft, lang: str, label, pair) -> list[str | None]:
    x, w = draft.extradition, wording()
    return [x.purpose and f"{label('extradition_purpose')}{'：' if lang == 'zh' else ': '}{w['extradition_purposes'][x.purpose][lang]}",
            pair("warrant", x.warrant), pair("sentence_remaining", x.sentence_remaining), pair("limitation", x.limitation),
            label("provisional_arrest") if x.provisional_arrest else None, pair("reason", x.provisional_arrest_reason)]


def _person(person, facts: Facts, lang: str, t, pair) -> str | None:
    roles = wording()["roles"]
    head = " — ".join(x for x in (t(person.name), person.role and roles[person.role][lang]) if x)
    sexes = wording()["sexes"]
    return _joined([head, pair("sex", person.sex and sexes[person.sex][lang]), pair("birth_date", person.birth_date and person.birth_date.isoformat()),
                    pair("nationality", _nationality(person.nationality, facts, lang)), pair("identity_document", person.identity_document), pair("occupation", person.occupation),
                    pair("description", person.description), pair("address", person.address), t(person.notes)], lang)


def _nationality(value: str | None, facts: Facts, lang: str) -> str | None:
    """A State id (fra) as the State's name; anything else as written."""
    state = facts.states.get((value or "").strip().lower())
    return ((state["name_zh"] if lang == "zh" else None) or state["name_en"]) if state else value


def _measure(number: int, m, facts: Facts, lang: str, t, pair) -> list[str | None]:
    name = facts.label("measures", m.measure, lang)
    lines = [f"{number}. {name}" + (f"：{t(m.details)}" if lang == "zh" and m.details else f": {t(m.details)}" if m.details else "")]
    for key in ("place", "items", "home_authorisation", "documents", "status_and_rights", "videoconference", "order", "transfer_conditions"):
        lines.append(pair(key, getattr(m, key)))
    lines.append(pair("appearance_date", m.appearance_date and m.appearance_date.isoformat()))
    lines.extend(f"    {i}) {q}" for i, q in enumerate(m.questions, 1))
    return lines


def _urgency(draft: RequestDraft, facts: Facts, lang: str, label, pair) -> list[str | None]:
    u = draft.urgency
    if not u.urgent and not u.deadline:
        return []
    return [label("urgent") if u.urgent else label("not_urgent"), pair("reason", u.reason), pair("deadline", u.deadline and format_date(u.deadline, "long", locale=lang)),
            pair("advance_copy", u.advance_channel and facts.label("channels", u.advance_channel, lang))]


def _contact(draft: RequestDraft, lang: str, label, pair) -> list[str | None]:
    o = draft.requesting.officer
    officer = _joined([o.name, o.title], lang)
    return [officer and f"{label('officer')}{'：' if lang == 'zh' else ': '}{officer}", pair("phone", o.phone), pair("email", o.email), pair("supplementary_information", draft.supplementary_information)]
