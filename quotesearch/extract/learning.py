"""Learning the attribution model from annotated articles, cross-validated by article.

    python -m quotesearch.extract.learning GOLD ARTICLES... [--folds 5] [--write]

The articles are parsed once. Every quote's candidates are described
(`quotesearch.extract.features`) and labelled by the gold file: the candidates that are the
annotated speaker (or *nobody* for words nobody said) are the positive rows. The first pass is
a gradient-boosted classifier of rows (scikit-learn's `HistGradientBoostingClassifier`); the
second pass adds what the first chose for the neighbouring quotes, with first-pass
probabilities that come from models that never saw the article, and is shipped only when it
does better than the first pass alone, held out. A quote goes to its best candidate.

Cross-validation is grouped by article and nested: the figures printed come from articles the
model was not trained on, and the calibration of the confidence is fitted on those held-out
choices only. A fixed set of articles (`SET_ASIDE`, drawn with a fixed seed) is never used to
learn the shipped model, so its figure is one more honest measure. `--write` learns from every
other article and writes `quotesearch/lang/attribution_fr.json`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from quotesearch.evaluation import (
    GoldQuote,
    expected_calibration_error,
    report_lines,
    score,
    speaker_right,
)
from quotesearch.extract.attribution import quote_record, read_cues
from quotesearch.extract.candidates import Candidate
from quotesearch.extract.features import (
    FEATURES,
    NEIGHBOUR_FEATURES,
    article_rows,
    neighbour_rows,
    paragraph_ids,
)
from quotesearch.extract.pipeline import article_context
from quotesearch.extract.ranker import MODEL_FILE, Model, Scorer, answer
from quotesearch.extract.training import Parsed, parse_all
from quotesearch.records import Quote

SEED = 18
# The dev articles d001–d074 are those the cue rules were first written on: their figure is
# printed apart from the others'.
FIRST_PART = re.compile(r"d\d{3}")
FIRST_PART_END = "d074"
SET_ASIDE_COUNT = 25
# Small, shallow trees: a few hundred articles cannot support more.
TREE_PARAMS = {
    "max_iter": 200,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "random_state": SEED,
}


@dataclass
class Annotated:
    """One annotated article read for learning: its quotes' candidates, rows and labels, and
    the records the quotes make (their speaker is replaced by the one chosen)."""

    doc: str
    article_id: str
    gold: list[GoldQuote]
    records: list[Quote]
    paragraphs: list[int]
    first: list[tuple[list[Candidate], list[list[float]]]]
    labels: list[list[bool] | None]  # None: the quote is in no gold annotation


def set_aside(docs: Sequence[str]) -> set[str]:
    """The articles kept out of the shipped model, drawn once with a fixed seed (25, or a
    fifth of a smaller set)."""
    count = min(SET_ASIDE_COUNT, len(docs) // 5)
    return set(random.Random(SEED).sample(sorted(docs), count))


def annotate(items: Sequence[Parsed]) -> list[Annotated]:
    """Read the cues of every annotated article and label its candidates by the gold file."""
    out = []
    for item in items:
        ctx, spans = article_context(item.article.text, item.docs)
        ctx.date = item.article.date
        readings = read_cues(ctx, spans)
        first = article_rows(ctx, readings)
        records = [quote_record(ctx, r.span, r.cascade, item.article.id) for r in readings]
        matched = {id(m.predicted): m.gold for m in score(item.gold, records).matches}
        labels: list[list[bool] | None] = []
        for record, (cands, _) in zip(records, first, strict=True):
            gold = matched.get(id(record))
            labels.append(None if gold is None else [_right(c, gold) for c in cands])
        doc = item.gold[0].doc if item.gold else item.article.id
        paragraphs = paragraph_ids(ctx, readings)
        out.append(Annotated(doc, item.article.id, item.gold, records, paragraphs, first, labels))
    return out


def _right(cand: Candidate, gold: GoldQuote) -> bool:
    return speaker_right(None if cand.nobody else cand.name, gold)


def _stack(articles: Sequence[Annotated], rows_of) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for a in articles:
        for n, labels in enumerate(a.labels):
            if labels is None or not any(labels):
                continue  # no candidate is right: nothing to learn from this quote
            xs.extend(rows_of(a, n))
            ys.extend(labels)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=int)


def _fit(x: np.ndarray, y: np.ndarray, kind: str):
    if kind == "linear":
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        scaler = StandardScaler().fit(x)
        model = LogisticRegression(C=0.3, max_iter=2000).fit(scaler.transform(x), y)
        return ("linear", model, scaler)
    from sklearn.ensemble import HistGradientBoostingClassifier

    return ("trees", HistGradientBoostingClassifier(**TREE_PARAMS).fit(x, y), None)


def export(fitted, features: Sequence[str]) -> dict:
    """A fitted model as plain numbers (see `quotesearch.extract.ranker.Scorer`)."""
    kind, model, scaler = fitted
    if kind == "linear":
        return {
            "kind": "linear",
            "features": list(features),
            "intercept": float(model.intercept_[0]),
            "coef": [float(c) for c in model.coef_[0]],
            "mean": [float(v) for v in scaler.mean_],
            "scale": [float(v) if v else 1.0 for v in scaler.scale_],
        }
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [
                    0.0 if leaf else float(v)
                    for v, leaf in zip(nodes["num_threshold"], nodes["is_leaf"], strict=True)
                ],
                "left": [int(v) for v in nodes["left"]],
                "right": [int(v) for v in nodes["right"]],
                "leaf": [bool(v) for v in nodes["is_leaf"]],
                "value": [round(float(v), 6) for v in nodes["value"]],
            }
        )
    return {
        "kind": "trees",
        "features": list(features),
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "trees": trees,
    }


def _scorer(fitted, features: Sequence[str]) -> Scorer:
    return Scorer.from_json(export(fitted, features))


def _first_rows(a: Annotated, n: int) -> list[list[float]]:
    return a.first[n][1]


def first_pass(articles: Sequence[Annotated], kind: str) -> Scorer:
    return _scorer(_fit(*_stack(articles, _first_rows), kind), FEATURES)


def _first_probabilities(a: Annotated, scorer: Scorer) -> list[list[float]]:
    return scorer.shares([rows for _, rows in a.first])


def _second(a: Annotated, p1: list[list[float]]) -> list[list[list[float]]]:
    return neighbour_rows(a.paragraphs, a.first, p1)


def folds_of(docs: Sequence[str], k: int) -> dict[str, int]:
    """Articles dealt into k folds in a fixed random order."""
    order = sorted(docs)
    random.Random(SEED).shuffle(order)
    return {doc: n % k for n, doc in enumerate(order)}


def train(articles: Sequence[Annotated], kind: str, inner: int) -> tuple[Scorer, Scorer | None]:
    """Both passes learned from `articles`; the second pass learns from first-pass
    probabilities that come from inner folds (models that did not see the article)."""
    first = first_pass(articles, kind)
    fold = folds_of([a.doc for a in articles], inner)
    held: dict[str, list[list[float]]] = {}
    for k in range(inner):
        scorer = first_pass([a for a in articles if fold[a.doc] != k], kind)
        for a in articles:
            if fold[a.doc] == k:
                held[a.doc] = _first_probabilities(a, scorer)
    seconds = {a.doc: _second(a, held[a.doc]) for a in articles}
    second = _scorer(
        _fit(*_stack(articles, lambda a, n: seconds[a.doc][n]), kind),
        FEATURES + NEIGHBOUR_FEATURES,
    )
    return first, second


def predict(a: Annotated, first: Scorer, second: Scorer | None) -> list[tuple[int, float]]:
    """The chosen candidate of every quote and its (uncalibrated) probability, by both passes
    (or the first alone when `second` is None)."""
    p1 = _first_probabilities(a, first)
    out = []
    for p2 in second.shares(_second(a, p1)) if second is not None else p1:
        best = max(range(len(p2)), key=p2.__getitem__)
        out.append((best, p2[best]))
    return out


def quotes_of(a: Annotated, choices: list[tuple[int, float]], calibrate=None) -> list[Quote]:
    """The article's quote records with the chosen speakers."""
    records = []
    for record, (cands, _), (best, p) in zip(a.records, a.first, choices, strict=True):
        confidence = calibrate(p) if calibrate else p
        speech = answer(cands[best], confidence)
        records.append(
            replace(
                record,
                speaker=speech.name if speech else None,
                mention=speech.mention or None if speech else None,
                cue=speech.cue if speech else "none",
                confidence=round(confidence, 2),
                speaker_kind=speech.kind or None if speech else None,
            )
        )
    return records


def cross_validate(articles: Sequence[Annotated], folds: int, kind: str) -> tuple[dict, dict]:
    """Held-out choices for every article, from models that never saw it: by the first pass
    alone, and by both passes."""
    fold = folds_of([a.doc for a in articles], folds)
    alone: dict[str, list[tuple[int, float]]] = {}
    both: dict[str, list[tuple[int, float]]] = {}
    for k in range(folds):
        train_set = [a for a in articles if fold[a.doc] != k]
        first, second = train(train_set, kind, inner=folds - 1)
        for a in articles:
            if fold[a.doc] == k:
                alone[a.doc] = predict(a, first, None)
                both[a.doc] = predict(a, first, second)
    return alone, both


def calibration(
    articles: Sequence[Annotated], choices: dict, folds: int
) -> tuple[list[float], list[float], float]:
    """Isotonic calibration of the chosen answer's probability, as points fitted on every
    held-out choice, and its expected calibration error measured honestly: each fold's
    choices calibrated by points fitted on the other folds only."""
    from sklearn.isotonic import IsotonicRegression

    def fit(group: Sequence[Annotated]) -> IsotonicRegression:
        p, right = _chosen(group, choices)
        return IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, right)

    fold = folds_of([a.doc for a in articles], folds)
    calibrated, outcomes = [], []
    for k in range(folds):
        iso = fit([a for a in articles if fold[a.doc] != k])
        p, right = _chosen([a for a in articles if fold[a.doc] == k], choices)
        calibrated.append(iso.predict(p))
        outcomes.append(right)
    error = expected_calibration_error(np.concatenate(calibrated), np.concatenate(outcomes))
    iso = fit(articles)
    return [float(v) for v in iso.X_thresholds_], [float(v) for v in iso.y_thresholds_], error


def _chosen(articles: Sequence[Annotated], choices: dict) -> tuple[np.ndarray, np.ndarray]:
    p, right = [], []
    for a in articles:
        for (best, prob), labels in zip(choices[a.doc], a.labels, strict=True):
            if labels is not None:
                p.append(prob)
                right.append(float(labels[best]))
    return np.asarray(p), np.asarray(right)


def candidate_recall(articles: Sequence[Annotated]) -> float:
    """Share of gold-matched quotes whose right answer is among their candidates."""
    labelled = [labels for a in articles for labels in a.labels if labels is not None]
    return sum(any(labels) for labels in labelled) / max(len(labelled), 1)


def report(articles: Sequence[Annotated], choices: dict, calibrate=None):
    predicted = [q for a in articles for q in quotes_of(a, choices[a.doc], calibrate)]
    gold = [g for a in articles for g in a.gold]
    return score(gold, predicted, articles=[a.article_id for a in articles])


def _summary(title: str, rep) -> list[str]:
    lines = report_lines(rep)
    return [
        title,
        *("  " + line for line in lines[lines.index("Recall per cue:    found   right speaker") :]),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold")
    parser.add_argument("articles", nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--model", choices=("trees", "linear"), default="trees")
    parser.add_argument("--write", action="store_true", help="write the language's model file")
    parser.add_argument("--misses", type=Path, help="write the held-out misses to this file")
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    # One thread per fit: the trees' thread pool spins badly on a busy machine, and the
    # folds are many small fits.
    threadpool_limits(1)
    articles = annotate(parse_all(args.gold, args.articles))
    if len([a for a in articles if a.gold]) < args.folds:
        parser.error(f"{args.gold}: {args.folds} folds need at least as many annotated articles")
    aside = set_aside([a.doc for a in articles])
    print(f"candidate recall {candidate_recall(articles):.3f}")
    alone, both = cross_validate(articles, args.folds, args.model)
    # The second pass stays only if it does better than the first alone, held out.
    f1_alone, f1_both = report(articles, alone).f1, report(articles, both).f1
    two_passes = f1_both > f1_alone
    print(
        f"first pass alone {f1_alone:.3f}, with the second pass {f1_both:.3f}: "
        + ("both passes kept" if two_passes else "the first pass decides alone")
    )
    choices = both if two_passes else alone
    xs, ys, ece = calibration(articles, choices, args.folds)
    calibrate = lambda p: float(np.interp(p, xs, ys))  # noqa: E731
    groups = {f"cross-validated, all {len(articles)} articles": articles}
    # The dev set's two parts: where the cue rules were first written, and the rest.
    first = [a for a in articles if FIRST_PART.fullmatch(a.doc) and a.doc <= FIRST_PART_END]
    rest = [a for a in articles if a not in first]
    if first and rest:
        groups[f"cross-validated, up to {FIRST_PART_END}"] = first
        groups[f"cross-validated, after {FIRST_PART_END}"] = rest
    for title, group in groups.items():
        print("\n".join(_summary(title, report(group, choices, calibrate))))
    print(f"expected calibration error (held-out, calibrated) {ece:.3f}")
    if args.misses:
        rep = report([a for a in articles if a.doc not in aside], choices, calibrate)
        args.misses.write_text("\n".join(report_lines(rep)) + "\n", encoding="utf-8")
    shipped = [a for a in articles if a.doc not in aside]
    first, second = train(shipped, args.model, inner=args.folds)
    second = second if two_passes else None
    kept = [a for a in articles if a.doc in aside]
    held = {a.doc: predict(a, first, second) for a in kept}
    print(
        "\n".join(
            _summary(
                f"set aside ({len(kept)} articles, never learned from)",
                report(kept, held, calibrate),
            )
        )
    )
    if args.write:
        data = {
            "about": "Attribution model: see quotesearch.extract.ranker and .learning",
            "learned": date.today().isoformat(),
            "articles": len(shipped),
            "first": export_scorer(first),
            "second": export_scorer(second) if second is not None else None,
            "calibration": {"x": xs, "y": ys},
        }
        MODEL_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        Model.from_json(data)
        print(f"wrote {MODEL_FILE}")


def export_scorer(scorer: Scorer) -> dict:
    if scorer.kind == "linear":
        return {
            "kind": "linear",
            "features": list(scorer.features),
            "intercept": scorer.baseline,
            "coef": scorer.coef.tolist(),
            "mean": scorer.mean.tolist(),
            "scale": scorer.scale.tolist(),
        }
    return {
        "kind": "trees",
        "features": list(scorer.features),
        "baseline": scorer.baseline,
        "trees": list(scorer.exported),
    }


if __name__ == "__main__":
    main()
