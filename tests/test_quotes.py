"""Quote finding by marks: pairs, nesting, paragraphs, apostrophes and unbalanced marks."""

from __future__ import annotations

import pytest

from quotesearch.extract.quotes import find_quotes

NBSP = "\u00a0"
NNBSP = "\u202f"


def _reopen_marks_removed(text: str, start: int, end: int, mark: str) -> str:
    """The article text between the offsets, less the marks reopening each paragraph."""
    lines = text[start:end].split("\n")
    return "\n".join([lines[0]] + [line.strip().removeprefix(mark).strip() for line in lines[1:]])


@pytest.mark.parametrize(
    ("text", "quoted", "mark"),
    [
        (
            "Le maire de Lyon, Paul Mercier, a prévenu : « Nous rouvrirons la piscine en juin. »",
            "Nous rouvrirons la piscine en juin.",
            "«",
        ),
        (
            f"« Les urgences ne fermeront pas{NBSP}», a assuré la ministre de la Santé.",
            "Les urgences ne fermeront pas",
            "«",
        ),
        (
            f"La directrice a répondu :{NBSP}«{NBSP}Le budget est bouclé.{NBSP}»",
            "Le budget est bouclé.",
            "«",
        ),
        (
            f"«{NNBSP}Personne ne sera licencié{NNBSP}», a promis le patron de l’usine.",
            "Personne ne sera licencié",
            "«",
        ),
        (
            "«Nous attendons des actes», a lancé la syndicaliste Nadia Benali.",
            "Nous attendons des actes",
            "«",
        ),
        (
            "Le ministre a parlé d’une “situation sous contrôle” devant les députés.",
            "situation sous contrôle",
            "“",
        ),
        (
            'Le préfet a qualifié la manifestation de "succès" malgré les heurts.',
            "succès",
            '"',
        ),
        (
            'Oleksandr Kovalenko a déclaré : "Nous tiendrons la ligne de front."',
            "Nous tiendrons la ligne de front.",
            '"',
        ),
        (
            "L’entraîneur a évoqué un ‹ match référence › pour son équipe.",
            "match référence",
            "‹",
        ),
        (
            "Le chancelier a rappelé „die Lage ist ernst“ devant le Bundestag.",
            "die Lage ist ernst",
            "„",
        ),
    ],
    ids=[
        "guillemets-spaces",
        "guillemets-nbsp-closing",
        "guillemets-nbsp-both",
        "guillemets-narrow-nbsp",
        "guillemets-no-space",
        "english-curly",
        "straight-one-word",
        "straight-sentence",
        "single-guillemets",
        "german-low-high",
    ],
)
def test_each_pair_of_marks_gives_the_quote_without_marks_or_inner_spaces(text, quoted, mark):
    [quote] = find_quotes(text)
    assert quote.text == quoted
    assert quote.open_mark == mark
    assert quote.closed
    assert quote.paragraphs == 1
    assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "« J’ai entendu le président dire “on verra” et rien n’a suivi », "
            "a regretté Kim Min-jun.",
            "J’ai entendu le président dire “on verra” et rien n’a suivi",
        ),
        (
            "« Ils parlent de “réforme”, nous parlons de “recul” », a tranché la syndicaliste.",
            "Ils parlent de “réforme”, nous parlons de “recul”",
        ),
        (
            "« Le mot « crise » n’est pas trop fort », a reconnu le gouverneur.",
            "Le mot « crise » n’est pas trop fort",
        ),
        (
            '« Le rapport parle de "dérapage", c’est un euphémisme », a dit Leïla Haddad.',
            'Le rapport parle de "dérapage", c’est un euphémisme',
        ),
        (
            "« Elle m’a lancé ‹ tenez bon › avant de partir », raconte une infirmière.",
            "Elle m’a lancé ‹ tenez bon › avant de partir",
        ),
    ],
    ids=[
        "curly-inside",
        "two-curly-inside",
        "guillemets-inside",
        "straight-inside",
        "single-inside",
    ],
)
def test_a_quote_inside_a_quote_stays_in_one_outer_quote(text, quoted):
    [quote] = find_quotes(text)
    assert quote.text == quoted
    assert quote.open_mark == "«"
    assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "quoted", "paragraphs"),
    [
        (
            "La ministre de la Santé, Claire Vautrin, a poursuivi :\n"
            "« Nous avons entendu les soignants.\n"
            "« Nous leur devons des moyens, et vite. »\n"
            "Le texte sera examiné mardi.",
            "Nous avons entendu les soignants.\nNous leur devons des moyens, et vite.",
            2,
        ),
        (
            "Le maire de Lyon, Paul Mercier, s’est expliqué longuement.\n"
            "« La ligne de tramway sera prolongée.\n"
            "« Les travaux commenceront à l’automne.\n"
            "« Et personne ne sera exproprié. »\n"
            "L’opposition a quitté la séance.",
            "La ligne de tramway sera prolongée.\n"
            "Les travaux commenceront à l’automne.\n"
            "Et personne ne sera exproprié.",
            3,
        ),
        (
            "Le témoin raconte :\n"
            "“Nous avons couru vers l’abri.\n"
            "“Quand nous sommes sortis, la rue avait disparu.”\n"
            "Il se tait.",
            "Nous avons couru vers l’abri.\nQuand nous sommes sortis, la rue avait disparu.",
            2,
        ),
        (
            f"Olena Shevchenko l’a redit :\n«{NBSP}Nous ne partirons pas.\n"
            f"«{NBSP}Cette ville est la nôtre.{NBSP}»\nLe convoi est reparti.",
            "Nous ne partirons pas.\nCette ville est la nôtre.",
            2,
        ),
    ],
    ids=["two-paragraphs", "three-paragraphs", "english-curly", "nbsp-reopen"],
)
def test_a_quote_reopened_at_each_paragraph_is_one_quote(text, quoted, paragraphs):
    [quote] = find_quotes(text)
    assert quote.text == quoted
    assert quote.paragraphs == paragraphs
    assert quote.closed
    assert _reopen_marks_removed(text, quote.start, quote.end, quote.open_mark) == quote.text


@pytest.mark.parametrize(
    "text",
    [
        "L'État a promis qu'aujourd'hui les classes resteraient ouvertes.",
        "L’État a promis qu’aujourd’hui les classes resteraient ouvertes.",
        "Le festival d'été fera la part belle au rock'n'roll et aux big bands.",
        "Aujourd’hui, l’ex-ministre n’a pas voulu s’exprimer sur l’affaire.",
        "Il s'agit d'un choix qu'on n'avait pas vu venir, d'après l'INSEE.",
    ],
    ids=["straight", "curly", "rock-n-roll", "elisions", "many-elisions"],
)
def test_apostrophes_never_open_a_quote(text):
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "Aujourd’hui, l’État a opposé un « non » ferme à la demande d’Ahmed Saleh.",
            ["non"],
        ),
        (
            "L'adjoint d'Hélène Roussel a dénoncé l'« irresponsabilité » de l'opposition.",
            ["irresponsabilité"],
        ),
        (
            "« C’est l’heure du rock'n'roll ! », s’est exclamé l’organisateur.",
            ["C’est l’heure du rock'n'roll !"],
        ),
    ],
    ids=["curly-apostrophes", "straight-apostrophes", "apostrophes-inside"],
)
def test_apostrophes_around_a_quote_leave_it_whole(text, quoted):
    assert [q.text for q in find_quotes(text)] == quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le maire de Lyon a lancé : « Nous ne céderons pas.\n"
            "La séance a été levée vers 22 heures.\n"
            "Le préfet lui a répondu : « La loi sera appliquée. »",
            [("Nous ne céderons pas.", False), ("La loi sera appliquée.", True)],
        ),
        (
            "Le sénateur a promis \"une loi avant l'été.\n"
            "Les associations restent sceptiques.\n"
            "« Nous avons déjà entendu cela », a réagi leur porte-parole.\n"
            "« Nous jugerons sur pièces. »",
            [
                ("une loi avant l'été.", False),
                ("Nous avons déjà entendu cela", True),
                ("Nous jugerons sur pièces.", True),
            ],
        ),
        (
            "Le ministère a publié son bilan.\n"
            "« Les chiffres sont bons, a commenté la ministre.\n"
            "Les économistes sont plus prudents.",
            [("Les chiffres sont bons, a commenté la ministre.", False)],
        ),
        (
            "Il a parlé de réforme » et de rien d’autre.\n« Vraiment ? », a ironisé Kim Ji-woo.",
            [("Vraiment ?", True)],
        ),
        (
            "Le chauffeur a lancé : « Je lui ai crié “stop. » Puis il a freiné. "
            "« Trop tard », a-t-il soupiré.",
            [("Je lui ai crié “stop.", True), ("Trop tard", True)],
        ),
        (
            '« Le médecin a dit "repos. » Elle est repartie travailler. '
            "« Il le fallait », a-t-elle expliqué.",
            [('Le médecin a dit "repos.', True), ("Il le fallait", True)],
        ),
    ],
    ids=[
        "open-guillemet",
        "open-straight",
        "open-last-but-one",
        "stray-closer",
        "unclosed-inner-curly",
        "unclosed-inner-straight",
    ],
)
def test_an_unbalanced_mark_ends_at_its_paragraph(text, expected):
    quotes = find_quotes(text)
    assert [(q.text, q.closed) for q in quotes] == expected
    for quote in quotes:
        assert "\n" not in quote.text
        assert text[quote.start : quote.end] == quote.text


def test_an_unclosed_quote_in_the_last_paragraph_stops_at_the_article_end():
    text = "La sénatrice Amal Yassine a prévenu.\n« Nous saisirons le Conseil constitutionnel"
    [quote] = find_quotes(text)
    assert quote.text == "Nous saisirons le Conseil constitutionnel"
    assert not quote.closed


def test_an_unclosed_quote_never_swallows_a_long_article():
    body = "\n".join(f"Le conseil municipal a voté la délibération numéro {n}." for n in range(60))
    text = (
        f"Le maire a annoncé : « Tout sera réglé d’ici lundi.\n{body}\n« Enfin », a soufflé un élu."
    )
    quotes = find_quotes(text)
    assert "Enfin" in [q.text for q in quotes]
    assert all(q.end - q.start < len(text) // 2 for q in quotes)


def test_several_quotes_come_in_order_with_their_offsets():
    text = (
        "« Nous voulons la paix », a déclaré Ali Hassan. Son rival parle d’une “farce”.\n"
        'Le journal "Al-Ayam" titre sur le scrutin.'
    )
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["Nous voulons la paix", "farce", "Al-Ayam"]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "« »", "Le conseil s’est réuni mardi sans se prononcer."],
    ids=["empty", "blank-lines", "empty-marks", "no-marks"],
)
def test_no_quote_without_quoted_words(text):
    assert find_quotes(text) == []
