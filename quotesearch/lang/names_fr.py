"""What French news prose wraps around a person's name, and how foreign names get spelt.

Plain constants read by `quotesearch.speakers.names`. All words are folded: lowercase, no accents,
hyphens and apostrophes turned into spaces. A new language is a new module like this one.
"""

from __future__ import annotations

# Courtesy titles and honorifics written before a name (« M. Poutine », « Mme Choe »).
TITLES = frozenset(
    {
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "monsieur",
        "madame",
        "mademoiselle",
        "dr",
        "docteur",
        "pr",
        "professeur",
        "me",
        "maitre",
        "mgr",
        "monseigneur",
        "sir",
        "lord",
        "dame",
        "cheikh",
        "sheikh",
        "emir",
        "imam",
        "ayatollah",
        "mollah",
        "excellence",
        "saintete",
        "majeste",
        "camarade",
        "marechal",
        "general",
        "colonel",
        "capitaine",
        "amiral",
    }
)

# Role nouns that open a role phrase before a name (« le dirigeant nord-coréen Kim Jong-un »).
# Everything from such a noun to the name is the role, not the name.
ROLE_NOUNS = frozenset(
    {
        "president",
        "presidente",
        "vice president",
        "premier",
        "premiere",
        "ministre",
        "vice ministre",
        "chancelier",
        "chanceliere",
        "dirigeant",
        "dirigeante",
        "leader",
        "chef",
        "cheffe",
        "porte parole",
        "secretaire",
        "ambassadeur",
        "ambassadrice",
        "envoye",
        "envoyee",
        "emissaire",
        "conseiller",
        "conseillere",
        "directeur",
        "directrice",
        "depute",
        "deputee",
        "senateur",
        "senatrice",
        "maire",
        "gouverneur",
        "roi",
        "reine",
        "prince",
        "princesse",
        "pape",
        "patriarche",
        "commandant",
        "numero",
        "homologue",
        "soeur",
        "frere",
        "fils",
        "fille",
        "pere",
        "epouse",
        "mari",
        "patron",
        "patronne",
        "fondateur",
        "fondatrice",
        "responsable",
        "representant",
        "representante",
        "negociateur",
        "negociatrice",
        "juge",
        "procureur",
        "avocat",
        "avocate",
        "expert",
        "experte",
        "analyste",
        "chercheur",
        "chercheuse",
        "professeur",
        "journaliste",
        "opposant",
        "opposante",
        "militant",
        "militante",
    }
)

# Words of a role phrase that are not role nouns: articles, prepositions, and the
# capitalised institution names a role carries (« ministre des Affaires étrangères »).
ROLE_FILLERS = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "du",
        "de",
        "des",
        "d",
        "au",
        "aux",
        "et",
        "en",
        "affaires",
        "etrangeres",
        "defense",
        "interieur",
        "etat",
        "etats",
        "unis",
        "republique",
        "parti",
        "assemblee",
        "nationale",
        "conseil",
        "securite",
        "nations",
        "onu",
        "union",
        "europeenne",
        "kremlin",
        "commission",
        "gouvernement",
        "armee",
        "economie",
        "finances",
        "justice",
        "sante",
        "commerce",
        "reunification",
        "unification",
        "travailleurs",
        "coree",
        "nord",
        "sud",
        "russie",
        "chine",
        "ukraine",
        "france",
        "iran",
        "israel",
        "japon",
    }
)

# Articles, possessives and prepositions that open a mention and are no part of the name.
DETERMINERS = frozenset(
    {"le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur", "du", "de", "des", "d"}
)

# Particles that belong to a family name (« Charles de Gaulle », « Mohammed ben Salmane »).
# The family name's comparison key drops the Arabic article (al-Assad ≈ Assad).
NAME_PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ben",
        "bin",
        "ibn",
        "abou",
        "abu",
        "al",
        "el",
        "da",
        "di",
        "dos",
        "das",
        "ter",
        "ould",
    }
)
DROPPED_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az"})

# Family names written first: Korean, Chinese and Vietnamese names keep their native order in
# the press (« Kim Jong-un », « Xi Jinping »), so the first word is the family name.
FAMILY_FIRST = frozenset(
    {
        # Korean
        "kim",
        "choe",
        "choi",
        "chwe",
        "pak",
        "park",
        "pyo",
        "ri",
        "rhee",
        "lee",
        "yi",
        "jang",
        "chang",
        "kang",
        "moon",
        "mun",
        "yoon",
        "yun",
        "han",
        "jo",
        "cho",
        "jeong",
        "jung",
        "chung",
        "kwon",
        "hwang",
        "ryu",
        "yoo",
        "shin",
        "sin",
        "hyon",
        "hyun",
        "o",
        "oh",
        "an",
        "ahn",
        "so",
        "seo",
        "song",
        "ko",
        "go",
        "nam",
        "chon",
        "ju",
        "baek",
        # Chinese
        "xi",
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "yang",
        "zhao",
        "huang",
        "zhou",
        "wu",
        "hu",
        "mao",
        "deng",
        "wen",
        "jiang",
        "qin",
        "zhu",
        "guo",
        "he",
        "lin",
        "luo",
        "ma",
        "sun",
        "cai",
        "tsai",
        "lai",
        "ding",
        "xu",
        "fu",
        "gao",
        "shi",
        "tang",
        "peng",
        "hua",
        "zeng",
        # Vietnamese
        "nguyen",
        "tran",
        "pham",
        "vo",
        "vu",
        "dang",
        "bui",
        "do",
    }
)

# Spelling rewrites applied to a folded name before comparison, in order: the letters and
# digraphs that French, English and German transcriptions of the same Russian, Korean, Arabic
# or Chinese name write differently (Sergueï/Sergei, Choïgou/Shoigu, Zhelokhovtsev/
# Jelokhovtsev, Kadhafi/Gaddafi, Peskov/Peskoff).
SPELLING_REWRITES: tuple[tuple[str, str], ...] = (
    (r"dzh|dj|zh", "j"),
    (r"tch|tsch|sch|sh|ch", "c"),
    (r"kh|ck|q", "k"),
    (r"ph", "f"),
    (r"x", "ks"),
    (r"gu(?=[eiy])", "g"),
    (r"ou", "u"),
    (r"(?<=[bcdfgjklmnpqrstvxz])w", "u"),
    (r"w", "v"),
    (r"(?<=\w)h", ""),
)

# Look-alike letter classes: letters that transliterations swap freely cost nothing once each
# is replaced by its class (o/u in Son/Sun, e/i/y in Sergei/Sergey, c/k/g in Choe/Gaddafi).
LOOKALIKE_CLASSES: dict[str, str] = {
    "u": "o",
    "e": "i",
    "y": "i",
    "c": "k",
    "g": "k",
    "f": "v",
    "z": "s",
    # Korean names reach French through Russian and English: Ri/Li, Il-sung/Ir Sen.
    "l": "r",
}

# Feminine forms of a given name that differ from the masculine by an ending
# (Jean/Jeanne, Daniel/Danielle, Louis/Louise): one letter apart, yet two people.
FEMININE_ENDINGS = ("e", "ne", "le", "te", "se")

# Korean romanisations write a syllable-final « ng » as « n » and back (Son-hui/Song-hui).
SYLLABLE_FINAL_REWRITES: tuple[tuple[str, str], ...] = ((r"ng$", "n"),)

# A mute final « e » that French adds to transcriptions (Poutine/Putin, Salmane/Salman).
MUTE_FINAL_E = r"(?<=[^aeiouyh])e$"

# Organisation names come with an article (« le Kremlin ») that is no part of the name.
ORGANIZATION_ARTICLES = frozenset({"le", "la", "les", "l"})

# Role nouns by the gender they are written in (« présidente », « président »): the role a
# person is given tells their gender where no title or given name does. Only nouns whose two
# genders are written apart count; « ministre » or « juge » say nothing.
FEMININE_ROLE_NOUNS = frozenset(
    """
    presidente deputee eurodeputee senatrice directrice avocate elue candidate adjointe
    conseillere fondatrice cofondatrice dirigeante cheffe procureure ambassadrice militante
    chanteuse actrice animatrice presentatrice realisatrice productrice ecrivaine autrice
    chercheuse professeure infirmiere patronne representante negociatrice experte opposante
    collaboratrice coordinatrice creatrice gouverneure reine princesse mere fille soeur epouse
    veuve tante niece cousine habitante etudiante joueuse championne entraineuse retraitee
    salariee employee commercante agricultrice policiere premiere doyenne ancienne nouvelle
    """.split()
)
MASCULINE_ROLE_NOUNS = frozenset(
    """
    president depute eurodepute senateur directeur avocat elu candidat adjoint conseiller
    fondateur cofondateur dirigeant procureur ambassadeur militant chanteur acteur animateur
    presentateur realisateur producteur ecrivain chercheur patron representant negociateur
    opposant collaborateur coordinateur createur gouverneur roi prince pere fils frere epoux
    mari veuf oncle neveu cousin habitant etudiant joueur champion entraineur retraite salarie
    employe commercant agriculteur policier premier doyen ancien nouveau nouvel
    """.split()
)

# Words that qualify a role noun before it (« le vice-président », « l'ex-députée ») and say
# nothing of the gender themselves.
ROLE_PREFIXES = frozenset({"ex", "vice", "co", "sous", "futur", "future", "jeune"})

# Nouns of kinship written before a relative's name (« sa fille Anne », « son frère Hafedh »,
# « leur benjamine Anne »), with the gender of the relative they name: the name that follows
# is someone of the family, never the person the family is named after.
KINSHIP_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        """femme épouse fille sœur soeur mère benjamine cadette aînée veuve compagne nièce tante
        cousine grand-mère petite-fille belle-mère belle-sœur belle-fille ex-femme ex-épouse
        demi-sœur""".split(),
        "f",
    ),
    **dict.fromkeys(
        """mari époux fils frère père benjamin cadet aîné veuf compagnon neveu oncle cousin
        grand-père petit-fils beau-père beau-frère beau-fils ex-mari demi-frère""".split(),
        "m",
    ),
}
# Words that may stand between the possessive and the kinship noun (« sa jeune sœur »,
# « son fils aîné Marc »), or after it.
KINSHIP_FILLERS = frozenset("jeune petit petite grand grande propre second seconde".split())

# Nouns of an institution that say which one only with their complement or their article
# (« le gouvernement » of Spain or of France, « l'Agence » of health or of the environment):
# a speaker so named is qualified from its article or kept to it. Names that stand for one
# institution (« l'Élysée », « Matignon », « le Kremlin ») are not among them.
GENERIC_BODIES = frozenset(
    """
    agence gouvernement institut ministere parquet tribunal cour commission conseil comite
    federation association syndicat parti entreprise groupe societe compagnie direction mairie
    prefecture ambassade autorite autorites administration organisation office banque fonds
    observatoire ligue union alliance mouvement collectif coalition universite academie hopital
    police gendarmerie armee armees assemblee parlement senat regime municipalite departement
    service services cabinet equipe club justice diplomatie presidence majorite opposition
    """.split()
)

# Nouns of an office one person holds at a time (« le maire de Lyon », « le préfet du Nord »):
# a role speaker so named can be identified from the corpus; « un employé de Veolia » cannot.
OFFICE_NOUNS = frozenset(
    """
    president presidente dirigeant dirigeante maire ministre premier chancelier chanceliere
    secretaire directeur directrice prefet prefete procureur procureure gouverneur gouverneure
    ambassadeur ambassadrice porte parole patron patronne pdg chef cheffe recteur rectrice
    bourgmestre commissaire delegue deleguee coordinateur coordinatrice roi reine prince
    princesse pape empereur
    """.split()
)

# Generic bodies every country has, with the gender and number of the noun: in an article
# about one foreign country, « le gouvernement » is that country's (« gouvernement
# espagnol »).
NATIONAL_BODIES: dict[str, tuple[str, bool]] = {
    "gouvernement": ("m", False),
    "parlement": ("m", False),
    "senat": ("m", False),
    "regime": ("m", False),
    "ministere": ("m", False),
    "police": ("f", False),
    "armee": ("f", False),
    "justice": ("f", False),
    "diplomatie": ("f", False),
    "presidence": ("f", False),
    "opposition": ("f", False),
    "autorites": ("f", True),
}
