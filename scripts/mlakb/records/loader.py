"""Safe YAML loading that remembers where every value came from.

Records are maintained by hand, so every problem must point at a line and a column.  The loader
parses the event stream first (iteratively, so hostile nesting cannot exhaust the stack), rejects
what a record never needs (aliases, anchors, merge keys, non-standard tags, duplicate keys), then
builds plain Python values together with a map from each value's path to its position.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..common.codes import codes
from .problems import Problem, RecordError

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
ALLOWED_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

PathKey = tuple[Any, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same events, 5-10x faster


@dataclass
class Document:
    """One YAML file: its data and the (line, col) of every node, 1-based."""

    path: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: PathKey) -> tuple[int, int]:
        """Position of the deepest known node on `loc` (falls back to its parents)."""
        loc = tuple(loc)
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def problem(self, loc: PathKey, code: str, message: str) -> Problem:
        line, col = self.where(loc)
        return Problem(self.path, line, col, code, message, severity=codes().get(code, {}).get("severity", "error"))


def _problem(path: str, mark: Any, code: str, message: str) -> Problem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return Problem(path, line, col, code, message)


def decode(path: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise RecordError([Problem(path, 1, 1, "E-SIZE", f"file is {len(raw):,} bytes; records are limited to {MAX_BYTES:,} bytes (split the record or remove pasted documents)")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise RecordError([Problem(path, 1, 1, "E-BOM", "file starts with a byte-order mark; save it as UTF-8 without BOM")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise RecordError([Problem(path, line, col, "E-ENCODING", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")]) from None


def _screen_events(path: str, text: str) -> None:
    """Reject structures a record never needs, before anything is built from them."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise RecordError([_problem(path, event.start_mark, "E-ALIAS", f"alias *{event.anchor} is not allowed in records; write the value out")])
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if event.anchor is not None:
                    raise RecordError([_problem(path, event.start_mark, "E-ANCHOR", f"anchor &{event.anchor} is not allowed in records; write values out")])
                if event.tag not in ALLOWED_TAGS:
                    raise RecordError([_problem(path, event.start_mark, "E-TAG", f"tag {event.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; records hold plain strings, numbers, lists and mappings")])
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise RecordError([_problem(path, event.start_mark, "E-DEPTH", f"nesting deeper than {MAX_DEPTH} levels")])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or exc.context or "invalid YAML").strip()
        if "nesting depth" in message:  # libyaml's own limit, reached while it reads ahead
            raise RecordError([_problem(path, mark, "E-DEPTH", f"nesting deeper than {MAX_DEPTH} levels")]) from None
        raise RecordError([_problem(path, mark, "E-YAML", f"YAML syntax error: {message}")]) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position too
        mark = getattr(exc, "position", None)
        if isinstance(exc, yaml.reader.ReaderError):
            before = text[: exc.position]
            line = before.count("\n") + 1
            col = exc.position - (before.rfind("\n") + 1) + 1
            raise RecordError([Problem(path, line, col, "E-CHAR", f"character {exc.character!r} is not allowed in YAML (control character); delete it")]) from None
        raise RecordError([Problem(path, 1, 1, "E-YAML", f"YAML error: {exc}")]) from None


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.marks: dict[PathKey, tuple[int, int]] = {}

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise RecordError([_problem(self.path, key_node.start_mark, "E-MERGE", "merge keys (<<) are not allowed in records")])
                if not isinstance(key_node, yaml.ScalarNode):
                    raise RecordError([_problem(self.path, key_node.start_mark, "E-KEY", "mapping keys must be plain strings")])
                key = key_node.value
                if key in out:
                    raise RecordError([_problem(self.path, key_node.start_mark, "E-DUPKEY", f"key {key!r} appears twice in this mapping")])
                self.marks[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, loc + (key,))
                # keep the key's position for the key itself, the value's for its children
                self.marks[loc + (key,)] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        return _scalar(node)


_CONSTRUCTOR = yaml.SafeLoader("")


def _scalar(node: yaml.ScalarNode) -> Any:
    # Dates stay strings (the models parse them), and only true/false are booleans: YAML 1.1
    # would read the language code `no` (Norwegian) as False.
    if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp") or node.style:
        return node.value
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
        return node.value
    return _CONSTRUCTOR.construct_object(node)


def loads(path: str, text: str) -> Document:
    """Parse `text` (the content of `path`) into a Document, or raise RecordError."""
    _screen_events(path, text)
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RecordError([_problem(path, mark, "E-YAML", f"YAML syntax error: {(exc.problem or exc.context or '').strip()}")]) from None
    if not nodes:
        raise RecordError([Problem(path, 1, 1, "E-EMPTY", "file is empty; a record is a YAML mapping")])
    if len(nodes) != 1:
        raise RecordError([Problem(path, 1, 1, "E-DOCS", f"a record file holds exactly one YAML document, found {len(nodes)}")])
    builder = _Builder(path)
    data = builder.build(nodes[0], ())
    return Document(path, data, builder.marks)


def load(path: Path | str, display: str | None = None) -> Document:
    path = Path(path)
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError([Problem(shown, 1, 1, "E-READ", f"cannot read file: {exc.strerror}")]) from None
    return loads(shown, decode(shown, raw))
