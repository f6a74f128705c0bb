"""The points of the citizen's progress chart (issue #16, "a picture for the citizen"): the
moods of the check-ins, the steps done each week and the current goal, over the last
CHART_WEEKS ISO weeks. Data only: relais/progress_chart.py draws them, texts/progress.py words
the summary that goes with the picture.

Like the summary, nothing is kept without consent, so a citizen without it has no points.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from relais.database import SessionFactory
from relais.models import (
    PROGRESS_ACTION_DONE,
    PROGRESS_CHECKIN,
    PROGRESS_GOAL,
    ProgressEntry,
    utc_now,
)
from relais.services.citizens import check_conversation_id, find_citizen
from relais.services.progress import (
    RECENT_ACTIONS,
    Goal,
    ProgressSummary,
    _summarise,
    week_start,
)
from relais.services.unit_of_work import run_in_transaction

# Two months: long enough to see a direction, short enough for a phone screen.
CHART_WEEKS = 8


@dataclass(frozen=True)
class MoodPoint:
    at: datetime
    mood: int  # MOOD_MIN to MOOD_MAX


@dataclass(frozen=True)
class WeekSteps:
    week_start: date  # a Monday
    done: int  # steps (micro-actions) done that week


@dataclass(frozen=True)
class ProgressChart:
    today: date
    moods: tuple[MoodPoint, ...]  # check-ins with a mood in the weeks shown, oldest first
    steps: tuple[WeekSteps, ...]  # CHART_WEEKS weeks, oldest first, this week last
    goal: Goal | None  # the current goal, whenever it was set

    @property
    def first_day(self) -> date:
        return self.steps[0].week_start if self.steps else week_start(self.today)

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no mood, no step done in the weeks shown, no goal."""
        return not self.moods and not any(week.done for week in self.steps) and self.goal is None


class ProgressPictureService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def chart(self, conversation_id: str) -> ProgressChart:
        """The chart's points for the citizen (empty for an unknown citizen)."""
        return self.progress(conversation_id)[1]

    def progress(self, conversation_id: str) -> tuple[ProgressSummary, ProgressChart]:
        """The summary and the chart's points, read in one transaction."""
        conversation_id = check_conversation_id(conversation_id)
        today = self._clock().date()

        def work(session: Session) -> tuple[ProgressSummary, ProgressChart]:
            citizen = find_citizen(session, conversation_id)
            if citizen is None:
                return _summarise(today, 0, [], None, []), _chart(today, [], [], None)
            return progress_in(session, citizen.id, today)

        return run_in_transaction(self._session_factory, work)


def progress_in(session: Session, citizen_id: int, today: date) -> tuple[ProgressSummary, ProgressChart]:
    """The summary (as ProgressService.summary gives it) and the chart's points, in the
    caller's transaction: the weekly check-in is written with them (services/checkins.py)."""
    entries = ProgressEntry.citizen_id == citizen_id
    kinds = (PROGRESS_CHECKIN, PROGRESS_GOAL, PROGRESS_ACTION_DONE)
    rows = session.scalars(
        select(ProgressEntry)
        .where(entries, ProgressEntry.kind.in_(kinds))
        .order_by(ProgressEntry.created_at.desc(), ProgressEntry.id.desc())
    ).all()
    checkins = [(row.created_at, row.mood) for row in rows if row.kind == PROGRESS_CHECKIN]
    done = [row for row in rows if row.kind == PROGRESS_ACTION_DONE]
    goal_row = next((row for row in rows if row.kind == PROGRESS_GOAL), None)
    summary = _summarise(today, len(done), done[:RECENT_ACTIONS], goal_row, checkins)
    goal = summary.current_goal
    return summary, _chart(today, checkins, [row.created_at for row in done], goal)


def _chart(today: date, checkins: list[tuple[datetime, int | None]], done_at: list[datetime],
           goal: Goal | None) -> ProgressChart:
    this_week = week_start(today)
    weeks = [this_week - timedelta(weeks=ago) for ago in range(CHART_WEEKS - 1, -1, -1)]
    first = weeks[0]
    moods = sorted(
        (MoodPoint(at, int(mood)) for at, mood in checkins
         if mood is not None and first <= at.date() <= today),
        key=lambda point: point.at,
    )
    steps = tuple(
        WeekSteps(week, sum(1 for at in done_at if week_start(at.date()) == week)) for week in weeks
    )
    return ProgressChart(today=today, moods=tuple(moods), steps=steps, goal=goal)
