"""Check-ins Relais starts (issue #15), in the database: the citizen's plan (weekday, hour,
paused, stage), and `send_due`, which writes the due check-ins to the durable outbox and moves
each plan to its next time, in one transaction: a check-in is sent once, after any restart.

A plan needs consent to the coaching memory (a check-in records the mood). The day after an
urgence, one check-in; if it is left unanswered a day later, a person is offered; then weekly.
The weekly one comes after a picture of the citizen's progress when there is something to draw
(issue #16): the `picture` given by the composition draws it and words its caption.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from relais import checkins as rules
from relais.database import SessionFactory
from relais.models import (
    CHECKIN_AFTER_URGENCE,
    CHECKIN_URGENCE_NUDGE,
    CHECKIN_WEEKLY,
    CONSENT_GIVEN,
    OUTBOX_CHECKIN,
    CheckinPlan,
    Citizen,
    utc_now,
)
from relais.services import outbox
from relais.services.citizens import check_conversation_id, find_citizen
from relais.services.progress import ProgressSummary
from relais.services.progress_picture import ProgressChart, progress_in
from relais.services.unit_of_work import run_in_transaction

logger = logging.getLogger(__name__)

# Sent first among Relais' own messages after a danger alert and a welfare question.
CHECKIN_PRIORITY = 6
# The caption and the photo payload of a progress picture; None: nothing worth drawing.
Picture = Callable[[ProgressSummary, ProgressChart], tuple[str, dict[str, str]] | None]
# Drawing takes about a tenth of a second of CPU (and of the edge's interpreter lock): past
# this many seconds in one call of send_due, the weekly check-ins due go without their
# picture, on time, rather than hold the transaction and the edge for minutes.
PICTURE_SECONDS = 5.0


@dataclass(frozen=True)
class Plan:
    weekday: int
    hour: int
    next_at: datetime | None
    paused: bool
    stage: str


class NoConsent(Exception):
    """The citizen has not agreed to the coaching memory: no plan is kept."""


class CheckinService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now,
                 picture: Picture | None = None, picture_seconds: float = PICTURE_SECONDS):
        self._session_factory = session_factory
        self._clock = clock
        self._picture = picture
        self._picture_seconds = picture_seconds

    def after_urgence(self, conversation_id: str) -> bool:
        """Plan a check-in for tomorrow; False (nothing kept) without consent or when paused."""

        def work(session: Session) -> bool:
            now = self._clock()
            plan = _plan_of(session, conversation_id, now, create=True)
            if plan is None or plan.paused:
                return False
            plan.stage = CHECKIN_AFTER_URGENCE
            plan.next_at = rules.next_day(now)
            return True

        return run_in_transaction(self._session_factory, work)

    def once_in(self, conversation_id: str, days: int, hour: int | None = None) -> Plan:
        """One point in `days` days, at `hour` or else the plan's; the weekly day and hour are
        kept (« relancez-moi dans 3 jours », persona round 107). NoConsent. The returned plan's
        `weekday` and `hour` are the point's."""

        def work(session: Session) -> Plan:
            now = self._clock()
            plan = _plan_of(session, conversation_id, now, create=True)
            if plan is None:
                raise NoConsent()
            plan.paused = False
            plan.stage = CHECKIN_WEEKLY
            at = plan.hour if hour is None else hour
            plan.next_at = rules.in_days_at(now, days, at)
            return replace(_view(plan), weekday=rules.weekday_in_days(days, now), hour=at)

        return run_in_transaction(self._session_factory, work)

    def choose(self, conversation_id: str, weekday: int | None, hour: int | None) -> Plan:
        """The weekly check-in at this day and hour (those kept, or today's weekday at 18:00).
        NoConsent."""

        def work(session: Session) -> Plan:
            now = self._clock()
            plan = _plan_of(session, conversation_id, now, create=True)
            if plan is None:
                raise NoConsent()
            plan.weekday = plan.weekday if weekday is None else weekday
            plan.hour = plan.hour if hour is None else hour
            plan.paused = False
            if plan.stage == CHECKIN_WEEKLY:
                plan.next_at = rules.next_weekly(now, plan.weekday, plan.hour)
            return _view(plan)

        return run_in_transaction(self._session_factory, work)

    def pause(self, conversation_id: str) -> Plan | None:
        return self._change(conversation_id, lambda plan, now: setattr(plan, "paused", True))

    def resume(self, conversation_id: str) -> Plan | None:
        def change(plan: CheckinPlan, now: datetime) -> None:
            plan.paused = False
            plan.stage = CHECKIN_WEEKLY
            plan.next_at = rules.next_weekly(now, plan.weekday, plan.hour)

        return self._change(conversation_id, change)

    def stop(self, conversation_id: str) -> bool:
        def work(session: Session) -> bool:
            plan = _plan_of(session, conversation_id, self._clock(), create=False)
            if plan is None:
                return False
            session.delete(plan)
            return True

        return run_in_transaction(self._session_factory, work)

    def plan(self, conversation_id: str) -> Plan | None:
        return self._change(conversation_id, lambda plan, now: None)

    def note_reply(self, conversation_id: str) -> None:
        """The citizen wrote: the check-in sent is answered."""
        self._change(conversation_id, lambda plan, now: setattr(plan, "unanswered_since", None))

    def send_due(self, limit: int = 500) -> int:
        """Write the due check-ins to the outbox and move each plan on; how many were written."""

        def work(session: Session) -> int:
            now = self._clock()
            due = session.scalars(
                select(CheckinPlan)
                .where(CheckinPlan.next_at <= now, CheckinPlan.paused.is_(False))
                .order_by(CheckinPlan.next_at, CheckinPlan.id).limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            deadline = time.monotonic() + self._picture_seconds

            def picture(citizen_id: int) -> list[dict[str, Any]]:
                if self._picture is None or time.monotonic() > deadline:
                    return []
                citizen = session.get(Citizen, citizen_id)
                if citizen is None or not _consented(citizen):
                    return []
                summary, chart = progress_in(session, citizen_id, now.date())
                try:
                    made = self._picture(summary, chart)
                except Exception:  # a picture is a bonus: the check-in goes without it
                    logger.exception("Could not draw the progress picture of a check-in")
                    return []
                if made is None:
                    return []
                caption, photo = made
                return [outbox.reply(caption, silent=True, photo=photo)]

            messages = [message for plan in due
                        if (message := _step(plan, now, picture)) is not None]
            outbox.write(session, messages, now)
            return len(messages)

        return run_in_transaction(self._session_factory, work)

    def _change(self, conversation_id: str,
                change: Callable[[CheckinPlan, datetime], None]) -> Plan | None:
        def work(session: Session) -> Plan | None:
            now = self._clock()
            plan = _plan_of(session, conversation_id, now, create=False)
            if plan is None:
                return None
            change(plan, now)
            return _view(plan)

        return run_in_transaction(self._session_factory, work)


def _step(plan: CheckinPlan, now: datetime,
          picture: Callable[[int], list[dict[str, Any]]] = lambda citizen_id: []) -> outbox.Outgoing | None:
    """The message due for the plan's stage (None: nothing to say), and the plan's next time;
    the weekly check-in after the replies of `picture` (the citizen's progress)."""
    texts = rules.checkin_texts()
    checkin = (texts.buttons["checkin"], rules.CHECKIN_PAYLOAD)
    message: tuple[str, list[tuple[str, str]]] | None
    before: list[dict[str, Any]] = []
    if plan.stage == CHECKIN_AFTER_URGENCE:
        message = (texts.texts["after_urgence"], [checkin, (texts.buttons["person"], rules.PERSON_PAYLOAD)])
        plan.stage, plan.next_at = CHECKIN_URGENCE_NUDGE, now + rules.NUDGE_AFTER
        plan.unanswered_since = now
    elif plan.stage == CHECKIN_URGENCE_NUDGE:
        answered = plan.unanswered_since is None
        message = None if answered else (texts.texts["no_answer"],
                                         [(texts.buttons["person"], rules.PERSON_PAYLOAD)])
        plan.stage, plan.next_at = CHECKIN_WEEKLY, rules.next_weekly(now, plan.weekday, plan.hour)
    else:
        message = (texts.texts["weekly"], [checkin])
        before = picture(plan.citizen_id)
        plan.next_at = rules.next_weekly(now, plan.weekday, plan.hour)
        plan.unanswered_since = plan.unanswered_since or now
    if message is None:
        return None
    text, buttons = message
    return outbox.Outgoing(citizen_id=plan.citizen_id, kind=OUTBOX_CHECKIN, due_at=now,
                           priority=CHECKIN_PRIORITY,
                           replies=[*before, outbox.reply(text, buttons, silent=True)])


def _plan_of(session: Session, conversation_id: str, now: datetime,
             create: bool) -> CheckinPlan | None:
    """The citizen's plan; with `create`, a weekly one made when missing, with consent only."""
    citizen = find_citizen(session, check_conversation_id(conversation_id))
    if citizen is None:
        return None
    plan = session.scalars(select(CheckinPlan).where(CheckinPlan.citizen_id == citizen.id)).one_or_none()
    if plan is not None or not create or not _consented(citizen):
        return plan
    weekday, hour = rules.default_schedule(now)
    plan = CheckinPlan(citizen_id=citizen.id, weekday=weekday, hour=hour, paused=False,
                       stage=CHECKIN_WEEKLY, next_at=rules.next_weekly(now, weekday, hour))
    session.add(plan)
    return plan


def _consented(citizen: Citizen) -> bool:
    return citizen.consent_status == CONSENT_GIVEN


def _view(plan: CheckinPlan) -> Plan:
    return Plan(weekday=plan.weekday, hour=plan.hour, next_at=plan.next_at, paused=plan.paused,
                stage=plan.stage)
