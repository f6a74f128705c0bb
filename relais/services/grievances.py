"""Doléances and envies in the database: the citizen's side (record, list, add a detail,
withdraw) and the notices that carry the unit's news back to the chat.

Every change an agent makes that the citizen should hear of writes a notice in the durable
outbox in the same transaction (relais/services/unit_desk.py, relais/services/outbox.py), due
when the quiet hours allow; the edge moves it into the chat's queue: sent once, after any restart.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from relais.database import SessionFactory
from relais.directory import postal_code_to_departement
from relais.grievances import (
    OPEN_STATUSES,
    THEMES,
    clean_text,
    due_at,
    grievance_texts,
    reference_of,
)
from relais.models import (
    GRIEVANCE_KINDS,
    GRIEVANCE_VISIBILITIES,
    OUTBOX_GRIEVANCE,
    STATUS_WITHDRAWN,
    Citizen,
    Grievance,
    GrievanceDetail,
    utc_now,
)
from relais.services import outbox
from relais.services.citizens import (
    check_conversation_id,
    get_or_create_citizen,
    note_departement,
)
from relais.services.unit_of_work import run_in_transaction
from relais.territories import Territories, territories

SUMMARY_LENGTH = 60


@dataclass(frozen=True)
class Draft:
    """An item as the conversation collected it."""

    kind: str
    text: str
    theme: str
    visibility: str
    postal_code: str | None = None
    commune: str | None = None
    quartier: str | None = None
    notify_any_time: bool = False

    def __post_init__(self) -> None:
        if self.kind not in GRIEVANCE_KINDS or self.theme not in THEMES \
                or self.visibility not in GRIEVANCE_VISIBILITIES:
            raise ValueError(f"invalid draft {self.kind}/{self.theme}/{self.visibility}")
        if not clean_text(self.text):
            raise ValueError("an item needs a text")


@dataclass(frozen=True)
class Recorded:
    id: int
    reference: str
    unit_name: str | None


@dataclass(frozen=True)
class CitizenItem:
    id: int
    reference: str
    kind: str
    summary: str
    where: str
    status: str
    custom_status: str | None
    answer: str | None
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


# What withdraw and add_detail found.
DONE = "done"
NOT_FOUND = "not_found"
CLOSED = "closed"


@dataclass(frozen=True)
class Change:
    outcome: str
    item: CitizenItem | None


# What people write before the matter itself (« Bonjour, je voudrais signaler un truc pour mon
# quartier : … », persona round 90: the list showed only those words).
_PREFACE = re.compile(
    r"^((bonjour|bonsoir|salut|hello|madame|monsieur|alors|voil[àa]|et|bon|oui|ok)\b[\s,.!:;-]*)*"
    r"((j'ai aussi|jai aussi|j'ai|jai) (une|un) (envie|id[ée]e|dol[ée]ance|souci|probl[èe]me|truc)( a (signaler|proposer))?"
    r"|(je (voudrais|voudrai|veux|souhaite|souhaiterais|aimerais|vais|dois)|j'aimerais|jaimerais)( bien)? "
    r"(signaler|faire remonter|vous signaler|proposer|dire|faire (une|un) (dol[ée]ance|signalement|r[ée]clamation))"
    r"( (un|une|le) (truc|chose|probl[èe]me|souci|point))?( (pour|dans|sur|de) (mon|notre|le|la) (quartier|village|ville|commune|rue))?"
    r"( (que|qu'))?)?[\s,.!:;-]*",
    re.IGNORECASE)


def summary_of(text: str) -> str:
    """The first words of the matter of an item, for lists and notices."""
    text = " ".join(text.split())
    matter = _PREFACE.sub("", text, count=1).strip()
    text = (matter[:1].upper() + matter[1:]) if len(matter.split()) >= 3 else text
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1].rstrip() + "…"


def place_of(postal_code: str | None, commune: str | None, quartier: str | None) -> str:
    parts = [part for part in (commune, postal_code) if part]
    place = " ".join(parts) if parts else "lieu non précisé"
    return f"{place}, {quartier}" if quartier else place


class GrievanceService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now,
                 places: Callable[[], Territories] = territories):
        self._session_factory = session_factory
        self._clock = clock
        self._places = places

    def record(self, conversation_id: str, draft: Draft) -> Recorded:
        conversation_id = check_conversation_id(conversation_id)
        unit = self._places().unit_of_postal_code(draft.postal_code)
        departement = postal_code_to_departement(draft.postal_code) if draft.postal_code else None

        def work(session: Session) -> Recorded:
            now = self._clock()
            citizen = get_or_create_citizen(session, conversation_id, now)
            note_departement(citizen, departement)
            item = Grievance(
                citizen_id=citizen.id, kind=draft.kind, text=clean_text(draft.text),
                theme=draft.theme, commune=draft.commune, postal_code=draft.postal_code,
                departement=departement, quartier=draft.quartier,
                unit_code=unit.code if unit else None, visibility=draft.visibility,
                notify_any_time=draft.notify_any_time, created_at=now, updated_at=now,
            )
            session.add(item)
            session.flush()
            return Recorded(item.id, reference_of(item.id), unit.name if unit else None)

        return run_in_transaction(self._session_factory, work)

    def items_of(self, conversation_id: str) -> list[CitizenItem]:
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> list[CitizenItem]:
            rows = session.scalars(
                select(Grievance).join(Citizen, Citizen.id == Grievance.citizen_id)
                .where(Citizen.conversation_id == conversation_id)
                .order_by(Grievance.created_at, Grievance.id)
            ).all()
            return [_citizen_item(row) for row in rows]

        return run_in_transaction(self._session_factory, work)

    def withdraw(self, conversation_id: str, grievance_id: int) -> Change:
        def change(session: Session, item: Grievance, now: datetime) -> None:
            item.status = STATUS_WITHDRAWN
            item.updated_at = now

        return self._change_own(conversation_id, grievance_id, change)

    def add_detail(self, conversation_id: str, grievance_id: int, text: str) -> Change:
        detail = clean_text(text)
        if not detail:
            raise ValueError("an empty detail")

        def change(session: Session, item: Grievance, now: datetime) -> None:
            session.add(GrievanceDetail(grievance_id=item.id, text=detail, at=now))
            item.updated_at = now

        return self._change_own(conversation_id, grievance_id, change)

    def _change_own(self, conversation_id: str, grievance_id: int,
                    change: Callable[[Session, Grievance, datetime], None]) -> Change:
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> Change:
            item = session.scalars(
                select(Grievance).join(Citizen, Citizen.id == Grievance.citizen_id)
                .where(Citizen.conversation_id == conversation_id, Grievance.id == grievance_id)
                .with_for_update()
            ).one_or_none()
            if item is None:
                return Change(NOT_FOUND, None)
            if item.status not in OPEN_STATUSES:
                return Change(CLOSED, _citizen_item(item))
            change(session, item, self._clock())
            session.flush()
            return Change(DONE, _citizen_item(item))

        return run_in_transaction(self._session_factory, work)


def notice_for(session: Session, item: Grievance, key: str, now: datetime, **values: str) -> None:
    """Write the notice `key` (relais/content/grievances.yml, notices) for the item's citizen,
    due when quiet hours allow."""
    texts = grievance_texts()
    text = texts.notices[key].format(
        kind_lower=texts.kinds[item.kind].lower(), reference=reference_of(item.id),
        summary=summary_of(item.text), **values,
    )
    outbox.write(session, [outbox.Outgoing(
        citizen_id=item.citizen_id, kind=OUTBOX_GRIEVANCE, due_at=due_at(now, item.notify_any_time),
        replies=[outbox.reply(text, silent=True)])], now)


def _citizen_item(row: Grievance) -> CitizenItem:
    return CitizenItem(
        id=row.id, reference=reference_of(row.id), kind=row.kind, summary=summary_of(row.text),
        where=place_of(row.postal_code, row.commune, row.quartier), status=row.status,
        custom_status=row.custom_status, answer=row.answer, created_at=row.created_at,
    )

