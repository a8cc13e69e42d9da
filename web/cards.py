"""What a page of results shows around the hits: one card per statement (the partial quotes of
one sentence shown in it, as one card), readable badges for kind and confidence, the citation a
journalist copies, the active filters as removable chips, and the year and month facets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import (
    format_date,
    format_decimal,
    format_time,
    get_locale,
    gettext,
    lazy_gettext,
)

from web.marking import Segment, marked_text

if TYPE_CHECKING:
    from quotesearch.records import Speaker
    from quotesearch.search.index import Hit
    from web.params import SearchParams

# Below this confidence the speaker is shown as uncertain: the cues that score under it guess
# (a role or a pronoun standing for someone, a partial quote's clause, the previous speaker
# carried on, an unclosed quote) where those above it read a name next to a reporting verb.
UNCERTAIN_BELOW = 0.8

KIND_LABELS = {
    "direct": lazy_gettext("direct quote"),
    "partial": lazy_gettext("partial quote"),
    "indirect": lazy_gettext("reported speech"),
}


# The cues of `quotesearch.extract` (`Quote.cue`) in words, as the quote page explains them.
CUE_LABELS = {
    "verb-before": lazy_gettext("reporting verb before the quote"),
    "verb-after": lazy_gettext("reporting verb after the quote"),
    "incise-pronoun": lazy_gettext("incise with a pronoun"),
    "colon": lazy_gettext("name before a colon"),
    "selon": lazy_gettext("« selon », « d’après »: a source"),
    "pronoun": lazy_gettext("pronoun standing for the speaker"),
    "role-mention": lazy_gettext("role standing for the speaker"),
    "partial": lazy_gettext("clause around a partial quote"),
    "continuation": lazy_gettext("same speaker as the quote before"),
    "echo": lazy_gettext("echo of the speaker's later words"),
    "document": lazy_gettext("a document speaks"),
    "salience": lazy_gettext("the person the article is about at that point"),
    "none": lazy_gettext("no cue"),
}


@dataclass(frozen=True)
class Card:
    """One result: a hit, or the partial quotes of one sentence of an article, marked in it
    (`sentence`: segments whose mark is the position of the hit in `hits`); `reports`: every
    report of the statement when several articles report it, earliest first."""

    hits: list[Hit]
    sentence: list[Segment] | None = None
    reports: list[Hit] = field(default_factory=list)

    @property
    def hit(self) -> Hit:
        return self.hits[0]

    @property
    def others(self) -> list[Hit]:
        """The reports of the statement in other articles, earliest first."""
        shown = {hit.doc_id for hit in self.hits}
        return [report for report in self.reports if report.doc_id not in shown]


def opens_speaker_page(hit: Hit) -> bool:
    """Whether a hit links to its speaker's page: not a fragment whose speaker is uncertain."""
    return bool(hit.speaker_id) and not (hit.kind == "partial" and hit.confidence < UNCERTAIN_BELOW)


def result_cards(hits: list[Hit], reports: dict[str, list[Hit]] | None = None) -> list[Card]:
    """The cards of a page of hits, in their order: a partial quote is shown in its sentence,
    with the other partial quotes of the same sentence found on the page; a statement several
    articles report carries its `reports` (by group id)."""
    cards = _sentence_cards(hits)
    if not reports:
        return cards
    return [replace(card, reports=reports.get(card.hit.group_id, [])) for card in cards]


def _sentence_cards(hits: list[Hit]) -> list[Card]:
    cards: list[Card] = []
    sentences: dict[tuple[str, str], int] = {}
    for hit in hits:
        if hit.kind != "partial" or not hit.context or hit.text not in hit.context:
            cards.append(Card([hit]))
            continue
        key = (hit.doc_id, hit.context)
        if key in sentences:
            cards[sentences[key]].hits.append(hit)
        else:
            sentences[key] = len(cards)
            cards.append(Card([hit]))
    grouped = set(sentences.values())
    return [_in_sentence(card) if n in grouped else card for n, card in enumerate(cards)]


def _in_sentence(card: Card) -> Card:
    hits = sorted(card.hits, key=lambda h: h.start)
    context = hits[0].context
    spans, at = [], 0
    for hit in hits:
        found = context.find(hit.text, at)
        if found < 0:
            found = context.find(hit.text)
        spans.append((found, found + len(hit.text)))
        at = found + len(hit.text)
    return Card(hits, marked_text(context, spans))


def badges(hit: Hit) -> list[tuple[str, str]]:
    """(css class, words) of the badges of a hit: its kind, and « uncertain speaker »."""
    shown = [(f"kind-{hit.kind}", str(KIND_LABELS.get(hit.kind, hit.kind)))]
    if hit.speaker and hit.confidence < UNCERTAIN_BELOW:
        shown.append(("uncertain", gettext("uncertain speaker")))
    return shown


def cue_label(cue: str) -> str:
    """The cue that named the speaker, in words: « verb-after » is « reporting verb after the
    quote »."""
    return str(CUE_LABELS.get(cue, cue))


def confidence(value: float) -> str:
    """A confidence as the interface language writes numbers: « 0,95 » in French."""
    return format_decimal(value, format="0.00")


def long_date(day: date | None) -> str:
    """A date as people write it in the interface language: « 18 novembre 2019 », and the
    first of a month in French « 1er juillet 2020 »."""
    if not day:
        return ""
    if day.day == 1 and get_locale() is not None and get_locale().language == "fr":
        return format_date(day, "d'er' MMMM y")
    return format_date(day, "long")


def moment(stamp: str | None) -> str:
    """An ISO timestamp (the index's build time) as the interface language writes a day and
    an hour: « 7 décembre 2026 à 20:59 »; "" when there is none or it cannot be read."""
    try:
        when = datetime.fromisoformat(stamp or "")
    except ValueError:
        return ""
    return gettext(
        "%(day)s at %(time)s", day=long_date(when.date()), time=format_time(when, "short")
    )


def speaker_role(note: str) -> str:
    """The affiliation and role of a speaker, without an affiliation its role already says
    (« CFDT, secrétaire général de la CFDT » is « secrétaire général de la CFDT »)."""
    parts = [part.strip() for part in note.split(", ") if part.strip()]
    kept = [p for n, p in enumerate(parts) if not any(p in o for o in parts[n + 1 :])]
    return ", ".join(kept)


def citation(hit: Hit) -> str:
    """The hit as a journalist cites it, in the interface language: « … », a déclaré Olivier
    Véran, ministre de la Santé, le 3 mars 2020 (Orange Actualités, https://…)."""
    parts = [hit.text if hit.kind == "indirect" else f"« {hit.text} »"]
    if hit.speaker:
        who = ", ".join(p for p in (hit.speaker, speaker_role(hit.speaker_note)) if p)
        if hit.kind == "indirect":
            parts.append(gettext("according to %(who)s", who=who))
        else:
            parts.append(gettext("said %(who)s", who=who))
    if hit.date:
        parts.append(gettext("on %(day)s", day=long_date(hit.date)))
    text = ", ".join(parts)
    where = ", ".join(p for p in (hit.source or hit.title, hit.url) if p)
    return f"{text} ({where})" if where else text


@dataclass(frozen=True)
class Chip:
    """An active filter: what it says, and the search's arguments without it."""

    label: str
    without: dict[str, str]


def chips(params: SearchParams, speaker: Speaker | None) -> list[Chip]:
    """The filters narrowing a search, each with the arguments of the search without it."""

    def without(**changes: object) -> dict[str, str]:
        return params.query_args(page=1, **changes)

    found = []
    if speaker is not None:
        found.append(Chip(gettext("Speaker: %(name)s", name=speaker.name), without(speaker="")))
    if params.source:
        found.append(Chip(gettext("Source: %(name)s", name=params.source), without(source="")))
    if params.month:
        found.append(Chip(month_label(params.month), without(month="")))
    if params.year:
        found.append(Chip(params.year, without(year="", month="")))
    if params.kind:
        found.append(Chip(str(KIND_LABELS[params.kind]), without(kind="")))
    if params.full:
        found.append(Chip(gettext("Full statements only"), without(full=False)))
    if params.since:
        found.append(Chip(gettext("From %(day)s", day=_day(params.since)), without(since=None)))
    if params.until:
        found.append(Chip(gettext("To %(day)s", day=_day(params.until)), without(until=None)))
    return found


def years(months: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The quotes counted per year, oldest first, from the counts per month (YYYY-MM)."""
    counts: dict[str, int] = {}
    for month, count in months:
        counts[month[:4]] = counts.get(month[:4], 0) + count
    return sorted(counts.items())


def month_label(month: str) -> str:
    """A month (YYYY-MM) as written in the interface language: « novembre 2019 »."""
    year, number = month.split("-")
    return format_date(date(int(year), int(number), 1), "LLLL y")


def _day(day: date) -> str:
    return long_date(day)
