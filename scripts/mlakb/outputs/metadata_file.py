"""build/metadata.json for Datasette, from mlakb.api.metadata."""
from __future__ import annotations

import json
from pathlib import Path

from ..api.metadata import metadata
from ..common import atomic


def write_metadata(target: Path) -> None:
    with atomic.new_file(target) as tmp:
        tmp.write_text(json.dumps(metadata(), ensure_ascii=False, indent=2), encoding="utf-8")
