"""Spellings one letter apart: the candidate keys that find them without comparing every pair
(each word and its one-letter deletions), and the exact test."""

from __future__ import annotations


def deletions(word: str) -> set[str]:
    """The word and every word one letter shorter: two words one edit apart share one."""
    return {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}


def one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one letter added, dropped, changed, or two
    neighbours swapped (« Dombalse », « Dombasle »)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))
