"""Fetching pages, against real servers on 127.0.0.1 that answer well, trickle, stay silent,
send too much or redirect: each fetch ends by its deadline and its size limit, and local
addresses are refused before any connection is made."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from quotesearch.articles import fetch_article
from quotesearch.errors import ArticleError
from quotesearch.fetching import fetch_page, is_public

PAGE = (
    "<html><head><meta charset='utf-8'><title>La passerelle</title></head><body><article>"
    "<h1>La passerelle rouvre</h1><p>La maire de Tours, Odile Ferrand, a rouvert la passerelle "
    "jeudi. « Les piétons retrouvent enfin leur chemin vers la gare », a-t-elle affirmé devant "
    "les riverains venus nombreux.</p><p>Les travaux avaient duré huit mois.</p></article>"
    "</body></html>"
).encode()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"


@contextmanager
def raw_server(handle: Callable[[socket.socket, threading.Event], None]) -> Iterator[dict]:
    """A TCP server on 127.0.0.1 running `handle(connection, stop)` for each connection;
    yields {"port": …, "accepted": number of connections so far, "closed_early": …}."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()
    state = {"port": listener.getsockname()[1], "accepted": 0, "closed_early": 0}

    def serve_one(connection: socket.socket) -> None:
        with connection:
            try:
                handle(connection, stop)
            except OSError:  # the client went away before the answer ended
                state["closed_early"] += 1

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            state["accepted"] += 1
            threading.Thread(target=serve_one, args=(connection,), daemon=True).start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield state
    finally:
        stop.set()
        acceptor.join(5)
        listener.close()


def read_request(connection: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def answer_page(connection: socket.socket, stop: threading.Event) -> None:
    read_request(connection)
    connection.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE)


def trickle_body(connection: socket.socket, stop: threading.Event) -> None:
    """8 bytes every 0.2 s, for up to 30 s: no single read ever waits long."""
    read_request(connection)
    connection.sendall(HEAD + b"\r\n")
    for _ in range(150):
        if stop.wait(0.2):
            return
        connection.sendall(b"<p>abc</p>"[:8])


def trickle_headers(connection: socket.socket, stop: threading.Event) -> None:
    read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\n")
    for n in range(150):
        if stop.wait(0.2):
            return
        connection.sendall(b"X-%d: y\r\n" % n)


def silent(connection: socket.socket, stop: threading.Event) -> None:
    """Accepts, never answers."""
    stop.wait(30)


def endless(connection: socket.socket, stop: threading.Event) -> None:
    read_request(connection)
    connection.sendall(HEAD + b"\r\n")
    block = b"<p>" + b"x" * 65_536 + b"</p>"
    for _ in range(200):  # about 13 MB
        connection.sendall(block)


def declared_huge(connection: socket.socket, stop: threading.Event) -> None:
    read_request(connection)
    connection.sendall(HEAD + b"Content-Length: 50000000\r\n\r\n<html>")
    stop.wait(30)


def test_a_page_is_fetched_and_its_article_extracted() -> None:
    with raw_server(answer_page) as server:
        url = f"http://127.0.0.1:{server['port']}/passerelle"
        article = fetch_article(url, timeout=10, allow_private=True)
    assert "« Les piétons retrouvent enfin leur chemin vers la gare »" in article.text
    assert article.url == url


@pytest.mark.parametrize(
    "handle", [trickle_body, trickle_headers, silent], ids=["body", "headers", "silent"]
)
def test_a_slow_or_silent_server_is_dropped_at_the_deadline(handle) -> None:
    with raw_server(handle) as server:
        url = f"http://127.0.0.1:{server['port']}/lent"
        with pytest.raises(ArticleError, match=r"did not arrive within 1 s"):
            fetch_page(url, timeout=1, max_bytes=5_000_000, allow_private=True)
        assert server["accepted"] == 1


@pytest.mark.parametrize("handle", [endless, declared_huge], ids=["streamed", "declared"])
def test_a_page_over_the_size_limit_is_refused(handle) -> None:
    with raw_server(handle) as server:
        url = f"http://127.0.0.1:{server['port']}/gros"
        with pytest.raises(ArticleError, match=r"larger than 1\.0 MB"):
            fetch_page(url, timeout=20, max_bytes=1_000_000, allow_private=True)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "127.1",
        "2130706433",
        "0x7f.0.0.1",
        "0.0.0.0",
        "[::ffff:127.0.0.1]",
        "[::1]",
    ],
)
def test_local_addresses_are_refused_before_any_connection(host: str) -> None:
    with raw_server(answer_page) as server:
        url = f"http://{host}:{server['port']}/interne"
        with pytest.raises(ArticleError, match="on this machine or a local network"):
            fetch_article(url, timeout=5)
        assert server["accepted"] == 0


def test_redirects_are_followed_and_each_hop_vetted() -> None:
    with raw_server(answer_page) as target:
        inner = f"http://127.0.0.1:{target['port']}/passerelle"

        def redirect(connection: socket.socket, stop: threading.Event) -> None:
            read_request(connection)
            connection.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % inner.encode()
            )

        with raw_server(redirect) as first:
            page = fetch_page(
                f"http://127.0.0.1:{first['port']}/",
                timeout=10,
                max_bytes=10**6,
                allow_private=True,
            )
            assert page.url == inner and b"passerelle" in page.data
    assert target["accepted"] == 1


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700::6810:84e5", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public
