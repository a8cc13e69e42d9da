"""The JSON API: the same searches and records as the pages, under /api/.

Every error is a JSON object {"error": message, "status": code} with a 4xx status (503 when
the server has no index); see docs/api.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.wrappers import Response

from quotesearch.errors import ArticleError
from quotesearch.search.index import Hit
from quotesearch.search.speaker_list import list_speakers
from web.analysing import analyse_submission, analysis_slot
from web.params import MAX_PER_PAGE, parse_search, parse_speaker_list
from web.searching import quote_and_others, run_search, speaker_quotes
from web.store import get_index
from web.submissions import add_to_index, read_submission

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_LOOKUP = 100
# What a hit says of each other article reporting its statement.
REPORT_FIELDS = ("quote_id", "doc_id", "title", "source", "date", "url")


@bp.get("/")
def index() -> Response:
    """What the API answers: each address, its methods and what it returns (docs/api.md)."""
    endpoints = []
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith(bp.name + ".") or rule.endpoint == bp.name + ".index":
            continue
        view = current_app.view_functions[rule.endpoint]
        summary = " ".join((view.__doc__ or "").split())
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        endpoints.append({"path": rule.rule, "methods": methods, "description": summary})
    return jsonify({"name": "quotesearch", "documentation": "docs/api.md", "endpoints": endpoints})


@bp.get("/search")
def search() -> Response:
    """A page of results: hits, total, pages, speaker facets and a suggestion."""
    outcome = run_search(get_index(), parse_search(request.args))
    results = outcome.results
    return jsonify(
        {
            "query": outcome.params.query_args(),
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "statements": results.statements,
            "views": dict(outcome.views()),
            "hits": [_hit(hit, outcome.reports) for hit in results.hits],
            "facets": [
                {"speaker_id": sid, "name": name, "count": count}
                for sid, name, count in results.facets
            ],
            "suggestion": results.suggestion,
            "notice": outcome.notice,
            "candidates": [s.to_dict() for s in outcome.candidates],
        }
    )


def _hit(hit: Hit, reports: dict[str, list[Hit]]) -> dict[str, Any]:
    """A hit as JSON, with the other articles reporting the same statement, earliest first."""
    data = hit.to_dict()
    data["also_reported_by"] = [
        {key: report.to_dict()[key] for key in REPORT_FIELDS}
        for report in reports.get(hit.group_id, [])
        if report.doc_id != hit.doc_id
    ]
    return data


@bp.get("/speakers")
def speakers() -> Response:
    """A page of the speakers, most quoted first, or those a loose `name` matches with their
    scores, best first; `kind`, `sort` (quotes, name, latest, match), `page` and `per_page`
    as on /speakers."""
    args = parse_speaker_list(request.args)
    if args["name"]:
        limit = min(max(request.args.get("limit", 10, type=int), 1), MAX_LOOKUP)
    else:
        limit = MAX_LOOKUP
    per_page = min(max(request.args.get("per_page", MAX_PER_PAGE, type=int), 1), MAX_PER_PAGE)
    found = list_speakers(get_index(), **args, per_page=per_page, limit=limit)
    listed = []
    for row in found.rows:
        data = row.speaker.to_dict()
        data["latest"] = row.latest.isoformat() if row.latest else None
        if row.score is not None:
            data["score"] = round(row.score, 1)
        listed.append(data)
    return jsonify(
        {"total": found.total, "page": found.page, "pages": found.pages, "speakers": listed}
    )


@bp.get("/speakers/<speaker_id>")
def speaker(speaker_id: str) -> Response:
    """One speaker and a page of their quotes, newest first unless `sort` says otherwise."""
    found, outcome = speaker_quotes(get_index(), speaker_id, request.args)
    return jsonify(
        {
            "speaker": found.to_dict(),
            "total": outcome.results.total,
            "page": outcome.results.page,
            "pages": outcome.results.pages,
            "statements": outcome.results.statements,
            "views": dict(outcome.views()),
            "quotes": [_hit(hit, outcome.reports) for hit in outcome.results.hits],
        }
    )


@bp.get("/quotes/<path:quote_id>")
def quote(quote_id: str) -> Response:
    """One quote, its article's metadata, and the other sources of the same statement."""
    hit, others = quote_and_others(get_index(), quote_id)
    return jsonify({"quote": hit.to_dict(), "same_statement": [h.to_dict() for h in others]})


@bp.post("/analyse")
def analyse() -> Response:
    """Analyse a text sent as JSON {"text": …} or a form with `text` or a `file` upload."""
    with analysis_slot():
        fields = _analyse_fields()
        wants_add = fields.get("add") in (True, "1", "true")
        if wants_add and not current_app.config["ALLOW_ADD"]:
            abort(403, description="Adding to the index is disabled on this server.")
        if wants_add:
            _check_cross_site()
        submission = read_submission(
            text=fields.get("text"),
            upload=request.files.get("file"),
            title=fields.get("title"),
            max_chars=current_app.config["ANALYSE_MAX_CHARS"],
        )
        analysis = analyse_submission(submission)
    data = analysis.to_dict()
    if wants_add:
        report = add_to_index(analysis, Path(current_app.config["INDEX_DIR"]))
        data["added"] = {"articles": report.articles, "quotes": report.quotes}
    return jsonify(data)


def _check_cross_site() -> None:
    """Refuse an addition another site's page could have sent: it must come as JSON (a
    cross-site form cannot send JSON without the browser asking this server first), and a
    browser's Origin, when sent, must be this server."""
    if not request.is_json:
        abort(
            415,
            description='Adding to the index takes JSON: send {"text": "…", "add": true} '
            "with Content-Type: application/json.",
        )
    origin = request.headers.get("Origin")
    if origin is not None and origin != request.host_url.rstrip("/"):
        abort(403, description=f"Additions are refused from another site ({origin}).")


def _analyse_fields() -> dict[str, Any]:
    """The text, title and add fields of a JSON or form request, checked for type."""
    if request.is_json:
        try:
            body = request.get_json(silent=True)
        except RecursionError:
            raise ArticleError(
                "request body", 'JSON nested too deeply; send {"text": "…"}'
            ) from None
        if not isinstance(body, dict):
            raise ArticleError("request body", 'not a JSON object; send {"text": "…"}')
        for key in ("text", "title"):
            if body.get(key) is not None and not isinstance(body[key], str):
                raise ArticleError("request body", f"{key!r} must be a string")
        return body
    return {key: request.form.get(key) for key in ("text", "title", "add")}
