"""Reported speech without quote marks: the « que » clause of a reporting verb.

« Dmitri Peskov a déclaré que la date n'avait pas encore été fixée »: the clause after « que »
is what was said, attributed to the verb's subject like a quote.
"""

from __future__ import annotations

from quotesearch.extract.attribution import clause_subject, is_reporting
from quotesearch.extract.reference import Context, resolve_subject
from quotesearch.records import Quote


def attribute_indirect(ctx: Context, doc_id: str) -> list[Quote]:
    """Reported speech without marks: the « que » clause of a reporting verb, outside quotes."""
    found: list[Quote] = []
    for offset, sent in ctx.sentences:
        for verb in sent:
            if verb.pos_ != "VERB" or not is_reporting(verb):
                continue
            for clause in verb.children:
                if clause.dep_ != "ccomp" or clause.i < verb.i:
                    continue
                marks = [
                    c
                    for c in clause.children
                    if c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")
                ]
                if not marks:
                    continue
                tokens = [t for t in clause.subtree if t.i > marks[0].i]
                if len(tokens) < 3:
                    continue
                start = offset + tokens[0].idx
                end = offset + tokens[-1].idx + len(tokens[-1].text)
                while end > start and ctx.text[end - 1] in ".,;: ":
                    end -= 1
                if any(s < end and start < e for s, e in ctx.quote_ranges):
                    continue
                subject = clause_subject(verb)
                speech = resolve_subject(ctx, subject, cue="verb-before") if subject else None
                if speech is None or not speech.name:
                    continue
                found.append(
                    Quote(
                        doc_id=doc_id,
                        text=ctx.text[start:end],
                        start=start,
                        end=end,
                        kind="indirect",
                        speaker=speech.name,
                        mention=speech.mention or None,
                        cue=speech.cue,
                        confidence=round(speech.confidence * 0.8, 2),
                        speaker_kind=speech.kind,
                        context=sent.text,
                    )
                )
    return found
