"""The web pages over a real index built from tests/data/web: search, filters, exports,
speakers, quotes, analyse, errors and escaping; plus the request parsing and text marking."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeug.datastructures import MultiDict

from web import create_app
from web.marking import Segment, marked_paragraphs, marked_text, non_overlapping
from web.params import BadParameter, SearchParams, parse_search

VASSEUR = "Nous irons jusqu'au bout de cette réforme"
DELORME = "Cette réforme est une provocation"
GARNIER = "nous perdrons la moitié de la récolte"
MUSEES_HTML = (Path(__file__).parent / "data" / "web" / "musees.html").read_bytes()


def speaker_id(web_index: Path, name: str) -> str:
    """The id the index gives the speaker called `name`."""
    from quotesearch.search.index import open_index

    index = open_index(web_index)
    try:
        return index.speakers.resolve_name(name).id
    finally:
        index.close()


def quote_id(web_index: Path, words: str) -> str:
    """The id of the first quote found for `words`."""
    from quotesearch.search.index import open_index

    index = open_index(web_index)
    try:
        return index.search(words).hits[0].quote_id
    finally:
        index.close()


# --- request parsing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, SearchParams()),
        ({"q": "  réforme  "}, SearchParams(q="réforme")),
        ({"page": "3", "per_page": "50"}, SearchParams(page=3, per_page=50)),
        ({"page": "0"}, SearchParams(page=1)),
        ({"page": "99999999999"}, SearchParams(page=10_000)),
        ({"per_page": "1000"}, SearchParams(per_page=100)),
        ({"since": "2024-03-01"}, SearchParams(since=date(2024, 3, 1))),
        ({"kind": "indirect", "sort": "date"}, SearchParams(kind="indirect", sort="date")),
        ({"who": "lavrov"}, SearchParams(who="lavrov")),
    ],
)
def test_parse_search_reads_types_and_bounds(args: dict, expected: SearchParams) -> None:
    assert parse_search(MultiDict(args)) == expected


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ({"page": "deux"}, "page"),
        ({"since": "hier"}, "since"),
        ({"until": "2024-02-30"}, "until"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "until"),
        ({"kind": "citation"}, "kind"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 501}, "q"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_parse_search_names_the_bad_parameter(args: dict, named: str) -> None:
    with pytest.raises(BadParameter, match=f"parameter {named}="):
        parse_search(MultiDict(args))


def test_query_args_keep_only_what_differs_from_defaults() -> None:
    params = SearchParams(q="retraites", since=date(2024, 1, 2), page=2)
    assert params.query_args() == {"q": "retraites", "since": "2024-01-02", "page": "2"}
    assert params.query_args(page=1) == {"q": "retraites", "since": "2024-01-02"}


# --- marking quotes in a text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (
            "Il a dit : « Non. » Fin.",
            [(13, 17)],
            [[Segment("Il a dit : « "), Segment("Non.", 0), Segment(" » Fin.")]],
        ),
        (
            "Premier.\n\nSecond « oui ».",
            [(19, 22)],
            [[Segment("Premier.")], [Segment("Second « "), Segment("oui", 0), Segment(" ».")]],
        ),
        (
            "« Un\ndeux »",
            [(2, 9)],
            [[Segment("« "), Segment("Un", 0)], [Segment("deux", 0), Segment(" »")]],
        ),
        ("Rien à marquer.", [], [[Segment("Rien à marquer.")]]),
        ("abc", [(1, 99)], [[Segment("a"), Segment("bc", 0)]]),
    ],
)
def test_marked_paragraphs(text: str, spans: list, expected: list) -> None:
    assert marked_paragraphs(text, spans) == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (
            "Cette réforme est une provocation.",
            [(6, 13), (22, 33)],
            [
                Segment("Cette "),
                Segment("réforme", 0),
                Segment(" est une "),
                Segment("provocation", 1),
                Segment("."),
            ],
        ),
        ("Un\ndeux", [(0, 2)], [Segment("Un", 0), Segment("\ndeux")]),
        ("Rien", [], [Segment("Rien")]),
        ("", [], []),
    ],
)
def test_marked_text_keeps_line_breaks_and_marks_each_span(
    text: str, spans: list, expected: list
) -> None:
    assert marked_text(text, spans) == expected


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 5), (3, 8)], [(0, 5, 0)]),
        ([(6, 9), (0, 5)], [(0, 5, 1), (6, 9, 0)]),
        ([(4, 4), (-3, 2)], [(0, 2, 1)]),
    ],
)
def test_non_overlapping_keeps_the_first_of_overlapping_spans(spans: list, kept: list) -> None:
    assert non_overlapping(spans, 10) == kept


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "present", "absent"),
    [
        ("/", [VASSEUR, DELORME, GARNIER, "Claire Vasseur"], []),
        ("/?q=provocation", [DELORME, "<mark>provocation</mark>", "Marc Delorme"], [GARNIER]),
        ("/?q=récolte", ["Sophie Garnier", "Sécheresse : les agriculteurs inquiets"], [DELORME]),
        ("/?q=récolte", ["Le Quotidien du Centre", "2023-08-21"], []),
        ("/?since=2024-01-01", [DELORME], [GARNIER]),
        ("/?until=2023-12-31", [GARNIER], [DELORME]),
        ("/?who=delorme", [DELORME, "Speaker: Marc Delorme"], [GARNIER, VASSEUR]),
        ("/?who=zzzzzz", ["No speaker matches", GARNIER], []),
        ("/?q=r%C3%A9forme&sort=date", ["bout de cette <mark>réforme</mark>", DELORME], []),
        ("/?q=provocation&page=99999", ["quote"], [DELORME]),
    ],
)
def test_search_page(client, url: str, present: list[str], absent: list[str]) -> None:
    response = client.get(url)
    assert response.status_code == 200
    # Jinja writes an apostrophe as &#39;: the same text on the page.
    body = response.get_data(as_text=True).replace("&#39;", "'")
    for words in present:
        assert words in body
    for words in absent:
        assert words not in body


def test_search_page_lists_speaker_facets_with_counts(client) -> None:
    body = client.get("/?q=réforme").get_data(as_text=True)
    assert '<h2 id="facet-speaker">Speakers</h2>' in body
    assert 'Claire Vasseur</a> <span class="n">2</span>' in body


def test_search_page_suggests_a_spelling(client) -> None:
    body = client.get("/?q=provocaton").get_data(as_text=True)
    assert "Did you mean" in body
    assert "provocation" in body


def test_speaker_facet_link_filters_the_search(client, web_index: Path) -> None:
    sid = speaker_id(web_index, "Marc Delorme")
    body = client.get(f"/?speaker={sid}").get_data(as_text=True)
    assert DELORME in body
    assert VASSEUR not in body


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/?since=hier", 400, "parameter since="),
        ("/?kind=rumeur", 400, "parameter kind="),
        ("/?speaker=personne-inconnue", 400, "parameter speaker="),
        ("/speakers/personne-inconnue", 404, "No speaker has the id"),
        ("/quotes/inconnu:12", 404, "No quote has the id"),
        ("/page-inexistante", 404, "nothing at this address"),
    ],
)
def test_page_errors_are_clear_4xx(client, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ['"unfinished', "AND OR (", "titre:[a TO", "*", "((((", "~~~"])
def test_odd_queries_never_fail_the_server(client, query: str) -> None:
    response = client.get("/", query_string={"q": query})
    assert response.status_code in (200, 400)


def test_search_without_an_index_is_503_with_advice(tmp_path: Path) -> None:
    client = create_app({"INDEX_DIR": str(tmp_path / "none"), "TESTING": True}).test_client()
    response = client.get("/")
    assert response.status_code == 503
    assert "quotesearch index" in response.get_data(as_text=True)


def test_csv_export_has_every_result(client) -> None:
    response = client.get("/export.csv?q=réforme")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert {row["speaker"] for row in rows} >= {"Claire Vasseur", "Marc Delorme"}
    assert all(row["quote_id"] and row["text"] for row in rows)
    total = client.get("/api/search?q=réforme").get_json()["total"]
    assert len(rows) == total


def test_csv_export_opens_in_a_spreadsheet_with_sentence_and_role(client) -> None:
    response = client.get("/export.csv?q=provocation")
    assert response.data.startswith("\ufeff".encode())
    [row] = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert list(row)[:6] == ["quote_id", "text", "sentence", "kind", "speaker", "role"]
    assert row["text"] in row["sentence"] and row["sentence"] != row["text"]
    assert row["speaker"] == "Marc Delorme"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("", "quotes.csv"),
        ("q=réforme des retraites", "quotes_reforme-des-retraites.csv"),
        ("q=réforme&source=Le Journal&year=2024", "quotes_reforme_le-journal_2024.csv"),
        ("who=delorme&since=2024-03-01", "quotes_delorme_since-2024-03-01.csv"),
    ],
)
def test_an_export_file_name_says_what_was_searched(client, query: str, name: str) -> None:
    response = client.get(f"/export.csv?{query}")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'


def test_json_export_has_the_query_and_hits(client) -> None:
    response = client.get("/export.json?q=récolte")
    data = json.loads(response.get_data(as_text=True))
    assert data["query"] == {"q": "récolte"}
    assert [hit["speaker"] for hit in data["hits"]] == ["Sophie Garnier"]
    assert data["hits"][0]["date"] == "2023-08-21"


def test_speakers_page_lists_speakers_with_counts(client) -> None:
    body = client.get("/speakers").get_data(as_text=True)
    for name in ("Claire Vasseur", "Marc Delorme", "Sophie Garnier", "Nathalie Roux"):
        assert name in body


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("vasseur", "Claire Vasseur"),
        ("marc delorm", "Marc Delorme"),
        ("NATHALIE ROUX", "Nathalie Roux"),
    ],
)
def test_speakers_page_finds_a_loose_name(client, name: str, found: str) -> None:
    body = client.get("/speakers", query_string={"name": name}).get_data(as_text=True)
    assert found in body
    assert "Sophie Garnier" not in body


def test_speaker_page_shows_everything_they_said_newest_first(client, web_index: Path) -> None:
    sid = speaker_id(web_index, "Marc Delorme")
    body = client.get(f"/speakers/{sid}").get_data(as_text=True)
    assert "<h1>Marc Delorme</h1>" in body
    newer = body.index("Les cortèges seront plus nombreux")  # 2024-03-06
    older = body.index(DELORME)  # 2024-03-04
    assert newer < older
    assert GARNIER not in body


def test_speaker_page_searches_within(client, web_index: Path) -> None:
    sid = speaker_id(web_index, "Marc Delorme")
    body = client.get(f"/speakers/{sid}?q=cortèges").get_data(as_text=True)
    assert "<mark>cortèges</mark>" in body
    assert DELORME not in body


def test_quote_page_shows_the_quote_in_its_article(client, web_index: Path) -> None:
    qid = quote_id(web_index, "provocation")
    body = client.get(f"/quotes/{qid}").get_data(as_text=True)
    assert f'<mark class="in-text" id="passage">{DELORME}' in body
    assert "Selon Marc Delorme, la mobilisation continuera" in body  # the article around it
    assert '<dd class="cue" data-cue="colon">name before a colon</dd>' in body
    assert "Marc Delorme" in body


def test_quote_page_explains_the_cue_in_french_and_marks_the_name_in_the_sentence(
    client, web_index: Path
) -> None:
    qid = quote_id(web_index, "provocation")
    page = client.get(f"/quotes/{qid}", headers={"Accept-Language": "fr"})
    body = page.get_data(as_text=True)
    assert '<dd class="cue" data-cue="colon">nom avant un deux-points</dd>' in body
    # The confidence (a probability) is written the French way: « 0,97 ».
    assert re.search(r'<dd class="confidence">0,\d\d', body)
    named = body.split('class="named-in-sentence"', 1)[1].split("</dd>", 1)[0]
    assert '<mark class="cue">Marc Delorme</mark>' in named


@pytest.mark.parametrize(
    ("url", "language", "words"),
    [
        ("/?since=hier", "fr", "paramètre since=&#39;hier&#39; non valide : il faut une date"),
        ("/?since=hier", "en", "parameter since=&#39;hier&#39; is not valid: expected a date"),
        ("/nowhere", "fr", "Il n’y a rien à cette adresse."),
        ("/nowhere", "en", "There is nothing at this address."),
        ("/?page=0x", "fr", "un nombre entier de 1 à 10000"),
        ("/?who=zzzzqqqq", "fr", "Aucun locuteur ne correspond à « zzzzqqqq »"),
        ('/?q="ouvert', "fr", "Cette recherche n’a pas pu être lue"),
        ("/?page=999", "fr", "La page 999 est au-delà de la dernière page"),
        ("/?page=999", "en", "Page 999 is past the last page"),
    ],
)
def test_errors_and_notices_speak_the_page_language(client, url, language, words) -> None:
    body = client.get(url, headers={"Accept-Language": language}).get_data(as_text=True)
    assert words in body


def test_a_page_past_the_last_links_to_the_last_page(client) -> None:
    body = client.get("/?page=999").get_data(as_text=True)
    link = body.split('class="notice past-last"', 1)[1].split("</p>", 1)[0]
    assert 'href="/?page=1"' in link or "page=" not in link


def test_a_speaker_list_page_past_the_last_links_to_the_last_page(client) -> None:
    body = client.get("/speakers?page=50", headers={"Accept-Language": "fr"})
    notice = body.get_data(as_text=True).split('class="notice past-last"', 1)[1]
    assert notice.startswith(">La page 50 est au-delà de la dernière page")
    assert 'href="/speakers?page=1"' in notice.split("</p>", 1)[0]


def test_the_english_placeholder_is_whole(client) -> None:
    body = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'placeholder="Words, &#34;a phrase&#34;…"' in body


def test_the_favicon_is_served(client) -> None:
    page = client.get("/favicon.ico")
    assert page.status_code == 200
    assert page.mimetype == "image/svg+xml"
    assert "favicon.svg" in client.get("/").get_data(as_text=True)


def test_quote_page_lists_other_sources_of_the_same_statement(client, web_index: Path) -> None:
    qid = quote_id(web_index, "salariés modestes")
    body = client.get(f"/quotes/{qid}").get_data(as_text=True)
    assert "Other sources of the same statement" in body
    assert "Le Quotidien du Centre" in body
    assert "La Gazette de l&#39;Ouest" in body


def test_about_page_shows_the_index_figures(client) -> None:
    body = client.get("/about").get_data(as_text=True)
    assert '<dd id="stat-articles">5</dd>' in body


# --- escaping ---------------------------------------------------------------------------------

RAW_MARKUP = ("<script>alert", "<b onmouseover", "<b>grasses</b>", '"><b')


def _pages_showing_the_trap(web_index: Path) -> list[str]:
    qid = quote_id(web_index, "esperluettes")
    return [
        "/",
        "/?q=balises",
        "/?q=script",
        f"/speakers/{speaker_id(web_index, 'Inès Morel')}",
        "/speakers",
        f"/quotes/{qid}",
        f"/quotes/{quote_id(web_index, 'Écrivez')}",
    ]


def test_markup_in_articles_is_shown_as_text_on_every_page(client, web_index: Path) -> None:
    for url in _pages_showing_the_trap(web_index):
        body = client.get(url).get_data(as_text=True)
        assert "Inès Morel" in body or "esperluettes" in body, url
        for raw in RAW_MARKUP:
            assert raw not in body, (url, raw)
    body = client.get("/?q=script").get_data(as_text=True)
    # The matched word is marked, the markup around it escaped.
    assert "&lt;<mark>script</mark>&gt;" in body


# --- analyse ----------------------------------------------------------------------------------

PASTED = (
    "Le maire de Lyon, Paul Girard, a inauguré le nouveau pont samedi. "
    "« Ce pont relie enfin les deux rives de notre ville », a déclaré Paul Girard."
)


def with_token(client, data: dict) -> dict:
    """The form fields with the CSRF token the Analyse page gives this client."""
    body = client.get("/analyse").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    return {**data, "csrf_token": token}


def test_analyse_form(client) -> None:
    body = client.get("/analyse").get_data(as_text=True)
    assert 'name="text"' in body and 'name="file"' in body
    assert "Nothing you send is stored." in body
    assert 'name="add"' not in body


@pytest.mark.parametrize(
    ("data", "speaker", "words"),
    [
        ({"text": PASTED}, "Paul Girard", "Ce pont relie enfin les deux rives"),
        (
            {"file": (io.BytesIO(PASTED.encode()), "pont.txt")},
            "Paul Girard",
            "Ce pont relie enfin les deux rives",
        ),
        (
            {"file": (io.BytesIO(MUSEES_HTML), "musees.html")},
            "Nathalie Roux",
            "La culture doit être accessible à tous",
        ),
    ],
)
def test_analyse_highlights_every_quote_with_its_speaker(client, data, speaker, words) -> None:
    response = client.post(
        "/analyse", data=with_token(client, data), content_type="multipart/form-data"
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<mark class="in-text" id="q0">{words}' in body
    # A speaker the index knows links to what they said elsewhere.
    assert re.search(f'class="who"[^>]*>{speaker}</', body)


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": "   "}, 400, "empty"),
        ({"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "photo.txt")}, 400, "binary"),
        ({"file": (io.BytesIO(b"\xff\xfe\xfa caf\xe9"), "latin.txt")}, 400, "UTF-8"),
        ({"file": (io.BytesIO(b"PK\x03\x04"), "notes.docx")}, 400, "unsupported file type"),
        ({"file": (io.BytesIO(b"x" * (21 * 1024 * 1024)), "big.txt")}, 413, "limited to 20 MB"),
        ({"text": "mot " * 60_000}, 400, "too large"),
        ({"text": PASTED, "add": "1"}, 403, "disabled"),
    ],
)
def test_analyse_refuses_bad_input_clearly(client, data, status, message) -> None:
    response = client.post(
        "/analyse", data=with_token(client, data), content_type="multipart/form-data"
    )
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


def test_analyse_escapes_pasted_markup(client) -> None:
    text = 'Jeanne Petit a lancé : « Voici <script>alert(1)</script> et "><b onmouseover="x ici. »'
    body = client.post("/analyse", data=with_token(client, {"text": text})).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    for raw in RAW_MARKUP:
        assert raw not in body


def test_analyse_stores_nothing_by_default(client) -> None:
    before = client.get("/api/search?q=pont").get_json()["total"]
    client.post("/analyse", data=with_token(client, {"text": PASTED}))
    assert client.get("/api/search?q=pont").get_json()["total"] == before == 0


def test_analyse_adds_to_the_index_when_the_server_allows_it(web_index: Path, tmp_path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(web_index, index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "ALLOW_ADD": True}).test_client()
    assert 'name="add"' in client.get("/analyse").get_data(as_text=True)
    response = client.post("/analyse", data=with_token(client, {"text": PASTED, "add": "1"}))
    assert "Added to the index: 1 article" in response.get_data(as_text=True)
    found = client.get("/api/search?q=pont").get_json()
    assert [hit["speaker"] for hit in found["hits"]] == ["Paul Girard"]


# --- serve ------------------------------------------------------------------------------------


def test_serve_refuses_to_start_without_an_index(tmp_path: Path) -> None:
    from quotesearch.cli import main

    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "quotesearch index" in result.output


@pytest.mark.parametrize("args", [["--port", "99999"], ["--threads", "0"]])
def test_serve_rejects_bad_options(web_index: Path, args: list[str]) -> None:
    from quotesearch.cli import main

    result = CliRunner().invoke(main, ["serve", "--index", str(web_index), *args])
    assert result.exit_code == 2


@pytest.mark.slow
def test_serve_runs_waitress_not_the_development_server(served: str) -> None:
    with urllib.request.urlopen(served + "/?q=provocation") as response:
        assert response.status == 200
        assert response.headers["Server"] == "quotesearch"
        assert DELORME in response.read().decode()


@pytest.mark.slow
def test_serve_says_what_it_serves_and_where(web_index: Path, tmp_path: Path) -> None:
    from conftest import serving

    from quotesearch.search.index import open_index

    index = open_index(web_index)
    stats = index.stats()
    index.close()
    log = tmp_path / "stderr.txt"
    with serving(web_index, log, "--workers", "1") as base:
        said = log.read_text()
    assert (
        f"Serving {stats['articles']} articles, {stats['quotes']} quotes from {web_index} "
        f"on {base}/ (Ctrl-C to stop)"
    ) in said


# --- the newsroom pages: provenance, facets, lists, languages --------------------------------


def test_result_cards_show_title_source_and_a_date_for_people(client) -> None:
    body = client.get("/?q=provocation").get_data(as_text=True)
    assert '<cite class="title"><a href="https://quotidien.example/retraites-1"' in body
    assert '<span class="source">Le Quotidien du Centre</span>' in body
    assert '<time datetime="2024-03-04">March 4, 2024</time>' in body
    assert 'class="copy-citation" data-citation="« Cette réforme est une provocation' in body
    french = client.get("/?q=provocation", headers={"Accept-Language": "fr"})
    assert '<time datetime="2024-03-04">4 mars 2024</time>' in french.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "chip"),
    [
        ("/?source=Le+Quotidien+du+Centre", "Source: Le Quotidien du Centre"),
        ("/?year=2024", "2024"),
        ("/?month=2024-03", "March 2024"),
        ("/?full=1&source=Le+Quotidien+du+Centre", "Full statements only"),
    ],
)
def test_facet_toggles_narrow_and_chips_widen(client, url: str, chip: str) -> None:
    body = client.get(url).get_data(as_text=True)
    assert body.count("<h1") == 1 and 'class="skip"' in body
    # The active filter is marked among the facets and shown as a chip that removes it.
    assert 'aria-current="true"' in body
    chips = body.split('class="chips"')[1].split("</ul>")[0]
    assert chip in chips
    narrowed = int(re.search(r'<p class="count">(\d+)', body).group(1))
    every = int(
        re.search(r'<p class="count">(\d+)', client.get("/").get_data(as_text=True)).group(1)
    )
    assert 0 < narrowed < every


def test_facets_count_sources_years_and_kinds(client) -> None:
    body = client.get("/").get_data(as_text=True)
    for heading in ("facet-source", "facet-year", "facet-kind"):
        assert f'id="{heading}"' in body
    narrowed = client.get("/?source=Le+Quotidien+du+Centre").get_data(as_text=True)
    assert 'href="/">Source: Le Quotidien du Centre' not in narrowed
    assert "Source: Le Quotidien du Centre" in narrowed
    # Cards come from that source only; another source may still report the same statement.
    assert '<span class="source">La Gazette de l' not in narrowed.split('id="results"')[1]


def test_month_and_year_parameters_are_checked(client) -> None:
    assert client.get("/?month=2024-13").status_code == 400
    assert client.get("/?year=24").status_code == 400
    assert client.get("/?year=2023&month=2024-03").status_code == 400
    assert client.get("/?full=maybe").status_code == 400


def test_speaker_page_has_a_timeline_linking_each_month(client, web_index: Path) -> None:
    sid = speaker_id(web_index, "Marc Delorme")
    body = client.get(f"/speakers/{sid}").get_data(as_text=True)
    assert '<svg viewBox="0 -4' in body
    assert f'href="/speakers/{sid}?month=2024-03"' in body
    assert "Most quoted in" in body
    month = client.get(f"/speakers/{sid}?month=2024-03").get_data(as_text=True)
    assert "March 2024" in month


@pytest.mark.parametrize(
    ("query", "first"),
    [({"sort": "name"}, "Claire Vasseur"), ({"sort": "quotes"}, None), ({"kind": "person"}, None)],
)
def test_speakers_page_is_sorted_filtered_and_paged(client, query: dict, first: str | None) -> None:
    response = client.get("/speakers", query_string=query)
    assert response.status_code == 200
    data = client.get("/api/speakers", query_string={**query, "per_page": 2}).get_json()
    assert len(data["speakers"]) <= 2 and data["pages"] >= 1 and data["page"] == 1
    if query.get("kind"):
        assert {s["kind"] for s in data["speakers"]} == {"person"}
    if first:
        names = [s["name"] for s in client.get("/api/speakers?sort=name").get_json()["speakers"]]
        assert names == sorted(names, key=str.casefold)
    assert client.get("/speakers?sort=shoe").status_code == 400


def test_language_follows_the_browser_then_the_switch(client) -> None:
    assert '<html lang="en">' in client.get("/about").get_data(as_text=True)
    french = client.get("/about", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr">' in french.get_data(as_text=True)
    assert "À propos de cet index" in french.get_data(as_text=True)
    switched = client.get("/language?lang=fr&next=/speakers")
    assert switched.status_code == 302 and switched.headers["Location"] == "/speakers"
    assert '<html lang="fr">' in client.get("/about").get_data(as_text=True)
    assert client.get("/language?lang=en&next=//evil.example").headers["Location"] == "/"


def test_about_offers_a_bookmarklet_to_analyse(client) -> None:
    body = client.get("/about").get_data(as_text=True)
    assert 'id="bookmarklet" href="javascript:' in body
    assert "/analyse?from=bookmarklet" in body


def test_analyse_reads_a_page_sent_by_the_bookmarklet(client) -> None:
    page = (
        "<html><head><title>Le pont</title></head><body><article><p>"
        + "« Ce pont relie enfin les deux rives de notre ville », a déclaré Paul Girard. " * 3
        + "</p></article></body></html>"
    )
    data = {"html": page, "url": "https://journal.example/pont", "text": ""}
    response = client.post(
        "/analyse", data=with_token(client, data), content_type="multipart/form-data"
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ce pont relie enfin" in body
    assert 'href="https://journal.example/pont"' in body


def test_analyse_fetches_a_url_only_when_the_server_allows_it(client, web_index) -> None:
    data = {"url": "https://journal.example/pont", "text": ""}
    response = client.post(
        "/analyse", data=with_token(client, data), content_type="multipart/form-data"
    )
    assert response.status_code == 403
    assert "does not fetch pages" in response.get_data(as_text=True)

    import http.server
    import threading

    page = (
        "<html><head><meta charset='utf-8'><title>Le pont</title></head><body><article>"
        "<p>« Ce pont relie enfin les deux rives », a déclaré Paul Girard devant la presse.</p>"
        "</article></body></html>"
    ).encode()
    asked = []

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    data["url"] = f"http://127.0.0.1:{server.server_address[1]}/pont"
    config = {"INDEX_DIR": str(web_index), "ALLOW_FETCH": True, "FETCH_PRIVATE_ADDRESSES": True}
    allowed = create_app(config).test_client()
    try:
        response = allowed.post(
            "/analyse", data=with_token(allowed, data), content_type="multipart/form-data"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert response.status_code == 200
    assert asked == ["/pont"]
    assert "Ce pont relie enfin" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "javascript:alert(1)", "file:///etc/passwd"]
)
def test_fetch_article_takes_web_addresses_only(url: str) -> None:
    from quotesearch.articles import fetch_article
    from quotesearch.errors import ArticleError

    with pytest.raises(ArticleError, match="http"):
        fetch_article(url)


@pytest.mark.parametrize("count", [1, 2, 24, 3_000_000])
def test_french_plurals_are_translated(client, count: int) -> None:
    from flask_babel import ngettext

    with create_app({"INDEX_DIR": "/nonexistent"}).test_request_context(
        "/", headers={"Accept-Language": "fr"}
    ):
        words = ngettext("%(num)d quote", "%(num)d quotes", count)
    assert words.endswith("citation" if count == 1 else "citations")
