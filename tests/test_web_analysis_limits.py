"""Analyses on the web under pressure: every cost of an analysis (reading, page extraction,
fetching, parsing) is paid inside a slot, a request waits a little for a slot or is told to
retry, an analysis that runs too long is stopped and says so, and an upload over the limit is
reported by its real size."""

from __future__ import annotations

import http.server
import io
import multiprocessing
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from web import create_app

MAYOR = (
    "La maire de Brest, Anne Kerlan, a présenté le nouveau tramway lundi. « Cette ligne "
    "changera la vie des quartiers nord », a-t-elle assuré devant le conseil municipal.\n\n"
)
PAGE = (
    "<html><head><meta charset='utf-8'><title>Tramway</title></head><body><article><p>"
    + MAYOR
    + "</p></article></body></html>"
)


def form_token(client) -> str:
    body = client.get("/analyse").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)


def make_client(web_index: Path, **config):
    app = create_app({"INDEX_DIR": str(web_index), **config})
    return app, app.test_client()


@contextmanager
def page_server(body: bytes = PAGE.encode(), *, silent: bool = False) -> Iterator[dict]:
    """An HTTP server on 127.0.0.1 serving `body` at every path (or never answering); yields
    {"url": …, "asked": [paths asked]}."""
    state: dict = {"asked": []}
    release = threading.Event()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state["asked"].append(self.path)
            if silent:
                release.wait(30)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/tramway"
    try:
        yield state
    finally:
        release.set()
        server.shutdown()
        server.server_close()


# --- every cost inside the slot ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("vide.html", b"<html><body><script>x()</script></body></html>", "no article text found"),
        ("latin.txt", "Le préfet a parlé.".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_an_upload_is_not_even_read_while_every_slot_is_taken(
    web_index: Path, name: str, data: bytes, problem: str
) -> None:
    app, client = make_client(web_index, ANALYSE_CONCURRENCY=1, ANALYSE_WAIT=0.2)
    slots = app.extensions["quotesearch.analyses"]
    # Reading a bad upload answers 400: before the fix it did so even with every slot taken.
    slots.acquire()
    try:
        upload = {"file": (io.BytesIO(data), name)}
        response = client.post("/api/analyse", data=upload, content_type="multipart/form-data")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "10"
    finally:
        slots.release()
    upload = {"file": (io.BytesIO(data), name)}
    response = client.post("/api/analyse", data=upload, content_type="multipart/form-data")
    assert response.status_code == 400
    assert problem in response.get_json()["error"]


def test_a_url_is_not_fetched_while_every_slot_is_taken(web_index: Path) -> None:
    app, client = make_client(
        web_index,
        ANALYSE_CONCURRENCY=1,
        ANALYSE_WAIT=0.2,
        ALLOW_FETCH=True,
        FETCH_PRIVATE_ADDRESSES=True,
    )
    slots = app.extensions["quotesearch.analyses"]
    with page_server() as server:
        form = {"url": server["url"], "text": "", "csrf_token": form_token(client)}
        slots.acquire()
        try:
            response = client.post("/analyse", data=form, content_type="multipart/form-data")
        finally:
            slots.release()
        assert response.status_code == 503
        assert server["asked"] == []
        response = client.post("/analyse", data=form, content_type="multipart/form-data")
        assert response.status_code == 200
        assert server["asked"] == ["/tramway"]
    assert "Cette ligne changera la vie des quartiers nord" in response.get_data(as_text=True)


# --- waiting for a slot -----------------------------------------------------------------------


def test_a_request_waits_for_a_slot_that_frees(web_index: Path) -> None:
    app, client = make_client(web_index, ANALYSE_CONCURRENCY=1, ANALYSE_WAIT=60)
    slots = app.extensions["quotesearch.analyses"]
    slots.acquire()
    threading.Timer(0.3, slots.release).start()
    response = client.post("/api/analyse", json={"text": MAYOR})
    assert response.status_code == 200
    assert response.get_json()["quotes"][0]["speaker"] == "Anne Kerlan"


def test_only_a_few_requests_wait_and_the_others_are_told_to_retry(web_index: Path) -> None:
    app, client = make_client(web_index, ANALYSE_CONCURRENCY=1, ANALYSE_QUEUE=1, ANALYSE_WAIT=60)
    slots = app.extensions["quotesearch.analyses"]
    slots.acquire()
    answers: list[int] = []
    waiter = threading.Thread(
        target=lambda: answers.append(
            app.test_client().post("/api/analyse", json={"text": MAYOR}).status_code
        )
    )
    try:
        waiter.start()
        while slots.waiting < 1 and waiter.is_alive():
            threading.Event().wait(0.01)
        response = client.post("/api/analyse", json={"text": MAYOR})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "10"
        assert "busy analysing" in response.get_json()["error"]
    finally:
        slots.release()
        waiter.join(120)
    assert answers == [200]


# --- the wall-clock limit ---------------------------------------------------------------------


def test_an_analysis_past_the_time_limit_is_stopped_and_says_so(web_index: Path) -> None:
    _, client = make_client(web_index, ANALYSE_TIMEOUT=1)
    long_text = MAYOR * 600  # about 100,000 characters: seconds of parsing
    response = client.post("/api/analyse", json={"text": long_text})
    assert response.status_code == 503
    assert "stopped after 1 s" in response.get_json()["error"]
    assert "Retry-After" not in response.headers
    page = client.post("/analyse", data={"text": long_text, "csrf_token": form_token(client)})
    assert page.status_code == 503
    assert "stopped after 1 s" in page.get_data(as_text=True)
    assert multiprocessing.active_children() == []
    # The slot is free again.
    assert client.post("/api/analyse", json={"text": MAYOR}).status_code == 200


def test_a_silent_page_is_given_up_at_the_fetch_deadline(web_index: Path) -> None:
    _, client = make_client(
        web_index, ALLOW_FETCH=True, FETCH_PRIVATE_ADDRESSES=True, FETCH_TIMEOUT=1
    )
    with page_server(silent=True) as server:
        form = {"url": server["url"], "text": "", "csrf_token": form_token(client)}
        response = client.post("/analyse", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "did not arrive within 1 s" in response.get_data(as_text=True)


def test_a_local_address_is_not_fetched_by_default(web_index: Path) -> None:
    _, client = make_client(web_index, ALLOW_FETCH=True)
    with page_server() as server:
        form = {"url": server["url"], "text": "", "csrf_token": form_token(client)}
        response = client.post("/analyse", data=form, content_type="multipart/form-data")
        assert server["asked"] == []
    assert response.status_code == 400
    assert "fetches public web pages only" in response.get_data(as_text=True)


# --- uploads over the limit -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "size", "limit"),
    [("gros.txt", 3_000_000, "800,000 bytes"), ("gros.html", 2_500_000, "2,000,000 bytes")],
)
def test_an_upload_over_the_limit_is_reported_by_its_real_size(
    client, name: str, size: int, limit: str
) -> None:
    data = (MAYOR.encode() * (size // len(MAYOR.encode()) + 1))[:size]
    upload = {"file": (io.BytesIO(data), name)}
    response = client.post("/api/analyse", data=upload, content_type="multipart/form-data")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error.startswith(f"{name}: too large ({size:,} bytes; the limit is 200,000 characters")
    assert limit in error
