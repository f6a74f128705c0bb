"""A request for a person opens a case only when it is one (relais/person_request.py, the floor
under the model in action_escalader): a refusal or someone of the citizen's own life is not a
request; a request that refuses the program is one (issue #12 item 7)."""

import pytest
from rasa_sdk.events import SlotSet
from sqlalchemy import create_engine, text

from actions.escalation import ActionEscalader
from relais.person_request import asks_about_the_team, asks_for_a_person, declines_a_person
from tests.support.action_trackers import make_tracker


@pytest.mark.parametrize("message", [
    "non merci pas besoin d'appeler quelqu'un",
    "j'ai pas envie d'en parler à mon chef",
    "non, c'est pas la peine qu'on me rappelle",
    "surtout ne prévenez personne",
    "non je veux pas qu'on m'appelle",
    "je ne veux parler à personne",
    "pas de conseiller, merci, je vais me débrouiller",
    "je dois en parler à ma banquière demain",
    "nan pas besoin d'un humain",
])
def test_a_refusal_or_someone_else_is_not_a_request(message):
    assert declines_a_person(message)


@pytest.mark.parametrize("message", [
    "je veux parler à quelqu'un, pas à un robot",
    "non attends, en fait je voudrais parler à quelqu'un",  # a « non » that corrects course
    "je veux parler à un humain tout de suite, pas à une machine",
    "un vrai conseiller svp",
    "y a quelqu'un de réel ?",
    "conseiller",
    "je ne veux pas attendre, passez-moi un conseiller",
    "j'ai pas envie de parler à un robot, je veux un humain",
    "mon chef me harcèle, je veux parler à une conseillère",
    "je ne veux plus parler à une machine",
    "/demander_humain",
    "",
])
def test_a_request_is_one(message):
    assert not declines_a_person(message)


def test_every_request_of_the_training_data_is_one():
    import yaml

    from tests.support.paths import ROOT

    data = yaml.safe_load((ROOT / "data" / "nlu" / "human.yml").read_text(encoding="utf-8"))
    examples = [line.strip()[2:] for block in data["nlu"] if block["intent"] == "demander_humain"
                for line in block["examples"].splitlines() if line.strip()]
    assert len(examples) >= 70
    assert [example for example in examples if declines_a_person(example)] == []


def _cases(url):
    with create_engine(url, future=True).connect() as connection:
        return connection.execute(text("select count(*) from relais_cases")).scalar_one()


def test_the_escalation_action_opens_no_case_on_a_refusal(dispatcher, domain, database):
    events = ActionEscalader().run(
        dispatcher, make_tracker("demander_humain", "non merci, pas besoin qu'on m'appelle"), domain)
    assert events == []
    assert [m.get("response") for m in dispatcher.messages] == ["utter_humain_pas_demande"]
    assert _cases(database) == 0


def test_the_escalation_action_opens_a_case_on_a_request_that_refuses_the_program(dispatcher, domain, database):
    events = ActionEscalader().run(
        dispatcher, make_tracker("demander_humain", "un humain svp, pas une machine"), domain)
    assert events == [SlotSet("escalation", "1")]
    assert _cases(database) == 1


def test_a_question_about_a_thing_is_not_a_request():
    assert declines_a_person("c'est quoi un conseiller numérique France Services ?")
    assert not declines_a_person("c'est quoi le numéro pour parler à un conseiller ?")


@pytest.mark.parametrize("text, asks", [
    ("j'ai perdu mon boulot hier, je sais plus quoi faire. je voudrais parler a quelqu'un de vrai", True),
    ("je veux un humain svp", True),
    ("c'est possible de parler à quelqu'un ?", True),
    ("je veux pas parler à quelqu'un", False),
    ("je voudrais parler à quelqu'un à la CAF", False),
    ("je dois parler à mon chef", False),
    ("je pourrais avoir un conseiller au téléphone ?", True),
    ("une personne de l'équipe pourrait me rappeler demain ?", True),
    ("j'aimerais qu'un humain s'occupe de mon dossier", True),
    ("mettez moi en contact avec une personne svp", True),
    ("pas besoin que quelqu'un de l'équipe m'appelle", False),
    ("j'arrive pas à joindre quelqu'un au téléphone à la mairie", False),
    ("je veux un humain, vite", True),
    ("j'aimerais un conseiller s'il vous plaît", True),
    ("je voudrais un conseiller bancaire pour mon prêt", False),
    ("j'ai besoin d'être accompagnée par une personne en vrai", True),
    ("il me faut une personne qui m'explique en vrai, je suis perdu", True),
    ("vous avez des conseillers humains près de chez moi ?", True),
    ("mon fils a été aidé par quelqu'un de la mission locale", False),
    ("surtout pas de conseiller humain", False),
    ("j'aimerais qu'une personne me téléphone pour m'expliquer", True),
    ("je voudrais que quelqu'un me rappelle ce soir", True),
    ("ma mère voudrait que quelqu'un l'appelle", False),
    ("j'attends qu'on me rappelle de la CAF", False),
    ("mais non il fait FROID pas chaud!! 12 degres c'est froid. je voudrais parler a quelqu'un s'il vous plait", True),
    ("non, pas besoin de parler à quelqu'un", False),
    ("Je préférerais honnêtement en discuter de vive voix avec quelqu'un de votre équipe, un vrai conseiller", True),
    ("j'ai pu en discuter avec une personne de la mairie", False),
])
def test_an_explicit_request_for_a_person_is_read_by_a_rule(text, asks):
    from relais.person_request import asks_for_a_person

    assert asks_for_a_person(text) is asks


@pytest.mark.parametrize("text, about", [
    ("la personne va m'écrire ici, c'est bien ça ?", True),
    ("dans combien de temps quelqu'un me répond ?", True),
    ("c'est quoi l'équipe relais exactement ?", True),
    ("où en est mon dossier ?", True),
    ("ma sœur va m'appeler ce soir", False),
    ("quand est-ce que la CAF va me répondre ?", False),
])
def test_a_question_about_the_team_is_read(text, about):
    from relais.person_request import asks_about_the_team

    assert asks_about_the_team(text) is about


def test_the_team_question_is_answered_from_the_case(dispatcher, domain):
    from actions.escalation import TEAM_FOLLOWS_UP, TEAM_PRESENTED, answer_team_question
    from tests.support.action_trackers import make_tracker

    with_case = make_tracker("out_of_scope", "la personne va m'écrire ici ?", slots={"escalation": "12"})
    assert answer_team_question(dispatcher, with_case) == []
    assert dispatcher.messages[-1]["response"] == TEAM_FOLLOWS_UP
    without = make_tracker("out_of_scope", "c'est qui l'équipe relais ?")
    answer_team_question(dispatcher, without)
    assert dispatcher.messages[-1]["response"] == TEAM_PRESENTED
    assert answer_team_question(dispatcher, make_tracker("out_of_scope", "il pleut")) is None


@pytest.mark.parametrize("text", ["conseiller svp", "un conseiller", "non annulez ça. conseiller svp",
                                  "ok un humain stp"])
def test_a_person_asked_for_in_a_word_or_two_is_a_request(text):
    assert asks_for_a_person(text)


def test_a_bank_adviser_or_a_refusal_is_no_request():
    assert not asks_for_a_person("je voudrais un conseiller bancaire")
    assert not asks_for_a_person("non merci. pas de conseiller")


@pytest.mark.parametrize("text", ["je veux savoir si une personne va m ecrire",
                                  "quelqu un de chez vous va me recontacter ?"])
def test_whether_someone_will_write_is_a_question_about_the_team(text):
    assert asks_about_the_team(text)


@pytest.mark.parametrize("text, asks", [
    ("est ce que quelqu'un peut m'aider en vrai, en personne, je suis a Lyon 69003", True),
    ("y a un endroit où aller près de chez moi ?", True),
    ("je peux voir quelqu'un en vrai ?", True),
    ("il est venu en personne me voir hier", False),
    ("je veux parler à une personne", False),
])
def test_help_in_person_is_help_near_the_citizen(text, asks):
    # Persona round 92: « en personne, physiquement ? y a un endroit à Lyon 3e où aller ? » got a
    # questionnaire, then « je ne sais pas vous aider ».
    from relais.person_request import asks_for_help_in_person
    assert asks_for_help_in_person(text) is asks


@pytest.mark.parametrize("text", [
    # Persona round 93: a woman of 80 without a computer got a balcony solar kit.
    "je demande ou aller pour qu on m aide a faire les papiers. en vrai pas sur le telephone",
    "ils peuvent me telephoner plutot ? je lis mal. ou je peux aller quelque part a bourganeuf",
    "il y a un numero de telephone ou quelqu un peut venir",
])
def test_help_by_phone_or_at_a_place_is_help_near_the_citizen(text):
    from relais.person_request import asks_for_help_in_person
    assert asks_for_help_in_person(text)


def test_pass_me_someone_real_asks_for_a_person():
    # Persona round 98: « laisse tomber t'es un robot. passe moi quelqu'un de vrai » was read as leaving.
    from relais.person_request import asks_for_a_person
    assert asks_for_a_person("laisse tomber t es un robot. passe moi quelqu un de vrai")
    assert not asks_for_a_person("passez moi le sel")


def test_whether_someone_will_still_write_asks_about_the_team():
    # Persona round 108: asked right after an erasure, it opened a new case.
    from relais.person_request import asks_about_the_team, asks_for_a_person
    said = "et la personne de l'équipe relais elle va quand même m'écrire ? et le rappel de demain ?"
    assert asks_about_the_team(said) and not asks_for_a_person(said)
