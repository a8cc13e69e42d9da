"""Analysing one long text full of unbalanced quote marks, against the bare parse of it.

A hostile or badly converted text can hold thousands of short paragraphs whose quote marks
never close (or close without opening). Quote finding and attribution must stay linear in the
text: this script generates such a text, times the bare spaCy parse of its paragraphs (the
same model, batch size and paragraphs as the extraction) and the full analysis, and prints
both with their ratio.

    .venv/bin/python benchmarks/unbalanced_text.py                  # 10,000 paragraphs
    .venv/bin/python benchmarks/unbalanced_text.py --paragraphs 500,1000,2000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time

from quotesearch.extract.pipeline import analyse, load_nlp, paragraphs

BATCH_SIZE = 64
# Short paragraphs, each with a mark left open, a stray closing mark, or one pair too few.
LINES = (
    "« Nous tiendrons jusqu'au bout, a lancé la maire",
    "Le préfet a répondu » sans attendre la fin du conseil.",
    "« Les « chiffres sont faux », selon Paul Mercier.",
    'Elle a promis "une rentrée calme.',
    "« Personne, soupire-t-il, ne veut payer",
    "La syndicaliste Anne Roux dénonce « un mépris total",
    "» a-t-elle conclu devant les grévistes.",
    "“Rien n'est joué, assure le directeur.",
)


def hostile_text(count: int, seed: int) -> str:
    """`count` paragraphs drawn from LINES, one per line."""
    pick = random.Random(seed).choice
    return "\n".join(pick(LINES) for _ in range(count)) + "\n"


def bare_parse(text: str) -> float:
    """Seconds to parse the paragraphs of `text` as the extraction does, attributing nothing."""
    nlp = load_nlp()
    chunks = [para for _, para in paragraphs(text)]
    started = time.perf_counter()
    for _ in nlp.pipe(chunks, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - started


def full_analysis(text: str) -> tuple[float, int]:
    """Seconds to analyse `text` (parse, quotes, attribution) and the quotes found."""
    started = time.perf_counter()
    found = analyse(text, doc_id="hostile")
    return time.perf_counter() - started, len(found.quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", default="10000", help="paragraph counts, comma separated")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    load_nlp()
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {python}")
    for count in (int(n) for n in args.paragraphs.split(",")):
        text = hostile_text(count, args.seed)
        parse = bare_parse(text)
        analysis, quotes = full_analysis(text)
        print(
            f"{count:>6} paragraphs, {len(text):>8,} characters: bare parse {parse:6.1f} s, "
            f"analysis {analysis:6.1f} s ({quotes} quotes), ratio {analysis / parse:4.2f}"
        )


if __name__ == "__main__":
    main()
