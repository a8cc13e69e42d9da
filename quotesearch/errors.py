"""The exceptions quotesearch raises; each message names the input and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotesearch.records import Speaker


class QuotesearchError(Exception):
    """Base class: a problem the user can fix, reported as one clear line."""


class ArticleError(QuotesearchError):
    """An input file or record could not be read as an article."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self):
        # Rebuilt from both parts when it comes back from a worker process.
        return type(self), (self.source, self.problem)


class GoldFileError(QuotesearchError):
    """A gold annotation file is missing or malformed."""


class IndexMissingError(QuotesearchError):
    """No usable index at the given directory."""


class IndexBusyError(QuotesearchError):
    """Another process is writing the index."""


class QueryError(QuotesearchError):
    """A search query could not be parsed."""


class AliasFileError(QuotesearchError):
    """The user's speaker alias file is malformed."""


class SpeakerNotFound(QuotesearchError):
    """No speaker matches a name."""


class AmbiguousSpeaker(QuotesearchError):
    """Several speakers match a name; `candidates` holds them, best first."""

    def __init__(self, message: str, candidates: list[Speaker]) -> None:
        super().__init__(message)
        self.candidates = candidates


class ClusterError(QuotesearchError):
    """A Dask cluster could not be reached, or lost a block of articles too many times."""
