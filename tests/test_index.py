"""The quote index: the French analyzer, the schema, and search over a small real index written
from hand-made analyses (no spaCy parse), in a temporary folder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from quotesearch.errors import IndexMissingError, QueryError
from quotesearch.records import Analysis, Article, Entity, Quote
from quotesearch.search import index as index_module
from quotesearch.search.index import (
    Hit,
    analyse_text,
    create_index,
    match_spans,
    open_index,
    quote_schema,
)
from quotesearch.speakers.groups import group_quotes
from quotesearch.speakers.registry import resolve_speakers

# --- the French analyzer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("déclaré", "Le préfet déclarait la fin de l'alerte."),
        ("l'État", "un etat de droit"),
        ("etat", "L'État paiera."),
        ("Corée", "la coree du Sud"),
        ("coree", "La Corée du Nord a tiré un missile."),
        ("saint etienne", "Les supporters de Saint-Étienne ont chanté."),
        ("Saint-Étienne", "saint etienne"),
        ("réformes", "Cette réforme est injuste."),
        ("lorsqu'arrivent", "lorsqu’arrivent les pluies"),
        ("aujourd’hui", "Aujourd'hui nous votons."),
        ("hôpital", "L'HÔPITAL DÉBORDE"),
        ("élèves", "les eleves"),
        # Feminine and plural participles, folded before stemming, still meet the masculine.
        ("fermés", "Nos frontières resteront fermées."),
        ("déclarée", "Il l'a déclaré."),
        ("penser", "une réforme pensée avec soin"),
    ],
)
def test_query_words_find_their_french_forms(query: str, text: str) -> None:
    wanted = analyse_text(query)
    assert wanted
    assert set(wanted) <= set(analyse_text(text))


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("aujourd'hui", ["aujourd'hui"]),
        ("d'aujourd'hui", ["aujourd'hui"]),
        ("jusqu'à l'État", ["etat"]),
        ("lorsqu'elle parle", ["parl"]),
        # English stop words are French words here: « an », « as », « me », « son » (sound).
        ("un an", ["an"]),
        ("un as du volant", ["as", "vol"]),
        ("le, la, les, de, du, des", []),
        ("Saint-Étienne", ["saint", "etien"]),
    ],
)
def test_analyzer_terms(text: str, terms: list[str]) -> None:
    assert analyse_text(text) == terms


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("Cette réforme est une provocation.", {"provoc"}, ["provocation"]),
        ("Je vois <b>rouge</b> & vert", {"roug"}, ["rouge"]),
        # The elided article is not part of the word matched.
        ("L'État paiera, l’État paiera", {"etat"}, ["État", "État"]),
        (
            "Des vignes gelées, une vigne gelée",
            {"vign", "gel"},
            ["vignes", "gelées", "vigne", "gelée"],
        ),
        ("Rien ici", set(), []),
        ("Rien ici", {"absent"}, []),
    ],
)
def test_match_spans_are_the_offsets_of_matched_words(text: str, terms: set, marked: list) -> None:
    spans = match_spans(text, terms)
    assert [text[start:end] for start, end in spans] == marked
    assert list(spans) == sorted(spans)


def test_match_spans_offsets() -> None:
    assert match_spans("Je vois <b>rouge</b> & vert", {"roug"}) == ((11, 16),)


def test_schema_has_the_searchable_filterable_and_stored_fields() -> None:
    schema = quote_schema()
    # Phrases search the exact words, which alone keep positions in the quote.
    assert schema["text"].stored and not schema["text"].format.supports("positions")
    assert schema["exact"].format.supports("positions") and not schema["exact"].stored
    assert schema["names"].format.supports("positions")
    assert schema["speaker_id"].column_type and schema["day"].column_type
    assert schema["quote_id"].unique
    for name in ("kind", "cue", "confidence", "doc_id", "title", "url", "source", "date"):
        assert name in schema.stored_names()
    for name in ("context", "group_id", "start", "end", "mention", "speaker"):
        assert name in schema.stored_names()


# --- search over a small index ----------------------------------------------------------------

CHOE = "Choe Song-hee"
DUBOIS = "Jean Dubois"
MARTIN = "Élise Martin"


def _quote(doc_id: str, text: str, start: int, speaker: str | None, kind: str = "direct"):
    return Quote(
        doc_id=doc_id,
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        speaker=speaker,
        mention=speaker,
        cue="colon",
        confidence=0.9,
        speaker_kind="person" if speaker else None,
        context=f"Contexte : « {text} »",
    )


def _analysis(doc_id, day, title, quotes, entities, source="Le Courrier du Rhône"):
    text = " ".join(f"« {q.text} »" for q in quotes)
    article = Article(
        id=doc_id,
        text=text,
        title=title,
        url=f"https://example.org/{doc_id}",
        date=day,
        source=source,
    )
    return Analysis(article=article, quotes=tuple(quotes), entities=tuple(entities))


CORPUS = [
    _analysis(
        "coree-1",
        date(2024, 2, 10),
        "Tensions en Corée",
        [
            _quote("coree-1", "La Corée ne cédera jamais aux pressions de l'État voisin", 10, CHOE),
            _quote("coree-1", "Nos frontières resteront fermées jusqu'à nouvel ordre", 90, CHOE),
        ],
        [Entity(CHOE, "person", "f", (CHOE, "Mme Choe"), ("ministre des Affaires étrangères",))],
    ),
    _analysis(
        "climat-1",
        date(2024, 5, 2),
        "Saint-Étienne face à la chaleur",
        [
            _quote(
                "climat-1",
                "Aujourd'hui, Saint-Étienne déclare l'état d'urgence climatique",
                5,
                DUBOIS,
            ),
            _quote(
                "climat-1", "le maire déclarait son soutien aux habitants", 120, MARTIN, "indirect"
            ),
            _quote("climat-1", "Je vois <b>rouge</b> & je le dis", 200, MARTIN, "partial"),
        ],
        [Entity(DUBOIS, "person", "m", (DUBOIS,)), Entity(MARTIN, "person", "f", (MARTIN,))],
    ),
    _analysis(
        "climat-2",
        date(2024, 5, 3),
        "La chaleur s'installe",
        [
            _quote(
                "climat-2",
                "Aujourd'hui, Saint-Étienne déclare l'état d'urgence climatique !",
                40,
                DUBOIS,
            ),
        ],
        [Entity(DUBOIS, "person", "m", (DUBOIS,))],
        source="La Voix du Forez",
    ),
    _analysis(
        "sans-date",
        None,
        "Le club promet de revenir",
        [_quote("sans-date", "Nous reviendrons plus forts la saison prochaine", 3, None)],
        [],
    ),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index") / "index"
    registry = resolve_speakers(CORPUS)
    groups = group_quotes(
        [q for a in CORPUS for q in a.quotes],
        speaker_of=lambda q: s.id if (s := registry.speaker_for(q)) else None,
    )
    create_index(folder, CORPUS, registry=registry, groups=groups)
    return folder


@pytest.fixture()
def index(index_dir: Path):
    opened = open_index(index_dir)
    yield opened
    opened.close()


def _texts(hits: list[Hit]) -> list[str]:
    return [hit.text for hit in hits]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("déclaré", {"climat-1:5", "climat-1:120", "climat-2:40"}),
        ("coree", {"coree-1:10"}),
        ("etat", {"coree-1:10", "climat-1:5", "climat-2:40"}),
        ("saint etienne", {"climat-1:5", "climat-2:40"}),
        ('"état d\'urgence"', {"climat-1:5", "climat-2:40"}),
        ('"urgence état"', set()),
        ("frontières OR soutien", {"coree-1:90", "climat-1:120"}),
        ("déclare NOT soutien", {"climat-1:5", "climat-2:40"}),
        ("déclare AND soutien", {"climat-1:120"}),
        # Speaker names are searched with the text: every quote of hers, whatever it says.
        ("Choe Song-hee", {"coree-1:10", "coree-1:90"}),
        ("choe song hee frontières", {"coree-1:90"}),
        ("rouge", {"climat-1:200"}),
        ("reviendr*", {"sans-date:3"}),
        ("hui", set()),
    ],
)
def test_search_finds(index, query: str, found: set[str]) -> None:
    page = index.search(query, per_page=100)
    assert {hit.quote_id for hit in page.hits} == found
    assert page.total == len(found)


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"kind": "indirect"}, {"climat-1:120"}),
        ({"since": date(2024, 5, 3)}, {"climat-2:40"}),
        ({"until": date(2024, 2, 10)}, {"coree-1:10", "coree-1:90"}),
        (
            {"since": date(2024, 5, 2), "until": date(2024, 5, 2), "kind": "partial"},
            {"climat-1:200"},
        ),
    ],
)
def test_filters_narrow_every_quote(index, filters: dict, found: set[str]) -> None:
    assert {hit.quote_id for hit in index.search("", **filters).hits} == found


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"source": "La Voix du Forez"}, {"climat-2:40"}),
        ({"source": "La Voix"}, set()),
        (
            {"full_statements": True, "since": date(2024, 5, 1)},
            {"climat-1:5", "climat-1:120", "climat-2:40"},
        ),
        ({"full_statements": True, "kind": "partial"}, set()),
    ],
)
def test_source_and_full_statement_filters(index, filters: dict, found: set[str]) -> None:
    assert {hit.quote_id for hit in index.search("", **filters).hits} == found
    assert {hit.quote_id for hit in index.iter_hits("", **filters)} == found


def test_full_statements_leave_out_partial_quotes_of_a_word_search(index) -> None:
    assert index.search("rouge").total == 1
    assert index.search("rouge", full_statements=True).total == 0


@pytest.mark.parametrize(
    ("query", "filters", "sources", "kinds", "months"),
    [
        (
            "",
            {},
            [("Le Courrier du Rhône", 6), ("La Voix du Forez", 1)],
            [("direct", 5), ("partial", 1), ("indirect", 1)],
            [("2024-02", 2), ("2024-05", 4)],
        ),
        (
            "déclaré",
            {},
            [("Le Courrier du Rhône", 2), ("La Voix du Forez", 1)],
            [("direct", 2), ("indirect", 1)],
            [("2024-05", 3)],
        ),
        (
            "",
            {"since": date(2024, 5, 3)},
            [("La Voix du Forez", 1)],
            [("direct", 1)],
            [("2024-05", 1)],
        ),
    ],
)
def test_facets_count_sources_kinds_and_months(
    index, query: str, filters: dict, sources: list, kinds: list, months: list
) -> None:
    page = index.search(query, **filters)
    assert (page.sources, page.kinds, page.months) == (sources, kinds, months)


def test_facets_count_an_index_whose_segments_lack_a_column(tmp_path: Path) -> None:
    # The added article has no source: its segment has no source column at all.
    corpus = CORPUS[:1]
    added = _analysis(
        "ajout", date(2024, 6, 1), "Ajout", [_quote("ajout", "Un ajout", 5, MARTIN)], []
    )
    added = Analysis(article=replace(added.article, source=None), quotes=added.quotes)
    registry = resolve_speakers([*corpus, added])
    create_index(tmp_path / "ix", corpus, registry=registry, groups={})
    index_module.update_index(
        tmp_path / "ix", added=[added], removed=[], kept=corpus, registry=registry, groups={}
    )
    with open_index(tmp_path / "ix") as index:
        page = index.search("")
        assert page.total == 3
        assert page.sources == [("Le Courrier du Rhône", 2)]
        assert page.months == [("2024-02", 2), ("2024-06", 1)]
        assert index.search("ajout").sources == []


def test_latest_dates_of_speakers(index) -> None:
    latest = {index.speakers.get(sid).name: day for sid, day in index.latest_dates().items()}
    assert latest == {CHOE: date(2024, 2, 10), DUBOIS: date(2024, 5, 3), MARTIN: date(2024, 5, 2)}


@pytest.mark.parametrize("sort", ["score", "date"])
def test_dates_narrow_a_word_search(index, sort: str) -> None:
    page = index.search("déclaré", since=date(2024, 5, 3), sort=sort)
    assert [hit.quote_id for hit in page.hits] == ["climat-2:40"]
    assert page.total == 1
    assert sum(count for _, _, count in page.facets) == 1
    assert index.search("reviendr*", until=date(2030, 1, 1), sort=sort).total == 0


def test_speaker_filter_takes_a_speaker_id(index) -> None:
    choe = index.speakers.resolve_name("choe song hee")
    page = index.search("", speaker_id=choe.id)
    assert {hit.speaker for hit in page.hits} == {CHOE}
    assert page.total == 2


def test_empty_query_by_date_is_newest_first_and_undated_last(index) -> None:
    hits = index.search("", sort="date", per_page=100).hits
    assert [hit.doc_id for hit in hits][:1] == ["climat-2"]
    assert hits[-1].date is None
    dated = [hit.date for hit in hits if hit.date]
    assert dated == sorted(dated, reverse=True)


@pytest.mark.parametrize(
    ("page", "per_page", "shown", "pages"),
    [(1, 2, 2, 4), (4, 2, 1, 4), (5, 2, 0, 4), (1, 100, 7, 1)],
)
def test_pages(index, page: int, per_page: int, shown: int, pages: int) -> None:
    results = index.search("", page=page, per_page=per_page)
    assert (len(results.hits), results.total, results.pages) == (shown, 7, pages)


def test_facets_count_quotes_per_speaker(index) -> None:
    facets = index.search("déclare").facets
    assert [(name, count) for _, name, count in facets] == [(DUBOIS, 2), (MARTIN, 1)]


def test_hits_carry_the_quote_speaker_article_and_matches(index) -> None:
    hit = index.search("urgence", per_page=100).hits[0]
    assert hit.speaker == DUBOIS and hit.speaker_id
    assert hit.title in {"Saint-Étienne face à la chaleur", "La chaleur s'installe"}
    assert [hit.text[start:end] for start, end in hit.matches] == ["urgence"]
    assert hit.score > 0
    data = hit.to_dict()
    assert data["date"] in {"2024-05-02", "2024-05-03"}
    assert data["text"] == hit.text
    assert data["matches"] == [list(span) for span in hit.matches]


def test_matches_are_offsets_in_the_raw_text_markup_and_all(index) -> None:
    hit = index.search("rouge").hits[0]
    assert hit.text == "Je vois <b>rouge</b> & je le dis"
    assert hit.matches == ((11, 16),)


def test_hits_found_without_words_mark_nothing(index) -> None:
    assert all(hit.matches == () for hit in index.search("", per_page=100).hits)


def test_articles_come_back_as_they_were_analysed(index) -> None:
    stored = sorted(index.analyses(), key=lambda a: a.article.id)
    assert stored == sorted(CORPUS, key=lambda a: a.article.id)


def test_near_duplicates_share_a_group(index) -> None:
    hit = index.quote("climat-1:5")
    assert {h.quote_id for h in index.group(hit.group_id)} == {"climat-1:5", "climat-2:40"}


def test_quote_article_and_stats(index) -> None:
    assert index.quote("climat-1:120").kind == "indirect"
    assert index.quote("climat-1:999") is None
    article = index.article("coree-1")
    assert article.title == "Tensions en Corée" and article.date == date(2024, 2, 10)
    assert index.article("inconnu") is None
    stats = index.stats()
    assert (stats["articles"], stats["quotes"], stats["speakers"]) == (4, 7, 3)
    assert stats["built_at"]


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("frontieres fermées", None),
        ("frontères", "frontières"),
        ("urgance climatique", "urgence climatique"),
    ],
)
def test_did_you_mean_when_nothing_matches(index, query: str, suggestion: str | None) -> None:
    page = index.search(query)
    assert page.suggestion == suggestion


@pytest.mark.parametrize("query", ["\"état d'urgence", "(Corée OR État", "Corée)"])
def test_malformed_queries_raise_query_error(index, query: str) -> None:
    with pytest.raises(QueryError, match="the query"):
        index.search(query)


@pytest.mark.parametrize(
    ("query", "total"),
    [("AND", 0), ("OR OR", 0), ("NOT", 0), ("~~~", 0), ("titre:[a TO", 0), ("*", 7)],
)
def test_odd_queries_answer(index, query: str, total: int) -> None:
    assert index.search(query).total == total


# Whoosh's parser fails on these with its own errors: a field with nothing to search, a range
# of non-dates, operators with nothing to join.
@pytest.mark.parametrize(
    "query", ["day:3", "start:[1 TO 2]", "date:[x TO y]", "kind: date: NOT AND : "]
)
def test_queries_whoosh_cannot_read_raise_query_error(index, query: str) -> None:
    with pytest.raises(QueryError, match="could not be read"):
        index.search(query)


def test_a_bug_while_searching_is_not_called_a_bad_query(index, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(index_module._Shared, "counts", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        index.search("urgence")


# --- every hit ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page_size", [2, 3, 100])
def test_iter_hits_walks_every_page_in_order(index, monkeypatch, page_size: int) -> None:
    monkeypatch.setattr(index_module, "ITER_PAGE", page_size)
    every = index.search("", sort="date", per_page=100).hits
    assert [h.quote_id for h in index.iter_hits("", sort="date")] == [h.quote_id for h in every]


@pytest.mark.parametrize(("limit", "count"), [(0, 0), (1, 1), (3, 3), (7, 7), (50, 7)])
def test_iter_hits_stops_at_the_limit(index, monkeypatch, limit: int, count: int) -> None:
    monkeypatch.setattr(index_module, "ITER_PAGE", 2)
    hits = list(index.iter_hits("", sort="date", limit=limit))
    every = index.search("", sort="date", per_page=100).hits
    assert [h.quote_id for h in hits] == [h.quote_id for h in every[:count]]


def test_iter_hits_takes_the_search_filters(index, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "ITER_PAGE", 1)
    hits = list(index.iter_hits("déclare", since=date(2024, 5, 3)))
    found = index.search("déclare", since=date(2024, 5, 3)).hits
    assert hits and [h.quote_id for h in hits] == [h.quote_id for h in found]
    assert all(h.date >= date(2024, 5, 3) and h.matches for h in hits)


def test_iter_hits_raises_query_error_on_a_malformed_query(index) -> None:
    with pytest.raises(QueryError):
        list(index.iter_hits('"état'))


def test_missing_index_tells_to_run_the_build(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="run `quotesearch index`"):
        open_index(tmp_path / "nothing")


def test_damaged_index_tells_to_run_the_build(tmp_path: Path, index_dir: Path) -> None:
    import shutil

    broken = tmp_path / "index"
    shutil.copytree(index_dir, broken)
    segments = [p for p in broken.glob("quotes_*") if p.suffix not in (".toc", "")]
    assert segments
    for segment in segments:
        segment.write_bytes(b"not a segment")
    with pytest.raises(IndexMissingError, match=r"damaged.*quotesearch index"):
        open_index(broken).search("coree")
