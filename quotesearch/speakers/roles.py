"""Roles across articles: which office a role phrase names, who held it on an article's date,
and which of the roles written beside a name are the person's own.

A speaker known to its article only by a role (« le ministre de l'Intérieur ») is the person
who held that office on the article's date: the office table of `quotesearch.offices` says so
for the main offices, and the corpus says so for the rest when articles of the same weeks write
« X, maire de Lyon » often enough. Role phrases are read from text here, with no parse: the
registry works on records.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from quotesearch import offices
from quotesearch.lang import fr
from quotesearch.lang import names_fr as names_lang
from quotesearch.speakers.names import is_given_name
from quotesearch.text import fold

# Words left out when role phrases are compared: determiners and the prepositions between a
# function and its complement (« ministre de l'Intérieur » ~ « ministre Intérieur »).
_STOP = frozenset("le la les l un une de du des d au aux a et en son sa ses leur".split())
# Adjectives that say nothing of which office (« le nouveau ministre », « l'actuel maire »).
_VAGUE = frozenset("nouveau nouvelle actuel actuelle meme autre seul".split())
# Functions too common to name one office without a qualifier: « le président » of a club,
# « le directeur » of a school. « Premier ministre » or « chef de l'État » do name one.
_TOO_BARE = frozenset({"president", "dirigeant", "directeur", "secretaire", "maire", "ministre"})
# How far from an article's date other articles may say who held an office (corpus links).
CORPUS_WINDOW = datetime.timedelta(days=45)
# A corpus holder needs this many mentions in the window, and this many times the next one's.
CORPUS_MIN_MENTIONS = 2
CORPUS_DOMINANCE = 2.0


@dataclass(frozen=True)
class RoleKey:
    """A role phrase read as a function and qualifiers, folded, with whether a qualifier was
    written as a proper noun (« maire de Lyon ») and whether the phrase named it in full."""

    function: str
    qualifiers: frozenset[str]
    proper: bool
    bare: bool


@dataclass(frozen=True)
class RoleLink:
    """A role speaker identified as a person: who, which office, and from what."""

    holder: str
    office: str
    label: str
    source: str  # "table" (the office table) or "corpus" (articles of the same weeks)


@cache
def _equivalents() -> tuple[tuple[tuple[str, ...], str], ...]:
    found = []
    for group in fr.ROLE_EQUIVALENTS:
        function = fold(group[0])
        for member in group:
            words = tuple(w for w in fold(member).split() if w not in _STOP)
            if words:
                found.append((words, function))
    return tuple(found)


@cache
def _role_heads() -> frozenset[str]:
    nouns = fr.ROLE_NOUNS | frozenset(fr.ROLE_CLASSES)
    return frozenset(w for noun in nouns for w in [fold(noun)] if " " not in w)


@cache
def _joined_forms() -> frozenset[str]:
    # Country words that fold to two words (« sud-coréen », « états-unis »).
    return frozenset(k for k in offices.office_table().countries if " " in k)


def _words(phrase: str) -> tuple[list[str], set[str]]:
    """The folded content words of a phrase, country words of two words joined, and the
    folded words written with a capital (not counting the first)."""
    written = re.split(r"[\s'’-]+", phrase.strip())
    capitals = {fold(w) for w in written[1:] if w[:1].isupper()}
    words = [w for w in fold(phrase).split() if w not in _STOP]
    joined = _joined_forms()
    out: list[str] = []
    for w in words:
        if out and f"{out[-1]} {w}" in joined:
            out[-1] = f"{out[-1]} {w}"
        else:
            out.append(w)
    return out, capitals


def _subsequence(words: list[str], wanted: tuple[str, ...]) -> list[int] | None:
    """Positions of `wanted` in order in `words`, one inserted word allowed between two."""
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        found, at = [start], start
        for w in wanted[1:]:
            nxt = next((k for k in (at + 1, at + 2) if k < len(words) and words[k] == w), None)
            if nxt is None:
                break
            found.append(nxt)
            at = nxt
        else:
            return found
    return None


@lru_cache(maxsize=100_000)
def role_key(phrase: str) -> RoleKey | None:
    """The function and qualifiers of a role phrase as written (« ministre russe des Affaires
    étrangères » → ministre des affaires etrangeres, {russe}), or None when no role noun
    heads it. Equivalent phrases fold to one function, as in `fr.ROLE_EQUIVALENTS`."""
    words, capitals = _words(phrase)
    if not words:
        return None
    best: tuple[list[int], str] | None = None
    for wanted, function in _equivalents():
        found = _subsequence(words, wanted)
        if found and (best is None or len(found) > len(best[0])):
            best = (found, function)
    if best is not None:
        used, function = set(best[0]), best[1]
    else:
        heads = [k for k, w in enumerate(words) if w in _role_heads()]
        if not heads:
            return None
        used, function = {heads[0]}, words[heads[0]]
    places = {fold(k): fold(v) for k, v in fr.PLACE_EQUIVALENTS.items()}
    qualifiers = set()
    for k, w in enumerate(words):
        if k in used or w in _VAGUE:
            continue
        qualifiers.add(places.get(w, w))
    bare = len(used) == 1 and not qualifiers
    return RoleKey(
        function=function,
        qualifiers=frozenset(qualifiers),
        proper=bool(qualifiers & capitals),
        bare=bare,
    )


@lru_cache(maxsize=100_000)
def office_key(phrase: str, country: str = "fr") -> str | None:
    """The office a role phrase names: an id of the office table (a national office with no
    country word is `country`'s), or for other offices named with a proper noun (« maire de
    Lyon ») a key the corpus can fill; None for a phrase too bare to name one office
    (« le président », « le maire »)."""
    key = role_key(phrase)
    if key is None or (key.bare and key.function in _TOO_BARE):
        return None
    found = offices.office_of(key.function, key.qualifiers, country=country)
    if found is not None:
        return found
    if not key.proper or not set(key.function.split()) & names_lang.OFFICE_NOUNS:
        return None
    return f"corpus/{key.function}|{' '.join(sorted(key.qualifiers))}"


class CorpusHolders:
    """Who the corpus says held an office around a date: the people its articles write with
    that role (« Gérard Collomb, maire de Lyon »), by article date."""

    def __init__(self) -> None:
        self._seen: dict[str, list[tuple[datetime.date, str]]] = defaultdict(list)
        self._sorted: set[str] = set()

    def add(self, name: str, roles: Iterable[str], on: datetime.date | None) -> None:
        """Record that an article of date `on` writes `name` with these roles."""
        if on is None:
            return
        for office in {office_key(r) for r in roles} - {None}:
            self._seen[office].append((on, name))
            self._sorted.discard(office)

    def holder(self, office: str, on: datetime.date) -> str | None:
        """The one person the corpus names in that office within CORPUS_WINDOW of `on`."""
        seen = self._seen.get(office)
        if not seen:
            return None
        if office not in self._sorted:
            seen.sort()
            self._sorted.add(office)
        low = bisect.bisect_left(seen, (on - CORPUS_WINDOW, ""))
        high = bisect.bisect_right(seen, (on + CORPUS_WINDOW, "\uffff"))
        window = seen[low:high]
        counts = Counter(fold(name) for _, name in window)
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < CORPUS_MIN_MENTIONS:
            return None
        if len(ranked) > 1 and ranked[0][1] < CORPUS_DOMINANCE * ranked[1][1]:
            return None
        written = Counter(n for _, n in window if fold(n) == ranked[0][0])
        return max(written, key=lambda n: (len(n), written[n]))


def link_role(
    phrase: str, on: datetime.date | None, corpus: CorpusHolders, *, country: str = "fr"
) -> RoleLink | None:
    """The person a role speaker of an article of date `on` is: the office table's holder
    that day, else the corpus's; None without a date or a clear holder. `country` is the
    article's: « le Premier ministre » of an article about Britain is Britain's."""
    if on is None:
        return None
    office = office_key(phrase, country)
    if office is None:
        return None
    table = offices.office_table()
    if office in table.offices:
        name = offices.holder(office, on)
        if name:
            return RoleLink(name, office, table.offices[office].label, "table")
    name = corpus.holder(office, on)
    if name is None:
        return None
    label = table.offices[office].label if office in table.offices else phrase
    return RoleLink(name, office, label, "corpus")


def is_own_role(role: str) -> bool:
    """Whether a phrase written beside a name can be that person's role: a role noun in the
    singular opens it, it is not cut before its complement, and it names nobody else
    (« maires », « PCF », « partisan d' », « entourage du Premier ministre », « Homme Michelle
    Bachelet » are not)."""
    key = role_key(role)
    words = [w for w in fold(role).split() if w not in _STOP]
    if key is None or not words or fold(role).split()[-1] in _STOP or role.endswith(("'", "’")):
        return False
    first = words[0]
    opens = first in _role_heads() or (
        len(words) > 1
        and any(
            wanted[0] == first and function == key.function for wanted, function in _equivalents()
        )
    )
    if not opens:
        return False
    # « entourage du Premier ministre », « conseiller du président »: someone of another's.
    folded = fold(role).split()
    for k, w in enumerate(folded[1:], 1):
        if w in ("de", "du", "des", "d"):
            rest = role_key(" ".join(folded[k + 1 :]))
            if rest is not None and (rest.function in _role_heads() or not rest.bare):
                return False
            break
    return not any(w[:1].isupper() and is_given_name(w) for w in role.split()[1:])


def article_country(text: str, default: str = "fr") -> str:
    """The country an article is about, for the national offices it names without a country
    word: the one country whose words (« britannique », « Londres » is not one, « Royaume-Uni »
    is) the article writes at least twice and more often than any other, France included;
    else `default`."""
    table = offices.office_table()
    words = fold(text).split()
    counts: Counter = Counter()
    for k, word in enumerate(words):
        pair = f"{word} {words[k + 1]}" if k + 1 < len(words) else ""
        code = table.countries.get(pair) or table.countries.get(word)
        if code:
            counts[code] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return default
    return ranked[0][0]
