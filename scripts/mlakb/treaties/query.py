"""Reading a search query: Whoosh's syntax, the glossary, and errors a person can act on.

Syntax: words are AND-ed (search() then adds the best partial matches); "quoted phrases"; AND, OR,
NOT and parentheses; field filters instrument:untoc, article:18, kind:bilateral, lang:zh, title:...,
text:...  Every glossary term is also searched in its other forms and in the other language (see
glossary.py).
"""
from __future__ import annotations

import copy
import re

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, syntax
from whoosh.qparser.plugins import Plugin

from .glossary import Forms, GlossaryPlugin
from .index import LANGUAGES

TEXT_FIELDS = [f"{name}_{lang}" for name in ("title", "text") for lang in LANGUAGES]
FILTER_FIELDS = ("instrument", "article", "kind", "language", "paragraphs")
BOTH_LANGUAGES = ("title", "text")  # title:x searches title_en and title_zh
KINDS = ("multilateral", "bilateral", "domestic-law", "model")
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
EXPLICIT_OPERATOR = re.compile(r"\b(AND|OR|ANDNOT|ANDMAYBE)\b")


class SearchError(ValueError):
    """A query that cannot be run; the message says why, for the person who typed it."""


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
                        pair += [syntax.FieldnameNode(f"{node.fieldname}_{lang}", node.original), copy.deepcopy(target)]
                    out.append(syntax.OrGroup(pair))
                    i += 2
                    continue
                out.append(node)
            else:
                out.append(node)
            i += 1
        return out


def check_syntax(text: str) -> None:
    if not text.strip():
        raise SearchError("empty query: type one or more words")
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


def make_parser(schema, forms: Forms) -> MultifieldParser:
    parser = MultifieldParser(TEXT_FIELDS, schema)
    parser.add_plugin(FieldAliasPlugin({"language": ["lang"], "instrument": ["treaty"]}))
    parser.add_plugin(FieldsCheck(schema.names()))
    parser.add_plugin(GlossaryPlugin(forms, BOTH_LANGUAGES))
    return parser


def parse_query(text: str, parser: MultifieldParser) -> wq.Query:
    check_syntax(text)
    try:
        q = parser.parse(text)
    except SearchError:
        raise
    except Exception as exc:  # the parser's own complaints, shown to the person who typed the query
        raise SearchError(f"cannot read the query: {exc}") from None
    if q is wq.NullQuery:
        raise SearchError("the query has no searchable words (only stop words or operators)")
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


def relax(strict: wq.Query, text: str) -> wq.Query | None:
    """The query with its free words OR-ed (more of them scoring higher); filters, field terms and NOT
    clauses stay required.  None when there is nothing to relax or the query has explicit operators."""
    if not isinstance(strict, wq.And) or EXPLICIT_OPERATOR.search(text):
        return None
    words, required = [], []
    for clause in strict.subqueries:
        free = not isinstance(clause, wq.Not) and {name for name, _ in clause.iter_all_terms()} == set(TEXT_FIELDS)
        (words if free else required).append(clause)
    if len(words) < 2:
        return None
    either = wq.Or(words, scale=0.9)
    return wq.And([*required, either]) if required else either
