"""The learned choice of each quote's speaker among its candidates.

Every candidate of a quote (`quotesearch.extract.candidates`) gets a score from a model learned
on annotated articles (`quotesearch.extract.learning`); the quote goes to the best one, *nobody*
included. The first pass sees the article around the quote through the first-rule-wins reading
(who the neighbouring quotes go to, who was quoted before); a second pass, seeing what the first
chose for the neighbouring quotes, is part of the model only when cross-validation finds that
it helps.

The model is data, `quotesearch/lang/attribution_fr.json`: gradient-boosted trees (or a linear
model) written as plain numbers, evaluated here with numpy; no learning library is needed at
run time. Each quote's confidence is the chosen answer's probability, calibrated on held-out
articles (isotonic, stored as points). Without a model file the first-rule-wins reading stands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from quotesearch.extract.candidates import RULES, Candidate, Reading
from quotesearch.extract.features import (
    FEATURES,
    NEIGHBOUR_FEATURES,
    article_rows,
    neighbour_rows,
    paragraph_ids,
)
from quotesearch.extract.reference import Context, Speech
from quotesearch.lang import fr

MODEL_FILE = Path(fr.__file__).with_name("attribution_fr.json")
# The cue recorded for a speaker no rule pointed to: chosen from where the article mentions it.
SALIENCE_CUE = "salience"
MIN_CONFIDENCE, MAX_CONFIDENCE = 0.01, 0.99
# Rows walked through the trees at once (rows × trees node indices in memory).
CHUNK = 2048


@dataclass(frozen=True)
class Scorer:
    """One pass's model: trees summed on a baseline, or a linear model, on named features.

    The trees are stored end to end in flat arrays (`leaf` holds each tree's root), so that a
    matrix of candidates walks every tree at once, one level per step."""

    features: tuple[str, ...]
    kind: str
    baseline: float
    feature: np.ndarray | None = None
    threshold: np.ndarray | None = None
    left: np.ndarray | None = None
    right: np.ndarray | None = None
    leaf: np.ndarray | None = None
    value: np.ndarray | None = None
    depth: int = 0
    exported: tuple[dict, ...] = ()
    coef: np.ndarray | None = None
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None

    @classmethod
    def from_json(cls, data: dict) -> Scorer:
        if data["kind"] == "linear":
            return cls(
                features=tuple(data["features"]),
                kind="linear",
                baseline=float(data["intercept"]),
                coef=np.asarray(data["coef"], dtype=float),
                mean=np.asarray(data["mean"], dtype=float),
                scale=np.asarray(data["scale"], dtype=float),
            )
        trees = data["trees"]
        # All trees in flat arrays, node k of tree t at offsets[t] + k; a leaf leads to
        # itself, so every row can take the same number of steps (the deepest tree's).
        offsets = np.cumsum([0] + [len(t["leaf"]) for t in trees[:-1]])
        feature, threshold, left, right, value = [], [], [], [], []
        depth = 0
        for base, tree in zip(offsets, trees, strict=True):
            leaf = np.asarray(tree["leaf"], dtype=bool)
            own = np.arange(len(leaf)) + base
            feature.append(np.where(leaf, 0, tree["feature"]))
            threshold.append(np.where(leaf, np.inf, tree["threshold"]))
            left.append(np.where(leaf, own, np.asarray(tree["left"]) + base))
            right.append(np.where(leaf, own, np.asarray(tree["right"]) + base))
            value.append(np.asarray(tree["value"], dtype=float))
            depth = max(depth, _depth(tree))
        return cls(
            features=tuple(data["features"]),
            kind="trees",
            baseline=float(data["baseline"]),
            feature=np.concatenate(feature).astype(np.int64),
            threshold=np.concatenate(threshold).astype(float),
            left=np.concatenate(left).astype(np.int64),
            right=np.concatenate(right).astype(np.int64),
            leaf=np.asarray(offsets, dtype=np.int64),
            value=np.concatenate(value),
            depth=depth,
            exported=tuple(trees),
        )

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """The model's log-odds of each row being the quote's speaker."""
        if self.kind == "linear":
            return self.baseline + ((rows - self.mean) / self.scale) @ self.coef
        if len(rows) > CHUNK:
            return np.concatenate(
                [self.raw(rows[k : k + CHUNK]) for k in range(0, len(rows), CHUNK)]
            )
        roots = self.leaf
        node = np.broadcast_to(roots, (len(rows), len(roots))).copy()
        flat_rows = rows.ravel()
        base = (np.arange(len(rows)) * rows.shape[1])[:, None]
        for _ in range(self.depth):
            values = flat_rows[base + self.feature[node]]
            node = np.where(values <= self.threshold[node], self.left[node], self.right[node])
        return self.baseline + self.value[node].sum(axis=1)

    def shares(self, groups: list[list[list[float]]]) -> list[list[float]]:
        """Each candidate's share of its quote, for many quotes at once (see `shares`)."""
        flat = [row for rows in groups for row in rows]
        if not flat:
            return [[] for _ in groups]
        p = 1.0 / (1.0 + np.exp(-self.raw(np.asarray(flat, dtype=float))))
        out, k = [], 0
        for rows in groups:
            part = p[k : k + len(rows)]
            k += len(rows)
            total = float(part.sum())
            out.append(
                [float(v) / total for v in part] if total > 0 else [1.0 / len(rows)] * len(rows)
            )
        return out


def _depth(tree: dict) -> int:
    """The number of steps from the root to the deepest leaf."""
    depth, level = 0, [0]
    while True:
        level = [
            child
            for k in level
            if not tree["leaf"][k]
            for child in (tree["left"][k], tree["right"][k])
        ]
        if not level:
            return depth
        depth += 1


@dataclass(frozen=True)
class Model:
    """The passes and the calibration of the chosen answer's probability. The second pass
    (what the first chose around each quote) is kept only when cross-validation finds that
    it helps; without it the first pass decides."""

    first: Scorer
    second: Scorer | None
    calibration: tuple[np.ndarray, np.ndarray]

    @classmethod
    def from_json(cls, data: dict) -> Model:
        points = data["calibration"]
        return cls(
            first=Scorer.from_json(data["first"]),
            second=Scorer.from_json(data["second"]) if data.get("second") else None,
            calibration=(np.asarray(points["x"], float), np.asarray(points["y"], float)),
        )

    def calibrate(self, probability: float) -> float:
        """The chosen answer's calibrated probability, never quite 0 or 1: a few hundred
        held-out answers cannot make the program certain."""
        x, y = self.calibration
        value = float(np.interp(probability, x, y)) if len(x) else probability
        return min(max(value, MIN_CONFIDENCE), MAX_CONFIDENCE)


@cache
def load_model(path: Path = MODEL_FILE) -> Model | None:
    """The shipped model, read once; None when the language has none yet."""
    if not path.exists():
        return None
    model = Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    second = model.second.features if model.second is not None else None
    if model.first.features != FEATURES or second not in (None, FEATURES + NEIGHBOUR_FEATURES):
        raise ValueError(
            f"{path} was trained on other features than extraction computes; train it again "
            "with python -m quotesearch.extract.learning GOLD ARTICLES --write"
        )
    return model


def shares(scorer: Scorer, rows: list[list[float]]) -> list[float]:
    """Each candidate's share of the quote: its probability over the sum of all of them."""
    return scorer.shares([rows])[0]


def decide(
    ctx: Context, readings: list[Reading], model: Model | None = None
) -> list[tuple[Speech | None, float]]:
    """The speaker of every quote of an article (None for nobody's words), with the calibrated
    probability of that answer. Each quote's candidates are kept on `ctx.candidates`."""
    model = model or load_model()
    first = article_rows(ctx, readings)
    ctx.candidates = {
        r.span.start: tuple(c.name for c in cands)
        for r, (cands, _) in zip(readings, first, strict=True)
    }
    if model is None:
        return [(r.cascade, r.cascade.confidence if r.cascade else 0.0) for r in readings]
    p1 = model.first.shares([rows for _, rows in first])
    if model.second is not None:
        p1 = model.second.shares(neighbour_rows(paragraph_ids(ctx, readings), first, p1))
    decided: list[tuple[Speech | None, float]] = []
    for (cands, _), p2 in zip(first, p1, strict=True):
        if not p2:
            decided.append((None, 0.0))
            continue
        best = max(range(len(p2)), key=p2.__getitem__)
        confidence = model.calibrate(p2[best])
        decided.append((answer(cands[best], confidence), confidence))
    return decided


def answer(cand: Candidate, confidence: float) -> Speech | None:
    """The chosen candidate as a speech: the words and rule of the first cue that names it."""
    if cand.nobody:
        return None
    for rule in RULES:
        if rule in cand.speeches:
            speech = cand.speeches[rule]
            return Speech(speech.name, speech.mention, speech.kind, speech.cue, confidence)
    return Speech(cand.name, cand.name, cand.kind, SALIENCE_CUE, confidence)
