"""One diagnostic shape for records, request drafts, builds and the API.

A diagnostic says where (path, line, column), what (a registered code), how bad (severity), in words
(message) and, where a safe fix exists, what that fix is.  Records print as `path:line:col: CODE message`.
"""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "advice")


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
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.col, "code": self.code,
                "severity": self.severity, "message": self.message, "fix": self.fix}
