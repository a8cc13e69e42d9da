"""The article's cast: who it names, their short forms, roles and gender, and where each is
mentioned; and the role phrases that let a description find its holder."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotesearch.extract.mentions import (
    ArticleCast,
    fold,
    fold_word,
    gender_of_phrase,
    is_role_noun,
    noun_phrase_from,
    read_cast,
    role_key,
    roles_match,
    strip_title,
)
from quotesearch.extract.pipeline import paragraphs
from quotesearch.extract.quotes import find_quotes


def _cast(nlp: Language, text: str) -> ArticleCast:
    """The cast of an article, read as the pipeline reads it."""
    docs = [(offset, nlp(para)) for offset, para in paragraphs(text)]
    sentences = [(offset, sent) for offset, doc in docs for sent in doc.sents]
    quotes = [(q.start, q.end) for q in find_quotes(text)]
    return read_cast(sentences, quotes)


def _person(cast: ArticleCast, name: str):
    found = [p for p in cast.people.values() if p.name == name]
    assert len(found) == 1, f"{name!r} in {[p.name for p in cast.people.values()]}"
    return found[0]


def _xfail(*values: object, reason: str, id: str) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True), id=id)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Jean-Luc Mélenchon", "jean luc melenchon"),
        ("l’Élysée", "l elysee"),
        ("  Hélène   MARCHETTI ", "helene marchetti"),
        ("M. Lefort", "m lefort"),
    ],
)
def test_fold_drops_case_accents_hyphens_and_apostrophes(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_word_keeps_one_word_with_hyphens() -> None:
    assert (fold_word("Élysée"), fold_word("porte-parole")) == ("elysee", "porte-parole")


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("La ministre parle aux journalistes.", "ministre", True),
        ("Les enquêteurs arrivent sur place.", "enquêteurs", True),
        ("Plusieurs dirigeants ont parlé.", "dirigeants", True),
        ("Une source policière a confirmé.", "source", True),
        ("La romancière a souri.", "romancière", True),
        ("La voiture roule vite.", "voiture", False),
        ("Le syndicat proteste.", "syndicat", False),
        pytest.param(
            "La conservatrice a présenté les salles.",
            "conservatrice",
            True,
            id="conservatrice",
        ),
        pytest.param(
            "Une voisine a entendu des cris.",
            "voisine",
            True,
            id="voisine",
        ),
    ],
)
def test_role_nouns_name_a_person_by_function(
    nlp: Language, sentence: str, word: str, expected: bool
) -> None:
    tok = next(t for t in nlp(sentence) if t.text == word)
    assert is_role_noun(tok) is expected


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        (
            "ministre russe des Affaires étrangères",
            ("ministre des affaires etrangeres", frozenset({"russe"})),
        ),
        ("président du Rassemblement national", ("president", {"rassemblement", "national"})),
        ("président de la Russie", ("president", {"russe"})),
        ("porte-parole du Kremlin", ("porte parole", {"russe"})),
        ("chef du gouvernement", ("premier ministre", set())),
        ("Premier ministre tchèque", ("premier ministre", {"tcheque"})),
        ("voiture rouge", None),
        pytest.param(
            "chef de la diplomatie russe",
            ("ministre des affaires etrangeres", {"russe"}),
            id="chef-de-la-diplomatie",
        ),
        pytest.param(
            "ministre de la Justice",
            ("ministre de la justice", set()),
            id="ministre-de-la-justice",
        ),
        # A French « secrétaire d'État » is a junior minister; an American one is a foreign
        # minister.
        pytest.param(
            "secrétaire d'État", ("secretaire d etat", set()), id="secretaire-d-etat-french"
        ),
        pytest.param(
            "secrétaire d'État américain",
            ("ministre des affaires etrangeres", {"americain"}),
            id="secretaire-d-etat-americain",
        ),
    ],
)
def test_role_key_folds_a_role_to_its_function_and_qualifiers(
    nlp: Language, phrase: str, key: tuple[str, set[str]] | None
) -> None:
    got = role_key(list(nlp(phrase)))
    assert got == (None if key is None else (key[0], frozenset(key[1])))


@pytest.mark.parametrize(
    ("mention", "known", "expected"),
    [
        (("president", {"russe"}), ("president", {"russe"}), True),
        (("president", set()), ("president", {"republique"}), True),
        (("president", {"republique"}), ("president", {"rassemblement", "national"}), False),
        (("ministre", {"justice"}), ("president", {"justice"}), False),
    ],
)
def test_roles_match_when_function_agrees_and_qualifiers_do_not_clash(
    mention: tuple[str, set[str]], known: tuple[str, set[str]], expected: bool
) -> None:
    as_key = lambda k: (k[0], frozenset(k[1]))  # noqa: E731
    assert roles_match(as_key(mention), as_key(known)) is expected


@pytest.mark.parametrize(
    ("sentence", "head", "phrase"),
    [
        (
            "Le ministre russe des Affaires étrangères qui a parlé est reparti.",
            "ministre",
            "ministre russe des Affaires étrangères",
        ),
        ("Le PDG, rappelant que la crise dure, a parlé.", "PDG", "PDG"),
        (
            "Une source proche du dossier affirme que tout va bien.",
            "source",
            "source proche du dossier",
        ),
    ],
)
def test_noun_phrase_from_stops_before_the_clause(
    nlp: Language, sentence: str, head: str, phrase: str
) -> None:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == head)
    assert " ".join(t.text for t in noun_phrase_from(tok)) == phrase


@pytest.mark.parametrize(
    ("phrase", "gender"),
    [
        ("la ministre nord-coréenne", "f"),
        ("le président de la Ligue", "m"),
        ("président de la Ligue", "m"),
        ("l'avocate", "f"),
        ("la porte-parole", "f"),
        ("le porte-parole", "m"),
        ("ministre de la Santé", None),
    ],
)
def test_gender_of_a_role_phrase(nlp: Language, phrase: str, gender: str | None) -> None:
    assert gender_of_phrase(list(nlp(phrase))) == gender


@pytest.mark.parametrize(
    ("written", "bare", "gender"),
    [
        ("Mme Hélène Marchetti", "Hélène Marchetti", "f"),
        ("M.Lefort", "Lefort", "m"),
        ("M. Bastien Lefort", "Bastien Lefort", "m"),
        ("ministre Bastien Lefort", "Bastien Lefort", None),
    ],
)
def test_strip_title_returns_the_name_and_the_title_s_gender(
    written: str, bare: str, gender: str | None
) -> None:
    assert strip_title(written) == (bare, gender)


# --- the cast an article gives ------------------------------------------------------------


def test_short_forms_join_the_full_name_with_the_role_of_its_apposition(nlp: Language) -> None:
    cast = _cast(
        nlp,
        "Sommet\nLe ministre russe des Affaires étrangères, Sergueï Volkov, est arrivé. "
        "M. Volkov a salué la presse. Volkov est reparti le soir.",
    )
    volkov = _person(cast, "Sergueï Volkov")
    assert volkov.kind == "person"
    assert volkov.gender == "m"
    assert set(volkov.forms) == {"Sergueï Volkov", "Volkov"}
    assert volkov.roles == ["ministre russe des Affaires étrangères"]
    assert volkov.role_keys == [("ministre des affaires etrangeres", frozenset({"russe"}))]
    assert [m.text for m in cast.mentions] == ["Sergueï Volkov", "M. Volkov", "Volkov"]
    assert {m.key for m in cast.mentions} == {volkov.key}


def test_a_role_after_the_name_and_a_title_give_role_and_gender(nlp: Language) -> None:
    cast = _cast(
        nlp,
        "Conseil\nSolène Ravier, porte-parole du gouvernement, a répondu. Mme Ravier a souri.",
    )
    ravier = _person(cast, "Solène Ravier")
    assert ravier.gender == "f"
    assert ravier.roles == ["porte-parole du gouvernement"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Hôpitaux\nMathilde Garnier, ministre de la Santé, a visité le service.",
            "Mathilde Garnier",
            "ministre de la Santé",
        ),
        (
            "Grève\nYannick Morvan, secrétaire général de la CFDT, a quitté la table.",
            "Yannick Morvan",
            "secrétaire général de la CFDT",
        ),
        (
            "Police\nBertrand Lacaze, ministre de l'Intérieur, a répondu aux questions.",
            "Bertrand Lacaze",
            "ministre de l'Intérieur",
        ),
    ],
)
def test_a_role_keeps_the_articles_the_article_wrote_inside_it(
    nlp: Language, text: str, name: str, role: str
) -> None:
    assert _person(_cast(nlp, text), name).roles == [role]


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        pytest.param(
            "Usine\nNadège Fabre s'est dite inquiète.", "Nadège Fabre", "f", id="agreement-dite"
        ),
        pytest.param(
            "Usine\nInès Bouaziz, qui est arrivée hier, a parlé.",
            "Inès Bouaziz",
            "f",
            id="agreement-relative",
        ),
        pytest.param(
            "Usine\nLa directrice Odile Carrère a parlé.", "Odile Carrère", "f", id="role-noun"
        ),
        pytest.param(
            "Usine\nLe préfet Lucien Arnaud a parlé.", "Lucien Arnaud", "m", id="role-noun-m"
        ),
        pytest.param(
            "Usine\nSophie Lemaire a rencontré les salariés.",
            "Sophie Lemaire",
            "f",
            id="first-name-f",
        ),
        pytest.param(
            "Usine\nJulien Dorval a rencontré les salariés.",
            "Julien Dorval",
            "m",
            id="first-name-m",
        ),
        pytest.param(
            "Usine\nHélène Marchetti a rencontré les salariés.",
            "Hélène Marchetti",
            "f",
            id="accented-first-name-f",
        ),
        pytest.param(
            "Usine\nGrégoire Vasseur a rencontré les salariés.",
            "Grégoire Vasseur",
            "m",
            id="accented-first-name-m",
        ),
    ],
)
def test_gender_from_agreement_roles_and_first_names(
    nlp: Language, text: str, name: str, gender: str
) -> None:
    assert _person(_cast(nlp, text), name).gender == gender


def test_mentions_record_subjects_obliques_and_quotes(nlp: Language) -> None:
    cast = _cast(
        nlp,
        "Enquête\nLe rapport a été remis à Bastien Lefort. « Bastien Lefort ment », dit-elle.",
    )
    narration, quoted = cast.mentions
    assert (narration.oblique, narration.in_quote) == (True, False)
    assert quoted.in_quote is True
    assert narration.key == quoted.key


def test_a_name_after_an_organisation_noun_is_no_person(nlp: Language) -> None:
    cast = _cast(nlp, "Médias\nLe quotidien Libre Ouest a publié une longue enquête.")
    assert not [p for p in cast.people.values() if p.kind == "person"]


def test_add_name_links_short_and_full_forms_either_way() -> None:
    cast = ArticleCast()
    short = cast.add_name("Lefort")
    full = cast.add_name("Bastien Lefort")
    assert short is full
    assert full.key == "bastien lefort"
    assert cast.add_name("Lefort") is full
    assert full.name == "Bastien Lefort"


@pytest.mark.parametrize(
    "form",
    ["lefort", "ministre Lefort", "Biennale d'architecture", "  ,  "],
)
def test_add_name_refuses_what_is_no_person_s_name(form: str) -> None:
    assert ArticleCast().add_name(form) is None


def test_add_name_counts_a_title_s_gender_above_a_first_name() -> None:
    cast = ArticleCast()
    person = cast.add_name("Dominique Arnaud", gender="m")
    assert person.gender == "m"


def test_a_given_name_after_another_proper_name_opens_no_name_of_its_own(nlp) -> None:
    from quotesearch.extract.mentions import _name_spans

    for text, inner in (
        ("Ils sont allés à Saint Louis Blues puis rentrés.", "Louis Blues"),
        ("Il vit près de Santa Maria Novella.", "Maria Novella"),
        ("Le navire Queen Mary Elizabeth est arrivé.", "Mary Elizabeth"),
    ):
        doc = nlp(text)
        names = [e.text for s in doc.sents for e in _name_spans(s) if e.label_ == "PER"]
        assert inner not in names


def test_a_name_with_an_exclamation_mark_or_only_initials_is_no_person() -> None:
    from quotesearch.extract.mentions import ArticleCast

    cast = ArticleCast()
    assert cast.add_name("Debout!") is None
    assert cast.add_name("J.B") is None
    assert cast.add_name("J. B.") is None
    assert cast.add_name("J.B. Pritchard") is not None
    assert cast.add_name("VH-60N Whitehawk") is None


def test_a_name_in_capitals_is_a_headline_or_a_credit_not_a_speaker() -> None:
    from quotesearch.extract.mentions import ArticleCast

    assert ArticleCast().add_name("PAUL MORVAN EN TÊTE") is None
    assert ArticleCast().add_name("PAUL MORVAN") is None
    assert ArticleCast().add_name("Paul Morvan") is not None


def test_a_role_keeps_the_capitalised_article_of_a_name_it_holds(nlp) -> None:
    from quotesearch.extract.pipeline import article_context, paragraphs

    text = "Campagne\nJean Vautrin, coordinateur du projet de Marine Le Pen, a parlé mardi."
    ctx, _ = article_context(text, [(o, nlp(p)) for o, p in paragraphs(text)])
    person = next(p for p in ctx.cast.people.values() if p.key == "jean vautrin")
    assert any("Marine Le Pen" in role for role in person.roles)


def test_a_channel_names_its_owner_and_two_hyphened_names_are_the_first() -> None:
    from quotesearch.extract.mentions import ArticleCast

    assert ArticleCast().add_name("Snapchat de Maxime Valdor").name == "Maxime Valdor"
    assert ArticleCast().add_name("Sandrine Morel-Karine Ferrand").name == "Sandrine Morel"
    assert ArticleCast().add_name("Nathalie Kosciusko-Morizet").name == "Nathalie Kosciusko-Morizet"
