"""Territorial alerts in the conversation, through Rasa and the action server (our own
phrasings): subscribing in the middle of a track, the alert's buttons as the edge sends them
once tapped, a practical question after an alert, stopping, and a crisis said with the word
« alertes » staying a crisis."""

import uuid

import pytest

from relais.database import create_engine_from_url, make_session_factory
from relais.directory import RelaisDirectory
from relais.services.events import FINE_PAYLOAD, NEED_HELP_PAYLOAD, EventDraft, EventService


@pytest.fixture(scope="module")
def events(relais_stack):
    engine = create_engine_from_url(relais_stack.database_url)
    yield EventService(make_session_factory(engine), RelaisDirectory.load())
    engine.dispose()


def texts(client, sender, message):
    return "\n".join(m.get("text") or "" for m in client.say(sender, message))


def sender():
    return f"alert-own-{uuid.uuid4().hex[:8]}"


def test_subscribing_in_the_middle_of_a_track_then_back_to_it(relais_client, events):
    chat = sender()
    texts(relais_client, chat, "comment économiser l'électricité cet hiver ?")
    reply = texts(relais_client, chat, "au fait je veux recevoir les alertes de mon secteur")
    assert "code postal" in reply
    reply = texts(relais_client, chat, "43100")
    assert "43100" in reply and events.subscription_of(chat).departement == "43"
    reply = texts(relais_client, chat, "oui")
    assert events.subscription_of(chat).check_on_me is True
    reply = texts(relais_client, chat, "et pour le chauffage, je baisse à combien ?")
    assert "alerte" not in reply.lower() and reply  # the track answers again


def test_the_alert_buttons_record_the_answer_and_help_comes_with_the_first_steps(relais_client, events):
    helped, fine = sender(), sender()
    for chat in (helped, fine):
        events.subscribe(chat, "15100")
    event = events.declare(EventDraft("coupure_eau", "danger", ("15",),
                                      "Eau du robinet non potable à Saint-Flour jusqu'à nouvel ordre."))
    reply = texts(relais_client, helped, NEED_HELP_PAYLOAD)
    assert "Coupure d'eau potable" in reply and "1." in reply
    assert "Tout va bien" not in reply
    assert "tout va bien pour vous" in texts(relais_client, fine, FINE_PAYLOAD)
    counts = {c.departement: c for c in events.welfare(event.id)}
    assert (counts["15"].help, counts["15"].fine) == (1, 1)
    # A practical question after the alert is answered with the event's instructions, not by
    # the subscription's questions.
    reply = texts(relais_client, helped, "on peut faire bouillir l'eau pour la boire ?")
    assert "Eau du robinet non potable à Saint-Flour" in reply and "Pour quel endroit" not in reply
    events.end(event.id)


def test_stop_alertes_stops(relais_client, events):
    chat = sender()
    events.subscribe(chat, "43100")
    assert "arrêté" in texts(relais_client, chat, "stop alertes")
    assert events.subscription_of(chat) is None


def test_a_crisis_said_with_the_word_alertes_is_a_crisis(relais_client):
    chat = sender()
    reply = texts(relais_client, chat, "stop les alertes, de toute façon je veux mourir")
    assert "3114" in reply


def test_during_an_event_its_track_answers_with_its_instructions_and_scenario(relais_client, events):
    chat = sender()
    events.subscribe(chat, "69008")
    event = events.declare(EventDraft("rationnement_electricite", "danger", ("69",),
                                      "Coupures tournantes de 2 h ce soir entre 18 h et 20 h."))
    reply = texts(relais_client, chat, "bonsoir, pour le courant, on fait comment ?")
    # The authorities' instructions first, then the scenario's general first steps.
    assert "Alerte « Rationnement d'électricité » en cours (département 69)" in reply
    assert reply.index("Coupures tournantes de 2 h") < reply.index("Chargez téléphones")
    reply = texts(relais_client, chat, "et pour le congélateur pendant la coupure ?")
    assert "Rappel" not in reply  # named once
    reply = texts(relais_client, chat, "y a toujours une alerte en cours chez moi ?")
    assert "DANGER — Rationnement d'électricité (département 69)" in reply
    assert "Coupures tournantes de 2 h" in reply
    events.end(event.id)
    reply = texts(relais_client, chat, "j'ai une question sur ma facture d'électricité")
    assert "Rappel" not in reply and "consignes officielles" not in reply
    reply = texts(relais_client, chat, "et là, il y a une alerte ?")
    assert "Aucune alerte en cours pour le département 69" in reply


def test_a_question_about_the_event_gets_its_instructions_whatever_track_the_model_reads(
        relais_client, events):
    chat = sender()
    events.subscribe(chat, "24100")
    event = events.declare(EventDraft(
        "coupure_eau", "vigilance", ("24",),
        "Eau impropre à la consommation. Bouteilles distribuées au gymnase Jean-Jaurès de 9 h à 18 h."))
    reply = texts(relais_client, chat, "bonjour, comment réduire ma facture de chauffage ?")
    assert "Rappel : alerte « Coupure d'eau potable »" in reply  # named once beside the answer
    reply = texts(relais_client, chat, "et le gymnase pour les bouteilles il ferme à quelle heure ? je finis le taf à 18h")
    assert "gymnase Jean-Jaurès de 9 h à 18 h" in reply
    assert "1. Suivez exactement le message de la mairie" in reply  # the general steps, once
    reply = texts(relais_client, chat, "et on peut boire l'eau du robinet si on la fait bouillir ?")
    assert "gymnase Jean-Jaurès" in reply and "Les gestes généraux sont plus haut" in reply
    events.end(event.id)
