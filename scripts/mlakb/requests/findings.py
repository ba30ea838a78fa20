"""A finding of `mlakb request check`: a Diagnostic (path, line, column, registered code, severity, message) that
also says which element of a request it concerns, the article behind it and the refusal it prevents.

Its code (R-..., in scripts/mlakb/common/codes.yaml) names the kind of finding; its `id` is the stable name the
request form and the guidance use (a code can have several ids: R-ROUTE-STEP-MISSING is route-review-missing or
route-transmit-missing).  Severities are the Diagnostic's: error (the request would be refused or sent back:
"blocking"), warning, advice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..common.diagnostics import SEVERITIES, Diagnostic


@dataclass(frozen=True)
class Finding(Diagnostic):
    id: str = ""                  # stable: missing-element, translation-missing, route-review-missing ...
    en: str = ""                  # what is wrong and what to do, in English (the message)
    zh: str = ""                  # the same in Chinese
    element: str | None = None    # vocab request-elements id, or the requirement topic concerned
    basis: str | None = None      # the article or requirement behind it, e.g. UNTOC 18(15)(c)
    prevents: str | None = None   # vocab refusal-grounds id of the refusal or delay it avoids
    field: tuple = ()             # where in the draft
    field_en: str | None = None   # the field as the form names it (templates/fields.yaml)
    field_zh: str | None = None

    @classmethod
    def of(cls, code: str, finding_id: str, severity: str, en: str, zh: str, **meta) -> "Finding":
        """A finding not yet placed in a file (path, line and column are set by `at`)."""
        return cls(path="", line=0, col=0, code=code, message=en, severity=severity, id=finding_id, en=en, zh=zh, **meta)

    def at(self, path: str, line: int, col: int) -> "Finding":
        return replace(self, path=path, line=line, col=col)

    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.id, self.field_path)

    @property
    def field_path(self) -> str:
        return ".".join(map(str, self.field))

    def text(self, lang: str = "en") -> str:
        """`path:line:col: CODE [severity:] [element] message (article; prevents: ground)`, in English or Chinese."""
        tail = "; ".join(x for x in (self.basis, f"prevents: {self.prevents}" if self.prevents else None) if x)
        message = (f"[{self.element}] " if self.element else "") + (self.zh if lang == "zh" else self.en) + (f" ({tail})" if tail else "")
        return str(replace(self, message=message))

    def as_dict(self) -> dict:
        return {**super().as_dict(), "id": self.id, "en": self.en, "zh": self.zh, "element": self.element, "basis": self.basis,
                "prevents": self.prevents, "field": self.field_path or None, "field_en": self.field_en, "field_zh": self.field_zh}
