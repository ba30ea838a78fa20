"""The safe fixes `mlakb check --fix` applies: canonical form and repeated list entries removed.

A fix never changes a fact: it only removes an exact repetition or rewrites the layout, and says what it did.
"""
from __future__ import annotations

from ..records import models
from ..records.directory import Loaded
from .canonical import render


def _dedupe(value, loc: tuple, changes: list[str]):
    if isinstance(value, dict):
        return {k: _dedupe(v, loc + (k,), changes) for k, v in value.items()}
    if isinstance(value, list):
        items = [_dedupe(v, loc + (i,), changes) for i, v in enumerate(value)]
        if items and all(isinstance(v, str) for v in items):
            unique = list(dict.fromkeys(items))
            for repeated in sorted({v for v in items if items.count(v) > 1}):
                changes.append(f"removed the repeated {repeated!r} from {'.'.join(map(str, loc))}")
            return unique
        return items
    return value


def fixed(loaded: Loaded) -> tuple[str, list[str]]:
    """The record's text after the safe fixes, and what they changed (empty when nothing)."""
    changes: list[str] = []
    data = _dedupe(loaded.record.model_dump(mode="json", exclude_defaults=True), (), changes)
    record = models.KINDS[loaded.kind].model_validate(data)
    text = render(record, loaded.kind)
    if text != loaded.file.read_text(encoding="utf-8") and not changes:
        changes.append("rewrote in canonical form (field order, quoting, short lists inline)")
    elif text != loaded.file.read_text(encoding="utf-8"):
        changes.append("rewrote in canonical form")
    return text, changes
