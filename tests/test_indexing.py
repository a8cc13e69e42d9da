"""Building the index from articles: full builds, `add`, one writer at a time, and rebuilds that
lose nothing when killed. Articles are real French text parsed by the spaCy pipeline."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotesearch.errors import ArticleError, IndexBusyError, IndexMissingError, QuotesearchError
from quotesearch.search.index import open_index
from quotesearch.search.indexing import BuildReport, add, build, lock_path, writer_lock

PORT = (
    "Le port de Marseille a accueilli mardi un nouveau porte-conteneurs géant.\n\n"
    "« Ce navire montre que notre port reste compétitif », a déclaré Laurent Castel, "
    "directeur du port, devant les dockers.\n"
)
VIGNES = (
    "Les vignerons du Bordelais craignent une nouvelle année de gel.\n\n"
    "La présidente du syndicat viticole, Hélène Marchand, a prévenu : « Sans aide de l'État, "
    "la moitié des domaines fermera. »\n"
)
TRAMWAY = (
    "Le tramway de Grenoble circulera la nuit dès septembre.\n\n"
    "« Les étudiants attendaient ce service depuis dix ans », a expliqué Sarah Benali, "
    "adjointe aux transports.\n"
)
VIGNES_CHANGED = VIGNES.replace(
    "la moitié des domaines fermera", "un domaine sur trois disparaîtra"
)


def _corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _found(index_dir: Path, query: str) -> list[str]:
    with open_index(index_dir) as index:
        return [hit.speaker for hit in index.search(query).hits]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """An index of two articles and a bad input, built once."""
    root = tmp_path_factory.mktemp("built")
    corpus = _corpus(root / "corpus", {"port": PORT, "vignes": VIGNES})
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    index_dir = root / "index"
    return index_dir, build([corpus, corpus / "notes.docx"], index_dir=index_dir, n_process=1)


def test_build_reports_what_it_indexed_and_skipped(built) -> None:
    index_dir, report = built
    assert (report.articles, report.quotes) == (2, 2)
    assert report.speakers == 2
    assert [Path(source).name for source, _ in report.skipped] == ["notes.docx"]
    assert "unsupported file type" in report.skipped[0][1]
    assert open_index(index_dir).stats()["quotes"] == 2


@pytest.mark.parametrize(
    ("query", "speakers"),
    [
        ("compétitif", ["Laurent Castel"]),
        ("etat", ["Hélène Marchand"]),
        ("hélène marchand", ["Hélène Marchand"]),
        ("tramway", []),
    ],
)
def test_built_index_answers(built, query: str, speakers: list[str]) -> None:
    assert _found(built[0], query) == speakers


def test_build_leaves_no_temporary_folder_and_keeps_hidden_files(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"port": PORT})
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / ".gitkeep").write_text("")
    build([corpus], index_dir=index_dir, n_process=1)
    build([corpus], index_dir=index_dir, n_process=1)
    assert (index_dir / ".gitkeep").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".index.lock", "corpus", "index"]


def test_build_with_nothing_readable_keeps_the_old_index(built, tmp_path: Path) -> None:
    index_dir, _ = built
    (tmp_path / "vide.txt").write_bytes(b"")
    with pytest.raises(ArticleError, match="left as it was"):
        build([tmp_path / "vide.txt", tmp_path / "absent"], index_dir=index_dir)
    assert _found(index_dir, "compétitif") == ["Laurent Castel"]


def test_build_never_replaces_a_folder_that_is_not_an_index(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"port": PORT})
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "important.txt").write_text("à garder")
    with pytest.raises(QuotesearchError, match="not a quotesearch index"):
        build([corpus], index_dir=notes)
    assert (notes / "important.txt").read_text() == "à garder"


# --- add --------------------------------------------------------------------------------------


@pytest.fixture()
def live(built, tmp_path: Path) -> Path:
    """A copy of the built index that a test may change."""
    import shutil

    index_dir = tmp_path / "index"
    shutil.copytree(built[0], index_dir)
    return index_dir


@pytest.mark.parametrize(
    ("articles", "counts", "query", "speakers"),
    [
        ({"tramway": TRAMWAY}, (1, 1, 0), "étudiants service", ["Sarah Benali"]),
        ({"port": PORT}, (0, 0, 1), "compétitif", ["Laurent Castel"]),
        ({"vignes": VIGNES_CHANGED}, (1, 1, 0), "domaine disparaîtra", ["Hélène Marchand"]),
        ({"vignes": VIGNES_CHANGED}, (1, 1, 0), "moitié fermera", []),
        ({"port": PORT, "tramway": TRAMWAY}, (1, 1, 1), "navire", ["Laurent Castel"]),
    ],
)
def test_add_indexes_new_and_changed_articles_only(
    live: Path, tmp_path: Path, articles: dict, counts: tuple, query: str, speakers: list
) -> None:
    corpus = _corpus(tmp_path / "more", articles)
    report = add([corpus], index_dir=live)
    assert (report.articles, report.quotes, report.unchanged) == counts
    assert _found(live, query) == speakers
    with open_index(live) as index:
        stats = index.stats()
        assert stats["quotes"] == index.search("").total
        assert stats["articles"] == 2 + ("tramway" in articles)


def test_add_resolves_speakers_over_the_whole_corpus(live: Path, tmp_path: Path) -> None:
    again = "« Le port embauchera deux cents dockers », a promis Laurent Castel.\n"
    add([_corpus(tmp_path / "more", {"port-2": again})], index_dir=live)
    with open_index(live) as index:
        castel = index.speakers.resolve_name("laurent castel")
        assert castel.quotes == 2
        assert index.search("", speaker_id=castel.id).total == 2


def test_add_needs_an_index(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"port": PORT})
    with pytest.raises(IndexMissingError, match="quotesearch index"):
        add([corpus], index_dir=tmp_path / "index")


# --- one writer, and nothing lost -------------------------------------------------------------


def test_a_second_writer_is_refused_and_the_index_still_answers(live: Path, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"tramway": TRAMWAY})
    with writer_lock(live):
        with pytest.raises(IndexBusyError, match=f"being written by process {os.getpid()}"):
            build([corpus], index_dir=live)
        with pytest.raises(IndexBusyError, match="wait for it to finish"):
            add([corpus], index_dir=live)
        assert _found(live, "compétitif") == ["Laurent Castel"]
    assert add([corpus], index_dir=live).articles == 1


def test_a_build_killed_between_its_renames_is_finished_by_the_next_writer(live: Path) -> None:
    retired = live.parent / f".{live.name}.old-1-1"
    live.rename(retired)
    with writer_lock(live):
        pass
    assert _found(live, "compétitif") == ["Laurent Castel"]
    assert not retired.exists()


def test_stale_build_folders_are_cleared_and_the_live_index_kept(live: Path) -> None:
    stale = live.parent / f".{live.name}.build-99999-abc"
    stale.mkdir()
    (stale / "quotes_WRITELOCK").write_text("")
    with writer_lock(live):
        pass
    assert not stale.exists()
    assert _found(live, "compétitif") == ["Laurent Castel"]


def _many_articles(folder: Path, count: int) -> Path:
    """A corpus big enough for a build to take several seconds: a JSONL of varied articles."""
    folder.mkdir(parents=True, exist_ok=True)
    towns = ["Lille", "Nantes", "Rennes", "Dijon", "Metz", "Brest", "Tours", "Nîmes"]
    lines = []
    for n in range(count):
        town = towns[n % len(towns)]
        text = (
            f"Le conseil municipal de {town} a voté le budget numéro {n}.\n\n"
            f"« Ce budget protège les écoles et les crèches de {town} », a déclaré le maire "
            f"Paul Renaud{n % 5}, avant de quitter la séance.\n\n"
            f"L'opposition a dénoncé « une hausse des impôts injustifiée » et promis un recours."
        )
        lines.append(json.dumps({"id": f"budget-{n}", "text": text, "date": "2024-06-01"}))
    (folder / "budgets.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_killed_rebuild_leaves_the_old_index_answering(live: Path, tmp_path: Path) -> None:
    corpus = _many_articles(tmp_path / "big", 600)
    command = [str(Path(sys.executable).parent / "quotesearch"), "index", str(corpus)]
    process = subprocess.Popen(
        [*command, "--index", str(live)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        lock = lock_path(live)
        deadline = time.monotonic() + 60
        while f"process {process.pid}" not in (lock.read_text() if lock.exists() else ""):
            assert process.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(2.0)
        # A search during the rebuild answers from the old index.
        assert _found(live, "compétitif") == ["Laurent Castel"]
        assert process.poll() is None, "the build ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _found(live, "compétitif") == ["Laurent Castel"]
    report = build([_corpus(tmp_path / "small", {"tramway": TRAMWAY})], index_dir=live)
    assert report.articles == 1
    assert _found(live, "étudiants") == ["Sarah Benali"]
    assert not [p for p in live.parent.iterdir() if ".build-" in p.name or ".old-" in p.name]
