"""A finding of `mlakb request check`: a stable id, a severity, what it concerns and what it prevents."""
from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("blocking", "warning", "advice")


@dataclass(frozen=True)
class Finding:
    id: str                       # stable: missing-element, translation-missing, no-treaty ...
    severity: str                 # blocking | warning | advice
    en: str                       # what is wrong and what to do, in English
    zh: str                       # the same in Chinese
    element: str | None = None    # vocab request-elements id, or the requirement topic concerned
    basis: str | None = None      # the article or requirement behind it, e.g. UNTOC 18(15)(c)
    prevents: str | None = None   # vocab refusal-grounds id of the refusal or delay it avoids
    field: tuple = ()             # where in the draft
    field_en: str | None = None   # the field as the form names it (templates/fields.yaml)
    field_zh: str | None = None

    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.id, self.field_path)

    @property
    def field_path(self) -> str:
        return ".".join(map(str, self.field))

    def as_dict(self) -> dict:
        out = asdict(self)
        out["field"] = self.field_path or None
        return out


def format_line(finding: Finding, path: str, line: int, col: int, lang: str) -> str:
    text = finding.zh if lang == "zh" else finding.en
    tail = "; ".join(x for x in (finding.basis, f"prevents: {finding.prevents}" if finding.prevents else None) if x)
    return f"{path}:{line}:{col}: {finding.severity} {finding.id}" + (f" [{finding.element}]" if finding.element else "") + f" {text}" + (f" ({tail})" if tail else "")
