"""A shared location -> département (nearest prefecture), and the départements file."""

import copy
import math
import subprocess
import sys

import pytest
import yaml

from relais.directory import (
    ALL_DEPARTEMENTS,
    DEFAULT_DIRECTORY_PATH,
    RelaisDirectory,
    postal_code_to_departement,
)
from relais.geography import (
    DEFAULT_DEPARTEMENTS_PATH,
    DEFAULT_MAX_DISTANCE_KM,
    GeographyError,
    departement_from_location,
    departements,
    departements_from_document,
    haversine_km,
    load_departements,
    nearest_departement,
    postal_code_for_departement,
)
from relais.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(DEFAULT_DEPARTEMENTS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def directory():
    return RelaisDirectory.load()


# --- the file ---------------------------------------------------------------------------------


def test_file_covers_exactly_the_departements_of_the_relais_directory(document):
    relais = yaml.safe_load(DEFAULT_DIRECTORY_PATH.read_text(encoding="utf-8"))
    in_relais = [d for team in relais["teams"] for d in team["departements"]]
    codes = [entry["code"] for entry in document["departements"]]
    assert len(codes) == len(set(codes)) == 102
    assert sorted(codes) == sorted(in_relais) == sorted(ALL_DEPARTEMENTS)
    assert "20" not in codes and {"2A", "2B", "975"} <= set(codes)
    assert list(departements()) == codes  # loads, in file order


def test_codes_and_postal_codes_are_quoted_strings(document):
    for entry in document["departements"]:
        assert isinstance(entry["code"], str), entry
        assert isinstance(entry["postal_code"], str), entry
        assert len(entry["postal_code"]) == 5 and entry["postal_code"].isdigit(), entry


def test_every_postal_code_maps_back_to_its_own_departement(directory):
    for code, departement in departements().items():
        assert postal_code_to_departement(departement.postal_code) == code, departement
        lookup = directory.find_by_postal_code(departement.postal_code)
        assert lookup.found and lookup.departement == code, departement
        assert code in lookup.team.departements


@pytest.mark.parametrize(
    "code, name, chef_lieu, postal_code",
    [
        ("01", "Ain", "Bourg-en-Bresse", "01000"),
        ("07", "Ardèche", "Privas", "07000"),
        ("13", "Bouches-du-Rhône", "Marseille", "13001"),
        ("2A", "Corse-du-Sud", "Ajaccio", "20000"),
        ("2B", "Haute-Corse", "Bastia", "20200"),
        ("21", "Côte-d'Or", "Dijon", "21000"),
        ("29", "Finistère", "Quimper", "29000"),
        ("42", "Loire", "Saint-Étienne", "42000"),
        ("69", "Rhône", "Lyon", "69001"),
        ("75", "Paris", "Paris", "75001"),
        ("88", "Vosges", "Épinal", "88000"),
        ("974", "La Réunion", "Saint-Denis", "97400"),
        ("975", "Saint-Pierre-et-Miquelon", "Saint-Pierre", "97500"),
        ("976", "Mayotte", "Mamoudzou", "97600"),
    ],
)
def test_names_and_prefectures(code, name, chef_lieu, postal_code):
    departement = departements()[code]
    assert (departement.name, departement.chef_lieu, departement.postal_code) == (
        name,
        chef_lieu,
        postal_code,
    )


def test_every_prefecture_is_its_own_nearest_and_far_from_the_others():
    items = list(departements().values())
    for departement in items:
        assert departement_from_location(departement.latitude, departement.longitude) == (
            departement.code
        )
    # Two prefectures a few km apart would mean a copy-paste slip (closest pair: Paris-Bobigny).
    closest = min(
        haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        for i, a in enumerate(items)
        for b in items[i + 1 :]
    )
    assert closest > 5


def test_metropolitan_prefectures_are_in_metropolitan_france():
    for code, departement in departements().items():
        if len(code) == 2:
            assert 41.3 < departement.latitude < 51.1, departement
            assert -5.2 < departement.longitude < 9.6, departement


# --- positions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "place, latitude, longitude, expected",
    [
        ("Paris", 48.8566, 2.3522, "75"),
        ("Lyon", 45.7640, 4.8357, "69"),
        ("Marseille", 43.2965, 5.3698, "13"),
        ("Lille", 50.6292, 3.0573, "59"),
        ("Strasbourg", 48.5734, 7.7521, "67"),
        ("Toulouse", 43.6047, 1.4442, "31"),
        ("Brest", 48.3904, -4.4861, "29"),
        ("Ajaccio", 41.9192, 8.7386, "2A"),
        ("Bastia", 42.6977, 9.4508, "2B"),
        ("Fort-de-France", 14.6161, -61.0588, "972"),
        ("Saint-Denis (La Réunion)", -20.8789, 55.4481, "974"),
        ("Mamoudzou", -12.7806, 45.2279, "976"),
        ("Cayenne", 4.9224, -52.3135, "973"),
        ("Saint-Pierre", 46.7811, -56.1764, "975"),
        # Border towns and islands, each well nearer its own prefecture than any other.
        ("Menton", 43.7747, 7.4975, "06"),
        ("Cerbère", 42.4425, 3.1675, "66"),
        ("Wissembourg", 49.0375, 7.9456, "67"),
        ("Givet", 50.1378, 4.8253, "08"),
        ("Ouessant", 48.4578, -5.0959, "29"),
        ("Bonifacio", 41.3874, 9.1595, "2A"),
        ("Porto-Vecchio", 41.5911, 9.2794, "2A"),
        ("Calvi", 42.5679, 8.7572, "2B"),
        ("Pointe-à-Pitre", 16.2411, -61.5331, "971"),
        ("Saint-Pierre (La Réunion)", -21.3393, 55.4781, "974"),
        ("Miquelon", 47.0975, -56.3814, "975"),
        ("Dzaoudzi", -12.7871, 45.2814, "976"),
        # Farther than 200 km from their prefecture: the territory's own max_distance_km.
        ("Marigot (Saint-Martin)", 18.0677, -63.0845, "971"),
        ("Gustavia (Saint-Barthélemy)", 17.8962, -62.8498, "971"),
        ("Maripasoula", 3.6406, -54.0286, "973"),
        ("Saint-Laurent-du-Maroni", 5.4984, -54.0325, "973"),
    ],
)
def test_departement_from_location(place, latitude, longitude, expected):
    assert departement_from_location(latitude, longitude) == expected, place


@pytest.mark.parametrize(
    "place, latitude, longitude",
    [
        ("London", 51.5074, -0.1278),
        ("mid-Atlantic", 40.0, -30.0),
        ("0, 0 (an unset position)", 0.0, 0.0),
        ("Madrid", 40.4168, -3.7038),
        ("New York", 40.7128, -74.0060),
    ],
)
def test_positions_far_from_every_prefecture_have_no_departement(place, latitude, longitude):
    assert departement_from_location(latitude, longitude) is None, place


@pytest.mark.parametrize(
    "latitude, longitude",
    [
        (math.nan, 2.35),
        (48.85, math.nan),
        (math.nan, math.nan),
        (math.inf, 2.35),
        (48.85, -math.inf),
        (90.5, 2.35),
        (-91.0, 2.35),
        (48.85, 180.5),
        (48.85, -181.0),
        (None, 2.35),
        ("48.85", "2.35"),
        (True, 2.35),
    ],
)
def test_invalid_coordinates_have_no_departement(latitude, longitude):
    assert departement_from_location(latitude, longitude) is None
    assert nearest_departement(latitude, longitude) is None


def test_integer_coordinates_are_accepted():
    assert departement_from_location(48, 2) == departement_from_location(48.0, 2.0) is not None


def test_the_limit_is_the_distance_to_the_nearest_prefecture():
    # London is about 243 km from Lille: known, but farther than the limit.
    departement, distance = nearest_departement(51.5074, -0.1278)
    assert departement.code == "59"
    assert DEFAULT_MAX_DISTANCE_KM < distance < 260


def test_haversine():
    assert haversine_km(48.8566, 2.3522, 48.8566, 2.3522) == 0
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=3)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)


# --- postal code of a département -------------------------------------------------------------


@pytest.mark.parametrize(
    "code, postal_code",
    [
        ("69", "69001"),
        ("75", "75001"),
        ("2A", "20000"),
        ("2a", "20000"),
        ("2B", "20200"),
        ("1", "01000"),
        (" 01 ", "01000"),
        ("975", "97500"),
        ("976", "97600"),
    ],
)
def test_postal_code_for_departement(code, postal_code):
    assert postal_code_for_departement(code) == postal_code


@pytest.mark.parametrize("code", ["20", "00", "96", "977", "99", "", None, "Paris", "2C"])
def test_postal_code_for_unknown_departement(code):
    assert postal_code_for_departement(code) is None


def test_a_shared_location_goes_through_the_postal_code_lookup(directory):
    for latitude, longitude, team in [
        (48.8566, 2.3522, "Relais Île-de-France"),
        (42.6977, 9.4508, "Relais Corse"),
        (-20.8789, 55.4481, "Relais La Réunion"),
    ]:
        code = departement_from_location(latitude, longitude)
        lookup = directory.find_by_postal_code(postal_code_for_departement(code))
        assert lookup.found and lookup.team.name == team and lookup.departement == code


# --- validation -------------------------------------------------------------------------------


def _entry(document, code):
    return next(e for e in document["departements"] if e["code"] == code)


def _errors_of(document) -> str:
    with pytest.raises(GeographyError) as raised:
        departements_from_document(document)
    return str(raised.value)


def test_the_file_as_is_validates(document):
    assert len(departements_from_document(copy.deepcopy(document))) == 102


def test_missing_and_duplicate_departements_are_reported(document):
    broken = copy.deepcopy(document)
    broken["departements"] = [e for e in broken["departements"] if e["code"] != "974"]
    broken["departements"].append(copy.deepcopy(_entry(document, "69")))
    message = _errors_of(broken)
    assert "missing (they are in relais.yml): 974" in message
    assert "département 69 is already entry" in message


def test_corsica_is_2a_and_2b_never_20(document):
    broken = copy.deepcopy(document)
    _entry(broken, "2A")["code"] = "20"
    message = _errors_of(broken)
    assert "unknown département 20 (Corsica is 2A and 2B)" in message
    assert "missing (they are in relais.yml): 2A" in message


def test_postal_code_of_the_wrong_departement_is_reported(document):
    broken = copy.deepcopy(document)
    _entry(broken, "2A")["postal_code"] = "20200"  # Bastia's: 2B
    _entry(broken, "2B")["postal_code"] = "20700"  # not Corsican
    _entry(broken, "69")["postal_code"] = "6900"
    message = _errors_of(broken)
    assert "postal code 20200 is in département 2B, not 2A" in message
    assert "postal code 20700 is in département 20, not 2B" in message
    assert "postal code 6900 is not 5 digits" in message


def test_unquoted_values_are_reported(document):
    text = DEFAULT_DEPARTEMENTS_PATH.read_text(encoding="utf-8")
    text = text.replace('code: "01"', "code: 01")
    text = text.replace('postal_code: "75001"', "postal_code: 75001")
    message = _errors_of(yaml.safe_load(text))
    assert 'write the code in quotes ("1")' in message
    assert 'write the postal code in quotes ("75001")' in message


def test_out_of_range_and_missing_values_are_reported(document):
    broken = copy.deepcopy(document)
    _entry(broken, "59")["latitude"] = 150.63
    _entry(broken, "13")["longitude"] = "5.3698"  # a text
    _entry(broken, "31")["longitude"] = math.nan
    _entry(broken, "973")["max_distance_km"] = -1
    del _entry(broken, "67")["chef_lieu"]
    _entry(broken, "35")["lattitude"] = 48.1
    _entry(broken, "44")["name"] = " "
    message = _errors_of(broken)
    assert "(59): `latitude` must be a number from -90 to 90" in message
    assert "(13): `longitude` must be a number from -180 to 180" in message
    assert "(31): `longitude` must be a number from -180 to 180" in message
    assert "(973): `max_distance_km` must be a number above 0" in message
    assert "(67): missing `chef_lieu`" in message
    assert "(35): unknown keys lattitude" in message
    assert "(44): `name` must be a non-empty text" in message


def test_unreadable_or_malformed_files_are_reported(tmp_path):
    with pytest.raises(GeographyError, match="cannot read"):
        load_departements(tmp_path / "absent.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("departements: [", encoding="utf-8")
    with pytest.raises(GeographyError, match="cannot read"):
        load_departements(bad)
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(GeographyError, match="`departements` list"):
        load_departements(bad)


def test_loaded_once_on_first_use_never_at_import_time_without_rasa_or_telegram(tmp_path):
    code = (
        "import sys\n"
        "import relais.geography as geography\n"
        "assert geography.departements.cache_info().currsize == 0\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk', 'telegram')]\n"
        "assert not bad, bad\n"
        "assert geography.departement_from_location(48.8566, 2.3522) == '75'\n"
        "assert geography.departements() is geography.departements()\n"
    )
    env = {"PYTHONPATH": str(PROJECT_ROOT), "PATH": ""}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=str(tmp_path))
