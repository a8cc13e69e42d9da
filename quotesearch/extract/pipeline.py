"""From article text to attributed quotes: the parse, then quote finding and attribution.

The spaCy pipeline is loaded once and run with `nlp.pipe` over paragraphs in batches (in two
processes for large inputs). Each article comes back as an `Analysis`: its quotes, with
speakers, and the people it names.
"""

from __future__ import annotations

import bisect
import math
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import chain, groupby

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotesearch.errors import ArticleError
from quotesearch.extract.attribution import attribute, inner_incises
from quotesearch.extract.indirect import attribute_indirect
from quotesearch.extract.mentions import read_cast
from quotesearch.extract.quotes import QuoteSpan, find_quotes
from quotesearch.extract.reference import Context
from quotesearch.lang import fr
from quotesearch.processes import end_with_parent
from quotesearch.records import Analysis, Article

# Paragraphs longer than this are cut at sentence ends before parsing, to bound memory.
MAX_CHUNK_CHARS = 20_000
# Articles read from the input at a time.
BLOCK_ARTICLES = 200
# Below this many characters in the first block, a second process costs more than it saves:
# forking it and sending the analyses back take a few tenths of a second, and the parse of
# 50,000 characters (8,000 words, 15 news articles) takes about 2.5 s on one core.
MULTIPROCESS_MIN_CHARS = 50_000
_NLP_LOCK = threading.Lock()
_FURNITURE = re.compile("|".join(fr.FURNITURE_PATTERNS), re.IGNORECASE)


def load_nlp() -> Language:
    """The French pipeline, loaded once per process (a Dask worker may ask from several threads
    at once). Every component is used: morphology for gender, the parser for cues, the
    lemmatizer for verb lemmas and NER for names."""
    with _NLP_LOCK:
        return _load_nlp()


@lru_cache(maxsize=1)
def _load_nlp() -> Language:
    import spacy

    nlp = spacy.load(fr.MODEL)
    nlp.max_length = MAX_CHUNK_CHARS * 2
    _split_elision_from_marks(nlp)
    nlp.add_pipe("quotesearch_sentence_guard", before="parser")
    return nlp


def _split_elision_from_marks(nlp: Language) -> None:
    """« qualifié d'"inadmissibles" », « l'« union » »: an elided word before a quotation
    mark is a token of its own, so the quoted word is one too. The tokenizer otherwise glues
    them (d'"inadmissibles) or cuts the apostrophe off (l ' «)."""
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    marks = '«"“'
    infixes = [*nlp.Defaults.infixes, rf"(?<=[^\W\d_]['’])[{marks}](?=\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for word in fr.ELIDED_WORDS:
        for form in (word, word.capitalize()):
            for apostrophe in "'’":
                for mark in marks:
                    written = f"{form}{apostrophe}"
                    nlp.tokenizer.add_special_case(written + mark, [{ORTH: written}, {ORTH: mark}])


# Tokens a sentence never opens on, whatever came before.
_NEVER_OPENS = frozenset(",;:)]»”")
# Marks that open a quotation: the sentence starts with them, not after them.
_OPENING_MARKS = frozenset("«“")


@Language.component("quotesearch_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Forbid the parser sentence breaks that written text never has: right after a word or a
    number with no punctuation between (« La directrice Claire | Lenoir a dit »), before a
    comma (« … sur Google Search | , a affirmé X ») or right after an opening quotation mark.
    A break in the middle of a name or before an incise loses the subject of the reporting
    verb."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.is_alpha or before.like_num or tok.text in _NEVER_OPENS:
            tok.is_sent_start = False
        elif before.text in _OPENING_MARKS:
            tok.is_sent_start = False  # « | Je vous réponds »: the mark opens the sentence
    return doc


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, text) of each paragraph worth parsing: no blank lines, no page furniture,
    and long paragraphs cut at sentence ends."""
    for match in re.finditer(r"[^\n]+", text):
        para = match.group()
        if not para.strip() or _FURNITURE.search(para):
            continue
        start = match.start()
        while len(para) > MAX_CHUNK_CHARS:
            cut = para.rfind(". ", 0, MAX_CHUNK_CHARS) + 2
            if cut <= 1:
                cut = para.rfind(" ", 0, MAX_CHUNK_CHARS) + 1 or MAX_CHUNK_CHARS
            yield start, para[:cut]
            start, para = start + cut, para[cut:]
        yield start, para


def analyse(
    text: str,
    *,
    doc_id: str = "text",
    title: str | None = None,
    indirect: bool = True,
    time_limit: float | None = None,
) -> Analysis:
    """Find and attribute the quotes of one text; raises ArticleError when the analysis runs
    past `time_limit` seconds."""
    article = Article(id=doc_id, text=text, title=title)
    found = analyse_articles([article], n_process=1, indirect=indirect, time_limit=time_limit)
    return next(found)


def analyse_articles(
    articles: Iterable[Article],
    *,
    n_process: int | None = None,
    batch_size: int = 64,
    indirect: bool = True,
    on_error: Callable[[ArticleError], None] | None = None,
    cluster: str | None = None,
    block_size: int = BLOCK_ARTICLES,
    time_limit: float | None = None,
) -> Iterator[Analysis]:
    """Analyse articles in input order, parsing their paragraphs in batches with `nlp.pipe`.

    `n_process=None` picks two processes when the input is long enough to repay the second
    one and the machine has the cores, one otherwise. With several processes each one parses
    and attributes whole blocks of articles, so attribution runs on every core, not beside
    the parse. `cluster` runs the blocks on a Dask cluster instead (a scheduler address, or
    "local" / "local:N"; see `quotesearch.extract.cluster`). An article whose analysis fails is
    reported to `on_error` and skipped, so one bad article never stops a batch (without
    `on_error`, the error is raised). An article whose analysis runs past `time_limit`
    seconds (not on a cluster) is stopped and reported so.
    """
    blocks = iter_blocks(articles, block_size)
    for outcomes in analyse_blocks(
        blocks,
        n_process=n_process,
        batch_size=batch_size,
        indirect=indirect,
        cluster=cluster,
        time_limit=time_limit,
    ):
        for outcome in outcomes:
            if isinstance(outcome, ArticleError):
                if on_error is None:
                    raise outcome
                on_error(outcome)
            else:
                yield outcome


def iter_blocks(articles: Iterable[Article], size: int = BLOCK_ARTICLES) -> Iterator[list[Article]]:
    """The articles in consecutive blocks of `size`, so a huge input never sits in memory."""
    pending = iter(articles)
    return iter(lambda: _take(pending, size), [])


def analyse_blocks(
    blocks: Iterable[list[Article]],
    *,
    n_process: int | None = None,
    batch_size: int = 64,
    indirect: bool = True,
    cluster: str | None = None,
    time_limit: float | None = None,
) -> Iterator[list[Analysis | ArticleError]]:
    """The outcomes of each block of articles, in block order: an Analysis per article, or
    the ArticleError that took its place (`time_limit`: see `analyse_articles`)."""
    options: dict = {"batch_size": batch_size, "indirect": indirect}
    if cluster is not None:
        from quotesearch.extract.cluster import analyse_on_cluster

        yield from analyse_on_cluster(blocks, cluster, **options)
        return
    blocks = iter(blocks)
    first = next(blocks, None)
    if first is None:
        return
    procs = n_process
    if procs is None:
        size = sum(len(a.text) for a in first)
        procs = 2 if size >= MULTIPROCESS_MIN_CHARS and (os.cpu_count() or 1) > 1 else 1
    blocks = chain([first], blocks)
    if time_limit is not None:
        options["time_limit"] = time_limit
    if procs > 1:
        yield from _in_processes(blocks, procs, **options)
    else:
        for block in blocks:
            yield _analyse_block(block, **options)


def _in_processes(
    blocks: Iterator[list[Article]], procs: int, **options: object
) -> Iterator[list[Analysis | ArticleError]]:
    """The outcomes of each block, in order, from `procs` worker processes; each block is cut
    in pieces so that every worker has work, and a few pieces per worker are in flight at a
    time. The workers end with this process: when it is killed, and when it stops reading
    early (an error, Ctrl-C, SIGTERM), without finishing their blocks."""
    methods = multiprocessing.get_all_start_methods()
    # Forked workers share the pipeline already loaded here instead of loading their own.
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    load_nlp()
    pool = ProcessPoolExecutor(
        max_workers=procs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        # One entry per block: the futures of its pieces.
        window: deque[list] = deque()
        in_flight = 0
        for block in blocks:
            pieces = [
                pool.submit(_analyse_block, small, **options) for small in _split(block, procs)
            ]
            window.append(pieces)
            in_flight += len(pieces)
            while in_flight > procs * 3 and len(window) > 1:
                done = window.popleft()
                in_flight -= len(done)
                yield [outcome for piece in done for outcome in piece.result()]
        while window:
            yield [outcome for piece in window.popleft() for outcome in piece.result()]
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown()


def _start_worker(parent_pid: int) -> None:
    """In each worker: end with the parent, and leave Ctrl-C and SIGTERM to it (it stops the
    workers itself)."""
    end_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now, dropping the blocks they hold; waiting for them could take
    minutes."""
    workers = list((pool._processes or {}).values())
    for worker in workers:
        worker.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.join(timeout=5)


def _split(block: list[Article], parts: int) -> Iterator[list[Article]]:
    size = max(1, -(-len(block) // (parts * 2)))
    for n in range(0, len(block), size):
        yield block[n : n + size]


def _analyse_block(
    block: list[Article], *, batch_size: int, indirect: bool, time_limit: float | None = None
) -> list[Analysis | ArticleError]:
    """Parse the paragraphs of a block of articles in one process and attribute their quotes;
    an article that fails, or whose parse runs past `time_limit` seconds, becomes an
    ArticleError in its place. (Attribution, linear in the text and quicker than the parse,
    is not timed.)"""
    nlp = load_nlp()
    clock = _Clock(time_limit)

    def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, article in enumerate(block):
            for offset, para in paragraphs(article.text):
                if clock.over(n):
                    break  # the rest of an article stopped is not parsed
                yield para, (n, offset)

    docs = nlp.pipe(chunks(), as_tuples=True, batch_size=batch_size)
    parsed: dict[int, list[tuple[int, Doc]]] = {}
    for n, group in groupby(docs, key=lambda item: item[1][0]):
        parsed[n] = []
        for doc, (_, offset) in group:
            if clock.over(n):
                break  # at most a batch parsed past the limit, and left
            parsed[n].append((offset, doc))
    outcomes: list[Analysis | ArticleError] = []
    for n, article in enumerate(block):
        if n in clock.late:
            source = article.path or article.id
            outcomes.append(ArticleError(source, clock.problem(parsed.get(n, []), article)))
            continue
        try:
            outcomes.append(analyse_parsed(article, parsed.get(n, []), indirect=indirect))
        except Exception as exc:  # a defect on one article must not lose the batch
            outcomes.append(
                ArticleError(
                    article.path or article.id,
                    f"could not be analysed ({type(exc).__name__}: {exc}); skipped",
                )
            )
    return outcomes


class _Clock:
    """The time each article of a block has taken, from when its first paragraph goes to the
    parser, against a limit (None: no limit)."""

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.begun: dict[int, float] = {}
        self.late: set[int] = set()

    def over(self, n: int) -> bool:
        """Whether article `n` has run past the limit (starting its clock if it has none)."""
        if self.limit is None:
            return False
        now = time.monotonic()
        if now - self.begun.setdefault(n, now) > self.limit:
            self.late.add(n)
        return n in self.late

    def problem(self, parsed: list, article: Article) -> str:
        total = sum(1 for _ in paragraphs(article.text))
        return (
            f"analysis stopped after {self.limit:g} s, its time limit ({len(parsed):,} of "
            f"{total:,} paragraphs parsed); split the text into shorter articles"
        )


def _take(items: Iterator[Article], n: int) -> list[Article]:
    block = []
    for item in items:
        block.append(item)
        if len(block) == n:
            break
    return block


def analyse_parsed(
    article: Article,
    docs: list[tuple[int, Doc]],
    *,
    indirect: bool = True,
    weights: dict[str, float] | None = None,
    trace: list | None = None,
) -> Analysis:
    """Attribute the quotes of an article whose paragraphs have been parsed.

    `weights` replaces the salience ranker's weights and `trace` collects its choices; both
    serve to learn the weights (`quotesearch.extract.training`)."""
    ctx, spans = article_context(article.text, docs, weights=weights, trace=trace)
    ctx.date = article.date
    if not ctx.sentences:
        return Analysis(article=article, quotes=(), entities=ctx.cast.entities())
    quotes = attribute(ctx, spans, article.id)
    if indirect:
        quotes = sorted(quotes + attribute_indirect(ctx, article.id), key=lambda q: q.start)
    speakers = {q.speaker for q in quotes if q.speaker}
    entities = tuple(e for e in ctx.cast.entities() if e.name in speakers)
    return Analysis(
        article=article,
        quotes=tuple(quotes),
        entities=entities,
        candidates=tuple(sorted(ctx.candidates.items())),
    )


def article_context(
    text: str,
    docs: list[tuple[int, Doc]],
    *,
    weights: dict[str, float] | None = None,
    trace: list | None = None,
) -> tuple[Context, list[QuoteSpan]]:
    """What attribution works in for one parsed article: its sentences, its cast read with
    the quote ranges (incises inside quote marks are the author's words), and its quotes."""
    sentences: list[tuple[int, Span]] = [(offset, s) for offset, doc in docs for s in doc.sents]
    parsed = sorted((offset, offset + len(doc.text)) for offset, doc in docs)
    spans = [s for s in find_quotes(text) if _parsed(s, parsed)]
    incises = inner_incises(sentences, spans)
    ranges = [
        part
        for s in spans
        for part in (
            [(s.start, incises[s.start][0]), (incises[s.start][1], s.end)]
            if s.start in incises
            else [(s.start, s.end)]
        )
    ]
    ctx = Context(
        text=text,
        sentences=sentences,
        cast=read_cast(sentences, ranges),
        quote_ranges=ranges,
        trace=trace,
        incises=incises,
    )
    if weights is not None:
        ctx.weights = weights
    return ctx, spans


def _parsed(span: QuoteSpan, parsed: list[tuple[int, int]]) -> bool:
    """Quotes in page furniture (skipped paragraphs) are not quotes of the article. `parsed`
    holds the (start, end) of each parsed paragraph, in order."""
    n = bisect.bisect_right(parsed, (span.start, math.inf)) - 1
    return n >= 0 and parsed[n][0] <= span.start < parsed[n][1]
