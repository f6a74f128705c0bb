"""The retention policy: what Relais keeps, and for how long (README, "Retention").

- A conversation with consent (the citizen's rows in Relais' tables and Rasa's `events`) is
  erased whole `inactive_days` after its last activity: the same erasure as the citizen's own
  request (DataRightsService.erase).
- A citizen without consent given (a row created by an escalation, or after a refusal or a
  withdrawal), with its cases, is erased `unconsented_days` after its last activity.
- A closed case loses its content `closed_case_days` after it was closed: the closing note and
  the details of its audit rows. The audit rows themselves (who did what, when) stay, without
  content, as long as the case (until the conversation is erased as above).

"Activity" is the latest date found for the conversation in any table: the citizen's row and
consent, progress, tracks, cases, their audit (a coach relaying messages is activity), the edge's
inbox and keyboards, and Rasa's events. Nothing here knows a chat id beyond the run itself, and
the report holds counts only.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from relais.database import SessionFactory, rowcount
from relais.models import (
    CASE_CLOSED,
    CONSENT_GIVEN,
    RASA_EVENTS,
    Case,
    CaseAudit,
    CaseTopic,
    Citizen,
    Enrolment,
    InboxEntry,
    ProgressEntry,
    SentKeyboard,
    TopicMessage,
    rasa_events_exist,
    utc_now,
)
from relais.services.citizens import check_conversation_id
from relais.services.data_rights import DataRightsService
from relais.services.topic_erasure import request_topic_erasures
from relais.services.unit_of_work import run_in_transaction
from relais.settings import Settings


@dataclass(frozen=True)
class RetentionPolicy:
    inactive_days: int = 365
    unconsented_days: int = 90
    closed_case_days: int = 180

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetentionPolicy":
        return cls(
            inactive_days=settings.retention_inactive_days,
            unconsented_days=settings.retention_unconsented_days,
            closed_case_days=settings.retention_closed_case_days,
        )


@dataclass
class PurgeReport:
    """Counts only: how many conversations were erased, the rows deleted per table, and the
    closed cases whose content was removed."""

    conversations_erased: int = 0
    rows_deleted: dict[str, int] = field(default_factory=dict)
    closed_cases_stripped: int = 0
    audit_rows_stripped: int = 0
    topics_erased: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversations_erased": self.conversations_erased,
            "rows_deleted": dict(sorted(self.rows_deleted.items())),
            "closed_cases_stripped": self.closed_cases_stripped,
            "audit_rows_stripped": self.audit_rows_stripped,
            "topics_erased": self.topics_erased,
        }


class RetentionService:
    def __init__(self, session_factory: SessionFactory, policy: RetentionPolicy = RetentionPolicy(),
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._session_factory = session_factory
        self._policy = policy
        self._clock = clock
        self._data_rights = DataRightsService(session_factory, clock=clock)

    def purge(self) -> PurgeReport:
        """Apply the policy once. Each conversation is erased in its own transaction (as an
        erasure request would be); the closed cases are stripped in one."""
        now = self._clock()
        report = PurgeReport()
        deleted: Counter[str] = Counter()
        for conversation_id in self.conversations_to_erase(now):
            deleted.update(self._data_rights.erase(conversation_id))
            report.conversations_erased += 1
        report.rows_deleted = {table: count for table, count in deleted.items() if count}
        (report.closed_cases_stripped, report.audit_rows_stripped,
         report.topics_erased) = self._strip_closed_cases(now)
        return report

    def conversations_to_erase(self, now: datetime) -> list[str]:
        """The conversations whose last activity is older than their delay."""
        inactive_before = now - timedelta(days=self._policy.inactive_days)
        unconsented_before = now - timedelta(days=self._policy.unconsented_days)

        def work(session: Session) -> list[str]:
            last = _last_activity(session)
            consented = set(session.scalars(
                select(Citizen.conversation_id).where(Citizen.consent_status == CONSENT_GIVEN)))
            # Rasa writes `events` only with consent: a sender known there alone had consented.
            with_citizen = set(session.scalars(select(Citizen.conversation_id)))
            due = []
            for conversation_id, at in last.items():
                recorded = conversation_id in consented or conversation_id not in with_citizen
                if at < (inactive_before if recorded else unconsented_before):
                    due.append(conversation_id)
            return sorted(_valid_ids(due))

        return run_in_transaction(self._session_factory, work)

    def _strip_closed_cases(self, now: datetime) -> tuple[int, int, int]:
        closed_before = now - timedelta(days=self._policy.closed_case_days)
        old_closed = select(Case.id).where(Case.status == CASE_CLOSED, Case.closed_at < closed_before)

        def work(session: Session) -> tuple[int, int, int]:
            topics = _erase_topics(session, old_closed, now)
            cases = session.execute(
                update(Case).where(Case.id.in_(old_closed), Case.closing_note.is_not(None))
                .values(closing_note=None), execution_options={"synchronize_session": False})
            audit = session.execute(
                update(CaseAudit).where(CaseAudit.case_id.in_(old_closed), CaseAudit.detail.is_not(None))
                .values(detail=None), execution_options={"synchronize_session": False})
            return rowcount(cases), rowcount(audit), topics

        return run_in_transaction(self._session_factory, work)


def _erase_topics(session: Session, case_ids: Select, now: datetime) -> int:
    """A closed case's topic in the coaches' group holds its card (the last messages) and what
    was relayed: it goes with the case's content. The edge deletes it (bot/topic_erasure.py);
    the case forgets it, so that it is asked once."""
    topics = session.execute(
        select(CaseTopic.chat_id, CaseTopic.thread_id).where(CaseTopic.case_id.in_(case_ids))).all()
    requested = request_topic_erasures(session, case_ids, now)
    for chat_id, thread_id in topics:
        session.execute(delete(TopicMessage).where(TopicMessage.chat_id == chat_id,
                                                   TopicMessage.thread_id == thread_id))
    session.execute(delete(CaseTopic).where(CaseTopic.case_id.in_(case_ids)),
                    execution_options={"synchronize_session": False})
    return requested


def _last_activity(session: Session) -> dict[str, datetime]:
    """The latest date of each conversation found in any table."""
    last: dict[str, datetime] = {}

    # (conversation id, date or None): SQL rows or tuples.
    def note(rows: Iterable[Sequence[Any]]) -> None:
        for conversation_id, at in rows:
            if at is not None and (conversation_id not in last or at > last[conversation_id]):
                last[conversation_id] = at

    note(session.execute(select(Citizen.conversation_id, Citizen.created_at)).all())
    note(session.execute(select(Citizen.conversation_id, Citizen.consent_at)).all())
    by_citizen = [
        (ProgressEntry, ProgressEntry.citizen_id, ProgressEntry.created_at),
        (Enrolment, Enrolment.citizen_id, Enrolment.updated_at),
    ] + [(Case, Case.citizen_id, column) for column in
         (Case.opened_at, Case.taken_at, Case.handed_back_at, Case.closed_at, Case.alert_raised_at)]
    for model, citizen_id, at in by_citizen:
        note(session.execute(
            select(Citizen.conversation_id, func.max(at))
            .join_from(Citizen, model, citizen_id == Citizen.id)
            .group_by(Citizen.conversation_id)).all())
    note(session.execute(
        select(Citizen.conversation_id, func.max(CaseAudit.at))
        .join_from(Citizen, Case, Case.citizen_id == Citizen.id)
        .join(CaseAudit, CaseAudit.case_id == Case.id)
        .group_by(Citizen.conversation_id)).all())
    if rasa_events_exist(session):
        rows = session.execute(select(RASA_EVENTS.c.sender_id, func.max(RASA_EVENTS.c.timestamp))
                               .group_by(RASA_EVENTS.c.sender_id)).all()
        note((sender, _from_epoch(timestamp)) for sender, timestamp in rows)
    # The edge's inbox and keyboards are activity of a known conversation; alone, they are
    # the edge's own short-lived rows (purged within days by the edge), not a conversation.
    known = set(last)
    for chat_id, at in (
        session.execute(select(InboxEntry.chat_id, func.max(InboxEntry.received_at))
                        .group_by(InboxEntry.chat_id)).all()
        + session.execute(select(SentKeyboard.chat_id, func.max(SentKeyboard.sent_at))
                          .group_by(SentKeyboard.chat_id)).all()
    ):
        if chat_id in known:
            note([(chat_id, at)])
    return last


def _from_epoch(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc) if timestamp is not None else None


def _valid_ids(conversation_ids: Iterable[str]) -> Iterable[str]:
    """Ids the erasure accepts (Rasa's table may hold senders Relais never wrote)."""
    for conversation_id in conversation_ids:
        try:
            yield check_conversation_id(conversation_id)
        except ValueError:
            continue
