"""build/mlakb.db from the loaded directory, with sqlite-utils (the til pattern: records → tables → FTS)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from ..maintain.coverage import FIELDS
from ..records import models
from ..records.directory import Directory
from ..common import atomic
from ..common.names import language_name

VIEWS = {
    "central_authorities": """
        select a.jurisdiction, j.name_en as jurisdiction_en, j.name_zh as jurisdiction_zh, a.id, a.name_en, a.name_zh,
               a.unit, a.handles, a.designated_under, a.address, a.phone, a.email, a.website, a.languages,
               a.channels, a.urgent, a.verified
        from authorities a join jurisdictions j on j.id = a.jurisdiction
        where a.kind = 'central-authority'
    """,
    "coverage": """
        select j.region,
               count(*) as jurisdictions,
               sum(j.has_central_authority) as with_central_authority,
               sum(j.has_languages) as with_languages,
               sum(j.has_contacts) as with_contacts
        from jurisdictions j group by j.region
    """,
}


def _json(value: Iterable[Any]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _date(value) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


def build_database(directory: Directory, target: Path) -> dict[str, int]:
    """Write the database into a temporary file and move it onto `target` only when complete."""
    with atomic.new_file(target) as tmp:
        counts = _write(directory, tmp)
    return counts


def _write(directory: Directory, path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    rows = _rows(directory)
    for table, spec in TABLES.items():
        db[table].insert_all(rows[table], pk=spec.get("pk"), foreign_keys=spec.get("fks"), columns=spec.get("columns"), replace=False)
        if not rows[table]:
            db[table].create(spec["columns"], pk=spec.get("pk"), if_not_exists=True)
        for index in spec.get("indexes", []):
            db[table].create_index(index, if_not_exists=True)
    db["jurisdictions"].enable_fts(["id", "iso2", "name_en", "name_zh", "name_local", "un_name"], create_triggers=False, tokenize="trigram")
    db["authorities"].enable_fts(["name_en", "name_zh", "name_local", "unit", "role"], create_triggers=False, tokenize="trigram")
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    conn.execute("pragma user_version = 1")
    conn.commit()
    conn.execute("vacuum")
    conn.close()
    return {table: len(r) for table, r in rows.items()}


TABLES: dict[str, dict[str, Any]] = {
    "jurisdictions": {"pk": "id", "columns": {"id": str, "iso2": str, "name_en": str, "name_zh": str, "name_local": str, "un_name": str, "region": str, "part_of": str, "unknown": str, "has_central_authority": int, "has_languages": int, "has_contacts": int, "languages": str, "channels": str, "verified": str}, "indexes": [["name_en"], ["iso2"], ["region"]]},
    "instruments": {"pk": "id", "columns": {"id": str, "kind": str, "jurisdiction": str, "subject": str, "scope": str, "title_en": str, "title_zh": str, "short_en": str, "short_zh": str, "scope_condition_en": str, "scope_condition_zh": str, "offences": str, "adopted": str, "entry_into_force": str, "status": str, "in_force": int, "depositary": str, "registration": str, "parties_known": str, "texts": str, "npcsc_decision": str, "notes": str, "verified": str}, "indexes": [["kind"]]},
    "authorities": {"pk": "id", "fks": [("jurisdiction", "jurisdictions", "id")], "columns": {"id": str, "jurisdiction": str, "name_en": str, "name_zh": str, "name_local": str, "unit": str, "kind": str, "handles": str, "designated_under": str, "role": str, "address": str, "phone": str, "fax": str, "email": str, "website": str, "hours": str, "timezone": str, "contact_caution": str, "languages": str, "channels": str, "urgent": str, "notes": str, "sources": str, "verified": str}, "indexes": [["jurisdiction"], ["kind"]]},
    "authority_matters": {"pk": ("authority", "matter"), "fks": [("authority", "authorities", "id"), ("jurisdiction", "jurisdictions", "id")], "columns": {"authority": str, "jurisdiction": str, "matter": str}, "indexes": [["matter"]]},
    "authority_languages": {"pk": ("authority", "language"), "fks": [("authority", "authorities", "id"), ("jurisdiction", "jurisdictions", "id")], "columns": {"authority": str, "jurisdiction": str, "language": str, "language_en": str, "language_zh": str}, "indexes": [["language"]]},
    "authority_channels": {"pk": ("authority", "channel"), "fks": [("authority", "authorities", "id"), ("jurisdiction", "jurisdictions", "id")], "columns": {"authority": str, "jurisdiction": str, "channel": str}, "indexes": [["channel"]]},
    "authority_designations": {"pk": ("authority", "instrument"), "fks": [("authority", "authorities", "id"), ("jurisdiction", "jurisdictions", "id")], "columns": {"authority": str, "jurisdiction": str, "instrument": str}, "indexes": [["instrument"]]},
    "requirements": {"pk": "id", "fks": [("jurisdiction", "jurisdictions", "id")], "columns": {"id": int, "jurisdiction": str, "topic": str, "policy": str, "text": str, "measures": str, "notes": str, "sources": str}, "indexes": [["jurisdiction"], ["topic"]]},
    "declarations": {"pk": "id", "fks": [("jurisdiction", "jurisdictions", "id"), ("instrument", "instruments", "id")], "columns": {"id": int, "jurisdiction": str, "instrument": str, "topic": str, "value": int, "text": str, "date": str, "sources": str}, "indexes": [["jurisdiction"], ["instrument"]]},
    "informal_channels": {"pk": "id", "fks": [("jurisdiction", "jurisdictions", "id")], "columns": {"id": int, "jurisdiction": str, "kind": str, "name": str, "text": str, "sources": str}},
    "domestic_laws": {"pk": "id", "fks": [("jurisdiction", "jurisdictions", "id")], "columns": {"id": int, "jurisdiction": str, "title": str, "year": int, "sources": str}},
    "practice": {"pk": "id", "fks": [("jurisdiction", "jurisdictions", "id")], "columns": {"id": int, "jurisdiction": str, "kind": str, "text": str, "sources": str}},
    "parties": {"pk": ("instrument", "jurisdiction"), "fks": [("instrument", "instruments", "id"), ("jurisdiction", "jurisdictions", "id")], "columns": {"instrument": str, "jurisdiction": str, "signature": str, "consent": str, "action": str, "entry_into_force": str, "central_authority": str, "notes": str}, "indexes": [["jurisdiction"]]},
    "provisions": {"pk": ("instrument", "topic"), "fks": [("instrument", "instruments", "id")], "columns": {"instrument": str, "topic": str, "article": str}, "indexes": [["topic"]]},
    "sources": {"pk": ("record", "id"), "columns": {"record": str, "id": str, "title": str, "url": str, "original_url": str, "kind": str, "as_of": str, "retrieved": str}, "indexes": [["url"]]},
    "vocab": {"pk": ("vocabulary", "id"), "columns": {"vocabulary": str, "id": str, "en": str, "zh": str, "definition_en": str, "definition_zh": str, "basis": str, "required": int, "applies_to": str}},
    "glossary": {"pk": "id", "columns": {"id": int, "en": str, "zh": str, "variants_en": str, "variants_zh": str, "definition_en": str, "definition_zh": str, "basis": str}},
}


def _rows(directory: Directory) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for jid, loaded in sorted(directory.jurisdictions.items()):
        _jurisdiction_rows(loaded.record, rows)
    for iid, loaded in sorted(directory.instruments.items()):
        _instrument_rows(loaded.record, rows)
    for vid, loaded in sorted(directory.vocab.items()):
        for e in loaded.record.entries:
            rows["vocab"].append({"vocabulary": vid, "id": e.id, "en": e.en, "zh": e.zh, "definition_en": e.definition_en, "definition_zh": e.definition_zh, "basis": e.basis,
                                  "required": None if e.required is None else int(e.required), "applies_to": _json(e.applies_to)})
    if directory.glossary:
        for i, t in enumerate(directory.glossary.record.terms, 1):
            rows["glossary"].append({"id": i, "en": t.en, "zh": t.zh, "variants_en": _json(t.variants_en), "variants_zh": _json(t.variants_zh), "definition_en": t.definition_en, "definition_zh": t.definition_zh, "basis": t.basis})
    return rows


def _jurisdiction_rows(j: models.Jurisdiction, rows: dict[str, list[dict]]) -> None:
    languages = sorted({lang for a in j.authorities for lang in a.languages})
    channels = sorted({c for a in j.authorities for c in a.channels})
    rows["jurisdictions"].append({
        "id": j.id, "iso2": j.iso2, "name_en": j.name.en, "name_zh": j.name.zh, "name_local": j.name.local,
        "un_name": j.un_name, "region": j.region, "part_of": j.part_of, "unknown": _json(j.unknown),
        "has_central_authority": int(FIELDS["central_authority"](j)),
        "has_languages": int(FIELDS["languages"](j)), "has_contacts": int(FIELDS["contacts"](j)),
        "languages": _json(languages), "channels": _json(channels), "verified": _date(j.verified),
    })
    for a in j.authorities:
        c = a.contact
        rows["authorities"].append({
            "id": a.id, "jurisdiction": j.id, "name_en": a.name.en, "name_zh": a.name.zh, "name_local": a.name.local,
            "unit": a.unit, "kind": a.kind, "handles": _json(a.handles), "designated_under": _json(a.designated_under),
            "role": a.role, "address": c.address, "phone": _json(c.phone), "fax": _json(c.fax), "email": _json(c.email),
            "website": c.website, "hours": c.hours, "timezone": c.timezone, "contact_caution": a.contact_caution,
            "languages": _json(a.languages), "channels": _json(a.channels), "urgent": a.urgent, "notes": a.notes,
            "sources": _json(a.sources), "verified": _date(a.verified),
        })
        rows["authority_matters"].extend({"authority": a.id, "jurisdiction": j.id, "matter": m} for m in a.handles)
        rows["authority_languages"].extend({"authority": a.id, "jurisdiction": j.id, "language": lang, "language_en": language_name(lang, "en"), "language_zh": language_name(lang, "zh")} for lang in a.languages)
        rows["authority_channels"].extend({"authority": a.id, "jurisdiction": j.id, "channel": ch} for ch in a.channels)
        rows["authority_designations"].extend({"authority": a.id, "jurisdiction": j.id, "instrument": i} for i in a.designated_under)
    for r in j.requirements:
        rows["requirements"].append({"id": len(rows["requirements"]) + 1, "jurisdiction": j.id, "topic": r.topic, "policy": r.policy, "text": r.text, "measures": _json(r.measures), "notes": r.notes, "sources": _json(r.sources)})
    for d in j.declarations:
        rows["declarations"].append({"id": len(rows["declarations"]) + 1, "jurisdiction": j.id, "instrument": d.instrument, "topic": d.topic, "value": None if d.value is None else int(d.value), "text": d.text, "date": _date(d.date), "sources": _json(d.sources)})
    for ch in j.informal_channels:
        rows["informal_channels"].append({"id": len(rows["informal_channels"]) + 1, "jurisdiction": j.id, "kind": ch.kind, "name": ch.name, "text": ch.text, "sources": _json(ch.sources)})
    for law in j.domestic_law:
        rows["domestic_laws"].append({"id": len(rows["domestic_laws"]) + 1, "jurisdiction": j.id, "title": law.title, "year": law.year, "sources": _json(law.sources)})
    for p in j.practice:
        rows["practice"].append({"id": len(rows["practice"]) + 1, "jurisdiction": j.id, "kind": p.kind, "text": p.text, "sources": _json(p.sources)})
    rows["sources"].extend(_source_rows(j.id, j.sources))


def _instrument_rows(i: models.Instrument, rows: dict[str, list[dict]]) -> None:
    rows["instruments"].append({
        "id": i.id, "kind": i.kind, "jurisdiction": i.jurisdiction, "subject": _json(i.subject), "scope": i.scope, "title_en": i.title.en, "title_zh": i.title.zh,
        "short_en": i.short_title.en if i.short_title else None, "short_zh": i.short_title.zh if i.short_title else None,
        "scope_condition_en": i.scope_condition.en if i.scope_condition else None,
        "scope_condition_zh": i.scope_condition.zh if i.scope_condition else None,
        "offences": _json(i.offences), "adopted": _date(i.adopted), "entry_into_force": _date(i.entry_into_force),
        "status": i.status, "in_force": None if i.in_force is None else int(i.in_force), "depositary": i.depositary, "registration": i.registration, "parties_known": i.parties_known,
        "texts": _json(t.path for t in i.texts), "npcsc_decision": i.npcsc_decision, "notes": i.notes, "verified": _date(i.verified),
    })
    for p in i.parties:
        rows["parties"].append({"instrument": i.id, "jurisdiction": p.state, "signature": _date(p.signature), "consent": _date(p.consent), "action": p.action, "entry_into_force": _date(p.entry_into_force), "central_authority": None, "notes": p.notes})
    for side in i.sides:
        rows["parties"].append({"instrument": i.id, "jurisdiction": side.state, "signature": _date(i.adopted), "consent": None, "action": None, "entry_into_force": _date(i.entry_into_force), "central_authority": side.central_authority, "notes": None})
    rows["provisions"].extend({"instrument": i.id, "topic": topic, "article": article} for topic, article in i.provisions.items())
    rows["sources"].extend(_source_rows(i.id, i.sources))


def _source_rows(record: str, sources: list[models.Source]) -> list[dict]:
    return [{"record": record, "id": s.id, "title": s.title, "url": s.url, "original_url": s.original_url, "kind": s.kind, "as_of": _date(s.as_of), "retrieved": _date(s.retrieved)} for s in sources]
