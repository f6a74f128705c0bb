"""Asking to stop the questions is read by a rule (the `stop` intent ends any form); a message
that also asks something is answered instead; how the citizen feels is no answer."""

import pytest
from rasa_sdk.events import SlotSet

from actions.tracks import ValidateDiagnosticForm
from relais.form_answers import QUESTION, read_answer
from relais.leaving import asks_to_stop_questions
from tests.support.action_trackers import make_tracker


@pytest.mark.parametrize("text", [
    "laissez tomber. je me sens nul", "je veux plus de questions", "arrêtez avec vos questions svp",
    "stop les questions", "bon laisse tomber", "je veux pas remplir ce questionnaire",
])
def test_a_request_to_stop_the_questions(text):
    assert asks_to_stop_questions(text)


@pytest.mark.parametrize("text", [
    "je veux pas refaire un questionnaire, je veux juste savoir où trouver mon numéro allocataire",
    "laissez tomber ma demande", "je laisse tomber le vélo", "j'ai une question sur les questionnaires de la caf",
    "je ne veux pas de questions sur mon salaire ?",
])
def test_not_a_request_to_stop_the_questions(text):
    assert not asks_to_stop_questions(text)


def test_wanting_to_know_something_is_a_question_not_an_answer():
    reading = read_answer("economie", "economie_situation", "je veux juste savoir où trouver mon numéro allocataire")
    assert reading.kind == QUESTION


def test_how_the_citizen_feels_is_heard_and_not_stored_as_an_answer(dispatcher, domain):
    tracker = make_tracker("inform", "vous m'écoutez pas. je me sens nul",
                           slots={"track": "economie", "requested_slot": "engagement"},
                           active_loop="diagnostic_form")
    events = ValidateDiagnosticForm()._check(dispatcher, tracker, "economie", "engagement",
                                             "vous m'écoutez pas. je me sens nul",
                                             "vous m'écoutez pas. je me sens nul")
    assert events == [SlotSet("engagement", None)]
    assert dispatcher.messages[0]["response"] == "utter_ecoute_formulaire"


def test_exhaustion_that_answers_the_question_is_heard_and_kept(dispatcher, domain):
    # Persona round 97: « titulaire fonction publique hospitalière, de nuit. et franchement
    # épuisée oui » got the same four buttons again.
    text = "titulaire fonction publique hospitaliere, de nuit. et franchement epuisée oui"
    tracker = make_tracker("inform", text, slots={"track": "travail", "requested_slot": "travail_situation"},
                           active_loop="diagnostic_form")
    events = ValidateDiagnosticForm()._check(dispatcher, tracker, "travail", "travail_situation", text, text)
    assert SlotSet("travail_situation", "en_arret") in events
    assert dispatcher.messages[0]["response"] == "utter_ecoute_formulaire"


@pytest.mark.parametrize("text, leaves", [
    ("bon ben merci pour les infos sur le compost, bonne soirée", True),
    ("ok c'est bon, merci au revoir", True),
    ("merci, à bientôt !", True),
    ("au revoir monsieur", True),
    ("bonne journée à vous et merci encore", True),
    ("d'accord je me débrouillerai, merci quand même, au revoir", True),
    ("tant pis, merci quand même, bonne soirée", True),
    ("quand est-ce que ça revient ? merci au revoir", False),
    ("je sais pas quand ils rouvrent, bonne soirée", False),
    ("salut", False),
    ("salut, je cherche un potager partagé", False),
    ("et pour la CAF je fais comment ? merci au revoir", False),
    ("bonjour", False),
])
def test_a_farewell_at_the_end_of_a_message_is_a_goodbye(text, leaves):
    from relais.leaving import says_goodbye

    assert says_goodbye(text) is leaves


@pytest.mark.parametrize("text, asks", [
    ("merci ! et pour la prime d'activité, je fais comment ?", True),
    ("merci bien, la mairie peut m'aider pour ça ?", True),
    ("merci, bonne soirée", False),
    ("merci infiniment", False),
])
def test_thanks_then_a_question_is_the_question(text, asks):
    from relais.leaving import thanks_then_asks

    assert thanks_then_asks(text) is asks


@pytest.mark.parametrize("text, may", [
    ("hmm", False),                               # read as goodbye at 0.47 (edge test, 2026-12-04)
    ("d'abord comment j'y vais demain", False),   # a question inside the diagnostic (blind set E)
    ("ok", False),
    ("je file, à plus", True),
    ("a+", True),
    ("on se reparle demain", True),
    ("/goodbye", True),
])
def test_the_models_goodbye_needs_words_of_leaving_and_no_question(text, may):
    from relais.leaving import may_be_goodbye
    assert may_be_goodbye(text) is may


def test_every_goodbye_of_the_training_data_may_be_one():
    import yaml

    from relais.leaving import may_be_goodbye
    from tests.support.servers import ROOT
    data = yaml.safe_load((ROOT / "data" / "nlu" / "chitchat.yml").read_text(encoding="utf-8"))
    block = next(item for item in data["nlu"] if item.get("intent") == "goodbye")
    examples = [line[2:].strip() for line in block["examples"].splitlines() if line.strip().startswith("- ")]
    assert examples and all(may_be_goodbye(e) for e in examples), [e for e in examples if not may_be_goodbye(e)]


@pytest.mark.parametrize("text, menu", [("vous m'écoutez pas. menu", True), ("bon, menu svp", True),
                                        ("le menu de la cantine est trop cher", False), ("c'est quoi le menu ?", False)])
def test_the_menu_asked_for_in_the_last_words(text, menu):
    from relais.leaving import ends_with_menu
    assert ends_with_menu(text) is menu


@pytest.mark.parametrize("text", [
    # Persona round 95: « d'accord, je m'arrête là » to both.
    "laissez tomber. je suis crevé, ma fille pleure, moi je tiens plus trop. je sais meme plus quoi faire en premier",
    "laissez tomber l'inspection du travail, MA boutique risque de couler",
])
def test_distress_or_a_topic_dropped_is_no_stop(text):
    assert not asks_to_stop_questions(text)


def test_a_stop_followed_by_what_to_do_is_a_question():
    # Persona round 97: « d'accord, je m'arrête là » to a mother with 15 € for three days.
    assert not asks_to_stop_questions("laisse tomber. il me reste genre 15€ pour 3 jours jfais quoi a manger avec ca")


def test_thanks_then_what_to_start_is_a_question():
    # Persona round 98: « avec plaisir, je suis là si vous avez besoin » to an apprentice's question.
    from relais.leaving import thanks_then_asks
    assert thanks_then_asks("merci. jpeux commencer quoi maintenant en decembre")


def test_a_stop_that_asks_for_a_person_is_no_stop():
    # Persona round 98: « d'accord, je m'arrête là » and the 3114 to an angry self-employed man.
    assert not asks_to_stop_questions("laisse tomber t es un robot. passe moi quelqu un de vrai")
