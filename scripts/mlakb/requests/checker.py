"""Check a draft end to end: read it, validate it, gather the directory's facts, run the rules."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..records.loader import Document, load
from ..records.problems import Problem, RecordError
from . import rules, validate
from .facts import Facts, gather
from .findings import SEVERITIES, Finding, format_line
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
        return bool(self.problems) or any(f.severity == "blocking" for f in self.findings)

    def positioned(self) -> list[tuple[Finding, int, int]]:
        """Findings with their line and column in the draft, blocking first, then in file order."""
        out = [(f, *(self.doc.where(f.field) if self.doc else (1, 1))) for f in self.findings]
        return sorted(out, key=lambda x: (SEVERITIES.index(x[0].severity), x[1], x[2], x[0].id))

    def lines(self, lang: str = "en") -> list[str]:
        path = self.doc.path if self.doc else "draft"
        return [str(p) for p in self.problems] + [format_line(f, path, line, col, lang) for f, line, col in self.positioned()]

    def as_json(self) -> dict:
        counts = {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}
        return {
            "ready": not self.blocking,
            "problems": [p.__dict__ for p in self.problems],
            "counts": counts,
            "findings": [{**f.as_dict(), "line": line, "col": col} for f, line, col in self.positioned()],
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
