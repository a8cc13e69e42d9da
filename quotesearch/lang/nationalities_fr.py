"""Adjectives of nationality and the country each names, for reading a role's qualifier
(« le Premier ministre britannique », « la chancelière allemande ») as a country.

`NATIONALITIES` maps every form of an adjective, masculine and feminine, singular and plural,
as written (with accents), to an ISO 3166 country code in lower case. Adjectives shared by two
countries (« congolais ») or meaning a region as well as a country are left out: a wrong
country would name a wrong office holder. A new language is a new module like this one.
"""

from __future__ import annotations

# code: masculine singular, feminine singular (plurals follow the regular rule below).
_ADJECTIVES = """
fr français française
us américain américaine
us états-unien états-unienne
ru russe russe
cn chinois chinoise
de allemand allemande
gb britannique britannique
gb anglais anglaise
it italien italienne
es espagnol espagnole
be belge belge
lu luxembourgeois luxembourgeoise
ch suisse suisse
ch helvétique helvétique
mc monégasque monégasque
ad andorran andorrane
ca canadien canadienne
au australien australienne
jp japonais japonaise
in indien indienne
br brésilien brésilienne
ar argentin argentine
mx mexicain mexicaine
id indonésien indonésienne
sa saoudien saoudienne
za sud-africain sud-africaine
kr sud-coréen sud-coréenne
kp nord-coréen nord-coréenne
tr turc turque
ua ukrainien ukrainienne
tn tunisien tunisienne
dz algérien algérienne
ma marocain marocaine
eg égyptien égyptienne
il israélien israélienne
ps palestinien palestinienne
ir iranien iranienne
iq irakien irakienne
sy syrien syrienne
lb libanais libanaise
jo jordanien jordanienne
ly libyen libyenne
qa qatari qatarie
ae émirati émiratie
af afghan afghane
pk pakistanais pakistanaise
bd bangladais bangladaise
vn vietnamien vietnamienne
th thaïlandais thaïlandaise
ph philippin philippine
my malaisien malaisienne
sg singapourien singapourienne
tw taïwanais taïwanaise
mn mongol mongole
mm birman birmane
kh cambodgien cambodgienne
np népalais népalaise
lk sri-lankais sri-lankaise
nz néo-zélandais néo-zélandaise
at autrichien autrichienne
nl néerlandais néerlandaise
nl hollandais hollandaise
pt portugais portugaise
gr grec grecque
ie irlandais irlandaise
dk danois danoise
se suédois suédoise
no norvégien norvégienne
fi finlandais finlandaise
is islandais islandaise
pl polonais polonaise
cz tchèque tchèque
sk slovaque slovaque
hu hongrois hongroise
ro roumain roumaine
bg bulgare bulgare
hr croate croate
rs serbe serbe
si slovène slovène
al albanais albanaise
ee estonien estonienne
lv letton lettone
lt lituanien lituanienne
by biélorusse biélorusse
md moldave moldave
am arménien arménienne
az azerbaïdjanais azerbaïdjanaise
kz kazakh kazakhe
cy chypriote chypriote
mt maltais maltaise
ve vénézuélien vénézuélienne
co colombien colombienne
cl chilien chilienne
pe péruvien péruvienne
cu cubain cubaine
bo bolivien bolivienne
ec équatorien équatorienne
uy uruguayen uruguayenne
py paraguayen paraguayenne
ng nigérian nigériane
sn sénégalais sénégalaise
ci ivoirien ivoirienne
ml malien malienne
cm camerounais camerounaise
et éthiopien éthiopienne
ke kényan kényane
rw rwandais rwandaise
bf burkinabè burkinabè
ne nigérien nigérienne
td tchadien tchadienne
sd soudanais soudanaise
mg malgache malgache
ht haïtien haïtienne
ga gabonais gabonaise
"""


def _plural(word: str) -> str:
    """The regular plural of an adjective of nationality: « russes », « français »."""
    return word if word.endswith(("s", "x")) else word + "s"


def _forms() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _ADJECTIVES.strip().splitlines():
        code, masculine, feminine = line.split()
        for form in (masculine, feminine, _plural(masculine), _plural(feminine)):
            table[form] = code
    return table


NATIONALITIES: dict[str, str] = _forms()


def _adjectives() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in _ADJECTIVES.strip().splitlines():
        code, masculine, feminine = line.split()
        table.setdefault(code, (masculine, feminine))
    return table


# The usual adjective of each country, masculine and feminine singular (« espagnol »,
# « espagnole »), to qualify a body of that country (« le gouvernement espagnol »).
ADJECTIVE_OF: dict[str, tuple[str, str]] = _adjectives()


def agreeing(code: str, gender: str, plural: bool = False) -> str | None:
    """The adjective of country `code` agreeing with a noun of that gender ("m" or "f") and
    number: agreeing("es", "f", plural=True) is « espagnoles »."""
    forms = ADJECTIVE_OF.get(code)
    if forms is None:
        return None
    word = forms[0] if gender == "m" else forms[1]
    return _plural(word) if plural else word
