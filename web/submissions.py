"""Articles sent to the Analyse page or /api/analyse: pasted text or an uploaded .txt/.html
file read into an `Article`, analysed, and added to the index only when asked and allowed.

Analyses are bounded apart from searches: a text of at most ANALYSE_MAX_CHARS, and at most
ANALYSE_CONCURRENCY analyses at once; one more is refused at once with 503 and Retry-After
rather than queued on a server thread that searches need.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import gettext
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import ServiceUnavailable

from quotesearch.errors import ArticleError, IndexBusyError
from quotesearch.records import Analysis, Article

if TYPE_CHECKING:
    from quotesearch.search.indexing import BuildReport

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".text", "")
# The id an article analysed on the web gets: a prefix and a digest of its content, so the
# same text added twice is one article.
UPLOAD_ID_PREFIX = "web-"


def article_from_submission(
    *,
    text: str | None,
    upload: FileStorage | None,
    title: str | None,
    max_chars: int,
    html: str | None = None,
    url: str | None = None,
) -> Article:
    """The article a form or API call sent: the uploaded file if any, else the pasted text,
    else the page the bookmarklet sent (`html`, read from `url`).

    Raises ArticleError naming the upload (or « pasted text ») and what is wrong with it.
    """
    from quotesearch.articles import article_from_html, article_from_text

    title = (title or "").strip() or None
    if title is not None and not _encodable(title):
        raise ArticleError("title", "holds a lone surrogate (\\ud800–\\udfff), which is not text")
    if upload is not None and upload.filename:
        name = Path(upload.filename).name or "upload"
        suffix = Path(name).suffix.lower()
        data = upload.read(max_chars * 10 + 1)
        if suffix in HTML_SUFFIXES:
            article = article_from_html(data, id="upload", path=name, max_chars=max_chars)
        elif suffix in TEXT_SUFFIXES:
            article = article_from_text(_decode(data, name), id=name, max_chars=max_chars)
        else:
            raise ArticleError(name, "unsupported file type; upload a .txt (UTF-8) or .html file")
        if title:
            article = replace(article, title=title)
    elif text and text.strip():
        article = article_from_text(text, id="pasted text", title=title, max_chars=max_chars)
        if url:
            article = replace(article, url=url)
    elif html and html.strip():
        article = article_from_html(html, id="page", path=url or "page", max_chars=max_chars)
        article = replace(article, url=url or article.url, title=title or article.title)
    else:
        raise ArticleError("pasted text", "empty: paste an article or choose a file")
    return replace(article, id=UPLOAD_ID_PREFIX + article.content_hash)


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise ArticleError(name, "empty file")
    if b"\x00" in data:
        raise ArticleError(name, "binary file, not text; upload a .txt (UTF-8) or .html file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(
            name, f"not valid UTF-8 (byte at offset {error.start}); save it as UTF-8"
        ) from error


def analyse_article(article: Article) -> Analysis:
    """Find and attribute the quotes of one submitted article, in one of the analysis slots;
    raises ServiceUnavailable (503, with Retry-After) when every slot is taken."""
    from quotesearch.extract.pipeline import analyse_articles

    with _analysis_slot():
        return next(analyse_articles([article], n_process=1))


def add_to_index(analysis: Analysis, index_dir: Path) -> BuildReport:
    """Add one analysed article to the index (an unchanged article is not added twice), waiting
    up to ADD_WAIT seconds for another addition or build to finish."""
    from quotesearch.search.indexing import add_articles

    try:
        return add_articles([analysis], index_dir=index_dir, wait=current_app.config["ADD_WAIT"])
    except IndexBusyError as error:
        raise IndexBusyError(
            "The index is busy with another addition or a rebuild; retry in a few seconds."
        ) from error


@contextmanager
def _analysis_slot() -> Iterator[None]:
    gate = current_app.extensions["quotesearch.analyses"]
    if not gate.acquire(blocking=False):
        raise ServiceUnavailable(
            gettext("The server is busy analysing other articles; retry in a few seconds."),
            retry_after=current_app.config["RETRY_AFTER"],
        )
    try:
        yield
    finally:
        gate.release()


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
