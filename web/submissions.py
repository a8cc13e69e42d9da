"""Articles sent to the Analyse page or /api/analyse: pasted text, an uploaded .txt/.html
file, a page the bookmarklet sent or a URL to fetch, made into an `Article`, analysed, and
added to the index only when asked and allowed.

A request is read into a `Submission` (the upload's bytes, not yet decoded or extracted); the
work of making it an article and analysing it runs in an analysis slot (`web.analysing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import current_app
from werkzeug.datastructures import FileStorage

from quotesearch.errors import ArticleError, IndexBusyError
from quotesearch.records import Analysis, Article

if TYPE_CHECKING:
    from quotesearch.search.indexing import BuildReport

HTML_SUFFIXES = (".html", ".htm")
# Bytes an upload may hold per character allowed: a page carries markup, UTF-8 takes up to 4.
HTML_BYTES_PER_CHAR = 10
UTF8_MAX_BYTES = 4
TEXT_SUFFIXES = (".txt", ".text", "")
# The id an article analysed on the web gets: a prefix and a digest of its content, so the
# same text added twice is one article.
UPLOAD_ID_PREFIX = "web-"


@dataclass(frozen=True)
class Submission:
    """What a form or API call sent: pasted `text`, an upload (`upload_name`, `upload`, its
    first bytes, and `upload_size`), a page's `html`, or a `url` to `fetch`."""

    text: str | None = None
    title: str | None = None
    html: str | None = None
    url: str | None = None
    fetch: bool = False
    upload_name: str | None = None
    upload: bytes | None = None
    upload_size: int = 0


def read_submission(
    *,
    text: str | None,
    upload: FileStorage | None,
    title: str | None,
    max_chars: int,
    html: str | None = None,
    url: str | None = None,
    fetch: bool = False,
) -> Submission:
    """The submission of a request: an upload is read up to the most bytes `max_chars`
    characters can take, and only counted past that."""
    if upload is None or not upload.filename:
        return Submission(text=text, title=title, html=html, url=url, fetch=fetch)
    name = Path(upload.filename).name or "upload"
    suffix = Path(name).suffix.lower()
    limit = max_chars * (HTML_BYTES_PER_CHAR if suffix in HTML_SUFFIXES else UTF8_MAX_BYTES)
    data = upload.read(limit + 1)
    size = len(data)
    while size > limit and (more := upload.read(1 << 20)):
        size += len(more)
    return Submission(title=title, upload_name=name, upload=data[:limit], upload_size=size, url=url)


def article_from_submission(
    submission: Submission, *, max_chars: int, fetch_limits: Mapping[str, Any] | None = None
) -> Article:
    """The article a form or API call sent: the uploaded file if any, else the pasted text,
    else the page the bookmarklet sent (`html`, read from `url`), else the page at `url`
    fetched with `fetch_limits` (`quotesearch.articles.fetch_article`'s options).

    Raises ArticleError naming the upload (or « pasted text ») and what is wrong with it.
    """
    from quotesearch.articles import article_from_html, article_from_text

    text, html, url = submission.text, submission.html, submission.url
    title = (submission.title or "").strip() or None
    if title is not None and not _encodable(title):
        raise ArticleError("title", "holds a lone surrogate (\\ud800–\\udfff), which is not text")
    if submission.upload_name is not None:
        name = submission.upload_name
        suffix = Path(name).suffix.lower()
        data = submission.upload or b""
        if suffix not in HTML_SUFFIXES + TEXT_SUFFIXES:
            raise ArticleError(name, "unsupported file type; upload a .txt (UTF-8) or .html file")
        if submission.upload_size > len(data):
            # Cut at the limit, it cannot be counted in characters: say how much was sent.
            raise ArticleError(
                name,
                f"too large ({submission.upload_size:,} bytes; the limit is {max_chars:,} "
                f"characters, at most {len(data):,} bytes); split it into separate articles",
            )
        if suffix in HTML_SUFFIXES:
            article = article_from_html(data, id="upload", path=name, max_chars=max_chars)
        else:
            article = article_from_text(_decode(data, name), id=name, max_chars=max_chars)
        if title:
            article = replace(article, title=title)
    elif submission.fetch and url:
        from quotesearch import articles

        article = articles.fetch_article(url, max_chars=max_chars, **(fetch_limits or {}))
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


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
