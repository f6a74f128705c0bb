"""Retention: conversations erased after their delay without activity, closed cases stripped of
their content, on SQLite and PostgreSQL, with the clock moved by hand."""

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from relais.models import Case, CaseAudit, CaseTopic, Citizen, InboxEntry, TopicErasure
from relais.retention import purge as purge_from_settings
from relais.services.desk import DeskService
from relais.services.retention import RetentionPolicy, RetentionService
from relais.settings import Settings
from tests.domain.support import NOTICE
from tests.support.clock import NOW

POLICY = RetentionPolicy(inactive_days=365, unconsented_days=90, closed_case_days=180)


@pytest.fixture
def retention(session_factory, clock) -> RetentionService:
    return RetentionService(session_factory, POLICY, clock=clock)


def add_events(engine, rasa_events, sender_id, at, count=3):
    with engine.begin() as connection:
        for _ in range(count):
            connection.execute(insert(rasa_events).values(
                sender_id=sender_id, type_name="user", timestamp=at.timestamp(),
                data=json.dumps({"event": "user", "text": "Plus de chauffage"})))


def conversations(engine, rasa_events):
    with engine.connect() as connection:
        citizens = set(connection.scalars(select(Citizen.conversation_id)))
        senders = set(connection.scalars(select(rasa_events.c.sender_id).distinct()))
    return citizens, senders


def test_a_consented_conversation_is_erased_a_year_after_its_last_activity_and_not_before(
        retention, clock, consent, progress, engine, rasa_events):
    consent.record_consent("111", True, NOTICE)
    progress.log_checkin("111", 3, "Pas facile sans chauffage.")
    add_events(engine, rasa_events, "111", NOW)

    clock.now = NOW + timedelta(days=364)
    assert retention.purge().conversations_erased == 0
    assert conversations(engine, rasa_events) == ({"111"}, {"111"})

    clock.now = NOW + timedelta(days=366)
    report = retention.purge()
    assert report.conversations_erased == 1
    assert report.rows_deleted["events"] == 3 and report.rows_deleted["relais_progress"] == 1
    assert conversations(engine, rasa_events) == (set(), set())


def test_any_activity_keeps_a_conversation(retention, clock, consent, engine, rasa_events):
    consent.record_consent("222", True, NOTICE)
    add_events(engine, rasa_events, "222", NOW + timedelta(days=300))  # spoke again later
    clock.now = NOW + timedelta(days=400)
    assert retention.purge().conversations_erased == 0
    clock.now = NOW + timedelta(days=300 + 366)
    assert retention.purge().conversations_erased == 1


def test_a_citizen_created_by_an_escalation_without_consent_goes_after_the_shorter_delay(
        retention, clock, escalation, consent, engine, rasa_events):
    case = escalation.open_case("333", "crisis", relais_code="69")
    escalation.close_case(case.id, "Rappelé, va mieux.")
    consent.record_consent("444", True, NOTICE)  # consented, same age: kept

    clock.now = NOW + timedelta(days=91)
    report = retention.purge()
    assert report.conversations_erased == 1
    assert report.rows_deleted["relais_cases"] == 1
    assert conversations(engine, rasa_events) == ({"444"}, set())


def test_a_withdrawn_consent_counts_as_no_consent(retention, clock, consent, engine, rasa_events):
    consent.record_consent("555", True, NOTICE)
    consent.record_consent("555", False, NOTICE)
    clock.now = NOW + timedelta(days=91)
    assert retention.purge().conversations_erased == 1
    assert conversations(engine, rasa_events) == (set(), set())


def test_a_closed_case_loses_its_note_and_audit_details_but_keeps_its_audit_rows(
        retention, clock, session_factory, consent, escalation, engine, rasa_events):
    consent.record_consent("666", True, NOTICE)
    case = escalation.open_case("666", "citizen_request", relais_code="69")
    escalation.take_case(case.id, "7001")
    with engine.begin() as connection:
        connection.execute(insert(CaseAudit).values(case_id=case.id, action="transferred",
                                                    actor="7001", detail="vers 13", at=NOW))
    DeskService(session_factory).record_topic(case, -1001234, 77, 555)
    escalation.close_case(case.id, "Orienté vers le CCAS, logement insalubre.")

    clock.now = NOW + timedelta(days=179)
    assert retention.purge().closed_cases_stripped == 0
    clock.now = NOW + timedelta(days=181)
    report = retention.purge()
    assert (report.closed_cases_stripped, report.audit_rows_stripped, report.topics_erased) == (1, 1, 1)
    with engine.connect() as connection:
        assert connection.scalar(select(Case.closing_note)) is None
        # The topic (card, relayed messages) is left to the edge to delete, and forgotten.
        assert connection.scalar(select(func.count()).select_from(CaseTopic)) == 0
        assert connection.scalar(select(TopicErasure.thread_id)) == 77
        assert connection.scalar(select(func.count()).select_from(CaseAudit)) == 2  # + announced
        assert connection.execute(select(CaseAudit.detail)).scalars().all() == [None, None]
    assert conversations(engine, rasa_events)[0] == {"666"}  # the citizen is still within a year
    again = retention.purge()
    assert (again.closed_cases_stripped, again.topics_erased) == (0, 0)  # nothing left to strip


def test_the_edges_own_rows_alone_are_not_a_conversation_to_erase(
        retention, clock, engine, rasa_events):
    with engine.begin() as connection:
        connection.execute(insert(InboxEntry).values(
            kind="update", update_id=1, lane="desk", chat_id="-1001234", topic_id=3,
            status="done", delivered=0, attempts=0, received_at=NOW))
    clock.now = NOW + timedelta(days=1000)
    assert retention.purge().conversations_erased == 0


def test_the_command_logs_counts_and_no_conversation_id(migrated_url, consent, engine, rasa_events,
                                                        caplog):
    consent.record_consent("987654321", True, NOTICE)
    add_events(engine, rasa_events, "987654321", NOW - timedelta(days=800))
    settings = Settings(database_url=migrated_url, retention_inactive_days=1)
    with caplog.at_level(logging.INFO):
        report = purge_from_settings(settings)
    assert report.conversations_erased == 1
    assert "987654321" not in caplog.text and "chauffage" not in caplog.text
    assert '"conversations_erased": 1' in caplog.text
