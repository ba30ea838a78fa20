"""Reading query parameters with clear errors (ValueError → 400), and checking those of the canned queries."""
from __future__ import annotations

import os
from collections import OrderedDict

import langcodes

from ..query.lookup import exact_match as resolve_sql
from .queries import PARAMETERS

MAX_LENGTH = 500


def optional(request, name: str) -> str | None:
    value = request.args.get(name)
    if value is None or not value.strip():
        return None
    if len(value) > MAX_LENGTH or "\x00" in value:
        raise ValueError(f"parameter {name!r} is too long or holds a NUL character")
    return value.strip()


def required(request, name: str) -> str:
    value = optional(request, name)
    if value is None:
        raise ValueError(f"parameter {name!r} is required")
    return value


def one_of(request, name: str, allowed) -> str | None:
    value = optional(request, name)
    if value is not None and value not in allowed:
        raise ValueError(f"parameter {name!r} must be one of: {', '.join(allowed)}")
    return value


def integer(request, name: str, default: int, low: int, high: int) -> int:
    value = optional(request, name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"parameter {name!r} must be a whole number") from None
    if not low <= number <= high:
        raise ValueError(f"parameter {name!r} must be between {low} and {high}")
    return number


# --- the parameters of the canned queries --------------------------------------------------------------------

_KNOWN_SQL = {
    "state": f"select 1 from jurisdictions where id in ({resolve_sql(':v')}) limit 1",
    "matter": "select 1 from vocab where vocabulary = 'matters' and id = lower(trim(:v))",
    "instrument": "select 1 from instruments where lower(id) = lower(trim(:v)) or lower(short_title_en) = lower(trim(:v)) or short_title_zh = trim(:v) limit 1",
    "language": "select 1 from authority_languages where language = lower(trim(:v)) or lower(language_en) = lower(trim(:v)) or language_zh = trim(:v) limit 1",
}
_UNKNOWN = {
    "state": "no State or territory matches {value!r}: give an ISO code (CAN, CA) or the English or Chinese name (Canada, 加拿大)",
    "matter": "{value!r} is not a matter; use one of: {choices}",
    "instrument": "no instrument matches {value!r}: give its id (untoc, uncac, cn-can-mla) or its short title",
    "language": "{value!r} is not a language: give an ISO 639-1 code (fr) or its English or Chinese name (French, 法语)",
}


async def canned_problem(database, query: str, args: list[tuple[str, str]]) -> str | None:
    """Why the parameters of canned query `query` cannot be answered, naming the parameter; None when they can.
    All the values are looked up in one query (one trip to Datasette's database threads)."""
    rules = PARAMETERS.get(query)
    if rules is None:
        return None
    given = {}
    for name, value in args:
        given.setdefault(name, value)
    checks = []
    for name, (kind, needed) in rules.items():
        value = given.get(name, "").strip()
        if not value:
            if needed:
                return f"parameter {name!r} is required"
            continue
        if len(value) > MAX_LENGTH or "\x00" in value:
            return f"parameter {name!r} is too long or holds a NUL character"
        if kind != "text":
            checks.append((name, kind, value))
    if not checks:
        return None
    known = await _known_values(database, [(kind, value) for _, kind, value in checks])
    for name, kind, value in checks:
        if known[(kind, value)] or (kind == "language" and _is_language(value)):
            continue
        choices = ""
        if kind == "matter":
            choices = ", ".join(r[0] for r in await database.execute("select id from vocab where vocabulary = 'matters' order by id"))
        return f"parameter {name!r}: " + _UNKNOWN[kind].format(value=value, choices=choices)
    return None


_ANSWERS: OrderedDict = OrderedDict()  # (database, its file's mtime, kind, value) -> known; the database is read-only
_ANSWERS_KEPT = 10_000


async def _known_values(database, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], bool]:
    """Whether each (kind, value) names something in the database: the answers not seen before are looked up in
    one query, and kept (bounded) until the database file changes."""
    version = (database.name, _mtime(database.path))
    answers = {pair: _ANSWERS.get((*version, *pair)) for pair in wanted}
    missing = [pair for pair, known in answers.items() if known is None]
    if missing:
        columns = ", ".join(f"exists({_KNOWN_SQL[kind].replace(':v', f':v{i}')}) as known{i}" for i, (kind, _) in enumerate(missing))
        row = (await database.execute(f"select {columns}", {f"v{i}": value for i, (_, value) in enumerate(missing)})).first()
        for i, pair in enumerate(missing):
            answers[pair] = bool(row[f"known{i}"])
            _ANSWERS[(*version, *pair)] = answers[pair]
        while len(_ANSWERS) > _ANSWERS_KEPT:
            _ANSWERS.popitem(last=False)
    return answers


def _mtime(path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns if path else None
    except OSError:
        return None


def _is_language(value: str) -> bool:
    """A real language that no authority is recorded as accepting: known, with no rows."""
    try:
        return langcodes.tag_is_valid(value) if value.isascii() and len(value) <= 3 else bool(langcodes.find(value))
    except LookupError:
        return False
