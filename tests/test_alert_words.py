"""What citizens say about territorial alerts (relais/alert_words.py): subscribing, stopping,
the status, the answers to the subscription's questions and the alert's buttons; and what is
not about Relais' alerts (our own phrasings; the last test reads other people's)."""

import pytest
import yaml

from relais.alert_words import (
    FINE,
    NEED_HELP,
    STATUS,
    STEP_CHECK_ON_ME,
    STEP_PLACE,
    STOP,
    SUBSCRIBE,
    answers_step,
    button_choice,
    read_request,
)
from tests.support.paths import ROOT


@pytest.mark.parametrize("text, request_", [
    ("je veux recevoir les alertes", SUBSCRIBE),
    ("Je voudrais m'inscrire aux alertes de ma commune", SUBSCRIBE),
    ("prévenez-moi s'il y a une coupure d'eau", SUBSCRIBE),
    ("alertes", SUBSCRIBE),
    ("je veux recevoir les alertes pour le 43100", SUBSCRIBE),
    ("stop alertes", STOP),
    ("STOP ALERTES!!", STOP),
    ("arrêtez les alertes svp", STOP),
    ("je ne veux plus recevoir les alertes", STOP),
    ("désinscrivez-moi des alertes", STOP),
    ("je suis inscrit aux alertes ?", STATUS),
])
def test_requests_about_the_alerts(text, request_):
    assert read_request(text) == request_


@pytest.mark.parametrize("text", [
    "alerte rouge électricité, il faut faire quoi maintenant",
    "j'ai reçu une alerte de ma banque, c'est une arnaque ?",
    "c'est quoi Ecowatt et comment recevoir les alertes sur mon téléphone ?",
    "plus de courant depuis hier",
    "stop",
    "je veux arrêter",
    "l'alarme incendie sonne chez la voisine",
])
def test_other_messages_are_not_about_relais_alerts(text):
    assert read_request(text) is None


def test_answers_to_the_subscription_questions():
    assert answers_step(STEP_PLACE, "43 100")
    assert answers_step(STEP_PLACE, "non merci")
    assert not answers_step(STEP_PLACE, "c'est quoi exactement ces alertes ?")
    assert answers_step(STEP_CHECK_ON_ME, "oui")
    assert answers_step(STEP_CHECK_ON_ME, "non")
    assert not answers_step(STEP_CHECK_ON_ME, "on a plus d'eau au robinet")
    assert not answers_step(None, "oui")


def test_the_alert_buttons_are_recognised_only_as_relais_sent_them():
    assert button_choice("choisir", [{"entity": "choix", "value": "alerte_aide"}]) == NEED_HELP
    assert button_choice("choisir", [{"entity": "choix", "value": "alerte_ok"}]) == FINE
    assert button_choice("choisir", [{"entity": "choix", "value": "seul"}]) is None
    assert button_choice("affirm", [{"entity": "choix", "value": "alerte_ok"}]) is None


def test_the_practical_messages_of_the_blind_sets_are_rarely_read_as_about_alerts():
    """Every message of the blind routing, conversation and doléance sets (4,220): none was read
    as a request about Relais' alerts on 2026-12-04 (two questions about receiving other
    systems' alerts were, before the guard). More means the lexicon reaches into the coaching."""
    messages = []
    for path in sorted((ROOT / "tests" / "blind").glob("routing_*.yml")):
        messages += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    for pattern in ("conversations_*.yml", "grievances_*.yml"):
        for path in sorted((ROOT / "tests" / "blind").glob(pattern)):
            messages += [turn["user"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))
                         for turn in c["turns"]]
    read = [text for text in messages if read_request(text) is not None]
    assert len(messages) > 4000 and len(read) <= 1, read
