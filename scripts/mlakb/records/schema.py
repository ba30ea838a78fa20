"""JSON Schemas for editors, generated from the models (never edited by hand)."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

FILES = {
    "jurisdiction": "jurisdiction.schema.json",
    "instrument": "instrument.schema.json",
    "vocabulary": "vocabulary.schema.json",
    "glossary": "glossary.schema.json",
    "request": "request.schema.json",
}
SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/{file}"


def render(kind: str, model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://mlakb.org/schema/{FILES[kind]}",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_all(folder: Path, kinds: dict[str, type[BaseModel]]) -> list[Path]:
    """Write the schema of each kind (record kinds, and the request draft the caller adds)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in kinds.items():
        target = folder / FILES[kind]
        text = render(kind, model)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def stale(folder: Path, kinds: dict[str, type[BaseModel]]) -> list[str]:
    names = {kind: FILES[kind] for kind in kinds}
    return [name for kind, name in names.items() if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(kind, kinds[kind])]
