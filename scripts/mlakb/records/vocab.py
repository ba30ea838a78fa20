"""The vocabularies of directory/vocab/, read once, for code that needs their ids and attributes
(CLI choices, route validation, the basis finder, request rules, guide labels)."""
from __future__ import annotations

from functools import lru_cache

from ..paths import paths
from . import models
from .loader import load


@lru_cache(maxsize=None)
def terms(vocabulary: str) -> dict[str, models.VocabEntry]:
    """id → entry of a vocabulary, in file order.  The records were checked before any output was built."""
    doc = load(paths().directory / "vocab" / f"{vocabulary}.yaml")
    return {e.id: e for e in models.Vocabulary.model_validate(doc.data).entries}


def ids(vocabulary: str) -> tuple[str, ...]:
    return tuple(terms(vocabulary))
