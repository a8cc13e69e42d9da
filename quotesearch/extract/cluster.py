"""Extraction on a Dask cluster: the parse and the attribution of blocks of articles run on the
workers of a `dask.distributed` scheduler, and the outcomes come back in input order.

This is the only module that imports Dask, and only when a cluster is asked for, so runs without
one pay nothing for it. The articles are read here and sent with their text, so the workers need
no access to the input files; each worker process loads the spaCy pipeline once, with its first
block, and keeps it (`load_nlp` is cached). A worker
that dies has its blocks run again by the scheduler on another worker; since each block is one
task whose result is taken once, nothing is lost and nothing counted twice.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from quotesearch.errors import ArticleError, ClusterError
from quotesearch.records import Analysis, Article

if TYPE_CHECKING:
    from dask.distributed import Client

# `--cluster local` starts one worker process per core; `local:N`, N of them.
LOCAL = "local"
# Seconds to wait for the scheduler of a remote cluster to answer.
CONNECT_TIMEOUT = 30
# Blocks in flight per worker: enough that no worker waits for the next block, few enough that
# a huge input never sits in memory at once.
BLOCKS_PER_WORKER = 2
# Times the scheduler may lose a block with its worker before giving up on it (Dask's
# `distributed.scheduler.allowed-failures`).
ALLOWED_FAILURES = 3


def local_workers(address: str) -> int | None:
    """The number of worker processes `local` or `local:N` asks for; None for an address."""
    if address == LOCAL:
        return max(1, os.cpu_count() or 1)
    if address.startswith(f"{LOCAL}:"):
        count = address.removeprefix(f"{LOCAL}:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(
                f"--cluster {address}: give local:N with N a number of worker processes, as local:4"
            )
        return int(count)
    return None


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the cluster at `address` (a scheduler address such as tcp://10.0.0.5:8786),
    or of a cluster of worker processes started here for `local` / `local:N` and stopped after."""
    workers = local_workers(address)
    import dask
    from dask.distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        if workers is not None:
            with (
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                ) as cluster,
                Client(cluster) as client,
            ):
                yield client
            return
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} ({error}); start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or give --cluster local"
            ) from error
        with client:
            yield client


def analyse_on_cluster(
    blocks: Iterable[list[Article]], address: str, *, batch_size: int, indirect: bool
) -> Iterator[list[Analysis | ArticleError]]:
    """The outcomes of each block, in block order, analysed on the cluster at `address`."""
    with connect(address) as client:
        yield from analyse_with(client, blocks, batch_size=batch_size, indirect=indirect)


def analyse_with(
    client: Client, blocks: Iterable[list[Article]], *, batch_size: int, indirect: bool
) -> Iterator[list[Analysis | ArticleError]]:
    """The outcomes of each block, in block order, from the workers of `client`."""
    from quotesearch.extract.pipeline import _analyse_block

    workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    window: deque = deque()
    try:
        for block in blocks:
            window.append(
                client.submit(
                    _analyse_block, block, batch_size=batch_size, indirect=indirect, pure=False
                )
            )
            while len(window) > workers * BLOCKS_PER_WORKER:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())
    finally:
        # Stopping early (an error, Ctrl-C) leaves no work behind on a shared cluster.
        if window:
            client.cancel(list(window))


def _result(future) -> list[Analysis | ArticleError]:
    try:
        return future.result()
    except Exception as error:
        if type(error).__name__ != "KilledWorker":
            raise
        raise ClusterError(
            f"the Dask workers died {ALLOWED_FAILURES + 1} times running one block of articles "
            f"({error}); look at the workers' logs (memory?), then run again"
        ) from error
