"""A disruption lived now (relais.acute.happens_now): a sure everyday topic told so is an
urgence, its answer the first step."""

import pytest

from relais.acute import happens_now


@pytest.mark.parametrize("text", [
    "un renard a attaqué le poulailler cette nuit, il reste 2 poules blessées",
    "l'usine ferme demain, on est tous dehors",
    "les limaces ont tout mangé en une seule nuit",
    "plus de chauffage depuis 3 jours",
    "le bailleur vient de m'envoyer une lettre d'avocat",
])
def test_a_disruption_anchored_in_the_present(text):
    assert happens_now(text)


@pytest.mark.parametrize("text", [
    "hier j'ai vu un reportage sur le compost, comment faire ?",  # a time alone is no disruption
    "je voudrais planter des tomates samedi",
    "l'hiver dernier on a eu trois coupures",
    "comment se préparer si une coupure arrive cette nuit ?",
])
def test_a_time_without_a_disruption_or_a_disruption_prepared_for(text):
    assert not happens_now(text)
