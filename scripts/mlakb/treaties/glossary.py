"""The bilingual glossary in search: 双重犯罪 also finds "dual criminality", and back; the articles a
term's entry cites as its basis answer a query for the term first.

Expansion: a query term that is a glossary term or variant, in either language, is searched as the
entry's concept (every place any of its forms occurs, see analysis.py): one term per field, instead of
a phrase per form and field.  Texts in the language typed weigh more than the other language's.  English forms are compared after stemming (so
"central authorities" matches the entry "central authority"); Chinese forms are found inside a run of
characters, longest first.  A quoted phrase is expanded only when it is a glossary form as a whole; a
term with a field prefix is left as it is, except the prefixes that mean both languages (title:, text:).

Definitions: an entry's `basis` ("UNTOC art. 18(13); 国际刑事司法协助法 第五条") names the articles that
define the term or assign what it names; a chapter it names (监察法 第六章) stands for the chapter's
opening article.  Their paragraphs are indexed with the entry (the `defines` field), and a query for
the term gives them a bonus: the defining article comes before those that only use the word.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as wq
from whoosh.qparser import syntax
from whoosh.qparser.plugins import PhrasePlugin, Plugin

from .analysis import CJK_CHAR, Forms, concept, english_analyzer
from .articles import cn_number

# the other forms weigh less than what was typed, so a term found as typed ranks first
ALTERNATIVE_BOOST = 0.4
DEFINITION_BOOST = 4.0  # a paragraph the entry cites as its basis
DEFINES_FIELD = "defines"

# how the glossary's `basis` names instruments
CITED_AS = {
    "UNTOC Trafficking in Persons Protocol": "untoc-tip-protocol",
    "UNTOC Smuggling of Migrants Protocol": "untoc-smuggling-protocol",
    "UNTOC Firearms Protocol": "untoc-firearms-protocol",
    "UNTOC": "untoc", "UNCAC": "uncac", "1988 Convention": "drugs1988", "ICSFT": "icsft", "CETS 209": "ets209",
    "国际刑事司法协助法": "cn-icjal-2018", "引渡法": "cn-extradition-law-2000", "监察法": "cn-supervision-law-2024",
    "反洗钱法": "cn-aml-law-2024", "刑事诉讼法": "cn-criminal-procedure-law-2018",
    "反有组织犯罪法": "cn-anti-organized-crime-law-2021", "反电信网络诈骗法": "cn-anti-telecom-fraud-law-2022",
}
COUNCIL_OF_EUROPE = re.compile(r"^(C?ETS) (\d{3})$")
EN_REF = re.compile(r"^(.+?) arts?\. (.+)$")
ZH_REF = re.compile(r"^(\S+?法) (第.+)$")
EN_ITEM = re.compile(r"^(\d+)?((?:\([0-9a-z]+\))*)(?:-(\d+)?((?:\([0-9a-z]+\))*))?$")
CN_NUMERAL = "零〇一二两三四五六七八九十百千"
ZH_ARTICLES = re.compile(rf"第([{CN_NUMERAL}]+)条(?:至第([{CN_NUMERAL}]+)条)?")
ZH_DIVISION = re.compile(rf"第[{CN_NUMERAL}]+[编章节]")


@dataclass(frozen=True)
class Ref:
    """An article (or one of its paragraphs), or a division (chapter, part), that an entry cites."""
    instrument: str
    article: str | None = None
    paragraph: str | None = None
    divisions: tuple[str, ...] = ()  # ("第五编", "第三章"): a paragraph under all of them


def _instrument(name: str) -> str | None:
    if name in CITED_AS:
        return CITED_AS[name]
    if m := COUNCIL_OF_EUROPE.match(name):
        return f"{m.group(1).lower()}{m.group(2)}"
    return None


def _first_paragraph(brackets: str) -> str | None:
    m = re.match(r"\((\d+)\)", brackets or "")
    return m.group(1) if m else None


def parse_basis(text: str | None) -> list[Ref]:
    """The articles, paragraphs and divisions a `basis` cites; names it does not know are skipped."""
    refs: list[Ref] = []
    for part in (text or "").split(";"):
        part = part.strip()
        if m := EN_REF.match(part):
            instrument = _instrument(m.group(1))
            if instrument is None:
                continue
            article = None
            for item in (i.strip() for i in m.group(2).split(",")):
                im = EN_ITEM.match(item)
                if not im:
                    continue
                first, brackets, last, last_brackets = im.groups()
                article = first or article
                if article is None:
                    continue
                start, end = _first_paragraph(brackets), _first_paragraph(last_brackets)
                if last and not last_brackets:  # 51-59: articles
                    refs += [Ref(instrument, str(n)) for n in range(int(article), int(last) + 1)]
                elif start and end:  # 18(13)-(15): paragraphs
                    refs += [Ref(instrument, article, str(n)) for n in range(int(start), int(end) + 1)]
                elif first or start:
                    refs.append(Ref(instrument, article, start))
        elif m := ZH_REF.match(part):
            instrument = _instrument(m.group(1))
            if instrument is None:
                continue
            for piece in re.split("[、，,]", m.group(2)):  # 第二条、第六章: an article and a chapter
                for am in ZH_ARTICLES.finditer(piece):
                    first = cn_number(am.group(1))
                    last = cn_number(am.group(2)) if am.group(2) else first
                    refs += [Ref(instrument, str(n)) for n in range(first, last + 1)]
                if not ZH_ARTICLES.search(piece) and (divisions := tuple(ZH_DIVISION.findall(piece))):
                    refs.append(Ref(instrument, divisions=divisions))
    return refs


class Glossary:
    """Forms of each entry (for expansion) and the references of each (for the `defines` field)."""

    def __init__(self, forms: Forms, refs: list[list[Ref]] | None = None):
        self.forms = forms
        self.refs = refs or [[] for _ in forms]
        self._by_article: dict[tuple[str, str], list[tuple[str | None, int]]] = {}
        self._by_division: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for entry, entry_refs in enumerate(self.refs):
            for ref in entry_refs:
                if ref.article is not None:
                    self._by_article.setdefault((ref.instrument, ref.article), []).append((ref.paragraph, entry))
                elif ref.divisions:
                    self._by_division.setdefault(ref.instrument, []).append((ref.divisions, entry))

    def __len__(self) -> int:
        return len(self.forms)

    def defined_in(self, instrument: str, article: str, paragraph: str | None) -> list[int]:
        """The entries that cite this paragraph or its article."""
        return sorted({e for p, e in self._by_article.get((instrument, article), ()) if p is None or p == paragraph})

    def opened_by(self, instrument: str, articles) -> dict[str, list[int]]:
        """For the entries that cite a division (a chapter) of `instrument`: the article that opens it, which
        in China's laws sets the scope of the chapter's measure or procedure.  `articles`: (number, part)."""
        opened: dict[str, list[int]] = {}
        pending = list(self._by_division.get(instrument, ()))
        for number, part in articles:
            headings = [h.replace(" ", "") for h in (part or "").split(" / ")]
            for ref in [r for r in pending if all(any(h.startswith(d) for h in headings) for d in r[0])]:
                opened.setdefault(number, []).append(ref[1])
                pending.remove(ref)
        return opened


def load_glossary(path: Path) -> Glossary:
    """The glossary's forms and basis references; an empty glossary when the file does not exist."""
    if not path.is_file():
        return Glossary([])
    from ..records.directory import parse
    from ..records.loader import load
    from ..records.problems import RecordError

    doc = load(path, str(path))
    record, problems = parse(doc, "glossary")
    if record is None:
        raise RecordError(problems)
    return Glossary([[t.en, *t.variants_en, t.zh, *t.variants_zh] for t in record.terms],
                    [parse_basis(t.basis) for t in record.terms])


def save_forms(forms: Forms, path: Path) -> None:
    path.write_text(json.dumps(forms, ensure_ascii=False, indent=0), encoding="utf-8")


def read_forms(path: Path) -> Forms:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


class ConceptNode(syntax.SyntaxNode):
    """A glossary entry in a parsed query, in place of the form typed: its concept token in the texts (with
    their headings) of both languages (the typed form's language at full weight, the other at ALTERNATIVE_BOOST),
    and in `defines`, where the entry's basis cites the paragraph.  A field prefix (title:) keeps it to that field."""

    def __init__(self, entry: int, original: syntax.SyntaxNode, typed_language: str, form: int):
        self.entry = entry
        self.form = form
        self.typed_language = typed_language
        self.only: str | None = None
        self.startchar = getattr(original, "startchar", None)
        self.endchar = getattr(original, "endchar", None)

    def r(self):
        return f"concept {self.entry}"

    def set_fieldname(self, name, override=False):
        if name is not None and (override or self.only is None):
            self.only = name

    def query(self, parser):
        token = concept(self.entry)
        if self.only is not None:
            return wq.Term(self.only, token)
        terms = [wq.Term(f"text_{self.typed_language}", concept(self.entry, self.form), boost=1.0 - ALTERNATIVE_BOOST)]
        terms += [wq.Term(f"text_{lang}", token, boost=ALTERNATIVE_BOOST) for lang in ("en", "zh")]
        terms.append(wq.Term(DEFINES_FIELD, token, boost=DEFINITION_BOOST))
        return wq.Or(terms)


class GlossaryPlugin(Plugin):
    """A query-parser filter that puts a glossary entry's concept beside the form typed."""

    def __init__(self, forms: Forms, both_language_fields: tuple[str, ...] = ()):
        self.forms = forms
        self.both_language_fields = set(both_language_fields)
        self._stem = english_analyzer()
        self._keys: dict[str, tuple[str, ...]] = {}  # the stems of a run of words, computed once
        self.english: dict[tuple[str, ...], int] = {}
        self.chinese: dict[str, int] = {}
        for entry, group in enumerate(forms):
            for form in group:
                if CJK_CHAR.search(form):
                    self.chinese.setdefault(form, entry)
                elif key := self._key(form):
                    self.english.setdefault(key, entry)
        self.longest_english = max((len(k) for k in self.english), default=0)
        self.chinese_pattern = re.compile("|".join(map(re.escape, sorted(self.chinese, key=len, reverse=True)))) if self.chinese else None

    def _key(self, text: str) -> tuple[str, ...]:
        key = self._keys.get(text)
        if key is None:
            if len(self._keys) >= 10_000:  # the runs of words of the queries seen
                self._keys.clear()
            key = self._keys[text] = tuple(t.text for t in self._stem(text))
        return key

    def filters(self, parser):
        # after the groups are built (0), before field names are applied (100)
        return [(self.expand, 95)]

    def _alternatives(self, entry: int, original: syntax.SyntaxNode, typed: str) -> syntax.SyntaxNode:
        # the concept stands for the typed form too: its token is indexed wherever any form occurs
        if CJK_CHAR.search(typed):
            return ConceptNode(entry, original, "zh", self.forms[entry].index(typed) if typed in self.forms[entry] else 0)
        key = self._key(typed)
        form = next((k for k, f in enumerate(self.forms[entry]) if not CJK_CHAR.search(f) and self._key(f) == key), 0)
        return ConceptNode(entry, original, "en", form)

    def expand(self, parser, group):
        nodes = list(group)
        out = group.empty_copy()
        i = 0
        while i < len(nodes):
            node = nodes[i]
            previous = nodes[i - 1] if i else None
            fielded = isinstance(previous, syntax.FieldnameNode) and previous.fieldname not in self.both_language_fields
            if isinstance(node, syntax.GroupNode):
                out.append(self.expand(parser, node))
            elif fielded or not getattr(node, "has_text", False):
                out.append(node)
            elif isinstance(node, PhrasePlugin.PhraseNode):
                entry = self._phrase_entry(node.text)
                out.append(node if entry is None else self._alternatives(entry, node, node.text))
            elif isinstance(node, syntax.WordNode):
                consumed = self._english_run(nodes, i, out)
                if consumed:
                    i += consumed
                    continue
                parts = self._chinese_parts(node)
                # the pieces of one typed word are all required, whatever the query's default
                out.append(parts[0] if len(parts) == 1 else syntax.AndGroup(parts))
            else:
                out.append(node)
            i += 1
        return out

    def _phrase_entry(self, text: str) -> int | None:
        if text in self.chinese:
            return self.chinese[text]
        key = self._key(text)
        return self.english.get(key) if key else None

    def _english_run(self, nodes: list, i: int, out) -> int:
        """Match the longest glossary form starting at nodes[i]; return how many nodes it used."""
        words: list[tuple[int, str]] = []
        j = i
        while j < len(nodes) and isinstance(nodes[j], syntax.WordNode) and len(words) < self.longest_english:
            words.append((j, nodes[j].text))
            if j + 2 < len(nodes) and isinstance(nodes[j + 1], syntax.Whitespace):
                j += 2
            else:
                break
        for n in range(len(words), 0, -1):
            typed = " ".join(w for _, w in words[:n])
            key = self._key(typed)
            if key and key in self.english:
                last = words[n - 1][0]
                run = [nodes[k] for k in range(i, last + 1) if isinstance(nodes[k], syntax.WordNode)]
                original = run[0] if len(run) == 1 else syntax.AndGroup(run)
                out.append(self._alternatives(self.english[key], original, typed))
                return last - i + 1
        return 0

    def _chinese_parts(self, node: syntax.WordNode) -> list[syntax.SyntaxNode]:
        text = node.text
        if self.chinese_pattern is None or not CJK_CHAR.search(text):
            return [node]
        parts: list[syntax.SyntaxNode] = []
        last = 0
        for m in self.chinese_pattern.finditer(text):
            if m.start() > last:
                parts.append(self._word(node, text[last:m.start()]))
            parts.append(self._alternatives(self.chinese[m.group()], self._word(node, m.group()), m.group()))
            last = m.end()
        if last < len(text):
            parts.append(self._word(node, text[last:]))
        return parts or [node]

    @staticmethod
    def _word(node: syntax.WordNode, text: str) -> syntax.WordNode:
        word = copy.copy(node)
        word.text = text
        return word
