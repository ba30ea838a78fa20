"""/-/request: the drafting form, and its JSON routes.

- GET  /-/request                                    the form (HTML, every value escaped)
- GET  /-/request/draft?from=&to=&measure=&offence=  a draft pre-filled from the directory, as JSON (offence optional)
- POST /-/request/draft                              {"yaml": text of a saved draft} → the draft as JSON, or its problems
- POST /-/request/check                              the draft (JSON) → the findings of `mlakb request check`, and the route
- POST /-/request/render?format=&lang=               the draft (JSON) → the letter (DOCX or Markdown), or the draft
                                                     itself as YAML (format=yaml), to save and upload again

POSTs carry Datasette's CSRF token in the x-csrftoken header (the form takes it from the page), and must be
application/json: a cross-site form cannot send that without a preflight.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jinja2
import yaml
from datasette.utils.asgi import Response

from ..paths import paths
from ..query.lookup import NotFound
from ..common.clock import today
from ..records.loader import Document, loads
from ..records.problems import RecordError
from ..requests import fields
from ..query.basis import MEASURES, matter_for
from ..requests.letter import wording
from ..requests.model import MeasureSought
from .errors import json_error
from .web import form_choices
from .params import one_of, required

MAX_BODY = 200_000
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


class BadInput(ValueError):
    pass


async def request_form(request):
    choices = form_choices()
    states, vocab = choices["states"], {name: choices[name] for name in ("measures", "channels", "offences")}
    token = request.scope["csrftoken"]() if "csrftoken" in request.scope else ""
    html = _ENV.get_template("request_form.html").render(
        states=states, vocab=vocab, csrftoken=token, today=today().isoformat(), labels=fields.labels(), wording=wording(),
        form_data={"measures": {m["id"]: {"en": m["en"], "zh": m["zh"]} for m in vocab.get("measures", [])},
                   "measure_fields": measure_fields(), "extradition": [m for m in MEASURES if matter_for(m) == "extradition"]})
    return Response.html(html)


def measure_fields() -> dict[str, list[str]]:
    """The specifics each measure asks for, read from the model's descriptions ("search-seizure: the premises ...")."""
    out: dict[str, list[str]] = {}
    for name, info in MeasureSought.model_fields.items():
        head = re.match(r"([a-z-]+(?:, [a-z-]+)*): ", info.description or "")
        for measure in (head[1].split(", ") if head else []):
            out.setdefault(measure, []).append(name)
    return out


async def request_draft(request):
    from ..requests.draft import UnknownTerm, new_draft

    if request.method == "POST":
        return await _uploaded(request)
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

    target = outcome.facts.target
    addressee = {lang: addressee_lines(outcome.draft, outcome.facts, lang) if target else [] for lang in ("en", "zh")}
    return Response.json({"ok": True, **outcome.as_json(), "addressee": addressee["en"], "addressee_zh": addressee["zh"], "route": _route(outcome)})


def _route(outcome) -> list[dict]:
    """The steps of the requesting State's procedure and the authorities that may take each, for the form's choices."""
    from ..requests.route import route_for

    found = route_for(outcome.draft, outcome.facts)
    if found is None:
        return []
    steps = []
    for step in found.steps:
        allowed = [outcome.facts.home_authority(a) for a in step.allowed]
        steps.append({"step": step.id, "field": ".".join(step.field), "en": step.en, "zh": step.zh, "article_en": found.cite(step.article, "en"),
                      "article_zh": found.cite(step.article, "zh"), "allowed": [{"id": a["id"], "en": a["name_en"], "zh": a["name_zh"] or a["name_en"]} for a in allowed]})
    return steps


async def _uploaded(request):
    """A saved draft (YAML) read back for the form: its data, or its problems with line and column."""
    from ..requests import validate

    try:
        body = await _draft_body(request)
        text = body.get("yaml")
        if not isinstance(text, str):
            raise BadInput("send the saved draft as {\"yaml\": \"...\"}")
        doc = loads("draft.yaml", text)
    except BadInput as exc:
        return json_error(str(exc), 400)
    except RecordError as exc:
        return json_error("the file is not a readable draft: " + "; ".join(str(p) for p in exc.problems[:10]), 400)
    draft, problems = validate.parse(doc)
    if problems:
        return json_error("the file is not a valid draft: " + "; ".join(str(p) for p in problems[:10]), 400)
    return Response.json({"ok": True, "draft": json.loads(json.dumps(doc.data, default=_plain))})


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


async def request_render(request):
    from ..requests.render import render_docx, render_markdown

    try:
        fmt = one_of(request, "format", ("docx", "md", "yaml")) or "docx"
        lang = one_of(request, "lang", ("zh", "en", "both")) or "zh"
        body = await _draft_body(request)
        if fmt == "yaml":  # the draft as it stands, problems and all: saving must never lose what was typed
            text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)
            return Response(text, content_type="application/yaml; charset=utf-8", headers={"content-disposition": 'attachment; filename="request.yaml"'})
        outcome = _checked(body)
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
