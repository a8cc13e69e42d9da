"""Searches under analyse load: the latency of `/api/search` alone, then while 8 clients keep
posting texts of ~200,000 characters to `/api/analyse`, with the index served as `quotesearch
serve` serves it (waitress, 4 threads, its own process, on the loopback interface).

Analyses are bounded apart from searches (ANALYSE_CONCURRENCY at once, more refused with 503
and Retry-After), so searches should stay fast. Each phase runs for --seconds, every request
has a timeout, and the server is stopped at the end.

    .venv/bin/python benchmarks/analyse_load.py
    .venv/bin/python benchmarks/analyse_load.py --seconds 10 --analysers 4
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "tests" / "data" / "web"
QUERIES = ["réforme", "récolte", "culture", "Vasseur", "musées", "pont", "grève", "dialogue"]
PARAGRAPH = (
    "Le conseil municipal de Rennes a voté mardi soir le budget des écoles pour l'année "
    "prochaine. « Ce budget protège les écoles et les crèches de notre ville », a déclaré la "
    "maire, Nathalie Appéré, devant les élus. L'opposition a dénoncé « une hausse des impôts "
    "injustifiée » et promis un recours devant le tribunal administratif.\n\n"
)
REQUEST_TIMEOUT = 120


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    parser.add_argument("--analysers", type=int, default=8, help="clients posting analyses")
    parser.add_argument("--chars", type=int, default=200_000, help="characters per analysis")
    parser.add_argument("--searchers", type=int, default=2, help="clients searching")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="analyse-load-") as folder:
        index_dir = Path(folder) / "index"
        from quotesearch.search.indexing import build

        report = build([CORPUS], index_dir=index_dir, n_process=1)
        port = _free_port()
        server = _serve(index_dir, port, Path(folder) / "serve.log")
        try:
            text = (PARAGRAPH * (args.chars // len(PARAGRAPH) + 1))[: args.chars]
            alone = _phase(port, args, analysers=0, text=text)
            loaded = _phase(port, args, analysers=args.analysers, text=text)
        finally:
            server.terminate()
            server.wait(timeout=30)

    machine = f"{platform.platform()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"index: {report.articles} articles, {report.quotes} quotes; server: waitress, 4 threads")
    print(f"phases of {args.seconds:.0f} s, {args.searchers} search clients")
    _print("searches alone", alone)
    _print(
        f"searches while {args.analysers} clients post {args.chars:,}-character analyses", loaded
    )
    outcomes = ", ".join(f"{n} × {status}" for status, n in sorted(loaded["analyses"].items()))
    print(f"analyse answers during the load: {outcomes or 'none'}")


def _phase(port: int, args: argparse.Namespace, *, analysers: int, text: str) -> dict:
    stop = threading.Event()
    latencies: list[float] = []
    search_statuses: Counter = Counter()
    analyses: Counter = Counter()
    lock = threading.Lock()

    def search(n: int) -> None:
        i = n
        while not stop.is_set():
            query = urlencode({"q": QUERIES[i % len(QUERIES)], "page": 1 + i % 2})
            started = time.perf_counter()
            status, _ = _request(port, "GET", f"/api/search?{query}")
            with lock:
                latencies.append(time.perf_counter() - started)
                search_statuses[status] += 1
            i += 1

    def analyse() -> None:
        body = json.dumps({"text": text})
        while not stop.is_set():
            status, _ = _request(port, "POST", "/api/analyse", body)
            with lock:
                analyses[status] += 1
            if status == 503:
                # A client that honours Retry-After would wait longer; this one keeps pressing.
                stop.wait(1.0)

    threads = [threading.Thread(target=analyse) for _ in range(analysers)]
    for thread in threads:
        thread.start()
    if analysers:
        time.sleep(2.0)  # let the analyses take their slots first
    threads += [threading.Thread(target=search, args=(n,)) for n in range(args.searchers)]
    for thread in threads[analysers:]:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT + 5)
    return {"latencies": latencies, "statuses": search_statuses, "analyses": analyses}


def _request(port: int, method: str, path: str, body: str | None = None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body.encode() if body else None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    except (OSError, http.client.HTTPException):
        return 0, {}
    finally:
        connection.close()


def _print(label: str, result: dict) -> None:
    latencies = sorted(result["latencies"])
    if not latencies:
        print(f"{label}: no search answered")
        return
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000
    statuses = ", ".join(f"{n} × {s}" for s, n in sorted(result["statuses"].items()))
    print(f"{label}: {len(latencies)} searches ({statuses}), p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def _serve(index_dir: Path, port: int, log: Path) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "quotesearch"), "serve", "--index", str(index_dir)]
    with log.open("w") as stderr:
        process = subprocess.Popen([*command, "--port", str(port)], stderr=stderr)
    for _ in range(300):
        if _request(port, "GET", "/about")[0] == 200:
            return process
        if process.poll() is not None:
            raise SystemExit(f"serve exited: {log.read_text()}")
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("serve did not answer within 30 s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    main()
