"""Building the index from articles: full builds, `add`, one writer at a time, and rebuilds that
lose nothing when killed. Articles are real French text parsed by the spaCy pipeline."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from quotesearch.errors import ArticleError, IndexBusyError, IndexMissingError, QuotesearchError
from quotesearch.search.index import open_index
from quotesearch.search.indexing import (
    BuildReport,
    add,
    add_articles,
    build,
    lock_path,
    writer_lock,
)

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


# --- writers that end badly: their lock, their workers ------------------------------------------

SHARED_CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "orangesum-3000-html.tar.gz"


def _ended_pid() -> int:
    """The id of a process that has just ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_lock_left_by_an_ended_writer_is_taken_over_with_a_warning(
    live: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dead = _ended_pid()
    lock_path(live).write_text(f"process {dead}")
    corpus = _corpus(tmp_path / "corpus", {"tramway": TRAMWAY})
    assert add([corpus], index_dir=live).articles == 1
    assert f"left locked by process {dead}, which has ended; taking the lock over" in caplog.text
    assert lock_path(live).read_text() == ""


def test_a_lock_kept_by_what_an_ended_writer_started_is_reported(
    live: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    from quotesearch.search import indexing

    monkeypatch.setattr(indexing, "STALE_WAIT", 0.2)
    dead = _ended_pid()
    # Another process holds the lock, which names a writer that has ended.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a+');"
            "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
            str(lock_path(live)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        lock_path(live).write_text(f"process {dead}")
        with pytest.raises(IndexBusyError, match=f"process {dead}, which has ended, but"):
            add([_corpus(tmp_path / "corpus", {"tramway": TRAMWAY})], index_dir=live)
    finally:
        holder.kill()
        holder.wait()
    with lock_path(live).open() as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


WRITER_FORKS_THEN_DIES = """
import multiprocessing, os, sys, time
from pathlib import Path
from quotesearch.search.indexing import writer_lock

with writer_lock(Path(sys.argv[1])):
    child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
    child.start()
    print(child.pid, flush=True)
    os._exit(0)  # as if killed: no cleanup runs
"""


def test_processes_a_writer_forks_neither_keep_its_lock_nor_outlive_it(live: Path) -> None:
    script = subprocess.run(
        [sys.executable, "-c", WRITER_FORKS_THEN_DIES, str(live)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    child = int(script.stdout.strip())
    assert _ends(child), "a child of the writer outlived it"
    with writer_lock(live):
        pass


def _ends(pid: int, within: float = 10.0) -> bool:
    """Whether process `pid` has ended (or is a zombie) before `within` seconds pass."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _running(pid):
            return True
        time.sleep(0.1)
    return False


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _descendants(pid: int) -> set[int]:
    """The processes started by `pid`, and by them, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 real news pages from the shared corpus: a build of them runs worker processes for
    a minute or more."""
    import tarfile

    if not SHARED_CORPUS.exists():
        pytest.skip(f"needs the shared corpus at {SHARED_CORPUS}")
    folder = tmp_path_factory.mktemp("pages")
    with tarfile.open(SHARED_CORPUS) as archive:
        members = [m for m in archive.getmembers() if m.isfile()][:600]
        archive.extractall(folder, members=members, filter="data")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_rebuild_leaves_no_process_and_no_lock(
    live: Path, tmp_path: Path, real_pages: Path, sig: signal.Signals
) -> None:
    command = [str(Path(sys.executable).parent / "quotesearch"), "index", str(real_pages)]
    process = subprocess.Popen(
        [*command, "--index", str(live)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 180
        while len(workers := _descendants(process.pid)) < 2:
            assert process.poll() is None, "the build ended before its workers started"
            assert time.monotonic() < deadline, "the build started no worker processes"
            time.sleep(0.2)
        time.sleep(1.0)
        assert process.poll() is None, "the build ended before it could be killed"
        os.kill(process.pid, sig)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    left = {pid for pid in workers | _descendants(process.pid) if not _ends(pid)}
    assert not left, f"processes of the killed build still run: {sorted(left)}"
    assert _found(live, "compétitif") == ["Laurent Castel"]
    rebuild = subprocess.run(
        [
            *command[:2],
            str(_corpus(tmp_path / "small", {"tramway": TRAMWAY})),
            "--index",
            str(live),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rebuild.returncode == 0, rebuild.stderr
    assert _found(live, "étudiants") == ["Sarah Benali"]
    assert not [p for p in live.parent.iterdir() if ".build-" in p.name or ".old-" in p.name]


def test_add_articles_adds_analyses_as_they_are_and_skips_unchanged_ones(live: Path) -> None:
    from quotesearch.extract.pipeline import analyse
    from quotesearch.records import Article

    analysis = analyse(TRAMWAY, doc_id="tramway")
    report = add_articles([analysis], index_dir=live)
    assert (report.articles, report.quotes, report.unchanged) == (1, 1, 0)
    assert _found(live, "étudiants") == ["Sarah Benali"]
    again = add_articles([analysis], index_dir=live)
    assert (again.articles, again.unchanged) == (0, 1)
    with open_index(live) as index:
        assert index.article("tramway") == Article(id="tramway", text=TRAMWAY)


def test_a_second_writer_of_this_process_waits_its_turn(live: Path, tmp_path: Path) -> None:
    import threading

    from quotesearch.extract.pipeline import analyse

    analysis = analyse(TRAMWAY, doc_id="tramway")
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writer_lock(live):
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(30)
    with pytest.raises(IndexBusyError, match=r"process \d+ \(this one, for another task\)"):
        add_articles([analysis], index_dir=live)
    threading.Timer(0.2, release.set).start()
    assert add_articles([analysis], index_dir=live, wait=30).articles == 1
    holder.join()


# --- readers while the index is swapped -------------------------------------------------------


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two folders of analyses, written once: an index built from either needs no parse."""
    from quotesearch.articles import iter_articles
    from quotesearch.extract.parquet import write_analyses

    root = tmp_path_factory.mktemp("builds")
    small = _corpus(root / "small", {"port": PORT, "vignes": VIGNES})
    large = _corpus(root / "large", {"port": PORT, "vignes": VIGNES, "tramway": TRAMWAY})
    for corpus in (small, large):
        write_analyses(iter_articles([corpus]), root / f"{corpus.name}-analyses", n_process=1)
    return root / "small-analyses", root / "large-analyses"


def test_a_search_begun_before_a_swap_reads_one_build(two_builds, tmp_path: Path) -> None:
    small, large = two_builds
    index_dir = tmp_path / "index"
    build([small], index_dir=index_dir)
    with open_index(index_dir) as index:
        build([large], index_dir=index_dir)
        # Opened on the first build, deleted since: the search reads the new one, whole.
        newest = index.search("", sort="date")
        assert newest.total == 3
        assert {hit.speaker for hit in newest.hits} == {
            "Laurent Castel",
            "Hélène Marchand",
            "Sarah Benali",
        }
        assert [hit.speaker for hit in index.search("étudiants").hits] == ["Sarah Benali"]
        build([small], index_dir=index_dir)
        # Whichever build answers, it answers whole: its count, hits and speakers agree.
        again = index.search("", sort="date")
        assert len(again.hits) == again.total
        assert all(index.speakers.get(hit.speaker_id) for hit in again.hits)


@pytest.mark.slow
def test_searches_never_fail_while_the_index_is_rebuilt(two_builds, tmp_path: Path) -> None:
    """100 rebuilds, swapped in while 4 clients search: each search answers from one build."""
    import threading

    small, large = two_builds
    index_dir = tmp_path / "index"
    build([small], index_dir=index_dir)
    stop = threading.Event()
    failures: list[str] = []
    searches = [0] * 4

    def check(index) -> None:
        everything = index.search("", sort="date", per_page=2)
        assert everything.total in (2, 3), everything.total
        assert len(everything.hits) == 2
        found = index.search("compétitif", per_page=5)
        assert [hit.speaker for hit in found.hits] == ["Laurent Castel"]
        assert found.facets and found.facets[0][1] == "Laurent Castel"
        assert index.quote(found.hits[0].quote_id).text == found.hits[0].text
        assert index.search("domaines", since=date(1900, 1, 1)).total == 0

    def client(number: int) -> None:
        # Two clients open the index for each search, as the web app does per request; two
        # keep one index open throughout, as a long session would.
        kept = open_index(index_dir) if number % 2 else None
        try:
            while not stop.is_set():
                try:
                    if kept is not None:
                        check(kept)
                    else:
                        with open_index(index_dir) as index:
                            check(index)
                except Exception as error:  # every failure is counted, whatever its kind
                    failures.append(f"{type(error).__name__}: {error}")
                searches[number] += 1
        finally:
            if kept is not None:
                kept.close()

    clients = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in clients:
        thread.start()
    try:
        for rebuild in range(100):
            build([large if rebuild % 2 else small], index_dir=index_dir)
    finally:
        stop.set()
        for thread in clients:
            thread.join(60)
    assert not failures, f"{len(failures)} of {sum(searches)} searches failed: {failures[:5]}"
    assert min(searches) > 0
