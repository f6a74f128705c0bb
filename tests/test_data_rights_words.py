"""A request about one's own data in plain words (relais/data_rights_words.py; our own phrasings)."""

import pytest

from relais.data_rights_words import ERASE, SEE, data_request_in_words


@pytest.mark.parametrize("text, asked", [
    # Persona round 93: the first subscribed the citizen to alerts again, the second got « je
    # n'ai pas de réponse sûre ».
    ("vous avez oublié l'abonnement aux alertes non ? bon effacez tout s'il vous plaît", ERASE),
    ("Au fait, qu'est-ce que vous gardez comme données sur moi ?", SEE),
    ("supprimez mes données", ERASE),
    ("quelles données avez-vous ?", SEE),
    ("effacer tout le tableau", None),
    ("j'ai effacé tout mon historique de navigation", None),
    ("effacez le dernier message", None),
])
def test_data_requests_in_words(text, asked):
    assert data_request_in_words(text) == asked


@pytest.mark.parametrize("text, asked", [
    # Persona round 97: both got « pas compris » before consent was given.
    ("Avant d'accepter : c'est stocké où et combien de temps ?", True),
    ("Vos données, qui les lit ? L'Etat, les impôts ?", True),
    ("la CAF aura accès à ce que je vous dis ?", True),
    ("vous gardez ça où et combien de temps", True),
    ("comment conserver les légumes sans frigo ?", False),
    ("combien de temps se garde la viande au congélateur ?", False),
    ("est-ce que mon employeur peut le savoir si je suis en arrêt ?", False),
])
def test_how_data_is_kept_is_heard(text, asked):
    from relais.data_rights_words import asks_how_data_is_kept
    assert asks_how_data_is_kept(text) is asked


def test_how_data_is_kept_is_answered_with_the_settings_delays_then_consent_asked_again(dispatcher, domain):
    from actions.data_rights import ActionExporterDonnees
    from relais.settings import load_settings
    from tests.support.action_trackers import make_tracker

    tracker = make_tracker("mes_donnees", "c'est stocké où et combien de temps ?", slots={"consentement": "inconnu"})
    ActionExporterDonnees().run(dispatcher, tracker, domain)
    said = dispatcher.messages[0]["text"]
    settings = load_settings()
    assert f"{settings.unrecorded_ttl_seconds // 3600} h" in said
    assert f"{round(settings.retention_inactive_days / 30)} mois" in said
    assert "impôts" in said and "équipe relais" in said
    assert dispatcher.messages[-1]["response"] == "utter_demande_consentement_court"
    assert not any("json_message" in m and m["json_message"] for m in dispatcher.messages)


def test_the_consent_reader_hears_a_short_question_on_how_data_is_kept():
    from rasa.shared.nlu.training_data.message import Message

    from rasa_components.consent_reader import ConsentReader
    message = Message({"text": "c'est stocké où et combien de temps ?", "intent": {"name": "nlu_fallback", "confidence": 0.3}})
    ConsentReader.create({}, None, None, None).process([message])
    assert message.get("intent")["name"] == SEE


def test_erasure_asked_about_a_child_or_asked_how_is_a_request_to_erase():
    # Persona round 102: a father inside a crisis dialogue, twice unheard.
    from relais.data_rights_words import ERASE, data_request_in_words
    assert data_request_in_words("je refuse que vous gardiez ces infos. effacez tout ce qui concerne mon fils svp") == ERASE
    assert data_request_in_words("comment on efface mes données ? c'est la dernière chose que je vous demande") == ERASE
