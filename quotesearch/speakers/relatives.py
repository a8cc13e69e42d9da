"""Short forms that name someone of a person's family rather than the person: what a
civility of the other gender, a kinship noun before the form or a lone given name of the other
gender says (« Mme Rugy » beside François de Rugy, « leur benjamine Anne »). Pure functions
over the article's text, used by the registry to tell relatives apart inside an article."""

from __future__ import annotations

import re
from functools import cache

from quotesearch.lang import gazetteer_fr as gazetteer
from quotesearch.lang import names_fr as lang
from quotesearch.text import fold


def _occurrences(words: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(words), text)] if words else []


def _word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] in "’'-")


@cache
def _kinship_pattern() -> re.Pattern:
    nouns = "|".join(sorted(map(re.escape, lang.KINSHIP_NOUNS), key=len, reverse=True))
    fillers = "|".join(sorted(lang.KINSHIP_FILLERS))
    return re.compile(
        rf"\b(?:sa|son|ses|leur|leurs|notre|votre)\s+(?:(?:{fillers})\s+)?({nouns})"
        rf"(?:\s+(?:{fillers}|aînée?|cadette?))?\s*,?\s+$",
        re.IGNORECASE,
    )


def kin_before(form: str, text: str) -> str | None:
    """The gender of the kinship noun written right before `form` in the article (« leur
    benjamine Anne »: "f"), or None when the form never follows one."""
    for start in _occurrences(form, text):
        end = start + len(form)
        if _word_char(text, start - 1) or _word_char(text, end):
            continue
        if re.match(r"[\s-]+[A-ZÀ-Ý]", text[end : end + 3]):
            continue  # « son père Kim Jong-il »: the form opens a longer name
        found = _kinship_pattern().search(text[max(0, start - 40) : start])
        if found:
            return lang.KINSHIP_NOUNS.get(found.group(1).lower())
    return None


def lone_given_gender(word: str) -> str | None:
    """The gender a lone given name carries (« Anne »: "f"), or None when it has both."""
    first = fold(word)
    male, female = first in gazetteer.MALE_GIVEN_NAMES, first in gazetteer.FEMALE_GIVEN_NAMES
    return "m" if male and not female else "f" if female and not male else None


# Lower-case words that qualify a generic body: adjectives of these endings (« régionale »,
# « national », « sanitaire »), and nationalities.
