"""Articles sent to the Analyse page or /api/analyse: pasted text or an uploaded .txt/.html
file read into an `Article`, analysed, and added to the index only when asked and allowed."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkzeug.datastructures import FileStorage

from quotesearch.errors import ArticleError
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
) -> Article:
    """The article a form or API call sent: the uploaded file if any, else the pasted text.

    Raises ArticleError naming the upload (or « pasted text ») and what is wrong with it.
    """
    from quotesearch.articles import article_from_html, article_from_text

    title = (title or "").strip() or None
    if upload is not None and upload.filename:
        name = Path(upload.filename).name or "upload"
        suffix = Path(name).suffix.lower()
        data = upload.read(max_chars * 10 + 1)
        if suffix in HTML_SUFFIXES:
            article = article_from_html(data, id="upload", path=name, max_chars=max_chars)
        elif suffix in TEXT_SUFFIXES:
            article = article_from_text(_decode(data, name), id="upload", max_chars=max_chars)
        else:
            raise ArticleError(name, "unsupported file type; upload a .txt (UTF-8) or .html file")
        if title:
            article = replace(article, title=title)
    elif text and text.strip():
        article = article_from_text(text, id="upload", title=title, max_chars=max_chars)
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
    """Find and attribute the quotes of one submitted article."""
    from quotesearch.extract.pipeline import analyse_articles

    return next(analyse_articles([article], n_process=1))


def add_to_index(article: Article, index_dir: Path) -> BuildReport:
    """Add one article to the index (incremental: an unchanged article is not added twice)."""
    from quotesearch.search.indexing import add

    record: dict[str, Any] = {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "url": article.url,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
    }
    with tempfile.TemporaryDirectory(prefix="quotesearch-upload-") as folder:
        path = Path(folder) / f"{article.id}.jsonl"
        path.write_text(
            json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
        return add([path], index_dir=index_dir)


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """An analysis as JSON data: the article, its quotes and the speakers it names."""
    return analysis.to_dict()
