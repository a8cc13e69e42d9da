"""Learning the salience weights from recorded choices (a conditional logit over candidates)."""

from __future__ import annotations

from quotesearch.extract.salience import FEATURES
from quotesearch.extract.training import Choice, choice_accuracy, fit


def _row(**values: float) -> tuple[float, ...]:
    return tuple(float(values.get(name, 0.0)) for name in FEATURES)


def _choices() -> list[Choice]:
    """Choices where the speaker is always the subject candidate, whatever its distance; the
    other candidate is nearer as often as it is farther."""
    choices = []
    for n in range(12):
        near, far = 1 + n % 3, 4 + n % 2
        speaker = _row(subject=1, distance=near if n % 2 else far)
        other = _row(subject=0, distance=far if n % 2 else near)
        rows, right = (speaker, other), (True, False)
        if n % 3 == 0:
            rows, right = (other, speaker), (False, True)
        choices.append(Choice(doc=f"a{n % 4}", rows=rows, right=right))
    return choices


def test_fit_learns_a_positive_weight_for_the_deciding_feature() -> None:
    weights = fit(_choices())
    assert set(weights) == {"bias", *FEATURES}
    assert weights["subject"] > 0.5
    assert abs(weights["distance"]) < weights["subject"]
    assert all(weights[name] == 0.0 for name in FEATURES if name not in ("subject", "distance"))


def test_fit_learns_a_negative_weight_for_a_feature_against_the_speaker() -> None:
    choices = [
        Choice("b", (_row(organization=1), _row(organization=0)), (False, True)),
        Choice("c", (_row(organization=0), _row(organization=1)), (True, False)),
    ] * 4
    weights = fit(choices)
    assert weights["organization"] < 0
    assert choice_accuracy(choices, weights) == 1.0


def test_the_learned_weights_choose_every_speaker_of_separable_data() -> None:
    choices = _choices()
    assert choice_accuracy(choices, fit(choices)) == 1.0


def test_choice_accuracy_counts_the_top_scored_candidate() -> None:
    choices = _choices()
    assert choice_accuracy(choices, {"subject": -1.0}) == 0.0
    assert choice_accuracy(choices, {"subject": 1.0}) == 1.0
    assert choice_accuracy([], {"subject": 1.0}) == 0.0


def test_a_stronger_penalty_shrinks_the_weights() -> None:
    choices = _choices()
    assert abs(fit(choices, l2=10.0)["subject"]) < abs(fit(choices, l2=0.1)["subject"])
