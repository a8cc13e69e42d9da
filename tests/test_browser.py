"""End to end in headless Chromium against `quotesearch serve`: search, click a speaker,
open a quote, analyse a pasted article; screenshots go to tests/output/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parent / "output"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, request) -> Iterator:
    """A fresh page; any JavaScript dialog (an alert from injected markup) fails the test."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert not dialogs, f"a script ran: {dialogs}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_click_a_speaker_then_open_a_quote(page, served: str) -> None:
    page.goto(served + "/")
    page.fill("input[name=q]", "réforme")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    assert page.locator("article.hit").count() >= 3
    assert page.locator("blockquote mark", has_text="réforme").count() >= 3
    shot(page, "search")

    page.locator("a.speaker", has_text="Marc Delorme").first.click()
    page.wait_for_url("**/speakers/*")
    assert page.inner_text("h1") == "Marc Delorme"
    assert page.locator("article.hit").count() == 2
    shot(page, "speaker")

    page.locator("a.quote-link", has_text="provocation").click()
    page.wait_for_url("**/quotes/*")
    marked = page.locator("mark.in-text")
    assert marked.inner_text().startswith("Cette réforme est une provocation")
    assert page.locator("dl.facts code").first.inner_text() == "colon"
    shot(page, "quote")


def test_filters_and_pages_keep_their_state_in_the_url(page, served: str) -> None:
    page.goto(served + "/?per_page=2")
    page.locator("nav.pages a[rel=next]").click()
    assert "page=2" in page.url and "per_page=2" in page.url
    page.goto(served + "/?q=réforme")
    page.locator("aside.facets a", has_text="Claire Vasseur").click()
    assert "speaker=" in page.url
    assert {t for t in page.locator("a.speaker").all_inner_texts()} == {"Claire Vasseur"}


def test_analyse_a_pasted_article(page, served: str) -> None:
    page.goto(served + "/analyse")
    page.fill(
        "textarea[name=text]",
        "La directrice de l'hôpital, Anne Leroy, a présenté le nouveau service mardi. "
        "« Nous pourrons accueillir deux fois plus de patients dès cet hiver », "
        "a assuré Anne Leroy.",
    )
    page.click("form.analyse button[type=submit]")
    page.wait_for_selector("section.analysis")
    assert page.locator("mark.in-text").inner_text().startswith("Nous pourrons accueillir")
    assert page.locator(".article-text .who").inner_text() == "Anne Leroy"
    shot(page, "analyse")


def test_markup_in_articles_and_queries_stays_text(page, served: str) -> None:
    page.goto(served + "/?q=balises")
    assert "<b>grasses</b>" in page.locator("blockquote").first.inner_text()
    page.goto(served + "/?q=script")
    assert "<script>alert('xss')</script>" in page.locator("blockquote").first.inner_text()
    assert page.locator("b[onmouseover], main script").count() == 0
    page.goto(served + '/?q="><script>alert(1)</script>&who=<img src=x onerror=alert(2)>')
    assert page.locator("main img, main script").count() == 0
    shot(page, "escaping")


@pytest.mark.parametrize("url", ["/?q=réforme", "/speakers", "/analyse", "/about"])
def test_pages_fit_a_phone_screen(browser, served: str, url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(served + url)
    width = page.evaluate("document.documentElement.scrollWidth")
    name = url.strip("/?").replace("=", "-").replace("?", "-") or "home"
    shot(page, f"phone-{name}")
    context.close()
    assert width <= PHONE["width"]


@pytest.fixture(scope="module")
def served_hostile(hostile_index: Path, tmp_path_factory: pytest.TempPathFactory):
    """`quotesearch serve` over articles whose urls are attacks."""
    from conftest import serving

    with serving(hostile_index, tmp_path_factory.mktemp("hostile") / "stderr.txt") as base:
        yield base


def test_a_javascript_url_of_an_article_runs_nothing_when_clicked(page, served_hostile) -> None:
    page.goto(served_hostile + "/?q=Lille")
    title = page.locator("article.hit span.title", has_text="Budget des écoles de Lille")
    assert title.locator("a").count() == 0
    title.click()
    page.locator("a.quote-link").first.click()
    page.wait_for_url("**/quotes/*")
    page.locator("p.meta", has_text="Budget des écoles de Lille").click()
    assert page.locator("main p.meta a[href^=javascript], main a[href^=' ']").count() == 0
    page.goto(served_hostile + "/?per_page=50")
    titles = page.locator("article.hit span.title")
    assert titles.count() == 9
    # Only the one https url became a link; every other title is text, and clicking it runs
    # nothing (the `page` fixture fails the test if a dialog opened).
    assert [a.get_attribute("href") for a in titles.locator("a").all()] == [
        'https://journal.example/piege?a=1&b="><b>x</b>'
    ]
    for span in titles.all():
        if span.locator("a").count() == 0:
            span.click()
    page.wait_for_timeout(300)


def test_the_content_security_policy_blocks_inline_script(page, served: str) -> None:
    page.goto(served + "/about")
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'alert(1)'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert any("Content Security Policy" in text for text in blocked), blocked
