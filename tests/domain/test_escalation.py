"""Escalation: one active case per citizen, crisis first, even under concurrent calls."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from relais.models import Case, Citizen
from relais.services import CaseNotFound, InvalidCaseTransition
from tests.support.clock import NOW


def test_open_case_is_idempotent(escalation):
    first = escalation.open_case("c1", "citizen_request", relais_code="IDF")
    second = escalation.open_case("c1", "citizen_request")

    assert first.created is True and second.created is False
    assert second.id == first.id
    assert (second.reason, second.priority, second.status) == ("citizen_request", 2, "open")
    assert second.relais_code == "IDF"
    assert second.opened_at == NOW
    assert escalation.active_case("c1").id == first.id


@pytest.mark.parametrize(
    "reason, priority",
    [("crisis", 1), ("citizen_request", 2), ("repeated_misunderstanding", 3), ("no_progress", 4)],
)
def test_priority_by_reason(escalation, reason, priority):
    assert escalation.open_case("c1", reason).priority == priority


def test_crisis_raises_the_priority_of_the_active_case(escalation):
    first = escalation.open_case("c1", "no_progress")
    raised = escalation.open_case("c1", "crisis", relais_code="HDF")
    assert raised.id == first.id
    assert (raised.reason, raised.priority) == ("crisis", 1)
    assert raised.relais_code == "HDF"  # filled in when the first call did not know it

    # A later, less urgent reason never lowers it.
    again = escalation.open_case("c1", "citizen_request")
    assert (again.reason, again.priority) == ("crisis", 1)


def test_crisis_raises_a_case_already_taken_by_a_coach(escalation):
    case = escalation.open_case("c1", "citizen_request")
    escalation.take_case(case.id, "coach-hdf-1")
    raised = escalation.open_case("c1", "crisis")
    assert (raised.id, raised.status, raised.priority) == (case.id, "taken", 1)


def test_a_new_case_after_the_coach_hands_back_or_closes(escalation, clock):
    first = escalation.open_case("c1", "citizen_request")
    clock.now = NOW + timedelta(hours=1)
    taken = escalation.take_case(first.id, "coach-1")
    assert (taken.status, taken.assigned_coach, taken.taken_at) == ("taken", "coach-1", clock.now)
    handed_back = escalation.hand_back_case(first.id)
    assert handed_back.status == "handed_back" and handed_back.handed_back_at == clock.now

    second = escalation.open_case("c1", "crisis")
    assert second.created and second.id != first.id

    closed = escalation.close_case(second.id, note="Orientée vers le CMP, rappel demain.")
    assert (closed.status, closed.closing_note) == ("closed", "Orientée vers le CMP, rappel demain.")
    assert escalation.active_case("c1") is None
    assert escalation.open_case("c1", "citizen_request").created


@pytest.mark.parametrize(
    "steps",
    [
        ["hand_back"],  # not taken yet
        ["take", "take"],  # already taken
        ["close", "close"],
        ["close", "take"],
    ],
)
def test_invalid_transitions_are_refused(escalation, steps):
    case = escalation.open_case("c1", "citizen_request")
    run = {
        "take": lambda: escalation.take_case(case.id, "coach-1"),
        "hand_back": lambda: escalation.hand_back_case(case.id),
        "close": lambda: escalation.close_case(case.id),
    }
    for step in steps[:-1]:
        run[step]()
    with pytest.raises(InvalidCaseTransition):
        run[steps[-1]]()


def test_unknown_case(escalation):
    with pytest.raises(CaseNotFound):
        escalation.take_case(999, "coach-1")


def test_unknown_reason(escalation):
    with pytest.raises(ValueError):
        escalation.open_case("c1", "boredom")


def test_active_cases_most_urgent_first(escalation, clock):
    escalation.open_case("late-request", "citizen_request")
    clock.now = NOW + timedelta(minutes=5)
    escalation.open_case("no-progress", "no_progress")
    escalation.open_case("crisis", "crisis")
    closed = escalation.open_case("closed", "crisis")
    escalation.close_case(closed.id)

    queue = escalation.active_cases()
    assert [case.conversation_id for case in queue] == ["crisis", "late-request", "no-progress"]


def run_concurrently(count, call):
    """`call(index)` from `count` threads released at the same instant."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(index):
        barrier.wait()
        try:
            results[index] = call(index)
        except Exception as error:  # reported below, with the test's failure
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def count_rows(session_factory, model):
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_ten_concurrent_escalations_yield_one_case(escalation, session_factory):
    results = run_concurrently(10, lambda i: escalation.open_case("c1", "citizen_request"))

    assert len({case.id for case in results}) == 1
    assert sum(case.created for case in results) == 1
    assert count_rows(session_factory, Case) == 1
    assert count_rows(session_factory, Citizen) == 1


def test_concurrent_crisis_among_requests_ends_with_top_priority(escalation, session_factory):
    reasons = ["citizen_request"] * 9 + ["crisis"]
    results = run_concurrently(10, lambda i: escalation.open_case("c1", reasons[i]))

    assert len({case.id for case in results}) == 1
    assert count_rows(session_factory, Case) == 1
    final = escalation.active_case("c1")
    assert (final.priority, final.reason) == (1, "crisis")


def test_a_lost_race_is_retried_and_returns_the_winners_case(escalation, monkeypatch):
    """Deterministic version of the race above (SQLite serialises writers, so threads alone
    never reach it there): the first look for an active case misses the one that exists, as
    it would when another transaction commits it a moment later. The partial unique index
    refuses the second case, and the retry returns the existing one."""
    from relais.services import escalation as module

    existing = escalation.open_case("c1", "citizen_request")
    real_active_case = module._active_case
    calls = []

    def miss_once(session, citizen_id, for_update=False):
        calls.append(citizen_id)
        return None if len(calls) == 1 else real_active_case(session, citizen_id, for_update)

    monkeypatch.setattr(module, "_active_case", miss_once)
    again = escalation.open_case("c1", "crisis")

    assert len(calls) == 2
    assert (again.id, again.created, again.priority) == (existing.id, False, 1)


def test_coaches_see_the_cases_of_their_relais_and_those_of_no_relais(escalation):
    from relais.directory import CoachScope

    idf = escalation.open_case("c-idf", "citizen_request", relais_code="IDF")
    ara = escalation.open_case("c-ara", "crisis", relais_code="ARA")
    nowhere = escalation.open_case("c-nowhere", "citizen_request")

    def ids(scope):
        return [c.id for c in escalation.active_cases(scope)]

    assert ids(CoachScope(frozenset({"IDF"}))) == [idf.id, nowhere.id]
    assert ids(CoachScope(frozenset({"ARA", "IDF"}))) == [ara.id, idf.id, nowhere.id]
    assert ids(CoachScope(national=True)) == ids(None) == [ara.id, idf.id, nowhere.id]


def test_a_taken_case_transferred_to_another_relais_waits_for_a_coach_there(escalation):
    case = escalation.open_case("c1", "citizen_request", relais_code="IDF")
    escalation.take_case(case.id, "501")
    moved = escalation.transfer_case(case.id, "ARA")
    assert (moved.relais_code, moved.status, moved.assigned_coach) == ("ARA", "open", None)
    escalation.take_case(case.id, "601")  # a coach of the new team takes it
