"""The search index behind the web app: opened on first use in a request and kept open by the
thread that serves it for its next requests, as long as the build on disk is the same.

A rebuild swaps the index folder with two renames while the server answers. A request always
reads one build whole, the old or the new: an open that meets the swap (no folder, a folder
half there, or files of two builds) is tried again until the new build is in place; the thread
then closes the old build's index.
"""

from __future__ import annotations

import json
import threading
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


# The index each serving thread keeps open: opening one costs more than many searches.
_KEPT = threading.local()


def get_index() -> QuoteIndex:
    """The index of this request, opened from INDEX_DIR or kept open by this thread since an
    earlier request over the same build; raises IndexMissingError if absent."""
    if "index" not in g:
        g.index = _kept(Path(current_app.config["INDEX_DIR"]))
    return g.index


def _kept(index_dir: Path) -> QuoteIndex:
    """This thread's open index of `index_dir`, opened again when the build has changed."""
    kept = getattr(_KEPT, "indexes", None)
    if kept is None:
        kept = _KEPT.indexes = {}
    index = kept.get(index_dir)
    if index is not None and index.meta.get("build_id") == _build_id(index_dir):
        return index
    fresh = open_whole(index_dir)
    if index is not None:
        index.close()
    kept[index_dir] = fresh
    return fresh


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
    """Let go of the request's index: the thread keeps it open for its next request."""
    g.pop("index", None)


def init_app(app: Flask) -> None:
    """Register the teardown that closes the index."""
    app.teardown_appcontext(close_index)
