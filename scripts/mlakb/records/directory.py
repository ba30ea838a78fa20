"""The whole directory/ tree, loaded: every record as a model plus its Document (for positions)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pydantic import ValidationError

from . import models
from .loader import Document, load
from .problems import Problem, RecordError

SCHEMA_FOR_FOLDER = {"jurisdictions": "jurisdiction", "instruments": "instrument", "vocab": "vocabulary"}


@dataclass
class Loaded:
    kind: str
    doc: Document
    record: models.Strict
    file: Path


@dataclass
class Directory:
    root: Path
    jurisdictions: dict[str, Loaded] = field(default_factory=dict)
    instruments: dict[str, Loaded] = field(default_factory=dict)
    vocab: dict[str, Loaded] = field(default_factory=dict)
    glossary: Loaded | None = None
    problems: list[Problem] = field(default_factory=list)

    def terms(self, vocabulary: str) -> dict[str, models.VocabEntry]:
        loaded = self.vocab.get(vocabulary)
        return {e.id: e for e in loaded.record.entries} if loaded else {}

    def jurisdiction(self, jid: str) -> models.Jurisdiction | None:
        loaded = self.jurisdictions.get(jid)
        return loaded.record if loaded else None

    def instrument(self, iid: str) -> models.Instrument | None:
        loaded = self.instruments.get(iid)
        return loaded.record if loaded else None


def kind_of(path: Path) -> str | None:
    if path.name == "glossary.yaml" and path.parent.name == "vocab":
        return "glossary"
    return SCHEMA_FOR_FOLDER.get(path.parent.name)


def _message(error: dict) -> str:
    msg = error["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if error["type"] == "extra_forbidden":
        return f"unknown field {error['loc'][-1]!r} (see the schema for the allowed fields)"
    if error["type"] == "missing":
        return f"required field {error['loc'][-1]!r} is missing"
    return msg


def parse(doc: Document, kind: str) -> tuple[models.Strict | None, list[Problem]]:
    """Validate a document against its model; return the record or the problems, with positions."""
    model = models.KINDS[kind]
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "E-SHAPE", f"a {kind} record is a YAML mapping, not {type(doc.data).__name__}")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            # a tagged-union or Optional failure adds type names to loc; drop what is not in the data
            data_loc = tuple(p for p in loc if isinstance(p, int) or not (isinstance(p, str) and ("[" in p or p in ("str", "date", "bool", "int", "list", "dict", "function-after"))))
            code = "E-MISSING" if error["type"] == "missing" else "E-FIELD" if error["type"] == "extra_forbidden" else "E-VALUE"
            field_path = ".".join(str(p) for p in data_loc) or "(record)"
            problems.append(doc.problem(data_loc, code, f"{field_path}: {_message(error)}"))
        return None, sorted(set(problems))


def record_files(root: Path) -> list[Path]:
    """Every file in the record folders: a `.yml` or stray file is reported by the loader, not skipped."""
    folders = [root / "jurisdictions", root / "instruments", root / "vocab"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def load_directory(root: Path, paths: Iterable[Path] | None = None, base: Path | None = None) -> Directory:
    """Load every record under `root`; problems are collected, never raised."""
    directory = Directory(root)
    base = base or Path.cwd()
    for path in record_files(root) if paths is None else paths:
        shown = _display(path, base)
        kind = kind_of(path)
        if path.suffix != ".yaml":
            directory.problems.append(Problem(shown, 1, 1, "E-PLACE", "record files end in .yaml (rename it, e.g. fra.yml → fra.yaml)"))
            continue
        if kind is None:
            directory.problems.append(Problem(shown, 1, 1, "E-PLACE", "records live in directory/jurisdictions/, directory/instruments/ or directory/vocab/"))
            continue
        try:
            doc = load(path, shown)
        except RecordError as exc:
            directory.problems.extend(exc.problems)
            continue
        record, problems = parse(doc, kind)
        directory.problems.extend(problems)
        if record is None:
            continue
        loaded = Loaded(kind, doc, record, path)
        if kind == "glossary":
            directory.glossary = loaded
            continue
        expected = path.stem
        if record.id != expected:
            directory.problems.append(doc.problem(("id",), "E-ID", f"id {record.id!r} must equal the file name {expected!r}"))
        target = {"jurisdiction": directory.jurisdictions, "instrument": directory.instruments, "vocabulary": directory.vocab}[kind]
        if record.id in target:
            directory.problems.append(doc.problem(("id",), "E-DUPID", f"id {record.id!r} is already used by {target[record.id].doc.path}"))
            continue
        target[record.id] = loaded
    return directory


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
