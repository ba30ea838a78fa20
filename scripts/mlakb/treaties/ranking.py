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

from dataclasses import dataclass
from heapq import heappush, heapreplace

from whoosh import query as wq

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

    Once `limit` paragraphs are held, a candidate that could not beat the weakest of them even with every
    other word at its best score is passed over without asking the other words about it."""
    heap: list[tuple[float, int]] = []  # (score, -docnum), the lowest first
    count = len(words.selecting) + len(words.scoring)
    for leaf, offset in searcher.leaf_searchers():
        walked = [m for m in (q.matcher(leaf) for q in words.selecting) if m.is_active()]
        asked = [q.matcher(leaf) for q in words.scoring]
        required = [q.matcher(leaf) for q in words.required]
        excluded = [q.matcher(leaf) for q in words.excluded]
        others_most = (_most(asked) + _most(required)) * (1 + ALL_WORDS_BOOST) * (1 + 1e-9)
        while walked:
            docnum = min(m.id() for m in walked)
            found = [m for m in walked if m.id() == docnum]
            if allowed is None or docnum + offset in allowed:
                score = sum(m.score() for m in found)
                full = len(heap) == limit
                if not full or score * (1 + ALL_WORDS_BOOST) + others_most > heap[0][0]:
                    if all(_at(m, docnum) for m in required) and not any(_at(m, docnum) for m in excluded):
                        asked_here = [m for m in asked if _at(m, docnum)]
                        score += sum(m.score() for m in asked_here) + sum(m.score() for m in required)
                        if len(found) + len(asked_here) == count:
                            score *= 1 + ALL_WORDS_BOOST
                        item = (score, -(docnum + offset))
                        if not full:
                            heappush(heap, item)
                        elif item > heap[0]:
                            heapreplace(heap, item)
            for m in found:
                m.next()
            walked = [m for m in walked if m.is_active()]
    return [(score, -negated) for score, negated in sorted(heap, reverse=True)]
