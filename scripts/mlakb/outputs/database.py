"""build/mlakb.db from the loaded directory, with sqlite-utils (the til pattern: records → tables → FTS).

Tables and columns come from `shape` (the model); this module only walks the records into rows.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import sqlite_utils
from pydantic import BaseModel, TypeAdapter

from ..common import atomic
from ..common.clock import over_five_years_old, today
from ..common.names import language_name
from ..records.known import FIELDS
from ..records import models
from ..records.directory import Directory
from . import shape

VIEWS = {
    # one card per authority: its first criminal-matters contact (else its first contact), in the columns the
    # canned queries and the request drafter read
    "authority_cards": """
        select a.jurisdiction, j.name_en as jurisdiction_en, j.name_zh as jurisdiction_zh, a.id, a.n, a.kind,
               a.name_en, a.name_zh, a.name_zh_translated, a.name_local, a.unit, a.handles,
               (select json_group_array(d.instrument) from designations d where d.authority = a.id) as designated_under,
               c.scope as contact_scope, c.address, coalesce(c.phone, '[]') as phone, coalesce(c.fax, '[]') as fax,
               coalesce(c.email, '[]') as email, c.website, c.hours, c.timezone, c.notes_en as contact_notes, c.notes_zh as contact_notes_zh,
               c.sources_newest as contact_sources_newest,
               (select json_group_array(json_object('scope', x.scope, 'address', x.address, 'phone', json(x.phone), 'fax', json(x.fax),
                                                    'email', json(x.email), 'website', x.website, 'notes', x.notes_en, 'notes_zh', x.notes_zh, 'sources_newest', x.sources_newest))
                from contacts x where x.authority = a.id) as contacts,
               coalesce(a.languages_codes, '[]') as languages, coalesce(a.languages_applies, 'any') as languages_applies,
               coalesce(a.languages_instruments, '[]') as languages_instruments,
               (select json_group_array(ch.channel) from authority_channels ch where ch.authority = a.id) as channels,
               a.urgent_text_en as urgent, a.urgent_text_zh as urgent_zh, a.notes_en as notes, a.notes_zh as notes_zh, a.sources, a.sources_newest,
               a.sources_kinds, a.sources_old, a.verified
        from authorities a
          join jurisdictions j on j.id = a.jurisdiction
          left join contacts c on c.authority = a.id and c.n = coalesce(
              (select min(n) from contacts x where x.authority = a.id and x.scope = 'criminal-matters'),
              (select min(n) from contacts x where x.authority = a.id and coalesce(x.scope, '') != 'civil-matters-listing'),
              (select min(n) from contacts x where x.authority = a.id))
    """,
    "central_authorities": "select * from authority_cards where kind = 'central-authority'",
    # the States bound by an instrument, multilateral parties and bilateral sides alike
    "party_states": """
        select instrument, state as jurisdiction, signature, consent, action, entry_into_force, denounced, null as central_authority, notes from parties
        union all
        select s.instrument, s.state, i.adopted, null, null, i.entry_into_force, null, s.central_authority, null
        from sides s join instruments i on i.id = s.instrument
    """,
    "coverage": """
        select j.region, count(*) as jurisdictions, sum(j.has_central_authority) as with_central_authority,
               sum(j.has_languages) as with_languages, sum(j.has_contacts) as with_contacts
        from jurisdictions j group by j.region
    """,
}


def build_database(directory: Directory, target: Path) -> dict[str, int]:
    """Write the database into a temporary file and move it onto `target` only when complete."""
    with atomic.new_file(target) as tmp:
        counts = _write(directory, tmp)
    return counts


def _write(directory: Directory, path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    rows = table_rows(directory)
    for table in shape.TABLES:
        columns = {c.name: c.type for c in shape.columns(table.name)}
        db[table.name].create(columns, pk=table.pk if len(table.pk) > 1 else table.pk[0])
        db[table.name].insert_all(rows[table.name])
        for index in table.indexes:
            db[table.name].create_index(list(index), if_not_exists=True)
    db["jurisdictions"].enable_fts(["id", "iso2", "name_en", "name_zh", "name_local", "un_name"], create_triggers=False, tokenize="trigram")
    db["authorities"].enable_fts(["name_en", "name_zh", "name_local", "unit", "role_en", "role_zh"], create_triggers=False, tokenize="trigram")
    for name, sql in VIEWS.items():
        db.create_view(name, sql)
    conn.execute("pragma user_version = 2")
    conn.commit()
    conn.execute("vacuum")
    conn.close()
    return {name: len(r) for name, r in rows.items()}


def flatten(obj: BaseModel, skip: tuple[str, ...], cited: dict[str, models.Source], prefix: str = "") -> dict[str, Any]:
    """One row from a model instance, in the columns `shape.model_columns` derives from the same model."""
    row: dict[str, Any] = {}
    for name, info in type(obj).model_fields.items():
        if name in skip:
            continue
        value = getattr(obj, name)
        if shape.nested_model(info.annotation) is not None and not shape.is_collection(info.annotation):
            nested = type(value) if value is not None else shape.nested_model(info.annotation)
            inner = flatten(value, (), cited, f"{prefix}{name}_") if value is not None else {c.name: None for c in shape.model_columns(nested, prefix=f"{prefix}{name}_")}
            row.update(inner)
            continue
        row[prefix + name] = _cell(value)
        if name == "sources" and isinstance(obj, models.Sourced):
            row.update({prefix + k: v for k, v in provenance(value, cited).items()})
    return row


def provenance(refs: list[str], cited: dict[str, models.Source]) -> dict[str, Any]:
    """The newest date and the kinds of the sources a fact cites; old = newest is over five years old or undated."""
    dates = sorted(cited[r].as_of for r in refs if r in cited and cited[r].as_of)
    newest = dates[-1] if dates else None
    return {"sources_newest": newest, "sources_kinds": json.dumps(sorted({cited[r].kind for r in refs if r in cited})),
            "sources_old": int(newest is None or over_five_years_old(newest, today()))}


_AS_JSON = TypeAdapter(Any)  # dumps nested models by their runtime type


def _cell(value: Any) -> Any:
    if isinstance(value, (BaseModel, list, dict)):
        return json.dumps(_AS_JSON.dump_python(value, mode="json", exclude_defaults=True), ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_rows(directory: Directory) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t.name: [] for t in shape.TABLES}

    def add(name: str, obj: BaseModel | None, keys: dict, cited: dict, **extra) -> None:
        table = shape.BY_NAME[name]
        row = {"id": len(rows[name]) + 1} if "row" in table.keys else {}
        row.update(keys)
        if obj is not None:
            row.update(flatten(obj, table.skip, cited))
        row.update(extra)
        rows[name].append(row)

    for jid, loaded in sorted(directory.jurisdictions.items()):
        j: models.Jurisdiction = loaded.record
        cited = {s.id: s for s in j.sources}
        add("jurisdictions", j, {}, cited, **_jurisdiction_derived(j))
        for position, a in enumerate(j.authorities, 1):
            add("authorities", a, {"jurisdiction": j.id, "n": position}, cited)
            for name, items in (("contacts", a.contacts), ("designations", a.designations), ("authority_channels", a.channels)):
                for n, item in enumerate(items, 1):
                    add(name, item, {"jurisdiction": j.id, "authority": a.id, "n": n}, cited)
            for matter in a.handles:
                add("authority_matters", None, {"authority": a.id, "jurisdiction": j.id}, cited, matter=matter)
            for code in (a.languages.codes if a.languages else []):
                add("authority_languages", None, {"authority": a.id, "jurisdiction": j.id}, cited, language=code,
                    language_en=language_name(code, "en"), language_zh=language_name(code, "zh"))
        for name, items in (("requirements", j.requirements), ("declarations", j.declarations), ("informal_channels", j.informal_channels),
                            ("domestic_laws", j.domestic_law), ("practice", j.practice), ("searches", j.searched)):
            for item in items:
                add(name, item, {"jurisdiction": j.id}, cited)
        for s in j.sources:
            add("sources", s, {"record": j.id}, cited)
    for iid, loaded in sorted(directory.instruments.items()):
        i: models.Instrument = loaded.record
        cited = {s.id: s for s in i.sources}
        add("instruments", i, {}, cited, status_id=i.status_id)
        for p in i.parties:
            add("parties", p, {"instrument": i.id}, cited)
        for side in i.sides:
            add("sides", side, {"instrument": i.id}, cited)
        for topic, article in i.provisions.items():
            add("provisions", None, {"instrument": i.id}, cited, topic=topic, article=article)
        for s in i.sources:
            add("sources", s, {"record": i.id}, cited)
    for vid, loaded in sorted(directory.vocab.items()):
        for entry in loaded.record.entries:
            add("vocab", entry, {"vocabulary": vid}, {})
    if directory.glossary:
        for term in directory.glossary.record.terms:
            add("glossary", term, {}, {})
    return rows


def _jurisdiction_derived(j: models.Jurisdiction) -> dict[str, Any]:
    return {
        "has_central_authority": int(FIELDS["central_authority"](j)),
        "has_languages": int(FIELDS["languages"](j)),
        "has_contacts": int(FIELDS["contacts"](j)),
        "languages": json.dumps(j.accepted_languages),
        "channels": json.dumps(sorted({c.channel for a in j.authorities for c in a.channels})),
    }
