"""`mlakb request new`: a draft pre-filled with what the directory knows, with guidance as YAML comments."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from ..common.names import language_name
from ..query.authority import authority_report
from ..query.basis import basis_report, leading_measure, matter_for
from ..query.lookup import connect, resolve
from ..records import vocab
from . import citation
from .facts import gather
from .model import RequestDraft
from .route import route_for

TEMPLATES = Path(__file__).parent / "templates"
STATUS = {"required": {"en": "required", "zh": "必填"}, "needed": {"en": "needed for this measure", "zh": "本措施需要"}, "recommended": {"en": "recommended", "zh": "建议"}}
def asset_measures() -> set[str]:
    """Measures that ask for accounts or property: those the account and property elements apply to, and asset recovery."""
    measures, elements = vocab.terms("measures"), vocab.terms("request-elements")
    concerned = {m for e in ("bank-account-details", "property-description-and-order") if e in elements for m in elements[e].applies_to}
    return concerned | {m for m, entry in measures.items() if entry.matter == "asset-recovery"}


class UnknownTerm(ValueError):
    pass


@lru_cache(maxsize=1)
def guidance() -> dict:
    return yaml.safe_load((TEMPLATES / "guidance.yaml").read_text(encoding="utf-8"))


def comment(text: str | None, level: int = 0, extra: str = "") -> str:
    """Text as YAML comment lines; a newline in the text can never end the comment."""
    if not text:
        return ""
    return "\n".join(f"{'  ' * level}# {extra}{line}".rstrip() for line in str(text).splitlines())


def yaml_value(value) -> str:
    """A scalar or a list as YAML (JSON is valid YAML, and quoting keeps every string a string)."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
_ENV.filters.update(comment=comment, v=yaml_value)


def new_draft(database: Path, source: str, target: str, measures: list[str], offence: str | None, lang: str, today: dt.date,
              schema_ref: str = "request.schema.json") -> str:
    conn = connect(database)
    try:
        a, b = resolve(conn, source), resolve(conn, target)
        vocab: dict[str, dict[str, dict]] = {}
        for row in conn.execute("select * from vocab where vocabulary in ('measures', 'offences', 'request-elements')"):
            vocab.setdefault(row["vocabulary"], {})[row["id"]] = dict(row)
    finally:
        conn.close()
    for measure in measures:
        if measure not in vocab.get("measures", {}) or vocab["measures"][measure].get("within"):
            raise UnknownTerm(f"{measure!r} is not in vocab measures (one of: {', '.join(vocab.get('measures', {}))})")
    if offence and offence not in vocab.get("offences", {}):
        raise UnknownTerm(f"{offence!r} is not in vocab offences (one of: {', '.join(vocab.get('offences', {}))})")
    lead = leading_measure(measures)
    matter = matter_for(lead)
    basis = basis_report(database, a["id"], b["id"], lead, offence)
    report = authority_report(database, b["id"], matter)
    binding = [i for i in basis["bilateral"] + basis["multilateral"] if i.get("applies", True)]
    # a bilateral treaty is the basis to cite when there is one; the conventions stay listed in the comments
    cited = [i for i in binding if i["kind"] == "bilateral"] or binding
    if matter == "extradition":  # whichever authority handles extradition, central authority or not
        receiving = report["central_authorities"] + report["other_authorities"]
    else:
        receiving = report["central_authorities"]
    addressee = _addressee(receiving, binding)
    channels = addressee["channels"] if addressee else []
    skeleton = RequestDraft.model_validate({"requesting": {"state": a["id"]}, "requested": {"state": b["id"]}, "measures": [{"measure": m} for m in measures],
                                            "proceedings": {"offence_area": offence}, "legal_basis": {"instruments": [i["id"] for i in cited]}})
    facts = gather(database, skeleton, today)
    route = route_for(skeleton, facts)
    articles = {code: citation.articles_text(skeleton, facts, code) for code in ("zh", "en")}
    accepted = addressee["languages"] if addressee else []
    elements = vocab.get("request-elements", {})

    def g(key: str) -> str:
        return guidance()[key][lang]

    def el(element_id: str) -> str:
        entry = elements.get(element_id)
        if entry is None:
            return ""
        scope = json.loads(entry.get("applies_to") or "[]")
        status = "required" if entry.get("required") else "needed" if scope and set(scope) & set(measures) else "recommended"
        head = " — ".join(x for x in (entry[lang] or entry["en"], STATUS[status][lang], entry.get("basis")) if x)
        definition = entry.get(f"definition_{lang}")
        return head + (f"\n{definition}" if definition else "")

    context = {
        "g": g, "el": el, "lang": lang, "today": today.isoformat(), "source": a["id"], "target": b["id"], "measures": measures,
        "offence": offence, "authority_id": addressee["id"] if addressee else None, "channels": channels, "accepted": accepted,
        "channel": "diplomatic" if matter == "extradition" else _channel(addressee, binding), "instruments": [i["id"] for i in cited],
        "articles": articles if articles["zh"] else None, "extradition": matter == "extradition",
        "route": route, "route_lines": _route_lines(route, facts, lang) if route else [],
        "transmitting": (route.step("transmit").allowed or [None])[0] if route else None,
        "translations": [accepted[0]] if accepted and lang not in accepted else [],
        "needs_assets": bool(asset_measures() & set(measures)),
        "addressee": addressee, "addressee_lines": _addressee_lines(addressee, lang) if addressee else [],
        "no_addressee": _no_addressee(b, lang), "urgent_route": addressee.get("urgent") if addressee else None,
        "basis_lines": _basis_lines(basis, binding, lang), "requirement_lines": _requirement_lines(database, b["id"], lang),
    }
    text = _ENV.get_template("draft.yaml.j2").render(**context)
    return text.replace("https://mlakb.org/schema/request.schema.json", schema_ref, 1)


def _route_lines(route, facts, lang: str) -> list[str]:
    """The steps of the requesting State's procedure, with the authorities that may take each."""
    lines = []
    for step in route.steps:
        who = ", ".join(f"{a['id']} ({a['name_zh'] or a['name_en']})" if lang == "zh" else f"{a['id']} ({a['name_en']})" for a in map(facts.home_authority, step.allowed))
        lines.append(f"{step.zh if lang == 'zh' else step.en} ({route.cite(step.article, lang)})" + (f": {who}" if who else ""))
    return lines


def _addressee(central: list[dict], binding: list[dict]) -> dict | None:
    """The central authority designated under a treaty that binds both States, else the first one recorded."""
    ids = {i["id"] for i in binding}
    return next((a for a in central if ids & set(a["designated_under"])), central[0] if central else None)


def _channel(addressee: dict | None, binding: list[dict]) -> str:
    """Direct to the central authority under a treaty binding both States, else the diplomatic channel.

    The channels recorded for an authority are those its sources happen to mention, in no order of preference,
    so the first of them (consular, post, fax ...) says nothing about how a request should go."""
    return "direct-central-authority" if binding and addressee else "diplomatic"


def _title(instrument: dict, lang: str) -> str:
    if lang == "zh":
        return f"《{instrument['title_zh']}》" if instrument.get("title_zh") else f"《{instrument['title_en']}》{citation.NO_ZH_TITLE}"
    return instrument["title_en"]


def _addressee_lines(a: dict, lang: str) -> list[str]:
    names = " / ".join(x for x in (a["name_zh"], a["name_en"], a["name_local"]) if x)
    rows = [f"{names} ({a['id']})", a["unit"], a["address"], ", ".join(a["phone"]) and f"tel. {', '.join(a['phone'])}",
            ", ".join(a["fax"]) and f"fax {', '.join(a['fax'])}", ", ".join(a["email"]), a["website"],
            a["languages"] and ("语文" if lang == "zh" else "languages") + ": " + ", ".join(f"{c} ({language_name(c, lang)})" for c in a["languages"]),
            a["contact_caution"] and ("注意" if lang == "zh" else "caution") + f": {a['contact_caution']}",
            ("核实日期" if lang == "zh" else "verified") + f": {a['verified']}"]
    return [r for r in rows if r]


def _no_addressee(state, lang: str) -> str:
    if lang == "zh":
        return f"名录中没有{state['name_zh'] or state['name_en']}的中央机关：请通过外交途径转递，或先查明受理机关。"
    return f"The directory names no central authority of {state['name_en']}: use the diplomatic channel or identify the authority first."


def _basis_lines(basis: dict, binding: list[dict], lang: str) -> list[str]:
    lines = []
    for i in binding:
        force = i["entry_into_force"] or ("日期不详" if lang == "zh" else "date not established")
        lines.append(f"{i['id']}: {_title(i, lang)} ({'生效' if lang == 'zh' else 'in force'} {force})")
        if i["articles"]:
            lines.append("    " + ", ".join(f"{topic} {article}" for topic, article in i["articles"].items()))
    if basis["party_data_unknown"]:
        ids = ", ".join(i["id"] for i in basis["party_data_unknown"])
        lines.append(("缔约方名单不完整，援引前请核实：" if lang == "zh" else "party lists incomplete, confirm before relying on them: ") + ids)
    for d in basis["declarations"]:
        if d.get("effect"):
            lines.append(f"{d['jurisdiction']} / {d['instrument']}: {d['text']}")
    if basis["reciprocity"]:
        lines.append(basis["reciprocity"][lang])
    return lines


def _requirement_lines(database: Path, state: str, lang: str) -> list[str]:
    conn = connect(database)
    try:
        rows = conn.execute("select topic, policy, coalesce(text_en, text_zh) as text from requirements where jurisdiction = ? order by id", (state,)).fetchall()
    finally:
        conn.close()
    return [f"{r['topic']}" + (f" ({r['policy']})" if r["policy"] else "") + f": {r['text']}" for r in rows]
