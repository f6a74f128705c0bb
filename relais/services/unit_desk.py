"""The agents' side of doléances and envies: sign-in, the items of their territory, statuses,
answers (one by one, from a template, in bulk), notes, assignment, merging; and the public
figures of a territory.

Every query is bounded by the agent's territory (relais/territories.py): an item outside it is
"not found", never "forbidden" (which would confirm it exists). Every action is audited
(relais_agent_audit), without the citizen's text. A change the citizen should hear of writes a
notice in the same transaction (relais/services/grievances.py).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeAlias, cast

from sqlalchemy import Boolean, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from relais.database import SessionFactory
from relais.grievances import (
    AGENT_STATUSES,
    OPEN_STATUSES,
    OVERDUE_AFTER,
    THEMES,
    clean_text,
    grievance_texts,
    is_overdue,
    masked,
    published_count,
    reference_of,
)
from relais.models import (
    AGENT_ROLES,
    STATUS_DONE,
    STATUS_MERGED,
    STATUS_REJECTED,
    STATUS_WITHDRAWN,
    VISIBILITY_COUNTED,
    VISIBILITY_PUBLISHED,
    Agent,
    AgentAudit,
    AnswerTemplate,
    Grievance,
    GrievanceDetail,
    GrievanceNote,
    utc_now,
)
from relais.passwords import hash_password, verify_password
from relais.services.grievances import notice_for, place_of, summary_of
from relais.services.unit_of_work import run_in_transaction
from relais.territories import NATION, UNIT, Territories, Territory, territories

# A WHERE condition (the stubs type comparisons loosely: cast where they return Any).
Condition: TypeAlias = "ColumnElement[Boolean]"

PAGE_SIZE = 50
# Refusals of one login within the window after which even the right password is refused
# until the window has passed (slows a guesser down; the agent waits a quarter of an hour).
SIGN_IN_ATTEMPTS = 5
SIGN_IN_WINDOW = timedelta(minutes=15)
# Checked against when the login is unknown, so that both cases cost one scrypt.
_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
MAX_BULK = 500


class NotInTerritory(LookupError):
    """The item does not exist in the agent's territory (or at all: the agent cannot tell)."""


@dataclass(frozen=True)
class AgentInfo:
    id: int
    login: str
    name: str
    role: str
    territory: Territory


@dataclass(frozen=True)
class ItemFilter:
    status: str | None = None
    theme: str | None = None
    commune: str | None = None  # a commune name or a postal code
    older_than_days: int | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class ItemRow:
    id: int
    reference: str
    kind: str
    summary: str
    theme: str
    where: str
    status: str
    custom_status: str | None
    created_at: datetime
    overdue: bool
    assignee: str | None


@dataclass(frozen=True)
class ItemPage:
    rows: list[ItemRow]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class ItemDetail:
    row: ItemRow
    text: str
    visibility: str
    status_reason: str | None
    answer: str | None
    answered_at: datetime | None
    hidden: bool
    merged_into: str | None
    details: list[tuple[datetime, str]]
    notes: list[tuple[datetime, str, str]]  # at, agent's name, text


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    title: str
    text: str


@dataclass(frozen=True)
class PublicItem:
    reference: str
    kind: str
    theme: str
    text: str
    status: str
    answer: str | None


@dataclass(frozen=True)
class PublicReport:
    territory_name: str
    # (theme, count or None when under 11), and (status, count or None).
    by_theme: list[tuple[str, int | None]]
    by_status: list[tuple[str, int | None]]
    total: int | None
    published: list[PublicItem]
    done: list[PublicItem] = field(default_factory=list)


@dataclass(frozen=True)
class UnitSummary:
    territory: Territory
    received_last_day: int
    open_items: int
    overdue: int


class UnitDesk:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now,
                 places: Callable[[], Territories] = territories):
        self._session_factory = session_factory
        self._clock = clock
        self._places = places

    # --- agents -------------------------------------------------------------------------------

    def create_agent(self, login: str, name: str, password: str, role: str, territory: Territory) -> int:
        if role not in AGENT_ROLES or not self._places().exists(territory):
            raise ValueError(f"unknown role {role!r} or territory {territory}")
        password_hash = hash_password(password)

        def work(session: Session) -> int:
            agent = Agent(login=login.strip().lower(), name=name.strip(), password_hash=password_hash,
                          role=role, territory_kind=territory.kind, territory_code=territory.code,
                          created_at=self._clock())
            session.add(agent)
            session.flush()
            return agent.id

        return run_in_transaction(self._session_factory, work)

    def sign_in(self, login: str, password: str) -> AgentInfo | None:
        """The agent, or None: wrong login or password, or too many refusals for this login
        lately (SIGN_IN_ATTEMPTS in SIGN_IN_WINDOW, counted in the audit, so across processes).
        An unknown login costs the same scrypt as a known one: the time tells nothing."""

        def work(session: Session) -> AgentInfo | None:
            now = self._clock()
            wanted = login.strip().lower()
            agent = session.scalars(select(Agent).where(Agent.login == wanted, Agent.active.is_(True))).one_or_none()
            refusals = 0 if agent is None else session.scalar(select(func.count(AgentAudit.id)).where(
                AgentAudit.agent_id == agent.id, AgentAudit.action == "sign_in_refused",
                AgentAudit.at > now - SIGN_IN_WINDOW)) or 0
            valid = verify_password(password, agent.password_hash if agent else _DUMMY_HASH)
            if agent is None or not valid or refusals >= SIGN_IN_ATTEMPTS:
                _audit(session, agent.id if agent else None, "sign_in_refused", now,
                       detail="throttled" if agent and refusals >= SIGN_IN_ATTEMPTS else None)
                return None
            _audit(session, agent.id, "signed_in", now)
            return _agent_info(agent)

        return run_in_transaction(self._session_factory, work)

    def agent(self, agent_id: int) -> AgentInfo | None:
        def work(session: Session) -> AgentInfo | None:
            agent = session.get(Agent, agent_id)
            return _agent_info(agent) if agent is not None and agent.active else None

        return run_in_transaction(self._session_factory, work)

    def colleagues(self, agent: AgentInfo) -> list[tuple[int, str]]:
        """The agents of the same territory, to assign an item to."""

        def work(session: Session) -> list[tuple[int, str]]:
            rows = session.execute(select(Agent.id, Agent.name).where(
                Agent.territory_kind == agent.territory.kind,
                Agent.territory_code == agent.territory.code, Agent.active.is_(True),
            ).order_by(Agent.name)).all()
            return [(row[0], row[1]) for row in rows]

        return run_in_transaction(self._session_factory, work)

    def sign_out(self, agent: AgentInfo) -> None:
        run_in_transaction(self._session_factory,
                           lambda session: _audit(session, agent.id, "signed_out", self._clock()))

    # --- items --------------------------------------------------------------------------------

    def items(self, agent: AgentInfo, wanted: ItemFilter, page: int = 1) -> ItemPage:
        now = self._clock()

        def work(session: Session) -> ItemPage:
            conditions = [self._in_territory(agent.territory), *_filters(wanted, now)]
            total = session.scalar(select(func.count(Grievance.id)).where(*conditions)) or 0
            pages = max(1, -(-total // PAGE_SIZE))
            current = min(max(1, page), pages)
            rows = session.execute(
                select(Grievance, Agent.name).outerjoin(Agent, Agent.id == Grievance.assignee_id)
                .where(*conditions)
                .order_by(Grievance.created_at.desc(), Grievance.id.desc())
                .limit(PAGE_SIZE).offset((current - 1) * PAGE_SIZE)
            ).all()
            return ItemPage([_row(item, name, now) for item, name in rows], total, current, pages)

        return run_in_transaction(self._session_factory, work)

    def item(self, agent: AgentInfo, grievance_id: int) -> ItemDetail:
        def work(session: Session) -> ItemDetail:
            item = self._own(session, agent, grievance_id)
            _audit(session, agent.id, "viewed", self._clock(), item.id)
            return _detail(session, item, self._clock())

        return run_in_transaction(self._session_factory, work)

    def set_status(self, agent: AgentInfo, grievance_id: int, status: str,
                   custom_status: str | None = None, reason: str | None = None) -> None:
        if status not in AGENT_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        reason = clean_text(reason) or None
        if status == STATUS_REJECTED and not reason:
            raise ValueError("a reason is required for « non retenue »")

        def work(session: Session) -> None:
            item = self._own(session, agent, grievance_id)
            now = self._clock()
            changed = item.status != status
            item.status, item.status_reason, item.updated_at = status, reason, now
            item.custom_status = clean_text(custom_status)[:80] or None
            _audit(session, agent.id, "status", now, item.id, status)
            if changed:
                label = grievance_texts().statuses[status]
                if reason:
                    notice_for(session, item, "status_with_reason", now, status=label, reason=reason)
                else:
                    notice_for(session, item, "status", now, status=label)

        run_in_transaction(self._session_factory, work)

    def answer(self, agent: AgentInfo, grievance_ids: Sequence[int], text: str,
               status: str | None = None) -> int:
        """The unit's official answer to one item or, in bulk, to several (at most 500): each
        citizen gets it in their chat. Returns how many items were answered."""
        answer = clean_text(text)
        if not answer:
            raise ValueError("an empty answer")
        if status is not None and status not in AGENT_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        ids = list(dict.fromkeys(grievance_ids))[:MAX_BULK]

        def work(session: Session) -> int:
            now = self._clock()
            items = session.scalars(select(Grievance).where(
                Grievance.id.in_(ids), self._in_territory(agent.territory)).with_for_update()).all()
            if len(items) != len(ids):
                raise NotInTerritory(grievance_ids)
            for item in items:
                item.answer, item.answered_at, item.updated_at = answer, now, now
                if status is not None:
                    item.status = status
                notice_for(session, item, "answer", now, answer=answer)
                _audit(session, agent.id, "answered", now, item.id, status)
            if len(items) > 1:
                _audit(session, agent.id, "bulk_answered", now, None, str(len(items)))
            return len(items)

        return run_in_transaction(self._session_factory, work)

    def note(self, agent: AgentInfo, grievance_id: int, text: str) -> None:
        note = clean_text(text)
        if not note:
            raise ValueError("an empty note")

        def work(session: Session) -> None:
            item = self._own(session, agent, grievance_id)
            now = self._clock()
            session.add(GrievanceNote(grievance_id=item.id, agent_id=agent.id, text=note, at=now))
            _audit(session, agent.id, "noted", now, item.id)

        run_in_transaction(self._session_factory, work)

    def assign(self, agent: AgentInfo, grievance_id: int, assignee_id: int | None) -> None:
        def work(session: Session) -> None:
            item = self._own(session, agent, grievance_id)
            if assignee_id is not None and session.scalar(select(Agent.id).where(
                    Agent.id == assignee_id, Agent.territory_kind == agent.territory.kind,
                    Agent.territory_code == agent.territory.code)) is None:
                raise NotInTerritory(assignee_id)
            item.assignee_id = assignee_id
            _audit(session, agent.id, "assigned", self._clock(), item.id, str(assignee_id))

        run_in_transaction(self._session_factory, work)

    def merge(self, agent: AgentInfo, duplicate_id: int, into_id: int) -> None:
        """`duplicate_id` is the same thing as `into_id`: it closes as merged, its citizen is
        told, and follows the news of the other."""
        if duplicate_id == into_id:
            raise ValueError("an item cannot be merged into itself")

        def work(session: Session) -> None:
            duplicate = self._own(session, agent, duplicate_id)
            target = self._own(session, agent, into_id)
            now = self._clock()
            duplicate.status, duplicate.merged_into_id, duplicate.updated_at = STATUS_MERGED, target.id, now
            notice_for(session, duplicate, "merged", now, other=reference_of(target.id))
            _audit(session, agent.id, "merged", now, duplicate.id, reference_of(target.id))

        run_in_transaction(self._session_factory, work)

    def hide(self, agent: AgentInfo, grievance_id: int, hidden: bool) -> None:
        def work(session: Session) -> None:
            item = self._own(session, agent, grievance_id)
            item.hidden = hidden
            _audit(session, agent.id, "hidden", self._clock(), item.id, str(hidden))

        run_in_transaction(self._session_factory, work)

    # --- templates ----------------------------------------------------------------------------

    def templates(self, agent: AgentInfo) -> list[TemplateInfo]:
        def work(session: Session) -> list[TemplateInfo]:
            rows = session.scalars(select(AnswerTemplate).where(
                AnswerTemplate.territory_kind == agent.territory.kind,
                AnswerTemplate.territory_code == agent.territory.code,
            ).order_by(AnswerTemplate.title)).all()
            return [TemplateInfo(row.id, row.title, row.text) for row in rows]

        return run_in_transaction(self._session_factory, work)

    def save_template(self, agent: AgentInfo, title: str, text: str) -> int:
        title, body = clean_text(title)[:120], clean_text(text)
        if not title or not body:
            raise ValueError("a template needs a title and a text")

        def work(session: Session) -> int:
            template = session.scalars(select(AnswerTemplate).where(
                AnswerTemplate.territory_kind == agent.territory.kind,
                AnswerTemplate.territory_code == agent.territory.code,
                AnswerTemplate.title == title)).one_or_none()
            if template is None:
                template = AnswerTemplate(territory_kind=agent.territory.kind,
                                          territory_code=agent.territory.code, title=title, text=body)
                session.add(template)
            template.text = body
            session.flush()
            _audit(session, agent.id, "template_saved", self._clock(), None, title)
            return template.id

        return run_in_transaction(self._session_factory, work)

    def template(self, agent: AgentInfo, template_id: int) -> TemplateInfo:
        for template in self.templates(agent):
            if template.id == template_id:
                return template
        raise NotInTerritory(template_id)

    # --- summaries and public figures ---------------------------------------------------------

    def summary(self, territory: Territory) -> UnitSummary:
        """The daily summary of a unit: what came in over the last day, what is open, overdue."""
        now = self._clock()

        def work(session: Session) -> UnitSummary:
            scope = self._in_territory(territory)

            def count(*where: Condition) -> int:
                return int(session.scalar(select(func.count(Grievance.id)).where(scope, *where)) or 0)

            return UnitSummary(
                territory,
                received_last_day=count(Grievance.created_at >= now - timedelta(days=1)),
                open_items=count(Grievance.status.in_(OPEN_STATUSES)),
                overdue=count(*_overdue(now)),
            )

        return run_in_transaction(self._session_factory, work)

    def public_report(self, territory: Territory, items_shown: int = 100) -> PublicReport:
        """What anyone may see of a territory: counts of the items their citizens allowed to
        count or publish (a count under 11 is not shown), the published items (masked), and
        what was done."""
        places = self._places()

        def work(session: Session) -> PublicReport:
            scope = and_(self._in_territory(territory), Grievance.hidden.is_(False),
                         Grievance.visibility.in_((VISIBILITY_COUNTED, VISIBILITY_PUBLISHED)),
                         Grievance.status.not_in((STATUS_WITHDRAWN, STATUS_MERGED)))
            by_theme = _counts(session, Grievance.theme, scope)
            by_status = _counts(session, Grievance.status, scope)
            published_scope = and_(scope, Grievance.visibility == VISIBILITY_PUBLISHED)
            rows = session.scalars(select(Grievance).where(published_scope)
                                   .order_by(Grievance.updated_at.desc()).limit(items_shown)).all()
            done = session.scalars(select(Grievance).where(published_scope, Grievance.status == STATUS_DONE)
                                   .order_by(Grievance.updated_at.desc()).limit(items_shown)).all()
            return PublicReport(
                territory_name=places.name_of(territory),
                by_theme=[(theme, published_count(by_theme.get(theme, 0))) for theme in THEMES
                          if by_theme.get(theme)],
                by_status=[(status, published_count(count)) for status, count in sorted(by_status.items())],
                total=published_count(sum(by_theme.values())),
                published=[_public(row) for row in rows],
                done=[_public(row) for row in done],
            )

        return run_in_transaction(self._session_factory, work)

    def open_data(self, territory: Territory) -> list[dict[str, Any]]:
        """The rows of the CSV export: the published items only, masked, without any id of the
        citizen."""

        def work(session: Session) -> list[dict[str, Any]]:
            rows = session.scalars(select(Grievance).where(
                self._in_territory(territory), Grievance.hidden.is_(False),
                Grievance.visibility == VISIBILITY_PUBLISHED,
                Grievance.status.not_in((STATUS_WITHDRAWN, STATUS_MERGED)),
            ).order_by(Grievance.id)).all()
            return [{
                "reference": reference_of(row.id), "type": row.kind, "theme": row.theme,
                "commune": row.commune or "", "code_postal": row.postal_code or "",
                "statut": row.status, "texte": masked(row.text), "reponse": masked(row.answer or ""),
                "cree_le": row.created_at.date().isoformat(),
                "mis_a_jour_le": row.updated_at.date().isoformat(),
            } for row in rows]

        return run_in_transaction(self._session_factory, work)

    # --- scope --------------------------------------------------------------------------------

    def _in_territory(self, territory: Territory) -> Condition:
        if territory.kind == UNIT:
            return cast(Condition, Grievance.unit_code == territory.code)
        if territory.kind == NATION:
            return cast(Condition, Grievance.id.is_not(None))
        departements = self._places().departements_of(territory) or ()
        return cast(Condition, Grievance.departement.in_(departements))

    def _own(self, session: Session, agent: AgentInfo, grievance_id: int) -> Grievance:
        item = session.scalars(select(Grievance).where(
            Grievance.id == grievance_id, self._in_territory(agent.territory)).with_for_update()
        ).one_or_none()
        if item is None:
            raise NotInTerritory(grievance_id)
        return cast(Grievance, item)


def _filters(wanted: ItemFilter, now: datetime) -> list[Condition]:
    conditions: list[Condition] = []
    if wanted.status:
        conditions.append(Grievance.status == wanted.status)
    if wanted.theme:
        conditions.append(Grievance.theme == wanted.theme)
    if wanted.commune:
        place = wanted.commune.strip()
        conditions.append(cast(Condition, or_(Grievance.postal_code == place,
                                              func.lower(Grievance.commune) == place.lower())))
    if wanted.older_than_days:
        conditions.append(Grievance.created_at <= now - timedelta(days=wanted.older_than_days))
    if wanted.overdue_only:
        conditions.extend(_overdue(now))
    return conditions


def _counts(session: Session, column: Any, scope: Condition) -> dict[str, int]:
    rows = session.execute(select(column, func.count(Grievance.id)).where(scope).group_by(column)).all()
    return {str(row[0]): int(row[1]) for row in rows}


def _overdue(now: datetime) -> list[Condition]:
    return [Grievance.status.in_(OPEN_STATUSES), Grievance.answered_at.is_(None),
            Grievance.created_at < now - OVERDUE_AFTER]


def _row(item: Grievance, assignee: str | None, now: datetime) -> ItemRow:
    return ItemRow(
        id=item.id, reference=reference_of(item.id), kind=item.kind, summary=summary_of(item.text),
        theme=item.theme, where=place_of(item.postal_code, item.commune, item.quartier),
        status=item.status, custom_status=item.custom_status, created_at=item.created_at,
        overdue=is_overdue(item.status, item.answered_at, item.created_at, now), assignee=assignee,
    )


def _detail(session: Session, item: Grievance, now: datetime) -> ItemDetail:
    assignee = session.get(Agent, item.assignee_id) if item.assignee_id else None
    details = session.execute(select(GrievanceDetail.at, GrievanceDetail.text)
                              .where(GrievanceDetail.grievance_id == item.id)
                              .order_by(GrievanceDetail.at)).all()
    notes = session.execute(select(GrievanceNote.at, Agent.name, GrievanceNote.text)
                            .outerjoin(Agent, Agent.id == GrievanceNote.agent_id)
                            .where(GrievanceNote.grievance_id == item.id)
                            .order_by(GrievanceNote.at)).all()
    return ItemDetail(
        row=_row(item, assignee.name if assignee else None, now), text=item.text,
        visibility=item.visibility, status_reason=item.status_reason, answer=item.answer,
        answered_at=item.answered_at, hidden=item.hidden,
        merged_into=reference_of(item.merged_into_id) if item.merged_into_id else None,
        details=[(at, text) for at, text in details],
        notes=[(at, name or "ancien agent", text) for at, name, text in notes],
    )


def _public(row: Grievance) -> PublicItem:
    return PublicItem(reference_of(row.id), row.kind, row.theme, masked(row.text), row.status,
                      masked(row.answer) if row.answer else None)


def _agent_info(agent: Agent) -> AgentInfo:
    return AgentInfo(agent.id, agent.login, agent.name, agent.role,
                     Territory(agent.territory_kind, agent.territory_code))


def _audit(session: Session, agent_id: int | None, action: str, at: datetime,
           grievance_id: int | None = None, detail: str | None = None) -> None:
    session.add(AgentAudit(agent_id=agent_id, action=action, grievance_id=grievance_id,
                           detail=detail, at=at))

