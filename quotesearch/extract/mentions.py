"""People and organisations an article mentions: names, short forms, roles and gender.

The parse gives candidate names (named entities, titled names, proper-noun subjects); this
stage groups the forms of one person in one article (« Lavrov », « M. Lavrov » → « Sergueï
Lavrov »), reads the roles appositions give them (« le ministre russe des Affaires
étrangères, Sergueï Lavrov »), collects gender evidence, and records every mention in order
so that pronouns and role mentions can later be resolved to the right person.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from quotesearch.extract.quotes import Ranges
from quotesearch.lang import fr
from quotesearch.lang.gazetteer_fr import MEDIA
from quotesearch.records import Entity
from quotesearch.speakers.names import clean_mention, is_given_name, name_kind
from quotesearch.text import fold

_TITLE_GLUED = re.compile(r"^(M|Mme|MM|Mlle|Dr|Me)\.\s*(\w[\w\-’']*)$")
# Adjectives that belong to a role's name rather than saying where the person is from.
_ROLE_ADJECTIVES = frozenset({"premier", "première", "grand", "haut", "vice", "fort"})
# Adjectives that say nothing about which person a role mention means.
_VAGUE_ADJECTIVES = frozenset(
    {"ancien", "ancienne", "nouveau", "nouvelle", "actuel", "actuelle", "même", "autre", "seul"}
)


def is_role_noun(tok: Token) -> bool:
    """A noun naming a person by function or description, singular or plural (« le ministre »,
    « plusieurs dirigeants », « les enquêteurs »)."""
    if tok.lower_ in fr.ROLE_NOUNS or (tok.pos_ == "NOUN" and tok.lemma_.lower() in fr.ROLE_NOUNS):
        return True
    former = tok.lower_.split("-", 1)
    if len(former) == 2 and former[0] in fr.FORMER_PREFIXES and former[1] in fr.ROLE_NOUNS:
        return True  # « l'ex-garde des Sceaux », « l'ex-ministre »
    if tok.pos_ not in ("NOUN", "PROPN") or len(tok.text) < 6:
        return False
    word = tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_
    # Nouns of people by their make (« la gastro-entérologue », « ce quinquagénaire »), and
    # people by their country, capitalised after a determiner (« le Français »).
    if tok.pos_ == "NOUN" and word.endswith(fr.PERSON_NOUN_ENDINGS):
        return True
    determined = any(c.dep_ == "det" for c in tok.children)
    return determined and tok.text[:1].isupper() and word.endswith(fr.DEMONYM_ENDINGS)


def given_name_gender(name: str) -> str | None:
    """The gender a full name's given name shows (« Juliette Méadel » → f), if it shows one."""
    words = fold(name).split()
    first = words[0] if len(words) > 1 else None
    if first in _FEMININE_NAMES and first not in _MASCULINE_NAMES:
        return "f"
    if first in _MASCULINE_NAMES and first not in _FEMININE_NAMES:
        return "m"
    return None


def fold_word(word: str) -> str:
    """One word folded for lookups: lowercase, no accents."""
    return fold(word).replace(" ", "-")


# Kinds of names that are never a person's (see `quotesearch.speakers.names.name_kind`).
_NOT_PEOPLE = frozenset(["organization", "place", "other"])
# Articles left out when role phrases are compared (folded).
_ARTICLES = frozenset("le la les l".split())
# Roles that French writes with a capital, folded: never a person's name.
_ROLE_PHRASES = frozenset(fold(member) for group in fr.ROLE_EQUIVALENTS for member in group)
# First names folded as names are folded when compared (« Hélène » → « helene »).
_FEMININE_NAMES = frozenset(fold(n) for n in fr.FEMININE_FIRST_NAMES if " " not in fold(n))
_MASCULINE_NAMES = frozenset(fold(n) for n in fr.MASCULINE_FIRST_NAMES if " " not in fold(n))


@dataclass
class Person:
    """What the article says about one speaker candidate, gathered while reading it."""

    key: str
    kind: str
    forms: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    role_keys: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)

    @property
    def name(self) -> str:
        """The fullest form: most words, then most frequent, then first seen."""
        return max(self.forms, key=lambda f: (len(fold(f).split()), self.forms[f]))

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        (top, n), *rest = self.gender_votes.most_common()
        return top if not rest or rest[0][1] < n else None

    def entity(self) -> Entity:
        return Entity(
            name=self.name,
            kind=self.kind,
            gender=self.gender,
            variants=tuple(self.forms),
            roles=tuple(dict.fromkeys(self.roles)),
        )


@dataclass(frozen=True)
class Mention:
    """One place where the article names a person or organisation."""

    start: int
    end: int
    key: str
    sentence: int
    subject: bool
    in_quote: bool
    text: str
    # Behind a preposition (« le quinquennat de François Hollande »): a weak antecedent.
    oblique: bool = False
    # A pronoun or role mention the reader resolved to this person, not a name written.
    resolved: bool = False
    # In a subordinate clause (« si Joe Biden l'emportait »): less salient than the main one.
    embedded: bool = False


class ArticleCast:
    """The people and organisations of one article, and where each is mentioned."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.mentions: list[Mention] = []

    def person(self, key: str) -> Person | None:
        return self.people.get(key)

    def add_name(
        self, form: str, *, kind: str = "person", gender: str | None = None
    ) -> Person | None:
        """Register a written form and return the person it belongs to in this article."""
        form = _owner_or_first(form.strip(' ,.;:()[]"«»“”'))
        affiliation = None
        written = fold(form).split()
        if kind == "person" and written:
            if written[0] in fr.ROLE_NOUNS or not _looks_like_name(form):
                return None
            if " ".join(written) in _ROLE_PHRASES:
                return None  # « Premier ministre », « Garde des Sceaux »: a role, not a name
            # « EELV Karima Delli »: the label is an affiliation; « M », « Bruno Le » are cut
            # short; « Bild » or « France » are no one's name.
            cleaned = clean_mention(form)
            if cleaned.fragment or not cleaned.name:
                return None
            if name_kind(cleaned.name) in _NOT_PEOPLE:
                return None
            form, affiliation = cleaned.name, cleaned.affiliation
        words = fold(form).split()
        if not words or not form[:1].isupper():
            return None
        if kind == "person" and (words[0] in fr.ROLE_NOUNS or not _looks_like_name(form)):
            return None
        key = self._link(words, kind)
        person = self.people.setdefault(key, Person(key=key, kind=kind))
        person.forms[form] += 1
        if affiliation and affiliation not in person.roles:
            person.roles.append(affiliation)
        if gender:
            person.gender_votes[gender] += 2
        given = given_name_gender(form)
        if given:
            person.gender_votes[given] += 1
        return person

    def _link(self, words: list[str], kind: str) -> str:
        """A short form joins the fullest known name containing all its words."""
        key = " ".join(words)
        if key in self.people:
            return key
        wanted = set(words)
        matches = [k for k, p in self.people.items() if p.kind == kind and wanted <= set(k.split())]
        if matches:
            # The most recently mentioned of the candidates: « Kim » after « Kim Jong-un ».
            recent = {m.key: i for i, m in enumerate(self.mentions)}
            return max(matches, key=lambda k: (recent.get(k, -1), len(k)))
        # A fuller form arriving after its short form takes the short form's place.
        for k in list(self.people):
            if self.people[k].kind == kind and set(k.split()) < wanted:
                self.people[key] = self.people.pop(k)
                self.people[key].key = key
                self.mentions = [replace(m, key=key) if m.key == k else m for m in self.mentions]
                return key
        return key

    def entities(self) -> tuple[Entity, ...]:
        return tuple(p.entity() for p in self.people.values())


def role_key(tokens: list[Token]) -> tuple[str, frozenset[str]] | None:
    """Fold a role phrase to (function, qualifiers): « chef de la diplomatie russe » →
    (ministre des affaires étrangères, {russe}); « président du Rassemblement national » →
    (président, {rassemblement, national}). None when the phrase names no known role."""
    words = [t for t in tokens if t.pos_ not in ("DET", "PUNCT")]
    folded = [fold(t.text) for t in words]
    best: tuple[int, list[int], str, str] | None = None
    for group in fr.ROLE_EQUIVALENTS:
        for member in group:
            # Determiners are left out on both sides: « chef de la diplomatie ».
            wanted = [w for w in fold(member).split() if w not in _ARTICLES]
            found = _subsequence(folded, wanted)
            if found and (best is None or (len(found), -found[0]) > (len(best[1]), -best[1][0])):
                best = (found[0], found, fold(group[0]), member)
    if best is not None:
        function, used = best[2], set(best[1])
    else:
        heads = [k for k, t in enumerate(words) if is_role_noun(t)]
        if not heads:
            return None
        function, used = fold(words[heads[0]].lemma_), {heads[0]}
    qualifiers = set()
    for k, tok in enumerate(words):
        if k in used or tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
            continue
        low = fold(tok.text)
        if tok.lower_ in _ROLE_ADJECTIVES or tok.lower_ in _VAGUE_ADJECTIVES:
            continue
        if low in fr.PLACE_EQUIVALENTS:
            low = fold(fr.PLACE_EQUIVALENTS[low])
        elif tok.pos_ == "ADJ":
            low = fold(tok.lemma_)
        qualifiers.add(low)
    if best is not None and best[3] in fr.FOREIGN_ONLY_ROLES and not qualifiers:
        function = fold(best[3])  # a French junior minister, not a foreign minister
    return function, frozenset(qualifiers)


def noun_phrase_from(head: Token, limit: int = 8) -> list[Token]:
    """The noun phrase a role noun heads, read to the right: its adjectives and « de »
    complements (« ministre russe des Affaires étrangères »), never the verb, relative clause
    or participle that follows (« le PDG, rappelant que … »)."""
    phrase = [head]
    doc = head.doc
    for tok in doc[head.i + 1 : head.i + limit]:
        if tok.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "NUM") or tok.text in ("-", "'", "’"):
            if tok.lower_ in fr.CLAUSE_WORDS or tok.lower_ in fr.CIRCUMSTANCE_PREPOSITIONS:
                break  # « le ministre sur BFM », « le président dans un échange avec X »
            if tok.lower_ in ("à", "au", "aux") and _names_medium(doc[tok.i + 1 : tok.i + 4]):
                break  # « le roi des forains à LCI »: where they said it
            phrase.append(tok)
        else:
            break
    while phrase and (phrase[-1].pos_ in ("ADP", "DET") or phrase[-1].text in ("-", "'", "’")):
        phrase.pop()
    return phrase


def _names_medium(words: Span) -> bool:
    """Whether the words after a preposition name a newspaper, station or agency."""
    names = [t for t in words if t.pos_ != "DET" and t.lower_ not in ("l'", "l’")]
    written = " ".join(t.text for t in names[:2] if t.text[:1].isupper())
    return bool(written) and (
        written.lower() in MEDIA or (names and names[0].text.lower() in MEDIA)
    )


def _subsequence(words: list[str], wanted: list[str]) -> list[int] | None:
    """Positions of `wanted` in order in `words`, allowing one inserted word between
    neighbours (« ministre russe des affaires étrangères »)."""
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        found, k = [start], start
        for part in wanted[1:]:
            nxt = next((j for j in range(k + 1, min(k + 3, len(words))) if words[j] == part), None)
            if nxt is None:
                break
            found.append(nxt)
            k = nxt
        if len(found) == len(wanted):
            return found
    return None


def roles_match(mention: tuple[str, frozenset[str]], known: tuple[str, frozenset[str]]) -> bool:
    """Same function, and qualifiers that agree: « le président russe » ~ « président de la
    Russie », but « président de la République » ≁ « président du Rassemblement national »."""
    if mention[0] != known[0]:
        return False
    return not mention[1] or not known[1] or bool(mention[1] & known[1])


def role_phrase_before(span: Span) -> list[Token]:
    """The role noun phrase right before a name: « le ministre russe des Affaires étrangères, »."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 0 and doc[i].pos_ == "ADP":
        return []  # « le porte-parole de X »: X is not the spokesperson
    tokens: list[Token] = []
    while i >= 0 and len(tokens) < 9:
        tok = doc[i]
        if tok.pos_ in ("NOUN", "ADJ", "ADP", "PROPN") or tok.text in ("'", "’", "-"):
            tokens.insert(0, tok)
        elif tok.pos_ == "DET":
            tokens.insert(0, tok)
            break
        else:
            break
        i -= 1
    nouns = [k for k, t in enumerate(tokens) if is_role_noun(t) and t.pos_ == "NOUN"]
    return (
        tokens[nouns[0] - (1 if nouns[0] and tokens[nouns[0] - 1].pos_ == "DET" else 0) :]
        if (nouns)
        else []
    )


def role_words(tokens: list[Token]) -> str:
    """A role phrase as the article wrote it, without the determiner that opens it: the
    articles inside stay (« ministre de la Santé », « secrétaire général de la CFDT »)."""
    while tokens and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def role_phrase_after(span: Span) -> list[Token]:
    """A role in apposition after a name: « Dmitri Peskov, porte-parole du Kremlin, »."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return []
    tokens: list[Token] = []
    i += 1
    while i < len(doc) and len(tokens) < 10:
        tok = doc[i]
        if tok.text in (",", "(", ")", ".", ";", ":") or tok.pos_ in ("VERB", "AUX", "PRON"):
            break
        tokens.append(tok)
        i += 1
    if tokens and tokens[0].pos_ == "DET":
        tokens = tokens[1:]
    if not tokens or not is_role_noun(tokens[0]):
        return []
    return tokens


def gender_of_phrase(tokens: list[Token]) -> str | None:
    """Gender told by a role phrase's determiner and adjectives: « la ministre nord-coréenne ».

    Only the words that agree with the role noun count: those before it and the adjectives
    right after it. « président de la Ligue » is not feminine because of « la Ligue »."""
    head = next((k for k, t in enumerate(tokens) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is not None:
        rest = tokens[head + 1 :]
        agreeing = tokens[: head + 1]
        for tok in rest:
            if tok.pos_ != "ADJ":
                break
            agreeing.append(tok)
        tokens = agreeing
    for tok in tokens:
        if tok.pos_ == "DET" and tok.lower_ in ("la", "une", "cette", "sa"):
            return "f"
        if tok.pos_ == "DET" and tok.lower_ in ("le", "un", "ce", "cet", "du", "au"):
            return "m"
    if head is not None and tokens[head].lower_ in fr.GENDERED_ROLE_NOUNS:
        return fr.GENDERED_ROLE_NOUNS[tokens[head].lower_]
    for tok in tokens:
        feminine = tok.pos_ == "ADJ" and "Fem" in tok.morph.get("Gender")
        if feminine and tok.text.endswith("e") and fold(tok.text) != fold(tok.lemma_):
            return "f"
    return None


def agreement_gender(root: Token) -> str | None:
    """Gender shown by agreement with a name: « Nadia Benali s'est dite inquiète », « Paul
    Mercier, qui est arrivé » — adjectives and participles of être agree with their subject."""
    predicates = [root.head] if root.dep_.startswith("nsubj") else []
    predicates += [c for c in root.children if c.dep_ == "acl:relcl"]
    for predicate in predicates:
        for word in [predicate, *(c for c in predicate.children if c.dep_ == "xcomp")]:
            agrees = word.pos_ == "ADJ" or (
                "Part" in word.morph.get("VerbForm")
                and any(a.lemma_ == "être" for a in word.children if a.dep_.startswith("aux"))
            )
            if not agrees:
                continue
            tagged = word.morph.get("Gender")
            if tagged == ["Fem"] and fold(word.text).endswith(("e", "es")):
                return "f"
            if tagged == ["Masc"]:
                return "m"
    return None


def title_before(span: Span) -> tuple[str, str | None] | None:
    """A title written before a name (« M. », « Mme ») and the gender it implies."""
    if span.start == 0:
        return None
    prev = span.doc[span.start - 1]
    title = prev.lower_
    if title in fr.TITLES:
        return prev.text, fr.TITLES[title]
    return None


def strip_title(text: str) -> tuple[str, str | None]:
    """Remove a leading title from a name and return (name, gender the title implies)."""
    glued = _TITLE_GLUED.match(text)
    if glued:
        return glued.group(2), fr.TITLES.get(glued.group(1).lower() + ".")
    words = text.split()
    gender = None
    while len(words) > 1 and words[0].lower() in fr.TITLES:
        gender = gender or fr.TITLES[words[0].lower()]
        words = words[1:]
    while len(words) > 1 and words[0].lower() in fr.ROLE_NOUNS:
        words = words[1:]
    return " ".join(words), gender


def _name_spans(sent: Span) -> list[Span]:
    """The sentence's named entities, and the names the tagger missed: a known given name
    followed by capitalised words (« Fabien Roussel », « Étienne Guenat »)."""
    found = list(sent.ents)
    named = {t.i for ent in found if ent.label_ == "PER" for t in ent}
    doc = sent.doc
    i = sent.start
    while i < sent.end - 1:
        tok = doc[i]
        before = doc[i - 1] if i > sent.start else None
        inside = (
            before is not None
            and before.is_alpha
            and before.pos_ != "NOUN"
            and before.text[:1].isupper()
            and before.lower_.rstrip(".") not in fr.TITLES
            and fold(before.text) not in fr.ROLE_NOUNS
            # « a déclaré à l'AFP Gaëtan Gentil »: a news agency's name does not run on.
            and fold(before.text) not in MEDIA
        )
        if i in named or inside or not tok.text[:1].isupper() or not is_given_name(tok.text):
            # « San Antonio Spurs »: a given name inside a longer proper name is not one.
            i += 1
            continue
        j = i + 1
        while j < sent.end and j - i < 4:
            word = doc[j]
            particle = word.lower_ in fr.NAME_PARTICLES
            if word.text[:1].isupper() and (word.is_alpha or "-" in word.text):
                j += 1
            elif particle and j + 1 < sent.end and doc[j + 1].text[:1].isupper():
                j += 2
            else:
                break
        if j > i + 1 and not any(k in named for k in range(i, j)):
            found.append(Span(doc, i, j, label="PER"))
        i = j
    return found


def _may_be_person(ent: Span, name: str, name_words: set[str]) -> bool:
    """Whether an entity the tagger calls a person can be one. The tagger often calls a
    capitalised word a person (« Abandon de la taxe : … », « le quotidien Bild », « CNPN »): a
    single word counts only as a word of a full name of the article or a first name, never
    as an acronym or right after a noun naming an organisation."""
    words = fold(name).split()
    if not words:
        return False
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lemma_.lower() in fr.ORGANIZATION_NOUNS:
        return False
    if len(words) > 1:
        return True
    if name.isupper() and len(name) > 1:
        return False
    return words[0] in name_words or words[0] in _FEMININE_NAMES or words[0] in _MASCULINE_NAMES


def _owner_or_first(form: str) -> str:
    """« Snapchat de Jeremstar » is Jeremstar's channel: the owner; « Sandrine Quétier-Karine
    Ferri » is two people joined by a hyphen: the first."""
    words = form.split()
    if len(words) > 2 and fold(words[1]) in ("de", "d") and fold(words[0]) in MEDIA:
        return " ".join(words[2:])
    for k, word in enumerate(words[1:-1], start=1):
        head, _, tail = word.partition("-")
        if tail and is_given_name(tail) and not is_given_name(head):
            return " ".join([*words[:k], head])
    return form


def _looks_like_name(form: str) -> bool:
    """Every word of a person's name is capitalised, save particles: « Charles de Gaulle »,
    « Valéry Giscard d'Estaing », but not « Biennale d'architecture », « Libres! », bare
    initials (« J.B ») or words in capitals (a headline, a photo credit)."""
    words = form.split()
    if re.search(r"[!?\d]", form) or all(re.fullmatch(r"(\w\.?){1,3}", w) for w in words):
        return False  # « Libres! », « VH-60N Whitehawk », « J.B »
    if len(words) > 1 and form.isupper():
        return False  # « EMMANUEL MACRON EN HAUSSE », a photo credit: headline capitals
    for word in form.split()[1:]:
        if word.lower() in fr.NAME_PARTICLES:
            continue
        bare = re.sub(r"^(d['’]|al-|el-|ben-)", "", word, flags=re.IGNORECASE)
        if bare[:1].islower():
            return False
    return True


def is_oblique(tok: Token) -> bool:
    """A name behind a preposition, directly or through the noun it is in apposition to."""
    if any(c.dep_ == "case" for c in tok.children):
        return True
    if tok.dep_ in ("appos", "flat:name") and tok.head != tok:
        return any(c.dep_ == "case" for c in tok.head.children)
    return False


_SUBORDINATE = frozenset(("advcl", "ccomp", "csubj", "acl", "acl:relcl"))


def is_embedded(tok: Token) -> bool:
    """A word whose clause hangs under another clause: « si Joe Biden l'emportait »,
    « un président qui agite … », « il estime que Paul a raison »."""
    seen = 0
    while tok.head != tok and seen < 40:
        if tok.dep_ in _SUBORDINATE:
            return True
        tok = tok.head
        seen += 1
    return False


def _is_subject(tok: Token) -> bool:
    """Subject of its clause, directly or as the name in apposition to a subject noun."""
    if tok.dep_.startswith("nsubj"):
        return True
    if any(
        c.dep_ == "acl:relcl" and any(g.lower_ == "qui" and g.dep_ == "nsubj" for g in c.children)
        for c in tok.children
    ):
        return True  # « Nadia Benali, qui s'est dite inquiète »: the subject of its clause
    head = tok.head
    if tok.dep_ in ("appos", "flat:name", "nmod") and head.dep_.startswith("nsubj"):
        return True
    # « Le candidat à la primaire démocrate Beto O'Rourke a accusé … »: a name at the end of the
    # role phrase that is the subject, however the parse hangs it inside the phrase.
    for _ in range(4):
        if tok.dep_ not in ("appos", "flat:name", "nmod", "amod") or tok.head == tok:
            return False
        tok = tok.head
        if tok.dep_.startswith("nsubj"):
            return is_role_noun(tok)
    return False


def read_cast(
    sentences: list[tuple[int, Span]], quote_ranges: list[tuple[int, int]]
) -> ArticleCast:
    """Collect the people an article names, with their roles, gender cues and mentions."""
    cast = ArticleCast()

    quoted = Ranges(quote_ranges)

    def inside_quote(pos: int) -> bool:
        return pos in quoted

    # The words of the article's full names: a lone capitalised word is a person only if it
    # is one of them, or a title, a role or a first name says so.
    name_words = {
        w
        for _, sent in sentences
        for ent in sent.ents
        if ent.label_ == "PER" and len(ent) > 1
        for w in fold(ent.text).split()
    }
    # Full names the tagger calls a person somewhere in the article are a person everywhere
    # (« …, Paola Mar, dans un entretien » tagged as a place once).
    full_names = {
        fold(ent.text)
        for _, sent in sentences
        for ent in sent.ents
        if ent.label_ == "PER" and len(ent) > 1
    }
    for n, (offset, sent) in enumerate(sentences):
        for ent in _name_spans(sent):
            text = ent.text
            glued = _TITLE_GLUED.match(text)
            subject_misc = ent.label_ == "MISC" and _is_subject(ent.root) and text[:1].isupper()
            known = len(ent) > 1 and fold(text) in full_names
            if ent.label_ != "PER" and not glued and not subject_misc and not known:
                continue
            name, gender = strip_title(text)
            title = title_before(ent)
            if title and not gender:
                gender = title[1]
            role_tokens = role_phrase_before(ent) or role_phrase_after(ent)
            if not (glued or title or role_tokens or _may_be_person(ent, name, name_words)):
                continue
            if role_tokens:
                gender = gender or gender_of_phrase(role_tokens)
            person = cast.add_name(name, gender=gender or agreement_gender(ent.root))
            if person is None:
                continue
            if role_tokens:
                key = role_key(role_tokens)
                person.roles.append(role_words(role_tokens))
                if key:
                    person.role_keys.append(key)
            start = offset + ent.start_char
            cast.mentions.append(
                Mention(
                    start=start,
                    end=offset + ent.end_char,
                    key=person.key,
                    sentence=n,
                    subject=_is_subject(ent.root),
                    in_quote=inside_quote(start),
                    text=text if not title else f"{title[0]} {text}",
                    oblique=is_oblique(ent.root),
                    embedded=is_embedded(ent.root),
                )
            )
    return cast
