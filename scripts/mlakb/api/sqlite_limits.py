"""SQLite's own hard limits on every connection Datasette opens, so that no single SQL step runs long.

Datasette enforces sql_time_limit_ms with a progress handler, which SQLite calls only between virtual
machine steps: one function call on a huge value (randomblob(1e9), printf('%.*c', 999999999, 'x'),
instr() of two long strings) is a single step and ran for minutes.  Capping the length of any value
bounds every such step (the longest value in the database is a few KB), and the functions whose cost
is not bounded by the length of their result are refused by an authorizer.  The same authorizer hides
the database's file path (pragma_database_list) from public SQL; Datasette's own `PRAGMA database_list`
stays allowed, and its SQL check refuses that statement from the public.
"""
from __future__ import annotations

import sqlite3

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
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 100,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 10,
}
# printf/format loop over their width and precision (up to 2^31) before the length limit applies
REFUSED_FUNCTIONS = {"printf", "format", "load_extension"}
HIDDEN_TABLES = {"pragma_database_list"}


def authorize(action, arg1, arg2, database, trigger):
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in REFUSED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and (arg1 or "").lower() in HIDDEN_TABLES:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def harden(conn: sqlite3.Connection) -> None:
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    conn.set_authorizer(authorize)
