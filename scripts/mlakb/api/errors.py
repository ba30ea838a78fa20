"""One JSON error shape for every mlakb route:
{"ok": false, "error": "<one line for people>", "errors": [<diagnostics>], "status": N}."""
from __future__ import annotations

import json
from typing import Iterable

from datasette.utils.asgi import Response

from ..common.diagnostics import Diagnostic


def asks_for_json(accept: str) -> bool:
    """Whether an Accept header asks for JSON before HTML (a browser's asks for HTML first)."""
    return "application/json" in accept and "text/html" not in accept.split("application/json")[0]


def error_body(message: str, status: int = 400, errors: Iterable[Diagnostic | dict] = ()) -> dict:
    return {"ok": False, "error": message, "errors": [e.as_dict() if isinstance(e, Diagnostic) else e for e in errors], "status": status}


def json_error(message: str, status: int = 400, errors: Iterable[Diagnostic | dict] = ()) -> Response:
    return Response.json(error_body(message, status, errors), status=status)


async def send_json_error(send, message: str, status: int = 400, errors: Iterable[Diagnostic | dict] = (), headers: list | None = None) -> None:
    body = json.dumps(error_body(message, status, errors), ensure_ascii=False).encode()
    head = [[b"content-type", b"application/json; charset=utf-8"], [b"content-length", str(len(body)).encode()], *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})
