"""A search as the web app runs it: the speaker box resolved, the index searched, a speaker's
quotes and a quote's other sources found, the results exported as CSV or JSON."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from flask import abort
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from quotesearch.errors import AmbiguousSpeaker, SpeakerNotFound
from quotesearch.records import Speaker
from web.cards import UNCERTAIN_BELOW
from web.params import BadParameter, SearchParams, parse_search

if TYPE_CHECKING:
    from quotesearch.search.index import Hit, QuoteIndex, SearchPage

# Columns of the CSV export, in order: the quote, who said it, and where it was published.
CSV_COLUMNS = (
    "quote_id",
    "text",
    "sentence",
    "kind",
    "speaker",
    "role",
    "speaker_id",
    "mention",
    "cue",
    "confidence",
    "date",
    "title",
    "source",
    "url",
    "doc_id",
    "group_id",
)


@dataclass(frozen=True)
class SearchOutcome:
    """The results page of a search, with the speaker the filters name and any notice, and
    every report of each statement on the page that several articles report (by group id,
    earliest first)."""

    params: SearchParams
    results: SearchPage
    speaker: Speaker | None = None
    candidates: list[Speaker] = field(default_factory=list)
    notice: str | None = None
    reports: dict[str, list[Hit]] = field(default_factory=dict)

    def views(self) -> list[tuple[str, int]]:
        """The tabs of the results (statements, fragments, all) with their quote counts."""
        kinds = dict(self.results.kinds)
        fragments = kinds.get("partial", 0)
        return [
            ("statements", sum(kinds.values()) - fragments),
            ("fragments", fragments),
            ("all", sum(kinds.values())),
        ]


def resolve_filters(
    index: QuoteIndex, params: SearchParams
) -> tuple[Speaker | None, list[Speaker], str | None]:
    """The speaker the parameters name (by id, or by the fuzzy `who` box), candidates when the
    box names several, and a notice when it names none; an unknown id is a BadParameter."""
    registry = index.speakers
    if params.speaker:
        speaker = registry.get(params.speaker)
        if speaker is None:
            expected = gettext("a speaker id listed on /speakers")
            raise BadParameter("speaker", params.speaker, expected)
        return speaker, [], None
    if not params.who:
        return None, [], None
    try:
        return registry.resolve_name(params.who), [], None
    except AmbiguousSpeaker as error:
        notice = gettext("“%(who)s” may name several speakers.", who=params.who)
        return None, list(error.candidates), notice
    except SpeakerNotFound:
        notice = gettext("No speaker matches “%(who)s”; showing every speaker.", who=params.who)
        return None, [], notice


def run_search(
    index: QuoteIndex, params: SearchParams, *, sure_fragments: float | None = None
) -> SearchOutcome:
    """Search the index as `params` asks, one hit per statement; raises QueryError or
    BadParameter on bad input. `sure_fragments` leaves out the fragments attributed with less
    confidence."""
    speaker, candidates, notice = resolve_filters(index, params)
    if speaker is not None:
        params = replace(params, speaker=speaker.id, who="")
    results = index.search(
        params.q,
        **_filters(params, speaker),
        sure_fragments=sure_fragments,
        one_per_statement=True,
        page=params.page,
        per_page=params.per_page,
    )
    reports = statement_reports(index, results.hits)
    return SearchOutcome(params, results, speaker, candidates, notice, reports)


def statement_reports(index: QuoteIndex, hits: list[Hit]) -> dict[str, list[Hit]]:
    """Every report of each statement of `hits` that several articles report, by group id,
    earliest first."""
    return {
        hit.group_id: index.group(hit.group_id)
        for hit in hits
        if index.statement_size(hit.group_id) > 1
    }


def speaker_quotes(
    index: QuoteIndex, speaker_id: str, args: MultiDict
) -> tuple[Speaker, SearchOutcome]:
    """One speaker (404 for an unknown id) and the page of their quotes that `args` asks for,
    newest first unless `sort` is given; a speaker named in `args` is replaced by this one."""
    speaker = index.speakers.get(speaker_id)
    if speaker is None:
        abort(404, description=gettext("No speaker has the id %(id)s.", id=repr(speaker_id)))
    args = args.copy()
    args.setdefault("sort", "date")
    args["speaker"] = speaker.id
    args.pop("who", None)
    # A fragment whose speaker is uncertain is not shown as this speaker's words.
    return speaker, run_search(index, parse_search(args), sure_fragments=UNCERTAIN_BELOW)


def quote_and_others(index: QuoteIndex, quote_id: str) -> tuple[Hit, list[Hit]]:
    """A quote (404 for an unknown id) and the other sources of the same statement: its
    near-duplicates in other articles."""
    hit = index.quote(quote_id)
    if hit is None:
        abort(404, description=gettext("No quote has the id %(id)s.", id=repr(quote_id)))
    return hit, [h for h in index.group(hit.group_id) if h.quote_id != hit.quote_id]


def all_hits(index: QuoteIndex, params: SearchParams, *, limit: int) -> list[Hit]:
    """Every hit of a search, up to `limit`, for the exports."""
    speaker, _, _ = resolve_filters(index, params)
    return list(index.iter_hits(params.q, **_filters(params, speaker), limit=limit))


def _filters(params: SearchParams, speaker: Speaker | None) -> dict[str, Any]:
    """The filters and order of a search, as `QuoteIndex.search` and `iter_hits` take them."""
    since, until = params.dates()
    # A kind asked for wins over the tab: the tab then shows everything of that kind.
    view = "all" if params.kind else params.view
    return {
        "speaker_id": speaker.id if speaker else None,
        "since": since,
        "until": until,
        "kind": params.kind or ("partial" if view == "fragments" else None),
        "source": params.source or None,
        "full_statements": params.full or view == "statements",
        "sort": params.order(),
    }


def hits_csv(hits: list[Hit]) -> str:
    """The hits as CSV text with a header row (CSV_COLUMNS), opened by a byte-order mark so
    that a spreadsheet reads it as UTF-8; `sentence` is the sentence around the quote and
    `role` the speaker's affiliation and role."""
    from web.cards import speaker_role

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for hit in hits:
        row = hit.to_dict()
        row["sentence"] = hit.context
        row["role"] = speaker_role(hit.speaker_note)
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value: object) -> object:
    # A cell starting with = + - @ is run as a formula by spreadsheets: quote it.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value
