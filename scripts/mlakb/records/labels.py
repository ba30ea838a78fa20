"""Chinese descriptions of the model's fields (field_labels_zh.yaml), for column descriptions and the field reference."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

LABELS_ZH = Path(__file__).with_name("field_labels_zh.yaml")


@lru_cache(maxsize=1)
def labels_zh() -> dict[str, str]:
    return yaml.safe_load(LABELS_ZH.read_text(encoding="utf-8"))


def label_zh(model: type[BaseModel], name: str) -> str:
    """The Chinese description of a field, from its class or the base class that declares it."""
    for cls in model.__mro__:
        label = labels_zh().get(f"{cls.__name__}.{name}")
        if label:
            return label
    return ""
