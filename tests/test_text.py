"""Folding: the one rule for comparing written names and quotes."""

import pytest

from quotesearch.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Élisabeth Borne", "elisabeth borne"),
        ("Kim Jong-un", "kim jong un"),
        ("Kim Jong‑Un", "kim jong un"),  # non-breaking hyphen
        ("L’Élysée — l'été", "l elysee l ete"),
        ("J.-L. Mélenchon", "j l melenchon"),
        ("  Sergueï   LAVROV ", "serguei lavrov"),
        ("« Nous irons », a-t-il dit", "« nous irons », a t il dit"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
