"""The quotesearch web UI and JSON API: a small Flask application over the search index.

`create_app()` builds it; `quotesearch serve` runs it under waitress. Pages and API share the
library calls and the request parsing in `web.params`; the index is opened once per request
(`web.store.get_index`) and closed at teardown. Every response carries the security headers
(a strict Content-Security-Policy: no inline script or style), and forms carry a CSRF token.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, redirect, request
from flask_babel import Babel, get_locale
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

DEFAULT_CONFIG: dict[str, Any] = {
    # The index folder built by `quotesearch index`.
    "INDEX_DIR": os.environ.get("QUOTESEARCH_INDEX", "index"),
    # Adding analysed articles to the index is off unless the server is started to allow it.
    "ALLOW_ADD": False,
    # Uploads and request bodies above this size are refused with 413.
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    # Texts longer than this are not analysed on a web request (a parse takes seconds).
    "ANALYSE_MAX_CHARS": 200_000,
    # Analyses running at once (reading, page extraction, fetching and parsing all count);
    # a request waits at most ANALYSE_WAIT seconds for one, and only ANALYSE_QUEUE requests
    # wait at a time; others are refused with 503 and Retry-After, so that analyses never take
    # every server thread and searches keep answering.
    "ANALYSE_CONCURRENCY": 2,
    "ANALYSE_WAIT": 3.0,
    "ANALYSE_QUEUE": 1,
    # Seconds one analysis may run, fetch included; past them it is stopped and the answer
    # says so (503).
    "ANALYSE_TIMEOUT": 90.0,
    # Seconds a web addition waits for another writer of the index before answering 503.
    "ADD_WAIT": 20.0,
    # The Retry-After (seconds) of a 503 sent because the server is busy.
    "RETRY_AFTER": 10,
    # Signs the session cookie holding the CSRF token; a random one per process by default.
    "SECRET_KEY": None,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # CSV and JSON exports stop after this many results.
    "EXPORT_LIMIT": 5_000,
    # Analyse fetches a pasted URL (http or https) only on a server started to allow it, and
    # then at most this many bytes, waiting at most this many seconds.
    "ALLOW_FETCH": False,
    "FETCH_MAX_BYTES": 5 * 1024 * 1024,
    "FETCH_TIMEOUT": 10,
    # Fetching from this machine or a local network is refused unless set (tests, intranets).
    "FETCH_PRIVATE_ADDRESSES": False,
    # The language the indexed articles are written in, for the `lang` of quotes.
    "CORPUS_LANGUAGE": "fr",
    "BABEL_DEFAULT_LOCALE": "en",
}

# The interface languages; the first is used when the browser asks for none of them.
LANGUAGES = ("en", "fr")
# The cookie remembering the language chosen with the switch, for a year.
LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


# Only this site's own files: no inline script or style, no framing, forms post here only.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the web application; `config` overrides DEFAULT_CONFIG (INDEX_DIR, ALLOW_ADD, …)."""
    from web.cards import long_date

    app = Flask(__name__)
    app.config.update(DEFAULT_CONFIG)
    if config:
        app.config.update(config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    # "/api/speakers/%2F0" is the id "/0", not a path to tidy with a redirect.
    app.url_map.merge_slashes = False
    app.add_template_global(_merged, "merged")
    app.add_template_filter(_web_link, "web_link")
    app.add_template_filter(long_date, "long_date")
    app.add_template_global(get_locale, "get_locale")
    app.add_template_global(LANGUAGES, "languages")
    Babel(app, locale_selector=_locale)
    app.add_url_rule("/language", "language", _set_language)

    from web import analyse_views, analysing, api, errors, pages, store

    analysing.init_app(app)

    Talisman(
        app,
        force_https=False,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",
        session_cookie_secure=False,
        strict_transport_security=False,
    )
    csrf = CSRFProtect(app)
    # The API takes JSON (which a cross-site form cannot send) and checks the Origin itself.
    csrf.exempt(api.bp)
    store.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(analyse_views.bp)
    app.register_blueprint(api.bp)
    return app


def _web_link(url: str | None) -> str | None:
    """The url if it is one a browser may follow from a page (http or https, with a host), else
    None: an article's url comes from its input, and « javascript: » there must stay text."""
    if not url:
        return None
    url = url.strip()
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed address, as "http://[::1"
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url


def _locale() -> str:
    """The interface language: the one chosen with the switch, else the browser's best."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


def _set_language():
    """Remember the language chosen (`lang`) and go back to the page it was chosen on
    (`next`, a path of this site only)."""
    lang = request.args.get("lang", "", type=str)
    target = request.args.get("next", "/", type=str)
    response = redirect(target if _site_path(target) else "/")
    if lang in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, lang, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax", httponly=True
        )
    return response


def _site_path(target: str) -> bool:
    """Whether `target` is a path on this site: browsers drop tabs and line ends from an
    address (« /%09/host » is « //host », another site) and read « \\ » as « / », so a path with
    any of them, or naming a scheme or host, is not one."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in target):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc and not parts.path.startswith("//")


def _merged(*parts: Mapping[str, Any]) -> dict[str, Any]:
    """The mappings merged left to right, for templates building a URL from several."""
    merged: dict[str, Any] = {}
    for part in parts:
        merged.update(part)
    return merged
