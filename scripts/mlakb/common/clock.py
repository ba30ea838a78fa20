"""The project's clock; MLAKB_TODAY=YYYY-MM-DD makes every date rule deterministic."""
from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    forced = os.environ.get("MLAKB_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()


def over_five_years_old(as_of: str, on: dt.date) -> bool:
    """A source date (YYYY, YYYY-MM or YYYY-MM-DD) more than five years before `on`, compared at the date's own precision."""
    limit = on.replace(year=on.year - 5).isoformat()
    return as_of < limit[:len(as_of)]
