"""Running the web application: waitress in one process, or gunicorn with several.

One Python process answers searches on one core (the GIL), so `quotesearch serve --workers N`
runs N gunicorn worker processes (POSIX only), each with threads. Every worker opens the index
per request and keeps its own searcher state per build (`quotesearch.search.index`), so a
rebuild that swaps the index in is seen by each worker at its next request.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable

from flask import Flask

# The Server header of every answer, whatever server runs the application.
SERVER_NAME = "quotesearch"
# Seconds a gunicorn worker may spend on one request (an analysis takes seconds), and that
# workers are given to finish their requests when the server stops.
REQUEST_TIMEOUT = 120
GRACEFUL_TIMEOUT = 10


class PortBusy(OSError):
    """The address cannot be listened on."""


def load_model_in_background() -> threading.Thread:
    """Start loading the French pipeline (seconds) beside the serving threads, so that a
    worker's first analysis does not wait for it while searches answer at once."""
    from quotesearch.extract.pipeline import load_nlp

    loader = threading.Thread(target=load_nlp, name="quotesearch-model", daemon=True)
    loader.start()
    return loader


def default_workers() -> int:
    """One worker process per core where gunicorn runs (POSIX), else one."""
    return (os.cpu_count() or 1) if gunicorn_available() else 1


def gunicorn_available() -> bool:
    try:
        # gunicorn's arbiter needs fcntl, which only POSIX systems have.
        import gunicorn.app.base  # noqa: F401
    except ImportError:
        return False
    return True


def serve(
    app: Flask,
    *,
    host: str,
    port: int,
    threads: int,
    workers: int,
    on_ready: Callable[[], None] = lambda: None,
    load_model: bool = True,
) -> None:
    """Serve `app` on host:port until interrupted: waitress for one worker, gunicorn for more.
    Raises PortBusy when the address cannot be listened on; calls `on_ready` once it can.
    Each worker process starts loading the language model as it starts (`load_model`)."""
    if workers <= 1:
        _serve_waitress(
            app, host=host, port=port, threads=threads, on_ready=on_ready, load_model=load_model
        )
    else:
        _check_port(host, port)
        on_ready()
        _serve_gunicorn(
            app, host=host, port=port, threads=threads, workers=workers, load_model=load_model
        )


def _serve_waitress(
    app: Flask,
    *,
    host: str,
    port: int,
    threads: int,
    on_ready: Callable[[], None],
    load_model: bool,
) -> None:
    import waitress

    try:
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident=SERVER_NAME
        )
    except OSError as error:
        raise PortBusy(error.errno, error.strerror or str(error)) from error
    _prepare_analyses()
    on_ready()
    if load_model:
        load_model_in_background()
    server.run()


def _serve_gunicorn(
    app: Flask, *, host: str, port: int, threads: int, workers: int, load_model: bool
) -> None:
    import gunicorn.http.wsgi
    from gunicorn.app.base import BaseApplication

    from web.analysing import prepare

    # gunicorn names itself in the Server header of each answer; answer as waitress does.
    gunicorn.http.wsgi.SERVER = SERVER_NAME
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options = {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": REQUEST_TIMEOUT,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "loglevel": "warning",
        "accesslog": None,
        "proc_name": SERVER_NAME,
        # Loaded once in the arbiter, once it listens and before it starts the workers: they
        # share it, and none loads it beside its searches.
        "when_ready": lambda arbiter: prepare(),
    }
    if load_model:
        options["post_worker_init"] = lambda worker: load_model_in_background()

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    Server().run()


def _prepare_analyses() -> None:
    """Load what analyses need in the background of the serving process, so that the first
    analysis does not wait for it (nor hold a server thread while it loads)."""
    from web.analysing import prepare

    threading.Thread(target=prepare, name="analysis-preload", daemon=True).start()


def _check_port(host: str, port: int) -> None:
    """Fail with one line when the address is taken: gunicorn itself would retry for seconds,
    then log a traceback."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortBusy(error.errno, error.strerror or str(error)) from error
