"""French language knowledge for quote attribution, kept as data.

Every list here is general French usage in news writing; none is tied to particular articles.
Another language gets a module of the same shape.
"""

from __future__ import annotations

import json
from pathlib import Path

MODEL = "fr_core_news_md"

# Weights of the salience ranker that resolves pronouns and vague descriptions, learned from
# annotated French articles (see quotesearch.extract.training and the file itself).
SALIENCE_WEIGHTS: dict[str, float] = json.loads(
    Path(__file__).with_name("salience_fr.json").read_text(encoding="utf-8")
)["weights"]

# Lemmas of verbs that introduce speech or a stated position. A quote inside their clause, or
# an incise built on them (« … », a-t-il ajouté), is attributed to their subject.
REPORTING_VERBS = frozenset(
    """
    abonder accuser admettre affirmer craindre agacer ajouter alarmer alerter amuser annoncer
    appeler
    argumenter assener assurer asséner avancer avertir avouer blaguer certifier clamer
    commenter conclure concéder condamner confesser confier confirmer considérer constater
    contester continuer corriger crier critiquer croire demander dire déclarer décrire défendre
    démentir dénoncer déplorer détailler embrayer emporter enchaîner espérer estimer exclamer
    excuser exhorter exiger expliquer exprimer fustiger féliciter glisser griffonner hurler
    implorer indigner indiquer informer inquiéter insister insurger interpeller interroger
    inviter ironiser jubiler juger jurer justifier lamenter lancer lâcher marteler menacer
    mentionner minimiser moquer murmurer noter nuancer objecter observer offusquer penser
    parler pester plaider plaisanter poursuivre proclamer promettre protester préciser préconiser
    prédire prévenir prôner qualifier questionner raconter railler rappeler rapporter
    recommander reconnaître rectifier redouter regretter relativiser relever remarquer
    remercier renchérir reprendre revendiquer réaffirmer réagir réclamer réitérer réjouir
    répliquer répondre répéter résumer rétorquer révéler saluer signaler souffler souhaiter
    souligner soupirer soutenir suggérer supplier tacler targuer tempérer tonner trancher
    tweeter twitter témoigner vanter écrire égrener émouvoir énoncer étonner évoquer
    """.split()
)

# Reporting verbs that report only in their pronominal form: « il s'inquiète de … » reports
# him, « le texte inquiète les chasseurs » does not report the text.
PRONOMINAL_REPORTING = frozenset(
    """
    agacer alarmer amuser étonner émouvoir indigner inquiéter insurger offusquer réjouir
    exclamer lamenter moquer targuer excuser
    """.split()
)
# Clitics that make a verb pronominal.
REFLEXIVE_CLITICS = frozenset("se s' s’ me m' m’ te t' t’ nous vous".split())

# Verbs that report speech only with a fixed complement (« mettre en garde », « faire savoir »):
# the lemma, then the words that must follow it within a few tokens.
MULTIWORD_VERBS: dict[str, tuple[tuple[str, ...], ...]] = {
    "mettre": (("en", "garde"),),
    "faire": (("savoir",), ("valoir",), ("part",), ("remarquer",), ("observer",), ("état",)),
    "tirer": (("sonnette",),),
    "prendre": (("parole",),),
    "lancer": (("appel",),),
}

# Verbs that report an opinion only with a clause of their own: « X trouve que c'est « … » ».
CLAUSE_REPORTING_VERBS = frozenset(["trouver"])

# Nouns of speech: « l'appel de X à « … » », « les propos de X », « sa « ferme conviction » ».
SPEECH_NOUNS = frozenset(
    """
    appel avertissement aveu commentaire communiqué confidence conviction critique déclaration
    discours entretien explication formule interview message mise mot parole phrase plaidoyer
    position promesse propos réaction réponse slogan souhait tweet terme expression accusation
    annonce allocution intervention lettre plaidoirie réquisitoire vœu voeux tribune
    argument thèse analyse avis hypothèse estimation version
    """.split()
)

# Where someone's words are published: « sur le compte officiel de X : « … » », « dans la
# lettre de X : ».
SPEECH_CHANNELS = frozenset(
    """
    compte profil page blog fil lettre communiqué message tweet courrier déclaration post
    """.split()
)

# Words introducing a source for the whole sentence, « selon X »; the rules also read
# « d'après X », « aux yeux de X » and a clause-opening « pour X, » as sources.
SOURCE_WORDS = frozenset(["selon"])
# Relative pronouns after « selon » whose antecedent is the source: « X, selon laquelle … ».
RELATIVE_SOURCES = frozenset("lequel laquelle lesquels lesquelles qui".split())
# Words opening a sentence to say whose view it gives: « Pour X, … », « Selon X, … ».
FRAME_WORDS = frozenset(["pour", "selon"])
# Words written with an elided vowel before another word (« l'union », « qu'il »).
ELIDED_WORDS = ("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu")
# Verbs of will before a reporting infinitive in an incise: « veut croire X », « tient à
# préciser X », « préfère retenir X ».
WILL_VERBS = frozenset(["vouloir", "tenir", "préférer", "souhaiter", "devoir", "pouvoir"])
# Possessives of the third person: « à ses yeux », « à leurs yeux » say whose view it is.
THIRD_PERSON_POSSESSIVES = frozenset(["son", "sa", "ses", "leur", "leurs"])
PLURAL_POSSESSIVES = frozenset(["leurs"])

# Titles before a name, with the gender they imply.
TITLES: dict[str, str | None] = {
    "m.": "m",
    "mm.": "m",
    "monsieur": "m",
    "mme": "f",
    "mmes": "f",
    "madame": "f",
    "mlle": "f",
    "mademoiselle": "f",
    "me": None,
    "maître": None,
    "dr": None,
    "docteur": None,
    "pr": None,
    "professeur": None,
    "mgr": "m",
    "sir": "m",
    "lady": "f",
    "cheikh": "m",
    "général": "m",
}

# Nouns naming a person by function. Used to read appositions (« le ministre X », « X, porte-parole
# de Y ») and to resolve role mentions (« le chef de la diplomatie russe a déclaré »).
ROLE_NOUNS = frozenset(
    """
    ministre président présidente dirigeant dirigeante chef cheffe porte-parole secrétaire
    député députée sénateur sénatrice maire avocat avocate procureur procureure juge directeur
    directrice patron patronne ambassadeur ambassadrice chancelier chancelière roi reine prince
    princesse pape général commandant conseiller conseillère responsable représentant
    représentante homologue leader candidat candidate élu élue militant militante expert
    experte analyste chercheur chercheuse professeur professeure entraîneur entraîneuse
    sélectionneur joueur joueuse capitaine pdg gouverneur gouverneure préfet préfète
    commissaire délégué déléguée vice-président vice-présidente dictateur émir cheikh fondateur
    fondatrice mae numéro premier première chanteur chanteuse acteur actrice écrivain écrivaine
    auteur autrice réalisateur réalisatrice médecin infectiologue épidémiologiste économiste
    politologue sociologue historien historienne spécialiste témoin victime mère père fils
    fille épouse mari veuve frère sœur soeur ami amie proche entourage patriarche ayatollah
    guide souverain monarque tsar héritier coordinateur coordinatrice négociateur négociatrice
    médiateur rapporteur rapporteure garde inspecteur inspectrice chef-adjoint adjoint adjointe
    sportif sportive athlète pilote coach manager présentateur présentatrice journaliste
    éditorialiste chroniqueur chroniqueuse humoriste artiste musicien musicienne comédien
    comédienne star icône influenceur influenceuse député-maire eurodéputé eurodéputée
    syndicaliste patron-fondateur gérant gérante propriétaire habitant habitante riverain
    riveraine manifestant manifestante policier policière gendarme soldat officier
    animateur animatrice scientifique rappeur rappeuse chargé chargée homme femme jeune garçon
    adolescent adolescente enfant étudiant étudiante élève lycéen lycéenne salarié salariée
    employé employée ouvrier ouvrière agriculteur agricultrice infirmier infirmière magistrat
    magistrate romancier romancière poète poétesse dramaturge metteur cinéaste compositeur
    compositrice footballeur footballeuse attaquant attaquante gardien gardienne défenseur
    milieu buteur buteuse coéquipier coéquipière skipper cycliste tennisman tenniswoman nageur
    nageuse champion championne médaillé médaillée vainqueur finaliste ex-attaquant ex-joueur
    ex-ministre ex-président ex-présidente ex-compagne ex-compagnon ex-mari ex-épouse
    compagnon compagne conjoint conjointe fiancé fiancée mannequin styliste photographe
    architecte ingénieur ingénieure avocat-conseil notaire juriste enquêteur enquêtrice
    psychiatre psychologue pédiatre virologue immunologiste urgentiste chirurgien chirurgienne
    vétérinaire pharmacien pharmacienne biologiste climatologue géographe démographe
    philosophe anthropologue linguiste essayiste biographe universitaire enseignant
    enseignante instituteur institutrice directeur-adjoint proviseur principal recteur
    rectrice doyen doyenne président-directeur dirigeant-fondateur co-fondateur cofondateur
    cofondatrice entrepreneur entrepreneuse commerçant commerçante restaurateur
    restauratrice boulanger boulangère viticulteur viticultrice éleveur éleveuse pêcheur
    pêcheuse chasseur chasseuse randonneur randonneuse touriste voyageur voyageuse passager
    passagère chauffeur chauffeuse conducteur conductrice locataire résident résidente
    retraité retraitée chômeur chômeuse bénévole volontaire militaire colonel capitaine
    lieutenant sergent caporal amiral maréchal insurgé insurgée rebelle djihadiste jihadiste
    terroriste détenu détenue prisonnier prisonnière otage suspect suspecte accusé accusée
    prévenu prévenue condamné condamnée plaignant plaignante partie avocat-général
    procureur-adjoint juge d'instruction greffier greffière policier-adjoint commissaire-priseur
    évêque archevêque cardinal prêtre curé imam rabbin pasteur moine religieuse
    sénateur-maire conseiller-maire édile bourgmestre gouverneure vice-premier ministre-président
    vice-chancelier secrétaire-général présidentiable prétendant prétendante opposant
    opposante rival rivale allié alliée partisan partisane sympathisant sympathisante électeur
    électrice citoyen citoyenne contribuable consommateur consommatrice usager usagère
    patient patiente malade survivant survivante rescapé rescapée sinistré sinistrée blessé
    blessée défunt défunte disparu disparue héritière descendant descendante neveu nièce
    oncle tante cousin cousine grand-mère grand-père petit-fils petite-fille belle-mère
    beau-père dauphin dauphine successeur prédécesseur titulaire intérimaire stagiaire
    apprenti apprentie interne externe lauréat lauréate nominé nominée candidat-président
    auteur-compositeur interprète chorégraphe danseur danseuse violoniste pianiste guitariste
    chef d'orchestre organiste animateur-producteur producteur productrice scénariste
    polémiste blogueur blogueuse youtubeur youtubeuse vidéaste internaute lanceur lanceuse
    dissident dissidente activiste écologiste féministe interlocuteur interlocutrice
    source sources informateur informatrice gréviste syndiqué syndiquée voisin voisine
    conservateur conservatrice parent collègue camarade supporter supporteur supportrice fan
    spectateur spectatrice client cliente vendeur vendeuse commerçant-artisan artisan
    cheminot cheminote soignant soignante fonctionnaire livreur livreuse routier paysan
    paysanne marin docker
    """.split()
)

# Role nouns whose form tells the holder's gender (« la présidente », « le directeur »); nouns
# of both genders (ministre, porte-parole, juge, maire, journaliste) are left out on purpose.
_FEMININE_ROLES = """
    présidente dirigeante cheffe députée sénatrice avocate procureure directrice patronne
    ambassadrice chancelière reine princesse conseillère représentante candidate élue militante
    experte chercheuse professeure entraîneuse joueuse gouverneure préfète déléguée
    vice-présidente fondatrice chanteuse actrice écrivaine autrice réalisatrice historienne
    mère fille épouse veuve sœur soeur amie coordinatrice négociatrice médiatrice rapporteure
    inspectrice adjointe sportive présentatrice chroniqueuse musicienne comédienne influenceuse
    eurodéputée gérante habitante riveraine manifestante policière romancière magistrate
    infirmière étudiante lycéenne salariée agricultrice ouvrière
    """.split()
_MASCULINE_ROLES = """
    président dirigeant député sénateur avocat procureur directeur patron ambassadeur
    chancelier roi prince pape conseiller représentant candidat élu militant expert chercheur
    entraîneur sélectionneur joueur gouverneur préfet délégué vice-président dictateur émir
    cheikh fondateur chanteur acteur réalisateur historien père fils mari frère ami
    coordinateur négociateur médiateur rapporteur inspecteur adjoint sportif présentateur
    chroniqueur musicien comédien influenceur eurodéputé gérant habitant riverain manifestant
    policier romancier magistrat infirmier étudiant lycéen salarié agriculteur ouvrier
    footballeur attaquant gardien défenseur milieu
    """.split()
GENDERED_ROLE_NOUNS: dict[str, str] = {
    **{w: "f" for w in _FEMININE_ROLES if w.islower()},
    **{w: "m" for w in _MASCULINE_ROLES},
}

# Words that open a clause: a noun phrase read word by word stops before them.
CLAUSE_WORDS = frozenset("qui que qu' qu’ dont où lequel laquelle lesquels lesquelles".split())

# Determiners that introduce someone new: « une source policière », « un proche du dossier ».
INDEFINITE_DETERMINERS = frozenset("un une des d' d’ de".split())

# Classes of role nouns, so that a description finds a person of the same walk of life: « le
# footballeur » may be the person introduced as « l'attaquant du club », not « la ministre ».
# Nouns that fit several walks of life (président, directeur, responsable) belong to none.
_ROLE_CLASS_WORDS = {
    "justice": """procureur procureure juge magistrat magistrate avocat avocate greffier
        greffière avocat-général""",
    "politics": """ministre député députée sénateur sénatrice maire élu élue candidat
        candidate eurodéputé eurodéputée chancelier chancelière gouverneur gouverneure
        premier première préfet préfète ambassadeur ambassadrice édile""",
    "sport": """footballeur footballeuse attaquant attaquante gardien gardienne défenseur
        milieu buteur buteuse entraîneur entraîneuse sélectionneur joueur joueuse capitaine
        coéquipier coéquipière cycliste nageur nageuse athlète sportif sportive pilote
        tennisman tenniswoman champion championne skipper""",
    "arts": """chanteur chanteuse acteur actrice réalisateur réalisatrice écrivain écrivaine
        romancier romancière poète poétesse auteur autrice artiste musicien musicienne
        comédien comédienne cinéaste compositeur compositrice dramaturge danseur danseuse
        violoniste pianiste guitariste rappeur rappeuse interprète chorégraphe""",
    "medicine": """médecin infectiologue épidémiologiste chirurgien chirurgienne virologue
        immunologiste pédiatre psychiatre urgentiste infirmier infirmière pharmacien
        pharmacienne""",
    "media": """journaliste animateur animatrice présentateur présentatrice chroniqueur
        chroniqueuse éditorialiste polémiste blogueur blogueuse youtubeur youtubeuse""",
    "police": """policier policière gendarme commissaire enquêteur enquêtrice""",
}
ROLE_CLASSES: dict[str, str] = {
    word: name for name, words in _ROLE_CLASS_WORDS.items() for word in words.split()
}

# Adjectives of number or sameness, which say how many or which, not who: left out of the
# name of a described speaker (« de nombreux scientifiques » → « scientifiques »).
QUANTIFIER_ADJECTIVES = frozenset(
    """
    autre autres nombreux nombreuses plusieurs certains certaines différents différentes
    divers diverses même mêmes seul seule seuls seules tel telle tels telles quelques
    """.split()
)

# Endings of nouns that name people by what they do or are (« gastro-entérologue »,
# « climatologue », « urbaniste », « quinquagénaire », « animatrice »): a fallback for nouns
# the lists above do not hold.
PERSON_NOUN_ENDINGS = ("logue", "iste", "génaire", "trice", "teuse", "ologue")
# Adjectives used as nouns for a person just talked about: « l'intéressé », « le jeune ».
PERSON_ADJECTIVES = frozenset("intéressé intéressée jeune principal principale".split())
# Endings of nouns of nationality, capitalised as nouns: « le Français », « l'Américaine ».
DEMONYM_ENDINGS = (
    "ais", "aise", "ain", "aine", "ien", "ienne", "ois", "oise", "and", "ande", "ote"
)  # fmt: skip

# Role phrases that name the same function; each group folds to its first member, so that
# « le chef de la diplomatie russe » finds the person introduced as « ministre russe des
# Affaires étrangères ».
# Forms of ROLE_EQUIVALENTS that name their office only with a foreign country's qualifier:
# « le secrétaire d'État américain » is a foreign minister, while a French « secrétaire
# d'État » is a junior minister.
FOREIGN_ONLY_ROLES = frozenset(["secrétaire d'état"])
ROLE_EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    (
        "ministre des affaires étrangères",
        "chef de la diplomatie",
        "patron de la diplomatie",
        "ministre des affaires étrangères et européennes",
        "mae",
        "secrétaire d'état",
        # Later additions: the feminine and the title since 2017.
        "cheffe de la diplomatie",
        "ministre de l'europe et des affaires étrangères",
    ),
    (
        "dirigeant",
        "leader",
        "numéro un",
        "chef",
        "dictateur",
        "guide",
        "homme fort",
        # Later additions: the feminine, and « patron » (« le patron du Medef », « la patronne
        # de la CGT »), which news uses for the head of any body.
        "dirigeante",
        "cheffe",
        "patron",
        "patronne",
        "chef de file",
        "cheffe de file",
    ),
    (
        "président",
        "chef de l'état",
        "président de la république",
        "locataire de l'élysée",
        # Later additions.
        "présidente de la république",
        "cheffe de l'état",
        "hôte de l'élysée",
    ),
    (
        "premier ministre",
        "chef du gouvernement",
        "locataire de matignon",
        # Later additions: « première » folds apart from « premier ».
        "première ministre",
        "cheffe du gouvernement",
        "hôte de matignon",
    ),
    ("ministre de la justice", "garde des sceaux"),
    ("ministre de l'intérieur", "locataire de la place beauvau", "locataire de beauvau"),
    (
        "ministre de l'économie",
        "ministre des finances",
        "grand argentier",
        # Later additions: the minister is named after the ministry's building.
        "ministre de l'économie et des finances",
        "locataire de bercy",
        "patron de bercy",
    ),
    ("ministre des armées", "ministre de la défense"),
    ("porte-parole",),
    ("chancelier", "chancelière"),
)

# Nationality or place words that stand for the same side (« porte-parole du Kremlin » is Russian).
PLACE_EQUIVALENTS: dict[str, str] = {
    "kremlin": "russe",
    "moscou": "russe",
    "russie": "russe",
    "pyongyang": "nord-coréen",
    "élysée": "français",
    "france": "français",
    "matignon": "français",
    "washington": "américain",
    "maison-blanche": "américain",
    "états-unis": "américain",
    "pékin": "chinois",
    "chine": "chinois",
    "kiev": "ukrainien",
    "kyiv": "ukrainien",
    "ukraine": "ukrainien",
    "séoul": "sud-coréen",
    "tokyo": "japonais",
    "berlin": "allemand",
    "londres": "britannique",
}

# Nouns whose noun phrase speaks for a group or an institution.
ORGANIZATION_NOUNS = frozenset(
    """
    agence médias média presse journal quotidien hebdomadaire chaîne télévision radio ministère
    gouvernement parti syndicat association ong police gendarmerie parquet tribunal cour armée
    état-major présidence commission conseil comité fédération club entreprise groupe société
    compagnie direction mairie préfecture ambassade collectif coalition opposition autorités
    autorité diplomatie kremlin élysée matignon régime administration institut organisation
    office banque fonds agence observatoire ligue union alliance mouvement majorité
    municipalité département service services cabinet équipe famille proches avocats enquêteurs
    secours pompiers hôpital université académie assemblée sénat parlement défense
    """.split()
)

# Nouns of a kind of body that, with « le », « la », « sa » or « cette », stand for a body the
# article has named (« Oxfam … a souligné l'ONG », « Volkswagen … a réagi l'entreprise »),
# and those of them that name a paper or a broadcaster.
GENERIC_BODY_NOUNS = frozenset(
    """
    ong entreprise groupe société compagnie firme constructeur laboratoire institut
    organisation association agence autorité régulateur fédération club banque fonds
    observatoire ligue collectif syndicat fondation filiale enseigne marque géant opérateur
    chaîne radio journal quotidien hebdomadaire magazine mensuel site média
    """.split()
)
PRESS_NOUNS = frozenset(
    "chaîne radio journal quotidien hebdomadaire magazine mensuel site média".split()
)
# How many sentences back a generic body noun looks for the body it stands for.
BODY_REACH = 12

# Pronouns that can be the subject of a reporting verb, with their gender and number.
SUBJECT_PRONOUNS: dict[str, tuple[str | None, str]] = {
    "il": ("m", "sing"),
    "elle": ("f", "sing"),
    "ils": ("m", "plur"),
    "elles": ("f", "plur"),
    "lui": ("m", "sing"),
    "celui-ci": ("m", "sing"),
    "celle-ci": ("f", "sing"),
    "ce dernier": ("m", "sing"),
    "cette dernière": ("f", "sing"),
}

# Stressed pronouns after « selon » / « d'après » / « pour ».
STRESSED_PRONOUNS: dict[str, str | None] = {"lui": "m", "elle": "f", "eux": "m", "elles": "f"}

# Pronouns whose referent is the writer or the reader, never a third-party speaker.
NON_THIRD_PERSON = frozenset(["je", "j'", "j’", "tu", "nous", "vous", "on", "me", "moi", "toi"])

# Common first names by gender, a weak cue used when no title or agreement tells the gender.
FEMININE_FIRST_NAMES = frozenset(
    """
    agnès alexandra alice amélie anne annie aurore barbara béatrice brigitte carole caroline
    catherine cécile céline chantal christine claire claudine corinne delphine dominique édith
    élisabeth elisabeth élise élodie emmanuelle émilie fabienne florence françoise frédérique
    geneviève hélène isabelle jacqueline jeanne julie juliette karine laetitia laurence léa
    lucie marie marine marion marlène martine mathilde michèle monique muriel nadine nathalie
    nicole pascale patricia rachida roselyne sabine sandrine ségolène simone sophie stéphanie
    sylvie valérie véronique virginie yaël angela hillary kamala ursula theresa nancy giorgia
    jacinda sanna liz kim-yo-jong greta marina valentina svetlana olga tatiana maria anna elena
    yulia ioulia natalia irina iryna olena oksana halyna tetiana viktoria liudmila lioudmila
    ekaterina daria anastasia ksenia fatima fatma aïcha aicha khadija leïla leila layla mariam
    maryam yasmine yasmina amal nour noura samira nadia karima salma rania zeinab souad hanane
    najat malika farida mei ying hui lan jing seo-yeon ji-woo min-ji yo-jong son-hui hye-jin
    angelina beatriz carmen dolores isabel lucia pilar rosa ana giulia francesca chiara kirsten
    ingrid annalena adèle adeline agathe albane alexia aline amandine ambre anaïs andrée
    angélique annabelle anne-marie anne-sophie arielle armelle audrey aurélie axelle bénédicte
    bernadette blandine camille capucine carla charlotte chloé clara clarisse claude-marie
    clémence clémentine colette constance coralie cyrielle danièle danielle denise diane
    dorothée eléonore éléonore eliane éliane elise elodie eloïse emma estelle eugénie eva
    evelyne éveline fanny flavie gaëlle géraldine ghislaine gisèle hortense inès irène jade
    jeanne-marie jocelyne joëlle josiane judith justine laure laurène léna léonie lina lisa
    louise lucienne ludivine lydie madeleine maëlle manon margaux marguerite marie-christine
    marie-claire marie-france marie-hélène marie-laure marie-noëlle marielle maryse maud
    mélanie mélissa micheline mireille morgane myriam nadège noémie océane odile olivia ophélie
    paola pascaline pauline pénélope perrine rose roxane sabrina salomé sarah séverine
    solène solange suzanne sylvianne tiphaine valentine vanessa victoire violaine yvette yvonne
    zoé mary jennifer linda elizabeth susan jessica karen betty margaret sandra ashley kimberly
    emily donna michelle carol amanda dorothy melissa deborah rebecca sharon laura cynthia
    kathleen amy shirley brenda pamela helen samantha katherine debra rachel carolyn janet
    heather ruth joyce virginia kelly lauren christina joan evelyn megan andrea cheryl hannah
    martha gloria teresa ann sara madison frances kathryn janice abigail judy sophia grace
    amber doris marilyn beverly isabella diana natalie brittany kayla lori kate jane anne-laure
    amina ivanka melania
    """.split()
)
MASCULINE_FIRST_NAMES = frozenset(
    """
    alain alexandre antoine arnaud benoît bernard bruno charles christian christophe claude
    daniel david denis didier dominique édouard emmanuel éric eric fabien françois frédéric
    karim mehdi youssef omar khalil samir rachid farid hamid mustapha moustapha abdelaziz
    volodymyr oleksandr oleksiy andriy mykola taras petro dmytro vitali vitaly igor ivan
    jong-un jong-il il-sung yoon suk-yeol moon jae-in min-ho jin wei ming jian hao gabriel
    gérald gérard gilles guillaume henri hervé jacques jean jean-luc jean-marie jean-michel
    jean-pierre jean-yves jérôme joël julien laurent louis luc marc marcel mathieu michel
    nicolas olivier pascal patrick paul philippe pierre raphaël richard robert sébastien serge
    stéphane thierry thomas vincent xavier yannick yves donald joe barack george bill vladimir
    dmitri sergueï serguei sergei alexeï alexei mikhaïl mikhail boris xi recep benjamin
    mohammed mohamed ali ahmed abdel hassan adrien alban albert alexis alfred amaury anatole
    andré anthony aristide armand arthur augustin aurélien axel baptiste basile bastien
    bertrand blaise cédric célestin charles-henri clément corentin cyril cyrille damien dimitri
    edouard élie emile émile enzo étienne etienne eugène fabrice félix fernand florent florian
    francis franck gaël gaëtan gaspard gautier geoffroy georges germain ghislain gilbert
    grégoire grégory guy hadrien hector hubert hugo hugues ignace jean-baptiste jean-charles
    jean-claude jean-françois jean-jacques jean-louis jean-marc jean-noël jean-paul
    jean-philippe jérémie jérémy joachim jonathan jordan joseph jules justin kévin lionel loïc
    lucas lucien ludovic manuel marius martin mathias matthieu maurice maxime médéric mickaël
    mikaël noël norbert octave philibert quentin raoul raymond régis rémi rémy renaud rené
    roger romain rodolphe roland samuel simon sylvain théo théodore thibault thibaut tristan
    valentin valéry victor vivien william yann yoann willy john james michael
    christopher matthew mark steven andrew joshua kenneth kevin brian timothy ronald edward
    jason jeffrey ryan jacob gary nicholas stephen larry scott brandon gregory alexander frank
    jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan
    walter noah jeremy keith terry harold sean austin carl lawrence dylan jesse bryan billy
    bruce logan willie alan juan wayne elijah randy roy ralph eugene russell bobby mason philip
    mike steve dustin harvey sylvester joey brad tom tony jim bob dan matt nick jeff greg ted
    tim kurt hans klaus heiko armin olaf friedrich luigi giuseppe mario matteo marco paolo
    giorgio silvio pedro carlos miguel luis javier diego pablo antonio mauro alberto roberto
    stefano fabio sergio lorenzo massimo hamza kylian zinedine cristiano rafael novak
    """.split()
)

# Inverted subject pronouns of an incise (« … », a-t-il ajouté / dit-elle / s'alarme-t-on).
INVERTED_PRONOUNS: dict[str, str | None] = {
    "-il": "m",
    "-elle": "f",
    "-t-il": "m",
    "-t-elle": "f",
    "-ils": "m",
    "-elles": "f",
    "-t-ils": "m",
    "-t-elles": "f",
    "-on": None,
    "-t-on": None,
}

# Verbs whose « il » subject is impersonal (« il faut », « il s'agit », « il y a »).
IMPERSONAL_VERBS = frozenset(
    ["falloir", "agir", "sembler", "paraître", "exister", "manquer", "suffire", "valoir"]
)

# Nouns naming a work, an operation or a label: a quote standing for its name (« le film
# « … » », « l'opération « … » ») is a title, not words someone said.
TITLE_NOUNS = frozenset(
    """
    film livre ouvrage roman album chanson titre série émission spectacle pièce opération plan
    projet loi programme mouvement slogan hashtag magazine label campagne documentaire
    exposition festival tube disque feuilleton rubrique surnom nom formule baptisé intitulé
    opéra œuvre revue journal quotidien hebdomadaire site application immeuble navire bateau
    opération mot terme expression hashtag mot-clé marque devise long-métrage court-métrage
    téléfilm recueil single clip
    """.split()
)

# Determiners before a quoted name used as a noun: « un « Déshabillez-moi » », « son « Portrait » ».
NAMING_DETERMINERS = frozenset("un une ce cet cette son sa ses leur leurs".split())

# Determiners written before a quoted term the article uses as a name (« les « gilets
# jaunes » », « d'un « code de conduite » »).
TERM_DETERMINERS = frozenset("les des aux du un une d l".split())

# Nouns of documents that « say » things (« le rapport indique que », « selon le communiqué »):
# a document speaks as itself, named by its description (« rapport de police »).
DOCUMENT_NOUNS = frozenset(
    """
    rapport communiqué texte lettre arrêté document note courrier acte jugement arrêt
    ordonnance décret circulaire étude tweet message proposition motion résolution pétition
    tribune charte manifeste contrat règlement protocole
    """.split()
)
# What a document « says » when it is the subject: « la charte garantit « … » », « l'arrêté
# prévoit « … » », « le contrat stipule « … » ».
DOCUMENT_VERBS = frozenset(
    """
    garantir prévoir stipuler énoncer mentionner évoquer promettre interdire imposer
    préconiser recommander proposer exiger viser disposer qualifier décrire
    """.split()
)

# Participles that give something a name (« le projet dit de « … » », « surnommé « … » »):
# the quoted words are a label, not speech.
NAMING_VERBS = frozenset("dire surnommer baptiser appeler nommer intituler".split())
# Those of them that name whatever they stand before: « surnommé « le Faucon » ».
NAMING_PARTICIPLES = frozenset("surnommer baptiser intituler rebaptiser".split())

# Reporting verbs that carry a quote only as an incise (« … », a-t-il poursuivi): in the
# author's own clause they mean something else (« que l'État continue de payer »).
INCISE_ONLY_VERBS = frozenset("continuer poursuivre reprendre enchaîner embrayer".split())

# Connectives that may open a paragraph before a quote going on from the one before
# (« En outre, « … » », « Mais « … » »).
CONNECTIVES = frozenset(
    [
        *"mais et or aussi puis ensuite enfin donc d'où d’où pourtant cependant".split(),
        *"toutefois néanmoins surtout bref ainsi".split(),
        "en outre",
        "de plus",
        "par ailleurs",
    ]
)

# Time words that may stand between an incise verb and its subject (« a déclaré mardi X »).
TIME_WORDS = frozenset(
    """
    lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui demain soir matin
    midi après-midi dernier dernière encore aussi ensuite enfin également
    """.split()
)

# Months, read as part of a date (« a déclaré samedi 3 juin X »), and their numbers.
_MONTH_ORDER = """
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    """
MONTH_NUMBERS: dict[str, int] = {month: n for n, month in enumerate(_MONTH_ORDER.split(), 1)}
MONTHS = frozenset(MONTH_NUMBERS)
# Words of a dateline (« AFP, publié le mardi 23 juin 2020 », « Mis à jour le 03/02/2019 »):
# a plain-text article gives its date on such a line near its top.
DATELINE_WORDS = ("publié", "publiée", "mis à jour", "mise à jour", "modifié", "le ")

# Prepositions that may stand between an incise verb and its subject: « a déclaré à l'AFP X ».
INCISE_OBLIQUES = frozenset(["à", "au", "aux", "sur", "dans", "devant", "auprès", "lors"])
# Verbs and nouns of prosecution: a quote after « pour » names an offence (« poursuivi pour
# « trafic d'influence » », « une enquête pour « homicide involontaire » »).
CHARGE_WORDS = frozenset(
    """
    poursuivre condamner inculper juger écrouer incarcérer interpeller arrêter soupçonner
    examen enquête poursuite condamnation procès inculpation garde
    """.split()
)
# Prepositions that give the source of an « on » incise: « indique-t-on au ministère »,
# « explique-t-on dans son entourage », « précise-t-on auprès de la préfecture ».
IMPERSONAL_SOURCE_PREPOSITIONS = frozenset(["au", "aux", "à", "auprès", "dans", "chez"])
# Sentence openings that point back to the quote just before as what someone said: « « … ».
# C'est en ces termes que X a … », « Ce sont les mots de … ».
CATAPHORIC_OPENERS = (
    "c'est en ces termes",
    "c'est par ces mots",
    "c'est avec ces mots",
    "c'est ainsi que",
    "ce sont les mots",
    "ce sont les termes",
    "voilà ce qu",
    "tels sont les mots",
    "tels sont les propos",
)
# Prefixes of a former role, written with a hyphen: « l'ex-ministre », « l'ancien-président ».
FORMER_PREFIXES = frozenset(["ex", "ancien", "ancienne", "futur", "future", "vice"])
# Prepositions that end a description: what follows says where or when someone spoke, not
# who they are (« le ministre sur BFM », « le président dans un échange avec X »).
CIRCUMSTANCE_PREPOSITIONS = frozenset(
    "sur dans avec lors devant auprès pendant durant après avant chez selon face".split()
)

# Lowercase particles inside personal names (« Charles de Gaulle », « Mohammed ben Salmane »);
# any other lowercase word means the phrase is not a person's name (« Biennale d'architecture »).
NAME_PARTICLES = frozenset(
    """
    de d' d’ du des la le van von der den al el ben bin ibn bint da di dos das y zu ter
    """.split()
)

# Words marking the end of a news article's body: page furniture rather than prose.
FURNITURE_PATTERNS = (
    r"^\s*(comment|comments|commentaires?)\s*\(\d+\)\s*$",
    r"^\s*leave a (comment|reply)\s*$",
    r"^\s*you may also like\s*$",
    r"^\s*(lien source|source|lire aussi|à lire aussi|voir aussi|photo\s*:.*)\s*$",
    r"^\s*(#\w+\s*){2,}$",
    r"^\s*home\s*»",
    r"^\s*by \w+\s*$",
    r"this site uses akismet",
)

# --- Search: how quote text is cut into index terms -------------------------------------------

# Elided articles, pronouns and conjunctions written before a vowel: « l'État », « qu'il »,
# « jusqu'au », « lorsqu'elle ». What follows the apostrophe is the word.
ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu".split())
# Words too common to help a search, written accent-folded (they are stopped after folding):
# articles, prepositions, conjunctions and the weakest pronouns.
STOP_WORDS = frozenset(
    "le la les un une des du de d l au aux a en dans par pour sur sous avec sans chez "
    "et ou ni mais donc or car que qu qui quoi dont ce cet cette ces se sa son ses leur leurs "
    "il elle ils elles on y ne pas est".split()
)
# Words that say nothing of which statement a quote is, written folded: two quotes are one
# statement reported twice when they share the other words (« content words »), in order. Beyond
# the stop words (less « sans », which turns a statement around): pronouns, the auxiliaries,
# the most common adverbs and determiners, and numbers written as words.
FUNCTION_WORDS = (STOP_WORDS - {"sans"}) | frozenset(
    "je j me m moi tu te t toi nous vous lui eux s c n ca cela ceci celui celle ceux celles "
    "mon ma mes ton ta tes notre nos votre vos ai as avons avez ont avait avaient aura "
    "suis es sommes etes sont etait etaient sera serons etre avoir ete fait faire "
    "peut peux pouvons veut veux voulons faut va vais allons "
    "plus moins tres tout tous toute toutes bien aussi encore deja meme alors si comme "
    "quand ou non oui rien jamais toujours ici la voila cette cet autre autres quelque "
    "a au aux aujourd hui fais faisait pouvant un deux trois quatre cinq six sept huit "
    "neuf dix cent cents mille".split()
)
# Words of the legal charges articles quote as they are written (« mise en danger de la vie
# d'autrui », « recel de détournement de fonds publics »): the same charge quoted by two
# articles is a term, not one statement, so these words do not count towards a statement.
CHARGE_TERM_WORDS = frozenset(
    "autrui abus recel complicite detournement outrage depositaire malfaiteurs homicide "
    "involontaire volontaires violences corruption passive financement illegal traite "
    "trafic bande organisee aggravantes faux usage usages appartenance criminelle "
    "assistance".split()
)
# Charges of several words whose words are common alone, written folded: taken out whole.
CHARGE_TERM_PHRASES = ("circonstances aggravantes", "etres humains", "etre humain")
# Endings of accent-folded words rewritten before stemming: the stemmer strips « ée », « ées »
# from a participle only when it still has its accent, so « fermées » would keep an « e » that
# « fermé » loses.
FOLDED_ENDINGS = (("ees", "e"), ("ee", "e"))
