"""The project's clock; MLAKB_TODAY=YYYY-MM-DD makes every date rule deterministic."""
from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    forced = os.environ.get("MLAKB_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()
