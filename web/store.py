"""The search index behind the web app: opened on first use in a request, closed at teardown.

A rebuild swaps the index folder with two renames while the server answers. A request always
reads one build whole, the old or the new: an open that meets the swap (no folder, a folder
half there, or files of two builds) is tried again until the new build is in place.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app, g

from quotesearch.errors import IndexMissingError

if TYPE_CHECKING:
    from quotesearch.search.index import QuoteIndex

# How long a request waits for a swap to finish, and between two tries.
SWAP_WAIT = 5.0
SWAP_POLL = 0.02


def get_index() -> QuoteIndex:
    """The index of this request, opened from INDEX_DIR; raises IndexMissingError if absent."""
    if "index" not in g:
        g.index = open_whole(Path(current_app.config["INDEX_DIR"]))
    return g.index


def open_whole(index_dir: Path, *, wait: float = SWAP_WAIT) -> QuoteIndex:
    """Open the index in `index_dir` as one build: retried while a writer is swapping builds
    (its lock file is there), for up to `wait` seconds."""
    from quotesearch.search.index import lock_path, open_index

    deadline = time.monotonic() + wait
    while True:
        try:
            index = open_index(index_dir)
            if index.meta.get("build_id") == _build_id(index_dir):
                return index
            index.close()  # the files opened are not all of one build
            error: IndexMissingError | None = None
        except IndexMissingError as missing:
            error = missing
        if time.monotonic() >= deadline or not lock_path(index_dir).exists():
            if error is not None:
                raise error
            raise IndexMissingError(f"the index at {index_dir} is being replaced; retry")
        time.sleep(SWAP_POLL)


def _build_id(index_dir: Path) -> str | None:
    try:
        return json.loads((index_dir / "meta.json").read_text()).get("build_id")
    except (OSError, ValueError):
        return None


def close_index(exc: BaseException | None = None) -> None:
    """Close the request's index, if one was opened."""
    index = g.pop("index", None)
    if index is not None:
        index.close()


def init_app(app: Flask) -> None:
    """Register the teardown that closes the index."""
    app.teardown_appcontext(close_index)
