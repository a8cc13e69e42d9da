"""The Analyse page: paste an article or upload a page, see its quotes highlighted in place
with their speakers; nothing is stored unless the user asks and the server allows it."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request

from web.marking import marked_paragraphs
from web.submissions import add_to_index, analyse_article, article_from_submission

bp = Blueprint("analyse", __name__)


@bp.get("/analyse")
def form() -> str:
    """The empty form."""
    return render_template("analyse.html", analysis=None)


@bp.post("/analyse")
def submit() -> str:
    """Analyse the pasted text or uploaded file, and add it to the index if asked."""
    wants_add = request.form.get("add") == "1"
    if wants_add and not current_app.config["ALLOW_ADD"]:
        abort(403, description="Adding to the index is disabled on this server.")
    article = article_from_submission(
        text=request.form.get("text"),
        upload=request.files.get("file"),
        title=request.form.get("title"),
        max_chars=current_app.config["ANALYSE_MAX_CHARS"],
    )
    analysis = analyse_article(article)
    report = add_to_index(analysis, Path(current_app.config["INDEX_DIR"])) if wants_add else None
    paragraphs = marked_paragraphs(article.text, [(q.start, q.end) for q in analysis.quotes])
    return render_template(
        "analyse.html",
        analysis=analysis,
        paragraphs=paragraphs,
        labels=[q.speaker or "speaker unknown" for q in analysis.quotes],
        report=report,
        text=request.form.get("text", ""),
    )
