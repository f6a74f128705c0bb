"""A reviewer's probes of the 2026-12-02 crisis change: each one a real danger that a new
rule muted, or a calm message a new rule raised. They keep the rules honest."""

import pytest

from relais.crisis_classifier import CrisisReading
from relais.crisis_dialogue import CASE_RAISE, CitizenMessage, move_of, next_turn
from relais.safety import QUESTION, Triage, assess, triage


def _in_dialogue(kind, text, tier=None):
    state = {"open": True, "tier": "certain", "kind": kind, "step": 0, "last": ""}
    return next_turn(state, CitizenMessage(text, triage=Triage(tier, kind if tier else None)))


@pytest.mark.parametrize("kind, text", [
    ("suicide", "j'ai honte d'appeler, j'ai le couteau à côté"),
    ("suicide", "je veux parler à une femme, j'ai les cachets devant moi"),
    ("other_at_risk", "il m'a fait promettre de rien dire, il a acheté une corde"),
])
def test_a_plan_or_a_means_raises_the_alert_whatever_else_the_message_asks(kind, text):
    assert _in_dialogue(kind, text).case == CASE_RAISE


@pytest.mark.parametrize("text", [
    "je veux me lancer sous un train",
    "je compte me lancer dans le vide ce soir",
])
def test_a_plan_for_work_look_alike_does_not_mute_a_jump(text):
    assert not assess(text).lookalike
    assert triage(text, 0.9, "suicide", CrisisReading(0.7, "suicide")).tier is not None


def test_an_armed_threat_is_no_political_hyperbole():
    text = "ils veulent nous tuer avec leurs armes, ils sont dans l'escalier"
    assert not assess(text).lookalike
    assert triage(text, 0.95, "danger", CrisisReading(0.8, "danger")).tier == "certain"
    assert assess("de toute façon ils vont tous nous tuer avec leurs taxes").lookalike


@pytest.mark.parametrize("text", [
    "tout est noir, je suis un fardeau",
    "j'ai le cafard, je vois plus aucune raison de continuer",
    "je suis au bout du rouleau, plus la force de rien",
])
def test_low_mood_with_a_risk_indicator_is_still_asked(text):
    assert triage(text, reading=CrisisReading(0.75, "suicide"), low_mood_confidence=0.95).tier == QUESTION


@pytest.mark.parametrize("text", [
    "les enfants du voisin dorment dans la voiture depuis hier",
    "mon bebe ne mange plus depuis 2 jours",
    "l'enfant des voisins est toujours dehors en pyjama la nuit",
])
def test_a_child_with_a_sign_of_neglect_is_asked_about(text):
    assert triage(text, reading=CrisisReading(0.72, "child")).tier == QUESTION


@pytest.mark.parametrize("text", [
    "mon copain m'oblige quand je veux pas",
    "mon mari me prend mon telephone et mes papiers",
])
def test_coercion_without_a_word_of_danger_is_asked_about(text):
    assert triage(text, 0.9, "violence", CrisisReading(0.56, "violence")).tier == QUESTION


@pytest.mark.parametrize("text", [
    "ma patronne hurle tout le temps, je vais la secouer",
    "mon fils de 17 ans dort jusqu'à midi, j'ai envie de le secouer",
    "la nounou lui donne son bain tout nu le soir",
    "le prof de physique nous a montré des trucs bizarres en chimie",
])
def test_calm_messages_the_new_child_patterns_must_not_raise(text):
    assert not assess(text).is_crisis


def test_a_coach_who_touches_a_child_is_a_child_in_danger():
    assessment = assess("l'entraîneur touche ma fille dans les vestiaires")
    assert (assessment.is_crisis, assessment.kind) == (True, "child")


@pytest.mark.parametrize("kind, text, move", [
    ("medical", "elle vomit du sang", "health_signs"),
    ("medical", "il s'est ouvert la main, ça saigne beaucoup", "bleeding"),
    ("other_at_risk", "elle est en danger", None),
    ("other_at_risk", "il est chez lui, c'est gratuit le 3114 ?", "free_anonymous"),
    ("violence", "il revient ce soir, je veux partir, où aller ?", "leave"),
    ("violence", "il arrive pas à se calmer", None),
    ("danger", "je jette de l'eau dessus ?", "what_to_do"),
    ("violence", "il a publié des photos de moi en ligne", None),
])
def test_moves_read_what_they_should(kind, text, move):
    assert move_of(CitizenMessage(text), kind) == move


def test_fifteen_years_of_work_is_no_minor_writing():
    text = "j'ai 15 ans de métier et plus de travail, maman dort tout le temps"
    assert triage(text, reading=CrisisReading(0.7, "child")).tier is None


def test_a_parent_in_tears_beside_the_children_is_no_child_in_danger():
    text = "je suis épuisée, les enfants sont intenables, je pleure le soir dans la salle de bain"
    assert triage(text, 0.39, "child", CrisisReading(0.22, "self_harm")).tier is None


# Persona chats of 2026-12-02 (bench/persona_chat.py): a girl of 15 who cuts herself, a family
# with a smell of gas.
def test_asking_whether_the_line_is_only_for_suicide_is_answered_not_a_suicide_block():
    text = "le 3114 c'est que pour le suicide ? moi je veux pas mourir, ça soulage c'est tout"
    assert not assess(text).is_crisis
    assert move_of(CitizenMessage(text), "self_harm") == "who_answers"


def test_a_self_harming_teenager_who_wants_to_write_gets_a_written_service():
    turn = _in_dialogue("self_harm", "ya un truc où on peut écrire au lieu d'appeler ?")
    assert "Fil Santé Jeunes" in turn.lines[-1] and "tchat" in turn.lines[-1]


def test_gas_questions_get_what_to_do():
    for text in ("je réveille les enfants ou pas ?", "j'ouvre les fenêtres ?", "je peux sortir par le garage ?"):
        assert move_of(CitizenMessage(text), "danger") == "what_to_do", text
    assert move_of(CitizenMessage("je sors"), "danger") is None


# After the retrain of 2026-12-02 DIET read these at 0.99 and 0.81 (CI caught them).
def test_decisions_money_and_sealing_a_door_are_no_crisis_for_unsure_models():
    assert triage("je me décide à sauter le pas et à me reconvertir dans la menuiserie", 0.99, "suicide",
                  CrisisReading(0.7, "suicide")).tier is None
    assert triage("j'aimerais en finir avec mes dettes une bonne fois pour toutes", 0.99, "suicide",
                  CrisisReading(0.45, "suicide")).tier is None
    assert triage("j'ai calfeutré la porte d'entrée", 0.81, "danger", CrisisReading(0.64, "danger")).tier is None


# The training of 2026-12-04 read the sealed door at 0.98 and 0.64: both models, neither sure.
def test_sealing_a_door_is_a_chore_even_when_both_models_read_a_danger():
    assert triage("j'ai calfeutré la porte d'entrée", 0.98, "danger", CrisisReading(0.64, "danger")).tier is None
    assert triage("on a isolé les fenêtres du salon", 0.98, "danger", CrisisReading(0.64, "danger")).tier is None
    for danger in ("j'ai calfeutré la porte, il y a de la fumée dans le couloir",
                   "on a colmaté la porte mais l'eau monte", "j'ai calfeutré la porte, il essaie d'entrer"):
        assert triage(danger, 0.98, "danger", CrisisReading(0.7, "danger")).tier == "certain", danger


# « Entrée » read spelling-blind is « entre »: water that came in last night read as water rising
# now, and a flood the household had left behind opened a priority case (blind set D).
def test_water_that_came_in_last_night_is_no_rising_water():
    from relais.safety import assess
    assert not assess("l'eau est entrée dans la maison cette nuit, il y a 30 cm au rez-de-chaussée").is_crisis
    assert assess("l'eau rentre dans la maison, vite").is_crisis


# Persona round 15: « mon petit fils m'a installé ça sur le portable, la batterie est à 30 % »
# asked whether a child was in danger: « bat » of the abuse stems began « batterie ».
def test_an_abuse_stem_is_not_the_start_of_another_word():
    from relais.safety import assess
    assert not assess("c'est mon petit fils qui m'a installé ça sur le portable. la batterie est à 30%").is_crisis
    assert not assess("mon fils joue du violon le soir").is_crisis
    assert assess("mon mari bat les enfants").is_crisis
    assert assess("il est violent avec les enfants").is_crisis


# Persona round 15: « mon banquier va me pendre si je continue à ce rythme lol » got the suicide
# question. The bank or the landlord is an idiom; a partner is not.
def test_the_bank_that_will_hang_me_is_an_idiom_a_partner_who_will_kill_me_is_not():
    assert triage("mon banquier va me pendre si je continue a ce rythme lol", 0.81, "suicide",
                  CrisisReading(0.22, "suicide")).tier is None
    assert triage("mon mari va me tuer", 0.81, "violence", CrisisReading(0.6, "violence")).tier == "certain"
