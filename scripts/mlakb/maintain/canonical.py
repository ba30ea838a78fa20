"""The canonical form of a record: model field order, defaults left out, short lists inline.

`mlakb fmt` writes it and `mlakb fmt --check` fails with a diff when a file differs, so reviews of a
pull request only ever show real edits.
"""
from __future__ import annotations

import yaml

from ..records import models
from ..records.schema import FILES, SCHEMA_COMMENT


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: the same text, ten times faster
    pass


def _represent_list(dumper: yaml.SafeDumper, value: list):
    inline = value and all(isinstance(v, str) and len(v) < 40 and not any(c in v for c in ",:#[]{}'\"") for v in value) and sum(len(v) for v in value) < 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=bool(inline) or not value)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


LAST = ("notes", "sources", "verified", "review", "editor_notes")  # provenance and review close each fact


def _ordered(value):
    if isinstance(value, dict):
        # a fact (it has sources) closes with its provenance; maps such as `provisions` keep their order
        last = LAST if isinstance(value.get("sources"), list) else ()
        keys = [k for k in value if k not in last] + [k for k in last if k in value]
        return {k: _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def render(record: models.Strict, kind: str) -> str:
    data = _ordered(record.model_dump(mode="json", exclude_defaults=True))
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000, default_flow_style=False)
    return SCHEMA_COMMENT.format(file=FILES[kind]) + "\n" + body
