"""The observatory's refresh: what the services wrote, counted per département and period in
SQL, on SQLite and PostgreSQL; final periods not computed again."""

from datetime import date, timedelta

import pytest

from relais.models import OBSERVATORY_MONTH, OBSERVATORY_WEEK
from relais.observatory_indicators import (
    ALERTED,
    CASE_REASON,
    CASE_TAKEN,
    COACHES,
    CONVERSATIONS,
    INDICATORS,
    MOOD,
    MOOD_ALL,
    MOOD_LOW,
    NEED_TRACK,
    URGENCE_SCENARIO,
)
from relais.services import EscalationService
from relais.services.events import EventService
from relais.services.observatory import ObservatoryService, period_start, utc_bounds

NOTICE = "v1"
# The fake clock's Thursday 26 November 2026: its week starts Monday 23.
WEEK = date(2026, 11, 23)


@pytest.fixture
def observatory(session_factory, clock):
    return ObservatoryService(session_factory, clock=clock)


def _citizen(consent, events, name: str, postal_code: str | None, given: bool = True) -> str:
    consent.record_consent(name, given, NOTICE)
    if postal_code:
        events.subscribe(name, postal_code)
    return name


def _figures(observatory, indicator: str, period: str = OBSERVATORY_WEEK, start: date = WEEK):
    return {(cell.departement, cell.key): (cell.citizens, cell.facts, cell.total)
            for cell in observatory.cells(period, [start], [indicator])}


def test_needs_moods_and_cases_are_counted_per_departement(session_factory, clock, consent,
                                                            progress, observatory):
    events = EventService(session_factory, clock=clock)
    escalation = EscalationService(session_factory, clock=clock)
    in_43 = [_citizen(consent, events, f"c43-{i}", "43100") for i in range(3)]
    in_75 = _citizen(consent, events, "c75", "75011")
    nowhere = _citizen(consent, events, "c-none", None)
    for name in in_43:
        progress.enrol(name, "alimentation", "urgence", "alimentation/eau_non_potable")
        # Said again the same day: the same need.
        progress.enrol(name, "alimentation", "urgence", "alimentation/eau_non_potable")
    progress.enrol(in_43[0], "energie", "continu")
    progress.enrol(in_75, "mobilite", "continu")
    progress.enrol(nowhere, "mobilite", "continu")
    for name, mood in zip(in_43, (1, 2, 4)):
        progress.log_checkin(name, mood)
    case = escalation.open_case(in_43[0], "citizen_request")
    clock.now += timedelta(minutes=30)
    escalation.take_case(case.id, "coach-a")

    assert observatory.refresh() > 0

    assert _figures(observatory, CONVERSATIONS) == {
        ("43", ""): (3, 4, 0.0), ("75", ""): (1, 1, 0.0), ("", ""): (1, 1, 0.0)}
    assert _figures(observatory, NEED_TRACK)[("43", "alimentation")] == (3, 3, 0.0)
    assert _figures(observatory, URGENCE_SCENARIO) == {
        ("43", "alimentation/eau_non_potable"): (3, 3, 0.0)}
    assert _figures(observatory, MOOD) == {
        ("43", "1"): (1, 1, 0.0), ("43", "2"): (1, 1, 0.0), ("43", "4"): (1, 1, 0.0)}
    assert _figures(observatory, MOOD_ALL) == {("43", ""): (3, 3, 7.0)}
    assert _figures(observatory, MOOD_LOW) == {("43", ""): (2, 2, 0.0)}
    assert _figures(observatory, CASE_REASON) == {("43", "citizen_request"): (1, 1, 0.0)}
    citizens, taken, waited = _figures(observatory, CASE_TAKEN)[("43", "")]
    assert (citizens, taken) == (1, 1) and waited == pytest.approx(1800, abs=1)
    assert _figures(observatory, COACHES) == {("43", ""): (1, 1, 0.0)}
    # The month holds the same, as a month.
    month = period_start(OBSERVATORY_MONTH, WEEK)
    assert _figures(observatory, CONVERSATIONS, OBSERVATORY_MONTH, month)[("43", "")][0] == 3


def test_alerts_are_counted_where_they_were_sent(session_factory, clock, consent, observatory):
    from relais.services.events import EventDraft

    events = EventService(session_factory, clock=clock)
    for i in range(2):
        _citizen(consent, events, f"c63-{i}", "63000")
    events.declare(EventDraft(kind="coupure_eau", severity="vigilance", departements=("63",),
                              instructions="Eau en bouteille au gymnase.", ends_at=None))
    observatory.refresh()
    assert _figures(observatory, ALERTED) == {("63", ""): (2, 2, 0.0)}


def test_a_period_over_is_computed_once_more_then_never(session_factory, clock, consent, progress,
                                                        observatory):
    events = EventService(session_factory, clock=clock)
    _citizen(consent, events, "early", "43100")
    progress.enrol("early", "energie", "continu")
    observatory.refresh()
    # Next week: last week is computed once more (it ended), the new week for the first time.
    clock.now += timedelta(days=7)
    progress.enrol("early", "logement", "continu")
    assert observatory.refresh() >= 2
    before = _figures(observatory, NEED_TRACK)
    # A need written into last week after its final computation is not counted any more.
    clock.now -= timedelta(days=7)
    progress.enrol("early", "travail", "continu")
    clock.now += timedelta(days=7)
    observatory.refresh()
    assert _figures(observatory, NEED_TRACK) == before == {("43", "energie"): (1, 1, 0.0)}
    next_week = WEEK + timedelta(days=7)
    assert _figures(observatory, NEED_TRACK, start=next_week) == {("43", "logement"): (1, 1, 0.0)}


def test_moods_of_citizens_without_consent_are_not_counted(session_factory, clock, consent,
                                                          progress, observatory):
    events = EventService(session_factory, clock=clock)
    _citizen(consent, events, "withdrawn", "43100")
    progress.log_checkin("withdrawn", 1)
    consent.record_consent("withdrawn", False, NOTICE)
    observatory.refresh()
    assert _figures(observatory, MOOD) == {}


def test_week_bounds_are_local_midnights():
    # The week of the clock change (Sunday 25 October 2026): 169 hours.
    since, until = utc_bounds(OBSERVATORY_WEEK, date(2026, 10, 19))
    assert since.hour == 22 and until.hour == 23
    assert until - since == timedelta(hours=169)
    assert len(INDICATORS) == len(set(INDICATORS))
