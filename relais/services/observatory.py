"""The observatory's figures: computed in SQL from the other tables into relais_observatory_cells,
a period at a time, and read back from there by the pages (never from the conversations).

A cell is (period, period start, département, indicator, key) with the number of distinct
citizens it counts (what statistical secrecy is decided on: relais.statistical_secrecy), the
number of facts, and a sum for means. Periods are weeks (Monday) and months in local time.

A period is computed again at every refresh while it lasts, and once more after it ended; from
then on it is final: a case of last week taken today stays as it stood then. Each citizen is
counted in the département they last gave (relais_citizens.departement; "" when unknown), an
alert's recipient in the département it was sent to. Moods come only from check-ins, which exist
only with consent to the coaching memory; the consent is checked again here.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta, timezone
from functools import partial
from typing import Any

from sqlalchemy import and_, delete, func, insert, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.expression import ColumnElement

from relais.database import SessionFactory
from relais.local_time import LOCAL_TIME
from relais.models import (
    CONSENT_GIVEN,
    OBSERVATORY_MONTH,
    OBSERVATORY_PERIODS,
    OBSERVATORY_WEEK,
    PROGRESS_CHECKIN,
    Case,
    Citizen,
    EventRecipient,
    Grievance,
    Need,
    ObservatoryCell,
    ObservatoryFigure,
    ObservatoryRefresh,
    ProgressEntry,
    utc_now,
)
from relais.observatory import Figure, publish_cells
from relais.observatory_indicators import (
    ALERTED,
    CASE_REASON,
    CASE_STATUS,
    CASE_TAKEN,
    COACHES,
    CONVERSATIONS,
    GRIEVANCE_KIND,
    GRIEVANCE_STATUS,
    GRIEVANCE_THEME,
    LOW_MOOD,
    MOOD,
    MOOD_ALL,
    MOOD_LOW,
    NEED_TRACK,
    NO_KEY,
    UNKNOWN_DEPARTEMENT,
    URGENCE,
    URGENCE_SCENARIO,
    WELFARE,
    Cell,
)
from relais.services.unit_of_work import run_in_transaction
from relais.territories import Territories, territories

# How far back a first refresh goes.
BACKFILL_PERIODS = {OBSERVATORY_WEEK: 26, OBSERVATORY_MONTH: 12}
def period_start(period: str, day: date) -> date:
    if period == OBSERVATORY_WEEK:
        return day - timedelta(days=day.weekday())
    if period == OBSERVATORY_MONTH:
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}")


def next_period(period: str, start: date) -> date:
    if period == OBSERVATORY_WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def previous_periods(period: str, last: date, count: int) -> list[date]:
    """The `count` periods ending with the one starting `last`, oldest first."""
    starts = [last]
    for _ in range(count - 1):
        starts.append(period_start(period, starts[-1] - timedelta(days=1)))
    return starts[::-1]


def utc_bounds(period: str, start: date) -> tuple[datetime, datetime]:
    """The period's local midnights, in UTC (a week over a clock change is 167 or 169 hours)."""
    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(), LOCAL_TIME).astimezone(timezone.utc)
    return midnight(start), midnight(next_period(period, start))


class ObservatoryService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now,
                 places: Callable[[], Territories] = territories):
        self._session_factory = session_factory
        self._clock = clock
        self._places = places

    def refresh(self) -> int:
        """Compute the periods that are not final yet; returns how many were computed."""
        now = self._clock()
        today = now.astimezone(LOCAL_TIME).date()
        computed = 0
        for period in OBSERVATORY_PERIODS:
            for start in self._periods_to_compute(period, today):
                run_in_transaction(self._session_factory, partial(
                    _compute, period=period, start=start, now=now, places=self._places()))
                computed += 1
        return computed

    def cells(self, period: str, starts: Sequence[date], indicators: Iterable[str],
              departements: Sequence[str] | None = None) -> list[Cell]:
        """The cells of these periods and indicators, for these départements (all if None)."""
        def work(session: Session) -> list[Cell]:
            cell = ObservatoryCell
            query = select(cell.period_start, cell.departement, cell.indicator, cell.key,
                           cell.citizens, cell.facts, cell.total).where(
                cell.period == period, cell.period_start.in_(list(starts)),
                cell.indicator.in_(list(indicators)))
            if departements is not None:
                query = query.where(cell.departement.in_(list(departements)))
            return [Cell(*row) for row in session.execute(query)]
        return run_in_transaction(self._session_factory, work)

    def figures(self, period: str, start: date, places: Sequence[str] | None = None,
                indicators: Sequence[str] | None = None) -> list[Figure]:
        """The published figures of a period, for these places and indicators (all if None):
        plain rows, the only thing the pages read."""
        def work(session: Session) -> list[Figure]:
            figure = ObservatoryFigure
            query = select(figure.place, figure.indicator, figure.key, figure.citizens,
                           figure.facts, figure.total).where(
                figure.period == period, figure.period_start == start)
            if places is not None:
                query = query.where(figure.place.in_(list(places)))
            if indicators is not None:
                query = query.where(figure.indicator.in_(list(indicators)))
            return [Figure(*row) for row in session.execute(query)]
        return run_in_transaction(self._session_factory, work)

    def today(self) -> date:
        """Today in local time: the pages' current period."""
        return self._clock().astimezone(LOCAL_TIME).date()

    def computed_at(self, period: str, start: date) -> datetime | None:
        """When this period was last computed (None: never)."""
        def work(session: Session) -> datetime | None:
            computed: datetime | None = session.scalar(
                select(ObservatoryRefresh.refreshed_at).where(
                    ObservatoryRefresh.period == period, ObservatoryRefresh.period_start == start))
            return computed
        return run_in_transaction(self._session_factory, work)

    def refreshed_at(self) -> datetime | None:
        def work(session: Session) -> datetime | None:
            latest: datetime | None = session.scalar(select(func.max(ObservatoryRefresh.refreshed_at)))
            return latest
        return run_in_transaction(self._session_factory, work)

    def _periods_to_compute(self, period: str, today: date) -> list[date]:
        current = period_start(period, today)

        def work(session: Session) -> list[date]:
            done: dict[date, datetime] = dict(session.execute(  # type: ignore[arg-type]
                select(ObservatoryRefresh.period_start, ObservatoryRefresh.refreshed_at)
                .where(ObservatoryRefresh.period == period)).all())
            starts = previous_periods(period, current, BACKFILL_PERIODS[period])
            if done:
                # After the first refresh: from the oldest period not final, not the backfill.
                starts = [start for start in starts if start >= min(done)]
            return [start for start in starts
                    if start not in done or done[start] < utc_bounds(period, start)[1]]
        return run_in_transaction(self._session_factory, work)


def _compute(session: Session, *, period: str, start: date, now: datetime,
             places: Territories) -> None:
    """The period's cells from the facts, then its published figures from the cells."""
    since, until = utc_bounds(period, start)
    for model in (ObservatoryCell, ObservatoryFigure):
        session.execute(delete(model).where(model.period == period, model.period_start == start))
    cells = [Cell(start, departement or UNKNOWN_DEPARTEMENT, indicator,
                  str(key) if key is not None else NO_KEY, citizens, facts, float(total or 0))
             for indicator, query in _queries(session, since, until)
             for departement, key, citizens, facts, total in session.execute(query)]
    if cells:
        session.execute(insert(ObservatoryCell), [
            {"period": period, "period_start": start, "departement": cell.departement,
             "indicator": cell.indicator, "key": cell.key, "citizens": cell.citizens,
             "facts": cell.facts, "total": cell.total} for cell in cells])
        session.execute(insert(ObservatoryFigure), [
            {"period": period, "period_start": start, "place": figure.place,
             "indicator": figure.indicator, "key": figure.key, "citizens": figure.citizens,
             "facts": figure.facts, "total": figure.total}
            for figure in publish_cells(cells, places)])
    refresh = session.scalars(select(ObservatoryRefresh).where(
        ObservatoryRefresh.period == period, ObservatoryRefresh.period_start == start)).first()
    if refresh is None:
        session.add(ObservatoryRefresh(period=period, period_start=start, refreshed_at=now))
    else:
        refresh.refreshed_at = now
    session.flush()


def _queries(session: Session, since: datetime, until: datetime) -> list[tuple[str, Select]]:
    """Each indicator's query: (département, key, distinct citizens, facts, sum) per group."""
    place = func.coalesce(Citizen.departement, literal(UNKNOWN_DEPARTEMENT))
    no_key = literal(NO_KEY)

    def grouped(model: type, at: ColumnElement[Any], key: ColumnElement[Any], *where: ColumnElement[Any],
                counted: ColumnElement[Any] | None = None, summed: ColumnElement[Any] | None = None,
                departement: ColumnElement[Any] = place) -> Select:
        citizen_id = model.citizen_id  # type: ignore[attr-defined]
        return (select(departement, key, func.count(func.distinct(citizen_id)),
                       func.count(counted) if counted is not None else func.count(),
                       func.sum(summed) if summed is not None else literal(0))
                .join_from(model, Citizen, Citizen.id == citizen_id)
                .where(at >= since, at < until, *where)
                # A constant key is not grouped by (PostgreSQL refuses a constant there).
                .group_by(departement, *(() if key is no_key else (key,))))

    urgent = Need.phase == URGENCE
    checkin = and_(ProgressEntry.kind == PROGRESS_CHECKIN, ProgressEntry.mood.is_not(None),
                   Citizen.consent_status == CONSENT_GIVEN)
    taken = and_(Case.taken_at.is_not(None), Case.taken_at >= since, Case.taken_at < until)
    return [
        (CONVERSATIONS, grouped(Need, Need.at, no_key)),
        (NEED_TRACK, grouped(Need, Need.at, Need.track)),
        (URGENCE, grouped(Need, Need.at, no_key, urgent)),
        (URGENCE_SCENARIO, grouped(Need, Need.at, func.coalesce(Need.scenario, no_key), urgent)),
        (CASE_REASON, grouped(Case, Case.opened_at, Case.reason)),
        (CASE_STATUS, grouped(Case, Case.opened_at, Case.status)),
        # Taken in the period: how many, and the seconds they waited (for the mean wait).
        (CASE_TAKEN, grouped(Case, Case.taken_at, no_key, taken,
                             summed=_seconds_between(session, Case.opened_at, Case.taken_at))),
        # How many coaches took them: the capacity the cases met.
        (COACHES, grouped(Case, Case.taken_at, no_key, taken,
                          counted=func.distinct(Case.assigned_coach))),
        (GRIEVANCE_KIND, grouped(Grievance, Grievance.created_at, Grievance.kind)),
        (GRIEVANCE_THEME, grouped(Grievance, Grievance.created_at, Grievance.theme)),
        (GRIEVANCE_STATUS, grouped(Grievance, Grievance.created_at, Grievance.status)),
        (ALERTED, grouped(EventRecipient, EventRecipient.alerted_at, no_key,
                          departement=EventRecipient.departement)),
        (WELFARE, grouped(EventRecipient, EventRecipient.alerted_at,
                          func.coalesce(EventRecipient.answer, literal("none")),
                          departement=EventRecipient.departement)),
        (MOOD, grouped(ProgressEntry, ProgressEntry.created_at, ProgressEntry.mood, checkin)),
        (MOOD_ALL, grouped(ProgressEntry, ProgressEntry.created_at, no_key, checkin,
                           summed=ProgressEntry.mood)),
        (MOOD_LOW, grouped(ProgressEntry, ProgressEntry.created_at, no_key, checkin,
                           ProgressEntry.mood <= LOW_MOOD)),
    ]


def _seconds_between(session: Session, start: ColumnElement[Any], end: ColumnElement[Any]) -> ColumnElement[Any]:
    """end - start in seconds, in SQL: PostgreSQL subtracts timestamps, SQLite Julian days."""
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", end - start)
    return (func.julianday(end) - func.julianday(start)) * 86400.0


