"""Typed records passed between the stages: articles in, quotes and speakers out.

Records hold text, offsets and ids only, never live spaCy objects, so they can be pickled
between processes, written as JSON and turned into index documents at the edges.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

QUOTE_KINDS = ("direct", "partial", "indirect")
# What a speaker is, from the evidence its articles give: a person, an organisation (parties and
# media included), a document (a report that says), a place, something else (an event, a
# disease), an unnamed speaker of one article (« source policière », an unresolved
# « porte-parole »), or unknown.
SPEAKER_KINDS = ("person", "organization", "document", "place", "other", "unnamed", "unknown")
# How the speaker lists name each kind other than a person.
SPEAKER_KIND_LABELS = {
    "organization": "organisation",
    "document": "document",
    "place": "place",
    "other": "not a person",
    "unnamed": "unnamed speaker of one article",
    "unknown": "kind unknown",
}
# The orders a search lists its hits in: best match first, or newest first.
SORTS = ("score", "date")


@dataclass(frozen=True)
class Article:
    """One news article as read from disk: its text and whatever metadata came with it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: date | None = None
    source: str | None = None
    path: str | None = None

    @property
    def content_hash(self) -> str:
        """A short digest of the text and metadata, used to skip unchanged articles."""
        meta = "\x1f".join(str(v or "") for v in (self.title, self.url, self.date, self.source))
        return hashlib.sha1(f"{meta}\x1e{self.text}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Quote:
    """A quoted passage of an article and who said it, as the article tells it.

    `start`/`end` are character offsets of `text` (without its quote marks) in the article;
    `speaker` is the fullest form of the speaker's name the article gives, `mention` the form
    written at the cue, and `cue` the rule that attributed it.
    """

    doc_id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    mention: str | None
    cue: str
    confidence: float
    speaker_kind: str | None = None
    context: str = ""

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.start}"

    def to_dict(self) -> dict:
        """The JSON form: the record's fields in a stable order, plus the quote id."""
        return {"id": self.id, **asdict(self)}


@dataclass(frozen=True)
class Entity:
    """A speaker as one article knows it: the fullest name, the forms written, roles, gender."""

    name: str
    kind: str
    gender: str | None = None
    variants: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything extraction learnt from one article."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    # The names each quote could have been given ("" for nobody), by the quote's start: what
    # the evaluation's candidate recall reads. Not part of the stored forms.
    candidates: tuple[tuple[int, tuple[str, ...]], ...] = field(
        default=(), compare=False, repr=False
    )

    def to_dict(self) -> dict:
        """The JSON form: the article (date written YYYY-MM-DD), its quotes with their ids, and
        the speakers it names."""
        article = asdict(self.article)
        article["date"] = self.article.date.isoformat() if self.article.date else None
        return {
            "article": article,
            "quotes": [quote.to_dict() for quote in self.quotes],
            "entities": [
                {**asdict(e), "variants": list(e.variants), "roles": list(e.roles)}
                for e in self.entities
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        """The analysis written by `to_dict`."""
        article = dict(data["article"])
        article["date"] = date.fromisoformat(article["date"]) if article.get("date") else None
        return cls(
            article=Article(**article),
            # A quote's id is derived from its article and offset, not stored.
            quotes=tuple(
                Quote(**{k: v for k, v in q.items() if k != "id"}) for q in data["quotes"]
            ),
            entities=tuple(
                Entity(**{**e, "variants": tuple(e["variants"]), "roles": tuple(e["roles"])})
                for e in data["entities"]
            ),
        )


@dataclass(frozen=True)
class Speaker:
    """One real speaker across the corpus, whatever each article called them."""

    id: str
    name: str
    kind: str
    gender: str | None = None
    variants: tuple[tuple[str, int], ...] = ()
    roles: tuple[str, ...] = ()
    quotes: int = 0
    articles: tuple[str, ...] = field(default_factory=tuple)
    # Parties, media and organisations the speaker is written with (« EELV », « CGT »).
    affiliations: tuple[str, ...] = ()
    # The role of the speaker's latest article among its roles (`roles` ranks them by count).
    latest_role: str | None = None
    # Role speakers identified as this person from their article's date: (the role as
    # written, the office's name, "table" or "corpus" as the source, number of articles).
    identified: tuple[tuple[str, str, str, int], ...] = ()

    def to_dict(self) -> dict:
        data = asdict(self)
        data["variants"] = [{"name": n, "count": c} for n, c in self.variants]
        data["articles"] = list(self.articles)
        data["roles"] = list(self.roles)
        data["affiliations"] = list(self.affiliations)
        data["identified"] = [
            {"role": r, "office": o, "source": s, "articles": n} for r, o, s, n in self.identified
        ]
        return data

    @property
    def description(self) -> str:
        """Affiliation and main role in a few words, to tell apart two people of one name."""
        return ", ".join([*self.affiliations[:1], *self.roles[:1]])
