"""Plain-text rendering of a basis report for the terminal."""
from __future__ import annotations


def _dates(entry: dict) -> str:
    parts = []
    for state, c in entry["consent"].items():
        when = c.get("consent") or c.get("entry_into_force") or c.get("signature")
        if when:
            parts.append(f"{state.upper()} {c.get('action') or 'in force'} {when}" if c.get("consent") else f"{state.upper()} {when}")
    return "; ".join(parts)


def _articles(entry: dict) -> str:
    return ", ".join(f"{topic} art. {article}" for topic, article in entry["articles"].items())


def render_text(r: dict) -> str:
    a, b = r["from"], r["to"]
    lines = [f"Legal basis for {r['matter']} from {a['name_en']} ({a['id'].upper()}) to {b['name_en']} ({b['id'].upper()})"
             + (f", measure {r['measure']}" if r["measure"] else "") + (f", offence {r['offence']}" if r["offence"] else "")]
    for title, entries in (("Bilateral treaties", r["bilateral"]), ("Multilateral instruments binding both", r["multilateral"])):
        lines.append("")
        lines.append(f"{title}:" + ("" if entries else " none recorded"))
        for e in entries:
            flag = "" if e.get("applies", True) else f"  [does not apply: {e['why_not']}]"
            lines.append(f"  - {e['title_en']} ({e['id']}){flag}")
            if e["kind"] == "bilateral":
                status = {"in-force": "in force", "signed": "signed, NOT in force", "unknown": "status not established"}[e["status_id"]]
                lines.append(f"      {status}; signed {e['adopted'] or 'unknown'}; in force {e['entry_into_force'] or 'date not established'}" + (f"; status: {e['status']}" if e["status"] else ""))
            elif _dates(e):
                lines.append(f"      {_dates(e)}")
            if e["scope_condition_en"]:
                lines.append(f"      applies to: {e['scope_condition_en']}")
            if e.get("treaty_prevails"):
                lines.append(f"      ! {e['treaty_prevails']['en']}")
            if e["articles"]:
                lines.append(f"      cite: {_articles(e)}")
            if e.get("addressee"):
                who = e["addressee"]
                how = {"designated": f"designated under {e['id']}",
                       "central-authority": f"no designation under {e['id']} recorded; the central authority for {r['matter']}",
                       }.get(who["why"], f"no designation under {e['id']} and no central authority for {r['matter']} recorded; it handles {r['matter']}: check where requests go")
                lines.append(f"      send to: {who['name_en']} ({how})")
    if r["party_data_unknown"]:
        lines.append("")
        lines.append("Party data incomplete (check before relying on them):")
        partial = [e for e in r["party_data_unknown"] if e["parties_known"] == "partial"]
        unknown = [e["id"] for e in r["party_data_unknown"] if e["parties_known"] == "unknown"]
        for e in partial:
            lines.append(f"  - {e['title_en']} ({e['id']}): the party list is partial and does not list {', '.join(s.upper() for s in e['unknown_for'])}")
        if unknown:
            lines.append(f"  - no party list in the directory for: {', '.join(unknown)} (check the depositary)")
    for d in r["declarations"]:
        if d["effect"]:
            lines.append(f"  ! {d['jurisdiction'].upper()} under {d['instrument']}: {d['effect']}")
    if r["domestic_law"]:
        lines.append("")
        lines.append("Domestic law:")
        for e in r["domestic_law"]:
            lines.append(f"  - {e['title_zh'] or e['title_en']} ({e['id']})" + (f"; cite: {_articles(e)}" if e["articles"] else ""))
    if r["one_state"]:
        lines.append("")
        lines.append(f"One State: {r['one_state']['en']}")
    if r["reciprocity"]:
        lines.append("")
        lines.append(f"Reciprocity: {r['reciprocity']['en']}")
        if r["reciprocity"]["caveat"]:
            lines.append(f"  {r['reciprocity']['caveat']}")
    return "\n".join(lines)
