"""What a French news speaker name can be besides a person: parties, media, organisations,
places, events; and the given names that tell a person's name from the rest.

Plain constants read by `quotesearch.speakers.names` to clean mention boundaries and to give a
speaker its kind from evidence. Words are folded (lowercase, no accents, hyphens and apostrophes
as spaces) unless said otherwise. A new language is a new module like this one.
"""

from __future__ import annotations

# Parties and political groups, as their acronyms or short names are written before a member's
# name (« EELV Karima Delli », « le RN Jordan Bardella »): kept as the member's affiliation.
PARTIES = frozenset(
    {
        "rn",
        "fn",
        "lr",
        "ump",
        "ps",
        "pcf",
        "lfi",
        "eelv",
        "modem",
        "udi",
        "lrem",
        "rem",
        "npa",
        "lo",
        "dlf",
        "cdu",
        "csu",
        "spd",
        "afd",
        "psoe",
        "pp",
        "m5s",
        "snp",
        "gop",
        "sens commun",
        "renaissance",
        "horizons",
        "reconquete",
        "republicains",
        "les republicains",
        "france insoumise",
        "la france insoumise",
        "insoumis",
        "en marche",
        "la republique en marche",
        "republique en marche",
        "rassemblement national",
        "front national",
        "parti socialiste",
        "parti communiste",
        "europe ecologie les verts",
        "debout la france",
        "generation s",
        "podemos",
        "vox",
        "syriza",
        "ligue",
        "parti democrate",
        "parti republicain",
        "tories",
        "labour",
    }
)

# Trade unions, institutions, companies and NGOs often written as acronyms before a name
# (« le CGT Philippe Martinez ») or quoted as speakers themselves.
ORGANISATIONS = frozenset(
    {
        "cgt",
        "cfdt",
        "fo",
        "cfe cgc",
        "cftc",
        "unsa",
        "sud",
        "fsu",
        "snes",
        "medef",
        "cpme",
        "fnsea",
        "clcv",
        "ufc que choisir",
        "bva",
        "ifop",
        "ipsos",
        "odoxa",
        "elabe",
        "harris interactive",
        "opinionway",
        "insee",
        "sncf",
        "ratp",
        "edf",
        "engie",
        "psg",
        "om",
        "ol",
        "fff",
        "uefa",
        "fifa",
        "cio",
        "onu",
        "oms",
        "otan",
        "ue",
        "fmi",
        "ocde",
        "bce",
        "unicef",
        "unesco",
        "hcr",
        "cicr",
        "msf",
        "amnesty international",
        "human rights watch",
        "greenpeace",
        "reporters sans frontieres",
        "rsf",
        "france nature environnement",
        "kremlin",
        "elysee",
        "matignon",
        "quai d orsay",
        "maison blanche",
        "pentagone",
        "beauvau",
        "bercy",
        "aigle azur",
        "air france",
        "deloitte",
        "google",
        "facebook",
        "twitter",
        "amazon",
        "apple",
        "renault",
        "peugeot",
        "total",
        "airbus",
        "boeing",
        "conseil constitutionnel",
        "conseil d etat",
        "cour des comptes",
        "gouvernement",
        "republique",
        "parquet",
        "prefecture",
        "police",
        "gendarmerie",
    }
)

# Companies, retail chains and public services quoted as speakers (« Conforama assure… »,
# « Bison Futé prévoit… ») or written before an employee's name: a company is not a person.
# Hyphens stand for the spaces of names of several words.
COMPANIES = frozenset(
    word.replace("-", " ")
    for word in """
    conforama but ikea fnac darty castorama leroy-merlin carrefour auchan intermarche casino
    monoprix franprix lidl aldi decathlon kiabi zara primark sephora galeries-lafayette
    printemps camaieu gifi vivarte celio jennyfer alinea la-redoute cdiscount vente-privee
    veepee blablacar uber deliveroo airbnb netflix spotify microsoft samsung huawei xiaomi
    tesla volkswagen bmw toyota nissan fiat stellantis citroen michelin danone lactalis nestle
    unilever loreal lvmh kering hermes chanel dior orange bouygues sfr free vinci eiffage
    alstom thales safran sanofi pfizer moderna astrazeneca bayer monsanto servier bnp-paribas
    societe-generale credit-agricole lcl axa allianz maif macif ryanair easyjet lufthansa
    whirlpool transavia accor sodexo mcdonald-s quick burger-king kfc starbucks bison-fute
    meteo-france vigicrues enedis grdf suez veolia la-poste pole-emploi caf cpam urssaf
    """.split()
)

# Newspapers, agencies, broadcasters: the source of a statement or an interview
# (« a-t-il dit au Figaro », « Madame Figaro »), never a person.
MEDIA = frozenset(
    {
        "afp",
        "reuters",
        "ap",
        "associated press",
        "bloomberg",
        "figaro",
        "le figaro",
        "madame figaro",
        "le monde",
        "liberation",
        "le parisien",
        "aujourd hui en france",
        "les echos",
        "l express",
        "le point",
        "l obs",
        "marianne",
        "politis",
        "mediapart",
        "le canard enchaine",
        "canard enchaine",
        "le canard",
        "la croix",
        "l humanite",
        "ouest france",
        "sud ouest",
        "la depeche",
        "le progres",
        "la provence",
        "est republicain",
        "correio da manha",
        "l est republicain",
        "presse ocean",
        "streetpress",
        "nielsen",
        "nice matin",
        "le jdd",
        "jdd",
        "journal du dimanche",
        "paris match",
        "closer",
        "voici",
        "gala",
        "pure people",
        "purepeople",
        "public",
        "tele star",
        "konbini",
        "televisions",
        "brut",
        "tele loisirs",
        "tele 7 jours",
        "programme tv",
        "tf1",
        "france 2",
        "france 3",
        "france 5",
        "france televisions",
        "m6",
        "bfmtv",
        "bfm tv",
        "bfm",
        "cnews",
        "lci",
        "franceinfo",
        "france info",
        "france inter",
        "france culture",
        "rtl",
        "europe 1",
        "rmc",
        "sud radio",
        "canal+",
        "canal",
        "c8",
        "arte",
        "cnn",
        "bbc",
        "fox news",
        "new york times",
        "washington post",
        "wall street journal",
        "guardian",
        "the guardian",
        "times",
        "der spiegel",
        "spiegel",
        "bild",
        "el pais",
        "la repubblica",
        "corriere della sera",
        "tass",
        "ria novosti",
        "interfax",
        "kcna",
        "xinhua",
        "variety",
        "people",
        "instagram",
        "youtube",
        "snapchat",
        "tiktok",
        "6medias",
        "orange",
    }
    # Regional dailies, radio and television networks, foreign titles, agencies and journals
    # quoted as sources. Hyphens stand for the spaces of names of several words.
    | frozenset(
        word.replace("-", " ")
        for word in """
        midi-libre le-dauphine-libere dauphine-libere le-republicain-lorrain
        republicain-lorrain la-voix-du-nord voix-du-nord le-telegramme la-nouvelle-republique
        nouvelle-republique centre-presse l-independant var-matin corse-matin la-montagne
        courrier-picard le-courrier-picard dernieres-nouvelles-d-alsace l-alsace le-bien-public
        charente-libre la-charente-libre paris-normandie le-maine-libre l-union
        le-populaire-du-centre la-republique-des-pyrenees l-equipe so-foot france-bleu
        radio-france rmc-sport bein-sports nrj fun-radio skyrock virgin-radio rtl2 cherie-fm
        l-opinion valeurs-actuelles le-figaro-magazine paris-premiere lcp public-senat w9 tmc
        tfx nrj12 marie-claire telerama les-inrocks les-inrockuptibles purepeople 20-minutes
        le-huffpost huffpost huffington-post buzzfeed konbini loopsider slate le-temps
        la-tribune-de-geneve le-soir la-libre-belgique rtbf rts radio-canada le-devoir
        jeune-afrique rfi france-24 tv5monde al-jazeera euronews ansa dpa efe kyodo yonhap
        vatican-news the-economist economist the-lancet lancet bmj jama new-england-journal
        the-times financial-times the-new-york-times the-washington-post the-independent
        the-telegraph daily-telegraph daily-mail the-sun usa-today politico axios
        """.split()
    )
)

# Countries, regions and cities quoted as speakers (a section header « Espagne », a name cut
# from « France Nature Environnement »): a place is not a person.
PLACES = frozenset(
    {
        "france",
        "espagne",
        "italie",
        "allemagne",
        "belgique",
        "suisse",
        "royaume uni",
        "angleterre",
        "irlande",
        "portugal",
        "grece",
        "pologne",
        "russie",
        "ukraine",
        "turquie",
        "chine",
        "japon",
        "inde",
        "iran",
        "irak",
        "syrie",
        "liban",
        "israel",
        "egypte",
        "maroc",
        "algerie",
        "tunisie",
        "libye",
        "mali",
        "niger",
        "senegal",
        "etats unis",
        "amerique",
        "canada",
        "quebec",
        "mexique",
        "bresil",
        "argentine",
        "venezuela",
        "australie",
        "coree",
        "coree du nord",
        "coree du sud",
        "europe",
        "afrique",
        "asie",
        "paris",
        "marseille",
        "lyon",
        "toulouse",
        "nice",
        "nantes",
        "bordeaux",
        "lille",
        "strasbourg",
        "londres",
        "berlin",
        "rome",
        "madrid",
        "bruxelles",
        "washington",
        "moscou",
        "pekin",
        "tokyo",
        "new york",
        "corse",
        "bretagne",
        "normandie",
        "occitanie",
        "ile de france",
        "outre mer",
        "guadeloupe",
        "martinique",
        "reunion",
        "hexagone",
    }
)

# French towns in the news: prefectures and the larger towns, as a section header or the
# complement of a role cut from its holder (« le maire de Menton ») gives them. Towns whose
# names are common family names (Laval, Lens, Sens) are left out.
# Hyphens stand for the spaces of names of several words.
TOWNS = frozenset(
    word.replace("-", " ")
    for word in """
    rennes reims le-havre saint-etienne toulon grenoble dijon angers nimes villeurbanne
    clermont-ferrand aix-en-provence brest limoges tours amiens perpignan metz besancon orleans
    rouen mulhouse caen argenteuil montreuil roubaix tourcoing avignon poitiers pau calais
    la-rochelle cannes antibes menton ajaccio bastia bayonne biarritz beziers montpellier
    dunkerque le-mans annecy chambery valence troyes lorient quimper vannes saint-malo
    cherbourg colmar bourges chartres evreux beauvais creteil nanterre versailles bobigny
    saint-denis frejus hyeres grasse arles sete narbonne carcassonne albi rodez cahors agen
    montauban tarbes lourdes perigueux angouleme niort la-roche-sur-yon saint-nazaire arras
    douai valenciennes cambrai maubeuge charleville-mezieres verdun epinal belfort vesoul
    macon chalon-sur-saone auxerre blois chateauroux aurillac gap digne-les-bains briancon
    draguignan saint-tropez vichy roanne bourg-en-bresse chamonix thonon-les-bains evian
    mayotte guyane nouvelle-caledonie polynesie tahiti alsace lorraine provence savoie
    """.split()
)

# Events, holidays, diseases and products: subjects of an article, never its speakers.
THINGS = frozenset(
    {
        "covid",
        "covid 19",
        "coronavirus",
        "sars cov 2",
        "grippe",
        "sida",
        "ebola",
        "brexit",
        "saint valentin",
        "noel",
        "paques",
        "toussaint",
        "ramadan",
        "halloween",
        "euro",
        "mondial",
        "coupe du monde",
        "jeux olympiques",
        "tour de france",
        "roland garros",
        "cannes",
        "festival de cannes",
        "cesar",
        "oscars",
        "telethon",
        "bac",
        "iphone",
        "linky",
    }
)

# Peoples and groups written with a capital (« les Français », « le Danois »): a poll's
# respondents or a description, never one person's name.
DEMONYMS = frozenset(
    {
        "francais",
        "francaise",
        "francaises",
        "americain",
        "americains",
        "americaine",
        "britannique",
        "britanniques",
        "anglais",
        "allemand",
        "allemands",
        "italien",
        "italiens",
        "espagnol",
        "espagnols",
        "belge",
        "belges",
        "suisse",
        "suisses",
        "danois",
        "suedois",
        "norvegien",
        "russe",
        "russes",
        "chinois",
        "japonais",
        "europeens",
        "parisiens",
        "marseillais",
        "bretons",
        "corses",
        "israeliens",
        "palestiniens",
        "iraniens",
        "syriens",
        "turcs",
        "ukrainiens",
        "bleus",
        "verts",
        "republicains",
        "democrates",
        "insoumis",
        "gilets jaunes",
    }
)

# Head nouns that make a name an organisation (« Fédération française de football »,
# « ministère de l'Intérieur », « ONG Reporters… »): the first or second word of the name.
ORGANISATION_NOUNS = frozenset(
    {
        "ministere",
        "association",
        "federation",
        "syndicat",
        "confederation",
        "union",
        "ligue",
        "collectif",
        "comite",
        "conseil",
        "commission",
        "agence",
        "autorite",
        "office",
        "institut",
        "observatoire",
        "fondation",
        "ong",
        "parti",
        "mouvement",
        "groupe",
        "societe",
        "compagnie",
        "entreprise",
        "banque",
        "caisse",
        "cour",
        "tribunal",
        "parquet",
        "prefecture",
        "mairie",
        "region",
        "departement",
        "gouvernement",
        "republique",
        "assemblee",
        "senat",
        "universite",
        "ecole",
        "hopital",
        "centre",
        "club",
        "direction",
        "service",
        "secretariat",
        "haut conseil",
        "haute autorite",
        "transition",
        "laboratoire",
        "reseau",
        "plateforme",
        "chambre",
        "ordre",
        "academie",
        "armee",
        "police",
        "gendarmerie",
        "justice",
        "etat",
        "ville",
        "communaute",
        "presse",
        "radio",
        "tele",
        "journal",
        "magazine",
        "editions",
        "restaurant",
        "steakhouse",
        "hotel",
        "logistique",
        "industrie",
        "industries",
        "technologies",
        "consulting",
        "holding",
    }
)

# Ministry portfolios written before a minister's name in captions and lists (« Transition
# écologique François de Rugy »): the label runs up to the given name. Generic organisation nouns
# are not labels: « Fondation Brigitte Bardot » is a foundation, not Brigitte Bardot.
LABEL_OPENERS = frozenset(
    {
        "transition",
        "affaires",
        "economie",
        "finances",
        "interieur",
        "justice",
        "education",
        "enseignement",
        "sante",
        "solidarites",
        "culture",
        "travail",
        "sports",
        "armees",
        "defense",
        "agriculture",
        "logement",
        "transports",
        "outre",
        "ecologie",
        "environnement",
        "numerique",
        "cohesion",
        "egalite",
        "europe",
    }
)

# Given names common in French news, by the gender they usually carry. They tell a person's name
# from an organisation's, split two names written side by side (« Benjamin Griveaux Sylvain
# Maillard »), keep a lone given name from passing as a surname (« Bruno », « Anne »), and give
# a gender when the article gave none or a wrong one.
MALE_GIVEN_NAMES = frozenset(
    """
    adrien alain alexandre alexis alfred ali alphonse andre anthony antoine arnaud arthur
    augustin aurelien axel ahmed baptiste barack bastien benjamin benoit bernard bertrand boris
    bruno charles christian christophe claude clement cyril damien daniel david denis didier
    dmitri dominique donald edouard emmanuel eric etienne fabien fabrice florent florian francis
    francois franck frederic gabriel gaetan gael georges gerald gerard gilbert gilles gregory
    guillaume gustave guy henri herve hugo hugues ivan jacques james jean jeremy jerome joe joel
    johan johnny jonathan jordan joseph julien justin karim kevin laurent leo leon lionel loic
    louis luc lucas ludovic manuel marc marcel marco mario martin mathieu matteo matthieu maurice
    max maxime michel mickael mike mohamed mohammed nicolas noel olivier oscar pascal patrice
    patrick paul philippe pierre quentin raphael raymond regis remi renaud rene richard robert
    roger romain ronan sacha samuel sebastien serge sergei serguei simon stanislas stephane
    sylvain theo thibault thierry thomas tony valentin valery victor vincent vladimir walter
    william xavier yannick yann yves zinedine emile jules hubert gaspard arnold boris kylian
    lilian neymar edgar marcel mathias hakim rachid said youssef omar hamid nabil farid mehdi
    john george michael bill steve steven mark peter robert brian jeff tom tim jim
    andrew harry charlie jack ben sam nick chris bob dan ted rudy rex mitch elon jared
    mike matteo silvio angelo giuseppe luigi carlos juan pedro pablo jose miguel javier luis
    fernando jorge diego sergio antonio francesco hans klaus jurgen wolfgang olaf friedrich
    viktor recep xavier alexei alexandre serguei mikhail nikolai dmitry vladimir volodymyr
    benyamin naftali ehud yasser mahmoud hassan abdel abdelaziz abdelkader mikael michael
    mickael killian kilian sofiane mounir yanis ilyes amine bilal karim nordine djamel
    jason kylian enzo nathan ethan noah gabin timothee jeremie cedric gregoire fabrice
    jacky jeannot francky marcelin gerald bruno-roger lazarus andrzej jost takashi phillip
    danny barry germain mabrouk stefan frank marco pedro neeshad rashid nikos teddy yohann
    toni renzo luca bernhard mustapha djeneba stephan youssef
    matthew remy brice jeffrey abdallah yvon antonin matt mohamad ian cyrille salah youcef
    norbert roland steffen luciano rodolphe franky edmond jair enrico rayan wallerand geoffroy
    lucien malek younous yoann konrad rodrigo ziad edwy mohsen abdelkrim armin jawad tariq
    tobias albert dieudonne gordon geraud otto warren niels yezid alastair amirouche benoist
    harvey ismael rahim hadrien adolf adrian ahmad alberic andreas andrii andy armel babak bruce
    dorian eddy erik freddy georg gerry gunter hugh imran jamel josef josep kamel mauro
    mitchell mohammad nicola ramzy redouane tarek ugo yohan yvan achille achim aldo alexander
    anatole aymeric bachar benito brad brandon dimitri douglas eddie emanuele evan franco greg
    guerric helge helmut henry jesse lawrence lothar luke malcolm malick mamoudou mariano mick
    moulay neil nicholas pete qassem rafi reda sadiq samy sebastian stefano sven sylvester
    tahar tarik adama mamadou moussa ibrahim ibrahima ousmane abdoulaye amadou mitt
    """.split()
)
FEMALE_GIVEN_NAMES = frozenset(
    """
    adele agnes alice aline amandine amelie anais angela angelique anne annie audrey aurelie
    aurore axelle beatrice bernadette brigitte camille carla carole caroline catherine cecile
    celine chantal charlotte chloe christiane christine claire clara claudine clemence corinne
    delphine diane dominique edith elisabeth elise elodie emilie emma emmanuelle estelle eva
    fabienne florence francoise frederique genevieve helene hillary ingrid irene isabelle jacqueline
    jeanne jennifer jessica josephine julia julie juliette justine karima karine laetitia laura
    laure laurence lea leila lucie ludivine lydia madeleine manon margaux marguerite maria
    marianne marie marine marion marlene martine mathilde melanie michele monique muriel myriam
    nadine nathalie nicole noemie oceane pascale patricia pauline penelope rachida rose roselyne
    sabine sandrine sarah segolene severine simone sophie stephanie suzanne sylvie valerie
    vanessa veronique virginie yvonne zoe agathe annick babette barbara manuella natasha kate
    najat ursula theresa kamala melania ivanka greta nadia samia fatima yasmina amel sonia
    nancy elizabeth mary jane susan michelle hillary melinda serena venus liliane helena
    antoinette heloise alix rachel christele julia florence francoise elisa elsa ines lina
    marina margot mireille violaine viviane eleonore sheila gabriella ilham chrystele
    krista chochana seloua claudia nathalie lucienne colette ginette odette huguette paulette
    jocelyne josiane evelyne maryse solene oriane ophelie romane louna jade lou raymonde
    fatiha johanna krystel samah rebecca laureline elise sibeth ghislaine claude
    danielle cristina aude christelle alison alexandra arielle carrie melissa jeannine clementine
    raquel brune assa marisol laeticia ana gaelle laurianne murielle sara coralie eliane
    francette geraldine khadija anastasia ariane bettina carol celia marthe yvette adelaide
    capucine chelsea deborah keira kelly lamya lisa lucia roxana sandra silvia sofia tiphaine
    yolande regine adeline beata beate carine carissa doris esther fanny fatma ghada grace
    hanane hannah heike karla lola luciana lucy maddie magda monica mylene natacha paula
    perrine rozenn shira soazig veronica alessandra alexia alicia aurelia berangere christel
    ekaterina erica fiona fleur hajar isabel latifa letitia linda malika marta meghan mina
    nora olga priscilla sophia zineb zohra mimie flavie
    """.split()
)
GIVEN_NAMES = MALE_GIVEN_NAMES | FEMALE_GIVEN_NAMES

# Written forms that are only a title or honorific, never a name (« M » from « M. »).
BARE_TITLES = frozenset({"m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "me"})

# Courtesy titles that tell a gender (« Mme Rugy » is no François de Rugy).
FEMININE_TITLES = frozenset({"mme", "mmes", "madame", "mlle", "mademoiselle", "mrs", "ms"})
MASCULINE_TITLES = frozenset({"m", "mm", "monsieur", "mr"})

# Short words a family name begins with that cannot end a name: « Bruno Le », « Kate O' »,
# « Natasha St » are cut before the rest (Le Maire, O'Brien, St-Pier).
TRUNCATING_PARTICLES = frozenset(
    {
        "le",
        "la",
        "de",
        "du",
        "des",
        "d",
        "o",
        "mac",
        "mc",
        "st",
        "ste",
        "saint",
        "sainte",
        "van",
        "von",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "el",
        "al",
        "ben",
        "bin",
        "ter",
        "ten",
    }
)

# Articles and determiners that make the capitalised word after them a common noun
# (« la Convention », « des Français », « l'ex-président de la République »), not a name.
NOUN_DETERMINERS = frozenset(
    {"le", "la", "les", "l", "un", "une", "du", "des", "au", "aux", "ce", "cet", "cette", "ces"}
)

# Prepositions and conjunctions that no name holds: a mention running on past one of them
# (« Brigitte Macron au Parisien », « Olivier Véran et Gabriel Attal ») ends before it.
NAME_ENDERS = frozenset(
    {"au", "aux", "a", "et", "ou", "dans", "sur", "pour", "chez", "avec", "selon", "sans", "par"}
)

# Nouns that, followed by « de », describe someone else by their tie to the person named
# (« proche de François Hollande », « l'avocate d'Alexandre Benalla », « cabinet de Donald
# Trump »): the speaker is an unnamed relation, not the person.
RELATION_NOUNS = frozenset(
    """
    proche proches entourage cabinet conseiller conseillere conseillers avocat avocate avocats
    mere pere fils fille frere soeur epouse mari femme compagne compagnon ex famille parents
    porte parole service services equipe equipes camp collaborateur collaboratrice assistant
    assistante biographe ami amie amis voisin voisine medecin agent manager attache directeur
    directrice partisans soutiens defense conseil conseils entourages staff oncle tante cousin
    cousine neveu niece veuve veuf petit fils petite fille beau frere belle soeur
    """.split()
)
GENITIVES = frozenset({"de", "du", "des", "d"})

# Words that open a sentence and get caught before a name (« Quand Nolan… », « A Générac… »).
LEADING_FUNCTION_WORDS = frozenset(
    {
        "a",
        "quand",
        "lorsque",
        "si",
        "mais",
        "et",
        "ou",
        "donc",
        "car",
        "puis",
        "alors",
        "ainsi",
        "pour",
        "selon",
        "avec",
        "chez",
        "comme",
        "dans",
        "depuis",
        "apres",
        "avant",
        "pendant",
        "face",
        "interroge",
        "interrogee",
    }
)

# Nouns before a capitalised word that make it the name of a law, an affair or a plan
# (« la loi Claeys-Leonetti », « l'affaire Benalla »), not a speaker.
THING_HEADS = frozenset(
    {"loi", "lois", "affaire", "plan", "rapport", "prix", "operation", "proces", "reforme"}
)

# Role acronyms that are no organisation (« PDG », « DRH »).
ROLE_ACRONYMS = frozenset({"pdg", "dg", "drh", "ceo", "dga", "sg"})

# Articles that open the names of newspapers and bodies (« La Dernière Heure », « Les Échos »)
# and hardly ever a family name (« Le » does: Le Pen, Le Drian).
TITLE_ARTICLES = frozenset({"la", "les", "l"})
