"""Speakers across articles: one record per real person, whatever each article called them.

Each article knows its speakers as `Entity` records. This stage joins them across the corpus:
full names that `quotesearch.speakers.names` judges to be one person (compared within blocks of
look-alike family names, so the work grows with the corpus, not its square), then bare
surnames, tied to a full name by their article or, when only one person in the corpus bears
that name, by the corpus; a name one letter away from a better-attested one of the same given
name is a misspelling of it. A speaker known only by a role is the person who held the office
on the article's date. A user's alias file forces or forbids merges, names speakers and refuses
role links.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz

from quotesearch.errors import AmbiguousSpeaker, QuotesearchError, SpeakerNotFound
from quotesearch.lang import gazetteer_fr as gazetteer
from quotesearch.lang import names_fr as lang
from quotesearch.lang.nationalities_fr import agreeing
from quotesearch.records import Analysis, Entity, Quote, Speaker
from quotesearch.speakers import names
from quotesearch.speakers.aliases import AliasRules, AliasSpeaker, alias_key
from quotesearch.speakers.bodies import qualified_phrase
from quotesearch.speakers.groups import UnionFind
from quotesearch.speakers.names import fold
from quotesearch.speakers.relatives import kin_before, lone_given_gender
from quotesearch.speakers.roles import (
    CorpusHolders,
    RoleLink,
    article_country,
    is_own_role,
    link_role,
)
from quotesearch.speakers.spelling import deletions, one_edit

# A fuzzy lookup must score this much (0–100) to name a speaker; candidates within
# AMBIGUITY_MARGIN of the best one make the name ambiguous.
LOOKUP_MIN = 80.0
AMBIGUITY_MARGIN = 3.0
# Weaker matches are still listed as candidates, down to this score.
LOOKUP_SHOWN = 60.0
# The kinds a speaker's evidence may confirm or overturn; any other kind extraction gives (a
# « document ») is kept as given.
_JUDGED_KINDS = ("person", "organization", "unnamed", "unknown", "")
# Speakers of one article only, listed after those named across the corpus.
_ONE_ARTICLE = ("unnamed", "unknown")
# Capitalised runs of words in an article: where a bare surname's full name may be written.
# A run may start glued to the word before it, where a page lost a space (« expliqueOlivier
# Guérin »).
# A person written in more articles than this is well attested: never taken for a misspelling.
WELL_ATTESTED = 2
# Family names shorter than this are never respelt (Li, Kim, Roy).
MISSPELLING_MIN_LENGTH = 4
_CAPITALISED_RUN = re.compile(r"(?:(?:\b|(?<=[a-zà-ÿ]))[A-ZÀ-Ý][\w’'-]*\s+){1,3}[A-ZÀ-Ý][\w’'-]*")


@dataclass
class _Mention:
    """A speaker as one article knows it, with its quote count."""

    doc_id: str
    name: str
    kind: str
    gender: str | None
    forms: list[str]
    roles: list[str]
    quotes: int = 0
    affiliations: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    title: str | None = None
    # Forms of the article mapped to this speaker but not listed as its names: the role a role
    # speaker was written with once it is identified.
    mapped: list[str] = field(default_factory=list)
    link: tuple[str, RoleLink] | None = None
    # A generic body the article does not qualify (« l'Agence »): a speaker of this article.
    generic: bool = False
    # A relative told apart from the person whose name the article gave it: never tied back.
    relative: bool = False
    # The country the article is about, for the national offices its roles name.
    country: str = "fr"


@dataclass
class _Node:
    """All mentions written with one name (folded) across the corpus."""

    category: str  # person (given and family names), surname (family only) or other
    name: str
    parsed: names.PersonName
    mentions: list[_Mention] = field(default_factory=list)
    role_words: set[str] = field(default_factory=set)
    genders: Counter = field(default_factory=Counter)
    gender: str | None = None


def _node_gender(node: _Node) -> str | None:
    """The gender a node's given name carries, else the one its articles agree on."""
    if node.category == "person":
        gender = names.given_gender(node.parsed.written)
        if gender:
            return gender
    ranked = node.genders.most_common()
    if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0]
    return None


class SpeakerRegistry:
    """Every speaker of a corpus, and which speaker each article's speaker name means."""

    def __init__(
        self,
        speakers: Iterable[Speaker],
        mentions: dict[tuple[str, str], str],
        split: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.speakers: tuple[Speaker, ...] = tuple(
            sorted(speakers, key=lambda s: (s.kind in _ONE_ARTICLE, -s.quotes, s.name, s.id))
        )
        self._by_id = {s.id: s for s in self.speakers}
        self._by_name: dict[str, list[Speaker]] = defaultdict(list)
        for speaker in self.speakers:
            if speaker.kind not in _ONE_ARTICLE:
                self._by_name[fold(speaker.name)].append(speaker)
        self._mentions = dict(mentions)
        # (article, form) of the short forms an article's extraction gave to a person that the
        # registry told apart as someone else (« Mme Rugy » under François de Rugy): a quote
        # cued by such a form is that other person's.
        self._split = frozenset(split)

    def __len__(self) -> int:
        return len(self.speakers)

    def get(self, speaker_id: str) -> Speaker | None:
        """The speaker with this id, or None."""
        return self._by_id.get(speaker_id)

    def speaker_for(self, quote: Quote) -> Speaker | None:
        """The speaker of a quote, found by its article and the speaker name it carries (or
        the form at its cue, when that form was told apart from the name)."""
        if quote.mention and (quote.doc_id, fold(quote.mention)) in self._split:
            return self.speaker_named(quote.doc_id, quote.mention)
        return self.speaker_named(quote.doc_id, quote.speaker) if quote.speaker else None

    def speaker_named(self, doc_id: str, name: str) -> Speaker | None:
        """The speaker that article `doc_id` calls `name` (any form it wrote), or None."""
        speaker_id = self._mentions.get((doc_id, fold(name)))
        return self._by_id.get(speaker_id) if speaker_id else None

    def lookup(self, name: str, *, limit: int = 5) -> list[tuple[Speaker, float]]:
        """Speakers whose name or a variant of it is like `name`, best first, scored 0–100.

        Case, accents, hyphens and transliteration do not matter (« choe son hui »); a bare
        surname (« lavrov ») matches every speaker of that family name.
        """
        query = _titlecase(name)
        parsed = names.parse_name(query)
        folded = fold(name)
        scored = []
        for speaker in self.speakers:
            best = 0.0
            for form, _ in speaker.variants or ((speaker.name, 1),):
                best = max(best, _form_score(parsed, folded, form))
                if best >= 100:
                    break
            if best >= LOOKUP_SHOWN:
                scored.append((speaker, best))
        scored.sort(key=lambda pair: (-pair[1], -pair[0].quotes, pair[0].name))
        return scored[:limit]

    def resolve_name(self, name: str) -> Speaker:
        """The one speaker `name` means; raises SpeakerNotFound or AmbiguousSpeaker.

        An exact id, or the exact name of one named speaker, always answers; other names are
        looked up loosely.
        """
        exact = self.get(name.strip())
        if exact is not None:
            return exact
        named = self._by_name.get(fold(name), [])
        people = [s for s in named if s.kind == "person"]
        if len(named) == 1 or len(people) == 1:
            return (people or named)[0]
        found = [(s, score) for s, score in self.lookup(name, limit=10) if score >= LOOKUP_MIN]
        if not found:
            raise SpeakerNotFound(
                f"no speaker matches {name!r}; run `quotesearch speakers` to list them"
            )
        best = found[0][1]
        close = [s for s, score in found if score >= best - AMBIGUITY_MARGIN]
        if len(close) > 1:
            listed = ", ".join(f"{s.name} ({s.id})" for s in close)
            raise AmbiguousSpeaker(
                f"{name!r} may name several speakers: {listed}; give a fuller name or an id",
                close,
            )
        return close[0]

    def to_json(self) -> dict:
        """The registry as plain JSON data, to be saved beside the index."""
        mentions: dict[str, list[list[str]]] = defaultdict(list)
        for (doc_id, name), speaker_id in sorted(self._mentions.items()):
            mentions[speaker_id].append([doc_id, name])
        return {
            "version": 1,
            "speakers": [s.to_dict() for s in self.speakers],
            "mentions": dict(mentions),
            "split": sorted([doc_id, form] for doc_id, form in self._split),
        }

    @classmethod
    def from_json(cls, data: dict) -> SpeakerRegistry:
        """Rebuild a registry saved with `to_json`."""
        try:
            speakers = [
                Speaker(
                    id=d["id"],
                    name=d["name"],
                    kind=d["kind"],
                    gender=d.get("gender"),
                    variants=tuple((v["name"], int(v["count"])) for v in d.get("variants", ())),
                    roles=tuple(d.get("roles", ())),
                    quotes=int(d.get("quotes", 0)),
                    articles=tuple(d.get("articles", ())),
                    affiliations=tuple(d.get("affiliations", ())),
                    latest_role=d.get("latest_role"),
                    identified=tuple(
                        (i["role"], i["office"], i["source"], int(i["articles"]))
                        for i in d.get("identified", ())
                    ),
                )
                for d in data["speakers"]
            ]
            split = [(doc_id, form) for doc_id, form in data.get("split", ())]
            mentions = {
                (doc_id, name): speaker_id
                for speaker_id, pairs in data.get("mentions", {}).items()
                for doc_id, name in pairs
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise QuotesearchError(
                f"the saved speaker registry is malformed ({exc!r}); rebuild the index"
            ) from exc
        return cls(speakers, mentions, split)


def _titlecase(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _form_score(query: names.PersonName, folded: str, form: str) -> float:
    text = fold(form)
    parsed = names.parse_name(form)
    if text == folded and not (parsed.family and parsed.surname_only):
        return 100.0
    if not query.family or not parsed.family:
        return float(fuzz.ratio(text, folded))
    if query.surname_only:
        # A bare surname fits every person of the family equally, just under an exact form.
        return names.family_score(query, parsed) - 5
    if parsed.surname_only:
        # A full name only half matches a bare surname, which may be anyone of the family.
        return names.family_score(query, parsed) * 0.7
    return names.name_score(query, parsed)


def resolve_speakers(
    analyses: Iterable[Analysis], *, aliases: AliasRules | None = None
) -> SpeakerRegistry:
    """Join the speakers of all articles into one registry of people and organisations."""
    aliases = aliases or AliasRules()
    split: set[tuple[str, str]] = set()
    mentions = [m for analysis in analyses for m in _article_mentions(analysis, split)]
    _link_roles(mentions, aliases)
    _surnames_as_people(mentions)
    nodes = _nodes(mentions)
    groups = _cluster(nodes, aliases)
    _join_misspellings(nodes, groups)
    return _registry(nodes, groups, aliases, split)


def _article_mentions(analysis: Analysis, split: set[tuple[str, str]]) -> list[_Mention]:
    doc_id = analysis.article.id
    text = analysis.article.text
    dated = {
        "date": analysis.article.date,
        "title": analysis.article.title,
        "country": article_country(text),
    }
    by_name: dict[str, _Mention] = {}
    for entity in analysis.entities:
        key = fold(entity.name)
        if key in by_name:
            _absorb(by_name[key], entity)
            continue
        by_name[key] = _Mention(
            doc_id=doc_id,
            name=entity.name,
            kind=entity.kind,
            gender=entity.gender,
            forms=list(dict.fromkeys((entity.name, *entity.variants))),
            roles=list(entity.roles),
            **dated,
        )
    relatives = _split_relatives(list(by_name.values()), text)
    for relative in relatives:
        by_name.setdefault(fold(relative.name), relative)
        split.update((doc_id, fold(f)) for f in relative.forms)
    for quote in analysis.quotes:
        if not quote.speaker:
            continue
        key = fold(quote.speaker)
        if quote.mention and (doc_id, fold(quote.mention)) in split:
            cued = fold(quote.mention)
            key = next((fold(r.name) for r in relatives if cued in map(fold, r.forms)), key)
        if key not in by_name:
            by_name[key] = _Mention(
                doc_id=doc_id,
                name=quote.speaker,
                kind=quote.speaker_kind or "unknown",
                gender=None,
                forms=[quote.speaker],
                roles=[],
                **dated,
            )
        by_name[key].quotes += 1
    mentions = list(by_name.values())
    folded_text = fold(text)
    for mention in mentions:
        _clean(mention, text)
        # A role shown is a phrase of the article and one a person can hold.
        mention.roles = [r for r in mention.roles if fold(r) in folded_text]
        _qualify_generic(mention, text)
    _surnames_of_article(mentions)
    _tie_surnames(mentions, text)
    for mention in mentions:
        if mention.kind == "person" and names.is_given_name(mention.name):
            # A first name alone (« François, 45 ans ») that its article ties to no full name
            # names someone of this article only.
            mention.kind = "unnamed"
    return mentions


def _clean(mention: _Mention, text: str) -> None:
    """Cut a mention at its name's boundaries and give it a kind from evidence: labels before
    the name become affiliations, a name cut short is completed from its article or kept as
    no person, and an unresolved role or description is an unnamed speaker of its article."""
    written = mention.name
    if mention.kind not in _JUDGED_KINDS:
        # A kind extraction tells apart on its own (« document »: a report that says): kept.
        return
    cleaned = names.clean_mention(written)
    name = cleaned.name
    if cleaned.fragment or (name and mention.kind != "unnamed" and len(name.split()) == 1):
        name = names.complete_name(name, text) or ("" if cleaned.fragment else name)
        if name != cleaned.name:
            name = names.clean_mention(name).name
    mention.roles.extend(r for r in cleaned.roles if r not in mention.roles)
    if cleaned.affiliation:
        mention.affiliations.append(cleaned.affiliation)
    mention.affiliations.extend(_role_affiliations(mention.roles))
    mention.affiliations = list(dict.fromkeys(mention.affiliations))
    evidence = names.name_kind(name) if name else None
    if evidence == "place" and _title_gender(mention.forms):
        # « M. Menton »: a title vouches for a family name that is also a town's.
        evidence = None
    elif evidence is None and len(name.split()) > 1 and _expands_acronym(name, text):
        # « Manufattura Automobili Torinosera (MAT) »: a name spelt out beside its acronym.
        evidence = "organization"
    if not name or (mention.kind == "unnamed" and evidence != "person"):
        # Only a role, a description or a bare title was written: no name to join across articles.
        mention.kind = "unknown" if cleaned.fragment and mention.kind != "unnamed" else "unnamed"
        return
    if evidence in ("organization", "place", "other", "unnamed"):
        mention.kind = evidence
    elif evidence == "person" and len(name.split()) > 1:
        # A given name and a family name outweigh a parser's organisation label.
        mention.kind = "person"
    elif mention.kind not in ("person", "organization"):
        mention.kind = evidence or "unknown"
    words = name.split()
    if mention.kind == "person" and (
        (len(words) == 1 and _common_word(name, text))
        # « La Lettre »: an article before a word the text also writes in lower case.
        or (
            len(words) == 2
            and fold(words[0]) in lang.ORGANIZATION_ARTICLES
            and _lowercase_in(words[1], text)
        )
        # « La Fage », « La Dernière Heure »: a feminine or plural article opens the name of a
        # title or a body far more often than a family name, unless a title vouches for it.
        or (
            len(words) > 1
            and fold(words[0]) in gazetteer.TITLE_ARTICLES
            and not _title_gender(mention.forms)
        )
        # « des Chicken Wings »: words that no given name opens, always after a determiner.
        or (len(words) > 1 and evidence is None and _common_word(name, text))
        # « le restaurant "Tonton" », « intitulée « Complètement Stone » »: words written only
        # between quotation marks are a title or a sign.
        or (evidence != "person" and _only_quoted(name, text))
    ):
        # « Risque », « Alerte »: a capitalised word that the article also writes in lower case
        # opens a sentence; it names nobody.
        mention.kind = "unknown"
    if (
        mention.kind == "person"
        and len(words) == 1
        and mention.roles
        and all(_dangling(r) for r in mention.roles)
        and not _title_gender(mention.forms)
    ):
        # « le maire de Générac », « les salariés de Conforama »: the word completes a role
        # that ends on « de »; the speaker is whoever holds the role, unnamed.
        mention.kind = "unnamed"
    if name != written:
        mention.forms = list(dict.fromkeys([name, *mention.forms, written]))
        mention.name = name
    if mention.kind == "person":
        # A full name of someone else among the forms (an article's « Michel Platini » holding
        # « William Bourdon », his lawyer) is no form of this person.
        parsed = names.parse_name(name)
        mention.forms = [
            f
            for f in mention.forms
            if f in (name, written) or not _other_person(parsed, names.parse_name(f))
        ]
    if mention.kind == "person":
        title = _title_gender(mention.forms)
        gender = names.given_gender(name) or title
        by_role = _role_gender(mention.roles)
        if by_role and by_role == mention.gender and not title:
            # « Stéphane Pallez, présidente de… »: the article and the person's own role agree
            # against the usual gender of the given name; they know the person.
            pass
        elif gender:
            mention.gender = gender
        elif by_role and not mention.gender:
            # « présidente du club »: the gender the person's roles are written in, where the
            # article told none.
            mention.gender = by_role


def _other_person(a: names.PersonName, b: names.PersonName) -> bool:
    return bool(a.given and b.given and a.family and b.family) and names.conflicting(a, b)


def _common_word(word: str, text: str) -> bool:
    """Whether the article writes `word` as a common noun or a verb: also in lower case, after
    an article or determiner wherever it is capitalised (« la Convention »), or with an
    inverted subject (« Regrette-t-elle »)."""
    if word not in text:
        return False
    lowercase, capitalised = _word_patterns(word)
    if lowercase is not None and lowercase.search(text):
        return True
    seen = list(capitalised.finditer(text))
    if any(m.group(2) for m in seen):
        return True
    heads = gazetteer.NOUN_DETERMINERS | gazetteer.THING_HEADS
    return bool(seen) and all(m.group(1) and fold(m.group(1)) in heads for m in seen)


def _only_quoted(words: str, text: str) -> bool:
    """Whether every time the article writes `words` they stand alone between quotation marks
    (« "Tonton" »), as the title of a work or the sign of a shop does."""
    found = False
    for start in _occurrences(words, text):
        end = start + len(words)
        if _word_char(text, start - 1) or _word_char(text, end):
            continue
        before, after = text[max(0, start - 2) : start].strip(), text[end : end + 2].strip()
        if not (before[-1:] in _OPENING_QUOTES and after[:1] in _CLOSING_QUOTES):
            return False
        found = True
    return found


def _expands_acronym(name: str, text: str) -> bool:
    """Whether the article writes `name` beside an acronym of its capitalised words' initials,
    either way round: « Manufattura Automobili Torinosera (MAT) », « le MAT (Manufattura…) »."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    if len(initials) < 2 or "(" not in text:
        return False
    for start in _occurrences(name, text):
        end = start + len(name)
        after = text[end : end + len(initials) + 3].strip()
        before = text[max(0, start - len(initials) - 3) : start].strip()
        if after == f"({initials})" or (text[end : end + 1] == ")" and before == f"{initials} ("):
            return True
    return False


# Quotation marks around a title or a sign (« "Tonton" »).
_OPENING_QUOTES = ("«", '"', "“")
_CLOSING_QUOTES = ("»", '"', "”")


def _occurrences(words: str, text: str) -> Iterable[int]:
    start = text.find(words)
    while start >= 0:
        yield start
        start = text.find(words, start + 1)


def _word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] in "’'-")


def _dangling(role: str) -> bool:
    # « maire de », « actrice d’ »: a role cut before its complement.
    last = fold(role).split()[-1:] or [""]
    return last[0] in gazetteer.GENITIVES or role.endswith(("’", "'"))


def _role_gender(roles: Iterable[str]) -> str | None:
    """The one gender the person's own roles are written in; a role ending on « de » is
    someone else's (« mère de »: the mother spoke of this person)."""
    found = {names.role_gender(r) for r in roles if not _dangling(r)} - {None}
    return found.pop() if len(found) == 1 else None


def _lowercase_in(word: str, text: str) -> bool:
    lowercase = _word_patterns(word)[0]
    return lowercase is not None and lowercase.search(text) is not None


@lru_cache(maxsize=50_000)
def _word_patterns(word: str) -> tuple[re.Pattern | None, re.Pattern]:
    lower = word.lower()
    lowercase = re.compile(rf"(?<![\w’']){re.escape(lower)}(?![\w’'])") if lower != word else None
    capitalised = re.compile(rf"(\w+)?[\s’']*(?<![\w-]){re.escape(word)}(?:(-t-)|(?![\w’'-]))")
    return lowercase, capitalised


def _title_gender(forms: Iterable[str]) -> str | None:
    found = {g for g in map(names.title_gender, forms) if g}
    return found.pop() if len(found) == 1 else None


def _role_affiliations(roles: Iterable[str]) -> list[str]:
    """The parties, media and organisations a role phrase names (« secrétaire général de la
    CGT »: CGT), as written."""
    found = []
    for role in roles:
        for word in role.replace(",", " ").split():
            if (
                names.name_kind(word) == "organization"
                and word.isupper()
                and fold(word) not in gazetteer.ROLE_ACRONYMS
                and not re.fullmatch(r"[IVXL]+", word)
            ):
                found.append(word)
    return found


def _absorb(mention: _Mention, entity: Entity) -> None:
    mention.forms.extend(f for f in (entity.name, *entity.variants) if f not in mention.forms)
    mention.roles.extend(r for r in entity.roles if r not in mention.roles)
    mention.gender = mention.gender or entity.gender


def _tie_surnames(mentions: list[_Mention], text: str) -> None:
    """Give a lone name word the full name its article writes for one person (« Chwe » for the
    minister introduced as « Choe Song-hee », « Anne » for « Anne de Gaulle »), keeping the word
    as a variant; a title or gender that disagrees (« Mme Rugy ») ties nothing."""
    for mention in mentions:
        if mention.kind != "person" or mention.relative:
            continue
        parsed = names.parse_name(mention.name)
        if not parsed.surname_only or not parsed.family:
            continue
        candidates = [m for m in mentions if m is not mention and m.kind == "person"]
        # A given name (« Mikael ») stands for a person of that first name, not of that surname.
        given = names.is_given_name(mention.name)
        full = set()
        if not given:
            full = {m.name for m in candidates if _completes(parsed, names.parse_name(m.name))}
        if not full and not given:
            full = {
                run.group()
                for run in _CAPITALISED_RUN.finditer(text)
                if _completes(parsed, names.parse_name(run.group()))
            }
        if not full:
            full = {m.name for m in candidates if _first_given(parsed, names.parse_name(m.name))}
        gender = _title_gender(mention.forms) or mention.gender
        people = [
            p
            for p in _distinct_people(full)
            if not (gender and names.given_gender(p) not in (None, gender))
        ]
        if len(people) == 1:
            mention.forms.append(mention.name)
            mention.name = people[0]
            mention.forms = list(dict.fromkeys([mention.name, *mention.forms]))
            evidence = names.name_kind(people[0])
            if evidence in ("organization", "place", "other"):
                # « Match » for « Paris Match »: the word stood for a title, not a person.
                mention.kind = evidence


def _split_relatives(mentions: list[_Mention], text: str) -> list[_Mention]:
    """Take out of a person the short forms that name someone else of the family: a title of
    the other gender (« Mme Rugy » under François de Rugy), a kinship noun before it (« leur
    benjamine Anne » under Anne Hidalgo), a lone given name of the other gender. Each becomes a
    person of its own in this article."""
    relatives: dict[str, _Mention] = {}
    for mention in mentions:
        if mention.kind not in ("person", "unknown", ""):
            continue
        parsed = names.parse_name(mention.name)
        if not parsed.given or not parsed.family:
            continue
        gender = names.given_gender(mention.name) or _title_gender(mention.forms) or mention.gender
        keep = []
        for form in mention.forms:
            short = names.parse_name(form)
            other = None
            if fold(form) != fold(mention.name) and (short.surname_only or not short.family):
                titled = names.title_gender(form)
                bare = names.clean_name(form)[0] or form
                # A lone given name (« Anne ») that is not the person's own family name.
                lone_given = names.is_given_name(bare) and short.strict_family != (
                    parsed.strict_family
                )
                given = lone_given_gender(bare) if lone_given else None
                if gender and titled and titled != gender:
                    other = titled
                elif gender and given and given != gender:
                    other = given
                else:
                    other = kin_before(names.clean_name(form)[0] or form, text)
            if other is None:
                keep.append(form)
                continue
            relative = relatives.setdefault(
                fold(form),
                _Mention(
                    doc_id=mention.doc_id,
                    name=form,
                    kind="person",
                    gender=other,
                    forms=[],
                    roles=[],
                    date=mention.date,
                    title=mention.title,
                    country=mention.country,
                    relative=True,
                ),
            )
            relative.forms.append(form)
        mention.forms = keep or [mention.name]
    return list(relatives.values())


def _qualify_generic(mention: _Mention, text: str) -> None:
    """Give a generic body (« gouvernement », « l'Agence ») the fuller name its article writes,
    or keep it a speaker of its article only."""
    if mention.kind not in ("organization", "unnamed"):
        return
    words = [w for w in fold(mention.name).split() if w not in lang.DETERMINERS]
    if len(words) != 1 or words[0] not in lang.GENERIC_BODIES:
        return
    bare = next((w for w in re.findall(r"[\w-]+", mention.name) if fold(w) == words[0]), None)
    phrase = qualified_phrase(bare, text) if bare else None
    if phrase is None and bare and words[0] in lang.NATIONAL_BODIES:
        # « le gouvernement » of an article about Spain is the Spanish government.
        country = article_country(text, default="")
        gender, plural = lang.NATIONAL_BODIES[words[0]]
        adjective = agreeing(country, gender, plural) if country else None
        phrase = f"{bare} {adjective}" if adjective else None
    if phrase is None:
        mention.generic = True
        return
    mention.mapped.append(mention.name)
    mention.kind = "organization"
    mention.name = phrase
    mention.forms = list(dict.fromkeys([phrase, *mention.forms]))


def _capitalised_word(name: str) -> bool:
    return len(name.split()) == 1 and name[:1].isupper() and len(name) >= 3


def _surnames_of_article(mentions: list[_Mention]) -> None:
    """A lone capitalised word taken for a body (« Ndiaye », « WAUQUIEZ ») that is the family
    name of a person of the same article is that person's surname."""
    families = {
        names.parse_name(m.name).strict_family
        for m in mentions
        if m.kind == "person" and names.parse_name(m.name).given
    }
    for mention in mentions:
        if (
            mention.kind in ("organization", "unknown")
            and _capitalised_word(mention.name)
            and names.parse_name(mention.name).strict_family in families
        ):
            _as_surname(mention)


def _as_surname(mention: _Mention) -> None:
    mention.kind = "person"
    if mention.name.isupper():
        mention.forms.append(mention.name)
        mention.name = mention.name.title()


def _surnames_as_people(mentions: list[_Mention]) -> None:
    """A lone capitalised word taken for a body or left unknown that is the family name of
    exactly one person of the corpus, and that no list knows as a body or place, is a surname
    (the registry then joins it to that person)."""
    bearers: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == "person":
            parsed = names.parse_name(m.name)
            if parsed.given and parsed.family:
                bearers[parsed.strict_family].add(fold(parsed.written))
    for mention in mentions:
        if mention.kind not in ("organization", "unknown") or not _capitalised_word(mention.name):
            continue
        if mention.name.isupper() and len(mention.name) < 4:
            continue  # « PS », « RN »: an acronym
        key = fold(mention.name)
        if key in names._AFFILIATIONS or key in gazetteer.PLACES or key in gazetteer.TOWNS:
            continue
        if not mention.name.isupper() and names.name_kind(mention.name) is not None:
            continue
        if len(bearers.get(names.parse_name(mention.name).strict_family, ())) == 1:
            _as_surname(mention)


def _link_roles(mentions: list[_Mention], aliases: AliasRules) -> None:
    """Identify each role speaker (« le ministre de l'Intérieur ») with the person who held
    the office on its article's date, from the office table or from the corpus's own
    « X, ministre de l'Intérieur » of the same weeks, unless the alias file refuses it."""
    corpus = CorpusHolders()
    for m in mentions:
        if m.kind == "person" and names.parse_name(m.name).given:
            corpus.add(m.name, m.roles, m.date)
    for m in mentions:
        if m.date is None:
            continue
        for phrase in _role_phrases(m):
            if aliases.refuses(phrase, m.doc_id):
                continue
            link = link_role(phrase, m.date, corpus, country=m.country)
            if link is None:
                continue
            m.link = (phrase, link)
            m.mapped.extend([m.name, *m.forms])
            role = _without_determiner(phrase)
            if role not in m.roles:
                m.roles.insert(0, role)
            m.name, m.forms, m.kind, m.gender = link.holder, [link.holder], "person", None
            break


def _without_determiner(phrase: str) -> str:
    """A role as a person's role is written: « le ministre de l'Intérieur » → « ministre de
    l'Intérieur »."""
    return re.sub(r"^(?:(?:le|la|les|un|une)\s+|l['’])", "", phrase.strip(), flags=re.IGNORECASE)


def _role_phrases(mention: _Mention) -> list[str]:
    """What a speaker may be a role speaker by: an unnamed speaker's description, or a
    body's name written after a role that heads it (« numéro un de la CGT »)."""
    if mention.kind == "unnamed":
        return [mention.name]
    ends = gazetteer.GENITIVES | lang.DETERMINERS
    if mention.kind == "organization" and any(
        fold(r).split()[-1:] and fold(r).split()[-1] in ends for r in mention.roles
    ):
        body = fold(mention.name)
        return [f for f in mention.forms if f != mention.name and fold(f).endswith(body)]
    return []


def _join_misspellings(nodes: list[_Node], clusters: _Clusters) -> None:
    """Join a person written in few articles to the better-attested person of the very same
    given names whose family name is one letter away (« Nicolas Hulos » → « Nicolas Hulot »),
    never when both are well attested (then they are two people)."""
    spellings: dict[int, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
    for i, node in enumerate(nodes):
        parsed = node.parsed
        if (
            node.category == "person"
            and parsed.given
            and not parsed.family_first
            and len(parsed.strict_family) >= MISSPELLING_MIN_LENGTH
        ):
            spellings[clusters.find(i)].add((parsed.given, parsed.strict_family))
    attested = {
        root: len({m.doc_id for i in clusters.members[root] for m in nodes[i].mentions})
        for root in spellings
    }
    index: dict[tuple[tuple[str, ...], str], set[int]] = defaultdict(set)
    for root, written in spellings.items():
        for given, family in written:
            for key in deletions(family):
                index[(given, key)].add(root)
    joins = []
    for root, written in spellings.items():
        if attested[root] > WELL_ATTESTED:
            continue
        best = None
        for given, family in written:
            for key in deletions(family):
                for other in index[(given, key)]:
                    if other == root or attested[other] <= attested[root]:
                        continue
                    if not any(g == given and one_edit(family, f) for g, f in spellings[other]):
                        continue
                    if best is None or attested[other] > attested[best]:
                        best = other
        if best is not None:
            joins.append((root, best))
    for root, best in joins:
        ra, rb = clusters.find(root), clusters.find(best)
        if ra == rb or clusters.forbidden(ra, rb):
            continue
        genders = {nodes[i].gender for r in (ra, rb) for i in clusters.members[r]} - {None}
        if len(genders) <= 1:
            clusters.union(ra, rb)


def _first_given(word: names.PersonName, full: names.PersonName) -> bool:
    # A lone given name stands for the one person of its article who bears it.
    return not full.surname_only and not full.family_first and full.given[:1] == (word.family,)


def _completes(surname: names.PersonName, full: names.PersonName) -> bool:
    return not full.surname_only and names.family_score(surname, full) >= names.FAMILY_MATCH


def _distinct_people(forms: Iterable[str]) -> list[str]:
    """The fullest form of each person among `forms`, merging forms that name one person."""
    people: list[str] = []
    for form in sorted(forms, key=lambda f: (-names.completeness(f), f)):
        parsed = names.parse_name(form)
        if not any(names.same_person(parsed, names.parse_name(p)) for p in people):
            people.append(form)
    return people


def _nodes(mentions: list[_Mention]) -> list[_Node]:
    nodes: dict[tuple[str, str], _Node] = {}
    for mention in mentions:
        parsed = names.parse_name(mention.name)
        if mention.kind in _ONE_ARTICLE or mention.generic:
            # A description, a name of unknown kind or a body its article does not qualify is
            # evidence only within its article.
            category, key = "other", f"{mention.kind}:{mention.doc_id}:{fold(mention.name)}"
        elif mention.kind != "person" or not parsed.family:
            category, key = "other", f"{mention.kind}:{_other_key(mention.name)}"
        elif parsed.surname_only:
            # A bare surname is evidence only within its article: one node per article.
            category, key = "surname", f"{mention.doc_id}:{fold(parsed.written)}"
        else:
            category, key = "person", fold(parsed.written)
        node = nodes.get((category, key))
        if node is None:
            node = nodes[(category, key)] = _Node(category=category, name=key, parsed=parsed)
        node.mentions.append(mention)
        node.role_words.update(_role_words(mention.roles))
        if mention.gender:
            node.genders[mention.gender] += 1
    for node in nodes.values():
        node.gender = _node_gender(node)
    return list(nodes.values())


def _other_key(name: str) -> str:
    words = fold(name).split()
    while len(words) > 1 and words[0] in lang.ORGANIZATION_ARTICLES | lang.DETERMINERS:
        words = words[1:]
    return names.spelling_key("".join(words))


def _role_words(roles: Iterable[str]) -> set[str]:
    skip = lang.ROLE_FILLERS | lang.DETERMINERS
    return {w for role in roles for w in fold(role).split() if w not in skip and len(w) > 2}


class _Clusters(UnionFind):
    """Clusters of nodes, each remembering its alias entry and the labels forbidding merges."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.alias: dict[int, int] = {}
        self.labels: dict[int, set[tuple[int, int]]] = defaultdict(set)

    def forbidden(self, a: int, b: int) -> bool:
        if a in self.alias and b in self.alias and self.alias[a] != self.alias[b]:
            return True
        return any(g == h and m != n for g, m in self.labels[a] for h, n in self.labels[b])

    def union(self, a: int, b: int) -> int:
        a, b = self.find(a), self.find(b)
        root = super().union(a, b)
        if a != b:
            gone = b if root == a else a
            if gone in self.alias:
                self.alias.setdefault(root, self.alias.pop(gone))
            self.labels[root] |= self.labels.pop(gone, set())
        return root


def _cluster(nodes: list[_Node], aliases: AliasRules) -> _Clusters:
    clusters = _Clusters(len(nodes))
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for form in {node.name, *(fold(m.name) for m in node.mentions)}:
            by_name[form].append(i)
    # The alias file first: forced merges, then the labels that forbid merges.
    for index, entry in enumerate(aliases.speakers):
        found = [
            i for form in (entry.name, *entry.aliases) for i in by_name.get(alias_key(form), ())
        ]
        for i in found:
            root = clusters.union(found[0], i)
            clusters.alias[root] = index
    for group, members in enumerate(aliases.distinct):
        for member, form in enumerate(members):
            for i in by_name.get(alias_key(form), ()):
                clusters.labels[clusters.find(i)].add((group, member))

    people = [i for i, n in enumerate(nodes) if n.category == "person"]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in people:
        blocks[nodes[i].parsed.block_key].append(i)
    edges = []
    for block in blocks.values():
        for x, i in enumerate(block):
            a = nodes[i]
            for j in block[x + 1 :]:
                b = nodes[j]
                supported = bool(a.role_words & b.role_words)
                if names.same_person(a.parsed, b.parsed, supported=supported):
                    edges.append((-names.name_score(a.parsed, b.parsed), i, j))
    edges.sort()
    for _, i, j in edges:
        ra, rb = clusters.find(i), clusters.find(j)
        if ra != rb and not _cannot_link(nodes, clusters, ra, rb):
            clusters.union(ra, rb)

    _attach_surnames(nodes, clusters, people)
    others: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if node.category == "other":
            root = others.setdefault(node.name, i)
            if not clusters.forbidden(clusters.find(root), clusters.find(i)):
                clusters.union(root, i)
    return clusters


def _cannot_link(nodes: list[_Node], clusters: _Clusters, ra: int, rb: int) -> bool:
    if clusters.forbidden(ra, rb):
        return True
    genders_a = {nodes[i].gender for i in clusters.members[ra]} - {None}
    genders_b = {nodes[j].gender for j in clusters.members[rb]} - {None}
    if len(genders_a | genders_b) > 1:
        return True
    return any(
        names.conflicting(nodes[i].parsed, nodes[j].parsed)
        for i in clusters.members[ra]
        if nodes[i].category == "person"
        for j in clusters.members[rb]
        if nodes[j].category == "person"
    )


def _attach_surnames(nodes: list[_Node], clusters: _Clusters, people: list[int]) -> None:
    """Join each bare surname to the one person of that family name in the corpus, using
    roles and gender to choose when there are several; otherwise bare surnames of one
    family stay a speaker of their own."""
    by_block: dict[str, list[int]] = defaultdict(list)
    for i in people:
        by_block[nodes[i].parsed.block_key].append(i)
    unattached: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if node.category != "surname":
            continue
        root = clusters.find(i)
        if any(nodes[m].category == "person" for m in clusters.members[root]):
            continue
        if names.is_given_name(node.parsed.written):
            # A lone given name (« Bruno », « Anne ») is no surname: only its article ties it.
            continue
        candidates: dict[int, list[int]] = defaultdict(list)
        for j in by_block.get(node.parsed.block_key, ()):
            # Across articles a bare surname matches strictly: the same letters, folded
            # (Cicero is no Chikirou, Castaner no Castanier).
            if node.parsed.strict_family == nodes[j].parsed.strict_family and not (
                node.gender and nodes[j].gender and node.gender != nodes[j].gender
            ):
                candidates[clusters.find(j)].append(j)
        chosen = list(candidates)
        if len(chosen) > 1:
            chosen = [r for r in chosen if _fits(node, [nodes[j] for j in candidates[r]])]
        chosen = [r for r in chosen if not clusters.forbidden(r, root)]
        if len(chosen) == 1:
            clusters.union(chosen[0], i)
            continue
        key = node.parsed.family_key
        if key in unattached and not clusters.forbidden(clusters.find(unattached[key]), root):
            clusters.union(unattached[key], i)
        else:
            unattached.setdefault(key, i)


def _fits(node: _Node, people: list[_Node]) -> bool:
    roles = set().union(*(p.role_words for p in people))
    genders = sum((p.genders for p in people), Counter())
    gender = node.genders.most_common(1)[0][0] if node.genders else None
    if gender and genders and gender not in genders:
        return False
    return bool(node.role_words & roles)


def _registry(
    nodes: list[_Node],
    clusters: _Clusters,
    aliases: AliasRules,
    split: Iterable[tuple[str, str]] = (),
) -> SpeakerRegistry:
    drafts = []
    for root, members in clusters.members.items():
        mentions = [m for i in members for m in nodes[i].mentions]
        entry = aliases.speakers[clusters.alias[root]] if root in clusters.alias else None
        drafts.append(_speaker(mentions, entry))
    drafts = _distinct_names(drafts)
    drafts.sort(key=lambda d: (d[0].id, d[0].articles, d[0].name))
    speakers, mapping, taken = [], {}, Counter()
    for speaker, mentions in drafts:
        taken[speaker.id] += 1
        if taken[speaker.id] > 1:
            speaker = replace(speaker, id=f"{speaker.id}-{taken[speaker.id]}")
        speakers.append(speaker)
        for m in mentions:
            for form in {m.name, *m.forms, *m.mapped}:
                mapping.setdefault((m.doc_id, fold(form)), speaker.id)
    return SpeakerRegistry(speakers, mapping, split)


def _distinct_names(drafts: list[tuple[Speaker, list]]) -> list[tuple[Speaker, list]]:
    """Give speakers that would share a display name a detail that tells them apart: their
    affiliation or main role, else their first article's title and date. The most quoted
    keeps the bare name."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for k, (speaker, _) in enumerate(drafts):
        by_name[fold(speaker.name)].append(k)
    out = list(drafts)
    for same in by_name.values():
        if len(same) < 2:
            continue
        same.sort(
            key=lambda k: (-drafts[k][0].quotes, -len(drafts[k][0].articles), drafts[k][0].id)
        )
        used = {fold(drafts[same[0]][0].name)}
        for k in same[1:]:
            speaker, mentions = drafts[k]
            for detail in (speaker.description, _article_detail(mentions), speaker.articles[0]):
                name = f"{speaker.name} ({detail})" if detail else speaker.name
                if fold(name) not in used:
                    break
            used.add(fold(name))
            out[k] = (replace(speaker, name=name), mentions)
    return out


def _article_detail(mentions: list[_Mention]) -> str:
    first = min(mentions, key=lambda m: (m.date or datetime.date.max, m.doc_id))
    title = (first.title or "").strip()
    if len(title) > 60:
        title = title[:57].rstrip() + "…"
    parts = [f"« {title} »" if title else "", first.date.isoformat() if first.date else ""]
    return ", ".join(p for p in parts if p)


def _speaker(mentions: list[_Mention], entry: AliasSpeaker | None) -> tuple[Speaker, list]:
    variants: Counter = Counter()
    roles: Counter = Counter()
    kinds: Counter = Counter()
    genders: Counter = Counter()
    affiliations: Counter = Counter()
    latest: dict[str, datetime.date] = {}
    identified: Counter = Counter()
    # Roles are counted by their folded words (« Président », « président »), shown as most
    # often written.
    written: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        for form in dict.fromkeys(_variant(f) for f in (m.name, *m.forms)):
            if form:
                variants[form] += 1
        for r in {fold(r): r for r in m.roles}.values():
            roles[fold(r)] += 1
            written[fold(r)][r] += 1
            if m.date and (fold(r) not in latest or m.date > latest[fold(r)]):
                latest[fold(r)] = m.date
        if m.link is not None:
            phrase, link = m.link
            identified[(phrase, link.label, link.source)] += 1
        affiliations.update(set(m.affiliations))
        kinds[m.kind] += 1
        if m.gender:
            genders[m.gender] += 1
    if not variants:
        # Only cut or bare forms were written (« M »): they are all the speaker has.
        variants.update(m.name for m in mentions)
    if entry is not None:
        name = entry.name
    else:
        # The most complete form, then the most frequent, then the first in sort order.
        name = min(variants, key=lambda f: (-names.completeness(f), -variants[f], f))
    ranked = genders.most_common()
    gender = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]) else None
    kind = kinds.most_common(1)[0][0]
    if kind == "person" and len(name.split()) == 1 and not _vouched(mentions):
        # One capitalised word that no role, title or full name vouches for (« Prométhée »,
        # « Androcur »): nothing says it is a person.
        kind = "unknown"
    if kind == "person":
        # A person's roles are what the person is (« ministre de l'Intérieur »), not words
        # read next to the name (« maires », « PCF », « communautariste »).
        roles = Counter({r: n for r, n in roles.items() if is_own_role(_shown(r, written))})
        latest = {r: d for r, d in latest.items() if r in roles}
    if entry and entry.id:
        speaker_id = entry.id
    elif kind in _ONE_ARTICLE:
        # One article's speaker: its id says which article, so that it never clashes.
        speaker_id = f"{names.slugify(name)}-{names.slugify(mentions[0].doc_id)}"
    else:
        speaker_id = names.slugify(name)
    speaker = Speaker(
        id=speaker_id,
        name=name,
        kind=kind,
        gender=gender,
        variants=tuple(sorted(variants.items(), key=lambda v: (-v[1], v[0]))),
        roles=tuple(
            _shown(r, written) for r, _ in sorted(roles.items(), key=lambda r: (-r[1], r[0]))
        ),
        quotes=sum(m.quotes for m in mentions),
        articles=tuple(sorted({m.doc_id for m in mentions})),
        affiliations=tuple(a for a, _ in sorted(affiliations.items(), key=lambda a: (-a[1], a[0]))),
        latest_role=_shown(_latest_role(roles, latest), written),
        identified=tuple(
            (phrase, label, source, n)
            for (phrase, label, source), n in sorted(identified.items(), key=lambda i: -i[1])
        ),
    )
    return speaker, mentions


def _shown(role: str | None, written: dict[str, Counter]) -> str | None:
    """A folded role as its articles write it most often."""
    if role is None:
        return None
    forms = written[role]
    return min(forms, key=lambda f: (-forms[f], f)) if forms else role


def _latest_role(roles: Counter, latest: dict[str, datetime.date]) -> str | None:
    """The role of the newest article, among the roles written twice or more when there are
    such (a role read once may be a misreading)."""
    pool = [r for r in latest if roles[r] >= 2] or list(latest)
    return max(pool, key=lambda r: (latest[r], roles[r], r)) if pool else None


def _vouched(mentions: list[_Mention]) -> bool:
    return any(m.roles or m.affiliations or _title_gender(m.forms) for m in mentions)


def _variant(form: str) -> str:
    """A written form as the speaker's variants list it: titles, roles and labels left out."""
    cleaned = names.clean_mention(form)
    if cleaned.fragment:
        return ""
    return cleaned.name or form
