"""Loneliness is answered with people and places to see again (relais/isolation.py)."""

import pytest

from relais.isolation import speaks_of_isolation
from tests.support.action_trackers import make_tracker


@pytest.mark.parametrize("text, lonely", [
    ("depuis le décès de mon mari je ne vois plus personne", True),
    ("je me sens tellement seule le soir", True),
    ("vous connaissez des associations pour les personnes âgées isolées ?", True),
    ("je suis seule avec mes deux enfants et le frigo est vide", False),
    ("l'isolation des combles, il y a une aide ?", False),
    ("je m'ennuie au travail", False),
])
def test_loneliness_is_read(text, lonely):
    assert speaks_of_isolation(text) is lonely


def test_low_mood_with_loneliness_gets_people_and_places(dispatcher, domain):
    from actions.varied import ISOLATION, ActionHorsSujet, ActionHumeurBasse

    ActionHumeurBasse().run(dispatcher, make_tracker("humeur_basse", "je suis veuf et je vois plus personne"), domain)
    assert dispatcher.messages[-1]["response"] == ISOLATION
    ActionHorsSujet().run(dispatcher, make_tracker("out_of_scope", "il y a des associations pour les gens seuls ?"), domain)
    assert dispatcher.messages[-1]["response"] == ISOLATION
    text = domain["responses"][ISOLATION][0]["text"]
    assert "0 800 47 47 88" in text and "CCAS" in text and "3114" not in text
