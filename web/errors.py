"""Errors as the user sees them: a JSON object under /api/, an HTML page elsewhere, and
always a 4xx (or 503 when there is no index or the server is busy) with a message saying what
to do. The headers an error calls for (Allow on a 405, Retry-After on a 503) are kept."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, current_app, jsonify, make_response, render_template, request
from flask_babel import get_locale, lazy_gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quotesearch.errors import (
    ArticleError,
    IndexBusyError,
    IndexMissingError,
    QueryError,
    QuotesearchError,
)

# Clearer words than werkzeug's for the statuses a user meets.
MESSAGES = {
    404: lazy_gettext("There is nothing at this address."),
    405: lazy_gettext("This address does not accept that method."),
    413: lazy_gettext(
        "The request is too large: uploads and texts are limited to %(limit)d MB. "
        "Send a smaller file."
    ),
}
CSRF_MESSAGE = lazy_gettext(
    "This form has expired or was not sent from this site. Reload the page and send it again."
)

# Library errors and the HTTP status each one gets.
STATUSES: tuple[tuple[type[QuotesearchError], int], ...] = (
    (IndexMissingError, 503),
    (IndexBusyError, 503),
    (QueryError, 400),
    (ArticleError, 400),
)
# The library writes its messages in English; a page in another language says the gist of
# these in its own words (the English page and the API keep the library's message).
LIBRARY_GISTS: tuple[tuple[type[QuotesearchError], object], ...] = (
    (
        QueryError,
        lazy_gettext(
            "This search could not be read: close its quotation marks and parentheses, and "
            "choose a speaker with the Speaker filter rather than in the words."
        ),
    ),
    (
        IndexMissingError,
        lazy_gettext("This server has no index yet: build one with « quotesearch index »."),
    ),
    (
        IndexBusyError,
        lazy_gettext("The index is being updated. Try again in a few seconds."),
    ),
)


def wants_json() -> bool:
    """Whether the request is an API call, answered with JSON."""
    return request.path.startswith("/api/") or request.path == "/api"


def error_response(
    status: int, message: str, headers: Mapping[str, str] | None = None, **extra: object
) -> Response:
    """An error as JSON for the API or as the error page, with the given headers."""
    if wants_json():
        response = jsonify({"error": message, "status": status, **extra})
    else:
        response = make_response(render_template("error.html", status=status, message=message))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    template = MESSAGES.get(status)
    # A description given at abort() says more than the generic words for the status.
    if isinstance(error, CSRFError):
        message = str(CSRF_MESSAGE)
    elif template and error.description == type(error).description:
        limit = (request.max_content_length or 0) // (1024 * 1024)
        message = str(template) % {"limit": limit}
    else:
        message = error.description or error.name
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    return error_response(status, message, headers)


def _library_error(error: QuotesearchError) -> Response:
    status = next((code for kind, code in STATUSES if isinstance(error, kind)), 400)
    headers = {}
    if isinstance(error, IndexBusyError):
        headers["Retry-After"] = str(current_app.config["RETRY_AFTER"])
    message = str(error)
    if not wants_json() and get_locale() is not None and get_locale().language != "en":
        gist = next((words for kind, words in LIBRARY_GISTS if isinstance(error, kind)), None)
        message = str(gist) if gist is not None else message
    return error_response(status, message, headers)


def init_app(app: Flask) -> None:
    """Register the handlers that turn errors into clear 4xx answers."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QuotesearchError, _library_error)
