"""The coach desk's records: which forum topic holds which case, when coaches were last called
for it, and the audit of what coaches do on cases. Plain domain code: the Telegram side is in
bot/coach_desk.py."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from relais.contact_wishes import allows_message
from relais.database import SessionFactory
from relais.models import (
    ACTIVE_CASE_STATUSES,
    CASE_OPEN,
    CASE_PRIORITY,
    CASE_TAKEN,
    Case,
    CaseAudit,
    CaseTopic,
    Citizen,
    Enrolment,
    HeldMessage,
    utc_now,
)
from relais.services.escalation import WITHDRAWN_NOTE, CaseInfo
from relais.services.unit_of_work import run_in_transaction

CRISIS_PRIORITY = CASE_PRIORITY["crisis"]
DESK_ACTOR = "desk"
# The audit names the citizen by role only: never their chat id.
CITIZEN_ACTOR = "citizen"
# The watchdog's verdicts on a taken case whose citizen waits for the coach.
REMIND, HAND_BACK = "remind", "hand_back"
# What counts as the coach's answer to the citizen.
_COACH_ANSWERS = ("taken", "message")
# What the citizen does on their case that the desk tells the coaches in its topic.
CITIZEN_ACTS = ("contact_wish", "withdrawn")


@dataclass(frozen=True)
class TopicInfo:
    case_id: int
    chat_id: int
    thread_id: int
    card_message_id: int | None
    last_called_at: datetime
    called_priority: int

    @classmethod
    def of(cls, topic: CaseTopic) -> "TopicInfo":
        return cls(topic.case_id, topic.chat_id, topic.thread_id, topic.card_message_id,
                   topic.last_called_at, topic.called_priority)


@dataclass(frozen=True)
class WaitingCase:
    """A taken case whose citizen wrote last: since when they wait, and what is due."""

    case: CaseInfo
    topic: TopicInfo
    waiting_since: datetime
    due: str  # REMIND or HAND_BACK


@dataclass(frozen=True)
class CitizenNotice:
    """The citizen changed their contact instructions or withdrew, since the desk last posted
    in the topic; `until` is the latest of those acts."""

    case: CaseInfo
    topic: TopicInfo
    withdrawn: bool
    until: datetime


@dataclass(frozen=True)
class HeldInfo:
    id: int
    case_id: int
    actor: str
    coach_name: str
    text: str
    held_at: datetime


@dataclass(frozen=True)
class HeldDelivery:
    """A held message the citizen's instructions now allow, with its taken case and topic."""

    held: HeldInfo
    case: CaseInfo
    topic: TopicInfo | None


class DeskService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def cases_without_topic(self) -> list[CaseInfo]:
        """Active cases no topic was made for yet, most urgent first."""

        def work(session: Session) -> list[CaseInfo]:
            rows = session.execute(
                _cases_query()
                .outerjoin(CaseTopic, CaseTopic.case_id == Case.id)
                .where(Case.status.in_(ACTIVE_CASE_STATUSES), CaseTopic.case_id.is_(None))
            ).all()
            return [CaseInfo.of(case, conversation_id) for case, conversation_id in rows]

        return run_in_transaction(self._session_factory, work)

    def record_topic(self, case: CaseInfo, chat_id: int, thread_id: int,
                     card_message_id: int | None) -> None:
        def work(session: Session) -> None:
            now = self._clock()
            session.add(CaseTopic(
                case_id=case.id, chat_id=chat_id, thread_id=thread_id,
                card_message_id=card_message_id, announced_at=now, last_called_at=now,
                called_priority=case.priority,
            ))
            session.add(CaseAudit(case_id=case.id, action="announced", actor=DESK_ACTOR, at=now))

        run_in_transaction(self._session_factory, work)

    def latest_track(self, conversation_id: str) -> str | None:
        """The track the citizen last worked on (kept with consent only), for a topic's name."""

        def work(session: Session) -> str | None:
            track: str | None = session.scalar(
                select(Enrolment.track)
                .join(Citizen, Enrolment.citizen_id == Citizen.id)
                .where(Citizen.conversation_id == str(conversation_id))
                .order_by(Enrolment.updated_at.desc(), Enrolment.id.desc())
                .limit(1)
            )
            return track

        return run_in_transaction(self._session_factory, work)

    def set_card(self, case_id: int, card_message_id: int) -> None:
        def work(session: Session) -> None:
            _topic(session, case_id).card_message_id = card_message_id

        run_in_transaction(self._session_factory, work)

    def topic_of_case(self, case_id: int) -> TopicInfo | None:
        def work(session: Session) -> TopicInfo | None:
            topic = session.get(CaseTopic, case_id)
            return TopicInfo.of(topic) if topic else None

        return run_in_transaction(self._session_factory, work)

    def case_of_topic(self, chat_id: int, thread_id: int | None) -> CaseInfo | None:
        if thread_id is None:
            return None

        def work(session: Session) -> CaseInfo | None:
            row = session.execute(
                _cases_query()
                .join(CaseTopic, CaseTopic.case_id == Case.id)
                .where(CaseTopic.chat_id == chat_id, CaseTopic.thread_id == thread_id)
            ).one_or_none()
            return CaseInfo.of(*row) if row else None

        return run_in_transaction(self._session_factory, work)

    def taken_case(self, conversation_id: str) -> tuple[CaseInfo, TopicInfo | None] | None:
        """The citizen's case a coach has taken, with its Telegram topic (None when taken at
        the local desk): while there is one, the bot stays silent and the conversation goes
        through the coach."""

        def work(session: Session) -> tuple[CaseInfo, TopicInfo | None] | None:
            row = session.execute(
                select(Case, Citizen.conversation_id, CaseTopic)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .outerjoin(CaseTopic, CaseTopic.case_id == Case.id)
                .where(Citizen.conversation_id == str(conversation_id), Case.status == CASE_TAKEN)
            ).one_or_none()
            if row is None:
                return None
            case, conversation, topic = row
            return CaseInfo.of(case, conversation), TopicInfo.of(topic) if topic else None

        return run_in_transaction(self._session_factory, work)

    def cases_to_call(self, crisis_after: timedelta,
                      other_after: timedelta) -> list[tuple[CaseInfo, TopicInfo, bool]]:
        """Open cases nobody took, for which coaches must be called again: (case, topic,
        raised) where raised is True for a case that became more urgent since the last call."""

        def work(session: Session) -> list[tuple[CaseInfo, TopicInfo, bool]]:
            now = self._clock()
            rows = session.execute(
                select(Case, Citizen.conversation_id, CaseTopic)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .join(CaseTopic, CaseTopic.case_id == Case.id)
                .where(Case.status == CASE_OPEN)
                .order_by(Case.priority, Case.opened_at)
            ).all()
            due = []
            for case, conversation, topic in rows:
                delay = crisis_after if case.priority == CRISIS_PRIORITY else other_after
                # More urgent since the last call, or a plan or a means described since.
                raised = case.priority < topic.called_priority or (
                    case.alert_raised_at is not None and case.alert_raised_at > topic.last_called_at)
                if raised or now - topic.last_called_at >= delay:
                    due.append((CaseInfo.of(case, conversation), TopicInfo.of(topic), raised))
            return due

        return run_in_transaction(self._session_factory, work)

    def mark_called(self, case: CaseInfo) -> None:
        def work(session: Session) -> None:
            topic = _topic(session, case.id)
            topic.last_called_at = self._clock()
            topic.called_priority = case.priority
            session.add(CaseAudit(case_id=case.id, action="reannounced", actor=DESK_ACTOR,
                                  at=topic.last_called_at))

        run_in_transaction(self._session_factory, work)

    def citizen_notices(self) -> list[CitizenNotice]:
        """Cases with a topic whose citizen acted (contact instructions, withdrawal) since the
        desk last posted about it."""

        def work(session: Session) -> list[CitizenNotice]:
            latest = (
                select(CaseAudit.case_id, func.max(CaseAudit.at).label("until"))
                .where(CaseAudit.action.in_(CITIZEN_ACTS))
                .group_by(CaseAudit.case_id)
                .subquery()
            )
            rows = session.execute(
                select(Case, Citizen.conversation_id, CaseTopic, latest.c.until)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .join(CaseTopic, CaseTopic.case_id == Case.id)
                .join(latest, latest.c.case_id == Case.id)
                .where(or_(CaseTopic.noticed_until.is_(None), latest.c.until > CaseTopic.noticed_until))
                .order_by(Case.priority, Case.opened_at)
            ).all()
            return [CitizenNotice(CaseInfo.of(case, conversation), TopicInfo.of(topic),
                                  case.closing_note == WITHDRAWN_NOTE, until)
                    for case, conversation, topic, until in rows]

        return run_in_transaction(self._session_factory, work)

    def mark_noticed(self, case_id: int, until: datetime) -> None:
        def work(session: Session) -> None:
            topic = session.get(CaseTopic, case_id)
            if topic is not None:
                topic.noticed_until = until

        run_in_transaction(self._session_factory, work)

    def hold_message(self, case_id: int, actor: str, coach_name: str, text: str) -> HeldInfo:
        """Keep a coach's text that the citizen's contact instructions do not allow now."""

        def work(session: Session) -> HeldInfo:
            now = self._clock()
            held = HeldMessage(case_id=case_id, actor=str(actor), coach_name=coach_name, text=text,
                               held_at=now)
            session.add(held)
            session.add(CaseAudit(case_id=case_id, action="held", actor=str(actor), at=now))
            session.flush()
            return _held_info(held)

        return run_in_transaction(self._session_factory, work)

    def due_held_messages(self) -> list[HeldDelivery]:
        """Held messages of taken cases that the citizen's instructions allow now (the oldest
        first); those of cases no longer taken are dropped (audited): nobody may send them."""

        def work(session: Session) -> list[HeldDelivery]:
            now = self._clock()
            rows = session.execute(
                select(HeldMessage, Case, Citizen.conversation_id, CaseTopic)
                .join(Case, HeldMessage.case_id == Case.id)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .outerjoin(CaseTopic, CaseTopic.case_id == Case.id)
                .order_by(HeldMessage.held_at, HeldMessage.id)
            ).all()
            due = []
            for held, case, conversation, topic in rows:
                if case.status != CASE_TAKEN:
                    session.delete(held)
                    session.add(CaseAudit(case_id=case.id, action="held_dropped", actor=DESK_ACTOR, at=now))
                    continue
                info = CaseInfo.of(case, conversation)
                if allows_message(info.contact_wishes, now, _last_citizen_message(session, case.id)):
                    due.append(HeldDelivery(_held_info(held), info, TopicInfo.of(topic) if topic else None))
            return due

        return run_in_transaction(self._session_factory, work)

    def release_held(self, held_id: int) -> bool:
        """The held message was sent: deleted, and audited. False when it was no longer there
        (cancelled, or sent by another pass)."""

        def work(session: Session) -> bool:
            held = session.get(HeldMessage, held_id)
            if held is None:
                return False
            session.add(CaseAudit(case_id=held.case_id, action="held_sent", actor=held.actor,
                                  at=self._clock()))
            session.delete(held)
            return True

        return run_in_transaction(self._session_factory, work)

    def cancel_held(self, case_id: int, actor: str) -> int:
        """The coach withdraws the case's held messages; how many there were."""

        def work(session: Session) -> int:
            held = session.scalars(select(HeldMessage).where(HeldMessage.case_id == case_id)).all()
            for message in held:
                session.delete(message)
                session.add(CaseAudit(case_id=case_id, action="held_dropped", actor=str(actor),
                                      at=self._clock()))
            return len(held)

        return run_in_transaction(self._session_factory, work)

    def last_citizen_message(self, case_id: int) -> datetime | None:
        """When the citizen last wrote to the coach of this case (the watchdog's audit)."""

        return run_in_transaction(self._session_factory,
                                  lambda session: _last_citizen_message(session, case_id))

    def record_citizen_message(self, case_id: int) -> None:
        """The citizen wrote to the coach of a taken case (the watchdog's clock starts)."""
        self.audit(case_id, "citizen_message", CITIZEN_ACTOR)

    def waiting_cases(self, remind_after: timedelta, hand_back_after: timedelta) -> list[WaitingCase]:
        """Taken cases (with a topic) whose citizen wrote and got no answer from the coach:
        a reminder is due after `remind_after` (once per message), the hand-back to the bot
        after `hand_back_after`, both counted from the citizen's oldest unanswered message."""

        def work(session: Session) -> list[WaitingCase]:
            now = self._clock()
            rows = session.execute(
                select(Case, Citizen.conversation_id, CaseTopic)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .join(CaseTopic, CaseTopic.case_id == Case.id)
                .where(Case.status == CASE_TAKEN)
                .order_by(Case.priority, Case.opened_at)
            ).all()
            audits = _audits_by_case(session, [case.id for case, _, _ in rows])
            due = []
            for case, conversation, topic in rows:
                since, reminded = _waiting(audits.get(case.id, []))
                if since is None:
                    continue
                if now - since >= hand_back_after:
                    verdict = HAND_BACK
                elif now - since >= remind_after and not reminded:
                    verdict = REMIND
                else:
                    continue
                due.append(WaitingCase(CaseInfo.of(case, conversation), TopicInfo.of(topic),
                                       since, verdict))
            return due

        return run_in_transaction(self._session_factory, work)

    def audit(self, case_id: int, action: str, actor: str, detail: str | None = None) -> None:
        def work(session: Session) -> None:
            session.add(CaseAudit(case_id=case_id, action=action, actor=str(actor),
                                  detail=detail, at=self._clock()))

        run_in_transaction(self._session_factory, work)


def _last_citizen_message(session: Session, case_id: int) -> datetime | None:
    at: datetime | None = session.scalar(
        select(func.max(CaseAudit.at))
        .where(CaseAudit.case_id == case_id, CaseAudit.action == "citizen_message"))
    return at


def _topic(session: Session, case_id: int) -> CaseTopic:
    """The topic the desk made for a case; a case without one is the caller's bug."""
    topic = session.get(CaseTopic, case_id)
    if topic is None:
        raise LookupError(f"case {case_id} has no topic")
    return topic


def _held_info(held: HeldMessage) -> HeldInfo:
    return HeldInfo(held.id, held.case_id, held.actor, held.coach_name, held.text, held.held_at)


def _audits_by_case(session: Session, case_ids: list[int]) -> dict[int, list[tuple[str, datetime]]]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(CaseAudit.case_id, CaseAudit.action, CaseAudit.at)
        .where(CaseAudit.case_id.in_(case_ids),
               CaseAudit.action.in_(_COACH_ANSWERS + ("citizen_message", "reminded")))
        .order_by(CaseAudit.id)
    ).all()
    audits: dict[int, list[tuple[str, datetime]]] = {}
    for case_id, action, at in rows:
        audits.setdefault(case_id, []).append((action, at))
    return audits


def _waiting(audits: list[tuple[str, datetime]]) -> tuple[datetime | None, bool]:
    """(when the citizen's first unanswered message came, whether the coach was reminded
    since), from a case's audit lines in order; (None, False) when nobody waits."""
    since, reminded = None, False
    for action, at in audits:
        if action in _COACH_ANSWERS:
            since, reminded = None, False
        elif action == "citizen_message" and since is None:
            since = at
        elif action == "reminded" and since is not None:
            reminded = True
    return since, reminded


def _cases_query() -> Select:
    return (
        select(Case, Citizen.conversation_id)
        .join(Citizen, Case.citizen_id == Citizen.id)
        .order_by(Case.priority, Case.opened_at, Case.id)
    )
