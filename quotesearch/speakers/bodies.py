"""The fuller name an article gives a generic body (« le gouvernement » → « gouvernement
espagnol », « l'Agence » → « Agence régionale de santé Centre-Val de Loire »), read from the
words that follow the noun in the text. Pure functions, used by the registry."""

from __future__ import annotations

import re
from collections import Counter

from quotesearch.lang import names_fr as lang
from quotesearch.lang.nationalities_fr import NATIONALITIES
from quotesearch.speakers import names
from quotesearch.text import fold

_QUALIFYING_ENDINGS = (
    "al", "ale", "aux", "ique", "ien", "ienne", "ais", "aise", "éen", "éenne", "ier", "ière",
    "aire", "ional", "ionale", "ain", "aine",
)  # fmt: skip
_VAGUE_QUALIFIERS = frozenset(
    "actuel actuelle nouveau nouvelle dernier dernière prochain prochaine précédent même".split()
)
_CONNECTORS = ("de la", "de l'", "de l’", "du", "des", "de", "d'", "d’")
_TOKEN = re.compile(r"[\w-]+[’']?|[^\w\s]")


def _qualifies(word: str) -> bool:
    if word[:1].isupper():
        # « ministre des Armées Florence Parly »: a person's name ends the body's.
        return not names.is_given_name(word)
    low = word.lower()
    if low in NATIONALITIES:
        return True
    return low not in _VAGUE_QUALIFIERS and len(low) > 4 and low.endswith(_QUALIFYING_ENDINGS)


def qualified_phrase(noun: str, text: str) -> str | None:
    """The one fuller name the article gives a generic body (« gouvernement » → « gouvernement
    espagnol », « Agence » → « Agence régionale de santé Centre-Val de Loire »), or None when
    it gives none or several as often."""
    found: Counter = Counter()
    written: dict[str, str] = {}
    for match in re.finditer(rf"(?<![\w-]){re.escape(noun)}(?![\w-])", text, re.IGNORECASE):
        tokens = list(_TOKEN.finditer(text, match.end(), min(len(text), match.end() + 120)))
        end, k, after_connector = None, 0, False
        while k < len(tokens):
            tok = tokens[k].group()
            pair = f"{tok} {tokens[k + 1].group()}" if k + 1 < len(tokens) else ""
            if not after_connector and pair.lower() in _CONNECTORS:
                after_connector, k = True, k + 2
                continue
            if not after_connector and tok.lower() in _CONNECTORS:
                after_connector, k = True, k + 1
                continue
            if tok[:1].isalnum() and (
                _qualifies(tok)
                or (after_connector and tok.lower() not in lang.DETERMINERS and tok.isalpha())
            ):
                end, after_connector, k = tokens[k].end(), False, k + 1
                continue
            break
        if end is None:
            continue
        phrase = text[match.start() : end]
        key = fold(phrase)
        found[key] += 1
        written.setdefault(key, phrase)
    ranked = found.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return written[ranked[0][0]]
