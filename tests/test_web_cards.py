"""Result cards, citations, chips and the speaker timeline, over hand-made hits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from quotesearch.search.index import Hit
from web import create_app
from web.cards import badges, chips, citation, result_cards, years
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
        "« Nous resterons unis », a déclaré Sergueï Lavrov (ministre), “Lavrov à Pyongyang”, "
        "Le Journal, 18 novembre 2019, https://journal.example/a"
    )
    assert badges(found) == [("kind-direct", "citation directe")]
    assert ("uncertain", "locuteur incertain") in badges(replace(found, confidence=0.6))


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
