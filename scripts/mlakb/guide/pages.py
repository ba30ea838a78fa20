"""The generated pages of the guide, per language: one page per jurisdiction, the directory index and its coverage
page, the index of the treaty texts and the glossary.

Plain Python that writes Markdown: `render_pages(data)` returns {path under the docs folder: Markdown}, and
`write_pages(data, folder)` writes them.  Nothing here knows about MkDocs, so another engine can use it.
Every value taken from a record goes through `escape` (see the `finalize` of the template environment).
"""
from __future__ import annotations

import datetime as dt
import html
import re
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

import jinja2
from markupsafe import Markup
from pypinyin import lazy_pinyin

from ..common import names
from ..records.known import FIELDS
from ..maintain.coverage import coverage as coverage_report
from ..records import models
from ..common.clock import over_five_years_old, today as checks_today
from ..records.directory import Directory, load_directory
from . import escape, ui

STALE_AFTER = dt.timedelta(days=365)
# the provisions linked from a directory page, in this order (instrument records' `provisions` keys)
KEY_PROVISIONS = ("central-authority", "languages", "request-contents", "urgent", "dual-criminality", "refusal", "extradition")
CHINA = "chn"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ANCHOR_IN_TREATY = re.compile(r"""(?:\{[^}\n]*#|id=["'])(art-[A-Za-z0-9-]+)""")
_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?")  # "18(13)" -> article 18, paragraph 13


@dataclass(frozen=True)
class TreatyPage:
    """A treaty text in kb/treaties/: its page stem and, per language, the article anchors it holds."""
    stem: str
    anchors: dict[str, set[str]]


@dataclass
class GuideData:
    """What the generated pages are made from."""
    jurisdictions: list[models.Jurisdiction]
    instruments: list[models.Instrument] = field(default_factory=list)
    vocab: dict[str, dict[str, models.VocabEntry]] = field(default_factory=dict)
    glossary: models.Glossary | None = None
    treaties: dict[str, TreatyPage] = field(default_factory=dict)
    coverage: dict | None = None  # the figures of `mlakb coverage`
    today: dt.date = field(default_factory=checks_today)

    @cached_property
    def _jurisdictions(self) -> dict[str, models.Jurisdiction]:
        return {j.id: j for j in self.jurisdictions}

    @cached_property
    def _instruments(self) -> dict[str, models.Instrument]:
        return {i.id: i for i in self.instruments}

    @cached_property
    def parties_by_state(self) -> dict[str, list[tuple[models.Instrument, models.Party]]]:
        index = defaultdict(list)
        for instrument in self.instruments:
            if instrument.kind != "bilateral":
                for party in instrument.parties:
                    index[party.state].append((instrument, party))
        return index

    @cached_property
    def bilateral_by_state(self) -> dict[str, list[models.Instrument]]:
        """China's bilateral treaties by partner; China itself is listed with all of them."""
        index = defaultdict(list)
        for instrument in self.instruments:
            states = {side.state for side in instrument.sides}
            if instrument.kind == "bilateral" and CHINA in states:
                for state in states:
                    index[state].append(instrument)
        return index

    def jurisdiction(self, jid: str) -> models.Jurisdiction | None:
        return self._jurisdictions.get(jid)

    def instrument(self, iid: str) -> models.Instrument | None:
        return self._instruments.get(iid)


def from_directory(directory: Directory, kb: Path, today: dt.date | None = None) -> GuideData:
    return GuideData(
        jurisdictions=[loaded.record for loaded in directory.jurisdictions.values()],
        instruments=[loaded.record for loaded in directory.instruments.values()],
        vocab={vid: directory.terms(vid) for vid in directory.vocab},
        glossary=directory.glossary.record if directory.glossary else None,
        treaties=scan_treaties(kb / "treaties"),
        coverage=coverage_report(directory),
        today=today or checks_today(),
    )


def load(directory_root: Path, kb: Path, today: dt.date | None = None) -> GuideData:
    return from_directory(load_directory(directory_root), kb, today)


def text_page(text: models.TreatyText) -> tuple[str, str]:
    """The page stem and language of a text: `kb/treaties/untoc.en.md` -> ('untoc', 'en')."""
    stem, _, lang = Path(text.path).name.removesuffix(".md").rpartition(".")
    return stem, lang


def scan_treaties(folder: Path) -> dict[str, TreatyPage]:
    """The treaty pages present (`<stem>.<lang>.md`) and the `art-N` anchors each language version defines."""
    found: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        stem, _, lang = path.stem.rpartition(".")
        if stem and lang in ui.LANGUAGES:
            found[stem][lang] = set(_ANCHOR_IN_TREATY.findall(path.read_text(encoding="utf-8")))
    return {stem: TreatyPage(stem, anchors) for stem, anchors in found.items()}


# --- the template environment -------------------------------------------------------------------------------

def _finalize(value: object) -> object:
    """Every `{{ }}` goes through here: only Markup built by this package passes unescaped."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, dt.date)):
        return str(value)
    return escape.text(value)


def _join(values, separator: str = ", ") -> Markup:
    return Markup(separator).join(v if isinstance(v, Markup) else escape.text(v) for v in values)


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("mlakb.guide", "templates"),
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


# --- rendering ----------------------------------------------------------------------------------------------

def render_pages(data: GuideData) -> dict[str, str]:
    """Every generated page: {'directory/can.zh.md': markdown, ...}."""
    pages: dict[str, str] = {}
    for lang in ui.LANGUAGES:
        page = Page(data, lang)
        for jurisdiction in data.jurisdictions:
            if _ID.match(jurisdiction.id):
                pages[f"directory/{jurisdiction.id}.{lang}.md"] = page.jurisdiction(jurisdiction)
        pages[f"directory/index.{lang}.md"] = page.index()
        if data.coverage is not None:
            pages[f"directory/coverage.{lang}.md"] = page.coverage_page()
        if data.treaties:  # the index of the texts in kb/treaties/
            pages[f"treaties/index.{lang}.md"] = page.treaty_index()
        if data.glossary is not None:
            pages[f"glossary.{lang}.md"] = page.glossary()
    return pages


def write_pages(data: GuideData, folder: Path) -> list[Path]:
    written = []
    for relative, markdown in render_pages(data).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
        written.append(path)
    return written


class Page:
    """Builds the values of one page in one language; the templates only place them."""

    def __init__(self, data: GuideData, lang: str):
        self.data = data
        self.lang = lang
        self.t = ui.strings(lang)
        self._articles: dict[str, Markup] = {}

    # labels

    def name(self, name: models.Name) -> str:
        return (name.zh if self.lang == "zh" and name.zh else name.en)

    def sort_key(self, j: models.Jurisdiction) -> tuple:
        """Chinese names in pinyin order, English ones alphabetically."""
        shown = self.name(j.name)
        return (" ".join(lazy_pinyin(shown)) if self.lang == "zh" else shown.casefold(), shown)

    def vocab(self, vocabulary: str, value: str) -> str:
        entry = self.data.vocab.get(vocabulary, {}).get(value)
        return getattr(entry, self.lang) if entry else value

    def fixed(self, table: str, value: str) -> str:
        return ui.label(table, value, self.lang) or value

    def language_name(self, code: str) -> str:
        try:
            return names.language_name(code, self.lang)
        except (LookupError, ValueError):
            return code

    def jurisdiction_name(self, jid: str) -> str:
        found = self.data.jurisdiction(jid)
        return self.name(found.name) if found else jid.upper()

    def own_name(self, name: models.Name) -> str | None:
        """The name in the page language only, without falling back to English."""
        return name.zh if self.lang == "zh" else name.en

    def instrument_label(self, instrument: models.Instrument) -> str:
        return self.name(instrument.short_title or instrument.title)

    def sep(self, values) -> Markup:
        return _join(values, str(self.t["list_sep"]))

    # links to other pages

    def treaty_target(self, instrument: models.Instrument, article: str | None = None) -> str | None:
        """Relative link from a directory page to the text of `instrument` (at `article` when it has that anchor)."""
        stems = [text_page(t)[0] for t in instrument.texts] + [instrument.id]
        page = next((self.data.treaties[s] for s in stems if s in self.data.treaties), None)
        if page is None or not _ID.match(page.stem):
            return None
        shown = next(lang for lang in (self.lang, ui.DEFAULT_LANGUAGE, *page.anchors) if lang in page.anchors)
        anchor = None
        if article and (found := _ARTICLE.match(article)):
            number, paragraph = found.groups()
            candidates = [f"art-{number}-{paragraph}", f"art-{number}"] if paragraph else [f"art-{number}"]
            anchor = next((c for c in candidates if c in page.anchors[shown]), None)
        target = f"../treaties/{page.stem}.md"  # every language has the page: its own, or the text it falls back to
        return target + (f"#{anchor}" if anchor else "")

    def instrument_link(self, instrument: models.Instrument) -> Markup:
        target = self.treaty_target(instrument)
        label = self.instrument_label(instrument)
        return escape.internal_link(label, target) if target else escape.text(label)

    def article_links(self, instrument: models.Instrument) -> Markup:
        """Links to the articles a practitioner needs first (the treaty page lists every article)."""
        if instrument.id not in self._articles:
            links = []
            for topic in KEY_PROVISIONS:
                if article := instrument.provisions.get(topic):
                    label = f"{self.vocab('provision-topics', topic)} ({article})"
                    target = self.treaty_target(instrument, article)
                    links.append(escape.internal_link(label, target) if target else escape.text(label))
            self._articles[instrument.id] = self.sep(links)
        return self._articles[instrument.id]

    # pieces of a jurisdiction page

    def source_refs(self, numbers: dict[str, int], refs: list[str], sources: dict[str, models.Source] | None = None) -> Markup:
        """One marker per fact: [1, 3–5] (each number or run linking to the first source it names), then the date
        and kind of the newest source, and a warning when it is more than five years old or undated."""
        cited = sorted({numbers[r] for r in refs if r in numbers})
        runs: list[list[int]] = []
        for n in cited:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        marks = [escape.internal_link(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)), f"#src-{run[0]}")
                 for run in runs]
        if not marks:
            return Markup("")
        out = Markup('<span class="mlakb-src" title="{}">[').format(self.t["sources"]) + Markup(", ").join(marks) + Markup("]")
        cited_sources = [sources[r] for r in refs if sources and r in sources]
        if cited_sources:
            newest = max(cited_sources, key=lambda s: s.as_of or "")
            out += Markup(" ") + escape.text(f"{newest.as_of or self.t['undated']} · {self.fixed('source_kind', newest.kind)}")
            warning = "undated_source" if newest.as_of is None else "old_source" if over_five_years_old(newest.as_of, self.data.today) else None
            if warning:
                out += Markup(' <span class="mlakb-old">') + escape.text(self.t[warning]) + Markup("</span>")
        return out + Markup("</span>")

    def status_mark(self, key: str) -> Markup:
        """A treaty's status as a coloured mark: in-force, not-in-force, signed-only, party, denounced or unknown."""
        css = {"party": "in-force", "signed-only": "not-in-force", "denounced": "not-in-force"}.get(key, key)
        return Markup('<span class="mlakb-status mlakb-status--{}">{}</span>').format(css, self.t[f"status_{key}"])

    def instrument_status(self, instrument: models.Instrument) -> Markup:
        return self.status_mark({"in-force": "in-force", "signed": "not-in-force"}.get(instrument.status_id, "unknown"))

    def party_status(self, instrument: models.Instrument, party: models.Party) -> Markup:
        if instrument.in_force is False:
            return self.status_mark("not-in-force")
        if party.denounced and party.denounced <= self.data.today:
            return self.status_mark("denounced")
        if party.consent or party.entry_into_force:
            return self.status_mark("party")
        return self.status_mark("signed-only" if party.signature else "unknown")

    def denunciation(self, party: models.Party) -> str:
        """' (since 2023-03-16)' after a denunciation in effect; ' (denunciation takes effect 2027-06-01)' before it."""
        if not party.denounced:
            return ""
        key = "denounced_since" if party.denounced <= self.data.today else "denunciation_ahead"
        return " " + str(self.t[key]).format(day=party.denounced.isoformat())

    def said(self, said: models.Said | None) -> Markup:
        """A statement in the page's language, marked when it is our translation."""
        if said is None:
            return Markup("")
        out = escape.text(said.text(self.lang))
        if said.translated == self.lang:
            out += Markup(" <em>") + escape.text(self.t["our_translation"]) + Markup("</em>")
        elif not getattr(said, self.lang):  # shown in the only language the source gives
            out += Markup(" <em>") + escape.text(self.t["original_language"]) + Markup("</em>")
        return out

    def timezone(self, zone: str) -> str:
        try:
            offset = dt.datetime.combine(self.data.today, dt.time(12), zoneinfo.ZoneInfo(zone)).strftime("%z")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zone
        return str(self.t["timezone_now"]).format(zone=zone, offset=f"{offset[:3]}:{offset[3:]}")

    def authority(self, a: models.Authority, region: str, numbers: dict[str, int], cited: dict[str, models.Source]) -> dict:
        refs = lambda fact: self.source_refs(numbers, fact.sources, cited)  # noqa: E731
        rows: list[tuple[str, Markup]] = [(self.t["kind"], escape.text(self.vocab("authority-kinds", a.kind)))]
        if a.unit:
            rows.append((self.t["unit"], escape.text(a.unit)))
        rows.append((self.t["handles"], self.sep(self.vocab("matters", m) for m in a.handles) + Markup(" ") + refs(a)))
        for d in a.designations:
            instrument = self.data.instrument(d.instrument)
            label = self.instrument_link(instrument) if instrument else escape.text(self.t["domestic-law"] if d.instrument == "domestic-law" else d.instrument)
            matters = Markup(" (") + self.sep(self.vocab("matters", m) for m in d.matters) + Markup(")") if d.matters else Markup("")
            rows.append((self.t["designated_under"], label + matters + Markup(" ") + refs(d)))
        if a.role:
            rows.append((self.t["role"], self.said(a.role)))
        for c in a.contacts:
            scope = self.vocab("contact-scopes", c.scope) if c.scope else self.t["scope_unknown"]
            rows.append((self.t["contact"], Markup("<strong>") + escape.text(scope) + Markup("</strong> ") + refs(c)))
            if c.address:
                rows.append((self.t["address"], escape.text(c.address)))
            if c.phone:
                rows.append((self.t["phone"], _join((escape.phone_link(p, region) for p in c.phone), " · ")))
            if c.fax:
                rows.append((self.t["fax"], _join(c.fax, " · ")))
            if c.email:
                rows.append((self.t["email"], _join((escape.email_link(e) for e in c.email), " · ")))
            if c.website:
                rows.append((self.t["website"], escape.link(escape.host(c.website), c.website)))
            if c.hours:
                rows.append((self.t["hours"], escape.text(c.hours)))
            if c.timezone:
                rows.append((self.t["timezone"], escape.text(self.timezone(c.timezone))))
            if c.staff_languages:
                rows.append((self.t["staff_languages"], self.sep(f"{self.language_name(code)} ({code})" for code in c.staff_languages)))
            if c.notes:
                rows.append((self.t["caution"], self.said(c.notes)))
        if a.languages:
            value = self.sep(f"{self.language_name(code)} ({code})" for code in a.languages.codes)
            if a.languages.applies != "any" or a.languages.instruments:
                value += Markup(" (") + self.sep([*self.applies(a.languages)]) + Markup(")")
            if a.languages.text:
                value += Markup(" — ") + self.said(a.languages.text)
            rows.append((self.t["languages"], value + Markup(" ") + refs(a.languages)))
        for ch in a.channels:
            value = escape.text(self.vocab("channels", ch.channel))
            if ch.applies != "any" or ch.instruments:
                value += Markup(" (") + self.sep([*self.applies(ch)]) + Markup(")")
            if ch.measures:
                value += Markup(" — ") + self.sep(self.vocab("measures", m) for m in ch.measures)
            if ch.text:
                value += Markup(" — ") + self.said(ch.text)
            rows.append((self.t["channels"], value + Markup(" ") + refs(ch)))
        if a.urgent:
            rows.append((self.t["urgent"], self.said(a.urgent.text) + Markup(" ") + refs(a.urgent)))
        if a.notes:
            rows.append((self.t["notes"], self.said(a.notes)))
        rows.append((self.t["verified"], escape.text(a.verified or self.t["not_verified"])))
        names = [a.name.en, a.name.zh + (f" {self.t['our_translation']}" if a.name.zh_translated else "") if a.name.zh else None, a.name.local]
        other_names = [n for n in names if n and n != self.name(a.name)]
        return {
            "title": self.name(a.name),
            "central": a.kind == "central-authority",
            "channels": self.sep(dict.fromkeys(self.vocab("channels", ch.channel) for ch in a.channels)) if a.channels else None,
            "languages": self.sep(f"{self.language_name(code)} ({code})" for code in a.languages.codes) if a.languages else None,
            "anchor": a.id if _ID.match(a.id) else None,
            "other_names": self.sep(other_names) if other_names else None,
            "rows": rows,
        }

    def item(self, text: models.Said | str, sourced: models.Sourced, numbers: dict[str, int], extra: list[str] = (), cited: dict | None = None) -> dict:
        shown = self.said(text) if isinstance(text, models.Said) else escape.text(text)
        return {"text": shown, "extra": [escape.text(x) for x in extra if x],
                "notes": self.said(sourced.notes) if sourced.notes else None, "refs": self.source_refs(numbers, sourced.sources, cited)}

    def applies(self, fact: models.Languages | models.Channel | models.Requirement) -> Iterator[str]:
        """When the statement applies: its channel use, then the instruments it is under."""
        if fact.applies != "any":
            yield self.vocab("channel-uses", fact.applies)
        for iid in fact.instruments:
            instrument = self.data.instrument(iid)
            yield self.instrument_label(instrument) if instrument else iid

    def requirements(self, j: models.Jurisdiction, numbers: dict[str, int]) -> tuple[list, list]:
        cited = {s.id: s for s in j.sources}
        by_topic: dict[str, list] = defaultdict(list)
        by_measure: dict[str, list] = defaultdict(list)
        for r in j.requirements:
            policy = [*([self.vocab("policies", r.policy)] if r.policy else []), *self.applies(r)]
            if r.offences:
                policy.append(str(self.t["offences_only"]).format(offences=str(self.t["list_sep"]).join(self.vocab("offences", o) for o in r.offences)))
            if r.measures:
                for m in r.measures:
                    topic = self.vocab("requirement-topics", r.topic)
                    by_measure[self.vocab("measures", m)].append(self.item(r.text, r, numbers, [topic, *policy], cited))
            else:
                by_topic[self.vocab("requirement-topics", r.topic)].append(self.item(r.text, r, numbers, policy, cited))
        return list(by_topic.items()), sorted(by_measure.items())

    def declarations(self, j: models.Jurisdiction, numbers: dict[str, int]) -> list[dict]:
        items = []
        for d in j.declarations:
            instrument = self.data.instrument(d.instrument)
            extra = [self.vocab("declaration-topics", d.topic)]
            if d.value is not None:
                extra.append(str(self.t["yes"] if d.value else self.t["no"]))
            if d.date:
                extra.append(d.date.isoformat())
            item = self.item(d.text, d, numbers, extra, {s.id: s for s in j.sources})
            item["instrument"] = self.instrument_link(instrument) if instrument else escape.text(d.instrument)
            items.append(item)
        return items

    def party_rows(self, j: models.Jurisdiction) -> list[dict]:
        rows = []
        for instrument, party in self.data.parties_by_state.get(j.id, []):
            consent = [party.consent.isoformat() if party.consent else "", self.fixed("action", party.action) if party.action else ""]
            rows.append({
                "instrument": self.instrument_link(instrument),
                "signature": party.signature,
                "consent": " ".join(x for x in consent if x),
                "entry_into_force": party.entry_into_force,
                "status": self.party_status(instrument, party) + self.denunciation(party),
                "articles": self.article_links(instrument),
            })
        return rows

    def bilateral_rows(self, j: models.Jurisdiction) -> list[dict]:
        rows = []
        for instrument in self.data.bilateral_by_state.get(j.id, []):
            partner = next((s for s in instrument.sides if s.state != CHINA), None)
            authorities = [f"{self.jurisdiction_name(s.state)}: {s.central_authority}"
                           for s in instrument.sides if s.central_authority]
            rows.append({
                "title": self.instrument_link(instrument),
                "partner": self.jurisdiction_link(partner.state) if partner else "",
                "subject": self.sep(self.vocab("matters", m) for m in instrument.subject),
                "adopted": instrument.adopted,
                "entry_into_force": instrument.entry_into_force,
                "npcsc": instrument.npcsc_decision,
                "status": self.instrument_status(instrument),
                "status_note": instrument.status,
                "authorities": _join(authorities, "<br>"),
            })
        return rows

    def jurisdiction_link(self, jid: str, folder: str = "") -> Markup:
        """A link to a directory page from a page in directory/, or from another folder with `folder="../directory/"`."""
        if self.data.jurisdiction(jid) and _ID.match(jid):
            return escape.internal_link(self.jurisdiction_name(jid), f"{folder}{jid}.md")
        return escape.text(jid.upper())

    def sources(self, j: models.Jurisdiction) -> list[dict]:
        rows = []
        for n, s in enumerate(j.sources, start=1):
            title = escape.link(s.title, s.url)
            if s.original_url:
                title = title + Markup(" (") + escape.link(self.t["original"], s.original_url) + Markup(")")
            about = [self.fixed("source_kind", s.kind)]
            if s.as_of:
                about.append(f"{self.t['as_of']} {s.as_of}")
            if s.retrieved:
                about.append(f"{self.t['retrieved']} {s.retrieved}")
            if s.translation:
                about.append(self.fixed("source_translation", s.translation))
            rows.append({"n": n, "title": title, "about": _join(about, " · ")})
        return rows

    def jurisdiction(self, j: models.Jurisdiction) -> str:
        numbers = {s.id: n for n, s in enumerate(j.sources, start=1)}
        general, per_measure = self.requirements(j, numbers)
        title = self.name(j.name)
        verified = escape.text(j.verified or self.t["not_verified"])
        cited = {s.id: s for s in j.sources}
        names = [(self.t["name_en"], j.name.en), (self.t["name_zh"], j.name.zh), (self.t["name_local"], j.name.local)]
        no_central = help_wanted = None
        if "central-authority" in j.unknown:
            record_id = j.id if re.fullmatch(r"[a-z]{3}", j.id) else "xxx"  # shown inside a code span
            no_central = self.t["no_central_body"].format(name=escape.text(title), id=record_id)
        if missing := [self.fixed("unknown", u) for u in j.unknown if u != "central-authority"]:
            help_wanted = self.t["help_wanted_body"].format(items=self.sep(missing))
        return _ENV.get_template("jurisdiction.md.j2").render(
            t=self.t,
            title=title,
            jid=j.id,
            is_china=j.id == CHINA,
            names=[(k, v) for k, v in names if v],
            region=self.vocab("regions", j.region),
            part_of=self.jurisdiction_link(j.part_of) if j.part_of else None,
            stale=j.verified is None or self.data.today - j.verified > STALE_AFTER,
            stale_title=self.t["stale_title"] if j.verified else self.t["unreviewed_title"],
            stale_body=self.t["stale_body"].format(date=verified) if j.verified else self.t["unreviewed_body"],
            verified_note=self.t["verified_note"].format(date=verified),
            no_central=no_central,
            help_wanted=help_wanted,
            authorities=[self.authority(a, j.iso2, numbers, cited) for a in j.authorities],
            general=general,
            per_measure=per_measure,
            declarations=self.declarations(j, numbers),
            parties=self.party_rows(j),
            bilateral=self.bilateral_rows(j),
            bilateral_title=self.t["bilateral_all"] if j.id == CHINA else self.t["bilateral"],
            show_partner=j.id == CHINA,
            informal=[dict(self.item(c.text or "", c, numbers, [c.network or "", self.vocab("network-roles", c.role) if c.role else ""], cited),
                           label=escape.text(self.vocab("informal-channel-kinds", c.kind)), name=escape.text(self.name(c.name))) for c in j.informal_channels],
            laws=[self.item(f"{law.title} ({law.year})" if law.year else law.title, law, numbers, (), cited) for law in j.domestic_law],
            practice=[dict(self.item(p.text, p, numbers, (), cited), label=escape.text(self.vocab("practice-kinds", p.kind))) for p in j.practice],
            sources=self.sources(j),
        )

    # the directory index and the glossary

    def coverage(self, j: models.Jurisdiction) -> dict[str, bool]:
        return {"central": FIELDS["central_authority"](j), "languages": FIELDS["languages"](j), "contacts": FIELDS["contacts"](j)}

    def badge(self, known: bool, what: str) -> Markup:
        state = "yes" if known else "no"
        title = escape.text(f"{self.t[what]}: {self.t['has'] if known else self.t['missing']}")
        return Markup(f'<span class="mlakb-badge mlakb-{state}" title="{title}">{"✓" if known else "—"}</span>')

    def index(self) -> str:
        ordered = sorted((j for j in self.data.jurisdictions if _ID.match(j.id)), key=self.sort_key)
        totals = {"central": 0, "languages": 0, "contacts": 0}
        all_rows, by_region = [], defaultdict(list)
        for j in ordered:
            coverage = self.coverage(j)
            for key, known in coverage.items():
                totals[key] += known
            row = {
                "link": self.jurisdiction_link(j.id),
                "region": self.vocab("regions", j.region),
                "badges": [self.badge(coverage[key], key) for key in ("central", "languages", "contacts")],
                "verified": j.verified,
            }
            all_rows.append(row)
            by_region[j.region].append(row)
        return _ENV.get_template("index.md.j2").render(
            t=self.t,
            counts=self.t["index_counts"].format(total=len(ordered), **totals),
            coverage_link=self.data.coverage is not None,
            tabs=[(self.t["all"], all_rows), *((self.vocab("regions", r), rows) for r, rows in sorted(by_region.items()))],
        )

    def glossary(self) -> str:
        terms = []
        for term in self.data.glossary.terms:
            variants = [*term.variants_zh, *term.variants_en]
            own, other = (term.definition_zh, term.definition_en) if self.lang == "zh" else (term.definition_en, term.definition_zh)
            terms.append({"zh": term.zh, "en": term.en, "variants": self.sep(variants) if variants else "",
                          "definition": own or other, "basis": term.basis})
        return _ENV.get_template("glossary.md.j2").render(t=self.t, terms=terms)

    # the coverage of the directory

    def coverage_page(self) -> str:
        report = self.data.coverage
        regions = [(self.t["all"] if r == "all" else self.vocab("regions", r), row) for r, row in report["regions"].items()]
        rows = []
        for name in report["fields"]:
            label, meaning = ui.coverage_field(name, self.lang)
            cells = [f"{row[name]} ({row[name] / row['records']:.0%})" if row["records"] else "0" for _, row in regions]
            rows.append({"label": label, "meaning": meaning, "cells": cells})
        for name in report.get("fact_shares", []):
            label, meaning = ui.coverage_field(name, self.lang)
            cells = [f"{row[name]} / {row['facts']} ({row[name] / row['facts']:.0%})" if row["facts"] else "0" for _, row in regions]
            rows.append({"label": label, "meaning": meaning, "cells": cells})
        treaties = [str(self.t["coverage_bilateral"]).format(**report["bilateral_treaties"]),
                    str(self.t["coverage_partners"]).format(**report["china_partners"])]
        return _ENV.get_template("coverage.md.j2").render(
            t=self.t, regions=[(title, row["records"]) for title, row in regions], rows=rows, treaties=treaties)

    # the index of the treaty texts

    def text_link(self, stem: str, lang: str, label: object) -> Markup:
        """A link from treaties/index to the `lang` text of page `stem`.

        In this language's build, `stem.md` shows this language's text, else the one it falls back to (see
        `overlay`); a text in another language that this build does not show is linked in that language's build,
        with a plain HTML link, since MkDocs resolves Markdown links within one build only.
        """
        anchors = self.data.treaties[stem].anchors
        shown = next(code for code in (self.lang, ui.DEFAULT_LANGUAGE, *anchors) if code in anchors)
        if shown == lang:
            return escape.internal_link(label, f"{stem}.md")
        site_root = "../" if self.lang == ui.DEFAULT_LANGUAGE else "../../"
        build = "" if lang == ui.DEFAULT_LANGUAGE else f"{lang}/"
        return escape.page_link(label, f"{site_root}{build}treaties/{stem}.html", lang)

    def texts_of(self, instrument: models.Instrument) -> list[tuple[str, str]]:
        """(page stem, language) of each text of `instrument` present in kb/treaties/."""
        found = [text_page(t) for t in instrument.texts]
        present = [(stem, lang) for stem, lang in found
                   if _ID.match(stem) and lang in self.data.treaties.get(stem, TreatyPage(stem, {})).anchors]
        return sorted(present, key=lambda text: text[1] != self.lang)  # the page language first

    def treaty_row(self, instrument: models.Instrument, texts: list[tuple[str, str]]) -> dict:
        links, seen = [], set()
        for stem, lang in texts:  # a second text in one language: a consolidated version, or told by its page name
            version = self.t["consolidated"] if stem.endswith("-consolidated") else stem
            label = self.t["text_version"].format(language=self.language_name(lang), version=version) if lang in seen \
                else self.language_name(lang)
            links.append(self.text_link(stem, lang, label))
            seen.add(lang)
        first = next(((s, l) for s, l in texts if l == self.lang), texts[0])
        title = self.text_link(*first, self.name(instrument.title))
        if not self.own_name(instrument.title):
            title += Markup(" ") + self.t["title_fallback_mark"]
        elif self.lang == "zh" and instrument.title.zh_translated:
            title += Markup(" ") + self.t["our_translation"]
        extra = [self.instrument_label(instrument)] if instrument.short_title else []
        if self.treaty_group(instrument) == "council_of_europe" and instrument.registration:
            extra.append(instrument.registration)
        return {
            "title": title,
            "extra": self.sep(extra) if extra else "",
            "adopted": instrument.adopted or "—",
            "entry_into_force": instrument.entry_into_force or "—",
            "parties": self.parties_count(instrument),
            "partner": self.sep(self.jurisdiction_link(s.state, "../directory/") for s in instrument.sides if s.state != CHINA),
            "npcsc": instrument.npcsc_decision or "—",
            "status": self.instrument_status(instrument),
            "texts": _join(links, "<br>"),
        }

    def parties_count(self, instrument: models.Instrument) -> str:
        """'185 (partial)': the parties recorded and how complete the list is; 'unknown' alone when none is recorded."""
        known = self.fixed("parties_known", instrument.parties_known)
        if not instrument.parties:
            return known
        return self.t["parties_count"].format(count=len(instrument.parties), known=known)

    @staticmethod
    def treaty_group(instrument: models.Instrument) -> str:
        if instrument.kind == "multilateral":
            return "council_of_europe" if "Council of Europe" in (instrument.depositary or "") else "multilateral"
        return {"domestic-law": "domestic_law"}.get(instrument.kind, instrument.kind)

    def treaty_index(self) -> str:
        order = ["multilateral", "council_of_europe", "domestic_law", "bilateral", "model"]
        groups: dict[tuple, list] = defaultdict(list)
        for instrument in sorted(self.data.instruments, key=lambda i: (str(i.adopted or ""), i.id)):
            if texts := self.texts_of(instrument):
                group = self.treaty_group(instrument)
                groups[(order.index(group), group, instrument.jurisdiction or "")].append(self.treaty_row(instrument, texts))
        sections = []
        for (_, group, jid), rows in sorted(groups.items()):
            title = self.t[f"group_{group}"]
            if group == "domestic_law":
                title = title.format(name=escape.text(self.jurisdiction_name(jid)))
            sections.append({"group": group, "title": title, "rows": rows})
        without_text = []
        for instrument in self.data.bilateral_by_state.get(CHINA, []):
            if not self.texts_of(instrument):
                partners = [s.state for s in instrument.sides if s.state != CHINA]
                without_text.append({
                    "sort": [self.sort_key_of(jid) for jid in partners],
                    "partner": self.sep(self.jurisdiction_link(jid, "../directory/") for jid in partners),
                    "subject": self.sep(self.vocab("matters", m) for m in instrument.subject),
                    "adopted": instrument.adopted or "—",
                    "entry_into_force": instrument.entry_into_force or "—",
                    "status": self.instrument_status(instrument),
                    "status_note": instrument.status or "",
                })
        without_text.sort(key=lambda row: (row["sort"], str(row["adopted"])))
        fallback = any(not self.own_name(i.title) for i in self.data.instruments if self.texts_of(i))
        return _ENV.get_template("treaties.md.j2").render(
            t=self.t, sections=sections, without_text=without_text, fallback_note=fallback)

    def sort_key_of(self, jid: str) -> tuple:
        found = self.data.jurisdiction(jid)
        return self.sort_key(found) if found else ("~", jid)


def treaty_search_line(src_uri: str, instrument: object, lang: str) -> str | None:
    """A button to the treaty search limited to the instrument of a text page (its front matter's `instrument`)."""
    if not src_uri.startswith("treaties/") or not isinstance(instrument, str) or not _ID.match(instrument):
        return None
    return f"[{ui.strings(lang)['search_this_treaty']}](/-/search?instrument={instrument}){{ .md-button }}"


def directory_nav(data: GuideData, lang: str) -> list:
    """The Directory section of the nav: the index, the coverage page, then one section per region (titles
    HTML-escaped for the theme)."""
    page = Page(data, lang)
    by_region: dict[str, list[str]] = defaultdict(list)
    for j in sorted(data.jurisdictions, key=page.sort_key):
        if _ID.match(j.id):
            by_region[j.region].append(f"directory/{j.id}.md")
    sections = [{html.escape(page.vocab("regions", region)): paths} for region, paths in sorted(by_region.items())]
    coverage = ["directory/coverage.md"] if data.coverage is not None else []
    return ["directory/index.md", *coverage, *sections]
