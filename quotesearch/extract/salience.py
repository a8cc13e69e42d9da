"""How salient each entity of an article is at a point of its text.

A pronoun (« a-t-il ajouté », « selon elle ») or a description that names nobody in particular
(« l'homme ») means one of the entities the article has been talking about. Each candidate is
described by a few general facts of news prose: how many sentences back it was last mentioned,
whether as a subject or behind a preposition, whether it spoke the quote just before, whether
it was just introduced, how often it was mentioned, whether its gender is known, whether it is
an organisation. The candidate with the highest weighted sum wins. The weights are data in
`quotesearch/lang/` (one file per language), learned from annotated articles by
`quotesearch.extract.training` and cross-validated by article.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotesearch.extract.mentions import Person

if TYPE_CHECKING:
    from quotesearch.extract.reference import Context

# How many sentences back a pronoun may find its antecedent.
REACH = 8
# How far back (sentences, characters) the speaker of the previous quote stays a candidate.
SPEAKER_REACH = 6
SPEAKER_CHARS = 1500

FEATURES = (
    "distance",  # sentences since the latest mention
    "subject",  # the latest mention is a subject
    "oblique",  # the latest mention is behind a preposition
    "chained",  # the latest mention is a pronoun or description already resolved to it
    "same_paragraph",  # the latest mention is in the pronoun's paragraph
    "subject_distance",  # sentences since the latest mention as a subject
    "subject_here",  # a subject of the pronoun's own sentence
    "latest_subject",  # the last entity the text made a subject (« M. X a nié … », a-t-il dit)
    "mentions",  # how often it was mentioned before (log)
    "introduced",  # first mentioned in this sentence or the one before
    "recency_rank",  # 0 for the entity mentioned last, 1 for the one before, …
    "previous_speaker",  # it spoke the quote just before
    "speaker_distance",  # sentences since that quote (when it spoke it)
    "unknown_feminine",  # « elle » for an entity of unknown gender
    "unknown_masculine",  # « il » for an entity of unknown gender
    "organization",  # an organisation rather than a person
    "unnamed",  # a person the article describes without naming (« une source policière »)
    "embedded",  # the latest mention is in a subordinate clause (« si Joe Biden l'emportait »)
    "named_inside",  # the quote being attributed names it (« Si Biden gagne… », « cher Nicolas »)
)


@dataclass(frozen=True)
class Candidate:
    """An entity a pronoun may mean, with what the text says about it at that point."""

    person: Person
    features: tuple[float, ...]

    def score(self, weights: Mapping[str, float]) -> float:
        return weighted(self.features, weights)


def weighted(features: tuple[float, ...], weights: Mapping[str, float]) -> float:
    """The ranker's score of one candidate's features."""
    return weights.get("bias", 0.0) + sum(
        weights.get(name, 0.0) * value for name, value in zip(FEATURES, features, strict=True)
    )


def candidates(
    ctx: Context,
    pos: int,
    gender: str | None,
    *,
    kinds: tuple[str, ...] = ("person",),
    accept: Callable[[Person], bool] | None = None,
) -> list[Candidate]:
    """Every entity of the right kind and a compatible gender that a pronoun at `pos` may
    mean, with its features."""
    here = ctx.sentence_index(pos)
    paragraph = ctx.sentences[here][0]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in ctx.cast.mentions:
        first.setdefault(m.key, m.sentence)
        if m.start < pos:
            counts[m.key] = counts.get(m.key, 0) + 1
    latest: dict[str, list[float]] = {}
    subject_distance: dict[str, int] = {}
    order: list[str] = []
    latest_subject = None
    for m in reversed(ctx.cast.mentions):
        if m.start >= pos or m.in_quote:
            continue
        distance = here - m.sentence
        if distance > REACH:
            break
        person = ctx.cast.person(m.key)
        if person is None or person.kind not in kinds:
            continue
        if m.subject and m.key not in subject_distance:
            subject_distance[m.key] = distance
        if m.subject and not m.embedded:
            latest_subject = latest_subject or m.key
        if m.key in latest:
            continue
        order.append(m.key)
        same_paragraph = ctx.sentences[m.sentence][0] == paragraph
        latest[m.key] = [distance, m.subject, m.oblique, m.resolved, same_paragraph, m.embedded]
    speaker_key, speaker_distance = None, 0
    if ctx.last_speaker is not None:
        name, at, _ = ctx.last_speaker
        distance = here - ctx.sentence_index(at)
        person = next((p for p in ctx.cast.people.values() if p.name == name), None)
        if person is not None and distance <= SPEAKER_REACH and pos - at < SPEAKER_CHARS:
            speaker_key, speaker_distance = person.key, distance
            if person.key not in latest and person.kind in kinds:
                order.append(person.key)
                latest[person.key] = [REACH, False, False, False, False, False]
    # Who the quote itself talks about or addresses: people rarely name themselves.
    quote = ctx.current
    inside = (
        {m.key for m in ctx.cast.mentions if m.in_quote and quote.start <= m.start < quote.end}
        if quote is not None
        else set()
    )
    found = []
    for rank, key in enumerate(order):
        person = ctx.cast.people[key]
        if gender and person.gender and person.gender != gender:
            continue
        if accept is not None and not accept(person):
            continue
        distance, subject, oblique, chained, same_paragraph, embedded = latest[key]
        since_subject = subject_distance.get(key, REACH + 1)
        spoke = key == speaker_key
        features = (
            float(distance),
            float(subject),
            float(oblique),
            float(chained),
            float(same_paragraph),
            float(since_subject),
            float(since_subject == 0),
            float(key == latest_subject),
            math.log1p(counts.get(key, 0)),
            float(here - first.get(key, -REACH) <= 1),
            float(min(rank, 4)),
            float(spoke),
            float(speaker_distance if spoke else 0),
            float(gender == "f" and person.gender is None),
            float(gender == "m" and person.gender is None),
            float(person.kind == "organization"),
            float(person.kind == "unnamed"),
            float(embedded),
            float(key in inside),
        )
        found.append(Candidate(person, features))
    return found


def most_salient(
    ctx: Context,
    pos: int,
    gender: str | None,
    *,
    kinds: tuple[str, ...] = ("person",),
    accept: Callable[[Person], bool] | None = None,
) -> Person | None:
    """The entity a pronoun at `pos` most likely means, or None when nothing fits."""
    found = candidates(ctx, pos, gender, kinds=kinds, accept=accept)
    if ctx.trace is not None and ctx.current is not None:
        ctx.trace.append((ctx.current, pos, found))
    if not found:
        return None
    return max(found, key=lambda c: c.score(ctx.weights)).person
