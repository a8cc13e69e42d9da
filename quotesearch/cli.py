"""The `quotesearch` command line: thin commands over the library."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="quotesearch")
def main() -> None:
    """Find the quotes in French news articles, name who said them, and search them."""


# Commands are grouped by stage below: extraction, evaluation, speakers, index and search, web.
