"""The rules and content of territorial events (relais/events.py, relais/content/events.yml):
every kind has its words, and a message written while an event lasts is read as about it when
it names the event's subject or a rare word of the operator's instructions (our own phrasings)."""

from datetime import datetime, timezone

import pytest

from relais.events import about_event, event_texts, local_moment
from relais.models import EVENT_KINDS

WATER = ("Eau impropre à la consommation jusqu'à nouvel ordre. Distribution de bouteilles au "
         "gymnase Jean-Jaurès et à la salle des fêtes de Brives, de 9 h à 18 h.")


def test_every_kind_has_words_of_its_subject():
    texts = event_texts()
    assert all(texts.words(kind) for kind in EVENT_KINDS)


@pytest.mark.parametrize("text", [
    "où est-ce qu'on récupère les bouteilles ?",
    "le gymnase ferme à quelle heure ?",
    "la salle des fêtes de Brives c'est loin de chez moi",
    "je peux me doucher avec l'eau du robinet ?",
])
def test_messages_about_the_event(text):
    assert about_event(text, "coupure_eau", WATER)


@pytest.mark.parametrize("text", [
    "je voudrais changer de fournisseur d'électricité",
    "j'ai perdu mon emploi hier",
    "merci beaucoup, bonne journée",
    "",
])
def test_messages_about_something_else(text):
    assert not about_event(text, "coupure_eau", WATER)


def test_moments_are_said_in_paris_time():
    assert local_moment(datetime(2026, 12, 5, 13, 30, tzinfo=timezone.utc)) == "05/12 à 14:30"
    assert local_moment(datetime(2026, 7, 5, 13, 30)) == "05/07 à 15:30"  # naive: UTC (SQLite)
