"""/-/basis?from=&to=[&measure=&offence=]: the legal-basis finder as JSON."""
from __future__ import annotations

from datasette.utils.asgi import Response

from ..paths import paths
from ..query.basis import MEASURES, OFFENCES, basis_report
from ..query.lookup import NotFound
from .errors import json_error
from .params import one_of, required


async def basis(request):
    try:
        source, target = required(request, "from"), required(request, "to")
        measure = one_of(request, "measure", MEASURES)
        offence = one_of(request, "offence", OFFENCES)
        report = basis_report(paths().database, source, target, measure, offence)
    except (ValueError, NotFound) as exc:
        return json_error(str(exc), 400 if isinstance(exc, ValueError) else 404)
    return Response.json({"ok": True, **report})
