"""`mlakb new jurisdiction ISO3`: a valid record to start from, with the schema comment."""
from __future__ import annotations

import datetime as dt

import pycountry
from babel import Locale

from ..records import models
from .canonical import render


def new_jurisdiction(code: str, region: str, today: dt.date) -> models.Jurisdiction:
    country = pycountry.countries.get(alpha_3=code.upper()) or pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        raise ValueError(f"{code!r} is not an ISO 3166-1 code")
    zh = Locale("zh").territories.get(country.alpha_2)
    return models.Jurisdiction(
        id=country.alpha_3.lower(),
        iso2=country.alpha_2,
        name=models.Name(en=getattr(country, "common_name", None) or country.name, zh=zh),
        region=region,
        unknown=["central-authority", "contacts", "languages"],
        verified=today,
    )


def render_new(record: models.Jurisdiction) -> str:
    guide = (
        "# New record: add each authority with its sources (see CONTRIBUTING.md), then remove what you found\n"
        "# from `unknown`. Run `mlakb check` and `mlakb fmt` before opening the pull request.\n"
    )
    text = render(record, "jurisdiction")
    first, rest = text.split("\n", 1)
    return first + "\n" + guide + rest
