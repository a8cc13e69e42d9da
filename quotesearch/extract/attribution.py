"""Reading the cues of each quote with the French parse, and attributing the quotes.

Every cue rule is read at every quote: an incise right after the quote (« … », a-t-il ajouté /
a déclaré M. Lavrov / selon lui), a colon after a reporting clause (Il a ajouté : « … »), a
reporting verb or speech noun whose clause holds the quote (Lavrov a déclaré que la Russie
« … »), an incise further on in the sentence, a sentence-wide source (Selon X, « … »), the
subject of the clause around a partial quote, continuation of a neighbouring quote's speaker;
and the label rules that say quoted words name something. Each rule's subject is resolved to
someone of the article (names to their fullest form, pronouns by gender and salience, role
mentions to the person the article gave that role; see `quotesearch.extract.reference`). What
the rules propose becomes features of the quote's candidates, and the learned ranker
(`quotesearch.extract.ranker`) decides.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quotesearch.extract.candidates import Reading
from quotesearch.extract.mentions import Mention, Person, fold, is_role_noun
from quotesearch.extract.quotes import QuoteSpan, quote_kind
from quotesearch.extract.ranker import decide
from quotesearch.extract.reference import (
    CONFIDENCE,
    Context,
    Speech,
    latest_person,
    note_mention,
    person_named,
    resolve_phrase,
    resolve_pronoun,
    resolve_subject,
    track_narration,
)
from quotesearch.lang import fr
from quotesearch.lang.gazetteer_fr import MEDIA
from quotesearch.records import Quote
from quotesearch.speakers.names import is_given_name, parse_name

# How far up the dependency tree a quote may sit below its reporting verb.
MAX_CLIMB = 8
_STOPS = frozenset(',.;:!?«»"“”„‹›()[]—–')
_QUOTE_MARKS = frozenset('«»"“”„‹›')
_SPACES = " \u00a0\u202f"
_SENTENCE_ENDS = frozenset(".!?…")
# The fixed words of multiword reporting verbs: « a fait savoir X », « a mis en garde X ».
_VERB_COMPLEMENTS = frozenset(w for forms in fr.MULTIWORD_VERBS.values() for f in forms for w in f)
_OF = frozenset("de du des d' d’".split())
_POSSESSIVES = frozenset("son sa ses leur leurs".split())
# What follows a title of a work: its author (« de Feydeau », « d'après X ») or its year.
_CREDIT = re.compile(r"^(?:(?:de|d['’]après)\s+(?:[A-Z]|\w+\s+[A-Z])|,\s*(?:en\s+)?\d{4}\b)")
# Cues read after the quote (« … », a-t-il dit): the speaker is named there.
_AFTER_CUES = frozenset(["verb-after", "incise-pronoun", "selon"])
_AUXILIARIES = frozenset("a avait ont avaient aura aurait est était sont étaient".split())


def is_reporting(tok: Token) -> bool:
    """A verb that reports speech, including multiword ones (« mettre en garde »)."""
    lemmas = _lemmas(tok)
    if any(lemma in fr.REPORTING_VERBS for lemma in lemmas):
        if any(lemma in fr.PRONOMINAL_REPORTING for lemma in lemmas):
            return _pronominal(tok)
        return True
    if lemmas & fr.CLAUSE_REPORTING_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
        return True  # « X trouve que c'est « … » »
    if lemmas & fr.DOCUMENT_VERBS and any(
        c.dep_.startswith("nsubj") and c.lemma_.lower() in fr.DOCUMENT_NOUNS for c in tok.children
    ):
        return True  # « la charte garantit « … » », « l'arrêté prévoit « … » »
    following = [t.lemma_.lower() for t in tok.doc[tok.i + 1 : tok.i + 5]]
    return any(
        all(w in following for w in words) for words in fr.MULTIWORD_VERBS.get(tok.lemma_, ())
    )


def _pronominal(tok: Token) -> bool:
    """« s'inquiète », « s'est indigné », « s'amuse-t-il »: a reflexive clitic with the verb."""
    if any(c.lower_ in fr.REFLEXIVE_CLITICS for c in tok.children):
        return True
    before = [t.lower_ for t in tok.doc[max(tok.i - 3, 0) : tok.i]]
    return any(w in fr.REFLEXIVE_CLITICS for w in before)


def _lemmas(tok: Token) -> set[str]:
    """The parser's lemma and the infinitives a French verb form may come from; the tagger
    often reads an incise verb (« tranche », « confesse ») as a noun."""
    word = tok.lower_
    found = {tok.lemma_.lower(), word}
    for ending, infinitive in (
        ("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er"), ("aient", "er"), ("ait", "er"),
        ("ent", "er"), ("e", "er"), ("a", "er"), ("it", "ire"), ("it", "ir"), ("is", "ir"),
        ("ond", "ondre"), ("uit", "uivre"), ("int", "enir"), ("ut", "ure"),
    ):  # fmt: skip
        if word.endswith(ending) and len(word) > len(ending) + 1:
            found.add(word[: -len(ending)] + infinitive)
    return found


def attribute(ctx: Context, spans: list[QuoteSpan], doc_id: str) -> list[Quote]:
    """Attribute every quote span of an article; return one Quote record each."""
    readings = read_cues(ctx, spans)
    return [
        quote_record(ctx, span, speech, doc_id, confidence)
        for span, (speech, confidence) in zip(spans, decide(ctx, readings), strict=True)
    ]


def read_cues(ctx: Context, spans: list[QuoteSpan]) -> list[Reading]:
    """Read every cue rule at every quote of an article (see `quotesearch.extract.candidates`).

    The narration state the rules share (the latest speaker, the mentions that pronouns find)
    follows the first-rule-wins answer, which is also kept as one more proposal."""
    readings = [Reading(span) for span in spans]
    terms = _recurring_terms(ctx, spans)
    named = [_is_label(ctx, span) for span in spans]
    # Words the article writes once as a name (« son film « … » ») name it everywhere.
    terms |= {_term_key(span.text) for span, label in zip(spans, named, strict=True) if label}
    labels: set[int] = set()
    previous: tuple[QuoteSpan, Speech] | None = None
    for n, span in enumerate(spans):
        reading = readings[n]
        track_narration(ctx, span.start)
        ctx.current = span
        incise = _incise(ctx, span)
        if named[n]:
            reading.labels.add("label")
        # A term or title quoted again is still said when an incise says so (« « … »,
        # lui glissait-il »).
        if _term_key(span.text) in terms and incise is None:
            reading.labels.add("term")
        if n - 1 in labels and _listed_after(ctx, spans[n - 1], span):
            reading.labels.add("listed")
        for rule, read in _CUE_RULES:
            if rule == "incise":
                speech = incise
            elif rule == "continuation":
                speech = _continuation(ctx, span, previous)
            else:
                speech = read(ctx, span)
            if speech is not None and speech.name:
                reading.proposals[rule] = speech
                if reading.cascade is None and not reading.labels and rule not in _EVIDENCE_ONLY:
                    reading.cascade = speech
        if reading.labels:
            labels.add(n)
            terms.add(_term_key(span.text))
            continue
        speech = reading.cascade
        if speech is not None:
            previous = (span, speech)
            if speech.kind == "person":
                person = person_named(ctx, speech.name)
                ctx.last_speaker = (speech.name, span.end, person.gender if person else None)
                if person is not None:
                    # The speaker of a quote is talked about there: a mention for pronouns.
                    at = span.end if speech.cue in _AFTER_CUES else max(span.start - 1, 0)
                    note_mention(ctx, person, at, speech.mention)
    ctx.current = None
    speeches = [r.cascade for r in readings]
    for rule, fill in (("backwards", _continue_backwards), ("echo", _echo)):
        filled = list(speeches)
        fill(ctx, spans, filled, labels)
        for n, (before, after) in enumerate(zip(speeches, filled, strict=True)):
            if after is not None and after is not before:
                readings[n].proposals[rule] = after
                readings[n].cascade = after
        speeches = filled
    return readings


# The cue rules, in the order the first-rule-wins reading tries them (`candidates.RULES`
# adds the two read after the whole article: backwards continuation and echo).
_CUE_RULES = (
    ("inner-incise", lambda ctx, span: _inner_incise(ctx, span)),
    ("headline", lambda ctx, span: _headline_source(ctx, span)),
    ("incise", None),
    ("colon", lambda ctx, span: _colon(ctx, span)),
    ("colon-after", lambda ctx, span: _colon_after(ctx, span)),
    ("clause", lambda ctx, span: _enclosing_clause(ctx, span)),
    ("delayed-incise", lambda ctx, span: _delayed_incise(ctx, span)),
    ("selon", lambda ctx, span: _selon(ctx, span)),
    ("partial-clause", lambda ctx, span: _clause_of_partial(ctx, span)),
    ("continuation", None),
    ("topic", lambda ctx, span: _topic_before(ctx, span)),
    ("named-after", lambda ctx, span: _named_after(ctx, span)),
    ("subject", lambda ctx, span: _governing_subject(ctx, span)),
)
# Rules read as evidence for the learned decision only: the first-rule-wins answer (and the
# narration state it drives) never takes theirs.
_EVIDENCE_ONLY = frozenset(["subject"])


def quote_record(
    ctx: Context,
    span: QuoteSpan,
    speech: Speech | None,
    doc_id: str,
    confidence: float | None = None,
) -> Quote:
    """A quote's record; `confidence` is the chosen answer's probability (nobody's too)."""
    if speech is None or not speech.name:
        speech = Speech(None, "", "", "none", 0.0)
    if confidence is None:
        confidence = speech.confidence
    # A quote whose closing mark is missing may have taken too much or too little text.
    confidence *= 1.0 if span.closed else 0.8
    return Quote(
        doc_id=doc_id,
        text=span.text,
        start=span.start,
        end=span.end,
        kind=quote_kind(ctx.text, span),
        speaker=speech.name,
        mention=speech.mention or None,
        cue=speech.cue,
        confidence=round(confidence, 2),
        speaker_kind=speech.kind or None,
        context=paragraph_around(ctx.text, span.start, span.end),
    )


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph around a quote, as a search snippet (cut to a sensible length)."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    para = text[begin : len(text) if stop < 0 else stop].strip()
    return para if len(para) <= 1200 else para[:1200].rsplit(" ", 1)[0] + " …"


def _after_tokens(ctx: Context, span: QuoteSpan) -> list[Token]:
    """The tokens after the closing mark, to the end of the sentence (or the next one when the
    parser cut the sentence right after the mark)."""
    close = span.end
    while close < len(ctx.text) and ctx.text[close] in _SPACES:
        close += 1
    if close < len(ctx.text) and ctx.text[close] in _QUOTE_MARKS:
        close += 1
    if close >= len(ctx.text):
        return []
    n = ctx.sentence_index(close)
    offset, sent = ctx.sentences[n]
    tokens = [t for t in sent if offset + t.idx >= close]
    if len(tokens) <= 1 and n + 1 < len(ctx.sentences):
        nxt_offset, nxt = ctx.sentences[n + 1]
        if nxt_offset == offset:  # same paragraph
            tokens += list(nxt)
    elif tokens and tokens[-1].text not in _SENTENCE_ENDS and n + 1 < len(ctx.sentences):
        # The parser cut a long sentence before its end (« …, en l'occurrence …, a affirmé
        # X. »): it goes on to the full stop.
        nxt_offset, nxt = ctx.sentences[n + 1]
        if nxt_offset == offset and nxt.text[:1] in ",;":
            tokens += list(nxt)
    return tokens


def _incise(ctx: Context, span: QuoteSpan) -> Speech | None:
    """« … », a-t-il ajouté / « … », a déclaré M. Lavrov / « … », selon lui."""
    after = _after_tokens(ctx, span)
    if not after:
        return None
    i = 1 if after[0].text in (",", "…", "!", "?") else 0
    if i == 0 and not (after[0].pos_ in ("AUX", "VERB") or after[0].lower_ in ("selon", "d'")):
        return None
    return _incise_at(ctx, after, i)


def inner_incises(
    sentences: list[tuple[int, Span]], spans: list[QuoteSpan]
) -> dict[int, tuple[int, int]]:
    """Incises written inside the quote marks, by the start of their quote: « Nous n'avons
    plus le choix, soupire-t-elle. Les loyers ont doublé », « Intenable, tranche Paul
    Mercier, personne ne peut travailler ainsi ». French typography often keeps the marks
    open across the incise; its words are the author's, not the speaker's."""
    from bisect import bisect_left

    # Every token once, by its place in the article; each quote then takes its own slice, so
    # the work grows with the text, not with quotes × sentences.
    everything = sorted(
        ((offset + t.idx, t) for offset, sent in sentences for t in sent), key=lambda p: p[0]
    )
    places = [at for at, _ in everything]
    found: dict[int, tuple[int, int]] = {}
    for span in spans:
        tokens = everything[bisect_left(places, span.start) : bisect_left(places, span.end)]
        for k in range(1, len(tokens) - 3):
            comma, (at, verb) = tokens[k][1], tokens[k + 1]
            if comma.text != "," or not verb.text[:1].islower() or not verb.is_alpha:
                continue
            end = _incise_end([t for _, t in tokens[k + 2 : k + 9]], verb)
            if end is None or k + 2 + end >= len(tokens):
                continue
            last_at, last = tokens[k + 1 + end]
            found[span.start] = (at, last_at + len(last.text))
            break
    return found


def _incise_end(rest: list[Token], verb: Token) -> int | None:
    """How many words after the verb an inner incise runs, if it is one: an inverted pronoun
    (« soupire-t-elle », « a-t-il ajouté »), or a reporting verb and a short subject ending at
    a comma or a stop (« tranche Paul Mercier », « a déclaré le maire »)."""
    auxiliary = verb.lower_ in _AUXILIARIES
    k = 1 if rest and rest[0].lower_ in ("-t", "-t-") else 0
    if k < len(rest) and rest[k].lower_ in fr.INVERTED_PRONOUNS:
        k += 1
        if auxiliary:
            if k >= len(rest) or not rest[k].is_alpha or not is_reporting(rest[k]):
                return None
            k += 1
        return k if k < len(rest) and rest[k].text in ",.;!?" else None
    head = verb
    if auxiliary:
        if not rest:
            return None
        head, k = rest[0], 1
    if not is_reporting(head):
        return None
    for n, tok in enumerate(rest[k : k + 6]):
        if tok.text in ",.;!?":
            subject = rest[k : k + n]
            named = any(t.pos_ in ("PROPN", "NOUN") for t in subject)
            verbal = any(t.pos_ in ("VERB", "AUX") for t in subject)
            return k + n if n and named and not verbal else None
    return None


def _inner_incise(ctx: Context, span: QuoteSpan) -> Speech | None:
    """The speaker an incise inside the quote marks names (see `inner_incises`)."""
    if span.start not in ctx.incises:
        return None
    start, end = ctx.incises[span.start]
    n = ctx.sentence_index(start)
    tokens = [
        t
        for offset, sent in ctx.sentences[max(n - 1, 0) : n + 2]
        for t in sent
        if start <= offset + t.idx < end
    ]
    return _incise_at(ctx, tokens, 0) if tokens else None


def _headline_source(ctx: Context, span: QuoteSpan) -> Speech | None:
    """A headline « « … » : X » names its speaker after the colon."""
    line_end = ctx.text.find("\n")
    if line_end < 0 or span.end > line_end:
        return None
    after = ctx.text[span.end : line_end].lstrip(_SPACES + '»”"›')
    if not after.startswith(":"):
        return None
    start = span.end + ctx.text[span.end : line_end].index(":") + 1
    n = ctx.sentence_index(start)
    phrase = []
    rest = [
        t
        for offset, sent in ctx.sentences[n : n + 2]
        for t in sent
        if start <= offset + t.idx < line_end
    ]
    if any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None  # « « … » : X en colère après … »: a topic and its news, not a source
    phrase = [t for t in rest if t.text not in _STOPS]
    speech = resolve_phrase(ctx, phrase, cue="colon") if phrase else None
    return speech if speech is not None and speech.name else None


def _delayed_incise(ctx: Context, span: QuoteSpan) -> Speech | None:
    """« … » inside the author's clause, then the incise: L'accord est une « victoire »,
    a commenté l'ambassadeur."""
    after = _after_tokens(ctx, span)
    for k, tok in enumerate(after[:60]):
        if ctx.in_quote(ctx.pos(tok)) or tok.text in _QUOTE_MARKS:
            continue  # « A » concernant X, « B », a estimé Y: both quotes are Y's
        if tok.text == "," and k > 0:
            speech = _incise_at(ctx, after, k + 1, strict=True)
            if speech is not None:
                return speech
    return None


def _incise_at(ctx: Context, toks: list[Token], i: int, *, strict: bool = False) -> Speech | None:
    """Read an incise starting at toks[i]: the verb group, then its inverted subject.

    In French the incise puts the verb before its subject, so the order itself is the cue:
    any verb after an auxiliary (« a de son côté tweeté M. Trump ») or with an inverted
    pronoun (« tacle-t-il ») counts; a bare verb must be a reporting verb (« estime Jean »).
    """
    window = []
    for tok in toks[i : i + 8]:
        if tok.text in _STOPS and not _in_name(tok):
            break
        window.append(tok)
    if not window:
        return None
    if window[0].lower_ in ("selon",) or (window[0].lower_ in ("d'", "d’") and len(window) > 1):
        prep = window[0] if window[0].lower_ == "selon" else window[1]
        return _source(ctx, prep)
    for k, tok in enumerate(window[:6]):
        inverted = fr.INVERTED_PRONOUNS.get(tok.lower_)
        if inverted is None and tok.lower_ not in fr.INVERTED_PRONOUNS:
            continue
        if tok.lower_ in ("-on", "-t-on"):
            # « a-t-on appris de source judiciaire », « explique-t-on dans son entourage »:
            # an impersonal incise names its source after the verb, if anywhere.
            return _impersonal_source(ctx, toks, toks.index(tok) + 1)
        if k == 0 or (strict and not any(is_reporting(t) for t in window[: k + 3])):
            return None
        return resolve_pronoun(ctx, tok, ctx.pos(toks[0]), gender=inverted, cue="incise-pronoun")
    k = 0
    if window[0].lower_ in ("s'", "s’", "se"):
        k = 1
    has_aux = k < len(window) and (
        window[k].lower_ in _AUXILIARIES
        or (window[k].lemma_ in ("avoir", "être") and window[k].pos_ == "AUX")
    )
    if has_aux:
        verb_at = next(
            (j for j in range(k + 1, min(k + 5, len(window))) if _participle(window[j])), None
        )
    else:
        # Without an auxiliary, a reporting verb (« estime Jean »); right after the quote, any
        # verb, since only an incise puts a verb before its subject there (« sourit-elle »).
        finite = k < len(window) and (
            _finite_reporting(window[k])
            or (
                not strict
                and window[k].text.isalpha()
                and window[k].text[:1].islower()
                and window[k].pos_ in ("VERB", "NOUN")
            )
        )
        verb_at = k if finite else _modal_infinitive(window, k)
    if verb_at is None:
        return None
    verb = window[verb_at]
    if strict and not is_reporting(verb):
        return None
    subject = _postposed_subject(toks, toks.index(verb) + 1)
    if subject is None:
        return None
    return resolve_phrase(ctx, subject, cue="verb-after")


def _impersonal_source(ctx: Context, toks: list[Token], j: int) -> Speech | None:
    """The source an « on » incise gives after its verb: « de source policière », « de même
    source », « auprès de X », « dans l'entourage de X », « au ministère »."""
    while j < len(toks) and (
        toks[j].pos_ in ("VERB", "ADV") or toks[j].lower_ in fr.TIME_WORDS or _date_word(toks[j])
    ):
        j += 1  # « a-t-on appris vendredi de source judiciaire »
    words = []
    for t in toks[j : j + 10]:
        if t.text in _STOPS or t.pos_ in ("VERB", "AUX"):
            break
        words.append(t)
    if len(words) < 2:
        return None
    low = [t.lower_ for t in words]
    confidence = CONFIDENCE["role-mention"] * 0.8
    if low[0] in ("de", "d'", "d’") and "source" in low[1:3]:
        if low[1] == "même":
            # « de même source »: the source the article gave just before.
            earlier = re.findall(r"\bsources? ([^\W\d_]{4,})", ctx.text[: ctx.pos(words[0])])
            described = ctx.descriptions.get(
                "source", f"source {earlier[-1]}" if earlier else "source"
            )
            return Speech(described, "même source", "unnamed", "role-mention", confidence)
        rest = words[low.index("source") :]
        name = " ".join(t.text for t in rest).replace(" - ", "-").replace("' ", "'")
        ctx.descriptions["source"] = name
        return Speech(name, " ".join(t.text for t in words), "unnamed", "role-mention", confidence)
    if low[0] in fr.IMPERSONAL_SOURCE_PREPOSITIONS:
        phrase = words[1:]
        if phrase and phrase[0].lower_ in ("de", "d'", "d’"):
            phrase = phrase[1:]
        speech = resolve_phrase(ctx, phrase, cue="role-mention") if phrase else None
        if speech is not None and speech.name:
            return speech
    return None


def _in_name(tok: Token) -> bool:
    """« le président de Hop!, X »: an exclamation mark glued to a name and followed by a
    comma belongs to the name, not to the end of a sentence."""
    return (
        tok.text in "!?"
        and tok.i > 0
        and tok.i + 1 < len(tok.doc)
        and tok.nbor(1).text == ","
        and tok.nbor(-1).text[:1].isupper()
        and tok.nbor(-1).idx + len(tok.nbor(-1).text) == tok.idx
    )


def _modal_infinitive(window: list[Token], k: int) -> int | None:
    """« veut croire X », « tient à préciser X », « préfère retenir X »: a verb of will
    before a reporting infinitive; where the infinitive is."""
    if k >= len(window) or window[k].lemma_ not in fr.WILL_VERBS or not window[k].is_lower:
        return None
    j = k + 1
    if j < len(window) and window[j].lower_ in ("à", "de", "d'", "d’"):
        j += 1
    if j < len(window) and "Inf" in window[j].morph.get("VerbForm") and is_reporting(window[j]):
        return j
    return None


def _date_word(tok: Token) -> bool:
    """A word of a date between an incise verb and its subject (« a déclaré samedi 3 juin X »)."""
    return tok.lower_ in fr.MONTHS or (
        tok.like_num and tok.i + 1 < len(tok.doc) and (tok.nbor(1).lower_ in fr.MONTHS)
    )


def _participle(tok: Token) -> bool:
    if tok.i > 0 and tok.doc[tok.i - 1].pos_ == "DET":
        return False
    if tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm"):
        return True
    return bool(re.search(r"(é|ée|és|ées|i|ie|is|it|u|ue|us|te|t)$", tok.lower_)) and (
        tok.pos_ in ("VERB", "ADJ", "PROPN", "NOUN", "X") and tok.text[:1].islower()
    )


def _finite_reporting(tok: Token) -> bool:
    return tok.text[:1].islower() and tok.pos_ in ("VERB", "NOUN", "ADJ") and is_reporting(tok)


def _gerund(toks: list[Token], j: int) -> bool:
    """« en souriant », « en riant »: a gerund between an incise verb and its subject."""
    return (
        j + 1 < len(toks)
        and toks[j].lower_ == "en"
        and toks[j + 1].lower_.endswith("ant")
        and toks[j + 1].pos_ in ("VERB", "AUX", "ADJ", "NOUN")
    )


def _past_oblique(toks: list[Token], j: int) -> int:
    """Where the subject may start after an oblique's preposition: past « l'AFP », « France
    Inter », « un point presse » (capitalised words whatever the tagger made of them)."""
    while j < len(toks) and (toks[j].pos_ in ("DET", "ADJ") or toks[j].lower_ in _OF):
        j += 1
    start = j
    while (
        j < len(toks)
        and toks[j].text not in _STOPS
        and (toks[j].pos_ in ("NOUN", "PROPN") or (j > start and toks[j].text[:1].isupper()))
    ):
        if j > start and (
            (toks[j].ent_iob_ == "B" and toks[j].ent_type_ == "PER")
            or toks[j].lower_ in fr.TITLES
            or is_given_name(toks[j].text)
        ):
            break  # « à l'AFP Hazem Qassem », « à l'AFP Me X »: the subject starts
        j += 1
    return j


def _postposed_subject(toks: list[Token], j: int) -> list[Token] | None:
    """The subject after an incise verb, past an oblique (« a déclaré à l'AFP le responsable
    de la communication, Jean Martin »): the phrase up to the end of the incise."""
    while j < len(toks) and toks[j].lower_ in _VERB_COMPLEMENTS and not _gerund(toks, j):
        j += 1  # « a fait savoir la CGT », « a mis en garde le ministre »
    # « veut croire X », « tient à souligner X »: the infinitive after a modal verb.
    if j + 1 < len(toks) and toks[j].lower_ in ("à", "de", "d'", "d’"):
        j += 1 if "Inf" in toks[j + 1].morph.get("VerbForm") else 0
    if j < len(toks) and toks[j].pos_ == "VERB" and "Inf" in toks[j].morph.get("VerbForm"):
        j += 1
    # Obliques, times and adverbials, in any order: « a déclaré jeudi sur France Inter X ».
    while j < len(toks):
        if toks[j].lower_ in fr.INCISE_OBLIQUES:
            j = _past_oblique(toks, j + 1)
        elif toks[j].pos_ == "ADV" or toks[j].lower_ in fr.TIME_WORDS or _date_word(toks[j]):
            j += 1
        elif (
            j + 2 < len(toks)
            and toks[j].pos_ == "ADP"
            and toks[j + 1].lower_ in _POSSESSIVES
            and toks[j + 2].pos_ == "NOUN"
        ):
            j += 3  # « insiste de son côté X », « a ajouté pour sa part X »
        elif _gerund(toks, j):
            j += 2  # « raconte en souriant X », « a dit en riant X »
        else:
            break
    if j >= len(toks):
        return None
    first = toks[j]
    if first.text in _STOPS or first.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ"):
        return None
    # « lance un des manifestants », « confie l'une d'elles »: one of a group may speak.
    one_of = first.lower_ in ("un", "une") and j + 1 < len(toks) and toks[j + 1].lower_ in _OF
    if (
        first.pos_ == "PRON"
        and first.lower_ not in ("lui", "elle", "celui-ci", "celle-ci")
        and not one_of
    ):
        return None
    phrase: list[Token] = []
    commas = 0
    for tok in toks[j : j + 16]:
        if tok.text == ",":
            commas += 1
            if commas == 2 or (
                phrase
                and phrase[-1].pos_ == "PROPN"
                and commas == 1
                and not any(is_role_noun(t) for t in phrase)
            ):
                break
        elif (
            (tok.text in _STOPS and not _in_name(tok))
            or tok.pos_ in ("VERB", "AUX")
            or tok.lower_ in ("qui", "dont")
        ):
            break
        phrase.append(tok)
    while phrase and phrase[-1].text == ",":
        phrase.pop()
    return phrase or None


def _colon_after(ctx: Context, span: QuoteSpan) -> Speech | None:
    """« … » : le ministre a admis lundi …: a quote put first, then a colon and the clause of
    whoever said it."""
    at = span.end
    while at < len(ctx.text) and (ctx.text[at] in _SPACES or ctx.text[at] in _QUOTE_MARKS):
        at += 1
    if at >= len(ctx.text) or ctx.text[at] != ":":
        return None
    colon = ctx.token_at(at)
    if colon is None:
        return None
    clause = [t for t in colon.sent if t.i > colon.i]
    for tok in clause[:12]:
        if tok.text in _QUOTE_MARKS or ctx.in_quote(ctx.pos(tok)):
            return None
        if tok.pos_ == "VERB" and is_reporting(tok):
            subject = clause_subject(tok)
            if subject is None or not colon.i < subject.i < tok.i:
                return None
            speech = resolve_subject(ctx, subject, cue="colon")
            return speech if speech is not None and speech.name else None
    return None


def _colon(ctx: Context, span: QuoteSpan) -> Speech | None:
    """Il a ajouté : « … » — a reporting clause, or a bare name, ending with a colon."""
    before = ctx.text[: span.start].rstrip(_SPACES + '«“"„‹').rstrip(_SPACES + "\n")
    if not before.endswith(":"):
        return None
    colon = ctx.token_at(len(before) - 1)
    if colon is None:
        return None
    clause = [t for t in colon.sent if t.i < colon.i and not ctx.in_quote(ctx.pos(t))]
    source = next((t for t in reversed(clause) if t.lower_ in fr.SOURCE_WORDS), None)
    if source is not None:
        # « …, selon le naturopathe X : « … » »: the source the clause gives speaks.
        speech = _source(ctx, source)
        if speech is not None and speech.name:
            return speech
    # Verbs, and adjectives or nouns with a copula (« X est plus nuancée : « … » »); not a
    # participle that only opens the sentence (« Concernant le lait, … »).
    verbs = [
        t
        for t in clause
        if (t.pos_ == "VERB" and not (t.lower_.endswith("ant") and t.i == clause[0].i))
        or (t.pos_ in ("ADJ", "NOUN") and any(c.dep_ == "cop" for c in t.children))
    ]
    # Without a verb of its own, the clause's predicate: « X est plus prudent : « … » ».
    predicates = verbs or [t for t in clause if t.dep_ == "ROOT" and t.pos_ in ("ADJ", "NOUN")]
    for verb in reversed(predicates):
        if is_reporting(verb) or verb == predicates[-1]:
            subject = clause_subject(verb)
            if subject is not None and subject.i > colon.i:
                subject = None  # the parse borrowed a subject from the quote itself
            speech = resolve_subject(ctx, subject, cue="colon") if subject is not None else None
            if speech is None or not speech.name or speech.kind == "organization":
                # « Une analyse partagée par X, … : « … » »: the agent of a participle.
                agent = next(
                    (a for t in clause if t.pos_ == "VERB" for a in [_passive_agent(t)] if a),
                    None,
                )
                agent_speech = resolve_subject(ctx, agent, cue="colon") if agent else None
                if agent_speech is not None and agent_speech.name:
                    speech = agent_speech
                else:
                    # « … sur le compte officiel de X : « … » »: whose channel it is.
                    owner = next(
                        (
                            o
                            for t in clause
                            if t.pos_ == "NOUN" and t.lemma_.lower() in fr.SPEECH_CHANNELS
                            for o in [_speech_noun_owner(t)]
                            if o is not None
                        ),
                        None,
                    )
                    owner_speech = resolve_subject(ctx, owner, cue="colon") if owner else None
                    if owner_speech is not None and owner_speech.name:
                        speech = owner_speech
            if speech is None and subject is None:
                # The parse lost the subject (« Coco Gauff a réagi … : »): a name written
                # before the verb, not behind a preposition.
                speech = _name_before(ctx, clause[0], verb)
            if speech is not None and speech.cue in ("verb-before", "pronoun"):
                return speech.as_cue("colon")
            if speech is not None or subject is not None:
                return speech
            break
    if not verbs and 0 < len(clause) <= 8:
        # A bare speaker before the colon: « Le ministre : « … » », « Jean Martin : « … » ».
        return resolve_phrase(ctx, [t for t in clause if t.pos_ != "PUNCT"], cue="colon")
    return None


def _name_before(ctx: Context, first: Token, verb: Token) -> Speech | None:
    """The last person named between `first` and `verb`, not behind a preposition."""
    start, end = ctx.pos(first), ctx.pos(verb)
    for m in reversed(ctx.cast.mentions):
        if start <= m.start < end and _free(ctx, m):
            person = ctx.cast.person(m.key)
            if person is not None:
                return Speech(person.name, m.text, person.kind, "colon", 0.7)
    return None


def _free(ctx: Context, m: Mention) -> bool:
    """A name written in the narration and not behind a preposition, or set off by a comma
    after an opening adjunct whatever the parse says (« À l'énoncé du verdict, Paul Roux, … »)."""
    if m.in_quote or m.resolved:
        return False
    return not m.oblique or ctx.text[: m.start].rstrip(_SPACES).endswith(",")


def _name_right_before(ctx: Context, verb: Token) -> Speech | None:
    """The person whose name ends right before `verb`, with nothing else between."""
    at = ctx.pos(verb)
    for m in reversed(ctx.cast.mentions):
        if m.end <= at and not m.resolved:
            if ctx.text[m.end : at].strip() or m.in_quote:
                return None
            person = ctx.cast.person(m.key)
            return Speech(person.name, m.text, person.kind, "verb-before", 0.8) if person else None
    return None


def _governors(ctx: Context, span: QuoteSpan) -> list[Token]:
    """The chain of heads above the quote, outside it, within its sentence."""
    tokens = ctx.quote_tokens(span)
    if not tokens:
        return []
    inside = {t.i for t in tokens}
    sent = tokens[0].sent
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    if not roots:
        return []
    chain: list[Token] = []
    tok = roots[0]
    for _ in range(MAX_CLIMB):
        if tok.head == tok or tok.head.sent != sent:
            break
        tok = tok.head
        if tok.i not in inside:
            chain.append(tok)
    return chain


def _governing_subject(ctx: Context, span: QuoteSpan) -> Speech | None:
    """The subject of the nearest verb above the quote, whatever the verb: « Le républicain a
    assimilé à du « … » les émeutes », « l'ancien conseiller mentionne des « … » ». Weak
    evidence on its own (the subject of « a visité » says nothing), which the learned
    decision weighs with the rest."""
    tokens = ctx.quote_tokens(span)
    inside = {t.i for t in tokens}
    for tok in _governors(ctx, span)[:3]:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subject = clause_subject(tok)
        if subject is None or subject.i in inside or ctx.in_quote(ctx.pos(subject)):
            return None
        speech = resolve_subject(ctx, subject, cue="partial")
        return speech.as_cue("partial") if speech is not None and speech.name else None
    return None


def _enclosing_clause(ctx: Context, span: QuoteSpan) -> Speech | None:
    """The quote sits in the clause of a reporting verb or speech noun: climb the tree."""
    tokens = ctx.quote_tokens(span)
    inside = {t.i for t in tokens}
    last = tokens[-1].i if tokens else 0
    governors = _governors(ctx, span)
    if governors and _names_a_title(ctx, span, governors[0]):
        return None
    for tok in governors:
        if tok.pos_ == "VERB" and is_reporting(tok) and tok.lemma_ not in fr.INCISE_ONLY_VERBS:
            subject = clause_subject(tok)
            if subject is None:
                # « …, Emmanuel Macron promettant que « … » » parsed without its subject: the
                # name written right before the verb.
                return _name_right_before(ctx, tok)
            if subject.i in inside:
                return None
            if inside and tok.i < min(inside) and _source_between(ctx, tok.i, min(inside), tok.doc):
                return None  # « X et Y ont appelé à …, selon ce dernier « … » »: the source
            cue = "verb-after" if subject.i > last else "verb-before"
            if cue == "verb-before" and any(t.text == ":" for t in tok.doc[tok.i : min(inside)]):
                cue = "colon"
            return resolve_subject(ctx, subject, cue=cue)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in fr.SPEECH_NOUNS:
            owner = _speech_noun_owner(tok)
            if owner is not None and owner.i not in inside:
                return resolve_subject(ctx, owner, cue="verb-before")
        if tok.pos_ == "VERB" and tok.dep_ == "acl" and is_reporting(tok):
            agent = _passive_agent(tok)
            if agent is not None:
                return resolve_subject(ctx, agent, cue="verb-after")
    return None


def _term_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _recurring_terms(ctx: Context, spans: list[QuoteSpan]) -> set[str]:
    """Short lowercase phrases the article quotes again and again as a name for something,
    with a determiner of the author's before them (« les « gilets jaunes » », « un « code de
    conduite » »): a term, not anyone's words."""
    seen: dict[str, int] = {}
    named: set[str] = set()
    title_end = ctx.text.find("\n")
    for span in spans:
        if span.start < title_end:
            continue  # a headline repeats the words of the body
        key = _term_key(span.text)
        words = key.split()
        if not 1 <= len(words) <= 3 or not span.text[:1].islower():
            continue
        seen[key] = seen.get(key, 0) + 1
        before = ctx.text[max(span.start - 12, 0) : span.start].rstrip(_SPACES + '«“"„‹')
        last = re.findall(r"[\w’']+$", before)
        if last and last[0].lower().rstrip("’'") in fr.TERM_DETERMINERS:
            tokens = ctx.quote_tokens(span)
            previous = tokens[0].doc[tokens[0].i - 3 : tokens[0].i] if tokens else []
            verbs = [t for t in previous if t.pos_ == "VERB"]
            if not verbs or last[0].lower().rstrip("’'") not in ("d", "de"):
                named.add(key)  # not « qualifié d'« inadmissibles » », a verb's complement
    return {key for key in named if seen[key] >= 2}


def _is_label(ctx: Context, span: QuoteSpan) -> bool:
    """Quoted words that name something rather than report speech: « la chanson « Merci » »,
    « la revue musicale « … » », « le mot « ensauvagement » », « l'immeuble « Signal » »."""
    tokens = ctx.quote_tokens(span)
    if not tokens:
        return False
    doc = tokens[0].doc
    before = []
    for t in reversed(doc[max(tokens[0].i - 4, 0) : tokens[0].i]):
        if t.text in ".!?:;()":
            break  # the quote opens a sentence or a clause of its own
        if t.pos_ != "PUNCT":
            before.insert(0, t)
    if not before:
        return False
    if before[-1].pos_ == "PROPN" and fold(before[-1].text) in MEDIA and span.text[:1].isupper():
        return True  # « Libération « Comment seront redistribués les dons ? » »: a headline
    if len(span.text.split()) > 8:
        return False
    if before[-1].lemma_.lower() in fr.NAMING_PARTICIPLES:
        return True  # « surnommé « le Faucon » », « baptisée « … » »
    if _work_in_apposition(ctx, span, tokens[0]):
        return True
    if _charge(before):
        return True
    inside = {t.i for t in tokens}
    # A noun that is the subject of the quoted words is not what they name: « la mesure
    # « va menacer des emplois » ».
    nouns = [
        t
        for t in before[-2:]
        if t.pos_ == "NOUN" and not (t.dep_.startswith("nsubj") and t.head.i in inside)
    ]
    if any(t.lemma_.lower() in fr.TITLE_NOUNS or t.lower_ in fr.TITLE_NOUNS for t in nouns):
        return True
    # A short capitalised quote inside the author's sentence is a name: « le film « Rage » ».
    # Adverbs between do not count: « avec notamment « … » ».
    last = next((t for t in reversed(before) if t.pos_ != "ADV"), before[-1])
    if not (len(span.text.split()) <= 6 and span.text[:1].isupper()):
        return False
    if _credited(ctx, span):
        return True  # « … » de Feydeau, « … » d'après X, « … », 1957
    finite = any("Fin" in t.morph.get("VerbForm") for t in tokens)
    if span.text.rstrip().endswith(("!", "?", ".")) or (len(span.text.split()) > 4 and finite):
        return False
    # « le film « Rage » », or a name used as a noun: « un « Déshabillez-moi » qu'elle chantait »;
    # after a preposition or a possessive (« son rôle dans « … » », « son « … » »), or as the
    # object of a verb that does not report speech (« il quittait « … » »).
    return (
        last.pos_ in ("NOUN", "ADP")
        or (last.pos_ == "DET" and last.lower_ in fr.NAMING_DETERMINERS)
        or (last.pos_ == "VERB" and not is_reporting(last) and last.dep_ != "ROOT")
    )


def _charge(before: list[Token]) -> bool:
    """« poursuivi pour « trafic d'influence » », « mis en examen pour « meurtre » »: the
    offence someone is charged with is the law's name for it, not anyone's words."""
    if not before or before[-1].lower_ != "pour":
        return False
    verb = before[-1].head if before[-1].head != before[-1] else None
    candidates = [t for t in before[:-1] if t.pos_ in ("VERB", "NOUN")]
    if verb is not None:
        # The clause above the quote, and the complements of its words: « mis en examen
        # vendredi pour « … » ».
        for governor in list(verb.ancestors)[:3]:
            candidates += [governor, *governor.children]
    return any(t.lemma_.lower() in fr.CHARGE_WORDS for t in candidates)


def _work_in_apposition(ctx: Context, span: QuoteSpan, first: Token) -> bool:
    """« son premier long-métrage, « Trains du soir » », « une chanson pour X, « … » »: a
    capitalised quote set off by a comma after a noun of works in its clause is the work."""
    if not span.text[:1].isupper():
        return False
    doc = first.doc
    previous = [t for t in doc[max(first.i - 3, 0) : first.i] if t.text not in _QUOTE_MARKS]
    if not previous or previous[-1].text != ",":
        return False
    for t in reversed(doc[max(first.i - 12, 0) : first.i]):
        if t.text in ".!?:;":
            return False
        if t.pos_ == "NOUN" and t.lemma_.lower() in fr.TITLE_NOUNS:
            return True
    return False


def _listed_after(ctx: Context, first: QuoteSpan, span: QuoteSpan) -> bool:
    """« les slogans « A » et « B » »: a quote listed right after a label is one too."""
    between = ctx.text[first.end : span.start].strip(_SPACES + '«»"“”„‹›')
    return between in (",", "et", "ou", ", et", ", ou")


def _credited(ctx: Context, span: QuoteSpan) -> bool:
    """A work followed by its author or its year: « … » de Feydeau, « … » d'après X, « … », 1957."""
    after = ctx.text[span.end : span.end + 40].lstrip(_SPACES).lstrip('»"”’' + _SPACES)
    return bool(_CREDIT.match(after))


def _echo(
    ctx: Context, spans: list[QuoteSpan], speeches: list[Speech | None], labels: set[int]
) -> None:
    """A headline or subheading quoting words said further on (« Je suis un homme clean »)
    belongs to whoever says them in the article."""
    folded = [" ".join(re.findall(r"\w+", s.text.lower())) for s in spans]
    words = [set(f.split()) - fr.STOP_WORDS for f in folded]
    title_end = ctx.text.find("\n")
    for n, speech in enumerate(speeches):
        if (speech is not None and speech.name) or len(folded[n].split()) < 2 or n in labels:
            continue
        standalone = ctx.text[: spans[n].start].rstrip(_SPACES + '-–—«“"„‹').endswith("\n")
        # Anywhere in the headline: « « Il faudra un an » à X « pour que tout revienne » ».
        in_headline = spans[n].end <= title_end and len(folded[n].split()) >= 3
        if not (standalone or spans[n].start < 3 or in_headline):
            continue
        for m, other in enumerate(speeches):
            if m == n or other is None or not other.name:
                continue
            # The same words, or every content word of a short heading (« Une réponse
            # cavalière » for « J'ai trouvé cette réponse cavalière »).
            if folded[n] in folded[m] or (len(words[n]) >= 2 and words[n] <= words[m]):
                speeches[n] = other.as_cue("echo")
                break


def _names_a_title(ctx: Context, span: QuoteSpan, governor: Token) -> bool:
    """« le film « … » », « l'opération « … » »: the quote names the noun right before it."""
    if governor.pos_ != "NOUN" or governor.lemma_.lower() not in fr.TITLE_NOUNS:
        return False
    between = ctx.text[ctx.pos(governor) + len(governor.text) : span.start]
    return not re.search(r"\w", between.replace("baptisé", "").replace("intitulé", ""))


def _clause_of_partial(ctx: Context, span: QuoteSpan) -> Speech | None:
    """A few quoted words in the author's clause belong to that clause's subject when it is a
    person or an institution: « Il assumait une « dimension amoureuse » »."""
    tokens = ctx.quote_tokens(span)
    inside = {t.i for t in tokens}
    if tokens and tokens[0].text[:1].isupper() and len(tokens) <= 4:
        return None  # a name or title: « Les Misérables », « Grand Paris »
    for tok in tokens:
        if tok.head.i in inside and tok.i not in inside and tok.dep_.startswith("nsubj"):
            speech = resolve_subject(ctx, tok, cue="partial", roles_only=True)
            return speech.as_cue("partial") if speech is not None and speech.name else None
    outside = [c for t in tokens for c in t.children if c.i not in inside]
    for tok in outside:
        if tok.dep_.startswith("nsubj"):
            speech = resolve_subject(ctx, tok, cue="partial", roles_only=True)
            return speech.as_cue("partial") if speech is not None and speech.name else None
    governors = _governors(ctx, span)
    if governors and _names_a_title(ctx, span, governors[0]):
        return None
    for tok in governors[1:]:
        if tok.pos_ == "VERB" and is_reporting(tok):
            # « …, estimant que la direction jouait « … » »: the words are the reporter's.
            subject = clause_subject(tok)
            if subject is not None and subject.i not in inside:
                speech = resolve_subject(ctx, subject, cue="partial")
                if speech is not None and speech.name:
                    return speech.as_cue("partial")
            elif subject is None:
                speech = _name_opening_clause(ctx, tok)
                if speech is not None:
                    return speech.as_cue("partial")
            break
    for tok in governors:
        if tok.dep_ == "acl" and tok.lemma_ in fr.NAMING_VERBS:
            return None  # « son projet dit de « grande réforme » »: a so-called name
        if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN") or tok.dep_ in ("nsubj", "obj", "obl"):
            continue
        subject = clause_subject(tok)
        if subject is not None and any(t.text == ":" for t in tok.doc[subject.i : tok.i]):
            subject = None  # « Budget : Paul Roux dénonce … »: no subject across a colon
        if subject is None and tok.pos_ == "VERB" and is_reporting(tok):
            speech = _name_opening_clause(ctx, tok)
            if speech is not None:
                return speech
        if subject is None or subject.i in inside:
            continue
        speech = resolve_subject(ctx, subject, cue="partial", roles_only=True)
        if (speech is None or not speech.name) and subject.pos_ in ("PROPN", "PUNCT", "X"):
            # A name the parse split (« Dubreuil - Mercier »): read the words before the verb.
            speech = _name_opening_clause(ctx, tok) if is_reporting(tok) else None
        return speech.as_cue("partial") if speech is not None and speech.name else None
    return None


def _name_opening_clause(ctx: Context, verb: Token) -> Speech | None:
    """A reporting verb the parse gave no subject (« Un autre, Jean Roux, l'un des
    favoris, a lui appelé à … »): the first name its sentence writes before it, outside any
    quote and not behind a preposition, when the verb is finite."""
    if not any(c.dep_.startswith("aux") for c in verb.children) and "Fin" not in verb.morph.get(
        "VerbForm"
    ):
        return None
    end = ctx.pos(verb)
    # From the start of the sentence as written: the parser sometimes cuts a headline into
    # pieces (« Le maire Paul Roux dénonce un « … » »).
    start = max(ctx.text.rfind(mark, 0, end) for mark in ".!?:;\n") + 1
    for m in ctx.cast.mentions:
        if start <= m.start < end and _free(ctx, m) and not m.embedded:
            person = ctx.cast.person(m.key)
            if person is not None and person.kind in ("person", "organization"):
                return Speech(person.name, m.text, person.kind, "partial", CONFIDENCE["partial"])
            return None
    # A name the parse did not see there, written as the article writes it elsewhere (a
    # surname in a headline): the person of the article whose name ends those words.
    written = f" {fold(ctx.text[start:end])} "
    found = []
    for person in ctx.cast.people.values():
        family = fold(parse_name(person.name).family) if person.kind == "person" else ""
        if family and len(person.key.split()) > 1 and f" {family} " in written:
            found.append((written.find(f" {family} "), person))
    if found:
        person = min(found, key=lambda f: f[0])[1]
        return Speech(person.name, person.name, person.kind, "partial", CONFIDENCE["partial"] * 0.8)
    return None


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it hangs on for coordinated verbs and
    participle clauses (« est arrivé et a remercié », « …, affirmant que »)."""
    own = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if own is not None and own.i < verb.i:
        return own  # « …, le président promettant que … »: a participle with its own subject
    if verb.lower_.endswith("ant") and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # « …, soulignant que … »: a participle adjunct shares the main clause's subject.
        root = verb.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None:
            return subject
    current = verb
    for _ in range(4):
        if (
            current.dep_ == "conj"
            and current.head.dep_ in ("ccomp", "advcl")
            and is_reporting(current)
            and current.head.head != current.head
        ):
            # « X reconnaît que le chantier a pris du retard et promet … »: the parser joins
            # the second reporting verb to the subordinate clause; it shares X's subject.
            current = current.head.head
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "expl:subj"):
                return child
        if (
            current.dep_ in ("conj", "advcl", "xcomp", "parataxis", "acl")
            and current.head != current
        ):
            current = current.head
            continue
        break
    sent = current.sent
    opener = sent[0] if sent[0].pos_ != "PUNCT" or len(sent) < 2 else sent[1]
    if current == sent.root and opener.lower_ in fr.CONNECTIVES and sent.start > 0:
        # « X reconnaît que … . Et affirme « … » »: a sentence that opens on a connective
        # and a verb goes on with the subject of the sentence before.
        before = sent.doc[sent.start - 1].sent.root
        if before != current:
            return next((c for c in before.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    return None


def _speech_noun_owner(noun: Token) -> Token | None:
    """Who a speech noun belongs to: « l'appel de X », or the subject for « sa déclaration »."""
    for child in noun.children:
        if (
            child.dep_ == "nmod"
            and child.pos_ in ("PROPN", "NOUN")
            and any(c.lower_ in ("de", "du", "d'", "d’") for c in child.children)
        ):
            return child
    if any(c.lower_ in ("sa", "son", "ses", "leur", "leurs") for c in noun.children):
        governor = noun.head
        if governor.pos_ == "VERB":
            return clause_subject(governor)
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("obl:agent", "obl:mod", "obl") and any(
            c.lower_ == "par" for c in child.children
        ):
            return child
    return None


def _selon(ctx: Context, span: QuoteSpan) -> Speech | None:
    """Selon X / d'après X outside the quote in its sentence: anywhere for a direct quote,
    before or right after a partial one (« 300 selon la police » sources a figure, not words)."""
    n = ctx.sentence_index(span.start)
    offset, sent = ctx.sentences[n]
    tokens = list(sent)
    if n > 0 and ctx.sentences[n - 1][0] == offset and not sent.text[:1].isupper():
        # The parser sometimes cuts after « Selon X, »: read the sentence whole.
        tokens = list(ctx.sentences[n - 1][1]) + tokens
    partial = quote_kind(ctx.text, span) == "partial"
    for k, tok in enumerate(tokens):
        pos = ctx.pos(tok)
        if ctx.in_quote(pos):
            continue
        word = tok.lower_
        framing = word == "pour" and (
            (pos < span.start and _framing(tokens, k))
            or _heading_view(ctx, span, tokens, k)
            or _view_after(ctx, span, tokens, k)
        )
        if not (
            framing
            or word in fr.SOURCE_WORDS
            or (word == "après" and tok.i > 0 and tok.nbor(-1).lower_ in ("d'", "d’"))
            or (word == "yeux" and tok.i > 0 and tok.nbor(-1).lower_ == "aux")
            or _possessive_view(tok)
        ):
            continue
        relative = tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in fr.RELATIVE_SOURCES
        if partial and k > 2:
            # For a few quoted words, only « Selon X, … » or a source right beside them, or
            # a clause the source opens (« l'argument de X selon lequel … « … » »).
            gap = ctx.text[min(pos, span.end) : max(pos, span.start)]
            opens = relative and pos < span.start and not re.search(r"[.;:!?]", gap)
            if len(re.findall(r"\w+", gap)) > 4 and not opens:
                continue
        if framing and tok.nbor(1).lower_ == "qui":
            return _relative_source(ctx, tok)
        if _possessive_view(tok):
            # « … », à ses yeux: the person (or, for « leurs », the group) talked about.
            return resolve_pronoun(ctx, tok.nbor(-1), pos, cue="selon")
        return _source(ctx, tok)
    return None


def _possessive_view(tok: Token) -> bool:
    """« à ses yeux », « à leurs yeux »: whose view the words are, by a possessive."""
    return (
        tok.lower_ == "yeux"
        and tok.i > 1
        and tok.nbor(-1).lower_ in fr.THIRD_PERSON_POSSESSIVES
        and tok.nbor(-2).lower_ == "à"
    )


def _heading_view(ctx: Context, span: QuoteSpan, tokens: list[Token], k: int) -> bool:
    """« Un discours « … » pour le parti X »: a heading line that ends on « pour X » right after
    the quote gives whose view the words are."""
    pos = ctx.pos(tokens[k])
    if pos < span.end or ctx.text[span.end : pos].strip(_SPACES + '»”"›'):
        return False
    line_end = ctx.text.find("\n", pos)
    rest = tokens[k + 1 :]
    return (
        line_end > 0
        and all(ctx.pos(t) < line_end for t in rest if t.text not in _STOPS)
        and not any(t.pos_ in ("VERB", "AUX") for t in rest)
        and len(rest) <= 8
    )


def _view_after(ctx: Context, span: QuoteSpan, tokens: list[Token], k: int) -> bool:
    """« « Des méthodes de voyous » pour Me X, « … » pour Mme Y »: a « pour » right after
    the closing mark, before a person, in a clause with no verb of its own, gives their view."""
    pos = ctx.pos(tokens[k])
    if pos < span.end or ctx.text[span.end : pos].strip(_SPACES + '»”"›'):
        return False
    if k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    person = nxt.lower_ in fr.TITLES or nxt.lower_ in fr.STRESSED_PRONOUNS or nxt.pos_ == "PROPN"
    if not person:
        return False
    # No verb between the start of the clause and the quote: the quote is the predicate.
    before = [t for t in tokens[:k] if ctx.pos(t) < span.start and not ctx.in_quote(ctx.pos(t))]
    clause = []
    for t in reversed(before):
        if t.text in ".!?;:":
            break
        clause.append(t)
    return not any(t.pos_ in ("VERB", "AUX") for t in clause)


def _framing(tokens: list[Token], k: int) -> bool:
    """« pour » opening a clause to name whose view it is: « Pour Marine Dupuis, “…” », or
    a relative « le syndicat, pour qui “…” »."""
    tok = tokens[k]
    if tok.i + 1 >= len(tok.doc):
        return False
    if tok.nbor(1).lower_ == "qui":
        return k > 0 and tokens[k - 1].text == ","
    if k > 0 and tokens[k - 1].text != ",":
        return False
    # The source runs to a comma, and the quote comes right after it.
    for j in range(k + 1, min(k + 9, len(tokens) - 1)):
        if tokens[j].text == ",":
            return j > k + 1 and tokens[j + 1].text in _QUOTE_MARKS
        if tokens[j].text in _STOPS or tokens[j].pos_ in ("VERB", "AUX"):
            return False
    return False


def _relative_source(ctx: Context, prep: Token) -> Speech | None:
    """The antecedent of « pour qui »: the noun phrase before the comma."""
    doc = prep.doc
    end = prep.i - 1
    start = end
    while start > 0 and not (
        doc[start - 1].text in _STOPS or doc[start - 1].pos_ in ("VERB", "AUX")
    ):
        start -= 1
    phrase = list(doc[start:end])
    speech = resolve_phrase(ctx, phrase, cue="selon")
    if (speech is None or not speech.name) and phrase:
        # « l'argument de l'ACCC selon lequel … »: whose argument, report or view it is.
        heads = [t for t in phrase if t.pos_ == "NOUN" and t.lemma_.lower() in fr.SPEECH_NOUNS]
        owner = _speech_noun_owner(heads[0]) if heads else None
        speech = resolve_subject(ctx, owner, cue="selon") if owner is not None else None
    return speech.as_cue("selon") if speech is not None and speech.name else None


def _source_between(ctx: Context, start: int, end: int, doc: Doc) -> bool:
    """A « selon » / « d'après » / « pour qui » of the author's between two words."""
    for tok in doc[start + 1 : end]:
        if ctx.in_quote(ctx.pos(tok)):
            continue
        if tok.lower_ in fr.SOURCE_WORDS or (
            tok.lower_ == "après" and tok.nbor(-1).lower_ in ("d'", "d’")
        ):
            return True
        if tok.lower_ == "pour" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "qui":
            return True
    return False


def _source(ctx: Context, prep: Token) -> Speech | None:
    """The source after « selon » / « d'après »: a pronoun, « ce dernier », a name or a body."""
    doc = prep.doc
    following = doc[prep.i + 1 : min(prep.i + 12, len(doc))]
    if not len(following):
        return None
    first = following[0]
    if first.lower_ in fr.RELATIVE_SOURCES:
        # « X, avocate de la famille, selon laquelle « … » »: the antecedent before the comma.
        return _relative_source(ctx, prep)
    if first.lower_ in fr.STRESSED_PRONOUNS:
        return resolve_pronoun(ctx, first, ctx.pos(prep), cue="selon")
    if (
        first.lower_ in ("ce", "cette")
        and len(following) > 1
        and following[1].lower_
        in (
            "dernier",
            "dernière",
        )
    ):
        gender = "f" if first.lower_ == "cette" else "m"
        person = latest_person(ctx, ctx.pos(prep), gender)
        if person is not None:
            return Speech(person.name, f"{first.text} {following[1].text}", "person", "selon", 0.8)
        return None
    phrase = []
    for tok in following:
        if tok.text in _STOPS or tok.pos_ in ("VERB", "AUX"):
            break
        phrase.append(tok)
    speech = resolve_phrase(ctx, phrase, cue="selon")
    return speech.as_cue("selon") if speech is not None else None


def _continuation(
    ctx: Context, span: QuoteSpan, previous: tuple[QuoteSpan, Speech] | None
) -> Speech | None:
    """A quote with no cue of its own right after a quote of a known speaker."""
    if previous is None or _is_heading(ctx, span):
        return None
    prev_span, speech = previous
    between = ctx.text[prev_span.end : span.start]
    speaker = person_named(ctx, speech.name) if speech.name else None
    # « …, poursuit-il. »: the narration between goes on reporting the same speaker.
    reported = _INCISE_PRONOUN_END.search(between)
    reach = 600 if reported and _pronoun_fits(reported.group(1), speaker) else 220
    if between.count("\n") > 1 or len(between) > reach:
        return None
    key = speaker.key if speaker else None
    # Someone else named in the narration between breaks the chain; names in the sentence of
    # the previous quote's own attribution (« résumait X, conseiller de Y ») do not.
    attribution_end = ctx.sentence_index(prev_span.end)
    if any(
        prev_span.end <= m.start < span.start
        and m.key != key
        and ctx.sentence_index(m.start) > attribution_end
        for m in ctx.cast.mentions
    ):
        return None
    if between.count("\n") == 1 and not _opens_paragraph(between) and reach < 600:
        # A new paragraph continues the speaker only when it opens with the quote.
        return None
    if quote_kind(ctx.text, span) == "partial" and _other_subject(ctx, span, prev_span):
        # « Des refrains assimilant les supporters à « des rats » »: a few words in a new
        # sentence about something else are not the speaker's going on.
        return None
    return speech.as_cue("continuation")


def _other_subject(ctx: Context, span: QuoteSpan, prev_span: QuoteSpan) -> bool:
    """The partial quote's sentence, not the previous quote's, has a subject of its own that
    is a common noun outside the quotes (« Des refrains … »)."""
    n = ctx.sentence_index(span.start)
    if n == ctx.sentence_index(prev_span.start) or n == ctx.sentence_index(prev_span.end):
        return False
    offset, sent = ctx.sentences[n]
    root = sent.root
    return any(
        c.dep_.startswith("nsubj")
        and c.pos_ == "NOUN"
        and not is_role_noun(c)
        and not ctx.in_quote(offset + c.idx)
        for c in root.children
    )


# A sentence of narration ending on an inverted pronoun incise: « …, poursuit-il. ».
_INCISE_PRONOUN_END = re.compile(r",\s*[\w’']+-(?:t-)?(il|elle)s?\s*[.;]")


def _pronoun_fits(pronoun: str, speaker: Person | None) -> bool:
    if speaker is None:
        return False
    return speaker.gender in (None, "m" if pronoun == "il" else "f")


def _opens_paragraph(between: str) -> bool:
    """The quote opens its paragraph, perhaps after a connective (« En outre, « … » »)."""
    opening = between.rsplit("\n", 1)[-1].strip(_SPACES + '«“"„‹,')
    return not opening or opening.lower() in fr.CONNECTIVES


def _is_heading(ctx: Context, span: QuoteSpan) -> bool:
    """A subheading made of a quote alone: a short line with no closing stop (« « Une réponse
    cavalière » »). It echoes words said below rather than continuing the paragraph above."""
    line_start = ctx.text.rfind("\n", 0, span.start) + 1
    line_end = ctx.text.find("\n", span.end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    before = ctx.text[line_start : span.start].strip(_SPACES + '«“"„‹-–—')
    after = ctx.text[span.end : line_end].strip(_SPACES + '»”"›')
    text = span.text.rstrip()
    return not before and not after and len(text.split()) <= 12 and not text.endswith(".")


def _topic_before(ctx: Context, span: QuoteSpan) -> Speech | None:
    """A quote that opens its sentence with no cue of its own, right after a sentence about a
    person in the same paragraph, is that person's: « Pour X, la crise aura deux effets.
    « … » », « X prend aussi position sur … « … » »."""
    if quote_kind(ctx.text, span) != "direct":
        return None
    n = ctx.sentence_index(span.start)
    offset, sent = ctx.sentences[n]
    opening = ctx.text[offset + sent.start_char : span.start]
    if n == 0 or opening.strip(_SPACES + '«“"„‹') or ctx.sentences[n - 1][0] != offset:
        return None
    previous = ctx.sentences[n - 1][1]
    tokens = [t for t in previous if not ctx.in_quote(ctx.pos(t))]
    if tokens and tokens[0].lower_ in fr.FRAME_WORDS:
        comma = next((k for k, t in enumerate(tokens[:10]) if t.text == ","), None)
        if comma is not None and comma > 1:
            speech = resolve_phrase(ctx, tokens[1:comma], cue="selon")
            if speech is not None and speech.name:
                return speech.as_cue("colon", 0.8)
    predicates = [
        t
        for t in tokens
        if t.dep_ != "acl:relcl"
        and (
            (t.pos_ in ("VERB", "AUX") and t.dep_ != "aux")
            or any(c.dep_.startswith("nsubj") for c in t.children)
        )
    ]
    for verb in reversed(predicates):
        subject = clause_subject(verb)
        if subject is None or subject.i > verb.i:
            continue
        speech = resolve_subject(ctx, subject, cue="colon", roles_only=False)
        if speech is not None and speech.name and speech.kind in ("person", "unnamed"):
            return speech.as_cue("colon", 0.8)
    return None


def _named_after(ctx: Context, span: QuoteSpan) -> Speech | None:
    """« « Un partenariat inédit ». C'est en ces termes que le ministère a annoncé … »: the
    sentence after a quote standing alone points back to it and names who said it."""
    rest = ctx.text[span.end : span.end + 80]
    after = rest.lstrip(_SPACES + '»”"›.!?…')
    if not after.lower().replace("’", "'").startswith(fr.CATAPHORIC_OPENERS):
        return None
    _, sent = ctx.sentences[ctx.sentence_index(span.end + len(rest) - len(after))]
    for verb in sent:
        if verb.pos_ != "VERB" or not is_reporting(verb):
            continue
        subject = clause_subject(verb)
        if subject is not None and not ctx.in_quote(ctx.pos(subject)):
            speech = resolve_subject(ctx, subject, cue="verb-after")
            if speech is not None and speech.name:
                return speech.as_cue("verb-after", 0.9)
    return None


def _continue_backwards(
    ctx: Context, spans: list[QuoteSpan], speeches: list[Speech | None], labels: set[int]
) -> None:
    """« A. » « B », a-t-il dit: a cueless quote right before an attributed one in the same
    paragraph, with only punctuation between, is the same speaker's."""
    for n in range(len(spans) - 2, -1, -1):
        if (speeches[n] is not None and speeches[n].name) or n in labels:
            continue
        nxt = speeches[n + 1]
        if nxt is None or not nxt.name:
            continue
        between = ctx.text[spans[n].end : spans[n + 1].start]
        if "\n" in between or re.search(r"\w", between.replace("et", "")):
            continue
        speeches[n] = nxt.as_cue("continuation")
