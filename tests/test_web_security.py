"""The web app as an attacker or an impatient user meets it: security headers on every answer,
article urls that are attacks, forged additions, text that is not text, a server busy with
analyses or with another writer, and a reader arriving in the middle of a rebuild."""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from quotesearch.search.indexing import writer_lock
from web import create_app

GIRARD = (
    "Le maire de Lyon, Paul Girard, a inauguré le nouveau pont samedi. "
    "« Ce pont relie enfin les deux rives de notre ville », a déclaré Paul Girard."
)


@pytest.fixture()
def writable(web_index: Path, tmp_path: Path) -> Path:
    """A copy of the web index that a test may add to."""
    index_dir = tmp_path / "index"
    shutil.copytree(web_index, index_dir)
    return index_dir


def form_token(client) -> str:
    body = client.get("/analyse").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)


# --- headers ----------------------------------------------------------------------------------

ANSWERS = [
    ("get", "/", 200),
    ("get", "/?q=réforme", 200),
    ("get", "/speakers", 200),
    ("get", "/speakers/claire-vasseur", 200),
    ("get", "/quotes/retraites-1:141", 200),
    ("get", "/about", 200),
    ("get", "/analyse", 200),
    ("get", "/export.csv", 200),
    ("get", "/export.json", 200),
    ("get", "/static/style.css", 200),
    ("get", "/nowhere", 404),
    ("post", "/", 405),
    ("post", "/analyse", 400),
    ("get", "/api/search?q=réforme", 200),
    ("get", "/api/speakers", 200),
    ("get", "/api/speakers/claire-vasseur", 200),
    ("get", "/api/quotes/retraites-1:141", 200),
    ("get", "/api/search?q=%22", 400),
    ("get", "/api/nowhere", 404),
    ("get", "/api/analyse", 405),
    ("post", "/api/analyse", 400),
]


@pytest.mark.parametrize(("method", "url", "status"), ANSWERS)
def test_every_answer_carries_the_security_headers(client, method, url, status) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == status
    policy = response.headers["Content-Security-Policy"]
    for rule in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
        assert rule in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_hold_no_inline_script_or_style() -> None:
    templates = Path(__file__).parents[1] / "web" / "templates"
    for template in templates.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son\w+=", text), template


# --- article urls -----------------------------------------------------------------------------


def test_only_http_urls_of_articles_become_links(hostile_index: Path) -> None:
    client = create_app({"INDEX_DIR": str(hostile_index)}).test_client()
    hits = client.get("/api/search?per_page=50").get_json()["hits"]
    assert len(hits) == 9
    pages = ["/?per_page=50", "/speakers/louise-perrin"]
    pages += [f"/quotes/{hit['quote_id']}" for hit in hits]
    hrefs: list[str] = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.get_data(as_text=True)
        assert "Budget des écoles de" in body
        hrefs += re.findall(r'href="([^"]*)"', body)
    outside = {h for h in hrefs if not h.startswith(("/", "#"))}
    assert outside == {"https://journal.example/piege?a=1&amp;b=&#34;&gt;&lt;b&gt;x&lt;/b&gt;"}


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://journal.example/a", True),
        ("HTTP://journal.example/a", True),
        ("  https://journal.example/a  ", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("https://journal.example/\na", False),
        ("data:text/html,x", False),
        ("//journal.example/a", False),
        ("https://", False),
        ("http://[::1", False),
        ("", False),
        (None, False),
    ],
)
def test_web_link_filter(url: str | None, link: bool) -> None:
    app = create_app({"INDEX_DIR": "none"})
    assert (app.jinja_env.filters["web_link"](url) is not None) == link


# --- forged requests --------------------------------------------------------------------------


def test_analyse_form_needs_its_csrf_token(client) -> None:
    response = client.post("/analyse", data={"text": GIRARD})
    assert response.status_code == 400
    assert "Reload the page and send it again" in response.get_data(as_text=True)
    response = client.post("/analyse", data={"text": GIRARD, "csrf_token": form_token(client)})
    assert response.status_code == 200


def test_a_cross_site_form_cannot_add_to_the_index(writable: Path) -> None:
    client = create_app({"INDEX_DIR": str(writable), "ALLOW_ADD": True}).test_client()
    forged = {"text": GIRARD, "add": "1"}
    assert client.post("/analyse", data=forged).status_code == 400
    response = client.post("/api/analyse", data=forged, content_type="multipart/form-data")
    assert response.status_code == 415
    assert "takes JSON" in response.get_json()["error"]
    response = client.post(
        "/api/analyse",
        json={"text": GIRARD, "add": True},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert client.get("/api/search?q=pont").get_json()["total"] == 0
    same_site = {"Origin": "http://localhost"}
    response = client.post("/api/analyse", json={"text": GIRARD, "add": True}, headers=same_site)
    assert response.get_json()["added"] == {"articles": 1, "quotes": 1}


# --- text that is not text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"text": "\\ud800 Le maire a parlé."}', "pasted text: holds a lone surrogate (\\ud800"),
        ('{"text": "Le maire a parlé.", "title": "\\udc00"}', "title: holds a lone surrogate"),
        ("[" * 100_000 + "]" * 100_000, "request body: JSON nested too deeply"),
        ('{"text": ' * 50_000 + "1" + "}" * 50_000, "request body: JSON nested too deeply"),
    ],
    ids=["surrogate-text", "surrogate-title", "nested-lists", "nested-objects"],
)
def test_text_that_is_not_text_is_a_clear_400(client, body: str, message: str) -> None:
    response = client.post("/api/analyse", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(message)


def test_latin1_page_upload_keeps_its_accents(client) -> None:
    said = "« Nous irons au bout », a dit Hélène Marchand mardi devant la presse réunie."
    page = f"<html><head><title>Vignes</title></head><body><p>{said}</p></body></html>"
    upload = {"file": (io.BytesIO(page.encode("latin-1")), "vignes.html")}
    data = client.post("/api/analyse", data=upload, content_type="multipart/form-data").get_json()
    assert "Hélène Marchand" in data["article"]["text"]


# --- a busy server ----------------------------------------------------------------------------


def test_analyses_beyond_the_limit_are_refused_and_searches_go_on(web_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(web_index), "ANALYSE_CONCURRENCY": 1})
    client = app.test_client()
    gate = app.extensions["quotesearch.analyses"]
    gate.acquire()  # an analysis is running
    try:
        response = client.post("/api/analyse", json={"text": GIRARD})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "10"
        assert "busy analysing" in response.get_json()["error"]
        page = client.post("/analyse", data={"text": GIRARD, "csrf_token": form_token(client)})
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "10"
        assert client.get("/api/search?q=réforme").status_code == 200
    finally:
        gate.release()
    assert client.post("/api/analyse", json={"text": GIRARD}).status_code == 200


def test_analyse_text_size_is_bounded(client) -> None:
    response = client.post("/api/analyse", json={"text": "mot " * 60_000})
    assert response.status_code == 400
    assert "the limit is 200,000" in response.get_json()["error"]


def test_an_addition_waits_for_another_writer(writable: Path) -> None:
    app = create_app({"INDEX_DIR": str(writable), "ALLOW_ADD": True})
    taken, release = threading.Event(), threading.Event()

    def other_request() -> None:
        with writer_lock(writable):
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=other_request)
    holder.start()
    taken.wait(30)
    threading.Timer(0.3, release.set).start()
    response = app.test_client().post("/api/analyse", json={"text": GIRARD, "add": True})
    holder.join()
    assert response.status_code == 200
    assert response.get_json()["added"] == {"articles": 1, "quotes": 1}


def test_an_addition_that_cannot_wait_longer_is_told_to_retry(writable: Path) -> None:
    import os

    app = create_app({"INDEX_DIR": str(writable), "ALLOW_ADD": True, "ADD_WAIT": 0.1})
    with writer_lock(writable):
        response = app.test_client().post("/api/analyse", json={"text": GIRARD, "add": True})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    error = response.get_json()["error"]
    assert "busy" in error and "retry" in error
    assert str(os.getpid()) not in error


# --- a rebuild under readers ------------------------------------------------------------------


def test_a_reader_during_a_swap_waits_for_the_new_index(writable: Path) -> None:
    client = create_app({"INDEX_DIR": str(writable)}).test_client()
    expected = client.get("/export.csv").get_data(as_text=True)
    between = writable.parent / f".{writable.name}.build-1-1"
    taken = threading.Event()

    def swap() -> None:
        # The moment between the two renames of a swap, made long.
        with writer_lock(writable):
            writable.rename(between)
            taken.set()
            threading.Event().wait(0.5)
            between.rename(writable)

    swapper = threading.Thread(target=swap)
    swapper.start()
    taken.wait(30)
    response = client.get("/export.csv")
    swapper.join()
    assert response.status_code == 200
    assert response.get_data(as_text=True) == expected


# --- small things -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url", "allow"),
    [("post", "/", {"GET", "HEAD", "OPTIONS"}), ("get", "/api/analyse", {"POST", "OPTIONS"})],
)
def test_405_says_what_is_allowed(client, method: str, url: str, allow: set[str]) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == allow


def test_csv_export_names_its_charset_once(client) -> None:
    assert client.get("/export.csv").headers["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize("path", ["/api/speakers/%2F0", "/api/speakers//0", "/api/quotes/%2F"])
def test_an_id_with_a_slash_is_a_json_404(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert json.loads(response.get_data(as_text=True))["status"] == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [("speaker:lavrov", "speaker"), ("réforme since:2024-01-01", "since"), ("title:x", "title")],
)
def test_a_filter_written_in_the_query_is_explained(client, query: str, field: str) -> None:
    response = client.get("/api/search", query_string={"q": query})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert f"asks for « {field}: »" in error and "Speaker filter" in error
    assert "STORED" not in error


@pytest.mark.parametrize(("query", "total"), [("date:2024", 7), ("kind:direct", 11)])
def test_fields_the_index_searches_still_work(client, query: str, total: int) -> None:
    assert client.get("/api/search", query_string={"q": query}).get_json()["total"] == total


def test_serve_on_a_busy_port_says_so_in_one_line(web_index: Path) -> None:
    import socket

    from click.testing import CliRunner

    from quotesearch.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(main, ["serve", "--index", str(web_index), "--port", port])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot listen on 127.0.0.1:{port} (")
    assert "give another --port" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "target",
    [
        "/%09/127.0.0.1:8150/x",
        "/%0a/x",
        "/%0d%0a/x",
        "/%0a%0dSet-Cookie:%20a=b",
        "//evil.example/x",
        "/%5Cevil.example",
        "https://evil.example/",
        "/%2F/evil.example",
        "%09//evil.example",
        "/x%7F",
    ],
)
def test_the_language_switch_never_sends_to_another_site(client, target: str) -> None:
    response = client.get(f"/language?lang=fr&next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Set-Cookie: a" not in str(response.headers)


@pytest.mark.parametrize("target", ["/speakers", "/?q=r%C3%A9forme&page=2", "/quotes/a:1"])
def test_the_language_switch_goes_back_to_a_page_of_this_site(client, target: str) -> None:
    from urllib.parse import unquote

    response = client.get("/language", query_string={"lang": "fr", "next": unquote(target)})
    assert response.status_code == 302
    assert response.headers["Location"] != "/"
    assert unquote(response.headers["Location"]) == unquote(target)
