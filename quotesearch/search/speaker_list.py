"""Pages of the speaker list: every speaker of an index, or those like a name, narrowed to one
kind and sorted by quotes, by name or by latest quote, one page at a time (a large archive has
100,000 speakers)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from quotesearch.errors import QueryError
from quotesearch.records import SPEAKER_KINDS, Speaker
from quotesearch.speakers.registry import LOOKUP_MIN
from quotesearch.text import fold

if TYPE_CHECKING:
    from quotesearch.search.index import QuoteIndex
    from quotesearch.speakers.registry import SpeakerRegistry

# The orders of the list: most quoted first, by name, latest quote first; « match » (best
# match first) is the order of a name search.
SPEAKER_SORTS = ("quotes", "name", "latest", "match")
# How many speakers a name search looks at before the kind filter and the page.
NAME_MATCHES = 1_000


@dataclass(frozen=True)
class SpeakerRow:
    """A speaker as the list shows it: the record, the date of their latest dated quote, and
    how well it matched the name searched (None without a name)."""

    speaker: Speaker
    latest: date | None
    score: float | None = None


@dataclass(frozen=True)
class SpeakerPage:
    """A page of the speaker list and the number of speakers on every page."""

    rows: list[SpeakerRow]
    total: int
    page: int
    pages: int


def name_matches(
    registry: SpeakerRegistry, name: str, *, limit: int = NAME_MATCHES
) -> list[tuple[Speaker, float]]:
    """The speakers whose names match `name`, best first, with their scores (0–100). The list
    stops where the good matches do: once a name matches well (LOOKUP_MIN), look-alikes that
    only share letters are left out (« macron » lists no « Maradona »); a name nobody matches
    well keeps its weaker candidates, so that a misspelling still finds someone."""
    found = registry.lookup(name, limit=limit)
    if found and found[0][1] >= LOOKUP_MIN:
        return [(speaker, score) for speaker, score in found if score >= LOOKUP_MIN]
    return found


def list_speakers(
    index: QuoteIndex,
    *,
    name: str = "",
    kind: str = "",
    sort: str = "",
    page: int = 1,
    per_page: int = 50,
    limit: int = NAME_MATCHES,
) -> SpeakerPage:
    """A page of the index's speakers: those like `name` (any spelling; at most `limit` of
    them) or everyone, of `kind` only when given, in the order `sort` names (default: best
    match for a name, else most quoted). Raises QueryError for an unknown kind or order."""
    if kind and kind not in SPEAKER_KINDS:
        raise QueryError(f"unknown speaker kind {kind!r}: use one of {', '.join(SPEAKER_KINDS)}")
    sort = sort or ("match" if name else "quotes")
    if sort not in SPEAKER_SORTS:
        raise QueryError(f"unknown order {sort!r}: use one of {', '.join(SPEAKER_SORTS)}")
    page, per_page = max(1, page), max(1, per_page)
    registry = index.speakers
    if name:
        found = name_matches(registry, name, limit=limit)
    else:
        found = [(s, None) for s in registry.speakers]
    if kind:
        found = [(s, score) for s, score in found if s.kind == kind]
    latest = index.latest_dates()
    rows = [SpeakerRow(s, latest.get(s.id), score) for s, score in found]
    if sort == "quotes":
        rows.sort(key=lambda r: (-r.speaker.quotes, fold(r.speaker.name)))
    elif sort == "name":
        rows.sort(key=lambda r: fold(r.speaker.name))
    elif sort == "latest":
        rows.sort(key=lambda r: (-(r.latest or date.min).toordinal(), fold(r.speaker.name)))
    shown = rows[(page - 1) * per_page : page * per_page]
    return SpeakerPage(shown, len(rows), page, max(1, math.ceil(len(rows) / per_page)))
