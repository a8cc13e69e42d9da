"""Attributing each quote to its speaker with the French parse.

Rules are tried in order for each quote, and the first that names a speaker wins:
an incise after the quote (« … », a-t-il ajouté / a déclaré M. Lavrov / selon lui), a
reporting verb or noun whose clause holds the quote (Lavrov a déclaré que la Russie « … »,
a exprimé sa « … »), a colon after a reporting clause (Il a ajouté : « … »), a sentence-wide
source (Selon X, « … »), and continuation of the previous speaker. The subject found is then
resolved to a person of the article: names to their fullest form, pronouns by gender and
salience, role mentions to the person the article gave that role.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from quotesearch.lang import fr
from quotesearch.mentions import (
    ArticleCast,
    fold,
    gender_of_phrase,
    role_key,
    roles_match,
    strip_title,
)
from quotesearch.quotes import QuoteSpan
from quotesearch.records import Quote

# How far (in tokens) an incise verb may stand from the closing mark: « … », a ensuite ajouté.
INCISE_WINDOW = 5
# How far up the dependency tree a quote may sit below its reporting verb.
MAX_CLIMB = 8
CONFIDENCE = {
    "verb-after": 0.95,
    "incise-pronoun": 0.85,
    "verb-before": 0.9,
    "colon": 0.85,
    "selon": 0.85,
    "role-mention": 0.75,
    "pronoun": 0.7,
    "continuation": 0.6,
    "none": 0.0,
}


@dataclass(frozen=True)
class Speech:
    """A speaker as found at a cue: resolved name, the words written, kind, and the rule."""

    name: str | None
    mention: str
    kind: str
    cue: str
    confidence: float


@dataclass
class Context:
    """What the rules need about one article: its sentences, cast and quote ranges."""

    text: str
    sentences: list[tuple[int, Span]]
    cast: ArticleCast
    quote_ranges: list[tuple[int, int]]
    last_speaker: tuple[str, int, str | None] | None = None

    def sentence_index(self, pos: int) -> int:
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid][0] + self.sentences[mid][1].start_char <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def token_at(self, pos: int) -> tuple[int, Token] | None:
        n = self.sentence_index(pos)
        offset, sent = self.sentences[n]
        for tok in sent:
            if offset + tok.idx <= pos < offset + tok.idx + max(len(tok.text), 1):
                return n, tok
            if offset + tok.idx > pos:
                return n, tok
        return None

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quote_ranges)


def is_reporting(tok: Token) -> bool:
    """A reporting verb, including multiword ones (mettre en garde, faire savoir)."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and tok.tag_ == "VERB"):
        if tok.pos_ != "VERB":
            return False
    lemma = tok.lemma_.lower()
    if lemma in fr.REPORTING_VERBS:
        return True
    following = [t.lemma_.lower() for t in tok.doc[tok.i + 1 : tok.i + 5]]
    return any(
        all(w in following for w in words) for words in fr.MULTIWORD_VERBS.get(lemma, ())
    )


def attribute(ctx: Context, spans: list[QuoteSpan], doc_id: str) -> list[Quote]:
    """Attribute every quote span of an article; return one Quote record each."""
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, Speech] | None = None
    for span in spans:
        speech = (
            _incise(ctx, span)
            or _enclosing_clause(ctx, span)
            or _colon(ctx, span)
            or _selon(ctx, span)
            or _continuation(ctx, span, previous)
        )
        if speech is None:
            speech = Speech(None, "", "", "none", 0.0)
        confidence = speech.confidence * (1.0 if span.closed else 0.8)
        quotes.append(
            Quote(
                doc_id=doc_id,
                text=span.text,
                start=span.start,
                end=span.end,
                kind=_kind(ctx, span),
                speaker=speech.name,
                mention=speech.mention or None,
                cue=speech.cue,
                confidence=round(confidence, 2),
                speaker_kind=speech.kind or None,
                context=_context(ctx, span),
            )
        )
        if speech.name:
            previous = (span, speech)
            if speech.kind == "person":
                person = next((p for p in ctx.cast.people.values() if p.name == speech.name), None)
                ctx.last_speaker = (speech.name, span.end, person.gender if person else None)
    return quotes


def _kind(ctx: Context, span: QuoteSpan) -> str:
    """Direct for whole sentences given as quotes; partial for a few words in the author's."""
    first = next((c for c in span.text if c.isalnum()), "")
    before = ctx.text[: max(span.start - 1, 0)].rstrip(" \u00a0\u202f«“\"„‹")
    opens_sentence = not before or before[-1] in ".!?:\n"
    words = len(span.text.split())
    if first.isupper() and (opens_sentence or words >= 6):
        return "direct"
    return "partial"


def _context(ctx: Context, span: QuoteSpan) -> str:
    """The paragraph around the quote, as a search snippet (cut to a sensible length)."""
    start = ctx.text.rfind("\n", 0, span.start) + 1
    end = ctx.text.find("\n", span.end)
    end = len(ctx.text) if end < 0 else end
    para = ctx.text[start:end].strip()
    return para if len(para) <= 1200 else para[:1200].rsplit(" ", 1)[0] + " …"


def _quote_tokens(ctx: Context, span: QuoteSpan) -> tuple[int, list[Token]]:
    """The sentence index and tokens of the quote's first paragraph."""
    first = ctx.sentence_index(span.start)
    tokens: list[Token] = []
    for n in range(first, len(ctx.sentences)):
        offset, sent = ctx.sentences[n]
        if offset + sent.start_char >= span.end:
            break
        tokens.extend(t for t in sent if span.start <= offset + t.idx < span.end)
    return first, tokens


def _after_tokens(ctx: Context, span: QuoteSpan) -> list[Token]:
    """The tokens after the closing mark, to the end of the sentence (or the next one when the
    parser cut the sentence right after the mark)."""
    close = span.end
    while close < len(ctx.text) and ctx.text[close] in " \u00a0\u202f":
        close += 1
    close += 1  # the closing mark
    n = ctx.sentence_index(min(close, len(ctx.text) - 1))
    offset, sent = ctx.sentences[n]
    tokens = [t for t in sent if offset + t.idx >= close]
    if len(tokens) <= 1 and n + 1 < len(ctx.sentences):
        nxt_offset, nxt = ctx.sentences[n + 1]
        if nxt_offset == offset:  # same paragraph
            tokens += list(nxt)
    return tokens


def _incise(ctx: Context, span: QuoteSpan) -> Speech | None:
    """« … », a-t-il ajouté / « … », a déclaré M. Lavrov / « … », selon lui."""
    after = _after_tokens(ctx, span)
    if not after:
        return None
    i = 0
    if after[0].text in (",", "…", "!", "?"):
        i = 1
    elif not (after[0].pos_ in ("AUX", "VERB") or after[0].lower_ in fr.SOURCE_PREPOSITIONS):
        return None
    window = after[i : i + INCISE_WINDOW]
    if window and window[0].lower_ in ("selon", "d'après", "d’après"):
        return _source_phrase(ctx, window[0], cue="selon")
    for k, tok in enumerate(window):
        if tok.text in (",", ".", ";", ":", "«", "»", '"', "“", "”"):
            break
        if tok.pos_ == "VERB" and is_reporting(tok):
            pronoun = _inverted_pronoun(window[: k + 3])
            if pronoun is not None:
                return _resolve_pronoun(ctx, pronoun, span.start, cue="incise-pronoun")
            subject = _postposed_subject(tok)
            if subject is not None:
                return _resolve_subject(ctx, subject, cue="verb-after")
            return None
    return None


def _inverted_pronoun(tokens: list[Token]) -> Token | None:
    for tok in tokens:
        word = tok.lower_.lstrip("-").removeprefix("t-")
        if tok.lower_.startswith("-") and word in ("il", "elle", "ils", "elles", "on"):
            return tok
    return None


def _postposed_subject(verb: Token) -> Token | None:
    """The subject written after an incise verb: « …, a déclaré le ministre »."""
    for child in verb.children:
        if child.i > verb.i and child.dep_.startswith("nsubj"):
            return child
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("obj", "appos", "nmod", "obl:mod", "dep"):
            if child.pos_ in ("PROPN", "NOUN") and not any(c.dep_ == "case" for c in child.children):
                return child
    doc = verb.doc
    for tok in doc[verb.i + 1 : min(verb.i + 9, len(doc))]:
        if tok.text in (",", ".", ";", "«", "»", '"'):
            break
        if tok.pos_ in ("PROPN", "NOUN") and not any(c.dep_ == "case" for c in tok.children):
            if tok.pos_ == "PROPN" or tok.lower_ in fr.ROLE_NOUNS or tok.lower_ in (
                fr.ORGANIZATION_NOUNS
            ):
                return tok
    return None


def _enclosing_clause(ctx: Context, span: QuoteSpan) -> Speech | None:
    """The quote sits in the clause of a reporting verb or noun: climb the tree to find it."""
    _, tokens = _quote_tokens(ctx, span)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    sent = tokens[0].sent
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    if not roots:
        return None
    tok = roots[0]
    seen = 0
    while seen < MAX_CLIMB:
        seen += 1
        if tok.i not in inside:
            if tok.pos_ == "VERB" and is_reporting(tok) and tok.i < tokens[0].i + 200:
                subject = _clause_subject(tok)
                if subject is not None and subject.i not in inside:
                    cue = "colon" if _colon_between(tok, tokens[0]) else "verb-before"
                    if subject.i > tokens[-1].i:
                        cue = "verb-after"
                    return _resolve_subject(ctx, subject, cue=cue)
                return None
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in fr.SPEECH_NOUNS:
                owner = _speech_noun_owner(tok)
                if owner is not None and owner.i not in inside:
                    return _resolve_subject(ctx, owner, cue="verb-before")
            if tok.pos_ == "VERB" and tok.dep_ == "acl":
                agent = _passive_agent(tok)
                if agent is not None and is_reporting(tok):
                    return _resolve_subject(ctx, agent, cue="verb-after")
        if tok.head == tok or tok.head.sent != sent:
            return None
        tok = tok.head
    return None


def _colon_between(verb: Token, first: Token) -> bool:
    return any(t.text == ":" for t in verb.doc[verb.i + 1 : first.i])


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it hangs on for coordinated verbs and
    participle clauses (« est arrivé et a remercié », « …, affirmant que »)."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "expl:subj") or child.dep_ == "nsubj:pass":
                return child
        if current.dep_ in ("conj", "advcl", "xcomp", "parataxis") and current.head != current:
            current = current.head
            continue
        break
    return None


def _speech_noun_owner(noun: Token) -> Token | None:
    """Who a speech noun belongs to: « l'appel de X », or the subject for « sa déclaration »."""
    for child in noun.children:
        if child.dep_ == "nmod" and child.pos_ in ("PROPN", "NOUN"):
            if any(c.lower_ in ("de", "du", "d'", "d’") for c in child.children):
                return child
    if any(c.lower_ in ("sa", "son", "ses", "leur", "leurs") for c in noun.children):
        governor = noun.head
        if governor.pos_ == "VERB":
            return _clause_subject(governor)
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("obl:agent", "obl:mod", "obl") and any(
            c.lower_ == "par" for c in child.children
        ):
            return child
    nxt = verb.doc[verb.i + 1 : verb.i + 3]
    if len(nxt) == 2 and nxt[0].lower_ == "par":
        return nxt[1]
    return None


def _colon(ctx: Context, span: QuoteSpan) -> Speech | None:
    """Il a ajouté : « … » — a reporting clause ending with a colon right before the quote."""
    before = ctx.text[: span.start].rstrip(" \u00a0\u202f«“\"„‹").rstrip(" \u00a0\u202f")
    if not before.endswith(":"):
        return None
    pos = len(before) - 1
    found = ctx.token_at(pos)
    if found is None:
        return None
    _, colon = found
    verbs = [t for t in colon.sent if t.i < colon.i and t.pos_ == "VERB"]
    for verb in reversed(verbs):
        if is_reporting(verb) or verb == verbs[-1]:
            subject = _clause_subject(verb)
            if subject is not None:
                speech = _resolve_subject(ctx, subject, cue="colon")
                if speech and speech.cue in ("verb-before",):
                    return Speech(speech.name, speech.mention, speech.kind, "colon", speech.confidence)
                return speech
    return None


def _selon(ctx: Context, span: QuoteSpan) -> Speech | None:
    """Selon X / d'après X anywhere outside the quote in its sentence."""
    n = ctx.sentence_index(span.start)
    offset, sent = ctx.sentences[n]
    for tok in sent:
        pos = offset + tok.idx
        if span.start <= pos < span.end or ctx.in_quote(pos):
            continue
        if tok.lower_ in ("selon", "d'après", "d’après") or (
            tok.lower_ == "après" and tok.i > 0 and tok.nbor(-1).lower_ in ("d'", "d’")
        ):
            return _source_phrase(ctx, tok, cue="selon")
    return None


def _source_phrase(ctx: Context, prep: Token, *, cue: str) -> Speech | None:
    doc = prep.doc
    for tok in doc[prep.i + 1 : min(prep.i + 6, len(doc))]:
        if tok.lower_ in fr.STRESSED_PRONOUNS:
            return _resolve_pronoun(ctx, tok, _abs(ctx, prep), cue=cue)
        if tok.pos_ in ("PROPN", "NOUN"):
            speech = _resolve_subject(ctx, tok, cue=cue)
            if speech is not None:
                return Speech(speech.name, speech.mention, speech.kind, cue, CONFIDENCE[cue])
            return None
    return None


def _continuation(
    ctx: Context, span: QuoteSpan, previous: tuple[QuoteSpan, Speech] | None
) -> Speech | None:
    """A quote with no cue of its own right after a quote of a known speaker."""
    if previous is None:
        return None
    prev_span, speech = previous
    between = ctx.text[prev_span.end : span.start]
    if between.count("\n") > 1 or len(between) > 220:
        return None
    gap = (prev_span.end, span.start)
    if any(gap[0] <= m.start < gap[1] for m in ctx.cast.mentions):
        return None
    if between.count("\n") == 1 and not between.rstrip(" \u00a0\u202f«“\"„‹").endswith("\n"):
        # A new paragraph continues the speaker only when it opens with the quote.
        return None
    return Speech(speech.name, speech.mention, speech.kind, "continuation", CONFIDENCE["continuation"])


def _abs(ctx: Context, tok: Token) -> int:
    for offset, sent in ctx.sentences:
        if sent.doc is tok.doc:
            return offset + tok.idx
    return 0


def _resolve_subject(ctx: Context, tok: Token, *, cue: str) -> Speech | None:
    """Turn the subject token at a cue into a speaker of the article."""
    pos = _abs(ctx, tok)
    low = tok.lower_.lstrip("-")
    if low in fr.NON_THIRD_PERSON:
        return None
    if tok.pos_ == "PRON" or low in fr.SUBJECT_PRONOUNS:
        if low in ("il", "elle", "lui", "celui-ci", "celle-ci"):
            return _resolve_pronoun(ctx, tok, pos, cue="pronoun" if cue != "incise-pronoun" else cue)
        if low == "qui" and tok.head.head != tok.head:
            antecedent = tok.head.head
            if antecedent.pos_ in ("PROPN", "NOUN"):
                return _resolve_subject(ctx, antecedent, cue=cue)
        return None
    name = _name_in_phrase(ctx, tok)
    if name is not None:
        person, written = name
        return Speech(person, written, "person", cue, CONFIDENCE[cue])
    if tok.ent_type_ in ("ORG", "LOC") or tok.lemma_.lower() in fr.ORGANIZATION_NOUNS:
        org = _organization(tok)
        return Speech(org, org, "organization", cue, CONFIDENCE[cue] * 0.9)
    if tok.pos_ == "NOUN" and tok.lower_ in fr.ROLE_NOUNS:
        return _resolve_role(ctx, tok, pos, cue)
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        written = _phrase_text(tok, names_only=True)
        person = ctx.cast.add_name(written)
        if person is not None:
            return Speech(person.name, written, "person", cue, CONFIDENCE[cue] * 0.9)
    return None


def _name_in_phrase(ctx: Context, tok: Token) -> tuple[str, str] | None:
    """A person's name in the subject phrase: the subject itself, or a name in apposition to
    it (« le dirigeant Kim Jong-un », « Le ministre …, Sergueï Lavrov, »), never one behind a
    preposition (« le porte-parole du président Poutine »)."""
    candidates = [tok] + [
        c
        for c in tok.children
        if c.dep_ in ("appos", "flat:name", "nmod", "nsubj")
        and not any(g.dep_ == "case" for g in c.children)
    ]
    for cand in candidates:
        pos = _abs(ctx, cand)
        for m in ctx.cast.mentions:
            if m.start <= pos < m.end:
                person = ctx.cast.person(m.key)
                if person is not None:
                    return person.name, m.text
    return None


def _phrase_text(tok: Token, *, names_only: bool = False) -> str:
    parts = [tok] + [
        c for c in tok.subtree if c != tok and c.dep_ in ("flat:name",) or c.head == tok and (
            c.dep_ == "flat:name"
        )
    ]
    if names_only:
        words = sorted({t.i: t for t in parts}.values(), key=lambda t: t.i)
        return " ".join(t.text for t in words)
    return tok.text


def _organization(tok: Token) -> str:
    """An organisation as written, without its determiner: « médias nord-coréens »."""
    doc = tok.doc
    if tok.ent_type_ in ("ORG", "LOC"):
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    words = [tok]
    for t in doc[tok.i + 1 : min(tok.i + 6, len(doc))]:
        if t.head == tok and t.dep_ in ("amod", "flat:name") or (
            t.pos_ in ("ADJ", "PROPN") and t.head.i in {w.i for w in words}
        ):
            words.append(t)
        elif t.pos_ in ("ADP", "DET") and t.head.head == tok:
            continue
        elif t.pos_ in ("NOUN", "PROPN") and t.head == tok:
            start = words[-1].i + 1
            words.extend(doc[start : t.i + 1])
        else:
            break
    return doc[words[0].i : max(w.i for w in words) + 1].text


def _resolve_pronoun(ctx: Context, tok: Token, pos: int, *, cue: str) -> Speech | None:
    """Il/elle: the most salient person before it whose gender agrees.

    Salience in news prose: the speaker of the quote just before, the subject of a recent
    sentence, and a person the previous sentence has just introduced weigh most; each sentence
    of distance weighs against.
    """
    word = tok.lower_.lstrip("-").removeprefix("t-")
    gender = fr.SUBJECT_PRONOUNS.get(word, (None, "sing"))[0]
    if word in ("ils", "elles", "eux"):
        return None
    here = ctx.sentence_index(pos)
    first_seen: dict[str, int] = {}
    for m in ctx.cast.mentions:
        first_seen.setdefault(m.key, m.start)
    scores: dict[str, tuple[float, str]] = {}

    def consider(name: str, written: str, score: float, known: str | None) -> None:
        if gender and known and known != gender:
            return
        if gender and known is None:
            score -= 0.6 if gender == "f" else 0.2
        if name not in scores or score > scores[name][0]:
            scores[name] = (score, written)

    for m in reversed(ctx.cast.mentions):
        if m.start >= pos or m.in_quote:
            continue
        distance = here - m.sentence
        if distance > 8:
            break
        person = ctx.cast.person(m.key)
        if person is None or person.kind != "person":
            continue
        score = -0.7 * distance + (1.0 if m.subject else 0.0)
        if first_seen.get(m.key) == m.start and distance <= 1:
            score += 0.8
        consider(person.name, m.text, score, person.gender)
    if ctx.last_speaker is not None:
        name, at, known = ctx.last_speaker
        distance = here - ctx.sentence_index(at)
        if distance <= 6 and pos - at < 1500:
            consider(name, name, 1.2 - 0.3 * distance, known)
    if not scores:
        return None
    name, (_, _written) = max(scores.items(), key=lambda kv: kv[1][0])
    return Speech(name, tok.text.lstrip("-"), "person", cue, CONFIDENCE[cue])


def _resolve_role(ctx: Context, tok: Token, pos: int, cue: str) -> Speech | None:
    """A role mention (« le chef de la diplomatie russe ») resolved to the person the article
    introduced with that role; the role itself when the article named nobody for it."""
    phrase = [t for t in tok.subtree if t.i >= tok.i and t.dep_ not in ("acl:relcl", "punct")]
    phrase = [t for t in phrase if t.i - tok.i < 8]
    det = [c for c in tok.children if c.dep_ == "det"]
    key = role_key([tok, *phrase[1:]])
    gender = gender_of_phrase(det + phrase)
    written = tok.doc[(det[0].i if det else tok.i) : phrase[-1].i + 1].text
    if key is not None:
        best: tuple[float, str] | None = None
        for person in ctx.cast.people.values():
            if not any(roles_match(key, known) for known in person.role_keys):
                continue
            if gender and person.gender and person.gender != gender:
                continue
            last = max((m.start for m in ctx.cast.mentions if m.key == person.key), default=0)
            score = float(last if last < pos else last - len(ctx.text))
            if best is None or score > best[0]:
                best = (score, person.name)
        if best is not None:
            return Speech(best[1], written, "person", "role-mention", CONFIDENCE["role-mention"])
    role = " ".join(t.text for t in phrase).replace(" - ", "-")
    name, _ = strip_title(role)
    return Speech(name, written, "person", "role-mention", CONFIDENCE["role-mention"] * 0.5)


def fold_name(text: str) -> str:
    return fold(text)
