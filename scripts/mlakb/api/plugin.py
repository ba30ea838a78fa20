"""mlakb's Datasette plugin: its routes, the bounds on a request and the parameter guard.  One small module per route."""
from __future__ import annotations

import asyncio

from datasette import hookimpl

from ..common.sqlite_limits import harden
from .basis import basis
from .guard import guard
from .guide import guide
from .health import health
from .limits import bounded
from .offload import searches
from .request_form import request_check, request_draft, request_form, request_render
from .response_cache import remembered
from .search import search_route
from .web import treaty_anchors


@hookimpl
def register_routes():
    return [
        (r"^/guide/?$", guide),
        (r"^/guide/(?P<path>.*)$", guide),
        (r"^/-/basis(?P<format>\.json)?$", basis),
        (r"^/-/request$", request_form),
        (r"^/-/request/draft$", request_draft),
        (r"^/-/request/check$", request_check),
        (r"^/-/request/render$", request_render),
        (r"^/-/search(?P<format>\.json)?$", search_route),
        (r"^/-/health$", health),
    ]


@hookimpl
def startup(datasette):
    searches.warm()

    async def read_anchors():  # the treaty texts' anchors, read once before the first search needs them
        await asyncio.to_thread(treaty_anchors)

    return read_anchors


@hookimpl
def prepare_connection(conn):
    harden(conn, public_sql=True)


@hookimpl
def asgi_wrapper(datasette):
    return lambda app: bounded(remembered(guard(datasette)(app)))
