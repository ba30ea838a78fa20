"""Text analysis for the treaty index: jieba segmentation for Chinese, Porter stemming for English, and
glossary concepts.

Chinese is segmented with rjieba (the Rust port of jieba, same dictionary and the same words on
this corpus, about ten times faster; see scripts/bench/search_bench.py).  jieba's own Whoosh
analyser is not used: it numbers tokens by character offset and adds the shorter words of its
"search" mode as extra tokens, which breaks phrase queries.  Here each word of the precise
segmentation takes the next position; when indexing, the shorter words inside a long one
(人民 in 中华人民共和国) are added at the same position, so a query for the short word finds the
long one and a phrase still needs its words side by side.

English is analysed in one pass (EnglishTokenizer), with the tokens of Whoosh's StemmingAnalyzer.

Concepts: when indexing, every place where a form of a glossary entry occurs (双重犯罪, "dual
criminality", "double criminality") also gets the entry's concept token (`§3`) spanning the form.
A glossary term in a query is then one term lookup in either language instead of one phrase per
form and field (see glossary.py), and the highlighter marks the whole form.
"""
from __future__ import annotations

import re
from collections import deque
from functools import lru_cache

import rjieba
from whoosh.analysis import Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS as WHOOSH_STOP_WORDS
from whoosh.lang.porter import stem as porter_stem

# function words that carry no meaning in a search of legal texts
CHINESE_STOP_WORDS = frozenset(
    "的 了 和 与 及 或 或者 以及 并 并且 而 且 之 其 该 此 这 那 在 是 对 于 以 由 为 将 被 把 等 也 就 都 所 个".split()
)
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with".split()
)
STOP_WORDS = CHINESE_STOP_WORDS | ENGLISH_STOP_WORDS

HAS_WORD_CHAR = re.compile(r"\w")
CJK = re.compile(r"^[\u3400-\u9fff]+$")
CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
CONCEPT_PREFIX = "§"
HEADING_END = "\x1e"  # ends the headings indexed before a paragraph (index.py); their words weigh HEADING_WEIGHT
HEADING_WEIGHT = 3.0
Forms = list[list[str]]  # one list of forms (en term, zh term, variants) per glossary entry


def concept(entry: int, form: int | None = None) -> str:
    """The index token of glossary entry `entry` (§3), or of one of its forms (§3.1): every occurrence of a
    form is indexed as both, so a query can prefer the form typed."""
    return f"{CONCEPT_PREFIX}{entry}" if form is None else f"{CONCEPT_PREFIX}{entry}.{form}"


@lru_cache(maxsize=20_000)
def _segments(text: str) -> tuple[tuple[str, int, int], ...]:
    """jieba's precise segmentation, once per text (headings repeat under every paragraph of a chapter)."""
    return tuple(rjieba.tokenize(text))


@lru_cache(maxsize=100_000)
def _sub_words(word: str) -> tuple[tuple[str, int, int], ...]:
    """The shorter words inside a long Chinese word (jieba's search mode), computed once per word."""
    return tuple((sub, s, e) for sub, s, e in rjieba.tokenize(word, mode="search") if sub != word)


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer on jieba's precise segmentation, with ordinal positions and glossary concepts."""

    def __init__(self, forms: Forms | None = None):
        chinese = sorted({f for group in forms or [] for f in group if CJK_CHAR.search(f)}, key=len, reverse=True)
        self.entry_of: dict[str, tuple[int, int]] = {}
        for i, group in enumerate(forms or []):
            for k, f in enumerate(group):
                if CJK_CHAR.search(f):
                    self.entry_of.setdefault(f, (i, k))
        self.forms = re.compile("|".join(map(re.escape, chinese))) if chinese else None

    def __eq__(self, other):
        return type(self) is type(other) and self.entry_of == other.entry_of

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield self._set(token, value, start_pos, start_char, start_char + len(value), keeporiginal)
            return
        index = mode == "index"
        heading_end = value.find(HEADING_END)
        words: list[tuple[int, int]] = []  # (start char, position) of each word, for the concepts
        pos = start_pos
        for word, start, end in _segments(value):
            if not HAS_WORD_CHAR.search(word):
                continue  # spaces and punctuation
            if word.lower() in STOP_WORDS:
                if not removestops:  # the highlighter wants every token
                    stop = self._set(token, word, pos, start_char + start, start_char + end, keeporiginal)
                    stop.stopped = True
                    yield stop
                continue
            boost = HEADING_WEIGHT if start < heading_end else 1.0
            yield self._set(token, word.lower(), pos, start_char + start, start_char + end, keeporiginal, boost)
            if index:
                words.append((end, pos))
                if len(word) > 2 and CJK.match(word):
                    for sub, s, e in _sub_words(word):
                        yield self._set(token, sub, pos, start_char + start + s, start_char + start + e, keeporiginal, boost)
            pos += 1
        if index and self.forms is not None:
            w = 0
            for m in self.forms.finditer(value):
                while w < len(words) - 1 and words[w][0] <= m.start():
                    w += 1
                position = words[w][1] if words else start_pos
                boost = HEADING_WEIGHT if m.start() < heading_end else 1.0
                entry, form = self.entry_of[m.group()]
                for text in (concept(entry), concept(entry, form)):
                    yield self._set(token, text, position, start_char + m.start(), start_char + m.end(), keeporiginal, boost)

    @staticmethod
    def _set(token, text, pos, startchar, endchar, keeporiginal, boost=1.0):
        token.text = text
        token.boost = boost
        token.stopped = False
        if keeporiginal:
            token.original = text
        if token.positions:
            token.pos = pos
        if token.chars:
            token.startchar, token.endchar = startchar, endchar
        return token


ENGLISH_WORD = re.compile(r"[\w*]+(?:\.?[\w*]+)*")
stem = lru_cache(maxsize=100_000)(porter_stem)  # the Porter stem of a lowercased word, cached


class EnglishTokenizer(Tokenizer):
    """Words, lowercased, without stop words (Whoosh's list) and one-letter words, Porter-stemmed, in one
    pass: the same tokens as Whoosh's StemmingAnalyzer, at a fraction of the cost of its five generators.
    When indexing, a run of stems equal to a glossary form adds the entry's concept token spanning it."""

    def __init__(self, forms: Forms | None = None):
        self.by_last: dict[str, list[tuple[tuple[str, ...], int, int]]] = {}
        seen = set()
        for entry, group in enumerate(forms or []):
            for k, form in enumerate(group):
                if CJK_CHAR.search(form):
                    continue
                stems = tuple(t.text for t in EnglishTokenizer()(form))
                if stems and (stems, entry) not in seen:  # forms with the same stems are one form
                    seen.add((stems, entry))
                    self.by_last.setdefault(stems[-1], []).append((stems, entry, k))
        self.longest = max((len(s) for candidates in self.by_last.values() for s, _, _ in candidates), default=0)

    def __eq__(self, other):
        return type(self) is type(other) and self.by_last == other.by_last

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.text, token.boost, token.stopped = value, 1.0, False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        concepts = bool(self.by_last) and mode == "index"
        heading_end = value.find(HEADING_END)
        recent: deque = deque(maxlen=self.longest or 1)
        pos = start_pos
        for m in ENGLISH_WORD.finditer(value):
            word = m.group().lower()
            stopped = len(word) < 2 or word in WHOOSH_STOP_WORDS
            if stopped and removestops:
                continue
            token.text = word if stopped else stem(word)
            token.boost, token.stopped = HEADING_WEIGHT if m.start() < heading_end else 1.0, stopped
            if keeporiginal:
                token.original = m.group()
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + m.start(), start_char + m.end()
            yield token
            if stopped:
                continue
            if concepts:
                text = token.text
                recent.append((text, pos, m.start()))
                candidates = self.by_last.get(text)
                if candidates:
                    stems_before = tuple(r[0] for r in recent)
                for stems, entry, form in candidates or ():
                    n = len(stems)
                    if n <= len(recent) and stems_before[-n:] == stems:
                        first = recent[-n]
                        for token.text in (concept(entry), concept(entry, form)):
                            if positions:
                                token.pos = first[1]
                            if chars:
                                token.startchar, token.endchar = start_char + first[2], start_char + m.end()
                            yield token
            pos += 1


def chinese_analyzer(forms: Forms | None = None):
    return ChineseTokenizer(forms)


def english_analyzer(forms: Forms | None = None):
    return EnglishTokenizer(forms)


ANALYZERS = {"zh": chinese_analyzer, "en": english_analyzer}
