"""The exact French the citizen reads when asking for their progress or for their data: the
actions render the domain's data into these texts, which must not change by a byte."""

import pytest

from actions.backend import Backend
from actions.checkin import ActionAfficherProgres
from actions.data_rights import ActionExporterDonnees
from relais.services.checkins import CheckinService
from relais.services.events import EventService
from relais.services.grievances import GrievanceService
from tests.support import rendered_scenarios as scenario
from tests.support.action_trackers import make_tracker

CITIZEN = "test-citizen"  # the sender of make_tracker's trackers


@pytest.fixture
def services(tmp_path, monkeypatch) -> scenario.Services:
    """The services at fixed dates, behind the actions' backend."""
    s = scenario.services(tmp_path)
    sessions = s.data_rights._session_factory
    backend = Backend(s.consent, s.progress, s.escalation, s.data_rights, GrievanceService(sessions),
                      EventService(sessions), CheckinService(sessions))
    monkeypatch.setattr("actions.checkin.backend", lambda: backend)
    monkeypatch.setattr("actions.data_rights.backend", lambda: backend)
    return s


def progress_text(dispatcher, domain) -> str:
    ActionAfficherProgres().run(dispatcher, make_tracker("progres"), domain)
    [message] = dispatcher.messages
    return message["text"]


def export_text(dispatcher, domain) -> str:
    ActionExporterDonnees().run(dispatcher, make_tracker("mes_donnees"), domain)
    summary, document = dispatcher.messages
    assert document["custom"]["document"]["filename"] == "mes-donnees-relais.json"
    return summary["text"]


def test_progress_with_a_single_step(services, dispatcher, domain):
    scenario.one_action(services, CITIZEN)
    assert progress_text(dispatcher, domain) == (
        "Votre suivi avec Relais\n"
        "Action réalisée :\n"
        "- Prendre le vélo (mobilité), le 10/11"
    )


def test_progress_of_a_busy_month(services, dispatcher, domain):
    scenario.a_busy_month(services, CITIZEN)
    assert progress_text(dispatcher, domain) == (
        "Votre suivi avec Relais\n"
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


def test_progress_with_a_falling_mood_and_long_texts_shortened(services, dispatcher, domain):
    scenario.a_falling_mood_and_long_texts(services, CITIZEN)
    assert progress_text(dispatcher, domain) == (
        "Votre suivi avec Relais\n"
        "Objectif en cours : trouver un logement" + " plus petit" * 16 + " plu…, fixé le 24/11.\n"
        "Actions réalisées : 2. Les plus récentes :\n"
        "- écrire au bailleur (logement), le 24/11\n"
        "- appeler le bailleur " + "x" * 179 + "…, le 24/11\n"
        "Points d'étape : au moins un par semaine depuis 2 semaines (le dernier le 24/11).\n"
        "Humeur moyenne (sur 5) : la semaine dernière 3,5, il y a 3 semaines 5.\n"
        "Tendance sur 4 semaines : en baisse."
    )


def test_progress_with_a_steady_mood(services, dispatcher, domain):
    scenario.a_steady_mood(services, CITIZEN)
    assert progress_text(dispatcher, domain) == (
        "Votre suivi avec Relais\n"
        "Points d'étape : au moins un par semaine depuis 2 semaines (le dernier le 17/11).\n"
        "Humeur moyenne (sur 5) : la semaine dernière 3, il y a 2 semaines 3.\n"
        "Tendance sur 4 semaines : stable."
    )


def test_progress_after_two_silent_weeks(services, dispatcher, domain):
    scenario.two_silent_weeks(services, CITIZEN)
    assert progress_text(dispatcher, domain) == (
        "Votre suivi avec Relais\n"
        "Dernier point d'étape : le 03/11.\n"
        "Humeur moyenne (sur 5) : il y a 3 semaines 3."
    )


def test_export_of_everything_kept(services, dispatcher, domain):
    scenario.everything_kept(services, CITIZEN)
    assert export_text(dispatcher, domain) == (
        "Voici ce que Relais garde sur vous :\n"
        "- depuis le 01/11/2026\n"
        "- consentement : donné le 02/11/2026 (notice 2026-11)\n"
        "- parcours suivis : énergie (phase d'urgence), logement (suivi dans la durée)\n"
        "- suivi : 2 points d'étape, 1 objectif, 5 actions réalisées, 2 actions laissées de côté\n"
        "  · dernier objectif (10/11/2026) : « Calfeutrer les fenêtres »\n"
        "  · dernier point d'étape : 18/11/2026\n"
        "  · action réalisée le 14/11/2026 : « Étape 14 »\n"
        "  · action réalisée le 15/11/2026 : « Étape 15 »\n"
        "  · action réalisée le 16/11/2026 : « Étape 16 »\n"
        "- demandes d'accompagnement humain : 1 (dont 1 en cours)\n"
        "- éléments de conversation (messages et réponses) : 2\n"
        "Le document joint contient toutes ces données en détail (format JSON)."
    )


def test_export_after_consent_withdrawn_and_a_closed_case(services, dispatcher, domain):
    scenario.consent_withdrawn_and_a_closed_case(services, CITIZEN)
    assert export_text(dispatcher, domain) == (
        "Voici ce que Relais garde sur vous :\n"
        "- depuis le 03/11/2026\n"
        "- consentement : retiré le 05/11/2026 (notice 2026-11)\n"
        "- parcours suivis : aucun\n"
        "- suivi : 1 point d'étape, 0 objectif, 1 action réalisée, 0 action laissée de côté\n"
        "  · dernier point d'étape : 04/11/2026, humeur 4/5\n"
        "  · action réalisée le 04/11/2026 : « une seule étape »\n"
        "- demandes d'accompagnement humain : 1\n"
        "- éléments de conversation (messages et réponses) : 0\n"
        "Le document joint contient toutes ces données en détail (format JSON)."
    )


def test_export_of_a_conversation_only(services, dispatcher, domain):
    scenario.only_a_conversation(services, CITIZEN)
    assert export_text(dispatcher, domain) == (
        "Voici ce que Relais garde sur vous :\n"
        "- depuis le 25/11/2026\n"
        "- consentement : jamais donné\n"
        "- parcours suivis : aucun\n"
        "- suivi : rien d'enregistré\n"
        "- demandes d'accompagnement humain : aucune\n"
        "- éléments de conversation (messages et réponses) : 2\n"
        "Le document joint contient toutes ces données en détail (format JSON)."
    )


def test_export_of_a_stranger(services, dispatcher, domain):
    told = export_text(dispatcher, domain)
    assert told.startswith("Relais n'a rien enregistré sur vous.")
    assert "oublié 24 h après votre dernier message" in told
