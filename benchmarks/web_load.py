"""Web load: requests per second and latency percentiles of `/api/search` and the search page,
with the index served the way `quotesearch serve` serves it (waitress in its own process for
`--workers 1`, gunicorn with N worker processes for `--workers N`), each count side by side.

The corpus is generated: short French articles whose sentences are drawn from word lists, each
article quoting several of a few hundred speakers with the usual French cues, until the index
holds the asked number of quotes. It is built once with `indexing.build` and reused.

    .venv/bin/python benchmarks/web_load.py                      # 100,000 quotes
    .venv/bin/python benchmarks/web_load.py --quotes 5000 --seconds 5 --workers 1,2
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).parent
OUTPUT = HERE / "output"
QUOTES_PER_ARTICLE = 8
ARTICLES_PER_FILE = 1000

GIVEN = [
    "Claire",
    "Marc",
    "Sophie",
    "Thomas",
    "Nathalie",
    "Pierre",
    "Inès",
    "Julien",
    "Léa",
    "Hugo",
    "Camille",
    "Antoine",
    "Manon",
    "Nicolas",
    "Chloé",
    "Olivier",
    "Emma",
    "Paul",
    "Sarah",
    "Louis",
]
FAMILY = [
    "Vasseur",
    "Delorme",
    "Garnier",
    "Lefèvre",
    "Roux",
    "Lambert",
    "Morel",
    "Girard",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
]
ROLES = [
    "la ministre de la Santé",
    "le maire de Rennes",
    "le porte-parole du syndicat",
    "la présidente de la région",
    "le directeur de l'hôpital",
    "l'économiste",
    "le député",
    "la sénatrice",
    "le préfet",
    "la présidente de l'association",
]
# Every subject takes a first-person plural verb.
SUBJECTS = [
    "Nous",
    "Ensemble, nous",
    "Aujourd'hui, nous",
    "Demain, nous",
    "Dans cette ville, nous",
    "Avec les élus, nous",
    "Sans hésiter, nous",
    "Au gouvernement, nous",
]
VERBS = [
    "devons financer",
    "allons défendre",
    "refusons",
    "soutiendrons",
    "voulons réformer",
    "ne pouvons pas ignorer",
    "allons reconstruire",
    "devons protéger",
    "acceptons",
    "contestons",
    "allons moderniser",
    "devons réduire",
]
NOUNS = [
    "la réforme",
    "les retraites",
    "le budget",
    "les hôpitaux",
    "les écoles",
    "le climat",
    "les transports",
    "les salaires",
    "la sécurité",
    "les agriculteurs",
    "le logement",
    "la culture",
    "les impôts",
    "l'énergie",
    "la recherche",
    "les services publics",
    "la dette",
    "l'industrie",
    "les frontières",
    "la justice",
]
ADJ = [
    "indispensable",
    "injuste",
    "urgent",
    "historique",
    "inacceptable",
    "raisonnable",
    "dangereux",
    "essentiel",
    "coûteux",
    "nécessaire",
]
WHEN = [
    "dès cet hiver",
    "avant la fin de l'année",
    "sans attendre",
    "dans les prochains mois",
    "d'ici 2030",
    "cette semaine",
    "au plus vite",
    "jusqu'au bout",
]
CUES = [
    "« {q} », a déclaré {name}.",
    "{name} a affirmé : « {q} »",
    "« {q} », a estimé {name} devant la presse.",
    "{role}, {name}, a prévenu : « {q} »",
]
SOURCES = [
    "Le Quotidien du Centre",
    "La Gazette de l'Ouest",
    "Le Courrier du Nord",
    "L'Écho du Sud",
    "Le Journal de l'Est",
    "La Voix des Alpes",
]


def quote_text(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(NOUNS)}, c'est "
        f"{rng.choice(ADJ)} et il faut agir {rng.choice(WHEN)}"
    )


def article(n: int, rng: random.Random, people: list[str]) -> dict:
    topic = rng.choice(NOUNS)
    paras = [f"Le débat sur {topic} s'est poursuivi cette semaine dans tout le pays."]
    for _ in range(QUOTES_PER_ARTICLE):
        cue = rng.choice(CUES)
        paras.append(cue.format(q=quote_text(rng), name=rng.choice(people), role=rng.choice(ROLES)))
    day = date(2022, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    return {
        "id": f"a{n:06d}",
        "title": f"Le débat sur {topic} continue",
        "date": day.isoformat(),
        "source": rng.choice(SOURCES),
        "url": f"https://news.example/{n}",
        "text": "\n\n".join(paras),
    }


def write_corpus(folder: Path, articles: int) -> None:
    rng = random.Random(4)
    people = [f"{g} {f}" for g in GIVEN for f in FAMILY]
    rng.shuffle(people)
    people = people[:300]
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, articles, ARTICLES_PER_FILE):
        lines = [
            json.dumps(article(n, rng, people), ensure_ascii=False)
            for n in range(start, min(start + ARTICLES_PER_FILE, articles))
        ]
        (folder / f"part-{start // ARTICLES_PER_FILE:04d}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def ensure_index(quotes: int, output: Path = OUTPUT) -> tuple[Path, dict]:
    """The generated index of about `quotes` quotes under `output`, built unless already
    there."""
    from quotesearch.search.index import open_index
    from quotesearch.search.indexing import build

    index_dir = output / f"web-index-{quotes}"
    try:
        index = open_index(index_dir)
        stats = index.stats()
        index.close()
        return index_dir, stats
    except Exception:
        shutil.rmtree(index_dir, ignore_errors=True)
    corpus = output / f"web-corpus-{quotes}"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(corpus, -(-quotes // QUOTES_PER_ARTICLE))
    started = time.perf_counter()
    report = build([corpus], index_dir=index_dir, progress=True)
    print(
        f"built in {time.perf_counter() - started:.0f} s: {report.articles} articles, "
        f"{report.quotes} quotes, {report.speakers} speakers",
        file=sys.stderr,
    )
    index = open_index(index_dir)
    stats = index.stats()
    index.close()
    return index_dir, stats


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(index_dir: Path, port: int, threads: int, workers: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "quotesearch"),
        "serve",
        "--index",
        str(index_dir),
        "--port",
        str(port),
        "--threads",
        str(threads),
        "--workers",
        str(workers),
        # Searches only: no language model loading beside the load measured.
        "--no-load-model",
    ]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def queries(rng: random.Random, speakers: list[str]) -> list[dict]:
    """A mix of searches: one or two words, a phrase, date and kind filters, a speaker."""
    words = [w.split()[-1].split("'")[-1] for w in NOUNS] + ADJ
    out = []
    for _ in range(500):
        roll = rng.random()
        q = {"q": rng.choice(words)}
        if roll < 0.3:
            q["q"] += " " + rng.choice(words)
        elif roll < 0.4:
            q["q"] = '"' + rng.choice(NOUNS).split()[-1] + ", c'est\""
        elif roll < 0.55:
            q["since"] = f"2023-{rng.randint(1, 12):02d}-01"
        elif roll < 0.7 and speakers:
            q["speaker"] = rng.choice(speakers)
        elif roll < 0.8:
            q["page"] = str(rng.randint(2, 50))
        out.append(q)
    return out


def load(port: int, path: str, params: list[dict], seconds: float, clients: int) -> dict:
    """Run `clients` threads, each a keep-alive connection, for `seconds`; time every request."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, i = [], 0, n
        while time.perf_counter() < stop:
            url = path + "?" + urlencode(params[i % len(params)])
            i += clients
            t = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    pick = lambda share: latencies[min(len(latencies) - 1, int(share * len(latencies)))]  # noqa: E731
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * pick(0.50),
        "p95_ms": 1000 * pick(0.95),
        "p99_ms": 1000 * pick(0.99),
        "mean_ms": 1000 * statistics.fmean(latencies) if latencies else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000, help="quotes in the index")
    parser.add_argument("--seconds", type=float, default=20, help="load time per endpoint")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=4, help="threads per server process")
    parser.add_argument("--workers", default="1,2", help="server process counts to compare")
    parser.add_argument(
        "--output", type=Path, default=OUTPUT, help="where the generated index is kept"
    )
    args = parser.parse_args()

    index_dir, stats = ensure_index(args.quotes, args.output)
    from quotesearch.search.index import open_index

    index = open_index(index_dir)
    speakers = [s.id for s in index.speakers.speakers[:100]]
    index.close()
    params = queries(random.Random(7), speakers)
    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()}"
    )
    print(
        f"index: {stats['articles']:,} articles, {stats['quotes']:,} quotes, "
        f"{stats['speakers']:,} speakers"
    )
    print(
        f"server: quotesearch serve ({args.threads} threads per process); load: {args.clients} "
        f"keep-alive clients in one process on the same machine, {args.seconds:.0f} s per "
        f"endpoint, {len(params)} different searches"
    )
    for workers in (int(n) for n in args.workers.split(",")):
        port = free_port()
        server = serve(index_dir, port, args.threads, workers)
        kind = "waitress, 1 process" if workers == 1 else f"gunicorn, {workers} processes"
        try:
            for path in ("/api/search", "/"):
                load(port, path, params, min(3.0, args.seconds), args.clients)  # warm up
                r = load(port, path, params, args.seconds, args.clients)
                print(
                    f"--workers {workers} ({kind}) {path:12} {r['rps']:7.1f} req/s  "
                    f"p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                    f"p99 {r['p99_ms']:6.1f} ms  ({r['requests']:,} requests, "
                    f"{r['errors']} errors)"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
