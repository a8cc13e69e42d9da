"""Scoring against gold files, on small gold and prediction sets whose figures are worked out
by hand in the comments."""

from __future__ import annotations

import json

import pytest

from quotesearch.errors import GoldFileError
from quotesearch.evaluation import (
    CueRecall,
    GoldQuote,
    gold_doc,
    load_gold,
    score,
    speaker_right,
    text_similarity,
)
from quotesearch.records import Quote


def gold(doc, quote, speaker, cue, **extra) -> GoldQuote:
    return GoldQuote(doc=doc, quote=quote, speaker=speaker, cue=cue, **extra)


def pred(doc_id, text, speaker, *, start=0, kind="direct", cue="verb-after") -> Quote:
    return Quote(
        doc_id=doc_id,
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        speaker=speaker,
        mention=speaker,
        cue=cue,
        confidence=0.9,
    )


GOLD = [
    gold("a01", "Nous ne céderons pas", "Élisabeth Borne", "verb-after", aliases=("Borne",)),
    gold("a01", "irresponsable", "Élisabeth Borne", "partial"),
    gold("a01", "La réforme sera votée avant l'été", "Gabriel Attal", "incise-pronoun"),
    gold("a01", "mesure d'urgence", None, "none", also_accept=("gouvernement",)),
    gold("b02", "Le stade sera prêt à temps", "Anne Hidalgo", "colon"),
]
PREDICTED = [
    pred("a01_3f2e", "Nous ne céderons pas !", "Borne"),  # matched, right (alias)
    pred("a01_3f2e", "irresponsable", "Gabriel Attal", kind="partial"),  # matched, wrong
    pred("a01_3f2e", "La reforme sera votee avant l’ete", "Attal"),  # matched, right
    pred("a01_3f2e", "mesure d'urgence", None, kind="partial"),  # matched, right (null)
    pred("a01_3f2e", "un texte que personne n'a écrit", "Attal"),  # spurious
    pred("a01_3f2e", "la réforme serait retirée", "Attal", kind="indirect"),  # not scored
    pred("b02", "Le stade sera prêt", "Anne Hidalgo"),  # 18/26 of the gold: spurious
]


def test_score_figures_by_hand():
    report = score(GOLD, PREDICTED)
    # 5 gold, 6 scored predictions (the indirect one is left out), 4 matched, 3 right speakers.
    assert (report.gold, report.predicted, report.matched, report.right) == (5, 6, 4, 3)
    assert report.quote_precision == pytest.approx(4 / 6)
    assert report.quote_recall == pytest.approx(4 / 5)
    assert report.quote_f1 == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))
    assert report.attribution_accuracy == pytest.approx(3 / 4)
    assert report.precision == pytest.approx(3 / 6)
    assert report.recall == pytest.approx(3 / 5)
    assert report.f1 == pytest.approx(2 * 0.5 * 0.6 / 1.1)
    assert [g.quote for g in report.missed] == ["Le stade sera prêt à temps"]
    assert [q.text for q in report.spurious] == [
        "un texte que personne n'a écrit",
        "Le stade sera prêt",
    ]
    assert [(m.gold.quote, m.predicted.speaker) for m in report.wrong_speakers] == [
        ("irresponsable", "Gabriel Attal")
    ]
    assert report.per_cue == (
        CueRecall("verb-after", 1, 1, 1),
        CueRecall("incise-pronoun", 1, 1, 1),
        CueRecall("colon", 1, 0, 0),
        CueRecall("partial", 1, 1, 0),
        CueRecall("none", 1, 1, 1),
    )


def test_perfect_run_scores_one():
    perfect = [pred(g.doc, g.quote, g.speaker) for g in GOLD]
    report = score(GOLD, perfect)
    assert (report.quote_f1, report.attribution_accuracy, report.f1) == (1.0, 1.0, 1.0)
    assert report.missed == report.spurious == report.wrong_speakers == ()


def test_empty_prediction_scores_zero():
    report = score(GOLD, [])
    assert (report.quote_precision, report.quote_recall, report.f1) == (0.0, 0.0, 0.0)
    assert len(report.missed) == 5


def test_each_gold_quote_matches_one_prediction():
    # Two predictions of the same gold quote: the closer one matches, the other is spurious.
    report = score(
        [gold("c", "Nous irons jusqu'au bout", "Marine Tondelier", "verb-before")],
        [
            pred("c", "Nous irons jusqu'au bou", "Tondelier"),
            pred("c", "nous irons jusqu'au bout", None),
        ],
    )
    assert [m.predicted.speaker for m in report.matches] == [None]
    assert [q.speaker for q in report.spurious] == ["Tondelier"]
    assert report.matched == 1 and report.right == 0


def test_gold_offsets_decide_between_repeated_quotes():
    # The same words quoted twice, by two people: offsets tell which prediction is which.
    twice = [
        gold("d", "Jamais", "Olivier Faure", "verb-after", start=10, end=16),
        gold("d", "Jamais", "Fabien Roussel", "verb-after", start=300, end=306),
    ]
    report = score(
        twice, [pred("d", "Jamais", "Roussel", start=300), pred("d", "Jamais", "Faure", start=10)]
    )
    assert report.right == 2


def test_scoring_only_the_articles_analysed():
    report = score(GOLD, [p for p in PREDICTED if p.doc_id == "b02"], articles=["b02", "z99"])
    # a01 was not analysed: its gold quotes are left out, not counted as missed.
    assert (report.gold, report.predicted, report.matched) == (1, 1, 0)
    assert report.skipped == ("a01",)
    assert report.unannotated == ("z99",)


@pytest.mark.parametrize(
    ("predicted", "gold_text", "matches"),
    [
        ("Nous ne céderons pas", "nous ne cederons pas", True),  # case and accents
        ("« Nous ne céderons pas ! »", "Nous ne céderons pas", True),  # surrounding punctuation
        ("Un cessez-le-feu immédiat", "un cessez le feu immediat", True),  # hyphens
        ("C’est inacceptable", "C'est inacceptable", True),  # apostrophes
        ("la paix maintenant", "la paix maintenant", True),
        ("la paix maintenanx", "la paix maintenant", True),  # 17/18 alike: 94%
        ("la pair maintenanx", "la paix maintenant", False),  # 16/18: 88.9%, not contained
        ("la paix durable et juste", "la paix durable", False),  # contained, 15/24 < 80%
        ("la paix durable, et juste", "la paix durable et juste", True),  # 24/25 alike
        ("abcdefgh", "abcdefghij", True),  # contained, exactly 80% of the length
        ("abcdefg", "abcdefghij", False),  # contained, 70%
        ("", "quelque chose", False),
    ],
)
def test_text_matching_rule(predicted, gold_text, matches):
    assert bool(text_similarity(predicted, gold_text)) is matches


LAVROV = gold("000", "…", "Sergueï Lavrov", "verb-before", aliases=("Lavrov", "Sergei Lavrov"))
ROLE_ALIAS = gold(
    "000", "…", "Sergueï Lavrov", "role-mention", aliases=("le chef de la diplomatie russe",)
)
NOBODY = gold("000", "…", None, "none", also_accept=("KCNA",))


@pytest.mark.parametrize(
    ("predicted", "gold_quote", "right"),
    [
        ("Sergueï Lavrov", LAVROV, True),
        ("Lavrov", LAVROV, True),  # every token of the shorter form is in the longer one
        ("M. Lavrov", LAVROV, True),  # the alias "Lavrov" is all in it
        ("M. Lavrov", gold("000", "…", "Sergueï Lavrov", "verb-after"), False),  # "m." is not
        ("sergei lavrov", LAVROV, True),  # alias
        ("SERGUEI LAVROV", LAVROV, True),  # folding
        ("Dmitri Peskov", LAVROV, False),
        ("de la diplomatie russe", LAVROV, False),
        # A role among the aliases helps a reader but is no answer when the name is known.
        ("le chef de la diplomatie russe", ROLE_ALIAS, False),
        ("Lavrov", ROLE_ALIAS, True),
        # A lower-case answer accepted on purpose (an anonymous source) still counts.
        (
            "une source diplomatique",
            gold("000", "…", None, "none", also_accept=("source diplomatique",)),
            True,
        ),
        (None, LAVROV, False),
        (None, NOBODY, True),
        ("KCNA", NOBODY, True),  # also accepted
        ("Lavrov", NOBODY, False),
        (
            "Kim Jong Un",
            gold("x", "…", "Kim Jong-un", "pronoun"),
            True,
        ),
        (
            "les médias nord-coréens",
            gold("x", "…", "Les médias nord-coréens", "verb-before"),
            True,
        ),
        (None, gold("x", "…", "Les médias", "verb-before", also_accept=(None,)), True),
    ],
)
def test_speaker_rule(predicted, gold_quote, right):
    assert speaker_right(predicted, gold_quote) is right


@pytest.mark.parametrize(
    ("doc_id", "doc"),
    [("000_dd05dc77c5911e5d", "000"), ("d001", "d001"), ("a_b_c", "a"), ("a_b", "a_b")],
)
def test_gold_doc_names(doc_id, doc):
    assert gold_doc(doc_id, {"000", "d001", "a_b"}) == doc


def test_load_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [
        {
            "doc": "000",
            "quote": "soutien indéfectible",
            "speaker": "Sergueï Lavrov",
            "speaker_kind": "person",
            "cue": "partial",
            "aliases": ["Lavrov"],
            "also_accept": [None],
            "note": "",
        },
        {"doc": "d001", "quote": "Non", "speaker": None, "cue": "none", "start": 4, "end": 7},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    assert load_gold(path) == [
        GoldQuote(
            "000",
            "soutien indéfectible",
            "Sergueï Lavrov",
            "partial",
            speaker_kind="person",
            aliases=("Lavrov",),
            also_accept=(None,),
            line=1,
        ),
        GoldQuote("d001", "Non", None, "none", start=4, end=7, line=2),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"doc": "a", "quote": "x", "cue": "none"}\n{oups\n', r"line 2: not valid JSON"),
        ('{"doc": "a", "cue": "none"}\n', r"line 1: 'quote' is missing"),
        ('{"doc": "a", "quote": "x", "cue": "none", "speaker": 3}\n', r"line 1: 'speaker' must"),
        ('{"doc": "a", "quote": "x", "cue": "none", "aliases": "X"}\n', r"line 1: 'aliases'"),
        ('{"doc": "a", "quote": "x", "cue": "none", "start": "4"}\n', r"line 1: 'start' and"),
        ("[1, 2]\n", r"line 1: expected a JSON object"),
        ("\n", r"no gold quotes in the file"),
    ],
)
def test_bad_gold_file(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(content)
    with pytest.raises(GoldFileError, match=rf"^{path}: {message}"):
        load_gold(path)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldFileError, match="no such gold file"):
        load_gold(tmp_path / "absent.jsonl")
