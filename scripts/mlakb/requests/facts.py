"""What the directory knows that bears on one draft: the requested State, its authorities and requirements,
the legal bases between the two States and the vocabularies.  Read once from build/mlakb.db."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..query.authority import authority_report
from ..query.basis import SameState, basis_report, leading_measure, matter_for
from ..query.lookup import connect
from .model import RequestDraft

VOCABULARIES = ("request-elements", "refusal-grounds", "measures", "channels", "channel-uses", "offences", "matters", "authority-kinds")


@dataclass
class Facts:
    today: dt.date
    vocab: dict[str, dict[str, dict]] = field(default_factory=dict)
    states: dict[str, dict] = field(default_factory=dict)
    instruments: dict[str, dict] = field(default_factory=dict)
    matter: str = "mla"
    offence: str | None = None   # the draft's offence area: requirements limited to other areas do not bear on it
    target: dict | None = None
    authorities: list[dict] = field(default_factory=list)
    requirements: list[dict] = field(default_factory=list)
    basis: dict | None = None
    home_authorities: list[dict] = field(default_factory=list)   # the requesting State's authorities
    provisions: dict[str, dict[str, str]] = field(default_factory=dict)  # instrument → topic → article
    laws: list[dict] = field(default_factory=list)   # the requesting State's laws on cooperation (domestic-law records)

    def authority(self, authority_id: str | None) -> dict | None:
        return next((a for a in self.authorities if a["id"] == authority_id), None)

    def central_authorities(self) -> list[dict]:
        """The requested State's authorities that receive requests of this matter: for extradition whichever authority
        handles extradition (a ministry of foreign affairs or of justice as often as a central authority)."""
        handling = [a for a in self.authorities if self.matter in a["handles"]]
        if self.matter == "extradition":
            return sorted(handling, key=lambda a: a["kind"] != "central-authority")
        return [a for a in handling if a["kind"] == "central-authority"]

    def home_authority(self, authority_id: str | None) -> dict | None:
        return next((a for a in self.home_authorities if a["id"] == authority_id), None)

    def title(self, instrument_id: str, lang: str) -> str | None:
        """The instrument's title in `lang` as its record gives it; None when the record has none in that language."""
        row = self.instruments.get(instrument_id, {})
        return row.get(f"title_{lang}")

    def label(self, vocabulary: str, term: str | None, lang: str = "en") -> str | None:
        entry = self.vocab.get(vocabulary, {}).get(term or "")
        return (entry.get(lang) or entry.get("en")) if entry else term

    def requirements_on(self, topic: str, measures: list[str] | None = None) -> list[dict]:
        """The requested State's requirements on `topic` that concern any of `measures` (or all measures) and the
        draft's offence area (a requirement limited to other offence areas does not; with no area given, all do)."""
        found = []
        for requirement in self.requirements:
            scope, areas = requirement["measures"], requirement["offences"]
            on_these_measures = not scope or measures is None or bool(set(scope) & set(measures))
            in_this_area = not areas or not self.offence or self.offence in areas
            if requirement["topic"] == topic and on_these_measures and in_this_area and self._under_a_binding_instrument(requirement):
                found.append(requirement)
        return found

    def _under_a_binding_instrument(self, requirement: dict) -> bool:
        """A rule stated under named instruments (the 1959 Convention, an EU instrument, a bilateral treaty) bears on
        the draft only when one of them binds both States, or may bind them (party data incomplete)."""
        named = requirement["instruments"]
        if not named or self.basis is None:
            return True
        binding = {i["id"] for i in self.basis["bilateral"] + self.basis["multilateral"] if i.get("applies", True)}
        binding |= {i["id"] for i in self.basis["party_data_unknown"]}
        return bool(binding & set(named))


def gather(db_path: Path, draft: RequestDraft, today: dt.date) -> Facts:
    facts = Facts(today=today, matter=matter_for(leading_measure(draft.measure_ids())), offence=draft.proceedings.offence_area)
    conn = connect(db_path)
    try:
        for row in conn.execute("select * from vocab where vocabulary in (%s) order by rowid" % ",".join("?" * len(VOCABULARIES)), VOCABULARIES):
            entry = dict(row)
            entry["applies_to"] = json.loads(entry.get("applies_to") or "[]")
            facts.vocab.setdefault(row["vocabulary"], {})[row["id"]] = entry
        facts.states = {r["id"]: dict(r) for r in conn.execute("select id, iso2, name_en, name_zh, verified, unknown from jurisdictions")}
        facts.instruments = {r["id"]: dict(r) for r in conn.execute("select id, kind, jurisdiction, subject, title_en, title_zh, short_title_en as short_en, short_title_zh as short_zh from instruments")}
        for row in conn.execute("select instrument, topic, article from provisions order by rowid"):
            facts.provisions.setdefault(row["instrument"], {})[row["topic"]] = row["article"]
        home = draft.requesting.state
        if home in facts.states:
            report = authority_report(db_path, home)
            facts.home_authorities = report["central_authorities"] + report["other_authorities"]
            facts.laws = [i for i in facts.instruments.values() if i["kind"] == "domestic-law" and i["jurisdiction"] == home]
        target = draft.requested.state
        if target in facts.states:
            facts.target = facts.states[target]
            report = authority_report(db_path, target)
            facts.authorities = report["central_authorities"] + report["other_authorities"]
            facts.requirements = _requirements(conn, target)
            if draft.requesting.state in facts.states:
                try:
                    facts.basis = basis_report(db_path, draft.requesting.state, target, leading_measure(draft.measure_ids()), draft.proceedings.offence_area)
                except SameState:
                    facts.basis = None  # a request inside one State: the model check reports it
    finally:
        conn.close()
    return facts


def _requirements(conn, state: str) -> list[dict]:
    sources = {r["id"]: dict(r) for r in conn.execute("select id, title, url, as_of from sources where record = ?", (state,))}
    out = []
    for row in conn.execute("select * from requirements where jurisdiction = ? order by id", (state,)):
        requirement = dict(row)
        requirement["measures"] = json.loads(requirement["measures"] or "[]")
        requirement["offences"] = json.loads(requirement["offences"] or "[]")
        requirement["instruments"] = json.loads(requirement["instruments"] or "[]")
        requirement["text"] = requirement["text_en"] or requirement["text_zh"]
        requirement["sources"] = [sources.get(s, {"id": s}) for s in json.loads(requirement["sources"] or "[]")]
        out.append(requirement)
    return out
