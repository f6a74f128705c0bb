"""Data rights of the citizen: export everything kept about them, or erase it.

Both cover Relais' tables and Rasa's tracker events (`events`, column `sender_id`) when that
table is in the same database. The Rasa sender id is the conversation id (the Telegram chat id).

The export is the citizen's data, not the service's internals: it leaves out who among the
coaches handled a case (their Telegram ids, in cases, audit lines and the metadata of the
messages they sent) and the coaches' internal closing notes.

The export is data; the summary the citizen reads beside it is actions/data_rights_text.py.
"""

import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from relais.database import SessionFactory, rowcount
from relais.grievances import reference_of
from relais.models import (
    INBOX_DONE,
    RASA_EVENTS,
    AlertSubscription,
    Case,
    CaseAudit,
    CaseTopic,
    CheckinPlan,
    Citizen,
    Enrolment,
    EventRecipient,
    Grievance,
    GrievanceDetail,
    GrievanceNote,
    HeldMessage,
    InboxEntry,
    Need,
    OutboxMessage,
    ProgressEntry,
    SentKeyboard,
    TopicMessage,
    rasa_events_exist,
    utc_now,
)
from relais.services.citizens import check_conversation_id, find_citizen
from relais.services.topic_erasure import request_topic_erasures
from relais.services.unit_of_work import run_in_transaction

EXPORT_FORMAT = "relais-export/1"


class DataRightsService:
    def __init__(self, session_factory: SessionFactory, clock: Callable[[], datetime] = utc_now):
        self._session_factory = session_factory
        self._clock = clock

    def export(self, conversation_id: str) -> dict[str, Any]:
        """Everything kept about the citizen, as a JSON-serialisable dict (dates in ISO 8601,
        UTC). Works for a citizen we hold nothing about (empty lists, citizen None)."""
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> dict[str, Any]:
            citizen = find_citizen(session, conversation_id)
            document = {
                "format": EXPORT_FORMAT,
                "exported_at": _iso(self._clock()),
                "conversation_id": conversation_id,
                "citizen": None,
                "consent": None,
                "enrolments": [],
                "needs": [],
                "progress": [],
                "cases": [],
                "conversation": _conversation(session, conversation_id),
            }
            if citizen is not None:
                document.update(_citizen_data(session, citizen))
            return document

        return run_in_transaction(self._session_factory, work)

    def erase(self, conversation_id: str) -> dict[str, int]:
        """Delete every row of the citizen, Relais' tables and Rasa's events, in one
        transaction. Returns the number of rows deleted per table.

        Call it when Rasa is NOT processing a message of this conversation (e.g. from the
        Telegram edge, after the turn that confirmed the erasure): at the end of a turn Rasa's
        SQL tracker store writes back every event of its in-memory tracker that it does not
        find in the table, so events erased during the turn (from a custom action) come back.

        The topics of the citizen's cases in the coaches' group (their card with the last
        messages, the relayed messages and photos) are left to delete (relais_topic_erasures),
        in the same transaction: the Telegram edge deletes them from Telegram.
        """
        conversation_id = check_conversation_id(conversation_id)

        def work(session: Session) -> dict[str, int]:
            citizen = find_citizen(session, conversation_id)
            counts = {}
            # Children first: the counts do not depend on ON DELETE CASCADE being enforced.
            case_ids = select(Case.id).where(Case.citizen_id == (citizen.id if citizen else -1))
            request_topic_erasures(session, case_ids, self._clock())
            topics = select(CaseTopic.chat_id, CaseTopic.thread_id).where(CaseTopic.case_id.in_(case_ids))
            counts[TopicMessage.__tablename__] = _delete(session, delete(TopicMessage).where(
                tuple_(TopicMessage.chat_id, TopicMessage.thread_id).in_(topics)))
            for of_case in (CaseAudit, CaseTopic, HeldMessage):
                counts[of_case.__tablename__] = _delete(
                    session, delete(of_case).where(of_case.case_id.in_(case_ids))
                )
            # Their doléances and envies, with the details and the agents' notes (the agents'
            # audit keeps only an item id and no text).
            items = select(Grievance.id).where(Grievance.citizen_id == (citizen.id if citizen else -1))
            for of_item in (GrievanceDetail, GrievanceNote):
                counts[of_item.__tablename__] = _delete(
                    session, delete(of_item).where(of_item.grievance_id.in_(items)))
            # What Relais was to send them first (alerts, news, check-ins), the alerts they got
            # and their answers, their alert subscription and check-in plan.
            for of_citizen in (ProgressEntry, Enrolment, Need, Case, Grievance, OutboxMessage,
                               EventRecipient, AlertSubscription, CheckinPlan):
                counts[of_citizen.__tablename__] = (
                    _delete(session, delete(of_citizen).where(of_citizen.citizen_id == citizen.id))
                    if citizen
                    else 0
                )
            counts[Citizen.__tablename__] = (
                _delete(session, delete(Citizen).where(Citizen.id == citizen.id)) if citizen else 0
            )
            # What the Telegram edge holds for the chat: sent keyboards, and finished inbox
            # entries. Unfinished ones stay: erasure runs during a turn of the edge, which must
            # still deliver its confirmation and answer what the citizen sent next; an entry's
            # content is cleared when it is finished.
            counts[SentKeyboard.__tablename__] = _delete(
                session, delete(SentKeyboard).where(SentKeyboard.chat_id == conversation_id)
            )
            counts[InboxEntry.__tablename__] = _delete(session, delete(InboxEntry).where(
                InboxEntry.chat_id == conversation_id, InboxEntry.status == INBOX_DONE
            ))
            events = RASA_EVENTS.delete().where(RASA_EVENTS.c.sender_id == conversation_id)
            counts[RASA_EVENTS.name] = (
                _delete(session, events) if rasa_events_exist(session) else 0
            )
            return counts

        return run_in_transaction(self._session_factory, work)


def _citizen_data(session: Session, citizen: Citizen) -> dict[str, Any]:
    enrolments = session.scalars(
        select(Enrolment).where(Enrolment.citizen_id == citizen.id).order_by(Enrolment.started_at)
    ).all()
    needs = session.scalars(
        select(Need).where(Need.citizen_id == citizen.id).order_by(Need.at, Need.id)).all()
    progress = session.scalars(
        select(ProgressEntry)
        .where(ProgressEntry.citizen_id == citizen.id)
        .order_by(ProgressEntry.created_at, ProgressEntry.id)
    ).all()
    cases = session.scalars(
        select(Case).where(Case.citizen_id == citizen.id).order_by(Case.opened_at, Case.id)
    ).all()
    return {
        "citizen": {"created_at": _iso(citizen.created_at), "departement": citizen.departement},
        "consent": {
            "status": citizen.consent_status,
            "at": _iso(citizen.consent_at),
            "notice_version": citizen.consent_notice_version,
        },
        "enrolments": [
            {
                "track": enrolment.track,
                "phase": enrolment.phase,
                "started_at": _iso(enrolment.started_at),
                "updated_at": _iso(enrolment.updated_at),
            }
            for enrolment in enrolments
        ],
        # The needs Relais answered, as the observatory counts them (without the words).
        "needs": [
            {"track": need.track, "phase": need.phase, "scenario": need.scenario,
             "at": _iso(need.at)}
            for need in needs
        ],
        "progress": [
            {
                "kind": entry.kind,
                "track": entry.track,
                "mood": entry.mood,
                "text": entry.text,
                "created_at": _iso(entry.created_at),
            }
            for entry in progress
        ],
        "cases": [
            {
                "id": case.id,
                "reason": case.reason,
                "priority": case.priority,
                "status": case.status,
                "relais_code": case.relais_code,
                "opened_at": _iso(case.opened_at),
                "taken_at": _iso(case.taken_at),
                "handed_back_at": _iso(case.handed_back_at),
                "closed_at": _iso(case.closed_at),
                # What the citizen asked about being contacted: theirs to read back.
                "contact_wishes": json.loads(case.contact_wishes) if case.contact_wishes else None,
            }
            for case in cases
        ],
        # Their doléances and envies with the unit's answers; never the agents' internal notes.
        "doleances": [_grievance(session, item) for item in session.scalars(
            select(Grievance).where(Grievance.citizen_id == citizen.id).order_by(Grievance.id))],
        # Territorial alerts: the place given for them, and each alert received with the answer.
        "alertes": _alerts(session, citizen.id),
    }


def _alerts(session: Session, citizen_id: int) -> dict[str, Any]:
    subscription = session.scalars(
        select(AlertSubscription).where(AlertSubscription.citizen_id == citizen_id)).one_or_none()
    received = session.scalars(select(EventRecipient).where(EventRecipient.citizen_id == citizen_id)
                               .order_by(EventRecipient.id)).all()
    return {
        "inscription": {
            "postal_code": subscription.postal_code, "check_on_me": subscription.check_on_me,
            "subscribed_at": _iso(subscription.subscribed_at),
        } if subscription else None,
        "recues": [{"event_id": row.event_id, "alerted_at": _iso(row.alerted_at),
                    "answer": row.answer, "help_track": row.help_track,
                    "answered_at": _iso(row.answered_at)} for row in received],
    }


def _grievance(session: Session, item: Grievance) -> dict[str, Any]:
    details = session.scalars(select(GrievanceDetail).where(GrievanceDetail.grievance_id == item.id)
                              .order_by(GrievanceDetail.at)).all()
    return {
        "reference": reference_of(item.id), "kind": item.kind, "text": item.text, "theme": item.theme,
        "commune": item.commune, "postal_code": item.postal_code, "quartier": item.quartier,
        "visibility": item.visibility, "status": item.status, "status_reason": item.status_reason,
        "answer": item.answer, "answered_at": _iso(item.answered_at), "created_at": _iso(item.created_at),
        "details": [{"text": detail.text, "at": _iso(detail.at)} for detail in details],
    }


# Who wrote a message of the conversation, as the citizen reads it in the export.
_AUTHORS = {"user": "vous", "bot": "Relais"}


def _conversation(session: Session, conversation_id: str) -> list[dict[str, Any]]:
    """The messages exchanged, in order: who, when, what. Rasa's technical events (actions,
    policies, model ids, slots) describe how Relais worked, not the citizen: left out."""
    if not rasa_events_exist(session):
        return []
    rows = session.execute(
        select(RASA_EVENTS)
        .where(RASA_EVENTS.c.sender_id == conversation_id)
        .where(RASA_EVENTS.c.type_name.in_(tuple(_AUTHORS)))
        .order_by(RASA_EVENTS.c.id)
    ).mappings()
    messages = []
    for row in rows:
        data = _without_coach(_json_or_text(row["data"]))
        text = data.get("text") if isinstance(data, dict) else None
        if text:
            messages.append({"at": _iso_from_epoch(row["timestamp"]),
                             "from": _AUTHORS[row["type_name"]], "text": text})
    return messages


# Metadata of the events the coach desk records: the Telegram id of the coach who wrote.
INTERNAL_EVENT_METADATA = ("coach",)


def _without_coach(data: object) -> object:
    """An event as the citizen may see it: without the coach's Telegram id (the coach's first
    name stays in the text: the citizen read it in the chat)."""
    if not isinstance(data, dict) or not isinstance(data.get("metadata"), dict):
        return data
    metadata = {key: value for key, value in data["metadata"].items()
                if key not in INTERNAL_EVENT_METADATA}
    return {**data, "metadata": metadata}


def _delete(session: Session, statement: Executable) -> int:
    return rowcount(session.execute(statement, execution_options={"synchronize_session": False}))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _iso_from_epoch(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).isoformat()


def _json_or_text(data: str | None) -> object:
    """Rasa stores each event as a JSON string; keep it as a value, or as text if not JSON."""
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return data
