"""The checks run on a draft request, one small function per rule, each returning findings.

Each rule looks at the draft and at what the directory knows of the requested State (facts.py); none of them
edits anything.  `prevents` names a vocab `refusal-grounds` id; the wording is in templates/findings.yaml.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import yaml

from ..common.names import language_name
from ..query.basis import matter_for
from . import fields
from .elements import BY_RULES, ELEMENTS, EXTRADITION_TOPIC, FOR_EXTRADITION
from .facts import Facts
from .findings import Finding
from .model import RequestDraft, localized
from .citation import cited_articles, short
from .route import route_for
from .translation import untranslated

# evidence, freezing, confiscation and the return of the assets are routinely asked for in one request
COMBINABLE_MATTERS = {"mla", "asset-recovery"}


def coercive_measures(facts: Facts) -> set[str]:
    """Measures the vocabulary marks as coercive (dual criminality may then be required)."""
    return {m for m, entry in facts.vocab.get("measures", {}).items() if entry.get("coercive")}


def prevents(facts: Facts, element: str) -> str | None:
    """The refusal or delay a missing element causes, from the request-elements vocabulary."""
    return facts.vocab.get("request-elements", {}).get(element, {}).get("prevents")


# not required by the conventions, but its absence is the usual cause of delay
ALWAYS_WARN = {"requesting-officer-contact"}
GOOD_PRACTICE = "good practice / 良好做法"

Rule = Callable[[RequestDraft, Facts], Iterator[Finding]]


def check(draft: RequestDraft, facts: Facts) -> list[Finding]:
    return sorted((finding for rule in RULES for finding in rule(draft, facts)), key=Finding.sort_key)


@lru_cache(maxsize=1)
def _messages() -> dict:
    return yaml.safe_load((Path(__file__).parent / "templates" / "findings.yaml").read_text(encoding="utf-8"))


def _finding(message: str, finding_id: str, severity: str, values: dict | None = None, code: str | None = None, **meta) -> Finding:
    """A finding from its message in findings.yaml; its code is R-<ID> (registered in common/codes.yaml) unless given."""
    text = _messages()[message]
    where = meta.get("field", ())
    names = {"field": fields.label(where, "en") or "", "field_zh": fields.label(where, "zh") or ""} if where else {}
    values = {**names, **(values or {})}
    return Finding.of(code or f"R-{finding_id.upper()}", finding_id, severity, text["en"].format(**values), text["zh"].format(**values),
                      field_en=names.get("field") or None, field_zh=names.get("field_zh") or None, **meta)


def _matter(facts: Facts) -> dict:
    name = facts.label("matters", facts.matter) or facts.matter
    return {"matter": name[:1].lower() + name[1:], "matter_zh": facts.label("matters", facts.matter, "zh")}


def _field_list(locs: list[tuple], lang: str) -> str:
    names = list(dict.fromkeys(fields.label(loc, lang) or ".".join(map(str, loc)) for loc in locs))
    return ("、" if lang == "zh" else ", ").join(names)


def _convention(paragraph) -> str:
    return f"UNTOC 18({paragraph}); UNCAC 46({paragraph})"


def _dual_criminality_basis(facts: Facts) -> str:
    return "UNTOC 16(1); UNCAC 44(1)" if facts.matter == "extradition" else _convention(9)


def _addressee(draft: RequestDraft, facts: Facts) -> dict | None:
    return facts.authority(draft.requested.authority) or next(iter(facts.central_authorities()), None)


def _authority(authority: dict, prefix: str, facts: Facts) -> dict:
    """The authority's name in English and in Chinese; without a Chinese name, its State and kind in Chinese with the
    original name in brackets (泰国中央机关（Office of the Attorney General）)."""
    zh = authority.get("name_zh")
    if not zh and facts.target and authority.get("jurisdiction") == facts.target["id"]:
        zh = f"{facts.target['name_zh'] or ''}{facts.label('authority-kinds', authority['kind'], 'zh')}（{authority['name_en']}）"
    return {prefix: authority["name_en"], f"{prefix}_zh": zh or authority["name_en"]}


def _state(facts: Facts) -> dict:
    return {"state": facts.target["name_en"], "state_zh": facts.target["name_zh"] or facts.target["name_en"]}


def _languages(codes: list[str], lang: str = "en") -> str:
    return ("、" if lang == "zh" else ", ").join(f"{language_name(c, lang)} ({c})" for c in codes)


def missing_elements(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    elements = facts.vocab.get("request-elements")
    if not elements:
        yield _finding("vocabulary-missing", "vocabulary-missing", "error", element="request-elements")
        return
    measures = set(draft.measure_ids())
    extradition = facts.matter == "extradition"
    route = route_for(draft, facts) if extradition else None
    law = facts.provisions.get(route.law, {}) if route else {}
    for element_id, entry in elements.items():
        if element_id in BY_RULES or element_id not in ELEMENTS:
            continue
        if element_id == "legal-basis-of-request" and facts.basis and facts.basis["reciprocity"]:
            continue  # rule no-treaty says what to do instead
        specific = bool(entry["applies_to"])
        if specific and not measures & set(entry["applies_to"]):
            continue
        if extradition and not specific and element_id not in FOR_EXTRADITION:
            continue  # an element of requests for evidence, not of a request to surrender a person
        missing = ELEMENTS[element_id](draft)
        if not missing:
            continue
        severity = "error" if entry.get("required") else "warning" if specific or element_id in ALWAYS_WARN else "advice"
        values = {"label": entry["en"], "label_zh": entry["zh"], "fields": _field_list(missing, "en"), "fields_zh": _field_list(missing, "zh")}
        basis = entry.get("basis") or GOOD_PRACTICE
        if law.get(EXTRADITION_TOPIC.get(element_id, "")):
            # an outgoing request follows the treaty, else the rules for requests China receives (Extradition Law art. 49)
            articles = [law[EXTRADITION_TOPIC[element_id]], law.get("outgoing-documents")]
            basis = f"{route.short_en} arts. {', '.join(a for a in articles if a)}"
        yield _finding("missing-element", "missing-element", severity, values,
                       element=element_id, basis=basis, prevents=prevents(facts, element_id), field=missing[0])


def languages(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    authority, written = _addressee(draft, facts), draft.languages.request
    if authority is None or written is None:
        return
    accepted, translations = authority["languages"], draft.languages.translations
    meta = {"element": "language-and-translation", "prevents": "missing-or-poor-translation", "field": ("languages", "translations")}
    if not accepted:
        notes = "; ".join(r["text"] for r in facts.requirements_on("languages"))
        values = {**_authority(authority, "authority", facts), "notes": notes or "none recorded", "notes_zh": notes or "未记载"}
        yield _finding("language-unknown", "language-unknown", "advice", values, basis=_convention(14), **{**meta, "field": ("languages",)})
        return
    if written in accepted or set(translations) & set(accepted):
        return
    instruments = authority.get("languages_instruments") or []
    if authority.get("languages_applies", "any") != "any" and not set(instruments) & set(draft.legal_basis.instruments):
        # the source gives these languages for requests under other instruments only: they say nothing of this one
        def under(lang: str) -> str:
            named = ("、" if lang == "zh" else ", ").join(short(i, facts, lang) for i in instruments)
            return named or facts.label("channel-uses", authority["languages_applies"], lang)

        values = {**_authority(authority, "authority", facts), "accepted": _languages(accepted), "accepted_zh": _languages(accepted, "zh"),
                  "under": under("en"), "under_zh": under("zh")}
        yield _finding("language-scoped", "language-scoped", "advice", values, basis=_convention(14), **meta)
        return
    values = {**_authority(authority, "authority", facts), "accepted": _languages(accepted), "accepted_zh": _languages(accepted, "zh"), "written": _languages([written]),
              "written_zh": _languages([written], "zh"), "given": _languages(translations), "given_zh": _languages(translations, "zh")}
    basis = f"{_convention(14)}; languages accepted: {values['accepted']}"
    if translations:
        yield _finding("language-not-accepted", "language-not-accepted", "error", values, basis=basis, **meta)
    else:
        yield _finding("translation-missing", "translation-missing", "error", values, basis=basis, **meta)


def channel(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    authority, chosen = _addressee(draft, facts), draft.requested.channel
    if authority is None:
        return
    accepted = authority["channels"]
    values = {**_authority(authority, "authority", facts), "channel": facts.label("channels", chosen), "channel_zh": facts.label("channels", chosen, "zh"), "channels": ", ".join(accepted) or "-"}
    meta = {"element": "channel", "prevents": "wrong-authority-or-channel", "field": ("requested", "channel")}
    if chosen is None:
        yield _finding("channel-not-stated", "channel-not-stated", "warning", values, basis=_convention(13), **meta)
    elif not accepted:
        yield _finding("channel-unknown", "channel-unknown", "advice", values, basis=_convention(13), **meta)
    elif chosen not in accepted:
        # channel lists were gathered from what the sources happen to mention, so they are not exhaustive; the channel
        # requirements are free text that cannot be read reliably as a prohibition: quote them, never block on them
        notes = "; ".join(r["text"] for r in facts.requirements_on("channel", draft.measure_ids()))
        basis = f"{_convention(13)}; channels a source mentions: {values['channels']}" + (f"; requirement: {notes}" if notes else "")
        yield _finding("channel-not-accepted", "channel-not-accepted", "warning", values, basis=basis, **meta)


def authority(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    if facts.target is None:
        return
    central, addressed = facts.central_authorities(), facts.authority(draft.requested.authority)
    meta = {"element": "channel", "prevents": "wrong-authority-or-channel", "field": ("requested", "authority"),
            "basis": "directory" if facts.matter == "extradition" else _convention(13)}
    if not central:
        severity = "warning" if draft.requested.channel == "diplomatic" else "error"
        yield _finding("unknown-central-authority", "unknown-central-authority", severity, {**_state(facts), **_matter(facts)}, **meta)
    elif addressed is None:
        yield _finding("addressee-missing", "addressee-missing", "warning", {**_authority(central[0], "central", facts), "central_id": central[0]["id"]}, **meta)
    elif addressed["id"] not in {a["id"] for a in central}:
        values = {**_authority(addressed, "authority", facts), **_authority(central[0], "central", facts), "central_id": central[0]["id"], **_matter(facts)}
        yield _finding("not-central-authority", "not-central-authority", "warning", values, **meta)
    target = addressed or (central[0] if central else None)
    if target and target.get("contact_caution"):
        yield _finding("contact-unconfirmed", "contact-unconfirmed", "warning", {**_authority(target, "authority", facts), "caution": target["contact_caution"]}, **{**meta, "basis": "directory"})


def legal_basis(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    report = facts.basis
    if report is None:
        return
    listed = report["bilateral"] + report["multilateral"]
    binding = {i["id"] for i in listed if i.get("applies", True)}
    out_of_scope = {i["id"]: i["why_not"] for i in listed if not i.get("applies", True)}
    unknown = {i["id"] for i in report["party_data_unknown"]}
    cited = draft.legal_basis.instruments
    meta = {"element": "legal-basis-of-request", "prevents": "no-legal-basis"}
    if report["reciprocity"]:
        reciprocity = report["reciprocity"]
        values = {"reciprocity": reciprocity["en"], "reciprocity_zh": reciprocity["zh"], "caveat": f" {reciprocity['caveat']}" if reciprocity.get("caveat") else ""}
        route = route_for(draft, facts)
        law = f"{route.cite(route.no_treaty_article, 'en')}" if route and route.no_treaty_article else None
        where = {"element": "reciprocity-undertaking", "basis": "; ".join(x for x in (law, _convention(7) if facts.matter != "extradition" else None, "reciprocity") if x),
                 "prevents": "no-legal-basis", "field": ("legal_basis", "reciprocity_undertaking")}
        if draft.legal_basis.reciprocity_undertaking:
            yield _finding("no-treaty", "no-treaty", "warning", values, **where)
        else:
            yield _finding("no-treaty-undertaking", "no-treaty", "error", values, **where)
        if draft.requested.channel != "diplomatic":
            yield _finding("reciprocity-channel", "channel-not-accepted", "warning" if draft.requested.channel else "advice", element="channel",
                           basis="; ".join(x for x in (route and route.cite(route.step("transmit").article, "en"), "reciprocity") if x),
                           prevents="wrong-authority-or-channel", field=("requested", "channel"))
    elif binding and not set(cited) & binding:
        yield _finding("treaty-not-cited", "treaty-not-cited", "advice", {"instruments": ", ".join(sorted(binding))}, basis="directory", field=("legal_basis", "instruments"), **meta)
    for i, instrument in enumerate(cited):
        where = {"field": ("legal_basis", "instruments", i), **meta}
        if instrument in out_of_scope:
            yield _finding("basis-out-of-scope", "basis-not-binding", "error", {"instrument": instrument, "why": out_of_scope[instrument]}, basis="scope of the instrument", **where)
        elif instrument in unknown:
            yield _finding("basis-unconfirmed", "basis-unconfirmed", "warning", {"instrument": instrument}, basis="party list incomplete", **where)
        elif instrument not in binding:
            yield _finding("basis-not-binding", "basis-not-binding", "error", {"instrument": instrument, **_matter(facts)}, basis="directory", **where)
    for declaration in report["declarations"]:
        instrument = declaration["instrument"]
        if declaration.get("effect") and instrument in cited and declaration["jurisdiction"] == draft.requested.state:
            values = {**_state(facts), "effect": declaration["effect"], "text": declaration["text"], "instrument": instrument}
            yield _finding("basis-declined", "basis-declined", "warning", values, basis=declaration["text"], field=("legal_basis", "instruments", cited.index(instrument)), **meta)


def dual_criminality(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    if facts.target is None or draft.dual_criminality:
        return
    measures = draft.measure_ids()
    coercive = sorted(coercive_measures(facts) & set(measures))
    meta = {"element": "dual-criminality", "prevents": "dual-criminality", "field": ("dual_criminality",)}
    for requirement in facts.requirements_on("dual-criminality", measures):
        policy, values = requirement["policy"], {**_state(facts), "requirement": requirement["text"]}
        basis = f"{_dual_criminality_basis(facts)}; requirement: {requirement['text']}"
        if policy == "all" or (policy == "coercive-only" and coercive):
            yield _finding("dual-criminality-required", "dual-criminality-unaddressed", "error", values, basis=basis, **meta)
            return
        if policy == "as-a-rule":
            yield _finding("dual-criminality-as-a-rule", "dual-criminality-unaddressed", "warning", values, basis=basis, **meta)
            return
        if policy in ("discretionary", None) and coercive:
            yield _finding("dual-criminality-possible", "dual-criminality-unaddressed", "warning", values, basis=basis, **meta)
            return
    if coercive and not facts.requirements_on("dual-criminality"):
        values = {**_state(facts), "measures": ", ".join(coercive), "measures_zh": "、".join(facts.label("measures", m, "zh") for m in coercive)}
        yield _finding("dual-criminality-not-recorded", "dual-criminality-unaddressed", "advice", values, basis=_dual_criminality_basis(facts), **meta)


def urgency(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    urgent = draft.urgency
    if not urgent.urgent:
        return
    meta = {"element": "urgency-and-deadline", "prevents": "statute-of-limitation"}
    if not urgent.advance_channel:
        route = (_addressee(draft, facts) or {}).get("urgent")
        values = {"route": f" The directory says: {route}" if route else "", "route_zh": f"名录记载：{route}" if route else ""}
        yield _finding("urgent-without-advance-channel", "urgent-without-advance-channel", "warning", values, basis=f"{_convention(13)}; UNTOC 18(14); UNCAC 46(14)", field=("urgency", "advance_channel"), **meta)
    if not urgent.reason:
        yield _finding("urgency-without-reason", "urgency-without-reason", "warning", basis=_convention(24), field=("urgency", "reason"), **meta)


def deadline(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    due = draft.urgency.deadline
    if due is None:
        return
    meta = {"element": "urgency-and-deadline", "prevents": "statute-of-limitation", "field": ("urgency", "deadline")}
    if due <= facts.today:
        yield _finding("deadline-passed", "deadline-passed", "error", {"deadline": due, "today": facts.today}, basis=_convention(24), **meta)
        return
    days_left = (due - max(draft.date or facts.today, facts.today)).days  # an old draft date leaves no more time
    for requirement in facts.requirements_on("typical-time", draft.measure_ids()):
        typical = shortest_days(requirement["text"])
        if typical is not None and days_left < typical:
            values = {**_state(facts), "days": days_left, "requirement": requirement["text"]}
            yield _finding("deadline-too-short", "deadline-too-short", "warning", values, basis=f"{_convention(24)}; typical time: {requirement['text']}", **meta)
            return


def confidentiality(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    if draft.confidentiality.required and not draft.confidentiality.reason:
        yield _finding("confidentiality-without-reason", "confidentiality-without-reason", "warning", basis=_convention(20), element="confidentiality",
                       prevents="confidentiality-concerns", field=("confidentiality", "reason"))


def stale(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    if facts.target is None:
        return
    addressee = _addressee(draft, facts)
    verified = (addressee or facts.target)["verified"]
    if verified and dt.date.fromisoformat(verified) < facts.today - dt.timedelta(days=365):
        who = _authority(addressee, "who", facts) if addressee else {"who": facts.target["name_en"], "who_zh": _state(facts)["state_zh"]}
        yield _finding("stale-directory-data", "stale-directory-data", "warning", {**who, "verified": verified}, element="channel", basis="directory: verified",
                       prevents="wrong-authority-or-channel", field=("requested", "authority"))


def death_penalty(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    flagged = [i for i, offence in enumerate(draft.offences) if offence.death_penalty]
    if not flagged or draft.assurances.death_penalty:
        return
    def names(lang: str) -> str:
        return ("、" if lang == "zh" else ", ").join(localized(draft.offences[i].name, lang) or fields.label(("offences", i, "name"), lang) for i in flagged)
    offences = {"offences": names("en"), "offences_zh": names("zh")}
    meta = {"element": "death-penalty-assurance", "prevents": "death-penalty-assurances", "field": ("assurances", "death_penalty")}
    if facts.matter == "extradition":
        # a State that has abolished the death penalty does not surrender a person who may face it without the assurance
        route = route_for(draft, facts)
        article = route and facts.provisions.get(route.law, {}).get("assurances")
        basis = "; ".join(x for x in (article and route.cite(article, "en"), GOOD_PRACTICE) if x)
        yield _finding("death-penalty-extradition", "death-penalty-assurance-missing", "error", offences, basis=basis, **meta)
    else:
        yield _finding("death-penalty-assurance-missing", "death-penalty-assurance-missing", "warning", offences, basis=GOOD_PRACTICE, **meta)


def one_matter(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    matters = {matter_for(m) for m in draft.measure_ids()}
    if len(matters) > 1 and not matters <= COMBINABLE_MATTERS:
        yield _finding("mixed-matters", "mixed-matters", "error", {"matters": ", ".join(sorted(matters))}, element="assistance-sought", basis="directory",
                       prevents="wrong-authority-or-channel", field=("measures",))


def route(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    """The requesting State's own procedure: who reviews and approves the request, who transmits it."""
    found = route_for(draft, facts)
    if found is None:
        return
    for step_id, chosen in (("review", draft.requesting.competent_authority), ("transmit", draft.requesting.transmitting_authority)):
        step = found.step(step_id)
        basis = found.cite(step.article, "en")
        names = [facts.home_authority(a) for a in step.allowed]
        values = {"step": step.en, "step_zh": step.zh, "law": basis, "law_zh": found.cite(step.article, "zh"),
                  "allowed": ", ".join(f"{a['name_en']} ({a['id']})" for a in names) or "none recorded",
                  "allowed_zh": "、".join(f"{a['name_zh'] or a['name_en']}（{a['id']}）" for a in names) or "名录未载"}
        meta = {"element": "requesting-authority", "basis": basis, "prevents": "wrong-authority-or-channel", "field": step.field}
        if not chosen:
            yield _finding("route-step-missing", f"route-{step_id}-missing", "error", values, code="R-ROUTE-STEP-MISSING", **meta)
        elif step.allowed and chosen not in step.allowed:
            chosen_row = facts.home_authority(chosen)
            values |= {"chosen": chosen_row["name_en"] if chosen_row else chosen, "chosen_zh": (chosen_row and (chosen_row["name_zh"] or chosen_row["name_en"])) or chosen}
            yield _finding("route-step-wrong", f"route-{step_id}-wrong", "error", values, code="R-ROUTE-STEP-WRONG", **meta)


def translations(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    """A letter declared in English, or bilingual, whose free text is still only in Chinese (or the reverse)."""
    for lang, missing in untranslated(draft).items():
        if missing:
            language = {"language": language_name(lang, "en"), "language_zh": language_name(lang, "zh"), "fields": _field_list(missing, "en"), "fields_zh": _field_list(missing, "zh")}
            yield _finding("text-untranslated", "text-untranslated", "error", language, element="language-and-translation",
                           basis=_convention(14), prevents="missing-or-poor-translation", field=missing[0])


_NATIONALS = re.compile(r"national|citizen|本国国民|本国公民|国籍", re.IGNORECASE)
_EXTRADIT = re.compile(r"extradit|surrender|引渡", re.IGNORECASE)


def _is_national(nationality: str | None, state: dict) -> bool:
    if not nationality:
        return False
    names = {state["id"], (state.get("iso2") or "").lower(), (state.get("name_en") or "").lower(), state.get("name_zh") or ""} - {""}
    words = {w.strip().lower() for w in re.split(r"[,;/、，；()（）\s]+", nationality) if w.strip()}
    return bool(names & words) or nationality.strip().lower() in names


def nationals(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    """The person sought is a national of the requested State: what its record says about surrendering nationals."""
    if facts.matter != "extradition" or facts.target is None:
        return
    said = [r["text"] for r in facts.requirements if _NATIONALS.search(r["text"]) and _EXTRADIT.search(r["text"])]
    said += [d["text"] for d in (facts.basis or {}).get("declarations", []) if d["jurisdiction"] == facts.target["id"] and _NATIONALS.search(d["text"]) and _EXTRADIT.search(d["text"])]
    for i, person in draft.sought():
        if not _is_national(person.nationality, facts.target):
            continue
        meta = {"element": "nationality-of-person-sought", "prevents": "nationality-of-person-sought", "field": ("persons", i, "nationality")}
        if said:
            text = " / ".join(said)
            yield _finding("national-recorded", "national-of-requested-state", "error", {**_state(facts), "said": text},
                           basis=f"directory: {text}; UNTOC 16(10)", **meta)
        else:
            yield _finding("national-unknown", "national-of-requested-state", "warning", _state(facts), basis="directory: no source; UNTOC 16(10)", **meta)


def provisional_arrest(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    if facts.matter != "extradition":
        return
    x, found = draft.extradition, route_for(draft, facts)
    article = found and facts.provisions.get(found.law, {}).get("urgent-outgoing")
    basis = "; ".join(v for v in (article and found.cite(article, "en"), "UNTOC 16(9)") if v)
    meta = {"element": "provisional-arrest-urgency", "basis": basis, "prevents": "statute-of-limitation"}
    if draft.urgency.urgent and not x.provisional_arrest:
        yield _finding("provisional-arrest-not-asked", "provisional-arrest-not-asked", "advice", field=("extradition", "provisional_arrest"), **meta)
    if x.provisional_arrest and not (x.provisional_arrest_reason or draft.urgency.reason):
        yield _finding("provisional-arrest-without-reason", "provisional-arrest-without-reason", "warning", field=("extradition", "provisional_arrest_reason"), **meta)


def titles_and_articles(draft: RequestDraft, facts: Facts) -> Iterator[Finding]:
    """What the letter cannot write from the directory: a treaty's official Chinese title, the articles to cite."""
    chinese = draft.languages.request == "zh" or "zh" in draft.languages.translations
    for i, instrument in enumerate(draft.legal_basis.instruments):
        where = {"element": "legal-basis-of-request", "basis": "directory", "field": ("legal_basis", "instruments", i)}
        if chinese and instrument in facts.instruments and not facts.title(instrument, "zh"):
            yield _finding("title-zh-unknown", "title-zh-unknown", "warning", {"instrument": instrument, "title": facts.title(instrument, "en")}, **where)
        if not draft.legal_basis.articles and instrument in facts.instruments and not cited_articles(instrument, draft, facts):
            yield _finding("articles-unknown", "articles-unknown", "advice", {"instrument": instrument}, **{**where, "field": ("legal_basis", "articles")})


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90}
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "天": 1, "日": 1, "周": 7, "星期": 7, "个月": 30, "月": 30, "年": 365}
_NUMBER = (r"\d+(?:\.\d+)?|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]|(?:"
           + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b")
# ASCII mode, so that \w is [A-Za-z0-9_]: the look-behind keeps "5" in "1.5", "ten" in "often" or "六" in "二〇二六" from being read
# alone, yet lets a Chinese numeral follow Chinese text; up to two words may stand between number and unit ("30 working days", "30个工作日")
_DURATION = re.compile(rf"(?<![\w.〇{''.join(_CHINESE_DIGITS)}十])({_NUMBER})\s*(?:(?:to|-|–|至|到)\s*(?:{_NUMBER})\s*)?(?:[a-z]+\s+){{0,2}}(?:个?(?:工作|自然))?"
                       r"(day|week|month|year|个月|天|日|周|星期|月|年)", re.IGNORECASE | re.ASCII)


def shortest_days(text: str) -> int | None:
    """The shortest duration a typical-time text gives, in days ("3 to 6 months" → 90); None when it gives none."""
    found = [int(_count(m[1]) * _UNIT_DAYS[m[2].lower()]) for m in _DURATION.finditer(text)]
    return min(found) if found else None


def _count(word: str) -> float:
    if word[0].isdigit():
        return float(word)
    if word.lower() in _NUMBER_WORDS:
        return _NUMBER_WORDS[word.lower()]
    return _chinese_number(word)


def _chinese_number(word: str) -> int:
    """一 to 九十九: 十 → 10, 二十 → 20, 三十五 → 35."""
    if "十" not in word:
        return _CHINESE_DIGITS[word]
    tens, _, ones = word.partition("十")
    return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)


RULES: list[Rule] = [missing_elements, languages, channel, authority, legal_basis, dual_criminality, urgency, deadline, confidentiality, stale, death_penalty, one_matter,
                     route, translations, nationals, provisional_arrest, titles_and_articles]
