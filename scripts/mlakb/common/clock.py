"""The project's clock; MLAKB_TODAY=YYYY-MM-DD makes every date rule deterministic."""
from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    forced = os.environ.get("MLAKB_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()


def over_five_years_old(as_of: str, on: dt.date) -> bool:
    """A source date (YYYY, YYYY-MM or YYYY-MM-DD) more than five years before `on`, compared at the date's own precision."""
    try:
        limit = on.replace(year=on.year - 5)
    except ValueError:  # 29 February, five years before a leap day, is the 28th
        limit = on.replace(year=on.year - 5, day=28)
    return as_of < limit.isoformat()[:len(as_of)]
