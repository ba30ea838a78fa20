"""One diagnostic shape for records, request drafts, builds and the API.

A diagnostic says where (path, line, column), what (a registered code), how bad (severity), in words
(message) and, where a safe fix exists, what that fix is.  They print as `path:line:col: CODE message`
(`path:line:col: CODE warning: message` for a warning or advice).
"""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "advice")


def errors(diagnostics):
    """The diagnostics that stop a check or a build; warnings and advice are shown and let it pass."""
    return [d for d in diagnostics if d.severity == "error"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"
    fix: str | None = None

    def __str__(self) -> str:
        """`path:line:col: CODE message`; a warning or advice says so before its message."""
        level = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.col}: {self.code} {level}{self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.col, "code": self.code,
                "severity": self.severity, "message": self.message, "fix": self.fix}
