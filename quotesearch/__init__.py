"""quotesearch: find the quotes in news articles, name their speakers, and search them."""

from quotesearch.records import Analysis, Article, Entity, Quote, Speaker

__all__ = ["Analysis", "Article", "Entity", "Quote", "Speaker"]
__version__ = "0.1.0"
