import pytest

from relais.step_outcome import reports_not_done


@pytest.mark.parametrize("text", [
    "j'ai pas réussi à prendre le vélo cette semaine",
    "je n'ai pas pu appeler le CCAS",
    "pas eu le temps de faire le compost",
    "jai rate mon objectif",
    "j'ai abandonné au bout de 2 jours",
    "toujours pas fait le dossier",
    "j'ai oublié de baisser le chauffage",
    "g pas osé demander au voisin",
])
def test_a_step_not_done_is_recognised(text):
    assert reports_not_done(text)


@pytest.mark.parametrize("text", [
    "j'ai fait mon compost",
    "c'est fait, j'ai isolé la porte",
    "j'ai pris le vélo pour aller au boulot, je n'ai pas eu de mal",
    "dossier envoyé !",
    "je ne pensais pas y arriver mais c'est fait quand même",
    "",
])
def test_a_step_done_is_not_read_as_a_failure(text):
    assert not reports_not_done(text)


@pytest.mark.parametrize("text", [
    "j'arrive même plus à faire les choses simples, j'ai envie de rien",
    "j'ai plus la force",
    "je me sens nulle",
])
def test_exhaustion_told_as_an_answer_is_no_step_done(text):
    from relais.step_outcome import reports_struggle

    assert reports_struggle(text) and reports_not_done(text)
