"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

# --- web: a real index built once from the small articles in tests/data/web -------------------

WEB_CORPUS = DATA / "web"


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index built with `indexing.build` over tests/data/web, shared read-only by web tests."""
    from quotesearch.indexing import build

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
