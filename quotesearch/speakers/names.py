"""Person names as strings: strip titles and roles, split family from given names, compare.

Pure functions, no parse: the speaker registry uses them to decide whether two forms name
one person. Family and given names are compared separately, because one fuzzy threshold over
the whole name cannot keep Kim Jong-un apart from Kim Jong-il while joining Choe Son-hui and
Choe Song-hee. Hyphens, spaces, case and accents cost nothing; the letters transliterations
swap (o/u, e/i, c/k/g) cost nothing once both names are spelt in look-alike classes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from quotesearch import text as folding
from quotesearch.lang import gazetteer_fr as gazetteer
from quotesearch.lang import names_fr as lang

# Names are short and few, and folded again and again: one folding rule, remembered.
fold = lru_cache(maxsize=400_000)(folding.fold)

# Two family names are one when their spelling keys score this much (0–100).
FAMILY_MATCH = 88.0
# A family name this long (in letters of its key) may be one slip apart, scoring this much,
# when the given names are the very same.
NEAR_FAMILY_LENGTH = 7
NEAR_FAMILY_MATCH = 90.0
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
        if _particle_of_name(words):
            break
        if key in lang.ROLE_NOUNS or head in lang.ROLE_NOUNS or _elided_role(key):
            in_role = True
        elif not (
            _lowercase(word) or head in lang.DETERMINERS or (in_role and key in lang.ROLE_FILLERS)
        ):
            break
        if in_role:
            role.append(word)
        words = words[1:]
    # Trailing lower-case words are prose, unless a particle makes them a family name
    # written without its capital (« Marine Le pen »).
    while words and _lowercase(words[-1]):
        if len(words) > 2 and fold(words[-2]) in lang.NAME_PARTICLES and words[-2][:1].isupper():
            break
        words = words[:-1]
    return " ".join(words), " ".join(role)


def _particle_of_name(words: list[str]) -> bool:
    # « Le Pen », « De Villiers »: a capitalised particle before a capitalised name word opens
    # the family name; it is no article to strip (« Le ministre », « le Pen » are).
    if len(words) < 2 or not words[0][:1].isupper() or not words[1][:1].isupper():
        return False
    first, second = fold(words[0]), fold(words[1])
    return (
        first in lang.NAME_PARTICLES
        and second not in lang.ROLE_NOUNS
        and second not in lang.TITLES
        and second.split()[0] not in lang.ROLE_NOUNS
    )


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
    def strict_family(self) -> str:
        """The family name folded, particles and spaces dropped, with no respelling: what a
        bare surname must equal to name someone of another article."""
        syllables = self.family.split()
        while len(syllables) > 1 and syllables[0] in lang.NAME_PARTICLES | lang.DROPPED_PARTICLES:
            syllables = syllables[1:]
        return "".join(syllables)

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
        # « Le Pen », « Van der Bellen »: particles alone before a family name are no given name.
        while cut > 0 and folded[cut - 1] in lang.NAME_PARTICLES:
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
    # Family names match strictly, in look-alike spelling (Brun is no Bruno); a long family
    # name one slip apart passes only with the very same given names (Garcia-Bertaux,
    # Garcia-Berteaux).
    if a.family_key != b.family_key and not (
        given >= 100
        and min(len(a.family_key), len(b.family_key)) >= NEAR_FAMILY_LENGTH
        and fuzz.ratio(a.family_key, b.family_key) >= NEAR_FAMILY_MATCH
    ):
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


# --- Mention boundaries -------------------------------------------------------------------------
# Extraction may hand over a name with a label glued before it (« EELV Karima Delli »), two
# names run together (« Benjamin Griveaux Sylvain Maillard »), a name cut at a particle
# (« Bruno Le », « Pen ») or a bare title (« M »). These pure functions find the boundaries again
# from the words and the gazetteer, whatever the extraction gave.

_ACRONYM = re.compile(r"^[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9&]{1,6}$")
_NAME_WORD = r"[A-ZÀ-Ý][\w’'-]*"
_ELIDED_GENITIVE = re.compile(r"\b([dD][’'])(?=[A-ZÀ-Ý])")
_ROMAN = re.compile(r"^[IVXL]+$")
_AFFILIATIONS = gazetteer.PARTIES | gazetteer.ORGANISATIONS | gazetteer.COMPANIES | gazetteer.MEDIA


@dataclass(frozen=True)
class MentionName:
    """A written speaker mention cut at its boundaries.

    `name` is the bare name ("" when only a role or a title was written), `affiliation` the
    party, medium or organisation label found before it, `roles` the role phrases around it,
    `others` the further names run on after it, and `fragment` says the name is cut short
    (« Bruno Le », « Kate O' », « M ») and cannot stand as a name on its own.
    """

    name: str
    affiliation: str | None = None
    roles: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    fragment: bool = False


@lru_cache(maxsize=200_000)
def clean_mention(form: str) -> MentionName:
    """The bare name of a written mention, its label, roles and run-on names set apart.

    « EELV Karima Delli » gives name "Karima Delli", affiliation "EELV"; « Benjamin Griveaux
    Sylvain Maillard » gives "Benjamin Griveaux" with "Sylvain Maillard" in `others`.
    """
    if fold(form) in _AFFILIATIONS:
        # « Madame Figaro », « Le Point »: a known title is a name, whatever its first word.
        return MentionName(name=" ".join(form.split()))
    bare, roles = clean_name(form)
    if not bare and fold(form) in gazetteer.BARE_TITLES:
        return MentionName(name="", roles=roles, fragment=True)
    if bare and _related(form):
        return MentionName(name="", roles=(" ".join(form.split()),))
    bare, affiliation = strip_affiliation(_cut_at_connector(_drop_leading_words(bare)))
    parts = split_adjacent_names(bare)
    name = parts[0] if parts else ""
    return MentionName(
        name=name,
        affiliation=affiliation,
        roles=roles,
        others=parts[1:],
        # « Pierre de »: the particle that ended the written form is cut off with the role
        # words, yet the name is still cut short.
        fragment=bool(name) and (is_fragment(name) or is_fragment(form.split()[-1])),
    )


def _related(form: str) -> bool:
    # « l'avocate d'Alexandre Benalla »: the elided « d' » set apart from the name first.
    spaced = _ELIDED_GENITIVE.sub(r"\1 ", form)
    name = clean_name(spaced)[0]
    return bool(name) and related_to(spaced, name)


def related_to(form: str, name: str) -> bool:
    """Whether `form` describes someone by their tie to `name` rather than naming them:
    « proche de François Hollande », « l'entourage du président Macron » (a relation noun,
    « de », then only role words before the name), not « porte-parole du gouvernement X »."""
    at = form.rfind(name)
    if at <= 0:
        return False
    words = fold(form[:at]).split()
    for k in range(len(words) - 1, 0, -1):
        if words[k] in gazetteer.GENITIVES:
            between = words[k + 1 :]
            if all(w in lang.ROLE_NOUNS or w in lang.DETERMINERS for w in between):
                return words[k - 1] in gazetteer.RELATION_NOUNS
            return False
    return False


def _drop_leading_words(name: str) -> str:
    # « Quand Nolan », « A Générac »: a sentence's first word caught with the name.
    words = name.split()
    while len(words) > 1 and fold(words[0]) in gazetteer.LEADING_FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words)


def _cut_at_connector(name: str) -> str:
    # « Brigitte Macron au Parisien »: a preposition that no name holds ends the name.
    words = name.split()
    for k, word in enumerate(words[1:], 1):
        if fold(word) in gazetteer.NAME_ENDERS:
            return " ".join(words[:k])
    return name


@lru_cache(maxsize=200_000)
def strip_affiliation(name: str) -> tuple[str, str | None]:
    """`name` without the party, medium or organisation label written before it, and the label.

    « RN Jordan Bardella » gives ("Jordan Bardella", "RN"), « Transition Écologique François de
    Rugy » gives ("François de Rugy", "Transition Écologique"); a name that is the label alone
    (« CGT ») is left whole.
    """
    words = name.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        head, rest = words[:size], words[size:]
        key = fold(" ".join(head))
        known = key in _AFFILIATIONS
        acronym = size == 1 and _ACRONYM.match(head[0]) and key not in lang.FAMILY_FIRST
        label = (
            head[0][:1].isupper()
            and (
                fold(" ".join(head)).split()[0] in gazetteer.LABEL_OPENERS
                # A brand written in camel case before a name (« BubbleTree Pierre Dumas »).
                or (size == 1 and any(c.isupper() for c in head[0][1:]) and len(rest) > 1)
                # One word that is no given name before a given name and a family name
                # (« Bugatti Stephan Winkelmann », « Chancellerie Youssef Badr »).
                or (
                    size == 1
                    and not _given(head[0])
                    and key not in gazetteer.ORGANISATION_NOUNS
                    and _given_and_family(rest)
                )
            )
        )
        if known and size == 1 and _given_and_family(words):
            # « Marianne de Brito »: a title that is also a given name, before a family name.
            continue
        if (known or acronym or label) and _starts_name(rest, strict=not known):
            return " ".join(rest), " ".join(head)
    return name, None


def _starts_name(words: list[str], *, strict: bool) -> bool:
    # What follows a label must read as a name: capitalised, and, unless the label is a known
    # party or medium, opening with a given name (« CFDT Laurent Berger », not « ONG Reporters »).
    if not words or not all(w[:1].isupper() or fold(w) in lang.NAME_PARTICLES for w in words):
        return False
    return not strict or _given(words[0])


def _given_and_family(words: list[str]) -> bool:
    if not words or not _given(words[0]) or "-" in words[0]:
        return False
    rest = [fold(w) for w in words[1:]]
    while rest and rest[0] in lang.NAME_PARTICLES:
        rest = rest[1:]
    return len(rest) == 1 and not _given(words[-1])


@lru_cache(maxsize=200_000)
def _given(word: str) -> bool:
    key = fold(word)
    return bool(key) and key.split()[0] in gazetteer.GIVEN_NAMES


@lru_cache(maxsize=200_000)
def split_adjacent_names(name: str) -> tuple[str, ...]:
    """The full names run together in `name`: a given name after two or more name words opens
    the next name (« Benjamin Griveaux Sylvain Maillard »); one name gives itself alone."""
    words = name.split()
    if len(words) < 4 or fold(words[0]).split()[0] in lang.FAMILY_FIRST:
        return (name,) if name else ()
    for k in range(2, len(words) - 1):
        before = fold(words[k - 1])
        if _given(words[k]) and not _given(words[k - 1]) and before not in lang.NAME_PARTICLES:
            return (" ".join(words[:k]), *split_adjacent_names(" ".join(words[k:])))
    return (name,)


@lru_cache(maxsize=200_000)
def is_fragment(name: str) -> bool:
    """Whether `name` is cut short and no name by itself: a bare title (« M »), or a name
    ending on a particle or an apostrophe (« Bruno Le », « Kate O' », « Natasha St »)."""
    words = name.split()
    if not words:
        return True
    if fold(name) in gazetteer.BARE_TITLES:
        return True
    last = words[-1]
    return last[-1] in "'’-" or fold(last) in gazetteer.TRUNCATING_PARTICLES


@lru_cache(maxsize=50_000)
def _completion_patterns(name: str) -> tuple[re.Pattern, re.Pattern]:
    escaped = re.escape(name)
    after = re.compile(rf"(?<![\w’']){escaped}[’'.\- ]?\s?({_NAME_WORD}(?:-{_NAME_WORD})?)")
    particles = "|".join(
        sorted((re.escape(p) for p in gazetteer.TRUNCATING_PARTICLES), key=len, reverse=True)
    )
    before = re.compile(rf"(?:({_NAME_WORD})\s+)?((?i:{particles})[’']?\s?){escaped}(?![\w’'])")
    return after, before


def complete_name(name: str, text: str) -> str | None:
    """The whole name that `text` writes where `name` is cut short, or None.

    « Bruno Le » in a text writing « Bruno Le Maire » gives "Bruno Le Maire"; « Pen » in a text
    writing « Marine Le Pen » gives "Marine Le Pen" (« Le Pen » when no given name comes first).
    """
    if not name or not text:
        return None
    after, before = _completion_patterns(name)
    if is_fragment(name):
        found = Counter(m.group(0) for m in after.finditer(text))
    else:
        # A particle is also a plain preposition (« les propos de Lavrov »): it belongs to the
        # name only after a given name or when written with a capital (« Le Pen »).
        found = Counter()
        for m in before.finditer(text):
            if m.group(1) and _given(m.group(1)):
                found[m.group(0)] += 1
            elif m.group(2)[:1].isupper():
                found[m.group(0)[m.start(2) - m.start() :]] += 1
    if not found:
        return None
    best = max(found, key=lambda f: (found[f], len(f.split()), f))
    return " ".join(best.split())


# --- Kind and gender from evidence ---------------------------------------------------------------


@lru_cache(maxsize=200_000)
def name_kind(name: str) -> str | None:
    """What the words of a bare name say its bearer is: "organization" (a party, medium,
    company, acronym or a name headed by an organisation noun), "place", "other" (an event, a
    disease, a product), "unnamed" (only lower-case words: a description such as « source
    policière »), "person" (opening with a known given name), or None when they say nothing."""
    key = fold(name)
    if not key:
        return None
    words = key.split()
    if (
        len(words) > 1
        and words[0] in lang.ORGANIZATION_ARTICLES
        and key not in _AFFILIATIONS
        and key not in gazetteer.TOWNS
    ):
        # « La République », « Le Covid-19 »: the article says nothing of the kind.
        return name_kind(name.split(None, 1)[1]) if " " in name.strip() else None
    if key in _AFFILIATIONS:
        return "organization"
    if key in gazetteer.PLACES or key in gazetteer.TOWNS:
        return "place"
    if key in gazetteer.DEMONYMS:
        return "unnamed"
    if key in gazetteer.THINGS or words[0] in gazetteer.THINGS:
        return "other"
    if not any(c.isupper() for c in name):
        return "unnamed"
    written = name.split()
    if len(written) > 1 and re.fullmatch(r"[A-ZÀ-Ý]\.?", written[-1]):
        # « Marine P. », « Hichem M. »: a name withheld; someone of one article only.
        return "unnamed"
    if len(written) > 1 and words[-1] in gazetteer.ORGANISATION_NOUNS and not _given(written[0]):
        # « Wells Steakhouse », « Normandie Logistique »: an organisation noun ends the name.
        return "organization"
    if _given(name.split()[0]) and len(words) > 1:
        return "person"
    if len(name.split()) == 1 and _ACRONYM.match(name) and key not in lang.FAMILY_FIRST:
        return "organization"
    heads = [w for w in words[:2] if w not in lang.DETERMINERS]
    if heads and heads[0] in gazetteer.ORGANISATION_NOUNS:
        return "organization"
    if (
        len(written) > 1
        and not name.isupper()
        and not _given(written[0])
        and any(
            _ACRONYM.match(w) and not _ROMAN.match(w) and fold(w) not in lang.FAMILY_FIRST
            for w in written
        )
    ):
        # « Continental GT Ice Race »: an acronym inside a name with no given name.
        return "organization"
    if (
        len(words) > 1
        and (words[-1] in gazetteer.PLACES or words[-1] in gazetteer.TOWNS)
        and not _given(name.split()[0])
    ):
        # « Peta France », « Whirlpool Amiens »: an organisation's branch.
        return "organization"
    if len(written) > 1 and not _given(written[1]) and _known_head(written):
        # « France Bleu Gironde », « Nissan GT-R »: a medium's station, a company's product.
        return "organization"
    if _given(name.split()[0]):
        return "person"
    return None


def _known_head(written: list[str]) -> bool:
    # A medium of two words or more, or a company's one word, before the rest of a name.
    for size in range(len(written) - 1, 1, -1):
        if fold(" ".join(written[:size])) in gazetteer.MEDIA:
            return True
    return fold(written[0]) in gazetteer.COMPANIES and not _given(written[0])


def given_gender(name: str) -> str | None:
    """The gender ("m" or "f") a name's first given name usually carries, or None."""
    parsed = parse_name(name)
    if not parsed.given or parsed.family_first:
        return None
    first = parsed.given[0]
    male, female = first in gazetteer.MALE_GIVEN_NAMES, first in gazetteer.FEMALE_GIVEN_NAMES
    return "m" if male and not female else "f" if female and not male else None


def title_gender(form: str) -> str | None:
    """The gender the courtesy title opening `form` gives (« Mme Rugy »: "f"), or None."""
    words = fold(form).split()
    if not words:
        return None
    if words[0] in gazetteer.FEMININE_TITLES:
        return "f"
    return "m" if words[0] in gazetteer.MASCULINE_TITLES else None


def role_gender(role: str) -> str | None:
    """The gender the noun heading a role phrase is written in (« l'ancienne députée »: "f",
    « président du club »: "m"), or None when it has one form for both (« ministre »)."""
    for word in fold(role).split():
        if word in lang.DETERMINERS or word in lang.ROLE_PREFIXES:
            continue
        if word in lang.FEMININE_ROLE_NOUNS:
            return "f"
        return "m" if word in lang.MASCULINE_ROLE_NOUNS else None
    return None


def is_given_name(word: str) -> bool:
    """Whether a lone name word is a common given name (« Bruno », « Anne »), not a surname."""
    return len(word.split()) == 1 and _given(word)
