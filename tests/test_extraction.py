"""Quotes found and attributed in short news texts, one cue, gender or speaker kind at a time."""

from __future__ import annotations

import re

import pytest

from quotesearch.extract.pipeline import analyse
from quotesearch.records import Analysis, Article, Quote

_DETERMINER = re.compile(r"^(?:(?:le|la|les)\s+|l['’]\s*)", re.IGNORECASE)


def _the_quote(analysis: Analysis, quoted: str) -> Quote:
    """The one quote of the analysis whose text holds `quoted`."""
    found = [q for q in analysis.quotes if quoted in q.text]
    assert len(found) == 1, f"{quoted!r} in {[q.text for q in analysis.quotes]}"
    return found[0]


def _bare(name: str | None) -> str | None:
    """A speaker's name without its determiner: « le ministère de l'Intérieur » is the same."""
    return _DETERMINER.sub("", name) if name else name


# (text, words of the quote, speaker as the article names them, kind, cue).
PEOPLE = [
    # A reporting verb whose clause holds the quote.
    pytest.param(
        "Le maire de Lyon, Paul Mercier, a déclaré que la ville « ne renoncera pas au tramway ».",
        "ne renoncera pas au tramway",
        "Paul Mercier",
        "partial",
        "verb-before",
        id="verb-before-que",
    ),
    pytest.param(
        "Oleksandr Kovalenko a assuré mardi que son pays « ne cédera pas un mètre de terrain ».",
        "ne cédera pas un mètre",
        "Oleksandr Kovalenko",
        "partial",
        "verb-before",
        id="verb-before-ukrainian",
    ),
    pytest.param(
        "Paul Mercier a appelé les habitants à « rester chez eux » pendant la tempête.",
        "rester chez eux",
        "Paul Mercier",
        "partial",
        "verb-before",
        id="verb-before-appeler-a",
    ),
    pytest.param(
        "Claire Vautrin s’est dite « très inquiète » de la fermeture des urgences de nuit.",
        "très inquiète",
        "Claire Vautrin",
        "partial",
        "verb-before",
        id="verb-before-reflexive",
    ),
    # An incise after the quote naming the speaker.
    pytest.param(
        "« Nous rouvrirons la piscine dès le mois de juin », a déclaré Paul Mercier.",
        "Nous rouvrirons la piscine",
        "Paul Mercier",
        "direct",
        "verb-after",
        id="verb-after-name",
    ),
    pytest.param(
        "« La réforme sera votée avant l’été », a affirmé mardi la ministre de la Santé, "
        "Claire Vautrin.",
        "La réforme sera votée",
        "Claire Vautrin",
        "direct",
        "verb-after",
        id="verb-after-role-and-name",
    ),
    pytest.param(
        "« Il n’y aura pas de hausse d’impôts », assure Leïla Haddad.",
        "hausse d’impôts",
        "Leïla Haddad",
        "direct",
        "verb-after",
        id="verb-after-present",
    ),
    pytest.param(
        "« La péninsule n’a pas besoin de nouvelles sanctions », a déclaré Park Ji-hoon, "
        "ministre sud-coréen de l’Unification.",
        "nouvelles sanctions",
        "Park Ji-hoon",
        "direct",
        "verb-after",
        id="verb-after-korean",
    ),
    pytest.param(
        "« Gaza a besoin d’eau, pas de promesses », a lancé Mohammed Al-Khatib, "
        "porte-parole du Croissant-Rouge palestinien.",
        "Gaza a besoin d’eau",
        "Mohammed Al-Khatib",
        "direct",
        "verb-after",
        id="verb-after-arab",
    ),
    pytest.param(
        "« C’est une honte ! », s’est indignée Nadia Benali devant l’usine fermée.",
        "C’est une honte !",
        "Nadia Benali",
        "direct",
        "verb-after",
        id="verb-after-reflexive-exclamation",
    ),
    # Short forms resolved to the fullest name the article gives.
    pytest.param(
        "Le maire de Lyon, Paul Mercier, a présenté son budget lundi. "
        "« Nous ne toucherons pas aux écoles », a précisé M. Mercier.",
        "toucherons pas aux écoles",
        "Paul Mercier",
        "direct",
        "verb-after",
        id="short-form-monsieur",
    ),
    pytest.param(
        "La sénatrice Amal Yassine a déposé un amendement. "
        "« Ce texte protège enfin les locataires », a expliqué Mme Yassine.",
        "protège enfin les locataires",
        "Amal Yassine",
        "direct",
        "verb-after",
        id="short-form-madame",
    ),
    pytest.param(
        "Oleksandr Kovalenko dirige l’hôpital de Kharkiv depuis 2019. "
        "« Nous manquons de tout, sauf de courage », a ajouté Kovalenko.",
        "sauf de courage",
        "Oleksandr Kovalenko",
        "direct",
        "verb-after",
        id="short-form-surname",
    ),
    # Inverted pronouns in the incise.
    pytest.param(
        "Claire Vautrin s’est rendue à Brest jeudi. "
        "« Les soignants sont épuisés », a-t-elle constaté.",
        "soignants sont épuisés",
        "Claire Vautrin",
        "direct",
        "incise-pronoun",
        id="incise-elle",
    ),
    pytest.param(
        "Paul Mercier a inauguré la nouvelle ligne de métro. "
        "« C’est un jour historique pour Lyon », a-t-il lancé.",
        "jour historique",
        "Paul Mercier",
        "direct",
        "incise-pronoun",
        id="incise-il",
    ),
    pytest.param(
        "L’économiste Sandrine Collet publie une note sur l’immobilier. "
        "« Le marché a touché le fond », estime-t-elle.",
        "touché le fond",
        "Sandrine Collet",
        "direct",
        "incise-pronoun",
        id="incise-present-elle",
    ),
    pytest.param(
        "Karim Haddad dirige la coopérative depuis 2015. "
        "« Nous vendons tout en circuit court », explique-t-il.",
        "circuit court",
        "Karim Haddad",
        "direct",
        "incise-pronoun",
        id="incise-present-il",
    ),
    # Both genders in one text: the pronoun picks the person of its gender.
    pytest.param(
        "La ministre de la Santé, Claire Vautrin, a reçu mardi le maire de Lyon, Paul Mercier. "
        "« Nous ne fermerons aucun service », a-t-elle promis.",
        "aucun service",
        "Claire Vautrin",
        "direct",
        "incise-pronoun",
        id="gender-elle-woman-first",
    ),
    pytest.param(
        "La ministre de la Santé, Claire Vautrin, a reçu mardi le maire de Lyon, Paul Mercier. "
        "« C’est un soulagement pour les familles », a-t-il répondu.",
        "soulagement",
        "Paul Mercier",
        "direct",
        "incise-pronoun",
        id="gender-il-man-last",
    ),
    pytest.param(
        "Le préfet Hugo Garnier a accueilli la maire de Kharkiv, Iryna Kovalenko. "
        "« Nous reconstruirons chaque école », a-t-elle promis.",
        "chaque école",
        "Iryna Kovalenko",
        "direct",
        "incise-pronoun",
        id="gender-la-maire",
    ),
    pytest.param(
        "Iryna Kovalenko a accueilli le préfet Hugo Garnier à Kharkiv. "
        "« La France ne vous oubliera pas », a-t-il assuré.",
        "ne vous oubliera pas",
        "Hugo Garnier",
        "direct",
        "incise-pronoun",
        id="gender-il-object",
    ),
    pytest.param(
        "Paul Mercier a signé la convention avec Mme Yassine, sénatrice du Rhône. "
        "« C’est un bon accord pour le département », a-t-elle commenté.",
        "bon accord",
        "Yassine",
        "direct",
        "incise-pronoun",
        id="gender-madame",
    ),
    pytest.param(
        "Karim Haddad a reçu Nadia Benali, qui s’est dite inquiète pour l’usine. "
        "« Les commandes s’effondrent depuis janvier », a-t-elle ajouté.",
        "commandes s’effondrent",
        "Nadia Benali",
        "direct",
        "incise-pronoun",
        id="gender-agreement-inquiete",
    ),
    pytest.param(
        "Nadia Benali a reçu Karim Haddad, qui s’est dit satisfait de la visite. "
        "« Le site a de l’avenir », a-t-il ajouté.",
        "de l’avenir",
        "Karim Haddad",
        "direct",
        "incise-pronoun",
        id="gender-agreement-satisfait",
    ),
    # A reporting clause ending with a colon.
    pytest.param(
        "Paul Mercier a ajouté : « Nous ne lâcherons rien sur la sécurité. »",
        "lâcherons rien",
        "Paul Mercier",
        "direct",
        "colon",
        id="colon-name",
    ),
    pytest.param(
        "La ministre de la Santé, Claire Vautrin, était à Rennes. "
        "Elle a ajouté : « Aucune maternité ne fermera cette année. »",
        "Aucune maternité",
        "Claire Vautrin",
        "direct",
        "colon",
        id="colon-pronoun",
    ),
    pytest.param(
        "Le député ukrainien Andriy Melnyk a écrit sur X : "
        "« Nous avons besoin de défense aérienne, maintenant. »",
        "défense aérienne",
        "Andriy Melnyk",
        "direct",
        "colon",
        id="colon-written",
    ),
    # Selon / d'après.
    pytest.param(
        "« Le chantier prendra deux ans », selon Paul Mercier.",
        "deux ans",
        "Paul Mercier",
        "direct",
        "selon",
        id="selon-after",
    ),
    pytest.param(
        "Paul Mercier a visité le chantier du stade. « Aucun retard n’est à craindre », selon lui.",
        "Aucun retard",
        "Paul Mercier",
        "direct",
        "selon",
        id="selon-lui",
    ),
    pytest.param(
        "Claire Vautrin a visité l’hôpital de Lens. « Les stocks sont suffisants », selon elle.",
        "stocks sont suffisants",
        "Claire Vautrin",
        "direct",
        "selon",
        id="selon-elle",
    ),
    pytest.param(
        "D’après Claire Vautrin, la réforme « ne coûtera rien aux patients ».",
        "ne coûtera rien",
        "Claire Vautrin",
        "partial",
        "selon",
        id="d-apres-before",
    ),
    pytest.param(
        "Selon Leïla Haddad, le plan social est « une faute historique ».",
        "faute historique",
        "Leïla Haddad",
        "partial",
        "selon",
        id="selon-before",
    ),
    # « Pour X, » opening the clause, « pour qui », « aux yeux de X »: whose view it is.
    pytest.param(
        "La réforme divise la majorité. Pour Julien Marchal, « cette loi est une erreur ».",
        "erreur",
        "Julien Marchal",
        "partial",
        "selon",
        id="pour-x-comma",
    ),
    pytest.param(
        "Le ministre Paul Girard est venu à Lille. Pour lui, « la situation est sous contrôle ».",
        "sous contrôle",
        "Paul Girard",
        "partial",
        "selon",
        id="pour-lui",
    ),
    # A subject pronoun before the reporting verb.
    pytest.param(
        "Paul Mercier a visité le chantier mardi. "
        "Il a affirmé que les travaux « avancent plus vite que prévu ».",
        "plus vite que prévu",
        "Paul Mercier",
        "partial",
        "pronoun",
        id="pronoun-il",
    ),
    pytest.param(
        "Claire Vautrin était à Marseille vendredi. "
        "Elle a dénoncé une « gestion calamiteuse » de la crise sanitaire.",
        "gestion calamiteuse",
        "Claire Vautrin",
        "partial",
        "pronoun",
        id="pronoun-elle",
    ),
    pytest.param(
        "Paul Mercier a répondu par courrier à Amal Yassine, sénatrice du Rhône. "
        "Elle a jugé sa proposition « irréaliste ».",
        "irréaliste",
        "Amal Yassine",
        "partial",
        "pronoun",
        id="pronoun-elle-not-subject",
    ),
    # A role mention resolved to the person introduced with that role.
    pytest.param(
        "Le maire de Lyon, Paul Mercier, a présenté le budget de la ville. "
        "« Nous n’augmenterons pas les impôts », a assuré le maire de Lyon.",
        "augmenterons pas les impôts",
        "Paul Mercier",
        "direct",
        "role-mention",
        id="role-same-words",
    ),
    pytest.param(
        "La ministre de la Santé, Claire Vautrin, a visité la maternité de Die. "
        "« Ce service restera ouvert », a insisté la ministre.",
        "restera ouvert",
        "Claire Vautrin",
        "direct",
        "role-mention",
        id="role-la-ministre",
    ),
    pytest.param(
        "Le ministre des Affaires étrangères, Jean-Marc Duval, est arrivé à Beyrouth. "
        "« La France restera aux côtés du Liban », a déclaré le chef de la diplomatie française.",
        "aux côtés du Liban",
        "Jean-Marc Duval",
        "direct",
        "role-mention",
        id="role-chef-de-la-diplomatie",
    ),
    pytest.param(
        "Le Premier ministre, Antoine Berthier, a réuni les syndicats. "
        "« Le dialogue n’est pas rompu », a assuré le chef du gouvernement.",
        "dialogue n’est pas rompu",
        "Antoine Berthier",
        "direct",
        "role-mention",
        id="role-chef-du-gouvernement",
    ),
    pytest.param(
        "La ministre de la Culture, Hélène Roussel, a reçu le directeur du festival, Marc Lefort. "
        "« Le festival aura bien lieu cet été », a assuré le directeur.",
        "aura bien lieu",
        "Marc Lefort",
        "direct",
        "role-mention",
        id="role-second-person",
    ),
    # A few words quoted inside the author's sentence.
    pytest.param(
        "Nadia Benali a dénoncé une « trahison » des engagements pris par la direction.",
        "trahison",
        "Nadia Benali",
        "partial",
        "verb-before",
        id="partial-denonce",
    ),
    pytest.param(
        "Paul Mercier a qualifié le projet d’autoroute de « gâchis ».",
        "gâchis",
        "Paul Mercier",
        "partial",
        "verb-before",
        id="partial-qualifie",
    ),
    pytest.param(
        "Claire Vautrin a exprimé sa « profonde inquiétude » face à la pénurie de médecins.",
        "profonde inquiétude",
        "Claire Vautrin",
        "partial",
        "verb-before",
        id="partial-speech-noun",
    ),
    # A quote with no cue of its own right after one of a known speaker.
    pytest.param(
        "« Nous rouvrirons la piscine en juin », a déclaré Paul Mercier. "
        "« Les travaux sont enfin terminés. »",
        "travaux sont enfin terminés",
        "Paul Mercier",
        "direct",
        "continuation",
        id="continuation-same-paragraph",
    ),
    pytest.param(
        "« Nous ne fermerons aucun service », a promis Claire Vautrin.\n"
        "« Les moyens arriveront dès janvier. »",
        "moyens arriveront",
        "Claire Vautrin",
        "direct",
        "continuation",
        id="continuation-next-paragraph",
    ),
    # A quote inside a quote: one quote, attributed once.
    pytest.param(
        "« Quand le préfet m’a dit “ce sera réglé demain”, je l’ai cru », a raconté Leïla Haddad.",
        "ce sera réglé demain",
        "Leïla Haddad",
        "direct",
        "verb-after",
        id="nested-curly",
    ),
    pytest.param(
        "« Le mot « crise » n’est pas trop fort », a reconnu le gouverneur Kim Tae-yang.",
        "n’est pas trop fort",
        "Kim Tae-yang",
        "direct",
        "verb-after",
        id="nested-guillemets",
    ),
    # A quote over several paragraphs, attributed once.
    pytest.param(
        "Le maire de Lyon, Paul Mercier, a détaillé son plan :\n"
        "« Nous allons planter dix mille arbres.\n"
        "« Chaque quartier aura son parc. »\n"
        "L’opposition dénonce un effet d’annonce.",
        "dix mille arbres",
        "Paul Mercier",
        "direct",
        "colon",
        id="multi-paragraph-colon",
    ),
    pytest.param(
        "« Nous avons tout perdu dans l’incendie.\n"
        "« Il ne nous reste que nos papiers », a confié Kim Ji-woo, une habitante du quartier.",
        "tout perdu",
        "Kim Ji-woo",
        "direct",
        "verb-after",
        id="multi-paragraph-incise",
    ),
    # The incise further on in the sentence, past the author's words and a second quote.
    pytest.param(
        "Le plan de relance est un « tournant » pour la région, a estimé Hélène Roux, "
        "présidente du conseil régional.",
        "tournant",
        "Hélène Roux",
        "partial",
        "verb-after",
        id="delayed-incise",
    ),
    pytest.param(
        "« Rien n’est réglé » concernant les salaires, « et tout reste à négocier », a prévenu "
        "Marc Lemoine, délégué du syndicat.",
        "Rien n’est réglé",
        "Marc Lemoine",
        "direct",
        "verb-after",
        id="delayed-incise-past-a-quote",
    ),
    # Any verb in an incise, an oblique or a time word before the subject.
    pytest.param(
        "« C’est une belle journée pour le club », sourit Julien Marchand à la sortie du stade.",
        "belle journée",
        "Julien Marchand",
        "direct",
        "verb-after",
        id="incise-any-verb",
    ),
    pytest.param(
        "« Nous reviendrons l’an prochain », a déclaré à la presse samedi Inès Benali.",
        "reviendrons",
        "Inès Benali",
        "direct",
        "verb-after",
        id="incise-oblique-and-day",
    ),
    # The holder of a role named after an organisation, not a person behind « de ».
    pytest.param(
        "« La grève continuera lundi », a annoncé le porte-parole du syndicat Sud Rail "
        "Yann Le Goff.",
        "grève continuera",
        "Yann Le Goff",
        "direct",
        "verb-after",
        id="role-of-an-organisation-then-name",
    ),
    pytest.param(
        "Le conseiller Hugo Blanc a rencontré Claire Vautrin. « La décision du président "
        "Mercier est prise », a affirmé le porte-parole du président Paul Mercier, Luc Arnaud.",
        "décision du président",
        "Luc Arnaud",
        "direct",
        "verb-after",
        id="name-behind-de-is-not-the-speaker",
    ),
    # A participle adjunct shares the main clause's subject.
    pytest.param(
        "La ministre Claire Vautrin a visité l’hôpital de Brest, soulignant que « les urgences "
        "tiennent grâce aux soignants ».",
        "urgences tiennent",
        "Claire Vautrin",
        "partial",
        "verb-before",
        id="participle-clause",
    ),
    # The subject runs to its verb, past an organisation's name.
    pytest.param(
        "Le maire Hugo Blanc a ouvert la séance. Le chef de file du Parti vert Jean Tessier se "
        "disait « profondément déçu » par le vote.",
        "profondément déçu",
        "Jean Tessier",
        "partial",
        "verb-before",
        id="subject-runs-to-its-verb",
    ),
    pytest.param(
        "Le ministre Paul Mercier a répondu aux questions. « Il faudra du temps », insiste "
        "de son côté Amina Diallo, députée de l’opposition.",
        "Il faudra du temps",
        "Amina Diallo",
        "direct",
        "verb-after",
        id="incise-with-de-son-cote",
    ),
    # A subheading quoting words said further on belongs to who says them.
    pytest.param(
        "Le maire de Brest, Paul Mercier, a présenté son budget mardi.\n"
        "« Pas un euro de dette en plus »\n"
        "« Il n’y aura pas un euro de dette en plus cette année », a-t-il promis devant "
        "le conseil.",
        "Pas un euro de dette en plus",
        "Paul Mercier",
        "direct",
        "echo",
        id="subheading-echo",
    ),
]


@pytest.mark.parametrize(("text", "quoted", "speaker", "kind", "cue"), PEOPLE)
def test_a_person_s_quote_is_attributed(text, quoted, speaker, kind, cue):
    quote = _the_quote(analyse(text), quoted)
    assert (_bare(quote.speaker), quote.kind, quote.cue) == (speaker, kind, cue)
    assert quote.speaker_kind == "person"


@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "cue"),
    [
        pytest.param(
            "Le texte inquiète la Fédération nationale des chasseurs, pour qui la mesure "
            "« va menacer des milliers d’emplois ».",
            "milliers",
            "Fédération nationale des chasseurs",
            "selon",
            id="pour-qui",
        ),
        pytest.param(
            "Aux yeux du syndicat Force ouvrière, cette réforme reste « une provocation ».",
            "provocation",
            "syndicat Force ouvrière",
            "selon",
            id="aux-yeux-de",
        ),
        pytest.param(
            "« Aucune victime n’est à déplorer », a indiqué le ministère de l’Intérieur.",
            "Aucune victime",
            "ministère de l’Intérieur",
            "verb-after",
            id="ministere",
        ),
        pytest.param(
            "« Les combats ont repris à l’aube », a rapporté l’agence Reuters.",
            "combats ont repris",
            "agence Reuters",
            "verb-after",
            id="agence",
        ),
        pytest.param(
            "« Les provocations de l’ennemi seront punies », ont affirmé les médias d’État "
            "nord-coréens.",
            "seront punies",
            "médias d’État nord-coréens",
            "verb-after",
            id="medias-d-etat",
        ),
        pytest.param(
            "Selon le parquet de Marseille, l’enquête « n’écarte aucune piste ».",
            "aucune piste",
            "parquet de Marseille",
            "selon",
            id="selon-parquet",
        ),
        pytest.param(
            "La mairie de Lyon a dénoncé « une décision précipitée » de la préfecture.",
            "décision précipitée",
            "mairie de Lyon",
            "verb-before",
            id="mairie",
        ),
        pytest.param(
            "« Nous ne signerons pas cet accord », a fait savoir la CGT dans un communiqué.",
            "signerons pas",
            "CGT",
            "verb-after",
            id="syndicat-sigle",
        ),
    ],
)
def test_an_organisation_speaks(text, quoted, speaker, cue):
    quote = _the_quote(analyse(text), quoted)
    assert (_bare(quote.speaker), quote.cue) == (speaker, cue)
    assert quote.speaker_kind == "organization"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        pytest.param(
            "Le gouvernement présente mardi son projet dit de « grande réforme » des retraites.",
            "grande réforme",
            id="scare-quote",
        ),
        pytest.param(
            "Le film « Les Heures claires » sort mercredi dans deux cents salles.",
            "Les Heures claires",
            id="film-title",
        ),
        pytest.param(
            "Son premier roman, « La Maison du port », s’est vendu à cent mille exemplaires.",
            "La Maison du port",
            id="book-title",
        ),
        pytest.param(
            "Le quartier, surnommé « la petite Venise », attire de plus en plus de touristes.",
            "la petite Venise",
            id="nickname",
        ),
        pytest.param(
            "L’opération « Bouclier » a mobilisé trois mille policiers pendant le week-end.",
            "Bouclier",
            id="operation-name",
        ),
        pytest.param(
            "Sur scène, la chanteuse Léa Morel a repris un « Ne me quitte pas » qu’elle adore.",
            "Ne me quitte pas",
            id="a-title-used-as-a-noun",
        ),
        pytest.param(
            "Le mot « résilience » revient dans tous les discours de la campagne.",
            "résilience",
            id="word-mentioned",
        ),
        pytest.param(
            "Claire Vautrin habite depuis vingt ans l’immeuble « Horizon » face à la mer.",
            "Horizon",
            id="building-name",
        ),
        pytest.param(
            "Le cortège a réuni 2.000 personnes selon la police pour ce premier « rassemblement "
            "national » des salariés.",
            "rassemblement",
            id="selon-sources-a-figure",
        ),
        pytest.param(
            "Pour la première fois, « le seuil d’alerte » a été dépassé à Lyon.",
            "seuil",
            id="pour-not-a-source",
        ),
        pytest.param(
            "Le maire de Lyon, Paul Mercier, a lu « Le Petit Prince » aux enfants de l’école.",
            "Le Petit Prince",
            id="title-near-a-person",
        ),
    ],
)
def test_words_nobody_said_have_no_speaker(text, quoted):
    quote = _the_quote(analyse(text), quoted)
    assert (quote.speaker, quote.cue) == (None, "none")


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        pytest.param(
            "Paul Mercier a déclaré que la réunion n’avait pas encore été fixée.",
            "la réunion n’avait pas encore été fixée",
            "Paul Mercier",
            id="name",
        ),
        pytest.param(
            "La ministre de la Santé, Claire Vautrin, a annoncé que les franchises médicales "
            "seraient gelées.",
            "les franchises médicales seraient gelées",
            "Claire Vautrin",
            id="role-and-name",
        ),
        pytest.param(
            "Claire Vautrin était à Lille mercredi. "
            "Elle a précisé que le plan serait financé par l’État.",
            "le plan serait financé par l’État",
            "Claire Vautrin",
            id="pronoun",
        ),
        pytest.param(
            "Le ministère de l’Intérieur a indiqué que trois personnes avaient été interpellées.",
            "trois personnes avaient été interpellées",
            "ministère de l’Intérieur",
            id="organisation",
        ),
        pytest.param(
            "Oleksandr Kovalenko a affirmé qu’aucun civil n’avait été évacué de la ville.",
            "aucun civil n’avait été évacué de la ville",
            "Oleksandr Kovalenko",
            id="qu-elided",
        ),
    ],
)
def test_reported_speech_without_marks_is_an_indirect_quote(text, clause, speaker):
    quotes = [q for q in analyse(text).quotes if q.kind == "indirect"]
    assert [(q.text, _bare(q.speaker)) for q in quotes] == [(clause, speaker)]
    assert text[quotes[0].start : quotes[0].end] == clause


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Le fait que la réunion ait été reportée a surpris les élus.", id="no-verb"),
        pytest.param(
            "Il est probable que le conseil municipal se réunisse en septembre.", id="impersonal"
        ),
    ],
)
def test_a_que_clause_without_a_speaker_is_no_quote(text):
    assert analyse(text).quotes == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n  \n", id="blank"),
        pytest.param("Comment (0)", id="comment-count"),
        pytest.param("Leave a Comment", id="leave-a-comment"),
        pytest.param("Photo : AFP", id="photo-credit"),
        pytest.param("Photo : « Le Progrès » / Maxppp", id="photo-credit-with-marks"),
        pytest.param("#politique", id="hashtag"),
        pytest.param("Comment (3)\nLeave a Comment\nPhoto : AFP\n#politique #lyon", id="all"),
    ],
)
def test_page_furniture_and_empty_texts_give_no_quote(text):
    assert analyse(text).quotes == ()


def test_furniture_around_an_article_leaves_its_quote_alone():
    text = (
        "« Nous rouvrirons la piscine en juin », a déclaré Paul Mercier.\n"
        "Photo : AFP\n"
        "#politique #lyon\n"
        "Comment (0)\n"
        "Leave a Comment"
    )
    quotes = analyse(text).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Nous rouvrirons la piscine en juin", "Paul Mercier")
    ]


def test_a_multi_paragraph_quote_is_one_quote():
    text = (
        "La ministre de la Santé, Claire Vautrin, a poursuivi :\n"
        "« Nous avons entendu les soignants.\n"
        "« Nous leur devons des moyens, et vite. »\n"
        "Le texte sera examiné mardi."
    )
    [quote] = [q for q in analyse(text).quotes if q.kind != "indirect"]
    assert quote.text == "Nous avons entendu les soignants.\nNous leur devons des moyens, et vite."
    assert quote.speaker == "Claire Vautrin"


@pytest.mark.parametrize(
    "text",
    [pytest.param(case.values[0], id=case.id) for case in PEOPLE if "\n" not in case.values[0]],
)
def test_quote_offsets_point_at_the_quote_in_the_article(text):
    quotes = analyse(text).quotes
    assert quotes
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


def test_the_parser_never_breaks_a_sentence_inside_a_name_or_before_a_comma(nlp) -> None:
    from quotesearch.extract.pipeline import load_nlp

    doc = load_nlp()(
        "La directrice Claire Lenoir a présenté les comptes mardi, en l'occurrence ceux de "
        "2023 sur le réseau Ouest , a précisé la mairie."
    )
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["La"]


def test_a_name_cut_by_a_sentence_break_still_speaks() -> None:
    quote = _the_quote(
        analyse(
            "Réseau\nLa directrice Claire Lenoir a présenté les comptes mardi.\n"
            "Le service « ne concerne qu'une infime partie des abonnés », a affirmé Mme Lenoir."
        ),
        "infime partie",
    )
    assert quote.speaker == "Claire Lenoir"


def test_a_source_before_a_colon_speaks_rather_than_the_subject_of_the_clause() -> None:
    quote = _the_quote(
        analyse(
            "Santé\nSucre et sel seraient les premiers ennemis du cœur, selon la cardiologue "
            "Inès Morel : « ces produits fatiguent les artères. »"
        ),
        "fatiguent les artères",
    )
    assert quote.speaker == "Inès Morel"


def test_an_elided_word_before_a_quotation_mark_is_a_token_of_its_own(nlp) -> None:
    from quotesearch.extract.pipeline import load_nlp

    words = [t.text for t in load_nlp()("Elle a jugé d'\"absurdes\" les règles de l'« union ».")]
    assert words[3:6] == ["d'", '"', "absurdes"]
    assert words[-5:-2] == ["l'", "«", "union"]


def test_a_partial_quote_glued_to_an_elided_preposition_is_attributed() -> None:
    quote = _the_quote(
        analyse(
            "Sport\nLors du match, la ministre Claire Ducros, présente au stade, avait "
            'qualifié d\'"indignes" certains chants du virage.'
        ),
        "indignes",
    )
    assert quote.speaker == "Claire Ducros"


# Short paragraphs whose quote marks never close, or close without opening.
UNBALANCED = (
    "« On ne lâchera rien, a promis le délégué",
    "Les riverains ont répliqué » dès le lendemain.",
    "« Le « projet » coûte trop cher », d'après Julie Garnier.",
    'Le conseiller a parlé de "mensonges.',
    "« Jamais, tranche-t-elle, nous ne signerons",
    "» a ajouté la porte-parole Inès Cordier.",
)


def test_analysis_work_grows_with_the_text_not_with_quotes_times_paragraphs(nlp) -> None:
    """Work counted in function calls, not seconds: four times the paragraphs of unbalanced
    quote marks cost about four times the calls (sixteen if it grew with their square)."""
    import cProfile
    import pstats

    from quotesearch.extract.pipeline import analyse_parsed, paragraphs
    from quotesearch.records import Article

    def calls(count: int) -> tuple[int, int]:
        text = "\n".join(UNBALANCED[n % len(UNBALANCED)] for n in range(count)) + "\n"
        chunks = [(para, offset) for offset, para in paragraphs(text)]
        docs = [(offset, doc) for doc, offset in nlp.pipe(chunks, as_tuples=True)]
        profile = cProfile.Profile()
        found = profile.runcall(analyse_parsed, Article(id="unbalanced", text=text), docs)
        return pstats.Stats(profile).total_calls, len(found.quotes)

    (small, small_quotes), (large, large_quotes) = calls(150), calls(600)
    assert small_quotes >= 75 and large_quotes >= 4 * small_quotes - 4
    assert large < 6 * small, f"{small:,} calls for 150 paragraphs, {large:,} for 600"


def test_an_analysis_past_its_time_limit_is_stopped_and_says_so() -> None:
    from quotesearch.errors import ArticleError
    from quotesearch.extract.pipeline import analyse_articles

    text = "\n".join(UNBALANCED * 40) + "\n"
    long = Article(id="long", text=text)
    short = Article(id="court", text=UNBALANCED[2] + "\n")
    errors: list[ArticleError] = []
    # No time at all for the long text: it is stopped before the end of its paragraphs.
    found = list(
        analyse_articles([long], n_process=1, batch_size=8, time_limit=0, on_error=errors.append)
    )
    assert found == []
    [error] = errors
    assert error.source == "long"
    stopped = re.fullmatch(
        r"analysis stopped after 0 s, its time limit \(([\d,]+) of 240 paragraphs parsed\); "
        r"split the text into shorter articles",
        error.problem,
    )
    assert stopped and int(stopped.group(1).replace(",", "")) <= 8
    # Without a limit, or with a day of it, the same texts are analysed whole.
    assert [a.article.id for a in analyse_articles([short, long], n_process=1)] == [
        "court",
        "long",
    ]
    assert len(analyse(short.text, time_limit=86_400).quotes) == 1
