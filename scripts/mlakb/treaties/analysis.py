"""Text analysis for the treaty index: jieba segmentation for Chinese, Porter stemming for English.

Chinese is segmented with rjieba (the Rust port of jieba, same dictionary and the same words on
this corpus, about ten times faster; see scripts/bench/search_bench.py).  jieba's own Whoosh
analyser is not used: it numbers tokens by character offset and adds the shorter words of its
"search" mode as extra tokens, which breaks phrase queries.  Here each word of the precise
segmentation takes the next position; when indexing, the shorter words inside a long one
(人民 in 中华人民共和国) are added at the same position, so a query for the short word finds the
long one and a phrase still needs its words side by side.
"""
from __future__ import annotations

import re

import rjieba
from whoosh.analysis import LowercaseFilter, StemmingAnalyzer, Token, Tokenizer

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


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer on jieba's precise segmentation, with ordinal positions."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield self._set(token, value, start_pos, start_char, start_char + len(value), keeporiginal)
            return
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
            if mode == "index" and len(word) > 2 and CJK.match(word):
                for sub, s, e in rjieba.tokenize(word, mode="search"):
                    if sub != word:
                        yield self._set(token, sub, pos, start_char + start + s, start_char + start + e, keeporiginal)
            pos += 1

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


def chinese_analyzer():
    return ChineseTokenizer() | LowercaseFilter()


def english_analyzer():
    return StemmingAnalyzer()


ANALYZERS = {"zh": chinese_analyzer, "en": english_analyzer}
