"""Display names for codes, from CLDR data (langcodes), in English and Chinese."""
from __future__ import annotations

from functools import lru_cache

import langcodes


@lru_cache(maxsize=None)
def language_name(code: str, lang: str = "en") -> str:
    return langcodes.Language.get(code).display_name(lang)
