"""The citizen's progress: tracks followed, check-ins, goals, micro-actions, and a summary.

The summary is data (dates, counts, a trend); texts/progress.py words it in French.

Every write requires consent (ConsentRequired otherwise): without it nothing is kept.
Weeks are ISO weeks (Monday to Sunday) in UTC.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from relais.database import SessionFactory
from relais.models import (
    MOOD_MAX,
    MOOD_MIN,
    PROGRESS_ACTION_DONE,
    PROGRESS_ACTION_SKIPPED,
    PROGRESS_CHECKIN,
    PROGRESS_GOAL,
    Enrolment,
    Need,
    ProgressEntry,
    utc_now,
)
from relais.services.citizens import check_conversation_id, citizen_with_consent, find_citizen
from relais.services.unit_of_work import run_in_transaction
from relais.tracks import PHASES, TRACKS

RECENT_ACTIONS = 5
# A need said again within this time is the same need.
NEED_NOTED_FOR = timedelta(days=1)
TREND_WEEKS = 4
# Slope of the weekly mood averages, in mood points per week, beyond which the mood is said
# to go up or down (0.25/week is about one point over the four weeks shown).
TREND_SLOPE = 0.25
# The direction of the mood over the weeks shown; the adapters word it for their readers.
Trend = Literal["up", "steady", "down"]
TREND_UP: Trend = "up"
TREND_STEADY: Trend = "steady"
TREND_DOWN: Trend = "down"


@dataclass(frozen=True)
class EnrolmentInfo:
    track: str
    phase: str
    started_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ActionDone:
    text: str
    track: str | None
    at: datetime


@dataclass(frozen=True)
class Goal:
    text: str
    track: str | None
    set_at: datetime


@dataclass(frozen=True)
class WeeklyMood:
    week_start: date  # a Monday
    average: float | None  # None: no check-in with a mood that week


@dataclass(frozen=True)
class ProgressSummary:
    actions_done_total: int
    recent_actions_done: tuple[ActionDone, ...]  # most recent first
    current_goal: Goal | None
    checkin_streak_weeks: int
    weekly_moods: tuple[WeeklyMood, ...]  # TREND_WEEKS weeks, oldest first, this week last
    mood_trend: Trend | None  # None: too few data
    last_checkin_at: datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.actions_done_total or self.current_goal or self.last_checkin_at)


class ProgressService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def enrol(self, conversation_id: str, track: str, phase: str,
              scenario: str | None = None) -> EnrolmentInfo:
        """Follow `track` in `phase`; enrolling again in the same track updates the phase. The
        need is noted for the observatory (with the urgence's scenario, a topic key, if known),
        once a day per track and scenario."""
        conversation_id = check_conversation_id(conversation_id)
        _check_track(track, required=True)
        if phase not in PHASES:
            raise ValueError(f"unknown phase {phase!r}")

        def work(session: Session) -> EnrolmentInfo:
            citizen = citizen_with_consent(session, conversation_id)
            now = self._clock()
            enrolment = session.scalars(
                select(Enrolment).where(
                    Enrolment.citizen_id == citizen.id, Enrolment.track == track
                )
            ).one_or_none()
            if enrolment is None:
                # A concurrent enrolment in the same track fails on the unique constraint
                # and run_in_transaction retries, then updates this row instead.
                enrolment = Enrolment(citizen_id=citizen.id, track=track, started_at=now)
                session.add(enrolment)
            enrolment.phase = phase
            enrolment.updated_at = now
            _note_need(session, citizen.id, track, phase, scenario, now)
            session.flush()
            return EnrolmentInfo(track, phase, enrolment.started_at, enrolment.updated_at)

        return run_in_transaction(self._session_factory, work)

    def log_checkin(
        self,
        conversation_id: str,
        mood: int | None,
        note: str | None = None,
        track: str | None = None,
    ) -> int:
        """A check-in: a mood from 1 (very bad) to 5 (very good) and/or a note. Returns its id."""
        if mood is not None and (
            isinstance(mood, bool) or not isinstance(mood, int) or not MOOD_MIN <= mood <= MOOD_MAX
        ):
            raise ValueError(f"mood must be an integer from {MOOD_MIN} to {MOOD_MAX}")
        note = _clean_text(note)
        if mood is None and note is None:
            raise ValueError("a check-in needs a mood or a note")
        return self._add_entry(conversation_id, PROGRESS_CHECKIN, track, note, mood)

    def recent_moods(self, conversation_id: str, count: int = 3) -> list[int]:
        """The moods of the citizen's latest check-ins, newest first."""

        def work(session: Session) -> list[int]:
            citizen = find_citizen(session, check_conversation_id(conversation_id))
            if citizen is None:
                return []
            return [int(mood) for mood in session.scalars(
                select(ProgressEntry.mood)
                .where(ProgressEntry.citizen_id == citizen.id, ProgressEntry.kind == PROGRESS_CHECKIN,
                       ProgressEntry.mood.is_not(None))
                .order_by(ProgressEntry.created_at.desc(), ProgressEntry.id.desc()).limit(count)
            )]

        return run_in_transaction(self._session_factory, work)

    def set_goal(self, conversation_id: str, text: str, track: str | None = None) -> int:
        """The citizen's new current goal (the latest one counts). Returns its id."""
        return self._add_entry(conversation_id, PROGRESS_GOAL, track, _required_text(text))

    def mark_action(
        self, conversation_id: str, track: str | None, text: str, done: bool = True
    ) -> int:
        """A micro-action done (or skipped, with done=False). Returns its id."""
        kind = PROGRESS_ACTION_DONE if done else PROGRESS_ACTION_SKIPPED
        return self._add_entry(conversation_id, kind, track, _required_text(text))

    def summary(self, conversation_id: str) -> ProgressSummary:
        """What was done, the current goal, the check-in streak and the mood trend."""
        conversation_id = check_conversation_id(conversation_id)
        today = self._clock().date()

        def work(session: Session) -> ProgressSummary:
            citizen = find_citizen(session, conversation_id)
            if citizen is None:
                return _summarise(today, 0, [], None, [])
            entries = ProgressEntry.citizen_id == citizen.id
            done = ProgressEntry.kind == PROGRESS_ACTION_DONE
            total = session.scalar(select(func.count(ProgressEntry.id)).where(entries, done))
            recent = session.scalars(
                select(ProgressEntry)
                .where(entries, done)
                .order_by(ProgressEntry.created_at.desc(), ProgressEntry.id.desc())
                .limit(RECENT_ACTIONS)
            ).all()
            goal = session.scalars(
                select(ProgressEntry)
                .where(entries, ProgressEntry.kind == PROGRESS_GOAL)
                .order_by(ProgressEntry.created_at.desc(), ProgressEntry.id.desc())
                .limit(1)
            ).one_or_none()
            checkins = [(at, mood) for at, mood in session.execute(
                select(ProgressEntry.created_at, ProgressEntry.mood).where(
                    entries, ProgressEntry.kind == PROGRESS_CHECKIN
                )
            )]
            return _summarise(today, total, recent, goal, checkins)

        return run_in_transaction(self._session_factory, work)

    def _add_entry(
        self,
        conversation_id: str,
        kind: str,
        track: str | None,
        text: str | None,
        mood: int | None = None,
    ) -> int:
        conversation_id = check_conversation_id(conversation_id)
        _check_track(track, required=False)

        def work(session: Session) -> int:
            citizen = citizen_with_consent(session, conversation_id)
            entry = ProgressEntry(
                citizen_id=citizen.id,
                kind=kind,
                track=track,
                mood=mood,
                text=text,
                created_at=self._clock(),
            )
            session.add(entry)
            session.flush()
            return entry.id

        return run_in_transaction(self._session_factory, work)


def _note_need(session: Session, citizen_id: int, track: str, phase: str, scenario: str | None,
               now: datetime) -> None:
    """A Need row, unless the same one was noted in the last day (the observatory counts
    citizens with a need, not the turns of a conversation about it)."""
    scenario = scenario[:64] if scenario else None
    since = now - NEED_NOTED_FOR
    same = select(Need.id).where(
        Need.citizen_id == citizen_id, Need.track == track, Need.phase == phase, Need.at > since,
        Need.scenario.is_(None) if scenario is None else Need.scenario == scenario,
    ).limit(1)
    if session.scalars(same).first() is None:
        session.add(Need(citizen_id=citizen_id, track=track, phase=phase, scenario=scenario, at=now))


def _summarise(today: date, total: int, recent: Sequence[ProgressEntry], goal: ProgressEntry | None,
               checkins: Sequence[tuple[datetime, int | None]]) -> ProgressSummary:
    weekly = weekly_moods(today, checkins)
    # Goals and actions always have a text (_required_text); only checkins have none: the
    # column is nullable for them.
    return ProgressSummary(
        actions_done_total=total,
        recent_actions_done=tuple(ActionDone(e.text or "", e.track, e.created_at) for e in recent),
        current_goal=Goal(goal.text or "", goal.track, goal.created_at) if goal else None,
        checkin_streak_weeks=checkin_streak(today, [at for at, _ in checkins]),
        weekly_moods=weekly,
        mood_trend=mood_trend(weekly),
        last_checkin_at=max((at for at, _ in checkins), default=None),
    )


def week_start(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def checkin_streak(today: date, checkin_times: Sequence[datetime]) -> int:
    """Consecutive ISO weeks with at least one check-in, ending this week or, when this week
    has none yet, last week (a streak is not lost on Monday morning)."""
    weeks = {week_start(at.date()) for at in checkin_times}
    week = week_start(today)
    if week not in weeks:
        week -= timedelta(weeks=1)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def weekly_moods(
    today: date, checkins: Sequence[tuple[datetime, int | None]]
) -> tuple[WeeklyMood, ...]:
    """Average mood of each of the last TREND_WEEKS ISO weeks, this week included."""
    this_week = week_start(today)
    result = []
    for weeks_ago in range(TREND_WEEKS - 1, -1, -1):
        start = this_week - timedelta(weeks=weeks_ago)
        moods = [
            mood for at, mood in checkins if mood is not None and week_start(at.date()) == start
        ]
        average = sum(moods) / len(moods) if moods else None
        result.append(WeeklyMood(start, average))
    return tuple(result)


def mood_trend(weekly: Sequence[WeeklyMood]) -> Trend | None:
    """TREND_UP/STEADY/DOWN from the least-squares slope of the weekly averages (weeks
    without a mood are left out); None with fewer than two weeks of moods."""
    points = [(x, week.average) for x, week in enumerate(weekly) if week.average is not None]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    if slope >= TREND_SLOPE:
        return TREND_UP
    if slope <= -TREND_SLOPE:
        return TREND_DOWN
    return TREND_STEADY


def _check_track(track: str | None, required: bool) -> None:
    if track is None and not required:
        return
    if track not in TRACKS:
        raise ValueError(f"unknown track {track!r}")


def _clean_text(text: str | None) -> str | None:
    """The text as written, or None when blank. NUL characters are dropped: PostgreSQL
    cannot store them in text columns (and they carry nothing a citizen meant)."""
    if text is None:
        return None
    text = str(text).replace("\x00", "")
    return text if text.strip() else None


def _required_text(text: str | None) -> str:
    cleaned = _clean_text(text)
    if cleaned is None:
        raise ValueError("text is required")
    return cleaned

