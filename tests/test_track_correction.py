"""« Rien à voir avec internet »: a citizen who says Relais took the wrong subject gets out of its
questionnaire (relais.track_turn.rerouted), to the subject meant or a choice of two others."""

import pytest

from relais.track_turn import ANSWER, ASK, denies_the_track, rerouted

RANKING = [{"name": "track_numerique", "confidence": 0.6}, {"name": "track_mobilite", "confidence": 0.2},
           {"name": "track_economie", "confidence": 0.1}, {"name": "track_travail", "confidence": 0.05}]


@pytest.mark.parametrize("text", ["rien à voir avec internet", "mais non vous avez mal compris",
                                  "je parle pas d'ordinateur moi", "c'est pas le sujet", "aucun rapport"])
def test_a_correction_without_the_subject_offers_the_two_other_tracks_the_model_ranks_first(text):
    turn = rerouted(text, "numerique", RANKING)
    assert turn.step == ASK and turn.choices == ("mobilite", "economie")


def test_without_a_ranking_the_choice_is_still_two_other_tracks():
    turn = rerouted("rien à voir", "permaculture", [])
    assert turn.step == ASK and "permaculture" not in turn.choices and len(set(turn.choices)) == 2


@pytest.mark.parametrize(("text", "track"), [
    ("rien à voir avec internet, c'est mon compteur électrique qui a disjoncté et plus de chauffage", "energie"),
    ("non rien à voir, je parlais de ma voiture qui démarre plus", "mobilite"),
    ("c'est pas ça, c'est mon patron qui veut pas que je télétravaille", "travail"),
])
def test_a_correction_that_names_the_subject_meant_gets_that_subjects_answer(text, track):
    turn = rerouted(text, "numerique", RANKING)
    assert turn.step == ANSWER and turn.track == track and turn.topic is not None


def test_a_rest_between_two_subjects_asks_between_them_not_the_whole_messages_ranking():
    # The whole message ranks mobility second; the rest is about food kept cold or the power.
    turn = rerouted("rien à voir avec internet en fait c'est le frigo qui a lâché et j'ai peur pour la nourriture",
                    "numerique", RANKING)
    assert turn.step == ASK and turn.choices == ("alimentation", "energie")


@pytest.mark.parametrize("text", ["je vis seul avec mon chien", "j'ai pas internet à la maison",
                                  "le bus ne passe plus", "c'est pas facile en ce moment"])
def test_an_answer_is_no_correction(text):
    assert not denies_the_track(text) and rerouted(text, "numerique", RANKING) is None


@pytest.mark.parametrize("text", ["ce n'est pas mon chauffage le souci, c'est mon boulot",
                                  "je voulais parler de mon boulot, pas de chauffage"])
def test_the_subject_meant_beside_the_one_denied_is_kept(text):
    turn = rerouted(text, "energie", RANKING)
    assert turn.step == ASK and turn.choices[0] == "travail" and "energie" not in turn.choices


def test_another_subject_of_the_same_track_is_no_correction():
    assert rerouted("c'est pas le chauffage le problème, c'est la facture d'électricité", "energie", RANKING) is None


@pytest.mark.parametrize("text", ["c'est pas grave le problème c'est le prix", "pas de souci",
                                  "je veux parler à quelqu'un pas à un robot"])
def test_look_alikes_of_a_correction_are_none(text):
    assert not denies_the_track(text)


def test_my_problem_is_x_not_y_reroutes_to_x():
    # Persona round 93: « mon pb c l'essence pas le boulot » got the work questionnaire four times.
    from relais.track_turn import rerouted
    turn = rerouted("mon pb c l'essence pas le boulot", "travail",
                    [{"name": "track_mobilite", "confidence": 0.5}, {"name": "track_travail", "confidence": 0.3}])
    assert turn is not None and turn.track == "mobilite"


@pytest.mark.parametrize("text, denies", [
    # Persona round 107: the food, garden and budget questionnaires came back after these.
    ("arrete de me demander pr manger jai eu ma reponse", True),
    ("STOP lalimentation. question numerique : valider une operation bancaire sans smartphone", True),
    ("j'ai dit non au jardin. question sérieuse : télétravail ?", True),
    ("Non, pas le budget ! Je suis stressée, je veux un exercice de respiration.", True),
    ("arretez avec le budget svp", True),
    ("je n'ai pas le budget pour un vélo", False),
    ("stop au gaspillage alimentaire", False),
    ("si je ne viens pas au travail, mon patron peut me sanctionner ?", False),
    ("je dis non au travail le dimanche", False),
])
def test_a_track_refused_by_name(text, denies):
    assert denies_the_track(text) is denies


@pytest.mark.parametrize("text, denies", [
    # Review: ordinary answers are no refusal of the track.
    ("j'arrête le travail en juin pour m'occuper de ma mère", False),
    ("non, pas le logement social, un logement privé", False),
])
def test_ordinary_answers_refuse_no_track(text, denies):
    assert denies_the_track(text) is denies


def test_a_refusal_with_a_need_answers_the_need():
    turn = rerouted("c'est pas ça, mon proprio veut m'expulser", "alimentation",
                    [{"name": "track_alimentation", "confidence": 0.9}])
    assert turn.topic.topic.key == "logement/expulsion_imminente"
    assert rerouted("arrete de me demander pr manger jai eu ma reponse", "alimentation", []).step == "let_go"
