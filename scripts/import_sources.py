"""First load of directory/ from the source pack (../shared/sources/).

    .venv/bin/python scripts/import_sources.py [--pack ../shared/sources] [--out directory]

Needs the `import` extra (pip install -e '.[import]') for the UN M49 regions.  After the first load the
YAML in directory/ is the source of truth and is edited by hand; this script is kept for the record.  It
is re-runnable: it rewrites directory/jurisdictions/, the UNTOC/UNCAC/1988 and China bilateral instrument
records and directory/vocab/regions.yaml, and prints what it could not place.

How the pack becomes records:
- every State named anywhere in the pack (plus the two SARs) gets a jurisdiction record;
- each statement about an authority (a UN notification, a national-authorities entry, an authority-contacts
  item, a country-requirements entry, a CAC/COSP/2019/7 answer, an article of a Chinese law) is a *mention*;
  mentions of the same body in one jurisdiction (same ministry or office, see BODY_RULES) are merged into one
  authority that cites every source; where they disagree the higher-priority file wins and the rest goes to notes;
- statements that are not about one authority become requirements, declarations, practice or laws.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import babel
import phonenumbers
import pycountry
import yaml
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from mlakb.maintain.canonical import render  # noqa: E402
from mlakb.records import models  # noqa: E402

# The compile dates the pack's file headers give.  Files without one were compiled with the rest of the
# pack, whose latest date is 2026-11-23 (bilateral-cn.yaml: retrieved 2026-11-23).
PACK_DATE = "2026-11-23"
FILE_DATES = {"national-authorities": "2026-11-23", "authority-contacts": "2026-11-23", "law": "2026-11-22"}

# Which file wins when two mentions of the same body disagree (lower wins).
FILE_PRIORITY = {"country-requirements": 0, "national-authorities": 1, "law": 2, "un-notifications": 3, "authority-contacts": 4, "seed": 5}
KIND_PRIORITY = ["central-authority", "foreign-contact-authority", "competent-authority", "executing-authority", "contact-point"]

INSTRUMENTS = {"UNTOC": "untoc", "UNCAC": "uncac", "DRUGS1988": "drugs1988"}
SARS = {
    "HKG": {"en": "Hong Kong SAR, China", "zh": "中国香港特别行政区"},
    "MAC": {"en": "Macao SAR, China", "zh": "中国澳门特别行政区"},
}

# --------------------------------------------------------------------------------------------------
# Reading the pack

@dataclass
class Pack:
    root: Path

    def load(self, name: str):
        with open(self.root / name, encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    def front_matter(self, name: str) -> dict:
        text = (self.root / "treaties" / name).read_text(encoding="utf-8")
        return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


@dataclass
class Report:
    """What the run could not place, printed at the end."""
    unparsed_phones: list[str] = field(default_factory=list)
    decoded_emails: list[str] = field(default_factory=list)
    partial_as_of: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Text helpers

def clean(text) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text or None


def slugify(text: str, words: int = 4) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", ascii_text) if p]
    return "-".join(parts[:words])


def split_remark(name: str) -> tuple[str, list[str]]:
    """Move top-level parenthetical remarks that start in lower case ('(receives ...)') out of a name."""
    kept, remarks, depth, group = [], [], 0, []
    for char in name:
        if char == "(":
            depth += 1
            if depth == 1:
                group = []
                continue
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                inner = "".join(group)
                if inner[:1].islower() and len(inner.split()) > 1:
                    remarks.append(inner)
                else:
                    kept.append(f"({inner})")
                continue
        (group if depth else kept).append(char)
    stripped = clean("".join(kept).replace(" ,", ",").rstrip(" ,;"))
    # "...; the Attorney-General's powers are delegated" and "... - issuer of requests" are remarks too
    head, *tail = re.split(r";\s+(?=[a-z])|\s+-\s+(?=[a-z])", stripped or name, maxsplit=1)
    return clean(head) or name, remarks + tail


def languages_of(values, report: Report, where: str) -> list[str]:
    """ISO 639-1 codes; YAML 1.1 reads an unquoted Norwegian `no` as false, which is put back."""
    out = []
    for value in values or []:
        if value is False:
            report.repaired.append(f"{where}: language false read back as 'no' (Norwegian)")
            value = "no"
        if value not in out:
            out.append(value)
    return out


def website_of(value, report: Report, where: str) -> str | None:
    value = clean(value)
    if value and not re.match(r"https?://", value):
        report.repaired.append(f"{where}: website {value!r} has no scheme; written as http://{value}")
        value = "http://" + value
    return value


def first_year(text: str) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return int(match.group(1)) if match else None


# Bodies: the earliest pattern found in a name decides the slug, so "Attorney-General and Minister for Justice"
# is the Attorney-General and "Ministry of Justice (Office of the Attorney-General ...)" the Ministry.
BODY_RULES = [
    (r"uk central authority", "ukca"),
    (r"supreme people's procura", "spp"),
    (r"supreme people's court", "spc"),
    (r"ministry of public security", "mps"),
    (r"ministry of state security", "mss"),
    (r"national supervisory commission", "nsc"),
    (r"secretary for justice", "doj"),
    (r"federal office of justice|bundesamt f(ü|u)r justiz", "foj"),
    (r"\boffice of justice\b", "ooj"),
    (r"standing committee", "scmla"),
    (r"judicial services", "dsj"),
    (r"education and culture", "mec"),
    (r"crown law office", "crown-law"),
    (r"central body", "central-body"),
    (r"ministry of government", "mog"),
    (r"prime minister", "pm"),
    (r"^cabinet\b", "cabinet"),
    (r"minist(er|ry) of law\b", "mol"),
    (r"director(ate)? of public prosecutions|\bodpp\b", "dpp"),
    (r"prosecutor[- ]general|general prosecutor|procurator general|procuradoria-geral|procureur g(é|e)n(é|e)ral|parquet g(é|e)n(é|e)ral", "pgo"),
    (r"attorney[- ]general|procureur\b|law officers", "ag"),
    (r"public prosecut|prosecutor's office|prosecution service|prosecution authority|prosecuting authority|minist(é|e)rio p(ú|u)blico|ministerio p(ú|u)blico|public ministry|fiscal(í|i)a|\bpublic prosecution\b", "ppo"),
    (r"foreign affairs|external affairs|department of state|minist(è|e)re des affaires (é|e)trang(è|e)res", "mfa"),
    (r"minist(ry|er) (of|for|in charge of) (the )?(interior|home affairs|internal affairs)|home affairs|interior division|ministry of interior|internal affairs|secretariat of the interior", "moi"),
    (r"police|kripos|criminal investigation service", "police"),
    (r"supreme court|single court|court of justice", "court"),
    (r"minist(ry|er|ère|erio|ero)\b[^,;]*\b(justice|justi(ç|c)a|justicia|giustizia)|department of justice|minister (for|of|in charge of) justice|responsible for (the ministry of )?justice|in charge of justice|federal public service justice|justitiedepartementet|justizministerium", "moj"),
]
STOP_WORDS = {"of", "the", "and", "for", "in", "on", "de", "la", "du", "des", "to"}


def body_slug(name: str) -> str:
    lowered = name.lower()
    found = []
    for pattern, slug in BODY_RULES:
        match = re.search(pattern, lowered)
        if match:
            found.append((match.start(), slug))
    if found:
        return min(found)[1]
    head = name.split(",")[0]
    acronym = re.search(r"\(([A-Z][A-Za-z]{1,6})s?\)", head)
    if acronym:
        return acronym.group(1).lower()
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", head) if w.lower() not in STOP_WORDS)
    return initials.lower() or slugify(name, 2)


# Ids that practitioners know (the DESIGN examples), instead of the generic body slug.
ID_OVERRIDES = {"can-moj": "can-iag", "usa-moj": "usa-oia", "usa-mfa": "usa-dos", "gbr-ukca": "gbr-ukca"}
# Bodies the pack names in two ways that are one institution in that State.
BODY_ALIASES = {("gha", "ag"): "moj", ("gmb", "ag"): "moj"}


# --------------------------------------------------------------------------------------------------
# Topics and channels of free-text statements

TOPIC_RULES = [
    ("dual-criminality", r"dual criminality|double criminality|dual-criminality"),
    ("translation", r"translat"),
    ("languages", r"\blanguages?\b|\b(be|written|drafted|made) in (english|french|spanish|arabic|russian|portuguese|german|chinese)\b"),
    ("legalisation", r"legali[sz]|apostille|authenticat"),
    ("confidentiality", r"confidential"),
    ("costs", r"\bcosts?\b|expenses|\bfees?\b"),
    ("urgent", r"urgen"),
    ("use-limitation", r"other purposes?|speciality|specialty|used only for"),
    ("reciprocity", r"reciproc"),
    ("refusal", r"refus|grounds? for (refusal|denial)|\bdeni(ed|al)\b|not extradit|own nationals"),
    ("typical-time", r"within \w+ (days|weeks|months)|\b\d+ (days|weeks|months)\b"),
    ("legal-basis", r"legal basis|\btreaty\b|\bconvention\b|\bagreement\b"),
    ("form", r"in writing|signed|signature|letter-?head|\btemplate|\boriginal\b|\bform\b|must (state|include|contain|describe|specify)|\binclude\b"),
    ("execution", r"execut|confiscation|forfeiture|restrain|freez|seiz|conditions"),
    ("channel", r"central authority|passed to|referred to|forwards?|transmi|receives"),
]
CHANNEL_TOPICS = ("dual-criminality", "translation", "languages")
ROUTING = re.compile(r"channel|diplomatic|transmi|\bsen[dt]\b|submit|forward|rout|direct|e-?mail|\bfax|\bpost\b|interpol|through|\bvia\b|addressed|receiv|go(es)? to|contact", re.IGNORECASE)


def channel_statement_topic(statement: str) -> str:
    """A statement from a `channels` list: topic channel when it is about routing, else its own topic."""
    specific = topic_of(statement, "", CHANNEL_TOPICS)
    if specific:
        return specific
    return "channel" if ROUTING.search(statement) else topic_of(statement)


def topic_of(text: str, default: str = "other", only: tuple[str, ...] | None = None) -> str:
    lowered = text.lower()
    for topic, pattern in TOPIC_RULES:
        if only is not None and topic not in only:
            continue
        if re.search(pattern, lowered):
            return topic
    return default


CHANNEL_RULES = [
    ("diplomatic", r"diplomatic (channel|route|means)s?|through diplomatic|via diplomatic|by diplomatic"),
    ("interpol", r"(through|via|by|using) (the )?(channels of )?interpol|interpol channel"),
    ("email", r"(by|via|through) e-?mail|e-?mail(ed)? (to|copy|is accepted|are accepted)|(sent|send|submitted|accepted) (\w+ ){0,4}by e-?mail|electronic form only"),
    ("fax", r"\bfax(ed)?\b|telefax"),
    ("post", r"\bby post\b|\bpostal\b|registered letter|by mail\b"),
    ("online-portal", r"online (service|portal|platform|submission)|web platform"),
    ("judicial-direct", r"direct(ly)? (between|to) (the )?(competent )?judicial authorities|judicial-to-judicial|directly between (courts|prosecutors|judicial)"),
    ("direct-central-authority", r"direct(ly)? (between|to) (the )?central authorit|central authorit(y|ies) (to central authorit|communicate directly)|directly from central authority"),
    ("advance-copy", r"advance cop|(copy|soft copy) may (also )?be (faxed|e-?mailed|sent)|original (must|to) follow|original follows"),
    ("eurojust", r"\beurojust\b"),
    ("consular", r"\bconsul(ar|ates?)\b"),
]
NEGATION = re.compile(r"\b(not|no|cannot|never|without|instead of|rather than|only if)\b", re.IGNORECASE)


def channels_of(statements: list[str]) -> list[str]:
    """Channel vocab ids a statement clearly states; clauses with a negation are left alone."""
    found: list[str] = []
    for statement in statements:
        for clause in re.split(r"[;.]\s", statement):
            if NEGATION.search(clause):
                continue
            for channel, pattern in CHANNEL_RULES:
                if re.search(pattern, clause, re.IGNORECASE) and channel not in found:
                    found.append(channel)
    return found


COE_DESIGNATIONS = [(r"under (the )?Budapest Convention|Budapest Convention art", "ets185"), (r"under ETS 182|Second Additional Protocol to ETS 30", "ets182")]


def designations_of(text: str) -> list[str]:
    """Council of Europe instruments an authority's own description says it is designated under."""
    return [iid for pattern, iid in COE_DESIGNATIONS if re.search(pattern, text)]


def handles_of(text: str, base: list[str]) -> list[str]:
    handles = list(base)
    lowered = text.lower()
    for matter, pattern in [("extradition", r"extradit|surrender of fugitive"), ("transfer-of-proceedings", r"transfer of (criminal )?proceedings"),
                            ("transfer-of-sentenced-persons", r"transfer of sentenced|prisoner transfer|transfer of prisoners"), ("asset-recovery", r"asset recovery")]:
        if re.search(pattern, lowered) and matter not in handles:
            handles.append(matter)
    return handles


# --------------------------------------------------------------------------------------------------
# Contacts: phones and e-mails as printed → international format

def _normalise_phone_text(text: str) -> str:
    text = re.sub(r"\+\s+(?=\d)", "+", text)
    text = re.sub(r"\(00(\d{1,3})\)", r"+\1", text)
    text = re.sub(r"(?<![\d+])00(\d{2,3})(?=[ .])", r"+\1", text)
    # a country (and area) code in brackets at the start of a number: "(358-9) 16 06", "(+357) 2280"
    text = re.sub(r"(?<!\d )(?<![\d+])\((\+?)(\d{1,3})(?:[- ](\d{1,3}))?\)", lambda m: "+" + m.group(2) + (" " + m.group(3) if m.group(3) else ""), text)
    return text


def _expand_slashes(text: str) -> str:
    """'+40 372 041 079/084' → both numbers: the digits after a bare '/' replace the last digits."""
    def expand(match: re.Match) -> str:
        head, tail = match.group(1), match.group(2)
        digits = re.sub(r"\D", "", head)
        if len(tail) >= len(digits):
            return match.group(0)
        prefix = "+" if head.strip().startswith("+") else ""
        return f"{head}, {prefix}{digits[: len(digits) - len(tail)]}{tail}"
    text = re.sub(r"(\+?\d[\d .-]*\d)/(\d{2,8})\b", expand, text)
    return re.sub(r"\s+(/|-|or)\s+(?=[+(\d])", ", ", text)


def _context(text: str, start: int) -> str:
    """The words that qualify a number: inside an open bracket, else since the last ';'."""
    before = text[:start]
    opened = before.rfind("(")
    if opened > before.rfind(")"):
        return before[opened:]
    return before[before.rfind(";") + 1:]


def parse_phones(raw: str, region: str, kind: str) -> tuple[list[str], list[str], bool]:
    """Return (phones, faxes, complete): complete is False when some number could not be read."""
    text = _expand_slashes(_normalise_phone_text(raw))
    phones: list[str] = []
    faxes: list[str] = []
    leftover = text
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        # "(fax for urgent requests)" right after a number says what that number is; "(fax +386 ...)" starts another
        described_as_fax = re.match(r"\s*\(fax\b[^+)]*\)", text[match.end:].lower())
        is_fax = kind == "fax" or "fax" in _context(text, match.start).lower() or described_as_fax
        target = faxes if is_fax else phones
        if number not in target:
            target.append(number)
        leftover = leftover.replace(match.raw_string, " ", 1)
    complete = not re.search(r"\d[\d ().-]{5,}\d", leftover)
    return phones, faxes, complete


def parse_emails(raw: str, report: Report) -> list[str]:
    text = raw
    if "[at]" in text:
        text = text.replace("[at]", "@").replace("[dot]", ".")
        report.decoded_emails.append(raw)
    return re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)


# --------------------------------------------------------------------------------------------------
# Sources

PUBLISHERS = {
    "ejn-crimjust.europa.eu": ("ejn", "European Judicial Network in criminal matters (EJN)"),
    "e-justice.europa.eu": ("e-justice", "European e-Justice Portal"),
    "hcch.net": ("hcch", "Hague Conference on Private International Law (HCCH), authorities page"),
    "oas.org": ("oas", "Organization of American States (OAS), MLA network"),
    "gov.br": ("gov-br", "Brazilian Ministry of Justice (gov.br), country guidance"),
    "wipo.int": ("wipolex", "WIPO Lex, treaty party remarks"),
    "cdn.nestjs.wipolex.wji.prd.web1.wipo.int": ("wipolex", "WIPO Lex, treaty party remarks"),
    "coe.int": ("coe", "Council of Europe Treaty Office"),
    "conventions.coe.int": ("coe", "Council of Europe Treaty Office, declarations"),
    "sherloc.unodc.org": ("sherloc", "UNODC SHERLOC legislation database"),
    "unodc.org": ("unodc", "UNODC"),
    "treaties.un.org": ("untc", "UN Treaty Collection"),
    "undocs.org": ("undocs", "UN Official Document System"),
    "global-regulation.com": ("global-regulation", "Global-Regulation (English machine translation of national legislation)"),
    "zaki.ru": ("zaki", "zaki.ru (reproduction of treaty status and declarations)"),
    "justice.gov": ("doj", "U.S. Department of Justice"),
    "gov.uk": ("gov-uk", "UK Government (GOV.UK)"),
    "zh.wikisource.org": ("wikisource", "Wikisource (Chinese)"),
    "inview.nl": ("inview", "Netherlands treaty database as published on inview.nl"),
    "mofa.go.jp": ("mofa-jp", "Ministry of Foreign Affairs of Japan, press release"),
    "donga.com": ("donga", "Dong-A Ilbo, press report"),
    "en.chinagate.cn": ("chinagate", "China Gate (china.org.cn), Xinhua report"),
    "360.lexisnexis.at": ("lexisnexis-at", "LexisNexis Austria, consolidated treaty record"),
}
OFFICIAL_HOST = re.compile(r"(\.|^)(gov|gob|gouv|govt|go|gv|admin|gc)\.[a-z]{2,3}$|\.gov$|\.mil$|(\.|^)(gov\.[a-z]{2}|boe\.es|legifrance\.gouv\.fr|overheid\.nl|finlex\.fi|slov-lex\.sk|just\.ro|justice\.md|justice\.gov\.[a-z]+|npc\.gov\.cn|fmprc\.gov\.cn|sangiin\.go\.jp|senat\.fr|mofa\.go\.jp|mfa\.gov\.[a-z]+|minrel\.gob\.cl)$")
INTERGOVERNMENTAL_HOST = re.compile(r"(\.|^)(europa\.eu|un\.org|undocs\.org|unodc\.org|coe\.int|oas\.org|hcch\.net|wipo\.int|icrc\.org)$")


def host_of(url: str) -> str:
    host = urlsplit(url).netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def host_kind(url: str) -> str:
    host = host_of(url)
    if INTERGOVERNMENTAL_HOST.search(host):
        return "intergovernmental"
    return "official" if OFFICIAL_HOST.search(host) else "secondary"


def safe_url(url: str) -> str:
    """Percent-encode only the characters the URL check rejects; the address stays the same."""
    return re.sub(r"[ <>\"']", lambda m: quote(m.group(0)), url.strip())


def page_label(url: str) -> str:
    """A readable name for a page from its address: the last path segments (enough to tell pages apart) and short query ids."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s and s not in ("index.php", "index.html", "en", "EN") and not re.fullmatch(r"\d{1,2}|-1", s)]
    if parts.netloc.endswith("github.com") and len(segments) >= 2:
        return "/".join(segments[:2]) + (": " + segments[-1] if len(segments) > 4 else "")
    words = []
    for segment in reversed(segments):
        words.insert(0, re.sub(r"[-_+]+", " ", re.sub(r"\.(html?|aspx?|php|pdf|asp)$", "", segment)).strip())
        if len(" ".join(words)) >= 18:
            break
    label = ", ".join(w for w in words if w)
    ids = [f"{k}={v}" for k, v in re.findall(r"(?:^|&)(\w+)=([\w.-]{1,20})(?=&|$)", parts.query) if k.lower() not in ("lang", "cl", "vl", "origin", "printer", "amp", "ctx", "tabid", "src", "chapter")]
    if ids:
        label = f"{label} ({', '.join(ids[:2])})" if label else ", ".join(ids[:2])
    return label[:100].strip()


def source_key(url: str, short: str, label: str) -> str:
    """A short stable id: the publisher's key plus the page's own number, else two words of its name."""
    parts = urlsplit(url)
    chapter = re.search(r"mtdsg_no=([A-Za-z]+-\d+)|treaties/(\d+-\d+)\.csv", url)
    if chapter:
        return ("untc-" if short == "untc" else "untc-copy-") + slugify(chapter.group(1) or chapter.group(2))
    numbers = re.findall(r"(?:^|&)\w*id=(\d+)", parts.query) + [s for s in parts.path.split("/") if re.fullmatch(r"\d{3,}", s) and not re.fullmatch(r"(19|20)\d\d", s)]
    token = numbers[-1] if numbers else "-".join(w[:12] for w in slugify(label, 2).split("-"))
    return "-".join(p for p in (short, token) if p)[:40].strip("-")


class SourceBook:
    """The sources of one record: one entry per distinct URL, with a stable slug id."""

    def __init__(self, report: Report):
        self.entries: dict[str, dict] = {}
        self.ids: set[str] = set()
        self.report = report

    def add(self, url: str, kind: str | None = None, as_of=None, title: str | None = None, original_url: str | None = None, retrieved: str | None = PACK_DATE, key: str | None = None) -> str:
        url = safe_url(url)
        if url in self.entries:
            entry = self.entries[url]
            if as_of and not entry.get("as_of"):
                entry["as_of"] = self._as_of(as_of, url, entry)
            return entry["id"]
        host = host_of(url)
        short, publisher = PUBLISHERS.get(host, (None, None))
        if short is None:
            labels = [p for p in host.split(".") if p not in ("com", "org", "net", "gov", "go", "gob", "gouv", "govt", "ac", "co", "edu", "info", "int")]
            short = slugify("-".join(labels[:-1] if len(labels) > 1 else labels), 2) or "source"
        label = page_label(url)
        ident = key or source_key(url, short, label)
        ident = self._unique(ident)
        entry = {"id": ident, "title": title or self._title(publisher or host, label), "url": url}
        if original_url and safe_url(original_url) != url:
            entry["original_url"] = safe_url(original_url)
        entry["kind"] = kind or host_kind(url)
        entry["as_of"] = self._as_of(as_of, url, entry) if as_of else None
        entry["retrieved"] = retrieved
        self.entries[url] = entry
        return ident

    def _title(self, publisher: str, label: str) -> str:
        return f"{publisher}: {label}" if label else publisher

    def _as_of(self, as_of, url: str, entry: dict):
        text = str(as_of)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return text
        # Source.as_of is a full date; a year or month goes into the title
        entry["title"] = f"{entry['title']} (dated {text})"
        self.report.partial_as_of.append(f"{url} ({text})")
        return None

    def _unique(self, ident: str) -> str:
        ident = ident or "source"
        candidate, n = ident, 2
        while candidate in self.ids:
            candidate, n = f"{ident}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def listing(self, cited: set[str]) -> list[dict]:
        return [e for e in self.entries.values() if e["id"] in cited]


# --------------------------------------------------------------------------------------------------
# Mentions of authorities

@dataclass
class Mention:
    file: str
    name: str
    kind: str
    handles: list[str]
    sources: list[str]
    unit: str | None = None
    local: str | None = None
    zh: str | None = None
    role: list[str] = field(default_factory=list)
    designated_under: list[str] = field(default_factory=list)
    address: str | None = None
    phones: list[str] = field(default_factory=list)
    faxes: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    website: str | None = None
    hours: str | None = None
    languages: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    urgent: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    caution: str | None = None
    slug: str | None = None

    @property
    def has_contact(self) -> bool:
        return bool(self.address or self.phones or self.faxes or self.emails)


# national-authorities and country-requirements entries that name two or more bodies in one string.  Each part:
# name, and optionally unit, role, local, kind.  Contact details labelled with a body go to that part; unlabelled
# details, languages and the website go to the first part.
SPLITS = {
    ("national-authorities", "BGR", "central_authority"): [
        {"name": "Supreme Cassation Prosecutor's Office", "role": "requests in the pre-trial stage"},
        {"name": "Ministry of Justice", "unit": "Directorate for International Legal Cooperation and European Affairs", "role": "requests in the trial stage"}],
    ("national-authorities", "BGR", "extradition_authority"): [
        {"name": "Ministry of Justice", "role": "extradition requests"},
        {"name": "Supreme Cassation Prosecutor's Office", "role": "provisional arrest requests"}],
    ("national-authorities", "BLR", "central_authority"): [
        {"name": "Prosecutor General's Office", "unit": "International Legal Department", "role": "assistance on the basis of reciprocity"},
        {"name": "Supreme Court of the Republic of Belarus", "role": "assistance on the basis of reciprocity"}],
    ("national-authorities", "CUB", "central_authority"): [
        {"name": "Ministry of Justice", "role": "central authority for the bilateral agreement with Brazil and UNTOC (per Brazilian guidance)"},
        {"name": "Ministry of Foreign Affairs", "role": "central authority for UNCAC (per Brazilian guidance)"},
        {"name": "Office of the Attorney General of the Republic", "role": "central authority for the 1988 Drug Convention (per Brazilian guidance)"}],
    ("national-authorities", "CZE", "central_authority"): [
        {"name": "Supreme Public Prosecutor's Office", "role": "pre-trial stage"},
        {"name": "Ministry of Justice", "role": "after indictment and for enforcement"}],
    ("national-authorities", "DNK", "central_authority"): [
        {"name": "Ministry of Justice", "role": "central authority under UN conventions per Brazilian guidance"},
        {"name": "Director of Public Prosecutions", "unit": "Danish Prosecutions International Affairs"}],
    ("national-authorities", "HND", "central_authority"): [
        {"name": "Secretariat of the Interior, Justice and Decentralisation", "role": "UNTOC, UNCAC and Inter-American conventions"},
        {"name": "Public Ministry", "role": "1988 Drug Convention"}],
    ("national-authorities", "HUN", "central_authority"): [
        {"name": "Minister of Justice"},
        {"name": "Prosecutor General (Office of the Prosecutor General)"}],
    ("national-authorities", "HUN", "extradition_authority"): [
        {"name": "Ministry of Justice", "role": "extradition and provisional arrest in the absence of a treaty, as declared under the Budapest Convention"},
        {"name": "INTERPOL National Central Bureau", "role": "provisional arrest only", "kind": "interpol"}],
    ("country-requirements", "JPN", "central_authority"): [
        {"name": "Minister of Justice", "role": "treaty requests"},
        {"name": "Minister for Foreign Affairs", "role": "receives non-treaty requests"}],
    ("national-authorities", "LTU", "central_authority"): [
        {"name": "Ministry of Justice", "role": "centralised model"},
        {"name": "Prosecutor General's Office", "role": "centralised model"}],
    ("national-authorities", "LVA", "central_authority"): [
        {"name": "Prosecutor General's Office", "role": "pre-trial, until the case is sent to court"},
        {"name": "Ministry of Justice", "role": "trial stage"},
        {"name": "State Police", "role": "before prosecution starts", "kind": "competent-authority"}],
    ("national-authorities", "MDA", "central_authority"): [
        {"name": "Prosecutor General's Office"}, {"name": "Ministry of Justice"}],
    ("authority-contacts", "NOR", "authority"): [
        {"name": "Ministry of Justice and Public Security", "role": "overall responsibility; receives requests where direct transmission does not apply", "local": "Justis- og beredskapsdepartementet"},
        {"name": "Superior Prosecuting Authority", "role": "receives requests under the EU/Schengen framework", "local": "den høyere påtalemyndighet", "kind": "competent-authority"}],
    ("national-authorities", "PAN", "central_authority"): [
        {"name": "Ministry of Government", "unit": "National Directorate for Mutual Legal Assistance Treaties and International Cooperation (TALM)", "role": "for the Inter-American Convention and bilateral MLA treaties"},
        {"name": "Office of the Attorney General of the Nation (Procuraduría General de la Nación)", "role": "for the UN conventions"}],
    ("national-authorities", "POL", "central_authority"): [
        {"name": "Ministry of Justice", "role": "trial stage"},
        {"name": "National Prosecutor's Office", "unit": "Department of International Cooperation", "role": "investigation stage"}],
    ("national-authorities", "ROU", "central_authority"): [
        {"name": "Ministry of Justice", "unit": "Directorate for International Law and Judicial Cooperation, Division for International Judicial Cooperation in Criminal Matters", "role": "trial and execution stage"},
        {"name": "Prosecutor's Office attached to the High Court of Cassation and Justice", "role": "investigation and prosecution stage"}],
    ("country-requirements", "RUS", "central_authority"): [
        {"name": "Prosecutor General's Office of the Russian Federation"},
        {"name": "Ministry of Justice", "role": "court-related matters"}],
    ("national-authorities", "SVK", "central_authority"): [
        {"name": "Ministry of Justice of the Slovak Republic", "role": "central authority"},
        {"name": "General Prosecutor's Office", "role": "pre-trial stage"}],
    ("authority-contacts", "SVK", "authority"): [
        {"name": "District Prosecutor's Office", "role": "requests under ETS 182 art. 15(1), (3) and (4), with a copy to the General Prosecutor's Office", "kind": "competent-authority"},
        {"name": "Ministry of Justice", "role": "extradition", "handles": ["extradition"]}],
    ("authority-contacts", "UKR", "authority"): [
        {"name": "Ministry of Justice", "role": "court stage", "local": "Міністерство юстиції України"},
        {"name": "Office of the Prosecutor General", "role": "pre-trial investigation", "local": "Офіс Генерального прокурора"}],
    ("national-authorities", "UZB", "central_authority"): [
        {"name": "Prosecutor General's Office", "unit": "International Legal Department, General Prosecutor's Office", "role": "investigation-stage requests"},
        {"name": "Ministry of Justice", "role": "court-stage requests"}],
}

CIVIL_LISTING = re.compile(r"civil|hague|hcch|e-justice|apostille|legal aid|victim compensation", re.IGNORECASE)
DOUBTFUL = re.compile(r"doubtful|not a published|not the .{0,30}own published|how-to site|mirror|not confirmed|likely outdated|probably old|may be outdated|not specific to criminal", re.IGNORECASE)


def split_labelled(raw: str | None) -> dict[str | None, str]:
    """'Ministry of Justice: +40 ...; Prosecutor's Office: +40 ...' → {body slug: text}; unlabelled under None."""
    if not raw:
        return {}
    raw = str(raw)  # YAML reads an unpunctuated number such as 31889989000 as an integer
    out: dict[str | None, list[str]] = defaultdict(list)
    current = None
    for segment in re.split(r";\s*(?![^()]*\))|\.\s+(?=[A-Z][^:;]{3,80}:)", raw):
        label = re.match(r"^([A-Z][^:+\d]{3,80}):\s*(.*)$", segment)
        if label and body_slug(label.group(1)) and not re.search(r"criminal matters", label.group(1), re.IGNORECASE):
            current = body_slug(label.group(1))
            segment = label.group(2)
        trailing = re.search(r"\(([^()]*[A-Za-z]{4,}[^()]*)\)\s*$", segment)
        key = current
        if trailing and "@" in segment and body_slug(trailing.group(1)) in {r[1] for r in BODY_RULES}:
            key = body_slug(trailing.group(1))
        out[key].append(segment)
    return {k: "; ".join(v) for k, v in out.items()}


class Jurisdiction:
    """Everything gathered for one jurisdiction before it is turned into a record."""

    def __init__(self, iso3: str, report: Report):
        self.iso3 = iso3
        self.id = iso3.lower()
        country = pycountry.countries.get(alpha_3=iso3)
        self.iso2 = country.alpha_2
        self.names: dict[str, str] = {}
        self.un_name: str | None = None
        self.mentions: list[Mention] = []
        self.requirements: list[dict] = []
        self.declarations: list[dict] = []
        self.informal: list[dict] = []
        self.laws: list[dict] = []
        self.practice: list[dict] = []
        self.item_notes: list[tuple[str, list[str]]] = []
        self.dates: set[str] = set()
        self.book = SourceBook(report)
        self.report = report

    # contacts -------------------------------------------------------------------------------
    def contact(self, mention: Mention, phone: str | None, fax: str | None, email: str | None) -> None:
        for raw, kind in ((phone, "phone"), (fax, "fax")):
            if not raw:
                continue
            phones, faxes, complete = parse_phones(raw, self.iso2, kind)
            mention.phones += [p for p in phones if p not in mention.phones]
            mention.faxes += [f for f in faxes if f not in mention.faxes]
            if not complete:
                mention.notes.append(f"{kind.capitalize()} as printed by the source, not all of it a valid number today: {clean(raw)}")
                self.report.unparsed_phones.append(f"{self.id}: {clean(raw)}")
            elif re.search(r"[A-Za-z]{3,}", raw.replace("ext", "")):
                mention.notes.append(f"{kind.capitalize()} as printed by the source: {clean(raw)}")
        if email:
            found = parse_emails(email, self.report)
            mention.emails += [e for e in found if e not in mention.emails]
            if "[at]" not in email and re.search(r"\(|urgent|general", email):
                mention.notes.append(f"E-mail as printed by the source: {clean(email)}")

    def add_requirement(self, text: str, topic: str, sources: list[str], policy: str | None = None) -> None:
        text = clean(text)
        if not text:
            return
        for existing in self.requirements:
            if existing["text"] == text:
                existing["sources"] += [s for s in sources if s not in existing["sources"]]
                return
        entry = {"topic": topic, "text": text}
        if policy:
            entry["policy"] = policy
        entry["sources"] = list(sources)
        self.requirements.append(entry)

    def add_law(self, title: str, year, sources: list[str]) -> None:
        title = clean(title)
        key = re.sub(r"\W+", "", title.lower())
        for existing in self.laws:
            if re.sub(r"\W+", "", existing["title"].lower()) == key:
                existing["sources"] += [s for s in sources if s not in existing["sources"]]
                return
        entry = {"title": title}
        if year or first_year(title):
            entry["year"] = int(year or first_year(title))
        entry["sources"] = list(sources)
        self.laws.append(entry)


# --------------------------------------------------------------------------------------------------
# Reading each file into the jurisdictions

def read_national_authorities(pack: Pack, get, report: Report) -> None:
    date = FILE_DATES["national-authorities"]
    for item in pack.load("national-authorities.yaml"):
        j = get(item["iso3"], item["state"])
        j.dates.add(date)
        refs = [j.book.add(s["url"], s.get("kind"), s.get("as_of"), retrieved=date) for s in item.get("sources") or []]
        primary = None
        for field_name, base in (("central_authority", ["mla"]), ("extradition_authority", ["extradition"])):
            body = item.get(field_name)
            if not body or not body.get("name_en"):
                continue
            parts = mentions_from(j, "national-authorities", item["iso3"], field_name, body, base, refs, kind="central-authority" if field_name == "central_authority" else "competent-authority")
            if field_name == "central_authority":
                primary = parts[0]
                primary.languages += [lang for lang in languages_of(item.get("languages"), report, item["iso3"]) if lang not in primary.languages]
                primary.channels += channels_of(item.get("channels") or [])
                primary.urgent += [clean(s) for s in item.get("channels") or [] if re.search(r"urgen", s, re.IGNORECASE)]
        for statement in item.get("channels") or []:
            j.add_requirement(statement, channel_statement_topic(statement), refs)
        for statement in item.get("requirements") or []:
            j.add_requirement(statement, topic_of(statement), refs)
        for law in item.get("domestic_law") or []:
            j.add_law(law["title"], law.get("year"), refs)
        if item.get("notes"):
            target = primary.notes if primary else None
            if target is not None:
                target.append(clean(item["notes"]))
            else:
                j.item_notes.append((clean(item["notes"]), refs))


def _own(labelled: dict[str | None, str], slug: str, index: int, count: int) -> str | None:
    """The contact text that belongs to one part of an entry: all of it when the entry names one body."""
    if count == 1:
        return "; ".join(labelled.values()) or None
    return labelled.get(slug) or (labelled.get(None) if index == 0 else None)


def mentions_from(j: Jurisdiction, file: str, iso3: str, field_name: str, body: dict, base: list[str], refs: list[str], kind: str, caution: str | None = None) -> list[Mention]:
    """One mention per body named in a pack entry (two or more where SPLITS says so)."""
    name = body.get("name_en") or body.get("name")
    parts = SPLITS.get((file, iso3, field_name)) or [{"name": name, "unit": body.get("unit"), "local": body.get("name_local")}]
    phones = split_labelled(body.get("phone"))
    faxes = split_labelled(body.get("fax"))
    emails = split_labelled(body.get("email"))
    made = []
    for index, part in enumerate(parts):
        part_name, remarks = split_remark(clean(part["name"]))
        part_kind = part.get("kind", kind)
        handles = part.get("handles") or handles_of(" ".join(filter(None, [part["name"], part.get("role"), part.get("unit") if index == 0 and len(parts) == 1 else None])), base)
        mention = Mention(file=file, name=part_name, kind=part_kind, handles=handles, sources=list(refs), caution=caution)
        mention.unit = clean(part.get("unit")) if "unit" in part else None
        mention.local = clean(part.get("local")) if part.get("local") else None
        mention.role = remarks + ([part["role"]] if part.get("role") else [])
        mention.slug = body_slug(part_name)
        mention.designated_under = designations_of(" ".join([part["name"], *mention.role]))
        mention.address = clean(_own(split_labelled(body.get("address")), mention.slug, index, len(parts)))
        if index == 0:
            if len(parts) > 1 and body.get("unit") and "unit" not in part:
                mention.notes.append(f"Unit given by the source for this entry: {clean(body['unit'])}")
            if len(parts) > 1 and body.get("name_local") and not any(p.get("local") for p in parts):
                mention.notes.append(f"Local names given by the source for this entry: {clean(body['name_local'])}")
            mention.website = website_of(body.get("website"), j.report, j.id)
            mention.hours = clean(body.get("hours"))
        j.contact(mention, *(_own(d, mention.slug, index, len(parts)) for d in (phones, faxes, emails)))
        made.append(mention)
        if part_kind == "interpol":
            j.informal.append({"kind": "interpol", "name": part_name, "text": "; ".join(mention.role) or None, "sources": list(refs)})
        else:
            j.mentions.append(mention)
    return made


def read_un_notifications(pack: Pack, get, report: Report) -> None:
    for item in pack.load("un-notifications.yaml"):
        j = get(item["iso3"], item["state"])
        j.dates.add(PACK_DATE)
        instrument = INSTRUMENTS[item["instrument"]]
        source_kind = item.get("source_kind") or ""
        kind = "un-depositary" if source_kind.startswith("UN depositary") else host_kind(item["source_url"])
        title = f"{clean(source_kind)[0].upper()}{clean(source_kind)[1:]} ({host_of(item['source_url'])})" if source_kind else None
        ref = j.book.add(item["source_url"], kind, item.get("source_as_of"), title=title, original_url=item.get("original_source"))
        refs = [ref]
        channels = item.get("channels") or []
        for body in item.get("central_authorities") or []:
            mention = Mention(file="un-notifications", name="", kind="central-authority", handles=["mla"], sources=refs, designated_under=[instrument])
            mention.name, remarks = split_remark(clean(body["name"]))
            mention.role = remarks + ([body["role"]] if body.get("role") else [])
            mention.unit = clean(body.get("unit"))
            mention.address = clean(body.get("address"))
            mention.website = website_of(body.get("website"), report, j.id)
            mention.slug = body_slug(mention.name)
            mention.languages = languages_of(item.get("languages_iso639_1"), report, item["iso3"])
            mention.channels = channels_of(channels)
            if item.get("notes"):
                mention.notes.append(clean(item["notes"]))
            j.contact(mention, body.get("phone"), body.get("fax"), body.get("email"))
            j.mentions.append(mention)
        for statement in channels:
            j.add_requirement(statement, channel_statement_topic(statement), refs)
        if item.get("extradition_basis") is not None:
            value = bool(item["extradition_basis"])
            article = {"untoc": "16(5)", "uncac": "44(6)", "drugs1988": "6(3)"}[instrument]
            text = (f"Takes the Convention as the legal basis for extradition cooperation with other States Parties (art. {article})." if value
                    else f"Does not take the Convention as the legal basis for extradition cooperation with other States Parties (art. {article}).")
            declaration = {"instrument": instrument, "topic": "extradition-basis", "value": value, "text": text}
            if item.get("notification_date"):
                declaration["date"] = item["notification_date"]
            if not item.get("central_authorities") and item.get("notes"):
                declaration["notes"] = clean(item["notes"])
            declaration["sources"] = refs
            j.declarations.append(declaration)
        elif not item.get("central_authorities") and item.get("notes"):
            j.item_notes.append((clean(item["notes"]), refs))


def read_authority_contacts(pack: Pack, get, report: Report) -> None:
    date = FILE_DATES["authority-contacts"]
    role_handles = {"mla": ["mla"], "extradition": ["extradition"], "both": ["mla", "extradition"], "other": ["mla"], "24-7": ["mla"]}
    for item in pack.load("authority-contacts.yaml"):
        j = get(item["iso3"], item["state"])
        j.dates.add(date)
        refs = [j.book.add(s["url"], s.get("kind"), s.get("as_of"), retrieved=date) for s in item.get("sources") or []]
        authority, contact = item["authority"], item["contact"]
        notes = clean(item.get("notes")) or ""
        civil = bool(CIVIL_LISTING.search(notes))
        channels = item.get("channels") or []
        if authority["role"] == "24-7":
            j.informal.append(point_24_7(authority, contact, channels, notes, refs))
            continue
        kind = authority_contact_kind(authority, channels, civil)
        caution = notes if (civil or DOUBTFUL.search(notes)) else None
        body = {"name_en": authority["name_en"], "name_local": authority.get("name_local"), "unit": authority.get("unit"), **contact}
        made = mentions_from(j, "authority-contacts", item["iso3"], "authority", body, role_handles[authority["role"]], refs, kind, caution=caution)
        primary = made[0]
        primary.languages += [lang for lang in languages_of(item.get("languages"), report, item["iso3"]) if lang not in primary.languages]
        if civil:
            primary.notes += [f"Stated for civil matters by the source: {clean(c)}" for c in channels]
        else:
            primary.channels += channels_of(channels)
            primary.urgent += [clean(c) for c in channels if re.search(r"urgen", c, re.IGNORECASE)]
            for statement in channels:
                j.add_requirement(statement, channel_statement_topic(statement), refs)
        if notes and not caution:
            primary.notes.append(notes)


def point_24_7(authority: dict, contact: dict, channels: list[str], notes: str, refs: list[str]) -> dict:
    """A 24/7 point of contact: an informal channel, whose contact details (as printed) go into its text."""
    labels = {"address": "address", "phone": "phone", "fax": "fax", "email": "e-mail", "website": "website", "hours": "hours"}
    details = "; ".join(f"{label}: {clean(contact[key])}" for key, label in labels.items() if contact.get(key))
    text = " ".join(filter(None, [*(clean(c) for c in channels), f"Contact as printed by the source: {details}." if details else None]))
    entry = {"kind": "network-24-7", "name": clean(authority["name_en"]), "text": text or None}
    if notes:
        entry["notes"] = notes
    entry["sources"] = refs
    return entry


def authority_contact_kind(authority: dict, channels: list[str], civil: bool) -> str:
    """Civil-matters listings and 'other' roles are contact points; an MLA body is a central authority only
    where the item itself calls it one (an extradition-only body never is: `unknown: central-authority`
    means no MLA central authority)."""
    if civil or authority["role"] == "other":
        return "contact-point"
    described = " ".join([authority["name_en"], authority.get("unit") or "", *channels])
    if authority["role"] in ("mla", "both") and re.search(r"central (authority|institution)", described, re.IGNORECASE):
        return "central-authority"
    return "competent-authority"


DUAL_CRIMINALITY_POLICY = [
    (r"^mandatory\b|^required unless a treaty|^generally required", "all"),
    (r"(compulsory|coercive) measures only", "coercive-only"),
    (r"^applied flexibly", "discretionary"),
]


def read_country_requirements(pack: Pack, get, report: Report) -> None:
    for item in pack.load("country-requirements.yaml"):
        j = get(item["iso3"], item["state"])
        j.dates.add(PACK_DATE)
        refs = [j.book.add(s["url"], s.get("kind"), s.get("as_of")) for s in item.get("sources") or []]
        body = item["central_authority"]
        made = mentions_from(j, "country-requirements", item["iso3"], "central_authority", body, ["mla"], refs, "central-authority")
        primary = made[0]
        primary.languages += [lang for lang in languages_of(item.get("languages"), report, item["iso3"]) if lang not in primary.languages]
        primary.channels += channels_of(item.get("channels") or [])
        if item.get("urgent_procedure"):
            primary.urgent.append(clean(item["urgent_procedure"]))
            j.add_requirement(item["urgent_procedure"], "urgent", refs)
        for statement in item.get("channels") or []:
            j.add_requirement(statement, channel_statement_topic(statement), refs)
        if item.get("dual_criminality"):
            text = clean(item["dual_criminality"])
            policy = next((p for pattern, p in DUAL_CRIMINALITY_POLICY if re.search(pattern, text, re.IGNORECASE)), None)
            j.add_requirement(text, "dual-criminality", refs, policy)
        for key, topic in (("costs", "costs"), ("typical_time", "typical-time")):
            if item.get(key):
                j.add_requirement(item[key], topic, refs)
        for statement in item.get("notable_requirements") or []:
            j.add_requirement(statement, topic_of(statement), refs)
        for law in item.get("domestic_law") or []:
            j.add_law(law, None, refs)


def read_seed_practice(pack: Pack, get, report: Report) -> None:
    seed = pack.load("seed-country-practice.yaml")
    for item in seed["states"]:
        j = get(item["iso3"], item["state"])
        j.dates.add(PACK_DATE)
        document = seed["source"]
        ref = j.book.add(document["url"], document["kind"], document["as_of"], title=document["title_en"], key=document["id"])
        refs = [ref]
        for body in item.get("authorities") or []:
            role = body.get("role") or ""
            extra = [k for k, v in body.items() if k not in ("name_en", "role") and v is None]
            if extra:
                # an unquoted comma in the pack's flow mapping split the role into a stray key
                role = ", ".join([role, *extra])
                report.repaired.append(f"{item['iso3']}: authority role rejoined as {role!r}")
            name = clean(body["name_en"])
            if re.search(r"financial intelligence unit", name, re.IGNORECASE):
                j.informal.append({"kind": "fiu-egmont", "name": name, "text": clean(role), "sources": refs})
                continue
            kind = "central-authority" if re.search(r"\bcentral authority\b", role) else "competent-authority"
            handles = handles_of(role, ["mla"] if re.search(r"\bMLA\b|mutual legal assistance|requests|cooperation", role, re.IGNORECASE) else [])
            mention = Mention(file="seed", name=name, kind=kind, handles=handles or ["mla"], sources=refs, role=[clean(role)])
            mention.slug = body_slug(name)
            j.mentions.append(mention)
        if "uncac_as_mla_basis" in item:
            value = bool(item["uncac_as_mla_basis"])
            text = ("Reported to the UNCAC Conference of the States Parties that UNCAC can be used as the legal basis for mutual legal assistance." if value
                    else "Reported to the UNCAC Conference of the States Parties that it does not use UNCAC as the legal basis for mutual legal assistance.")
            declaration = {"instrument": "uncac", "topic": "mla-basis", "value": value, "text": text}
            if item.get("notes"):
                declaration["notes"] = clean(item["notes"])
            declaration["sources"] = refs
            j.declarations.append(declaration)
        elif item.get("notes"):
            j.item_notes.append((clean(item["notes"]), refs))
        if item.get("case_tracking"):
            j.practice.append({"kind": "case-tracking", "text": clean(item["case_tracking"]), "sources": refs})
        for key, kind in (("refusal_and_delay", "refusal-and-delay"), ("good_practices", "good-practice"), ("figures", "figures")):
            values = item.get(key) or []
            for text in [values] if isinstance(values, str) else values:
                j.practice.append({"kind": kind, "text": clean(text), "sources": refs})


def read_china_laws(pack: Pack, get, report: Report) -> None:
    """China's foreign-contact and competent authorities as the 2018 law (arts. 5-6) and the Extradition Law (art. 4) name them."""
    j = get("CHN", None)
    date = FILE_DATES["law"]
    icjal, extradition = pack.front_matter("cn-icjal-2018.zh.md"), pack.front_matter("cn-extradition-law-2000.zh.md")
    icjal_ref = j.book.add(icjal["source"]["url"], "secondary", icjal["adopted"]["date"], title=f"{icjal['title']} ({icjal['adopted']['date'][:4]}), text of the NPC national law database as copied in the LawRefBook/Laws repository", retrieved=date)
    extradition_ref = j.book.add(extradition["source"]["url"], "secondary", extradition["adopted"]["date"], title=f"{extradition['title']} ({extradition['adopted']['date'][:4]}), text of the NPC national law database as copied in the LawRefBook/Laws repository", retrieved=date)
    competent_role = "主管机关 (competent authority) under the International Criminal Judicial Assistance Law, art. 6: by division of responsibilities, reviews requests to be made to foreign States and examines and handles the foreign requests passed on by the foreign-contact authority"
    bodies = [
        ("Ministry of Justice of the People's Republic of China", "中华人民共和国司法部", "central-authority", ["mla", "transfer-of-sentenced-persons"], icjal_ref,
         ["对外联系机关 (foreign-contact authority): makes, receives and passes on requests for criminal judicial assistance and handles related matters (International Criminal Judicial Assistance Law, art. 5)",
          "competent authority in cases of transfer of sentenced persons (art. 6)"]),
        ("National Supervisory Commission", "国家监察委员会", "competent-authority", ["mla"], icjal_ref, [competent_role]),
        ("Supreme People's Court", "最高人民法院", "competent-authority", ["mla"], icjal_ref, [competent_role]),
        ("Supreme People's Procuratorate", "最高人民检察院", "competent-authority", ["mla"], icjal_ref, [competent_role]),
        ("Ministry of Public Security", "公安部", "competent-authority", ["mla"], icjal_ref, [competent_role]),
        ("Ministry of State Security", "国家安全部", "competent-authority", ["mla"], icjal_ref, [competent_role]),
        ("Ministry of Foreign Affairs of the People's Republic of China", "中华人民共和国外交部", "foreign-contact-authority", ["extradition"], extradition_ref,
         ["designated contact authority for extradition, which goes through the diplomatic channel (Extradition Law, art. 4); requests for extradition are made to it (art. 10)"]),
    ]
    for name, zh, kind, handles, ref, role in bodies:
        law = "cn-extradition-law-2000" if ref == extradition_ref else "cn-icjal-2018"
        mention = Mention(file="law", name=name, zh=zh, kind=kind, handles=handles, sources=[ref], role=role, designated_under=[law])
        mention.slug = body_slug(name)
        if mention.slug == "mfa":
            mention.channels = ["diplomatic"]
        j.mentions.append(mention)
    j.dates.add(date)


def china_treaty_designations(pack: Pack) -> dict[str, list[str]]:
    """Body slug → ids of China's bilateral treaties that name that body as China's central authority."""
    bodies = {"司法部": "moj", "最高人民检察院": "spp", "最高人民法院": "spc", "公安部": "mps", "外交部": "mfa"}
    found: dict[str, list[str]] = defaultdict(list)
    for treaty in pack.load("treaties/bilateral-cn.yaml")["treaties"]:
        china = (treaty.get("central_authority") or {}).get("china") or ""
        for zh, slug in bodies.items():
            if zh in china:
                found[slug].append(bilateral_id(treaty))
    return found


# --------------------------------------------------------------------------------------------------
# Merging mentions into authorities

def merge_authorities(j: Jurisdiction, designations: dict[str, list[str]]) -> list[dict]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in j.mentions:
        slug = BODY_ALIASES.get((j.id, mention.slug), mention.slug)
        groups[slug].append(mention)
    authorities = []
    used_ids: set[str] = set()
    for slug, mentions in groups.items():
        mentions.sort(key=lambda m: FILE_PRIORITY[m.file])
        ident = ID_OVERRIDES.get(f"{j.id}-{slug}", f"{j.id}-{slug}")
        n = 2
        while ident in used_ids:
            ident, n = f"{j.id}-{slug}-{n}", n + 1
        used_ids.add(ident)
        authorities.append(merge_group(j, ident, mentions, designations.get(slug, []) if j.id == "chn" else []))
    order = {k: i for i, k in enumerate(KIND_PRIORITY)}
    authorities.sort(key=lambda a: (order[a["kind"]], a["id"]))
    return authorities


def _pick(mentions: list[Mention], attribute: str, notes: list[str], label: str):
    """The first value by file priority (uncautioned details first); other distinct values go to notes."""
    ranked = sorted(mentions, key=lambda m: (m.caution is not None, FILE_PRIORITY[m.file]))
    values = [(getattr(m, attribute), m) for m in ranked if getattr(m, attribute)]
    if not values:
        return None
    chosen = values[0][0]
    seen = {_norm(chosen)}
    for value, mention in values[1:]:
        if _norm(value) not in seen and _norm(value) not in _norm(chosen) and _norm(chosen) not in _norm(value):
            seen.add(_norm(value))
            notes.append(f"{label} also given as: {value} ({', '.join(mention.sources[:3])}).")
    return chosen


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _merged_list(mentions: list[Mention], attribute: str) -> list:
    out: list = []
    for mention in sorted(mentions, key=lambda m: FILE_PRIORITY[m.file]):
        out += [v for v in getattr(mention, attribute) if v not in out]
    return out


def merge_group(j: Jurisdiction, ident: str, mentions: list[Mention], treaties: list[str]) -> dict:
    notes: list[str] = []
    kinds = {m.kind for m in mentions}
    kind = next(k for k in KIND_PRIORITY if k in kinds)
    name = {"en": mentions[0].name}
    zh = next((m.zh for m in mentions if m.zh), None)
    if zh:
        name["zh"] = zh
    local = next((m.local for m in mentions if m.local), None)
    if local and local != zh:
        name["local"] = local
    for m in mentions[1:]:
        if _norm(m.name) != _norm(name["en"]) and _norm(name["en"]) not in _norm(m.name):
            role_note = f"Also named: {m.name} ({', '.join(m.sources[:3])})."
            if role_note not in notes:
                notes.append(role_note)
    unit = _pick([m for m in mentions if not m.caution], "unit", notes, "Unit")
    for m in mentions:
        if m.caution and m.unit and m.unit != unit:
            notes.append(f"Unit named in the listing the contact details come from: {m.unit}.")
    contact = {}
    for attribute, label in (("address", "Address"), ("website", "Website")):
        value = _pick(mentions, attribute, notes if attribute == "address" else [], label)
        if value:
            contact[attribute] = value
    contact_mentions = [m for m in mentions if m.has_contact or m.website]
    phones = _merged_list(mentions, "phones")
    faxes = _merged_list(mentions, "faxes")
    emails = _merged_list(mentions, "emails")
    if phones:
        contact["phone"] = phones
    if faxes:
        contact["fax"] = faxes
    if emails:
        contact["email"] = emails
    hours = next((m.hours for m in mentions if m.hours), None)
    if hours:
        contact["hours"] = hours
    if "address" in contact:
        contact = {"address": contact.pop("address"), **contact}
    contact = {k: contact[k] for k in ("address", "phone", "fax", "email", "website", "hours") if k in contact}
    cautions = []
    for m in mentions:
        if m.caution and (m.has_contact or m.website) and m.caution not in cautions:
            cautions.append(m.caution)
    if cautions and not any(not m.caution for m in contact_mentions if m.has_contact):
        contact_caution = " ".join(cautions)
    elif cautions:
        contact_caution = "Some of these contact details carry a caution from their source: " + " ".join(cautions)
    else:
        contact_caution = None
    for m in mentions:
        for note in m.notes:
            if note not in notes:
                notes.append(note)
        if m.caution and not (m.has_contact or m.website) and m.caution not in notes:
            notes.append(m.caution)
    roles = []
    for m in mentions:
        roles += [clean(r) for r in m.role if r and clean(r) not in roles]
    designated = _merged_list(mentions, "designated_under") + [t for t in treaties]
    designated = list(dict.fromkeys(designated))
    urgent = list(dict.fromkeys(u for m in mentions for u in m.urgent if u))
    sources = list(dict.fromkeys(s for m in mentions for s in m.sources))
    dates = [FILE_DATES.get(m.file, PACK_DATE) for m in mentions]
    authority = {"id": ident, "name": name}
    if unit:
        authority["unit"] = unit
    authority["kind"] = kind
    authority["handles"] = _merged_list(mentions, "handles")
    if designated:
        authority["designated_under"] = designated
    if roles:
        authority["role"] = "; ".join(roles)
    if contact:
        authority["contact"] = contact
    if contact_caution:
        authority["contact_caution"] = contact_caution
    languages = _merged_list(mentions, "languages")
    if languages:
        authority["languages"] = languages
    channels = _merged_list(mentions, "channels")
    if channels:
        authority["channels"] = channels
    if urgent:
        authority["urgent"] = " ".join(urgent)
    authority["sources"] = sources
    if notes:
        authority["notes"] = " ".join(n if n.endswith((".", ")", "!", "?")) else n + "." for n in notes)
    authority["verified"] = max(dates)
    return authority


# --------------------------------------------------------------------------------------------------
# Jurisdiction records

def region_of(iso3: str, converter) -> str:
    continent = converter.convert(iso3, src="ISO3", to="continent")
    return {"Asia": "asia", "Europe": "europe", "Africa": "africa", "America": "americas", "Oceania": "oceania"}[continent]


def build_jurisdictions(pack: Pack, report: Report) -> list[dict]:
    import country_converter

    converter = country_converter.CountryConverter()
    found: dict[str, Jurisdiction] = {}

    def get(iso3: str, name: str | None) -> Jurisdiction:
        iso3 = iso3.upper()
        if iso3 not in found:
            found[iso3] = Jurisdiction(iso3, report)
        if name:
            found[iso3].names.setdefault(name, name)
        return found[iso3]

    for party in pack.load("un-parties.yaml"):
        if party["iso3"]:
            j = get(party["iso3"], None)
            j.un_name = j.un_name or party["state"]
    for iso3 in SARS:
        get(iso3, None)
    read_national_authorities(pack, get, report)
    read_un_notifications(pack, get, report)
    read_authority_contacts(pack, get, report)
    read_country_requirements(pack, get, report)
    read_seed_practice(pack, get, report)
    read_china_laws(pack, get, report)
    for treaty in pack.load("treaties/bilateral-cn.yaml")["treaties"]:
        get(treaty["partner"]["iso3"], treaty["partner"]["name_en"])
    designations = china_treaty_designations(pack)
    zh_names = babel.Locale("zh").territories
    records = []
    for iso3, j in sorted(found.items()):
        records.append(jurisdiction_record(j, zh_names, region_of(iso3, converter), designations))
    return records


def jurisdiction_record(j: Jurisdiction, zh_names, region: str, designations) -> dict:
    if j.iso3 in SARS:
        name = dict(SARS[j.iso3])
    else:
        # the newest files use the current UN short names ("Türkiye", "Czechia"); the 2014 copies older ones
        current = [n for n in j.names if n != j.un_name]
        name = {"en": current[-1] if current else (j.un_name or pycountry.countries.get(alpha_3=j.iso3).name)}
        name["zh"] = zh_names[j.iso2]
    authorities = merge_authorities(j, designations)
    for note, refs in j.item_notes:
        target = next((r for r in j.requirements if set(refs) & set(r["sources"])), None) or next((law for law in j.laws if set(refs) & set(law["sources"])), None)
        if target is not None:
            target["notes"] = " ".join(filter(None, [target.get("notes"), note]))
        else:
            j.report.unplaced.append(f"{j.id}: note with no fact to attach to: {note[:120]}")
    unknown = []
    if not any(a["kind"] == "central-authority" for a in authorities):
        unknown.append("central-authority")
    if not any(set(a.get("contact", {})) & {"address", "phone", "fax", "email"} for a in authorities):
        unknown.append("contacts")
    if not any(a.get("languages") for a in authorities):
        unknown.append("languages")
    record = {"id": j.id, "iso2": j.iso2, "name": name}
    if j.un_name:
        record["un_name"] = j.un_name
    record["region"] = region
    if j.iso3 in SARS:
        record["part_of"] = "chn"
    record["authorities"] = authorities
    record["unknown"] = unknown
    record["requirements"] = j.requirements
    record["declarations"] = j.declarations
    record["informal_channels"] = j.informal
    record["domestic_law"] = j.laws
    record["practice"] = j.practice
    cited = {ref for section in (authorities, j.requirements, j.declarations, j.informal, j.laws, j.practice) for item in section for ref in item["sources"]}
    if not cited:
        j.report.unplaced.append(f"{j.id}: no fact in the pack beyond the party lists (record has only `unknown`)")
    record["sources"] = j.book.listing(cited)
    record["verified"] = max(j.dates) if j.dates else PACK_DATE
    return record


# --------------------------------------------------------------------------------------------------
# Instruments

PROVISIONS = {
    # read off the texts in ../shared/sources/treaties/ (each article number checked against the text)
    "untoc": {"scope": "3", "confiscation-cooperation": "13", "asset-return": "14", "extradition": "16", "extradition-basis": "16(4)-(5)",
              "transfer-of-sentenced-persons": "17", "spontaneous-information": "18(4)", "bank-secrecy": "18(8)", "dual-criminality": "18(9)",
              "central-authority": "18(13)", "urgent": "18(13)", "languages": "18(14)", "request-contents": "18(15)", "additional-information": "18(16)",
              "video-testimony": "18(18)", "use-limitation": "18(19)", "confidentiality": "18(20)", "refusal": "18(21)", "reasons-for-refusal": "18(23)",
              "costs": "18(28)", "joint-investigations": "19", "special-investigative-techniques": "20", "transfer-of-proceedings": "21",
              "law-enforcement-cooperation": "27"},
    "uncac": {"scope": "3", "extradition": "44", "extradition-basis": "44(5)-(6)", "transfer-of-sentenced-persons": "45", "spontaneous-information": "46(4)",
              "bank-secrecy": "46(8)", "dual-criminality": "46(9)", "central-authority": "46(13)", "urgent": "46(13)", "languages": "46(14)",
              "request-contents": "46(15)", "additional-information": "46(16)", "video-testimony": "46(18)", "use-limitation": "46(19)",
              "confidentiality": "46(20)", "refusal": "46(21)", "reasons-for-refusal": "46(23)", "costs": "46(28)", "transfer-of-proceedings": "47",
              "law-enforcement-cooperation": "48", "joint-investigations": "49", "special-investigative-techniques": "50",
              "confiscation-cooperation": "55", "asset-return": "57"},
    "drugs1988": {"scope": "2", "confiscation-cooperation": "5(4)", "asset-return": "5(5)", "extradition": "6", "extradition-basis": "6(3)",
                  "bank-secrecy": "7(5)", "central-authority": "7(8)", "urgent": "7(8)", "languages": "7(9)", "request-contents": "7(10)",
                  "additional-information": "7(11)", "use-limitation": "7(13)", "confidentiality": "7(14)", "refusal": "7(15)",
                  "reasons-for-refusal": "7(16)", "costs": "7(19)", "transfer-of-proceedings": "8", "law-enforcement-cooperation": "9",
                  "joint-investigations": "9(1)(c)", "special-investigative-techniques": "11"},
}
MULTILATERAL = {
    "untoc": {
        "short_title": {"en": "UNTOC"},
        "offences": ["organized-crime", "money-laundering"],
        "scope_condition": {
            "en": "Offences established under the Convention (participation in an organized criminal group, laundering of proceeds of crime, corruption, obstruction of justice) and serious crime, that is conduct punishable by at least four years' deprivation of liberty, where the offence is transnational in nature and involves an organized criminal group (arts. 2(b) and 3); under art. 18(1) assistance is also given where the requesting State has reasonable grounds to suspect that the offence is transnational and involves an organized criminal group.",
            "zh": "依公约确立的犯罪（参加有组织犯罪集团、洗钱、腐败、妨害司法）以及严重犯罪（即可处至少四年剥夺自由的行为），且犯罪具有跨国性质并涉及有组织犯罪集团（第2条(b)项、第3条）；根据第18条第1款，请求国有合理理由怀疑犯罪具有跨国性质并涉及有组织犯罪集团时，亦应提供协助。"},
    },
    "uncac": {
        "short_title": {"en": "UNCAC"},
        "offences": ["corruption", "money-laundering"],
        "scope_condition": {
            "en": "Offences established in accordance with the Convention (art. 3; mutual legal assistance under art. 46(1)); no transnational or organized-crime element is required. Where dual criminality is absent, a requested State still gives assistance that does not involve coercive action, where this is consistent with the basic concepts of its legal system (art. 46(9)(b)).",
            "zh": "依本公约确立的犯罪（第3条；司法协助见第46条第1款），不要求具有跨国性质或涉及有组织犯罪集团。不具备双重犯罪时，被请求国在符合其法律制度基本概念的情况下，仍应提供不涉及强制性行动的协助（第46条第9款(b)项）。"},
    },
    "drugs1988": {
        "short_title": {"en": "1988 Convention"},
        "offences": ["drugs", "money-laundering"],
        "scope_condition": {
            "en": "Offences established in accordance with article 3, paragraph 1: production, trafficking and related conduct involving narcotic drugs and psychotropic substances, and the laundering of the proceeds (arts. 3(1) and 7(1)).",
            "zh": "依第3条第1款确立的犯罪：涉及麻醉药品和精神药物的生产、贩运及相关行为，以及对其收益的洗钱（第3条第1款、第7条第1款）。"},
    },
}
ACTIONS = {"ratification": "ratification", "accession": "accession", "acceptance": "acceptance", "approval": "approval", "succession": "succession", "formal confirmation": "formal-confirmation"}
BOILERPLATE_PARTY_NOTE = "Machine-readable copy of the UN Treaty Collection status table"


def party_source_title(party: dict) -> str:
    url = party["source_url"]
    chapter = re.search(r"(?:mtdsg_no=|treaties/)([XVI]+-\d+|\d+-\d+)", url)
    if "zmjones/untreaties" in url:
        return f"Machine-readable copy of the UN Treaty Collection status table, chapter {chapter.group(1) if chapter else ''} (zmjones/untreaties on GitHub)".replace("chapter  ", "")
    if "treaties.un.org" in url:
        return f"UN Treaty Collection, status of treaties, chapter {chapter.group(1)}" if chapter else "UN Treaty Collection, status of treaties"
    note = party.get("notes") or ""
    if "BGBl. III No. 232/2014" in note:
        return "Austrian Federal Law Gazette BGBl. III No. 232/2014 on the scope of UNTOC, in an English machine translation (Global-Regulation)"
    publisher = PUBLISHERS.get(host_of(url), (None, host_of(url)))[1]
    return f"{publisher}: {page_label(url)}" if page_label(url) and host_of(url) not in PUBLISHERS else publisher


def multilateral(pack: Pack, report: Report) -> list[dict]:
    parties = pack.load("un-parties.yaml")
    records = []
    for code, iid in INSTRUMENTS.items():
        front = pack.front_matter(f"{iid}.en.md")
        book = SourceBook(report)
        rows = []
        eu = None
        for party in (p for p in parties if p["instrument"] == code):
            if not party["iso3"]:
                eu = party
                continue
            kind = "un-depositary" if ("treaties.un.org" in party["source_url"] or "zmjones/untreaties" in party["source_url"]) else None
            ref = book.add(party["source_url"], kind, party.get("source_as_of"), title=party_source_title(party), original_url=party.get("original_source"))
            row = {"state": party["iso3"].lower()}
            for key, target in (("signature", "signature"), ("ratification", "consent")):
                if party.get(key):
                    row[target] = party[key]
            if party.get("action"):
                row["action"] = ACTIONS[party["action"]]
            if party.get("entry_into_force"):
                row["entry_into_force"] = party["entry_into_force"]
            if party.get("notes") and not party["notes"].startswith(BOILERPLATE_PARTY_NOTE):
                row["notes"] = clean(party["notes"])
            row["sources"] = [ref]
            rows.append(row)
        rows.sort(key=lambda r: r["state"])
        notes = ["The party list is partial: the source pack says its coverage is incomplete for States that became parties after mid-2014, and a few later parties were added from other sources (see each party's notes)."]
        if eu:
            notes.append(f"The European Union is also a party, as a regional economic integration organization (signature {eu['signature']}, {eu['action']} {eu['ratification']}); it has no jurisdiction record.")
        extra = MULTILATERAL[iid]
        adopted = front["adopted"]
        record = {
            "id": iid, "kind": "multilateral", "subject": ["mla", "extradition", "asset-recovery", "transfer-of-proceedings"] + (["transfer-of-sentenced-persons"] if iid != "drugs1988" else []),
            "scope": "criminal", "title": {"en": front["title"], "zh": front["title_zh"]}, "short_title": extra["short_title"],
            "scope_condition": extra["scope_condition"], "offences": extra["offences"], "adopted": adopted["date"], "adopted_place": adopted["place"],
            "entry_into_force": front["entry_into_force"], "depositary": front["depositary"], "registration": front["registration"],
            "texts": [{"language": "en", "path": f"kb/treaties/{iid}.en.md"}], "provisions": PROVISIONS[iid], "parties_known": "partial",
            "parties": rows, "notes": " ".join(notes), "sources": list(book.entries.values()), "verified": PACK_DATE,
        }
        records.append(record)
    return records


KIND_IDS = {"mla": "mla", "extradition": "extradition", "transfer-of-sentenced-persons": "tsp"}
SUBJECTS = {"mla": "mla", "extradition": "extradition", "transfer-of-sentenced-persons": "transfer-of-sentenced-persons"}
SCOPES = {None: "criminal", "civil and criminal": "civil-and-criminal", "civil, commercial and criminal": "civil-commercial-and-criminal"}
TEXTS = {"cn-can-mla": [("zh", "kb/treaties/cn-can-mlat-1994.zh.md")], "cn-usa-mla": [("en", "kb/treaties/cn-us-mlaa-2000.en.md"), ("zh", "kb/treaties/cn-us-mlaa-2000.zh.md")]}
ENGLISH_TITLES = {"cn-usa-mla": "cn-us-mlaa-2000.en.md"}


def bilateral_id(treaty: dict) -> str:
    return f"cn-{treaty['partner']['iso3'].lower()}-{KIND_IDS[treaty['kind']]}"


def descriptive_title(treaty: dict) -> str:
    partner = treaty["partner"]["name_en"]
    if re.match(r"(Republic|Kingdom|United|Russian|Islamic|Democratic|Federal|Lao|Philippines|Netherlands|Bolivarian|Plurinational|Czech|Dominican|Sultanate|State|Principality|Grand|Syrian|Central|Federated|Holy)\b", partner):
        partner = "the " + partner
    form = "Agreement" if "协定" in (treaty.get("title_zh") or "") else "Treaty"
    subject = {
        ("mla", "criminal"): "on Mutual Legal Assistance in Criminal Matters",
        ("mla", "civil-and-criminal"): "on Judicial Assistance in Civil and Criminal Matters",
        ("mla", "civil-commercial-and-criminal"): "on Judicial Assistance in Civil, Commercial and Criminal Matters",
        ("extradition", "criminal"): "on Extradition",
        ("transfer-of-sentenced-persons", "criminal"): "on the Transfer of Sentenced Persons",
    }[(treaty["kind"], SCOPES[treaty.get("scope")])]
    return f"{form} between the People's Republic of China and {partner} {subject}"


def bilateral(pack: Pack, report: Report) -> list[dict]:
    data = pack.load("treaties/bilateral-cn.yaml")
    records = []
    seen: Counter = Counter()
    for treaty in data["treaties"]:
        base = bilateral_id(treaty)
        seen[base] += 1
        iid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        book = SourceBook(report)
        for source in treaty["sources"]:
            book.add(source["url"], host_kind(source["url"]), title=clean(source["says"]), retrieved=data.get("retrieved", PACK_DATE))
        notes = []
        if iid in ENGLISH_TITLES:
            title_en = clean(pack.front_matter(ENGLISH_TITLES[iid])["title"])
        else:
            title_en = descriptive_title(treaty)
            notes.append("The English title is descriptive: no source in the pack gives the treaty's English title.")
        ca = treaty.get("central_authority") or {}
        sides = [{"state": "chn"}, {"state": treaty["partner"]["iso3"].lower()}]
        if ca.get("china"):
            sides[0]["central_authority"] = clean(ca["china"])
        if ca.get("partner"):
            sides[1]["central_authority"] = clean(ca["partner"])
        if ca.get("basis"):
            notes.append(f"Central authorities as named in: {clean(ca['basis'])}.")
        if treaty.get("note"):
            notes.append(clean(treaty["note"]))
        title = {"en": title_en}
        if treaty.get("title_zh"):
            title["zh"] = clean(treaty["title_zh"])
        record = {"id": iid, "kind": "bilateral", "subject": [SUBJECTS[treaty["kind"]]], "scope": SCOPES[treaty.get("scope")], "title": title}
        for key, target in (("signed", "adopted"), ("signed_place", "adopted_place"), ("in_force", "entry_into_force"), ("status", "status")):
            if treaty.get(key):
                record[target] = clean(treaty[key])
        if record.get("entry_into_force") or re.match(r"(in force|applied)", record.get("status", "")) or "in force according to" in record.get("status", ""):
            record["in_force"] = True
        elif re.search(r"pending|stalled|not ratified|awaiting|not in force", record.get("status", ""), re.I):
            record["in_force"] = False
        record["texts"] = [{"language": lang, "path": path} for lang, path in TEXTS.get(iid, [])]
        record["sides"] = sides
        if treaty.get("npcsc_ratification_decision"):
            record["npcsc_decision"] = treaty["npcsc_ratification_decision"]
        record["notes"] = " ".join(notes)
        record["sources"] = list(book.entries.values())
        record["verified"] = data.get("retrieved", PACK_DATE)
        records.append(record)
    return records


# --------------------------------------------------------------------------------------------------
# Regions vocabulary

REGIONS = {
    "id": "regions",
    "title": {"en": "Regions", "zh": "区域"},
    "entries": [
        {"id": "africa", "en": "Africa", "zh": "非洲", "definition_en": "UN M49 region Africa.", "definition_zh": "联合国M49标准中的非洲区域。", "basis": "UN M49 standard"},
        {"id": "americas", "en": "Americas", "zh": "美洲", "definition_en": "UN M49 region Americas (Latin America and the Caribbean, Northern America).", "definition_zh": "联合国M49标准中的美洲区域（拉丁美洲和加勒比、北美洲）。", "basis": "UN M49 standard"},
        {"id": "asia", "en": "Asia", "zh": "亚洲", "definition_en": "UN M49 region Asia.", "definition_zh": "联合国M49标准中的亚洲区域。", "basis": "UN M49 standard"},
        {"id": "europe", "en": "Europe", "zh": "欧洲", "definition_en": "UN M49 region Europe.", "definition_zh": "联合国M49标准中的欧洲区域。", "basis": "UN M49 standard"},
        {"id": "oceania", "en": "Oceania", "zh": "大洋洲", "definition_en": "UN M49 region Oceania.", "definition_zh": "联合国M49标准中的大洋洲区域。", "basis": "UN M49 standard"},
    ],
}


# --------------------------------------------------------------------------------------------------
# Writing

def validate_all(jurisdiction_records: list[dict], instrument_records: list[dict]) -> list[str]:
    """Every model error of every record, so one run shows them all."""
    errors = []
    for records, model in ((jurisdiction_records, models.Jurisdiction), (instrument_records, models.Instrument)):
        for record in records:
            try:
                model.model_validate(record)
            except ValidationError as exc:
                errors += [f"{record['id']}: {'.'.join(map(str, e['loc']))}: {e['msg']} ({str(e.get('input'))[:80]!r})" for e in exc.errors()]
    return errors


def write_all(out: Path, jurisdiction_records: list[dict], instrument_records: list[dict]) -> None:
    """Write each record in the canonical form `mlakb fmt` keeps."""
    for folder in ("jurisdictions", "instruments", "vocab"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for record in jurisdiction_records:
        (out / "jurisdictions" / f"{record['id']}.yaml").write_text(render(models.Jurisdiction.model_validate(record), "jurisdiction"), encoding="utf-8")
    for record in instrument_records:
        (out / "instruments" / f"{record['id']}.yaml").write_text(render(models.Instrument.model_validate(record), "instrument"), encoding="utf-8")
    (out / "vocab" / "regions.yaml").write_text(render(models.Vocabulary.model_validate(REGIONS), "vocabulary"), encoding="utf-8")


def summary(records: list[dict], multilateral_records: list[dict], bilateral_records: list[dict], report: Report) -> None:
    def has(record, test):
        return any(test(a) for a in record["authorities"])
    print(f"jurisdiction records: {len(records)}")
    print(f"  with a sourced central authority: {sum(1 for r in records if has(r, lambda a: a['kind'] == 'central-authority'))}")
    print(f"  with languages: {sum(1 for r in records if has(r, lambda a: a.get('languages')))}")
    print(f"  with any contact detail (address, phone, fax, e-mail): {sum(1 for r in records if 'contacts' not in r['unknown'])}")
    print(f"  authorities: {sum(len(r['authorities']) for r in records)}; requirements: {sum(len(r['requirements']) for r in records)}")
    print(f"instruments: {len(multilateral_records) + len(bilateral_records)} ({len(bilateral_records)} bilateral)")
    for record in multilateral_records:
        print(f"  {record['id']}: {len(record['parties'])} parties")
    for label, items in (("phones not fully readable (kept in notes)", report.unparsed_phones), ("obfuscated e-mails decoded", report.decoded_emails),
                         ("sources dated with a year or month only (date put in the title)", report.partial_as_of), ("repaired in the pack", report.repaired),
                         ("not placed", report.unplaced)):
        print(f"{label}: {len(items)}")
        for item in items:
            print(f"  - {item}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=ROOT.parent / "shared" / "sources", help="the source pack folder")
    parser.add_argument("--out", type=Path, default=ROOT / "directory", help="the directory/ folder to write into")
    args = parser.parse_args(argv)
    pack = Pack(args.pack)
    report = Report()
    records = build_jurisdictions(pack, report)
    multilateral_records = multilateral(pack, report)
    bilateral_records = bilateral(pack, report)
    errors = validate_all(records, multilateral_records + bilateral_records)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{len(errors)} records do not fit the models; nothing written", file=sys.stderr)
        return 1
    write_all(args.out, records, multilateral_records + bilateral_records)
    summary(records, multilateral_records, bilateral_records, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
