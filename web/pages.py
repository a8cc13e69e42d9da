"""The HTML pages: search, exports, speakers, a speaker's quotes, a quote in its article,
and the index figures. Each view parses its arguments, calls the library, renders."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from urllib.parse import quote as url_quote

from flask import Blueprint, Response, current_app, render_template, request, send_from_directory
from flask_babel import lazy_gettext

from quotesearch.records import SPEAKER_KINDS
from quotesearch.search.speaker_list import SPEAKER_SORTS, list_speakers
from quotesearch.text import fold
from web.cards import (
    KIND_LABELS,
    UNCERTAIN_BELOW,
    badges,
    chips,
    citation,
    confidence,
    cue_label,
    moment,
    month_label,
    opens_speaker_page,
    result_cards,
    speaker_role,
    years,
)
from web.marking import Segment, marked_paragraphs, marked_text
from web.params import SearchParams, parse_search, parse_speaker_list
from web.searching import all_hits, hits_csv, quote_and_others, run_search, speaker_quotes
from web.store import get_index
from web.timeline import timeline

bp = Blueprint("pages", __name__)
# Result cards mark the words a search matched: {% for s in marked_text(hit.text, hit.matches) %}.
bp.add_app_template_global(marked_text, "marked_text")
for _helper in (
    badges,
    citation,
    confidence,
    cue_label,
    month_label,
    opens_speaker_page,
    speaker_role,
):
    bp.add_app_template_global(_helper)
bp.add_app_template_global(KIND_LABELS, "quote_kind_labels")
# Speaker lists tag speakers that are not named people: {{ kind_labels[s.kind] }}.
bp.add_app_template_global(
    {
        "person": lazy_gettext("person"),
        "organization": lazy_gettext("organisation"),
        "place": lazy_gettext("place"),
        "other": lazy_gettext("not a person"),
        "unnamed": lazy_gettext("unnamed speaker of one article"),
        "unknown": lazy_gettext("kind unknown"),
    },
    "kind_labels",
)

SPEAKERS_PER_PAGE = 50
# The sources listed on a speaker's page.
SPEAKER_SOURCES = 5
# How far from a quote (in characters) its speaker's name is looked for, to mark it.
CUE_REACH = 300


@bp.get("/")
def search() -> str:
    """The search page: the box, filters, facets and a page of highlighted results, one card
    per statement; the first screen says what the index holds."""
    params = parse_search(request.args)
    index = get_index()
    outcome = run_search(index, params)
    results = outcome.results
    first_screen = not any(params.query_args(page=1, view="statements", sort="").values())
    return render_template(
        "search.html",
        outcome=outcome,
        params=outcome.params,
        summary=index.summary() if first_screen else None,
        cards=result_cards(results.hits, outcome.reports),
        chips=chips(outcome.params, outcome.speaker),
        years=years(results.months),
        months=[m for m in results.months if m[0][:4] == outcome.params.year],
    )


@bp.get("/export.<any(csv, json):fmt>")
def export(fmt: str) -> Response:
    """Every result of a search (up to EXPORT_LIMIT) as a CSV or JSON download."""
    params = parse_search(request.args)
    hits = all_hits(get_index(), params, limit=current_app.config["EXPORT_LIMIT"])
    if fmt == "csv":
        body, mimetype = hits_csv(hits), "text/csv"
    else:
        data = {"query": params.query_args(page=1), "hits": [h.to_dict() for h in hits]}
        body, mimetype = json.dumps(data, ensure_ascii=False, indent=1), "application/json"
    headers = {"Content-Disposition": f'attachment; filename="{export_name(params, fmt)}"'}
    return Response(body, mimetype=mimetype, headers=headers)


def export_name(params: SearchParams, fmt: str) -> str:
    """The file name of an export, saying what was searched: the words, the speaker, the
    source and the period, in ASCII (« quotes_reforme-des-retraites_marc-delorme_2024.csv »)."""
    since, until = params.dates()
    period = params.month or params.year
    if not period and (since or until):
        period = " ".join(
            f"{word} {day}" for word, day in (("since", since), ("until", until)) if day
        )
    parts = [params.q, params.speaker or params.who, params.source, params.kind, period]
    words = [re.sub(r"[^a-z0-9]+", "-", fold(part)).strip("-")[:40] for part in parts if part]
    return "_".join(["quotes", *[w for w in words if w]]) + f".{fmt}"


@bp.get("/speakers")
def speakers() -> str:
    """A page of the speakers, with their quote counts: those a loose `name` matches, or
    everyone; of one `kind`; sorted by quotes, name or latest quote."""
    args = parse_speaker_list(request.args)
    index = get_index()
    found = list_speakers(index, **args, per_page=SPEAKERS_PER_PAGE)
    return render_template(
        "speakers.html",
        found=found,
        speakers=[row.speaker for row in found.rows],
        args={k: v for k, v in args.items() if v and k != "page"},
        name=args["name"],
        total=len(index.speakers),
        kinds=SPEAKER_KINDS,
        sorts=SPEAKER_SORTS,
    )


@bp.get("/speakers/<speaker_id>")
def speaker(speaker_id: str) -> str:
    """Everything one speaker said, newest first, searchable within."""
    index = get_index()
    found, outcome = speaker_quotes(index, speaker_id, request.args)
    everything = index.search("", speaker_id=found.id, sure_fragments=UNCERTAIN_BELOW, per_page=1)
    # Links keep the order explicit: this page defaults to newest first, the search to score.
    page_args = {"speaker_id": found.id}
    if outcome.params.sort == "score":
        page_args["sort"] = "score"
    return render_template(
        "speaker.html",
        speaker=found,
        outcome=outcome,
        params=replace(outcome.params, speaker=""),
        page_args=page_args,
        cards=result_cards(outcome.results.hits, outcome.reports),
        chips=chips(replace(outcome.params, speaker=""), None),
        timeline=timeline(everything.months),
        sources=everything.sources[:SPEAKER_SOURCES],
    )


@bp.get("/quotes/<path:quote_id>")
def quote(quote_id: str) -> str:
    """A quote in its article, its other sources, and how it was attributed."""
    index = get_index()
    hit, others = quote_and_others(index, quote_id)
    article = index.article(hit.doc_id)
    spans = [(hit.start, hit.end)]
    if article:
        spans += cue_spans(article.text, hit.mention, hit.start, hit.end)
    paragraphs = marked_paragraphs(article.text, spans) if article else []
    speaker = index.speakers.get(hit.speaker_id) if hit.speaker_id else None
    return render_template(
        "quote.html",
        hit=hit,
        article=article,
        paragraphs=paragraphs,
        others=others,
        speaker=speaker,
        named=named_in_sentence(hit.context, hit.mention),
    )


@bp.get("/about")
def about() -> str:
    """What the index holds: articles, quotes, speakers and when it was built."""
    return render_template(
        "about.html", stats=get_index().stats(), bookmarklet=bookmarklet(), built=moment
    )


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon, for browsers that ask for it at the root."""
    folder = current_app.static_folder or "static"
    return send_from_directory(folder, "favicon.svg", mimetype="image/svg+xml")


def named_in_sentence(sentence: str, mention: str | None) -> list[Segment]:
    """The quote's sentence with the words that name its speaker marked (the last time they are
    written there), or [] when the sentence does not name them."""
    if not mention or not sentence:
        return []
    found = list(re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", sentence))
    if not found:
        return []
    return marked_text(sentence, [found[-1].span()])


def cue_spans(text: str, mention: str | None, start: int, end: int) -> list[tuple[int, int]]:
    """Where the name the article gave the speaker (`mention`) is written nearest the quote
    text[start:end], within CUE_REACH characters and in its paragraph if it is there: the
    words that say who speaks."""
    if not mention or len(mention) < 2:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")
    low, high = max(0, start - CUE_REACH), min(len(text), end + CUE_REACH)
    found = [
        (m.start(), m.end())
        for m in pattern.finditer(text, low, high)
        if m.end() <= start or m.start() >= end
    ]
    # The cue is in the quote's paragraph when one is there.
    same = [span for span in found if "\n" not in text[min(span[1], end) : max(span[0], start)]]
    found = same or found
    if not found:
        return []
    nearest = min(found, key=lambda span: min(abs(span[0] - end), abs(start - span[1])))
    return [nearest]


# The bookmarklet: opens Analyse in a new window and, once it says it is ready, sends it the
# page being read (its address, title, selected text and HTML). It runs in the reader's page,
# never in ours: our pages load their own script file only.
BOOKMARKLET = (
    "(function(){var o=ORIGIN,w=window.open(o+'/analyse?from=bookmarklet','_blank');"
    "if(!w)return;var d={type:'quotesearch:page',url:location.href,title:document.title,"
    "selection:String(window.getSelection()),"
    "html:document.documentElement.outerHTML.slice(0,5000000)};"
    "window.addEventListener('message',function h(e){"
    "if(e.origin===o&&e.source===w&&e.data==='quotesearch:ready'){"
    "window.removeEventListener('message',h);w.postMessage(d,o);}});})();"
)


def bookmarklet() -> str:
    """The bookmarklet's javascript: URL for this server."""
    origin = request.host_url.rstrip("/")
    code = BOOKMARKLET.replace("ORIGIN", "'" + origin.replace("'", "") + "'")
    return "javascript:" + url_quote(code, safe="(){};,:'=.+/!&|_?[]")
