"""SQLite's own hard limits on every connection that answers a request, so that no single SQL step runs long.

Applied to the connections Datasette opens (the plugin's prepare_connection) and to every connection the
CLI and mlakb's own routes open (query.lookup.connect): the same limits for the public SQL of the table
pages and the fixed SQL of /-/basis, /-/search and /-/request, which runs on what a caller typed.

Datasette enforces sql_time_limit_ms with a progress handler, which SQLite calls only between virtual
machine steps: one function call on a huge value (randomblob(1e9), printf('%.*c', 999999999, 'x'),
instr() of two long strings) is a single step and ran for minutes.  Capping the length of any value
bounds every such step (the longest value in the database is a few KB), the functions whose cost
is not bounded by the length of their result are refused by an authorizer, and the rows of a query a
caller wrote are refused once they pass a few MB.  The same authorizer hides
the database's file path (pragma_database_list) from public SQL; Datasette's own `PRAGMA database_list`
stays allowed, and its SQL check refuses that statement from the public.
"""
from __future__ import annotations

import sqlite3
import weakref

LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: 100_000,           # any string, blob or row; instr() of two such strings takes < 0.2 s
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 20_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 200,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 20,
    sqlite3.SQLITE_LIMIT_VDBE_OP: 100_000,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 32,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 200,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 1_000,     # the fixed SQL binds one per instrument of a pair of States
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 10,
}
MAX_QUERY_BYTES = 5_000_000  # of all the values one query returns; the largest real answer is under 2 MB
# printf/format loop over their width and precision (up to 2^31) before the length limit applies
REFUSED_FUNCTIONS = {"printf", "format", "load_extension"}
HIDDEN_TABLES = {"pragma_database_list"}


def authorize(action, arg1, arg2, database, trigger):
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in REFUSED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and (arg1 or "").lower() in HIDDEN_TABLES:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


class AnswerTooLarge(sqlite3.DatabaseError):
    pass


_returned: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def counted_row(cursor: sqlite3.Cursor, values: tuple) -> sqlite3.Row:
    """sqlite3.Row (as Datasette uses), refusing a query once its rows pass MAX_QUERY_BYTES: 1,000 rows of
    values under the length limit could otherwise fill the memory before the answer is capped."""
    size = _returned.get(cursor, 0) + sum(len(v) for v in values if isinstance(v, (str, bytes)))
    if size > MAX_QUERY_BYTES:
        raise AnswerTooLarge(f"the answer is larger than {MAX_QUERY_BYTES // 1_000_000} MB: ask for fewer rows or columns")
    _returned[cursor] = size
    return sqlite3.Row(cursor, values)


def harden(conn: sqlite3.Connection, public_sql: bool = False) -> None:
    """The limits and the authorizer; with `public_sql` (SQL a caller wrote), rows counted against MAX_QUERY_BYTES.
    The fixed SQL of the routes returns at most a few hundred short rows: counting them in Python would make
    the basis finder a quarter slower for nothing."""
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    conn.set_authorizer(authorize)
    conn.row_factory = counted_row if public_sql else sqlite3.Row
