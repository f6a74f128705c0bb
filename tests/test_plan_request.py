"""A request for a plan, in the citizen's words (relais/plan_request.py)."""

import pytest

from relais.plan_request import asks_for_a_plan


@pytest.mark.parametrize("text", [
    "vous pourriez me préparer un petit programme ?",
    "tu me fais un plan stp",
    "un plan d'action concret svp",
    "je voudrais qu'on avance en trois étapes",
    "pouvez-vous me proposer une feuille de route pour les 2 mois qui viennent",
    "plan ?",
])
def test_requests_for_a_plan_are_read(text):
    assert asks_for_a_plan(text)


@pytest.mark.parametrize("text", [
    "mon employeur prépare un plan social",
    "la Banque de France m'a accordé un plan de surendettement",
    "le préfet a déclenché le plan grand froid",
    "pas besoin d'un programme, juste une réponse",
    "sur le plan moral ça va",
    "/plus_actions",
])
def test_other_plans_are_not_a_request(text):
    assert not asks_for_a_plan(text)
