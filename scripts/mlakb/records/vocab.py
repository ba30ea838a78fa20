"""The vocabularies of directory/vocab/, read once, for code that needs their ids and attributes
(CLI choices, route validation, the basis finder, request rules, guide labels)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..paths import paths
from . import models
from .loader import load


def terms(vocabulary: str) -> dict[str, models.VocabEntry]:
    """id → entry of a vocabulary, in file order.  The records were checked before any output was built."""
    path = paths().directory / "vocab" / f"{vocabulary}.yaml"
    return _read(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _read(path: Path, _version: int) -> dict[str, models.VocabEntry]:
    doc = load(path)
    return {e.id: e for e in models.Vocabulary.model_validate(doc.data).entries}


def ids(vocabulary: str) -> tuple[str, ...]:
    return tuple(terms(vocabulary))


def requestable_measures() -> tuple[str, ...]:
    """The measures a request from any State may seek: those not confined to a group of States (`within`)."""
    return tuple(m for m, entry in terms("measures").items() if not entry.within)
