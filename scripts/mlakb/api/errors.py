"""One JSON error shape for every mlakb route: {"ok": false, "error": "...", "status": N}."""
from __future__ import annotations

import json

from datasette.utils.asgi import Response


def json_error(message: str, status: int = 400) -> Response:
    return Response.json({"ok": False, "error": message, "status": status}, status=status)


async def send_json_error(send, message: str, status: int = 400) -> None:
    body = json.dumps({"ok": False, "error": message, "status": status}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [[b"content-type", b"application/json; charset=utf-8"], [b"content-length", str(len(body)).encode()]]})
    await send({"type": "http.response.body", "body": body})
