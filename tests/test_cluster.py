"""Past one process: extraction on a real Dask cluster (a `dask scheduler` and two `dask worker`
processes on 127.0.0.1), a worker killed mid-run, and an extraction to Parquet killed, resumed
and indexed. Every run is compared with the local run over the dev articles."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from quotesearch.search.index import open_index

pytestmark = pytest.mark.slow

DEV_ARTICLES = Path(__file__).parents[2] / "shared" / "dev" / "articles"
BIN = Path(sys.executable).parent
QUOTESEARCH = str(BIN / "quotesearch")
# Seconds a run may take on a slow 2-core machine before the test gives up.
RUN_TIMEOUT = 600

needs_dev = pytest.mark.skipif(
    not DEV_ARTICLES.is_dir(), reason=f"the dev articles are not at {DEV_ARTICLES}"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


@contextmanager
def dask_cluster(log_dir: Path, workers: int = 2) -> Iterator[tuple[str, list]]:
    """A `dask scheduler` and `workers` single-threaded `dask worker` processes (no nanny, so
    that killing one kills the worker) on 127.0.0.1; yields the address and the workers."""
    from dask.distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    scheduler = [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    worker_command = [dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"]
    started: list[subprocess.Popen] = []
    try:
        with (log_dir / "scheduler.log").open("w") as log:
            started.append(subprocess.Popen(scheduler, stdout=log, stderr=subprocess.STDOUT))
        worker_processes = []
        for n in range(workers):
            with (log_dir / f"worker-{n}.log").open("w") as log:
                worker = subprocess.Popen(
                    [*worker_command, "--host", "127.0.0.1", "--name", f"worker-{n}"],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            started.append(worker)
            worker_processes.append(worker)
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address, worker_processes
    finally:
        for process in reversed(started):
            _stop(process)


@pytest.fixture(scope="module")
def local_quotes() -> list[dict]:
    """The quotes of the dev articles, extracted by the local process pool."""
    return _quotes(_extract([]).stdout)


def _extract(options: list[str], **popen) -> subprocess.CompletedProcess:
    command = [QUOTESEARCH, "extract", str(DEV_ARTICLES), "--format", "jsonl", *options]
    return subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=RUN_TIMEOUT, **popen
    )


def _quotes(output: str) -> list[dict]:
    # Lines end at "\n" only: a quote may hold a line separator (U+2028) or NEL.
    return [json.loads(line) for line in output.split("\n") if line]


@needs_dev
def test_a_cluster_of_two_workers_finds_the_same_quotes(
    tmp_path: Path, local_quotes: list[dict]
) -> None:
    with dask_cluster(tmp_path) as (address, _):
        run = _extract(["--cluster", address, "--block-size", "10"])
    assert local_quotes
    assert _quotes(run.stdout) == local_quotes


@needs_dev
def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
    tmp_path: Path, local_quotes: list[dict]
) -> None:
    with dask_cluster(tmp_path) as (address, workers):
        command = [QUOTESEARCH, "extract", str(DEV_ARTICLES), "--format", "jsonl"]
        command += ["--cluster", address, "--block-size", "4"]
        errors = tmp_path / "stderr.txt"
        with errors.open("w") as stderr:
            run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
        try:
            # The first quotes are out: both workers hold blocks. Kill one.
            first = run.stdout.readline()
            assert first, errors.read_text()
            workers[0].kill()
            workers[0].wait()
            rest = run.stdout.read()
            run.wait(timeout=RUN_TIMEOUT)
        finally:
            _stop(run)
    assert run.returncode == 0, errors.read_text()
    quotes = _quotes((first + rest).decode())
    assert len(quotes) == len(local_quotes)
    assert quotes == local_quotes


@needs_dev
def test_extract_killed_resumed_then_indexed_searches_as_a_direct_index(tmp_path: Path) -> None:
    out = tmp_path / "analyses"
    command = [QUOTESEARCH, "extract", str(DEV_ARTICLES), "--out", str(out)]
    command += ["--block-size", "4", "--no-progress"]
    # Its own session, so that the kill reaches the run and the processes it forked.
    run = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        while len(list(out.glob("part-*.parquet"))) < 3:
            assert run.poll() is None, run.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(run.pid, signal.SIGKILL)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    assert not (out / "_manifest.json").exists()
    unfinished = subprocess.run(
        [QUOTESEARCH, "index", str(out), "--index", str(tmp_path / "index")],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert unfinished.returncode == 1
    assert "did not finish" in unfinished.stderr

    resumed = subprocess.run(
        [*command, "--resume"], capture_output=True, text=True, check=True, timeout=RUN_TIMEOUT
    )
    assert "kept from the earlier run" in resumed.stdout
    for folder, source in (("from-files", out), ("direct", DEV_ARTICLES)):
        subprocess.run(
            [QUOTESEARCH, "index", str(source), "--index", str(tmp_path / folder)],
            capture_output=True,
            check=True,
            timeout=RUN_TIMEOUT,
        )
    with (
        open_index(tmp_path / "from-files") as ours,
        open_index(tmp_path / "direct") as theirs,
    ):
        assert ours.stats()["quotes"] == theirs.stats()["quotes"] > 0
        for query in ("", "gouvernement", '"il faut"', "France OR Europe"):
            assert [h.to_dict() for h in ours.iter_hits(query, sort="date")] == [
                h.to_dict() for h in theirs.iter_hits(query, sort="date")
            ]
        assert ours.speakers.speakers == theirs.speakers.speakers
