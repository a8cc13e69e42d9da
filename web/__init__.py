"""The quotesearch web UI and JSON API: a small Flask application over the search index.

`create_app()` builds it; `quotesearch serve` runs it under waitress. Pages and API share the
library calls and the request parsing in `web.params`; the index is opened once per request
(`web.store.get_index`) and closed at teardown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

DEFAULT_CONFIG: dict[str, Any] = {
    # The index folder built by `quotesearch index`.
    "INDEX_DIR": os.environ.get("QUOTESEARCH_INDEX", "index"),
    # Adding analysed articles to the index is off unless the server is started to allow it.
    "ALLOW_ADD": False,
    # Uploads and request bodies above this size are refused with 413.
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    # Texts longer than this are not analysed on a web request (a parse takes seconds).
    "ANALYSE_MAX_CHARS": 200_000,
    # CSV and JSON exports stop after this many results.
    "EXPORT_LIMIT": 5_000,
    "JSON_SORT_KEYS": False,
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web application; `config` overrides DEFAULT_CONFIG (INDEX_DIR, ALLOW_ADD, …)."""
    app = Flask(__name__)
    app.config.update(DEFAULT_CONFIG)
    if config:
        app.config.update(config)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.add_template_global(_merged, "merged")

    from web import analyse_views, api, errors, pages, store

    store.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(analyse_views.bp)
    app.register_blueprint(api.bp)
    return app


def _merged(*parts: Mapping[str, Any]) -> dict[str, Any]:
    """The mappings merged left to right, for templates building a URL from several."""
    merged: dict[str, Any] = {}
    for part in parts:
        merged.update(part)
    return merged
