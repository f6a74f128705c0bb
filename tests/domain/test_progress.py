"""Progress: enrolment, check-ins, goals, micro-actions, and the summary (streak, trend)."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from relais.models import Enrolment, ProgressEntry
from relais.services.progress import (
    ActionDone,
    WeeklyMood,
    checkin_streak,
    mood_trend,
    weekly_moods,
)
from tests.domain.support import NOTICE
from tests.support.clock import NOW


@pytest.fixture
def citizen(consent) -> str:
    consent.record_consent("c1", True, NOTICE)
    return "c1"


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def test_enrol_twice_in_a_track_updates_the_phase(progress, citizen, clock, session_factory):
    first = progress.enrol(citizen, "energie", "urgence")
    clock.now = NOW + timedelta(days=3)
    second = progress.enrol(citizen, "energie", "continu")

    assert second.phase == "continu"
    assert second.started_at == first.started_at == NOW
    assert second.updated_at == NOW + timedelta(days=3)
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Enrolment)) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda p: p.enrol("c1", "astrologie", "urgence"),
        lambda p: p.enrol("c1", "energie", "panique"),
        lambda p: p.log_checkin("c1", 0),
        lambda p: p.log_checkin("c1", 6),
        lambda p: p.log_checkin("c1", "3"),
        lambda p: p.log_checkin("c1", True),
        lambda p: p.log_checkin("c1", None, "   "),
        lambda p: p.set_goal("c1", ""),
        lambda p: p.mark_action("c1", "energie", None),
        lambda p: p.mark_action("c1", "astrologie", "une action"),
        lambda p: p.log_checkin("", 3),
    ],
)
def test_invalid_values_are_refused_before_the_database(progress, citizen, call):
    with pytest.raises(ValueError):
        call(progress)


def stored_texts(session_factory):
    with session_factory() as session:
        return session.scalars(select(ProgressEntry.text).order_by(ProgressEntry.id)).all()


def test_a_10000_character_note_is_stored_whole(progress, citizen, session_factory, data_rights):
    note = ("Aujourd'hui j'ai coupé le chauffage, é à ç œ 🌱. " * 250)[:10_000]
    assert len(note) == 10_000
    progress.log_checkin(citizen, 2, note)

    assert stored_texts(session_factory) == [note]
    assert data_rights.export(citizen)["progress"][0]["text"] == note


def test_sql_fragments_are_stored_as_plain_text(progress, citizen, session_factory):
    fragment = "75'; DROP TABLE relais_progress;--"
    progress.set_goal(citizen, fragment)
    progress.mark_action(citizen, None, "Robert'); DELETE FROM relais_citizens; --")
    assert stored_texts(session_factory)[0] == fragment
    assert progress.summary(citizen).current_goal.text == fragment


def test_summary_with_a_single_action(progress, citizen):
    progress.mark_action(citizen, "mobilite", "Prendre le vélo")
    summary = progress.summary(citizen)
    assert summary.actions_done_total == 1
    assert summary.recent_actions_done == (ActionDone("Prendre le vélo", "mobilite", NOW),)


def test_summary_of_a_stranger_is_empty(progress):
    summary = progress.summary("nobody")
    assert summary.is_empty
    assert summary.current_goal is None and summary.last_checkin_at is None


def test_summary_actions_and_goal(progress, citizen, clock):
    for day in range(1, 8):
        clock.now = at(f"2026-11-{day + 10:02d}")
        progress.mark_action(citizen, "energie", f"action {day}")
    progress.mark_action(citizen, "energie", "pas faite", done=False)
    progress.set_goal(citizen, "ancien objectif")
    clock.now = at("2026-11-20")
    progress.set_goal(citizen, "baisser le chauffage d'un degré", "energie")

    summary = progress.summary(citizen)

    assert summary.actions_done_total == 7
    assert [a.text for a in summary.recent_actions_done] == [f"action {d}" for d in (7, 6, 5, 4, 3)]
    assert summary.current_goal.text == "baisser le chauffage d'un degré"
    assert summary.current_goal.track == "energie"
    assert summary.current_goal.set_at == at("2026-11-20")


# Crafted dates: NOW is Thursday 26 November 2026; its ISO week starts Monday 23 November.
THIS_WEEK, LAST_WEEK, TWO_WEEKS_AGO, THREE_WEEKS_AGO = "2026-11-24", "2026-11-17", "2026-11-10", "2026-11-03"


@pytest.mark.parametrize(
    "days, streak",
    [
        ([], 0),
        ([THIS_WEEK], 1),
        ([LAST_WEEK], 1),  # not lost on Monday: this week may still come
        ([THIS_WEEK, LAST_WEEK, TWO_WEEKS_AGO], 3),
        ([LAST_WEEK, TWO_WEEKS_AGO, THREE_WEEKS_AGO], 3),
        ([TWO_WEEKS_AGO, THREE_WEEKS_AGO], 0),  # nothing for two weeks: the streak is over
        ([THIS_WEEK, TWO_WEEKS_AGO, THREE_WEEKS_AGO], 1),  # a gap breaks it
        ([THIS_WEEK, THIS_WEEK, LAST_WEEK], 2),  # several in a week count once
    ],
)
def test_checkin_streak(days, streak):
    assert checkin_streak(NOW.date(), [at(day) for day in days]) == streak


def test_checkin_streak_follows_iso_weeks_across_the_year_and_at_midnight():
    today = date(2027, 1, 6)  # Wednesday, ISO week 1 of 2027
    assert checkin_streak(today, [at("2026-12-31"), at("2027-01-05")]) == 2
    # Sunday 23:59 and Monday 00:00 are two different weeks.
    sunday_night = datetime(2027, 1, 3, 23, 59, tzinfo=timezone.utc)
    monday = datetime(2027, 1, 4, 0, 0, tzinfo=timezone.utc)
    assert checkin_streak(today, [sunday_night, monday]) == 2


def test_weekly_moods_average_each_of_the_last_four_weeks():
    checkins = [
        (at(THIS_WEEK), 4),
        (at(THIS_WEEK, 18), 5),
        (at(LAST_WEEK), None),  # a check-in with a note only
        (at(THREE_WEEKS_AGO), 2),
        (at("2026-10-27"), 1),  # five weeks ago: out of the window
    ]
    weeks = weekly_moods(NOW.date(), checkins)
    assert [w.week_start for w in weeks] == [
        date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)
    ]
    assert [w.average for w in weeks] == [2, None, None, 4.5]


@pytest.mark.parametrize(
    "averages, trend",
    [
        ([2, 3, 4, 5], "up"),
        ([5, 4, 3, 2], "down"),
        ([3, 3, 3, 3], "steady"),
        ([3, 3.5, 3, 3.5], "steady"),
        ([2, None, None, 4], "up"),
        ([None, 4, None, 3], "down"),
        ([None, None, None, 4], None),  # one week: no trend yet
        ([None, None, None, None], None),
    ],
)
def test_mood_trend(averages, trend):
    weeks = [WeeklyMood(date(2026, 11, 2) + timedelta(weeks=i), a) for i, a in enumerate(averages)]
    assert mood_trend(weeks) == trend


def test_summary_streak_and_trend_from_logged_checkins(progress, citizen, clock):
    for day, mood in [(THREE_WEEKS_AGO, 2), (TWO_WEEKS_AGO, 2), (TWO_WEEKS_AGO, 3), (LAST_WEEK, 3), (THIS_WEEK, 4)]:
        clock.now = at(day)
        progress.log_checkin(citizen, mood)
    clock.now = NOW

    summary = progress.summary(citizen)

    assert summary.checkin_streak_weeks == 4
    assert [w.average for w in summary.weekly_moods] == [2, 2.5, 3, 4]
    assert summary.mood_trend == "up"
    assert summary.last_checkin_at == at(THIS_WEEK)


def test_summary_after_two_silent_weeks(progress, citizen, clock):
    clock.now = at(THREE_WEEKS_AGO)
    progress.log_checkin(citizen, 3)
    clock.now = NOW
    summary = progress.summary(citizen)
    assert summary.checkin_streak_weeks == 0
    assert summary.last_checkin_at == at(THREE_WEEKS_AGO)
    assert summary.mood_trend is None
