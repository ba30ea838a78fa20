"""`mlakb authority X`: who receives a request to State X."""
from __future__ import annotations

import json
import sqlite3

from .lookup import connect, resolve

JSON_COLUMNS = ("handles", "designated_under", "phone", "fax", "email", "languages", "channels", "sources")


def authority_report(db_path, state: str, matter: str | None = None) -> dict:
    conn = connect(db_path)
    try:
        jurisdiction = resolve(conn, state)
        rows = conn.execute("select * from authorities where jurisdiction = ? order by kind != 'central-authority', id", (jurisdiction["id"],)).fetchall()
        sources = {r["id"]: dict(r) for r in conn.execute("select id, title, url, kind, as_of from sources where record = ?", (jurisdiction["id"],))}
        authorities = [_authority(row, sources) for row in rows]
        if matter:
            authorities = [a for a in authorities if matter in a["handles"]]
        central = [a for a in authorities if a["kind"] == "central-authority"]
        return {
            "jurisdiction": {"id": jurisdiction["id"], "name_en": jurisdiction["name_en"], "name_zh": jurisdiction["name_zh"], "verified": jurisdiction["verified"]},
            "matter": matter,
            "central_authorities": central,
            "other_authorities": [a for a in authorities if a["kind"] != "central-authority"],
            "unknown": json.loads(jurisdiction["unknown"]),
        }
    finally:
        conn.close()


def _authority(row: sqlite3.Row, sources: dict) -> dict:
    out = dict(row)
    for column in JSON_COLUMNS:
        out[column] = json.loads(out[column] or "[]")
    out["sources"] = [sources.get(s, {"id": s}) for s in out["sources"]]
    return out


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
        for label, value in (("unit", a["unit"]), ("address", a["address"]), ("phone", ", ".join(a["phone"])), ("fax", ", ".join(a["fax"])),
                             ("e-mail", ", ".join(a["email"])), ("website", a["website"]), ("hours", a["hours"]), ("time zone", a["timezone"]),
                             ("languages", ", ".join(a["languages"]) or "not stated by any source"),
                             ("channels", ", ".join(a["channels"]) or "not stated by any source"),
                             ("urgent", a["urgent"]), ("caution", a["contact_caution"]), ("notes", a["notes"])):
            if value:
                lines.append(f"    {label}: {value}")
        lines.append(f"    verified: {a['verified']}")
        for s in a["sources"]:
            lines.append(f"    source: {s.get('title', s['id'])} <{s.get('url', '')}>" + (f" (as of {s['as_of']})" if s.get("as_of") else ""))
    return "\n".join(lines)
