"""Field-level format checks used by the models (no network access: e-mail domains are not resolved)."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import email_validator
import pycountry

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|\]\(|javascript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def plain_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control or bidirectional-override character; delete it")
    if _MARKUP.search(value):
        raise ValueError("looks like HTML, a script or a Markdown link; records hold plain text (put URLs in a `url` or `website` field)")
    if value != value.strip():
        raise ValueError("has leading or trailing spaces")
    return value


def url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"{value!r} is not an http(s) URL")
    if _CONTROL.search(value) or any(c in value for c in '<>"\''):
        raise ValueError(f"{value!r} contains characters not allowed in a URL")
    return value


def email(value: str) -> str:
    try:
        email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        raise ValueError(f"{value!r} is not a valid e-mail address: {exc}") from None
    return value


def language(value: str) -> str:
    if pycountry.languages.get(alpha_2=value) is None:
        raise ValueError(f"{value!r} is not an ISO 639-1 language code")
    return value


def partial_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date: {exc}") from None
    return value
