"""Near-duplicate quotes: one statement reported by several articles, with small differences
of wording or extent, joined into one group: most of the content words of the shorter quote
found in order in the longer, and the same speaker or none.

The union-find that joins them is the one the speaker registry clusters names with.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from quotesearch.lang import fr
from quotesearch.records import Quote
from quotesearch.text import fold

# Two quotes are one statement when the shorter one has at least MIN_CONTENT_WORDS content
# words of letters (short and common fragments, « vert », « je ne peux pas respirer », never
# group on their own) and at least IN_ORDER_SHARE of them come, in order, in the longer one.
MIN_CONTENT_WORDS = 4
IN_ORDER_SHARE = 0.85
# Words and numbers (« 1,45 », « 2018-2019 » stay whole), the ligatures written out.
WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
# Articles report one statement within about two weeks; the same words further apart are a
# formula said again (a weather warning, a charge, a slogan), not one statement.
MAX_DAYS_APART = 14
# A pair of content words shared by more quotes than this says nothing about duplicates.
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
    quotes: Iterable[Quote],
    *,
    speaker_of: Callable[[Quote], str | None] | None = None,
    day_of: Callable[[Quote], int | None] | None = None,
) -> dict[str, str]:
    """Map each quote id to the id of its group of near-duplicates: one statement reported by
    several articles, with small differences of wording or extent.

    Quotes of different known speakers never group, nor quotes published (`day_of`: the day
    as an ordinal, None when unknown) more than MAX_DAYS_APART days apart. The group id
    derives from the group's first quote id, so it is stable while that quote stays in the
    corpus.
    """
    # Sorted by id and joined best pair first, so the groups do not depend on input order.
    quotes = sorted(quotes, key=lambda q: q.id)
    speaker_of = speaker_of or (lambda q: fold(q.speaker) if q.speaker else None)
    words = [content_words(q.text) for q in quotes]
    # The known speaker of each group, so that one unattributed quote cannot join two groups.
    said = [speaker_of(q) for q in quotes]
    # The first and last days of each group, so that a group never spans more than the window.
    days = [day_of(q) if day_of else None for q in quotes]
    spans = [(d, d) if d else None for d in days]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, mine in enumerate(words):
        if len(mine) >= MIN_CONTENT_WORDS:
            for shingle in set(pairwise(mine)):
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
        (-score, i, j) for i, j in pairs if (score := statement_likeness(words[i], words[j]))
    )
    groups = UnionFind(len(quotes))
    for _, i, j in edges:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj or (said[ri] and said[rj] and said[ri] != said[rj]):
            continue
        span = _joined(spans[ri], spans[rj])
        if span and span[1] - span[0] > MAX_DAYS_APART:
            continue
        root = groups.union(ri, rj)
        said[root] = said[ri] or said[rj]
        spans[root] = span
    first: dict[int, str] = {}
    for i, quote in enumerate(quotes):
        first.setdefault(groups.find(i), quote.id)
    return {
        q.id: "g" + hashlib.sha1(first[groups.find(i)].encode()).hexdigest()[:12]
        for i, q in enumerate(quotes)
    }


def _joined(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    """The days spanned by two groups together (None when neither is dated)."""
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def content_words(text: str) -> list[str]:
    """The words of a quote that tell which statement it is, folded, in order: its function
    words (articles, pronouns, auxiliaries…) left out."""
    folded = fold(text.translate(LIGATURES))
    for phrase in fr.CHARGE_TERM_PHRASES:
        folded = folded.replace(phrase, " ")
    words = WORD.findall(folded)
    return [
        _singular(w) for w in words if w not in fr.FUNCTION_WORDS and w not in fr.CHARGE_TERM_WORDS
    ]


def _singular(word: str) -> str:
    """The word without a plural « s » or « x »: « écoutes » and « écoute » are one word."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and not word[-2].isdigit() else word


def statement_likeness(a: Sequence[str], b: Sequence[str]) -> float:
    """How surely two quotes, given by their content words, report one statement: the share
    of the shorter's content words found in order in the longer (0 under IN_ORDER_SHARE or
    when the shorter has too few), a little more for quotes of the same length."""
    short, long = sorted((a, b), key=len)
    # Numbers count in the share, not towards the words a statement needs.
    if sum(not word[0].isdigit() for word in short) < MIN_CONTENT_WORDS:
        return 0.0
    share = _in_order(short, long) / len(short)
    if share < IN_ORDER_SHARE:
        return 0.0
    return share + 0.01 * len(short) / len(long)


def same_statement(a: Quote, b: Quote) -> bool:
    """Whether two quotes are one statement reported twice: alike enough, and not given to
    two different speakers."""
    if a.speaker and b.speaker and fold(a.speaker) != fold(b.speaker):
        return False
    return statement_likeness(content_words(a.text), content_words(b.text)) > 0


def _in_order(short: Sequence[str], long: Sequence[str]) -> int:
    """The length of the longest run of `short`'s words found in `long` in the same order,
    not necessarily side by side."""
    previous = [0] * (len(long) + 1)
    for word in short:
        current = [0]
        for k, other in enumerate(long):
            current.append(previous[k] + 1 if word == other else max(previous[k + 1], current[k]))
        previous = current
    return previous[-1]
