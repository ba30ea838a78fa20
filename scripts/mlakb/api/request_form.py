"""/-/request: the drafting form, and its JSON routes.

- GET  /-/request                                    the form (HTML, every value escaped)
- GET  /-/request/draft?from=&to=&measure=&offence=  a draft pre-filled from the directory, as JSON (offence optional)
- POST /-/request/check                              the draft (JSON) → the findings of `mlakb request check`
- POST /-/request/render?format=&lang=               the draft (JSON) → the letter (DOCX or Markdown)

POSTs carry Datasette's CSRF token in the x-csrftoken header (the form takes it from the page), and must be
application/json: a cross-site form cannot send that without a preflight.
"""
from __future__ import annotations

import json
from pathlib import Path

import jinja2
import yaml
from datasette.utils.asgi import Response

from ..paths import paths
from ..query.lookup import NotFound, connect
from ..common.clock import today
from ..records.loader import Document
from .errors import json_error
from .params import one_of, required

MAX_BODY = 200_000
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


class BadInput(ValueError):
    pass


async def request_form(request):
    conn = connect(paths().database)
    try:
        states = [dict(r) for r in conn.execute("select id, name_en, name_zh from jurisdictions order by name_en")]
        vocab = {}
        for row in conn.execute("select vocabulary, id, en, zh from vocab where vocabulary in ('measures', 'channels', 'offences') order by rowid"):
            vocab.setdefault(row["vocabulary"], []).append(dict(row))
    finally:
        conn.close()
    token = request.scope["csrftoken"]() if "csrftoken" in request.scope else ""
    html = _ENV.get_template("request_form.html").render(states=states, vocab=vocab, csrftoken=token, today=today().isoformat())
    return Response.html(html)


async def request_draft(request):
    from ..requests.draft import UnknownTerm, new_draft

    try:
        measures = request.args.getlist("measure")
        if not measures:
            raise ValueError("parameter 'measure' is required (one or more)")
        lang = one_of(request, "lang", ("zh", "en")) or "zh"
        offence = request.args.get("offence") or None  # the offence area decides which conventions apply
        text = new_draft(paths().database, required(request, "from"), required(request, "to"), measures, offence, lang, today())
    except (ValueError, NotFound) as exc:
        return json_error(str(exc), 404 if isinstance(exc, NotFound) else 400)
    return Response.json({"ok": True, "draft": yaml.safe_load(text)})


async def request_check(request):
    try:
        outcome = _checked(await _draft_body(request))
    except BadInput as exc:
        return json_error(str(exc), 400)
    from ..requests.letter import addressee_lines

    addressee = addressee_lines(outcome.draft, outcome.facts, "en") if outcome.facts.target else []
    return Response.json({"ok": True, **outcome.as_json(), "addressee": addressee})


async def request_render(request):
    from ..requests.render import render_docx, render_markdown

    try:
        fmt = one_of(request, "format", ("docx", "md")) or "docx"
        lang = one_of(request, "lang", ("zh", "en", "both")) or "zh"
        outcome = _checked(await _draft_body(request))
    except (BadInput, ValueError) as exc:
        return json_error(str(exc), 400)
    if fmt == "md":
        return Response(render_markdown(outcome.draft, outcome.facts, lang), content_type="text/markdown; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="request.md"'})
    return Response(render_docx(outcome.draft, outcome.facts, lang), content_type=DOCX,
                    headers={"content-disposition": 'attachment; filename="request.docx"'})


def _checked(data):
    from ..requests.checker import check_document

    outcome = check_document(Document("draft", data, {}), paths().database, today())
    if outcome.problems:
        raise BadInput("the draft has problems: " + "; ".join(p.message for p in outcome.problems[:10]))
    return outcome


async def _draft_body(request) -> dict:
    if request.method != "POST":
        raise BadInput("POST the draft as JSON")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type != "application/json":
        raise BadInput(f"the draft must be sent as application/json, not {content_type or 'no content type'}")
    body = b""
    while True:
        message = await request.receive()
        body += message.get("body", b"")
        if len(body) > MAX_BODY:
            raise BadInput(f"the draft is larger than {MAX_BODY:,} bytes")
        if not message.get("more_body"):
            break
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput("the draft is a JSON object")
    return data
