"""The whole Enedis breakdown number for the département a citizen names."""

from relais.geography import departement_named, departements
from relais.outage_line import breakdown_line, mentions_the_rule


def test_the_departement_named_in_words_gives_the_whole_number():
    assert "09 726 750 87" in breakdown_line(departement_named("le numero d'enedis pour la haute vienne"))
    assert "09 726 750 87" in breakdown_line(departement_named("j'habite à Limoges"))
    assert "09 726 750 01" in breakdown_line(departements()["01"])


def test_corsica_and_overseas_are_not_enedis():
    for code in ("2A", "974"):
        line = breakdown_line(departements()[code])
        assert "09 726 750" not in line and "EDF" in line


def test_everyday_words_are_no_place_and_two_places_are_none():
    assert departement_named("c'est trop cher") is None
    assert departement_named("en somme ça va") is None
    assert departement_named("je suis dans le cher").code == "18"
    assert departement_named("entre Lyon et Grenoble") is None
    assert mentions_the_rule("appelez le 09 726 750 suivi des 2 chiffres de votre département")
