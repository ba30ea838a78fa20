"""The route of an outgoing request under the requesting State's own law (templates/routes.yaml).

China's International Criminal Judicial Assistance Law (art. 9) has the authority handling the case prepare the
request, its competent authority review and approve it, and the foreign-contact authority transmit it; the
Extradition Law (art. 47) has the same three steps with the Ministry of Foreign Affairs transmitting.  The draft
records who takes each step; the check blocks a draft that skips one, and the letter names them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..common.articles import article_zh
from .facts import Facts
from .model import RequestDraft


@lru_cache(maxsize=1)
def routes() -> dict:
    return yaml.safe_load((Path(__file__).parent / "templates" / "routes.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Step:
    id: str
    field: tuple
    article: str | None        # the law's article, from its record's provisions
    en: str
    zh: str
    allowed: tuple             # ids of the authorities that may take the step (empty: free text, any)


@dataclass(frozen=True)
class Route:
    law: str                   # id of the law's record
    title_en: str
    short_en: str
    short_zh: str
    steps: tuple
    no_treaty_article: str | None

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def cite(self, article: str | None, lang: str, full: bool = False) -> str:
        """ICJAL art. 9 / 《国际刑事司法协助法》第九条; in full (for a letter) the law's English title."""
        name = self.title_en if full else self.short_en
        if not article:
            return self.short_zh if lang == "zh" else name
        return f"{self.short_zh}{article_zh(article)}" if lang == "zh" else f"{name}{',' if full else ''} art. {article}"


def route_for(draft: RequestDraft, facts: Facts) -> Route | None:
    """The route the requesting State's law sets for this matter; None when the directory records no such law."""
    for law in facts.laws:
        spec = routes().get(law["id"])
        if not spec or facts.matter not in spec["matters"]:
            continue
        provisions = facts.provisions.get(law["id"], {})
        steps = tuple(Step(s["id"], tuple(s["field"].split(".")), provisions.get(s["provision"]), s["en"], s["zh"], _allowed(s, law["id"], draft, facts))
                      for s in spec["steps"])
        no_treaty = spec.get("no_treaty") or {}
        title_zh = law["title_zh"] or law["title_en"]
        return Route(law["id"], law["title_en"], law["short_en"] or law["title_en"], f"《{_short_zh(title_zh)}》", steps,
                     provisions.get(no_treaty.get("provision", "")))
    return None


def _allowed(spec: dict, law: str, draft: RequestDraft, facts: Facts) -> tuple:
    if "ids" in spec:
        return tuple(i for i in spec["ids"] if facts.home_authority(i))
    if "kinds" not in spec:
        return ()
    cited = set(draft.legal_basis.instruments)
    out = []
    for a in facts.home_authorities:
        if facts.matter not in a["handles"] and not (facts.matter == "asset-recovery" and "mla" in a["handles"]):
            continue
        under_law = a["kind"] in spec["kinds"] and (not spec.get("designated") or law in a["designated_under"])
        under_treaty = spec["id"] == "transmit" and cited & set(a["designated_under"])  # a treaty may name another central authority
        if under_law or under_treaty:
            out.append(a["id"])
    return tuple(out)


def _short_zh(title: str) -> str:
    """中华人民共和国国际刑事司法协助法 → 国际刑事司法协助法: Chinese documents cite their own State's laws without the State's name."""
    return title.removeprefix("中华人民共和国")


def authority_name(authority: dict | None, lang: str) -> str | None:
    if authority is None:
        return None
    return (authority.get("name_zh") if lang == "zh" else None) or authority["name_en"]

