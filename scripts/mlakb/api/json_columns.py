"""The columns that hold JSON lists (handles, phone, sources ...), so that JSON output gives them as arrays.

Datasette's `_json=COLUMN` option parses a column's text as JSON in its JSON output; the guard adds it for these
columns to every .json request of the database.  They are found from the data: a column name is listed when, in
every table that has it, each non-empty value is a JSON array or object, so a new list column needs no edit here.
"""
from __future__ import annotations

_found: dict[tuple[str, object], tuple[str, ...]] = {}


async def json_columns(database) -> tuple[str, ...]:
    key = (database.name, database.path and _mtime(database.path))
    if key not in _found:
        _found[key] = await _scan(database)
    return _found[key]


def _mtime(path: str):
    import os

    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


async def _scan(database) -> tuple[str, ...]:
    verdicts: dict[str, bool] = {}
    for table in await database.table_names():
        if table.startswith(("sqlite_", "_")) or "_fts" in table:
            continue
        for column in await database.table_columns(table):
            quoted_table, quoted_column = _quote(table), _quote(column)
            row = (await database.execute(
                f"select count({quoted_column}) as filled,"
                f" sum(json_valid({quoted_column}) and substr(trim({quoted_column}), 1, 1) in ('[', '{{')) as lists"
                f" from {quoted_table} where typeof({quoted_column}) = 'text'")).first()
            if row["filled"]:
                verdicts[column] = verdicts.get(column, True) and row["filled"] == row["lists"]
    return tuple(sorted(name for name, is_json in verdicts.items() if is_json))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
