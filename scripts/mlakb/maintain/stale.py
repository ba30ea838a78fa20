"""Facts past their review date: every `verified` older than the threshold."""
from __future__ import annotations

import datetime as dt
import re

from ..records.directory import Directory


def parse_age(text: str) -> dt.timedelta:
    """'12m', '18m', '2y', '90d' → a timedelta (a month counts as 30.44 days)."""
    match = re.fullmatch(r"(\d+)\s*([dmy])", text.strip().lower())
    if not match:
        raise ValueError(f"{text!r} is not an age such as 90d, 12m or 2y")
    n, unit = int(match[1]), match[2]
    try:
        return dt.timedelta(days=n * {"d": 1, "m": 30.44, "y": 365.25}[unit])
    except OverflowError:
        raise ValueError(f"{text!r} is longer than any record can be old") from None


def stale_facts(directory: Directory, today: dt.date, older_than: dt.timedelta) -> list[dict]:
    limit = today - older_than
    out = []
    for jid, loaded in sorted(directory.jurisdictions.items()):
        record = loaded.record
        if record.verified < limit:
            line, _ = loaded.doc.where(("verified",))
            out.append({"path": loaded.doc.path, "line": line, "jurisdiction": jid, "what": "record", "verified": record.verified.isoformat(), "age_days": (today - record.verified).days})
        for i, authority in enumerate(record.authorities):
            if authority.verified < limit:
                line, _ = loaded.doc.where(("authorities", i, "verified"))
                out.append({"path": loaded.doc.path, "line": line, "jurisdiction": jid, "what": f"authority {authority.id}", "verified": authority.verified.isoformat(), "age_days": (today - authority.verified).days})
    for iid, loaded in sorted(directory.instruments.items()):
        if loaded.record.verified < limit:
            line, _ = loaded.doc.where(("verified",))
            out.append({"path": loaded.doc.path, "line": line, "jurisdiction": None, "what": f"instrument {iid}", "verified": loaded.record.verified.isoformat(), "age_days": (today - loaded.record.verified).days})
    return out
