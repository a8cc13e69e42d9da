"""Analyses on the web, kept apart from searches: a few slots, and each analysis in a process
of its own with a wall-clock limit.

Everything an analysis costs happens in its slot: reading the upload, extracting a page's
text, fetching a URL, parsing. At most ANALYSE_CONCURRENCY run at once; a request that cannot
get a slot within ANALYSE_WAIT seconds, or finds ANALYSE_QUEUE requests already waiting, is
refused with 503 and Retry-After, so that analyses never hold every server thread.

The work itself runs in a child process forked from the server (the spaCy pipeline, loaded
once before, is shared with it), at a lower CPU priority than the searches of the server, and
is killed when it passes ANALYSE_TIMEOUT seconds: a thread could not be stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext
from werkzeug.exceptions import ServiceUnavailable

from quotesearch.errors import QuotesearchError
from quotesearch.processes import end_with_parent
from quotesearch.records import Analysis
from web.submissions import Submission, article_from_submission

# How much lower the analysis processes run than the server (nice(2) increment): searches
# first when both want the CPU.
ANALYSIS_NICENESS = 10
# Forks happen one at a time, never while another thread holds a lock the child would need.
_FORK_LOCK = threading.Lock()


class AnalysisTimeout(ServiceUnavailable):
    """An analysis ran past the server's wall-clock limit and was stopped."""


class AnalysisSlots:
    """At most `size` analyses at once, and at most `queue` requests waiting for one."""

    def __init__(self, size: int, queue: int) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self._queue = queue
        self._waiting = 0
        self._lock = threading.Lock()

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take a slot, waiting at most `timeout` seconds, and not at all when the queue of
        waiting requests is full."""
        if self._slots.acquire(blocking=False):
            return True
        if not blocking:
            return False
        with self._lock:
            if self._waiting >= self._queue:
                return False
            self._waiting += 1
        try:
            return self._slots.acquire(timeout=timeout)
        finally:
            with self._lock:
                self._waiting -= 1

    def release(self) -> None:
        self._slots.release()

    @property
    def waiting(self) -> int:
        """The requests waiting for a slot now."""
        with self._lock:
            return self._waiting


def init_app(app: Flask) -> None:
    """Give the application its analysis slots."""
    config = app.config
    app.extensions["quotesearch.analyses"] = AnalysisSlots(
        config["ANALYSE_CONCURRENCY"], config["ANALYSE_QUEUE"]
    )


@contextmanager
def analysis_slot() -> Iterator[None]:
    """Hold one of the analysis slots; ServiceUnavailable (503, Retry-After) when none frees
    within ANALYSE_WAIT seconds."""
    config = current_app.config
    slots = current_app.extensions["quotesearch.analyses"]
    if not slots.acquire(timeout=config["ANALYSE_WAIT"]):
        raise ServiceUnavailable(
            gettext("The server is busy analysing other articles; retry in a few seconds."),
            retry_after=config["RETRY_AFTER"],
        )
    try:
        yield
    finally:
        slots.release()


def prepare() -> None:
    """Load what every analysis child shares (the spaCy pipeline), ahead of the first one."""
    from quotesearch.extract.pipeline import load_nlp

    with _FORK_LOCK:
        load_nlp()


def analyse_submission(submission: Submission) -> Analysis:
    """Make the submission an article and analyse it, in a child process stopped at
    ANALYSE_TIMEOUT seconds (AnalysisTimeout, 503). Call it holding an analysis slot."""
    config = current_app.config
    options = {
        "max_chars": config["ANALYSE_MAX_CHARS"],
        "fetch_limits": {
            "timeout": config["FETCH_TIMEOUT"],
            "max_bytes": config["FETCH_MAX_BYTES"],
            "allow_private": config["FETCH_PRIVATE_ADDRESSES"],
        },
    }
    limit = config["ANALYSE_TIMEOUT"]
    deadline = time.monotonic() + limit
    if "fork" not in multiprocessing.get_all_start_methods():
        # Without fork a child would load the pipeline anew for each analysis (seconds): the
        # analysis runs in the server's thread, bounded by the text limit only.
        return _analysed(submission, options)
    outcome = _in_child(_analysed, (submission, options), deadline)
    if outcome is None:
        raise AnalysisTimeout(
            f"The analysis was stopped after {limit:g} s, the limit of this server for one "
            "article: send a shorter text, or analyse it with `quotesearch extract`."
        )
    return outcome


def _analysed(submission: Submission, options: dict[str, Any]) -> Analysis:
    from quotesearch.extract.pipeline import analyse_articles

    article = article_from_submission(submission, **options)
    return next(analyse_articles([article], n_process=1))


def _in_child(work: Callable[..., Any], args: tuple, deadline: float) -> Any:
    """`work(*args)` run in a forked child process: its result, the library error it raised
    (raised again here), or None when it did not end by `deadline` (time.monotonic()); the
    child is then killed."""
    from quotesearch.extract.pipeline import load_nlp

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    # The pipeline may still be loading (`prepare`): that time counts too.
    if not _FORK_LOCK.acquire(timeout=max(0.0, deadline - time.monotonic())):
        receiver.close()
        sender.close()
        return None
    try:
        load_nlp()  # once, so that every child shares it instead of loading its own
        child = context.Process(
            target=_child_main, args=(sender, work, args, os.getpid()), daemon=True
        )
        child.start()
    finally:
        _FORK_LOCK.release()
    sender.close()
    try:
        if not receiver.poll(max(0.0, deadline - time.monotonic())):
            return None
        kind, value = receiver.recv()
    except EOFError:
        kind, value = "failed", f"the analysis process ended with status {child.exitcode}"
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "error":
        raise value
    if kind == "failed":
        raise RuntimeError(value)
    return value


def _child_main(sender: Connection, work: Callable[..., Any], args: tuple, parent_pid: int) -> None:
    end_with_parent(parent_pid, watch=False)
    _close_server_sockets()
    # The server's own handlers (gunicorn's) are not this process's: stop on SIGTERM.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(ANALYSIS_NICENESS)
    try:
        outcome: tuple[str, Any] = ("done", work(*args))
    except QuotesearchError as error:
        outcome = ("error", error)
    except Exception as error:  # sent back whole: the server logs it as its own 500
        outcome = ("failed", f"{type(error).__name__}: {error}")
    try:
        sender.send(outcome)
    except Exception as error:  # an error that cannot be pickled is sent as its words
        sender.send(("failed", f"{type(error).__name__}: {outcome[1]}"))
    sender.close()


def _close_server_sockets() -> None:
    """Close the sockets the child got from the server (its listening socket, the connections
    of other requests): held here, a connection the server closes would stay open to its
    client until the analysis ends."""
    folder = "/proc/self/fd"
    if not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        try:
            fd = int(name)
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except (ValueError, OSError):
            continue
