"""Text cut into marked spans, and articles into paragraphs, so templates can highlight the
words a search matched and the quotes of an article while Jinja escapes every piece of text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Segment:
    """A run of text, and the index of the span it belongs to (None: not marked)."""

    text: str
    mark: int | None = None


def non_overlapping(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int, int]]:
    """(start, end, position in `spans`) for the spans kept: clipped to the text, empty ones
    dropped, and a span overlapping one that starts before it dropped too."""
    ordered = sorted((max(0, start), min(end, length), i) for i, (start, end) in enumerate(spans))
    kept: list[tuple[int, int, int]] = []
    for start, end, i in ordered:
        if end <= start or (kept and start < kept[-1][1]):
            continue
        kept.append((start, end, i))
    return kept


def marked_text(text: str, spans: Iterable[tuple[int, int]]) -> list[Segment]:
    """The text cut into segments where the characters inside `spans[i]` carry mark i: a quote
    with the words a search matched, or an article with its quotes."""
    pieces: list[Segment] = []
    at = 0
    for start, end, i in non_overlapping(spans, len(text)):
        if start > at:
            pieces.append(Segment(text[at:start]))
        pieces.append(Segment(text[start:end], i))
        at = end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces


def marked_paragraphs(text: str, spans: Iterable[tuple[int, int]]) -> list[list[Segment]]:
    """The text's paragraphs (split at line breaks), each a list of segments where the
    characters inside `spans[i]` carry mark i."""
    paragraphs: list[list[Segment]] = [[]]
    for piece in marked_text(text, spans):
        parts = _PARAGRAPH_BREAK.split(piece.text)
        for n, part in enumerate(parts):
            if n:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Segment(part, piece.mark))
    return [p for p in paragraphs if any(s.text.strip() for s in p)]
