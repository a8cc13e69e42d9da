"""Every answer a quote may have: the article's entities, what each cue proposes, and nobody.

The cue rules of `quotesearch.extract.attribution` no longer decide on their own: each one is
read for every quote and says whom it points to (an incise's subject, the subject of the
reporting clause, the source of « selon », the previous speaker …). Those proposals, every
person, organisation and unnamed source of the article's model, and *nobody* (a title, a term,
a scare quote) are the candidates; `quotesearch.extract.features` describes each of them and
`quotesearch.extract.ranker` chooses. No rule removes a candidate: what a rule knows is a
feature of the candidates it names.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from quotesearch.extract.mentions import fold
from quotesearch.extract.quotes import QuoteSpan
from quotesearch.extract.reference import Context, Speech

# The cue rules, in the order the first-rule-wins reading tries them (its order is a feature).
RULES = (
    "inner-incise",
    "headline",
    "incise",
    "colon",
    "colon-after",
    "clause",
    "delayed-incise",
    "selon",
    "partial-clause",
    "continuation",
    "topic",
    "named-after",
    "backwards",
    "echo",
    "subject",
)
# What makes quoted words a name rather than speech, read by the label rules.
LABEL_RULES = ("label", "term", "listed")
NOBODY = ""


@dataclass
class Reading:
    """What the rules read at one quote: each rule's proposal, the label rules that fired,
    and the answer the first-rule-wins order gives (used as a feature, and as the reading
    that the narration state follows)."""

    span: QuoteSpan
    proposals: dict[str, Speech] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)
    cascade: Speech | None = None


@dataclass
class Candidate:
    """One possible speaker of a quote: a name (or nobody), its kind, where the article
    mentions it, and the rules that point to it."""

    name: str
    kind: str
    key: str
    mentions: list[tuple[int, int, bool, bool, bool, bool]] = field(default_factory=list)
    speeches: dict[str, Speech] = field(default_factory=dict)
    gender: str | None = None
    roles: tuple[str, ...] = ()
    # The mentions' starts and sentences, and how many of the first k are subjects, for
    # bisection (filled by `ArticleEntities`).
    starts: list[int] = field(default_factory=list)
    sentence_ids: list[int] = field(default_factory=list)
    subjects: list[int] = field(default_factory=lambda: [0])

    @property
    def nobody(self) -> bool:
        return self.key == NOBODY


def name_key(name: str | None) -> str:
    """Candidates are the same when their folded names are."""
    return " ".join(fold(name).split()) if name else NOBODY


class ArticleEntities:
    """The entities of an article that any quote may be attributed to, with their mentions
    (start, sentence, subject, oblique, embedded, resolved) outside the quotes."""

    def __init__(self, ctx: Context) -> None:
        self.by_key: dict[str, Candidate] = {}
        for person in ctx.cast.people.values():
            cand = self._add(person.name, person.kind)
            cand.gender = person.gender
            cand.roles = tuple(dict.fromkeys(cand.roles + tuple(person.roles)))
        people = {p.key: p for p in ctx.cast.people.values()}
        for m in ctx.cast.mentions:
            person = people.get(m.key)
            if person is None or m.in_quote:
                continue
            cand = self.by_key[name_key(person.name)]
            cand.mentions.append(
                (m.start, m.sentence, m.subject, m.oblique, m.embedded, m.resolved)
            )
        # Bodies the tagger names (« la CGT », « Amnesty International »): speakers too.
        for n, (offset, sent) in enumerate(ctx.sentences):
            for ent in sent.ents:
                if ent.label_ != "ORG" or ctx.in_quote(offset + ent.start_char):
                    continue
                cand = self._add(ent.text.strip(), "organization")
                root = ent.root
                cand.mentions.append(
                    (
                        offset + ent.start_char,
                        n,
                        root.dep_.startswith("nsubj"),
                        root.dep_ in ("obl", "nmod", "obl:arg"),
                        False,
                        False,
                    )
                )
        for cand in self.by_key.values():
            cand.mentions.sort()
            cand.starts = [m[0] for m in cand.mentions]
            cand.sentence_ids = [m[1] for m in cand.mentions]
            cand.subjects = [0]
            for m in cand.mentions:
                cand.subjects.append(cand.subjects[-1] + int(m[2]))

    def near(self, first: int, last: int, reach: int, always: set[str]) -> set[str]:
        """The entities mentioned from `reach` sentences before sentence `first` to `reach`
        after `last`, and those in `always`: a long article's candidates for one quote."""
        found = set(always)
        for key, cand in self.by_key.items():
            k = bisect.bisect_left(cand.sentence_ids, first - reach)
            if k < len(cand.sentence_ids) and cand.sentence_ids[k] <= last + reach:
                found.add(key)
        return found

    def _add(self, name: str, kind: str) -> Candidate:
        key = name_key(name)
        if key not in self.by_key:
            self.by_key[key] = Candidate(name=name, kind=kind, key=key)
        return self.by_key[key]

    def for_quote(self, reading: Reading, keep: set[str] | None = None) -> list[Candidate]:
        """Nobody, every entity of the article (or those in `keep`), and every answer a rule
        proposed."""
        found: dict[str, Candidate] = {
            NOBODY: Candidate(name="", kind="none", key=NOBODY),
        }
        for key, cand in self.by_key.items():
            if keep is None or key in keep:
                found[key] = replace(cand, speeches={})
        for rule, speech in reading.proposals.items():
            key = name_key(speech.name)
            if key not in found:
                found[key] = Candidate(speech.name or "", speech.kind or "person", key)
            found[key].speeches[rule] = speech
        return list(found.values())
