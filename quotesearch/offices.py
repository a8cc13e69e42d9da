"""Who held an office on a given day, and which office a role phrase names.

A role speaker (« le ministre de l'Intérieur », « le chef de la diplomatie russe ») is a person
the reader of the article knew by the date: this module turns the folded role key that
`quotesearch.extract.mentions.role_key` gives into an office id (« fr/ministre de l interieur »,
« ru/ministre des affaires etrangeres ») and the office and a date into its holder's name. The
facts live in `quotesearch/lang/offices_fr.json`: terms start on their first day and end on the
first day of the successor (end exclusive); a term still running is counted up to the table's
`verified_to` day only, so that a change the table does not know about gives no holder rather
than a wrong one.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from quotesearch.errors import QuotesearchError
from quotesearch.lang.nationalities_fr import NATIONALITIES
from quotesearch.text import fold

_TABLE_FILE = "offices_fr.json"
# The function every generic head noun (« dirigeant », « numéro un », « patron ») folds to:
# it names the body's leading office, never a default country's.
_LEADER = "dirigeant"
# Offices whose holder is one of many ministers: words of the rest of a long portfolio name
# (« ministre des Solidarités et de la Santé ») do not make the role someone else's.
_MINISTER = "ministre"


class UnknownOfficeError(QuotesearchError):
    """An office id that the office table does not hold."""

    def __init__(self, office: str) -> None:
        super().__init__(
            f"unknown office {office!r}: office ids are those of quotesearch/lang/{_TABLE_FILE} "
            "(for instance 'fr/president'), as office_of() returns them"
        )
        self.office = office


@dataclass(frozen=True)
class Term:
    """One person's time in one office: `start` inclusive, `end` exclusive, None if running."""

    name: str
    start: datetime.date
    end: datetime.date | None


@dataclass(frozen=True)
class Office:
    """An office, the role phrases that name it and who held it when."""

    id: str
    label: str
    answers: tuple[frozenset[str], ...]
    terms: tuple[Term, ...]

    @property
    def scope(self) -> str:
        """The country code or body the office belongs to (« fr », « cgt », « onu »)."""
        return self.id.split("/", 1)[0]


@dataclass(frozen=True)
class OfficeTable:
    """The office table as read from its data file, with the word lists `office_of` uses."""

    offices: dict[str, Office]
    verified_to: datetime.date
    function_forms: dict[str, str]
    qualifier_forms: dict[str, str]
    former: frozenset[str]
    neutral: frozenset[str]
    portfolio_words: frozenset[str]
    countries: dict[str, str]
    bodies: dict[str, tuple[frozenset[str], ...]]
    leaders: dict[str, str]

    def in_scope(self, scope: str) -> list[Office]:
        return [o for o in self.offices.values() if o.scope == scope]


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _answer(text: str) -> frozenset[str]:
    # « premier+ministre »: a function and the qualifier words it needs, all folded.
    return frozenset(fold(part) for part in text.split("+"))


@cache
def office_table() -> OfficeTable:
    """The office table shipped in `quotesearch/lang/`, read once."""
    raw = json.loads(resources.files("quotesearch.lang").joinpath(_TABLE_FILE).read_text("utf-8"))
    offices = {
        office_id: Office(
            id=office_id,
            label=entry["label"],
            answers=tuple(_answer(a) for a in entry["answers"]),
            terms=tuple(
                Term(name, _date(start), _date(end) if end else None)
                for name, start, end in entry["terms"]
            ),
        )
        for office_id, entry in raw["offices"].items()
    }
    countries = {fold(adjective): code for adjective, code in NATIONALITIES.items()}
    countries.update(raw["country_names"])
    return OfficeTable(
        offices=offices,
        verified_to=_date(raw["verified_to"]),
        function_forms=raw["function_forms"],
        qualifier_forms=raw["qualifier_forms"],
        former=frozenset(raw["former"]),
        neutral=frozenset(raw["neutral"]),
        portfolio_words=frozenset(raw["portfolio_words"]),
        countries=countries,
        bodies={
            body: tuple(frozenset(key) for key in keys) for body, keys in raw["bodies"].items()
        },
        leaders=raw["leaders"],
    )


def _scopes(table: OfficeTable, qualifiers: set[str]) -> dict[str, set[str]]:
    """The countries and bodies the qualifiers name, each with the words that name it."""
    scopes: dict[str, set[str]] = {}
    for word in qualifiers:
        code = table.countries.get(word)
        if code:
            scopes.setdefault(code, set()).add(word)
    for body, keys in table.bodies.items():
        for key in keys:
            if key <= qualifiers:
                scopes.setdefault(body, set()).update(key)
    return scopes


def office_of(function: str, qualifiers: frozenset[str], *, country: str = "fr") -> str | None:
    """The office a role key names (« premier ministre », {« britannique »} →
    « gb/premier ministre »), or None when it names none, several, a former holder
    (« ancien », « ex ») or carries a word the table cannot place (« président du Sénat »).
    A national office with no country word is `country`'s; a generic head (« dirigeant »,
    « numéro un », « patron ») needs a country or body word."""
    table = office_table()
    function = fold(function)
    function = table.function_forms.get(function, function)
    if function.split(" ", 1)[0] in table.former:
        return None  # « ex ministre », from « l'ex-ministre »
    words = {fold(q) for q in qualifiers}
    words = {table.qualifier_forms.get(w, w) for w in words if w}
    if words & table.former:
        return None
    scopes = _scopes(table, words)
    explicit = bool(scopes)
    if not explicit:
        scopes = {country: set()}
    bag = words | {function}
    found: list[tuple[int, Office, frozenset[str], set[str]]] = []
    for scope, naming in scopes.items():
        for office in table.in_scope(scope):
            for answer in office.answers:
                if function in answer and answer <= bag:
                    found.append((len(answer), office, answer, naming))
        leader = table.leaders.get(scope)
        if function == _LEADER and explicit and leader:
            found.append((1, table.offices[leader], frozenset({function}), naming))
    if not found:
        return None
    best = max(size for size, *_ in found)
    chosen = {
        (o.id, answer, frozenset(naming)) for size, o, answer, naming in found if size == best
    }
    if len({office_id for office_id, _, _ in chosen}) != 1:
        return None  # « ministre du Travail et de la Santé »: two offices
    office_id, answer, naming = next(iter(chosen))
    leftover = words - answer - naming - table.neutral
    if _MINISTER in answer:
        leftover -= table.portfolio_words
    return None if leftover else office_id


def office(office_id: str) -> Office:
    """The office of that id; UnknownOfficeError if the table holds none."""
    try:
        return office_table().offices[office_id]
    except KeyError:
        raise UnknownOfficeError(office_id) from None


def _holds(term: Term, on: datetime.date, verified_to: datetime.date) -> bool:
    if on < term.start:
        return False
    return on < term.end if term.end is not None else on <= verified_to


def holder(office_id: str, on: datetime.date) -> str | None:
    """The full name of whoever held the office that day, or None (an interim the table leaves
    out, a date before its first term or after it was last checked)."""
    table = office_table()
    for term in office(office_id).terms:
        if _holds(term, on, table.verified_to):
            return term.name
    return None


def offices_held(name: str, on: datetime.date) -> list[str]:
    """The ids of the offices the person of that full name held that day, in table order."""
    table = office_table()
    held = [o for o, t in _terms_by_name().get(fold(name), ()) if _holds(t, on, table.verified_to)]
    return list(dict.fromkeys(held))


def terms_of(name: str) -> Iterable[tuple[str, Term]]:
    """Every (office id, term) of the person of that full name, in table order."""
    yield from _terms_by_name().get(fold(name), ())


@cache
def _terms_by_name() -> dict[str, tuple[tuple[str, Term], ...]]:
    """Every (office id, term) by the holder's folded name, in table order."""
    found: dict[str, list[tuple[str, Term]]] = {}
    for o in office_table().offices.values():
        for t in o.terms:
            found.setdefault(fold(t.name), []).append((o.id, t))
    return {name: tuple(terms) for name, terms in found.items()}


@cache
def _offices_by_name() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for o in office_table().offices.values():
        for t in o.terms:
            found.setdefault(fold(t.name), set()).add(o.id)
    return {name: frozenset(ids) for name, ids in found.items()}


def offices_ever(name: str) -> frozenset[str]:
    """The ids of every office the person of that full name ever held (a look-up, not a scan:
    attribution asks it for every candidate of every quote)."""
    return _offices_by_name().get(fold(name), frozenset()) if name else frozenset()
