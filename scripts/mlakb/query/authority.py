"""`mlakb authority X`: who receives a request to State X."""
from __future__ import annotations

import json
import sqlite3

from .lookup import connect, resolve

JSON_COLUMNS = ("handles", "designated_under", "phone", "fax", "email", "languages", "languages_instruments", "channels", "sources", "sources_kinds")
DETAIL_JSON = ("phone", "fax", "email", "sources", "sources_kinds", "review", "matters")


# An authority's kind is not scoped to an instrument, so a State can have several central authorities for a matter,
# some named only under one convention (a Budapest Convention designation, a 1959 Convention declaration). Editors
# list a State's main authority first (CONTRIBUTING.md), so the record's order decides: among several designees of
# an instrument, and, without a designation, among the central authorities for the matter.
_RECORD_ORDER = " order by a.kind != 'central-authority', a.n"


def addressee(conn: sqlite3.Connection, state: str, matter: str, instrument: str | None = None) -> dict | None:
    """Who receives a request to `state` for `matter` under `instrument`: the authority designated under that
    instrument (for that matter), else the State's central authority for the matter, the first in the record's order
    when there are several (see _RECORD_ORDER), else an authority that handles the matter (why: handles-matter, which
    says no central authority is recorded); None when none is recorded."""
    if instrument:
        row = conn.execute(
            """select a.id, a.name_en, a.name_zh, d.matters from designations d join authorities a on a.id = d.authority
               where d.jurisdiction = ? and d.instrument = ?""" + _RECORD_ORDER, (state, instrument)).fetchall()
        for r in row:
            matters = json.loads(r["matters"] or "[]")
            if not matters or matter in matters:
                return {"id": r["id"], "name_en": r["name_en"], "name_zh": r["name_zh"], "why": "designated", "instrument": instrument}
    r = conn.execute(
        """select a.id, a.name_en, a.name_zh, a.kind from authorities a join authority_matters m on m.authority = a.id
           where a.jurisdiction = ? and m.matter = ?""" + _RECORD_ORDER, (state, matter)).fetchone()
    if r is None:
        return None
    # an authority that only handles the matter (a court, a prosecutor's office) may not be where requests are sent
    why = "central-authority" if r["kind"] == "central-authority" else "handles-matter"
    return {"id": r["id"], "name_en": r["name_en"], "name_zh": r["name_zh"], "why": why, "instrument": None}


def authority_report(db_path, state: str, matter: str | None = None, under: str | None = None) -> dict:
    conn = connect(db_path)
    try:
        jurisdiction = resolve(conn, state)
        rows = conn.execute("select * from authority_cards a where a.jurisdiction = ?" + _RECORD_ORDER, (jurisdiction["id"],)).fetchall()
        sources = {r["id"]: dict(r) for r in conn.execute("select id, title, url, kind, as_of from sources where record = ?", (jurisdiction["id"],))}
        authorities = [_authority(conn, row, sources) for row in rows]
        if matter:
            authorities = [a for a in authorities if matter in a["handles"]]
        if under:
            designated = [a for a in authorities if under in a["designated_under"]]
            authorities = designated or authorities  # none designated under it: the authorities for the matter
        central = [a for a in authorities if a["kind"] == "central-authority"]
        return {
            "jurisdiction": {"id": jurisdiction["id"], "name_en": jurisdiction["name_en"], "name_zh": jurisdiction["name_zh"], "verified": jurisdiction["verified"]},
            "matter": matter,
            "under": under,
            "central_authorities": central,
            "other_authorities": [a for a in authorities if a["kind"] != "central-authority"],
            "unknown": json.loads(jurisdiction["unknown"]),
        }
    finally:
        conn.close()


def _authority(conn: sqlite3.Connection, row: sqlite3.Row, sources: dict) -> dict:
    out = dict(row)
    for column in JSON_COLUMNS:
        out[column] = json.loads(out[column] or "[]")
    out["sources"] = [sources.get(s, {"id": s}) for s in out["sources"]]
    out["contact_caution"] = _caution(out)
    for name, table in (("contacts", "contacts"), ("designations", "designations"), ("channel_details", "authority_channels")):
        out[name] = [_detail(r, sources) for r in conn.execute(f"select * from {table} where authority = ? order by n", (row["id"],))]
    return out


SCOPE_CAUTION = {
    None: "what this contact is for is not established: it is not confirmed as a criminal-matters contact",
    "civil-matters-listing": "this contact comes from a civil-matters listing, not a published criminal-matters contact",
    "budapest-convention": "this contact is given for requests under the Budapest Convention (cybercrime)",
    "general": "this is the authority's general contact, not one published for requests",
}


def _caution(card: dict) -> str | None:
    """What a drafter must know about the card's contact before relying on it."""
    if not (card["address"] or card["phone"] or card["email"]) or card["contact_scope"] == "criminal-matters":
        return card["contact_notes"]
    return "; ".join(x for x in (SCOPE_CAUTION.get(card["contact_scope"]), card["contact_notes"]) if x)


def _detail(row: sqlite3.Row, sources: dict) -> dict:
    out = {k: v for k, v in dict(row).items() if v is not None and k not in ("jurisdiction", "authority", "n", "editor_notes")}
    for column in DETAIL_JSON:
        if column in out:
            out[column] = json.loads(out[column])
    out["sources"] = [sources.get(s, {"id": s}) for s in out.get("sources", [])]
    return out


def source_line(source: dict) -> str:
    """A source as a reader sees it next to a fact: title · date · kind."""
    return " · ".join(x for x in (source.get("title", source["id"]), source.get("as_of") or "undated", source.get("kind")) if x)


def _cited(fact: dict) -> str:
    """ — source date · kind, the newest first, and a mark when the newest is more than five years old or undated."""
    dated = sorted(fact.get("sources", []), key=lambda s: s.get("as_of") or "", reverse=True)
    if not dated:
        return ""
    if not dated[0].get("as_of"):
        mark = " (source undated: its age is unknown)"
    elif fact.get("sources_old"):
        mark = " (source over five years old)"
    else:
        mark = ""
    return f" — {dated[0].get('as_of') or 'undated'} · {dated[0].get('kind', '?')}{mark}"


def _languages(authority: dict) -> str:
    accepted = ", ".join(authority["languages"]) or "not stated by any source"
    if authority["languages"] and authority.get("languages_applies", "any") != "any":
        under = ", ".join(authority.get("languages_instruments") or []) or authority["languages_applies"]
        accepted += f" (stated only for requests under: {under})"
    return accepted


def render_text(report: dict) -> str:
    j = report["jurisdiction"]
    head = f"{j['name_en']} / {j['name_zh'] or ''} ({j['id'].upper()})".replace(" /  (", " (")
    lines = [head]
    if not report["central_authorities"]:
        what = f" for {report['matter']}" if report["matter"] else ""
        lines.append(f"  Central authority{what}: unknown — no source names one yet (help wanted: see CONTRIBUTING.md)")
    for a in report["central_authorities"] + report["other_authorities"]:
        lines.append("")
        lines.append(f"  {a['name_en']}" + (f" / {a['name_zh']}" if a["name_zh"] else "") + (f" ({a['name_local']})" if a["name_local"] else ""))
        lines.append(f"    kind: {a['kind']}; handles: {', '.join(a['handles'])}" + (f"; designated under: {', '.join(a['designated_under'])}" if a["designated_under"] else ""))
        for label, value in (("unit", a["unit"]), ("languages", _languages(a)),
                             ("channels", ", ".join(a["channels"]) or "not stated by any source"),
                             ("urgent", a["urgent"]), ("notes", a["notes"])):
            if value:
                lines.append(f"    {label}: {value}")
        for d in a["designations"]:
            lines.append(f"    designated under {d['instrument']}" + (f" for {', '.join(d['matters'])}" if d.get("matters") else "") + _cited(d))
        for c in a["contacts"]:
            scope = c.get("scope") or "scope not established"
            lines.append(f"    contact ({scope}){_cited(c)}")
            for label, key in (("address", "address"), ("phone", "phone"), ("fax", "fax"), ("e-mail", "email"), ("website", "website"), ("hours", "hours"), ("time zone", "timezone"), ("note", "notes_en")):
                value = ", ".join(c[key]) if isinstance(c.get(key), list) else c.get(key)
                if value:
                    lines.append(f"      {label}: {value}")
        lines.append(f"    verified: {a['verified'] or 'not yet compared with its sources by a person'}")
        for s in a["sources"]:
            lines.append(f"    source: {source_line(s)} <{s.get('url', '')}>")
    return "\n".join(lines)
