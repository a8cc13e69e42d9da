"""Person names as strings: strip titles and roles, split family from given names, compare.

Pure functions, no parse: the speaker registry uses them to decide whether two forms name
one person. Family and given names are compared separately, because one fuzzy threshold over
the whole name cannot keep Kim Jong-un apart from Kim Jong-il while joining Choe Son-hui and
Choe Song-hee. Hyphens, spaces, case and accents cost nothing; the letters transliterations
swap (o/u, e/i, c/k/g) cost nothing once both names are spelt in look-alike classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from quotesearch.lang import names_fr as lang
from quotesearch.text import fold

# Two family names are one when their spelling keys score this much (0–100).
FAMILY_MATCH = 88.0
# Two given names are one at this score; between GIVEN_SUPPORTED and GIVEN_MATCH they are one
# only when the context agrees (shared roles or nationality).
GIVEN_MATCH = 85.0
GIVEN_SUPPORTED = 75.0

_SEGMENT_SPLIT = re.compile(r"[,;()\[\]]")
_REWRITES = tuple((re.compile(p), r) for p, r in lang.SPELLING_REWRITES)
_SYLLABLE_REWRITES = tuple((re.compile(p), r) for p, r in lang.SYLLABLE_FINAL_REWRITES)
_MUTE_E = re.compile(lang.MUTE_FINAL_E)
_LOOKALIKE = str.maketrans(lang.LOOKALIKE_CLASSES)
_DOUBLES = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=200_000)
def slugify(text: str) -> str:
    """A lowercase ASCII id made of the words of `text` joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text))) or "x"


@lru_cache(maxsize=200_000)
def clean_name(text: str) -> tuple[str, tuple[str, ...]]:
    """Split a written mention into the bare name and the role phrases around it.

    « le dirigeant nord-coréen Kim Jong-un » gives ("Kim Jong-un", ("dirigeant nord-coréen",)),
    « M. Lavrov » gives ("Lavrov", ()); a mention that is only a role gives ("", (role,)).
    """
    name, roles = "", []
    for segment in _SEGMENT_SPLIT.split(text):
        bare, role = _strip_segment(segment.split())
        if role:
            roles.append(role)
        if bare and not name:
            name = bare
    return name, tuple(roles)


def _strip_segment(words: list[str]) -> tuple[str, str]:
    role: list[str] = []
    in_role = False
    while words:
        word = words[0]
        key = fold(word)
        head = key.split()[0] if key else ""
        if key in lang.TITLES and not in_role and len(words) > 1:
            words = words[1:]
            continue
        if key in lang.ROLE_NOUNS or head in lang.ROLE_NOUNS or _elided_role(key):
            in_role = True
        elif not (
            _lowercase(word) or head in lang.DETERMINERS or (in_role and key in lang.ROLE_FILLERS)
        ):
            break
        if in_role:
            role.append(word)
        words = words[1:]
    while words and _lowercase(words[-1]):
        words = words[:-1]
    return " ".join(words), " ".join(role)


def _lowercase(word: str) -> bool:
    return not any(c.isupper() for c in word)


def _elided_role(key: str) -> bool:
    # « L'ambassadeur », « d'envoyé spécial »: an elided article glued to a role noun.
    parts = key.split()
    return (
        len(parts) > 1 and parts[0] in lang.DETERMINERS and " ".join(parts[1:]) in lang.ROLE_NOUNS
    )


@dataclass(frozen=True)
class PersonName:
    """A person's name split for comparison: folded family name and given-name syllables."""

    written: str
    family: str
    given: tuple[str, ...]
    family_first: bool = False

    @property
    def surname_only(self) -> bool:
        return not self.given

    @property
    def family_key(self) -> str:
        """The family name in look-alike spelling, particles and articles dropped."""
        return _family_key(self.family)

    @property
    def given_key(self) -> str:
        """The given names in look-alike spelling, syllables joined (Jong-un = Jong Un)."""
        return _given_key(self.given)

    @property
    def block_key(self) -> str:
        """A coarse key for blocking: the family key's consonants."""
        key = self.family_key
        return _DOUBLES.sub(r"\1", _VOWELS.sub("", key)) or key

    @property
    def initials_only(self) -> bool:
        return bool(self.given) and all(len(g) == 1 for g in self.given)


@lru_cache(maxsize=200_000)
def parse_name(text: str) -> PersonName:
    """Strip titles and roles from `text` and split the rest into family and given names.

    The family name is the last word (with its particles: « de Gaulle », « al-Assad »), or the
    first for Korean, Chinese and Vietnamese names written family-first (« Kim Jong-un »).
    """
    bare, _ = clean_name(text)
    words = bare.split()
    folded = [fold(w) for w in words]
    folded = [w for w in folded if w]
    if not folded:
        return PersonName(written=text.strip(), family="", given=())
    first = folded[0].split()[0]
    if len(folded) >= 2 and len(folded) <= 3 and first in lang.FAMILY_FIRST:
        family_words, given_words, family_first = folded[:1], folded[1:], True
    else:
        cut = len(folded) - 1
        while cut > 1 and folded[cut - 1] in lang.NAME_PARTICLES:
            cut -= 1
        family_words, given_words, family_first = folded[cut:], folded[:cut], False
    given = tuple(s for w in given_words for s in w.split())
    return PersonName(
        written=" ".join(words),
        family=" ".join(family_words),
        given=given,
        family_first=family_first,
    )


@lru_cache(maxsize=200_000)
def spelling_key(word: str, *, mute_e: bool = False) -> str:
    """`word` (folded, no spaces) respelt with the transliteration rewrites and look-alike
    letter classes, doubled letters collapsed: Sergueï, Sergei and Sergey give one key."""
    for pattern, repl in _REWRITES:
        word = pattern.sub(repl, word)
    if mute_e and len(word) >= 4:
        word = _MUTE_E.sub("", word)
    return _DOUBLES.sub(r"\1", word.translate(_LOOKALIKE))


@lru_cache(maxsize=200_000)
def _family_key(family: str) -> str:
    syllables = family.split()
    while len(syllables) > 1 and syllables[0] in lang.NAME_PARTICLES | lang.DROPPED_PARTICLES:
        syllables = syllables[1:]
    return spelling_key("".join(_syllable(s) for s in syllables), mute_e=True)


@lru_cache(maxsize=200_000)
def _given_key(given: tuple[str, ...]) -> str:
    return spelling_key("".join(_syllable(s) for s in given))


def _syllable(syllable: str) -> str:
    for pattern, repl in _SYLLABLE_REWRITES:
        syllable = pattern.sub(repl, syllable)
    return syllable


def _consonants(key: str) -> str:
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", key))


def family_score(a: PersonName, b: PersonName) -> float:
    """How alike two family names are, 0–100, after respelling in look-alike classes."""
    if not a.family or not b.family:
        return 0.0
    ka, kb = a.family_key, b.family_key
    if ka == kb:
        return 100.0
    return max(fuzz.ratio(ka, kb), fuzz.ratio(a.family, b.family))


def given_score(a: PersonName, b: PersonName) -> float | None:
    """How alike two given names are, 0–100, or None when either name has none.

    Initials agree with the names they abbreviate; a Western given name that repeats the
    other's first words (« Vladimir » for « Vladimir Vladimirovitch ») counts as agreeing.
    """
    if not a.given or not b.given:
        return None
    if a.initials_only or b.initials_only:
        short, long = (a, b) if a.initials_only else (b, a)
        heads = [g[0] for g in long.given]
        return 95.0 if [g[0] for g in short.given] == heads[: len(short.given)] else 0.0
    raw_a, raw_b = sorted(("".join(a.given), "".join(b.given)), key=len)
    if any(raw_a + ending == raw_b for ending in lang.FEMININE_ENDINGS):
        return 50.0
    ka, kb = a.given_key, b.given_key
    if ka == kb:
        return 100.0
    score = max(fuzz.ratio(ka, kb), fuzz.ratio(raw_a, raw_b))
    # Same consonants, vowels apart: another romanisation (Il-sung/Irsen), not another
    # person, whose name would differ in its consonants (Jong-un/Jong-il).
    if (
        GIVEN_SUPPORTED <= score < GIVEN_MATCH
        and abs(len(ka) - len(kb)) <= 1
        and _consonants(ka) == _consonants(kb)
    ):
        score = GIVEN_MATCH
    if not (a.family_first or b.family_first) and score < GIVEN_MATCH:
        short, long = sorted((a.given, b.given), key=len)
        if short == long[: len(short)] and len(short[0]) >= 3:
            score = max(score, 88.0)
    return score


def name_score(a: PersonName, b: PersonName) -> float:
    """One similarity, 0–100, of two names: the weaker of family and given-name scores
    (the family score alone when either is a bare surname)."""
    family = family_score(a, b)
    given = given_score(a, b)
    return family if given is None else min(family, given)


def same_person(a: PersonName, b: PersonName, *, supported: bool = False) -> bool:
    """Whether two full names name one person; `supported` says the context agrees (shared
    roles or nationality), which lets a looser given-name match through. A bare surname is
    never enough: its article must tie it to a full name."""
    if family_score(a, b) < FAMILY_MATCH:
        return False
    given = given_score(a, b)
    if given is None:
        return False
    # Chinese and Korean given names are one or two short syllables: one letter more is
    # another person (Li Qiang, Li Keqiang), so context never loosens them.
    loose = supported and not (a.family_first or b.family_first)
    return given >= (GIVEN_SUPPORTED if loose else GIVEN_MATCH)


def conflicting(a: PersonName, b: PersonName) -> bool:
    """Whether two names clearly name different people: different family names, or given
    names that disagree. A bare surname conflicts with no name of its family."""
    if family_score(a, b) < FAMILY_MATCH:
        return True
    given = given_score(a, b)
    return given is not None and given < GIVEN_SUPPORTED


def completeness(name: str) -> int:
    """How complete a written name is: its number of folded name syllables."""
    return len(fold(clean_name(name)[0] or name).split())
