"""Check-ins Relais starts (relais/services/checkins.py), on SQLite and PostgreSQL: the day
after an urgence, a person offered when it is left unanswered, weekly at the chosen time,
pause, resume and stop, only with consent; written to the durable outbox once."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from relais.checkins import CHECKIN_PAYLOAD, PERSON_PAYLOAD
from relais.models import InboxEntry
from relais.services.checkins import CheckinService, NoConsent
from relais.services.outbox import OutboxService

MONDAY_NOON = datetime(2026, 11, 30, 11, 0, tzinfo=timezone.utc)  # 12:00 in Paris


@pytest.fixture
def checkins(session_factory, clock):
    clock.now = MONDAY_NOON
    return CheckinService(session_factory, clock=clock)


@pytest.fixture
def outbox(session_factory, clock):
    return OutboxService(session_factory, clock=clock)


def sent(session_factory, chat):
    with session_factory() as session:
        rows = session.scalars(select(InboxEntry.replies).where(
            InboxEntry.kind == "outgoing", InboxEntry.chat_id == chat).order_by(InboxEntry.id)).all()
    return [reply for replies in rows for reply in json.loads(replies)]


def test_the_day_after_an_urgence_then_a_person_if_unanswered_then_weekly(
        checkins, outbox, consent, clock, session_factory):
    consent.record_consent("c1", True, "v1")
    assert checkins.after_urgence("c1") is True
    assert checkins.send_due() == 0
    clock.now = MONDAY_NOON + timedelta(days=1)  # Tuesday 12:00 in Paris
    assert checkins.send_due() == 1 and checkins.send_due() == 0
    outbox.move_due()
    [message] = sent(session_factory, "c1")
    assert "comment ça se passe aujourd'hui" in message["text"] and message["silent"] is True
    assert [b["payload"] for b in message["buttons"]] == [CHECKIN_PAYLOAD, PERSON_PAYLOAD]
    clock.now += timedelta(days=1)
    assert checkins.send_due() == 1  # no answer: a person is offered
    outbox.move_due()
    assert "pas eu de nouvelles" in sent(session_factory, "c1")[-1]["text"]
    plan = checkins.plan("c1")
    assert plan.stage == "weekly" and plan.next_at.astimezone(timezone.utc) == datetime(
        2026, 12, 7, 17, 0, tzinfo=timezone.utc)  # Monday 18:00 in Paris, the default


def test_an_answered_urgence_check_in_offers_no_person(checkins, outbox, consent, clock):
    consent.record_consent("c1", True, "v1")
    checkins.after_urgence("c1")
    clock.now += timedelta(days=1)
    checkins.send_due()
    checkins.note_reply("c1")
    clock.now += timedelta(days=1)
    assert checkins.send_due() == 0 and checkins.plan("c1").stage == "weekly"


def test_weekly_at_the_chosen_time_paused_resumed_and_stopped(checkins, outbox, consent, clock):
    consent.record_consent("c1", True, "v1")
    plan = checkins.choose("c1", weekday=3, hour=9)  # Thursday 09:00 in Paris
    assert plan.next_at.astimezone(timezone.utc) == datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)
    clock.now = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)
    assert checkins.send_due() == 1
    assert checkins.plan("c1").next_at.astimezone(timezone.utc) == datetime(2026, 12, 10, 8, 0, tzinfo=timezone.utc)
    checkins.pause("c1")
    clock.now = datetime(2026, 12, 10, 8, 0, tzinfo=timezone.utc)
    assert checkins.send_due() == 0
    assert checkins.after_urgence("c1") is False  # paused: not even after an urgence
    resumed = checkins.resume("c1")
    assert resumed.paused is False and resumed.next_at > clock.now
    assert checkins.stop("c1") is True and checkins.plan("c1") is None and checkins.stop("c1") is False


def test_no_plan_without_consent(checkins, consent):
    assert checkins.after_urgence("stranger") is False
    consent.record_consent("refused", False, "v1")
    assert checkins.after_urgence("refused") is False
    with pytest.raises(NoConsent):
        checkins.choose("refused", 0, 18)
    assert checkins.plan("refused") is None


def test_a_check_in_asked_for_tomorrow_is_read():
    # Persona round 95: « vous pouvez me redemander demain comment ça va ? » got the prime
    # d'activité for students.
    from relais.checkins import TOMORROW, read_request

    assert read_request("je vais dormir. vous pouvez me redemander demain comment ça va ?").kind == TOMORROW
    assert read_request("tu peux m'écrire demain ?").kind == TOMORROW
    assert read_request("demain je vais à la mairie") is None


def test_one_point_in_a_few_days_keeps_the_weekly_day(checkins, consent, clock):
    # Persona round 107 and its review: « relancez-moi dans 3 jours » is one point then, the
    # weekly day unchanged.
    consent.record_consent("c1", True, "v1")
    checkins.choose("c1", weekday=0, hour=18)  # Mondays 18:00
    once = checkins.once_in("c1", 3)  # Monday noon + 3 days: Thursday
    assert once.weekday == 3 and once.next_at.astimezone(timezone.utc) == datetime(2026, 12, 3, 17, 0, tzinfo=timezone.utc)
    clock.now = datetime(2026, 12, 3, 17, 0, tzinfo=timezone.utc)
    assert checkins.send_due() == 1
    assert checkins.plan("c1").weekday == 0  # then Mondays again
    with pytest.raises(NoConsent):
        checkins.once_in("stranger", 3)


def test_one_point_in_a_few_days_at_the_hour_asked_keeps_the_weekly_hour(checkins, consent, clock):
    # Review F20: « écrivez-moi dans 3 jours vers 10 h » came at the weekly 18:00.
    consent.record_consent("c1", True, "v1")
    checkins.choose("c1", weekday=0, hour=18)
    once = checkins.once_in("c1", 3, hour=10)  # Thursday 10:00 in Paris
    assert once.hour == 10 and once.next_at.astimezone(timezone.utc) == datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    assert checkins.plan("c1").hour == 18
