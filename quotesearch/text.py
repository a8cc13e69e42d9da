"""Text folded for loose comparison: the one rule every stage uses to tell whether two
written names or quotes are the same words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Hyphens, dashes, apostrophes and dots separate words: « Jong-un » and « Jong Un », « l’État »
# and « l'Etat », « J.-L. » and « J L » fold alike.
_SEPARATORS = re.compile(r"[-\u2010-\u2015\u2212'\u2018\u2019\u02bc`.]")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """`text` without case or accents, hyphens, dashes, apostrophes and dots turned into spaces,
    and runs of spaces made one."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_SEPARATORS.sub(" ", text).split())
