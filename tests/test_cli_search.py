"""The `index` and `search` commands through click's runner, over a real index of a few French
articles written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quotesearch.cli import main
from quotesearch.search.indexing import writer_lock

ARTICLES = [
    {
        "id": "port-1",
        "title": "Un géant des mers à Marseille",
        "date": "2024-04-02",
        "source": "La Provence du Soir",
        "text": "Le port de Marseille a accueilli mardi un porte-conteneurs géant.\n\n"
        "« Ce navire montre que notre port reste compétitif », a déclaré Laurent Castel, "
        "directeur du port.",
    },
    {
        "id": "port-2",
        "title": "Les dockers inquiets",
        "date": "2024-06-18",
        "source": "Le Marin",
        "text": "Les dockers craignent pour leurs emplois.\n\n"
        "« Le port embauchera deux cents dockers d'ici l'été », a promis Laurent Castel.",
    },
    {
        "id": "vignes-1",
        "title": "Le gel menace les vignes",
        "date": "2023-04-10",
        "text": "Les vignerons du Bordelais craignent une nouvelle année de gel.\n\n"
        "La présidente du syndicat viticole, Hélène Marchand, a prévenu : « Sans aide de "
        "l'État, la moitié des domaines fermera. »",
    },
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(article, ensure_ascii=False) for article in ARTICLES]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def index_dir(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "index"
    result = CliRunner().invoke(main, ["index", str(corpus), "--index", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def search(index_dir: Path, *args: str, color: bool = False):
    return CliRunner().invoke(main, ["search", *args, "--index", str(index_dir)], color=color)


# --- index ------------------------------------------------------------------------------------


def test_index_prints_a_summary(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "index"
    result = CliRunner().invoke(main, ["index", str(corpus), "--index", str(folder)])
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"Indexed 3 articles, 3 quotes; 2 speakers in {re.escape(str(folder))} \(\d+\.\d s\)\.\n",
        result.output,
    )


def test_index_lists_skipped_inputs_and_exits_1(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4")
    args = ["index", str(corpus), str(bad), "--index", str(tmp_path / "index")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "Indexed 3 articles" in result.stdout
    assert f"Skipped 1 inputs:\n  {bad}: unsupported file type '.pdf'" in result.stderr


def test_index_add_skips_unchanged_articles(corpus: Path, index_dir: Path, tmp_path: Path) -> None:
    import shutil

    live = tmp_path / "index"
    shutil.copytree(index_dir, live)
    result = CliRunner().invoke(main, ["index", "--add", str(corpus), "--index", str(live)])
    assert result.exit_code == 0
    assert result.output.startswith("Added 0 articles, 0 quotes (3 unchanged articles skipped); ")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["index"], 2, "Missing argument 'PATHS...'"),
        (["index", "--add"], 2, "Missing argument 'PATHS...'"),
        (["index", "nowhere/", "--index", "{tmp}/index"], 1, "Error: nowhere"),
        (["index", "{corpus}", "--index", "{corpus}"], 1, "is not a quotesearch index"),
        (["index", "--add", "{corpus}", "--index", "{tmp}/none"], 1, "run `quotesearch index`"),
    ],
)
def test_index_errors(corpus: Path, tmp_path: Path, args: list, code: int, message: str) -> None:
    args = [a.format(tmp=tmp_path, corpus=corpus) for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code
    assert message in result.output


def test_a_second_writer_gets_a_clear_message(corpus: Path, index_dir: Path) -> None:
    with writer_lock(index_dir):
        result = CliRunner().invoke(main, ["index", str(corpus), "--index", str(index_dir)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: the index at {index_dir} is being written by process")
    assert search(index_dir, "compétitif").exit_code == 0


# --- search -----------------------------------------------------------------------------------


def test_search_text_shows_quote_speaker_article_and_date(index_dir: Path) -> None:
    result = search(index_dir, "compétitif")
    assert result.exit_code == 0
    assert result.output == (
        "« Ce navire montre que notre port reste compétitif »\n"
        "    — Laurent Castel (directeur du port), Un géant des mers à Marseille"
        " (La Provence du Soir), 2024-04-02\n"
        "\n"
        "1 quote (all shown).\n"
    )


def test_search_text_highlights_matched_words_on_a_terminal(index_dir: Path) -> None:
    result = search(index_dir, "domaines", color=True)
    assert f"de l'État, la moitié des {click.style('domaines', reverse=True)} fermera" in (
        result.output
    )


@pytest.mark.parametrize(
    ("args", "quotes"),
    [
        (["port"], ["port-1", "port-2"]),
        (['"notre port"'], ["port-1"]),
        (["port NOT navire"], ["port-2"]),
        (["navire OR gel"], ["port-1"]),
        (["etat"], ["vignes-1"]),
        (["castel"], ["port-1", "port-2"]),
        (["", "--speaker", "laurent castel"], ["port-2", "port-1"]),
        (["", "--speaker", "marchand"], ["vignes-1"]),
        (["", "--since", "2024-01-01"], ["port-2", "port-1"]),
        (["", "--until", "2023-12-31"], ["vignes-1"]),
        (["", "--since", "2024-05-01", "--until", "2024-12-31"], ["port-2"]),
        (["", "--kind", "indirect"], []),
        (["", "--limit", "1"], ["port-2"]),
    ],
)
def test_search_json(index_dir: Path, args: list[str], quotes: list[str]) -> None:
    result = search(index_dir, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    if args[0]:
        assert sorted(hit["doc_id"] for hit in hits) == sorted(quotes)
    else:
        assert [hit["doc_id"] for hit in hits] == quotes
    for hit in hits:
        assert {"text", "speaker", "speaker_id", "doc_id", "title", "date", "score"} <= set(hit)


def test_search_json_fields(index_dir: Path) -> None:
    hit = json.loads(search(index_dir, "fermera", "--format", "json").output)[0]
    assert hit["speaker"] == "Hélène Marchand"
    assert hit["date"] == "2023-04-10"
    assert hit["title"] == "Le gel menace les vignes"
    start, end = hit["matches"][-1]
    assert hit["text"][start:end] == "fermera"


def test_search_suggests_a_spelling_when_nothing_matches(index_dir: Path) -> None:
    result = search(index_dir, "compétitf")
    assert result.exit_code == 0
    assert result.output == "No quote matches.\nDid you mean: compétitif\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (['"notre port'], 1, "Error: the query '\"notre port' has an unclosed \" quote mark"),
        (["(port OR gel"], 1, "unbalanced parentheses"),
        (["", "--speaker", "zzzz"], 1, "Error: no speaker matches 'zzzz'"),
        (["", "--since", "hier"], 2, "Invalid value for '--since'"),
        (["", "--kind", "rumeur"], 2, "Invalid value for '--kind'"),
        (["", "--limit", "0"], 2, "Invalid value for '--limit'"),
    ],
)
def test_search_errors_are_one_clear_line(
    index_dir: Path, args: list[str], code: int, message: str
) -> None:
    result = search(index_dir, *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_search_without_an_index_says_to_build_it(tmp_path: Path) -> None:
    result = search(tmp_path / "none", "port")
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: no index at {tmp_path / 'none'}; run `quotesearch index` to build it\n"
    )


def test_index_reports_a_line_that_is_not_text_and_indexes_the_rest(
    corpus: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Le maire \\ud800 a parlé."}\n[' + "[" * 100_000 + "\n")
    result = CliRunner().invoke(
        main, ["index", str(corpus), str(bad), "--index", str(tmp_path / "index")]
    )
    assert result.exit_code == 1
    assert result.stdout.startswith(f"Indexed {len(ARTICLES)} articles")
    assert result.stderr.splitlines() == [
        "Skipped 2 inputs:",
        f"  {bad}: line 1: holds a lone surrogate (\\ud800 at character 9), which is not text; "
        "fix the encoding of the input",
        f"  {bad}: line 2: JSON nested too deeply to be an article",
    ]


def test_index_if_missing_keeps_an_index_and_what_was_added_to_it(
    corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "index"
    first, added = tmp_path / "first", tmp_path / "added"
    first.mkdir()
    added.mkdir()
    (first / "port.jsonl").write_text(json.dumps(ARTICLES[0], ensure_ascii=False) + "\n")
    (added / "vignes.jsonl").write_text(json.dumps(ARTICLES[2], ensure_ascii=False) + "\n")
    runner = CliRunner()
    built = runner.invoke(main, ["index", str(first), "--index", str(folder), "--if-missing"])
    assert built.exit_code == 0, built.output
    assert built.output.startswith("Indexed 1 articles")
    more = runner.invoke(main, ["index", str(added), "--index", str(folder), "--add"])
    assert more.exit_code == 0, more.output
    for _ in range(2):
        again = runner.invoke(main, ["index", str(first), "--index", str(folder), "--if-missing"])
        assert again.exit_code == 0, again.output
        assert (
            again.output
            == f"{folder} already holds an index (2 articles, 2 quotes): kept as it is.\n"
        )
    found = runner.invoke(main, ["search", "domaines", "--index", str(folder)])
    assert "Hélène Marchand" in found.output


def test_index_progress_bars_count_to_a_total_per_stage(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "index"
    result = CliRunner().invoke(main, ["index", str(corpus), "--index", str(folder), "--progress"])
    assert result.exit_code == 0, result.output
    bars = result.output.replace("\r", "\n")
    assert re.search(r"Reading: 100%.*\| 3/3 \[\d\d:\d\d<00:00", bars), bars
    assert re.search(r"Indexing: 100%.*\| 3/3 \[", bars), bars
