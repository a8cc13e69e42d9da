"""What the words at a cue refer to: names, pronouns, role mentions, descriptions, groups and
organisations, resolved through the article's cast as the narration goes."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from quotesearch.extract.pipeline import article_context, paragraphs
from quotesearch.extract.reference import (
    Context,
    latest_person,
    resolve_subject,
    track_narration,
)


def _context(nlp: Language, text: str) -> Context:
    """The context attribution works in, built as the pipeline builds it."""
    return article_context(text, [(offset, nlp(para)) for offset, para in paragraphs(text)])[0]


def _token(ctx: Context, word: str, nth: int = 0) -> Token:
    """The nth token written `word` in the article."""
    found = [t for _, sent in ctx.sentences for t in sent if t.text == word]
    assert len(found) > nth, f"{word!r} {nth} in {ctx.text!r}"
    return found[nth]


def _resolve(nlp: Language, text: str, word: str, nth: int = 0, cue: str = "verb-after"):
    """Read the narration up to the subject `word`, then resolve it as the subject of a cue."""
    ctx = _context(nlp, text)
    tok = _token(ctx, word, nth)
    track_narration(ctx, ctx.pos(tok))
    return resolve_subject(ctx, tok, cue=cue)


def _xfail(*values: object, reason: str, id: str) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True), id=id)


# (article, subject word, which occurrence, expected name, expected kind).
SUBJECTS = [
    pytest.param(
        "Port\nBastien Lefort dirige le port. Lefort a reçu les dockers.",
        "Lefort",
        1,
        "Bastien Lefort",
        "person",
        id="short-form-to-full-name",
    ),
    pytest.param(
        "Port\nMme Nadège Fabre dirige le port. Mme Fabre a reçu les dockers.",
        "Fabre",
        1,
        "Nadège Fabre",
        "person",
        id="titled-short-form",
    ),
    pytest.param(
        "Santé\nLa ministre de la Santé, Odile Carrère, visite l'hôpital. La ministre a "
        "rencontré les soignants.",
        "ministre",
        1,
        "Odile Carrère",
        "person",
        id="role-to-holder-f",
    ),
    pytest.param(
        "Sénat\nLe président du Sénat, Grégoire Vasseur, a reçu le président du club, Bastien "
        "Lefort. Bastien Lefort a parlé. Le président du Sénat a répondu.",
        "président",
        2,
        "Grégoire Vasseur",
        "person",
        id="role-with-qualifier-to-its-holder",
    ),
    pytest.param(
        "Sommet\nLe ministre des Affaires étrangères, Grégoire Vasseur, a reçu le maire de "
        "Nice, Bastien Lefort. Bastien Lefort a parlé. Le chef de la diplomatie a répondu.",
        "chef",
        0,
        "Grégoire Vasseur",
        "person",
        id="equivalent-role-to-its-holder",
    ),
    pytest.param(
        "Prix\nAurore Delmas et Fabrice Monod ont reçu un prix. La romancière a souri.",
        "romancière",
        0,
        "Aurore Delmas",
        "person",
        id="description-to-salient-woman",
    ),
    pytest.param(
        "Prix\nAurore Delmas et Fabrice Monod ont reçu un prix. Le romancier a souri.",
        "romancier",
        0,
        "Fabrice Monod",
        "person",
        id="description-to-salient-man",
    ),
    pytest.param(
        "Sécurité\nAucune arrestation n'a eu lieu. Le porte-parole a démenti toute rumeur.",
        "porte-parole",
        0,
        "porte-parole",
        "unnamed",
        id="description-nobody-holds-stays-itself",
    ),
    pytest.param(
        "Procès\nBastien Lefort est jugé à Lyon. Un témoin a raconté la nuit du drame.",
        "témoin",
        0,
        "témoin",
        "unnamed",
        id="indefinite-is-someone-new",
    ),
    pytest.param(
        "Enquête\nBastien Lefort est entendu. Les enquêteurs ont fouillé son garage.",
        "enquêteurs",
        0,
        "enquêteurs",
        "unnamed",
        id="plural-is-a-group",
    ),
    pytest.param(
        "Enquête\nUne source proche du dossier affirme que le suspect a avoué. Cette source a "
        "ajouté un détail.",
        "source",
        1,
        "source proche du dossier",
        "unnamed",
        id="cette-source-to-earlier-description",
    ),
    _xfail(
        "Enquête\nUne source proche du dossier parle d'aveux. Cette source a ajouté un détail.",
        "source",
        1,
        "source proche du dossier",
        "unnamed",
        reason="the parse hangs « parle » on « dossier » and makes « source » the root, so "
        "track_narration (subjects only) never registers « une source proche du dossier » and "
        "« Cette source » falls back to its bare head noun « source »",
        id="cette-source-after-a-misparsed-introduction",
    ),
    pytest.param(
        "Usine\nLa CGT a appelé à la grève.",
        "CGT",
        0,
        "CGT",
        "organization",
        id="acronym-organisation",
    ),
    pytest.param(
        "Usine\nLe ministère de l'Intérieur a démenti.",
        "ministère",
        0,
        "ministère de l'Intérieur",
        "organization",
        id="organisation-noun-with-complement",
    ),
    pytest.param(
        "Tribunal\nLe juge Thibault Guérin a ouvert l'audience. La procureure Inès Bouaziz a "
        "parlé. Elle a requis cinq ans.",
        "Elle",
        0,
        "Inès Bouaziz",
        "person",
        id="elle-to-the-woman",
    ),
    pytest.param(
        "Tribunal\nLe juge Thibault Guérin a ouvert l'audience. La procureure Inès Bouaziz a "
        "parlé. Il a suspendu la séance.",
        "Il",
        0,
        "Thibault Guérin",
        "person",
        id="il-to-the-man",
    ),
    pytest.param(
        "Tribunal\nLa juge Odile Carrère a écouté Bastien Lefort. Elle a ensuite rendu sa "
        "décision.",
        "Elle",
        0,
        "Odile Carrère",
        "person",
        id="elle-skips-the-object-of-the-other-gender",
    ),
]


@pytest.mark.parametrize(("text", "word", "nth", "name", "kind"), SUBJECTS)
def test_a_subject_resolves_to_an_entity_of_the_article(
    nlp: Language, text: str, word: str, nth: int, name: str, kind: str
) -> None:
    speech = _resolve(nlp, text, word, nth)
    assert speech is not None
    assert (speech.name, speech.kind) == (name, kind)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        pytest.param("Conseil\nNous avons voté le budget hier.", "Nous", id="first-person"),
        pytest.param("Conseil\nOn a voté le budget hier.", "On", id="on"),
        pytest.param(
            "Conseil\nBastien Lefort et Odile Carrère sont arrivés. Ils ont voté le budget.",
            "Ils",
            id="plural-pronoun-no-group",
        ),
        pytest.param(
            "Conseil\nBastien Lefort a parlé. « Odile Carrère ment », a-t-il dit.",
            "Odile",
            id="subject-inside-the-quote",
        ),
    ],
)
def test_subjects_that_name_no_speaker(nlp: Language, text: str, word: str) -> None:
    speech = _resolve(nlp, text, word)
    assert speech is None or speech.name is None


def test_a_name_behind_de_is_not_the_speaker(nlp: Language) -> None:
    speech = _resolve(
        nlp,
        "Mairie\nBastien Lefort est en voyage. Le porte-parole de Bastien Lefort a démenti.",
        "porte-parole",
    )
    assert speech is not None
    assert speech.name != "Bastien Lefort"


def test_the_description_and_the_cue_are_kept(nlp: Language) -> None:
    """A role mention names its rule and the words written, whichever the cue given."""
    ctx = _context(
        nlp,
        "Santé\nLa ministre de la Santé, Odile Carrère, visite l'hôpital. La ministre a "
        "rencontré les soignants.",
    )
    tok = _token(ctx, "ministre", 1)
    speech = resolve_subject(ctx, tok, cue="verb-after")
    assert (speech.mention, speech.cue) == ("La ministre", "role-mention")
    assert 0 < speech.confidence < 1


def test_narration_chains_pronouns_to_their_person(nlp: Language) -> None:
    text = (
        "Port\nNadège Fabre dirige le port depuis 2019. Elle a reçu les dockers lundi. "
        "Il faut dire que la grève dure."
    )
    ctx = _context(nlp, text)
    track_narration(ctx, len(text))
    resolved = [(m.text, ctx.cast.person(m.key).name) for m in ctx.cast.mentions if m.resolved]
    # « Elle » is Nadège Fabre; the impersonal « Il faut » is nobody.
    assert resolved == [("Elle", "Nadège Fabre")]


@pytest.mark.parametrize(
    ("gender", "name"),
    [("m", "Bastien Lefort"), ("f", "Odile Carrère")],
)
def test_ce_dernier_is_the_person_mentioned_last(nlp: Language, gender: str, name: str) -> None:
    text = (
        "Mairie\nLa maire Odile Carrère a reçu le préfet Bastien Lefort. Selon ce dernier, "
        "tout va bien."
    )
    ctx = _context(nlp, text)
    person = latest_person(ctx, text.index("Selon"), gender)
    assert person is not None and person.name == name


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        (
            "Emmanuel Macron a accueilli les dirigeants de l'Otan. Donald Trump a quitté la "
            "réunion avant la fin. Le chef de l'État a regretté ce départ.",
            "chef",
            "Emmanuel Macron",
        ),
        (
            "Donald Trump a reçu Emmanuel Macron à Washington. Emmanuel Macron a parlé du "
            "commerce. Le président américain a dénoncé les taxes européennes.",
            "président",
            "Donald Trump",
        ),
        (
            "Sergueï Lavrov a rencontré Antony Blinken à Genève. Les discussions ont duré trois "
            "heures. Le chef de la diplomatie russe a ensuite parlé aux journalistes.",
            "chef",
            "Sergueï Lavrov",
        ),
    ],
)
def test_a_role_goes_to_the_person_who_held_that_office(
    nlp: Language, text: str, word: str, name: str
) -> None:
    """The office table says who a role means when the article names several candidates."""
    speech = _resolve(nlp, text, word)
    assert speech is not None and speech.name == name
