"""The registry of diagnostic codes (codes.yaml beside this file): severity, meaning and fix of each."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY = Path(__file__).with_name("codes.yaml")


@lru_cache(maxsize=1)
def codes() -> dict[str, dict[str, str]]:
    return yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))


def render_table() -> str:
    rows = ["| code | severity | meaning | 含义 | what to do |", "|---|---|---|---|---|"]
    for code, entry in codes().items():
        cells = [f"`{code}`", entry["severity"], entry["en"], entry["zh"], entry["fix"]]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)
