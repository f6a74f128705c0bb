"""The coach desk's records: topics of cases, calls for a coach, audit."""

from datetime import timedelta

import pytest

from relais.services.desk import DeskService
from tests.support.audit import audit_log


@pytest.fixture
def desk(session_factory, clock) -> DeskService:
    return DeskService(session_factory, clock)


def test_cases_get_one_topic_and_are_found_from_it(desk, escalation, session_factory):
    request = escalation.open_case("alice", "citizen_request", relais_code="IDF")
    crisis = escalation.open_case("bob", "crisis")
    assert [c.id for c in desk.cases_without_topic()] == [crisis.id, request.id]  # crisis first

    desk.record_topic(crisis, -100, 11, 500)
    assert [c.id for c in desk.cases_without_topic()] == [request.id]
    assert desk.case_of_topic(-100, 11).conversation_id == "bob"
    assert desk.case_of_topic(-100, 12) is None and desk.case_of_topic(-100, None) is None
    assert desk.topic_of_case(crisis.id).card_message_id == 500
    assert [line.action for line in audit_log(session_factory, crisis.id)] == ["announced"]


def test_a_taken_case_pauses_the_bot_until_handed_back(desk, escalation):
    case = escalation.open_case("alice", "citizen_request")
    desk.record_topic(case, -100, 11, None)
    assert desk.taken_case("alice") is None
    escalation.take_case(case.id, "7")
    taken, topic = desk.taken_case("alice")
    assert (taken.id, topic.thread_id, taken.assigned_coach) == (case.id, 11, "7")
    escalation.hand_back_case(case.id)
    assert desk.taken_case("alice") is None


def test_coaches_are_called_again_after_the_delay_or_at_once_for_a_new_crisis(desk, escalation, clock):
    request = escalation.open_case("alice", "citizen_request")
    crisis = escalation.open_case("bob", "crisis")
    desk.record_topic(request, -100, 11, None)
    desk.record_topic(crisis, -100, 12, None)
    crisis_after, other_after = timedelta(minutes=2), timedelta(minutes=30)
    assert desk.cases_to_call(crisis_after, other_after) == []

    clock.now = clock.now + timedelta(minutes=3)
    due = desk.cases_to_call(crisis_after, other_after)
    assert [(case.id, raised) for case, _, raised in due] == [(crisis.id, False)]
    desk.mark_called(due[0][0])
    assert desk.cases_to_call(crisis_after, other_after) == []

    escalation.open_case("alice", "crisis")  # the request becomes a crisis
    due = desk.cases_to_call(crisis_after, other_after)
    assert [(case.id, raised) for case, _, raised in due] == [(request.id, True)]

    escalation.take_case(request.id, "7")
    clock.now = clock.now + timedelta(hours=1)
    assert [case.id for case, _, _ in desk.cases_to_call(crisis_after, other_after)] == [crisis.id]


def test_transfer_and_audit(desk, escalation, session_factory):
    case = escalation.open_case("alice", "citizen_request", relais_code="IDF")
    assert escalation.transfer_case(case.id, "ARA").relais_code == "ARA"
    desk.audit(case.id, "transferred", 7, "IDF -> ARA")
    line = audit_log(session_factory, case.id)[-1]
    assert (line.action, line.actor, line.detail) == ("transferred", "7", "IDF -> ARA")


def test_the_card_is_set_once_sent(desk, escalation):
    case = escalation.open_case("alice", "citizen_request")
    desk.record_topic(case, -100, 11, None)
    desk.set_card(case.id, 77)
    assert desk.topic_of_case(case.id).card_message_id == 77


# --- the watchdog of taken cases ----------------------------------------------------------------

REMIND, HAND_BACK_AFTER = timedelta(minutes=10), timedelta(minutes=30)


def taken_case_with_topic(desk, escalation, who="alice"):
    case = escalation.open_case(who, "citizen_request", relais_code="IDF")
    desk.record_topic(case, -100, case.id + 10, None)
    escalation.take_case(case.id, "501")
    desk.audit(case.id, "taken", "501")
    return case


def due(desk):
    return [(w.case.id, w.due) for w in desk.waiting_cases(REMIND, HAND_BACK_AFTER)]


def test_a_citizen_waiting_for_the_coach_is_reminded_once_then_handed_back(desk, escalation, clock):
    case = taken_case_with_topic(desk, escalation)
    clock.now += timedelta(hours=2)
    assert due(desk) == []  # nobody waits: the citizen has not written
    desk.record_citizen_message(case.id)
    first_message_at = clock.now
    clock.now += timedelta(minutes=5)
    desk.record_citizen_message(case.id)  # a second message does not restart the clock
    clock.now = first_message_at + timedelta(minutes=9, seconds=59)
    assert due(desk) == []
    clock.now = first_message_at + REMIND
    assert due(desk) == [(case.id, "remind")]
    desk.audit(case.id, "reminded", "desk")
    assert due(desk) == []  # once
    clock.now = first_message_at + HAND_BACK_AFTER
    [waiting] = desk.waiting_cases(REMIND, HAND_BACK_AFTER)
    assert (waiting.due, waiting.waiting_since, waiting.topic.thread_id) == (
        "hand_back", first_message_at, case.id + 10)


def test_the_coachs_answer_stops_the_watchdog(desk, escalation, clock):
    case = taken_case_with_topic(desk, escalation)
    desk.record_citizen_message(case.id)
    clock.now += timedelta(minutes=8)
    desk.audit(case.id, "message", "501")
    clock.now += timedelta(hours=1)
    assert due(desk) == []
    desk.record_citizen_message(case.id)  # writes again: a new wait starts now
    clock.now += REMIND
    assert due(desk) == [(case.id, "remind")]


def test_only_taken_cases_are_watched(desk, escalation, clock):
    case = taken_case_with_topic(desk, escalation)
    desk.record_citizen_message(case.id)
    escalation.hand_back_case(case.id)
    clock.now += timedelta(hours=1)
    assert due(desk) == []
