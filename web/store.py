"""The search index behind the web app: opened on first use in a request, closed at teardown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app, g

if TYPE_CHECKING:
    from quotesearch.search.index import QuoteIndex


def get_index() -> QuoteIndex:
    """The index of this request, opened from INDEX_DIR; raises IndexMissingError if absent."""
    if "index" not in g:
        from quotesearch.search.index import open_index

        g.index = open_index(Path(current_app.config["INDEX_DIR"]))
    return g.index


def close_index(exc: BaseException | None = None) -> None:
    """Close the request's index, if one was opened."""
    index = g.pop("index", None)
    if index is not None:
        index.close()


def init_app(app: Flask) -> None:
    """Register the teardown that closes the index."""
    app.teardown_appcontext(close_index)
