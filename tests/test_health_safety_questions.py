"""Health questions with one answer whatever the conversation (persona round 105): a painkiller
during pregnancy, a child's fever, whether to call the 15, and breath failing with oxygen at
home."""

import pytest

from relais.crisis import MEDICAL, OTHER_AT_RISK, VIOLENCE, crisis_content
from relais.crisis_classifier import CrisisReading
from relais.crisis_dialogue import CitizenMessage, next_turn
from relais.mood import worries_for_a_relatives_mood
from relais.safety import CERTAIN, QUESTION, Triage, asks_about_a_painkiller, triage
from relais.safety_questions import (
    asks_about_a_painkiller_in_pregnancy,
    asks_whether_to_call_the_15,
    tells_a_child_fever,
)

PREGNANT = ("je suis enceinte de 7 mois, seule avec mon fils de 3 ans, il fait 33 degrés dedans",)


@pytest.mark.parametrize("text", [
    "j'ai mal à la tête depuis ce matin, est ce que je peux prendre du doliprane enceinte ? ou un ibuprofène",
    "paracetamol enceinte de 7 mois c'est autorisé oui ou non",
    "c'est juste la chaleur je crois. je prends quoi alors, doliprane ou ibu ?",
])
def test_a_painkiller_asked_about_in_pregnancy(text):
    assert asks_about_a_painkiller_in_pregnancy(text, PREGNANT)


def test_a_painkiller_for_the_child_is_not_the_mother_s():
    assert not asks_about_a_painkiller_in_pregnancy("je peux lui donner du doliprane ? il fait 14 kilos", PREGNANT)
    assert not asks_about_a_painkiller_in_pregnancy("je peux prendre du doliprane ?", ("je cherche un travail",))


def test_a_painkiller_question_is_no_crisis_whatever_the_models_read():
    text = "j'ai pas de mouches devant les yeux, je suis pas gonflée. je prends quoi alors, doliprane ou ibu ?"
    assert triage(text, 0.8, VIOLENCE, CrisisReading(0.7, VIOLENCE)).tier is None


@pytest.mark.parametrize("text", [
    "je vais prendre toute la boite de doliprane ce soir",
    "combien de doliprane pour mourir ?",
])
def test_taking_it_all_is_no_painkiller_question(text):
    assert not asks_about_a_painkiller(text)


@pytest.mark.parametrize("text, earlier", [
    ("mon fils a 39 de fièvre !! qu'est ce que je fais ?", ()),
    ("mon fils vient de se réveiller il est tout chaud, je viens de prendre sa température il a 39", ()),
    ("je peux lui donner du doliprane en attendant ? il fait 14 kilos", ("mon fils a 39 de fièvre",)),
    # Persona round 109: the room's degrees beside a fever named (the heat advice for an elderly
    # person was the answer).
    ("il est 2h du mat, ma fille de 3 ans a 39,8 de fièvre, avec la canicule il fait 31 degrés dans sa chambre, "
     "est ce que j'appelle le 15 ??", ()),
])
def test_a_child_s_fever(text, earlier):
    assert tells_a_child_fever(text, earlier)


@pytest.mark.parametrize("text", ["il fait 39 dehors, mon fils a chaud", "mon fils a 39 ans et il cherche du travail",
                                  "ma fille a 39 il fait 35 degrés dehors"])
def test_the_weather_or_an_age_is_no_fever(text):
    assert not tells_a_child_fever(text)


def test_whether_to_call_the_15_reads_the_body_told_before():
    question = "J'ai besoin de savoir : est ce que j'appelle le 15 maintenant oui ou non ?"
    assert asks_whether_to_call_the_15(question, ("je respire moins bien quand je monte l'escalier",))
    assert not asks_whether_to_call_the_15(question, ("ma voiture est en panne",))
    assert asks_whether_to_call_the_15("Le 15 c'est le SAMU ? Je ne voudrais pas les déranger pour rien",
                                       ("je suis essoufflé",))


def test_oxygen_failing_and_breath_worse_is_the_15_s():
    text = ("La bouteille de secours est presque vide et le concentrateur ne marche pas sans électricité. "
            "Je respire moins bien quand je monte l'escalier.")
    assert triage(text).tier == CERTAIN and triage(text).kind == MEDICAL


@pytest.mark.parametrize("text, tier", [
    ("j'ai du mal a respirer", QUESTION),
    ("je suis un peu essoufflé et j'ai peur", QUESTION),
    ("j'ai du mal à respirer avec cette chaleur", None),
    ("je suis essoufflé après le vélo", None),
])
def test_short_of_breath_is_asked_about_but_not_in_the_heat_or_after_sport(text, tier):
    assert triage(text).tier == tier


def test_a_concern_the_models_are_sure_of_is_certain():
    text = "39 dans l'appart, j'ai de la fièvre, je suis toute seule, je suis essoufflée"
    assert triage(text, 0.97, MEDICAL, CrisisReading(0.96, MEDICAL)).tier == CERTAIN


def _asked():
    return next_turn({}, CitizenMessage("Je respire moins bien quand je monte l'escalier.", None, Triage(QUESTION, MEDICAL)))


def test_afraid_to_bother_the_15_is_answered_and_the_call_comes_now():
    turn = next_turn(_asked().state, CitizenMessage(
        "Le 15 c'est le SAMU ? Je ne voudrais pas les déranger pour rien, ils ont surement plus grave", None, Triage()))
    content = crisis_content()
    assert turn.lines[0] == content.text("bother_the_15")
    assert turn.lines[1] == content.text("medical_self_first") and turn.case


def test_it_s_me_answers_the_medical_question_yes():
    turn = next_turn(_asked().state, CitizenMessage("c'est moi, je suis seul ici", None, Triage()))
    assert turn.lines == (crisis_content().text("medical_self_first"),) and turn.case


@pytest.mark.parametrize("text, worried", [
    ("ma mere elle pleure la nuit. jlentend a travers le mur. jsais pas quoi faire pour elle", True),
    ("mon père ne sort plus depuis qu'il a perdu son travail, comment l'aider ?", True),
    ("mon fils va pas bien, il parle de mourir", False),
    ("ma fille de 3 ans pleure la nuit à cause de la chaleur", False),
])
def test_a_relative_s_sadness_is_told_without_death_or_harm(text, worried):
    assert worries_for_a_relatives_mood(text) is worried


def test_a_relative_s_sadness_is_no_crisis_unless_a_model_is_sure():
    text = "ma mere est triste depuis quelle a perdu son travail elle pleure tte les nuits"
    assert triage(text, 0.7, OTHER_AT_RISK, CrisisReading(0.7, OTHER_AT_RISK)).tier is None
    assert triage("mon fils va pas bien, il parle de mourir", 0.7, OTHER_AT_RISK,
                  CrisisReading(0.7, OTHER_AT_RISK)).tier is not None


def test_exhaustion_said_with_no_danger_is_no_suicide_question():
    # Persona round 105: « je suis juste à bout » after « je ne suis pas en danger » was asked anyway.
    text = "je n'en peux plus de tout gérer seule. Je ne suis pas en danger hein, je suis juste à bout."
    assert triage(text, 0.7, "suicide", CrisisReading(0.7, "suicide")).tier is None
    assert triage("je veux mourir, je ne suis pas en danger ce soir").tier == CERTAIN


def test_tap_water_for_the_dishes_is_no_medical_question():
    text = "Dernière chose pour l'eau : la vaisselle et le lave-vaisselle, je peux utiliser l'eau du robinet ?"
    assert triage(text, 0.7, MEDICAL, CrisisReading(0.7, MEDICAL)).tier is None
    assert triage("il a bu de l'eau de javel", 0.7, MEDICAL, CrisisReading(0.7, MEDICAL)).tier is not None


def test_pregnancy_warning_signs_are_the_maternity_s():
    from relais.safety_questions import tells_pregnancy_warning_signs
    assert tells_pregnancy_warning_signs("C'est ma grossesse. J'ai des contractions je crois")
    assert tells_pregnancy_warning_signs("ma femme a des contractions", ("ma femme est enceinte de 7 mois",))
    assert not tells_pregnancy_warning_signs("j'ai des contractions au mollet après le sport")


def test_a_death_told_is_never_a_goal_and_identification_is_asked_about():
    from relais.goals import FEELINGS, read_goal
    text = "le voisin s'est pendu, même histoire que moi, je comprends mieux maintenant"
    assert read_goal(text).kind == FEELINGS
    assert triage(text).tier == QUESTION
    assert triage("mon voisin s'est pendu, c'était terrible pour le village").tier is None


def test_wanting_to_drink_less_is_a_drinking_question():
    from relais.mood import asks_about_drinking
    assert asks_about_drinking("arreter de boire. ou reduire au moins")
    assert not asks_about_drinking("je dois boire moins de café")
    # Persona round 110: the employment-law actions instead.
    assert asks_about_drinking("je bois plus que d'habitude, le soir c'est 4 5 bieres et un peu de whisky pour dormir")
    assert not asks_about_drinking("je bois plus d'eau avec la chaleur")


def test_a_teen_who_cries_and_skips_school_is_a_relative_s_sadness():
    # Persona round 106: a mother got « est-ce une urgence médicale ? ».
    text = "elle ne veut plus aller au lycée et elle pleure tout le temps"
    assert triage(text, 0.7, MEDICAL, CrisisReading(0.7, MEDICAL)).tier is None
    assert triage("il pleure tout le temps et il a de la fièvre", 0.7, MEDICAL, CrisisReading(0.7, MEDICAL)).tier is not None


@pytest.mark.parametrize("text, asked", [
    # Persona round 110: « pas de réponse sûre », then a power cut's answers.
    ("L'eau a baissé ce matin. Est-ce que je peux retourner dedans aujourd'hui pour récupérer des affaires des "
     "enfants ? Et remettre le courant ?", True),
    ("je demande juste si c'est dangereux de rentrer dans un appart qui a été inondé et si je peux rallumer "
     "l'électricité", True),
    ("l'eau est redescendue, on peut rentrer chez nous ce soir ?", True),
    ("on est inondés, l'eau monte, je rentre chercher les papiers ?", False),  # the flood's own steps
    ("la route est inondée, je peux rentrer du travail par où ?", False),
    ("après la coupure je peux remettre le courant ?", False),
])
def test_going_back_home_after_a_flood(text, asked):
    from relais.safety_questions import asks_about_going_back_after_a_flood
    assert asks_about_going_back_after_a_flood(text) is asked


@pytest.mark.parametrize("text", ["il fait 39 degrés dehors, mon fils a pas de fièvre mais il est rouge",
                                  "mon fils a des boutons de fièvre, il fait chaud dehors"])
def test_a_fever_denied_beside_the_weather_is_no_fever(text):
    assert not tells_a_child_fever(text)
