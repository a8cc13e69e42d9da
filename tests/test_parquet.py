"""Analyses written as Parquet and read back: the layout, atomic parts, resuming a stopped run,
and indexing from the files. Articles are real French text parsed by the spaCy pipeline."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from quotesearch.cli import main
from quotesearch.errors import QuotesearchError
from quotesearch.extract import parquet
from quotesearch.extract.parquet import is_analyses_folder, read_analyses, write_analyses
from quotesearch.extract.pipeline import analyse_articles
from quotesearch.records import Article, Entity, Quote
from quotesearch.search.index import open_index
from quotesearch.search.indexing import build

ARTICLES = [
    Article(
        id="port",
        text=(
            "Le port de Marseille a accueilli mardi un nouveau porte-conteneurs géant.\n\n"
            "« Ce navire montre que notre port reste compétitif », a déclaré Laurent Castel, "
            "directeur du port, devant les dockers.\n"
        ),
        title="Un géant à Marseille",
        url="https://example.org/port",
        source="La Provence",
    ),
    Article(
        id="vignes",
        text=(
            "Les vignerons du Bordelais craignent une nouvelle année de gel.\n\n"
            "La présidente du syndicat viticole, Hélène Marchand, a prévenu : « Sans aide de "
            "l'État, la moitié des domaines fermera. »\n"
        ),
    ),
    Article(
        id="tramway",
        text=(
            "Le tramway de Grenoble circulera la nuit dès septembre.\n\n"
            "« Les étudiants attendaient ce service depuis dix ans », a expliqué Sarah Benali, "
            "adjointe aux transports.\n"
        ),
    ),
]


@pytest.fixture(scope="module")
def analyses():
    return list(analyse_articles(ARTICLES, n_process=1))


def test_the_columns_are_the_record_fields() -> None:
    """A field added to a record must be added to the layout (and to docs/parquet-format.md)."""
    quote_columns = [f.name for f in parquet.QUOTE_TYPE]
    assert quote_columns == ["id", *(f.name for f in fields(Quote))]
    assert [f.name for f in parquet.ENTITY_TYPE] == [f.name for f in fields(Entity)]
    article_columns = [f.name for f in fields(Article)]
    assert parquet.SCHEMA.names == [*article_columns, "content_hash", "quotes", "entities"]
    doc = (Path(__file__).parents[1] / "docs" / "parquet-format.md").read_text()
    for name in {*parquet.SCHEMA.names, *quote_columns, *(f.name for f in fields(Entity))}:
        assert f"`{name}`" in doc


def test_analyses_come_back_equal(tmp_path: Path, analyses) -> None:
    report = write_analyses(ARTICLES, tmp_path / "out", block_size=2, n_process=1)
    assert (report.articles, report.written, report.kept) == (3, 2, 0)
    assert report.quotes == sum(len(a.quotes) for a in analyses) > 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "_manifest.json",
        "part-000000.parquet",
        "part-000001.parquet",
    ]
    assert list(read_analyses(tmp_path / "out")) == analyses


def test_other_readers_see_one_row_per_article(tmp_path: Path) -> None:
    write_analyses(ARTICLES, tmp_path / "out", block_size=2, n_process=1)
    # A reader of the whole folder (pyarrow's dataset, as pandas or DuckDB would) skips the
    # files whose names start with "_" or ".".
    table = pq.read_table(tmp_path / "out")
    assert sorted(table.column("id").to_pylist()) == ["port", "tramway", "vignes"]
    row = next(r for r in table.to_pylist() if r["id"] == "port")
    assert row["source"] == "La Provence"
    assert row["quotes"][0]["speaker"] == "Laurent Castel"
    assert row["quotes"][0]["id"] == f"port:{row['quotes'][0]['start']}"


def test_a_second_run_needs_resume(tmp_path: Path) -> None:
    write_analyses(ARTICLES, tmp_path / "out", n_process=1)
    with pytest.raises(QuotesearchError, match="give --resume to finish it"):
        write_analyses(ARTICLES, tmp_path / "out", n_process=1)


def test_resume_keeps_the_parts_of_unchanged_blocks(tmp_path: Path, analyses) -> None:
    out = tmp_path / "out"
    write_analyses(ARTICLES, out, block_size=2, n_process=1)
    # As a killed run leaves it: no manifest, a half-written hidden part, a part missing.
    (out / "_manifest.json").unlink()
    (out / "part-000001.parquet").unlink()
    (out / ".part-000001.parquet.4242").write_bytes(b"PAR1 half written")
    assert is_analyses_folder(out)
    with pytest.raises(QuotesearchError, match=r"did not finish.*--resume"):
        list(read_analyses(out))

    report = write_analyses(ARTICLES, out, block_size=2, n_process=1, resume=True)
    assert (report.articles, report.written, report.kept) == (3, 1, 1)
    assert not list(out.glob(".*"))
    assert list(read_analyses(out)) == analyses


def test_resume_parses_again_a_block_whose_articles_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_analyses(ARTICLES, out, block_size=2, n_process=1)
    changed = [*ARTICLES[:2], Article(id="tramway", text=ARTICLES[2].text.replace("dix", "vingt"))]
    report = write_analyses(changed[:2], out, block_size=2, n_process=1, resume=True)
    # The second block is gone from the inputs: its part goes too.
    assert (report.written, report.kept) == (0, 1)
    assert sorted(p.name for p in out.glob("part-*")) == ["part-000000.parquet"]
    report = write_analyses(changed, out, block_size=2, n_process=1, resume=True)
    assert (report.written, report.kept) == (1, 1)
    assert "vingt ans" in [a for a in read_analyses(out)][2].quotes[0].text


def test_index_from_the_files_equals_index_from_the_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in ARTICLES:
        (corpus / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Extracted 3 articles, ")
    manifest = json.loads((tmp_path / "out" / "_manifest.json").read_text())
    assert manifest["parts"] == 1

    build([tmp_path / "out"], index_dir=tmp_path / "from-files")
    build([corpus], index_dir=tmp_path / "direct")
    with open_index(tmp_path / "from-files") as ours, open_index(tmp_path / "direct") as theirs:
        for query in ("", "port", '"aide de l\'État"', "étudiants"):
            assert [h.to_dict() for h in ours.iter_hits(query, sort="date")] == [
                h.to_dict() for h in theirs.iter_hits(query, sort="date")
            ]
        assert ours.speakers.speakers == theirs.speakers.speakers


def test_cli_resume_needs_out(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--resume"])
    assert result.exit_code == 2
    assert "give --out DIR" in result.output


def test_cli_index_of_an_unfinished_folder_says_to_resume(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_analyses(ARTICLES, out, n_process=1)
    (out / "_manifest.json").unlink()
    result = CliRunner().invoke(main, ["index", str(out), "--index", str(tmp_path / "index")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: the extraction into {out} did not finish")


@pytest.mark.parametrize("address", ["local:0", "local:two"])
def test_cli_bad_local_cluster(tmp_path: Path, address: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLES[0].text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--cluster", address])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: --cluster {address}: give local:N")


# --- damaged parts ----------------------------------------------------------------------------


def _damage(part: Path, how: str) -> None:
    data = part.read_bytes()
    if how == "truncated":
        part.write_bytes(data[: len(data) // 2])
    elif how == "bit-flipped":
        middle = len(data) // 2
        part.write_bytes(data[:middle] + bytes([data[middle] ^ 0x10]) + data[middle + 1 :])
    elif how == "empty":
        part.write_bytes(b"")
    else:  # a Parquet file of something else under the part's name
        pq.write_table(
            pa.table({"ville": ["Brest", "Lille"], "habitants": [139_000, 236_000]}), part
        )


DAMAGES = ["truncated", "bit-flipped", "empty", "foreign"]


@pytest.mark.parametrize("checksummed", [True, False], ids=["manifest", "older-manifest"])
@pytest.mark.parametrize("how", DAMAGES)
def test_index_names_a_damaged_part_and_changes_nothing(
    tmp_path: Path, how: str, checksummed: bool
) -> None:
    out = tmp_path / "out"
    write_analyses(ARTICLES, out, block_size=2, n_process=1)
    index_dir = tmp_path / "index"
    build([out], index_dir=index_dir)
    before = json.loads((index_dir / "meta.json").read_text())
    if not checksummed:  # as written before parts had checksums: the read itself must tell
        manifest = json.loads((out / "_manifest.json").read_text())
        del manifest["checksums"]
        (out / "_manifest.json").write_text(json.dumps(manifest))
    part = out / "part-000001.parquet"
    _damage(part, how)
    result = CliRunner().invoke(main, ["index", str(out), "--index", str(index_dir)])
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(f"Error: {part}: damaged part (")
    assert line.endswith(f"--out {out} --resume` with the same inputs to extract it again")
    assert json.loads((index_dir / "meta.json").read_text()) == before
    with open_index(index_dir) as index:
        assert index.search("").total == 3


@pytest.mark.parametrize("how", DAMAGES)
def test_resume_extracts_a_damaged_part_again(tmp_path: Path, analyses, how: str) -> None:
    out = tmp_path / "out"
    write_analyses(ARTICLES, out, block_size=2, n_process=1)
    _damage(out / "part-000000.parquet", how)
    report = write_analyses(ARTICLES, out, block_size=2, n_process=1, resume=True)
    assert (report.written, report.kept) == (1, 1)
    assert list(read_analyses(out)) == analyses
    manifest = json.loads((out / "_manifest.json").read_text())
    assert sorted(manifest["checksums"]) == ["part-000000.parquet", "part-000001.parquet"]
    assert not list(out.glob(".*"))


def test_resume_after_a_kill_checks_the_parts_against_the_journal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_analyses(ARTICLES, out, block_size=2, n_process=1)
    # Killed while resuming: the manifest's checksums are in the journal, not the manifest.
    manifest = json.loads((out / "_manifest.json").read_text())
    (out / "_manifest.json").unlink()
    (out / ".checksums.json").write_text(json.dumps(manifest["checksums"]))
    # A part replaced by one whose bytes read whole but are not those written.
    first = out / "part-000000.parquet"
    table = pq.read_table(first)
    pq.write_table(table.slice(0, 1), first)
    report = write_analyses(ARTICLES, out, block_size=2, n_process=1, resume=True)
    assert (report.written, report.kept) == (1, 1)
    assert [a.article.id for a in read_analyses(out)] == ["port", "vignes", "tramway"]
