"""The crisis lexicon: phrasings it must catch, idioms it must let through."""

import pytest

from relais.safety import EMERGENCY_NUMBERS_TEXT, assess


@pytest.mark.parametrize(
    "text, category",
    [
        ("Je veux mourir", "suicide"),
        ("jveu mourir", "suicide"),
        ("j'ai envie de me foutre en l'air", "suicide"),
        ("je pense à me suicider", "suicide"),
        ("je veux en finir", "suicide"),
        ("en finir avec la vie", "suicide"),
        ("JE NE VOIS PLUS D'ISSUE", "suicide"),
        ("je ne vois pas d autre issue", "suicide"),
        ("tout le monde serait mieux sans moi", "suicide"),
        ("je suis un fardeau pour ma famille", "suicide"),
        ("j'aimerais m'endormir pour toujours", "suicide"),
        ("à quoi bon continuer", "suicide"),
        ("j'ai écrit mes lettres d'adieu", "suicide"),
        ("ce soir je pars et je ne reviendrai pas", "suicide"),
        ("je vais avaler toute la boite de medicaments", "suicide"),
        ("je suis arrivée au bout du chemin", "suicide"),
        ("c'est la fin de la route pour moi", "suicide"),
        ("je me scarifie depuis des semaines", "self_harm"),
        ("je me fais du mal", "self_harm"),
        ("mon mari me frappe", "violence"),
        ("j'ai peur qu'il me tue ce soir", "violence"),
        ("il va me tuer", "violence"),
        ("ça sent le gaz dans la cuisine", "danger"),
        ("mon père ne respire plus", "danger"),
        ("on est coincés par l'eau au premier étage", "danger"),
    ],
)
def test_crisis_phrasings_are_caught(text, category):
    assessment = assess(text)
    assert assessment.is_crisis
    assert assessment.category == category


@pytest.mark.parametrize(
    "text",
    [
        "je suis mort de rire",
        "ma batterie est morte",
        "je veux en finir avec la voiture",
        "ce boulot me tue",
        "ce film m a tué",
        "je meurs de faim",
        "je meurs d'envie d'avoir un potager",
        "c'est mortel ce jeu",
        "mon téléphone a rendu l'âme",
        "je me suis tué à la tâche",
        "adieu la voiture, bonjour le vélo",
        "au bout du chemin, tournez à droite",
        "je suis au bout du chemin de halage, je vous attends",
        "on arrive à la fin du parcours de formation",
    ],
)
def test_idioms_are_not_a_crisis(text):
    assert not assess(text).is_crisis


@pytest.mark.parametrize("text", ["je suis mort de rire", "ma batterie est morte", "ce boulot me tue"])
def test_idioms_are_recognised_as_lookalikes(text):
    assert assess(text).lookalike


def test_empty_or_missing_text_is_not_a_crisis():
    assert not assess("").is_crisis
    assert not assess(None).is_crisis


def test_emergency_text_carries_the_numbers():
    for number in ("3114", "15", "112", "114", "119"):
        assert number in EMERGENCY_NUMBERS_TEXT
