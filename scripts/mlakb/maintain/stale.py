"""Facts past their review date: every `verified` older than the threshold."""
from __future__ import annotations

import datetime as dt
import re

from ..records.directory import Directory
from ..records.walk import facts


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


def _years_before(day: dt.date, years: float) -> str:
    return (day - dt.timedelta(days=round(years * 365.25))).isoformat()


def stale_facts(directory: Directory, today: dt.date, older_than: dt.timedelta, sources_older_than: dt.timedelta | None = None,
                unverified: bool = False) -> list[dict]:
    """Facts due for review: verified longer ago than `older_than`; with `sources_older_than`, also facts whose
    newest source is older than that (or undated); with `unverified`, also facts no person has compared yet."""
    limit = today - older_than
    source_limit = (today - sources_older_than).isoformat() if sources_older_than else None
    out = []
    for jid, loaded in sorted(directory.jurisdictions.items()):
        cited = {s.id: s for s in loaded.record.sources}
        for loc, fact in facts(loaded.record):
            reasons = []
            if fact.verified is not None and fact.verified < limit:
                reasons.append("verified-long-ago")
            if fact.verified is None and unverified:
                reasons.append("not-verified")
            dates = [cited[r].as_of for r in fact.sources if r in cited and cited[r].as_of]
            newest = max(dates) if dates else None
            if source_limit and (newest is None or newest < source_limit[:len(newest)]):
                reasons.append("old-source" if newest else "undated-source")
            if reasons:
                line, _ = loaded.doc.where(loc)
                out.append({"path": loaded.doc.path, "line": line, "jurisdiction": jid, "what": ".".join(map(str, loc)),
                            "verified": fact.verified.isoformat() if fact.verified else None,
                            "age_days": (today - fact.verified).days if fact.verified else None,
                            "sources_newest": newest, "reasons": reasons})
    for iid, loaded in sorted(directory.instruments.items()):
        if loaded.record.verified < limit:
            line, _ = loaded.doc.where(("verified",))
            out.append({"path": loaded.doc.path, "line": line, "jurisdiction": None, "what": f"instrument {iid}", "verified": loaded.record.verified.isoformat(),
                        "age_days": (today - loaded.record.verified).days, "sources_newest": None, "reasons": ["verified-long-ago"]})
    return out

