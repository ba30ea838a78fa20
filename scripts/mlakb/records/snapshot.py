"""The checked directory written once by the pipeline and read by the other outputs' processes (the MkDocs
hook), so that no output reads directory/ on its own or unchecked."""
from __future__ import annotations

import json
from pathlib import Path

from ..common import atomic
from . import models
from .directory import Directory, Loaded


def write(directory: Directory, target: Path) -> None:
    data = {
        "jurisdictions": [l.record.model_dump(mode="json", exclude_defaults=True) for l in directory.jurisdictions.values()],
        "instruments": [l.record.model_dump(mode="json", exclude_defaults=True) for l in directory.instruments.values()],
        "vocab": [l.record.model_dump(mode="json", exclude_defaults=True) for l in directory.vocab.values()],
        "glossary": directory.glossary.record.model_dump(mode="json", exclude_defaults=True) if directory.glossary else None,
    }
    with atomic.new_file(target) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read(source: Path, root: Path) -> Directory:
    data = json.loads(source.read_text(encoding="utf-8"))
    directory = Directory(root)
    for kind, key, target in (("jurisdiction", "jurisdictions", directory.jurisdictions), ("instrument", "instruments", directory.instruments),
                              ("vocabulary", "vocab", directory.vocab)):
        for item in data[key]:
            record = models.KINDS[kind].model_validate(item)
            target[record.id] = Loaded(kind, None, record, source)
    if data["glossary"]:
        directory.glossary = Loaded("glossary", None, models.Glossary.model_validate(data["glossary"]), source)
    return directory
