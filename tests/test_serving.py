"""`quotesearch serve --workers N`: gunicorn worker processes over one index, each reopening it
when a rebuild swaps a new one in."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesearch.cli import main
from quotesearch.search.indexing import build

BEFORE = (
    "Le port de Marseille a accueilli mardi un nouveau porte-conteneurs géant.\n\n"
    "« Ce navire montre que notre port reste compétitif », a déclaré Laurent Castel, "
    "directeur du port, devant les dockers.\n"
)
AFTER = (
    "Le tramway de Grenoble circulera la nuit dès septembre.\n\n"
    "« Les étudiants attendaient ce service depuis dix ans », a expliqué Sarah Benali, "
    "adjointe aux transports.\n"
)


def _speakers(base: str, query: str) -> list[str]:
    url = f"{base}/api/search?q={urllib.parse.quote(query)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers["Server"] == "quotesearch"
        return [hit["speaker"] for hit in json.load(response)["hits"]]


@pytest.mark.slow
def test_every_worker_serves_the_new_index_after_a_rebuild(tmp_path: Path) -> None:
    from conftest import serving

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "port.txt").write_text(BEFORE, encoding="utf-8")
    index_dir = tmp_path / "index"
    build([corpus], index_dir=index_dir)
    with serving(index_dir, tmp_path / "stderr.txt", "--workers", "2") as base:
        # Enough requests, each on its own connection, that both workers open the index.
        for _ in range(12):
            assert _speakers(base, "navire") == ["Laurent Castel"]
        (corpus / "port.txt").unlink()
        (corpus / "tramway.txt").write_text(AFTER, encoding="utf-8")
        build([corpus], index_dir=index_dir)
        for _ in range(12):
            assert _speakers(base, "navire") == []
            assert _speakers(base, "étudiants") == ["Sarah Benali"]
    assert "2 processes" in (tmp_path / "stderr.txt").read_text()


def test_workers_must_be_a_positive_count(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path), "--workers", "0"])
    assert result.exit_code == 2


def test_a_worker_loads_the_language_model_as_it_starts() -> None:
    from quotesearch.extract.pipeline import _load_nlp
    from web.serving import load_model_in_background

    loader = load_model_in_background()
    loader.join(timeout=120)
    assert not loader.is_alive()
    assert loader.daemon
    assert _load_nlp.cache_info().currsize == 1
