"""The relais directory: full coverage of départements, and postal codes good and bad."""

import copy
import re

import pytest
import yaml

from relais.directory import (
    ALL_DEPARTEMENTS,
    DEFAULT_DIRECTORY_PATH,
    DirectoryError,
    RelaisDirectory,
    postal_code_to_departement,
)
from tests.support.directory import find_by_departement


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(DEFAULT_DIRECTORY_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def directory():
    return RelaisDirectory.load()


def test_every_departement_is_covered_exactly_once(document, directory):
    covered = [d for team in document["teams"] for d in team["departements"]]
    assert sorted(covered) == sorted(ALL_DEPARTEMENTS)
    assert len(covered) == len(set(covered)) == 96 + 6
    assert "20" not in ALL_DEPARTEMENTS and {"2A", "2B", "975"} <= set(ALL_DEPARTEMENTS)
    for departement in ALL_DEPARTEMENTS:
        assert find_by_departement(directory, departement).found, departement


def test_one_team_per_region_and_overseas_territory(directory):
    assert len(directory.teams) == 13 + 6
    assert len({team.code for team in directory.teams}) == len(directory.teams)


def test_file_is_versioned_and_every_sample_entry_is_marked(document, directory):
    assert directory.version == document["version"]
    assert directory.updated
    assert directory.sample_data is True
    for entry, team in zip(document["teams"], directory.teams):
        # A sample entry carries no contact at all: nothing that could be shown by mistake.
        assert entry.get("sample") is True and "contact" not in entry
        assert team.sample is True and team.contact is None


def test_a_real_entry_keeps_its_contact(document):
    edited = copy.deepcopy(document)
    bretagne = team(edited, "BRE")
    del bretagne["sample"]
    bretagne["contact"] = "  02 99 00 00 00, du lundi au vendredi  "
    directory = RelaisDirectory.from_document(edited)
    found = directory.find_by_code("BRE")
    assert (found.sample, found.contact) == (False, "02 99 00 00 00, du lundi au vendredi")
    assert directory.find_by_code("IDF").sample is True


@pytest.mark.parametrize(
    "text, departement, team",
    [
        ("75011", "75", "Relais Île-de-France"),
        ("59000", "59", "Relais Hauts-de-France"),
        ("01000", "01", "Relais Auvergne-Rhône-Alpes"),
        ("20000", "2A", "Relais Corse"),
        ("20167", "2A", "Relais Corse"),
        ("20200", "2B", "Relais Corse"),
        ("20600", "2B", "Relais Corse"),
        ("97110", "971", "Relais Guadeloupe"),
        ("97200", "972", "Relais Martinique"),
        ("97300", "973", "Relais Guyane"),
        ("97400", "974", "Relais La Réunion"),
        ("97500", "975", "Relais Saint-Pierre-et-Miquelon"),
        ("97600", "976", "Relais Mayotte"),
        ("  75011 ", "75", "Relais Île-de-France"),
        ("75 011", "75", "Relais Île-de-France"),
        ("75\u00a0011", "75", "Relais Île-de-France"),  # non-breaking space
        ("７５０１１", "75", "Relais Île-de-France"),  # full-width digits
        ("J'habite au 13001 Marseille", "13", "Relais Provence-Alpes-Côte d'Azur"),
    ],
)
def test_postal_codes_found(directory, text, departement, team):
    result = directory.find_by_postal_code(text)
    assert result.found and result.reason is None
    assert (result.departement, result.team.name) == (departement, team)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("ABCDE", "format"),
        ("750", "format"),
        ("750111", "format"),
        ("", "format"),
        (None, "format"),
        ("75011 ou 75012", "format"),
        ("75'; DROP TABLE x;--", "format"),
        ("' OR 1=1 --", "format"),
        ("7" * 10_000, "format"),
        ("00000", "unknown"),
        ("99999", "unknown"),
        ("96000", "unknown"),
        ("20700", "unknown"),
        ("97700", "unknown"),
        ("98000", "unknown"),  # Monaco
        ("2A004", "insee_code"),
        ("2B033", "insee_code"),
        ("2a004", "insee_code"),
        ("Ajaccio 2A004", "insee_code"),
    ],
)
def test_postal_codes_not_found_say_why(directory, text, reason):
    result = directory.find_by_postal_code(text)
    assert not result.found and result.team is None
    assert result.reason == reason


@pytest.mark.parametrize(
    "postal_code, departement",
    [("20090", "2A"), ("20190", "2A"), ("20213", "2B"), ("20690", "2B"), ("97133", "971"), ("06000", "06")],
)
def test_postal_code_to_departement(postal_code, departement):
    assert postal_code_to_departement(postal_code) == departement


@pytest.mark.parametrize("code, found", [("1", True), ("01", True), ("2a", True), ("976", True), ("20", False), ("96", False), ("x", False)])
def test_find_by_departement(directory, code, found):
    assert find_by_departement(directory, code).found is found


def test_find_by_code(directory):
    assert directory.find_by_code("IDF").name == "Relais Île-de-France"
    assert directory.find_by_code("nope") is None


def load_variant(document, change):
    variant = copy.deepcopy(document)
    change(variant)
    return RelaisDirectory.from_document(variant)


def team(document, code):
    return next(t for t in document["teams"] if t["code"] == code)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: team(d, "IDF")["departements"].remove("75"), "covered by no team: 75"),
        (lambda d: team(d, "HDF")["departements"].append("75"), "(IDF): département 75 is already covered by HDF"),
        (lambda d: team(d, "COR").update(departements=["20"]), "Corsica is 2A and 2B"),
        (lambda d: team(d, "ARA")["departements"].append(1), 'in quotes ("01")'),
        (lambda d: team(d, "BRE").update(code="IDF"), "code IDF is used by another team"),
        (lambda d: team(d, "BRE").pop("sample"), "(BRE): `contact` must be a non-empty text"),
        (lambda d: team(d, "BRE").update(sample=False), "(BRE): `contact` must be a non-empty text"),
        (lambda d: team(d, "BRE").update(sample="oui"), "(BRE): `sample` must be true or false"),
        (lambda d: team(d, "BRE").update(contact="02 99 00 00 00"), "(BRE): a team marked `sample: true` has no contact"),
        (lambda d: team(d, "BRE").update(sample=False, contact="Exemple — coordonnées à renseigner"), "(BRE): `contact` is a placeholder"),
        (lambda d: team(d, "BRE").update(sample=False, contact="Téléphone : à renseigner"), "(BRE): `contact` is a placeholder"),
        (lambda d: d.pop("version"), "missing top-level key `version`"),
        (lambda d: d.update(sample_data=False), "`sample_data` is replaced by `sample: true` on each team"),
    ],
)
def test_invalid_files_are_refused_with_a_clear_message(document, change, message):
    with pytest.raises(DirectoryError, match=re.escape(message)):
        load_variant(document, change)


def test_missing_file(tmp_path):
    with pytest.raises(DirectoryError, match="cannot read"):
        RelaisDirectory.load(tmp_path / "absent.yml")


def test_coaches_of_a_team_and_national_admins(document):
    from relais.directory import CoachScope

    edited = copy.deepcopy(document)
    teams = {team["code"]: team for team in edited["teams"]}
    teams["IDF"]["coaches"] = [501, 502]
    teams["ARA"]["coaches"] = [502, 601]
    directory = RelaisDirectory.from_document(edited)
    assert directory.scope_of_coach(501) == CoachScope(frozenset({"IDF"}))
    assert directory.scope_of_coach(502) == CoachScope(frozenset({"IDF", "ARA"}))
    assert directory.scope_of_coach(666) == CoachScope()  # in no list: nothing
    assert directory.scope_of_coach(666, frozenset({666})) == CoachScope(national=True)
    idf_coach, intruder = directory.scope_of_coach(501), directory.scope_of_coach(666)
    assert idf_coach.covers("IDF") and idf_coach.covers(None) and not idf_coach.covers("ARA")
    assert not intruder.is_coach and not intruder.covers(None) and not intruder.covers("IDF")
    assert CoachScope(national=True).covers("ARA")


@pytest.mark.parametrize("coaches", [["501"], [0], [-5], [True], "501", [1.5]])
def test_coach_ids_must_be_telegram_user_ids(document, coaches):
    edited = copy.deepcopy(document)
    edited["teams"][0]["coaches"] = coaches
    with pytest.raises(DirectoryError, match="coaches"):
        RelaisDirectory.from_document(edited)
