"""Time the quote index: quotes indexed per second, size on disk, and query latency.

Quote-like records are the sentences of the 3,000 real news pages in ../shared/corpus (read
from the archive, never copied into the project), spread over synthetic speakers, articles and
dates. For each size (10,000 and 100,000 quotes by default) the script writes an index with
`quotesearch.search.index.create_index`, then times searches (each with its speaker facets): one
word, two words, a phrase, a word with a speaker filter, a speaker's quotes by date, the facet
counts of every quote, every quote by date, a spelling suggestion, the next pages of a search
(whose speaker counts the open index remembers), and a highlighted top 10 of words and of
phrases. Every other query is asked for the first time when it is timed. `--compare-exact` also
writes each index as it was before the exact-phrase field, to measure what that field costs.

    .venv/bin/python benchmarks/index_speed.py [--sizes 10000 100000] [--procs 1] [--runs 200]
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import random
import re
import shutil
import statistics
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from whoosh.fields import TEXT

from quotesearch.records import Analysis, Article, Quote, Speaker
from quotesearch.search import index as index_module
from quotesearch.search.index import create_index, open_index
from quotesearch.speakers.registry import SpeakerRegistry
from quotesearch.text import fold

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "orangesum-3000-html.tar.gz"
PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
SENTENCE = re.compile(r"(?<=[.!?…»])\s+(?=[A-ZÀ-Ý«])")
QUOTES_PER_ARTICLE = 8
SPEAKERS = 3_000
GIVEN = "Jean Marie Claire Paul Sophie Ahmed Nadia Pierre Lucie Karim Anne Marc Inès Louis".split()
FAMILY = "Martin Bernard Dubois Durand Lefèvre Moreau Laurent Simon Michel Garcia Roux".split()


def sentences(path: Path) -> list[str]:
    """The sentences of 30 to 300 characters in the paragraphs of the archived pages."""
    found: list[str] = []
    with tarfile.open(path) as archive:
        for member in archive:
            if not member.isfile() or not member.name.endswith(".html"):
                continue
            page = archive.extractfile(member).read().decode("utf-8", "replace")
            for raw in PARAGRAPH.findall(page):
                text = html.unescape(TAG.sub("", raw)).strip()
                found.extend(s for s in SENTENCE.split(text) if 30 <= len(s) <= 300)
    return list(dict.fromkeys(found))


def synthetic_corpus(
    texts: list[str], size: int, rng: random.Random
) -> tuple[list[Analysis], SpeakerRegistry]:
    """`size` quotes in articles of QUOTES_PER_ARTICLE, each said by one of SPEAKERS people."""
    people = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}-{n}" for n in range(SPEAKERS)]
    said: dict[str, set[str]] = {name: set() for name in people}
    counts = dict.fromkeys(people, 0)
    mentions: dict[tuple[str, str], str] = {}
    analyses = []
    start = date(2016, 1, 1)
    for n in range(0, size, QUOTES_PER_ARTICLE):
        doc_id = f"a{n // QUOTES_PER_ARTICLE}"
        quotes, offset = [], 0
        for k in range(min(QUOTES_PER_ARTICLE, size - n)):
            text = texts[(n + k) % len(texts)]
            # A few speakers say much, most say little.
            speaker = people[int(SPEAKERS * rng.random() ** 3)]
            said[speaker].add(doc_id)
            counts[speaker] += 1
            mentions[(doc_id, fold(speaker))] = _slug(speaker)
            kind = rng.choice(("direct", "direct", "partial", "indirect"))
            quotes.append(
                Quote(
                    doc_id, text, offset, offset + len(text), kind, speaker, speaker, "colon", 0.9
                )
            )
            offset += len(text) + 3
        day = start + timedelta(days=rng.randrange(1500))
        article = Article(doc_id, " ".join(q.text for q in quotes), f"Article {doc_id}", date=day)
        analyses.append(Analysis(article, tuple(quotes)))
    speakers = [
        Speaker(_slug(p), p, "person", variants=((p, counts[p]),), quotes=counts[p],
                articles=tuple(sorted(said[p])))
        for p in people
        if counts[p]
    ]  # fmt: skip
    return analyses, SpeakerRegistry(speakers, mentions)


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", fold(name)).strip("-")


def latency(run, queries: list, runs: int) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds, of `run(query)` over `runs` calls."""
    times = []
    for n in range(runs):
        query = queries[n % len(queries)]
        began = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


@contextmanager
def _without_exact_field() -> Iterator[None]:
    """Write indexes as they were before the exact-phrase field: phrases searched the
    positions of the stemmed text."""
    schema, document = index_module.quote_schema, index_module.quote_document

    def old_schema():
        fields = schema()
        fields.remove("exact")
        fields.remove("text")
        fields.add("text", TEXT(analyzer=index_module.TEXT_ANALYZER, stored=True, phrase=True))
        return fields

    def old_document(*args, **kwargs):
        doc = document(*args, **kwargs)
        del doc["exact"]
        return doc

    index_module.quote_schema, index_module.quote_document = old_schema, old_document
    try:
        yield
    finally:
        index_module.quote_schema, index_module.quote_document = schema, document


def bench(
    texts: list[str], size: int, *, procs: int, runs: int, rng: random.Random, compare: bool
) -> None:
    analyses, registry = synthetic_corpus(texts, size, rng)
    # Distinct queries: each is timed the first time it is asked, before any caching.
    words = list(dict.fromkeys(w for t in texts[:5000] for w in re.findall(r"\w{5,}", t)))
    with tempfile.TemporaryDirectory(prefix="quotesearch-bench-") as tmp:
        folder = Path(tmp) / "index"
        began = time.perf_counter()
        create_index(folder, analyses, registry=registry, groups={}, procs=procs)
        seconds = time.perf_counter() - began
        print(
            f"\n{size:,} quotes ({len(analyses):,} articles, {len(registry):,} speakers), "
            f"procs={procs}: indexed in {seconds:.1f} s = {size / seconds:,.0f} quotes/s, "
            f"{folder_size(folder) / 2**20:.1f} MiB on disk"
        )
        if compare:
            before = Path(tmp) / "without-exact"
            with _without_exact_field():
                create_index(before, analyses, registry=registry, groups={}, procs=procs)
            print(
                f"  without the exact-phrase field (positions in the stemmed text instead): "
                f"{folder_size(before) / 2**20:.1f} MiB; the exact field adds "
                f"{folder_size(folder) / folder_size(before) - 1:+.0%}"
            )
            shutil.rmtree(before, ignore_errors=True)
        index = open_index(folder)
        top = [s.id for s in registry.speakers[:50]]
        pairs = [" ".join(m) for t in texts[:4000] if len(m := re.findall(r"\w{4,}", t)[:2]) == 2]
        pairs = list(dict.fromkeys(pairs))
        phrases = [f'"{p}"' for p in pairs]
        cases = {
            "one word": (lambda q: index.search(q, per_page=10), words),
            "two words": (lambda q: index.search(q, per_page=10), pairs),
            "phrase": (lambda q: index.search(q, per_page=10), phrases),
            "word + speaker filter": (
                lambda q: index.search(q[0], speaker_id=q[1], per_page=10),
                [(w, rng.choice(top)) for w in words[:500]],
            ),
            "everything a speaker said, by date": (
                lambda q: index.search("", speaker_id=q, sort="date", per_page=10),
                top,
            ),
            "facet counts of every quote": (lambda q: index.search("", per_page=10).facets, [0]),
            "every quote, newest first": (lambda q: index.search("", sort="date"), [0]),
            "no match, did you mean": (
                lambda q: index.search(q + "zq").suggestion,
                words,
            ),
            "the next pages of 5 words": (
                lambda q: index.search(q[0], page=q[1], per_page=10),
                [(w, page) for page in range(2, 42) for w in words[:5]],
            ),
            "highlighted top 10": (
                lambda q: [h.matches for h in index.search(q, per_page=10).hits],
                words,
            ),
            "highlighted phrase top 10": (
                lambda q: [h.matches for h in index.search(q, per_page=10).hits],
                phrases[::-1],
            ),
        }
        rng.shuffle(words)
        for name, (run, queries) in cases.items():
            median, p95 = latency(run, queries, runs)
            print(f"  {name:38} median {median:7.2f} ms   p95 {p95:7.2f} ms")
        median, p95 = latency(lambda _: open_index(folder).close(), [0], 50)
        name = "open an index (once per web request)"
        print(f"  {name:38} median {median:7.2f} ms   p95 {p95:7.2f} ms")
        index.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--procs", type=int, default=2, help="Whoosh writer processes.")
    parser.add_argument("--runs", type=int, default=200, help="Searches timed per query kind.")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--compare-exact",
        action="store_true",
        help="Also write each index without the exact-phrase field and compare the sizes.",
    )
    args = parser.parse_args()
    began = time.perf_counter()
    texts = sentences(args.corpus)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; {len(texts):,} distinct sentences from {args.corpus.name} "
        f"read in {time.perf_counter() - began:.1f} s"
    )
    rng = random.Random(11)
    for size in args.sizes:
        bench(texts, size, procs=args.procs, runs=args.runs, rng=rng, compare=args.compare_exact)


if __name__ == "__main__":
    main()
