"""End to end in headless Chromium against `quotesearch serve`: search, click a speaker,
open a quote, analyse a pasted article; screenshots go to tests/output/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM

SHOTS = Path(__file__).parent / "output"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin"),
]


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
    # Three quotes hold the word; two of them are one statement reported by two articles,
    # shown as one card.
    assert page.locator("article.hit").count() == 2
    assert page.locator("blockquote mark", has_text="réforme").count() >= 2
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
    assert page.locator("dl.facts dd.cue").get_attribute("data-cue") == "colon"
    assert page.locator("dl.facts dd.cue").inner_text() == "name before a colon"
    shot(page, "quote")


def test_filters_and_pages_keep_their_state_in_the_url(page, served: str) -> None:
    page.goto(served + "/?per_page=2")
    page.locator("nav.pages a[rel=next]").click()
    assert "page=2" in page.url and "per_page=2" in page.url
    page.goto(served + "/?q=réforme")
    page.locator("details.facets a", has_text="Claire Vasseur").click()
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
    page.click("form.analyse button[type=submit]", no_wait_after=True)
    # The server may still be loading its language model (seconds, more on a busy machine).
    page.wait_for_selector("section.analysis", timeout=180_000)
    assert page.locator("mark.in-text").inner_text().startswith("Nous pourrons accueillir")
    assert page.locator(".article-text .who").inner_text() == "Anne Leroy"
    shot(page, "analyse")


def test_analyse_shows_its_progress_while_the_article_is_read(french, served: str) -> None:
    french.goto(served + "/analyse")
    assert not french.locator(".analyse-progress").is_visible()
    french.fill("textarea[name=text]", "« Le marché ouvrira samedi », a déclaré Léa Morin.")
    # The form stays on the page, as while a long article is read.
    french.evaluate(
        "document.getElementById('analyse-form')"
        ".addEventListener('submit', (event) => event.preventDefault())"
    )
    french.click("form.analyse button[type=submit]")
    assert french.locator(".analyse-progress progress").is_visible()
    words = french.locator("#analyse-progress-words").inner_text()
    assert words.startswith("Analyse de l’article : 0 s.")
    assert french.locator("form.analyse button[type=submit]").is_disabled()


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
    title = page.locator("article.hit cite.title", has_text="Budget des écoles de Lille")
    assert title.locator("a").count() == 0
    title.click()
    page.locator("a.quote-link").first.click()
    page.wait_for_url("**/quotes/*")
    page.locator("p.provenance", has_text="Budget des écoles de Lille").click()
    assert page.locator("main p.provenance a[href^=javascript], main a[href^=' ']").count() == 0
    page.goto(served_hostile + "/?per_page=50")
    titles = page.locator("article.hit cite.title")
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


# --- the newsroom pages ------------------------------------------------------------------------


@pytest.fixture()
def french(browser) -> Iterator:
    """A page whose browser asks for French, allowed to use the clipboard."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def test_a_result_card_shows_title_source_and_a_french_date(french, served: str) -> None:
    french.goto(served + "/?q=provocation")
    assert french.get_attribute("html", "lang") == "fr"
    card = french.locator("article.hit").first
    assert (
        card.locator("cite.title").inner_text()
        == "Retraites : la ministre du Travail ne reculera pas"
    )
    assert card.locator(".source").inner_text() == "Le Quotidien du Centre"
    assert card.locator("time").inner_text() == "4 mars 2024"
    shot(french, "search-fr")


def test_copy_citation_puts_it_on_the_clipboard(french, served: str) -> None:
    french.goto(served + "/?q=provocation")
    french.locator("button.copy-citation").first.click()
    french.wait_for_selector(".copied:has-text('Citation copiée')")
    copied = french.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("« Cette réforme est une provocation")
    assert "Marc Delorme" in copied and "4 mars 2024" in copied


def test_the_english_interface_under_accept_language_en(page, served: str) -> None:
    page.goto(served + "/about")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "About this index"
    page.locator("nav.languages a", has_text="Français").click()
    page.wait_for_url("**/about")
    assert page.inner_text("h1") == "À propos de cet index"
    page.goto(served + "/speakers")  # the choice is remembered
    assert page.get_attribute("html", "lang") == "fr"


def test_facet_toggles_narrow_then_widen_the_results(page, served: str) -> None:
    page.goto(served + "/")
    every = page.locator("article.hit").count()
    page.locator("#facets a", has_text="Le Quotidien du Centre").click()
    page.wait_for_url("**/?source=*")
    narrowed = page.locator("article.hit").count()
    assert 0 < narrowed < every
    assert page.locator("a.chip", has_text="Le Quotidien du Centre").count() == 1
    shot(page, "facets")
    page.locator("a.chip", has_text="Le Quotidien du Centre").click()
    page.wait_for_load_state()
    assert page.locator("article.hit").count() == every


def test_a_timeline_bar_links_to_that_month(page, served: str) -> None:
    page.goto(served + "/speakers")
    page.locator("table.speakers a", has_text="Marc Delorme").click()
    page.wait_for_url("**/speakers/*")
    bar = page.locator("svg.timeline-chart a").first
    bar.click()
    page.wait_for_url("**month=*")
    month = page.url.rsplit("month=", 1)[1]
    assert page.locator("a.chip", has_text="March 2024").count() == 1
    assert all(
        t.startswith(month)
        for t in page.locator("article.hit time").evaluate_all(
            "nodes => nodes.map(n => n.getAttribute('datetime'))"
        )
    )
    shot(page, "speaker-month")


def test_the_bookmarklet_sends_the_page_being_read_to_analyse(page, served: str, tmp_path) -> None:
    import http.server
    import threading

    article = (
        "<html><head><meta charset='utf-8'><title>Le pont</title></head><body><article>"
        "<h1>Le pont est ouvert</h1><p>"
        + "« Ce pont relie enfin les deux rives de notre ville », a déclaré Paul Girard. " * 3
        + "</p></article></body></html>"
    )
    (tmp_path / "pont.html").write_text(article, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page.goto(served + "/about")
        code = page.get_attribute("#bookmarklet", "href")
        assert code.startswith("javascript:")
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/pont.html")
        from urllib.parse import unquote

        with page.expect_popup() as popup_info:
            page.evaluate(unquote(code.removeprefix("javascript:")))
        analysed = popup_info.value
        status = analysed.locator(".bookmarklet-status")
        status.wait_for(state="visible")
        page_url = f"http://127.0.0.1:{server.server_address[1]}/pont.html"
        assert page_url in status.inner_text()
        assert analysed.locator("section.analysis").count() == 0
        analysed.click("#analyse-form button[type=submit]")
        analysed.wait_for_selector("section.analysis", timeout=60_000)
        assert analysed.locator("mark.in-text").first.inner_text().startswith("Ce pont relie")
        assert analysed.locator(".who").first.inner_text() == "Paul Girard"
        shot(analysed, "bookmarklet")
    finally:
        server.shutdown()
        server.server_close()


def test_a_site_that_opens_the_receiver_itself_cannot_send_anything(page, served: str) -> None:
    import http.server
    import threading

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html><head><title>Jeux</title></head><body><p>Jeux gratuits</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    evil = f"http://127.0.0.1:{server.server_address[1]}"
    # What a hostile page does: open the receiver and post it words of its choice, twice,
    # claiming to be a news site.
    attack = """(served) => {
      const w = window.open(served + "/analyse?from=bookmarklet", "_blank");
      window.addEventListener("message", (e) => {
        if (e.data !== "quotesearch:ready") { return; }
        const lie = {type: "quotesearch:page", url: "https://journal.example/vrai",
                     title: "Vrai", html: ""};
        w.postMessage({...lie, selection: "« Injected by evil site », a dit Paul Girard."}, "*");
        w.postMessage({...lie, selection: "« Second message », a dit Paul Girard."}, "*");
      });
    }"""
    try:
        page.goto(evil + "/jeux.html")
        with page.expect_popup() as popup_info:
            page.evaluate(attack, served)
        receiver = popup_info.value
        posts: list[str] = []
        receiver.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        status = receiver.locator(".bookmarklet-status")
        status.wait_for(state="visible")
        receiver.wait_for_timeout(1500)  # time enough for a submission to start, if any did
        assert posts == []
        assert receiver.locator("section.analysis").count() == 0
        assert "/analyse?from=bookmarklet" in receiver.url
        # One message only, and the site it really came from, not the one it claimed.
        assert receiver.input_value("#text") == "« Injected by evil site », a dit Paul Girard."
        assert evil + "/" in status.inner_text()
        assert "journal.example" not in status.inner_text()
        shot(receiver, "bookmarklet-refused")
    finally:
        server.shutdown()
        server.server_close()


PAGES = ["/", "/?q=réforme", "/speakers", "/about", "/analyse"]


@pytest.mark.parametrize("url", PAGES)
def test_no_serious_accessibility_violation(page, served: str, url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + url)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def test_pages_of_a_speaker_and_a_quote_pass_the_accessibility_check(page, served: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + "/?q=provocation")
    page.locator("a.quote-link").first.click()
    page.wait_for_url("**/quotes/*")
    found = [Axe().run(page)]
    page.locator("p.meta a.speaker").first.click()
    page.wait_for_url("**/speakers/*")
    found.append(Axe().run(page))
    for results in found:
        serious = [
            v["id"]
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, serious


def test_the_phone_layout_puts_filters_before_results(browser, served: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(served + "/?q=réforme")
    facets = page.locator("#facets").bounding_box()
    results = page.locator("#results").bounding_box()
    assert facets["y"] < results["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "search-phone")
    page.goto(served + "/speakers")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "speakers-phone")
    context.close()


# --- trust signals and the French interface, in both languages, on a desktop and a phone ------

# Articles of one mayor over two and a half years: a quote named by a verb and a quote the
# article gives to « le maire » (a role standing for the speaker: uncertain), the last one
# published on the first of a month.
MAYOR = [
    {
        "id": "voeux",
        "title": "Les vœux du maire",
        "date": "2022-01-08",
        "source": "Le Courrier du Lac",
        "text": "Les vœux du maire\n\nLe maire d'Annecy, Camille Roussel, a présenté ses vœux "
        "aux habitants samedi.\n\n« Nous rénoverons toutes les écoles d'ici trois ans », a "
        "déclaré Camille Roussel.\n\nLe budget a aussi été évoqué devant le conseil "
        "municipal. Un élu y voit des impôts locaux « enfin stables ».",
    },
    {
        "id": "pont",
        "title": "Un pont pour la rentrée",
        "date": "2024-07-01",
        "source": "Le Courrier du Lac",
        "text": "Un pont pour la rentrée\n\n« Le nouveau pont sera ouvert à la rentrée », a "
        "annoncé Camille Roussel, maire d'Annecy, lundi.",
    },
]
LANGUAGES = {"fr": "fr-FR", "en": "en-US"}
SCREENS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def served_mayor(tmp_path_factory):
    import json

    from conftest import serving

    from quotesearch.search.indexing import build

    folder = tmp_path_factory.mktemp("mayor")
    lines = [json.dumps(article, ensure_ascii=False) for article in MAYOR]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build([folder / "articles.jsonl"], index_dir=folder / "index")
    log = folder / "stderr.txt"
    with serving(folder / "index", log, "--workers", "1", "--no-load-model") as base:
        yield base


@pytest.fixture(params=[(lang, screen) for lang in LANGUAGES for screen in SCREENS], ids=str)
def seen(browser, request):
    """A page in one interface language on one screen: (page, language, screen)."""
    lang, screen = request.param
    context = browser.new_context(viewport=SCREENS[screen], locale=LANGUAGES[lang])
    yield context.new_page(), lang, screen
    context.close()


def test_the_uncertain_badge_marks_only_the_guessed_speaker(seen, served_mayor: str) -> None:
    page, lang, screen = seen
    words = {"fr": "locuteur incertain", "en": "uncertain speaker"}[lang]
    # A few words an unnamed source's sentence quotes without a reporting verb: a guess the
    # model is unsure of.
    page.goto(served_mayor + "/?q=stables&view=all")
    guessed = page.locator("article.hit").first
    assert guessed.locator(".badge.uncertain").inner_text() == words
    assert guessed.locator(".badge.uncertain").is_visible()
    page.goto(served_mayor + "/?q=écoles")
    assert page.locator("article.hit").count() == 1
    assert page.locator(".badge.uncertain").count() == 0
    shot(page, f"uncertain-{lang}-{screen}")


def test_dates_numbers_and_cues_are_written_the_page_language_way(seen, served_mayor) -> None:
    page, lang, screen = seen
    page.goto(served_mayor + "/?q=pont")
    day = {"fr": "1er juillet 2024", "en": "July 1, 2024"}[lang]
    assert page.locator("article.hit time").first.inner_text() == day
    page.locator("a.quote-link").first.click()
    page.wait_for_url("**/quotes/*")
    confidence = page.locator("dd.confidence").inner_text()
    assert re.match({"fr": r"0,\d\d", "en": r"0\.\d\d"}[lang], confidence), confidence
    cue = {"fr": "verbe après la citation", "en": "reporting verb after the quote"}[lang]
    assert page.locator("dd.cue").inner_text() == cue
    assert page.locator("dd.named-in-sentence mark.cue").inner_text() == "Camille Roussel"
    copied = page.locator("button.copy-citation").get_attribute("data-citation")
    said = {"fr": ", a déclaré Camille Roussel", "en": ", said Camille Roussel"}[lang]
    assert copied.startswith("« Le nouveau pont sera ouvert à la rentrée »" + said)
    assert copied.endswith(f"{ {'fr': 'le', 'en': 'on'}[lang] } {day} (Le Courrier du Lac)")
    shot(page, f"quote-{lang}-{screen}")


def test_the_timeline_opens_on_the_latest_months(seen, served_mayor: str) -> None:
    page, lang, screen = seen
    page.goto(served_mayor + "/speakers")
    page.locator("table.speakers a", has_text="Camille Roussel").click()
    page.wait_for_url("**/speakers/*")
    bars = page.locator("svg.timeline-chart a rect")
    assert bars.count() == 2
    width = SCREENS[screen]["width"]
    first, last = bars.first.bounding_box(), bars.last.bounding_box()
    assert last["x"] >= 0 and last["x"] + last["width"] <= width  # July 2024, on screen
    if screen == "phone":
        assert first["x"] < 0  # January 2022 is off to the left
        hint = {"fr": "Derniers mois affichés", "en": "Latest months shown"}[lang]
        assert page.locator(".scroll-hint").inner_text().startswith(hint)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    else:
        assert first["x"] >= 0
        assert not page.locator(".scroll-hint").is_visible()
    shot(page, f"timeline-{lang}-{screen}")


def test_the_search_box_placeholder_is_whole(seen, served_mayor: str) -> None:
    page, lang, _ = seen
    page.goto(served_mayor + "/")
    expected = {"fr": "Des mots, « une expression »…", "en": 'Words, "a phrase"…'}[lang]
    assert page.get_attribute("input#q", "placeholder") == expected
    assert page.locator("input#q").is_visible()
