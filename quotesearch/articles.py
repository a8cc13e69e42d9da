"""Articles in: read .txt, .html and .jsonl files (or folders of them) into `Article` records.

This is the only module that imports trafilatura (`quotesearch.fetching` downloads pages).
Texts are kept exactly as written, apart from Windows line ends turned into "\\n" and a leading
byte-order mark dropped, because quote offsets are offsets in the text as read.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from quotesearch.errors import ArticleError
from quotesearch.lang import fr
from quotesearch.records import Article

# An article longer than this is almost surely several articles, or a dump, run together.
MAX_ARTICLE_CHARS = 2_000_000
# A saved page carries scripts and navigation: allow it this many bytes per character of text.
HTML_BYTES_PER_CHAR = 10
# More control characters than this share of the text means a binary file, not an article.
MAX_CONTROL_SHARE = 0.05

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
SUPPORTED = "give .txt (UTF-8), .html or .jsonl files"
JSONL_FIELDS = ("id", "title", "url", "date", "source")

# A first line is a headline when it is short and does not end like a sentence.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
TITLE_FINAL_PUNCT = ".,;:"
# Breadcrumbs ("Home » International » Headline") keep only their last part as the title; a line
# with an opening « uses » as a quote mark instead.
BREADCRUMB_SEPARATORS = (" » ", " > ", " › ")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Half of a UTF-16 pair, alone: JSON can write one ("\\ud800"), though no text holds one.
_SURROGATE = re.compile("[\ud800-\udfff]")

# A page's declared charset: <meta charset="…"> or the http-equiv Content-Type, in the head.
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_CHARSET_SCAN_BYTES = 16_384
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
_FRENCH_CHARSETS = {"cp1252", "iso8859_15", "iso8859_1", "mac_roman"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))

OnError = Callable[[ArticleError], None]


def read_articles(path: str | Path, *, max_chars: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """Read the articles of one .txt, .html/.htm or .jsonl file.

    Raises ArticleError naming the file (and the line, for .jsonl) and what is wrong with it.
    """
    articles = []
    for item in _read_file(Path(path), max_chars=max_chars):
        if isinstance(item, ArticleError):
            raise item
        articles.append(item)
    return articles


def iter_articles(
    paths: Iterable[str | Path],
    *,
    on_error: OnError | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Iterator[Article]:
    """Yield the articles of files and folders (searched recursively, in sorted order).

    A file or line that cannot be read is passed to `on_error` and skipped, so one bad input
    never stops a batch; with no `on_error` the first problem is raised.
    """

    def report(error: ArticleError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    seen: dict[str, str] = {}
    done: set[str] = set()
    for file in _files(paths, report):
        # realpath, unlike Path.resolve, gives up on a link that loops instead of raising:
        # reading the file reports the loop.
        real = os.path.realpath(file)
        if real in done:
            continue  # the same file named twice, or inside a folder also given
        done.add(real)
        for item in _read_file(file, max_chars=max_chars):
            if isinstance(item, ArticleError):
                report(item)
                continue
            first = seen.setdefault(item.id, str(file))
            if first != str(file):
                report(
                    ArticleError(
                        str(file),
                        f"article id '{item.id}' is already used by {first}; give it another id",
                    )
                )
                continue
            yield item


def count_articles(paths: Iterable[str | Path]) -> int:
    """About how many articles `iter_articles` will read from `paths`, found without reading
    them: one per page file, one per non-blank line of a .jsonl file. For a progress bar."""
    count = 0
    done: set[Path] = set()
    for file in _files(paths, lambda error: None):
        if file.resolve() in done or not file.is_file():
            continue
        done.add(file.resolve())
        if SUFFIXES.get(file.suffix.lower()) == "jsonl":
            with file.open("rb") as lines:
                count += sum(1 for line in lines if line.strip())
        else:
            count += 1
    return count


# A dateline is one of the first lines of an article, and short.
DATELINE_LINES = 4
DATELINE_CHARS = 200
_WRITTEN_DATE = re.compile(
    r"\b(1er|\d{1,2})\s+(" + "|".join(fr.MONTH_NUMBERS) + r")\s+(\d{4})\b", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def dateline(text: str) -> date | None:
    """The date a plain-text article gives on a dateline near its top (« AFP, publié le mardi
    23 juin 2020 à 18h19 », « Mis à jour le 03/02/2019 »), or None. Only a short line with a
    word of datelines counts, so a date in the story itself is never taken for the article's."""
    for line in text.split("\n", DATELINE_LINES)[:DATELINE_LINES]:
        lowered = line.lower()
        if len(line) > DATELINE_CHARS or not any(w in lowered for w in fr.DATELINE_WORDS):
            continue
        written = _WRITTEN_DATE.search(lowered)
        numeric = _NUMERIC_DATE.search(lowered)
        try:
            if written:
                day = 1 if written[1] == "1er" else int(written[1])
                return date(int(written[3]), fr.MONTH_NUMBERS[written[2]], day)
            if numeric:
                return date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        except ValueError:
            continue  # « 31 février 2020 »: not a date
    return None


def article_from_text(
    text: str, *, id: str, title: str | None = None, max_chars: int = MAX_ARTICLE_CHARS
) -> Article:
    """Make an article of a text, for uploads; a headline-like first line becomes the title."""
    text = _clean_text(text, id, max_chars=max_chars)
    return Article(id=id, text=text, title=title or headline(text), date=dateline(text))


def article_from_html(
    html: str | bytes,
    *,
    id: str,
    path: str | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Article:
    """Extract the main text of a web page and its title, date, url and site name."""
    import trafilatura

    source = path or id
    if isinstance(html, bytes):
        _check_bytes(html, source)
        html = decode_html(html)
    elif not html.strip():
        raise ArticleError(source, "empty page")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        raise ArticleError(source, "no article text found in the page")
    text = _clean_text(text, source, max_chars=max_chars)
    url = doc.url or None
    site = doc.sitename or (urlsplit(url).hostname if url else None) or doc.hostname or None
    return Article(
        id=id,
        text=text,
        title=doc.title or None,
        url=url,
        date=_page_date(doc.date, source),
        source=site,
        path=path,
    )


def fetch_article(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = 5_000_000,
    max_chars: int = MAX_ARTICLE_CHARS,
    allow_private: bool = False,
) -> Article:
    """Download the page at an http(s) `url` (at most `max_bytes`, within `timeout` seconds in
    all; addresses of this machine and local networks refused before any connection, unless
    `allow_private`) and extract its article.

    Raises ArticleError naming the URL and what went wrong.
    """
    from quotesearch.fetching import fetch_page

    page = fetch_page(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
    article = article_from_html(page.data, id=url, max_chars=max_chars)
    return replace(article, url=article.url or page.url)


def decode_html(data: bytes) -> str:
    """The text of a saved page: by its byte-order mark, else by the charset it declares, else
    as UTF-8 if it is valid UTF-8, else by charset detection (a Latin-1 page read as another
    charset turns « Hélène » into « Hélčne »)."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(codec, errors="replace")
    declared = _DECLARED_CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        # As in browsers, the Latin-1 labels mean windows-1252 (its superset).
        codec = "cp1252" if label in _LATIN1_LABELS else label
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: look at the bytes instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return data.decode("cp1252", errors="replace")
    # On a short page several charsets read the bytes without a mess (cp1250 makes « è » a
    # « č »), and the language guess that ranks them is noise: the charsets French is written
    # in go first among them.
    for match in matches:
        if match.chaos <= best.chaos and _FRENCH_CHARSETS & set(match.could_be_from_charset):
            return str(match)
    return str(best)


def headline(text: str) -> str | None:
    """The first line of a text when it reads as a headline (short, not ending a sentence)
    and more text follows it; None otherwise."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first:
        return None
    if len(first) > TITLE_MAX_CHARS or len(first.split()) > TITLE_MAX_WORDS:
        return None
    if first[-1] in TITLE_FINAL_PUNCT:
        return None
    if "«" not in first:
        for separator in BREADCRUMB_SEPARATORS:
            first = first.rsplit(separator, 1)[-1].strip()
    return first or None


def first_line(text: str) -> str | None:
    """The first line of an article file, its title (news corpora put the headline, or a one
    sentence summary, on the first line), shortened at a word past TITLE_MAX_CHARS; None
    when no other text follows it."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first:
        return None
    if "«" not in first:
        for separator in BREADCRUMB_SEPARATORS:
            first = first.rsplit(separator, 1)[-1].strip()
    if len(first) > TITLE_MAX_CHARS:
        first = first[:TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
    return first or None


def _files(paths: Iterable[str | Path], report: OnError) -> Iterator[Path]:
    """The article files named or found in folders: known suffixes only, hidden files skipped.
    What a folder holds under a known suffix that is no readable file (a pipe, a link that
    loops or leads nowhere, a name that is not UTF-8) is listed too, so that reading it
    reports it."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (
                p
                for p in path.rglob("*")
                if not p.is_dir()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yield from sorted(found)
        elif path.exists() and path.suffix.lower() not in SUFFIXES:
            report(
                ArticleError(
                    shown_path(path), f"unsupported file type '{path.suffix}'; {SUPPORTED}"
                )
            )
        else:
            yield path


def shown_path(path: str | Path) -> str:
    """A path as it can be printed: bytes of a file name that are not UTF-8 (a name written in
    Latin-1, say) are shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_file(path: Path, *, max_chars: int) -> Iterator[Article | ArticleError]:
    """Read one file, yielding its articles and, in place of what could not be read, errors."""
    source = shown_path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if source != str(path):
        # Its name would become the article's id, which must be text to be stored and shown.
        yield ArticleError(source, "the file name is not valid UTF-8; rename the file")
        return
    if not path.exists() and not path.is_symlink():
        yield ArticleError(source, "no such file")
        return
    if kind is None:
        yield ArticleError(source, f"unsupported file type '{path.suffix}'; {SUPPORTED}")
        return
    limit = max_chars * (HTML_BYTES_PER_CHAR if kind == "html" else 4)
    try:
        data = _read_bytes(path, limit=limit)
        if kind == "html":
            yield article_from_html(data, id=path.stem, path=source, max_chars=max_chars)
        elif kind == "text":
            text = _clean_text(_decode(data, source), source, max_chars=max_chars)
            yield Article(
                id=path.stem, text=text, title=first_line(text), date=dateline(text), path=source
            )
        else:
            yield from _read_jsonl(_decode(data, source), path, max_chars=max_chars)
    except ArticleError as error:
        yield error


def _read_bytes(path: Path, *, limit: int) -> bytes:
    """The bytes of a regular file. It is opened without waiting, then checked: a pipe or a
    device named like an article would otherwise block the batch, or never end."""
    source = shown_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        problem = "is a link to nothing" if path.is_symlink() else "no such file"
        raise ArticleError(source, problem) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ArticleError(
                source, "is a symbolic link that loops back on itself; fix or remove it"
            ) from None
        raise ArticleError(source, f"cannot be read ({error.strerror or error})") from error
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise ArticleError(source, "is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise ArticleError(
                    source, "is not a regular file (a pipe, socket or device); give a file"
                )
            if info.st_size > limit:
                raise ArticleError(
                    source, f"too large ({_mb(info.st_size)}; the limit is {_mb(limit)})"
                )
            return handle.read(limit + 1)
        except OSError as error:
            raise ArticleError(source, f"cannot be read ({error.strerror or error})") from error


def _check_bytes(data: bytes, source: str) -> None:
    if not data.strip():
        raise ArticleError(source, "empty file")
    if b"\x00" in data[:65536]:
        raise ArticleError(source, f"binary file (NUL bytes), not text; {SUPPORTED}")


def _decode(data: bytes, source: str) -> str:
    """Decode UTF-8 strictly: a wrong encoding would shift every offset and garble names."""
    _check_bytes(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise ArticleError(
            source,
            f"not valid UTF-8 (byte 0x{bad:02x} at offset {error.start}); save it as UTF-8",
        ) from error


def _clean_text(text: str, source: str, *, max_chars: int) -> str:
    """Check an article text and normalise its line ends; nothing else is changed."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise ArticleError(source, "empty article (no text)")
    if len(text) > max_chars:
        raise ArticleError(
            source,
            f"too large ({len(text):,} characters; the limit is {max_chars:,}); "
            "split it into separate articles",
        )
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise ArticleError(
            source,
            f"holds a lone surrogate (\\u{ord(surrogate.group()):04x} at character "
            f"{surrogate.start():,}), which is not text; fix the encoding of the input",
        )
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise ArticleError(source, f"binary data (control characters), not text; {SUPPORTED}")
    return text


def _read_jsonl(content: str, path: Path, *, max_chars: int) -> Iterator[Article | ArticleError]:
    """One article per line: `text` plus optional id, title, url, date and source."""
    source = str(path)
    ids: set[str] = set()
    # Lines end at "\n" only: str.splitlines also cuts at U+2028, U+2029 and other
    # separators that JSON strings may hold unescaped.
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            article = _article_from_record(line, path, number, max_chars=max_chars)
            if article.id in ids:
                raise ArticleError(source, f"id '{article.id}' is used twice in this file")
            ids.add(article.id)
            yield article
        except ArticleError as error:
            yield ArticleError(source, f"line {number}: {error.problem}")


def _article_from_record(line: str, path: Path, number: int, *, max_chars: int) -> Article:
    source = str(path)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ArticleError(source, f"not valid JSON ({error.msg})") from error
    except RecursionError:
        raise ArticleError(source, "JSON nested too deeply to be an article") from None
    if not isinstance(record, dict):
        raise ArticleError(source, "expected a JSON object with a 'text' key")
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(source, "'text' is missing or not a string")
    fields = {}
    for key in JSONL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str | int):
            raise ArticleError(source, f"'{key}' must be a string")
        if isinstance(value, str) and _SURROGATE.search(value):
            raise ArticleError(source, f"'{key}' holds a lone surrogate, which is not text")
        fields[key] = str(value) if value is not None and str(value).strip() else None
    text = _clean_text(text, source, max_chars=max_chars)
    return Article(
        id=fields["id"] or f"{path.stem}-{number}",
        text=text,
        title=fields["title"] or headline(text),
        url=fields["url"],
        date=_parse_date(fields["date"], source) if fields["date"] else dateline(text),
        source=fields["source"],
        path=source,
    )


def _parse_date(value: str, source: str) -> date:
    """ISO dates first; otherwise written dates in French or English ("18 octobre 2024")."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["fr", "en"])
    if parsed is None:
        raise ArticleError(source, f"date '{value}' is not a date; write it as YYYY-MM-DD")
    return parsed.date()


def _page_date(value: str | None, source: str) -> date | None:
    """A page's date from its metadata; a page is still read when its date cannot be."""
    try:
        return _parse_date(value, source) if value else None
    except ArticleError:
        return None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
