"""Search parameters read from a request's query string, with types and bounds.

Pages, exports and the JSON API read the same parameters, so a page's URL is its permalink
and the same query string works on `/api/search`.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import asdict, dataclass, replace
from datetime import date

from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from quotesearch.errors import QuotesearchError
from quotesearch.records import QUOTE_KINDS, SORTS, SPEAKER_KINDS
from quotesearch.search.speaker_list import SPEAKER_SORTS

MAX_PAGE = 10_000
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_QUERY_CHARS = 500
# What a page of results lists first: full statements (direct and reported speech), the
# fragments and terms quoted inside the author's sentences, or everything.
VIEWS = ("statements", "fragments", "all")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class BadParameter(QuotesearchError):
    """A query-string parameter has a value the app cannot use; `expected` says what it takes,
    in the interface language (the message is written when it is raised, in a request)."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        shown = value if len(value) <= 60 else value[:57] + "…"
        super().__init__(
            gettext(
                "parameter %(name)s=%(value)s is not valid: expected %(expected)s",
                name=name,
                value=repr(shown),
                expected=expected,
            )
        )
        self.name = name


@dataclass(frozen=True)
class SearchParams:
    """One search as the user asked it: words, filters, order and page."""

    q: str = ""
    speaker: str = ""
    who: str = ""
    since: date | None = None
    until: date | None = None
    kind: str = ""
    source: str = ""
    # A year (YYYY) and a month of it (YYYY-MM), as the date facets choose them.
    year: str = ""
    month: str = ""
    # Full statements only: partial quotes (a few words inside the author's sentence) left out.
    full: bool = False
    view: str = "statements"
    # "" orders by match for a query, newest first for every quote.
    sort: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def query_args(self, **changes: object) -> dict[str, str]:
        """The parameters that differ from the defaults, as strings for `url_for`."""
        current = replace(self, **changes) if changes else self
        defaults = asdict(SearchParams())
        args = {}
        for key, value in asdict(current).items():
            if value != defaults[key] and value is not None:
                if isinstance(value, bool):
                    args[key] = "1"
                else:
                    args[key] = value.isoformat() if isinstance(value, date) else str(value)
        return args

    def order(self) -> str:
        """The order of the results: the one asked, else best match for words and newest
        first for every quote."""
        return self.sort or ("score" if self.q else "date")

    def dates(self) -> tuple[date | None, date | None]:
        """The first and last day searched: since/until narrowed to the year or month."""
        first, last = self.since, self.until
        period = self.month or self.year
        if period:
            year, _, month = period.partition("-")
            start = date(int(year), int(month or 1), 1)
            end = date(int(year), int(month or 12), monthrange(int(year), int(month or 12))[1])
            first = max(first, start) if first else start
            last = min(last, end) if last else end
        return first, last


def _text(args: MultiDict, name: str, limit: int = MAX_QUERY_CHARS) -> str:
    value = args.get(name, "", type=str).strip()
    if "\x00" in value:
        raise BadParameter(name, value, gettext("text without NUL characters"))
    if len(value) > limit:
        raise BadParameter(name, value, gettext("at most %(num)d characters", num=limit))
    return value


def _int(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name, "", type=str).strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        expected = gettext("a whole number from %(low)d to %(high)d", low=low, high=high)
        raise BadParameter(name, raw, expected) from None
    # Out-of-range numbers are clamped: page=999999 shows an empty last page, not an error.
    return min(max(value, low), high)


def _date(args: MultiDict, name: str) -> date | None:
    raw = args.get(name, "", type=str).strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, raw, gettext("a date written YYYY-MM-DD")) from None


def _choice(args: MultiDict, name: str, choices: tuple[str, ...], default: str) -> str:
    raw = args.get(name, "", type=str).strip()
    if not raw:
        return default
    if raw not in choices:
        raise BadParameter(name, raw, gettext("one of %(choices)s", choices=", ".join(choices)))
    return raw


def _period(args: MultiDict) -> tuple[str, str]:
    """The year (YYYY) and month (YYYY-MM) parameters; a month implies its year."""
    year = args.get("year", "", type=str).strip()
    month = args.get("month", "", type=str).strip()
    if year and not (_YEAR.fullmatch(year) and year != "0000"):
        raise BadParameter("year", year, gettext("a year written YYYY"))
    if month and not (_MONTH.fullmatch(month) and not month.startswith("0000")):
        raise BadParameter("month", month, gettext("a month written YYYY-MM"))
    if month and year and not month.startswith(year):
        raise BadParameter("month", month, gettext("a month of year=%(year)s", year=year))
    return (year or month[:4]), month


def _flag(args: MultiDict, name: str) -> bool:
    raw = args.get(name, "", type=str).strip().lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise BadParameter(name, raw, gettext("1 or 0"))


def parse_search(args: MultiDict) -> SearchParams:
    """Read the search parameters (q, speaker, who, since, until, kind, source, year, month,
    full, view, sort, page, per_page)."""
    since, until = _date(args, "since"), _date(args, "until")
    if since and until and since > until:
        expected = gettext("a date on or after since=%(since)s", since=since.isoformat())
        raise BadParameter("until", until.isoformat(), expected)
    year, month = _period(args)
    return SearchParams(
        q=_text(args, "q"),
        speaker=_text(args, "speaker", 200),
        who=_text(args, "who", 200),
        since=since,
        until=until,
        kind=_choice(args, "kind", QUOTE_KINDS, ""),
        source=_text(args, "source", 200),
        year=year,
        month=month,
        full=_flag(args, "full"),
        view=_choice(args, "view", VIEWS, "statements"),
        sort=_choice(args, "sort", SORTS, ""),
        page=_int(args, "page", 1, 1, MAX_PAGE),
        per_page=_int(args, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


def parse_speaker_list(args: MultiDict) -> dict[str, str | int]:
    """Read the parameters of a speaker list (name, kind, sort, page), as `list_speakers`
    takes them; a name longer than MAX_QUERY_CHARS is cut."""
    return {
        "name": args.get("name", "", type=str).strip()[:MAX_QUERY_CHARS],
        "kind": _choice(args, "kind", SPEAKER_KINDS, ""),
        "sort": _choice(args, "sort", SPEAKER_SORTS, ""),
        "page": _int(args, "page", 1, 1, MAX_PAGE),
    }
