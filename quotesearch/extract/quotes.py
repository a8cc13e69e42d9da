"""Finding quoted passages in article text by their quote marks.

This stage looks at characters only: it pairs opening and closing marks, keeps nested quotes
inside their outer quote, joins quotes that run over several paragraphs, and never lets an
unbalanced mark swallow the rest of the article. Attribution happens later, on the parse.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Typographic pairs: each opening mark with the closing marks that may end it.
PAIRS: dict[str, tuple[str, ...]] = {
    "«": ("»",),
    "“": ("”", "“"),
    "„": ("“", "”"),
    "‹": ("›",),
    '"': ('"',),
}
CLOSERS = {c for closes in PAIRS.values() for c in closes}
SPACES = " \t\u00a0\u202f\u2009\u2007"
# A quote whose closing mark is missing ends at its paragraph, unless it is longer than this.
MAX_UNCLOSED_CHARS = 1500


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: offsets of its text inside the marks, and how it was marked."""

    start: int
    end: int
    text: str
    open_mark: str
    closed: bool
    paragraphs: int = 1


class Ranges:
    """Character ranges of an article (its quotes, say), merged and in order, that tell by a
    search, not a scan, whether a position falls inside one: an article may hold thousands."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            elif start < end:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, pos: int) -> bool:
        n = bisect.bisect_right(self._starts, pos) - 1
        return n >= 0 and pos < self._ends[n]


def _can_open(text: str, i: int, *, nested: bool) -> bool:
    """Straight quotes open after a space or punctuation; inside a quote, only before a word."""
    if text[i] != '"':
        return True
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isalnum():
        return False
    return not nested or not (after.isspace() and after not in "\u00a0\u202f")


def _can_close(text: str, i: int) -> bool:
    """Straight quotes close after a word or before a space or punctuation."""
    if text[i] != '"':
        return True
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return not before.isspace() or after.isspace() or not after.isalnum()


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-empty line: a paragraph in the articles we read."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in SPACES or text[start] == "\n"):
        start += 1
    while end > start and (text[end - 1] in SPACES or text[end - 1] == "\n"):
        end -= 1
    return start, end


def _scan_paragraph(
    text: str, start: int, end: int, carried: str | None
) -> tuple[list[tuple[int | None, int | None, str]], str | None]:
    """Pair the marks of one paragraph.

    Returns the outer quotes found as (open_pos, close_pos, mark): open_pos is None for the
    end of a quote `carried` over from the previous paragraph, close_pos None for a quote
    still open at the paragraph's end. Also returns the outer mark still open, if any.
    """
    found: list[tuple[int | None, int | None, str]] = []
    stack: list[str] = [carried] if carried else []
    outer: tuple[int | None, str] | None = (None, carried) if carried else None
    for i in range(start, end):
        ch = text[i]
        if ch not in PAIRS and ch not in CLOSERS:
            continue
        top = stack[-1] if stack else None
        if top is not None and ch in PAIRS[top]:
            # A mark used both ways (straight quotes, “…“) closes only right after a word.
            symmetric = ch in PAIRS
            if _can_close_strict(text, i) if symmetric else _can_close(text, i):
                stack.pop()
                if not stack and outer is not None:
                    found.append((outer[0], i, outer[1]))
                    outer = None
                continue
        outer_close = len(stack) > 1 and ch not in PAIRS and ch in PAIRS[stack[0]]
        if outer_close and _can_close(text, i):
            # The outer quote's own closing mark ends it, even over an inner mark left open:
            # « Je lui ai crié “stop. » Puis… — the “ was never closed.
            stack.clear()
            if outer is not None:
                found.append((outer[0], i, outer[1]))
                outer = None
            continue
        if ch in PAIRS and _can_open(text, i, nested=bool(stack)):
            if not stack:
                outer = (i, ch)
            stack.append(ch)
    if stack and outer is not None:
        found.append((outer[0], None, outer[1]))
        return found, outer[1]
    return found, None


def _can_close_strict(text: str, i: int) -> bool:
    """A mark that looks like a closing one: it follows a word or punctuation directly."""
    before = text[i - 1] if i > 0 else "\n"
    return not before.isspace() or before in "\u00a0\u202f"


def find_quotes(text: str) -> list[QuoteSpan]:
    """Find every outer quoted passage of an article, in order.

    Nested quotes stay inside their outer quote; a quote whose paragraph ends without a
    closing mark goes on when the next paragraph reopens it with the same mark (French and
    English style), and otherwise ends at its paragraph or is dropped when too long.
    """
    spans: list[QuoteSpan] = []
    pending: tuple[int, str, list[int], int] | None = None  # open pos, mark, reopen marks, paras
    paragraphs = list(_paragraphs(text))
    for n, (p_start, p_end) in enumerate(paragraphs):
        carried = None
        scan_from = p_start
        if pending is not None:
            first = _trimmed(text, p_start, p_end)[0]
            if text[first : first + 1] == pending[1] or (
                pending[1] in "“„" and text[first : first + 1] in "“„"
            ):
                pending[2].append(first)
                carried = pending[1]
                scan_from = first + 1
            elif _closes_carried(text, p_start, p_end, pending[1]):
                carried = pending[1]
            else:
                spans.extend(_close_unbalanced(text, pending))
                pending = None
        found, still_open = _scan_paragraph(text, scan_from, p_end, carried)
        for open_pos, close_pos, mark in found:
            if close_pos is None:
                continue
            if open_pos is None:  # the end of a quote carried from earlier paragraphs
                assert pending is not None
                open_pos, reopens, paras = pending[0], pending[2], pending[3] + 1
                pending = None
            else:
                reopens, paras = [], 1
            spans.append(_span(text, open_pos, close_pos, mark, reopens, paras, closed=True))
        if still_open:
            if pending is None:
                open_pos = next(o for o, c, _ in found if c is None)
                pending = (open_pos, still_open, [], 1)
            else:
                pending = (pending[0], pending[1], pending[2], pending[3] + 1)
            if n == len(paragraphs) - 1:
                spans.extend(_close_unbalanced(text, pending))
                pending = None
    return [s for s in spans if s.text]


def _closes_carried(text: str, start: int, end: int, mark: str) -> bool:
    """Whether the first mark of a paragraph ends a quote left open by the previous one."""
    found, _ = _scan_paragraph(text, start, end, mark)
    return bool(found) and found[0][0] is None and found[0][1] is not None


def _close_unbalanced(text: str, pending: tuple[int, str, list[int], int]) -> list[QuoteSpan]:
    """End a quote whose closing mark never came at the end of its last paragraph."""
    open_pos, mark, reopens, paras = pending
    end = text.find("\n", reopens[-1] if reopens else open_pos)
    end = len(text) if end < 0 else end
    if end - open_pos > MAX_UNCLOSED_CHARS * paras:
        return []
    return [_span(text, open_pos, end, mark, reopens, paras, closed=False)]


def _span(
    text: str,
    open_pos: int,
    close_pos: int,
    mark: str,
    reopens: list[int],
    paras: int,
    *,
    closed: bool,
) -> QuoteSpan:
    start, end = _trimmed(text, open_pos + 1, close_pos)
    pieces, cursor = [], start
    for pos in reopens:
        pieces.append(text[cursor:pos])
        cursor = pos + 1
    pieces.append(text[cursor:end])
    body = "".join(pieces)
    body = re.sub(r"[ \u00a0\u202f]*\n[ \u00a0\u202f]*", "\n", body)
    return QuoteSpan(start, end, body, mark, closed, paras)


def quote_kind(text: str, span: QuoteSpan) -> str:
    """Direct for whole sentences given as quotes; partial for a few words in the author's."""
    first = next((c for c in span.text if c.isalnum()), "")
    before = text[: max(span.start - 1, 0)].rstrip(" \u00a0\u202f" + '«“"„‹')
    opens_sentence = not before or before[-1] in ".!?:\n"
    if first.isupper() and (opens_sentence or len(span.text.split()) >= 6):
        return "direct"
    return "partial"
