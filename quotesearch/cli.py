"""The `quotesearch` command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quotesearch.errors import AmbiguousSpeaker, ArticleError, QuotesearchError
from quotesearch.records import SPEAKER_KIND_LABELS, Analysis, Quote, Speaker

if TYPE_CHECKING:
    from quotesearch.search.index import QuoteIndex


@click.group()
@click.version_option(package_name="quotesearch")
def main() -> None:
    """Find the quotes in French news articles, name who said them, and search them."""


# Commands are grouped by stage below: extraction, evaluation, speakers, index and search, web.


# --- extraction ---------------------------------------------------------------------------------


def _reporting_errors(failed: list[ArticleError]) -> Callable[[ArticleError], None]:
    """An on_error callback printing one "Error: <file>: <problem>" line per bad input."""

    def report(error: ArticleError) -> None:
        click.echo(f"Error: {error}", err=True)
        failed.append(error)

    return report


def _quote_text(quote: Quote) -> str:
    """One quote for people: its words, who said them, the cue and where."""
    words = quote.text if quote.kind == "indirect" else f"« {quote.text} »"
    who = quote.speaker or "no speaker"
    if quote.mention and quote.mention != quote.speaker:
        who += f" (as “{quote.mention}”)"
    return (
        f"{quote.doc_id}:{quote.start}  [{quote.kind}] {words}\n"
        f"    — {who}; cue {quote.cue}, confidence {quote.confidence:.2f}"
    )


def index_option(text: str = "The index folder built by `quotesearch index`."):
    """The `--index DIR` option every command that reads or writes the index takes."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(path_type=Path),
        default="index",
        envvar="QUOTESEARCH_INDEX",
        show_default=True,
        help=text,
    )


def cluster_option():
    """The `--cluster ADDRESS` option of the commands that parse articles."""
    return click.option(
        "--cluster",
        metavar="ADDRESS|local|local:N",
        help="Parse on a Dask cluster: a scheduler address (tcp://10.0.0.5:8786), or local / "
        "local:N to start N worker processes here (default: the local process pool).",
    )


def progress_option():
    """The `--progress/--no-progress` option of the long-running commands."""
    return click.option(
        "--progress/--no-progress",
        default=None,
        help="Show a progress bar (default: when stderr is a terminal).",
    )


@contextmanager
def _library_errors() -> Iterator[None]:
    """A library error raised inside ends the command as "Error: …" (exit 1)."""
    try:
        yield
    except QuotesearchError as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def _opened_index(index_dir: Path) -> Iterator[QuoteIndex]:
    """The index open for reading, closed after; a library error, opening it or using it,
    ends the command as "Error: …" (exit 1)."""
    from quotesearch.search.index import open_index

    with _library_errors():
        index = open_index(index_dir)
    try:
        with _library_errors():
            yield index
    finally:
        index.close()


def _show_progress(progress: bool | None) -> bool:
    """Whether to show a progress bar: as --progress/--no-progress says, else when stderr is a
    terminal."""
    return sys.stderr.isatty() if progress is None else progress


def _speaker_named(index: QuoteIndex, name: str) -> Speaker:
    """The one speaker a loose name means; when it may mean several, an error listing them."""
    try:
        return index.speakers.resolve_name(name)
    except AmbiguousSpeaker as error:
        lines = [f"{name!r} may name several speakers; pick one by a fuller name or id:"]
        lines += [_speaker_text(s) for s in error.candidates]
        raise click.ClickException("\n".join(lines)) from error


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per quote; text: for people.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the analyses as Parquet files in this folder (one per block of articles) "
    "instead of printing quotes; `quotesearch index` reads them without parsing again.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="With --out: keep the files a stopped run wrote and parse only the rest.",
)
@click.option(
    "--block-size",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    help="Articles per block (a task on a cluster, a file with --out).",
)
@cluster_option()
@progress_option()
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    out: Path | None,
    resume: bool,
    block_size: int,
    cluster: str | None,
    progress: bool | None,
) -> None:
    """Find the quotes in articles and who said them.

    PATHS are .txt (UTF-8), .html or .jsonl files, or folders of them. A bad input is
    reported on stderr and skipped; the exit code is 1 if any input could not be read.
    --out DIR writes the analyses as Parquet files (docs/parquet-format.md) for
    `quotesearch index DIR`; a run stopped midway is finished with --resume.

    Examples: quotesearch extract seeds/ --format text

    quotesearch extract big-folder/ --out analyses/ --cluster tcp://10.0.0.5:8786
    """
    from quotesearch.articles import iter_articles
    from quotesearch.extract.pipeline import analyse_articles

    failed: list[ArticleError] = []
    report = _reporting_errors(failed)
    if resume and out is None:
        raise click.UsageError("--resume continues a run into an --out folder: give --out DIR")
    if out is not None:
        _extract_to(out, paths, resume, block_size, cluster, progress, report)
        if failed:
            ctx.exit(1)
        return
    analyses = analyse_articles(
        iter_articles(paths, on_error=report),
        on_error=report,
        cluster=cluster,
        block_size=block_size,
    )
    with _library_errors():
        _print_quotes(analyses, fmt)
    if failed:
        ctx.exit(1)


def _extract_to(
    out: Path,
    paths: tuple[Path, ...],
    resume: bool,
    block_size: int,
    cluster: str | None,
    progress: bool | None,
    report: Callable[[ArticleError], None],
) -> None:
    """`extract --out`: the analyses into Parquet files, with a progress bar and a summary."""
    from tqdm import tqdm

    from quotesearch.articles import count_articles, iter_articles
    from quotesearch.extract.parquet import write_analyses
    from quotesearch.speakers.aliases import find_alias_file

    shown = _show_progress(progress)
    # A resumed run skips the blocks already written: its count is not known beforehand.
    total = count_articles(paths) if shown and not resume else None
    bar = tqdm(
        desc="Extracting",
        total=total,
        unit=" articles",
        disable=not shown,
        dynamic_ncols=True,
    )
    quotes = 0

    def advance(articles: int, found: int) -> None:
        nonlocal quotes
        quotes += found
        bar.update(articles)
        bar.set_postfix_str(f"{quotes} quotes", refresh=False)

    with _library_errors(), bar:
        done = write_analyses(
            iter_articles(paths, on_error=report),
            out,
            resume=resume,
            block_size=block_size,
            cluster=cluster,
            alias_file=find_alias_file(paths),
            on_error=report,
            on_block=advance,
        )
    kept = f", {done.kept} kept from the earlier run" if done.kept else ""
    click.echo(
        f"Extracted {done.articles} articles, {done.quotes} quotes into {out} "
        f"({done.written} files written{kept}; {done.seconds:.1f} s)."
    )


def _print_quotes(analyses: Iterator[Analysis], fmt: str) -> None:
    """Each quote as a JSON line, or for people under its article's title."""
    for analysis in analyses:
        if fmt == "text":
            title = analysis.article.title or analysis.article.path or analysis.article.id
            click.echo(f"== {analysis.article.id}: {title} ({len(analysis.quotes)} quotes)")
        for quote in analysis.quotes:
            if fmt == "jsonl":
                click.echo(json.dumps(quote.to_dict(), ensure_ascii=False))
            else:
                click.echo(_quote_text(quote))


# --- evaluation ---------------------------------------------------------------------------------


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--pairs",
    type=click.Path(path_type=Path),
    help="Also score speaker clustering on a labelled name-pair file.",
)
@click.option(
    "--quote-pairs",
    type=click.Path(path_type=Path),
    help="Also score the grouping of one statement's reports on a labelled quote-pair file.",
)
@click.pass_context
def eval_command(
    ctx: click.Context,
    gold: Path,
    paths: tuple[Path, ...],
    pairs: Path | None,
    quote_pairs: Path | None,
) -> None:
    """Score quote extraction and attribution against a gold file.

    GOLD is a .jsonl gold file (its format: docs/gold-format.md); PATHS are the articles it
    annotates. Prints every miss, then the figures.

    Example: quotesearch eval tests/data/seeds_gold.jsonl seeds/
    """
    from quotesearch.evaluation import evaluate, report_lines, score_clustering, score_grouping

    failed: list[ArticleError] = []
    with _library_errors():
        report = evaluate(gold, paths, on_error=_reporting_errors(failed))
        clustering = score_clustering(pairs) if pairs is not None else None
        grouping = score_grouping(quote_pairs) if quote_pairs is not None else None
    for line in report_lines(report, clustering=clustering, grouping=grouping):
        click.echo(line)
    if failed:
        ctx.exit(1)


# --- speakers -----------------------------------------------------------------------------------


def _speaker_text(speaker: Speaker) -> str:
    """One speaker for people: id, name, counts and every form seen."""
    forms = ", ".join(f"{form} ×{count}" for form, count in speaker.variants)
    kind = SPEAKER_KIND_LABELS.get(speaker.kind, "")
    about = ", ".join(p for p in (kind, speaker.description) if p)
    return (
        f"{speaker.id}  {speaker.name}{f' [{about}]' if about else ''}  ({speaker.quotes} quotes, "
        f"{len(speaker.articles)} articles)\n    {forms}"
    )


@main.command()
@click.argument("name", required=False)
@index_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for people; json: speaker objects with id, name, variants and quotes.",
)
def speakers(name: str | None, index_dir: Path, fmt: str) -> None:
    """List every speaker with the forms of their name, or, given a NAME, everything that
    speaker said, with article and date. NAME may be loose: case, accents, hyphens and
    transliteration do not matter, and a bare surname is enough when only one person bears it.

    Example: quotesearch speakers "choe son hui" --index index
    """
    with _opened_index(index_dir) as index:
        if name is None:
            listed = index.speakers.speakers
            if fmt == "json":
                click.echo(json.dumps([s.to_dict() for s in listed], ensure_ascii=False))
            else:
                for speaker in listed:
                    click.echo(_speaker_text(speaker))
            return
        speaker = _speaker_named(index, name)
        hits = list(index.iter_hits("", speaker_id=speaker.id, sort="date"))
    if fmt == "json":
        data = {"speaker": speaker.to_dict(), "quotes": [hit.to_dict() for hit in hits]}
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(_speaker_text(speaker))
    for hit in hits:
        when = hit.date.isoformat() if hit.date else "no date"
        click.echo(f"\n{when}  {hit.title or hit.doc_id}\n    « {hit.text} »")


# --- index and search ---------------------------------------------------------------------------


@main.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option("The index folder to build or add to.")
@click.option(
    "--add",
    "adding",
    is_flag=True,
    help="Add new or changed articles to the index instead of rebuilding it.",
)
@click.option(
    "--if-missing",
    is_flag=True,
    help="Build only when the folder holds no index yet; an index there is kept as it is.",
)
@cluster_option()
@progress_option()
@click.pass_context
def index_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    index_dir: Path,
    adding: bool,
    if_missing: bool,
    cluster: str | None,
    progress: bool | None,
) -> None:
    """Extract the quotes of every article under PATHS and index them.

    A rebuild writes a new index beside the old one and swaps it in only when done, so an
    interrupted build leaves the previous index searchable. --add adds new or changed articles
    (known by id and content) without a rebuild. A folder written by `quotesearch extract
    --out` is indexed from its files, without parsing again. Bad inputs are listed and
    skipped; the exit code is then 1.

    --if-missing builds only when there is no index yet (what `make run` does with the seeds,
    so that articles added with --add stay).

    Examples: quotesearch index seeds/ --index index

    quotesearch index analyses/ --index index
    """
    from quotesearch.search import indexing
    from quotesearch.search.index import is_index

    if if_missing and not adding and is_index(index_dir):
        with _opened_index(index_dir) as index:
            stats = index.stats()
        click.echo(
            f"{index_dir} already holds an index ({stats['articles']} articles, "
            f"{stats['quotes']} quotes): kept as it is."
        )
        return

    write = indexing.add if adding else indexing.build
    with _library_errors():
        report = write(
            paths, index_dir=index_dir, progress=_show_progress(progress), cluster=cluster
        )
    done = "Added" if adding else "Indexed"
    line = f"{done} {report.articles} articles, {report.quotes} quotes"
    if adding:
        line += f" ({report.unchanged} unchanged articles skipped)"
    click.echo(f"{line}; {report.speakers} speakers in {index_dir} ({report.seconds:.1f} s).")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)} inputs:", err=True)
        for source, reason in report.skipped:
            click.echo(f"  {source}: {reason}", err=True)
        ctx.exit(1)


def _terminal_marked(text: str, matches: tuple[tuple[int, int], ...]) -> str:
    """A hit's text for a terminal, the words the query matched in reverse video."""
    out, at = [], 0
    for start, end in matches:
        if start < at:
            continue
        out += [text[at:start], click.style(text[start:end], reverse=True)]
        at = end
    out.append(text[at:])
    return "".join(out)


@main.command()
@click.argument("query", required=False, default="")
@click.option(
    "--speaker", "who", help="Only quotes of this speaker (a loose name, as for speakers)."
)
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after YYYY-MM-DD."
)
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--kind", type=click.Choice(["direct", "partial", "indirect"]), help="Quote kind.")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Most hits."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for people; json: a list of hits.",
)
@index_option()
def search(
    query: str,
    who: str | None,
    since: datetime | None,
    until: datetime | None,
    kind: str | None,
    limit: int,
    fmt: str,
    index_dir: Path,
) -> None:
    """Search the quotes: words, "exact phrases", AND, OR, NOT; best match first (newest first
    when QUERY is empty). Matched words are highlighted.

    Example: quotesearch search '"réforme des retraites" NOT grève' --speaker borne
    """
    with _opened_index(index_dir) as index:
        found = index.search(
            query,
            speaker_id=_speaker_named(index, who).id if who else None,
            since=since.date() if since else None,
            until=until.date() if until else None,
            kind=kind,
            per_page=limit,
            sort="score" if query.strip() else "date",
        )
    if fmt == "json":
        click.echo(json.dumps([hit.to_dict() for hit in found.hits], ensure_ascii=False))
        return
    if not found.hits:
        click.echo("No quote matches.")
        if found.suggestion:
            click.echo(f"Did you mean: {found.suggestion}")
        return
    for hit in found.hits:
        when = hit.date.isoformat() if hit.date else "no date"
        words = _terminal_marked(hit.text, hit.matches)
        words = words if hit.kind == "indirect" else f"« {words} »"
        where = hit.title or hit.doc_id
        if hit.source:
            where += f" ({hit.source})"
        who = hit.speaker or "speaker unknown"
        who += f" ({hit.speaker_note})" if hit.speaker_note else ""
        click.echo(f"{words}\n    — {who}, {where}, {when}\n")
    shown = f"{len(found.hits)} of {found.total}" if found.total > len(found.hits) else "all"
    noun = "quote" if found.total == 1 else "quotes"
    click.echo(f"{found.total} {noun} ({shown} shown).")


# --- web ----------------------------------------------------------------------------------------


@main.command()
@index_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Threads of each server process.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Server processes (gunicorn, POSIX only, when more than 1); default: one per core.",
)
@click.option(
    "--allow-add",
    is_flag=True,
    help="Let the Analyse page and /api/analyse add articles to the index (off by default).",
)
@click.option(
    "--allow-fetch",
    is_flag=True,
    help="Let the Analyse page fetch a pasted http(s) URL (at most 5 MB, 10 s; off by default).",
)
@click.option(
    "--load-model/--no-load-model",
    default=True,
    show_default=True,
    help="Load the language model as each server process starts, so that the first Analyse "
    "does not wait for it.",
)
def serve(
    index_dir: Path,
    host: str,
    port: int,
    threads: int,
    workers: int | None,
    allow_add: bool,
    allow_fetch: bool,
    load_model: bool,
) -> None:
    """Serve the search pages and the JSON API with production WSGI servers: gunicorn with
    --workers processes (one per core by default), or waitress in this process for one.

    The index is read-only unless --allow-add is given. Each process reopens the index when a
    rebuild swaps a new one in.

    Example: quotesearch serve --index index --host 0.0.0.0 --port 8000 --workers 4
    """
    from web import create_app, serving

    if workers is None:
        workers = serving.default_workers()
    if workers > 1 and not serving.gunicorn_available():
        raise click.UsageError("--workers above 1 needs gunicorn, which runs on POSIX systems only")

    # Fail now, not at the first request, when there is no index to serve.
    with _opened_index(index_dir) as index:
        stats = index.stats()
    app = create_app(
        {"INDEX_DIR": str(index_dir), "ALLOW_ADD": allow_add, "ALLOW_FETCH": allow_fetch}
    )
    processes = f", {workers} processes" if workers > 1 else ""

    def announce() -> None:
        shown = f"[{host}]" if ":" in host else host
        click.echo(
            f"Serving {stats['articles']} articles, {stats['quotes']} quotes from {index_dir} "
            f"on http://{shown}:{port}/{processes} (Ctrl-C to stop)",
            err=True,
        )

    try:
        serving.serve(
            app,
            host=host,
            port=port,
            threads=threads,
            workers=workers,
            on_ready=announce,
            load_model=load_model,
        )
    except serving.PortBusy as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({error.strerror or error}); another server may "
            "be using the port: stop it or give another --port"
        ) from error
