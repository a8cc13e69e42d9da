"""The office table: which office a role names, who held it on a day, and the table's own
consistency (no overlapping terms, dates that parse, well-formed names)."""

from __future__ import annotations

import datetime
import json
import re
from importlib import resources

import pytest
from spacy.language import Language

from quotesearch.extract.mentions import role_key
from quotesearch.lang.nationalities_fr import NATIONALITIES
from quotesearch.offices import (
    UnknownOfficeError,
    holder,
    office,
    office_of,
    office_table,
    offices_held,
)

D = datetime.date


@pytest.mark.parametrize(
    ("function", "qualifiers", "country", "expected"),
    [
        ("premier ministre", set(), "fr", "fr/premier ministre"),
        ("premier ministre", {"britannique"}, "fr", "gb/premier ministre"),
        ("premier ministre", set(), "be", "be/premier ministre"),
        ("president", set(), "fr", "fr/president"),
        ("president", {"americain"}, "fr", "us/president"),
        ("president", {"americaine"}, "fr", "us/president"),
        ("president", {"etats unis"}, "fr", "us/president"),
        ("president", {"sud coreen"}, "fr", "kr/president"),
        (
            "ministre des affaires etrangeres",
            {"russe"},
            "fr",
            "ru/ministre des affaires etrangeres",
        ),
        (
            "ministre des affaires etrangeres",
            {"americain"},
            "fr",
            "us/ministre des affaires etrangeres",
        ),
        ("ministre des affaires etrangeres", set(), "fr", "fr/ministre des affaires etrangeres"),
        ("ministre de l'interieur", set(), "fr", "fr/ministre de l interieur"),
        ("ministre de la justice", set(), "fr", "fr/ministre de la justice"),
        ("ministre", {"sante"}, "fr", "fr/ministre de la sante"),
        ("ministre", {"sante", "solidarites"}, "fr", "fr/ministre de la sante"),
        ("ministre", {"education", "national"}, "fr", "fr/ministre de l education"),
        (
            "ministre",
            {"transition", "ecologique", "solidaire"},
            "fr",
            "fr/ministre de la transition ecologique",
        ),
        ("ministre", {"travail", "sante"}, "fr", None),  # two offices: none chosen
        ("ministre", set(), "fr", None),
        ("ministre", {"etat", "monegasque"}, "fr", "mc/ministre d etat"),
        ("porte parole", {"gouvernement"}, "fr", "fr/porte parole du gouvernement"),
        ("porte parole", set(), "fr", None),
        ("chancelier", {"allemand"}, "fr", "de/chancelier"),
        ("chancelier", set(), "fr", None),  # France has no chancellor
        ("premier ministre", {"allemand"}, "fr", "de/chancelier"),
        ("president", {"conseil", "italien"}, "fr", "it/premier ministre"),
        ("president", {"gouvernement", "espagnol"}, "fr", "es/premier ministre"),
        ("president", {"conseil", "europeen"}, "fr", "conseil europeen/president"),
        ("president", {"commission", "europeen"}, "fr", "commission europeenne/president"),
        ("president", {"banque", "central", "europeen"}, "fr", "bce/president"),
        ("secretaire", {"general", "cgt"}, "fr", "cgt/secretaire general"),
        ("secretaire general", {"cfdt"}, "fr", "cfdt/secretaire general"),
        ("secretaire", {"general", "force", "ouvrier"}, "fr", "fo/secretaire general"),
        ("dirigeant", {"cgt"}, "fr", "cgt/secretaire general"),  # « numéro un de la CGT »
        ("patron", {"medef"}, "fr", "medef/president"),
        ("dirigeant", {"chinois"}, "fr", "cn/president"),
        ("dirigeant", set(), "fr", None),  # « le chef » alone is anybody's
        ("president", {"cfe", "cgc", ""}, "fr", "cfe-cgc/president"),
        ("premier", {"secretaire", "ps"}, "fr", "ps/premier secretaire"),
        ("president", {"rassemblement", "national"}, "fr", "rn/president"),
        ("president", {"lr"}, "fr", "lr/president"),
        ("maire", {"capitale", "socialiste"}, "fr", "paris/maire"),
        ("maire", {"paris"}, "fr", "paris/maire"),
        ("maire", set(), "fr", None),
        ("secretaire", {"general", "onu"}, "fr", "onu/secretaire general"),
        ("secretaire", {"general", "otan"}, "fr", "otan/secretaire general"),
        ("directrice", {"general", "fmi"}, "fr", "fmi/directeur general"),
        ("directeur", {"general", "oms"}, "fr", "oms/directeur general"),
        ("reine", {"angleterre"}, "fr", "gb/souverain"),
        ("prince", {"heritier", "saoudien"}, "fr", "sa/prince heritier"),
        # A former holder has no current holder.
        ("premier ministre", {"ancien"}, "fr", None),
        ("president", {"ex", "americain"}, "fr", None),
        ("ex ministre", set(), "fr", None),
        # A word the table cannot place is another office, never the national one.
        ("president", {"senat"}, "fr", None),
        ("president", {"conseil", "constitutionnel"}, "fr", None),
        ("secretaire", {"general", "elysee"}, "fr", None),
    ],
)
def test_office_of_reads_a_role_key(
    function: str, qualifiers: set[str], country: str, expected: str | None
) -> None:
    assert office_of(function, frozenset(qualifiers), country=country) == expected


@pytest.mark.parametrize(
    ("phrase", "day", "name"),
    [
        ("le chef de l'État", D(2016, 5, 1), "François Hollande"),
        ("le président de la République", D(2018, 1, 1), "Emmanuel Macron"),
        ("le secrétaire d'État américain", D(2019, 3, 1), "Mike Pompeo"),
        ("le chef de la diplomatie russe", D(2018, 5, 1), "Sergueï Lavrov"),
        ("le locataire de Matignon", D(2021, 6, 1), "Jean Castex"),
        ("la Première ministre", D(2023, 1, 10), "Élisabeth Borne"),
        ("le garde des Sceaux", D(2019, 2, 1), "Nicole Belloubet"),
        ("le locataire de Bercy", D(2019, 2, 1), "Bruno Le Maire"),
        ("le numéro un de la CGT", D(2019, 12, 5), "Philippe Martinez"),
        ("le patron du Medef", D(2019, 12, 5), "Geoffroy Roux de Bézieux"),
        ("la chancelière allemande", D(2017, 9, 1), "Angela Merkel"),
        ("le Premier ministre britannique", D(2019, 9, 1), "Boris Johnson"),
        ("le maire socialiste de la capitale", D(2018, 9, 1), "Anne Hidalgo"),
        ("la ministre de la Santé", D(2019, 11, 1), "Agnès Buzyn"),
        ("le ministre de l'Intérieur", D(2019, 5, 1), "Christophe Castaner"),
        ("le président chinois", D(2020, 1, 1), "Xi Jinping"),
    ],
)
def test_a_role_phrase_leads_to_its_holder(
    nlp: Language, phrase: str, day: datetime.date, name: str
) -> None:
    key = role_key(list(nlp(phrase)))
    assert key is not None
    found = office_of(*key)
    assert found is not None
    assert holder(found, day) == name


@pytest.mark.parametrize(
    ("office_id", "day", "name"),
    [
        ("fr/premier ministre", D(2019, 6, 1), "Édouard Philippe"),
        ("fr/premier ministre", D(2021, 6, 1), "Jean Castex"),
        # Ends are exclusive: the handover day is the successor's.
        ("fr/premier ministre", D(2020, 7, 3), "Jean Castex"),
        ("fr/premier ministre", D(2020, 7, 2), "Édouard Philippe"),
        ("fr/president", D(2016, 5, 1), "François Hollande"),
        ("fr/president", D(2017, 5, 14), "Emmanuel Macron"),
        ("us/ministre des affaires etrangeres", D(2019, 6, 1), "Mike Pompeo"),
        ("us/ministre des affaires etrangeres", D(2018, 4, 10), None),  # acting, left out
        ("fr/ministre de l interieur", D(2018, 10, 10), "Édouard Philippe"),
        ("fr/ministre de l economie", D(2015, 6, 1), "Emmanuel Macron"),
        ("fr/ministre de la transition ecologique", D(2018, 6, 1), "Nicolas Hulot"),
        ("fr/porte parole du gouvernement", D(2019, 6, 1), "Sibeth Ndiaye"),
        ("cgt/secretaire general", D(2016, 6, 1), "Philippe Martinez"),
        ("rn/president", D(2018, 6, 1), "Marine Le Pen"),
        ("ch/president", D(2018, 6, 1), "Alain Berset"),
        ("onu/secretaire general", D(2018, 6, 1), "António Guterres"),
        ("fr/president", D(1990, 1, 1), None),
        ("fr/president", D(2100, 1, 1), None),  # after the table was last checked
    ],
)
def test_holder_on_a_day(office_id: str, day: datetime.date, name: str | None) -> None:
    assert holder(office_id, day) == name


def test_offices_held_by_one_person_on_one_day() -> None:
    assert offices_held("Emmanuel Macron", D(2015, 1, 1)) == ["fr/ministre de l economie"]
    assert offices_held("emmanuel macron", D(2019, 1, 1)) == ["fr/president"]
    assert offices_held("Christine Lagarde", D(2020, 1, 1)) == ["bce/president"]
    assert offices_held("Personne Inconnue", D(2020, 1, 1)) == []


def test_an_unknown_office_is_a_named_error() -> None:
    with pytest.raises(UnknownOfficeError, match="fr/roi"):
        holder("fr/roi", D(2020, 1, 1))


# --- the table itself -------------------------------------------------------------------------

_RAW = json.loads(resources.files("quotesearch.lang").joinpath("offices_fr.json").read_text())
# A name is capitalised words (particles and roman numerals allowed): « Jean-Marc Ayrault »,
# « Ursula von der Leyen », « Felipe VI », « George W. Bush », « Zine el-Abidine Ben Ali ».
_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]*|von|der|de|da|du|ben|el-\w+|[IVX]+|Ier)$")
# Offices held by monarchs, written by one given name (« Philippe », « Akihito »).
_ONE_NAME_SCOPES = ("/souverain",)


@pytest.mark.parametrize("office_id", sorted(_RAW["offices"]))
def test_each_office_has_dated_ordered_terms_that_never_overlap(office_id: str) -> None:
    terms = _RAW["offices"][office_id]["terms"]
    assert terms, office_id
    previous_end: datetime.date | None = None
    for k, (name, start, end) in enumerate(terms):
        begin = datetime.date.fromisoformat(start)
        finish = datetime.date.fromisoformat(end) if end else None
        assert finish is None or begin < finish, (office_id, name)
        assert finish is not None or k == len(terms) - 1, f"{office_id}: {name} runs forever"
        assert previous_end is None or previous_end <= begin, (office_id, name)
        previous_end = finish


@pytest.mark.parametrize("office_id", sorted(_RAW["offices"]))
def test_names_are_well_formed(office_id: str) -> None:
    for name, _, _ in _RAW["offices"][office_id]["terms"]:
        assert name == name.strip() and "  " not in name, name
        words = name.split()
        assert len(words) >= 2 or office_id.endswith(_ONE_NAME_SCOPES), name
        assert all(_WORD.match(w) for w in words), name


def test_the_table_reads_and_every_leader_is_an_office() -> None:
    table = office_table()
    assert set(table.leaders.values()) <= set(table.offices)
    assert table.verified_to >= max(t.start for o in table.offices.values() for t in o.terms)
    assert all(office(o).label for o in table.offices)
    # Every scope is a country code of the nationality table or a body the table names.
    scopes = {o.scope for o in table.offices.values()}
    assert scopes <= set(NATIONALITIES.values()) | set(table.bodies)


@pytest.mark.parametrize(
    ("adjective", "code"),
    [
        ("russe", "ru"),
        ("russes", "ru"),
        ("américaine", "us"),
        ("américains", "us"),
        ("allemand", "de"),
        ("allemandes", "de"),
        ("britannique", "gb"),
        ("français", "fr"),
        ("françaises", "fr"),
        ("sud-coréenne", "kr"),
        ("grecque", "gr"),
    ],
)
def test_nationalities(adjective: str, code: str) -> None:
    assert NATIONALITIES[adjective] == code


def test_nationalities_cover_about_eighty_countries() -> None:
    assert len(set(NATIONALITIES.values())) >= 80
