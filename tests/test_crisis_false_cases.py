"""Cases opened without a crisis (issue #12): a question about danger answered « ok » or with a
question, heat, gardens, engines and the economy read as a medical emergency. The real ones stay
crises."""

import pytest

from relais.crisis_dialogue import CASE_OPEN, CitizenMessage, next_turn
from relais.safety import CERTAIN, QUESTION, Triage, assess, triage
from relais.yes_no import is_acknowledgement, says_yes


def asked():
    """The state after Relais asked its direct question about suicide."""
    turn = next_turn(None, CitizenMessage("x", triage=Triage(QUESTION, "suicide")), in_dialogue=False)
    assert turn.ask_yes_no and turn.case is None
    return turn.state


@pytest.mark.parametrize("text, intent", [("ok", "affirm"), ("d'accord", "affirm"), ("OK merci", None)])
def test_an_acknowledgement_is_no_yes_to_the_question(text, intent):
    turn = next_turn(asked(), CitizenMessage(text, intent, triage(text)))
    assert turn.case is None and turn.ask_yes_no


@pytest.mark.parametrize("text, expected", [("c'est gratuit ?", "gratuit"), ("c'est qui au bout du fil ?", "professionnels")])
def test_a_question_gets_its_answer_and_the_question_again_without_a_case(text, expected):
    turn = next_turn(asked(), CitizenMessage(text, None, triage(text)))
    assert turn.case is None and turn.ask_yes_no
    assert expected in turn.lines[0]
    assert turn.lines[-1].endswith("?")


def test_a_clear_yes_still_makes_it_certain():
    turn = next_turn(asked(), CitizenMessage("oui", "affirm", triage("oui")))
    assert turn.case == CASE_OPEN and "3114" in turn.lines[-1]


def test_a_refusal_read_as_a_request_for_a_person_is_no_yes():
    text = "non merci pas la peine d'appeler quelqu'un"
    turn = next_turn(asked(), CitizenMessage(text, "demander_humain", triage(text)))
    assert turn.case is None


def test_ok_is_a_yes_to_an_offer_but_heard_only_after_a_question():
    assert says_yes("ok") and is_acknowledgement("ok") and not is_acknowledgement("oui")


@pytest.mark.parametrize("text", [
    "40 degrés annoncés cette semaine, comment protéger mon potager ?",
    "il va faire 41 degrés jeudi, j'arrose le soir ou le matin ?",
    "canicule prévue, mes poules ne respirent plus bien, je fais quoi ?",
    "ma voiture chauffe dans les côtes, c'est le radiateur ?",
    "le malaise de l'économie locale me fait peur pour ma boutique",
    "l'économie du coin ne respire plus depuis que l'usine a fermé",
    "mes tomates font un malaise avec la chaleur",
])
def test_heat_gardens_engines_and_the_economy_are_no_medical_crisis(text):
    assert not assess(text).is_crisis
    # Not from the model either, however sure it is.
    assert triage(text, 0.99, "medical").tier is None


@pytest.mark.parametrize("text", [
    "mon père a 40 de fièvre et ne répond plus",
    "il fait 40 degrés, ma grand-mère est toute molle et ne répond plus",
    "canicule : mon voisin âgé a fait un malaise dans son jardin",
    "il a 41 de fièvre",
    "un arbre est tombé sur la voiture, le conducteur ne respire plus",
])
def test_real_medical_emergencies_stay_certain(text):
    assert triage(text) == Triage(CERTAIN, "medical")


def test_the_model_alone_asks_first_when_no_person_is_in_the_message():
    assert triage("malaise au boulot, je sais plus quoi faire", 0.95, "medical").tier == QUESTION
    assert triage("mon fils fait un drôle de malaise", 0.95, "medical").tier == CERTAIN


def test_after_a_question_answered_ok_is_asked_about_once_more():
    state = next_turn(asked(), CitizenMessage("c'est gratuit ?", None, triage("c'est gratuit ?"))).state
    turn = next_turn(state, CitizenMessage("ok", "affirm", triage("ok")))
    assert turn.open and turn.ask_yes_no and turn.case is None
    turn = next_turn(turn.state, CitizenMessage("oui", "affirm", triage("oui")))
    assert turn.case == CASE_OPEN


def test_a_garden_or_an_animal_that_dies_is_no_violence():
    from relais.safety import assess
    assert not assess("arrêté sécheresse demain, toutes mes salades vont crever").is_crisis
    assert not assess("si ça continue mes brebis vont crever de soif").is_crisis
    # A threat aimed at the writer stays violence, whatever else the message speaks of.
    assert assess("le voisin qui a des chiens va me crever").kind == "violence"


def test_the_weathers_forty_degrees_told_by_who_feels_it_is_no_fever():
    # Persona round 99: a woman of 79, « il fait 40 degrés dehors… j'ai mal à la tête depuis ce
    # matin, comment rafraîchir l'appartement ? », got « restez avec la personne… massage
    # cardiaque » and a priority case. The heat illness answer is hers; someone else's body at
    # 40 degrés stays an emergency.
    from relais.crisis_classifier import CrisisReading
    from relais.safety import CERTAIN, MEDICAL, Triage, assess, triage
    own = ("Il fait 40 degres dehors et chez moi c'est pareil, j'ai mal a la tete depuis ce matin et je suis fatiguée. "
           "comment je peux rafraichir l'appartement ?")
    assert not assess(own).is_crisis
    assert triage(own, 0.97, MEDICAL, CrisisReading(0.96, MEDICAL)) == Triage()
    assert triage("il fait 41 dans mon studio, j'ai la tête qui tourne et envie de vomir", 0.97, MEDICAL,
                  CrisisReading(0.96, MEDICAL)) == Triage()
    for other in ("mon fils a 40 degrés", "40 degrés dans l'appart, ma mère de 90 ans ne répond plus",
                  "il fait 40 degrés et mon grand-père est confus", "il fait 40 et elle est toute molle"):
        assert assess(other).is_crisis and triage(other).tier == CERTAIN, other
