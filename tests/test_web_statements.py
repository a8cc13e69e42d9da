"""Search results a fact-checker can trust: full statements first, fragments under their own tab,
one card per statement reported by several articles, newest first on the first screen, and a
hit found only through its speaker's name saying so. Over a real index written from hand-made
analyses, served by the Flask test client."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from quotesearch.records import Analysis, Article, Entity, Quote
from quotesearch.search.index import create_index
from quotesearch.speakers.groups import group_quotes
from quotesearch.speakers.registry import resolve_speakers

DUMAS = "Hélène Dumas"
ROCHE = "Bruno Roche"
STATEMENT = "Nous rouvrirons la piscine municipale dès le mois de juin, quoi qu'il arrive"
FRAGMENT = "bassin olympique"
UNSURE = "gouffre financier"


def _quote(doc: str, text: str, start: int, speaker: str, kind: str = "direct", sure=0.9):
    return Quote(
        doc_id=doc,
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        speaker=speaker,
        mention=speaker,
        cue="colon",
        confidence=sure,
        speaker_kind="person",
        context=f"Selon elle, « {text} » et la suite de la phrase.",
    )


def _article(doc: str, day: date, source: str, quotes: list[Quote]) -> Analysis:
    article = Article(
        id=doc,
        text=" ".join(f"« {q.text} »" for q in quotes),
        title=f"La piscine, {source}",
        url=f"https://example.org/{doc}",
        date=day,
        source=source,
    )
    entities = tuple(
        Entity(name, "person", "f" if name == DUMAS else "m", (name,))
        for name in sorted({q.speaker for q in quotes if q.speaker})
    )
    return Analysis(article=article, quotes=tuple(quotes), entities=entities)


CORPUS = [
    _article(
        "gazette-1",
        date(2024, 4, 2),
        "La Gazette du Lac",
        [
            _quote("gazette-1", STATEMENT, 10, DUMAS),
            _quote("gazette-1", FRAGMENT, 120, DUMAS, "partial"),
        ],
    ),
    _article(
        "echo-1",
        date(2024, 4, 4),
        "L'Écho des Berges",
        [
            _quote("echo-1", STATEMENT, 30, DUMAS),
            # A fragment given to her with little confidence: not on her page.
            _quote("echo-1", UNSURE, 200, DUMAS, "partial", sure=0.4),
        ],
    ),
    _article(
        "gazette-2",
        date(2024, 5, 20),
        "La Gazette du Lac",
        [
            _quote("gazette-2", "Le conseil votera le budget des sports avant l'été", 5, ROCHE),
            # « Dumas » is only in the quote of another speaker's name: found through it.
            _quote("gazette-2", "La maire Dumas a raison sur la piscine", 90, ROCHE),
        ],
    ),
]


def write_index(folder: Path) -> Path:
    """Write the index of CORPUS into `folder`, its statements grouped as a build groups them."""
    registry = resolve_speakers(CORPUS)
    days = {a.article.id: a.article.date.toordinal() for a in CORPUS}
    groups = group_quotes(
        [q for a in CORPUS for q in a.quotes],
        speaker_of=lambda q: s.id if (s := registry.speaker_for(q)) else None,
        day_of=lambda q: days[q.doc_id],
    )
    create_index(folder, CORPUS, registry=registry, groups=groups)
    return folder


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_index(tmp_path_factory.mktemp("statements") / "index")


@pytest.fixture()
def client(index_dir: Path):
    from web import create_app

    return create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()


def _body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True).replace("&#39;", "'")


def _speaker_id(client, name: str) -> str:
    data = client.get("/api/speakers", query_string={"name": name}).get_json()
    return data["speakers"][0]["id"]


def test_search_lists_statements_first_and_fragments_under_their_tab(client) -> None:
    body = _body(client, "/")
    assert "piscine municipale" in body
    assert FRAGMENT not in body
    assert 'data-view="statements">Statements <span class="n">4</span>' in body
    assert 'data-view="fragments">Fragments and terms <span class="n">2</span>' in body
    fragments = _body(client, "/?view=fragments")
    assert FRAGMENT in fragments and "piscine municipale" not in fragments


def test_the_first_screen_says_what_the_index_holds_newest_first(client) -> None:
    body = _body(client, "/")
    summary = body.split('<p class="summary">')[1].split("</p>")[0]
    assert "The index holds 3 articles, 6 quotes" in summary
    assert "April 2, 2024" in summary and "May 20, 2024" in summary
    assert "La Gazette du Lac" in summary and "L'Écho des Berges" in summary
    # Newest first: the May article's quotes come before April's.
    assert body.index("budget des sports") < body.index("piscine municipale")
    assert '<p class="summary">' not in _body(client, "/?q=piscine")


def test_a_statement_of_two_articles_is_one_card_with_both_sources(client) -> None:
    body = _body(client, "/?q=rouvrirons")
    assert body.count('class="hit"') == 1
    reports = body.split('<div class="reports">')[1].split("</div>")[0]
    assert "Also reported by 1 article" in reports
    # Earliest first, each one click from its quote page.
    assert reports.index("La Gazette du Lac") < reports.index("L'Écho des Berges")
    assert reports.count('href="/quotes/') == 2
    data = client.get("/api/search?q=rouvrirons").get_json()
    assert data["total"] == 2 and data["statements"] == 1 and len(data["hits"]) == 1
    [other] = data["hits"][0]["also_reported_by"]
    assert other["doc_id"] != data["hits"][0]["doc_id"]


def test_a_speaker_page_lists_statements_and_only_sure_fragments(client) -> None:
    speaker = _speaker_id(client, "dumas")
    body = _body(client, f"/speakers/{speaker}")
    assert "piscine municipale" in body and FRAGMENT not in body
    assert 'data-view="fragments">Fragments and terms <span class="n">1</span>' in body
    fragments = _body(client, f"/speakers/{speaker}?view=fragments")
    assert FRAGMENT in fragments
    assert UNSURE not in fragments
    data = client.get(f"/api/speakers/{speaker}?view=all").get_json()
    assert UNSURE not in {hit["text"] for hit in data["quotes"]}


def test_an_uncertain_fragment_does_not_open_its_speakers_page(client) -> None:
    body = _body(client, "/?view=fragments&q=gouffre")
    card = body.split('<article class="hit')[1].split("</article>")[0]
    assert UNSURE in card
    assert 'class="speaker"' in card and "/speakers/" not in card
    sure = _body(client, "/?view=fragments&q=olympique").split('<article class="hit')[1]
    assert "/speakers/" in sure.split("</article>")[0]


def test_words_in_the_quote_rank_before_words_in_the_speakers_name(client) -> None:
    data = client.get("/api/search?q=dumas").get_json()
    found = [(hit["text"], hit["found_in"]) for hit in data["hits"]]
    assert found[0] == ("La maire Dumas a raison sur la piscine", "quote")
    assert {where for _, where in found[1:]} == {"speaker"}
    by_name = data["hits"][1]
    start, end = by_name["speaker_matches"][0]
    assert by_name["speaker"][start:end] == "Dumas"
    assert by_name["matches"] == []
    body = _body(client, "/?q=dumas")
    assert "The words searched are in the speaker's name, not in the quote." in body
    assert "Hélène <mark>Dumas</mark>" in body


def test_the_interface_speaks_french_for_the_new_parts(client) -> None:
    body = client.get("/?q=rouvrirons", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Déclarations" in body
    assert "Aussi rapportée par 1 article" in body
