"""The salience ranker: which entity a pronoun or a bare description means at a point of the
article, from the facts of news prose each candidate carries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from quotesearch.extract.pipeline import article_context, paragraphs
from quotesearch.extract.reference import Context
from quotesearch.extract.salience import (
    FEATURES,
    REACH,
    Candidate,
    candidates,
    most_salient,
    weighted,
)
from quotesearch.lang import fr


def _context(nlp: Language, text: str) -> Context:
    """The context attribution works in, built as the pipeline builds it."""
    return article_context(text, [(offset, nlp(para)) for offset, para in paragraphs(text)])[0]


def _features(found: list[Candidate]) -> dict[str, dict[str, float]]:
    return {c.person.name: dict(zip(FEATURES, c.features, strict=True)) for c in found}


TWO = (
    "Tribunal\nLe juge Thibault Guérin a longuement parlé avec Odile Carrère. "
    "L'audience a repris. Il a suspendu la séance."
)


def test_the_weights_file_weighs_every_feature_and_nothing_else() -> None:
    path = Path(fr.__file__).with_name("salience_fr.json")
    weights = json.loads(path.read_text(encoding="utf-8"))["weights"]
    assert set(weights) == {"bias", *FEATURES}
    assert weights == fr.SALIENCE_WEIGHTS


def test_the_weights_prefer_near_subjects_and_persons() -> None:
    w = fr.SALIENCE_WEIGHTS
    assert w["distance"] < 0
    assert w["subject"] > 0
    assert w["organization"] < 0


def test_weighted_is_the_bias_plus_the_weighted_sum() -> None:
    features = tuple(float(n) for n in range(len(FEATURES)))
    weights = {"bias": 0.5, FEATURES[1]: 2.0, FEATURES[3]: -1.0, "unknown": 100.0}
    assert weighted(features, weights) == pytest.approx(0.5 + 2.0 * 1 - 1.0 * 3)


def test_weighted_refuses_features_of_the_wrong_length() -> None:
    with pytest.raises(ValueError):
        weighted((1.0,), {"distance": 1.0})


def test_candidates_carry_subject_oblique_and_distance(nlp: Language) -> None:
    ctx = _context(nlp, TWO)
    found = _features(candidates(ctx, TWO.index("Il a suspendu"), None))
    assert set(found) == {"Thibault Guérin", "Odile Carrère"}
    judge, witness = found["Thibault Guérin"], found["Odile Carrère"]
    assert (judge["subject"], judge["oblique"]) == (1.0, 0.0)
    assert (witness["subject"], witness["oblique"]) == (0.0, 1.0)
    assert judge["distance"] == witness["distance"] == 2.0
    assert judge["same_paragraph"] == 1.0
    assert judge["mentions"] > 0


def test_a_gendered_pronoun_keeps_only_compatible_candidates(nlp: Language) -> None:
    ctx = _context(nlp, TWO)
    at = TWO.index("Il a suspendu")
    assert [c.person.name for c in candidates(ctx, at, "m")] == ["Thibault Guérin"]
    assert [c.person.name for c in candidates(ctx, at, "f")] == ["Odile Carrère"]


def test_the_subject_beats_the_name_behind_a_preposition(nlp: Language) -> None:
    ctx = _context(nlp, TWO)
    person = most_salient(ctx, TWO.index("Il a suspendu"), None)
    assert person is not None and person.name == "Thibault Guérin"


def test_a_person_of_unknown_gender_is_flagged_for_elle(nlp: Language) -> None:
    text = "Mairie\nDominique Vasseur a reçu la presse. Elle a parlé du budget."
    ctx = _context(nlp, text)
    (only,) = candidates(ctx, text.index("Elle"), "f")
    assert ctx.cast.person(only.person.key).gender is None
    assert dict(zip(FEATURES, only.features, strict=True))["unknown_feminine"] == 1.0


def test_nobody_beyond_reach_is_a_candidate(nlp: Language) -> None:
    filler = " ".join(f"La séance numéro {n} a eu lieu." for n in range(REACH + 2))
    text = f"Mairie\nBastien Lefort a ouvert le conseil. {filler} Il a conclu."
    ctx = _context(nlp, text)
    assert candidates(ctx, text.index("Il a conclu"), "m") == []
    assert most_salient(ctx, text.index("Il a conclu"), "m") is None


def test_the_previous_speaker_is_a_candidate_with_its_feature(nlp: Language) -> None:
    text = (
        "Mairie\nBastien Lefort a ouvert le conseil. Julien Dorval a pris la parole ensuite. "
        "Il a conclu."
    )
    ctx = _context(nlp, text)
    at = text.index("Il a conclu")
    ctx.last_speaker = ("Bastien Lefort", text.index("Julien") - 1, "m")
    found = _features(candidates(ctx, at, "m"))
    assert found["Bastien Lefort"]["previous_speaker"] == 1.0
    assert found["Julien Dorval"]["previous_speaker"] == 0.0
    # With a weight on nothing but having spoken, the previous speaker wins.
    ctx.weights = {"previous_speaker": 1.0}
    assert most_salient(ctx, at, "m").name == "Bastien Lefort"
    ctx.weights = {"distance": -1.0, "recency_rank": -1.0}
    assert most_salient(ctx, at, "m").name == "Julien Dorval"


def test_each_choice_is_traced_when_training(nlp: Language) -> None:
    ctx = _context(nlp, TWO)
    ctx.trace, ctx.current = [], "the quote"
    most_salient(ctx, TWO.index("Il a suspendu"), "m")
    ((current, pos, found),) = ctx.trace
    assert (current, pos) == ("the quote", TWO.index("Il a suspendu"))
    assert [c.person.name for c in found] == ["Thibault Guérin"]


def test_a_subject_in_a_subordinate_clause_is_flagged(nlp: Language) -> None:
    ctx = _context(
        nlp,
        "Vote\nLe maire Yves Caron craint une défaite si Léon Barre se présente. Il a parlé.",
    )
    found = _features(candidates(ctx, ctx.text.index("Il a parlé"), "m"))
    assert found["Léon Barre"]["embedded"] == 1.0
    assert found["Yves Caron"]["embedded"] == 0.0


def test_a_candidate_the_quote_names_is_flagged(nlp: Language) -> None:
    text = "Port\nLéa Brunet a retrouvé Claire Dumas. « Merci, Claire Dumas », a-t-elle dit."
    ctx, spans = article_context(text, [(o, nlp(p)) for o, p in paragraphs(text)])
    ctx.current = spans[0]
    found = _features(candidates(ctx, text.index("a-t-elle"), "f"))
    assert found["Claire Dumas"]["named_inside"] == 1.0
    assert found["Léa Brunet"]["named_inside"] == 0.0
