"""Searches under analyse load: the latency of `/api/search` alone, then while 8 clients keep
posting analyses of three kinds: texts of ~200,000 characters to `/api/analyse`, saved pages of
~2 MB uploaded to `/api/analyse`, and URLs of a server that trickles 8 bytes every 2 s posted to
the Analyse form of a server started to fetch pages. The index is served as `quotesearch serve`
serves it (gunicorn with one worker per core where it runs, else waitress; 4 threads each), in
its own process, on the loopback interface; it may fetch from the loopback interface here only
because the slow server lives there.

Analyses are bounded apart from searches (ANALYSE_CONCURRENCY at once per process, a short
wait for a slot, then 503 and Retry-After; each in a child process at a lower priority), so
searches should stay fast. Each phase runs for --seconds, every request has a timeout, and the
servers are stopped at the end.

    .venv/bin/python benchmarks/analyse_load.py
    .venv/bin/python benchmarks/analyse_load.py --seconds 10 --analysers 4 --loads html,slow
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
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
# The saved page: article paragraphs in the markup a news site wraps them in, up to this size.
PAGE_BYTES = 1_950_000
PAGE_TEXT_PARAGRAPHS = 300
# The slow server sends this many bytes every TRICKLE_SECONDS.
TRICKLE_BYTES = 8
TRICKLE_SECONDS = 2.0
LOADS = {
    "text": "clients post {chars:,}-character texts",
    "html": "clients upload {page_mb:.2f} MB pages",
    "slow": "clients post URLs of a server trickling 8 bytes every 2 s",
}
# The server as `quotesearch serve` runs it, with the fetch of loopback addresses allowed.
SERVER = """
import sys
from web import create_app, serving
index, port, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
app = create_app({"INDEX_DIR": index, "ALLOW_FETCH": True, "FETCH_PRIVATE_ADDRESSES": True})
serving.serve(app, host="127.0.0.1", port=port, threads=4, workers=workers)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    parser.add_argument("--analysers", type=int, default=8, help="clients posting analyses")
    parser.add_argument("--chars", type=int, default=200_000, help="characters per text")
    parser.add_argument("--searchers", type=int, default=2, help="clients searching")
    parser.add_argument("--workers", type=int, default=None, help="server processes")
    parser.add_argument(
        "--loads", default="text,html,slow", help="loads to run, of: " + ",".join(LOADS)
    )
    args = parser.parse_args()
    loads = [name for name in args.loads.split(",") if name]
    if unknown := set(loads) - set(LOADS):
        parser.error(f"unknown loads: {', '.join(sorted(unknown))}")

    from web.serving import default_workers

    workers = args.workers or default_workers()
    text = (PARAGRAPH * (args.chars // len(PARAGRAPH) + 1))[: args.chars]
    page = _page()
    results = {}
    with tempfile.TemporaryDirectory(prefix="analyse-load-") as folder:
        index_dir = Path(folder) / "index"
        from quotesearch.search.indexing import build

        report = build([CORPUS], index_dir=index_dir, n_process=1)
        port = _free_port()
        slow = _slow_server()
        server = _serve(index_dir, port, workers, Path(folder) / "serve.log")
        try:
            slow_url = f"http://127.0.0.1:{slow.server_address[1]}/article"
            clients = {
                "text": lambda: _post_text(port, text),
                "html": lambda: _post_page(port, page),
                "slow": _form_poster(port, slow_url),
            }
            results["alone"] = _phase(port, args, analysers=0, client=None)
            for name in loads:
                results[name] = _phase(port, args, analysers=args.analysers, client=clients[name])
        finally:
            server.terminate()
            server.wait(timeout=30)
            slow.shutdown()
            slow.server_close()

    machine = f"{platform.platform()}, {os.cpu_count()} cores"
    kind = f"gunicorn, {workers} workers" if workers > 1 else "waitress"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"index: {report.articles} articles, {report.quotes} quotes; server: {kind}, 4 threads")
    print(f"phases of {args.seconds:.0f} s, {args.searchers} search clients")
    _print("searches alone", results["alone"])
    for name in loads:
        what = LOADS[name].format(chars=args.chars, page_mb=len(page) / 1_000_000)
        _print(f"searches while {args.analysers} {what}", results[name])
        outcomes = ", ".join(f"{n} × {s}" for s, n in sorted(results[name]["analyses"].items()))
        print(f"    analyse answers during the load: {outcomes or 'none'}")


def _phase(
    port: int,
    args: argparse.Namespace,
    *,
    analysers: int,
    client: Callable[[], tuple[int, dict]] | None,
) -> dict:
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
        while not stop.is_set():
            status, headers = client()
            # A 503 with Retry-After is a busy server; without, an analysis stopped at its limit.
            busy = " busy" if "Retry-After" in headers else " stopped" if status == 503 else ""
            with lock:
                analyses[f"{status}{busy}"] += 1
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


def _post_text(port: int, text: str) -> tuple[int, dict]:
    return _request(port, "POST", "/api/analyse", json.dumps({"text": text}).encode())


def _post_page(port: int, page: bytes) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="page.html"\r\nContent-Type: text/html\r\n\r\n'
    ).encode()
    body += page + f"\r\n--{boundary}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={boundary}"
    return _request(port, "POST", "/api/analyse", body, content_type)


def _form_poster(port: int, url: str) -> Callable[[], tuple[int, dict]]:
    """A client of the Analyse form: it gets the form (and its CSRF token) once, then posts
    the URL to fetch."""
    state: dict[str, str] = {}
    lock = threading.Lock()

    def post() -> tuple[int, dict]:
        with lock:
            if not state:
                _, headers, body = _request_full(port, "GET", "/analyse")
                state["cookie"] = headers.get("Set-Cookie", "").split(";", 1)[0]
                found = re.search(rb'name="csrf_token" value="([^"]+)"', body)
                state["token"] = found.group(1).decode() if found else ""
        form = urlencode({"csrf_token": state["token"], "url": url, "text": ""}).encode()
        return _request(
            port,
            "POST",
            "/analyse",
            form,
            "application/x-www-form-urlencoded",
            {"Cookie": state["cookie"]},
        )

    return post


def _page() -> bytes:
    """A saved news page of about PAGE_BYTES: paragraphs of article among navigation, scripts
    and nested markup."""
    paragraphs = "".join(f"<p>{PARAGRAPH.strip()} ({n})</p>\n" for n in range(PAGE_TEXT_PARAGRAPHS))
    head = "<html><head><meta charset='utf-8'><title>Le budget des écoles</title></head><body>"
    filler_item = (
        '<div class="teaser"><a href="/rubrique/{n}"><span class="kicker">Rubrique</span>'
        '<span class="headline">Titre de la rubrique {n}</span></a>'
        '<script>window.dataLayer.push({{"slot": {n}}});</script></div>\n'
    )
    article = f"<article><h1>Le budget des écoles</h1>{paragraphs}</article>"
    page = head + article
    n = 0
    fillers = []
    size = len(page.encode()) + len("</body></html>")
    while size + len(filler_item.format(n=n).encode()) < PAGE_BYTES:
        item = filler_item.format(n=n)
        fillers.append(item)
        size += len(item.encode())
        n += 1
    page = head + "<nav>" + "".join(fillers) + "</nav>" + article + "</body></html>"
    return page.encode()


class _Trickle(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(60)
        try:
            self.request.recv(65536)
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
            while not self.server.stopping.wait(TRICKLE_SECONDS):
                self.request.sendall(b"<p>bonjour</p>"[:TRICKLE_BYTES])
        except OSError:
            pass  # the fetch gave up: what the load is about


def _slow_server() -> socketserver.ThreadingTCPServer:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    server.stopping = threading.Event()
    shutdown = server.shutdown

    def stop() -> None:
        server.stopping.set()
        shutdown()

    server.shutdown = stop
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict]:
    status, answer_headers, _ = _request_full(port, method, path, body, content_type, headers)
    return status, answer_headers


def _request_full(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        sent = {"Content-Type": content_type} if body is not None else {}
        connection.request(method, path, body=body, headers={**sent, **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        return response.status, dict(response.getheaders()), data
    except (OSError, http.client.HTTPException):
        return 0, {}, b""
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


def _serve(index_dir: Path, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", SERVER, str(index_dir), str(port), str(workers)]
    with log.open("w") as stderr:
        process = subprocess.Popen(command, stderr=stderr, cwd=ROOT)
    for _ in range(1200):
        if _request(port, "GET", "/about")[0] == 200:
            return process
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text()}")
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not answer within 120 s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    main()
