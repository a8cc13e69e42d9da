"""Fixtures shared by the test modules."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


# --- the French pipeline, loaded once ----------------------------------------------------------


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline the extraction uses (the cached loader), for tests that parse."""
    from quotesearch.extract.pipeline import load_nlp

    return load_nlp()


# --- web: a real index built once from the small articles in tests/data/web -------------------

WEB_CORPUS = DATA / "web"
# Articles whose urls are attacks: javascript:, data:, control characters, markup.
HOSTILE_CORPUS = DATA / "hostile"


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index built with `indexing.build` over tests/data/web, shared read-only by web tests."""
    from quotesearch.search.indexing import build

    index_dir = tmp_path_factory.mktemp("web") / "index"
    build([WEB_CORPUS], index_dir=index_dir)
    return index_dir


@pytest.fixture()
def app(web_index: Path):
    """The web app over the shared index, read-only."""
    from web import create_app

    return create_app({"INDEX_DIR": str(web_index), "TESTING": True})


@pytest.fixture()
def client(app):
    """A Flask test client of `app`."""
    return app.test_client()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of articles whose urls are attacks (javascript:, data:, markup…)."""
    from quotesearch.search.indexing import build

    index_dir = tmp_path_factory.mktemp("hostile") / "index"
    build([HOSTILE_CORPUS], index_dir=index_dir)
    return index_dir


@contextmanager
def serving(index_dir: Path, log: Path, *options: str) -> Iterator[str]:
    """`quotesearch serve` running in a subprocess over `index_dir`; yields its base URL."""
    port = _free_port()
    cmd = [str(Path(sys.executable).parent / "quotesearch"), "serve", "--index", str(index_dir)]
    with log.open("w") as stderr:
        process = subprocess.Popen([*cmd, "--port", str(port), *options], stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        # Up to a minute or so: a loaded machine starts the server slowly.
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/about", timeout=1).close()
                break
            except (urllib.error.URLError, OSError):  # refused, or not answering yet
                if process.poll() is not None:
                    pytest.fail(f"serve exited: {log.read_text()}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(web_index: Path, tmp_path_factory: pytest.TempPathFactory):
    """`quotesearch serve` running in a subprocess over the web index; yields its base URL."""
    with serving(web_index, tmp_path_factory.mktemp("serve") / "stderr.txt") as base:
        yield base


# Headless Chromium for the browser tests (Debian's package; the tests skip without it).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
