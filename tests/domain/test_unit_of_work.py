"""run_in_transaction: a unique violation is retried as a race, any other refusal is raised at
once (a CHECK on an unknown track is a bug, not a race), on SQLite and PostgreSQL."""

import pytest
from sqlalchemy.exc import IntegrityError

from relais.models import Citizen, Enrolment
from relais.services.unit_of_work import ATTEMPTS_ON_CONFLICT, run_in_transaction


def _citizen_id(session, conversation_id: str) -> int:
    citizen = Citizen(conversation_id=conversation_id)
    session.add(citizen)
    session.flush()
    return citizen.id


class CountingWork:
    """A unit of work that counts its attempts and inserts what it is told to."""

    def __init__(self, insert):
        self.insert = insert
        self.attempts = 0

    def __call__(self, session):
        self.attempts += 1
        self.insert(session)


def test_a_unique_violation_is_retried_then_raised(session_factory):
    run_in_transaction(session_factory, lambda session: _citizen_id(session, "c1"))
    duplicate = CountingWork(lambda session: _citizen_id(session, "c1"))

    with pytest.raises(IntegrityError):
        run_in_transaction(session_factory, duplicate)

    assert duplicate.attempts == ATTEMPTS_ON_CONFLICT


def test_a_check_violation_is_raised_at_the_first_attempt(session_factory):
    def enrol_in_unknown_track(session):
        citizen_id = _citizen_id(session, "c1")
        session.add(Enrolment(citizen_id=citizen_id, track="track_not_in_the_list", phase="continu"))
        session.flush()

    work = CountingWork(enrol_in_unknown_track)

    with pytest.raises(IntegrityError):
        run_in_transaction(session_factory, work)

    assert work.attempts == 1


def test_a_race_won_at_the_second_attempt_returns_its_value(session_factory):
    run_in_transaction(session_factory, lambda session: _citizen_id(session, "c1"))
    attempts = []

    def insert_then_read(session):
        attempts.append(1)
        if len(attempts) == 1:
            return _citizen_id(session, "c1")  # the row another writer committed first
        return session.query(Citizen).filter_by(conversation_id="c1").one().id

    assert isinstance(run_in_transaction(session_factory, insert_then_read), int)
    assert len(attempts) == 2
