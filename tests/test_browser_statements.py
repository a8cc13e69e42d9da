"""In headless Chromium against `quotesearch serve`, in English and in French, on a desktop and
on a phone: a speaker's page lists full statements first with the fragments under their own
tab, and a statement reported by two articles is one card with both sources one click away."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import CHROMIUM
from test_browser import DESKTOP, PHONE, shot
from test_web_statements import FRAGMENT, STATEMENT, UNSURE, write_index

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin"),
]

# The words each language shows for the tabs and the other sources of a statement.
WORDS = {
    "en": {"statements": "Statements", "fragments": "Fragments and terms", "also": "Also reported"},
    "fr": {"statements": "Déclarations", "fragments": "Fragments et termes", "also": "Aussi"},
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import serving

    folder = tmp_path_factory.mktemp("statements-served")
    index_dir = write_index(folder / "index")
    with serving(index_dir, folder / "stderr.txt") as base:
        yield base


@pytest.fixture(params=[("en", DESKTOP), ("fr", DESKTOP), ("fr", PHONE)], ids=str)
def page(browser, request) -> Iterator:
    language, viewport = request.param
    context = browser.new_context(
        viewport=viewport, locale={"en": "en-US", "fr": "fr-FR"}[language]
    )
    page = context.new_page()
    page.language = language
    page.phone = viewport is PHONE
    yield page
    context.close()


def test_a_speakers_page_lists_statements_then_fragments_in_their_tab(page, served: str) -> None:
    words = WORDS[page.language]
    page.goto(served + "/")
    page.locator("a.speaker", has_text="Hélène Dumas").first.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("blockquote", has_text=STATEMENT[:30]).count() == 1
    assert page.locator("blockquote", has_text=FRAGMENT).count() == 0
    tabs = page.locator("nav.views a")
    assert tabs.first.get_attribute("aria-current") == "page"
    assert tabs.first.inner_text().startswith(words["statements"])
    shot(page, f"speaker-statements-{page.language}{'-phone' if page.phone else ''}")

    page.locator("nav.views a", has_text=words["fragments"]).click()
    page.wait_for_url("**view=fragments*")
    assert page.locator("blockquote", has_text=FRAGMENT).count() == 1
    # A fragment given to her with little confidence is not among her words.
    assert page.locator("blockquote", has_text=UNSURE).count() == 0
    assert page.locator("blockquote", has_text=STATEMENT[:30]).count() == 0


def test_a_statement_of_two_articles_is_one_card_with_each_source_one_click_away(
    page, served: str
) -> None:
    words = WORDS[page.language]
    page.goto(served + "/")
    page.fill("input[name=q]", "piscine municipale")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    cards = page.locator("article.hit")
    assert cards.count() == 1
    reports = cards.first.locator(".reports")
    assert reports.locator("p").inner_text().startswith(words["also"])
    links = reports.locator("a")
    assert links.count() == 2
    shot(page, f"grouped-{page.language}{'-phone' if page.phone else ''}")
    # Earliest first: the Gazette reported it two days before the Écho.
    assert links.first.inner_text() == "La Gazette du Lac"
    links.nth(1).click()
    page.wait_for_url("**/quotes/echo-1*")
    assert page.locator("main", has_text="L'Écho des Berges").count() == 1


def test_a_phrase_finds_only_quotes_holding_it(page, served: str) -> None:
    page.goto(served + "/?q=%22quoi+qu%E2%80%99il+arrive%22")
    assert page.locator("article.hit").count() == 1
    assert page.locator("article.hit mark").first.inner_text() == "quoi qu'il arrive"
    page.goto(served + "/?q=%22arrive+quoi%22")
    assert page.locator("article.hit").count() == 0


def test_the_index_summary_opens_the_first_screen(page, served: str) -> None:
    page.goto(served + "/")
    summary = page.locator("p.summary").inner_text()
    assert "3" in summary and "La Gazette du Lac" in summary
    assert page.locator("p.summary a").count() == 2
    if page.phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(served + "/?q=piscine")
    assert page.locator("p.summary").count() == 0
