"""The help near a citizen, as data: a real contact, or the public services of their place."""

import copy

import pytest
import yaml

from relais.directory import ALL_DEPARTEMENTS, DEFAULT_DIRECTORY_PATH, RelaisDirectory
from relais.geography import departements
from relais.local_help import LocalHelp, Prefecture, local_help


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(DEFAULT_DIRECTORY_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def directory():
    return RelaisDirectory.load()


def with_real_contact(document, code, contact):
    edited = copy.deepcopy(document)
    entry = next(team for team in edited["teams"] if team["code"] == code)
    del entry["sample"]
    entry["contact"] = contact
    return RelaisDirectory.from_document(edited)


@pytest.mark.parametrize("code", ALL_DEPARTEMENTS)
def test_every_departement_gets_its_prefecture_and_no_sample_contact(directory, code):
    prefecture = departements()[code]
    found = local_help(directory, postal_code=prefecture.postal_code)
    assert isinstance(found, LocalHelp)
    assert code in found.team.departements
    assert found.team_contact is None  # every entry is sample data today
    assert found.prefecture == Prefecture(code, prefecture.name, prefecture.chef_lieu)


@pytest.mark.parametrize(
    "postal_code, departement_name, town",
    [
        ("69003", "Rhône", "Lyon"),
        ("j'habite au 13001", "Bouches-du-Rhône", "Marseille"),
        ("20200", "Haute-Corse", "Bastia"),
        ("20000", "Corse-du-Sud", "Ajaccio"),
        ("97500", "Saint-Pierre-et-Miquelon", "Saint-Pierre"),
        ("97600", "Mayotte", "Mamoudzou"),
    ],
)
def test_the_prefecture_is_that_of_the_postal_code(directory, postal_code, departement_name, town):
    prefecture = local_help(directory, postal_code=postal_code).prefecture
    assert (prefecture.departement_name, prefecture.town) == (departement_name, town)


def test_a_real_entry_gives_its_contact(document):
    directory = with_real_contact(document, "ARA", "04 00 00 00 00 — relais@example.org")
    found = local_help(directory, "ARA", "69003")
    assert found.team_contact == "04 00 00 00 00 — relais@example.org"
    assert found.prefecture.town == "Lyon"
    assert local_help(directory, "IDF", "75011").team_contact is None


def test_without_a_postal_code_the_team_code_is_enough(directory):
    # One département: its préfecture is known.
    assert local_help(directory, "MYT").prefecture.town == "Mamoudzou"
    # Several: the team, without guessing a préfecture.
    found = local_help(directory, "IDF")
    assert found.team.code == "IDF" and found.prefecture is None


def test_nothing_found(directory):
    assert local_help(directory) is None
    assert local_help(directory, "NOPE", "99999") is None
    # An unusable postal code falls back on the team code.
    assert local_help(directory, "BRE", "ABCDE").team.code == "BRE"
