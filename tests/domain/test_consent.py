"""Consent: recorded with its notice version; without it, no progress is kept."""

import pytest
from sqlalchemy import func, select

from relais.models import Citizen, ProgressEntry
from relais.services import ConsentRequired
from tests.domain.support import NOTICE
from tests.support.clock import NOW


def count(session_factory, model) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_unknown_citizen_has_no_consent(consent):
    assert consent.has_consent("c1") is False
    assert consent.consent_state("c1").status is None


def test_consent_given_then_withdrawn(consent):
    state = consent.record_consent("c1", True, NOTICE)
    assert (state.status, state.at, state.notice_version) == ("given", NOW, NOTICE)
    assert consent.has_consent("c1") is True

    consent.record_consent("c1", False, NOTICE)
    assert consent.has_consent("c1") is False
    assert consent.consent_state("c1").status == "withdrawn"


def test_telegram_chat_ids_may_be_integers(consent):
    consent.record_consent(123456789, True, NOTICE)
    assert consent.has_consent("123456789")


def test_a_refusal_from_a_stranger_keeps_nothing(consent, session_factory):
    consent.record_consent("c1", False, NOTICE)
    assert count(session_factory, Citizen) == 0


def progress_writes(progress):
    return {
        "enrol": lambda: progress.enrol("c1", "energie", "urgence"),
        "log_checkin": lambda: progress.log_checkin("c1", 3, "note"),
        "set_goal": lambda: progress.set_goal("c1", "un objectif", "energie"),
        "mark_action": lambda: progress.mark_action("c1", "energie", "une action"),
    }


@pytest.mark.parametrize("write", ["enrol", "log_checkin", "set_goal", "mark_action"])
def test_progress_writes_require_consent(progress, session_factory, write):
    with pytest.raises(ConsentRequired):
        progress_writes(progress)[write]()
    assert count(session_factory, Citizen) == 0
    assert count(session_factory, ProgressEntry) == 0


@pytest.mark.parametrize("write", ["enrol", "log_checkin", "set_goal", "mark_action"])
def test_progress_writes_stop_when_consent_is_withdrawn(consent, progress, session_factory, write):
    consent.record_consent("c1", True, NOTICE)
    progress.log_checkin("c1", 4)
    consent.record_consent("c1", False, NOTICE)

    with pytest.raises(ConsentRequired):
        progress_writes(progress)[write]()
    # Withdrawal is not erasure: what was kept stays until the citizen asks to erase it.
    assert count(session_factory, ProgressEntry) == 1


def test_escalation_does_not_require_consent(escalation, consent):
    case = escalation.open_case("c1", "crisis")
    assert case.created and case.priority == 1
    assert consent.has_consent("c1") is False
