"""Analyses on disk as Parquet: extract once, index many times without parsing again.

This is the only module that imports pyarrow. A folder of analyses holds one file per block of
articles, `part-000000.parquet`, `part-000001.parquet`, …, one row per article with its quotes
and entities as nested lists, and `_manifest.json`, written last, whose presence marks a
finished run. Each part is written under a hidden name and renamed into place, so a killed run
leaves only whole parts, and `resume` keeps those whose block of articles is unchanged. The
manifest holds the SHA-256 of every part (a run in progress keeps them in a hidden journal):
a part damaged since (cut short, a bit flipped, replaced) is extracted again by `resume` and
named by `read_analyses`, never read as analyses. The layout is described for other readers
(pandas, DuckDB, Spark) in docs/parquet-format.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from quotesearch.errors import ArticleError, QuotesearchError
from quotesearch.extract.pipeline import BLOCK_ARTICLES, analyse_blocks, iter_blocks
from quotesearch.records import Analysis, Article

# The version of the layout below, written in every part and in the manifest.
FORMAT = 1
PART_PREFIX = "part-"
PART_SUFFIX = ".parquet"
MANIFEST = "_manifest.json"
# The key of the part's own metadata in the Parquet file's key-value metadata.
META_KEY = b"quotesearch"
# The alias file of the inputs is kept beside the parts, so an index built from them resolves
# the speakers as a build from the articles would.
ALIAS_COPY = "speakers.toml"
# The checksums of the parts written so far by a run in progress; the manifest takes them over.
JOURNAL = ".checksums.json"
CHECKSUM_PREFIX = "sha256:"

_TEXT = pa.string()
_TEXTS = pa.list_(pa.string())
QUOTE_TYPE = pa.struct(
    [
        ("id", _TEXT),
        ("doc_id", _TEXT),
        ("text", _TEXT),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("kind", _TEXT),
        ("speaker", _TEXT),
        ("mention", _TEXT),
        ("cue", _TEXT),
        ("confidence", pa.float64()),
        ("speaker_kind", _TEXT),
        ("context", _TEXT),
    ]
)
ENTITY_TYPE = pa.struct(
    [
        ("name", _TEXT),
        ("kind", _TEXT),
        ("gender", _TEXT),
        ("variants", _TEXTS),
        ("roles", _TEXTS),
    ]
)
# One row per article: its fields, then its quotes and the speakers it names.
SCHEMA = pa.schema(
    [
        ("id", _TEXT),
        ("text", _TEXT),
        ("title", _TEXT),
        ("url", _TEXT),
        ("date", pa.date32()),
        ("source", _TEXT),
        ("path", _TEXT),
        ("content_hash", _TEXT),
        ("quotes", pa.list_(QUOTE_TYPE)),
        ("entities", pa.list_(ENTITY_TYPE)),
    ]
)


@dataclass(frozen=True)
class ExtractReport:
    """What an extraction into a folder did: articles and quotes in it, parts written now and
    parts kept from an earlier run, inputs skipped with the reason, and the time it took."""

    articles: int
    quotes: int
    written: int
    kept: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def write_analyses(
    articles: Iterable[Article],
    out_dir: Path,
    *,
    resume: bool = False,
    block_size: int = BLOCK_ARTICLES,
    n_process: int | None = None,
    cluster: str | None = None,
    alias_file: Path | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    on_block: Callable[[int, int], None] | None = None,
) -> ExtractReport:
    """Analyse `articles` into Parquet parts in `out_dir`, one per block of `block_size`.

    With `resume`, a part left by an earlier run over the same block of articles (same ids and
    contents) is kept and its block not parsed again; without it, `out_dir` must hold no parts.
    Articles that fail are passed to `on_error` (again for kept parts); `on_block(articles,
    quotes)` is called as each block is done, for a progress bar.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    skipped: list[tuple[str, str]] = []

    def report(error: ArticleError) -> None:
        skipped.append((error.source, error.problem))
        if on_error is not None:
            on_error(error)

    out_dir.mkdir(parents=True, exist_ok=True)
    found = _parts(out_dir)
    if found and not resume:
        raise QuotesearchError(
            f"{out_dir} holds the analyses of an earlier run; give --resume to finish it, or "
            "another --out folder"
        )
    # What the parts are known to hold: a part whose bytes differ is parsed again.
    checksums = _known_checksums(out_dir) if resume else {}
    if checksums:
        _write_atomic(out_dir / JOURNAL, json.dumps(checksums).encode())
    (out_dir / MANIFEST).unlink(missing_ok=True)
    for stale in out_dir.glob(f".{PART_PREFIX}*"):
        stale.unlink(missing_ok=True)  # half-written parts of a killed run

    totals = {"articles": 0, "quotes": 0, "written": 0, "kept": 0}
    blocks = 0

    def todo() -> Iterator[list[Article]]:
        nonlocal blocks
        for number, block in enumerate(iter_blocks(articles, block_size)):
            blocks = number + 1
            path = out_dir / _part_name(number)
            meta = _part_meta(path) if resume else None
            if meta is not None and not _verifies(path, checksums.get(path.name)):
                meta = None
            if meta is not None and meta["digest"] == _digest(block):
                checksums[path.name] = checksums.get(path.name) or _checksum(path)
                for source, problem in meta["errors"]:
                    report(ArticleError(source, problem))
                _count(totals, meta["articles"], meta["quotes"], "kept", on_block)
                continue
            pending.append((number, block))
            yield block

    pending: list[tuple[int, list[Article]]] = []
    for outcomes in analyse_blocks(todo(), n_process=n_process, cluster=cluster):
        number, block = pending.pop(0)
        analyses = [o for o in outcomes if isinstance(o, Analysis)]
        errors = [o for o in outcomes if isinstance(o, ArticleError)]
        for error in errors:
            report(error)
        quotes = sum(len(a.quotes) for a in analyses)
        meta = {
            "format": FORMAT,
            "block": number,
            "digest": _digest(block),
            "articles": len(analyses),
            "quotes": quotes,
            "errors": [[e.source, e.problem] for e in errors],
        }
        path = out_dir / _part_name(number)
        _write_part(path, analyses, meta)
        checksums[path.name] = _checksum(path)
        _write_atomic(out_dir / JOURNAL, json.dumps(checksums).encode())
        _count(totals, len(analyses), quotes, "written", on_block)
    # A longer earlier run over other inputs may have left parts past the last block.
    for number, path in _parts(out_dir).items():
        if number >= blocks:
            path.unlink()
    if alias_file is not None:
        shutil.copyfile(alias_file, out_dir / ALIAS_COPY)
    manifest = {
        "format": FORMAT,
        "parts": blocks,
        "articles": totals["articles"],
        "quotes": totals["quotes"],
        "checksums": {name: checksums[name] for name in (_part_name(n) for n in range(blocks))},
    }
    _write_atomic(out_dir / MANIFEST, json.dumps(manifest, indent=1).encode())
    (out_dir / JOURNAL).unlink(missing_ok=True)
    return ExtractReport(
        totals["articles"],
        totals["quotes"],
        totals["written"],
        totals["kept"],
        skipped,
        time.perf_counter() - started,
    )


def is_analyses_folder(path: Path) -> bool:
    """Whether `path` is a folder written by `write_analyses` (finished or not)."""
    path = Path(path)
    return path.is_dir() and ((path / MANIFEST).is_file() or bool(_parts(path)))


def read_analyses(folder: Path) -> Iterator[Analysis]:
    """The analyses of a finished folder of parts, in the order of the articles extracted.
    Raises QuotesearchError when the run that wrote it did not finish, and, before yielding
    any, when a part is damaged (naming it)."""
    folder = Path(folder)
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise QuotesearchError(
            f"the extraction into {folder} did not finish; run the same `quotesearch extract "
            f"... --out {folder}` again with --resume to complete it"
        )
    try:
        written = json.loads(manifest.read_text(encoding="utf-8"))
        expected = int(written["parts"])
        checksums = dict(written.get("checksums") or {})
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise QuotesearchError(
            f"{manifest}: damaged ({type(error).__name__}); extract into {folder} again"
        ) from error
    parts = _parts(folder)
    if sorted(parts) != list(range(expected)):
        raise QuotesearchError(
            f"{folder} should hold {expected} parts, {PART_PREFIX}000000{PART_SUFFIX} onwards, "
            f"and holds {len(parts)}; extract into it again"
        )
    # Every part is checked before the first analysis is read: an index is built from all
    # of them or not at all.
    for number in sorted(parts):
        path = parts[number]
        known = checksums.get(path.name)
        if known is not None and _checksum(path) != known:
            raise _damaged(path, "its checksum is not the one in the manifest")
    for number in sorted(parts):
        yield from _read_part(parts[number])


def _read_part(path: Path) -> list[Analysis]:
    """The analyses of one part; QuotesearchError naming it if it cannot be read as one."""
    try:
        table = pq.read_table(path, schema=SCHEMA, page_checksum_verification=True)
        rows = table.to_pylist()
    except (OSError, ValueError, pa.ArrowException) as error:
        raise _damaged(path, f"{type(error).__name__}: {error}") from error
    try:
        return [_analysis(row) for row in rows]
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise _damaged(path, f"a row is not an analysis: {type(error).__name__}") from error


def _damaged(path: Path, why: str) -> QuotesearchError:
    folder = path.parent
    return QuotesearchError(
        f"{path}: damaged part ({why}); run `quotesearch extract ... --out {folder} --resume` "
        "with the same inputs to extract it again"
    )


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return CHECKSUM_PREFIX + digest.hexdigest()


def _known_checksums(folder: Path) -> dict[str, str]:
    """The checksums of the parts in `folder` as written: those of the manifest of a finished
    run, updated by the journal of a run stopped since."""
    known: dict[str, str] = {}
    for name in (MANIFEST, JOURNAL):
        try:
            data = json.loads((folder / name).read_text(encoding="utf-8"))
            found = data.get("checksums", {}) if name == MANIFEST else data
            known.update({k: v for k, v in found.items() if isinstance(v, str)})
        except (OSError, ValueError, AttributeError):
            continue
    return known


def _verifies(path: Path, checksum: str | None) -> bool:
    """Whether a part holds what was written: its checksum, or, for a part no checksum was
    kept for (a run killed just after writing it), whether it reads whole."""
    if checksum is not None:
        return _checksum(path) == checksum
    try:
        _read_part(path)
    except QuotesearchError:
        return False
    return True


def _row(analysis: Analysis) -> dict:
    data = analysis.to_dict()
    article = data["article"]
    article["date"] = analysis.article.date
    article["content_hash"] = analysis.article.content_hash
    return {**article, "quotes": data["quotes"], "entities": data["entities"]}


def _analysis(row: dict) -> Analysis:
    when: date | None = row["date"]
    article = {name: row[name] for name in ("id", "text", "title", "url", "source", "path")}
    article["date"] = when.isoformat() if when else None
    return Analysis.from_dict(
        {"article": article, "quotes": row["quotes"], "entities": row["entities"]}
    )


def _write_part(path: Path, analyses: list[Analysis], meta: dict) -> None:
    table = pa.Table.from_pylist([_row(a) for a in analyses], schema=SCHEMA)
    table = table.replace_schema_metadata({META_KEY: json.dumps(meta).encode()})
    hidden = path.with_name(f".{path.name}.{os.getpid()}")
    pq.write_table(table, hidden, compression="zstd", write_page_checksum=True)
    _sync_and_rename(hidden, path)


def _write_atomic(path: Path, data: bytes) -> None:
    hidden = path.with_name(f".{path.name}.{os.getpid()}")
    hidden.write_bytes(data)
    _sync_and_rename(hidden, path)


def _sync_and_rename(hidden: Path, path: Path) -> None:
    # On disk before it gets its name: after a crash a part is whole or absent.
    fd = os.open(hidden, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(hidden, path)


def _part_meta(path: Path) -> dict | None:
    """The metadata of a whole part, or None when there is none or it cannot be read."""
    try:
        meta = pq.read_schema(path).metadata or {}
        data = json.loads(meta[META_KEY])
    except (OSError, KeyError, ValueError, pa.ArrowException):
        return None
    return data if data.get("format") == FORMAT else None


def _parts(folder: Path) -> dict[int, Path]:
    """The parts in `folder`, by block number."""
    found = {}
    for path in folder.glob(f"{PART_PREFIX}*{PART_SUFFIX}"):
        number = path.name.removeprefix(PART_PREFIX).removesuffix(PART_SUFFIX)
        if number.isdigit():
            found[int(number)] = path
    return found


def _part_name(number: int) -> str:
    return f"{PART_PREFIX}{number:06d}{PART_SUFFIX}"


def _digest(block: list[Article]) -> str:
    """What identifies a block of articles: their ids and contents, in order."""
    digest = hashlib.sha1()
    for article in block:
        digest.update(f"{article.id}\x1f{article.content_hash}\x1e".encode())
    return digest.hexdigest()


def _count(totals: dict, articles: int, quotes: int, kind: str, on_block: Callable | None) -> None:
    totals["articles"] += articles
    totals["quotes"] += quotes
    totals[kind] += 1
    if on_block is not None:
        on_block(articles, quotes)
