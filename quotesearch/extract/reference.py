"""Who the words at a cue refer to: names, pronouns and role mentions resolved to a person.

The article is read in order: subject pronouns and role mentions of the narration are resolved
as they come and recorded as mentions of their person, so that « Il » three sentences later
still finds the person the narration has been talking about. Pronouns go to the most salient
person whose gender agrees; role mentions (« le chef de la diplomatie russe ») to the person
the article gave that role; other noun phrases to a named person or an organisation.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from quotesearch.extract.mentions import (
    ArticleCast,
    Mention,
    Person,
    fold,
    fold_word,
    gender_of_phrase,
    given_name_gender,
    is_embedded,
    is_role_noun,
    noun_phrase_from,
    role_key,
    roles_match,
)
from quotesearch.extract.quotes import Ranges
from quotesearch.extract.salience import most_salient
from quotesearch.lang import fr
from quotesearch.lang.gazetteer_fr import MEDIA
from quotesearch.offices import holder, office_of, offices_ever
from quotesearch.speakers.names import name_kind

# How sure each rule is of the speaker it names, from the verb's own subject to a guess.
CONFIDENCE = {
    "verb-after": 0.95,
    "verb-before": 0.9,
    "incise-pronoun": 0.85,
    "colon": 0.85,
    "selon": 0.85,
    "role-mention": 0.75,
    "pronoun": 0.7,
    "partial": 0.6,
    "continuation": 0.6,
    "echo": 0.6,
    "none": 0.0,
}
_OF = frozenset("de du des d' d’".split())
_OF_DET = _OF | frozenset("la le les l' l’".split())
# Words that end a subject phrase on its way to the verb.
_SUBJECT_END = frozenset("qui que dont se s' s’ ne n' n’ lui leur y en".split())


# Role classes by folded role noun, as role keys write their function.
_ROLE_CLASSES = {fold_word(word): name for word, name in fr.ROLE_CLASSES.items()}


@dataclass(frozen=True)
class Speech:
    """A speaker as found at a cue: resolved name, the words written, kind, and the rule."""

    name: str | None
    mention: str
    kind: str
    cue: str
    confidence: float

    def as_cue(self, cue: str, factor: float = 1.0) -> Speech:
        return Speech(self.name, self.mention, self.kind, cue, round(CONFIDENCE[cue] * factor, 3))


@dataclass
class Context:
    """What the rules need about one article: its sentences, cast and quote ranges."""

    text: str
    sentences: list[tuple[int, Span]]
    cast: ArticleCast
    quote_ranges: list[tuple[int, int]]
    last_speaker: tuple[str, int, str | None] | None = None
    # Unnamed speakers introduced so far, by the head noun of their description: « une source
    # policière » lets a later « cette source » or « la même source » find it.
    descriptions: dict[str, str] = field(default_factory=dict)
    # Incises written inside quote marks, by the start of their quote (the author's words).
    incises: dict[int, tuple[int, int]] = field(default_factory=dict)
    # The salience ranker's weights, and, when training it, the quote being attributed and a
    # record of every choice it made.
    weights: dict[str, float] = field(default_factory=lambda: fr.SALIENCE_WEIGHTS)
    current: object | None = None
    trace: list | None = None
    tracked: int = 0
    # The article's date: a role the article never gives a name resolves to the office's
    # holder that day.
    date: datetime.date | None = None
    # Every quote's candidates (names, "" for nobody) by the quote's start, for evaluation.
    candidates: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [offset + sent.start_char for offset, sent in self.sentences]
        self._doc_offsets = {id(sent.doc): offset for offset, sent in self.sentences}
        self._quoted = Ranges(self.quote_ranges)
        self._tokens_of: dict[tuple[int, int], list[Token]] = {}

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self._starts, pos) - 1, 0)

    def quote_tokens(self, span) -> list[Token]:
        """The tokens of a quote's sentences that fall inside it (those the parse holds)."""
        key = (span.start, span.end)
        if key not in self._tokens_of:
            self._tokens_of[key] = self._find_quote_tokens(span)
        return self._tokens_of[key]

    def _find_quote_tokens(self, span) -> list[Token]:
        tokens: list[Token] = []
        for n in range(self.sentence_index(span.start), len(self.sentences)):
            offset, sent = self.sentences[n]
            if offset + sent.start_char >= span.end:
                break
            tokens.extend(t for t in sent if span.start <= offset + t.idx < span.end)
        return tokens

    def token_at(self, pos: int) -> Token | None:
        offset, sent = self.sentences[self.sentence_index(pos)]
        for tok in sent:
            if offset + tok.idx <= pos < offset + tok.idx + max(len(tok.text), 1):
                return tok
        return None

    def pos(self, tok: Token) -> int:
        """A token's character offset in the article."""
        return self._doc_offsets.get(id(tok.doc), 0) + tok.idx

    def in_quote(self, pos: int) -> bool:
        return pos in self._quoted


def track_narration(ctx: Context, upto: int) -> None:
    """Resolve the subject pronouns and role mentions of the narration before `upto`, adding
    each as a mention of its person, so later pronouns see the chain of reference."""
    if upto <= ctx.tracked:
        return
    n = ctx.sentence_index(ctx.tracked)
    while n < len(ctx.sentences) and ctx._starts[n] < upto:
        offset, sent = ctx.sentences[n]
        for tok in sent:
            pos = offset + tok.idx
            if pos < ctx.tracked or pos >= upto or ctx.in_quote(pos):
                continue
            if not (tok.dep_.startswith("nsubj") or _sourced(tok)):
                if tok.pos_ == "NOUN" and tok.dep_ == "obj" and is_role_noun(tok):
                    _describe(ctx, tok, pos)
                continue
            person = None
            if tok.lower_ in ("il", "elle") and not _impersonal(tok):
                person = _salient_person(ctx, pos, fr.SUBJECT_PRONOUNS[tok.lower_][0])
            elif tok.pos_ == "NOUN" and is_role_noun(tok) and _determiner(tok):
                # « le ministre » is resolved to its holder; « une source policière »
                # introduces an unnamed speaker that « cette source » will find.
                speech = resolve_subject(ctx, tok, cue="role-mention")
                person = person_named(ctx, speech.name) if speech and speech.name else None
            if person is not None:
                _add_mention(ctx, person, pos, pos + len(tok.text), n, tok.text, is_embedded(tok))
        n += 1
    ctx.tracked = upto


def _describe(ctx: Context, tok: Token, pos: int) -> None:
    """« ont agressé une adolescente de 16 ans »: someone new the narration introduces as an
    object, whom a later « l'adolescente » or « elle » may mean."""
    det = _determiner(tok)
    if det is None or det.lower_ not in ("un", "une") or "Plur" in tok.morph.get("Number"):
        return
    head_key = fold_word(tok.lemma_ or tok.text)
    if head_key in ctx.descriptions:
        return
    words = noun_phrase_from(tok)
    after = tok.doc[words[-1].i + 1 : words[-1].i + 3]
    if len(after) == 2 and after[0].text == "," and after[1].pos_ == "PROPN":
        return  # « une cliente, Lucie Tardieu »: the name says who
    description = _description_name(words)
    ctx.descriptions[head_key] = description
    _introduce(ctx, description, gender_of_phrase([det, tok]), pos)


def _impersonal(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ == "expl:subj" or head.lemma_ in fr.IMPERSONAL_VERBS:
        return True
    return any(c.lower_ == "y" for c in head.children) and head.lemma_ == "avoir"


def _determiner(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "det" and c.i < tok.i), None)


def _sourced(tok: Token) -> bool:
    """The noun after « selon » / « d'après »: « selon une source proche du dossier »."""
    return any(
        c.dep_ == "case" and (c.lower_ in fr.SOURCE_WORDS or c.lower_ == "après")
        for c in tok.children
    )


def note_mention(ctx: Context, person: Person, pos: int, text: str) -> None:
    """Record that the article talks about `person` at `pos` (a resolved mention)."""
    _add_mention(ctx, person, pos, pos + 1, ctx.sentence_index(pos), text)


def _add_mention(
    ctx: Context,
    person: Person,
    start: int,
    end: int,
    n: int,
    text: str,
    embedded: bool = False,
) -> None:
    mention = Mention(
        start, end, person.key, n, True, False, text, resolved=True, embedded=embedded
    )
    bisect.insort(ctx.cast.mentions, mention, key=lambda m: m.start)


def person_named(ctx: Context, name: str) -> Person | None:
    return next((p for p in ctx.cast.people.values() if p.name == name), None)


def resolve_subject(
    ctx: Context, tok: Token, *, cue: str, roles_only: bool = False
) -> Speech | None:
    """Turn the subject token at a cue into a speaker of the article."""
    if tok.lower_ in ("-t", "-t-") and tok.i + 1 < len(tok.doc):
        tok = tok.nbor(1)  # « a-t-il regretté »: the pronoun is the next token
    pos = ctx.pos(tok)
    low = tok.lower_.lstrip("-")
    if low in fr.NON_THIRD_PERSON or ctx.in_quote(pos):
        return None
    if (tok.pos_ == "PRON" and not _is_acronym(tok)) or low in fr.SUBJECT_PRONOUNS:
        if low in ("il", "elle", "lui", "celui-ci", "celle-ci"):
            pronoun_cue = cue if cue in ("incise-pronoun", "partial", "selon") else "pronoun"
            return resolve_pronoun(ctx, tok, pos, cue=pronoun_cue)
        if low in ("qui", "lui", "elle", "eux", "elles"):
            # The phrase right before names them: « …, l'entraîneur Steve Karp, qui avait
            # tweeté », « Karim Haddad, lui, reste confiant », whatever the parse says.
            named = _apposed_name(ctx, tok)
            if named is not None:
                return Speech(named.name, tok.text, named.kind, cue, CONFIDENCE[cue])
        if low == "qui" and tok.head.head != tok.head:
            antecedent = tok.head.head
            if antecedent.pos_ in ("PROPN", "NOUN"):
                return resolve_subject(ctx, antecedent, cue=cue, roles_only=roles_only)
        return None
    phrase = sorted(
        [tok, *(c for c in tok.subtree if c.i > tok.i and c.dep_ != "acl:relcl")],
        key=lambda t: t.i,
    )
    det = [c for c in tok.children if c.dep_ == "det" and c.i < tok.i]
    phrase = det + [t for t in phrase if t.i - tok.i < 14]
    verb = tok.head
    if verb.i > tok.i and not ctx.in_quote(ctx.pos(verb)):
        # The words between a subject and its verb belong to the subject even where the parse
        # hangs them elsewhere: « Le chef de file du parti Jean Martin se disait … ».
        for t in tok.doc[tok.i + 1 : min(verb.i, tok.i + 14)]:
            if t.pos_ in ("VERB", "AUX") or t.lower_ in _SUBJECT_END or ctx.in_quote(ctx.pos(t)):
                break
            if t not in phrase:
                phrase.append(t)
        phrase.sort(key=lambda t: t.i)
    return resolve_phrase(ctx, phrase, cue=cue, roles_only=roles_only)


def resolve_phrase(
    ctx: Context, phrase: list[Token], *, cue: str, roles_only: bool = False
) -> Speech | None:
    """A noun phrase at a cue: a named person (or one in apposition to a role), a role
    resolved to its person, or an organisation."""
    if not phrase:
        return None
    one = _one_of(ctx, phrase, cue)
    if one is not None:
        return one
    start, end = ctx.pos(phrase[0]), ctx.pos(phrase[-1]) + len(phrase[-1].text)
    for m in ctx.cast.mentions:
        if (
            start <= m.start < end
            and not m.in_quote
            and not m.resolved
            and not _behind_preposition(phrase, ctx, m.start)
        ):
            person = ctx.cast.person(m.key)
            if person is not None:
                return Speech(person.name, m.text, person.kind, cue, CONFIDENCE[cue])
    titles = [t for t in phrase[:2] if t.lower_ in fr.TITLES]
    head = next(
        (
            t
            for t in phrase
            if (t.pos_ in ("NOUN", "PROPN") or _is_acronym(t)) and t.lower_ not in fr.TITLES
        ),
        None,
    )
    if (
        head is not None
        and head.lower_ in fr.FORMER_PREFIXES
        and head.i + 1 < len(head.doc)
        and is_role_noun(head.nbor(1))
    ):
        head = head.nbor(1)  # « l'ex animateur télé »: the role after « ex »
    if head is None:
        first = phrase[0]
        if first.lower_ in ("lui", "elle", "celui-ci", "celle-ci"):
            return resolve_pronoun(ctx, first, start, cue="pronoun")
        # An adjective used as a noun for a person: « l'intéressée », « cette quinquagénaire ».
        nominal = next(
            (
                t
                for t in phrase[1:3]
                if t.pos_ == "ADJ"
                and phrase[0].pos_ == "DET"
                and (t.lower_ in fr.PERSON_ADJECTIVES or t.lower_.endswith(fr.PERSON_NOUN_ENDINGS))
            ),
            None,
        )
        if nominal is not None:
            return _resolve_role(ctx, phrase, nominal, start)
        return None
    if head.pos_ == "NOUN" and head.lemma_.lower() in fr.DOCUMENT_NOUNS and _determiner(head):
        name = _description_name(noun_phrase_from(head, limit=5))
        return Speech(name, name, "document", cue, CONFIDENCE[cue] * 0.8)
    if is_role_noun(head):
        return _resolve_role(ctx, phrase, head, start)
    if (
        head.ent_type_ in ("ORG", "LOC")
        or head.lemma_.lower() in fr.ORGANIZATION_NOUNS
        or _is_acronym(head)
    ):
        named = _named_body(ctx, phrase, head)
        if named is not None:
            return Speech(
                named, _organization(phrase, head), "organization", cue, CONFIDENCE[cue] * 0.8
            )
        name = _organization(phrase, head)
        return Speech(name, name, "organization", cue, CONFIDENCE[cue] * 0.9)
    if roles_only:
        return None
    if head.text[:1].isupper() and (head.pos_ == "PROPN" or titles):
        # A name the parse did not tag as a person: « M. Trump », « Kwame Mensah ».
        words = [head]
        for t in phrase[phrase.index(head) + 1 :]:
            if len(words) == 4 or not (t.text[:1].isupper() or t.text == "-"):
                break
            words.append(t)
        written = head.doc[words[0].i : words[-1].i + 1].text
        gender = fr.TITLES.get(titles[0].lower_) if titles else None
        person = ctx.cast.add_name(written, gender=gender)
        if person is not None:
            return Speech(person.name, written, "person", cue, CONFIDENCE[cue] * 0.9)
        if name_kind(written) == "organization":
            # « a titré Bild », « selon Médiapart »: a paper or a body known by its name.
            return Speech(written, written, "organization", cue, CONFIDENCE[cue] * 0.9)
    return None


def _one_of(ctx: Context, phrase: list[Token], cue: str) -> Speech | None:
    """« l'un d'eux », « l'une des infirmières », « un des manifestants »: one member of a
    group, an unnamed speaker described by the group's noun in the singular."""
    words = [t for t in phrase if t.lower_ not in ("l'", "l’")]
    if len(words) < 3 or words[0].lower_ not in ("un", "une"):
        return None
    if words[1].lower_ not in ("de", "d'", "d’", "des"):
        return None
    start, end = ctx.pos(phrase[0]), ctx.pos(phrase[-1]) + len(phrase[-1].text)
    if any(start <= m.start < end and m.key and not m.resolved for m in ctx.cast.mentions):
        return None  # « l'un des auteurs, Sapan Desai »: the name says who
    rest = words[2:]
    if words[1].lower_ in ("de", "d'", "d’") and rest[0].lower_ in ("ces", "les", "ses", "leurs"):
        rest = rest[1:]
    if not rest:
        return None
    confidence = CONFIDENCE["role-mention"] * 0.8
    if rest[0].lower_ in ("eux", "elles"):
        # The group the text last made a subject: « des témoins … l'un d'eux ».
        gender = "f" if rest[0].lower_ == "elles" else None
        group = _subject_body(ctx, ctx.pos(phrase[0]), gender, "role-mention", plural=True)
        if group is None or group.kind != "unnamed" or not group.name:
            group = _latest_group(ctx, ctx.pos(phrase[0]))
        if group is None:
            return None
        name = _singular(group.name)
    elif rest[0].pos_ == "NOUN":
        nouns = noun_phrase_from(rest[0], limit=5)
        after = rest[0].doc[nouns[1].i : nouns[-1].i + 1].text if len(nouns) > 1 else ""
        name = f"{rest[0].lemma_} {after}".strip()
    else:
        return None
    written = phrase[0].doc[phrase[0].i : phrase[-1].i + 1].text
    return Speech(name, written, "unnamed", cue, confidence)


def _latest_group(ctx: Context, pos: int) -> Speech | None:
    """The plural noun of people last written before `pos` (« maîtrisé par des témoins »)."""
    here = ctx.sentence_index(pos)
    for offset, sent in reversed(ctx.sentences[max(here - 2, 0) : here + 1]):
        for tok in reversed(list(sent)):
            if offset + tok.idx >= pos or ctx.in_quote(offset + tok.idx):
                continue
            if "Plur" in tok.morph.get("Number") and tok.pos_ == "NOUN" and is_role_noun(tok):
                return Speech(tok.text, tok.text, "unnamed", "role-mention", 0.5)
    return None


def _singular(description: str) -> str:
    """« témoins » → « témoin », « infirmières de garde » → « infirmière de garde »."""
    first, _, rest = description.partition(" ")
    if first.endswith(("s", "x")) and len(first) > 3:
        first = first[:-1]
    return f"{first} {rest}".strip()


def _is_acronym(tok: Token) -> bool:
    """« PSA », « CGT », « ONU »: an all-capitals word names an organisation."""
    return tok.text.isupper() and len(tok.text) > 1 and tok.text.isalpha()


def _behind_preposition(phrase: list[Token], ctx: Context, pos: int) -> bool:
    """« le porte-parole du président Poutine », « l'appel de M. Macron »: a name governed by
    « de » (directly or through a title or role noun) is not the speaker. A name after an
    organisation is in apposition to the whole role: « le porte-parole du Kremlin Dmitri
    Peskov »."""
    k = next((n for n, tok in enumerate(phrase) if ctx.pos(tok) >= pos), 0)
    before = [t for t in phrase[:k] if t.text not in ("-",)]
    if not before or before[-1].text == ",":
        return False
    last = before[-1]
    if last.pos_ == "ADP" or last.lower_ in _OF:
        return True
    if is_role_noun(last) or last.lower_ in fr.TITLES:
        rest = [t for t in before[:-1] if t.pos_ != "DET"]
        return bool(rest) and (rest[-1].pos_ == "ADP" or rest[-1].lower_ in _OF)
    return False


# A body's name never opens with a role or a body noun: « ministre des Transports » and
# « ministère de la Santé » are descriptions the tagger took for names.
_COMMON_OPENINGS = frozenset(fold(w) for w in fr.ROLE_NOUNS | fr.ORGANIZATION_NOUNS)
_BACK_REFERENCE = frozenset("le la l' l’ sa son ses cette ce cet".split())


def _named_body(ctx: Context, phrase: list[Token], head: Token) -> str | None:
    """The body a generic noun stands for: « l'ONG », « l'entreprise de Wolfsbourg », « sa
    filiale française » after the article named Oxfam, Volkswagen, Ikea France: the body
    last named (outside quotes) within `fr.BODY_REACH` sentences, or in the headline. A
    news agency or a paper is taken only by a paper's noun (« le quotidien »)."""
    noun = head.lemma_.lower()
    if head.pos_ != "NOUN" or noun not in fr.GENERIC_BODY_NOUNS:
        return None
    det = _determiner(head)
    if det is None or det.lower_ not in _BACK_REFERENCE:
        return None
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PER") for t in phrase):
        return None  # « l'ONG Oxfam », « le groupe Renault »: the name is there
    at = ctx.pos(head)
    here = ctx.sentence_index(at)
    press = noun in fr.PRESS_NOUNS
    headline_end = ctx.text.find("\n")
    counts: dict[str, list[int]] = {}  # folded name -> [mentions, last place, MISC]
    names: dict[str, str] = {}
    for n in range(here + 1):
        offset, sent = ctx.sentences[n]
        near = n >= here - fr.BODY_REACH or offset + sent.end_char <= headline_end
        for ent in sent.ents:
            where = offset + ent.start_char
            if ent.label_ not in ("ORG", "MISC") or where >= at or ctx.in_quote(where):
                continue
            key = fold(ent.text)
            if not press and key in MEDIA:
                continue
            opening = key.split()[0] if key else ""
            if opening in _COMMON_OPENINGS:
                continue  # « ministre des Transports », « ministère de la Santé »: no name
            seen = counts.setdefault(key, [0, -1, 1])
            seen[0] += 1
            if near:
                seen[1] = where
            if ent.label_ == "ORG":
                seen[2] = 0
            names.setdefault(key, ent.text)
    # The most mentioned body named near (a body the tagger is unsure of, twice at least),
    # the latest named on a tie.
    fitting = [(c, last, key) for key, (c, last, misc) in counts.items() if last >= 0 and c > misc]
    return names[max(fitting)[2]] if fitting else None


def _organization(phrase: list[Token], head: Token) -> str:
    """An organisation as written, without its determiner: « médias nord-coréens », « ministère
    de l'Intérieur » (and not what the sentence says next)."""
    if head.ent_type_ in ("ORG", "LOC"):
        for ent in head.doc.ents:
            if ent.start <= head.i < ent.end:
                return ent.text
    words: list[Token] = []
    for t in phrase:
        if t.i < head.i:
            continue
        if len(words) == 6 or not (t.pos_ in ("NOUN", "PROPN", "ADJ") or t.lower_ in _OF_DET):
            break
        words.append(t)
    while words and (words[-1].pos_ in ("ADP", "DET") or words[-1].lower_ in _OF_DET):
        words.pop()
    return head.doc[words[0].i : words[-1].i + 1].text if words else head.text


def resolve_pronoun(
    ctx: Context, tok: Token, pos: int, *, cue: str, gender: str | None = None
) -> Speech | None:
    """Il/elle: the most salient person before it whose gender agrees."""
    word = tok.lower_.lstrip("-").removeprefix("t-")
    if word == "on":
        return None
    if word in ("ils", "elles", "eux") or word in fr.PLURAL_POSSESSIVES:
        # « Les grévistes sont restés. « … », ont-ils lancé »: the group last made a subject.
        return _subject_body(ctx, pos, gender or fr.STRESSED_PRONOUNS.get(word), cue, plural=True)
    gender = gender or fr.SUBJECT_PRONOUNS.get(word, (None, "sing"))[0]
    person = _salient_person(ctx, pos, gender)
    if person is None:
        # « La CFDT a réagi. « … », a-t-elle dénoncé »: with no person to mean, a pronoun
        # means the body that was the subject just before.
        return _subject_body(ctx, pos, gender, cue)
    return Speech(person.name, tok.text.lstrip("-"), person.kind, cue, CONFIDENCE[cue])


def _subject_body(
    ctx: Context, pos: int, gender: str | None, cue: str, *, plural: bool = False
) -> Speech | None:
    """The organisation (or, for « ils », the group) that was the subject of the sentence
    before `pos`, or of its own."""
    here = ctx.sentence_index(pos)
    kinds = ("organization", "unnamed") if plural else ("organization",)
    # The sentence before, reached past the scraps a parser cuts off (a lone « mark).
    start = here - 1
    while start > 0 and len(ctx.sentences[start][1]) < 3:
        start -= 1
    for offset, sent in reversed(ctx.sentences[max(start, 0) : here + 1]):
        for tok in reversed(list(sent)):
            if offset + tok.idx >= pos or not tok.dep_.startswith("nsubj"):
                continue
            if ctx.in_quote(offset + tok.idx) or tok.pos_ == "PRON":
                continue
            if plural and "Plur" not in tok.morph.get("Number"):
                continue
            det = _determiner(tok)
            agrees = det is None or gender_of_phrase([det]) in (None, gender)
            if not plural and gender and not agrees:
                continue
            speech = resolve_subject(ctx, tok, cue=cue)
            if speech is not None and speech.kind in kinds:
                return speech
    return None


def _salient_person(ctx: Context, pos: int, gender: str | None) -> Person | None:
    """The person a pronoun at `pos` most likely means (see `quotesearch.extract.salience`)."""
    return most_salient(ctx, pos, gender, kinds=("person", "unnamed"))


def latest_person(ctx: Context, pos: int, gender: str | None) -> Person | None:
    """« ce dernier »: the person mentioned last before `pos`."""
    for m in reversed(ctx.cast.mentions):
        if m.start < pos and not m.in_quote:
            person = ctx.cast.person(m.key)
            if (
                person
                and person.kind == "person"
                and (not gender or person.gender != ("m" if gender == "f" else "f"))
            ):
                return person
    return None


def _role_holder(
    ctx: Context, key: tuple[str, frozenset[str]] | None, gender: str | None, pos: int
) -> Person | None:
    """The named person the article gave a role (« le chef de la diplomatie russe » → the
    person introduced as « ministre russe des Affaires étrangères »): the nearest before."""
    if key is None:
        return None
    # World knowledge first: « le chef de l'État » in an article naming Emmanuel Macron and
    # Donald Trump is the one who held the French presidency (`quotesearch.offices`).
    office = office_of(key[0], key[1])
    holders = [
        p
        for p in ctx.cast.people.values()
        if office and p.kind == "person" and office in offices_ever(p.name)
    ]
    # A holder whose qualifiers the description shares (« le président du centre de la
    # mémoire » → « président du centre ») before one whose role is bare (« président »).
    specific = [
        p
        for p in ctx.cast.people.values()
        if any(roles_match(key, known) and key[1] & known[1] for known in p.role_keys)
    ]
    best: tuple[float, Person] | None = None
    for person in holders or specific or ctx.cast.people.values():
        if not holders and not any(roles_match(key, known) for known in person.role_keys):
            continue
        if gender and person.gender and person.gender != gender:
            continue
        last = max((m.start for m in ctx.cast.mentions if m.key == person.key), default=0)
        score = float(last if last < pos else last - len(ctx.text))
        if best is None or score > best[0]:
            best = (score, person)
    return best[1] if best is not None else None


def _holder_on_date(
    ctx: Context, key: tuple[str, frozenset[str]] | None, gender: str | None = None
) -> str | None:
    """« le Premier ministre » in an article of June 2019 that never names him: whoever held
    the office that day (the article's own form of the name when it gives one)."""
    if ctx.date is None or key is None:
        return None
    day = ctx.date.date() if isinstance(ctx.date, datetime.datetime) else ctx.date
    office = office_of(key[0], key[1])
    name = holder(office, day) if office else None
    if name is None or (gender and given_name_gender(name) not in (None, gender)):
        return None  # « la ministre » is not the man who held the office that day
    words = set(fold(name).split())
    for person in ctx.cast.people.values():
        if person.kind == "person" and set(fold(person.name).split()) <= words:
            return person.name
    # The holder enters the article's model, so that « il » afterwards can mean them.
    person = ctx.cast.add_name(name)
    return person.name if person is not None else name


def _next_person(
    ctx: Context, pos: int, gender: str | None, *, besides: frozenset[str] = frozenset()
) -> Person | None:
    """A role in a headline or lead names the person the next sentences introduce."""
    here = ctx.sentence_index(pos)
    for m in ctx.cast.mentions:
        if m.start > pos and not m.in_quote and m.sentence - here <= 2 and m.key not in besides:
            person = ctx.cast.person(m.key)
            if (
                person
                and person.kind == "person"
                and (not gender or person.gender in (None, gender))
            ):
                return person
    return None


def _resolve_role(ctx: Context, phrase: list[Token], head: Token, pos: int) -> Speech | None:
    """A description resolved through the article's model of who is in it.

    An indefinite description introduces someone new (« une source policière », « un
    violoniste ») and speaks as itself. A definite or demonstrative one (« le chef de la
    diplomatie », « cette source », « l'animateur ») names, in order: the person the article
    gave that role, the description introduced earlier with the same head noun, the most
    salient person of its gender; failing all, it stays a description, never a guess."""
    written = " ".join(t.text for t in phrase).replace(" - ", "-").replace("' ", "'")
    confidence = CONFIDENCE["role-mention"]
    words = noun_phrase_from(head)
    dets = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
    gender = gender_of_phrase(dets + words)
    head_key = fold_word(head.lemma_ or head.text)
    # Adjectives before the noun belong to the description: « un haut responsable ».
    before = [
        c
        for c in head.children
        if c.dep_ == "amod" and c.i < head.i and c.lower_ not in fr.QUANTIFIER_ADJECTIVES
    ]
    description = _description_name(before + words)
    plural = "Plur" in head.morph.get("Number") or (
        head.lower_ != head.lemma_.lower() and head.lower_.endswith(("s", "x"))
    )
    named = _apposed_name(ctx, dets[0] if dets else head)
    if named is not None:
        # « Marco Bellini, un entrepreneur du bâtiment »: the description is the name's.
        return Speech(named.name, written, named.kind, "role-mention", confidence)
    if plural or (dets and dets[0].lower_ in fr.INDEFINITE_DETERMINERS):
        # Someone new, or a group (« les enquêteurs »): never one person of the article.
        ctx.descriptions[head_key] = description
        if not plural:
            _introduce(ctx, description, gender, pos)
        return Speech(description, written, "unnamed", "role-mention", confidence * 0.8)
    person = _role_holder(ctx, role_key(words), gender, pos)
    if person is None:
        dated = _holder_on_date(ctx, role_key(before + words), gender)
        if dated is not None:
            return Speech(dated, written, "person", "role-mention", confidence)
    if person is None and head_key not in ctx.descriptions and _demonstrative(dets):
        # « ce haut responsable » after « un cadre sécuritaire »: a demonstrative points back
        # to someone just described, under whatever noun.
        unnamed = most_salient(ctx, pos, gender, kinds=("unnamed",))
        if unnamed is not None:
            _introduce(ctx, unnamed.name, gender, pos)
            return Speech(unnamed.name, written, "unnamed", "role-mention", confidence)
    if person is None and head_key in ctx.descriptions:
        described = ctx.descriptions[head_key]
        if not plural:
            _introduce(ctx, described, gender, pos)
        return Speech(described, written, "unnamed", "role-mention", confidence)
    if person is None:
        # The salient person of the right gender whose known roles do not contradict it.
        key = role_key(words)
        # « le porte-parole de X » is not X: people named inside the description are out.
        inside = {
            m.key
            for m in ctx.cast.mentions
            if m.oblique
            and ctx.pos(phrase[0]) <= m.start < ctx.pos(phrase[-1]) + len(phrase[-1].text)
        }
        # Someone only ever named behind a preposition (« des proches de X ») is no antecedent
        # for a description.
        direct = {m.key for m in ctx.cast.mentions if m.start < pos and not m.oblique}
        person = most_salient(
            ctx,
            pos,
            gender,
            accept=lambda p: p.key not in inside and p.key in direct and _role_fits(p, key),
        )
        person = person or _next_person(ctx, pos, gender, besides=frozenset(inside))
    if person is not None:
        return Speech(person.name, written, "person", "role-mention", confidence)
    ctx.descriptions.setdefault(head_key, description)
    _introduce(ctx, description, gender, pos)
    return Speech(description, written, "unnamed", "role-mention", confidence * 0.5)


def _apposed_name(ctx: Context, first: Token) -> Person | None:
    """The person named right before a description in apposition: « X, un entrepreneur »."""
    if first.i < 2 or first.nbor(-1).text != ",":
        return None
    end = ctx.pos(first.nbor(-1))
    for m in reversed(ctx.cast.mentions):
        if m.end <= end and not m.resolved:
            gap = ctx.text[m.end : end]
            if not gap.strip():
                return ctx.cast.person(m.key)
            if m.end < end - 2:
                return None
    return None


def _demonstrative(dets: list[Token]) -> bool:
    return bool(dets) and dets[0].lower_ in ("ce", "cet", "cette", "ces")


def _introduce(ctx: Context, description: str, gender: str | None, pos: int) -> None:
    """An unnamed person enters the article's model under its description, so that a later
    « a-t-il ajouté » or « selon elle » can mean them."""
    key = f"~{fold(description)}"
    person = ctx.cast.people.setdefault(key, Person(key=key, kind="unnamed"))
    person.forms[description] += 1
    if gender:
        person.gender_votes[gender] += 1
    _add_mention(ctx, person, pos, pos + 1, ctx.sentence_index(pos), description)


def _role_fits(person: Person, key: tuple[str, frozenset[str]] | None) -> bool:
    """A description may name a person whose roles the article never gave, or whose roles
    are of the same walk of life; « la procureure » is not the person introduced as
    « ancienne députée » (see `fr.ROLE_CLASSES`)."""
    wanted = _ROLE_CLASSES.get(key[0]) if key is not None else None
    if wanted is None or not person.role_keys:
        return True
    known = {_ROLE_CLASSES.get(role[0]) for role in person.role_keys}
    return None in known or wanted in known


def _description_name(words: list[Token]) -> str:
    """A description as a speaker's name: the role noun and its qualifiers, without the
    determiner or what the sentence says next (« source policière », « proche du dossier »)."""
    return " ".join(t.text for t in words).replace(" - ", "-").replace("' ", "'").replace("’ ", "’")
