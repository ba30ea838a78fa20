"""A problem found in a record: a Diagnostic, reported as `path:line:col: CODE message`."""
from __future__ import annotations

from ..common.diagnostics import Diagnostic

Problem = Diagnostic


class RecordError(Exception):
    """Raised when a file cannot be read at all; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
