"""The `extract` and `eval` commands, run through click's CliRunner on real parses."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesearch.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

GREVE = (
    "Grève des contrôleurs aériens\n"
    "La ministre des Transports, Claire Vautrin, a défendu mardi son projet devant les députés.\n"
    "« Nous ne reculerons pas sur la sécurité des vols », a déclaré Claire Vautrin.\n"
    "Le syndicat a dénoncé une réforme « brutale et précipitée ».\n"
)
PORT = (
    "Le maire de Brest, Paul Kerouredan, a inauguré samedi le nouveau terminal du port.\n"
    "« Ce chantier a créé trois cents emplois », a-t-il affirmé.\n"
)
PAGE = """<html lang="fr"><head><title>Brest inaugure son terminal</title>
<meta property="og:site_name" content="Ouest Quotidien"></head><body><article>
<h1>Brest inaugure son terminal</h1>
<p>Le maire de Brest, Paul Kerouredan, a inauguré samedi le nouveau terminal du port, après
deux ans de travaux menés par la région et par la chambre de commerce.</p>
<p>« Ce chantier a créé trois cents emplois », a-t-il affirmé devant les élus réunis.</p>
</article></body></html>"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "greve.txt").write_text(GREVE, encoding="utf-8")
    (folder / "port.html").write_text(PAGE, encoding="utf-8")
    lines = [{"id": "brest-7", "text": PORT, "date": "2024-05-04"}]
    (folder / "lot.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    return folder


def test_extract_jsonl_one_object_per_quote(runner, articles):
    result = runner.invoke(main, ["extract", str(articles / "greve.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["text"], r["kind"]) for r in records] == [
        ("greve", "Nous ne reculerons pas sur la sécurité des vols", "direct"),
        ("greve", "brutale et précipitée", "partial"),
    ]
    for record in records:
        assert set(record) >= {
            "doc_id", "text", "start", "end", "kind", "speaker", "mention", "cue", "confidence"
        }  # fmt: skip
        assert GREVE[record["start"] : record["end"]] == record["text"]
    assert (records[0]["speaker"], records[0]["cue"]) == ("Claire Vautrin", "verb-after")


def test_extract_reads_folders_of_every_format(runner, articles):
    result = runner.invoke(main, ["extract", str(articles)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # Sorted file order: greve.txt, lot.jsonl (article id brest-7), port.html.
    direct = [(r["doc_id"], r["text"]) for r in records if r["kind"] != "indirect"]
    assert direct == [
        ("greve", "Nous ne reculerons pas sur la sécurité des vols"),
        ("greve", "brutale et précipitée"),
        ("brest-7", "Ce chantier a créé trois cents emplois"),
        ("port", "Ce chantier a créé trois cents emplois"),
    ]
    assert {r["speaker"] for r in records if r["doc_id"] in ("brest-7", "port")} == {
        "Paul Kerouredan"
    }


def test_extract_out_progress_counts_to_the_number_of_articles(runner, articles, tmp_path):
    from quotesearch.articles import count_articles

    assert count_articles([articles]) == 3
    out = tmp_path / "analyses"
    result = runner.invoke(main, ["extract", str(articles), "--out", str(out), "--progress"])
    assert result.exit_code == 0, result.output
    bars = result.output.replace("\r", "\n")
    assert re.search(r"Extracting: 100%.*\| 3/3 \[\d\d:\d\d<00:00", bars), bars


def test_extract_text_format(runner, articles):
    result = runner.invoke(main, ["extract", "--format", "text", str(articles / "greve.txt")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "== greve: Grève des contrôleurs aériens (2 quotes)"
    assert lines[1] == "greve:123  [direct] « Nous ne reculerons pas sur la sécurité des vols »"
    assert re.fullmatch(r"    — Claire Vautrin; cue verb-after, confidence 0\.\d\d", lines[2])
    assert lines[3] == "greve:236  [partial] « brutale et précipitée »"
    assert re.fullmatch(r"    — \w.*; cue [a-z-]+, confidence [01]\.\d\d", lines[4])


def test_extract_needs_a_path(runner):
    result = runner.invoke(main, ["extract"])
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.output


def test_extract_rejects_unknown_format(runner, articles):
    result = runner.invoke(main, ["extract", "--format", "csv", str(articles)])
    assert result.exit_code == 2


BAD_INPUTS = [
    ("vide.txt", b"", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (NUL bytes), not"),
    (
        "latin1.txt",
        "Le préfet a parlé.".encode("latin-1"),
        "not valid UTF-8 (byte 0xe9 at offset 5)",
    ),
    ("enorme.txt", ("Le conseil a voté. " * 263_158).encode(), "too large (5,000,002 characters"),
    ("absent.txt", None, "no such file"),
    (
        "lot.jsonl",
        b'{"text": "Le maire \\ud800 a parl\\u00e9."}\n',
        "line 1: holds a lone surrogate",
    ),
    ("profond.jsonl", b"[" * 100_000 + b"]" * 100_000, "line 1: JSON nested too deeply"),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_INPUTS)
def test_extract_bad_input_one_line_others_processed(runner, tmp_path, name, data, problem):
    good = tmp_path / "greve.txt"
    good.write_text(GREVE, encoding="utf-8")
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    result = runner.invoke(main, ["extract", str(bad), str(good)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {bad}: {problem}")
    assert [json.loads(x)["doc_id"] for x in result.stdout.splitlines()][:2] == ["greve", "greve"]


def test_extract_all_bad_inputs_at_once(runner, tmp_path):
    paths = []
    for name, data, _ in BAD_INPUTS:
        if data is not None:
            (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    (tmp_path / "greve.txt").write_text(GREVE, encoding="utf-8")
    result = runner.invoke(main, ["extract", *paths, str(tmp_path / "greve.txt")])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert [e.split(": ")[1] for e in errors] == paths
    assert len(result.stdout.splitlines()) >= 2


GOLD = [
    {
        "doc": "greve",
        "quote": "Nous ne reculerons pas sur la sécurité des vols",
        "speaker": "Claire Vautrin",
        "speaker_kind": "person",
        "cue": "verb-after",
        "aliases": ["Vautrin"],
        "also_accept": [],
    },
    {
        "doc": "greve",
        "quote": "Le calendrier sera tenu",
        "speaker": "Claire Vautrin",
        "speaker_kind": "person",
        "cue": "colon",
        "aliases": [],
        "also_accept": [],
    },
    {
        "doc": "greve",
        "quote": "brutale et précipitée",
        "speaker": "Le syndicat",
        "speaker_kind": "organization",
        "cue": "partial",
        "aliases": [],
        "also_accept": [None],
    },
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in GOLD))
    return path


def test_eval_prints_misses_then_summary_last(runner, articles, gold_file):
    result = runner.invoke(main, ["eval", str(gold_file), str(articles / "greve.txt")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # 3 gold quotes, 2 found with the right speakers: P 2/2, R 2/3, F1 0.8.
    assert lines[:4] == [
        "Missed gold quotes (1):",
        "  greve  « Le calendrier sera tenu »  (Claire Vautrin, colon)",
        "Spurious predictions (0):",
        "Wrong speakers (0):",
    ]
    assert lines[-8:-3] == [
        "Summary: 1 article, 3 gold quotes, 2 predicted (direct and partial)",
        "missed 1, spurious 0, wrong speaker 0",
        "recall per cue (right speaker): verb-after 1/1, colon 0/1, partial 1/1",
        "quote P/R/F1          1.000 / 0.667 / 0.800  (2 matched)",
        "attribution accuracy  1.000  (2 of 2 matched quotes)",
    ]
    # Both right answers were among their quotes' candidates; the confidences are
    # probabilities, so their calibration error is a share.
    assert lines[-3].startswith("candidate recall      1.000  ")
    assert re.fullmatch(r"calibration error     0\.\d{3}  \(expected, 10 bins\)", lines[-2])
    assert lines[-1] == "end-to-end P/R/F1     1.000 / 0.667 / 0.800  (2 right)"


def test_eval_bad_input_reported_and_figures_still_printed(runner, articles, gold_file):
    empty = articles / "vide.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["eval", str(gold_file), str(articles / "greve.txt"), str(empty)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: {empty}: empty file"]
    assert result.stdout.splitlines()[-1].startswith("end-to-end P/R/F1     1.000 / 0.667")


def test_eval_notes_articles_without_gold(runner, articles, gold_file):
    result = runner.invoke(main, ["eval", str(gold_file), str(articles)])
    assert "No gold quotes for 2 input articles (brest-7, port)" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such gold file"),
        ('{"doc": "greve", "quote": 3, "cue": "none"}\n', "line 1: 'quote' is missing"),
    ],
)
def test_eval_bad_gold_file(runner, tmp_path, articles, content, message):
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        gold.write_text(content)
    result = runner.invoke(main, ["eval", str(gold), str(articles)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {gold}: {message}")


def test_eval_speaker_pairs(runner, tmp_path, articles, gold_file):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "# nom\tnom\tverdict\n"
        "Claire Vautrin\tVautrin\tsame\n"
        "Claire Vautrin\tPaul Kerouredan\tdifferent\n",
        encoding="utf-8",
    )
    args = ["eval", str(gold_file), str(articles / "greve.txt"), "--pairs", str(pairs)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert re.search(
        r"^speaker pairs P/R/F1  \d\.\d{3} / \d\.\d{3} / \d\.\d{3}  \(2 pairs\)$",
        result.stdout,
        re.MULTILINE,
    )
    assert result.stdout.splitlines()[-1].startswith("end-to-end P/R/F1")


def test_eval_quote_pairs(runner, tmp_path, articles, gold_file):
    pairs = tmp_path / "quote_pairs.tsv"
    pairs.write_text(
        "# citation\tcitation\tverdict\tnote\tjour\tjour\n"
        "Nous rouvrirons la piscine municipale dès le mois de juin\t"
        "rouvrirons la piscine municipale dès le mois de juin\tsame\tfragment\t"
        "2024-05-02\t2024-05-03\n"
        "vert\tvert\tdifferent\tun mot\t\t\n",
        encoding="utf-8",
    )
    args = ["eval", str(gold_file), str(articles / "greve.txt"), "--quote-pairs", str(pairs)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert re.search(
        r"^statement pairs P/R/F1  1\.000 / 1\.000 / 1\.000  \(2 pairs, 1 same\)$",
        result.stdout,
        re.MULTILINE,
    )


def test_eval_needs_the_articles(runner, monkeypatch):
    # Run where seeds/ exists: it is never taken as a default.
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["eval", str(DATA / "seeds_gold.jsonl")])
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.output


def test_eval_scores_the_seeds_against_their_gold(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["eval", str(DATA / "seeds_gold.jsonl"), "seeds"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-8].startswith("Summary: 5 articles, 31 gold quotes, ")
    assert [line.split("  ")[0] for line in lines[-5:]] == [
        "quote P/R/F1",
        "attribution accuracy",
        "candidate recall",
        "calibration error",
        "end-to-end P/R/F1",
    ]


# --- files that are no plain article files --------------------------------------------------


def _odd_file(folder: Path, kind: str) -> tuple[Path, str]:
    """A file of an odd kind in `folder`, and the path as the error line writes it."""
    if kind == "latin1-name":
        # « café.txt » written in Latin-1: the name is not UTF-8.
        path = Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt"))
        path.write_text(GREVE, encoding="utf-8")
        return path, f"{folder}/caf\\xe9.txt"
    if kind == "link-loop":
        path = folder / "boucle.txt"
        (folder / "retour.txt").symlink_to(path)
        path.symlink_to(folder / "retour.txt")
        return path, str(path)
    path = folder / "tube.txt"
    os.mkfifo(path)
    return path, str(path)


ODD_FILES = [
    ("latin1-name", "the file name is not valid UTF-8; rename the file"),
    ("link-loop", "is a symbolic link that loops back on itself"),
    ("fifo", "is not a regular file (a pipe, socket or device)"),
]


@contextmanager
def _unblocking(folder: Path, seconds: float = 20.0) -> Iterator[None]:
    """If a reader is stuck on the pipe in `folder`, write nothing to it and close it after
    `seconds`, so that it ends (with an empty file) instead of hanging the tests."""

    def release() -> None:
        pipe = folder / "tube.txt"
        if pipe.exists():
            with suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(seconds, release)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@pytest.mark.parametrize(("kind", "problem"), ODD_FILES)
def test_extract_odd_file_one_line_others_processed(runner, tmp_path, kind, problem):
    good = tmp_path / "greve.txt"
    good.write_text(GREVE, encoding="utf-8")
    odd, shown = _odd_file(tmp_path, kind)
    with _unblocking(tmp_path):
        result = runner.invoke(main, ["extract", str(odd), str(good)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {shown}: {problem}")
    assert {json.loads(x)["doc_id"] for x in result.stdout.splitlines()} == {"greve"}


def test_extract_and_index_a_folder_of_odd_files(runner, tmp_path):
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / "greve.txt").write_text(GREVE, encoding="utf-8")
    shown = sorted(_odd_file(folder, kind)[1] for kind, _ in ODD_FILES)
    with _unblocking(folder):
        extracted = runner.invoke(main, ["extract", str(folder)])
        out = tmp_path / "analyses"
        written = runner.invoke(main, ["extract", str(folder), "--out", str(out)])
        indexed = runner.invoke(main, ["index", str(folder), "--index", str(tmp_path / "ix")])
    # The loop's other link is reported too: each is one line naming its file.
    loop_back = f"{folder}/retour.txt"
    for result in (extracted, written):
        assert result.exit_code == 1
        named = sorted(line.split(": ")[1] for line in result.stderr.splitlines())
        assert named == sorted([*shown, loop_back])
    assert {json.loads(x)["doc_id"] for x in extracted.stdout.splitlines()} == {"greve"}
    assert "Extracted 1 articles" in written.stdout
    assert indexed.exit_code == 1
    assert "Indexed 1 articles" in indexed.stdout
    assert "Skipped 4 inputs:" in indexed.stderr
