"""/-/search?q=[&lang=&instrument=&kind=&limit=]: ranked treaty articles as JSON."""
from __future__ import annotations

from datasette.utils.asgi import Response

from ..treaties.search import KINDS, IndexMissing, SearchError
from .errors import json_error
from .offload import SearchBusy, SearchTooLong, searches
from .params import integer, one_of, optional, required


async def search_route(request):
    try:
        query = required(request, "q")
        lang = one_of(request, "lang", ("zh", "en"))
        kind = one_of(request, "kind", KINDS)
        limit = integer(request, "limit", 10, 1, 100)
        hits = await searches.search(query=query, lang=lang, instrument=optional(request, "instrument"), kind=kind, limit=limit)
    except (IndexMissing, SearchBusy) as exc:
        return json_error(str(exc), 503)
    except (ValueError, SearchError, SearchTooLong) as exc:
        return json_error(str(exc), 400)
    return Response.json({"ok": True, "query": query, "hits": hits})
