"""A request for a plan, in the citizen's words (relais/plan_request.py)."""

import pytest

from relais.plan_request import asks_for_a_plan, plan_stages


@pytest.mark.parametrize("text", [
    "vous pourriez me préparer un petit programme ?",
    "tu me fais un plan stp",
    "un plan d'action concret svp",
    "je voudrais qu'on avance en trois étapes",
    "fais-moi une petite liste d'étapes",
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


@pytest.mark.parametrize("text, first_stage", [
    ("pourriez-vous me préparer un programme sur trois mois", "Ce mois-ci"),
    ("vous me faites un plan pour cette semaine ?", "En début de semaine"),
    ("j'aimerais un plan pour y aller petit à petit", "Semaine 1"),
    ("tu me proposes un planning sur 2 semaines", "Semaine 1"),
    ("donnez-moi un plan pour demain", "Aujourd'hui"),
    ("un plan d'action concret svp", "Étape 1"),
    ("je voudrais un plan simple pour la semaine, des repas que mes enfants mangent (ils ont 6 et 9 ans)",
     "En début de semaine"),
    ("faites-moi un plan, j'ai 3 enfants et 2 mois de loyer en retard", "Étape 1"),
])
def test_a_plan_asked_over_a_span_of_time_has_its_stages(text, first_stage):
    assert plan_stages(text)[0] == first_stage


def test_no_plan_asked_no_stages():
    assert plan_stages("3 autres actions") is None
    assert plan_stages("le préfet a déclenché le plan grand froid") is None
