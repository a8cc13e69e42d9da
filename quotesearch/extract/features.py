"""What the article says about each (quote, candidate) pair, as named numeric features.

Three kinds of evidence describe a candidate (see `quotesearch.extract.candidates`):

- the cue rules that point to it, and how (through a pronoun, a role, the first-rule-wins
  order);
- where and how the article mentions it: sentences since the last mention and to the next one
  (sentences inside quotes not counted), as a subject, behind a preposition, in the headline,
  in the quote's sentence or paragraph, named inside the quote, how often;
- its kind (person, organisation, unnamed source, document, nobody) and agreement.

The quote's own form (length, a finite verb, first person, a capital, a label rule, the same
words quoted again, a headline or subheading line, an answer after a question line) is given
to every row, so that the ranker can weigh *nobody* against the people. The second pass adds
what the first pass chose for the neighbouring quotes (`NEIGHBOUR_FEATURES`).
"""

from __future__ import annotations

import bisect
import datetime
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from quotesearch.extract.candidates import (
    LABEL_RULES,
    RULES,
    ArticleEntities,
    Candidate,
    Reading,
    name_key,
)
from quotesearch.extract.mentions import fold
from quotesearch.extract.quotes import QuoteSpan, quote_kind
from quotesearch.extract.reference import Context, Speech
from quotesearch.lang import fr
from quotesearch.offices import office_of, office_table, offices_ever, offices_held, terms_of

# Sentences further than this count as "far".
FAR = 40
# In an article of many entities, a quote's candidates are those mentioned within REACH
# sentences of it, those of the headline and the TOP_ENTITIES most mentioned.
REACH = 40
TOP_ENTITIES = 12
_FIRST_PERSON = frozenset("je j' j’ me m' m’ moi mon ma mes nous notre nos".split())
_SECOND_PERSON = frozenset("tu te t' t’ toi vous votre vos".split())
_WORD = re.compile(r"[\w’']+")
_PLACES = {fold(k): v for k, v in fr.PLACE_EQUIVALENTS.items()}
_BODY_NOUNS = frozenset(fold(w) for w in fr.ORGANIZATION_NOUNS)
_ROLE_NOUNS = frozenset(fold(w) for w in fr.ROLE_NOUNS)
_GENDERED_PRONOUNS = frozenset(["il", "elle", "ils", "elles"])
_FUNCTION_WORDS = frozenset(
    "le la les l' un une des de du d' ce cet cette ces son sa ses leur leurs et a au aux en".split()
)

FEATURES: tuple[str, ...] = (
    *(f"cue:{rule}" for rule in RULES),
    "cascade",  # the first-rule-wins answer
    "cascade_rank",  # the place of the first rule pointing to it in that order
    "n_cues",  # how many rules point to it
    "via_pronoun",  # a rule reached it through a pronoun
    "via_role",  # a rule reached it through a role description
    "via_name",  # a rule found its name written at the cue
    "role_fit",  # share of a cue's role description found among its roles
    "pronoun_agrees",  # +1 / -1: its gender agrees with / contradicts a cue's pronoun
    "description_agrees",  # +1 / -1: its gender agrees with / contradicts a cue's description
    "agree_recency",  # its recency rank among the people a cue's pronoun may stand for
    "agree_subject",  # the latest subject among the people a cue's pronoun may stand for
    "office_now",  # it held that office on the article's date
    "office_before",  # it held that office only before the article's date (« l'ancien … »)
    "held_office",  # it held the office a cue's role description names (« le président russe »)
    "description",  # a description rather than a name (« source policière », « l'ONG »)
    "body_for_body",  # an organisation where a cue names a body by its noun (« l'agence »)
    "mention_rank",  # its rank among the article's entities by how often they are mentioned
    "quoted_article",  # log of how many quotes of the article the first-rule-wins reading gives it
    "kind_person",
    "kind_organization",
    "kind_unnamed",
    "kind_other",  # a document, a description the model does not hold
    "nobody",
    "mentions_before",  # log of its mentions before the quote
    "mentions_after",
    "subject_mentions_before",
    "distance_before",  # sentences since its last mention before the quote
    "distance_after",  # sentences to its next mention after the quote
    "same_sentence",  # mentioned in the quote's sentence, outside the quote
    "same_paragraph",
    "named_inside",  # the quote names it (people rarely name themselves)
    "in_headline",
    "first_sentence",  # where it is first mentioned (share of the article)
    "latest_subject",  # the last entity made a subject before the quote
    "recency_rank",
    "last_oblique",
    "last_embedded",
    "last_resolved",
    "share",  # its share of the article's mentions
    "gender_known",
    "name_words",
    "previous_speaker",  # the first-rule-wins speaker of the previous quote
    "next_speaker",
    "quoted_before",
    "most_quoted",
    "q_label",
    "q_term",
    "q_listed",
    "q_words",
    "q_finite",
    "q_first_person",
    "q_second_person",
    "q_capital",
    "q_partial",
    "q_ends_stop",
    "q_question",
    "q_repeats",
    "q_heading",
    "q_in_headline",
    "q_no_cue",
    "q_after_question",
    "q_position",
    "q_former",  # a cue's role description speaks of a former holder (« l'ancien ministre »)
    "q_pronoun",  # a pronoun names the speaker at the cue (« a-t-elle dit », « selon lui »)
    "q_plural_pronoun",  # … a plural one (« ont-ils ajouté »)
    "q_parenthesis",  # the quote is written inside parentheses
    "q_after_work_noun",  # a noun of works or names comes right before it (« le tube « … » »)
    "q_after_naming",  # a naming word comes right before it (« dit « … » », « alias »)
    "q_in_list",  # quotes of a few words separated by commas only (« « A », « B », « C » »)
    "q_cascade_description",  # the first-rule-wins answer is a description
    "q_cascade_nobody",
)
NEIGHBOUR_FEATURES: tuple[str, ...] = (
    "p_first",  # the first pass's probability of the candidate
    "p_chosen",  # the first pass chose it
    "p_margin",  # its probability minus the best other's
    "p_previous",  # the first pass chose it for the previous quote
    "p_next",
    "p_article",  # log of how many quotes of the article the first pass gave it
    "p_paragraph",  # other quotes of the paragraph the first pass gave it
    "p_previous_share",  # its first-pass probability at the previous quote
    "p_next_share",
    "p_article_share",  # log of its first-pass probabilities summed over the other quotes
)
_INDEX = {name: k for k, name in enumerate(FEATURES)}


def article_rows(
    ctx: Context, readings: Sequence[Reading]
) -> list[tuple[list[Candidate], list[list[float]]]]:
    """The candidates of every quote of an article, with their first-pass feature rows."""
    entities = ArticleEntities(ctx)
    n_sentences = max(len(ctx.sentences), 1)
    headline_end = ctx.text.find("\n")
    headline_end = len(ctx.text) if headline_end < 0 else headline_end
    total_mentions = sum(len(c.mentions) for c in entities.by_key.values()) or 1
    cascade_keys = [_key(r.cascade) for r in readings]
    folded = [" ".join(_WORD.findall(r.span.text.lower())) for r in readings]
    repeats = Counter(folded)
    out = []
    quoted: Counter = Counter()
    in_article = Counter(k for k in cascade_keys if k)
    by_count = sorted(entities.by_key.values(), key=lambda c: -len(c.mentions))
    ranks = {c.key: min(k, 10) for k, c in enumerate(by_count)}
    # A long article: each quote's candidates are the entities mentioned around it, those of
    # the headline and the most mentioned (and every answer a rule proposes).
    always = {c.key for c in by_count[:TOP_ENTITIES]} | {
        c.key for c in by_count if c.starts and c.starts[0] < headline_end
    }
    windowed = len(entities.by_key) > len(always)
    named_inside = _named_inside(ctx)
    day = ctx.date.date() if isinstance(ctx.date, datetime.datetime) else ctx.date
    held_on = cache(lambda name: frozenset(offices_held(name, day)) if day else frozenset())
    ranges = _paragraph_ranges(ctx)
    for n, reading in enumerate(readings):
        span = reading.span
        here = ctx.sentence_index(span.start)
        last_here = ctx.sentence_index(max(span.end - 1, span.start))
        paragraph = ctx.sentences[here][0]
        form = _quote_form(ctx, reading, folded[n], repeats, headline_end, n, len(readings))
        keep = entities.near(here, last_here, REACH, always) if windowed else None
        candidates = entities.for_quote(reading, keep)
        inside = {key for start, key in named_inside if span.start <= start < span.end}
        latest = _latest_subject(candidates, span.start)
        order = _recency(candidates, span.start)
        most = quoted.most_common(1)[0][0] if quoted else None
        descriptions, pronouns = _cue_words(reading)
        described_as = {g for g in map(_description_gender, _descriptions(reading)) if g}
        said_by = _cue_pronoun(ctx, span)
        if said_by is not None and said_by[1] == "sing":
            pronouns = pronouns | {said_by[0]}
        form["q_pronoun"] = float(said_by is not None or bool(pronouns))
        form["q_plural_pronoun"] = float(said_by is not None and said_by[1] == "plur")
        agreeing = _agreeing(candidates, pronouns, span.start) if pronouns else {}
        described = _descriptions(reading)
        offices = {o for o in (_office(m) for m in described) if o}
        form["q_former"] = float(any(_FORMER.search(m) for m in described))
        body_cue = any(d & _BODY_NOUNS for d in descriptions)
        cascade_name = reading.cascade.name if reading.cascade is not None else ""
        form["q_cascade_description"] = float(_is_description(cascade_name))
        form["q_cascade_nobody"] = float(not cascade_keys[n])
        rows = []
        for cand in candidates:
            row = [0.0] * len(FEATURES)
            _rules(row, cand, reading)
            row[_INDEX["cascade"]] = float(cascade_keys[n] == cand.key)
            if not cand.nobody:
                row[_INDEX["role_fit"]] = _role_fit(descriptions, cand)
                row[_INDEX["pronoun_agrees"]] = _agreement(pronouns, cand)
                row[_INDEX["description"]] = float(_is_description(cand.name))
                row[_INDEX["description_agrees"]] = _agreement(described_as, cand)
                row[_INDEX["agree_recency"]] = float(agreeing.get(cand.key, (10, 0))[0])
                row[_INDEX["agree_subject"]] = float(agreeing.get(cand.key, (10, 0))[1])
                if offices and day is not None:
                    now = held_on(cand.name)
                    row[_INDEX["office_now"]] = float(bool(offices & now))
                    before = offices & offices_ever(cand.name) - now
                    row[_INDEX["office_before"]] = float(
                        bool(before) and _began_before(before, cand.name, day)
                    )
                row[_INDEX["held_office"]] = float(bool(offices & offices_ever(cand.name)))
                row[_INDEX["body_for_body"]] = float(body_cue and cand.kind == "organization")
                row[_INDEX["mention_rank"]] = float(ranks.get(cand.key, 10))
                row[_INDEX["quoted_article"]] = math.log1p(in_article[cand.key])
            kind = cand.kind if cand.kind in ("person", "organization", "unnamed") else "other"
            if cand.nobody:
                row[_INDEX["nobody"]] = 1.0
            else:
                row[_INDEX[f"kind_{kind}"]] = 1.0
            _mentions(row, cand, span, here, last_here, ranges[paragraph], headline_end)
            row[_INDEX["first_sentence"]] = (
                cand.sentence_ids[0] / n_sentences if cand.sentence_ids else 1.0
            )
            row[_INDEX["named_inside"]] = float(cand.key in inside)
            row[_INDEX["latest_subject"]] = float(cand.key == latest)
            row[_INDEX["recency_rank"]] = float(order.get(cand.key, 10))
            row[_INDEX["share"]] = len(cand.mentions) / total_mentions
            row[_INDEX["gender_known"]] = float(cand.gender is not None)
            row[_INDEX["name_words"]] = float(min(len(cand.name.split()), 4))
            if not cand.nobody:
                row[_INDEX["previous_speaker"]] = float(n > 0 and cascade_keys[n - 1] == cand.key)
                row[_INDEX["next_speaker"]] = float(
                    n + 1 < len(readings) and cascade_keys[n + 1] == cand.key
                )
                row[_INDEX["quoted_before"]] = math.log1p(quoted[cand.key])
                row[_INDEX["most_quoted"]] = float(most == cand.key)
            for name, value in form.items():
                row[_INDEX[name]] = value
            rows.append(row)
        if cascade_keys[n]:
            quoted[cascade_keys[n]] += 1
        out.append((candidates, rows))
    return out


def paragraph_ids(ctx: Context, readings: Sequence[Reading]) -> list[int]:
    """The offset of each quote's paragraph: quotes of one paragraph share it."""
    return [ctx.sentences[ctx.sentence_index(r.span.start)][0] for r in readings]


def neighbour_rows(
    paragraphs: Sequence[int],
    first: Sequence[tuple[list[Candidate], list[list[float]]]],
    probabilities: Sequence[Sequence[float]],
) -> list[list[list[float]]]:
    """The second pass's rows: the first-pass rows and what the first pass chose around."""
    chosen = [
        cands[max(range(len(p)), key=p.__getitem__)].key if p else None
        for (cands, _), p in zip(first, probabilities, strict=True)
    ]
    counts = Counter(k for k in chosen if k)
    para = list(paragraphs)
    by_key = [
        {c.key: q for c, q in zip(cands, probs, strict=True)}
        for (cands, _), probs in zip(first, probabilities, strict=True)
    ]
    mass: Counter = Counter()
    for shares in by_key:
        mass.update({k: q for k, q in shares.items() if k})
    out = []
    for n, ((cands, rows), probs) in enumerate(zip(first, probabilities, strict=True)):
        extended = []
        for cand, row, p in zip(cands, rows, probs, strict=True):
            others = [q for c, q in zip(cands, probs, strict=True) if c.key != cand.key]
            same_paragraph = sum(
                1
                for m in range(len(chosen))
                if m != n and para[m] == para[n] and chosen[m] == cand.key
            )
            extended.append(
                [
                    *row,
                    p,
                    float(chosen[n] == cand.key),
                    p - max(others, default=0.0),
                    float(n > 0 and chosen[n - 1] == cand.key),
                    float(n + 1 < len(chosen) and chosen[n + 1] == cand.key),
                    math.log1p(counts[cand.key] - (chosen[n] == cand.key)) if cand.key else 0.0,
                    float(same_paragraph),
                    by_key[n - 1].get(cand.key, 0.0) if n > 0 and cand.key else 0.0,
                    by_key[n + 1].get(cand.key, 0.0) if n + 1 < len(by_key) and cand.key else 0.0,
                    math.log1p(mass[cand.key] - p) if cand.key else 0.0,
                ]
            )
        out.append(extended)
    return out


def _key(speech: Speech | None) -> str:
    return name_key(speech.name) if speech is not None else ""


_OPENERS = frozenset("le la les un une des ce cet cette ces son sa ses leur leurs".split())


def _is_description_mention(mention: str | None) -> bool:
    """A cue written as a description (« le chef de l'État », « La conseillère », « L'ONG »),
    not a name: lowercase, or opening with a determiner even at the start of a sentence."""
    if not mention:
        return False
    first = mention.split()[0].lower()
    return mention[:1].islower() or first in _OPENERS or first.startswith(("l'", "l’"))


def _descriptions(reading: Reading) -> set[str]:
    return {s.mention for s in reading.proposals.values() if _is_description_mention(s.mention)}


@cache
def _office(description: str) -> str | None:
    """The office a role description names, read from its words: the longest office phrase of
    `fr.ROLE_EQUIVALENTS` it holds, its other content words as qualifiers (places folded to
    their nationality)."""
    words = [w for w in fold(description).replace("’", "'").split() if w not in _FUNCTION_WORDS]
    best: tuple[int, str, set[int], str] | None = None
    for group in fr.ROLE_EQUIVALENTS:
        for member in group:
            wanted = [w for w in fold(member).split() if w not in _FUNCTION_WORDS]
            at = _contiguous(words, wanted)
            if at is not None and (best is None or len(wanted) > best[0]):
                best = (len(wanted), fold(group[0]), set(range(at, at + len(wanted))), member)
    former = office_table().former
    if best is None:
        # A role noun and its qualifiers (« la ministre de la Santé », « le maire de Paris »).
        heads = [k for k, w in enumerate(words) if w in _ROLE_NOUNS]
        if not heads:
            return None
        rest = frozenset(
            fold(_PLACES.get(w, w)) for w in words[heads[0] + 1 :] if len(w) > 1 and w not in former
        )
        return office_of(words[heads[0]], rest)
    # The office itself, former holder or not (« l'ancien ministre de l'Intérieur »): whether
    # the candidate holds it now or held it before are features of their own.
    qualifiers = frozenset(
        fold(_PLACES.get(w, w))
        for k, w in enumerate(words)
        if k not in best[2] and len(w) > 1 and w not in former
    )
    if best[3] in fr.FOREIGN_ONLY_ROLES and not qualifiers:
        return None  # a French junior minister
    return office_of(best[1], qualifiers)


def _contiguous(words: list[str], wanted: list[str]) -> int | None:
    for k in range(len(words) - len(wanted) + 1):
        if words[k : k + len(wanted)] == wanted:
            return k
    return None


_FORMER = re.compile(r"\b(?:ancien|ancienne|anciens|ex|précédent|précédente)\b", re.I)


def _began_before(offices: set[str], name: str, day: datetime.date) -> bool:
    """Whether a term of `name` in one of `offices` began before `day`."""
    return any(o in offices and term.start < day for o, term in terms_of(name))


def _is_description(name: str | None) -> bool:
    return bool(name) and name[:1].islower()


def _content(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) > 1 and w not in _FUNCTION_WORDS}


def _cue_words(reading: Reading) -> tuple[list[set[str]], set[str]]:
    """The role descriptions (« le chef de la diplomatie russe ») and the genders of the
    pronouns (« a-t-elle dit ») that the quote's cues were written with."""
    descriptions, genders = [], set()
    for speech in reading.proposals.values():
        words = fold(speech.mention or "").replace("-", " ").split()
        if speech.cue in ("pronoun", "incise-pronoun"):
            genders |= {fr.SUBJECT_PRONOUNS[w][0] for w in words if w in _GENDERED_PRONOUNS}
        elif _is_description_mention(speech.mention):
            descriptions.append(_content(speech.mention))
    return [d for d in descriptions if d], genders - {None}


_INVERTED = re.compile(r"-(?:t-)?(il|elle|ils|elles)\b|\bselon (lui|elle|eux|elles)\b")
_CLAUSE_PRONOUN = re.compile(
    r"(?:^|[,;:]\s|\s(?:qu'|qu’|que|et|mais)\s?)(il|elle|ils|elles)\s", re.I
)
_PRONOUN_FORMS = {"eux": ("m", "plur"), **fr.SUBJECT_PRONOUNS}


def _cue_pronoun(ctx: Context, span: QuoteSpan) -> tuple[str, str] | None:
    """The gender and number of a pronoun standing for the speaker at the quote, whether or
    not a rule found whom it means: an inverted subject after the quote (« a-t-elle ajouté »,
    « selon lui ») or the subject of the clause before it (« Il a ajouté que « … » »)."""
    after = ctx.text[span.end : span.end + 90]
    stop = min(
        (k for k in (after.find(". "), after.find("\n"), after.find("«")) if k >= 0), default=-1
    )
    found = _INVERTED.search(after if stop < 0 else after[:stop])
    if found is None:
        begin = max(ctx.text.rfind(". ", 0, span.start), ctx.text.rfind("\n", 0, span.start)) + 1
        clause = ctx.text[begin : span.start]
        if any(mark in clause for mark in '«»“”"'):
            return None
        found = _CLAUSE_PRONOUN.search(" " + clause)
    if found is None:
        return None
    word = (found.group(1) or found.group(2)).lower()
    gender, number = _PRONOUN_FORMS[word]
    return gender or "m", number


def _agreeing(
    candidates: list[Candidate], genders: set[str], pos: int
) -> dict[str, tuple[int, int]]:
    """The people a singular pronoun of `genders` may stand for (their gender agrees or is
    unknown), with their recency rank before `pos` and whether each is the latest subject."""
    if len(genders) != 1:
        return {}
    fitting = [
        c for c in candidates if c.kind == "person" and (c.gender is None or c.gender in genders)
    ]
    order = _recency(fitting, pos)
    latest = _latest_subject(fitting, pos)
    return {key: (min(rank, 10), int(key == latest)) for key, rank in order.items()}


_FEMININE_WORDS = frozenset("la cette une ancienne nouvelle première seule".split())
_MASCULINE_WORDS = frozenset("le ce cet un ancien nouveau premier seul du au".split())
_FEMININE_ENDINGS = ("trice", "ienne", "ière", "euse", "esse")


def _description_gender(description: str) -> str | None:
    """The gender a role description shows by its determiner or its adjectives and noun
    (« la secrétaire d'État », « l'ancienne ministre », « l'avocate »), if it shows one."""
    words = fold(description).replace("'", "' ").replace("’", "' ").split()[:4]
    head = [w for w in words if w not in ("l'", "d'")][:3]
    feminine = any(w in _FEMININE_WORDS or w.endswith(_FEMININE_ENDINGS) for w in head)
    masculine = any(w in _MASCULINE_WORDS for w in head)
    if feminine != masculine:
        return "f" if feminine else "m"
    return None


def _role_fit(descriptions: list[set[str]], cand: Candidate) -> float:
    if not descriptions or not cand.roles:
        return 0.0
    known = set().union(*(_content(role) for role in cand.roles))
    return max(len(d & known) / len(d) for d in descriptions)


def _agreement(genders: set[str], cand: Candidate) -> float:
    if len(genders) != 1 or cand.gender is None:
        return 0.0
    return 1.0 if cand.gender in genders else -1.0


def _rules(row: list[float], cand: Candidate, reading: Reading) -> None:
    ranks = [k for k, rule in enumerate(RULES) if rule in cand.speeches]
    for rule, speech in cand.speeches.items():
        row[_INDEX[f"cue:{rule}"]] = 1.0
        if speech.cue in ("pronoun", "incise-pronoun"):
            row[_INDEX["via_pronoun"]] = 1.0
        elif speech.cue == "role-mention":
            row[_INDEX["via_role"]] = 1.0
        else:
            row[_INDEX["via_name"]] = 1.0
    row[_INDEX["cascade_rank"]] = float(ranks[0] if ranks else len(RULES))
    row[_INDEX["n_cues"]] = float(len(ranks))


def _mentions(
    row: list[float],
    cand: Candidate,
    span: QuoteSpan,
    here: int,
    last_here: int,
    paragraph: tuple[int, int],
    headline_end: int,
) -> None:
    before = bisect.bisect_left(cand.starts, span.start)
    after = bisect.bisect_left(cand.starts, span.end)
    mentions = cand.mentions
    row[_INDEX["mentions_before"]] = math.log1p(before)
    row[_INDEX["mentions_after"]] = math.log1p(len(mentions) - after)
    row[_INDEX["subject_mentions_before"]] = math.log1p(cand.subjects[before])
    row[_INDEX["distance_before"]] = float(
        min(here - mentions[before - 1][1], FAR) if before else FAR
    )
    row[_INDEX["distance_after"]] = float(
        min(mentions[after][1] - last_here, FAR) if after < len(mentions) else FAR
    )
    row[_INDEX["same_sentence"]] = float(_any_between(cand.sentence_ids, here, last_here))
    row[_INDEX["same_paragraph"]] = float(_any_between(cand.sentence_ids, *paragraph))
    row[_INDEX["in_headline"]] = float(bool(mentions) and mentions[0][0] < headline_end)
    if before:
        row[_INDEX["last_oblique"]] = float(mentions[before - 1][3])
        row[_INDEX["last_embedded"]] = float(mentions[before - 1][4])
        row[_INDEX["last_resolved"]] = float(mentions[before - 1][5])


def _any_between(sorted_values: list[int], low: int, high: int) -> bool:
    k = bisect.bisect_left(sorted_values, low)
    return k < len(sorted_values) and sorted_values[k] <= high


def _named_inside(ctx: Context) -> list[tuple[int, str]]:
    """The people named inside quotes, by where (the candidates' keys)."""
    names = {p.key: name_key(p.name) for p in ctx.cast.people.values()}
    return [(m.start, names[m.key]) for m in ctx.cast.mentions if m.in_quote and m.key in names]


def _paragraph_ranges(ctx: Context) -> dict[int, tuple[int, int]]:
    """Each paragraph's first and last sentence, by the paragraph's offset."""
    ranges: dict[int, tuple[int, int]] = {}
    for n, (offset, _) in enumerate(ctx.sentences):
        first = ranges.get(offset, (n, n))[0]
        ranges[offset] = (first, n)
    return ranges


def _latest_subject(candidates: list[Candidate], pos: int) -> str | None:
    """The entity last made the subject of a main clause before `pos`."""
    best: tuple[int, str] | None = None
    for cand in candidates:
        k = bisect.bisect_left(cand.starts, pos) - 1
        while k >= 0 and not (cand.mentions[k][2] and not cand.mentions[k][4]):
            k -= 1
        if k >= 0 and (best is None or cand.starts[k] > best[0]):
            best = (cand.starts[k], cand.key)
    return best[1] if best else None


def _recency(candidates: list[Candidate], pos: int) -> dict[str, int]:
    last = []
    for cand in candidates:
        k = bisect.bisect_left(cand.starts, pos)
        if k:
            last.append((cand.starts[k - 1], cand.key))
    last.sort(reverse=True)
    return {key: rank for rank, (_, key) in enumerate(last)}


_MARKS = ' \u00a0\u202f«“"„‹»”›'
_WORK_NOUNS = frozenset(fold(w) for w in fr.TITLE_NOUNS)
_NAMING_WORDS = frozenset("dit dite dits dites alias surnomme surnommee baptise baptisee".split())


def _surroundings(text: str, span: QuoteSpan) -> dict[str, float]:
    """What the author wrote right around a quote that tells a name or a title from words
    someone said: parentheses, a noun of works or a naming word just before, a list."""
    before = text[max(span.start - 60, 0) : span.start].rstrip(_MARKS)
    after = text[span.end : span.end + 60].lstrip(_MARKS)
    last = [fold(w) for w in _WORD.findall(before[-30:])]
    in_list = (before.endswith(",") or after.startswith(",")) and len(span.text.split()) <= 6
    in_list = in_list and (
        before[-3:-1].strip(_MARKS + ",") == "" or after[1:4].strip(" \u00a0\u202f")[:1] in '«“"'
    )
    return {
        "q_parenthesis": float(before.endswith("(") or after.startswith(")")),
        "q_after_work_noun": float(bool(last) and last[-1] in _WORK_NOUNS),
        "q_after_naming": float(bool(last) and last[-1] in _NAMING_WORDS),
        "q_in_list": float(in_list),
    }


def _quote_form(
    ctx: Context,
    reading: Reading,
    folded: str,
    repeats: Counter,
    headline_end: int,
    n: int,
    count: int,
) -> dict[str, float]:
    span = reading.span
    text = span.text.strip()
    words = folded.split()
    lowered = [w.lower() for w in _WORD.findall(text)]
    tokens = ctx.quote_tokens(span)
    line_start = ctx.text.rfind("\n", 0, span.start) + 1
    line_end = ctx.text.find("\n", span.end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    before_line = ctx.text[line_start : span.start].strip(' \u00a0\u202f«“"„‹-–—')
    after_line = ctx.text[span.end : line_end].strip(' \u00a0\u202f»”"›')
    previous_line = ctx.text[: max(line_start - 1, 0)].rstrip().rsplit("\n", 1)[-1]
    form = {
        "q_words": math.log1p(len(words)),
        "q_finite": float(any("Fin" in t.morph.get("VerbForm") for t in tokens)),
        "q_first_person": float(
            any(w in _FIRST_PERSON or w.split("'")[0] + "'" in _FIRST_PERSON for w in lowered)
        ),
        "q_second_person": float(any(w in _SECOND_PERSON for w in lowered)),
        "q_capital": float(text[:1].isupper()),
        "q_partial": float(quote_kind(ctx.text, span) == "partial"),
        "q_ends_stop": float(text.endswith((".", "!", "?", "…"))),
        "q_question": float(text.endswith("?")),
        "q_repeats": math.log1p(repeats[folded] - 1),
        "q_heading": float(not before_line and not after_line),
        "q_in_headline": float(span.start < headline_end),
        "q_no_cue": float(not reading.proposals),
        "q_after_question": float(previous_line.rstrip(' »”"').endswith("?")),
        "q_position": n / max(count, 1),
        **_surroundings(ctx.text, span),
    }
    for rule in LABEL_RULES:
        form[f"q_{rule}"] = float(rule in reading.labels)
    return form
