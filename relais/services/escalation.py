"""Cases for human coaches of the local relais: opening (escalation) and the coach's steps.

Safety first: opening a case does NOT require consent. A citizen in crisis must reach a human
even if they never answered the consent question, so open_case creates a minimal citizen row
(the conversation id and nothing else) when there is none. Erasure removes it like any row.

At most one active (open or taken) case per citizen, enforced by the database's partial unique
index: concurrent escalations for the same citizen yield exactly one case.

Priority: 1 is the most urgent (crisis), see relais.models.CASE_PRIORITY. A case keeps the most
urgent of the reasons it was opened or re-requested for.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from relais.contact_wishes import ContactWishes
from relais.database import SessionFactory
from relais.directory import CoachScope
from relais.models import (
    ACTIVE_CASE_STATUSES,
    CASE_CLOSED,
    CASE_HANDED_BACK,
    CASE_OPEN,
    CASE_PRIORITY,
    CASE_TAKEN,
    Case,
    CaseAudit,
    Citizen,
    utc_now,
)
from relais.services.citizens import check_conversation_id, find_citizen, get_or_create_citizen
from relais.services.errors import CaseNotFound, InvalidCaseTransition
from relais.services.unit_of_work import run_in_transaction

# Who the audit names when the bot itself acts on a case.
BOT_ACTOR = "bot"
# ... and when the citizen acts on it (contact instructions, a withdrawal).
CITIZEN_ACTOR = "citizen"
FALSE_ALARM_NOTE = "false_alarm"
WITHDRAWN_NOTE = "withdrawn_by_citizen"


@dataclass(frozen=True)
class CaseInfo:
    id: int
    conversation_id: str
    reason: str
    priority: int
    status: str
    relais_code: str | None
    assigned_coach: str | None
    opened_at: datetime
    taken_at: datetime | None = None
    handed_back_at: datetime | None = None
    closed_at: datetime | None = None
    closing_note: str | None = None
    crisis_kind: str | None = None
    alert_raised_at: datetime | None = None
    contact_wishes: ContactWishes = ContactWishes()
    # True when this call opened the case, False when it returned the active one.
    created: bool = False

    @classmethod
    def of(cls, case: Case, conversation_id: str, created: bool = False) -> "CaseInfo":
        return cls(
            id=case.id,
            conversation_id=conversation_id,
            reason=case.reason,
            priority=case.priority,
            status=case.status,
            relais_code=case.relais_code,
            assigned_coach=case.assigned_coach,
            opened_at=case.opened_at,
            taken_at=case.taken_at,
            handed_back_at=case.handed_back_at,
            closed_at=case.closed_at,
            closing_note=case.closing_note,
            crisis_kind=case.crisis_kind,
            alert_raised_at=case.alert_raised_at,
            contact_wishes=ContactWishes.from_json(case.contact_wishes),
            created=created,
        )


class EscalationService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def open_case(
        self, conversation_id: str, reason: str, relais_code: str | None = None,
        crisis_kind: str | None = None, contact_wishes: ContactWishes = ContactWishes(),
    ) -> CaseInfo:
        """Open a case for a human coach, or return the citizen's active one (idempotent).

        If the active case is less urgent than `reason` (e.g. a crisis after a request for a
        human), it is raised to the new priority and takes the new reason. `crisis_kind` (a
        crisis only) is kept, and updated when another kind comes up.
        """
        conversation_id = check_conversation_id(conversation_id)
        if reason not in CASE_PRIORITY:
            raise ValueError(f"unknown case reason {reason!r}")
        priority = CASE_PRIORITY[reason]

        def work(session: Session) -> CaseInfo:
            now = self._clock()
            citizen = get_or_create_citizen(session, conversation_id, now)
            case = _active_case(session, citizen.id, for_update=True)
            if case is not None:
                if priority < case.priority:
                    case.priority = priority
                    case.reason = reason
                if crisis_kind and reason == "crisis":
                    case.crisis_kind = crisis_kind
                if relais_code and not case.relais_code:
                    case.relais_code = relais_code
                if contact_wishes.has_instructions:
                    case.contact_wishes = ContactWishes.from_json(case.contact_wishes).merged(
                        contact_wishes).to_json()
                return CaseInfo.of(case, conversation_id)
            case = Case(
                citizen_id=citizen.id,
                reason=reason,
                priority=priority,
                status=CASE_OPEN,
                relais_code=relais_code,
                opened_at=now,
                crisis_kind=crisis_kind if reason == "crisis" else None,
                contact_wishes=contact_wishes.to_json() if contact_wishes.has_instructions else None,
            )
            session.add(case)
            # Two concurrent calls both get here; the partial unique index makes the second
            # flush fail, and run_in_transaction retries: it then finds the first one's case.
            session.flush()
            return CaseInfo.of(case, conversation_id, created=True)

        return run_in_transaction(self._session_factory, work)

    def raise_alert(self, conversation_id: str, detail: str) -> CaseInfo | None:
        """The citizen of an active crisis case described a plan or a means: the coaches are
        called again at once (the desk compares alert_raised_at with its last call)."""
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> CaseInfo | None:
            case = _citizens_active_case(session, conversation_id, for_update=True)
            if case is None:
                return None
            case.alert_raised_at = self._clock()
            session.add(CaseAudit(case_id=case.id, action="alert_raised", actor=BOT_ACTOR,
                                  detail=detail, at=case.alert_raised_at))
            return CaseInfo.of(case, conversation_id)

        return run_in_transaction(self._session_factory, work)

    def add_contact_wishes(self, conversation_id: str, wishes: ContactWishes,
                           lifted: frozenset[str] = frozenset()) -> CaseInfo | None:
        """Keep the citizen's contact instructions on their active case, merged with earlier
        ones (ContactWishes.merged: newer hours replace older ones, `lifted` ones go); None
        when they have no active case."""
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> CaseInfo | None:
            case = _citizens_active_case(session, conversation_id, for_update=True)
            if case is None:
                return None
            kept = ContactWishes.from_json(case.contact_wishes).merged(wishes, lifted)
            if kept.to_json() != (case.contact_wishes or ContactWishes().to_json()):
                case.contact_wishes = kept.to_json()
                session.add(CaseAudit(case_id=case.id, action="contact_wish", actor=CITIZEN_ACTOR,
                                      detail=kept.to_json(), at=self._clock()))
            return CaseInfo.of(case, conversation_id)

        return run_in_transaction(self._session_factory, work)

    def withdraw(self, conversation_id: str) -> CaseInfo | None:
        """The citizen withdraws their request: the active case is closed, whoever holds it,
        and the audit says the citizen did it. None when there was no active case."""
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> CaseInfo | None:
            case = _citizens_active_case(session, conversation_id, for_update=True)
            if case is None:
                return None
            _close_by(session, case, self._clock(), WITHDRAWN_NOTE, "withdrawn", CITIZEN_ACTOR)
            return CaseInfo.of(case, conversation_id)

        return run_in_transaction(self._session_factory, work)

    def close_false_alarm(self, conversation_id: str, case_id: int) -> CaseInfo | None:
        """The citizen said the crisis was a misunderstanding: the case it opened is closed,
        and the audit says it was a false alarm. A case a coach already took stays with them."""
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> CaseInfo | None:
            citizen = find_citizen(session, conversation_id)
            case = session.get(Case, case_id)
            if citizen is None or case is None or case.citizen_id != citizen.id \
                    or case.status != CASE_OPEN:
                return None
            _close_by(session, case, self._clock(), FALSE_ALARM_NOTE, "false_alarm", BOT_ACTOR)
            return CaseInfo.of(case, conversation_id)

        return run_in_transaction(self._session_factory, work)

    def case(self, case_id: int) -> CaseInfo | None:
        """One case as it stands, whatever its status."""

        def work(session: Session) -> CaseInfo | None:
            row = session.execute(
                select(Case, Citizen.conversation_id)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .where(Case.id == case_id)
            ).one_or_none()
            return CaseInfo.of(*row) if row else None

        return run_in_transaction(self._session_factory, work)

    def active_case(self, conversation_id: str) -> CaseInfo | None:
        """The citizen's open or taken case, if any."""
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> CaseInfo | None:
            case = _citizens_active_case(session, conversation_id)
            return CaseInfo.of(case, conversation_id) if case else None

        return run_in_transaction(self._session_factory, work)

    def active_cases(self, scope: CoachScope | None = None) -> list[CaseInfo]:
        """The coaches' queue: every open or taken case (those `scope` covers, when given), most
        urgent first, then oldest."""

        def work(session: Session) -> list[CaseInfo]:
            query = (
                select(Case, Citizen.conversation_id)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .where(Case.status.in_(ACTIVE_CASE_STATUSES))
                .order_by(Case.priority, Case.opened_at, Case.id)
            )
            if scope is not None and not scope.national:
                query = query.where(or_(Case.relais_code.in_(sorted(scope.relais_codes)),
                                        Case.relais_code.is_(None)))
            rows = session.execute(query).all()
            return [CaseInfo.of(case, conversation_id) for case, conversation_id in rows]

        return run_in_transaction(self._session_factory, work)

    def take_case(self, case_id: int, coach: str) -> CaseInfo:
        """A coach takes an open case."""
        if not coach or not coach.strip():
            raise ValueError("coach is required")

        def step(case: Case, now: datetime) -> None:
            case.status = CASE_TAKEN
            case.assigned_coach = coach
            case.taken_at = now

        return self._transition(case_id, (CASE_OPEN,), step)

    def hand_back_case(self, case_id: int) -> CaseInfo:
        """The coach hands the conversation back to the bot; a new escalation opens a new case."""

        def step(case: Case, now: datetime) -> None:
            case.status = CASE_HANDED_BACK
            case.handed_back_at = now

        return self._transition(case_id, (CASE_TAKEN,), step)

    def transfer_case(self, case_id: int, relais_code: str) -> CaseInfo:
        """Move an active case to another relais team. A taken case goes back to the queue,
        taken by nobody: a coach of the new team takes it (coaches act on their relais only)."""
        if not relais_code:
            raise ValueError("relais_code is required")

        def step(case: Case, now: datetime) -> None:
            if case.status == CASE_TAKEN and relais_code != case.relais_code:
                case.status = CASE_OPEN
                case.assigned_coach = None
                case.taken_at = None
            case.relais_code = relais_code

        return self._transition(case_id, (CASE_OPEN, CASE_TAKEN), step)

    def close_case(self, case_id: int, note: str | None = None) -> CaseInfo:
        def step(case: Case, now: datetime) -> None:
            case.status = CASE_CLOSED
            case.closed_at = now
            case.closing_note = note

        return self._transition(case_id, (CASE_OPEN, CASE_TAKEN, CASE_HANDED_BACK), step)

    def _transition(
        self, case_id: int, allowed_from: tuple[str, ...], step: Callable[[Case, datetime], None]
    ) -> CaseInfo:
        def work(session: Session) -> CaseInfo:
            row = session.execute(
                select(Case, Citizen.conversation_id)
                .join(Citizen, Case.citizen_id == Citizen.id)
                .where(Case.id == case_id)
                .with_for_update(of=Case)
            ).one_or_none()
            if row is None:
                raise CaseNotFound(f"no case {case_id}")
            case, conversation_id = row
            if case.status not in allowed_from:
                raise InvalidCaseTransition(f"case {case_id} is {case.status}")
            step(case, self._clock())
            session.flush()
            return CaseInfo.of(case, conversation_id)

        return run_in_transaction(self._session_factory, work)


def _active_case(session: Session, citizen_id: int, for_update: bool = False) -> Case | None:
    query = select(Case).where(
        Case.citizen_id == citizen_id, Case.status.in_(ACTIVE_CASE_STATUSES)
    )
    if for_update:
        # PostgreSQL: two concurrent priority raises on the same case apply one after the
        # other. SQLite has no row locks (and needs none: its transactions are serialised).
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def _citizens_active_case(session: Session, conversation_id: str, for_update: bool = False) -> Case | None:
    """The open or taken case of the citizen of `conversation_id`, if any."""
    citizen = find_citizen(session, conversation_id)
    return _active_case(session, citizen.id, for_update=for_update) if citizen else None


def _close_by(session: Session, case: Case, now: datetime, note: str, action: str, actor: str) -> None:
    """Close a case on the citizen's word or the bot's (not a coach's), with its audit line."""
    case.status = CASE_CLOSED
    case.closed_at = now
    case.closing_note = note
    session.add(CaseAudit(case_id=case.id, action=action, actor=actor, at=now))
