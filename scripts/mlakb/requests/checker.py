"""Check a draft end to end: read it, validate it, gather the directory's facts, run the rules."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..common.diagnostics import SEVERITIES
from ..records.loader import Document, load
from ..records.problems import Problem, RecordError
from . import rules, validate
from .facts import Facts, gather
from .findings import Finding
from .model import RequestDraft


@dataclass
class Outcome:
    doc: Document | None
    draft: RequestDraft | None = None
    facts: Facts | None = None
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return bool(self.problems) or any(f.severity == "error" for f in self.findings)

    def positioned(self) -> list[Finding]:
        """The findings at their line and column in the draft, errors first, then in file order."""
        path = self.doc.path if self.doc else "draft"
        out = [f.at(path, *(self.doc.where(f.field) if self.doc else (1, 1))) for f in self.findings]
        return sorted(out, key=lambda f: (SEVERITIES.index(f.severity), f.line, f.col, f.id))

    def lines(self, lang: str = "en") -> list[str]:
        return [str(p) for p in self.problems] + [f.text(lang) for f in self.positioned()]

    def as_json(self) -> dict:
        counts = {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}
        return {
            "ready": not self.blocking,
            "problems": [p.as_dict() for p in self.problems],
            "counts": counts,
            "findings": [f.as_dict() for f in self.positioned()],
        }


def check_document(doc: Document, database: Path, today: dt.date) -> Outcome:
    outcome = Outcome(doc)
    outcome.draft, outcome.problems = validate.parse(doc)
    if outcome.draft is None:
        return outcome
    outcome.facts = gather(database, outcome.draft, today)
    outcome.problems = validate.references(doc, outcome.draft, outcome.facts)
    if not outcome.problems:
        outcome.findings = rules.check(outcome.draft, outcome.facts)
    return outcome


def check_file(path: Path, database: Path, today: dt.date, shown: str | None = None) -> Outcome:
    try:
        doc = load(path, shown or str(path))
    except RecordError as exc:
        return Outcome(None, problems=exc.problems)
    return check_document(doc, database, today)
