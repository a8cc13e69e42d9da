"""Time speaker resolution on a synthetic corpus: N mentions of M distinct names with variants.

Names are built from romanised syllables; each mention writes its person's name in one of the
ways the press does (hyphen or space, case, look-alike letters, a letter dropped, a title, a
role, a bare surname in an article that also writes the full name); articles are dated over
five years, and some quote a speaker by role only (« le ministre de l'Intérieur », « le maire
de Vernal »), which the registry identifies from the office table or the corpus. Prints the
wall and CPU time of resolve_speakers and how many speakers came out, for growing corpus sizes,
so the growth rate can be read off (CPU time is the steadier figure on a shared machine).

    .venv/bin/python benchmarks/speaker_speed.py [--mentions 100000] [--names 20000]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import time

from quotesearch.records import Analysis, Article, Entity
from quotesearch.speakers.registry import resolve_speakers

SYLLABLES = (
    *(c + v for c in "kstnmrvdbpzl" for v in "aoiue"),
    "kan", "kon", "sun", "sin", "tan", "ton", "nam", "min", "mar", "lov", "rov", "nev", "dim",
    "bek", "gar", "dor", "vel", "per", "zan",
)  # fmt: skip
LOOKALIKES = {"o": "u", "u": "o", "e": "i", "i": "e", "c": "k", "k": "c"}
ROLES = ("ministre", "porte-parole", "président", "dirigeant", "député", "ambassadeur")
TOWNS = tuple(
    f"{a}{b}".capitalize()
    for a in ("ver", "mon", "sal", "bra", "tor")
    for b in ("nal", "tix", "ville", "gues")
)
ROLE_SPEAKERS = (
    "le ministre de l'Intérieur",
    "le Premier ministre",
    "le chef de la diplomatie russe",
    "le numéro un de la CGT",
    "le président",
)
FIRST_DAY = datetime.date(2016, 1, 1)


def synthetic_people(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """`count` distinct people as (given, family, role)."""
    people, seen = [], set()
    while len(people) < count:
        given = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if (given, family) not in seen:
            seen.add((given, family))
            people.append((given, family, rng.choice(ROLES)))
    return people


def variant(given: str, family: str, rng: random.Random) -> str:
    """One way an article may write the name."""
    roll = rng.random()
    if roll < 0.5:
        return f"{given} {family}"
    if roll < 0.65:
        half = len(given) // 2
        return f"{given[:half]}-{given[half:].lower()} {family}"
    if roll < 0.8:
        pos = rng.randrange(len(family))
        swapped = family[:pos] + LOOKALIKES.get(family[pos], family[pos]) + family[pos + 1 :]
        return f"{given} {swapped[0].upper()}{swapped[1:]}"
    if roll < 0.85:
        return f"M. {given} {family}"
    if roll < 0.9:
        pos = rng.randrange(1, len(family))
        return f"{given} {family[:pos]}{family[pos + 1 :]}"
    return f"{given.upper()} {family.upper()}"


def corpus(mentions: int, names: int, seed: int = 7) -> list[Analysis]:
    """Articles of five speakers each, `mentions` speaker mentions in all."""
    rng = random.Random(seed)
    people = synthetic_people(names, rng)
    analyses, k = [], 0
    while k < mentions:
        cast = rng.sample(people, 5)
        entities = []
        for given, family, role in cast:
            name = variant(given, family, rng)
            forms = (name, family) if rng.random() < 0.3 else (name,)
            if role == "ministre" and rng.random() < 0.5:
                # « X, maire de Vernal »: what the corpus says of an office the table lacks.
                role = f"maire de {TOWNS[sum(map(ord, family)) % len(TOWNS)]}"
            entities.append(Entity(name=name, kind="person", variants=forms, roles=(role,)))
        # Some articles name a person by surname alone.
        given, family, role = rng.choice(people)
        entities.append(Entity(name=family, kind="person", variants=(family,), roles=(role,)))
        if rng.random() < 0.3:
            # Some quote a speaker by role only.
            who = rng.choice((*ROLE_SPEAKERS, f"le maire de {rng.choice(TOWNS)}"))
            entities.append(Entity(name=who, kind="unnamed"))
        text = " ".join(f"{e.name}, {', '.join(e.roles)}." for e in entities)
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(5 * 365))
        analyses.append(
            Analysis(
                article=Article(id=f"doc{len(analyses)}", text=text, date=day),
                entities=tuple(entities),
            )
        )
        k += len(entities)
    return analyses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=20_000)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    for fraction in (0.1, 0.25, 0.5, 1.0):
        mentions, names = int(args.mentions * fraction), int(args.names * fraction)
        analyses = corpus(mentions, names)
        total = sum(len(a.entities) for a in analyses)
        start, cpu = time.perf_counter(), time.process_time()
        registry = resolve_speakers(analyses)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"{total:>7} mentions of {names:>6} names in {len(analyses):>6} articles: "
            f"{seconds:6.2f} s ({cpu:6.2f} s CPU), {total / cpu:>8.0f} mentions per CPU s, "
            f"{len(registry.speakers)} speakers"
        )


if __name__ == "__main__":
    main()
