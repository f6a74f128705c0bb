"""A young person afraid at home (persona round 104: a boy of 16 whose father threw a plate
against the wall was asked three times whether he wanted to hurt himself, got the computer-scam
screen for « un numéro à appeler », then the women's line before the 119)."""

import pytest

from relais.contact_wishes import read_contact_wishes
from relais.crisis import CHILD, SUICIDE, VIOLENCE, crisis_content
from relais.crisis_classifier import CrisisReading
from relais.crisis_dialogue import MINOR_KEY, CitizenMessage, next_turn, takes_message
from relais.safety import CERTAIN, QUESTION, Triage, minor_in_conversation, triage, writes_as_minor

PLATE = ("de tte facon c la merde a la maison. hier soir mon pere a gueulé sur ma mere et il a jeté une "
         "assiette contre le mur. jai eu trop peur jsuis resté dans ma chambre")


@pytest.mark.parametrize("text", [
    PLATE,
    "jai juste peur de mon pere quand il est comme ca",
    "jsais pas. jai peur quil recommence ce soir. jfais quoi si ca recommence",
    "jai besoin dun numero a appeler si mon pere pete un cable ce soir",
    "cest mon pere qui crie et casse des trucs a la maison jai peur",
])
def test_fear_of_a_parent_at_home_is_asked_about_as_violence_whatever_the_models_read(text):
    # The models read self-harm in these; the words say a danger at home.
    assert triage(text, 0.8, SUICIDE, CrisisReading(0.7, "self_harm")) == Triage(QUESTION, VIOLENCE)


@pytest.mark.parametrize("text", [
    "mon fils a jeté son assiette par terre, il fait une colère",
    "j'ai peur qu'il recommence à pleuvoir ce soir",
    "mon mari pète un câble avec les factures, il faut appeler qui pour l'échéancier ?",
])
def test_everyday_look_alikes_stay_calm(text):
    assert triage(text).tier is None


@pytest.mark.parametrize("text, minor", [
    ("aucun jsuis au lycée en 1ere lol", True),
    ("moi je suis en 3e", True),
    ("je suis lycéenne", True),
    ("jai 16 ans", True),
    ("je suis en première ligne face à la crise", False),
    ("je suis en première année de BTS", False),
    ("je suis au collège comme prof", False),
    ("je suis au collège pour récupérer ma fille", False),
    ("je suis en 4e mois de grossesse", False),
    ("je suis en seconde main sur ce dossier", False),
    ("j'ai 16 ans de métier", False),
])
def test_a_pupil_or_an_age_under_18_says_a_minor(text, minor):
    assert writes_as_minor(text) is minor


def test_a_minor_known_from_earlier_in_the_conversation():
    assert minor_in_conversation(PLATE, ("jai 16 ans, je cherche un petit taf",))
    assert not minor_in_conversation(PLATE, ("je cherche un petit taf",))


def test_an_introduction_alone_is_no_child_in_danger():
    # The models read « child » in an age and a class; nothing is told of a home.
    assert triage("jai 16 ans jsuis au lycée", 0.6, CHILD, CrisisReading(0.6, CHILD)).tier is None


def _turn(state, text, tier=None, kind=None):
    return next_turn(state, CitizenMessage(text, None, Triage(tier, kind)))


def test_a_minor_afraid_at_home_is_asked_then_gets_the_119_spoken_to_them():
    asked = _turn({MINOR_KEY: True}, PLATE, QUESTION, VIOLENCE)
    assert asked.kind == CHILD and asked.state["writer"] == "child" and asked.state["tier"] == QUESTION
    assert asked.lines[-1].endswith(crisis_content().text("child_self_question")[1:]) and not asked.case
    turn = _turn(asked.state, "jsp si cest un danger. la il est pas la il est sorti. mais il rentre ce soir jai peur")
    assert turn.lines[-1] == crisis_content().text("child_self_first") and turn.case
    assert "3919" not in " ".join(turn.lines)


def test_a_minor_hit_at_home_gets_the_119_at_once():
    turn = _turn({MINOR_KEY: True}, "mon père m'a frappé hier soir", CERTAIN, VIOLENCE)
    assert turn.kind == CHILD and turn.lines[-1] == crisis_content().text("child_self_first")


def test_a_teen_afraid_of_a_report_card_gets_no_case():
    assert triage("j'ai peur de mon père quand il verra mon bulletin").tier is None
    turn = _turn({MINOR_KEY: True}, "haha mon père va me tuer", CERTAIN, VIOLENCE)
    assert not turn.case


def test_an_adult_afraid_at_home_is_asked_first():
    turn = _turn({}, PLATE, QUESTION, VIOLENCE)
    assert turn.state["tier"] == QUESTION and turn.kind == VIOLENCE


def test_a_no_to_the_thoughts_question_with_a_fear_told_asks_about_that_danger():
    asked = _turn({}, "je me sens pas bien", QUESTION, SUICIDE)
    turn = _turn(asked.state, "nn jveux pas me faire du mal. jai juste peur de mon pere quand il est comme ca",
                 QUESTION, VIOLENCE)
    assert turn.state["kind"] == VIOLENCE and turn.state["tier"] == QUESTION
    assert not turn.case


def test_an_age_told_in_the_violence_dialogue_turns_it_to_the_child_s():
    first = _turn({}, "il m'a frappée", CERTAIN, VIOLENCE)
    turn = _turn(first.state, "jai 16 ans")
    assert turn.kind == CHILD and turn.state["writer"] == "child"
    assert turn.lines == (crisis_content().text("child_self_ack"),)


@pytest.mark.parametrize("text, key", [
    ("jai besoin dun numero a appeler si mon pere pete un cable ce soir", "tonight"),
    ("jappelle qui si il recommence", "tonight"),
    ("ya pas un numero pr les jeunes plutot ? jveux pas appeler la police sur mon pere", "for_me"),
])
def test_the_young_person_s_questions_are_answered(text, key):
    first = _turn({MINOR_KEY: True}, PLATE, CERTAIN, VIOLENCE)
    turn = _turn(first.state, text)
    assert turn.lines[-1] == crisis_content().dialogue["child_answers"][key]


def test_a_parent_asking_what_to_do_if_he_comes_back_is_no_young_person():
    first = _turn({}, "mon mari frappe notre fils de 8 ans", CERTAIN, CHILD)
    turn = _turn(first.state, "s'il rentre ce soir je fais quoi")
    assert "restez dans votre chambre" not in " ".join(turn.lines)


def test_someone_else_s_call_is_no_wish_to_be_called():
    assert read_contact_wishes("ok merci. et pour ma mere elle peut appeler qui ?").is_empty
    assert read_contact_wishes("elle peut me rappeler demain").call_me


def test_control_of_money_and_phone_asked_about_is_answered_before_the_question():
    # Persona round 104: « est-ce que c'est de la violence ou j'exagère ? » got the question twice.
    text = ("c'est lui qui gère tout l'argent, il me donne 20 euros par semaine et il vérifie mes tickets. "
            "Il regarde aussi mon téléphone. Est-ce que c'est de la violence ou est-ce que j'exagère ?")
    assert triage(text) == Triage(QUESTION, VIOLENCE)
    turn = _turn({}, text, QUESTION, VIOLENCE)
    assert turn.lines[0] == crisis_content().dialogue["violence_answers"]["is_it_violence"]
    assert turn.state["tier"] == QUESTION


def test_a_household_budget_is_no_control():
    assert triage("mon mari vérifie mes dépenses sur le compte, on fait un budget serré").tier is None
    assert triage("il regarde mon telephone pour voir si la batterie tient avec les coupures").tier is None


def test_living_at_a_grandmother_s_is_answered_to_the_young_person():
    # Persona round 106: « ma grand mère elle peut faire quoi pour me prendre chez elle ? » five times.
    first = _turn({MINOR_KEY: True}, "mon père m'a poussé contre le mur", CERTAIN, VIOLENCE)
    turn = _turn(first.state, "ma grand mere elle peut faire quoi pour me prendre chez elle? genre un papier ou un juge")
    assert turn.lines[-1] == crisis_content().dialogue["child_answers"]["live_elsewhere"]


@pytest.mark.parametrize("text", [
    "ok merci. la il dort, je suis dans ma chambre ca va",
    "il s'est calmé, ça va",
    "il est sorti, je suis tranquille dans ma chambre",
])
def test_a_young_person_safe_for_now_is_heard_and_may_then_ask_about_something_else(text):
    # Persona round 106: a boy safe in his room got « je vous lis » for ten turns.
    first = _turn({MINOR_KEY: True}, PLATE, CERTAIN, VIOLENCE)
    safe = _turn(first.state, text)
    assert safe.lines[0].startswith(crisis_content().lines("safe_now")[0]) and safe.state["settled"]
    job = CitizenMessage("au fait vous savez comment trouver un job d'été ?", "track_travail", Triage(),
                         intent_confidence=0.6)
    assert not takes_message(safe.state, job, 0.6, True)
    again = CitizenMessage("et si il rentre ce soir je fais quoi ?", "track_travail", Triage(), intent_confidence=0.6)
    assert takes_message(safe.state, again, 0.6, True)


def test_asleep_but_feared_is_not_safe():
    first = _turn({MINOR_KEY: True}, PLATE, CERTAIN, VIOLENCE)
    turn = _turn(first.state, "il dort mais j'ai peur qu'il recommence")
    assert not turn.state.get("settled")


def test_money_kept_by_a_partner_is_asked_about():
    # Persona round 107: « il me donne 20 balles par semaine et il garde la carte, il dit que je
    # sais pas gérer. c normal ou pas ? » got « pas de réponse sûre » and the budget question.
    text = "il me donne 20 balles par semaine pour moi et il garde la carte, il dit que je sais pas gerer. c normal ou pas ?"
    assert triage(text) == Triage(QUESTION, VIOLENCE)
    assert triage("on gere la carte ensemble avec mon copain").tier is None


@pytest.mark.parametrize("text, asked", [
    # Review of persona round 107's fixes: « € » is gone once normalised, a partner may be a woman;
    # a bank adviser, a teen's pocket money and a car's registration are no control.
    ("il me donne 30€ par semaine", True),
    ("elle garde ma carte et me donne 20 euros par semaine", True),
    ("mon conseiller bancaire il dit que je sais pas gérer", False),
    ("mon daron il me donne 20 balles par semaine d'argent de poche", False),
    ("il garde la carte grise de la voiture, c'est normal pour le contrôle technique ?", False),
])
def test_money_kept_by_a_partner_however_written(text, asked):
    assert (triage(text).tier is not None) is asked


def test_a_parent_looking_for_childcare_is_not_asked_about_danger():
    # Persona round 108: « qui peut me garder mon fils pendant la grève ? je suis seule avec lui »
    # got « un enfant est-il en danger ? » three times.
    said = ("mon fils a 5 ans, d'habitude ma voisine le garde la nuit mais elle est bloquée à cause de la grève. "
            "Qui peut me garder mon fils pendant la grève ?? Je suis seule avec lui")
    assert triage(said, 0.8, CHILD, CrisisReading(0.6, CHILD)).tier is None
    alone = "mon bébé est tout seul depuis hier soir, personne pour le garder"
    assert triage(alone, 0.8, CHILD, CrisisReading(0.6, CHILD)).tier == CERTAIN


def test_keeping_one_s_calm_is_no_childcare():
    from relais.safety import _CHILDCARE
    assert not _CHILDCARE.search("j'arrive plus a garder mon calme")
    assert _CHILDCARE.search("qui peut me garder mon fils ce soir")
