"""Coaching decisions: phase, engagement, plans, mood."""

import pytest

from relais.acute import is_acute, is_pressing, speaks_of_preparing
from relais.coaching import MAX_ANSWER_LENGTH, clean_answer, engagement_level
from relais.mood import mood_band, parse_mood
from relais.tracks import TRACKS, diagnostic_slots, track_from_intent


@pytest.mark.parametrize(
    "text",
    [
        "plus une goutte d'essence depuis ce matin",
        "on vient de me licencier",
        "coupure de courant chez moi",
        "notre rue est inondée",
        "c'est urgent",
        "la grêle vient de détruire mon potager",
    ],
)
def test_abrupt_disruptions_are_urgence(text):
    assert is_acute(text)


@pytest.mark.parametrize(
    "text",
    ["je voudrais moins utiliser la voiture", "comment faire un compost", "je veux mieux manger"],
)
def test_wishes_to_adapt_are_continu(text):
    assert not is_acute(text)


@pytest.mark.parametrize("text", [
    "ma chef m'a dit de pas revenir demain, même pas une lettre",
    "on l'a mis à pied ce matin sans explication",
    "des sangliers ont tout arraché au jardin cette nuit",
    "ma trottinette s'est fait voler hier soir devant la gare",
])
def test_a_loss_told_with_its_night_or_morning_is_urgence(text):
    assert is_acute(text)


@pytest.mark.parametrize("text", [
    "la cuve de fioul est vide et c'est notre unique chauffage",
    "aidez moi vite, le congélo ne marche plus",
    "les lapins, on comptait dessus pour l'hiver, ils sont malades",
    "le colis n'est pas arrivé et les petits ont faim",
    "il me faut du bois de chauffage au plus vite",
])
def test_said_urgent_or_the_only_one_is_pressing(text):
    assert is_pressing(text)


@pytest.mark.parametrize("text", [
    "ma voiture est mon seul moyen de transport, comment payer moins d'essence ?",
    "j'ai lu hier que des poules étaient mortes de grippe aviaire, je risque quoi ?",
    "on a des coupures fréquentes le soir, comment garder le frigo froid ?",
    "comment réduire rapidement ma facture de courses ?",
])
def test_a_sole_car_an_old_news_or_habitual_cuts_are_not_urgence(text):
    assert not is_pressing(text)
    assert not is_acute(text) or "coupures" not in text


@pytest.mark.parametrize("text", [
    "comment préparer la cave pour la prochaine crue ?",
    "on a eu froid l'hiver dernier, comment éviter ça cette année ?",
])
def test_preparing_for_next_time_is_recognised(text):
    assert speaks_of_preparing(text)


@pytest.mark.parametrize(
    "answer, level",
    [
        ("petits_pas", "petits_pas"),
        ("ambitieux", "ambitieux"),
        ("pas le temps en ce moment", "petits_pas"),
        ("pas beaucoup de temps", "petits_pas"),
        ("je suis prête à m'investir", "ambitieux"),
        ("euh", "intermediaire"),
        (None, "intermediaire"),
    ],
)
def test_engagement_level(answer, level):
    assert engagement_level(answer) == level


def test_clean_answer_bounds_and_strips():
    assert clean_answer("  deux   enfants \n") == "deux enfants"
    assert clean_answer("   ") is None
    assert len(clean_answer("x" * 10_000)) == MAX_ANSWER_LENGTH


@pytest.mark.parametrize(
    "answer, mood",
    [("3", 3), ("je dirais 2/5", 2), ("très bien", 5), ("pas bien du tout", 2), ("bof", 3), ("ça va", 4), ("blabla", None), ("10", None)],
)
def test_parse_mood(answer, mood):
    assert parse_mood(answer) == mood


def test_mood_bands():
    assert [mood_band(m) for m in range(1, 6)] == ["basse", "basse", "moyenne", "haute", "haute"]


def test_tracks_contract():
    assert list(TRACKS) == [
        "alimentation", "mobilite", "economie", "logement", "travail", "energie", "numerique", "permaculture",
    ]
    assert track_from_intent("track_energie") == "energie"
    assert track_from_intent("track_inconnu") is None
    assert track_from_intent("greet") is None
    assert diagnostic_slots("logement") == ["logement_situation", "logement_besoin", "engagement"]
