"""Resolve what a user types (ISO code, English or Chinese name) to a jurisdiction id."""
from __future__ import annotations

import sqlite3

from ..common.sqlite_limits import harden

EXACT = """select id from jurisdictions
  where lower(id) = lower(trim({p})) or lower(iso2) = lower(trim({p})) or lower(name_en) = lower(trim({p}))
     or name_zh = trim({p}) or lower(un_name) = lower(trim({p}))"""


def exact_match(param: str) -> str:
    """SQL selecting the jurisdictions whose code or name equals `param` (shared with the canned queries)."""
    return EXACT.format(p=param)


class NotFound(LookupError):
    pass


def connect(path) -> sqlite3.Connection:
    """A read-only connection with the same SQLite limits and authorizer as the served table pages."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    harden(conn)  # rows as sqlite3.Row
    return conn


def resolve(conn: sqlite3.Connection, text: str) -> sqlite3.Row:
    """Exact match on id, iso2, English, Chinese or UN name; a partial name is refused with suggestions.

    Matching is exact so that a code is never read as part of a name (ATA is not Qatar) and no
    character of the input acts as a wildcard.
    """
    q = text.strip()
    if not q:
        raise NotFound("give a State: an ISO code (CAN, CA) or a name (Canada, 加拿大)")
    rows = conn.execute(f"select * from jurisdictions where id in ({exact_match(':q')})", {"q": q}).fetchall()
    if len(rows) == 1:
        return rows[0]
    if rows:
        names = ", ".join(f"{r['name_en']} ({r['id'].upper()})" for r in rows[:12])
        raise NotFound(f"{text!r} matches several: {names}; be more precise")
    similar = conn.execute(
        "select * from jurisdictions where instr(lower(name_en), lower(:q)) or instr(name_zh, :q) or instr(lower(un_name), lower(:q)) order by name_en limit 12",
        {"q": q},
    ).fetchall() if len(q) >= 4 or not q.isascii() else []  # never read a code as part of a name
    suggestions = ", ".join(f"{r['name_en']} ({r['id'].upper()})" for r in similar)
    hint = f"; did you mean: {suggestions}?" if similar else "; try an ISO code or the English or Chinese name"
    raise NotFound(f"no State or territory matches {text!r}{hint}")
