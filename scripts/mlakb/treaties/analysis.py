"""Text analysis for the treaty index: jieba segmentation for Chinese, Porter stemming for English, and
glossary concepts.

Chinese is segmented with rjieba (the Rust port of jieba, same dictionary and the same words on
this corpus, about ten times faster; see scripts/bench/search_bench.py).  jieba's own Whoosh
analyser is not used: it numbers tokens by character offset and adds the shorter words of its
"search" mode as extra tokens, which breaks phrase queries.  Here each word of the precise
segmentation takes the next position; when indexing, the shorter words inside a long one
(人民 in 中华人民共和国) are added at the same position, so a query for the short word finds the
long one and a phrase still needs its words side by side.

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
from whoosh.analysis import Filter, LowercaseFilter, StemmingAnalyzer, Token, Tokenizer

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
Forms = list[list[str]]  # one list of forms (en term, zh term, variants) per glossary entry


def concept(entry: int) -> str:
    """The index token of glossary entry `entry`."""
    return f"{CONCEPT_PREFIX}{entry}"


@lru_cache(maxsize=100_000)
def _sub_words(word: str) -> tuple[tuple[str, int, int], ...]:
    """The shorter words inside a long Chinese word (jieba's search mode), computed once per word."""
    return tuple((sub, s, e) for sub, s, e in rjieba.tokenize(word, mode="search") if sub != word)


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer on jieba's precise segmentation, with ordinal positions and glossary concepts."""

    def __init__(self, forms: Forms | None = None):
        chinese = sorted({f for group in forms or [] for f in group if CJK_CHAR.search(f)}, key=len, reverse=True)
        self.entry_of = {f: i for i, group in enumerate(forms or []) for f in group if CJK_CHAR.search(f)}
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
        words: list[tuple[int, int]] = []  # (start char, position) of each word, for the concepts
        pos = start_pos
        for word, start, end in rjieba.tokenize(value):
            if not HAS_WORD_CHAR.search(word):
                continue  # spaces and punctuation
            if word.lower() in STOP_WORDS:
                if not removestops:  # the highlighter wants every token
                    stop = self._set(token, word, pos, start_char + start, start_char + end, keeporiginal)
                    stop.stopped = True
                    yield stop
                continue
            yield self._set(token, word, pos, start_char + start, start_char + end, keeporiginal)
            if index:
                words.append((end, pos))
                if len(word) > 2 and CJK.match(word):
                    for sub, s, e in _sub_words(word):
                        yield self._set(token, sub, pos, start_char + start + s, start_char + start + e, keeporiginal)
            pos += 1
        if index and self.forms is not None:
            w = 0
            for m in self.forms.finditer(value):
                while w < len(words) - 1 and words[w][0] <= m.start():
                    w += 1
                position = words[w][1] if words else start_pos
                yield self._set(token, concept(self.entry_of[m.group()]), position,
                                start_char + m.start(), start_char + m.end(), keeporiginal)

    @staticmethod
    def _set(token, text, pos, startchar, endchar, keeporiginal):
        token.text = text
        token.boost = 1.0
        token.stopped = False
        if keeporiginal:
            token.original = text
        if token.positions:
            token.pos = pos
        if token.chars:
            token.startchar, token.endchar = startchar, endchar
        return token


class ConceptFilter(Filter):
    """After stemming: when indexing, a run of stems equal to a glossary form adds the entry's concept token."""

    def __init__(self, forms: Forms | None = None):
        stem = StemmingAnalyzer()
        self.by_last: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        seen = set()
        for entry, group in enumerate(forms or []):
            for form in group:
                if CJK_CHAR.search(form):
                    continue
                stems = tuple(t.text for t in stem(form))
                if stems and (stems, entry) not in seen:
                    seen.add((stems, entry))
                    self.by_last.setdefault(stems[-1], []).append((stems, entry))
        self.longest = max((len(s) for forms_ in self.by_last.values() for s, _ in forms_), default=0)

    def __eq__(self, other):
        return type(self) is type(other) and self.by_last == other.by_last

    def __call__(self, tokens):
        if not self.by_last:
            yield from tokens
            return
        recent: deque = deque(maxlen=self.longest)
        for t in tokens:
            yield t
            if t.mode != "index":
                continue
            text, pos, chars = t.text, getattr(t, "pos", 0), t.chars
            recent.append((text, pos, t.startchar if chars else 0, t.endchar if chars else 0))
            candidates = self.by_last.get(text)
            if not candidates:
                continue
            end = recent[-1][3]
            for stems, entry in candidates:
                n = len(stems)
                if n <= len(recent) and all(recent[-n + k][0] == stems[k] for k in range(n - 1)):
                    first = recent[-n]
                    t.text = concept(entry)
                    if t.positions:
                        t.pos = first[1]
                    if chars:
                        t.startchar, t.endchar = first[2], end
                    yield t


def chinese_analyzer(forms: Forms | None = None):
    return ChineseTokenizer(forms) | LowercaseFilter()


def english_analyzer(forms: Forms | None = None):
    return StemmingAnalyzer() | ConceptFilter(forms)


ANALYZERS = {"zh": chinese_analyzer, "en": english_analyzer}
