"""Building the quote index from articles, safely: one writer at a time, a new folder swapped in
only when complete, and incremental additions that never re-parse old articles.

A build reads and analyses the articles, resolves the speakers across them, groups
near-duplicate quotes and writes everything into a hidden folder beside the live index. Only
then are the folders swapped, with two renames, so a crash, a kill or Ctrl-C leaves the previous
index whole and searchable. The lock is an `flock` on a file beside the index folder: the
kernel releases it when its process dies, however it dies.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from tqdm import tqdm

from quotesearch.errors import ArticleError, IndexBusyError, QuotesearchError
from quotesearch.records import Analysis, Article
from quotesearch.search.index import lock_path

OnError = Callable[[ArticleError], None]
# Hidden siblings of the index folder: a build in progress and the previous index being retired.
BUILD_PREFIX = "build"
OLD_PREFIX = "old"
# The alias file a build found is kept in the index, for later additions.
ALIAS_COPY = "speakers.toml"
# Builds of at least this many quotes index with two processes when the machine has the cores.
PARALLEL_MIN_QUOTES = 5_000
# Seconds between two tries of a held lock, and how long the workers of a writer that has ended
# may keep its lock before they are reported.
LOCK_POLL = 0.05
STALE_WAIT = 5.0

log = logging.getLogger(__name__)
# Lock files (descriptors) this process holds, closed in the processes it forks.
_HELD: set[int] = set()
_LOCAL_LOCKS: dict[str, threading.Lock] = {}
_LOCAL_LOCKS_GUARD = threading.Lock()


@dataclass(frozen=True)
class BuildReport:
    """What a build or an addition did: articles and quotes written, speakers in the index,
    inputs skipped with the reason, and the time it took."""

    articles: int
    quotes: int
    speakers: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    unchanged: int = 0


def build(
    paths: Iterable[str | Path],
    *,
    index_dir: Path,
    on_error: OnError | None = None,
    progress: bool = False,
    n_process: int | None = None,
    cluster: str | None = None,
) -> BuildReport:
    """Index every article under `paths` into a new index that replaces the one in `index_dir`
    only once complete. Raises IndexBusyError while another build holds the index.

    A path may be a folder of analyses written by `quotesearch extract --out`: its articles are
    indexed as analysed then, without parsing them again. `cluster` parses the others on a
    Dask cluster (`quotesearch.extract.cluster`)."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    index_dir = Path(index_dir)
    skipped: list[tuple[str, str]] = []
    with writer_lock(index_dir):
        _check_target(index_dir)
        report = _reporter(skipped, on_error)
        analyses = list(
            _analyses(paths, report, progress=progress, n_process=n_process, cluster=cluster)
        )
        if not analyses:
            raise ArticleError(
                ", ".join(map(str, paths)),
                f"no article could be read; the index at {index_dir} was left as it was",
            )
        alias_file = _alias_file(paths, None)
        registry, groups = _corpus(analyses, alias_file)
        folder = _new_sibling(index_dir, BUILD_PREFIX)
        try:
            _write_new(folder, analyses, registry, groups, progress=progress)
            if alias_file is not None:
                shutil.copyfile(alias_file, folder / ALIAS_COPY)
            _swap(folder, index_dir)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    quotes = sum(len(a.quotes) for a in analyses)
    return BuildReport(len(analyses), quotes, len(registry), skipped, time.perf_counter() - started)


def add(
    paths: Iterable[str | Path],
    *,
    index_dir: Path,
    on_error: OnError | None = None,
    progress: bool = False,
    wait: float = 0.0,
    cluster: str | None = None,
) -> BuildReport:
    """Add the new or changed articles under `paths` to the index in `index_dir` (articles are
    known by id and content hash; unchanged ones are skipped), re-resolving the speakers.
    Folders of analyses are read as by `build`. Waits up to `wait` seconds for another writer
    before raising IndexBusyError."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    index_dir = Path(index_dir)
    skipped: list[tuple[str, str]] = []
    with writer_lock(index_dir, wait=wait):
        stored, speakers = _stored(index_dir)
        fresh, unchanged = [], 0
        report = _reporter(skipped, on_error)
        folders, others = _split_sources(paths)
        for article in _read(others, report):
            if _unchanged(article, stored):
                unchanged += 1
            else:
                fresh.append(article)
        added = list(
            _analysed(
                iter(fresh),
                report,
                progress=progress,
                n_process=None,
                cluster=cluster,
                total=len(fresh),
            )
        )
        analysed_before, kept = _new_or_changed(_stored_analyses(folders), stored)
        added += analysed_before
        unchanged += kept
        if added:
            speakers = _merge(index_dir, stored, added, _alias_file(paths, index_dir))
    quotes = sum(len(a.quotes) for a in added)
    seconds = time.perf_counter() - started
    return BuildReport(len(added), quotes, speakers, skipped, seconds, unchanged)


def add_articles(
    analyses: Iterable[Analysis], *, index_dir: Path, wait: float = 0.0
) -> BuildReport:
    """Add articles analysed already (on the web's Analyse page) to the index in `index_dir`,
    without reading or parsing them again; unchanged ones are skipped, as by `add`."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    with writer_lock(index_dir, wait=wait):
        stored, speakers = _stored(index_dir)
        added, unchanged = _new_or_changed(analyses, stored)
        if added:
            speakers = _merge(index_dir, stored, added, _alias_file([], index_dir))
    quotes = sum(len(a.quotes) for a in added)
    seconds = time.perf_counter() - started
    return BuildReport(len(added), quotes, speakers, [], seconds, unchanged)


def _unchanged(article: Article, stored: dict[str, Analysis]) -> bool:
    """Whether the index holds the article already as it is (same id, same content)."""
    old = stored.get(article.id)
    return old is not None and old.article.content_hash == article.content_hash


def _new_or_changed(
    analyses: Iterable[Analysis], stored: dict[str, Analysis]
) -> tuple[list[Analysis], int]:
    """The analyses of articles the index lacks or holds in another version, and the number
    of those it holds as they are."""
    added, unchanged = [], 0
    for analysis in analyses:
        if _unchanged(analysis.article, stored):
            unchanged += 1
        else:
            added.append(analysis)
    return added, unchanged


def _stored(index_dir: Path) -> tuple[dict[str, Analysis], int]:
    """The analyses kept in the index, by article id, and its number of speakers."""
    from quotesearch.search.index import open_index

    with open_index(index_dir) as current:
        return {a.article.id: a for a in current.analyses()}, len(current.speakers)


def _merge(
    index_dir: Path, stored: dict[str, Analysis], added: list[Analysis], alias_file: Path | None
) -> int:
    """Write `added` into a copy of the index, replacing the articles of the same ids, swap the
    copy in, and return the number of speakers. Runs under the lock."""
    from quotesearch.search.index import INDEX_VERSION, index_version, update_index

    replaced = {a.article.id for a in added}
    kept = [a for doc_id, a in stored.items() if doc_id not in replaced]
    registry, groups = _corpus([*kept, *added], alias_file)
    folder = _new_sibling(index_dir, BUILD_PREFIX)
    try:
        if index_version(index_dir) == INDEX_VERSION:
            shutil.copytree(index_dir, folder)
            (folder / "meta.json").unlink()
            update_index(
                folder,
                added=added,
                removed=replaced & stored.keys(),
                kept=kept,
                registry=registry,
                groups=groups,
            )
        else:
            # An index of an older layout is written anew from the analyses it keeps.
            _write_new(folder, [*kept, *added], registry, groups, progress=False)
        _swap(folder, index_dir)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return len(registry)


@contextmanager
def writer_lock(index_dir: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the index's write lock, recovering from and clearing any build killed before.

    Raises IndexBusyError if another writer still holds it after `wait` seconds. A lock left by
    a process that has ended is taken over, with a warning. While it is held, SIGTERM stops the
    build as Ctrl-C does, and the processes the build forks end with it.
    """
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(index_dir)
    deadline = time.monotonic() + wait
    # flock does not exclude two writers of one process: threads (web requests) queue here.
    local = _local_lock(path)
    taken = local.acquire(timeout=wait) if wait > 0 else local.acquire(blocking=False)
    if not taken:
        raise IndexBusyError(
            f"the index at {index_dir} is being written by process {os.getpid()} (this one, "
            "for another task); wait for it to finish, then try again"
        )
    try:
        with path.open("a+") as handle:
            _acquire(handle, index_dir, deadline)
            handle.seek(0)
            left = _holder(handle.read())
            if left is not None and left != os.getpid():
                log.warning(
                    "the index at %s was left locked by process %s, which has ended; "
                    "taking the lock over and clearing what its build left",
                    index_dir,
                    left,
                )
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()}")
            handle.flush()
            _HELD.add(handle.fileno())
            try:
                with _terminate_as_interrupt():
                    _recover(index_dir)
                    yield
            finally:
                _HELD.discard(handle.fileno())
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        local.release()


def _acquire(handle, index_dir: Path, deadline: float) -> None:
    """Take the flock of an open lock file, polling until `deadline`. A holder named in the file
    that has ended means processes it forked still hold the lock: they end within seconds."""
    from quotesearch.processes import is_alive

    stale_deadline = None
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            handle.seek(0)
            holder = _holder(handle.read())
            now = time.monotonic()
            if holder is not None and not is_alive(holder):
                stale_deadline = stale_deadline or now + STALE_WAIT
                if now < stale_deadline:
                    time.sleep(LOCK_POLL)
                    continue
                raise IndexBusyError(
                    f"the index at {index_dir} was being written by process {holder}, which "
                    "has ended, but processes it started still hold the lock; end them, then "
                    "try again"
                ) from None
            if now >= deadline:
                who = f"process {holder}" if holder is not None else "another process"
                raise IndexBusyError(
                    f"the index at {index_dir} is being written by {who}; "
                    "wait for it to finish, then try again"
                ) from None
            time.sleep(LOCK_POLL)


def _holder(text: str) -> int | None:
    """The process id a lock file names ("process 1234"), if any."""
    words = text.split()
    if len(words) == 2 and words[0] == "process" and words[1].isdigit():
        return int(words[1])
    return None


def _local_lock(path: Path) -> threading.Lock:
    key = str(path.resolve())
    with _LOCAL_LOCKS_GUARD:
        return _LOCAL_LOCKS.setdefault(key, threading.Lock())


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, so a terminated build cleans up as after Ctrl-C: its
    workers are stopped and its half-written folder deleted. Only the main thread gets signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _close_held_locks_in_child() -> None:
    """In a process forked while a lock is held: drop the inherited lock, which must never
    outlive its writer, and end with the writer."""
    if not _HELD:
        return
    from quotesearch.processes import end_with_parent

    for fd in _HELD:
        with suppress(OSError):
            os.close(fd)
    _HELD.clear()
    # The pid recorded before the fork: if the writer has already died, getppid() would name
    # whoever adopted this process and the child would live on.
    end_with_parent(_forking[0] or os.getppid(), watch=False)


# The process that is forking, recorded just before each fork.
_forking = [0]


def _remember_forking_process() -> None:
    _forking[0] = os.getpid()


os.register_at_fork(before=_remember_forking_process, after_in_child=_close_held_locks_in_child)


def _siblings(index_dir: Path, prefix: str) -> list[Path]:
    return sorted(index_dir.parent.glob(f".{index_dir.name}.{prefix}-*"))


def _new_sibling(index_dir: Path, prefix: str) -> Path:
    return index_dir.parent / f".{index_dir.name}.{prefix}-{os.getpid()}-{time.time_ns():x}"


def _recover(index_dir: Path) -> None:
    """Finish or undo the swap of a build killed between its two renames, then delete the
    folders that killed builds left behind. Runs under the lock."""
    from quotesearch.search.index import is_index

    if not index_dir.exists():
        finished = [p for p in _siblings(index_dir, BUILD_PREFIX) if is_index(p)]
        previous = [p for p in _siblings(index_dir, OLD_PREFIX) if is_index(p)]
        for candidate in finished[-1:] or previous[-1:]:
            os.rename(candidate, index_dir)
    for stale in _siblings(index_dir, BUILD_PREFIX) + _siblings(index_dir, OLD_PREFIX):
        shutil.rmtree(stale, ignore_errors=True)


def _check_target(index_dir: Path) -> None:
    """Refuse to replace a folder that is not an index: a build never deletes other files."""
    from quotesearch.search.index import is_index

    if index_dir.exists() and not is_index(index_dir):
        if index_dir.is_dir() and not any(_user_files(index_dir)):
            return
        raise QuotesearchError(
            f"{index_dir} exists and is not a quotesearch index; "
            "give another --index folder or move it away"
        )


def _user_files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.iterdir() if not p.name.startswith("."))


def _swap(folder: Path, index_dir: Path) -> None:
    """Put the finished `folder` in place of `index_dir`; the old index is retired, then
    deleted. Readers hold the build they opened by its directory: they read it whole, or, when
    they need a file deleted with it, read the new build again (`index.QuoteIndex`). Hidden
    files the user keeps in the folder (a .gitkeep) are carried over."""
    if index_dir.exists():
        for kept in index_dir.glob(".*"):
            if kept.is_file() and not (folder / kept.name).exists():
                shutil.copy2(kept, folder / kept.name)
        retired = _new_sibling(index_dir, OLD_PREFIX)
        os.rename(index_dir, retired)
        os.rename(folder, index_dir)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(folder, index_dir)


def _reporter(skipped: list[tuple[str, str]], on_error: OnError | None) -> OnError:
    """A callback noting each skipped input with its reason, then passing it on."""

    def report(error: ArticleError) -> None:
        skipped.append((error.source, error.problem))
        if on_error is not None:
            on_error(error)

    return report


def _read(paths: list[Path], report: OnError) -> Iterator[Article]:
    from quotesearch.articles import iter_articles

    return iter_articles(paths, on_error=report)


def _split_sources(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The folders of analyses among `paths`, and the other paths (articles)."""
    from quotesearch.extract.parquet import is_analyses_folder

    folders = [p for p in paths if is_analyses_folder(p)]
    return folders, [p for p in paths if p not in folders]


def _stored_analyses(folders: list[Path]) -> Iterator[Analysis]:
    from quotesearch.extract.parquet import read_analyses

    for folder in folders:
        yield from read_analyses(folder)


def _analyses(
    paths: list[Path],
    report: OnError,
    *,
    progress: bool,
    n_process: int | None,
    cluster: str | None,
) -> Iterator[Analysis]:
    """The analyses of the articles under `paths`, read from the folders of analyses among
    them, parsed for the others; an article id met twice is reported and skipped."""
    from quotesearch.articles import count_articles

    folders, others = _split_sources(paths)
    seen: set[str] = set()
    found = _analysed(
        _read(others, report),
        report,
        progress=progress,
        n_process=n_process,
        cluster=cluster,
        total=count_articles(others) if progress else None,
    )
    for analysis in chain(_stored_analyses(folders), found):
        if analysis.article.id in seen:
            report(
                ArticleError(
                    analysis.article.path or analysis.article.id,
                    f"article id '{analysis.article.id}' is given twice; skipped",
                )
            )
            continue
        seen.add(analysis.article.id)
        yield analysis


def _analysed(
    articles: Iterator[Article],
    report: OnError,
    *,
    progress: bool,
    n_process: int | None,
    cluster: str | None = None,
    total: int | None = None,
) -> Iterator[Analysis]:
    """The analyses of the articles, with a progress bar of articles (of `total`, with the
    time left) and quotes per second."""
    from quotesearch.extract.pipeline import analyse_articles

    bar = tqdm(
        desc="Reading",
        total=total,
        unit=" articles",
        disable=not progress,
        dynamic_ncols=True,
    )
    started, quotes = time.perf_counter(), 0
    with bar:
        found = analyse_articles(articles, n_process=n_process, on_error=report, cluster=cluster)
        for analysis in found:
            quotes += len(analysis.quotes)
            bar.update(1)
            rate = quotes / max(time.perf_counter() - started, 1e-9)
            bar.set_postfix_str(f"{quotes} quotes, {rate:.1f} quotes/s", refresh=False)
            yield analysis


def _alias_file(paths: list[Path], index_dir: Path | None) -> Path | None:
    """The alias file of the inputs, else the one kept in the index."""
    from quotesearch.speakers.aliases import find_alias_file

    found = find_alias_file(paths)
    if found is None and index_dir is not None and (index_dir / ALIAS_COPY).is_file():
        found = index_dir / ALIAS_COPY
    return found


def _corpus(analyses: Sequence[Analysis], alias_file: Path | None):
    """The speakers of the corpus and the near-duplicate group of each quote."""
    from quotesearch.speakers.aliases import load_aliases
    from quotesearch.speakers.groups import group_quotes
    from quotesearch.speakers.registry import resolve_speakers

    aliases = load_aliases(alias_file) if alias_file is not None else None
    registry = resolve_speakers(analyses, aliases=aliases)

    def speaker_of(quote) -> str | None:
        speaker = registry.speaker_for(quote)
        return speaker.id if speaker else None

    days = {a.article.id: a.article.date.toordinal() for a in analyses if a.article.date}
    groups = group_quotes(
        (q for a in analyses for q in a.quotes),
        speaker_of=speaker_of,
        day_of=lambda quote: days.get(quote.doc_id),
    )
    return registry, groups


def _write_new(folder, analyses, registry, groups, *, progress: bool) -> None:
    from quotesearch.search.index import create_index

    total = sum(len(a.quotes) for a in analyses)
    procs = 2 if total >= PARALLEL_MIN_QUOTES and (os.cpu_count() or 1) > 1 else 1
    with tqdm(
        total=total, desc="Indexing", unit=" quotes", disable=not progress, dynamic_ncols=True
    ) as bar:
        create_index(
            folder, analyses, registry=registry, groups=groups, on_quotes=bar.update, procs=procs
        )
