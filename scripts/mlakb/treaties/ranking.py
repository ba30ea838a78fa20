"""Ranking a query of free words in one pass over the postings (search.py).

A paragraph with every word of the query scores (1 + ALL_WORDS_BOOST) times the sum of its words'
scores, one with some of them that sum: what Whoosh computes for `strict OR relaxed` (the words
AND-ed, and OR-ed), without building and walking the matchers of both queries.  The words that
select paragraphs (the rarer ones, see query.relax) are walked; the others, and the clauses every
hit needs (field terms), are only asked about the paragraphs found (skip_to), and a NOT clause
removes the paragraphs it matches.  Each clause is scored by its own Whoosh matcher (BM25F, boosts,
phrases), so the scores are Whoosh's.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from heapq import heappush, heapreplace

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ReadTooFar

ALL_WORDS_BOOST = 1.0  # the weight of the query with every word, added to that of the query with some of them


@dataclass
class FreeWords:
    """A query of free words split for ranking (query.relax)."""

    selecting: list[wq.Query]  # a paragraph with one of these is a candidate
    scoring: list[wq.Query]  # these add to a candidate's score
    required: list[wq.Query]  # every hit has these (field terms): they add to its score too
    excluded: list[wq.Query]  # no hit has these (the clauses under NOT)

    def _without_excluded(self, q: wq.Query) -> wq.Query:
        # AndNot scores its first query only (a Not inside an And would add 1 to every hit)
        return wq.AndNot(q, wq.Or(self.excluded)) if self.excluded else q

    def strict(self) -> wq.Query:
        """The query with every word required, as Whoosh would run it."""
        return self._without_excluded(wq.And([*self.required, *self.selecting, *self.scoring]))

    def relaxed(self) -> wq.Query:
        """The query with some of the words, as Whoosh would run it."""
        either = wq.Or(self.selecting)
        if self.scoring:
            either = wq.AndMaybe(either, wq.Or(self.scoring))
        return self._without_excluded(wq.And([*self.required, either]))


def _skip_to(self, targetid) -> None:
    """W3LeafMatcher.skip_to, finding the target inside a block by binary search: Whoosh's own walks the
    block one posting at a time (three method calls each), which was a quarter of a search of common
    words.  The matcher ends where Whoosh's would: at the first posting at or after the target."""
    if not self.is_active():
        raise ReadTooFar
    if targetid <= self.id():
        return
    if targetid > self._maxid:
        self._skip_to_block(lambda: targetid > self._maxid)
        if not self.is_active():
            return
    if self._ids is None:
        self._read_ids()
    self._i = bisect_left(self._ids, targetid, self._i)  # found in this block: its last id is >= the target


W3LeafMatcher.skip_to = _skip_to


def _at(matcher, docnum: int) -> bool:
    """Whether the matcher matches `docnum`, moving it there if it is behind."""
    if matcher.is_active() and matcher.id() < docnum:
        matcher.skip_to(docnum)
    return matcher.is_active() and matcher.id() == docnum


def _most(matchers) -> float:
    """The highest score the matchers can add together (Whoosh's bound: BM25 at the highest weight and the
    shortest paragraph of each term); infinite when one of them cannot say (phrases)."""
    try:
        return sum(m.max_quality() for m in matchers)
    except Exception:  # noqa: BLE001 - a matcher without a bound: never skip on it
        return float("inf")


def top(searcher, words: FreeWords, allowed: set[int] | None, limit: int) -> list[tuple[float, int]]:
    """The `limit` best (score, docnum) pairs, best first (equal scores: lower docnum first, as Whoosh).

    Once `limit` paragraphs are held, a candidate is dropped as soon as it cannot beat the weakest of them
    even with each word not yet asked at its best score (and without the bonus once a word is missing):
    the common words are asked in the order of their best score, the strongest first."""
    heap: list[tuple[float, int]] = []  # (score, -docnum), the lowest first
    bonus = 1 + ALL_WORDS_BOOST
    for leaf, offset in searcher.leaf_searchers():
        walked = [m for m in (q.matcher(leaf) for q in words.selecting) if m.is_active()]
        asked = sorted(((m, _most([m])) for m in (q.matcher(leaf) for q in words.scoring)), key=lambda p: -p[1])
        # the best the i-th asked word and those after it can add (a hair above, against rounding)
        rest = [sum(most for _, most in asked[i:]) * (1 + 1e-9) for i in range(len(asked))]
        required = [q.matcher(leaf) for q in words.required]
        excluded = [q.matcher(leaf) for q in words.excluded]
        while walked:
            if len(walked) == 1:
                found, docnum = walked, walked[0].id()
            else:
                docnum = min(m.id() for m in walked)
                found = [m for m in walked if m.id() == docnum]
            item = None
            if (allowed is None or docnum + offset in allowed) and all(_at(m, docnum) for m in required) \
                    and not any(_at(m, docnum) for m in excluded):
                score = sum(m.score() for m in found) + sum(m.score() for m in required)
                every = len(found) == len(words.selecting)
                full = len(heap) == limit
                for i, (m, _) in enumerate(asked):
                    if full and (score + rest[i]) * (bonus if every else 1) <= heap[0][0]:
                        break
                    if _at(m, docnum):
                        score += m.score()
                    else:
                        every = False
                else:
                    item = (score * bonus if every else score, -(docnum + offset))
            if item is not None:
                if len(heap) < limit:
                    heappush(heap, item)
                elif item > heap[0]:
                    heapreplace(heap, item)
            for m in found:
                m.next()
            if not all(m.is_active() for m in found):
                walked = [m for m in walked if m.is_active()]
    return [(score, -negated) for score, negated in sorted(heap, reverse=True)]
