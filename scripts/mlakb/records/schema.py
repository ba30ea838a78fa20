"""JSON Schemas for editors, generated from the models (never edited by hand)."""
from __future__ import annotations

import json
from pathlib import Path

from ..requests.model import RequestDraft
from . import models

FILES = {
    "jurisdiction": "jurisdiction.schema.json",
    "instrument": "instrument.schema.json",
    "vocabulary": "vocabulary.schema.json",
    "glossary": "glossary.schema.json",
    "request": "request.schema.json",
}
MODELS = {**models.KINDS, "request": RequestDraft}
SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/{file}"


def render(kind: str) -> str:
    schema = MODELS[kind].model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mlakb.org/schema/{FILES[kind]}",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, name in FILES.items():
        target = folder / name
        text = render(kind)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def stale(folder: Path) -> list[str]:
    return [name for kind, name in FILES.items() if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(kind)]
