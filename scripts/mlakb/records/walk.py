"""Walk a record model with the data location of every value, and read what the model says of a field.

The checks use this to apply one rule to every field of a kind (a vocabulary reference, a date, a list that
must not repeat itself, a source reference), so a new field needs no new check.
"""
from __future__ import annotations

import typing
from typing import Any, Iterator

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .models import Sourced


def walk(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, FieldInfo, Any]]:
    """Yield (location, field info, value) for every field set on `model` and on the models inside it."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        here = loc + (name,)
        yield here, info, value
        if isinstance(value, BaseModel):
            yield from walk(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, here + (i,))


def facts(model: BaseModel) -> Iterator[tuple[tuple, BaseModel]]:
    """(location, fact) for every sourced fact of a record: each part that carries `sources`."""
    for loc, _info, value in walk(model):
        if isinstance(value, Sourced):
            yield loc, value
        elif isinstance(value, list):
            yield from ((loc + (i,), item) for i, item in enumerate(value) if isinstance(item, Sourced))


_READ: dict[int, tuple[FieldInfo, tuple[str | None, str]]] = {}  # a field's answer, read once (the checks ask for every value)


def vocabulary(info: FieldInfo) -> tuple[str | None, str]:
    """The vocabulary a field's values come from, and where: 'value', 'items' (a list) or 'keys' (a map)."""
    known = _READ.get(id(info))
    if known is None or known[0] is not info:
        known = _READ[id(info)] = (info, _vocabulary(info))
    return known[1]


def _vocabulary(info: FieldInfo) -> tuple[str | None, str]:
    name = _vocab_in(info.annotation, [info, *info.metadata])
    if name is None:
        return None, "value"
    origin = typing.get_origin(_without_none(info.annotation))
    return name, "items" if origin is list else "keys" if origin is dict else "value"


def _without_none(annotation):
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
        return args[0]
    return annotation


def _vocab_in(annotation, metadata=()) -> str | None:
    for meta in metadata:
        extra = getattr(meta, "json_schema_extra", None)
        if isinstance(extra, dict) and "x-vocab" in extra:
            return extra["x-vocab"]
    if typing.get_origin(annotation) is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return _vocab_in(base, meta)
    if typing.get_origin(annotation) is dict:
        return _vocab_in(typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation):
        found = _vocab_in(arg)
        if found:
            return found
    return None
