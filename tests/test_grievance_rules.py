"""The rules of doléances and envies that hold wherever an item is seen (relais/grievances.py)
and the territories of the agents (relais/territories.py)."""

from datetime import datetime, timezone

import pytest

from relais.directory import DirectoryError
from relais.grievances import (
    MASK,
    due_at,
    grievance_texts,
    masked,
    published_count,
    references_in,
)
from relais.territories import Territory, load_territories, territories

UTC = timezone.utc


@pytest.mark.parametrize("text, expected", [
    ("où en est la D-42 ?", [42]),
    ("retirez d42 svp", [42]),
    ("la D 7 et la d-12", [7, 12]),
    ("j'habite au 43100", []),
    ("la RD 906 est fermée", []),
])
def test_references_typed_by_a_citizen(text, expected):
    assert references_in(text) == expected


@pytest.mark.parametrize("text, hidden", [
    ("Écrivez à jean.dupont@mail.fr pour le lampadaire", "jean.dupont@mail.fr"),
    ("mon numéro 06 12 34 56 78", "06 12 34 56 78"),
    ("appelez le +33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("M. Dupont laisse ses poubelles", "Dupont"),
    ("le maire Durand ne répond pas", "Durand"),
])
def test_masking_hides_contacts_and_names_after_a_title(text, hidden):
    assert hidden not in masked(text) and MASK in masked(text)


@pytest.mark.parametrize("text, hidden", [
    # Persona round 106: a mother's income and debts published to her neighbourhood as typed.
    ("Je touche 980 € de RSA et mon loyer est de 650 euros, je n'y arrive plus.", "980"),
    ("Je touche 980 € de RSA et mon loyer est de 650 euros, je n'y arrive plus.", "650"),
    ("jai 300e de dettes et 2 enfants", "300"),
    ("mon salaire 1 450,50 euros net", "1 450,50"),
    ("remboursez sur mon IBAN FR76 3000 6000 0112 3456 7890 189", "FR76"),
    ("mon numéro de sécu 1 85 05 78 006 084 36", "006 084"),
])
def test_masking_hides_the_writers_own_money_and_identifiers(text, hidden):
    assert hidden not in masked(text) and MASK in masked(text)


@pytest.mark.parametrize("text", [
    "Le ticket de bus est passé à 2 € au lieu de 1,50 €.",
    "J'habite au 2e étage, dans le 20e arrondissement, à 30 km du travail.",
])
def test_masking_keeps_public_prices_and_ordinals(text):
    assert masked(text) == text


def test_masking_leaves_ordinary_words():
    text = "Le voisin qui fait du bruit la nuit, rue Pasteur, depuis 2024"
    assert masked(text) == text


@pytest.mark.parametrize("utc_hour, expected_hour", [
    (10, 10),  # 11:00 in Paris: at once
    (19, 19),  # 20:00: at once
    (20, 7),   # 21:00: the next morning, 08:00 Paris
    (23, 7),   # midnight: 08:00 the same morning
    (6, 7),    # 07:00: 08:00
])
def test_news_waits_for_the_morning_in_quiet_hours(utc_hour, expected_hour):
    now = datetime(2026, 11, 26, utc_hour, 0, tzinfo=UTC)
    due = due_at(now)
    assert due.astimezone(UTC).hour == expected_hour and due >= now


def test_news_at_any_hour_when_chosen():
    now = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)
    assert due_at(now, any_time=True) == now


def test_a_count_under_11_is_not_published():
    assert published_count(10) is None and published_count(11) == 11


def test_every_theme_and_status_has_a_french_label():
    texts = grievance_texts()
    assert texts.themes["services_publics"] == "Services publics"
    assert texts.statuses["a_l_etude"] == "à l'étude"


def test_the_shipped_territories_load_and_place_postal_codes():
    places = territories()
    assert places.unit_of_postal_code("43100").code == "brioude"
    assert places.unit_of_postal_code("43200") is None
    assert "43" in places.departements_of(Territory("region", "84"))
    assert places.exists(Territory("nation", "FR")) and not places.exists(Territory("unit", "nowhere"))


def test_a_postal_code_in_two_units_is_refused(tmp_path):
    units = tmp_path / "units.yml"
    units.write_text('units:\n  - {code: "a", name: "A", postal_codes: ["43100"]}\n'
                     '  - {code: "b", name: "B", postal_codes: ["43100"]}\n', encoding="utf-8")
    with pytest.raises(DirectoryError, match="43100"):
        load_territories(units_path=units)


@pytest.mark.parametrize("text, hidden", [
    # Review: a thousands dot split the sentence; budgets without a pronoun; IBAN and NIR spelt
    # other ways.
    ("Mon salaire est de 1.350,00 euros.", "1.350"),
    ("salaire 1350 €, loyer 600 €, je coule", "600"),
    ("iban fr76-3000-6000-0112-3456-7890-189", "3000"),
    ("nir 1.85.05.78.006.084.36", "006.084"),
])
def test_masking_reads_amounts_and_identifiers_however_written(text, hidden):
    assert hidden not in masked(text)
