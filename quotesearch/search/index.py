"""The quote index on disk: a Whoosh schema analysed for French, writing it, and searching it.

This is the only module that imports whoosh. An index folder holds two Whoosh indexes — the
quotes (searched) and the articles with their analyses (kept so that `--add` never re-parses
old articles) — plus `speakers.json` (the speaker registry) and `meta.json`, written last, whose
presence marks a finished index.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
import os
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as record_fields
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
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
from whoosh.qparser import MultifieldParser, QueryParserError, syntax
from whoosh.qparser.plugins import PhrasePlugin, Plugin
from whoosh.support.charset import accent_map

from quotesearch.errors import IndexMissingError, QueryError
from quotesearch.lang import fr
from quotesearch.records import QUOTE_KINDS, SORTS, Analysis, Article, Quote
from quotesearch.speakers.registry import SpeakerRegistry

# The version of the index layout; an index of an older one is rebuilt, not misread.
INDEX_VERSION = 2
# Speaker names weigh this much against the quote's own words: a quote that holds the words
# ranks above one found only through its speaker's name.
NAME_BOOST = 0.001

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
# Queries whose facet counts an open build keeps (a newsroom asks a few thousand searches a
# day, many of them again).
RECENT_QUERIES = 2048
# Writer memory, in MB, per indexing pass.
WRITER_LIMIT_MB = 256
# Quotes whose matched words a process keeps marked (analysing a quote again costs more).
MATCHES_KEPT = 50_000
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
# Exact words, for phrases between quotation marks: folded for case and accents, apostrophes
# splitting words (« qu’il » and « qu'il » both read « qu il »), nothing dropped, nothing stemmed.
EXACT_ANALYZER = RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)
# Names are folded but not stemmed: « Corée » and « coree », « Choe Song-hee » and « song hee ».
NAME_ANALYZER = _base() | CharsetFilter(accent_map)
# Whole lowercase words with their accents, for « did you mean ».
SPELLING_ANALYZER = _base() | StopFilter((), minsize=SPELLING_MIN_CHARS)


def analyse_text(text: str) -> list[str]:
    """The terms the index keeps for a quote's text (folded, elisions dropped, stemmed)."""
    return [token.text for token in TEXT_ANALYZER(text)]


def exact_words(text: str) -> list[str]:
    """The words the exact-phrase field keeps for `text`, in order."""
    return [token.text for token in EXACT_ANALYZER(text)]


def quote_schema() -> Schema:
    """The fields of one quote: searchable text and names, filters, sort keys, stored metadata."""
    return Schema(
        quote_id=ID(stored=True, unique=True),
        # Free words search the stemmed text; phrases search the exact words, which alone keep
        # their positions.
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=False),
        exact=TEXT(analyzer=EXACT_ANALYZER, phrase=True),
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
        group_id=ID(stored=True, sortable=True),
        # The attribution's confidence as a column: a search can leave out uncertain fragments.
        sureness=COLUMN(NumericColumn("f", default=1.0)),
        start=STORED,
        end=STORED,
    )


def article_schema() -> Schema:
    """The fields of one article: its id, content hash and analysis as JSON."""
    return Schema(doc_id=ID(stored=True, unique=True), hash=STORED, analysis=STORED)


# --- reading a query ---------------------------------------------------------------------------


class ExactPhraseNode(PhrasePlugin.PhraseNode):
    """A phrase between quotation marks: the quote's exact words in that order, and nothing
    in the speaker's names."""

    def query(self, parser):
        fieldname = self.fieldname or parser.fieldname
        if fieldname == "names":
            return wq.NullQuery
        if fieldname == "text":
            node = ExactPhraseNode(self.text, self.textstartchar, slop=self.slop)
            node.set_range(self.startchar, self.endchar)
            node.set_boost(self.boost)
            node.set_fieldname("exact")
            return node.query(parser)
        return super().query(parser)


class ExactPhrasePlugin(PhrasePlugin):
    """Phrases between quotation marks search the quote's exact words, and only them."""

    class PhraseTagger(PhrasePlugin.PhraseTagger):
        def create(self, parser, match):
            slop = match.group("slop")
            return ExactPhraseNode(match.group("text"), match.start("text"), int(slop or 1))


class ShortWordPlugin(Plugin):
    """A free word the French analysis drops (« pas », « qu'il ») searches the exact words
    instead of vanishing from the query."""

    def filters(self, parser):
        # Before the multifield plugin (priority 110) copies each word to every field.
        return [(self.exact_short_words, 105)]

    def exact_short_words(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.exact_short_words(parser, node)
            elif (
                isinstance(node, syntax.WordNode)
                and node.fieldname is None
                and exact_words(node.text)
                and not analyse_text(node.text)
            ):
                # « qu'il » is two exact words, in that order.
                phrase = ExactPhraseNode(node.text, node.startchar or 0)
                phrase.set_range(node.startchar, node.endchar)
                phrase.set_boost(node.boost)
                phrase.set_fieldname("exact")
                group[i] = phrase
        return group


def query_parser(schema: Schema) -> MultifieldParser:
    """The parser of the search box: free words in the stemmed text and the speaker's names
    (weighed far less), phrases in the exact words."""
    parser = MultifieldParser(["text", "names"], schema, fieldboosts={"names": NAME_BOOST})
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(ExactPhrasePlugin())
    parser.add_plugin(ShortWordPlugin())
    return parser


def _exact_runs(q: wq.Query) -> list[tuple[str, ...]]:
    """The runs of exact words a query asks for (phrases, and dropped words searched exactly),
    outside any NOT."""
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.Phrase) and q.fieldname == "exact":
        return [tuple(q.words)]
    if isinstance(q, wq.Term) and q.fieldname == "exact":
        return [(q.text,)]
    runs = []
    for child in q.children():
        runs += _exact_runs(child)
    return runs


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
        "exact": quote.text,
        "names": names,
        "speaker": speaker.name if speaker else quote.speaker,
        "kind": quote.kind,
        "cue": quote.cue,
        "confidence": float(quote.confidence),
        "sureness": float(quote.confidence),
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
        "version": INDEX_VERSION,
        "build_id": f"{time.time_ns():x}",
        "built_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "articles": articles,
        "quotes": quotes,
        "speakers": len(registry),
    }
    (folder / META_FILE).write_text(json.dumps(meta))


def index_version(folder: Path) -> int:
    """The layout version of the finished index in `folder` (1 for indexes before versions)."""
    try:
        return int(json.loads((folder / META_FILE).read_text()).get("version", 1))
    except (OSError, ValueError):
        return 1


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
    # Where the query's words were found: « quote » (its text), « speaker » (only in the
    # speaker's names; `speaker_matches` marks them in `speaker`), "" when nothing was asked.
    found_in: str = ""
    speaker_matches: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        """The hit as JSON-ready data, its date written YYYY-MM-DD, its matches [start, end]."""
        data = {item.name: getattr(self, item.name) for item in record_fields(self)}
        data["date"] = self.date.isoformat() if self.date else None
        data["matches"] = [list(span) for span in self.matches]
        data["speaker_matches"] = [list(span) for span in self.speaker_matches]
        return data


@dataclass(frozen=True)
class _Found:
    """What a query looks for, to mark where a hit matched: the stemmed terms of the quote,
    the runs of exact words, and the terms of the speaker's names."""

    terms: frozenset[str] = frozenset()
    runs: tuple[tuple[str, ...], ...] = ()
    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, q: wq.Query, reader) -> _Found:
        terms: dict[str, set[str]] = {"text": set(), "names": set()}
        # Leaf by leaf: Whoosh's existing_terms on a tree keeps the terms of the first field
        # it meets only.
        for leaf in q.leaves():
            for name, text in leaf.existing_terms(reader, expand=True):
                if name in terms:
                    terms[name].add(text.decode("utf-8"))
        return cls(frozenset(terms["text"]), tuple(_exact_runs(q)), frozenset(terms["names"]))


@dataclass(frozen=True)
class IndexSummary:
    """What an index holds, as a first screen says it: articles, quotes, the sources most
    quoted (name, quotes) and the first and last days of publication."""

    articles: int
    quotes: int
    sources: list[tuple[str, int]]
    first: date | None
    last: date | None


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
    # How many statements the matching quotes report (near-duplicates counted once).
    statements: int = 0


# Quotes matching a search, counted by facet name (speaker, source, kind, month) and value,
# and the statements they report (« statements », one key "").
Counts = dict[str, Counter]
# The documents a search may return: from day, to day (ordinals), and the confidence under
# which a fragment is left out (None: none is).
Window = tuple[int, int, float | None]
FULL_WINDOW: Window = (1, date.max.toordinal(), None)


class _Shared:
    """What every open of one build can share, read once per process: the speaker registry,
    the speaker of each document and the speaker counts of the whole index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.registry: SpeakerRegistry | None = None
        self.columns: dict[str, list] = {}
        # Facet counts and document sets of recent queries: a build never changes, and the
        # next page, an export or a facet click asks the same query again.
        self.recent: OrderedDict[tuple, object] = OrderedDict()
        self.orders: dict[str, list[int]] = {}
        self.days: list[int] | None = None
        self.sizes: Counter | None = None
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
        """How many of the documents `docs` fall under each value of each facet, and under
        « statements » (one key, "") how many statements (groups) they report."""
        docs = list(docs)
        columns = {
            facet: self.column(searcher, name)
            for facet, name in (*FACET_COLUMNS.items(), ("month", "month"))
        }
        counts = {facet: Counter(column[n] for n in docs) for facet, column in columns.items()}
        groups = self.column(searcher, "group_id")
        counts["statements"] = Counter({"": len({groups[n] for n in docs})})
        return counts

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

    def group_sizes(self, searcher) -> Counter:
        """How many quotes each statement (group id) has."""
        groups = self.column(searcher, "group_id")
        with self.lock:
            if self.sizes is None:
                live = self.doc_order(searcher, by_date=False, locked=True)
                self.sizes = Counter(groups[n] for n in live)
            return self.sizes

    def _remember(self, key: tuple, make: Callable[[], object]) -> object:
        """The value kept under `key`, made by `make()` the first time; the least recently
        used values are forgotten past RECENT_QUERIES."""
        with self.lock:
            if key in self.recent:
                self.recent.move_to_end(key)
                return self.recent[key]
        value = make()
        with self.lock:
            self.recent[key] = value
            if len(self.recent) > RECENT_QUERIES:
                self.recent.popitem(last=False)
        return value

    def within(self, searcher, docs: Iterable[int], window: Window, one_each: bool) -> list[int]:
        """The documents of `docs` published within the window's days, less the fragments
        less sure than its threshold; with `one_each`, the first of each statement only."""
        first, last, sure = window
        days = self.day_column(searcher)
        dated = first > 1 or last < date.max.toordinal()
        if dated:
            docs = (n for n in docs if max(first, 1) <= days[n] <= last)
        if sure is not None:
            masked = self.unsure(searcher, sure)
            docs = (n for n in docs if n not in masked)
        if one_each:
            groups, seen = self.column(searcher, "group_id"), set()
            docs = (n for n in docs if not (groups[n] in seen or seen.add(groups[n])))
        return list(docs)

    def ordered(self, searcher, *, by_date: bool, window: Window, one_each: bool) -> list[int]:
        """Every document within `window`, in index order or newest first, kept per window."""
        order = self.doc_order(searcher, by_date=by_date)
        if window == FULL_WINDOW and not one_each:
            return order
        key = ("order", by_date, window, one_each)
        return self._remember(key, lambda: self.within(searcher, order, window, one_each))

    def unsure(self, searcher, threshold: float) -> set[int]:
        """The partial quotes attributed with a confidence below `threshold` (kept: never to
        be changed)."""
        kinds = self.column(searcher, "kind")

        def make() -> set[int]:
            sureness = _column_values(searcher.reader(), "sureness", 1.0)
            live = self.doc_order(searcher, by_date=False)
            return {n for n in live if kinds[n] == "partial" and sureness[n] < threshold}

        return self._remember(("unsure", threshold), make)

    def bounds(self, searcher, window: Window) -> tuple[set[int] | None, set[int] | None]:
        """The documents a search may return (None: any) and those it may not (None: none)
        within `window`."""
        first, last, sure = window
        allowed = None
        if (first, last) != FULL_WINDOW[:2]:
            allowed = self._remember(
                ("days", first, last),
                lambda: set(
                    self.within(
                        searcher,
                        self.doc_order(searcher, by_date=False),
                        (first, last, None),
                        False,
                    )
                ),
            )
        return allowed, (self.unsure(searcher, sure) if sure is not None else None)

    def counts(
        self, searcher, query: wq.Query | None, window: Window, kinds: set[str] | None
    ) -> Counts:
        """How many quotes `query` (None: every quote) matches within `window`, of the `kinds`
        given (None: any), under each facet value (unscored)."""
        key = ("counts", repr(query), window, None if kinds is None else tuple(sorted(kinds)))

        def make() -> Counts:
            if query is None:
                docs = self.ordered(searcher, by_date=False, window=window, one_each=False)
            else:
                docs = self.within(searcher, searcher.docs_for_query(query), window, False)
            if kinds is not None:
                column = self.column(searcher, "kind")
                docs = [n for n in docs if column[n] in kinds]
            return self.facet_counts(searcher, docs)

        return self._remember(key, make)

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
        # The schema the open searcher read: the index object would read the TOC again, from
        # a build that may be retired by now.
        self._parser = query_parser(self._searcher.schema)
        self._key = (str(self.path.resolve()), self.meta.get("build_id", ""))

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
        key = self._key
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
        sure_fragments: float | None = None,
        one_per_statement: bool = False,
        page: int = 1,
        per_page: int = 20,
        sort: str = "score",
    ) -> SearchPage:
        """Quotes matching `query` (words, "phrases", AND/OR/NOT; empty: every quote) and the
        filters, best first or newest first; raises QueryError on a malformed query.

        `full_statements` leaves out partial quotes (the few words quoted inside the author's
        sentence); `sure_fragments` leaves out the partial quotes whose attribution is less
        sure than it; `one_per_statement` shows one hit per statement reported by several
        articles, and counts statements. `kinds` counts the matches of each kind whatever
        the kind asked, for the tabs that switch between them.
        """
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if "exact" not in self._searcher.schema:
            raise IndexMissingError(
                f"the index at {self.path} was built by an older version; {RUN_INDEX} again"
            )
        page, per_page = max(1, page), max(1, per_page)
        parsed = self._parse(query)
        # Filters go into the query as terms: faster than a separate filter over a reused searcher.
        parts = [parsed] if parsed is not None else []
        if speaker_id:
            parts.append(wq.Term("speaker_id", speaker_id))
        if source:
            parts.append(wq.Term("source", source))
        base = wq.And(parts) if len(parts) > 1 else parts[0] if parts else None
        kinds = set(QUOTE_KINDS) if kind is None else {kind}
        if kind:
            parts.append(wq.Term("kind", kind))
        if full_statements:
            kinds.discard("partial")
            parts.append(wq.Not(wq.Term("kind", "partial")))
            if len(parts) == 1:
                parts.insert(0, wq.Every())
        kinds = None if kinds == set(QUOTE_KINDS) else kinds
        q = wq.And(parts) if len(parts) > 1 else parts[0] if parts else wq.Every()
        # Dates filter on the day column kept per build: a date range as a query term costs
        # a second on 100,000 quotes.
        first = since.toordinal() if since else 1
        last = until.toordinal() if until else date.max.toordinal()
        window = (first, last, sure_fragments)
        try:
            # Facets and total from the matching documents, unscored; then only the top hits
            # are scored, which lets Whoosh skip blocks that cannot reach them.
            shared = self._shared()
            every = shared.counts(self._searcher, base, window, None)
            counts = every if kinds is None else shared.counts(self._searcher, base, window, kinds)
            total = sum(counts["kind"].values())
            statements = counts["statements"][""]
            shown = statements if one_per_statement else total
            hits: list[Hit] = []
            if not parts:
                # Every quote: pages of an order kept per build, nothing to score.
                order = shared.ordered(
                    self._searcher,
                    by_date=sort == "date",
                    window=window,
                    one_each=one_per_statement,
                )
                hits = [
                    self._hit(self._searcher.stored_fields(n), 1.0, None)
                    for n in order[(page - 1) * per_page : page * per_page]
                ]
            elif shown > (page - 1) * per_page:
                found = _Found.of(q, self._searcher.reader())
                ranked = self._ranked(
                    q,
                    window,
                    by_date=sort == "date",
                    one_each=one_per_statement,
                    limit=page * per_page,
                )
                hits = [
                    self._hit(self._searcher.stored_fields(n), score, found)
                    for n, score in ranked[(page - 1) * per_page : page * per_page]
                ]
        except WHOOSH_QUERY_ERRORS as error:
            raise QueryError(f"the query {query!r} could not be run: {error}") from error
        return SearchPage(
            hits=hits,
            total=total,
            page=page,
            pages=max(1, math.ceil(shown / per_page)),
            facets=self._facets(counts["speaker"]),
            suggestion=self.suggest(query) if total == 0 and parsed is not None else None,
            sources=_top(counts["source"]),
            kinds=[(k, every["kind"][k]) for k in QUOTE_KINDS if every["kind"][k]],
            months=sorted((m, n) for m, n in counts["month"].items() if m and n),
            statements=statements,
        )

    def _ranked(
        self, q: wq.Query, window: Window, *, by_date: bool, one_each: bool, limit: int
    ) -> list[tuple[int, float]]:
        """The first `limit` documents matching `q` within `window` (document number, score),
        best first or newest first, one per statement with `one_each`.

        Newest first needs no scores: the matching documents are ordered by the day column the
        build keeps. Best first lets Whoosh score the top only; statements are then kept once
        each, asking Whoosh for more while repeats leave the page short."""
        shared = self._shared()
        groups = shared.column(self._searcher, "group_id") if one_each else None
        if by_date:
            days = shared.day_column(self._searcher)
            docs = shared.within(self._searcher, self._searcher.docs_for_query(q), window, False)
            newest = lambda n: (-days[n], n)  # noqa: E731
            # The newest few first: a page seldom needs more than twice its size.
            ordered = _first_each(heapq.nsmallest(2 * limit, docs, key=newest), groups)
            if len(ordered) < limit < len(docs):
                ordered = _first_each(sorted(docs, key=newest), groups)
            return [(n, 1.0) for n in ordered[:limit]]
        allowed, masked = shared.bounds(self._searcher, window)
        asked = limit
        while True:
            results = self._searcher.search(q, limit=asked, filter=allowed, mask=masked)
            scored = [(results.docnum(i), results.score(i)) for i in range(results.scored_length())]
            first = set(_first_each([n for n, _ in scored], groups))
            kept = [(n, score) for n, score in scored if n in first]
            if len(kept) >= limit or results.scored_length() < asked:
                return kept[:limit]
            asked *= 2

    def summary(self) -> IndexSummary:
        """What the index holds, for a first screen: articles, quotes, sources and dates."""
        counts = self._shared().counts(self._searcher, None, FULL_WINDOW, None)
        months = sorted(m for m, n in counts["month"].items() if m and n)
        days = [d for d in self._shared().day_column(self._searcher) if d]
        return IndexSummary(
            articles=int(self.meta.get("articles") or 0),
            quotes=sum(counts["kind"].values()),
            sources=_top(counts["source"]),
            first=date.fromordinal(min(days)) if days and months else None,
            last=date.fromordinal(max(days)) if days and months else None,
        )

    def statement_size(self, group_id: str) -> int:
        """How many quotes report the statement `group_id` (1 for a statement of one article)."""
        return max(1, self._shared().group_sizes(self._searcher).get(group_id, 1))

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
        sure_fragments: float | None = None,
        one_per_statement: bool = False,
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
                sure_fragments=sure_fragments,
                one_per_statement=one_per_statement,
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
            # Kept per build: the same searches come again (the next page, a facet click).
            return self._shared()._remember(("parse", query), lambda: self._parser.parse(query))
        # Whoosh's parser fails on some input with plain Exception (« day:3 », a field with
        # nothing to search), IndexError or AssertionError (« kind: date: NOT AND : »): any
        # failure of this one call means that the query cannot be read.
        except Exception as error:
            raise QueryError(f"the query {query!r} could not be read: {error}") from error

    @_one_generation
    def suggest(self, query: str) -> str | None:
        """The query with each word unknown to the index replaced by the closest known word,
        when that finds something (kept per build: a spelling search is slow)."""
        return self._shared()._remember(("suggest", query), lambda: self._suggestion(query))

    def _suggestion(self, query: str) -> str | None:
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
        if not changed:
            return None
        # A correction is proposed only when it finds something: a phrase whose words are all
        # known may still be written nowhere in that order.
        try:
            corrected = self._parse(fixed)
            found = corrected is not None and any(
                True for _ in self._searcher.docs_for_query(corrected)
            )
        except (QueryError, *WHOOSH_QUERY_ERRORS):
            return None
        return fixed if found else None

    @_one_generation
    def quote(self, quote_id: str) -> Hit | None:
        """The quote with this id, or None."""
        docnum = self._searcher.document_number(quote_id=quote_id)
        if docnum is None:
            return None
        return self._hit(self._searcher.stored_fields(docnum), 0.0, None)

    @_one_generation
    def group(self, group_id: str) -> list[Hit]:
        """Every quote of a group of near-duplicates, oldest article first."""
        results = self._searcher.search(wq.Term("group_id", group_id), limit=None)
        hits = [self._hit(r.fields(), 0.0, None) for r in results]
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

    def _hit(self, fields: dict, score: float, found: _Found | None) -> Hit:
        when = fields.get("date")
        speaker_id = fields.get("speaker_id")
        speaker = self.speakers.get(speaker_id) if speaker_id else None
        found_in, matches, speaker_matches = "", (), ()
        if found is not None:
            matches = match_spans(fields["text"], found.terms, found.runs)
            if matches:
                found_in = "quote"
            else:
                speaker_matches = name_spans(fields.get("speaker") or "", found.names)
                found_in = "speaker" if found.names else ""
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
            matches=matches,
            speaker_note=speaker.description if speaker else "",
            found_in=found_in,
            speaker_matches=speaker_matches,
        )


def _first_each(docs: list[int], groups: list | None) -> list[int]:
    """`docs` in order, only the first of each group (`groups`: the group of each document;
    None: every document)."""
    if groups is None:
        return docs
    seen: set = set()
    return [n for n in docs if not (groups[n] in seen or seen.add(groups[n]))]


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


def match_spans(
    text: str, terms: Iterable[str], runs: Iterable[Sequence[str]] = ()
) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets in `text` of each word whose index term is in `terms`, and of
    each run of exact words in `runs` (a phrase: from its first word to its last), in order."""
    return _match_spans(text, frozenset(terms), tuple(tuple(run) for run in runs if run))


@lru_cache(maxsize=MATCHES_KEPT)
def _match_spans(
    text: str, terms: frozenset[str], runs: tuple[tuple[str, ...], ...]
) -> tuple[tuple[int, int], ...]:
    spans: set[tuple[int, int]] = set()
    if terms:
        spans.update(
            (token.startchar, token.endchar)
            for token in TEXT_ANALYZER(text, chars=True, mode="index")
            if token.text in terms
        )
    if runs:
        words = [(t.text, t.startchar, t.endchar) for t in EXACT_ANALYZER(text, chars=True)]
        texts = [word for word, _, _ in words]
        for run in runs:
            for i in range(len(words) - len(run) + 1):
                if tuple(texts[i : i + len(run)]) == run:
                    spans.add((words[i][1], words[i + len(run) - 1][2]))
    return _disjoint(sorted(spans))


def name_spans(name: str, terms: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets in a speaker's `name` of each word whose term is in `terms`."""
    terms = set(terms)
    if not terms:
        return ()
    return tuple(
        (token.startchar, token.endchar)
        for token in NAME_ANALYZER(name, chars=True, mode="index")
        if token.text in terms
    )


def _disjoint(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with those overlapping joined into one."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def _stored_analysis(fields: dict) -> Analysis:
    return Analysis.from_dict(json.loads(fields["analysis"]))
