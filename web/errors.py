"""Errors as the user sees them: a JSON object under /api/, an HTML page elsewhere, and
always a 4xx (or 503 when there is no index) with a message saying what to do."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
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
    404: "There is nothing at this address.",
    405: "This address does not accept that method.",
    413: "The request is too large: uploads and texts are limited to {limit} MB. "
    "Send a smaller file.",
}

# Library errors and the HTTP status each one gets.
STATUSES: tuple[tuple[type[QuotesearchError], int], ...] = (
    (IndexMissingError, 503),
    (IndexBusyError, 503),
    (QueryError, 400),
    (ArticleError, 400),
)


def wants_json() -> bool:
    """Whether the request is an API call, answered with JSON."""
    return request.path.startswith("/api/") or request.path == "/api"


def error_response(status: int, message: str, **extra: object) -> tuple[Response | str, int]:
    """An error as JSON for the API or as the error page."""
    if wants_json():
        return jsonify({"error": message, "status": status, **extra}), status
    return render_template("error.html", status=status, message=message), status


def _http_error(error: HTTPException) -> tuple[Response | str, int]:
    status = error.code or 500
    template = MESSAGES.get(status)
    # A description given at abort() says more than the generic words for the status.
    if template and error.description == type(error).description:
        limit = (request.max_content_length or 0) // (1024 * 1024)
        message = template.format(limit=limit)
    else:
        message = error.description or error.name
    return error_response(status, message)


def _library_error(error: QuotesearchError) -> tuple[Response | str, int]:
    status = next((code for kind, code in STATUSES if isinstance(error, kind)), 400)
    return error_response(status, str(error))


def init_app(app: Flask) -> None:
    """Register the handlers that turn errors into clear 4xx answers."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QuotesearchError, _library_error)
