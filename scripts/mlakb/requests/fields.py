"""The names the drafting form gives the fields of a draft (templates/fields.yaml), for findings and the form."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    return yaml.safe_load((Path(__file__).parent / "templates" / "fields.yaml").read_text(encoding="utf-8"))


def pattern(loc: tuple | str) -> str:
    """offences.1.name → offences.*.name"""
    path = loc if isinstance(loc, str) else ".".join(map(str, loc))
    return re.sub(r"(?<=\.)\d+(?=\.|$)", "*", path)


def label(loc: tuple | str, lang: str) -> str | None:
    """The field's name in `lang`, numbered when it is in a list ("Offence 2"); None for a field the form lacks."""
    entry = labels().get(pattern(loc))
    if entry is None:
        return None
    numbers = [int(n) + 1 for n in re.findall(r"(?<=\.)(\d+)(?=\.|$)", loc if isinstance(loc, str) else ".".join(map(str, loc)))]
    text = entry[lang]
    if numbers and not pattern(loc).startswith("legal_basis"):
        text += f"（第{numbers[0]}项）" if lang == "zh" else f" ({numbers[0]})"
    return text
