"""The HTML pages: search, exports, speakers, a speaker's quotes, a quote in its article,
and the index figures. Each view parses its arguments, calls the library, renders."""

from __future__ import annotations

import json
from dataclasses import replace

from flask import Blueprint, Response, abort, current_app, render_template, request

from quotesearch.records import SPEAKER_KIND_LABELS
from web.marking import marked_paragraphs, marked_text
from web.params import MAX_QUERY_CHARS, parse_search
from web.searching import all_hits, hits_csv, run_search
from web.store import get_index

bp = Blueprint("pages", __name__)
# Result cards mark the words a search matched: {% for s in marked_text(hit.text, hit.matches) %}.
bp.add_app_template_global(marked_text, "marked_text")
# Speaker lists tag speakers that are not named people: {{ kind_labels[s.kind] }}.
bp.add_app_template_global(SPEAKER_KIND_LABELS, "kind_labels")

SPEAKER_LIST_LIMIT = 50


@bp.get("/")
def search() -> str:
    """The search page: the box, filters, facets and a page of highlighted results."""
    params = parse_search(request.args)
    outcome = run_search(get_index(), params)
    return render_template("search.html", outcome=outcome, params=outcome.params)


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
    headers = {"Content-Disposition": f'attachment; filename="quotes.{fmt}"'}
    return Response(body, mimetype=mimetype, headers=headers)


@bp.get("/speakers")
def speakers() -> str:
    """Every speaker with their quote counts, or those a loose `name` matches."""
    registry = get_index().speakers
    name = request.args.get("name", "", type=str).strip()[:MAX_QUERY_CHARS]
    if name:
        found = registry.lookup(name, limit=SPEAKER_LIST_LIMIT)
        listed = [speaker for speaker, _ in found]
    else:
        listed = list(registry.speakers)
    return render_template("speakers.html", speakers=listed, name=name, total=len(registry))


@bp.get("/speakers/<speaker_id>")
def speaker(speaker_id: str) -> str:
    """Everything one speaker said, newest first, searchable within."""
    index = get_index()
    found = index.speakers.get(speaker_id)
    if found is None:
        abort(404, description=f"No speaker has the id {speaker_id!r}.")
    params = parse_search(request.args)
    if "sort" not in request.args:
        params = replace(params, sort="date")
    params = replace(params, speaker=found.id, who="")
    outcome = run_search(index, params)
    # Links keep the order explicit: this page defaults to newest first, the search to score.
    page_args = {"speaker_id": found.id}
    if params.sort == "score":
        page_args["sort"] = "score"
    return render_template(
        "speaker.html",
        speaker=found,
        outcome=outcome,
        params=replace(outcome.params, speaker=""),
        page_args=page_args,
    )


@bp.get("/quotes/<path:quote_id>")
def quote(quote_id: str) -> str:
    """A quote in its article, its other sources, and how it was attributed."""
    index = get_index()
    hit = index.quote(quote_id)
    if hit is None:
        abort(404, description=f"No quote has the id {quote_id!r}.")
    article = index.article(hit.doc_id)
    paragraphs = marked_paragraphs(article.text, [(hit.start, hit.end)]) if article else []
    others = [h for h in index.group(hit.group_id) if h.quote_id != hit.quote_id]
    speaker = index.speakers.get(hit.speaker_id) if hit.speaker_id else None
    return render_template(
        "quote.html",
        hit=hit,
        article=article,
        paragraphs=paragraphs,
        others=others,
        speaker=speaker,
    )


@bp.get("/about")
def about() -> str:
    """What the index holds: articles, quotes, speakers and when it was built."""
    return render_template("about.html", stats=get_index().stats())
