"""Resolve what a user types (ISO code, English or Chinese name) to a jurisdiction id."""
from __future__ import annotations

import sqlite3


class NotFound(LookupError):
    pass


def connect(path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def resolve(conn: sqlite3.Connection, text: str) -> sqlite3.Row:
    """Exact match on id, iso2, English, Chinese or UN name; else a unique partial match."""
    q = text.strip()
    if not q:
        raise NotFound("give a State: an ISO code (CAN, CA) or a name (Canada, 加拿大)")
    rows = conn.execute(
        "select * from jurisdictions where id = lower(?) or iso2 = upper(?) or lower(name_en) = lower(?) or name_zh = ? or lower(un_name) = lower(?)",
        (q, q, q, q, q),
    ).fetchall()
    if not rows:
        rows = conn.execute(
            "select * from jurisdictions where name_en like ? or name_zh like ? or un_name like ? order by name_en",
            (f"%{q}%", f"%{q}%", f"%{q}%"),
        ).fetchall()
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFound(f"no State or territory matches {text!r}; try an ISO code or the English or Chinese name")
    names = ", ".join(f"{r['name_en']} ({r['id'].upper()})" for r in rows[:12])
    raise NotFound(f"{text!r} matches several: {names}; be more precise")
