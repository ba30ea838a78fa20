"""Model v1 → v2 for jurisdiction records (run once; kept so the migration test can replay it).

v2 gives every fact its own sources, a per-fact `verified` date set only by a person, typed contact scopes,
designations per legal basis and bilingual statements.  Where a v1 record cannot tell which of its sources
states a fact, or what a contact is for, the fact keeps its sources and gets a `review` mark instead of a guess.

    python scripts/migrations/v2_records.py directory/jurisdictions/*.yaml
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

MANY_SOURCES = "cites every source of its source-pack item (first load): keep only the sources that state this fact"
CHANNEL_RULE = "channel taken by a keyword rule at the first load: confirm it, and when it applies, against the source"
SCOPE_UNKNOWN = "what this contact is for (criminal matters, a civil-matters listing, a convention designation) is not established"
CIVIL_LABEL = "the label 'Stated for civil matters by the source' came from a keyword rule at the first load: check what the source says"
INFORMAL_KINDS = {"interpol": "interpol-ncb", "fiu-egmont": "fiu"}


def _marks(sources: list, *extra: str) -> list[str]:
    marks = [MANY_SOURCES] if len(sources) > 1 else []
    return marks + [m for m in extra if m]


def _said(text: str | None) -> dict | None:
    return {"en": text} if text else None


def _fact(body: dict, sources: list, *extra: str, notes: str | None = None) -> dict:
    out = dict(body)
    if notes:
        out["notes"] = notes
    out["sources"] = list(sources)
    review = _marks(sources, *extra)
    if review:
        out["review"] = review
    return out


def authority(a: dict) -> dict:
    sources = a.get("sources", [])
    out = {k: v for k, v in a.items() if k not in ("designated_under", "contact", "contact_caution", "languages", "channels", "urgent", "verified", "sources", "notes")}
    notes = a.get("notes")
    if a.get("designated_under"):
        out["designations"] = [_fact({"instrument": i}, sources) for i in a["designated_under"]]
    contact = {k: v for k, v in (a.get("contact") or {}).items() if v not in (None, [], "")}
    if contact:
        out["contacts"] = [_fact(contact, sources, SCOPE_UNKNOWN, notes=a.get("contact_caution"))]
    if a.get("languages"):
        out["languages"] = _fact({"codes": a["languages"]}, sources)
    if a.get("channels"):
        out["channels"] = [_fact({"channel": c}, sources, CHANNEL_RULE) for c in a["channels"]]
    if a.get("urgent"):
        out["urgent"] = _fact({"text": _said(a["urgent"])}, sources)
    if notes:
        out["notes"] = notes
    out["sources"] = sources
    review = _marks(sources, CIVIL_LABEL if notes and "Stated for civil matters" in notes else "")
    if review:
        out["review"] = review
    return out


def _texted(item: dict, text_keys=("text",)) -> dict:
    sources = item.get("sources", [])
    body = {k: v for k, v in item.items() if k not in ("sources", "notes")}
    for key in text_keys:
        if isinstance(body.get(key), str):
            body[key] = _said(body[key])
    civil = CIVIL_LABEL if "Stated for civil matters" in str(item.get("notes", "")) + str(item.get("text", "")) else ""
    return _fact(body, sources, civil, notes=item.get("notes"))


def informal(item: dict) -> dict:
    out = _texted(item)
    out["kind"] = INFORMAL_KINDS.get(out["kind"], out["kind"])
    out["name"] = {"en": out["name"]}
    return out


def source(s: dict) -> dict:
    out = dict(s)
    if out.get("kind") == "un-depositary":
        out["kind"] = "intergovernmental"
    if "machine translation" in out.get("title", "").lower():
        out["translation"] = "machine"
    return out


def jurisdiction(record: dict) -> dict:
    out = {k: v for k, v in record.items() if k not in ("verified",)}
    out["authorities"] = [authority(a) for a in record.get("authorities", [])]
    for key in ("requirements", "declarations", "practice"):
        if record.get(key):
            out[key] = [_texted(item) for item in record[key]]
    if record.get("domestic_law"):
        out["domestic_law"] = [_fact({k: v for k, v in law.items() if k not in ("sources", "notes")}, law["sources"], notes=law.get("notes")) for law in record["domestic_law"]]
    if record.get("informal_channels"):
        out["informal_channels"] = [informal(item) for item in record["informal_channels"]]
    out["sources"] = [source(s) for s in record.get("sources", [])]
    if not out["authorities"]:
        del out["authorities"]
    return out


def instrument(record: dict) -> dict:
    return {**record, "sources": [source(s) for s in record.get("sources", [])]}


def main(paths: list[str]) -> None:
    from mlakb.maintain.canonical import render
    from mlakb.records import models

    for name in paths:
        path = Path(name)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = "jurisdiction" if path.parent.name == "jurisdictions" else "instrument"
        migrated = jurisdiction(data) if kind == "jurisdiction" else instrument(data)
        model = models.Jurisdiction if kind == "jurisdiction" else models.Instrument
        path.write_text(render(model.model_validate(migrated), kind), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
