"""The follow-up part of the case card coaches read: the exact French rendered from the
citizen's progress (the citizen's own text without its heading), which must not change."""

import pytest

from bot.desk.cards import case_card
from tests.support import rendered_scenarios as scenario

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.fixture
def services(tmp_path) -> scenario.Services:
    return scenario.services(tmp_path)


async def follow_up(s: scenario.Services, conversation_id: str) -> str:
    """The lines between "Suivi :" and the last messages of the card."""
    case = s.escalation.open_case(conversation_id, "citizen_request", relais_code="IDF")
    card = await case_card(case, {}, s.progress, "Relais IDF", "Personne A")
    return card.split("\nSuivi :\n", 1)[1].split("\n\nDerniers messages", 1)[0]


async def test_a_single_step(services):
    cid = scenario.one_action(services)
    assert await follow_up(services, cid) == (
        "Action réalisée :\n"
        "- Prendre le vélo (mobilité), le 10/11"
    )


async def test_a_busy_month(services):
    cid = scenario.a_busy_month(services)
    assert await follow_up(services, cid) == (
        "Objectif en cours : baisser le chauffage d'un degré (énergie), fixé le 20/11.\n"
        "Actions réalisées : 7. Les plus récentes :\n"
        "- action 7 (énergie), le 17/11\n"
        "- action 6 (énergie), le 16/11\n"
        "- action 5 (énergie), le 15/11\n"
        "- action 4 (énergie), le 14/11\n"
        "- action 3 (énergie), le 13/11\n"
        "Points d'étape : au moins un par semaine depuis 4 semaines (le dernier le 24/11).\n"
        "Humeur moyenne (sur 5) : cette semaine 4, la semaine dernière 3, il y a 2 semaines 2,5, il y a 3 semaines 2.\n"
        "Tendance sur 4 semaines : en hausse."
    )


async def test_a_falling_mood_and_long_texts_shortened(services):
    cid = scenario.a_falling_mood_and_long_texts(services)
    assert await follow_up(services, cid) == (
        "Objectif en cours : trouver un logement" + " plus petit" * 16 + " plu…, fixé le 24/11.\n"
        "Actions réalisées : 2. Les plus récentes :\n"
        "- écrire au bailleur (logement), le 24/11\n"
        "- appeler le bailleur " + "x" * 179 + "…, le 24/11\n"
        "Points d'étape : au moins un par semaine depuis 2 semaines (le dernier le 24/11).\n"
        "Humeur moyenne (sur 5) : la semaine dernière 3,5, il y a 3 semaines 5.\n"
        "Tendance sur 4 semaines : en baisse."
    )


async def test_a_steady_mood(services):
    cid = scenario.a_steady_mood(services)
    assert await follow_up(services, cid) == (
        "Points d'étape : au moins un par semaine depuis 2 semaines (le dernier le 17/11).\n"
        "Humeur moyenne (sur 5) : la semaine dernière 3, il y a 2 semaines 3.\n"
        "Tendance sur 4 semaines : stable."
    )


async def test_two_silent_weeks(services):
    cid = scenario.two_silent_weeks(services)
    assert await follow_up(services, cid) == (
        "Dernier point d'étape : le 03/11.\n"
        "Humeur moyenne (sur 5) : il y a 3 semaines 3."
    )


async def test_nothing_recorded(services):
    assert await follow_up(services, "nobody") == (
        "rien d'enregistré (pas de consentement ou pas encore de suivi)"
    )


async def test_the_card_names_the_sub_topic_the_citizen_came_for(services):
    case = services.escalation.open_case("card-topic", "citizen_request", relais_code="IDF")
    tracker = {"slots": {"track": "logement", "phase": "urgence", "topic": "logement/toit_abime_fuite"}}
    card = await case_card(case, tracker, services.progress, "Relais IDF", "Personne A")
    assert "Sujet : Toit abîmé, la pluie entre" in card
    assert "Sujet" not in await case_card(case, {"slots": {"topic": "n'importe quoi"}}, services.progress, "Relais IDF", "Personne A")
