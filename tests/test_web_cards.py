"""Result cards, citations, chips and the speaker timeline, over hand-made hits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from quotesearch.search.index import Hit
from web import create_app
from web.cards import (
    badges,
    chips,
    citation,
    confidence,
    cue_label,
    long_date,
    moment,
    result_cards,
    speaker_role,
    years,
)
from web.params import SearchParams
from web.timeline import timeline

SENTENCE = (
    "Lavrov a jugé la relation « stratégique » et le soutien « naturel » entre les deux pays."
)


def hit(text: str, start: int, kind: str = "partial", **fields) -> Hit:
    values = {
        "quote_id": f"a:{start}",
        "text": text,
        "kind": kind,
        "cue": "verb-before",
        "confidence": 0.9,
        "mention": "Lavrov",
        "speaker": "Sergueï Lavrov",
        "speaker_id": "serguei-lavrov",
        "doc_id": "a",
        "title": "Lavrov à Pyongyang",
        "url": "https://journal.example/a",
        "source": "Le Journal",
        "date": date(2019, 11, 18),
        "context": SENTENCE,
        "group_id": f"a:{start}",
        "score": 1.0,
        "start": start,
        "end": start + len(text),
    }
    return Hit(**{**values, **fields})


@pytest.fixture()
def ctx():
    app = create_app({"INDEX_DIR": "/nonexistent"})
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        yield


@pytest.fixture()
def ctx_en():
    app = create_app({"INDEX_DIR": "/nonexistent"})
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize(
    ("language", "number", "cue", "built"),
    [
        ("fr", "0,95", "verbe après la citation", "7 décembre 2026 à 20:59"),
        ("en", "0.95", "reporting verb after the quote", "December 7, 2026 at 8:59"),
    ],
)
def test_numbers_cues_and_the_build_time_in_each_language(language, number, cue, built) -> None:
    app = create_app({"INDEX_DIR": "/nonexistent"})
    with app.test_request_context("/", headers={"Accept-Language": language}):
        assert confidence(0.95) == number
        assert cue_label("verb-after") == cue
        assert moment("2026-12-07T20:59:44+00:00").startswith(built)
        assert moment("not a time") == ""


def test_fragments_of_one_sentence_are_one_card_marked_in_it() -> None:
    fragments = [hit("stratégique", 500), hit("naturel", 520)]
    whole = hit("Nous resterons unis", 10, kind="direct", context="« Nous resterons unis »")
    cards = result_cards([fragments[1], whole, fragments[0]])
    assert len(cards) == 2
    first = cards[0]
    assert [h.text for h in first.hits] == ["stratégique", "naturel"]
    assert [s.text for s in first.sentence if s.mark is not None] == ["stratégique", "naturel"]
    assert "".join(s.text for s in first.sentence) == SENTENCE
    assert cards[1].sentence is None and cards[1].hit is whole


def test_a_fragment_missing_from_its_sentence_stays_on_its_own() -> None:
    [card] = result_cards([hit("absent", 5, context="Une autre phrase.")])
    assert card.sentence is None


def test_citation_and_badges_in_french(ctx) -> None:
    found = hit("Nous resterons unis", 10, kind="direct", speaker_note="ministre")
    assert citation(found) == (
        "« Nous resterons unis », a déclaré Sergueï Lavrov, ministre, le 18 novembre 2019 "
        "(Le Journal, https://journal.example/a)"
    )
    assert badges(found) == [("kind-direct", "citation directe")]
    assert ("uncertain", "locuteur incertain") in badges(replace(found, confidence=0.6))


@pytest.mark.parametrize(
    ("confidence", "uncertain"),
    [(0.95, False), (0.85, False), (0.8, False), (0.75, True), (0.6, True), (0.0, True)],
)
def test_the_uncertain_badge_marks_the_cues_that_guess(ctx, confidence, uncertain) -> None:
    found = hit("Nous resterons unis", 10, kind="direct", confidence=confidence)
    assert (("uncertain", "locuteur incertain") in badges(found)) is uncertain


def test_the_citation_reads_as_french_with_the_role_as_the_article_wrote_it(ctx) -> None:
    found = hit(
        "Nous ferons tout pour les soignants",
        10,
        kind="direct",
        speaker="Olivier Véran",
        speaker_note="gouvernement, ministre de la Santé",
        date=date(2020, 3, 3),
        source="Orange Actualités",
        url=None,
    )
    assert citation(found) == (
        "« Nous ferons tout pour les soignants », a déclaré Olivier Véran, gouvernement, "
        "ministre de la Santé, le 3 mars 2020 (Orange Actualités)"
    )
    said = replace(found, kind="indirect", text="il fera tout pour les soignants", url=None)
    assert citation(said).startswith("il fera tout pour les soignants, selon Olivier Véran")


def test_the_citation_in_english(ctx_en) -> None:
    found = hit("Nous resterons unis", 10, kind="direct", date=date(2020, 7, 1), url=None)
    assert citation(found) == (
        "« Nous resterons unis », said Sergueï Lavrov, on July 1, 2020 (Le Journal)"
    )


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2020, 7, 1), "1er juillet 2020"),
        (date(2019, 1, 1), "1er janvier 2019"),
        (date(2019, 11, 18), "18 novembre 2019"),
        (date(2021, 3, 2), "2 mars 2021"),
    ],
)
def test_french_dates_write_the_first_of_a_month_1er(ctx, day, written) -> None:
    assert long_date(day) == written


@pytest.mark.parametrize(
    ("note", "role"),
    [
        ("CFDT, secrétaire général de la CFDT", "secrétaire général de la CFDT"),
        ("gouvernement, ministre de la Santé", "gouvernement, ministre de la Santé"),
        ("", ""),
    ],
)
def test_a_role_drops_an_affiliation_it_already_says(note, role) -> None:
    assert speaker_role(note) == role


def test_chips_remove_one_filter_each(ctx) -> None:
    params = SearchParams(q="corée", source="Le Journal", year="2019", month="2019-11", full=True)
    shown = {chip.label: chip.without for chip in chips(params, None)}
    kept = {"q": "corée", "source": "Le Journal", "full": "1"}
    assert shown["novembre 2019"] == {**kept, "year": "2019"}
    assert shown["2019"] == kept
    assert "source" not in shown["Source : Le Journal"]
    assert "full" not in shown["Déclarations complètes seulement"]


def test_years_add_up_their_months() -> None:
    assert years([("2019-11", 2), ("2019-12", 1), ("2020-01", 4)]) == [("2019", 3), ("2020", 4)]


def test_timeline_has_a_bar_per_month_from_first_to_last() -> None:
    chart = timeline([("2019-11", 2), ("2020-02", 4)])
    assert [b.month for b in chart.bars] == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert [b.count for b in chart.bars] == [2, 0, 0, 4]
    tallest = chart.bars[-1]
    assert tallest.y == 0 and tallest.height == chart.plot_height
    assert [b.year_label for b in chart.bars] == ["2019", "", "2020", ""]
    assert timeline([]) is None
