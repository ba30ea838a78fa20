"""The bilingual glossary as query expansion: 双重犯罪 also searches "dual criminality", and back.

A query term that is a glossary term or variant, in either language, is OR-ed with every other form
of the same entry.  English forms are compared after stemming (so "central authorities" matches
the entry "central authority"); Chinese forms are found inside a run of characters, longest
first.  A quoted phrase is expanded only when it is a glossary form as a whole; a term with a
field prefix is left as it is, except the prefixes that mean both languages (title:, text:).
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from whoosh.qparser import syntax
from whoosh.qparser.plugins import PhrasePlugin, Plugin

from .analysis import english_analyzer

CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
# the other forms weigh less than what was typed, so a term found as typed ranks first
ALTERNATIVE_BOOST = 0.25
Forms = list[list[str]]  # one list of forms (en term, zh term, variants) per glossary entry


def load_glossary(path: Path) -> Forms:
    """The glossary entries as lists of forms; none when the file does not exist."""
    if not path.is_file():
        return []
    from ..records.directory import parse
    from ..records.loader import load
    from ..records.problems import RecordError

    doc = load(path, str(path))
    record, problems = parse(doc, "glossary")
    if record is None:
        raise RecordError(problems)
    return [[t.en, *t.variants_en, t.zh, *t.variants_zh] for t in record.terms]


def save_forms(forms: Forms, path: Path) -> None:
    path.write_text(json.dumps(forms, ensure_ascii=False, indent=0), encoding="utf-8")


def read_forms(path: Path) -> Forms:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


class GlossaryPlugin(Plugin):
    """A query-parser filter that puts the other forms of a glossary entry beside the one typed."""

    def __init__(self, forms: Forms, both_language_fields: tuple[str, ...] = ()):
        self.forms = forms
        self.both_language_fields = set(both_language_fields)
        self._stem = english_analyzer()
        self.english: dict[tuple[str, ...], int] = {}
        self.chinese: dict[str, int] = {}
        for entry, group in enumerate(forms):
            for form in group:
                if CJK_CHAR.search(form):
                    self.chinese.setdefault(form, entry)
                elif key := self._key(form):
                    self.english.setdefault(key, entry)
        self.longest_english = max((len(k) for k in self.english), default=0)
        self.chinese_by_length = sorted(self.chinese, key=len, reverse=True)

    def _key(self, text: str) -> tuple[str, ...]:
        return tuple(t.text for t in self._stem(text))

    def filters(self, parser):
        # after the groups are built (0), before field names are applied (100)
        return [(self.expand, 95)]

    def _alternatives(self, entry: int, original: syntax.SyntaxNode, typed: str) -> syntax.GroupNode:
        others = []
        for form in self.forms[entry]:
            if form != typed:
                phrase = PhrasePlugin.PhraseNode(form, 0)
                # the parser attaches the typed span to each query; point it at what was typed
                phrase.startchar = getattr(original, "startchar", None)
                phrase.endchar = getattr(original, "endchar", None)
                others.append(phrase)
        # the boost sits on the group: the multifield step resets the boost of each phrase
        return syntax.OrGroup([original, syntax.OrGroup(others, boost=ALTERNATIVE_BOOST)]) if others else original

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
        if not CJK_CHAR.search(text) or not self.chinese:
            return [node]
        parts: list[syntax.SyntaxNode] = []
        rest = ""
        i = 0
        while i < len(text):
            form = next((f for f in self.chinese_by_length if text.startswith(f, i)), None)
            if form is None:
                rest += text[i]
                i += 1
                continue
            if rest:
                parts.append(self._word(node, rest))
                rest = ""
            parts.append(self._alternatives(self.chinese[form], self._word(node, form), form))
            i += len(form)
        if rest:
            parts.append(self._word(node, rest))
        return parts

    @staticmethod
    def _word(node: syntax.WordNode, text: str) -> syntax.WordNode:
        word = copy.copy(node)
        word.text = text
        return word
