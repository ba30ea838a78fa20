"""mlakb's Datasette plugin: its routes and the parameter guard.  One small module per route."""
from __future__ import annotations

from datasette import hookimpl

from .basis import basis
from .guard import guard
from .guide import guide


@hookimpl
def register_routes():
    return [
        (r"^/guide/?$", guide),
        (r"^/guide/(?P<path>.*)$", guide),
        (r"^/-/basis$", basis),
    ]


@hookimpl
def asgi_wrapper(datasette):
    return guard(datasette)
