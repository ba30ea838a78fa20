"""Reading a search query: Whoosh's syntax, the glossary, and errors a person can act on.

Syntax: words are AND-ed (search() ranks the paragraphs with most of them first); "quoted phrases";
AND, OR, NOT and parentheses; wildcards (extradit*); field filters instrument:untoc, article:18,
kind:bilateral, lang:zh, title:... (article titles and chapter headings), text:...  A Chinese word is
looked up in the Chinese fields and an English one in the English fields; every glossary term is also
searched as its concept, in both languages (see glossary.py).

Cost is bounded before anything runs (QueryTooCostly): a query has at most MAX_WORDS words and
MAX_WILDCARDS wildcard, fuzzy or range terms, each wildcard needs MIN_PREFIX characters before it and
may stand for at most MAX_EXPANSIONS words of the index.
"""
from __future__ import annotations

import copy
import re

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, syntax
from whoosh.qparser.plugins import Plugin

from .analysis import CJK_CHAR
from .glossary import GlossaryPlugin
from .index import LANGUAGES
from .ranking import FreeWords

TEXT_FIELDS = [f"text_{lang}" for lang in LANGUAGES]  # headings and paragraph, see index.py
FIELDS_OF_SCRIPT = {"zh": ["text_zh"], "en": ["text_en"]}
FILTER_FIELDS = ("instrument", "article", "kind", "language", "paragraphs")
BOTH_LANGUAGES = {"title": "heading", "text": "text"}  # title:x searches heading_en and heading_zh
KINDS = ("multilateral", "bilateral", "domestic-law", "model")
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
EXPLICIT_OPERATOR = re.compile(r"\b(AND|OR|ANDNOT|ANDMAYBE)\b")
LATIN = re.compile(r"[A-Za-z]")

MAX_QUERY_CHARS = 500
MAX_WORDS = 40
MAX_WILDCARDS = 4
MIN_PREFIX = 2
MAX_EXPANSIONS = 200
SELECTING_POSTINGS = 150  # a word in more paragraphs than this only adds to the score of the others' matches


class SearchError(ValueError):
    """A query that cannot be run; the message says why, for the person who typed it."""


class QueryTooCostly(SearchError):
    """A query whose form would cost more than one search may (leading wildcards, too many terms)."""


class FieldsCheck(Plugin):
    """Unknown field names are errors (not silently searched as words); title:/text: mean both languages."""

    def __init__(self, schema_names):
        self.allowed = set(schema_names) | set(BOTH_LANGUAGES)

    def filters(self, parser):
        return [(self.check, 99)]  # after aliases (90), before field names are applied (100)

    def check(self, parser, group):
        nodes = list(group)
        out = group.empty_copy()
        i = 0
        while i < len(nodes):
            node = nodes[i]
            if isinstance(node, syntax.GroupNode):
                out.append(self.check(parser, node))
            elif isinstance(node, syntax.FieldnameNode):
                if node.fieldname not in self.allowed:
                    fields = ", ".join(sorted({"lang", *FILTER_FIELDS, *BOTH_LANGUAGES} - {"language"}))
                    raise SearchError(f"unknown field {node.fieldname!r} in the query (fields: {fields})")
                if i + 1 >= len(nodes) or nodes[i + 1].is_ws():
                    raise SearchError(f"nothing after {node.fieldname}: (write {node.fieldname}:value, no space)")
                if node.fieldname in BOTH_LANGUAGES:
                    target = nodes[i + 1]
                    pair = []
                    for lang in LANGUAGES:
                        pair += [syntax.FieldnameNode(f"{BOTH_LANGUAGES[node.fieldname]}_{lang}", node.original), copy.deepcopy(target)]
                    out.append(syntax.OrGroup(pair))
                    i += 2
                    continue
                out.append(node)
            else:
                out.append(node)
            i += 1
        return out


class ScriptFields(Plugin):
    """A word in Chinese characters is searched in the Chinese fields only, a word in Latin letters in the
    English fields only (the other language's index cannot hold it); others, such as numbers, in all."""

    def filters(self, parser):
        return [(self.route, 105)]  # after explicit field names (100), before the multifield step (110)

    def route(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.route(parser, node)
            elif node.has_fieldname and node.fieldname is None and getattr(node, "has_text", False):
                text = node.text
                script = "zh" if CJK_CHAR.search(text) else "en" if LATIN.search(text) else None
                if script:
                    node.set_fieldname(FIELDS_OF_SCRIPT[script][0], override=True)
        return group


def check_syntax(text: str) -> None:
    if not text.strip():
        raise SearchError("empty query: type one or more words")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooCostly(f"the query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are searched")
    if text.count('"') % 2:
        raise SearchError('unclosed quotation mark: close the phrase with "')
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise SearchError("a ')' closes no '(' in the query")
    if depth:
        raise SearchError("a '(' is not closed in the query")
    words = text.split()
    if words[-1] in OPERATORS or (words[0] in OPERATORS and words[0] != "NOT"):
        operator = words[-1] if words[-1] in OPERATORS else words[0]
        raise SearchError(f"the operator {operator} needs a term on each side")
    if len([w for w in words if w not in OPERATORS]) > MAX_WORDS:
        raise QueryTooCostly(f"the query has more than {MAX_WORDS} words: search for fewer at a time")


def make_parser(schema, forms) -> MultifieldParser:
    parser = MultifieldParser(TEXT_FIELDS, schema)
    parser.add_plugin(FieldAliasPlugin({"language": ["lang"], "instrument": ["treaty"]}))
    parser.add_plugin(FieldsCheck(schema.names()))
    parser.add_plugin(GlossaryPlugin(forms, tuple(BOTH_LANGUAGES)))
    parser.add_plugin(ScriptFields())
    return parser


def _bound(q: wq.Query, reader) -> None:
    """Refuse the query forms whose cost grows with the index: see the module's docstring."""
    patterns: dict[str, list[wq.Query]] = {}
    for leaf in [q] if q.is_leaf() else q.leaves():
        if isinstance(leaf, wq.Every):
            raise QueryTooCostly("a query of wildcards alone would match every paragraph: add a word")
        if isinstance(leaf, wq.MultiTerm):
            text = str(getattr(leaf, "text", "") or getattr(leaf, "start", "") or "")
            patterns.setdefault(text, []).append(leaf)
    if len(patterns) > MAX_WILDCARDS:
        raise QueryTooCostly(f"the query has {len(patterns)} wildcard, fuzzy or range terms; at most {MAX_WILDCARDS}")
    for text, leaves in patterns.items():
        literal = re.split(r"[*?\[]", text, maxsplit=1)[0]
        if isinstance(leaves[0], (wq.Wildcard, wq.Prefix)) and len(literal) < MIN_PREFIX:
            raise QueryTooCostly(f"'{text}': a wildcard needs at least {MIN_PREFIX} letters before it (e.g. extradit*)")
        if isinstance(leaves[0], wq.TermRange) and (leaves[0].start is None or leaves[0].end is None):
            raise QueryTooCostly("an open range ([a TO]) would match too many words: give both ends")
        if reader is not None:
            expanded = 0
            for leaf in leaves:
                for _ in leaf._btexts(reader):
                    expanded += 1
                    if expanded > MAX_EXPANSIONS:
                        raise QueryTooCostly(f"'{text}' stands for more than {MAX_EXPANSIONS} words of the texts: make it longer")


def parse_query(text: str, parser: MultifieldParser, reader=None) -> wq.Query:
    """The query of `text`; with `reader` (the index), wildcards are bounded by what they expand to."""
    check_syntax(text)
    try:
        q = parser.parse(text)
    except SearchError:
        raise
    except Exception as exc:  # the parser's own complaints, shown to the person who typed the query
        raise SearchError(f"cannot read the query: {exc}") from None
    if q is wq.NullQuery:
        raise SearchError("the query has no searchable words (only stop words or operators)")
    _bound(q, reader)
    return q


def only_language(q: wq.Query, lang: str) -> wq.Query:
    """The query without the alternatives (inside an OR) that search the other language's fields: with a
    language filter they cannot match, but would still be looked up."""
    other = {f"{name}_{code}" for name in ("heading", "text") for code in LANGUAGES if code != lang}
    if isinstance(q, wq.Or):
        kept = [only_language(sub, lang) for sub in q.subqueries
                if not {name for name, _ in sub.iter_all_terms()} <= other]
        if kept and len(kept) < len(q.subqueries):
            q = q.copy()
            q.subqueries = kept
            return q
    if isinstance(q, wq.CompoundQuery):
        q = q.copy()
        q.subqueries = [only_language(sub, lang) for sub in q.subqueries]
    return q


def filters(lang: str | None, instrument: str | None, kind: str | None) -> wq.Query | None:
    """The parameters of search() as a Whoosh filter."""
    terms = []
    if lang:
        if lang not in LANGUAGES:
            raise SearchError(f"unknown language {lang!r} (one of: {', '.join(LANGUAGES)})")
        terms.append(wq.Term("language", lang))
    if instrument:
        terms.append(wq.Term("instrument", instrument))
    if kind:
        if kind not in KINDS:
            raise SearchError(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
        terms.append(wq.Term("kind", kind))
    return wq.And(terms) if terms else None


def relax(strict: wq.Query, text: str, reader=None) -> FreeWords | None:
    """The query's free words, to be ranked by how many of them a paragraph has (ranking.py); filters,
    field terms and NOT clauses stay required.  None when there is nothing to relax or the query has
    explicit operators.

    With `reader`, only the selective words (in at most SELECTING_POSTINGS paragraphs, or else the rarest
    one) select paragraphs; the common ones add to the score of those.  Scoring every paragraph that has
    "State" or "request" is what made a search of a few common words cost tens of milliseconds."""
    if not isinstance(strict, wq.And) or EXPLICIT_OPERATOR.search(text):
        return None
    words, required, excluded = [], [], []
    for clause in strict.subqueries:
        names = {name for name, _ in clause.iter_all_terms()}
        if isinstance(clause, wq.Not):
            excluded.append(clause.query)
        elif names <= {*TEXT_FIELDS, "defines"} and names & set(TEXT_FIELDS):
            words.append(clause)
        else:
            required.append(clause)
    if len(words) < 2:
        return None
    selecting, scoring = words, []
    if reader is not None:
        sized = sorted(((w.estimate_size(reader), i, w) for i, w in enumerate(words)), key=lambda x: x[:2])
        selecting = [w for size, _, w in sized if size <= SELECTING_POSTINGS] or [sized[0][2]]
        scoring = [w for w in words if all(w is not s for s in selecting)]
    return FreeWords(selecting, scoring, required, excluded)
