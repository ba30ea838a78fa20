"""Bounds on what one request may cost, checked before it reaches Datasette or mlakb's routes.

The outermost ASGI layer: it refuses over-long URLs (414), too many parameters (400), methods a route
does not take (405), over-large bodies (413) and JSON a draft cannot be (too deep, huge numbers,
characters a document cannot hold; 400); it hides the operator pages (versions, plugins, database
paths) from the public; it caps the size of an answer (not of the guide's built files); and it gives every GET answer a validator
(ETag, with 304 for a matching If-None-Match) and the guide's content-hashed assets an immutable
cache lifetime, so that replicas behind a CDN serve and revalidate the same bytes.  HEAD is answered
as GET without the body, so its headers (validator, caching, length, the size cap) are GET's.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys

from .errors import asks_for_json, send_json_error
from .guard import DAMAGED, html_error, wants_html

MAX_URL = 4096             # bytes of path and query string; browsers and CDNs accept 8 KB, mlakb's longest real URL is < 1 KB
MAX_PARAMETERS = 64        # Datasette re-reads the whole query string for each parameter it looks at
MAX_SEGMENT = 255          # longest file name the guide or the static files can have
MAX_BODY = 200_000         # a request draft is a few KB
MAX_JSON_DEPTH = 32        # a draft is nested 4 deep
MAX_DIGITS = 30            # no number in a draft needs more
MAX_RESPONSE = 8_000_000   # the largest real answer (1,000 rows of authorities) is under 2 MB
CACHE_SECONDS = 300         # as Datasette's default_cache_ttl
POST_ROUTES = ("/-/request/check", "/-/request/render", "/-/request/draft")
PAGES = ("/-/basis", "/-/search", "/-/request")  # mlakb's pages for people; their .json forms answer JSON
OPERATOR_PAGES = re.compile(r"^/-/(versions|plugins|databases|threads|permissions|allow-debug|messages|patterns|actor)(\.json)?$")
# the built guide's files are the build's own output, not answers computed from a caller's parameters: the size
# cap does not apply to them (the search index grows with the directory and passed 8 MB in December 2026)
GUIDE = "/guide/"
HASHED_ASSET = re.compile(r"^/guide/.*\.[0-9a-f]{8,}\.min\.(css|js)(\.map)?$")
# parts of an answer that change from one request to the next without the content changing
VOLATILE = re.compile(rb'"query_ms": ?[0-9.e+-]+|Queries took [0-9.,]+ ?ms')
# what XML 1.0 (and so a DOCX) cannot hold: C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF
NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
BRACKET = re.compile(rb"[\[{]|[\]}]")
LONG_NUMBER = re.compile(rb"[0-9]{%d,}" % (MAX_DIGITS + 1))


def operator_pages_shown() -> bool:
    """The operator setting that shows versions, plugins and database paths (off for a public service)."""
    return os.environ.get("MLAKB_OPERATOR_PAGES", "") == "1"


def bounded(app):
    async def limited(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        if scope["method"] == "HEAD":
            # answered as a GET without its body, so the headers are a GET's: ETag, caching, length, the size cap
            send = headers_only(send)
        refusal = refuse(scope)
        if refusal:
            status, message, headers = refusal
            await (html_error(scope) if wants_page(scope) else send_json_error)(send, message, status, headers=headers)
            return
        if scope["method"] == "POST":
            body, problem = await read_body(scope, receive)
            if problem:
                await send_json_error(send, problem[1], problem[0])
                return
            receive = replay(body)
        if scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}
        await app(scope, receive, Answer(scope, send))

    return limited


def wants_page(scope) -> bool:
    """A refused GET or HEAD is a page for people on mlakb's pages (as their own errors are, unless JSON is asked
    for) and for a browser anywhere; any other refusal is JSON."""
    if scope["method"] not in ("GET", "HEAD"):
        return False
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    return (scope.get("path", "") in PAGES and not asks_for_json(accept)) or wants_html(scope)


def refuse(scope) -> tuple[int, str, list] | None:
    path, query = scope.get("path", ""), scope.get("query_string", b"")
    method = scope["method"]
    if len(scope.get("raw_path") or path.encode()) + len(query) > MAX_URL:
        return 414, f"The address is longer than {MAX_URL:,} bytes", []
    if query.count(b"&") + query.count(b";") >= MAX_PARAMETERS:
        return 400, f"More than {MAX_PARAMETERS} query parameters", []
    allowed = ("GET", "HEAD", "POST") if path in POST_ROUTES else ("GET", "HEAD")
    if method not in allowed:
        return 405, f"{method} is not allowed here; use {' or '.join(allowed)}", [[b"allow", ", ".join(allowed).encode()]]
    if any(len(segment) > MAX_SEGMENT for segment in path.split("/")):
        return 404, "No such page: a part of the address is longer than any file name", []
    if OPERATOR_PAGES.match(path) and not operator_pages_shown():
        return 404, "This page is for the operator and is not public", []
    return None


async def read_body(scope, receive) -> tuple[bytes, tuple[int, str] | None]:
    declared = dict(scope.get("headers", [])).get(b"content-length", b"0")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return b"", (413, f"The body is larger than {MAX_BODY:,} bytes")
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > MAX_BODY:
            return b"", (413, f"The body is larger than {MAX_BODY:,} bytes")
        if not message.get("more_body"):
            break
    body = b"".join(chunks)
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip()
    problem = json_problem(body) if content_type == b"application/json" and body else None
    return body, (400, problem) if problem else None


def json_problem(body: bytes) -> str | None:
    """Why a JSON body cannot be a request draft, or None; checked without recursion."""
    outside_strings = STRING.sub(b'""', body)
    depth = deepest = 0
    for bracket in BRACKET.finditer(outside_strings):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    if deepest > MAX_JSON_DEPTH:
        return f"The JSON is nested {deepest} deep; a draft is nested at most {MAX_JSON_DEPTH} deep"
    if LONG_NUMBER.search(outside_strings):
        return f"The JSON holds a number longer than {MAX_DIGITS} digits"
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        return f"The body is not valid JSON: {exc}"
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and NOT_IN_DOCUMENTS.search(item):
            bad = NOT_IN_DOCUMENTS.search(item).group()
            return f"A field holds the character U+{ord(bad):04X}, which a document cannot hold: {item[:60]!r}"
    return None


def headers_only(send):
    """The sender of an answer to HEAD: the start of the answer as it is, the body left out."""
    async def sending(message):
        if message["type"] == "http.response.body":
            if message.get("more_body"):
                return
            message = {"type": "http.response.body", "body": b""}
        await send(message)

    return sending


def replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


class Answer:
    """Collects an answer to cap its size and give it a validator before it is sent."""

    def __init__(self, scope, send):
        self.scope, self.send = scope, send
        self.start: dict | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.done = False

    async def __call__(self, message):
        if self.done:
            return
        if message["type"] == "http.response.start":
            self.start = message
            return
        if message["type"] != "http.response.body":
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        self.size += len(self.chunks[-1])
        if self.size > MAX_RESPONSE and not self.scope.get("path", "").startswith(GUIDE):
            self.done = True
            await send_json_error(self.send, f"The answer would be larger than {MAX_RESPONSE // 1_000_000} MB: ask for fewer rows (_size) or columns (_col)", 400)
            return
        if not message.get("more_body"):
            self.done = True
            await self.finish(b"".join(self.chunks))

    async def finish(self, body: bytes):
        status = self.start["status"]
        headers = [(k, v) for k, v in self.start.get("headers", []) if k.lower() != b"content-length"]
        names = {k.lower() for k, _ in headers}
        if status == 500:
            # the details of a server error (paths, SQL) are for the log, not the caller
            print(f"mlakb: {status} for {self.scope['method']} {self.scope.get('path')}: {body[:500]!r}", file=sys.stderr)
            if any(sign in body for sign in DAMAGED):
                await send_json_error(self.send, "The database is damaged; the operator must rebuild it (mlakb build)", 503)
            else:
                await send_json_error(self.send, "The server failed to answer; the error has been logged", 500)
            return
        if status == 200 and self.scope["method"] == "GET" and b"set-cookie" not in names:
            if HASHED_ASSET.match(self.scope.get("path", "")):
                headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                headers.append((b"cache-control", b"public, max-age=31536000, immutable"))
            elif b"cache-control" not in names:  # mlakb's own routes: the same answer until the next build
                headers.append((b"cache-control", b"max-age=%d" % CACHE_SECONDS))
            etag = b'W/"' + hashlib.blake2b(VOLATILE.sub(b"", body), digest_size=12).hexdigest().encode() + b'"'
            headers.append((b"etag", etag))
            if etag in _if_none_match(self.scope):
                kept = [(k, v) for k, v in headers if k.lower() in (b"etag", b"cache-control", b"vary")]
                await self.send({"type": "http.response.start", "status": 304, "headers": kept})
                await self.send({"type": "http.response.body", "body": b""})
                return
        headers.append((b"content-length", str(len(body)).encode()))
        await self.send({**self.start, "headers": headers})
        await self.send({"type": "http.response.body", "body": body})


def _if_none_match(scope) -> list[bytes]:
    value = dict(scope.get("headers", [])).get(b"if-none-match", b"")
    return [tag.strip() for tag in value.split(b",")] if value else []
