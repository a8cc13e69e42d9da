"""The quote index on disk: a Whoosh schema analysed for French, writing it, and searching it.

This is the only module that imports whoosh. An index folder holds two Whoosh indexes — the
quotes (searched) and the articles with their analyses (kept so that `--add` never re-parses
old articles) — plus `speakers.json` (the speaker registry) and `meta.json`, written last, whose
presence marks a finished index.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.qparser import MultifieldParser, QueryParserError
from whoosh.support.charset import accent_map

from quotesearch.errors import IndexMissingError, QueryError
from quotesearch.lang import fr
from quotesearch.records import QUOTE_KINDS, SORTS, Analysis, Article, Quote
from quotesearch.speakers.registry import SpeakerRegistry

# --- French analysis --------------------------------------------------------------------------

# Words are letters and digits; an apostrophe inside a word keeps it whole so that the elision
# filter can strip « l' » from « l'État » while « aujourd'hui » stays one word. Hyphens split,
# as in Lucene: « saint etienne » finds « Saint-Étienne ».
WORD_PATTERN = r"\w+(?:['’]\w+)*"
# Spelling suggestions come from words of at least this many letters.
SPELLING_MIN_CHARS = 3
# A suggested word is at most this many edits away and shares its first letter.
SPELLING_MAX_EDITS = 2
SPELLING_PREFIX = 1
# « speaker:lavrov », « since:2024-01-01 »: the query syntax for a field, outside a quoted
# phrase, naming what is a filter of the search, not words of the quote.
FIELD_PATTERN = r'(?:^|[\s(])(\w+):(?=[^"]*(?:"[^"]*"[^"]*)*$)'
FILTER_FIELDS = frozenset({"speaker", "who", "since", "until", "from", "to", "title", "source"})
# Query words that are operators, not words to correct.
QUERY_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# How many speakers, and how many sources, the facets of a search list.
FACET_LIMIT = 20
# The columns a search counts its matching quotes by, and the name of each facet; « month »
# (YYYY-MM, from the publication day) is derived from the day column.
FACET_COLUMNS = {"speaker": "speaker_id", "source": "source", "kind": "kind"}
# Queries whose speaker counts an open build keeps.
RECENT_QUERIES = 256
# Writer memory, in MB, per indexing pass.
WRITER_LIMIT_MB = 256
# Hits fetched per search while `iter_hits` walks every page.
ITER_PAGE = 100
# What whoosh raises on a query it cannot run; anything else while searching is a bug.
WHOOSH_QUERY_ERRORS = (QueryParserError, wq.QueryError)

QUOTES = "quotes"
ARTICLES = "articles"
META_FILE = "meta.json"
SPEAKERS_FILE = "speakers.json"
RUN_INDEX = "run `quotesearch index` to build it"


class ElisionFilter(Filter):
    """Drop an elided prefix (« l' », « qu' », « jusqu' »…) from lowercased tokens."""

    def __init__(self, elisions: Iterable[str] = fr.ELISIONS) -> None:
        self.elisions = frozenset(elisions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ElisionFilter) and self.elisions == other.elisions

    def __call__(self, tokens):
        for token in tokens:
            text = token.text.replace("’", "'")
            head, sep, rest = text.partition("'")
            if sep and rest and head in self.elisions:
                if getattr(token, "startchar", None) is not None:
                    token.startchar += len(head) + 1
                text = rest
            token.text = text
            yield token


class EndingFilter(Filter):
    """Rewrite word endings before stemming, for endings the stemmer only knows with their
    accents (after folding, French « fermées » ends in « ees », which Snowball keeps)."""

    def __init__(self, endings: Iterable[tuple[str, str]] = fr.FOLDED_ENDINGS) -> None:
        self.endings = tuple(endings)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EndingFilter) and self.endings == other.endings

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            for ending, replacement in self.endings:
                if text.endswith(ending) and len(text) > len(ending) + 2:
                    token.text = text[: -len(ending)] + replacement
                    break
            yield token


def _base():
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | ElisionFilter()


# Quote text: accents folded before stemming (the Snowball stemmer sees accents, so stemming
# first would keep « déclaré » and « declare » apart).
TEXT_ANALYZER = (
    _base()
    | CharsetFilter(accent_map)
    | StopFilter(fr.STOP_WORDS, minsize=1)
    | EndingFilter()
    | StemFilter(lang="french", cachesize=200_000)
)
# Names are folded but not stemmed: « Corée » and « coree », « Choe Song-hee » and « song hee ».
NAME_ANALYZER = _base() | CharsetFilter(accent_map)
# Whole lowercase words with their accents, for « did you mean ».
SPELLING_ANALYZER = _base() | StopFilter((), minsize=SPELLING_MIN_CHARS)


def analyse_text(text: str) -> list[str]:
    """The terms the index keeps for a quote's text (folded, elisions dropped, stemmed)."""
    return [token.text for token in TEXT_ANALYZER(text)]


def quote_schema() -> Schema:
    """The fields of one quote: searchable text and names, filters, sort keys, stored metadata."""
    return Schema(
        quote_id=ID(stored=True, unique=True),
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        names=TEXT(analyzer=NAME_ANALYZER, stored=True, phrase=True),
        # The words of the corpus for « did you mean »: a word is indexed with the first quote
        # that has it only, all a spelling dictionary needs, at a fraction of the cost.
        spelling=TEXT(analyzer=SPELLING_ANALYZER, phrase=False),
        speaker=STORED,
        speaker_id=ID(stored=True, sortable=True),
        # Kind and source are columns too: the facets of a search count them.
        kind=ID(stored=True, sortable=True),
        cue=STORED,
        confidence=STORED,
        mention=STORED,
        doc_id=ID(stored=True),
        title=STORED,
        url=STORED,
        source=ID(stored=True, sortable=True),
        date=DATETIME(stored=True),
        # The date as a day number, 0 when unknown, so that newest-first puts undated quotes last.
        day=COLUMN(NumericColumn("i", default=0)),
        context=STORED,
        group_id=ID(stored=True),
        start=STORED,
        end=STORED,
    )


def article_schema() -> Schema:
    """The fields of one article: its id, content hash and analysis as JSON."""
    return Schema(doc_id=ID(stored=True, unique=True), hash=STORED, analysis=STORED)


# --- records as stored ------------------------------------------------------------------------


def quote_document(
    quote: Quote, article: Article, registry: SpeakerRegistry, groups: dict[str, str]
) -> dict:
    """The index document of a quote: its text, its speaker's names, its article's metadata."""
    speaker = registry.speaker_for(quote)
    forms = [speaker.name, *(form for form, _ in speaker.variants)] if speaker else []
    forms += [quote.speaker or "", quote.mention or ""]
    names = " ; ".join(dict.fromkeys(f for f in forms if f))
    doc = {
        "quote_id": quote.id,
        "text": quote.text,
        "names": names,
        "speaker": speaker.name if speaker else quote.speaker,
        "kind": quote.kind,
        "cue": quote.cue,
        "confidence": float(quote.confidence),
        "mention": quote.mention,
        "doc_id": quote.doc_id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "context": quote.context,
        "group_id": groups.get(quote.id, quote.id),
        "start": quote.start,
        "end": quote.end,
    }
    if speaker:
        doc["speaker_id"] = speaker.id
    if article.date:
        doc["date"] = _midnight(article.date)
    doc["day"] = article.date.toordinal() if article.date else 0
    return doc


# Fields of a quote document that depend on the corpus, not the article: they change when the
# speakers are resolved again after an `--add`.
CORPUS_FIELDS = ("speaker", "speaker_id", "names", "group_id")


# --- writing ----------------------------------------------------------------------------------


def create_index(
    folder: Path,
    analyses: Sequence[Analysis],
    *,
    registry: SpeakerRegistry,
    groups: dict[str, str],
    on_quotes: Callable[[int], None] | None = None,
    procs: int = 1,
) -> None:
    """Write a new index of `analyses` into the empty `folder`; `on_quotes(n)` follows progress.

    With `procs` > 1 Whoosh indexes in parallel into one segment per process. Segment files
    are kept apart, not in one compound file: opening them is several times faster.
    """
    folder.mkdir(parents=True, exist_ok=True)
    quotes_ix = whoosh_index.create_in(str(folder), quote_schema(), indexname=QUOTES)
    articles_ix = whoosh_index.create_in(str(folder), article_schema(), indexname=ARTICLES)
    options = {"limitmb": WRITER_LIMIT_MB, "compound": False}
    if procs > 1:
        # Several processes without multisegment can crash while merging their segments; with
        # it, each process leaves its own segment: merging them would cost more than the
        # parallel build saves.
        options.update(procs=procs, multisegment=True)
    writer = quotes_ix.writer(**options)
    seen: set[str] = set()
    try:
        for analysis in analyses:
            for quote in analysis.quotes:
                doc = quote_document(quote, analysis.article, registry, groups)
                writer.add_document(**doc, spelling=_new_words(quote.text, seen))
            if on_quotes and analysis.quotes:
                on_quotes(len(analysis.quotes))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    _write_articles(articles_ix, analyses, ())
    write_meta(folder, registry, articles=len(analyses), quotes=quotes_ix.doc_count())


def update_index(
    folder: Path,
    *,
    added: Sequence[Analysis],
    removed: Iterable[str],
    kept: Sequence[Analysis],
    registry: SpeakerRegistry,
    groups: dict[str, str],
) -> None:
    """Update the index in `folder` in place: drop the `removed` article ids, add `added`, and
    rewrite the quotes of `kept` articles whose speaker or group changed."""
    try:
        quotes_ix = whoosh_index.open_dir(str(folder), indexname=QUOTES)
        articles_ix = whoosh_index.open_dir(str(folder), indexname=ARTICLES)
    except Exception as error:
        raise IndexMissingError(
            f"the index at {folder} is damaged ({error}); {RUN_INDEX}"
        ) from error
    removed = set(removed)
    with quotes_ix.searcher() as searcher:
        stored = {
            fields["quote_id"]: tuple(fields.get(name) for name in CORPUS_FIELDS)
            for fields in searcher.all_stored_fields()
        }
    writer = quotes_ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)
    try:
        for doc_id in removed:
            writer.delete_by_term("doc_id", doc_id)
        for analysis in kept:
            for quote in analysis.quotes:
                doc = quote_document(quote, analysis.article, registry, groups)
                if stored.get(quote.id) != tuple(doc.get(name) for name in CORPUS_FIELDS):
                    writer.update_document(**doc, spelling=quote.text)
        for analysis in added:
            for quote in analysis.quotes:
                doc = quote_document(quote, analysis.article, registry, groups)
                writer.add_document(**doc, spelling=quote.text)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    _write_articles(articles_ix, added, removed)
    articles = articles_ix.doc_count()
    write_meta(folder, registry, articles=articles, quotes=quotes_ix.doc_count())


def _new_words(text: str, seen: set[str]) -> str:
    """The words of `text` not in `seen`, added to it."""
    words = [t.text for t in SPELLING_ANALYZER(text) if t.text not in seen]
    seen.update(words)
    return " ".join(words)


def _write_articles(ix, analyses: Iterable[Analysis], removed: Iterable[str]) -> None:
    writer = ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)
    for doc_id in removed:
        writer.delete_by_term("doc_id", doc_id)
    for analysis in analyses:
        writer.update_document(
            doc_id=analysis.article.id,
            hash=analysis.article.content_hash,
            analysis=json.dumps(analysis.to_dict(), ensure_ascii=False),
        )
    writer.commit()


def write_meta(folder: Path, registry: SpeakerRegistry, *, articles: int, quotes: int) -> None:
    """Save the speaker registry and the index figures; the meta file marks a finished index."""
    (folder / SPEAKERS_FILE).write_text(json.dumps(registry.to_json(), ensure_ascii=False))
    meta = {
        "version": 1,
        "build_id": f"{time.time_ns():x}",
        "built_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "articles": articles,
        "quotes": quotes,
        "speakers": len(registry),
    }
    (folder / META_FILE).write_text(json.dumps(meta))


def is_index(folder: Path) -> bool:
    """Whether `folder` holds a finished quotesearch index."""
    return (folder / META_FILE).is_file()


# --- search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One quote found: its words, speaker, article, score, and where in its text the query's
    words matched (`matches`: start and end offsets, in order)."""

    quote_id: str
    text: str
    kind: str
    cue: str
    confidence: float
    mention: str | None
    speaker: str | None
    speaker_id: str | None
    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    date: date | None
    context: str
    group_id: str
    score: float
    start: int
    end: int
    matches: tuple[tuple[int, int], ...] = ()
    # The speaker's affiliation and main role, to tell apart two people of one name.
    speaker_note: str = ""

    def to_dict(self) -> dict:
        """The hit as JSON-ready data, its date written YYYY-MM-DD, its matches [start, end]."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["matches"] = [list(span) for span in self.matches]
        return data


@dataclass(frozen=True)
class SearchPage:
    """A page of hits, the total, a spelling suggestion, and how many of all the matching
    quotes fall under each speaker (id, name, count), source, kind and month (YYYY-MM)."""

    hits: list[Hit]
    total: int
    page: int
    pages: int
    facets: list[tuple[str, str, int]] = field(default_factory=list)
    suggestion: str | None = None
    sources: list[tuple[str, int]] = field(default_factory=list)
    kinds: list[tuple[str, int]] = field(default_factory=list)
    months: list[tuple[str, int]] = field(default_factory=list)


# Quotes matching a search, counted by facet name (speaker, source, kind, month) and value.
Counts = dict[str, Counter]


class _Shared:
    """What every open of one build can share, read once per process: the speaker registry,
    the speaker of each document and the speaker counts of the whole index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.registry: SpeakerRegistry | None = None
        self.columns: dict[str, list] = {}
        self.counts: Counts | None = None
        # Facet counts of recent queries: a build never changes, and the next page, an
        # export or a facet click asks the same query again.
        self.recent: OrderedDict[str, Counts] = OrderedDict()
        self.orders: dict[str, list[int]] = {}
        self.days: list[int] | None = None
        self.latest: dict[str, int] | None = None

    def speakers(self, generation: _Generation) -> SpeakerRegistry:
        """The registry, read from `generation` (this build's folder) the first time."""
        with self.lock:
            if self.registry is None:
                try:
                    data = json.loads(generation.read_bytes(SPEAKERS_FILE))
                except (OSError, ValueError) as error:
                    raise IndexMissingError(
                        f"the speakers of the index at {self.path} are unreadable; "
                        f"{RUN_INDEX} again"
                    ) from error
                self.registry = SpeakerRegistry.from_json(data)
            return self.registry

    def column(self, searcher, name: str) -> list:
        """The value of column `name` for every document ("" where it has none): a facet's
        column, or « month » (YYYY-MM, "" when undated)."""
        if name == "month":
            days = self.day_column(searcher)
        with self.lock:
            if name not in self.columns:
                if name == "month":
                    values = [date.fromordinal(d).strftime("%Y-%m") if d else "" for d in days]
                else:
                    values = _column_values(searcher.reader(), name, "")
                self.columns[name] = values
            return self.columns[name]

    def facet_counts(self, searcher, docs: Iterable[int]) -> Counts:
        """How many of the documents `docs` fall under each value of each facet."""
        docs = list(docs)
        columns = {
            facet: self.column(searcher, name)
            for facet, name in (*FACET_COLUMNS.items(), ("month", "month"))
        }
        return {facet: Counter(column[n] for n in docs) for facet, column in columns.items()}

    def latest_days(self, searcher) -> dict[str, int]:
        """The day (an ordinal) of each speaker's latest dated quote."""
        speakers = self.column(searcher, "speaker_id")
        days = self.day_column(searcher)
        with self.lock:
            if self.latest is None:
                latest: dict[str, int] = {}
                for n in self.doc_order(searcher, by_date=False, locked=True):
                    if speakers[n] and days[n] > latest.get(speakers[n], 0):
                        latest[speakers[n]] = days[n]
                self.latest = latest
            return self.latest

    def day_column(self, searcher) -> list[int]:
        """The publication day (an ordinal, 0 when unknown) of every document."""
        with self.lock:
            if self.days is None:
                self.days = _column_values(searcher.reader(), "day", 0)
            return self.days

    def in_range(self, searcher, query: wq.Query | None, first: int, last: int) -> set[int]:
        """The documents matching `query` (every one when None) published from day `first`
        to day `last`, both included; undated ones never are."""
        days = self.day_column(searcher)
        first = max(first, 1)
        if query is None:
            docs = self.doc_order(searcher, by_date=False)
        else:
            docs = searcher.docs_for_query(query)
        return {n for n in docs if first <= days[n] <= last}

    def query_counts(self, searcher, query: wq.Query) -> Counts:
        """How many quotes `query` matches under each facet value (unscored)."""
        key = repr(query)
        with self.lock:
            if key in self.recent:
                self.recent.move_to_end(key)
                return self.recent[key]
        counts = self.facet_counts(searcher, searcher.docs_for_query(query))
        with self.lock:
            self.recent[key] = counts
            if len(self.recent) > RECENT_QUERIES:
                self.recent.popitem(last=False)
        return counts

    def doc_order(self, searcher, *, by_date: bool, locked: bool = False) -> list[int]:
        """Every live document, in index order or newest first (`locked`: the caller holds
        the lock)."""
        key = "date" if by_date else "index"
        if not locked:
            with self.lock:
                return self.doc_order(searcher, by_date=by_date, locked=True)
        if key not in self.orders:
            reader = searcher.reader()
            docs = list(reader.all_doc_ids())
            if by_date:
                days = reader.column_reader("day")
                docs.sort(key=lambda n: -days[n])
            self.orders[key] = docs
        return self.orders[key]

    def all_counts(self, searcher) -> Counts:
        """How many quotes of the whole index fall under each facet value."""
        if self.counts is None:
            counts = self.facet_counts(searcher, self.doc_order(searcher, by_date=False))
            with self.lock:
                self.counts = counts
        return self.counts


_SHARED: dict[tuple[str, str], _Shared] = {}
_SHARED_LOCK = threading.Lock()


def lock_path(index_dir: Path) -> Path:
    """The lock file of an index folder, a hidden file beside it: writers hold it, and readers
    meeting a missing index while it exists are meeting a swap."""
    return index_dir.parent / f".{index_dir.name}.lock"


def open_index(index_dir: Path) -> QuoteIndex:
    """Open the index in `index_dir` for searching; raises IndexMissingError when it is missing
    or damaged. Cheap enough to call once per web request."""
    return QuoteIndex(index_dir)


class _Retired(IndexMissingError):
    """The build being read was swapped out and deleted: read again, from the new one."""


class _Generation(FileStorage):
    """One build of an index folder, held by its directory, not by its name.

    A rebuild renames the live folder away and the new one into its place, then deletes the
    old. Whoosh opens some files only when a search first needs them; found by name, they
    would come from the new build, whose segments differ. Every file here is opened relative
    to the directory this reader opened, so a search reads one build whole, and a file that
    is gone because the build was retired raises _Retired rather than looking absent.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), readonly=True)
        self.folder_path = folder
        try:
            self.fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except (FileNotFoundError, NotADirectoryError) as error:
            raise IndexMissingError(f"no index at {folder}; {RUN_INDEX}") from error

    def release(self) -> None:
        """Close the directory (Whoosh calls `close` on its storage when a reader closes)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def is_live(self) -> bool:
        """Whether this build is still the one at the folder's name."""
        try:
            named = os.stat(self.folder_path)
        except OSError:
            return False
        held = os.fstat(self.fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def _gone(self, name: str, error: OSError) -> None:
        if not self.is_live():
            raise _Retired(
                f"the index at {self.folder_path} was replaced while it was read "
                f"({name} is gone); try again"
            ) from error

    def _stat(self, name: str) -> os.stat_result:
        try:
            return os.stat(name, dir_fd=self.fd)
        except FileNotFoundError as error:
            self._gone(name, error)
            raise

    def read_bytes(self, name: str) -> bytes:
        with self.open_file(name) as handle:
            return handle.read()

    def open_file(self, name, **kwargs):
        try:
            fd = os.open(name, os.O_RDONLY, dir_fd=self.fd)
        except FileNotFoundError as error:
            self._gone(name, error)
            raise
        return StructFile(os.fdopen(fd, "rb"), name=name, **kwargs)

    def list(self):
        return os.listdir(self.fd)

    def file_exists(self, name) -> bool:
        try:
            self._stat(name)
        except FileNotFoundError:
            return False
        return True

    def file_length(self, name) -> int:
        return self._stat(name).st_size

    def file_modified(self, name) -> float:
        return self._stat(name).st_mtime


# How many times a reader opens the index again when a rebuild swaps it under it, and how long
# it waits between two tries while the folder is missing (between the two renames of a swap).
SWAP_TRIES = 8
SWAP_POLL = 0.05


def _one_generation(method):
    """Run `method` on one build; if that build is swapped out under it, open the new one and
    run it again there."""

    @functools.wraps(method)
    def run(self: QuoteIndex, *args, **kwargs):
        if self._calls:
            # Called by another method of the index: the outer call decides, for the whole
            # of it, and opens the new build only between two tries.
            return method(self, *args, **kwargs)
        for attempt in range(SWAP_TRIES):
            self._calls += 1
            try:
                return method(self, *args, **kwargs)
            except _Retired:
                if attempt == SWAP_TRIES - 1:
                    raise
            except QueryError:
                raise
            except Exception:
                # Anything else failing on a build that has been replaced is read again too.
                if attempt == SWAP_TRIES - 1 or self._generation.is_live():
                    raise
            finally:
                self._calls -= 1
            self._reopen()
        raise AssertionError("unreachable")

    return run


class QuoteIndex:
    """An open index: search quotes, fetch a quote, its group or article, and the speakers.

    It reads one build of the folder (one generation); when a rebuild retires that build
    during a call, the call runs again on the new one."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir)
        self._calls = 0
        self._closed = True
        self._open()

    def _open(self) -> None:
        # A rebuild swaps folders with two renames: a reader arriving between them, or one
        # whose build is deleted as it opens it, tries again on the new one.
        for attempt in range(SWAP_TRIES):
            try:
                self._open_once()
                return
            except IndexMissingError as error:
                last = attempt == SWAP_TRIES - 1
                if last or not (isinstance(error, _Retired) or lock_path(self.path).exists()):
                    raise
                if not isinstance(error, _Retired):
                    time.sleep(SWAP_POLL)

    def _open_once(self) -> None:
        generation = _Generation(self.path)
        try:
            self.meta = json.loads(generation.read_bytes(META_FILE))
            self._quotes = generation.open_index(QUOTES)
            self._searcher = self._quotes.searcher()
        except _Retired:
            generation.release()
            raise
        except FileNotFoundError as error:
            generation.release()
            raise IndexMissingError(f"no index at {self.path}; {RUN_INDEX}") from error
        except Exception as error:
            live = generation.is_live()
            generation.release()
            if not live:
                raise _Retired(f"the index at {self.path} was replaced while opened") from error
            raise IndexMissingError(
                f"the index at {self.path} is damaged ({type(error).__name__}); {RUN_INDEX} again"
            ) from error
        self._generation = generation
        self._closed = False
        self._articles = None
        self._parser = MultifieldParser(["text", "names"], self._searcher.schema)

    def _reopen(self) -> None:
        """Leave the retired build for the one now in the folder."""
        self.close()
        self._open()

    def close(self) -> None:
        """Release the index files (again: nothing)."""
        if self._closed:
            return
        self._closed = True
        self._searcher.close()
        if self._articles is not None:
            self._articles.close()
            self._articles = None
        self._generation.release()

    def __enter__(self) -> QuoteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    @_one_generation
    def speakers(self) -> SpeakerRegistry:
        """The speaker registry saved with the index (read once per process and build)."""
        return self._shared().speakers(self._generation)

    def _shared(self) -> _Shared:
        key = (str(self.path.resolve()), self.meta.get("build_id", ""))
        with _SHARED_LOCK:
            shared = _SHARED.get(key)
            if shared is None:
                # Only the latest build of a folder is kept.
                for old in [k for k in _SHARED if k[0] == key[0]]:
                    del _SHARED[old]
                shared = _SHARED[key] = _Shared(self.path)
            return shared

    @_one_generation
    def latest_dates(self) -> dict[str, date]:
        """The date of each speaker's latest dated quote, by speaker id."""
        days = self._shared().latest_days(self._searcher)
        return {speaker_id: date.fromordinal(day) for speaker_id, day in days.items()}

    def stats(self) -> dict:
        """What the index holds: articles, quotes, speakers and when it was built."""
        return {key: self.meta.get(key) for key in ("articles", "quotes", "speakers", "built_at")}

    @_one_generation
    def search(
        self,
        query: str,
        *,
        speaker_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        source: str | None = None,
        full_statements: bool = False,
        page: int = 1,
        per_page: int = 20,
        sort: str = "score",
    ) -> SearchPage:
        """Quotes matching `query` (words, "phrases", AND/OR/NOT; empty: every quote) and the
        filters (`full_statements`: no partial quotes, the few words quoted inside the author's
        sentence), best first or newest first; raises QueryError on a malformed query."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        page, per_page = max(1, page), max(1, per_page)
        parsed = self._parse(query)
        # Filters go into the query as terms: faster than a separate filter over a reused searcher.
        parts = [parsed] if parsed is not None else []
        if speaker_id:
            parts.append(wq.Term("speaker_id", speaker_id))
        if kind:
            parts.append(wq.Term("kind", kind))
        if source:
            parts.append(wq.Term("source", source))
        if full_statements:
            parts.append(wq.Not(wq.Term("kind", "partial")))
            if len(parts) == 1:
                parts.insert(0, wq.Every())
        q = wq.And(parts) if len(parts) > 1 else parts[0] if parts else wq.Every()
        # Dates filter on the day column kept per build: a date range as a query term costs
        # a second on 100,000 quotes.
        dated = since is not None or until is not None
        first = since.toordinal() if since else 1
        last = until.toordinal() if until else date.max.toordinal()
        sortedby = sorting.FieldFacet("day", reverse=True) if sort == "date" else None
        try:
            # Facets and total from the matching documents, unscored; then only the top hits
            # are scored, which lets Whoosh skip blocks that cannot reach them.
            shared = self._shared()
            allowed: set[int] | None = None
            if dated:
                allowed = shared.in_range(self._searcher, q if parts else None, first, last)
                counts = shared.facet_counts(self._searcher, allowed)
            elif parts:
                counts = shared.query_counts(self._searcher, q)
            else:
                counts = shared.all_counts(self._searcher)
            total = sum(counts["kind"].values())
            hits: list[Hit] = []
            if not parts:
                # Every quote: pages of an order kept per build, nothing to score.
                order = shared.doc_order(self._searcher, by_date=sort == "date")
                if allowed is not None:
                    order = [n for n in order if n in allowed]
                hits = [
                    self._hit(self._searcher.stored_fields(n), 1.0, set())
                    for n in order[(page - 1) * per_page : page * per_page]
                ]
            elif total > (page - 1) * per_page:
                results = self._searcher.search(
                    q, limit=page * per_page, sortedby=sortedby, filter=allowed
                )
                terms = {
                    text.decode("utf-8")
                    for name, text in q.existing_terms(self._searcher.reader(), expand=True)
                    if name == "text"
                }
                hits = [
                    self._hit(results[i], results.score(i), terms)
                    for i in range(
                        (page - 1) * per_page, min(results.scored_length(), page * per_page)
                    )
                ]
        except WHOOSH_QUERY_ERRORS as error:
            raise QueryError(f"the query {query!r} could not be run: {error}") from error
        return SearchPage(
            hits=hits,
            total=total,
            page=page,
            pages=max(1, math.ceil(total / per_page)),
            facets=self._facets(counts["speaker"]),
            suggestion=self.suggest(query) if total == 0 and parsed is not None else None,
            sources=_top(counts["source"]),
            kinds=[(k, counts["kind"][k]) for k in QUOTE_KINDS if counts["kind"][k]],
            months=sorted((m, n) for m, n in counts["month"].items() if m and n),
        )

    def iter_hits(
        self,
        query: str,
        *,
        speaker_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        source: str | None = None,
        full_statements: bool = False,
        sort: str = "score",
        limit: int | None = None,
    ) -> Iterator[Hit]:
        """Every hit of a search, in order, up to `limit` (None: all): what `search` finds,
        without the pages. Raises QueryError on a malformed query."""
        if limit is not None and limit < 1:
            return
        # One page size throughout, so that page n starts where page n - 1 ended.
        per_page = ITER_PAGE if limit is None else min(ITER_PAGE, limit)
        left = limit
        page = 1
        while True:
            found = self.search(
                query,
                speaker_id=speaker_id,
                since=since,
                until=until,
                kind=kind,
                source=source,
                full_statements=full_statements,
                sort=sort,
                page=page,
                per_page=per_page,
            )
            hits = found.hits if left is None else found.hits[:left]
            yield from hits
            if left is not None:
                left -= len(hits)
                if left <= 0:
                    return
            if not found.hits or page >= found.pages:
                return
            page += 1

    def _parse(self, query: str) -> wq.Query | None:
        """The Whoosh query for a user's query string, None when it is empty."""
        query = query.strip()
        if not query:
            return None
        if query.count('"') % 2:
            raise QueryError(f'the query {query!r} has an unclosed " quote mark; close the phrase')
        depth = 0
        for char in query:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                break
        if depth:
            raise QueryError(f"the query {query!r} has unbalanced parentheses")
        for name in re.findall(FIELD_PATTERN, query):
            if name.lower() in FILTER_FIELDS:
                raise QueryError(
                    f"the query {query!r} asks for « {name}: », which the search box does not "
                    "take: search for words, and choose a speaker with the Speaker filter "
                    "(who= on the web, --speaker on the command line) and dates with From and "
                    "To (since= and until=, --since and --until)"
                )
        try:
            return self._parser.parse(query)
        # Whoosh's parser fails on some input with plain Exception (« day:3 », a field with
        # nothing to search), IndexError or AssertionError (« kind: date: NOT AND : »): any
        # failure of this one call means that the query cannot be read.
        except Exception as error:
            raise QueryError(f"the query {query!r} could not be read: {error}") from error

    @_one_generation
    def suggest(self, query: str) -> str | None:
        """The query with each word unknown to the index replaced by the closest known word."""
        corrector = self._searcher.corrector("spelling")
        reader = self._searcher.reader()
        changed = False

        def fix(match: re.Match) -> str:
            nonlocal changed
            word = match.group(0)
            tokens = [t.text for t in SPELLING_ANALYZER(word)]
            if word in QUERY_OPERATORS or len(tokens) != 1:
                return word
            if reader.doc_frequency("spelling", tokens[0]):
                return word
            found = corrector.suggest(
                tokens[0], limit=1, maxdist=SPELLING_MAX_EDITS, prefix=SPELLING_PREFIX
            )
            if not found:
                return word
            changed = True
            return found[0]

        fixed = re.sub(WORD_PATTERN, fix, query)
        return fixed if changed else None

    @_one_generation
    def quote(self, quote_id: str) -> Hit | None:
        """The quote with this id, or None."""
        docnum = self._searcher.document_number(quote_id=quote_id)
        if docnum is None:
            return None
        return self._hit(self._searcher.stored_fields(docnum), 0.0, set())

    @_one_generation
    def group(self, group_id: str) -> list[Hit]:
        """Every quote of a group of near-duplicates, oldest article first."""
        results = self._searcher.search(wq.Term("group_id", group_id), limit=None)
        hits = [self._hit(r.fields(), 0.0, set()) for r in results]
        return sorted(hits, key=lambda h: (h.date or date.max, h.quote_id))

    @_one_generation
    def article(self, doc_id: str) -> Article | None:
        """The full article `doc_id` as it was indexed, or None."""
        fields = self._article_searcher().document(doc_id=doc_id)
        return _stored_analysis(fields).article if fields else None

    def analyses(self) -> Iterator[Analysis]:
        """Every article's analysis as it was indexed, for incremental updates."""
        for fields in self._article_searcher().all_stored_fields():
            yield _stored_analysis(fields)

    def _article_searcher(self):
        if self._articles is None:
            try:
                ix = self._generation.open_index(ARTICLES)
            except _Retired:
                raise
            except Exception as error:
                raise IndexMissingError(
                    f"the articles of the index at {self.path} are missing; {RUN_INDEX} again"
                ) from error
            self._articles = ix.searcher()
        return self._articles

    def _facets(self, counts: dict) -> list[tuple[str, str, int]]:
        registry = self.speakers
        facets = []
        for speaker_id, count in counts.items():
            speaker = registry.get(speaker_id) if speaker_id else None
            if speaker is not None:
                facets.append((speaker_id, speaker.name, count))
        facets.sort(key=lambda f: (-f[2], f[1]))
        return facets[:FACET_LIMIT]

    def _hit(self, fields: dict, score: float, terms: set[str]) -> Hit:
        when = fields.get("date")
        speaker_id = fields.get("speaker_id")
        speaker = self.speakers.get(speaker_id) if speaker_id else None
        return Hit(
            quote_id=fields["quote_id"],
            text=fields["text"],
            kind=fields["kind"],
            cue=fields["cue"],
            confidence=fields["confidence"],
            mention=fields.get("mention"),
            speaker=fields.get("speaker"),
            speaker_id=fields.get("speaker_id"),
            doc_id=fields["doc_id"],
            title=fields.get("title"),
            url=fields.get("url"),
            source=fields.get("source"),
            date=when.date() if isinstance(when, datetime) else None,
            context=fields.get("context") or "",
            group_id=fields["group_id"],
            score=float(score or 0.0),
            start=fields["start"],
            end=fields["end"],
            matches=match_spans(fields["text"], terms),
            speaker_note=speaker.description if speaker else "",
        )


def _column_values(reader, name: str, default: object) -> list:
    """The value of column `name` for every document number of `reader`, `default` where a
    segment has no such column (none of its documents has the field, or it was written before
    the field became a column)."""
    values = [default] * reader.doc_count_all()
    for leaf, offset in reader.leaf_readers():
        if leaf.has_column(name):
            for n, value in enumerate(leaf.column_reader(name)):
                values[offset + n] = value
    return values


def _top(counts: Counter) -> list[tuple[str, int]]:
    """The FACET_LIMIT values counted most, most first, then by name; "" (none) left out."""
    found = sorted(((v, n) for v, n in counts.items() if v and n), key=lambda f: (-f[1], f[0]))
    return found[:FACET_LIMIT]


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def match_spans(text: str, terms: set[str]) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets in `text` of each word whose index term is in `terms`."""
    if not terms:
        return ()
    return tuple(
        (token.startchar, token.endchar)
        for token in TEXT_ANALYZER(text, chars=True, mode="index")
        if token.text in terms
    )


def _stored_analysis(fields: dict) -> Analysis:
    return Analysis.from_dict(json.loads(fields["analysis"]))
