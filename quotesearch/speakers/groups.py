"""Near-duplicate quotes: one statement reported by several articles, with small differences
of wording or extent, joined into one group.

The union-find that joins them is the one the speaker registry clusters names with.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from quotesearch.records import Quote
from quotesearch.text import fold

# Near-duplicate quotes: whole texts this alike, or a shorter quote of at least
# PARTIAL_MIN_WORDS words found this alike inside a longer one.
DUPLICATE_RATIO = 85.0
PARTIAL_RATIO = 92.0
PARTIAL_MIN_WORDS = 4
# A shingle shared by more quotes than this says nothing about duplicates.
SHINGLE_MAX_POSTINGS = 200


class UnionFind:
    """Items 0 to size − 1 in disjoint groups, joined two by two; each root lists its members."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def find(self, i: int) -> int:
        """The root of the group of `i`."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        """Join the groups of `a` and `b`, the smaller into the larger; returns the root."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return a
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))
        return a


def group_quotes(
    quotes: Iterable[Quote], *, speaker_of: Callable[[Quote], str | None] | None = None
) -> dict[str, str]:
    """Map each quote id to the id of its group of near-duplicates: one statement reported by
    several articles, with small differences of wording or extent.

    Quotes of different known speakers never group. The group id derives from the group's
    first quote id, so it is stable while that quote stays in the corpus.
    """
    # Sorted by id and joined best pair first, so the groups do not depend on input order.
    quotes = sorted(quotes, key=lambda q: q.id)
    speaker_of = speaker_of or (lambda q: fold(q.speaker) if q.speaker else None)
    texts = [" ".join(re.findall(r"\w+", fold(q.text))) for q in quotes]
    # The known speaker of each group, so that one unattributed quote cannot join two groups.
    said = [speaker_of(q) for q in quotes]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        words = text.split()
        for shingle in {" ".join(words[k : k + 3]) for k in range(max(1, len(words) - 2))}:
            postings[shingle].append(i)
    pairs = {
        (i, j)
        for members in postings.values()
        if 1 < len(members) <= SHINGLE_MAX_POSTINGS
        for x, i in enumerate(members)
        for j in members[x + 1 :]
        if not (said[i] and said[j] and said[i] != said[j])
    }
    edges = sorted(
        (-score, i, j) for i, j in pairs if (score := _near_duplicate(texts[i], texts[j]))
    )
    groups = UnionFind(len(quotes))
    for _, i, j in edges:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj or (said[ri] and said[rj] and said[ri] != said[rj]):
            continue
        said[groups.union(ri, rj)] = said[ri] or said[rj]
    first: dict[int, str] = {}
    for i, quote in enumerate(quotes):
        first.setdefault(groups.find(i), quote.id)
    return {
        q.id: "g" + hashlib.sha1(first[groups.find(i)].encode()).hexdigest()[:12]
        for i, q in enumerate(quotes)
    }


def _near_duplicate(a: str, b: str) -> float:
    """How alike two quotes are when they are near-duplicates, else 0."""
    score = fuzz.ratio(a, b)
    if score >= DUPLICATE_RATIO:
        return score
    short = min(a, b, key=len)
    if len(short.split()) >= PARTIAL_MIN_WORDS:
        partial = fuzz.partial_ratio(a, b)
        if partial >= PARTIAL_RATIO:
            return partial * len(short) / max(len(a), len(b))
    return 0.0
