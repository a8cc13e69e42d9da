"""Every benchmark script, run tiny (a few articles, a second of load) so that none rots when
the library changes under it. The figures they print are not checked, only that they print
them: tests never assert on time."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

# Pages written for these runs, in the shape of the news pages the benchmarks read: a title and
# paragraphs of French news with quotes.
PAGES = {
    "tramway": (
        "Le tramway roulera la nuit",
        [
            "La métropole a voté jeudi soir l'ouverture nocturne de deux lignes de tramway.",
            "« Les étudiants attendaient ce service depuis des années », a déclaré Sarah Benali, "
            "adjointe aux transports, à la sortie du conseil.",
            "Le syndicat des conducteurs réclame des renforts. « Nous ne roulerons pas sans "
            "agents de sécurité à bord », prévient son délégué, Karim Haddad.",
        ],
    ),
    "vendanges": (
        "Des vendanges précoces dans le Bordelais",
        [
            "Les premières grappes ont été coupées dès le début du mois d'août.",
            "« Jamais nous n'avions commencé aussi tôt », confie Hélène Marchand, présidente "
            "du syndicat viticole, qui redoute une récolte réduite de moitié.",
            "Selon la chambre d'agriculture, la sécheresse a touché la plupart des domaines.",
        ],
    ),
    "bibliotheque": (
        "La bibliothèque ouvre le dimanche",
        [
            "La médiathèque du centre-ville accueillera le public le dimanche dès septembre.",
            "« Nous voulons que chacun puisse venir lire quand il le peut », a expliqué le "
            "maire, Bernard Lacoste, lors de l'inauguration des nouveaux horaires.",
        ],
    ),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .tar.gz of a few HTML pages, as the shared corpus archive holds them."""
    folder = tmp_path_factory.mktemp("pages")
    for name, (title, paragraphs) in PAGES.items():
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        (folder / f"{name}.html").write_text(
            f'<html lang="fr"><head><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1>{body}</article></body></html>",
            encoding="utf-8",
        )
    archive = folder / "pages.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in PAGES:
            tar.add(folder / f"{name}.html", arcname=f"pages/{name}.html")
    return archive


def run(script: str, *args: str, timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=BENCHMARKS.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


pytestmark = pytest.mark.slow


def test_speaker_speed_runs_tiny() -> None:
    out = run("speaker_speed.py", "--mentions", "200", "--names", "50")
    assert "mentions per CPU s" in out and "speakers" in out


def test_index_speed_runs_tiny(pages: Path) -> None:
    out = run(
        "index_speed.py", "--sizes", "40", "--runs", "3", "--procs", "1", "--corpus", str(pages)
    )
    assert "40 quotes" in out
    for case in ("one word", "phrase", "highlighted top 10", "open an index"):
        assert case in out


def test_extract_speed_runs_tiny(pages: Path, tmp_path: Path) -> None:
    out = run(
        "extract_speed.py",
        *("--articles", "3", "--pages", "3", "--processes", "1", "--cluster", "none"),
        *("--corpus", str(pages), "--output", str(tmp_path)),
    )
    assert "corpus: 3 articles" in out
    assert "quotes found:" in out


def test_web_load_runs_tiny(tmp_path: Path) -> None:
    out = run(
        "web_load.py",
        *("--quotes", "16", "--seconds", "0.5", "--clients", "2", "--threads", "2"),
        *("--workers", "1", "--output", str(tmp_path)),
    )
    assert "--workers 1 (waitress, 1 process) /api/search" in out
    assert " 0 errors)" in out


def test_analyse_load_runs_tiny() -> None:
    out = run(
        "analyse_load.py",
        "--seconds",
        "1",
        "--analysers",
        "1",
        "--chars",
        "2000",
        "--searchers",
        "1",
    )
    assert "searches alone:" in out
    assert "analyse answers during the load:" in out
