"""Resolve what a user types (ISO code, English or Chinese name) to a jurisdiction id."""
from __future__ import annotations

import sqlite3

EXACT = """select id from jurisdictions
  where lower(id) = lower(trim({p})) or lower(iso2) = lower(trim({p})) or lower(name_en) = lower(trim({p}))
     or name_zh = trim({p}) or lower(un_name) = lower(trim({p}))"""


def exact_match(param: str) -> str:
    """SQL selecting the jurisdictions whose code or name equals `param` (shared with the canned queries)."""
    return EXACT.format(p=param)


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
    rows = conn.execute(f"select * from jurisdictions where id in ({exact_match(':q')})", {"q": q}).fetchall()
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
