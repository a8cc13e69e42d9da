"""Exact phrases: every run of 2 to 6 words of a quote, function words and elisions included,
finds that quote, and no hit of a phrase lacks it (folded for case, accents and apostrophes).

The index is a real one on disk, written from hand-made analyses of French sentences."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from quotesearch.records import Analysis, Article, Quote
from quotesearch.search.index import create_index, open_index
from quotesearch.speakers.groups import group_quotes
from quotesearch.speakers.registry import resolve_speakers
from quotesearch.text import fold

# Sentences full of the words a stemmed, stop-worded index drops: « il n'y a pas », « qu'il »,
# « en », « ne … plus », and near-repeats that share words in another order.
SENTENCES = [
    "Il n'y a pas de plan B pour la rentrée des classes",
    "Quoi qu'il en coûte, nous tiendrons nos engagements envers les soignants",
    "Nous ne sommes pas en guerre contre nos voisins, nous sommes en paix",
    "Je ne veux pas qu'on dise que l'hôpital a été abandonné",
    "C'est aujourd'hui que tout se joue pour les agriculteurs du Sud-Ouest",
    "On n'a jamais vu une telle crue depuis le début du siècle",
    "Il faut qu'on parle de l'école avant de parler des examens",
    "L'État ne paiera pas à la place des communes qui ont trop dépensé",
    "Ce n'est pas à moi de dire s'il a eu tort ou raison",
    "Nous n'avons pas d'autre choix que de fermer la ligne jusqu'à l'été",
    "Elle m'a dit qu'elle n'en pouvait plus de ces réunions sans fin",
    "Y a-t-il encore quelqu'un pour défendre ce projet de loi",
    "Je suis fier de ce que nous avons fait ensemble à Saint-Étienne",
    "Pas question de céder sur les retraites, ni aujourd'hui ni demain",
    "Lorsqu'on est élu, on rend des comptes à ceux qui nous ont fait confiance",
    "Il est trop tôt pour dire si la baisse des prix va durer",
    "Les pompiers sont arrivés en moins de dix minutes, c'est un exploit",
    "Je n'ai rien contre les cyclistes, mais la rue est trop étroite",
    "Puisqu'il faut le redire : la piscine rouvrira en juin",
    "D'abord la santé des élèves, ensuite le calendrier des épreuves",
    "Si l'on veut que ça change, il faut aller voter dimanche",
    "Ça ne se fera pas sans les habitants du quartier",
    "Nous avons appris qu'il y aurait un second tour en juillet",
    "Il y a des jours où l'on se demande à quoi servent les promesses",
    "Le budget n'est pas une fin en soi, c'est un outil",
    "Je l'ai toujours dit et je le répète : pas de hausse d'impôts",
    "En guerre contre le virus, mais pas contre les Français",
    "Personne n'a vu venir la tempête qui a frappé la côte",
    "Qu'on se le dise, le marché de Noël aura bien lieu",
    "Nous étions prêts, nous le sommes toujours, et nous le serons demain",
    "Jusqu'à présent, aucune plainte n'a été déposée contre le club",
    "À l'heure qu'il est, les secours cherchent encore deux randonneurs",
    "C'était il y a vingt ans, et je m'en souviens comme si c'était hier",
    "Il n'est pas trop tard pour sauver la forêt de Brocéliande",
    "La mairie s'est engagée à rénover l'église avant l'hiver",
    "On ne gagne pas un match en restant dans les vestiaires",
    "Ils m'ont répondu qu'ils n'avaient pas été prévenus à temps",
    "Je ne crois pas qu'il y ait de solution miracle pour le logement",
    "Ce que nous voulons, c'est que chacun puisse se soigner près de chez soi",
    "Le train est reparti, mais il n'y a pas eu de remboursement",
]
SPEAKERS = ["Jeanne Lemoine", "Karim Benali", "Sylvie Arnaud", None]


def _quotes() -> list[Quote]:
    return [
        Quote(
            doc_id=f"a{n // 4}",
            text=text,
            start=100 * (n % 4),
            end=100 * (n % 4) + len(text),
            kind="direct",
            speaker=SPEAKERS[n % 4],
            mention=SPEAKERS[n % 4],
            cue="colon",
            confidence=0.9,
            speaker_kind="person" if SPEAKERS[n % 4] else None,
            context=f"« {text} »",
        )
        for n, text in enumerate(SENTENCES)
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    quotes = _quotes()
    analyses = []
    for doc in sorted({q.doc_id for q in quotes}):
        mine = tuple(q for q in quotes if q.doc_id == doc)
        article = Article(
            id=doc,
            text=" ".join(f"« {q.text} »" for q in mine),
            title=f"Article {doc}",
            url=f"https://example.org/{doc}",
            date=date(2024, 3, 1 + int(doc[1:])),
            source="Le Petit Écho",
        )
        analyses.append(Analysis(article=article, quotes=mine, entities=()))
    folder: Path = tmp_path_factory.mktemp("phrases") / "index"
    registry = resolve_speakers(analyses)
    create_index(folder, analyses, registry=registry, groups=group_quotes(quotes))
    opened = open_index(folder)
    yield opened
    opened.close()


def _words(text: str) -> list[str]:
    """The words of `text` as a reader sees them, folded: apostrophes split them."""
    return re.findall(r"\w+", fold(text))


def _holds(text: str, phrase: str) -> bool:
    wanted, words = _words(phrase), _words(text)
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _written_otherwise(phrase: str, n: int) -> str:
    """The phrase as a user may type it: in capitals, without accents, with the other
    apostrophe."""
    return [
        phrase,
        phrase.upper(),
        fold(phrase),
        phrase.replace("'", "’"),
    ][n % 4]


def _phrases() -> list[tuple[str, str]]:
    found = []
    for text in SENTENCES:
        words = text.replace(",", "").replace(":", "").split()
        for size in range(2, 7):
            for i in range(0, len(words) - size + 1, 3):
                found.append((text, " ".join(words[i : i + size])))
    return found


PHRASES = _phrases()


def test_the_phrases_are_many_and_hold_function_words_and_elisions() -> None:
    assert len(PHRASES) >= 300
    assert any("n'y a pas" in phrase for _, phrase in PHRASES)
    assert any(phrase.startswith("qu'") or " qu'" in phrase for _, phrase in PHRASES)
    assert sum(all(len(w) <= 3 for w in phrase.split()) for _, phrase in PHRASES) >= 20


def test_every_phrase_finds_its_quote_and_nothing_without_it(index) -> None:
    missed, wrong = [], []
    for n, (text, phrase) in enumerate(PHRASES):
        query = '"' + _written_otherwise(phrase, n) + '"'
        hits = index.search(query, per_page=100).hits
        if text not in {hit.text for hit in hits}:
            missed.append(query)
        wrong += [(query, hit.text) for hit in hits if not _holds(hit.text, phrase)]
    assert not missed
    assert not wrong


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ('"il n\'y a pas"', 2),
        ('"quoi qu’il en coûte"', 1),
        ('"en guerre"', 2),
        ('"EN GUERRE CONTRE"', 2),
        ('"pas en guerre"', 1),
        # The words of a phrase in another order are another phrase.
        ('"guerre en"', 0),
        ('"coûte en"', 0),
    ],
)
def test_phrases_keep_every_word_in_order(index, query: str, count: int) -> None:
    found = index.search(query, per_page=100)
    assert found.total == count
    assert all(_holds(hit.text, query.strip('"')) for hit in found.hits)


def test_a_phrase_hit_marks_the_whole_phrase(index) -> None:
    hit = index.search('"il n\'y a pas"', per_page=100).hits[0]
    assert [hit.text[a:b].lower() for a, b in hit.matches] == ["il n'y a pas"]
    assert hit.found_in == "quote"


@pytest.mark.parametrize(
    ("query", "at_least"),
    [
        # Free words the French analysis drops are searched as written.
        ("pas", 12),
        ("qu'il", 3),
        # Free words keep the French stemming: « engagement » finds « engagements ».
        ("engagement", 1),
    ],
)
def test_free_words_the_stemmer_drops_still_find_quotes(index, query: str, at_least: int) -> None:
    found = index.search(query, per_page=100)
    assert found.total >= at_least


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        # Each word is known but the corrected phrase is written nowhere: no suggestion.
        ('"je ne veux pas crache"', None),
        ('"quoi qu\'il en couute"', '"quoi qu\'il en coute"'),
        ("pompiets", "pompiers"),
    ],
)
def test_did_you_mean_proposes_only_what_the_index_holds(
    index, query: str, suggestion: str | None
) -> None:
    found = index.search(query)
    assert found.total == 0
    if suggestion is None:
        assert found.suggestion is None
    else:
        assert found.suggestion is not None
        assert fold(found.suggestion) == fold(suggestion)
        assert index.search(found.suggestion).total > 0
