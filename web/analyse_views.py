"""The Analyse page: paste an article or upload a page, see its quotes highlighted in place
with their speakers; nothing is stored unless the user asks and the server allows it."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext

from quotesearch.errors import QuotesearchError
from quotesearch.records import Analysis
from web.analysing import analyse_submission, analysis_slot
from web.marking import marked_paragraphs
from web.store import get_index
from web.submissions import add_to_index, read_submission

bp = Blueprint("analyse", __name__)


@bp.get("/analyse")
def form() -> str:
    """The empty form (the bookmarklet opens it and sends it the page to analyse)."""
    return render_template("analyse.html", analysis=None, url=request.args.get("url", ""))


@bp.post("/analyse")
def submit() -> str:
    """Analyse the pasted text or uploaded file, and add it to the index if asked."""
    wants_add = request.form.get("add") == "1"
    if wants_add and not current_app.config["ALLOW_ADD"]:
        abort(403, description=gettext("Adding to the index is disabled on this server."))
    url = request.form.get("url", "").strip()[:2000]
    has_text = (request.form.get("text") or "").strip() or (request.form.get("html") or "").strip()
    has_file = request.files.get("file") and request.files["file"].filename
    fetch = bool(url and not has_text and not has_file)
    if fetch and not current_app.config["ALLOW_FETCH"]:
        abort(
            403,
            description=gettext(
                "This server does not fetch pages: paste the article's text, or use the "
                "bookmarklet on the About page."
            ),
        )
    with analysis_slot():
        submission = read_submission(
            text=request.form.get("text"),
            upload=request.files.get("file"),
            title=request.form.get("title"),
            max_chars=current_app.config["ANALYSE_MAX_CHARS"],
            html=request.form.get("html"),
            url=url or None,
            fetch=fetch,
        )
        analysis = analyse_submission(submission)
    article = analysis.article
    report = add_to_index(analysis, Path(current_app.config["INDEX_DIR"])) if wants_add else None
    paragraphs = marked_paragraphs(article.text, [(q.start, q.end) for q in analysis.quotes])
    return render_template(
        "analyse.html",
        analysis=analysis,
        paragraphs=paragraphs,
        labels=[q.speaker or gettext("speaker unknown") for q in analysis.quotes],
        known=_known_speakers(analysis),
        report=report,
        text=request.form.get("text", ""),
        title=request.form.get("title", ""),
        url=url,
    )


def _known_speakers(analysis: Analysis) -> dict[str, str]:
    """The id of the indexed speaker each speaker name of the analysis is, when one is: the
    link to what they said elsewhere."""
    try:
        registry = get_index().speakers
    except QuotesearchError:
        return {}
    known = {}
    for name in {q.speaker for q in analysis.quotes if q.speaker}:
        try:
            known[name] = registry.resolve_name(name).id
        except QuotesearchError:
            continue
    return known
