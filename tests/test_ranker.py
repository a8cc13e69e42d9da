"""The learned choice of a speaker: candidates, the model file, its evaluation and calibration."""

from __future__ import annotations

import json

import numpy as np
import pytest

from quotesearch.extract.attribution import read_cues
from quotesearch.extract.candidates import NOBODY, ArticleEntities, name_key
from quotesearch.extract.features import FEATURES, article_rows
from quotesearch.extract.learning import (
    _fit,
    expected_calibration_error,
    export,
    folds_of,
    set_aside,
)
from quotesearch.extract.pipeline import article_context, paragraphs
from quotesearch.extract.ranker import (
    MODEL_FILE,
    Model,
    Scorer,
    answer,
    decide,
    load_model,
    shares,
)

ARTICLE = (
    "Le maire de Lyon défend son budget\n"
    "Grégory Doucet a présenté mardi le budget de la ville devant le conseil municipal. "
    "« Nous tiendrons nos engagements », a déclaré le maire. "
    "La présidente de l'opposition, Claire Mercier, a dénoncé « un budget de façade ». "
    "Selon elle, « les impôts vont augmenter ».\n"
    "Le film « Les Enfants du paradis » sera projeté samedi."
)


def _parsed(nlp, text: str):
    docs = [(off, nlp(para)) for off, para in paragraphs(text)]
    ctx, spans = article_context(text, docs)
    return ctx, read_cues(ctx, spans)


@pytest.fixture(scope="module")
def article(nlp):
    return _parsed(nlp, ARTICLE)


def test_every_quote_has_nobody_every_person_and_what_its_cues_propose(article) -> None:
    ctx, readings = article
    entities = ArticleEntities(ctx)
    assert {"gregory doucet", "claire mercier"} <= set(entities.by_key)
    for reading in readings:
        keys = [c.key for c in entities.for_quote(reading)]
        assert keys[0] == NOBODY
        assert {"gregory doucet", "claire mercier"} <= set(keys)
        for speech in reading.proposals.values():
            assert name_key(speech.name) in keys
    incise = next(r for r in readings if r.span.text.startswith("Nous tiendrons"))
    assert name_key(incise.proposals["incise"].name) == "gregory doucet"


def test_a_title_is_read_as_a_label_and_its_row_says_so(article) -> None:
    ctx, readings = article
    rows = article_rows(ctx, readings)
    film = next(n for n, r in enumerate(readings) if r.span.text.startswith("Les Enfants"))
    assert "label" in readings[film].labels
    cands, matrix = rows[film]
    nobody = matrix[[c.key for c in cands].index(NOBODY)]
    assert nobody[FEATURES.index("nobody")] == 1.0
    assert nobody[FEATURES.index("q_label")] == 1.0
    assert all(len(row) == len(FEATURES) for _, m in rows for row in m)


def test_the_rows_name_the_rule_that_points_to_a_candidate(article) -> None:
    ctx, readings = article
    rows = article_rows(ctx, readings)
    n = next(n for n, r in enumerate(readings) if r.span.text.startswith("Nous tiendrons"))
    cands, matrix = rows[n]
    doucet = matrix[[c.key for c in cands].index("gregory doucet")]
    mercier = matrix[[c.key for c in cands].index("claire mercier")]
    assert doucet[FEATURES.index("cue:incise")] == 1.0
    assert mercier[FEATURES.index("cue:incise")] == 0.0
    assert doucet[FEATURES.index("cascade")] == 1.0


def _row(rows, readings, quoted: str, key: str) -> list[float]:
    n = next(n for n, r in enumerate(readings) if r.span.text.startswith(quoted))
    cands, matrix = rows[n]
    return matrix[[c.key for c in cands].index(key)]


def test_a_cue_pronoun_counts_even_when_no_rule_resolves_it(nlp) -> None:
    # « rappelle-t-elle » far from any woman: no rule names her, yet the pronoun's gender
    # is read, and the woman of the article is the one it may mean.
    text = (
        "Refuge\n"
        "Hélène Marchal dirige l'association depuis dix ans. "
        + "Le refuge accueille des chiens abandonnés. " * 3
        + "Le bâtiment a été rénové par Paul Grand. "
        + "Ce lieu est « un abri pour tous », rappelle-t-elle."
    )
    ctx, readings = _parsed(nlp, text)
    rows = article_rows(ctx, readings)
    her = _row(rows, readings, "un abri", "helene marchal")
    him = _row(rows, readings, "un abri", "paul grand")
    assert her[FEATURES.index("q_pronoun")] == 1.0
    assert her[FEATURES.index("pronoun_agrees")] == 1.0
    assert him[FEATURES.index("pronoun_agrees")] == -1.0
    assert her[FEATURES.index("agree_recency")] == 0.0
    assert him[FEATURES.index("agree_recency")] == 10.0


def test_a_description_gender_and_the_quote_surroundings_are_features(nlp) -> None:
    text = (
        "Conseil\n"
        "Inès Moreau et Marc Roussel ont siégé lundi. "
        "La conseillère a dénoncé « une décision absurde ». "
        "Le groupe a sorti un tube (« Danse encore ») en mai."
    )
    ctx, readings = _parsed(nlp, text)
    rows = article_rows(ctx, readings)
    ines = _row(rows, readings, "une décision", "ines moreau")
    marc = _row(rows, readings, "une décision", "marc roussel")
    assert ines[FEATURES.index("description_agrees")] == 1.0
    assert marc[FEATURES.index("description_agrees")] == -1.0
    song = _row(rows, readings, "Danse encore", NOBODY)
    assert song[FEATURES.index("q_parenthesis")] == 1.0
    assert ines[FEATURES.index("q_parenthesis")] == 0.0


def test_the_shipped_model_attributes_the_article(article) -> None:
    ctx, readings = article
    model = load_model()
    assert model is not None, "quotesearch/lang/attribution_fr.json is shipped with the package"
    decided = decide(ctx, readings, model)
    by_text = {r.span.text: s for r, (s, _) in zip(readings, decided, strict=True)}
    assert by_text["Nous tiendrons nos engagements"].name == "Grégory Doucet"
    assert by_text["un budget de façade"].name == "Claire Mercier"
    assert by_text["les impôts vont augmenter"].name == "Claire Mercier"
    assert by_text["Les Enfants du paradis"] is None
    for speech, confidence in decided:
        assert 0.0 <= confidence <= 1.0
        assert speech is None or speech.confidence == confidence
    assert set(ctx.candidates) == {r.span.start for r in readings}


def test_a_model_of_one_pass_decides_by_its_first_pass(article, tmp_path) -> None:
    # The learning command drops the second pass when cross-validation finds it does not
    # help: the model file then holds none, and the first pass's choices stand.
    ctx, readings = article
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["second"] = None
    alone = Model.from_json(data)
    assert alone.second is None
    path = tmp_path / "one-pass.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_model(path).second is None
    rows = article_rows(ctx, readings)
    p1 = alone.first.shares([m for _, m in rows])
    decided = decide(ctx, readings, alone)
    for (cands, _), p, (speech, _) in zip(rows, p1, decided, strict=True):
        best = cands[max(range(len(p)), key=p.__getitem__)]
        assert (speech.name if speech else "") == (best.name if not best.nobody else "")


def test_a_model_file_of_other_features_is_refused(tmp_path) -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["first"]["features"] = data["first"]["features"][:-1]
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="train it again"):
        load_model(path)


def _toy(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(600, len(FEATURES)))
    y = (x[:, 0] + 0.5 * x[:, 3] - x[:, 7] > 0).astype(int)
    return x, y


def test_exported_trees_score_as_the_learning_library_does() -> None:
    x, y = _toy()
    fitted = _fit(x, y, "trees")
    scorer = Scorer.from_json(export(fitted, FEATURES))
    expected = fitted[1].predict_proba(x)[:, 1]
    got = 1.0 / (1.0 + np.exp(-scorer.raw(x)))
    assert np.allclose(got, expected, atol=1e-6)


def test_an_exported_linear_model_scores_as_the_learning_library_does() -> None:
    x, y = _toy(1)
    fitted = _fit(x, y, "linear")
    scorer = Scorer.from_json(export(fitted, FEATURES))
    expected = fitted[1].predict_proba(fitted[2].transform(x))[:, 1]
    got = 1.0 / (1.0 + np.exp(-scorer.raw(x)))
    assert np.allclose(got, expected, atol=1e-9)


def test_shares_of_a_quote_sum_to_one_and_keep_the_order() -> None:
    x, y = _toy(2)
    scorer = Scorer.from_json(export(_fit(x, y, "linear"), FEATURES))
    p = shares(scorer, x[:5].tolist())
    assert sum(p) == pytest.approx(1.0)
    raw = scorer.raw(x[:5])
    assert list(np.argsort(p)) == list(np.argsort(raw))
    assert shares(scorer, []) == []


def test_calibration_maps_probabilities_through_its_points() -> None:
    model = Model(first=None, second=None, calibration=(np.array([0.2, 0.8]), np.array([0.1, 0.9])))
    assert model.calibrate(0.5) == pytest.approx(0.5)
    assert model.calibrate(0.8) == pytest.approx(0.9)
    assert model.calibrate(0.0) == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("p", "right", "error"),
    [
        ([0.9] * 10, [1] * 9 + [0], 0.0),  # 90 % sure, right 9 times in 10
        ([0.9] * 10, [1] * 5 + [0] * 5, 0.4),
        ([0.15, 0.15, 0.95, 0.95], [0, 0, 1, 1], 0.1),
    ],
)
def test_expected_calibration_error(p, right, error) -> None:
    assert expected_calibration_error(np.array(p), np.array(right, float)) == pytest.approx(error)


def test_nobody_is_no_speech_and_a_candidate_keeps_its_cue() -> None:
    from quotesearch.extract.candidates import Candidate
    from quotesearch.extract.reference import Speech

    assert answer(Candidate("", "none", NOBODY), 0.9) is None
    said = Speech("Claire Mercier", "elle", "person", "incise-pronoun", 0.85)
    cand = Candidate("Claire Mercier", "person", "claire mercier", speeches={"selon": said})
    chosen = answer(cand, 0.7)
    assert (chosen.name, chosen.mention, chosen.cue, chosen.confidence) == (
        "Claire Mercier",
        "elle",
        "incise-pronoun",
        0.7,
    )
    assert answer(Candidate("Ana Roy", "person", "ana roy"), 0.4).cue == "salience"


def test_the_set_aside_articles_and_the_folds_are_fixed_and_grouped() -> None:
    docs = [f"d{n:03}" for n in range(1, 172)]
    aside = set_aside(docs)
    assert len(aside) == 25 and aside == set_aside(list(reversed(docs)))
    folds = folds_of(docs, 5)
    assert folds == folds_of(list(reversed(docs)), 5)
    sizes = [sum(1 for f in folds.values() if f == k) for k in range(5)]
    assert max(sizes) - min(sizes) <= 1
