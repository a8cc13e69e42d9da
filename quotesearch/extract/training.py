"""Learning the salience ranker's weights from annotated articles, cross-validated by article.

    python -m quotesearch.extract.training GOLD ARTICLES... [--folds 5] [--write]

The articles are parsed once. Attribution then runs with the ranker recording each choice it
makes while attributing a quote (the candidates and their features); the candidate that is the
quote's annotated speaker is the positive example of that choice. A logistic regression
(scikit-learn) learns one weight per feature from those examples. Since the choices recorded
depend on the weights in use, collecting and fitting alternate for a few rounds.

Cross-validation is grouped by article: the weights applied to an article's quotes were
learned from the other articles only, so the held-out figures say how the ranker does on
articles it never saw. `--write` then learns from every article and writes the weights file
of the language (`quotesearch/lang/salience_fr.json`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from spacy.tokens import Doc

from quotesearch.articles import iter_articles
from quotesearch.evaluation import (
    GoldQuote,
    gold_doc,
    load_gold,
    score,
    speaker_right,
    text_similarity,
)
from quotesearch.extract.pipeline import analyse_parsed, load_nlp, paragraphs
from quotesearch.extract.salience import FEATURES, weighted
from quotesearch.lang import fr
from quotesearch.records import Article, Quote

WEIGHTS_FILE = Path(fr.__file__).with_name("salience_fr.json")
ROUNDS = 3
# How strongly the learned weights are held to the starting ones (the hand-set weights).
L2 = 5.0


@dataclass
class Parsed:
    """An annotated article with its paragraphs parsed once, and its gold quotes."""

    article: Article
    docs: list[tuple[int, Doc]]
    gold: list[GoldQuote]


@dataclass(frozen=True)
class Choice:
    """One recorded choice: the candidates' features and which of them is the speaker."""

    doc: str
    rows: tuple[tuple[float, ...], ...]
    right: tuple[bool, ...]


def parse_all(gold_path: str | Path, paths: Sequence[str | Path]) -> list[Parsed]:
    """Parse every annotated article once."""
    gold = load_gold(gold_path)
    docs_of = {g.doc for g in gold}
    articles = [a for a in iter_articles(paths) if gold_doc(a.id, docs_of) in docs_of]
    nlp = load_nlp()
    chunks = [(para, (n, off)) for n, a in enumerate(articles) for off, para in paragraphs(a.text)]
    parsed: dict[int, list[tuple[int, Doc]]] = {}
    for n, group in groupby(nlp.pipe(chunks, as_tuples=True), key=lambda item: item[1][0]):
        parsed[n] = [(offset, doc) for doc, (_, offset) in group]
    return [
        Parsed(a, parsed.get(n, []), [g for g in gold if g.doc == gold_doc(a.id, docs_of)])
        for n, a in enumerate(articles)
    ]


def run(item: Parsed, weights: dict[str, float], trace: list | None = None) -> list[Quote]:
    return list(analyse_parsed(item.article, item.docs, weights=weights, trace=trace).quotes)


def collect(items: Sequence[Parsed], weights: dict[str, float]) -> list[Choice]:
    """The ranker's choices while attributing the annotated quotes, labelled by the gold."""
    choices = []
    for item in items:
        trace: list = []
        run(item, weights, trace)
        for span, _, found in trace:
            gold = _gold_for(span.text, item.gold)
            if gold is None or gold.speaker is None or len(found) < 2:
                continue
            right = tuple(speaker_right(c.person.name, gold) for c in found)
            if any(right):
                rows = tuple(c.features for c in found)
                choices.append(Choice(item.article.id, rows, right))
    return choices


def _gold_for(text: str, gold: list[GoldQuote]) -> GoldQuote | None:
    best = max(gold, key=lambda g: text_similarity(text, g.quote), default=None)
    return best if best is not None and text_similarity(text, best.quote) else None


def fit(
    choices: Sequence[Choice], *, prior: dict[str, float] | None = None, l2: float = 1.0
) -> dict[str, float]:
    """One weight per feature, maximising the likelihood that each choice picks its speaker
    among its own candidates (a conditional logit: a softmax over the candidates of one
    choice), with an L2 penalty that pulls the weights towards `prior` (zero by default).
    The candidates of a choice compete with each other only, as they do when the ranker
    runs."""
    import numpy as np
    from scipy.optimize import minimize

    blocks = [(np.array(c.rows, dtype=float), np.array(c.right, dtype=float)) for c in choices]
    centre = np.array([(prior or {}).get(name, 0.0) for name in FEATURES])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        shift = w - centre
        total, grad = l2 * float(shift @ shift) / 2, l2 * shift
        for rows, right in blocks:
            scores = rows @ w
            top = scores.max()
            p = np.exp(scores - top)
            p /= p.sum()
            # Negative log of the probability mass on the right candidates.
            mass = float(p @ right)
            total -= np.log(max(mass, 1e-12))
            grad = grad + rows.T @ (p - p * right / max(mass, 1e-12))
        return total, grad

    result = minimize(loss, centre.copy(), jac=True, method="L-BFGS-B")
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, result.x, strict=True)}
    return {"bias": 0.0, **weights}


def learn(items: Sequence[Parsed], start: dict[str, float]) -> dict[str, float]:
    """Alternate collecting choices and fitting weights, from `start`."""
    weights = start
    for _ in range(ROUNDS):
        choices = collect(items, weights)
        if not choices:
            break
        weights = fit(choices, prior=start, l2=L2)
    return weights


def choice_accuracy(choices: Sequence[Choice], weights: dict[str, float]) -> float:
    """How often the best-scored candidate is the speaker."""
    if not choices:
        return 0.0
    good = 0
    for c in choices:
        scores = [weighted(row, weights) for row in c.rows]
        good += c.right[scores.index(max(scores))]
    return good / len(choices)


def cross_validate(items: Sequence[Parsed], folds: int, start: dict[str, float]) -> dict:
    """Held-out figures, each article attributed with weights learned without it."""
    from sklearn.model_selection import GroupKFold

    groups = [item.article.id for item in items]
    predicted: list[Quote] = []
    baseline: list[Quote] = []
    accuracy: list[float] = []
    start_accuracy: list[float] = []
    for train, test in GroupKFold(n_splits=folds).split(items, groups=groups):
        weights = learn([items[i] for i in train], start)
        held = [items[i] for i in test]
        held_choices = collect(held, weights)
        accuracy.append(choice_accuracy(held_choices, weights))
        start_accuracy.append(choice_accuracy(collect(held, start), start))
        for item in held:
            predicted.extend(run(item, weights))
            baseline.extend(run(item, start))
    gold = [g for item in items for g in item.gold]
    ids = [item.article.id for item in items]
    return {
        "folds": folds,
        "choice_accuracy": round(sum(accuracy) / len(accuracy), 3),
        "choice_accuracy_start": round(sum(start_accuracy) / len(start_accuracy), 3),
        "f1_held_out": round(score(gold, predicted, articles=ids).f1, 3),
        "f1_start_weights": round(score(gold, baseline, articles=ids).f1, 3),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", help="gold file (JSON lines, see docs/)")
    parser.add_argument("paths", nargs="+", help="the annotated articles (files or folders)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    args = parser.parse_args(argv)
    items = parse_all(args.gold, args.paths)
    start = dict(fr.SALIENCE_WEIGHTS)
    figures = cross_validate(items, args.folds, start)
    print(f"{len(items)} articles, {sum(len(i.gold) for i in items)} gold quotes")
    print(f"grouped {args.folds}-fold cross-validation by article:")
    for name, value in figures.items():
        print(f"  {name:20} {value}")
    weights = learn(items, start)
    print("weights learned from every article:")
    for name, value in weights.items():
        print(f"  {name:20} {value:+.3f}")
    if args.write:
        about = (
            "Weights of the salience ranker (quotesearch.extract.salience), learned by "
            f"quotesearch.extract.training on {len(items)} annotated articles on {date.today()}; "
            f"grouped cross-validation: {figures}"
        )
        payload = {"about": about, "weights": weights}
        WEIGHTS_FILE.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
